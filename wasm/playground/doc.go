// Command playground is the page's WebAssembly program: the TCP Playground
// itself. It reads the scenario from the URL fragment (#p=<preset> or
// #s=<shared scenario>), runs it, and draws every view of the run — the
// ladder diagram, both state machines, the buffers, the graphs, the
// time-sequence graph, the segment inspector, the narration and the event
// list — around one time cursor that playback, stepping and scrubbing
// move. The scenario editor and direct manipulation on the ladder edit the
// scenario and re-run it, with undo and redo, and the URL follows.
//
// The state lives in package model and the interface strings in package
// i18n, both pure Go and tested on the host; the packet breakdown of the
// inspector is package inspect. Only the *_js.go files here touch the DOM:
// event listeners change the model and nothing else, and one
// requestAnimationFrame loop advances playback and redraws what changed.
//
// The ladder zooms and pans (zoom_js.go: ctrl+wheel or pinch at the
// pointer, a drag, buttons and keys) over the span package view's Span
// keeps inside the run; that is view state, like the theme, so it is in
// neither undo nor the URL.
//
// "Copy link" (sharelink_js.go) gives the long link; where the build named
// a short-link worker (cmd/build -shortlinks) it is "Copy short link",
// which asks the worker (wasm/shortlink/client) and falls back to the long
// link when it cannot.
//
// Build it with cmd/build, which also copies wasm_exec.js from the same
// toolchain.
package main
