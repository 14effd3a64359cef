//go:build !js

package analysis

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"tcpplayground/tcpcore/internal/tshark"
	"testing"

	"tcpplayground/tcpcore/pcap"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

// writePcap writes the capture at v (test-local until tcpcore/capture
// exports one): each visible packet at its capture time, damaged ones
// with the bytes that arrived.
func writePcap(t *testing.T, tr *trace.Trace, v Vantage, path string) {
	t.Helper()
	var buf bytes.Buffer
	w, err := pcap.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var pkt []byte
	for _, p := range Packets(tr, v) {
		pkt = tr.AppendArrivedPacket(pkt[:0], tr.Event(p.Event))
		if err := w.WritePacket(p.At, pkt); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tsharkFields are the tcp.analysis fields compared, with our flag.
var tsharkFields = []struct {
	field string
	flag  Flag
}{
	{"tcp.analysis.retransmission", Retransmission},
	{"tcp.analysis.fast_retransmission", FastRetransmission},
	{"tcp.analysis.spurious_retransmission", SpuriousRetransmission},
	{"tcp.analysis.out_of_order", OutOfOrder},
	{"tcp.analysis.lost_segment", LostSegment},
	{"tcp.analysis.ack_lost_segment", AckLostSegment},
	{"tcp.analysis.duplicate_ack", DupAck},
	{"tcp.analysis.zero_window", ZeroWindow},
	{"tcp.analysis.zero_window_probe", ZeroWindowProbe},
	{"tcp.analysis.zero_window_probe_ack", ZeroWindowProbeAck},
	{"tcp.analysis.window_full", WindowFull},
	{"tcp.analysis.window_update", WindowUpdate},
	{"tcp.analysis.keep_alive", KeepAlive},
	{"tcp.analysis.keep_alive_ack", KeepAliveAck},
}

// tsharkFrame is what tshark says about one frame.
type tsharkFrame struct {
	flags         Flag
	dupNum, dupOf int
}

// runTshark returns tshark's labels per frame (index 0 is frame 1).
func runTshark(t *testing.T, tshark, pcapPath string) []tsharkFrame {
	t.Helper()
	args := []string{"-r", pcapPath, "-n", "-o", "tcp.analyze_sequence_numbers:TRUE",
		"-o", "tcp.relative_sequence_numbers:TRUE",
		"-T", "fields", "-E", "separator=/t", "-E", "occurrence=f",
		"-e", "frame.number", "-e", "tcp.analysis.duplicate_ack_num", "-e", "tcp.analysis.duplicate_ack_frame"}
	for _, f := range tsharkFields {
		args = append(args, "-e", f.field)
	}
	cmd := exec.Command(tshark, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark %v: %v", args, err)
	}
	var frames []tsharkFrame
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		cols := strings.Split(line, "\t")
		var fr tsharkFrame
		fr.dupNum, _ = strconv.Atoi(cols[1])
		fr.dupOf, _ = strconv.Atoi(cols[2])
		for i, f := range tsharkFields {
			if c := 3 + i; c < len(cols) && cols[c] != "" {
				fr.flags |= f.flag
			}
		}
		frames = append(frames, fr)
	}
	return frames
}

// oracleCase is one scenario and the differences from tshark we expect,
// with the reason each is legitimate.
type oracleCase struct {
	file string
	// allowed maps a label to why tshark may disagree on it here.
	allowed map[Flag]string
}

// compareWithTshark checks that at every vantage our labels equal
// tshark's except for the allowed flags, and returns how many frames
// carried each flag (for the test's "it did happen" checks).
func compareWithTshark(t *testing.T, tshark string, tr *trace.Trace, c oracleCase, v Vantage) map[Flag]int {
	t.Helper()
	path := filepath.Join(t.TempDir(), strings.TrimSuffix(c.file, ".json")+"-"+v.String()+".pcap")
	writePcap(t, tr, v, path)
	want := runTshark(t, tshark, path)
	labels := Label(tr, v)
	seen := map[Flag]int{}
	var mask Flag
	for f := range c.allowed {
		mask |= f
	}
	for i, l := range labels {
		if l.Frame == 0 {
			continue
		}
		for _, f := range tsharkFields {
			if l.Flags&f.flag != 0 {
				seen[f.flag]++
			}
		}
		if l.Frame > len(want) {
			t.Fatalf("%s@%s: frame %d beyond tshark's %d frames", c.file, v, l.Frame, len(want))
		}
		w := want[l.Frame-1]
		got := l.Flags &^ Reset
		if diff := (got ^ w.flags) &^ mask; diff != 0 {
			t.Errorf("%s@%s frame %d (%s): Label = %q, tshark says %q",
				c.file, v, l.Frame, tr.Format(i), l, Labels{Flags: w.flags, DupAckNum: w.dupNum, DupOfFrame: w.dupOf})
			continue
		}
		if got&DupAck != 0 && w.flags&DupAck != 0 && (l.DupAckNum != w.dupNum || l.DupOfFrame != w.dupOf) {
			t.Errorf("%s@%s frame %d: Dup ACK %d#%d, tshark says %d#%d", c.file, v, l.Frame, l.DupOfFrame, l.DupAckNum, w.dupOf, w.dupNum)
		}
	}
	return seen
}

// mustSee lists, per scenario, labels that must occur at vantage A or B
// (so that the agreement is not vacuous).
var mustSee = map[string]Flag{
	"fast_retransmit.json":      DupAck | FastRetransmission | Retransmission | LostSegment,
	"reorder.json":              DupAck | OutOfOrder | SpuriousRetransmission | Retransmission,
	"zero_window_new_byte.json": ZeroWindow | ZeroWindowProbe | ZeroWindowProbeAck | WindowUpdate | WindowFull,
	"zero_window_old_seq.json":  ZeroWindow | KeepAlive | WindowUpdate,
	"keepalive.json":            KeepAlive | KeepAliveAck,
	"lossy.json":                DupAck | FastRetransmission | Retransmission | LostSegment,
}

func TestAgreesWithTshark(t *testing.T) {
	tshark := tshark.Path(t)
	for _, f := range scenarioFiles {
		name := filepath.Base(f)
		tr := run(t, f)
		var seen Flag
		for _, v := range []Vantage{AtA, AtB, OnLink} {
			c := oracleCase{file: name}
			for fl := range compareWithTshark(t, tshark, tr, c, v) {
				if v != OnLink {
					seen |= fl
				}
			}
		}
		if want := mustSee[name]; seen&want != want {
			t.Errorf("%s: labels seen at A and B %q, want at least %q", name, Labels{Flags: seen}, Labels{Flags: want})
		}
	}
}

// TestTableAgreesWithTshark runs the hand-built exchanges of
// TestLabelTable through tshark too: their expected labels are
// Wireshark's.
func TestTableAgreesWithTshark(t *testing.T) {
	tshark := tshark.Path(t)
	for _, c := range labelTable {
		tr := build(t, append(append([]step(nil), handshake...), c.steps...))
		compareWithTshark(t, tshark, tr, oracleCase{file: c.name}, AtA)
	}
}

// presetMustSee lists, per preset, labels that must occur at vantage A or
// B, so that the agreement with tshark is about the preset's point.
var presetMustSee = map[string]Flag{
	"lost-syn":           Retransmission,
	"lost-syn-ack":       Retransmission,
	"lost-handshake-ack": Retransmission,
	"lost-fin":           Retransmission,
	"lost-last-ack":      Retransmission,
	"fast-retransmit":    DupAck | FastRetransmission | LostSegment,
	"losses-newreno":     DupAck | FastRetransmission | LostSegment | OutOfOrder,
	"losses-sack":        DupAck | FastRetransmission | LostSegment | OutOfOrder,
	"rto-backoff":        Retransmission,
	"link-dies":          Retransmission,
	"reordering":         DupAck | SpuriousRetransmission | LostSegment,
	"duplication":        DupAck | SpuriousRetransmission,
	"corruption":         DupAck | FastRetransmission,
	"zero-window":        ZeroWindow | ZeroWindowProbe | ZeroWindowProbeAck | WindowFull | WindowUpdate,
	"silly-window":       WindowUpdate,
	"slow-start":         DupAck | LostSegment | OutOfOrder,
	"two-flows":          DupAck | LostSegment | FastRetransmission,
	"cubic-vs-reno":      DupAck | LostSegment | OutOfOrder,
}

// TestPresetsAgreeWithTshark runs every preset through tshark at A, B and
// on the link: our labels equal Wireshark's on every frame of every
// preset, with no exception needed.
func TestPresetsAgreeWithTshark(t *testing.T) {
	tshark := tshark.Path(t)
	for _, p := range presets.All() {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel() // tshark processes, one per core
			tr, err := sim.Run(p.Scenario())
			if err != nil {
				t.Fatal(err)
			}
			var seen Flag
			for _, v := range []Vantage{AtA, AtB, OnLink} {
				for fl := range compareWithTshark(t, tshark, tr, oracleCase{file: p.Name}, v) {
					if v != OnLink {
						seen |= fl
					}
				}
			}
			if want := presetMustSee[p.Name]; seen&want != want {
				t.Errorf("labels seen at A and B %q, want at least %q", Labels{Flags: seen}, Labels{Flags: want})
			}
		})
	}
}
