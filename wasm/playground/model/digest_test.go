package model

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/sim"
)

// TestHashSomeInSlicesGivesTheNativeDigest hashes a run a few events at a
// time, as the page does in idle time, and a new run restarts it: the
// digest is the native trace text's each time.
func TestHashSomeInSlicesGivesTheNativeDigest(t *testing.T) {
	native := func(name string) string {
		pr, _ := presets.Lookup(name)
		tr, err := sim.Run(pr.Scenario())
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(tr.Text()))
		return hex.EncodeToString(sum[:])
	}
	pr := presets.All()[0]
	m := New(pr.Scenario(), pr.Name)
	steps := 0
	for !m.HashSome(7) {
		steps++
	}
	if got, want := m.Digest(), native(pr.Name); got != want || steps < 2 {
		t.Errorf("%s in %d slices: digest %s, native %s", pr.Name, steps+1, got, want)
	}
	// Half way through one run, another replaces it.
	other := presets.All()[1]
	m = New(pr.Scenario(), pr.Name)
	if m.HashSome(3) {
		t.Fatalf("%s: 3 events hashed the whole run", pr.Name)
	}
	m.Open(other.Scenario(), other.Name)
	m.HashSome(5)
	if got, want := m.Digest(), native(other.Name); got != want {
		t.Errorf("after opening %s mid-hash: digest %s, native %s", other.Name, got, want)
	}
}
