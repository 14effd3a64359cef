// Command build turns the repository into the static site in dist/ and can
// serve it locally.
//
//	go run ./cmd/build            # build dist/
//	go run ./cmd/build serve      # build, then serve dist/ on http://127.0.0.1:8080
//	go run ./cmd/build offline    # write tcp-playground.html (-o FILE), one self-contained file
//
// Building compiles wasm/playground with GOOS=js GOARCH=wasm, copies
// wasm_exec.js from the same toolchain (so the two always match) and
// everything under site/. The entry points (index.html, sw.js,
// manifest.webmanifest) keep their names; every other file gets a
// content-hashed name under assets/ so that it can be cached forever, and
// the page and the manifest are rewritten to those names; the page also gets
// a preload of the module and its size for the progress bar, and sw.js the
// list of files to precache. A .br and a .gz twin is written beside each
// text and wasm file.
//
// serve sends the headers netlify.toml declares (package
// cmd/build/netlify), so a local run sees the deployed
// Content-Security-Policy and caching.
//
// -shortlinks URL names the short-link worker (wasm/worker): the page gets
// it as <meta name="tcpplayground-shortlinks"> and offers "Copy short
// link"; serve also adds its origin to the CSP's connect-src, which a
// deployer adds to netlify.toml by hand (README). The offline file never
// has it: its CSP allows no fetch.
//
// offline writes the page as one HTML file with everything inline (the
// module gzip-compressed and base64-encoded) and a CSP of its own that
// allows no fetch at all, for use from file:// with no network. Building
// also publishes that file as dist/tcp-playground.html, to download.
// -public URL names the playground's public address in it (<meta
// name="tcpplayground-public">): its Copy link then gives the scenario on
// that page, since a file:// link opens nothing on another computer;
// without it, Copy link gives the file's link and says it works only
// there. On a Netlify build it defaults to Netlify's URL variable (the
// site's main address), so the file the deployed site publishes links to
// the site; elsewhere, since nothing in the repository names a public
// address, it has no default.
package main
