package wire

import (
	"encoding/binary"
	"math/bits"
)

// Checksum returns the Internet checksum of b (RFC 1071): the ones'
// complement of the ones' complement sum of b taken as big-endian 16-bit
// words, an odd last byte padded with a zero byte on the right.
//
// Over a header whose checksum field is already filled in, Checksum returns 0
// exactly when the field is right (RFC 1071 §1, step (3)).
func Checksum(b []byte) uint16 {
	return ^fold(sum(b, 0))
}

// TCPChecksum returns the TCP checksum of seg, the whole TCP segment (header,
// options and payload), sent from src to dst: the Internet checksum over the
// IPv4 pseudo-header (source, destination, zero, protocol 6, TCP length) and
// seg (RFC 9293 §3.1, "Checksum").
//
// As with Checksum, the result over a segment whose checksum field is filled
// in is 0 exactly when that field is right. len(seg) must fit the 16-bit TCP
// length of the pseudo-header.
func TCPChecksum(src, dst [4]byte, seg []byte) uint16 {
	return ^fold(sum(seg, pseudoHeaderSum(src, dst, len(seg))))
}

// pseudoHeaderSum is the ones' complement sum, not yet folded, of the IPv4
// pseudo-header of RFC 9293 §3.1: the two addresses, a zero byte, the
// protocol number and the TCP length.
func pseudoHeaderSum(src, dst [4]byte, tcpLen int) uint64 {
	return uint64(binary.BigEndian.Uint32(src[:])) +
		uint64(binary.BigEndian.Uint32(dst[:])) +
		uint64(ProtocolTCP) + uint64(uint16(tcpLen))
}

// sum adds b to the running ones' complement sum acc and returns the new,
// unfolded, sum.
//
// Ones' complement addition is commutative and associative, and the carry out
// of any bit position can be added back at the bottom later (RFC 1071 §2,
// (B) and (C)); so b is summed 64 bits at a time with the carries folded back
// in, and the 64-bit result is folded down to 16 bits once, at the end. That
// makes the sum about one add per 8 bytes, which the simulator needs: it
// checksums every segment it carries.
func sum(b []byte, acc uint64) uint64 {
	var carry uint64
	// Four independent 8-byte words per round keep the loop short; the
	// carry chain is what bounds its speed.
	for len(b) >= 32 {
		acc, carry = bits.Add64(acc, binary.BigEndian.Uint64(b[0:8]), carry)
		acc, carry = bits.Add64(acc, binary.BigEndian.Uint64(b[8:16]), carry)
		acc, carry = bits.Add64(acc, binary.BigEndian.Uint64(b[16:24]), carry)
		acc, carry = bits.Add64(acc, binary.BigEndian.Uint64(b[24:32]), carry)
		b = b[32:]
	}
	for len(b) >= 8 {
		acc, carry = bits.Add64(acc, binary.BigEndian.Uint64(b), carry)
		b = b[8:]
	}
	// The tail, at most 7 bytes, still starts on an even offset of the
	// original slice, so its 16-bit words line up with the rest.
	if len(b) >= 4 {
		acc, carry = bits.Add64(acc, uint64(binary.BigEndian.Uint32(b)), carry)
		b = b[4:]
	}
	if len(b) >= 2 {
		acc, carry = bits.Add64(acc, uint64(binary.BigEndian.Uint16(b)), carry)
		b = b[2:]
	}
	if len(b) == 1 {
		// RFC 1071 §4.1: an odd byte is the high half of a last word.
		acc, carry = bits.Add64(acc, uint64(b[0])<<8, carry)
	}
	// The end-around carry: a carry out of bit 63 is worth 1 in ones'
	// complement arithmetic modulo 2^16 (2^64 ≡ 1).
	acc, carry = bits.Add64(acc, carry, 0)
	return acc + carry
}

// fold reduces a 64-bit ones' complement sum to 16 bits, adding every carry
// back in (RFC 1071 §2 (C)).
func fold(acc uint64) uint16 {
	// 2^32 ≡ 1 and 2^16 ≡ 1 modulo 2^16-1, so the halves can be added.
	lo, hi := acc&0xffffffff, acc>>32
	acc = lo + hi // at most 33 bits
	acc = (acc & 0xffff) + (acc >> 16)
	acc = (acc & 0xffff) + (acc >> 16)
	acc = (acc & 0xffff) + (acc >> 16)
	return uint16(acc)
}
