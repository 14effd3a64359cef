package wire

import "tcpplayground/tcpcore/seq"

// Flags are the TCP control bits (RFC 9293 §3.1, RFC 3168 for ECE and CWR).
type Flags uint8

// The control bits, in header order from least significant.
const (
	FIN Flags = 1 << iota
	SYN
	RST
	PSH
	ACK
	URG
	ECE
	CWR
)

// Has reports whether every bit of g is set in f.
func (f Flags) Has(g Flags) bool { return f&g == g }

// MaxSACKBlocks is the most SACK blocks a header can carry: four without
// timestamps (4·8+2 = 34 of the 40 option bytes), three with them (RFC 2018 §3).
const MaxSACKBlocks = 4

// SACKBlock is one selective acknowledgment block: the bytes [Left, Right)
// have been received (RFC 2018 §3).
type SACKBlock struct {
	Left, Right seq.Seq
}

// Options are the TCP options this implementation understands (RFC 9293
// §3.2, RFC 7323, RFC 2018). Unknown options are skipped by their length when
// parsing and never produced. A zero Options has no option at all.
type Options struct {
	// MSS is the maximum segment size option, valid only on a SYN; 0 means absent.
	MSS uint16
	// HasWScale says the window scale option is present; WScale is its shift
	// count (RFC 7323 §2.2: values above 14 are treated as 14 by the receiver).
	HasWScale bool
	WScale    uint8
	// SACKPermitted is the SACK-permitted option, valid only on a SYN (RFC 2018 §2).
	SACKPermitted bool
	// HasTS says the timestamps option is present (RFC 7323 §3).
	HasTS        bool
	TSVal, TSEcr uint32
	// SACK holds NumSACK selective acknowledgment blocks, first the most
	// recently received (RFC 2018 §4); a D-SACK block comes first (RFC 2883).
	SACK    [MaxSACKBlocks]SACKBlock
	NumSACK int
}

// Segment is one TCP segment in sequence space: the header fields the state
// machine reads and writes, and the payload. Addresses live in the IPv4
// header, not here.
type Segment struct {
	SrcPort, DstPort uint16
	Seq              seq.Seq // SEG.SEQ
	Ack              seq.Seq // SEG.ACK, meaningful only when Flags has ACK
	Flags            Flags
	// Window is the raw 16-bit window field, before any window scaling.
	Window  uint16
	Urgent  uint16
	Options Options
	// Payload is the segment text. A Segment returned by an endpoint's Poll
	// may point into that endpoint's send buffer: it is valid only until the
	// next call on that endpoint.
	Payload []byte
}

// Len is SEG.LEN: the payload length plus one for SYN and one for FIN, the
// amount of sequence space the segment occupies (RFC 9293 §3.4).
func (s *Segment) Len() int {
	n := len(s.Payload)
	if s.Flags&SYN != 0 {
		n++
	}
	if s.Flags&FIN != 0 {
		n++
	}
	return n
}

// End is SEG.SEQ+SEG.LEN, the sequence number just past the segment.
func (s *Segment) End() seq.Seq { return s.Seq.Add(s.Len()) }
