package wire

import (
	"encoding/binary"
	"slices"
)

// IPv4HeaderLen is the length of an IPv4 header without options (RFC 791
// §3.1), the only kind AppendIPv4TCP writes.
const IPv4HeaderLen = 20

// ProtocolTCP is TCP's IP protocol number.
const ProtocolTCP = 6

// DefaultTTL is the time to live Linux gives its packets
// (net.ipv4.ip_default_ttl), for callers that have no reason to choose.
const DefaultTTL = 64

// ECN is the ECN field of an IPv4 header, the low two bits of the old TOS
// byte (RFC 3168 §5).
type ECN uint8

// The ECN codepoints (RFC 3168 §5).
const (
	NotECT ECN = 0b00 // not ECN-capable transport
	ECT1   ECN = 0b01 // ECN-capable transport, ECT(1)
	ECT0   ECN = 0b10 // ECN-capable transport, ECT(0)
	CE     ECN = 0b11 // congestion experienced
)

// String returns the codepoint's name as RFC 3168 writes it.
func (e ECN) String() string {
	switch e & 3 {
	case NotECT:
		return "Not-ECT"
	case ECT1:
		return "ECT(1)"
	case ECT0:
		return "ECT(0)"
	}
	return "CE"
}

// IPv4Header is the IPv4 header of a packet carrying TCP (RFC 791 §3.1).
// IP options are never written, and skipped when parsing.
type IPv4Header struct {
	// TOS is the old type-of-service byte: the DSCP in the high six bits,
	// the ECN field in the low two (RFC 2474, RFC 3168).
	TOS uint8
	// ID is the identification field. With DF set nothing reassembles by it,
	// but Linux still counts it up per packet, and so can the simulator.
	ID uint16
	// DontFragment is the DF flag; Linux sets it on every TCP packet (path
	// MTU discovery, RFC 1191).
	DontFragment bool
	TTL          uint8
	// Protocol is the protocol field as parsed; AppendIPv4TCP always
	// writes ProtocolTCP.
	Protocol uint8
	Src, Dst [4]byte
	// TotalLen and Checksum are what ParseIPv4TCP read; AppendIPv4TCP
	// ignores them and computes both.
	TotalLen uint16
	Checksum uint16
}

// ECN returns the header's ECN field.
func (h IPv4Header) ECN() ECN { return ECN(h.TOS & 3) }

// SetECN replaces the header's ECN field, keeping the DSCP.
func (h *IPv4Header) SetECN(e ECN) { h.TOS = h.TOS&^3 | uint8(e&3) }

// The IPv4 flags and fragment offset field (RFC 791 §3.1).
const (
	ipFlagDF         = 0x4000
	ipFlagMF         = 0x2000
	ipFragOffsetMask = 0x1fff
)

// AppendIPv4TCP appends a whole IPv4 packet carrying seg: a 20-byte IPv4
// header from ip (its TotalLen, Checksum and Protocol are ignored: the total
// length and header checksum are computed, the protocol is TCP) followed by
// seg as AppendTCP writes it, TCP checksum included. It does not allocate
// when b has room for the packet.
//
// AppendIPv4TCP panics if the packet would be longer than 65535 bytes, a bug
// in the caller.
func AppendIPv4TCP(b []byte, ip IPv4Header, seg *Segment) []byte {
	return ip.AppendPacket(b, seg)
}

// AppendPacket is AppendIPv4TCP with the header ip by address: the
// simulator's way, as a 20-byte argument is copied with a memory.copy call
// under WebAssembly, for every packet.
func (ip *IPv4Header) AppendPacket(b []byte, seg *Segment) []byte {
	start := len(b)
	room := IPv4HeaderLen + maxTCPHeaderLen + len(seg.Payload)
	b = slices.Grow(b, room)
	pkt := b[start : start+room]
	n := IPv4HeaderLen + seg.putTCP(pkt[IPv4HeaderLen:]) // putTCP kept it ≤ 65535
	pkt = pkt[:n]
	b = b[:start+n]
	var flags uint16
	if ip.DontFragment {
		flags |= ipFlagDF
	}
	_ = pkt[IPv4HeaderLen-1]
	pkt[0], pkt[1] = 4<<4|IPv4HeaderLen/4, ip.TOS
	binary.BigEndian.PutUint16(pkt[2:], uint16(n))
	binary.BigEndian.PutUint16(pkt[4:], ip.ID)
	binary.BigEndian.PutUint16(pkt[6:], flags)
	pkt[8], pkt[9], pkt[10], pkt[11] = ip.TTL, ProtocolTCP, 0, 0 // checksum later
	*(*[4]byte)(pkt[12:16]) = ip.Src
	*(*[4]byte)(pkt[16:20]) = ip.Dst

	// Checksum and TCPChecksum, written out: one call each rather than two.
	binary.BigEndian.PutUint16(pkt[10:12], ^fold(sum(pkt[:IPv4HeaderLen], 0)))
	tcp := pkt[IPv4HeaderLen:]
	binary.BigEndian.PutUint16(tcp[16:18], ^fold(sum(tcp, pseudoHeaderSum(ip.Src, ip.Dst, len(tcp)))))
	return b
}

// ParseIPv4TCP parses b, one IPv4 packet carrying TCP, as read from a TUN
// device or a LINKTYPE_RAW pcap.
//
// It checks, in order: the header length (ErrShortHeader), the version
// (ErrVersion), the IHL (ErrHeaderLen), the total length against the buffer
// (ErrTotalLen; bytes past the total length, such as link padding, are
// ignored), the protocol (ErrNotTCP) and fragmentation (ErrFragment), and
// then parses the TCP segment as ParseTCP does. A bad header checksum
// (ErrBadChecksum) does not stop the parse: the header and segment are
// returned with it, as with a bad TCP checksum, so a tracer can show them;
// it is the error reported whatever ParseTCP found, being the likelier cause.
//
// The Segment's Payload aliases b.
func ParseIPv4TCP(b []byte) (IPv4Header, Segment, error) {
	var ip IPv4Header
	var seg Segment
	err := ParseIPv4TCPInto(b, &ip, &seg)
	return ip, seg, err
}

// ParseIPv4TCPInto is ParseIPv4TCP writing the header and segment to *ip
// and *seg, every field, rather than returning them: the simulator's way,
// as returning the 100-byte Segment by value costs two memory.copy calls
// under WebAssembly for every packet.
func ParseIPv4TCPInto(b []byte, ip *IPv4Header, seg *Segment) error {
	*ip = IPv4Header{}
	if len(b) < IPv4HeaderLen {
		*seg = Segment{}
		return wrap(ErrShortHeader, "ipv4: "+itoa(len(b))+" bytes, want at least 20")
	}
	if v := b[0] >> 4; v != 4 {
		*seg = Segment{}
		return wrap(ErrVersion, "ipv4: version "+itoa(int(v)))
	}
	ihl := int(b[0]&0x0f) * 4
	if ihl < IPv4HeaderLen {
		*seg = Segment{}
		return wrap(ErrHeaderLen, "ipv4: IHL "+itoa(ihl/4)+" words, want at least 5")
	}
	if ihl > len(b) {
		*seg = Segment{}
		return wrap(ErrHeaderLen, "ipv4: IHL "+itoa(ihl/4)+" words ("+itoa(ihl)+" bytes) past the end of the "+itoa(len(b))+"-byte packet")
	}
	ip.TOS = b[1]
	ip.TotalLen = binary.BigEndian.Uint16(b[2:4])
	ip.ID = binary.BigEndian.Uint16(b[4:6])
	fragField := binary.BigEndian.Uint16(b[6:8])
	ip.DontFragment = fragField&ipFlagDF != 0
	ip.TTL = b[8]
	ip.Protocol = b[9]
	ip.Checksum = binary.BigEndian.Uint16(b[10:12])
	// Converted, not copied: copy is a call to runtime.memmove under
	// WebAssembly, twice for every packet.
	ip.Src, ip.Dst = [4]byte(b[12:16]), [4]byte(b[16:20])

	total := int(ip.TotalLen)
	var err error
	switch {
	case total < ihl:
		err = wrap(ErrTotalLen, "ipv4: total length "+itoa(total)+" shorter than the "+itoa(ihl)+"-byte header")
	case total > len(b):
		err = wrap(ErrTotalLen, "ipv4: total length "+itoa(total)+" past the end of the "+itoa(len(b))+"-byte packet")
	case ip.Protocol != ProtocolTCP:
		err = wrap(ErrNotTCP, "ipv4: protocol "+itoa(int(ip.Protocol)))
	case fragField&(ipFlagMF|ipFragOffsetMask) != 0:
		err = wrap(ErrFragment, "ipv4: MF "+boolBit(fragField&ipFlagMF != 0)+", fragment offset "+itoa(int(fragField&ipFragOffsetMask)*8))
	}
	if err != nil {
		*seg = Segment{}
		return err
	}
	var ipErr error
	if hsum := sum(b[:ihl], 0); fold(hsum) != 0xffff {
		ipErr = checksumError("ipv4", hsum, ip.Checksum)
	}
	err = parseTCP(b[ihl:total], ip.Src, ip.Dst, seg)
	if ipErr != nil {
		// Corruption of the IP header is the likelier root cause of
		// whatever parseTCP found.
		err = ipErr
	}
	return err
}

func boolBit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
