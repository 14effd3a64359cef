// Package workertest builds the short-link worker (wasm/worker) and runs
// it in the real local Workers runtime, wrangler dev (workerd with Workers
// KV persisted to a directory), for tests/worker and tests/browser.
//
// wrangler is the one pinned in tests/worker/package.json, installed there
// by `npm ci` (tests/run does it); without it Start fails, so a test that
// needs the worker fails rather than skips.
package workertest
