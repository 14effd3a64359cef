package wire

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"tcpplayground/tcpcore/seq"
)

// TestAppendOptionsLinuxLayout pins the exact bytes of the layouts Linux
// writes (net/ipv4/tcp_output.c, tcp_options_write).
func TestAppendOptionsLinuxLayout(t *testing.T) {
	threeSACK := [MaxSACKBlocks]SACKBlock{{1001, 2001}, {3001, 4001}, {5001, 6001}, {7001, 8001}}
	tests := []struct {
		name string
		opts Options
		hex  string
		text string
	}{
		{"none", Options{}, "", ""},
		{
			"Linux SYN",
			Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 0x01020304, HasWScale: true, WScale: 7},
			"020405b4" + "0402080a0102030400000000" + "01030307",
			"mss 1460,sackOK,TS val 16909060 ecr 0,nop,wscale 7",
		},
		{
			"data with TS and 3 SACK blocks",
			Options{HasTS: true, TSVal: 5, TSEcr: 9, SACK: threeSACK, NumSACK: 3},
			"0101080a0000000500000009" + "0101051a" + "000003e9000007d1" + "00000bb900000fa1" + "0000138900001771",
			"nop,nop,TS val 5 ecr 9,nop,nop,sack 1001:2001 3001:4001 5001:6001",
		},
		{
			"4 SACK blocks with TS: the 4th does not fit",
			Options{HasTS: true, TSVal: 5, TSEcr: 9, SACK: threeSACK, NumSACK: 4},
			"0101080a0000000500000009" + "0101051a" + "000003e9000007d1" + "00000bb900000fa1" + "0000138900001771",
			"nop,nop,TS val 5 ecr 9,nop,nop,sack 1001:2001 3001:4001 5001:6001",
		},
		{
			"4 SACK blocks without TS",
			Options{SACK: threeSACK, NumSACK: 4},
			"01010522" + "000003e9000007d1" + "00000bb900000fa1" + "0000138900001771" + "00001b5900001f41",
			"nop,nop,sack 1001:2001 3001:4001 5001:6001 7001:8001",
		},
		{"TS alone", Options{HasTS: true, TSVal: 1, TSEcr: 2}, "0101080a0000000100000002", "nop,nop,TS val 1 ecr 2"},
		{"sackOK without TS", Options{MSS: 536, SACKPermitted: true}, "02040218" + "01010402", "mss 536,nop,nop,sackOK"},
		{"wscale alone", Options{HasWScale: true, WScale: 14}, "0103030e", "nop,wscale 14"},
		{"wscale 0 is still sent", Options{HasWScale: true}, "01030300", "nop,wscale 0"},
		{"MSS alone", Options{MSS: 1460}, "020405b4", "mss 1460"},
		{"one D-SACK block", Options{SACK: [MaxSACKBlocks]SACKBlock{{100, 200}}, NumSACK: 1}, "0101050a00000064000000c8", "nop,nop,sack 100:200"},
	}
	for _, tt := range tests {
		want := mustHex(t, tt.hex)
		got := AppendOptions(nil, &tt.opts)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: AppendOptions(%+v) = %x, want %x", tt.name, tt.opts, got, want)
		}
		if n := tt.opts.Len(); n != len(want) {
			t.Errorf("%s: Len() = %d, want %d", tt.name, n, len(want))
		}
		if got := tt.opts.String(); got != tt.text {
			t.Errorf("%s: String() = %q, want %q", tt.name, got, tt.text)
		}
	}
}

func TestAppendOptionsLinuxSYNIs20Bytes(t *testing.T) {
	o := Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 12345, HasWScale: true, WScale: 7}
	if got := AppendOptions(nil, &o); len(got) != 20 {
		t.Errorf("Linux SYN options are %d bytes (%x), want 20", len(got), got)
	}
}

// TestOptionsRoundTripEveryCombination encodes every combination of the
// options and every SACK block count, and checks that the encoding is a
// multiple of 4 of at most 40 bytes, that it parses back to the same
// Options (minus the SACK blocks that could not fit), and that String
// describes the encoding as packetdrill would.
func TestOptionsRoundTripEveryCombination(t *testing.T) {
	for mask := range 16 {
		for n := 0; n <= MaxSACKBlocks; n++ {
			o := Options{NumSACK: n}
			if mask&1 != 0 {
				o.MSS = 1460
			}
			if mask&2 != 0 {
				o.HasWScale, o.WScale = true, 9
			}
			if mask&4 != 0 {
				o.SACKPermitted = true
			}
			if mask&8 != 0 {
				o.HasTS, o.TSVal, o.TSEcr = true, 0xdeadbeef, 0xffffffff
			}
			for i := range n {
				o.SACK[i] = SACKBlock{seq.Seq(0xfffffff0 + uint32(i)*1000), seq.Seq(0xfffffff0 + uint32(i)*1000 + 500)}
			}
			b := AppendOptions(nil, &o)
			if len(b)%4 != 0 || len(b) > MaxOptionsLen {
				t.Errorf("AppendOptions(%+v) = %d bytes, want a multiple of 4 up to 40", o, len(b))
			}
			if len(b) != o.Len() {
				t.Errorf("AppendOptions(%+v) = %d bytes, Len() = %d", o, len(b), o.Len())
			}
			got, err := ParseOptions(b)
			if err != nil {
				t.Fatalf("ParseOptions(%x) = %v", b, err)
			}
			want := o
			want.NumSACK = min(n, o.SACKRoom())
			for i := want.NumSACK; i < MaxSACKBlocks; i++ {
				want.SACK[i] = SACKBlock{}
			}
			if got != want {
				t.Errorf("ParseOptions(AppendOptions(%+v)) = %+v, want %+v", o, got, want)
			}
			if got.String() != o.String() {
				t.Errorf("String() changed over a round trip: %q, then %q", o.String(), got.String())
			}
			if strings.Count(o.String(), "nop") != bytes.Count(b, []byte{OptNOP})-countNOPBytesInValues(b) {
				t.Errorf("String() = %q does not show the %x NOPs", o.String(), b)
			}
		}
	}
}

// countNOPBytesInValues counts 0x01 bytes inside option values, which are not
// NOPs, so the NOP count of a layout can be compared with String.
func countNOPBytesInValues(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] == OptNOP {
			i++
			continue
		}
		n += bytes.Count(b[i+2:i+int(b[i+1])], []byte{OptNOP})
		i += int(b[i+1])
	}
	return n
}

func TestSACKRoom(t *testing.T) {
	tests := []struct {
		opts Options
		want int
	}{
		{Options{}, 4},
		{Options{HasTS: true}, 3},
		{Options{HasTS: true, SACKPermitted: true}, 3},
		{Options{SACKPermitted: true}, 4}, // 4 (nop,nop,sackOK) + 4 + 32 = 40
		{Options{MSS: 1460, HasTS: true, SACKPermitted: true, HasWScale: true}, 2},
	}
	for _, tt := range tests {
		if got := tt.opts.SACKRoom(); got != tt.want {
			t.Errorf("%+v.SACKRoom() = %d, want %d", tt.opts, got, tt.want)
		}
	}
}

func TestParseOptionsAccepts(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want Options
	}{
		{"empty", "", Options{}},
		{"EOL ends the list, the rest is padding", "020405b400ffffff", Options{MSS: 1460}},
		{"NOPs anywhere", "01010101020405b401", Options{MSS: 1460}},
		{"unknown kind skipped by its length", "1e0401020103030a", Options{HasWScale: true, WScale: 10}},
		{"unknown kind of length 2", "fe02020405b4", Options{MSS: 1460}},
		{"TCP fast open cookie skipped", "220a0102030405060708" + "01010402", Options{SACKPermitted: true}},
		{"options in any order", "0103030e0402020405b4", Options{MSS: 1460, HasWScale: true, WScale: 14, SACKPermitted: true}},
		{"a later copy wins", "020405b4020402180000", Options{MSS: 536}},
		{"wscale above 14 is kept as sent", "010303ff", Options{HasWScale: true, WScale: 255}},
		{"MSS 0 reads as absent", "02040000", Options{}},
		{"unpadded FreeBSD-style SYN", "020405b40103030602040218", Options{MSS: 536, HasWScale: true, WScale: 6}},
		{"sack of 2 blocks", "0101051200000001000000020000000300000004",
			Options{NumSACK: 2, SACK: [MaxSACKBlocks]SACKBlock{{1, 2}, {3, 4}}}},
		{"a second sack option replaces the first", "050a00000001000000020101050a0000000500000006",
			Options{NumSACK: 1, SACK: [MaxSACKBlocks]SACKBlock{{5, 6}}}},
	}
	for _, tt := range tests {
		b := mustHex(t, tt.hex)
		got, err := ParseOptions(b)
		if err != nil || got != tt.want {
			t.Errorf("%s: ParseOptions(%x) = %+v, %v; want %+v, nil", tt.name, b, got, err, tt.want)
		}
	}
}

// parseOptionErrors are malformed option areas, each with a fragment of the
// error it must produce; they also seed FuzzOptions.
var parseOptionErrors = []struct {
	name, hex, err string
}{
	{"length 0", "0200", "mss (kind 2) at offset 0: length 0"},
	{"length 1", "01011e01", "kind 30 at offset 2: length 1"},
	{"no length byte", "01010102", "mss (kind 2) at offset 3: no length byte"},
	{"unknown kind with no length byte", "fe", "kind 254 at offset 0: no length byte"},
	{"past the end", "010404ff", "sackOK (kind 4) at offset 1: length 4 runs past the end"},
	{"unknown past the end", "1e0a0000", "kind 30 at offset 0: length 10 runs past the end"},
	{"mss length 3", "0203050000", "mss (kind 2) at offset 0: length 3, want 4"},
	{"mss length 5", "020505b40001", "mss (kind 2) at offset 0: length 5, want 4"},
	{"wscale length 4", "01030407000000", "wscale (kind 3) at offset 1: length 4, want 3"},
	{"wscale length 2", "0302", "wscale (kind 3) at offset 0: length 2, want 3"},
	{"sackOK length 3", "040300", "sackOK (kind 4) at offset 0: length 3, want 2"},
	{"TS length 8", "0101080800000001000000", "TS (kind 8) at offset 2: length 8, want 10"},
	{"sack with no blocks", "0502", "sack (kind 5) at offset 0: length 2, want 2+8n"},
	{"sack of 1.5 blocks", "050e000000010000000200000003", "sack (kind 5) at offset 0: length 14, want 2+8n"},
	{"sack of 5 blocks", "052a" + strings.Repeat("00000001", 10), "sack (kind 5) at offset 0: length 42, want 2+8n"},
	{"error after good options", "020405b40103030a0203", "mss (kind 2) at offset 8: length 3 runs past the end"},
}

func TestParseOptionsErrors(t *testing.T) {
	for _, tt := range parseOptionErrors {
		b := mustHex(t, tt.hex)
		_, err := ParseOptions(b)
		if !errors.Is(err, ErrBadOption) || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: ParseOptions(%x) = %v, want an ErrBadOption containing %q", tt.name, b, err, tt.err)
		}
	}
}

func TestParseOptionsKeepsWhatCameBeforeAnError(t *testing.T) {
	b := mustHex(t, "020405b40103030a0203")
	got, err := ParseOptions(b)
	want := Options{MSS: 1460, HasWScale: true, WScale: 10}
	if !errors.Is(err, ErrBadOption) || got != want {
		t.Errorf("ParseOptions(%x) = %+v, %v; want %+v and ErrBadOption", b, got, err, want)
	}
}

// nop,nop,TS alone has a fast path both ways (the options of nearly every
// simulated segment): it must agree with the general code, which parses
// the same bytes when EOL padding follows and writes them for the same
// options with a zero-length SACK list.
func TestTimestampsOnlyFastPath(t *testing.T) {
	b := mustHex(t, "0101080a0000000700000008")
	fast, err := ParseOptions(b)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := ParseOptions(append(append([]byte(nil), b...), 0, 0, 0, 0))
	if err != nil || fast != slow || !fast.HasTS || fast.TSVal != 7 || fast.TSEcr != 8 {
		t.Errorf("ParseOptions(%x) = %+v; with EOL padding %+v, %v", b, fast, slow, err)
	}
	if got := AppendOptions(nil, &fast); !bytes.Equal(got, b) {
		t.Errorf("AppendOptions(%+v) = %x, want %x", fast, got, b)
	}
	withSACK := fast
	withSACK.NumSACK = 1
	withSACK.SACK[0] = SACKBlock{Left: 1, Right: 2}
	if got := AppendOptions(nil, &withSACK); !bytes.Equal(got[:12], b) || len(got) != 24 {
		t.Errorf("AppendOptions(%+v) = %x, want %x then a SACK block", withSACK, got, b)
	}
}
