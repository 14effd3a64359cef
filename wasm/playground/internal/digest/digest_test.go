package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestSHA256MatchesCrypto(t *testing.T) {
	// Every length around the padding boundaries (55, 56, 63, 64 bytes),
	// and a long text.
	var inputs []string
	for n := range 200 {
		inputs = append(inputs, strings.Repeat("a", n))
	}
	inputs = append(inputs, strings.Repeat("0.010000 B<A S 0:0(0) win 65535\n", 5000))
	for _, s := range inputs {
		want := sha256.Sum256([]byte(s))
		if got := SHA256(s); got != hex.EncodeToString(want[:]) {
			t.Errorf("SHA256(%d bytes) = %s, want %x", len(s), got, want)
		}
	}
}

// TestHashInPieces writes a text in pieces of every size from 1 to 130
// bytes: the digest is the whole text's.
func TestHashInPieces(t *testing.T) {
	s := strings.Repeat("0.010000 B<A S 0:0(0) win 65535\n", 300) + "tail"
	want := sha256.Sum256([]byte(s))
	for size := 1; size <= 130; size++ {
		d := New()
		for i := 0; i < len(s); i += size {
			d.Write([]byte(s[i:min(i+size, len(s))]))
		}
		if got := d.Sum(); got != hex.EncodeToString(want[:]) {
			t.Fatalf("in pieces of %d bytes: %s, want %x", size, got, want)
		}
		if again := d.Sum(); again != hex.EncodeToString(want[:]) {
			t.Fatalf("Sum changed the hash")
		}
	}
}

func FuzzSHA256(f *testing.F) {
	f.Add("abc")
	f.Fuzz(func(t *testing.T, s string) {
		want := sha256.Sum256([]byte(s))
		if got := SHA256(s); got != hex.EncodeToString(want[:]) {
			t.Fatalf("SHA256(%q) = %s, want %x", s, got, want)
		}
	})
}
