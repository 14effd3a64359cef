package capture

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/pcap"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

var vantages = []Vantage{VantageA, VantageB, VantageLink}

// golden is a scenario of the simulator's golden tests and its trace.
type golden struct {
	name  string
	trace *trace.Trace
}

// goldenTraces runs each scenario of the simulator's golden tests, in the
// order of their file names.
func goldenTraces(t testing.TB) []golden {
	t.Helper()
	files, err := filepath.Glob("../sim/testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios in ../sim/testdata (%v)", err)
	}
	var traces []golden
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := scenario.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		tr, err := sim.Run(sc)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		traces = append(traces, golden{strings.TrimSuffix(filepath.Base(f), ".json"), tr})
	}
	return traces
}

// goldenTrace returns the trace of the golden scenario called name.
func goldenTrace(t testing.TB, name string) *trace.Trace {
	t.Helper()
	for _, g := range goldenTraces(t) {
		if g.name == name {
			return g.trace
		}
	}
	t.Fatalf("no golden scenario %q", name)
	return nil
}

// The expected packets are counted from the trace's text, independently of
// Captured: a line per segment a side sent ("A>B") or received ("A<B"), and
// the link's lines for the packets a host dropped on arrival.
var (
	sentLine     = regexp.MustCompile(`(?m)^\S+ (?:c\d+ )?([AB])>[AB] `)
	receivedLine = regexp.MustCompile(`(?m)^\S+ (?:c\d+ )?([AB])<[AB] `)
	arrivedLine  = regexp.MustCompile(`(?m)^\S+ (?:c\d+ )?link [AB]>([AB]) dropped \((?:bad checksum|malformed|no socket)\)`)
)

func expectedCount(text string, v Vantage) int {
	if v == VantageLink {
		return len(sentLine.FindAllString(text, -1))
	}
	n := 0
	for _, re := range []*regexp.Regexp{sentLine, receivedLine, arrivedLine} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			if m[1] == v.String() {
				n++
			}
		}
	}
	return n
}

type packet struct {
	at  time.Duration
	pkt []byte
}

func readAll(t *testing.T, file []byte) []packet {
	t.Helper()
	r, err := pcap.NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("pcap.NewReader: %v", err)
	}
	if r.LinkType() != 101 || !r.Nanosecond() {
		t.Fatalf("link type %d, nanosecond %v; want 101 (LINKTYPE_RAW), true", r.LinkType(), r.Nanosecond())
	}
	var pkts []packet
	for {
		at, pkt, err := r.Next()
		if errors.Is(err, io.EOF) {
			return pkts
		}
		if err != nil {
			t.Fatalf("pcap Next after %d packets: %v", len(pkts), err)
		}
		pkts = append(pkts, packet{at, append([]byte(nil), pkt...)})
	}
}

// checksumsGood reports whether a packet's IPv4 header and TCP checksums
// verify.
func checksumsGood(pkt []byte) bool {
	ihl := int(pkt[0]&0x0f) * 4
	var src, dst [4]byte
	copy(src[:], pkt[12:16])
	copy(dst[:], pkt[16:20])
	return wire.Checksum(pkt[:ihl]) == 0 && wire.TCPChecksum(src, dst, pkt[ihl:]) == 0
}

// TestGoldenScenarios writes every golden scenario from every vantage,
// reads the file back and checks the packet count, the times, who sent
// each packet and its checksums.
func TestGoldenScenarios(t *testing.T) {
	for _, g := range goldenTraces(t) {
		name, tr := g.name, g.trace
		text := tr.Text()
		for _, v := range vantages {
			t.Run(name+"/"+v.String(), func(t *testing.T) {
				var file bytes.Buffer
				n, err := Write(&file, tr, v)
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				want := expectedCount(text, v)
				if n != want || Count(tr, v) != want {
					t.Errorf("Write wrote %d packets, Count %d; the trace's text has %d", n, Count(tr, v), want)
				}
				pkts := readAll(t, file.Bytes())
				if len(pkts) != want {
					t.Fatalf("read back %d packets, want %d", len(pkts), want)
				}
				if v == VantageLink && want != tr.NumSegments() {
					t.Errorf("link vantage has %d packets, want one per segment sent (%d)", want, tr.NumSegments())
				}
				var last time.Duration
				j := 0
				for _, e := range tr.Events() {
					if !Captured(e, v) {
						continue
					}
					p := pkts[j]
					j++
					if p.at != e.At || p.at < last {
						t.Errorf("packet %d at %v, want %v (event %v), in time order", j, p.at, e.At, e.Kind)
					}
					last = p.at
					if want := tr.Addr(e.Sender()); !bytes.Equal(p.pkt[12:16], want[:]) {
						t.Errorf("packet %d from %v, want %v", j, p.pkt[12:16], want)
					}
					corrupted := e.Kind == trace.Dropped && trace.Drop(e.Code) != trace.DropNoSocket
					if good := checksumsGood(p.pkt); good == corrupted {
						t.Errorf("packet %d (%v %v): checksums good = %v, want %v", j, e.Kind, trace.Drop(e.Code), good, !corrupted)
					}
				}
			})
		}
	}
}

// TestCorruptedArrival pins down the faults scenario's corrupted data
// segment: good on the wire where it was sent, bad where it arrived.
func TestCorruptedArrival(t *testing.T) {
	tr := goldenTrace(t, "faults")
	bad := map[Vantage]int{}
	for _, v := range vantages {
		var file bytes.Buffer
		if _, err := Write(&file, tr, v); err != nil {
			t.Fatal(err)
		}
		for _, p := range readAll(t, file.Bytes()) {
			if !checksumsGood(p.pkt) {
				bad[v]++
			}
		}
	}
	want := map[Vantage]int{VantageB: 1}
	for _, v := range vantages {
		if bad[v] != want[v] {
			t.Errorf("faults from %v: %d packets with a bad checksum, want %d", v, bad[v], want[v])
		}
	}
}

// TestConnectionsShareOneFile checks that both connections of two_flows
// are in the one file, told apart by their ports.
func TestConnectionsShareOneFile(t *testing.T) {
	tr := goldenTrace(t, "two_flows")
	var file bytes.Buffer
	if _, err := Write(&file, tr, VantageLink); err != nil {
		t.Fatal(err)
	}
	perPort := map[uint16]int{}
	for _, p := range readAll(t, file.Bytes()) {
		_, seg, err := wire.ParseIPv4TCP(p.pkt)
		if err != nil {
			t.Fatalf("ParseIPv4TCP: %v", err)
		}
		perPort[seg.SrcPort]++
	}
	for i, c := range tr.Conns() {
		if perPort[c.Port[trace.A]] == 0 || perPort[c.Port[trace.B]] == 0 {
			t.Errorf("connection %d (ports %v): packets per source port %v, want some from each", i, c.Port, perPort)
		}
	}
}

func TestParseVantage(t *testing.T) {
	tests := []struct {
		in   string
		want Vantage
		ok   bool
	}{
		{"A", VantageA, true}, {"a", VantageA, true}, {"B", VantageB, true}, {"b", VantageB, true},
		{"link", VantageLink, true}, {"", 0, false}, {"LINK", 0, false}, {"C", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseVantage(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseVantage(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != strings.ToUpper(tt.in) && got.String() != tt.in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), tt.in)
		}
	}
}

func TestWriteRejectsUnknownVantage(t *testing.T) {
	tr := goldenTrace(t, "handshake")
	if _, err := Write(io.Discard, tr, 0); !errors.Is(err, errVantage) {
		t.Errorf("Write(vantage 0) = %v, want errVantage", err)
	}
}

// The errors read as they did when fmt made them, and wrap errVantage.
func TestVantageErrorText(t *testing.T) {
	tr := goldenTrace(t, "handshake")
	_, err := Write(io.Discard, tr, 7)
	if want := `capture: Vantage(7): vantage must be "A", "B" or "link"`; err == nil || err.Error() != want {
		t.Errorf("Write(vantage 7) = %v, want %s", err, want)
	}
	_, err = ParseVantage("l\"ink")
	if want := `capture: "l\"ink": vantage must be "A", "B" or "link"`; err == nil || err.Error() != want || !errors.Is(err, errVantage) {
		t.Errorf("ParseVantage = %v, want %s wrapping errVantage", err, want)
	}
}

// TestLinkCorruption runs the handshake scenario over a link that corrupts
// a fifth of the packets each way: every packet a host dropped for a bad
// checksum or as malformed is in that host's capture with its corrupted
// bytes (checksums bad), and nowhere else.
func TestLinkCorruption(t *testing.T) {
	total := 0
	for seed := uint64(1); seed <= 5; seed++ {
		tr := corruptingTrace(t, seed)
		arrivedCorrupted := map[Vantage]int{}
		for _, e := range tr.Events() {
			if e.Kind == trace.Dropped && (trace.Drop(e.Code) == trace.DropBadChecksum || trace.Drop(e.Code) == trace.DropMalformed) {
				arrivedCorrupted[Vantage(e.Side.Peer())+VantageA]++
				total++
			}
		}
		for _, v := range vantages {
			var file bytes.Buffer
			if _, err := Write(&file, tr, v); err != nil {
				t.Fatal(err)
			}
			bad := 0
			for _, p := range readAll(t, file.Bytes()) {
				if len(p.pkt) < 20 || int(p.pkt[0]&0x0f)*4 > len(p.pkt) || !checksumsGood(p.pkt) {
					bad++
				}
			}
			if bad != arrivedCorrupted[v] {
				t.Errorf("seed %d, vantage %v: %d packets with bad checksums, want the %d its host dropped as corrupted", seed, v, bad, arrivedCorrupted[v])
			}
		}
	}
	if total == 0 {
		t.Fatal("no packet arrived corrupted in five seeds: the test tests nothing")
	}
	t.Logf("%d corrupted arrivals", total)
}

// corruptingTrace runs the handshake scenario with the given seed over a
// link that corrupts 20 % of the packets each way.
func corruptingTrace(t *testing.T, seed uint64) *trace.Trace {
	t.Helper()
	data, err := os.ReadFile("../sim/testdata/handshake.json")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	sc.Seed = seed
	sc.Link[scenario.A].Corrupt = 20
	sc.Link[scenario.B].Corrupt = 20
	tr, err := sim.Run(sc)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	return tr
}
