package trace

import (
	"slices"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// fillerPeriod is the length of the filler pattern: a prime, and longer
// than any MSS, so that a misplaced segment never matches the bytes it
// replaced unless it moved by a multiple of 8191 bytes.
const fillerPeriod = 8191

// filler is the pattern application bytes are taken from: printable ASCII
// (so that Wireshark's "follow stream" shows readable text), from a fixed
// xorshift generator. Doubled so that one copy fills any span up to a period.
var filler = func() []byte {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-\n"
	b := make([]byte, 2*fillerPeriod)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range fillerPeriod {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = alphabet[x%uint64(len(alphabet))]
	}
	copy(b[fillerPeriod:], b[:fillerPeriod])
	return b
}()

// fillerStart places each (connection, direction) stream at its own phase
// of the pattern, so two streams never carry the same bytes.
func fillerStart(conn int, s Side) int64 { return int64(conn*2+int(s)) * 1021 }

// PayloadByte is byte offset of the stream that side s of connection conn
// writes, when the application wrote counted bytes rather than text.
func PayloadByte(conn int, s Side, offset int64) byte {
	return filler[(offset+fillerStart(conn, s))%fillerPeriod]
}

// FillPayload fills dst with the stream bytes starting at offset, as
// PayloadByte gives them, by copying from the pattern.
func FillPayload(dst []byte, conn int, s Side, offset int64) {
	for len(dst) > 0 {
		i := (offset + fillerStart(conn, s)) % fillerPeriod
		n := copy(dst, filler[i:i+fillerPeriod])
		dst = dst[n:]
		offset += int64(n)
	}
}

// StreamOffset returns the offset in its stream of the first payload byte
// of the segment a segment or link event refers to.
func (t *Trace) StreamOffset(e Event) int64 {
	h := &t.headers[e.Ref]
	first := t.conns[e.Conn].ISS[e.Sender()].Add(1)
	return int64(uint32(seq.Seq(h.Seq) - first))
}

// Payload appends the payload of the segment event e refers to, as the
// application wrote it: filler bytes, or the scenario's text where the
// application wrote text. It allocates only if b lacks the room.
func (t *Trace) Payload(b []byte, e Event) []byte {
	h := &t.headers[e.Ref]
	n := int(h.PayloadLen)
	if n == 0 {
		return b
	}
	off := t.StreamOffset(e)
	start := len(b)
	b = slices.Grow(b, n)[:start+n]
	dst := b[start:]
	from := e.Sender()
	FillPayload(dst, int(e.Conn), from, off)
	for _, x := range t.texts {
		if int(x.Conn) != int(e.Conn) || x.Side != from {
			continue
		}
		lo, hi := max(off, x.Offset), min(off+int64(n), x.Offset+int64(len(x.Data)))
		if lo < hi {
			copy(dst[lo-off:hi-off], x.Data[lo-x.Offset:hi-x.Offset])
		}
	}
	return b
}

// AppendPacket appends the IPv4 packet of the segment event e refers to,
// exactly as its sender put it on the link (checksums included, payload
// regenerated). Corruption is not applied: a Corrupted event about the
// same segment names the bit to flip (link.FlipBit). A packet that was
// corrupted never has a Received event: its receiver dropped it. It
// allocates only if b lacks the room.
func (t *Trace) AppendPacket(b []byte, e Event) []byte {
	s := t.Segment(e)
	// The payload is regenerated where the packet holds it, after the
	// headers, so that nothing is allocated; AppendIPv4TCP then writes the
	// headers in front of it and copies it onto itself.
	start := len(b)
	hl := wire.IPv4HeaderLen + s.HeaderLen()
	b = slices.Grow(b, hl+int(t.headers[e.Ref].PayloadLen))
	b = t.Payload(b[:start+hl], e)
	s.Payload = b[start+hl:]
	ip := wire.IPv4Header{ID: t.headers[e.Ref].IPID, DontFragment: true, TTL: wire.DefaultTTL,
		Src: t.addr[e.Sender()], Dst: t.addr[e.Sender().Peer()]}
	return wire.AppendIPv4TCP(b[:start], ip, &s)
}

// ScriptedBit is the bit a scripted corrupt fault flips in a packet of
// size bytes: the last one, in the payload when there is one, else in the
// TCP header's last byte. Either way the TCP checksum no longer matches.
func ScriptedBit(size int) int { return size*8 - 1 }

// PackFlips is the Val of a Dropped event at the receiving host: which
// corruption the packet that arrived carried (a scripted flip, and the
// link's bit or -1). The simulator writes it; AppendArrivedPacket reads it.
func PackFlips(scripted bool, linkBit int) int64 {
	v := int64(linkBit + 1)
	if scripted {
		v |= 1 << 32
	}
	return v
}

// AppendArrivedPacket appends the packet as it reached the receiving
// host: for a Dropped event with a receiver-side cause (bad checksum,
// malformed, no socket), AppendPacket's bytes with the corruption that
// copy carried; for any other event, AppendPacket's. The pcap export of a
// receiver's vantage point shows corrupted packets with these bytes, so
// their checksums show bad.
func (t *Trace) AppendArrivedPacket(b []byte, e Event) []byte {
	start := len(b)
	b = t.AppendPacket(b, e)
	if e.Kind != Dropped {
		return b
	}
	switch Drop(e.Code) {
	case DropBadChecksum, DropMalformed, DropNoSocket:
	default:
		return b
	}
	pkt := b[start:]
	if e.Val>>32&1 != 0 {
		flip(pkt, ScriptedBit(len(pkt)))
	}
	if bit := int(uint32(e.Val)) - 1; bit >= 0 {
		flip(pkt, bit)
	}
	return b
}

// flip flips bit i as link.FlipBit numbers bits (trace does not import link).
func flip(pkt []byte, i int) { pkt[i/8] ^= 0x80 >> (i % 8) }
