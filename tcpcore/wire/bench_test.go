package wire

import "testing"

// benchSegment is a full-sized data segment as the simulator carries most:
// 1460 bytes with timestamps, on a 1500-byte MTU path (1448 with Linux's
// timestamps would be more exact; 1460 keeps the figure comparable).
func benchSegment() (IPv4Header, Segment) {
	payload := make([]byte, 1460)
	for i := range payload {
		payload[i] = byte(i)
	}
	ip := IPv4Header{ID: 1, DontFragment: true, TTL: DefaultTTL, Src: testSrc, Dst: testDst}
	seg := Segment{SrcPort: 45678, DstPort: 8080, Seq: 1, Ack: 1, Flags: ACK, Window: 502,
		Options: Options{HasTS: true, TSVal: 1000, TSEcr: 999}, Payload: payload}
	return ip, seg
}

func BenchmarkAppendIPv4TCP(b *testing.B) {
	ip, seg := benchSegment()
	buf := make([]byte, 0, 1600)
	b.SetBytes(int64(len(seg.Payload)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendIPv4TCP(buf[:0], ip, &seg)
	}
}

func BenchmarkParseIPv4TCP(b *testing.B) {
	ip, seg := benchSegment()
	pkt := AppendIPv4TCP(nil, ip, &seg)
	b.SetBytes(int64(len(seg.Payload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseIPv4TCP(pkt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSegmentString(b *testing.B) {
	_, seg := benchSegment()
	b.ReportAllocs()
	for b.Loop() {
		_ = seg.String()
	}
}
