// Command build turns the repository into the static site in dist/ and can
// serve it locally.
//
//	go run ./cmd/build            # build dist/
//	go run ./cmd/build serve      # build, then serve dist/ on http://127.0.0.1:8080
//
// Building compiles wasm/playground with GOOS=js GOARCH=wasm, copies
// wasm_exec.js from the same toolchain (so the two always match), copies
// site/, gives every asset but index.html a content-hashed name so it can be
// cached forever, rewrites index.html to point at those names, and writes a
// .br and a .gz beside each text and wasm asset.
package main
