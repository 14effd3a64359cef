package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

var (
	testSrc = [4]byte{10, 0, 0, 1}
	testDst = [4]byte{10, 0, 0, 2}
)

// withTCPChecksum returns a copy of tcp with a right checksum for
// testSrc → testDst, computed by the test's reference implementation.
func withTCPChecksum(tcp []byte) []byte {
	b := bytes.Clone(tcp)
	if len(b) < TCPHeaderLen {
		return b
	}
	b[16], b[17] = 0, 0
	binary.BigEndian.PutUint16(b[16:18], referenceTCPChecksum(testSrc, testDst, b))
	return b
}

func TestAppendTCPLayout(t *testing.T) {
	s := Segment{
		SrcPort: 0x1234, DstPort: 80, Seq: 0x01020304, Ack: 0xa0b0c0d0,
		Flags: PSH | ACK, Window: 502, Urgent: 0,
		Options: Options{HasTS: true, TSVal: 7, TSEcr: 8},
		Payload: []byte("hello"),
	}
	got := s.AppendTCP(nil, testSrc, testDst)
	want := withTCPChecksum(mustHex(t,
		"1234"+"0050"+"01020304"+"a0b0c0d0"+
			"80"+"18"+"01f6"+"0000"+"0000"+ // data offset 8 words: 20+12 bytes
			"0101080a0000000700000008"+
			hex5("hello")))
	if !bytes.Equal(got, want) {
		t.Errorf("AppendTCP(%v) =\n%x, want\n%x", s, got, want)
	}
	if h := s.HeaderLen(); h != 32 {
		t.Errorf("HeaderLen() = %d, want 32", h)
	}
}

func hex5(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	for i := range len(s) {
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&15])
	}
	return b.String()
}

func TestAppendTCPAppendsAfterExistingBytes(t *testing.T) {
	s := Segment{SrcPort: 1, DstPort: 2, Flags: ACK, Payload: []byte{1, 2, 3}}
	prefix := []byte{0xaa, 0xbb, 0xcc}
	got := s.AppendTCP(bytes.Clone(prefix), testSrc, testDst)
	if !bytes.Equal(got[:3], prefix) {
		t.Fatalf("AppendTCP overwrote the bytes already in b: %x", got[:3])
	}
	if want := s.AppendTCP(nil, testSrc, testDst); !bytes.Equal(got[3:], want) {
		t.Errorf("AppendTCP after a 3-byte prefix = %x, want %x", got[3:], want)
	}
}

func TestTCPRoundTrip(t *testing.T) {
	segs := []Segment{
		{SrcPort: 40000, DstPort: 8080, Seq: 0xfffffff0, Flags: SYN, Window: 64240,
			Options: Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 1, HasWScale: true, WScale: 10}},
		{SrcPort: 8080, DstPort: 40000, Seq: 7, Ack: 0xfffffff1, Flags: SYN | ACK | ECE, Window: 65160,
			Options: Options{MSS: 1400, SACKPermitted: true, HasWScale: true, WScale: 7}},
		{SrcPort: 1, DstPort: 2, Seq: 1, Ack: 2, Flags: ACK, Window: 0},
		{SrcPort: 1, DstPort: 2, Seq: 1, Ack: 2, Flags: ACK | PSH | FIN, Window: 3, Payload: bytes.Repeat([]byte{0xff}, 1461)},
		{SrcPort: 1, DstPort: 2, Seq: 1, Ack: 2, Flags: ACK | URG | CWR, Urgent: 9, Window: 3, Payload: []byte{0}},
		{SrcPort: 1, DstPort: 2, Seq: 1, Ack: 2, Flags: ACK, Window: 3,
			Options: Options{HasTS: true, TSVal: 5, TSEcr: 6, NumSACK: 3, SACK: [MaxSACKBlocks]SACKBlock{{1, 2}, {3, 4}, {5, 6}}}},
		{SrcPort: 1, DstPort: 2, Seq: 0, Flags: RST},
	}
	for _, s := range segs {
		b := s.AppendTCP(nil, testSrc, testDst)
		if c := referenceTCPChecksum(testSrc, testDst, b); c != 0 {
			t.Errorf("AppendTCP(%v) = %x: the reference checksum over it is %#04x, want 0", s, b, c)
		}
		got, err := ParseTCP(b, testSrc, testDst)
		if err != nil {
			t.Errorf("ParseTCP(%x) = %v", b, err)
			continue
		}
		if !segmentsEqual(got, s) {
			t.Errorf("ParseTCP(AppendTCP(%v)) = %v", s, got)
		}
	}
}

// segmentsEqual compares segments field by field, the payloads by content.
func segmentsEqual(a, b Segment) bool {
	return a.SrcPort == b.SrcPort && a.DstPort == b.DstPort &&
		a.Seq == b.Seq && a.Ack == b.Ack && a.Flags == b.Flags &&
		a.Window == b.Window && a.Urgent == b.Urgent &&
		a.Options == b.Options && bytes.Equal(a.Payload, b.Payload)
}

func TestParseTCPPayloadAliasesInput(t *testing.T) {
	s := Segment{Flags: ACK, Payload: []byte("abc")}
	b := s.AppendTCP(nil, testSrc, testDst)
	got, err := ParseTCP(b, testSrc, testDst)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] = 'z'
	if string(got.Payload) != "abz" {
		t.Errorf("Payload = %q after changing the input, want it to alias the input", got.Payload)
	}
	if cap(got.Payload) != len(got.Payload) {
		t.Errorf("cap(Payload) = %d, want %d so that appending to it cannot clobber the input", cap(got.Payload), len(got.Payload))
	}
}

// parseTCPErrors are malformed TCP segments, checksums fixed up for
// testSrc → testDst unless the case is about the checksum; they also seed
// FuzzParseTCP.
var parseTCPErrors = []struct {
	name    string
	hex     string
	fixSum  bool
	wantErr error
	detail  string
}{
	{"empty", "", false, ErrShortHeader, "tcp: 0 bytes, want at least 20"},
	{"19 bytes", "00010002000000010000000050100100000000", false, ErrShortHeader, "tcp: 19 bytes"},
	{"data offset 0", "0001000200000001000000000010010000000000", true, ErrDataOffset, "data offset 0 words, want at least 5"},
	{"data offset 4", "0001000200000001000000004010010000000000", true, ErrDataOffset, "data offset 4 words, want at least 5"},
	{"data offset past the end", "0001000200000001000000006010010000000000", true, ErrDataOffset, "data offset 6 words (24 bytes) past the end of the 20-byte segment"},
	{"data offset 15 with 8 bytes of options", "00010002" + "00000001" + "00000000" + "f010" + "0100" + "0000" + "0000" + "0101010101010101", true, ErrDataOffset, "past the end"},
	{"bad option length", "0001000200000001000000006002010000000000" + "02000000", true, ErrBadOption, "mss (kind 2) at offset 20: length 0"},
	{"option runs into the payload", "0001000200000001000000006002010000000000" + "010103ff" + "aabbcc", true, ErrBadOption, "wscale (kind 3) at offset 22: length 255 runs past the end"},
	{"bad checksum", "0001000200000001000000005010010012340000", false, ErrBadChecksum, "tcp: checksum 0x1234, want 0x"},
	{"bad checksum wins over a bad option", "0001000200000001000000006002010000000000" + "02000000", false, ErrBadChecksum, "tcp: checksum 0x0000"},
}

func TestParseTCPErrors(t *testing.T) {
	for _, tt := range parseTCPErrors {
		b := mustHex(t, tt.hex)
		if tt.fixSum {
			b = withTCPChecksum(b)
		}
		_, err := ParseTCP(b, testSrc, testDst)
		if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.detail) {
			t.Errorf("%s: ParseTCP(%x) = %v, want %v containing %q", tt.name, b, err, tt.wantErr, tt.detail)
		}
	}
}

// TestParseTCPBadChecksumStillParses: a tracer shows corrupted segments, so
// the parsed fields come back with ErrBadChecksum.
func TestParseTCPBadChecksumStillParses(t *testing.T) {
	s := Segment{SrcPort: 5, DstPort: 6, Seq: 1000, Ack: 2000, Flags: PSH | ACK, Window: 100,
		Options: Options{HasTS: true, TSVal: 1, TSEcr: 2}, Payload: []byte("data")}
	b := s.AppendTCP(nil, testSrc, testDst)
	b[len(b)-1] ^= 0x20 // the corruption a lossy link causes
	got, err := ParseTCP(b, testSrc, testDst)
	if !errors.Is(err, ErrBadChecksum) {
		t.Fatalf("ParseTCP(corrupted) error = %v, want ErrBadChecksum", err)
	}
	want := s
	want.Payload = []byte("datA")
	if !segmentsEqual(got, want) {
		t.Errorf("ParseTCP(corrupted) = %v, want %v", got, want)
	}
	// The "want" in the message is the checksum that would verify.
	fixed := withTCPChecksum(b)
	if wantSum := hex16(binary.BigEndian.Uint16(fixed[16:18])); !strings.Contains(err.Error(), "want "+wantSum) {
		t.Errorf("ParseTCP(corrupted) error = %q, want it to name the right checksum %s", err, wantSum)
	}
}

// TestParseTCPWrongAddresses: the pseudo-header binds the segment to its
// addresses (RFC 9293 §3.1), so a segment delivered to the wrong host fails.
func TestParseTCPWrongAddresses(t *testing.T) {
	s := Segment{Flags: ACK, Payload: []byte("x")}
	b := s.AppendTCP(nil, testSrc, testDst)
	if _, err := ParseTCP(b, testSrc, [4]byte{10, 0, 0, 3}); !errors.Is(err, ErrBadChecksum) {
		t.Errorf("ParseTCP to the wrong address = %v, want ErrBadChecksum", err)
	}
}

// TestAppendTCPPanicsWhenTooLong: a segment no IPv4 packet can carry is a
// caller's bug, reported loudly rather than with a wrong length field.
func TestAppendTCPPanicsWhenTooLong(t *testing.T) {
	s := Segment{Flags: ACK, Payload: make([]byte, 0xffff-40+1)}
	defer func() {
		if recover() == nil {
			t.Errorf("AppendTCP of a %d-byte payload did not panic", len(s.Payload))
		}
	}()
	s.AppendTCP(nil, testSrc, testDst)
}

func TestAppendIPv4TCPLargestPacket(t *testing.T) {
	s := Segment{Flags: ACK, Payload: make([]byte, 0xffff-40)}
	pkt := AppendIPv4TCP(nil, IPv4Header{TTL: 1}, &s)
	if len(pkt) != 0xffff {
		t.Fatalf("AppendIPv4TCP = %d bytes, want 65535", len(pkt))
	}
	if _, got, err := ParseIPv4TCP(pkt); err != nil || len(got.Payload) != len(s.Payload) {
		t.Errorf("ParseIPv4TCP(largest packet) = %d-byte payload, %v", len(got.Payload), err)
	}
}
