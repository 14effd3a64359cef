//go:build !js

// Package worker tests the short-link worker (wasm/worker) in the real
// local Workers runtime: it builds the worker for js/wasm, starts wrangler
// dev (workerd, with Workers KV persisted to a temporary directory) from
// the wrangler pinned in package.json, and drives the API over HTTP:
// create, idempotent create (from JSON, a fragment and pasted links),
// fetch, redirect, HEAD, unknown IDs (KV's "<null>"; a browser gets a
// page), malformed and hostile IDs, oversized, invalid and hostile bodies
// (markup, huge numbers, deep nesting, wrong Content-Types), wrong
// methods, CORS, and links surviving a restart of the runtime. Running the real runtime
// matters: it is where HEAD requests once failed with 500, which the
// handler's native tests could not see.
//
// tests/run installs wrangler with `npm ci` here; without it the test
// fails (it never skips).
package worker
