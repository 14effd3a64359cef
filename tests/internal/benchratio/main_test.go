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

// With -count, the fastest run of each benchmark is the one reported.
func TestParseKeepsFastestRun(t *testing.T) {
	got, err := parse(strings.NewReader("pkg: x/sim\n" +
		"BenchmarkBulk-2 \t 10\t 3000 ns/op\t 7 allocs/op\n" +
		"BenchmarkBulk-2 \t 10\t 2000 ns/op\t 5 allocs/op\n" +
		"BenchmarkBulk-2 \t 10\t 2500 ns/op\t 6 allocs/op\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r := got["x/sim.BenchmarkBulk"]; r["ns/op"] != 2000 || r["allocs/op"] != 5 {
		t.Errorf("parse kept %v, want the 2000 ns/op run", r)
	}
}
