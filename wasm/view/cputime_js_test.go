package view

import "testing"

// reportCPU runs f as the benchmark loop (no CPU clock under js: ns/op it is).
func reportCPU(b *testing.B, f func()) {
	for b.Loop() {
		f()
	}
}
