package wire

import (
	"encoding/binary"
	"slices"

	"tcpplayground/tcpcore/seq"
)

// TCPHeaderLen is the length of the fixed TCP header, without options
// (RFC 9293 §3.1).
const TCPHeaderLen = 20

// maxTCPLen is the largest TCP segment whose length fits the 16-bit TCP
// length of the pseudo-header and the IPv4 total length.
const maxTCPLen = 0xffff - IPv4HeaderLen

// HeaderLen is the length of the TCP header AppendTCP writes for s: 20 bytes
// plus its options.
func (s *Segment) HeaderLen() int { return TCPHeaderLen + s.Options.Len() }

// AppendTCP appends s as a TCP segment sent from src to dst — header, options
// in Linux's layout (see AppendOptions), payload — with the data offset and
// the checksum (pseudo-header included, RFC 9293 §3.1) filled in. It does
// not allocate when b has room for the segment.
//
// The reserved bits are written as zero. AppendTCP panics if the segment is
// longer than an IPv4 packet can carry (65515 bytes of TCP), a bug in the
// caller: nothing on the simulated link comes close.
func (s *Segment) AppendTCP(b []byte, src, dst [4]byte) []byte {
	start := len(b)
	b = s.appendTCP(b)
	tcp := b[start:]
	binary.BigEndian.PutUint16(tcp[16:18], TCPChecksum(src, dst, tcp))
	return b
}

// appendTCP appends the segment with a zero checksum field.
func (s *Segment) appendTCP(b []byte) []byte {
	start := len(b)
	room := maxTCPHeaderLen + len(s.Payload)
	b = slices.Grow(b, room)
	n := s.putTCP(b[start : start+room])
	return b[:start+n]
}

// maxTCPHeaderLen is the longest TCP header, options included: the room
// putTCP is given before it knows how long the options are.
const maxTCPHeaderLen = TCPHeaderLen + MaxOptionsLen

// putTCP writes the segment, with a zero checksum field, at the start of
// t, which has room for the longest header (maxTCPHeaderLen) and the
// payload, and returns its length. It panics if the segment is too long
// for an IPv4 packet. The options are written first, as their length, the
// data offset, is known only then: measuring them beforehand (Options.Len)
// would walk them twice, at a call each for every packet under
// WebAssembly. The fixed header is then written field by field rather
// than appended: each append is a capacity check, a taken branch under
// WebAssembly.
func (s *Segment) putTCP(t []byte) int {
	opts := AppendOptions(t[TCPHeaderLen:TCPHeaderLen:maxTCPHeaderLen], &s.Options)
	hl := TCPHeaderLen + len(opts)
	n := hl + len(s.Payload)
	if n > maxTCPLen {
		panic("wire: TCP segment of " + itoa(n) + " bytes does not fit in an IPv4 packet")
	}
	_ = t[TCPHeaderLen-1]
	binary.BigEndian.PutUint16(t[0:], s.SrcPort)
	binary.BigEndian.PutUint16(t[2:], s.DstPort)
	binary.BigEndian.PutUint32(t[4:], uint32(s.Seq))
	binary.BigEndian.PutUint32(t[8:], uint32(s.Ack))
	t[12], t[13] = byte(hl/4)<<4, byte(s.Flags)
	binary.BigEndian.PutUint16(t[14:], s.Window)
	t[16], t[17] = 0, 0 // checksum, filled in by the caller
	binary.BigEndian.PutUint16(t[18:], s.Urgent)
	copy(t[hl:n], s.Payload)
	return n
}

// ParseTCP parses b, a whole TCP segment received from src to dst (the
// addresses feed the pseudo-header of the checksum).
//
// The returned Segment's Payload aliases b. Errors wrap ErrShortHeader (under
// 20 bytes), ErrDataOffset (below 5 words, or past the end of b),
// ErrBadChecksum or ErrBadOption. With ErrBadChecksum and ErrBadOption the
// Segment is still returned, as far as it could be parsed, so a tracer can
// show what arrived; a bad checksum is reported before a bad option, since
// corruption is the likelier cause of both (RFC 9293 §3.10.7: a segment
// failing the checksum is discarded before anything else is looked at).
// The reserved bits are ignored.
func ParseTCP(b []byte, src, dst [4]byte) (Segment, error) {
	var s Segment
	err := parseTCP(b, src, dst, &s)
	return s, err
}

// parseTCP is ParseTCP writing every field of *s. The header fields and
// options are stored one by one rather than by clearing *s first, which
// under WebAssembly would be a memory.fill call for every packet.
func parseTCP(b []byte, src, dst [4]byte, s *Segment) error {
	if len(b) < TCPHeaderLen {
		*s = Segment{}
		return wrap(ErrShortHeader, "tcp: "+itoa(len(b))+" bytes, want at least 20")
	}
	hl := int(b[12]>>4) * 4
	if hl < TCPHeaderLen {
		*s = Segment{}
		return wrap(ErrDataOffset, "tcp: data offset "+itoa(hl/4)+" words, want at least 5")
	}
	if hl > len(b) {
		*s = Segment{}
		return wrap(ErrDataOffset, "tcp: data offset "+itoa(hl/4)+" words ("+itoa(hl)+" bytes) past the end of the "+itoa(len(b))+"-byte segment")
	}
	s.SrcPort = binary.BigEndian.Uint16(b[0:2])
	s.DstPort = binary.BigEndian.Uint16(b[2:4])
	s.Seq = seq.Seq(binary.BigEndian.Uint32(b[4:8]))
	s.Ack = seq.Seq(binary.BigEndian.Uint32(b[8:12]))
	s.Flags = Flags(b[13])
	s.Window = binary.BigEndian.Uint16(b[14:16])
	s.Urgent = binary.BigEndian.Uint16(b[18:20])
	s.Payload = b[hl:len(b):len(b)]
	o := &s.Options
	o.MSS, o.HasWScale, o.WScale, o.SACKPermitted, o.HasTS, o.TSVal, o.TSEcr = 0, false, 0, false, false, 0, 0
	o.SACK, o.NumSACK = [MaxSACKBlocks]SACKBlock{}, 0
	optErr := parseOptions(b[TCPHeaderLen:hl], o, TCPHeaderLen)

	if len(b) <= 0xffff {
		if total := sum(b, pseudoHeaderSum(src, dst, len(b))); fold(total) != 0xffff {
			return checksumError("tcp", total, binary.BigEndian.Uint16(b[16:18]))
		}
	} else {
		// The pseudo-header's 16-bit length cannot describe b.
		return wrap(ErrBadChecksum, "tcp: "+itoa(len(b))+" bytes, too long for the pseudo-header")
	}
	return optErr
}

// checksumError reports a checksum that does not verify: what the field holds
// and what it should hold. total is the unfolded sum over everything, the
// field included.
func checksumError(layer string, total uint64, field uint16) error {
	// Taking the field back out of the sum (adding its ones' complement)
	// leaves the sum the sender should have complemented into the field.
	want := ^fold(total + uint64(^field))
	return wrap(ErrBadChecksum, layer+": checksum "+hex16(field)+", want "+hex16(want))
}
