package presets

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tcpplayground/tcpcore/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden and testdata/digests.txt")

const digestsFile = "testdata/digests.txt"

// TestGolden runs every preset and compares its trace's Text() with
// testdata/<name>.golden, and the SHA-256 of that text with
// testdata/digests.txt (the digest the page publishes as
// data-trace-sha256, so the browser tests compare against this file).
//
// tests/run runs this package natively and under GOOS=js GOARCH=wasm in
// Node: the two runs passing against the same files is the test that the
// trace of every preset is byte-identical natively and under wasm.
//
// go test -update rewrites the golden files and the digests; read the
// diff before committing.
func TestGolden(t *testing.T) {
	want := readDigests(t)
	got := map[string]string{}
	for _, p := range All() {
		t.Run(p.Name, func(t *testing.T) {
			tr, err := sim.Run(p.Scenario())
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			text := tr.Text()
			sum := sha256.Sum256([]byte(text))
			got[p.Name] = hex.EncodeToString(sum[:])
			golden := filepath.Join("testdata", p.Name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want[p.Name] != got[p.Name] {
				t.Errorf("sha256 of the trace = %s, %s has %q", got[p.Name], digestsFile, want[p.Name])
			}
			wantText, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update creates it)", err)
			}
			if text != string(wantText) {
				gl, wl := strings.Split(text, "\n"), strings.Split(string(wantText), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("trace differs from %s at line %d:\ngot  %s\nwant %s", golden, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("trace has %d lines, %s has %d", len(gl), golden, len(wl))
			}
		})
	}
	if *update {
		var b bytes.Buffer
		b.WriteString("# name sha256(trace.Text()), written by go test -update; TestGolden checks it\n")
		for _, p := range All() {
			fmt.Fprintf(&b, "%s %s\n", p.Name, got[p.Name])
		}
		if err := os.WriteFile(digestsFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for name := range want {
		if _, ok := Lookup(name); !ok {
			t.Errorf("%s names %q, which is no preset", digestsFile, name)
		}
	}
	files, _ := filepath.Glob("testdata/*.golden")
	for _, f := range files {
		if _, ok := Lookup(strings.TrimSuffix(filepath.Base(f), ".golden")); !ok {
			t.Errorf("%s belongs to no preset", f)
		}
	}
}

// readDigests reads digests.txt: "name sha256" lines, # comments.
func readDigests(t *testing.T) map[string]string {
	t.Helper()
	m := map[string]string{}
	b, err := os.ReadFile(digestsFile)
	if err != nil {
		if *update {
			return m
		}
		t.Fatalf("%v (go test -update creates it)", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, sum, ok := strings.Cut(line, " ")
		if !ok || len(sum) != 64 {
			t.Fatalf("%s: bad line %q (want name and 64 hex digits)", digestsFile, line)
		}
		m[name] = sum
	}
	return m
}

// BenchmarkPreset simulates each preset: the budget is under 10 ms natively
// for every one (tests/bench reports native and wasm side by side).
func BenchmarkPreset(b *testing.B) {
	for _, p := range All() {
		sc := p.Scenario()
		b.Run(p.Name, func(b *testing.B) {
			for b.Loop() {
				if _, err := sim.Run(sc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
