package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fuzz targets check three things of whatever bytes arrive: parsing
// never panics; what parses re-encodes and re-parses to the same value; and
// the encoding is stable (encoding the re-parsed value gives the same
// bytes). "The same" allows for what the encoder normalises: it writes
// options in Linux's layout, drops unknown options, IP options, padding and
// the reserved bits, and leaves out SACK blocks that do not fit beside the
// other options (normalizeOptions).

// normalizeOptions is o as it comes back from AppendOptions and
// ParseOptions: only the SACK blocks that fit remain.
func normalizeOptions(o Options) Options {
	o.NumSACK = o.numSACKToSend()
	for i := o.NumSACK; i < MaxSACKBlocks; i++ {
		o.SACK[i] = SACKBlock{}
	}
	return o
}

func FuzzOptions(f *testing.F) {
	for _, tt := range parseOptionErrors {
		f.Add(mustHex(f, tt.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseOptions(data)
		_ = o.String()
		if err != nil {
			if !errors.Is(err, ErrBadOption) {
				t.Fatalf("ParseOptions(%x) = %v, not an ErrBadOption", data, err)
			}
			return
		}
		b := AppendOptions(nil, &o)
		if len(b)%4 != 0 || len(b) > MaxOptionsLen || len(b) != o.Len() {
			t.Fatalf("AppendOptions(%+v) = %x: %d bytes (Len %d), want a multiple of 4 up to 40", o, b, len(b), o.Len())
		}
		got, err := ParseOptions(b)
		if want := normalizeOptions(o); err != nil || got != want {
			t.Fatalf("ParseOptions(AppendOptions(%+v)) = %+v, %v; want %+v", o, got, err, want)
		}
		if again := AppendOptions(nil, &got); !bytes.Equal(again, b) {
			t.Fatalf("encoding is not stable: %x, then %x", b, again)
		}
		if got.String() != o.String() {
			t.Fatalf("String() changed over a round trip: %q, then %q", o.String(), got.String())
		}
	})
}

func FuzzParseTCP(f *testing.F) {
	for _, tt := range parseTCPErrors {
		b := mustHex(f, tt.hex)
		if tt.fixSum {
			b = withTCPChecksum(b)
		}
		f.Add(b)
	}
	f.Add(mustHex(f, linuxSYN)[IPv4HeaderLen:])
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxTCPLen {
			return // longer than any IPv4 packet could carry
		}
		s, err := ParseTCP(data, testSrc, testDst)
		_ = s.String()
		if errors.Is(err, ErrBadChecksum) {
			// The same bytes with a right checksum parse to the same
			// segment: a bad checksum loses nothing for the tracer.
			fixed := bytes.Clone(data)
			fixed[16], fixed[17] = 0, 0
			binary.BigEndian.PutUint16(fixed[16:18], TCPChecksum(testSrc, testDst, fixed))
			s2, err2 := ParseTCP(fixed, testSrc, testDst)
			if errors.Is(err2, ErrBadChecksum) {
				t.Fatalf("ParseTCP(%x) with its checksum fixed = %v", fixed, err2)
			}
			if !segmentsEqual(s, s2) {
				t.Fatalf("ParseTCP(%x) = %v with a bad checksum, %v with it fixed", data, s, s2)
			}
			s, err = s2, err2
		}
		if err != nil {
			return
		}
		b := s.AppendTCP(nil, testSrc, testDst)
		got, err := ParseTCP(b, testSrc, testDst)
		want := s
		want.Options = normalizeOptions(s.Options)
		if err != nil || !segmentsEqual(got, want) {
			t.Fatalf("ParseTCP(AppendTCP(%v)) = %v, %v; want %v", s, got, err, want)
		}
		if again := got.AppendTCP(nil, testSrc, testDst); !bytes.Equal(again, b) {
			t.Fatalf("encoding is not stable: %x, then %x", b, again)
		}
	})
}

// dirtyIP and dirtySegment have every field set, for ParseIPv4TCPInto to
// overwrite.
var (
	dirtyIP      = IPv4Header{TOS: 1, TotalLen: 2, ID: 3, DontFragment: true, TTL: 4, Protocol: 5, Checksum: 6, Src: [4]byte{7}, Dst: [4]byte{8}}
	dirtySegment = Segment{SrcPort: 1, DstPort: 2, Seq: 3, Ack: 4, Flags: 5, Window: 6, Urgent: 7,
		Options: Options{MSS: 8, HasWScale: true, WScale: 9, SACKPermitted: true, HasTS: true, TSVal: 10, TSEcr: 11,
			SACK: [MaxSACKBlocks]SACKBlock{{1, 2}, {3, 4}, {5, 6}, {7, 8}}, NumSACK: 4},
		Payload: []byte{12}}
)

func FuzzParseIPv4TCP(f *testing.F) {
	for _, tt := range parseIPv4Errors {
		b := mustHex(f, tt.hex)
		if tt.fixSum {
			b = fixIPChecksum(b)
		}
		f.Add(b)
	}
	f.Add(mustHex(f, linuxSYN))
	f.Fuzz(func(t *testing.T, data []byte) {
		ip, s, err := ParseIPv4TCP(data)
		_ = s.String()
		// Parsing into a header and segment left over from another
		// packet gives the same, error included.
		reusedIP, reused := dirtyIP, dirtySegment
		if errInto := ParseIPv4TCPInto(data, &reusedIP, &reused); reusedIP != ip || !segmentsEqual(reused, s) ||
			fmt.Sprint(errInto) != fmt.Sprint(err) {
			t.Fatalf("ParseIPv4TCPInto = %+v, %v, %v; ParseIPv4TCP = %+v, %v, %v", reusedIP, reused, errInto, ip, s, err)
		}
		if err != nil {
			return
		}
		b := AppendIPv4TCP(nil, ip, &s)
		gotIP, got, err := ParseIPv4TCP(b)
		wantIP := ip
		wantIP.TotalLen = uint16(len(b))
		wantIP.Checksum = binary.BigEndian.Uint16(b[10:12])
		want := s
		want.Options = normalizeOptions(s.Options)
		if err != nil || gotIP != wantIP || !segmentsEqual(got, want) {
			t.Fatalf("ParseIPv4TCP(AppendIPv4TCP(%+v, %v)) = %+v, %v, %v; want %+v, %v", ip, s, gotIP, got, err, wantIP, want)
		}
		if again := AppendIPv4TCP(nil, gotIP, &got); !bytes.Equal(again, b) {
			t.Fatalf("encoding is not stable: %x, then %x", b, again)
		}
	})
}

var updateSeeds = flag.Bool("update-seeds", false, "write the malformed-input tables into testdata/fuzz as seed files")

// TestFuzzSeedCorpus keeps the committed seed corpus in step with the
// malformed-input tables: every case in them must have a seed file under
// testdata/fuzz, so `go test` runs every fuzz target over every malformed
// case even without -fuzz. Run with -update-seeds to write them.
func TestFuzzSeedCorpus(t *testing.T) {
	seeds := map[string]map[string][]byte{
		"FuzzOptions":      {},
		"FuzzParseTCP":     {"linux-syn-tcp": mustHex(t, linuxSYN)[IPv4HeaderLen:]},
		"FuzzParseIPv4TCP": {"linux-syn": mustHex(t, linuxSYN)},
	}
	for _, tt := range parseOptionErrors {
		seeds["FuzzOptions"][tt.name] = mustHex(t, tt.hex)
	}
	seeds["FuzzOptions"]["linux-syn-options"] = mustHex(t, linuxSYN)[40:]
	for _, tt := range parseTCPErrors {
		b := mustHex(t, tt.hex)
		if tt.fixSum {
			b = withTCPChecksum(b)
		}
		seeds["FuzzParseTCP"][tt.name] = b
	}
	for _, tt := range parseIPv4Errors {
		b := mustHex(t, tt.hex)
		if tt.fixSum {
			b = fixIPChecksum(b)
		}
		seeds["FuzzParseIPv4TCP"][tt.name] = b
	}
	// Well-formed traffic of the kinds the simulator carries.
	data := Segment{SrcPort: 8080, DstPort: 45678, Seq: 0xfffffc00, Ack: 77, Flags: PSH | ACK, Window: 502,
		Options: Options{HasTS: true, TSVal: 10, TSEcr: 20, NumSACK: 3,
			SACK: [MaxSACKBlocks]SACKBlock{{0xfffffe00, 0xffffff00}, {100, 200}, {300, 400}}},
		Payload: []byte("GET / HTTP/1.0\r\n\r\n")}
	seeds["FuzzOptions"]["ts-and-3-sack"] = AppendOptions(nil, &data.Options)
	seeds["FuzzParseTCP"]["data-with-ts-and-sack"] = data.AppendTCP(nil, testSrc, testDst)
	ip := IPv4Header{TOS: uint8(CE), ID: 1, DontFragment: true, TTL: DefaultTTL, Src: testSrc, Dst: testDst}
	seeds["FuzzParseIPv4TCP"]["data-with-ts-and-sack"] = AppendIPv4TCP(nil, ip, &data)
	fin := Segment{SrcPort: 1, DstPort: 2, Seq: 5, Ack: 6, Flags: FIN | ACK | URG, Urgent: 1, Window: 0xffff}
	seeds["FuzzParseIPv4TCP"]["fin-urg"] = AppendIPv4TCP(nil, ip, &fin)

	for target, files := range seeds {
		for name, data := range files {
			path := filepath.Join("testdata", "fuzz", target, "seed-"+strings.ReplaceAll(name, " ", "-"))
			content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
			if *updateSeeds {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != content {
				t.Errorf("seed %s is missing or stale (err %v); run go test -run TestFuzzSeedCorpus -update-seeds", path, err)
			}
		}
	}
}

// FuzzChecksum compares the fast checksum with the byte-by-byte reference
// on arbitrary bytes, at both alignments.
func FuzzChecksum(f *testing.F) {
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Add(mustHex(f, linuxSYN))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, b := range [][]byte{data, data[min(1, len(data)):]} {
			if got, want := Checksum(b), referenceChecksum(b); got != want {
				t.Fatalf("Checksum(%x) = %#04x, want %#04x", b, got, want)
			}
		}
	})
}
