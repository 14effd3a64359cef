package deflate

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inflate reads a stream with the standard library's inflater.
func inflate(t testing.TB, dict, z []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReaderDict(bytes.NewReader(z), dict))
	if err != nil {
		t.Fatalf("compress/flate cannot read the stream: %v", err)
	}
	return out
}

// inputs are texts of every kind the block choice meets: empty, one
// byte, JSON (dynamic codes), random bytes (stored), long runs (copies of
// 258), text longer than the window and than a stored block.
func inputs() map[string][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 70000)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	json, _ := os.ReadFile(filepath.Join("..", "share", "testdata", "full.json"))
	var long strings.Builder
	for i := range 20000 {
		long.WriteString(`{"at_ms":`)
		long.WriteString(strings.Repeat("7", i%5+1))
		long.WriteString(`,"side":"A"},`)
	}
	return map[string][]byte{
		"empty":  {},
		"one":    {'x'},
		"two":    []byte("ab"),
		"json":   json,
		"random": random,
		"zeros":  make([]byte, 100000),
		"long":   []byte(long.String()),
		"abc":    bytes.Repeat([]byte("abc"), 1000),
	}
}

// TestRoundTrip: compress/flate reads back every input, with no
// dictionary, a short one and one longer than the window.
func TestRoundTrip(t *testing.T) {
	bigDict := bytes.Repeat([]byte(`"delay_ms":12.5,"loss":1,`), 2000)
	for _, dict := range [][]byte{nil, []byte(`{"version":1,"title":{"en":"`), bigDict} {
		for name, in := range inputs() {
			z := Compress(nil, dict, in)
			if got := inflate(t, dict, z); !bytes.Equal(got, in) {
				t.Errorf("%s (dict %d bytes): read back %d bytes, want %d", name, len(dict), len(got), len(in))
			}
		}
	}
}

// TestCompresses: the sizes are those of a real compressor: JSON to a
// fraction, random bytes stored (at most 5 bytes per 65535 more), and
// within a few per cent of compress/flate at its best level.
func TestCompresses(t *testing.T) {
	in := inputs()
	for name, data := range in {
		z := Compress(nil, nil, data)
		var ref bytes.Buffer
		zw, _ := flate.NewWriter(&ref, flate.BestCompression)
		zw.Write(data)
		zw.Close()
		t.Logf("%-7s %6d bytes -> %6d (compress/flate level 9: %6d)", name, len(data), len(z), ref.Len())
		if len(z) > ref.Len()*105/100+8 {
			t.Errorf("%s: %d bytes, compress/flate makes %d", name, len(z), ref.Len())
		}
	}
	if n := len(Compress(nil, nil, in["random"])); n > len(in["random"])+10 {
		t.Errorf("random: %d bytes for %d: not stored", n, len(in["random"]))
	}
}

// TestDeterministic pins the output: the settings are part of the
// share-link format (see the package comment), so a change that alters
// any byte must be a new format version, not a quiet edit.
func TestDeterministic(t *testing.T) {
	h := sha256.New()
	for _, name := range []string{"empty", "one", "two", "json", "random", "zeros", "long", "abc"} {
		h.Write(Compress(nil, []byte(`"version":1`), inputs()[name]))
	}
	const want = "84de1a85322e56b1d28ddd7186410287c748e7dc60cc0c3475148881bc032038"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("output changed: sha256 %s, want %s", got, want)
	}
}

// FuzzRoundTrip: any input, any dictionary, reads back.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello hello hello"), []byte("hello"))
	f.Add([]byte{}, []byte{})
	f.Add(bytes.Repeat([]byte{0}, 300), []byte{0, 0, 0})
	f.Fuzz(func(t *testing.T, in, dict []byte) {
		if got := inflate(t, dict, Compress(nil, dict, in)); !bytes.Equal(got, in) {
			t.Fatalf("read back %q, want %q", got, in)
		}
	})
}

// BenchmarkCompress compresses a scenario's JSON with a dictionary, as
// the page does after every edit.
func BenchmarkCompress(b *testing.B) {
	json, _ := os.ReadFile(filepath.Join("..", "share", "testdata", "full.json"))
	dict := json[:len(json)/2]
	for b.Loop() {
		Compress(nil, dict, json)
	}
}
