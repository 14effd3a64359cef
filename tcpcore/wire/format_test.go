package wire

import "testing"

func TestFormatFlags(t *testing.T) {
	tests := []struct {
		f    Flags
		want string
	}{
		{0, ""},
		{SYN, "S"},
		{SYN | ACK, "S."},
		{ACK, "."},
		{PSH | ACK, "P."},
		{FIN | ACK, "F."},
		{FIN | PSH | ACK, "FP."},
		{RST, "R"},
		{RST | ACK, "R."},
		{SYN | ECE | CWR, "SEW"},
		{SYN | ACK | ECE, "S.E"},
		{ACK | URG, ".U"},
		{0xff, "FSRP.UEW"},
	}
	for _, tt := range tests {
		if got := FormatFlags(tt.f); got != tt.want {
			t.Errorf("FormatFlags(%#02x) = %q, want %q", uint8(tt.f), got, tt.want)
		}
	}
}

func TestSegmentString(t *testing.T) {
	tests := []struct {
		seg  Segment
		want string
	}{
		{
			Segment{Seq: 0, Flags: SYN, Window: 65535, Options: Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 1, HasWScale: true, WScale: 7}},
			"S 0:0(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>",
		},
		{
			Segment{Seq: 0, Ack: 1, Flags: SYN | ACK, Window: 65535, Options: Options{MSS: 1460, SACKPermitted: true, HasWScale: true, WScale: 8}},
			"S. 0:0(0) ack 1 win 65535 <mss 1460,nop,nop,sackOK,nop,wscale 8>",
		},
		{Segment{Seq: 1, Ack: 1, Flags: ACK, Window: 257}, ". 1:1(0) ack 1 win 257"},
		{
			Segment{Seq: 1, Ack: 1, Flags: PSH | ACK, Window: 257, Payload: make([]byte, 1000), Options: Options{HasTS: true, TSVal: 5, TSEcr: 9}},
			"P. 1:1001(1000) ack 1 win 257 <nop,nop,TS val 5 ecr 9>",
		},
		{
			Segment{Seq: 1, Ack: 1, Flags: ACK, Window: 257, Options: Options{NumSACK: 2, SACK: [MaxSACKBlocks]SACKBlock{{1001, 2001}, {3001, 4001}}}},
			". 1:1(0) ack 1 win 257 <nop,nop,sack 1001:2001 3001:4001>",
		},
		// Sequence numbers are absolute and wrap.
		{Segment{Seq: 0xfffffff0, Ack: 7, Flags: FIN | PSH | ACK, Window: 1, Payload: make([]byte, 32)}, "FP. 4294967280:16(32) ack 7 win 1"},
		{Segment{Seq: 5, Flags: RST}, "R 5:5(0) win 0"},
		{Segment{Seq: 5, Ack: 9, Flags: URG | ACK, Urgent: 3, Window: 1, Payload: []byte{1}}, ".U 5:6(1) ack 9 win 1 urg 3"},
	}
	for _, tt := range tests {
		if got := tt.seg.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		if got := (&tt.seg).String(); got != tt.want {
			t.Errorf("(*Segment).String() = %q, want %q", got, tt.want)
		}
	}
}

func TestSegmentAppendTextDoesNotAllocate(t *testing.T) {
	s := linuxSYNSegment
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { s.AppendText(buf[:0]) }); n != 0 {
		t.Errorf("AppendText into a buffer with room: %v allocations, want 0", n)
	}
}

func TestIPv4HeaderString(t *testing.T) {
	tests := []struct {
		h    IPv4Header
		want string
	}{
		{linuxSYNHeader, "10.0.0.1 > 10.0.0.2 tos 0x0 ttl 64 id 15434 DF len 60"},
		{IPv4Header{TOS: 0xbb, TTL: 1, Src: [4]byte{192, 168, 0, 255}, Dst: [4]byte{1, 2, 3, 4}, TotalLen: 40},
			"192.168.0.255 > 1.2.3.4 tos 0xbb CE ttl 1 id 0 len 40"},
	}
	for _, tt := range tests {
		if got := tt.h.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestFlagsString(t *testing.T) {
	if got := (SYN | ACK).String(); got != "S." {
		t.Errorf("(SYN|ACK).String() = %q, want %q", got, "S.")
	}
}
