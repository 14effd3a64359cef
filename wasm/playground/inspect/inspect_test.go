package inspect

import (
	"net/netip"
	"strings"
	"testing"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

var ip = wire.IPv4Header{ID: 0x1234, DontFragment: true, TTL: wire.DefaultTTL, Src: [4]byte{10, 0, 0, 1}, Dst: [4]byte{10, 0, 0, 2}}

func field(t *testing.T, fs []Field, name string) Field {
	t.Helper()
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no field %q in %v", name, fs)
	return Field{}
}

// covered checks that every byte of pkt belongs to some field, so the hex
// dump has no unexplained byte.
func covered(t *testing.T, fs []Field, n int) {
	t.Helper()
	seen := make([]bool, n)
	for _, f := range fs {
		if f.Off < 0 || f.End > n || f.Off >= f.End {
			t.Errorf("field %s has range [%d,%d) in a %d-byte packet", f.Name, f.Off, f.End, n)
			continue
		}
		for i := f.Off; i < f.End; i++ {
			seen[i] = true
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("byte %d belongs to no field", i)
		}
	}
}

func TestSYNFieldsMatchWireEncoding(t *testing.T) {
	s := wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 65535,
		Options: wire.Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 7, TSEcr: 0, HasWScale: true, WScale: 7}}
	pkt := wire.AppendIPv4TCP(nil, ip, &s)
	fs, err := Fields(pkt, Bases{Seq: 1000})
	if err != nil {
		t.Fatal(err)
	}
	covered(t, fs, len(pkt))
	want := map[string]string{
		"Version":               "4",
		"Header length":         "20 bytes (5 words)",
		"Total length":          "60 bytes",
		"Identification":        "0x1234 (4660)",
		"Flags":                 "DF (don't fragment)",
		"Time to live":          "64",
		"Protocol":              "6 (TCP)",
		"Source address":        "10.0.0.1",
		"Destination address":   "10.0.0.2",
		"Source port":           "40000",
		"Destination port":      "80",
		"Sequence number":       "0 (relative; raw 1000)",
		"Acknowledgment number": "0 (not used: no ACK flag)",
		"Window":                "65535",
		"Maximum segment size":  "1460 bytes",
		"Timestamps":            "TSval 7, TSecr 0",
		"Window scale":          "shift 7 (multiply by 128)",
	}
	for name, v := range want {
		if got := field(t, fs, name).Value; got != v {
			t.Errorf("Fields(SYN) %s = %q, want %q", name, got, v)
		}
	}
	if f := field(t, fs, "Checksum"); !strings.HasSuffix(f.Value, "(correct)") || f.Off != 36 || f.End != 38 {
		t.Errorf("TCP checksum field = %+v, want bytes 36..38, correct", f)
	}
	if f := field(t, fs, "Header checksum"); !strings.HasSuffix(f.Value, "(correct)") {
		t.Errorf("IPv4 checksum field = %+v, want correct", f)
	}
	// The flags of the TCP header are byte 33 (20 + 13).
	if f := fs[indexOf(fs, "Flags", TCP)]; f.Off != 33 || f.Value != "0x02 (SYN)" {
		t.Errorf("TCP flags = %+v, want byte 33, 0x02 (SYN)", f)
	}
	if f := field(t, fs, "SACK permitted"); f.Off != 44 || f.End != 46 {
		t.Errorf("sackOK at [%d,%d), want [44,46) (right after the MSS option)", f.Off, f.End)
	}
}

func indexOf(fs []Field, name string, l Layer) int {
	for i, f := range fs {
		if f.Name == name && f.Layer == l {
			return i
		}
	}
	return -1
}

func TestDataWithSACKBlocks(t *testing.T) {
	s := wire.Segment{SrcPort: 80, DstPort: 40000, Seq: 5001, Ack: 2001, Flags: wire.ACK | wire.PSH, Window: 502,
		Options: wire.Options{HasTS: true, TSVal: 9, TSEcr: 8, NumSACK: 2,
			SACK: [4]wire.SACKBlock{{Left: 3001, Right: 4001}, {Left: 5001, Right: 6001}}},
		Payload: []byte("hello")}
	pkt := wire.AppendIPv4TCP(nil, ip, &s)
	fs, err := Fields(pkt, Bases{Seq: 5000, Ack: 1000})
	if err != nil {
		t.Fatal(err)
	}
	covered(t, fs, len(pkt))
	if got := field(t, fs, "SACK").Value; got != "2001–3001, 4001–5001 (relative)" {
		t.Errorf("SACK = %q", got)
	}
	if got := field(t, fs, "Acknowledgment number").Value; got != "1001 (relative; raw 2001)" {
		t.Errorf("ack = %q", got)
	}
	if got := fs[indexOf(fs, "Flags", TCP)].Value; got != "0x18 (PSH, ACK)" {
		t.Errorf("flags = %q", got)
	}
	p := field(t, fs, "Payload")
	if p.Value != "5 bytes" || string(pkt[p.Off:p.End]) != "hello" {
		t.Errorf("payload field %+v covers %q", p, pkt[p.Off:p.End])
	}
	nops := 0
	for _, f := range fs {
		if f.Name == "No-operation (NOP)" {
			nops++
		}
	}
	if nops != 4 {
		t.Errorf("%d NOPs, want 4 (two before TS, two before SACK)", nops)
	}
}

func TestCorruptedPacketShowsWrongChecksum(t *testing.T) {
	s := wire.Segment{SrcPort: 1, DstPort: 2, Seq: seq.Seq(1), Flags: wire.ACK, Payload: []byte("abc")}
	pkt := wire.AppendIPv4TCP(nil, ip, &s)
	pkt[len(pkt)-1] ^= 1
	fs, err := Fields(pkt, Bases{})
	if err != nil {
		t.Fatal(err)
	}
	if got := field(t, fs, "Checksum").Value; !strings.Contains(got, "wrong") {
		t.Errorf("checksum of a corrupted packet = %q, want it called wrong", got)
	}
}

func TestTruncatedPacketsKeepWhatWasRead(t *testing.T) {
	s := wire.Segment{SrcPort: 1, DstPort: 2, Flags: wire.SYN, Options: wire.Options{MSS: 536}}
	pkt := wire.AppendIPv4TCP(nil, ip, &s)
	for n := range len(pkt) {
		fs, err := Fields(pkt[:n], Bases{})
		if err == nil {
			t.Errorf("Fields of the first %d of %d bytes: no error", n, len(pkt))
		}
		if n >= 20 && len(fs) < 10 {
			t.Errorf("Fields of %d bytes kept only %d fields", n, len(fs))
		}
	}
}

func FuzzFields(f *testing.F) {
	s := wire.Segment{SrcPort: 1, DstPort: 2, Flags: wire.SYN | wire.ACK, Options: wire.Options{MSS: 536, HasTS: true, HasWScale: true}}
	f.Add(wire.AppendIPv4TCP(nil, ip, &s))
	f.Fuzz(func(t *testing.T, pkt []byte) {
		fs, _ := Fields(pkt, Bases{})
		for _, x := range fs {
			if x.Off < 0 || x.End > len(pkt) || x.Off > x.End {
				t.Fatalf("field %+v outside the %d-byte packet", x, len(pkt))
			}
		}
	})
}

func TestDottedMatchesNetip(t *testing.T) {
	for _, a := range [][4]byte{{0, 0, 0, 0}, {10, 0, 0, 1}, {192, 168, 100, 9}, {255, 255, 255, 255}} {
		if got, want := dotted(a), netip.AddrFrom4(a).String(); got != want {
			t.Errorf("dotted(%v) = %q, want %q", a, got, want)
		}
	}
}
