// Command worker is the optional short-link service of TCP Playground: a
// Cloudflare Worker in Go (github.com/syumai/workers) that serves the
// wasm/shortlink API with Workers KV (binding LINKS) as its store.
//
// Its settings come from wrangler.toml [vars]: PAGE_URL, the page short
// links open (and the only origin CORS allows), and LINK_BASE, the public
// URL of the worker (optional; without it, the URL requests arrive at).
// Build, test and deploy it as the README's "Short links (optional
// Worker)" says; the build output goes to wasm/worker/build/.
package main
