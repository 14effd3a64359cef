// Package client is the page's side of the short-link API (wasm/shortlink):
// what to send to the worker to make a short link, and how to read its
// answer. It is plain Go with no net/http, so the page can call it from
// its fetch code at little cost in size, and it is tested natively
// against the real handler.
//
// The page sends the share fragment as text/plain: that makes the POST a
// CORS "simple request", so the browser sends it without a preflight
// round trip (the worker still checks the Origin). On any failure the
// page falls back to the long link; Answer's error says why, for a
// tooltip or the console.
package client
