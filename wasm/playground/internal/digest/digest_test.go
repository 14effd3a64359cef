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

func FuzzSHA256(f *testing.F) {
	f.Add("abc")
	f.Fuzz(func(t *testing.T, s string) {
		want := sha256.Sum256([]byte(s))
		if got := SHA256(s); got != hex.EncodeToString(want[:]) {
			t.Fatalf("SHA256(%q) = %s, want %x", s, got, want)
		}
	})
}
