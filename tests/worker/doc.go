//go:build !js

// Package worker tests the short-link worker (wasm/worker) in the real
// local Workers runtime: it builds the worker for js/wasm, starts wrangler
// dev (workerd, with Workers KV persisted to a temporary directory) from
// the wrangler pinned in package.json, and drives the API over HTTP:
// create, idempotent create, fetch, redirect, unknown IDs (KV's "<null>"),
// oversized, invalid and hostile requests, CORS, and links surviving a
// restart of the runtime.
//
// tests/run installs wrangler with `npm ci` here; without it the test
// fails (it never skips).
package worker
