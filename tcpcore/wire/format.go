package wire

import "strconv"

// FormatFlags returns f as packetdrill and tcpdump write it: F, S, R, P,
// then "." for ACK, U for URG, E for ECE and W for CWR, in that order; so a
// SYN is "S", a SYN-ACK "S.", a pure ACK ".", data "P.", a FIN-ACK "F.". No
// flag at all is the empty string.
func FormatFlags(f Flags) string {
	return string(appendFlags(make([]byte, 0, 8), f))
}

func appendFlags(b []byte, f Flags) []byte {
	for _, l := range [...]struct {
		flag Flags
		char byte
	}{{FIN, 'F'}, {SYN, 'S'}, {RST, 'R'}, {PSH, 'P'}, {ACK, '.'}, {URG, 'U'}, {ECE, 'E'}, {CWR, 'W'}} {
		if f&l.flag != 0 {
			b = append(b, l.char)
		}
	}
	return b
}

// String returns o as packetdrill writes the options of a segment, in the
// order and with the NOPs that AppendOptions puts on the wire, for example
// "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7" or
// "nop,nop,TS val 5 ecr 9,nop,nop,sack 1001:2001 3001:4001". SACK blocks that
// AppendOptions would leave out are left out here too. No option at all is
// the empty string.
func (o Options) String() string {
	return string(o.appendText(nil))
}

func (o *Options) appendText(b []byte) []byte {
	start := len(b)
	item := func(s string) {
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	if o.MSS != 0 {
		item("mss ")
		b = strconv.AppendUint(b, uint64(o.MSS), 10)
	}
	if o.HasTS {
		if o.SACKPermitted {
			item("sackOK")
		} else {
			item("nop")
			item("nop")
		}
		item("TS val ")
		b = strconv.AppendUint(b, uint64(o.TSVal), 10)
		b = append(b, " ecr "...)
		b = strconv.AppendUint(b, uint64(o.TSEcr), 10)
	} else if o.SACKPermitted {
		item("nop")
		item("nop")
		item("sackOK")
	}
	if o.HasWScale {
		item("nop")
		item("wscale ")
		b = strconv.AppendUint(b, uint64(o.WScale), 10)
	}
	if k := o.numSACKToSend(); k > 0 {
		item("nop")
		item("nop")
		item("sack")
		for _, blk := range o.SACK[:k] {
			b = append(b, ' ')
			b = strconv.AppendUint(b, uint64(blk.Left), 10)
			b = append(b, ':')
			b = strconv.AppendUint(b, uint64(blk.Right), 10)
		}
	}
	return b
}

// String returns s as packetdrill writes a segment, with absolute sequence
// numbers:
//
//	S 0:0(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>
//	P. 1:1001(1000) ack 1 win 502 <nop,nop,TS val 5 ecr 9>
//
// that is the flags (FormatFlags), then seq:end(len) where len is the payload
// length and end = seq+len (as in packetdrill: SYN and FIN are not counted),
// " ack N" when ACK is set, " win N" with the raw window field, " urg N" when
// URG is set, and " <options>" (Options.String) when there are options.
func (s Segment) String() string {
	b, _ := s.AppendText(make([]byte, 0, 96))
	return string(b)
}

// AppendText appends s.String() to b (encoding.TextAppender), so a trace can
// format segments without allocating.
func (s Segment) AppendText(b []byte) ([]byte, error) {
	b = appendFlags(b, s.Flags)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(s.Seq), 10)
	b = append(b, ':')
	b = strconv.AppendUint(b, uint64(s.Seq.Add(len(s.Payload))), 10)
	b = append(b, '(')
	b = strconv.AppendInt(b, int64(len(s.Payload)), 10)
	b = append(b, ')')
	if s.Flags&ACK != 0 {
		b = append(b, " ack "...)
		b = strconv.AppendUint(b, uint64(s.Ack), 10)
	}
	b = append(b, " win "...)
	b = strconv.AppendUint(b, uint64(s.Window), 10)
	if s.Flags&URG != 0 {
		b = append(b, " urg "...)
		b = strconv.AppendUint(b, uint64(s.Urgent), 10)
	}
	if s.Options.Len() > 0 {
		b = append(b, " <"...)
		b = s.Options.appendText(b)
		b = append(b, '>')
	}
	return b, nil
}

// String returns f as FormatFlags does.
func (f Flags) String() string { return FormatFlags(f) }

// String returns the header in tcpdump's words, for traces:
// "10.0.0.1 > 10.0.0.2 tos 0x0 ttl 64 id 15434 DF len 60", with the ECN
// codepoint added when it is not Not-ECT ("tos 0x2 ECT(0)").
func (h IPv4Header) String() string {
	b := make([]byte, 0, 64)
	b = appendIPv4Addr(b, h.Src)
	b = append(b, " > "...)
	b = appendIPv4Addr(b, h.Dst)
	b = append(b, " tos 0x"...)
	b = strconv.AppendUint(b, uint64(h.TOS), 16)
	if e := h.ECN(); e != NotECT {
		b = append(b, ' ')
		b = append(b, e.String()...)
	}
	b = append(b, " ttl "...)
	b = strconv.AppendUint(b, uint64(h.TTL), 10)
	b = append(b, " id "...)
	b = strconv.AppendUint(b, uint64(h.ID), 10)
	if h.DontFragment {
		b = append(b, " DF"...)
	}
	b = append(b, " len "...)
	b = strconv.AppendUint(b, uint64(h.TotalLen), 10)
	return string(b)
}

func appendIPv4Addr(b []byte, a [4]byte) []byte {
	for i, x := range a {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(x), 10)
	}
	return b
}
