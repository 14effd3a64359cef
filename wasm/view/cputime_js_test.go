package view

import "testing"

// reportCPU runs f as the benchmark loop (no CPU clock under js: ns/op it is).
//
// f runs once first, untimed: what a view builds on first use (a graph's
// track, the ladder's classes, the limits) is built once per run, not per
// frame.
func reportCPU(b *testing.B, f func()) {
	f()
	for b.Loop() {
		f()
	}
}
