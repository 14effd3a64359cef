package wire

import (
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// referenceChecksum is RFC 1071 written the slow, obvious way: 16-bit words
// one at a time, an odd last byte padded on the right, carries folded back
// in at the end. The fast sum is checked against it.
func referenceChecksum(b []byte) uint16 {
	var s uint32
	for i := 0; i < len(b); i += 2 {
		w := uint32(b[i]) << 8
		if i+1 < len(b) {
			w |= uint32(b[i+1])
		}
		s += w
	}
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// referenceTCPChecksum builds the RFC 9293 §3.1 pseudo-header as bytes and
// checksums it with the segment.
func referenceTCPChecksum(src, dst [4]byte, seg []byte) uint16 {
	b := append([]byte{}, src[:]...)
	b = append(b, dst[:]...)
	b = append(b, 0, ProtocolTCP, byte(len(seg)>>8), byte(len(seg)))
	return referenceChecksum(append(b, seg...))
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex in test: %v", err)
	}
	return b
}

func TestChecksumKnownVectors(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want uint16
	}{
		{"empty", "", 0xffff},
		{"one zero word", "0000", 0xffff},
		{"all ones word", "ffff", 0x0000},
		// RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 once the
		// carry is folded back, so the checksum is its complement.
		{"RFC 1071 §3 example", "0001f203f4f5f6f7", 0x220d},
		// The odd byte is the high half of a word (RFC 1071 §4.1).
		// ddf2 + ab00 = 1 88f2, folded 88f3, complemented 770c.
		{"odd length", "0001f203f4f5f6f7ab", 0x770c},
		// A well-known IPv4 header (UDP, 192.168.0.1 → 192.168.0.199) with
		// its checksum field zeroed: the field should be b861.
		{"ipv4 header, field zero", "450000730000400040110000c0a80001c0a800c7", 0xb861},
		// Over the same header with the field filled in, the result is 0.
		{"ipv4 header, field filled", "45000073000040004011b861c0a80001c0a800c7", 0x0000},
		// Sums that carry out of 16 bits many times.
		{"many carries", "ffffffffffffffffffffffffffffffffffff0001", 0xfffe},
	}
	for _, tt := range tests {
		b := mustHex(t, tt.hex)
		if got := Checksum(b); got != tt.want {
			t.Errorf("%s: Checksum(%x) = %#04x, want %#04x", tt.name, b, got, tt.want)
		}
		if got := referenceChecksum(b); got != tt.want {
			t.Errorf("%s: referenceChecksum(%x) = %#04x, want %#04x (the test's own reference is wrong)", tt.name, b, got, tt.want)
		}
	}
}

// TestChecksumMatchesReference compares the 8-bytes-at-a-time sum with the
// byte-by-byte reference on random data of every length 0..2000, starting at
// every alignment 0..7 of the underlying array.
func TestChecksumMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 2000+8)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	src, dst := [4]byte{10, 0, 0, 1}, [4]byte{192, 168, 255, 254}
	for align := 0; align < 8; align++ {
		for n := 0; n <= 2000; n++ {
			b := buf[align : align+n]
			if got, want := Checksum(b), referenceChecksum(b); got != want {
				t.Fatalf("Checksum(%d bytes at alignment %d) = %#04x, want %#04x", n, align, got, want)
			}
			if got, want := TCPChecksum(src, dst, b), referenceTCPChecksum(src, dst, b); got != want {
				t.Fatalf("TCPChecksum(%d bytes at alignment %d) = %#04x, want %#04x", n, align, got, want)
			}
		}
	}
}

// TestChecksumAllOnes pins the carry handling: 0xff bytes make every 64-bit
// add carry, which a sum that dropped carries would get wrong.
func TestChecksumAllOnes(t *testing.T) {
	for _, n := range []int{7, 8, 9, 31, 32, 33, 64, 1500, 65535} {
		b := make([]byte, n)
		for i := range b {
			b[i] = 0xff
		}
		if got, want := Checksum(b), referenceChecksum(b); got != want {
			t.Errorf("Checksum(%d×ff) = %#04x, want %#04x", n, got, want)
		}
	}
}

// TestChecksumVerifiesToZero checks RFC 1071's verification rule: with the
// computed checksum placed in the data, the checksum over it all is 0.
func TestChecksumVerifiesToZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 20; n < 200; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		b[10], b[11] = 0, 0
		c := Checksum(b)
		b[10], b[11] = byte(c>>8), byte(c)
		if got := Checksum(b); got != 0 {
			t.Errorf("Checksum(%x) with its checksum filled in = %#04x, want 0", b, got)
		}
	}
}

func BenchmarkChecksum(b *testing.B) {
	buf := make([]byte, 1500)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		Checksum(buf)
	}
}
