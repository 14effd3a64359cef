package main

import (
	"strings"
	"testing"
)

func TestParseAndRatio(t *testing.T) {
	native, err := parse(strings.NewReader("pkg: x/tcp\nBenchmarkBulk-2 \t 10\t 2000 ns/op\t 0 allocs/op\t 150 ns/segment\nPASS\n"))
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := parse(strings.NewReader("pkg: x/tcp\nBenchmarkBulk \t 10\t 5000 ns/op\t 0 allocs/op\t 375 ns/segment\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := native["x/tcp.BenchmarkBulk"]["ns/segment"]; got != 150 {
		t.Errorf("native ns/segment = %v, want 150", got)
	}
	var b strings.Builder
	report(&b, native, wasm)
	for _, want := range []string{"x/tcp.BenchmarkBulk", "ns/op", "2.50×"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
