// Package digest computes the SHA-256 (FIPS 180-4) of a trace's text for
// the page's determinism hook, data-trace-sha256.
//
// It exists because crypto/sha256 links the whole FIPS 140 module into the
// WebAssembly binary (DRBG, AES, SHA-3, HMAC: about 44 KB after brotli,
// measured), and the page's download budget is 1.2 MB. This is the plain
// algorithm of FIPS 180-4 §6.2, checked against crypto/sha256 in the
// tests; nothing secret goes through it.
package digest

import (
	"encoding/binary"
	"math/bits"
)

var k = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// Hash is a SHA-256 being computed: the page hashes a long trace's text
// a slice at a time, in idle time, instead of making it whole first.
// The zero Hash is not usable: use New.
type Hash struct {
	h     [8]uint32
	block [64]byte
	n     int    // bytes in block
	len   uint64 // bytes written
}

// New returns a Hash with nothing written.
func New() *Hash {
	d := &Hash{}
	d.Reset()
	return d
}

// Reset forgets what was written.
func (d *Hash) Reset() {
	*d = Hash{h: [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}}
}

// Write adds p to the message.
func (d *Hash) Write(p []byte) {
	d.len += uint64(len(p))
	if d.n > 0 {
		c := copy(d.block[d.n:], p)
		d.n += c
		p = p[c:]
		if d.n < 64 {
			return
		}
		d.compress(d.block[:])
		d.n = 0
	}
	for len(p) >= 64 {
		d.compress(p[:64])
		p = p[64:]
	}
	d.n = copy(d.block[:], p)
}

// Sum returns the SHA-256 of what was written, in lowercase hex; d is
// left as it was.
func (d *Hash) Sum() string {
	e := *d
	// The message, a 1 bit, zeros, and the length in bits (§5.1.1).
	var pad [72]byte
	pad[0] = 0x80
	k := 56 - e.n
	if k <= 0 {
		k += 64
	}
	binary.BigEndian.PutUint64(pad[k:], d.len*8)
	e.Write(pad[:k+8])
	const hexDigits = "0123456789abcdef"
	out := make([]byte, 64)
	for i, v := range e.h {
		for j := range 8 {
			out[i*8+j] = hexDigits[v>>(28-4*j)&15]
		}
	}
	return string(out)
}

// SHA256 returns the SHA-256 of s in lowercase hex.
func SHA256(s string) string {
	d := New()
	d.Write([]byte(s))
	return d.Sum()
}

// compress processes one 64-byte block (§6.2.2).
func (d *Hash) compress(block []byte) {
	var w [64]uint32
	h := &d.h
	for i := range 16 {
		w[i] = binary.BigEndian.Uint32(block[i*4:])
	}
	for i := 16; i < 64; i++ {
		s0 := bits.RotateLeft32(w[i-15], -7) ^ bits.RotateLeft32(w[i-15], -18) ^ w[i-15]>>3
		s1 := bits.RotateLeft32(w[i-2], -17) ^ bits.RotateLeft32(w[i-2], -19) ^ w[i-2]>>10
		w[i] = w[i-16] + s0 + w[i-7] + s1
	}
	a, b, c, dd, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for i := range 64 {
		t1 := hh + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) + (e&f ^ ^e&g) + k[i] + w[i]
		t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) + (a&b ^ a&c ^ b&c)
		hh, g, f, e, dd, c, b, a = g, f, e, dd+t1, c, b, a, t1+t2
	}
	h[0] += a
	h[1] += b
	h[2] += c
	h[3] += dd
	h[4] += e
	h[5] += f
	h[6] += g
	h[7] += hh
}
