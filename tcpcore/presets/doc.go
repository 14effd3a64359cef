// Package presets holds the built-in scenarios the page's menu offers and
// tcpsim runs by name: small, readable runs that each show one TCP
// behaviour a first course teaches (the handshake, TIME-WAIT, a lost SYN,
// fast retransmit, a zero window, …), grouped into topics.
//
// Each preset is a scenario JSON document in data/, embedded in the
// binary, so a preset is exactly what a user could paste or share. Its
// title and description (English and Chinese) are the scenario's own; the
// description says what to watch for. Topics and the menu order are the
// table in presets.go.
//
// The tests hold every preset to its promise: each decodes, each trace
// shows the behaviour its title names (a lost SYN is retransmitted after
// a doubled RTO, a zero window draws persist probes, …), each trace
// matches its golden file in testdata natively and under GOOS=js
// GOARCH=wasm, and a benchmark per preset keeps it under the 10 ms budget.
package presets
