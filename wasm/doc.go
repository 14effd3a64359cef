// Package wasm is the root of TCP Playground's browser side: the page's Go
// WebAssembly front end (built with GOOS=js GOARCH=wasm) and, later, the
// pure-Go view layer it draws with and the Cloudflare Worker for short links.
//
// Only files named *_js.go touch the DOM (honnef.co/go/js/dom/v2), so
// everything else here is tested natively.
package wasm
