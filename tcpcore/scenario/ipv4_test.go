package scenario

import (
	"net/netip"
	"testing"
)

// FuzzIPv4AgainstNetip: parseIPv4 accepts what net/netip.ParseAddr accepts
// as an IPv4 address, reads the same bytes, and ipString prints them as
// netip does. The committed corpus is in testdata/fuzz/FuzzIPv4AgainstNetip.
func FuzzIPv4AgainstNetip(f *testing.F) {
	for _, s := range ipv4Cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIPv4(t, s)
	})
}

var ipv4Cases = []string{
	"10.0.0.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3",
	"01.2.3.4", "1.2.3.04", "1.2.3.0", "1.2.3.-4", "1.2.3.4 ", "a.b.c.d", "::ffff:1.2.3.4", "::1", "1.2.3.4%eth0",
	"", "1", "1.2.3.255", "1.2.3.1000", "00.1.2.3",
}

func TestIPv4AgainstNetip(t *testing.T) {
	for _, s := range ipv4Cases {
		checkIPv4(t, s)
	}
}

func checkIPv4(t *testing.T, s string) {
	t.Helper()
	got, ok := parseIPv4(s)
	a, err := netip.ParseAddr(s)
	wantOK := err == nil && a.Is4()
	if ok != wantOK {
		t.Fatalf("parseIPv4(%q) ok = %v, netip: %v, %v", s, ok, a, err)
	}
	if !ok {
		if got != [4]byte{} {
			t.Fatalf("parseIPv4(%q) = %v on failure", s, got)
		}
		return
	}
	if got != a.As4() || ipString(got) != a.String() {
		t.Fatalf("parseIPv4(%q) = %v (%s), netip: %v", s, got, ipString(got), a)
	}
}
