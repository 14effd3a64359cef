package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// linuxSYN is a SYN as Linux 6.18 sends it (TCP-REFERENCE.md: "win 64240
// <mss 1460,sackOK,TS val … ecr 0,nop,wscale 10>", DF set, TTL 64, TOS 0),
// written out field by field; both checksums were computed separately and
// tshark 4.0.17 reads the packet as "45678 → 8080 [SYN] Seq=0 Win=64240
// Len=0 MSS=1460 SACK_PERM TSval=2290329860 TSecr=0 WS=1024" with both
// checksums good.
const linuxSYN = "" +
	"45" + "00" + "003c" + // version 4, IHL 5; TOS 0; total length 60
	"3c4a" + "4000" + // ID; DF, fragment offset 0
	"40" + "06" + "ea6f" + // TTL 64; protocol TCP; header checksum
	"0a000001" + "0a000002" + // 10.0.0.1 → 10.0.0.2
	"b26e" + "1f90" + // port 45678 → 8080
	"9a3f1c22" + "00000000" + // seq, ack
	"a0" + "02" + "faf0" + // data offset 10 words; SYN; window 64240
	"7f21" + "0000" + // checksum; urgent pointer
	"020405b4" + // mss 1460
	"0402080a" + "8883a904" + "00000000" + // sackOK,TS val 2290329860 ecr 0
	"0103030a" // nop,wscale 10

var (
	linuxSYNHeader = IPv4Header{
		ID: 0x3c4a, DontFragment: true, TTL: 64, Protocol: ProtocolTCP,
		Src: [4]byte{10, 0, 0, 1}, Dst: [4]byte{10, 0, 0, 2},
		TotalLen: 60, Checksum: 0xea6f,
	}
	linuxSYNSegment = Segment{
		SrcPort: 45678, DstPort: 8080, Seq: 0x9a3f1c22, Flags: SYN, Window: 64240,
		Options: Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 2290329860, HasWScale: true, WScale: 10},
	}
)

func TestLinuxSYNGolden(t *testing.T) {
	pkt := mustHex(t, linuxSYN)
	if c := referenceChecksum(pkt[:20]); c != 0 {
		t.Fatalf("the golden packet's IP header does not verify with the reference checksum (%#04x)", c)
	}
	if c := referenceTCPChecksum(linuxSYNHeader.Src, linuxSYNHeader.Dst, pkt[20:]); c != 0 {
		t.Fatalf("the golden packet's TCP segment does not verify with the reference checksum (%#04x)", c)
	}

	ip, seg, err := ParseIPv4TCP(pkt)
	if err != nil {
		t.Fatalf("ParseIPv4TCP(%x) = %v", pkt, err)
	}
	if ip != linuxSYNHeader {
		t.Errorf("ParseIPv4TCP(linuxSYN) header = %+v, want %+v", ip, linuxSYNHeader)
	}
	if !segmentsEqual(seg, linuxSYNSegment) {
		t.Errorf("ParseIPv4TCP(linuxSYN) segment = %v, want %v", seg, linuxSYNSegment)
	}
	const text = "S 2587827234:2587827234(0) win 64240 <mss 1460,sackOK,TS val 2290329860 ecr 0,nop,wscale 10>"
	if got := seg.String(); got != text {
		t.Errorf("String() = %q, want %q", got, text)
	}

	// Encoding the same fields gives back the kernel's bytes exactly.
	hdr := linuxSYNHeader
	hdr.TotalLen, hdr.Checksum = 0, 0 // computed, not copied
	if got := AppendIPv4TCP(nil, hdr, &linuxSYNSegment); !bytes.Equal(got, pkt) {
		t.Errorf("AppendIPv4TCP(linuxSYN fields) =\n%x, want\n%x", got, pkt)
	}
}

func TestIPv4RoundTrip(t *testing.T) {
	ip := IPv4Header{TOS: 0xb8 | uint8(ECT0), ID: 0xffff, TTL: 1, Src: [4]byte{192, 168, 1, 1}, Dst: [4]byte{172, 16, 0, 9}}
	seg := Segment{SrcPort: 443, DstPort: 50000, Seq: 1, Ack: 2, Flags: PSH | ACK, Window: 1, Payload: bytes.Repeat([]byte("x"), 1460)}
	pkt := AppendIPv4TCP(nil, ip, &seg)
	if len(pkt) != 20+20+1460 {
		t.Fatalf("AppendIPv4TCP = %d bytes, want 1500", len(pkt))
	}
	gotIP, gotSeg, err := ParseIPv4TCP(pkt)
	if err != nil {
		t.Fatalf("ParseIPv4TCP = %v", err)
	}
	want := ip
	want.Protocol, want.TotalLen, want.Checksum = ProtocolTCP, 1500, binary.BigEndian.Uint16(pkt[10:12])
	if gotIP != want {
		t.Errorf("ParseIPv4TCP header = %+v, want %+v", gotIP, want)
	}
	if gotIP.ECN() != ECT0 {
		t.Errorf("ECN() = %v, want ECT(0)", gotIP.ECN())
	}
	if !segmentsEqual(gotSeg, seg) {
		t.Errorf("ParseIPv4TCP segment = %v, want %v", gotSeg, seg)
	}
}

func TestSetECNKeepsDSCP(t *testing.T) {
	h := IPv4Header{TOS: 0xb8 | uint8(ECT0)}
	h.SetECN(CE)
	if h.TOS != 0xbb || h.ECN() != CE {
		t.Errorf("SetECN(CE) on TOS 0xba = TOS %#02x (ECN %v), want 0xbb (CE)", h.TOS, h.ECN())
	}
}

// fixIPChecksum returns pkt with its IPv4 header checksum recomputed by the
// reference implementation (over the header length its IHL claims, when
// that fits).
func fixIPChecksum(pkt []byte) []byte {
	b := bytes.Clone(pkt)
	if len(b) < 20 {
		return b
	}
	ihl := int(b[0]&15) * 4
	if ihl < 20 || ihl > len(b) {
		ihl = 20
	}
	b[10], b[11] = 0, 0
	binary.BigEndian.PutUint16(b[10:12], referenceChecksum(b[:ihl]))
	return b
}

// parseIPv4Errors are malformed packets (IP checksums fixed up unless the
// case is about them), built from the golden SYN; they also seed
// FuzzParseIPv4TCP.
var parseIPv4Errors = []struct {
	name    string
	hex     string
	fixSum  bool
	wantErr error
	detail  string
}{
	{"empty", "", false, ErrShortHeader, "ipv4: 0 bytes"},
	{"19 bytes", linuxSYN[:38], false, ErrShortHeader, "ipv4: 19 bytes"},
	{"version 6", "65" + linuxSYN[2:], true, ErrVersion, "version 6"},
	{"IHL 4", "44" + linuxSYN[2:], true, ErrHeaderLen, "IHL 4 words"},
	{"IHL past the end", "4f" + linuxSYN[2:40], false, ErrHeaderLen, "IHL 15 words (60 bytes) past the end of the 20-byte packet"},
	{"total length shorter than the header", linuxSYN[:4] + "0013" + linuxSYN[8:], true, ErrTotalLen, "total length 19 shorter"},
	{"total length past the end", linuxSYN[:4] + "003d" + linuxSYN[8:], true, ErrTotalLen, "total length 61 past the end of the 60-byte packet"},
	{"UDP", linuxSYN[:18] + "11" + linuxSYN[20:], true, ErrNotTCP, "protocol 17"},
	{"more fragments", linuxSYN[:12] + "2000" + linuxSYN[16:], true, ErrFragment, "MF 1, fragment offset 0"},
	{"fragment offset", linuxSYN[:12] + "4001" + linuxSYN[16:], true, ErrFragment, "MF 0, fragment offset 8"},
	{"bad header checksum", linuxSYN[:20] + "0000" + linuxSYN[24:], false, ErrBadChecksum, "ipv4: checksum 0x0000, want 0xea6f"},
	{"bad TCP checksum", linuxSYN[:72] + "7f22" + linuxSYN[76:], false, ErrBadChecksum, "tcp: checksum 0x7f22, want 0x7f21"},
	{"TCP part too short", linuxSYN[:4] + "0027" + linuxSYN[8:], true, ErrShortHeader, "tcp: 19 bytes"},
}

func TestParseIPv4TCPErrors(t *testing.T) {
	for _, tt := range parseIPv4Errors {
		b := mustHex(t, tt.hex)
		if tt.fixSum {
			b = fixIPChecksum(b)
		}
		_, _, err := ParseIPv4TCP(b)
		if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.detail) {
			t.Errorf("%s: ParseIPv4TCP(%x) = %v, want %v containing %q", tt.name, b, err, tt.wantErr, tt.detail)
		}
	}
}

func TestParseIPv4TCPIgnoresIPOptionsAndPadding(t *testing.T) {
	pkt := mustHex(t, linuxSYN)
	// IHL 6 with a 4-byte option (NOP,NOP,NOP,EOL), total length 64, and 6
	// bytes of link padding after the packet.
	b := append([]byte{0x46}, pkt[1:20]...)
	b = append(b, 1, 1, 1, 0)
	b = append(b, pkt[20:]...)
	b = append(b, 0, 0, 0, 0, 0, 0)
	binary.BigEndian.PutUint16(b[2:4], 64)
	b[10], b[11] = 0, 0
	binary.BigEndian.PutUint16(b[10:12], referenceChecksum(b[:24]))
	ip, seg, err := ParseIPv4TCP(b)
	if err != nil {
		t.Fatalf("ParseIPv4TCP(%x) = %v", b, err)
	}
	if ip.TotalLen != 64 || !segmentsEqual(seg, linuxSYNSegment) {
		t.Errorf("ParseIPv4TCP(with IP options) = %+v, %v; want total length 64 and %v", ip, seg, linuxSYNSegment)
	}
}

// TestParseIPv4TCPBadIPChecksumStillParses: like a bad TCP checksum, a bad
// IP checksum comes back with everything parsed, for the tracer.
func TestParseIPv4TCPBadIPChecksumStillParses(t *testing.T) {
	pkt := mustHex(t, linuxSYN)
	pkt[8] = 63 // TTL changed without fixing the checksum
	ip, seg, err := ParseIPv4TCP(pkt)
	if !errors.Is(err, ErrBadChecksum) || !strings.HasPrefix(err.Error(), "bad checksum: ipv4") {
		t.Errorf("ParseIPv4TCP(TTL changed) error = %v, want the IPv4 ErrBadChecksum", err)
	}
	if ip.TTL != 63 || !segmentsEqual(seg, linuxSYNSegment) {
		t.Errorf("ParseIPv4TCP(TTL changed) = %+v, %v; want TTL 63 and %v", ip, seg, linuxSYNSegment)
	}
}

func TestAppendIPv4TCPDoesNotAllocate(t *testing.T) {
	seg := linuxSYNSegment
	seg.Payload = make([]byte, 1460)
	buf := make([]byte, 0, 1600)
	if n := testing.AllocsPerRun(100, func() { AppendIPv4TCP(buf[:0], linuxSYNHeader, &seg) }); n != 0 {
		t.Errorf("AppendIPv4TCP into a buffer with room: %v allocations, want 0", n)
	}
	pkt := AppendIPv4TCP(nil, linuxSYNHeader, &seg)
	if n := testing.AllocsPerRun(100, func() { ParseIPv4TCP(pkt) }); n != 0 {
		t.Errorf("ParseIPv4TCP: %v allocations, want 0", n)
	}
}
