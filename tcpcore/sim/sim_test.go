package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

var update = flag.Bool("update", false, "rewrite the golden trace files in testdata")

func load(t *testing.T, name string) *scenario.Scenario {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return sc
}

// TestGolden runs each scenario in testdata and compares the trace text
// with its .golden file; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no scenarios in testdata")
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			tr, err := Run(load(t, name))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			got := tr.Text()
			golden := strings.TrimSuffix(f, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("trace differs from %s at line %d:\ngot  %s\nwant %s", golden, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("trace has %d lines, %s has %d", len(gl), golden, len(wl))
			}
		})
	}
}

// TestDeterminism: the same scenario twice gives byte-identical traces.
func TestDeterminism(t *testing.T) {
	for _, name := range []string{"lossy.json", "two_flows.json", "faults.json"} {
		sc := load(t, name)
		a, errA := Run(sc)
		b, errB := Run(sc)
		if errA != nil || errB != nil {
			t.Fatalf("%s: Run: %v, %v", name, errA, errB)
		}
		if a.Text() != b.Text() {
			t.Errorf("%s: two runs gave different traces", name)
		}
	}
}

// TestStreamIntact is the byte-stream invariant over many seeds of a
// lossy, reordering, duplicating, corrupting link: every byte each side
// wrote arrives, in order and unchanged, and both ends reach CLOSED.
func TestStreamIntact(t *testing.T) {
	seeds := 40
	if testing.Short() {
		seeds = 8
	}
	for seed := range uint64(seeds) {
		for _, p := range []tcp.Profile{tcp.ProfileRFC, tcp.ProfileLinux} {
			sc := bulkScenario(60_000, 4, p, seed)
			sc.Link[0].Duplicate, sc.Link[0].Corrupt, sc.Link[0].Reorder = 2, 2, 3
			sc.Link[1].Loss, sc.Link[1].Reorder = 3, 3
			// B answers with text, so both directions carry data.
			reply := "HTTP/1.0 200 OK\r\n\r\n" + strings.Repeat("tcp ", 500)
			tl := &sc.Connections[0].Timeline
			(*tl)[3].Kind = scenario.Shutdown // A half-closes and reads the reply
			*tl = append((*tl)[:4], scenario.Action{AtMS: 10, Side: scenario.B, Kind: scenario.Write, Text: reply},
				scenario.Action{AtMS: 10000, Side: scenario.B, Kind: scenario.Close},
				scenario.Action{AtMS: 10000, Side: scenario.A, Kind: scenario.Close})
			var got [2]int64
			var bad [2]bool
			tr, err := RunReading(sc, func(conn int, side trace.Side, off int64, data []byte) {
				writer := side.Peer()
				if off != got[side] {
					t.Fatalf("seed %d: side %v read at offset %d, want %d", seed, side, off, got[side])
				}
				for i, c := range data {
					var want byte
					if writer == trace.B {
						want = reply[off+int64(i)]
					} else {
						want = trace.PayloadByte(conn, writer, off+int64(i))
					}
					if c != want && !bad[side] {
						bad[side] = true
						t.Errorf("seed %d profile %d: byte %d from %v = %q, want %q", seed, p, off+int64(i), writer, c, want)
					}
				}
				got[side] += int64(len(data))
			})
			if err != nil {
				t.Fatalf("seed %d: Run: %v", seed, err)
			}
			if got[trace.B] != 60_000 || got[trace.A] != int64(len(reply)) {
				t.Errorf("seed %d profile %d: B read %d of 60000, A read %d of %d", seed, p, got[trace.B], got[trace.A], len(reply))
			}
			final := finalStates(tr)
			if final[0] != tcp.Closed || final[1] != tcp.Closed {
				t.Errorf("seed %d profile %d: final states %v, %v; want CLOSED, CLOSED", seed, p, final[0], final[1])
			}
		}
	}
}

func finalStates(tr *trace.Trace) [2]tcp.State {
	var s [2]tcp.State
	for _, e := range tr.Events() {
		if e.Kind == trace.State && e.Conn == 0 {
			s[e.Side] = e.To()
		}
	}
	return s
}

// TestTimeLimit: a slow reader that never reads again keeps the sender
// probing forever; the run stops at the time limit with an End event and a
// *LimitError, not a hang.
func TestTimeLimit(t *testing.T) {
	sc := load(t, "zero_window.json")
	sc.DurationMS = 0
	c := &sc.Connections[0]
	c.Timeline = c.Timeline[:4] // listen, stop reading, connect, write: never resumes
	tr, err := Run(sc)
	var le *LimitError
	if !errors.As(err, &le) || le.Reason != trace.EndTimeLimit {
		t.Fatalf("Run = %v, want a *LimitError for the time limit", err)
	}
	last := tr.Event(tr.Len() - 1)
	if last.Kind != trace.End || trace.EndReason(last.Code) != trace.EndTimeLimit || last.At != scenario.MaxDuration {
		t.Errorf("last event %q, want the time-limit End at %v", tr.Format(tr.Len()-1), scenario.MaxDuration)
	}
	if !strings.Contains(err.Error(), "10m0s") {
		t.Errorf("error %q does not name the limit", err)
	}
}

// TestDropCauses: the trace of lossy scenarios shows each drop with its cause.
func TestDropCauses(t *testing.T) {
	tr, err := Run(load(t, "lossy.json"))
	if err != nil {
		t.Fatal(err)
	}
	causes := map[trace.Drop]int{}
	kinds := map[trace.Kind]int{}
	for _, e := range tr.Events() {
		kinds[e.Kind]++
		if e.Kind == trace.Dropped {
			causes[trace.Drop(e.Code)]++
		}
	}
	for _, c := range []trace.Drop{trace.DropRandomLoss, trace.DropQueueOverflow, trace.DropBadChecksum} {
		if causes[c] == 0 {
			t.Errorf("lossy.json: no drop by %v (drops: %v)", c, causes)
		}
	}
	if kinds[trace.Corrupted] != causes[trace.DropBadChecksum]+causes[trace.DropMalformed] {
		t.Errorf("%d corrupted packets but %d dropped for a bad checksum or malformed", kinds[trace.Corrupted], causes[trace.DropBadChecksum]+causes[trace.DropMalformed])
	}
	if kinds[trace.Duplicated] == 0 {
		t.Error("lossy.json: no duplicated packet")
	}

	tr, err = Run(load(t, "faults.json"))
	if err != nil {
		t.Fatal(err)
	}
	var scripted, checksum int
	for _, e := range tr.Events() {
		if e.Kind == trace.Dropped && trace.Drop(e.Code) == trace.DropScripted {
			scripted++
			if h := tr.Header(e); h.Flags != 0x12 { // SYN|ACK
				t.Errorf("scripted drop of segment #%d with flags %v, want the SYN-ACK", e.Ref, h.Flags)
			}
		}
		if e.Kind == trace.Dropped && trace.Drop(e.Code) == trace.DropBadChecksum {
			checksum++
		}
	}
	if scripted != 1 || checksum != 1 {
		t.Errorf("faults.json: %d scripted drops and %d bad checksums, want 1 and 1", scripted, checksum)
	}
}

// TestPacketsRegenerate: Trace.AppendPacket rebuilds, from the trace
// alone, exactly the bytes the simulator put on the link, and
// AppendArrivedPacket the corrupted bytes a receiver dropped.
func TestPacketsRegenerate(t *testing.T) {
	for _, name := range []string{"handshake.json", "lossy.json", "faults.json"} {
		wire := map[uint32][]byte{}
		var arrived [][]byte
		tr, err := RunWire(load(t, name), func(ref uint32, pkt []byte) { wire[ref] = bytes.Clone(pkt) },
			func(ref uint32, pkt []byte) { arrived = append(arrived, bytes.Clone(pkt)) })
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range tr.Events() {
			if e.Kind != trace.Sent && e.Kind != trace.Received {
				continue
			}
			if e.Kind == trace.Sent {
				n++
			}
			if got := tr.AppendPacket(nil, e); !bytes.Equal(got, wire[e.Ref]) {
				t.Fatalf("%s: AppendPacket(#%d) = %x, want %x", name, e.Ref, got, wire[e.Ref])
			}
		}
		if n != len(wire) || n == 0 {
			t.Errorf("%s: %d Sent events, %d packets", name, n, len(wire))
		}
		// Arrivals are, in order, the Received events and the
		// receiver-side drops.
		k, corrupted := 0, 0
		for _, e := range tr.Events() {
			receiverDrop := e.Kind == trace.Dropped && (trace.Drop(e.Code) == trace.DropBadChecksum ||
				trace.Drop(e.Code) == trace.DropMalformed || trace.Drop(e.Code) == trace.DropNoSocket)
			if e.Kind != trace.Received && !receiverDrop {
				continue
			}
			if receiverDrop {
				corrupted++
			}
			if k >= len(arrived) {
				t.Fatalf("%s: more arrivals in the trace than packets arrived", name)
			}
			if got := tr.AppendArrivedPacket(nil, e); !bytes.Equal(got, arrived[k]) {
				t.Fatalf("%s: AppendArrivedPacket(%v #%d) = %x, want %x", name, e.Kind, e.Ref, got, arrived[k])
			}
			k++
		}
		if k != len(arrived) {
			t.Errorf("%s: %d arrivals in the trace, %d packets arrived", name, k, len(arrived))
		}
		if name != "handshake.json" && corrupted == 0 {
			t.Errorf("%s: no corrupted arrival to check", name)
		}
	}
}

// TestTraceSize pins DESIGN.md's memory budget: under 256 bytes of trace
// per segment for the 10 MB bulk transfer.
func TestTraceSize(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB transfer")
	}
	tr, err := Run(bulkScenario(10<<20, 1, tcp.ProfileLinux, 1))
	if err != nil {
		t.Fatal(err)
	}
	per := float64(tr.SizeBytes()) / float64(tr.NumSegments())
	t.Logf("%d segments, %d events, %.1f bytes per segment", tr.NumSegments(), tr.Len(), per)
	if per >= 256 {
		t.Errorf("trace takes %.1f bytes per segment, want under 256", per)
	}
}

// TestInvalidScenario: Run validates a scenario built in Go.
func TestInvalidScenario(t *testing.T) {
	sc := bulkScenario(1000, 0, tcp.ProfileRFC, 1)
	sc.Connections[0].Endpoints[0].Options.MSS = scenario.Int(20)
	_, err := Run(sc)
	var se *scenario.Error
	if !errors.As(err, &se) || se.Path != "connections[0].a.mss" {
		t.Errorf("Run with mss 20 = %v, want a scenario.Error at connections[0].a.mss", err)
	}
}

// TestSegmentLimit: the run stops once the endpoints have sent more than
// the segment limit, with the End event and a *LimitError.
func TestSegmentLimit(t *testing.T) {
	defer SetMaxSegments(10)()
	tr, err := Run(load(t, "handshake.json"))
	var le *LimitError
	if !errors.As(err, &le) || le.Reason != trace.EndSegmentLimit {
		t.Fatalf("Run = %v, want a *LimitError for the segment limit", err)
	}
	if tr.NumSegments() != 11 {
		t.Errorf("%d segments in the trace, want 11 (the one over the limit ends the step)", tr.NumSegments())
	}
	if last := tr.Event(tr.Len() - 1); last.Kind != trace.End || trace.EndReason(last.Code) != trace.EndSegmentLimit {
		t.Errorf("last event %q, want the segment-limit End", tr.Format(tr.Len()-1))
	}
}

// TestOutageAndBurstCauses: packets sent while the link is down are
// dropped for the outage, and Gilbert-Elliott losses are burst losses.
func TestOutageAndBurstCauses(t *testing.T) {
	sc := bulkScenario(300_000, 0, tcp.ProfileLinux, 9)
	sc.Link[0].Outages = []scenario.Outage{{FromMS: 100, ToMS: 400}}
	sc.Link[0].BurstLoss = scenario.BurstLoss{P: 2, R: 30, OneMinusH: 100}
	tr, err := Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	causes := map[trace.Drop]int{}
	for _, e := range tr.Events() {
		if e.Kind != trace.Dropped {
			continue
		}
		d := trace.Drop(e.Code)
		causes[d]++
		inOutage := e.At >= 100*time.Millisecond && e.At < 400*time.Millisecond
		if (d == trace.DropOutage) != inOutage && e.Sender() == trace.A {
			t.Errorf("segment #%d dropped at %v for %v (outage 100ms..400ms)", e.Ref, e.At, d)
		}
	}
	if causes[trace.DropOutage] == 0 || causes[trace.DropBurstLoss] == 0 {
		t.Errorf("drops by cause %v, want outage and burst-loss drops", causes)
	}
	if s := finalStates(tr); s[0] != tcp.Closed || s[1] != tcp.Closed {
		t.Errorf("final states %v, want both CLOSED", s)
	}
}

// TestScriptedSegmentSelectors: "segment N" picks the Nth segment a side
// sends, "every" with flags picks them all.
func TestScriptedSegmentSelectors(t *testing.T) {
	sc := load(t, "handshake.json")
	sc.Faults = []scenario.Fault{
		{Dir: scenario.A, Segment: 3, Action: scenario.FaultDuplicate},
		{Dir: scenario.B, Flags: "F", Every: true, Action: scenario.FaultDrop},
	}
	// B gives up after three retransmissions of its FIN (RFC 9293 §3.8.3 R2).
	sc.Connections[0].Endpoints[scenario.B].Options.R2 = scenario.Int(3)
	sc.Connections[0].Endpoints[scenario.B].Options.R1 = scenario.Int(2)
	tr, err := Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	var sentByA []uint32
	dups, finDrops, bFINs := 0, 0, 0
	for _, e := range tr.Events() {
		switch {
		case e.Kind == trace.Sent && e.Side == trace.A:
			sentByA = append(sentByA, e.Ref)
		case e.Kind == trace.Sent && e.Side == trace.B && tr.Header(e).Flags&0x01 != 0:
			bFINs++
		case e.Kind == trace.Duplicated:
			dups++
			if len(sentByA) < 3 || e.Ref != sentByA[2] {
				t.Errorf("duplicated #%d, want A's third segment", e.Ref)
			}
		case e.Kind == trace.Dropped && trace.Drop(e.Code) == trace.DropScripted:
			finDrops++
		}
	}
	if dups != 1 || bFINs < 2 || finDrops != bFINs {
		t.Errorf("%d duplicates (want 1), B sent %d FINs (want retransmissions) and %d were dropped (want all)", dups, bFINs, finDrops)
	}
}

// TestEndpointInvariants checks, over many seeds of a hostile link, what
// DESIGN.md's test layer 3 lists beside the byte stream: cwnd never below
// one MSS, the RTO within its configured bounds, and no new data beyond
// the window the peer last advertised.
func TestEndpointInvariants(t *testing.T) {
	seeds := 30
	if testing.Short() {
		seeds = 5
	}
	for seed := range uint64(seeds) {
		for _, p := range []tcp.Profile{tcp.ProfileRFC, tcp.ProfileLinux} {
			sc := bulkScenario(80_000, 5, p, seed)
			sc.Link[0].Reorder, sc.Link[0].Duplicate = 5, 3
			sc.Link[1].Loss = 3
			tr, err := Run(sc)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			cfg := sc.Connections[0].Endpoints[0].Config()
			const mss = 1448 // 1460 less the timestamp option
			// The right edge of the window B last advertised: SND.UNA + SND.WND.
			var edge uint32
			var haveEdge bool
			for i, e := range tr.Events() {
				switch {
				case e.Kind == trace.Congestion && e.Side == trace.A:
					if m := tr.Congestion(e); m.Cwnd < mss {
						t.Errorf("seed %d profile %d: %s: cwnd below one MSS", seed, p, tr.Format(i))
					}
				case e.Kind == trace.RTT && e.Side == trace.A:
					if r := tr.RTT(e); r.RTO < cfg.MinRTO || r.RTO > cfg.MaxRTO {
						t.Errorf("seed %d profile %d: %s: RTO outside %v..%v", seed, p, tr.Format(i), cfg.MinRTO, cfg.MaxRTO)
					}
				case e.Kind == trace.Space && e.Side == trace.A:
					// A's view of the window, already scaled. The last
					// Space before a send may be from an earlier instant;
					// the right edge never moves left (RFC 9293
					// §3.8.6.2.2), so that errs towards false alarms,
					// never towards missing an overrun.
					if s := tr.Space(e); s.SndWnd > 0 || haveEdge {
						edge, haveEdge = uint32(s.SndUna)+uint32(s.SndWnd), true
					}
				case e.Kind == trace.Sent && e.Side == trace.A && haveEdge:
					h := tr.Header(e)
					end := uint32(h.Seq) + uint32(h.PayloadLen)
					r := tcp.SendReason(e.Code)
					if h.PayloadLen > 0 && r == tcp.SendNewData && int32(end-edge) > 0 {
						t.Errorf("seed %d profile %d: %s: new data ends %d bytes beyond the window", seed, p, tr.Format(i), int32(end-edge))
					}
				}
			}
		}
	}
}

// TestWriteFailsOnReset: a writer blocked on a full send buffer is told
// when the connection is reset, rather than waiting for ever.
func TestWriteFailsOnReset(t *testing.T) {
	sc := load(t, "zero_window.json")
	c := &sc.Connections[0]
	// B never reads again and aborts at 3 s, while A still has data queued.
	c.Timeline = append(c.Timeline[:4], scenario.Action{AtMS: 3000, Side: scenario.B, Kind: scenario.Abort})
	c.Timeline[3].Bytes = 200_000
	sc.DurationMS = 0
	tr, err := Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	failed := false
	for i, e := range tr.Events() {
		if e.Kind == trace.App && e.Side == trace.A && trace.AppAction(e.Code) == trace.AppFailed {
			failed = true
			if !strings.Contains(tr.Interned(e.Ref), "reset") {
				t.Errorf("%s: want the write to fail with a reset", tr.Format(i))
			}
		}
	}
	if !failed {
		t.Errorf("A's write was never told of the reset:\n%s", tr.Text()[max(0, len(tr.Text())-3000):])
	}
}

// TestJSONLinesValid: every event of real runs encodes as valid JSON.
func TestJSONLinesValid(t *testing.T) {
	for _, name := range []string{"lossy.json", "faults.json", "refused.json", "two_flows.json"} {
		tr, err := Run(load(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for i := range tr.Len() {
			if l := tr.AppendJSON(nil, i); !json.Valid(l) {
				t.Fatalf("%s: event %d: invalid JSON %s", name, i, l)
			}
		}
	}
}

// A run hands its endpoints' buffers back (tcp.Endpoint.Release), so the
// next run does not allocate them again: with 1 MB buffers, A's send
// buffer and B's receive buffer are 2 MB each, far more than the rest of
// a 1 MB transfer's allocations.
func TestRunReusesEndpointBuffers(t *testing.T) {
	// One P: a sync.Pool keeps a P's last item where other Ps cannot
	// take it, and the goroutine may move between the runs.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	sc := bulkScenario(1<<20, 0, tcp.ProfileLinux, 1)
	if _, err := Run(sc); err != nil { // fills the pool
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Run(sc); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 2<<20 {
		t.Errorf("the second run allocated %d bytes: its endpoints' buffers (4 MB in all) were not reused", got)
	}
}
