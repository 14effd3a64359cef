// Command playground is the page's WebAssembly program. Today it runs one
// connection between two real tcpcore endpoints — handshake, a short
// transfer, the 4-way teardown — and lists every segment with the reason it
// was sent. The full views (ladder, state machines, buffers, graphs) replace
// this list as they are built.
//
// Build it with cmd/build, which also copies wasm_exec.js from the same
// toolchain.
package main
