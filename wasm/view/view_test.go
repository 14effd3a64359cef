package view

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view/display"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// scenarioFile decodes one of the simulator's test scenarios.
func scenarioFile(t testing.TB, name string) *scenario.Scenario {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "tcpcore", "sim", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sc
}

func newRun(t testing.TB, name string) *Run {
	t.Helper()
	r, err := NewRun(scenarioFile(t, name))
	if err != nil {
		t.Fatalf("NewRun(%s): %v", name, err)
	}
	return r
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(go test -update rewrites it; read the diff)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: %d lines, want %d (go test -update rewrites it)", name, len(gl), len(wl))
	}
}

// cursorAt returns the index of the last event at or before t.
func cursorAt(r *Run, t time.Duration) int {
	return r.Trace.Search(t+1) - 1
}

func TestLadderGolden(t *testing.T) {
	for _, c := range []struct {
		scenario string
		from, to time.Duration
		cursor   time.Duration
		w, h     float64
	}{
		{"handshake", 0, -1, -1, 1024, 700},
		{"lossy", 0, 160 * time.Millisecond, 90 * time.Millisecond, 1024, 768},
		{"zero_window", 0, -1, -1, 1024, 768},
		{"faults", 0, -1, -1, 1024, 768},
		{"two_flows", 0, 120 * time.Millisecond, 60 * time.Millisecond, 1280, 800},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			r := newRun(t, c.scenario)
			vp := r.Active(c.w, c.h)
			if c.to > 0 {
				vp.From, vp.To = c.from, c.to
			}
			cursor := r.Trace.Len() - 1
			if c.cursor >= 0 {
				cursor = cursorAt(r, c.cursor)
			}
			l := Ladder(r, cursor, vp)
			golden(t, "ladder_"+c.scenario+".svg", display.SVG(l, display.Light))
		})
	}
}

var scenarios = []string{"faults", "handshake", "lossy", "refused", "simultaneous", "two_flows", "zero_window"}

// TestSegmentIndex checks the send ↔ fate index against the trace: every
// Sent event has a copy, every arrival and drop is some copy's fate, and
// a copy's fate is about its own segment, after it was sent.
func TestSegmentIndex(t *testing.T) {
	for _, name := range scenarios {
		r := newRun(t, name)
		tr := r.Trace
		fate := map[int32]bool{}
		sent := map[int32]bool{}
		for _, s := range r.Segs() {
			se := tr.Event(int(s.Sent))
			if se.Kind != trace.Sent {
				t.Fatalf("%s: copy's Sent is a %v event", name, se.Kind)
			}
			sent[s.Sent] = true
			for _, i := range []int32{s.Link, s.Arrive, s.Drop} {
				if i < 0 {
					continue
				}
				e := tr.Event(int(i))
				if e.Ref != se.Ref || i < s.Sent {
					t.Errorf("%s: copy of #%d sent at event %d points at event %d: %s", name, se.Ref, s.Sent, i, tr.Format(int(i)))
				}
				if i != s.Link {
					if fate[i] {
						t.Errorf("%s: event %d is the fate of two copies", name, i)
					}
					fate[i] = true
				}
			}
			if s.Arrive >= 0 && s.Drop >= 0 {
				t.Errorf("%s: a copy of #%d both arrived and was dropped", name, se.Ref)
			}
			if s.ArriveAt < s.At {
				t.Errorf("%s: copy of #%d arrives at %v before it is sent at %v", name, se.Ref, s.ArriveAt, s.At)
			}
		}
		for i, e := range tr.Events() {
			switch e.Kind {
			case trace.Sent:
				if !sent[int32(i)] {
					t.Errorf("%s: Sent event %d has no copy", name, i)
				}
			case trace.Received, trace.Dropped:
				if !fate[int32(i)] {
					t.Errorf("%s: %s is no copy's fate", name, tr.Format(i))
				}
				if segs := r.SegOf(i); len(segs) == 0 || tr.Event(int(segs[0].Sent)).Ref != e.Ref {
					t.Errorf("%s: SegOf(%d) = %v", name, i, segs)
				}
			}
		}
	}
}

// TestPending checks the checkpointed timer lookup against a replay of
// the trace at every cursor.
func TestPending(t *testing.T) {
	for _, name := range append(scenarios, "bulk") {
		var r *Run
		every := 1
		if name == "bulk" {
			r, every = bulkRun(t), 997 // checkpoints every 512 events: cursors all around them
		} else {
			r = newRun(t, name)
		}
		tr := r.Trace
		type key struct {
			conn uint8
			side trace.Side
			kind tcp.TimerKind
		}
		live := map[key]int32{}
		var got []TimerSpan
		for c := range tr.Len() {
			e := tr.Event(c)
			k := key{e.Conn, e.Side, tcp.TimerKind(e.Code)}
			switch e.Kind {
			case trace.TimerSet:
				live[k] = int32(c)
			case trace.TimerCancelled, trace.TimerFired:
				delete(live, k)
			}
			if c%every != 0 && c%512 > 1 && c%512 < 511 {
				continue
			}
			got = r.Pending(got[:0], c)
			if len(got) != len(live) {
				t.Fatalf("%s: Pending(%d) has %d timers, replay %d", name, c, len(got), len(live))
			}
			for _, s := range got {
				if live[key{s.Conn, s.Side, s.Kind}] != s.Set {
					t.Fatalf("%s: Pending(%d) has the %v timer set at %d, replay at %d", name, c, s.Kind, s.Set, live[key{s.Conn, s.Side, s.Kind}])
				}
			}
		}
	}
}

// TestLadderHit clicks the middle of every drawn segment arrow and expects
// its Sent event back: the click-to-drop interaction depends on it.
func TestLadderHit(t *testing.T) {
	r := newRun(t, "lossy")
	vp := r.Active(1024, 768)
	vp.From, vp.To = 0, 60*time.Millisecond
	l := Ladder(r, r.Trace.Len()-1, vp)
	n := 0
	for _, op := range l.Ops {
		if op.Kind != display.Arrow && op.Kind != display.Line || op.Ref == display.NoRef || r.Trace.Event(int(op.Ref)).Kind != trace.Sent {
			continue
		}
		x, y := (op.X0+op.X1)/2, (op.Y0+op.Y1)/2
		ref, ok := l.Hit(x, y)
		if !ok {
			t.Errorf("no hit at the middle of the arrow of event %d", op.Ref)
			continue
		}
		// Crossing arrows may share the midpoint; the hit must then be on
		// a segment arrow all the same.
		if e := r.Trace.Event(int(ref)); e.Kind != trace.Sent {
			t.Errorf("hit at (%.0f, %.0f) = event %d, a %v; want a Sent event", x, y, ref, e.Kind)
		}
		if ref == op.Ref {
			n++
		}
	}
	if n < 10 {
		t.Errorf("only %d arrows hit themselves at their midpoint", n)
	}
	if ref, ok := l.Hit(2, 2); ok {
		t.Errorf("Hit in the empty corner = %d, want none", ref)
	}
}

func TestStatesGolden(t *testing.T) {
	for _, c := range []struct {
		scenario string
		cursor   time.Duration
		w, h     float64
	}{
		{"handshake", 15 * time.Millisecond, 640, 560},
		{"faults", -1, 640, 560},
		{"refused", -1, 640, 560},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			r := newRun(t, c.scenario)
			cursor := r.Trace.Len() - 1
			if c.cursor >= 0 {
				cursor = cursorAt(r, c.cursor)
			}
			l := States(r, 0, cursor, Viewport{W: c.w, H: c.h})
			golden(t, "states_"+c.scenario+".svg", display.SVG(l, display.Light))
		})
	}
}

func TestBuffersGolden(t *testing.T) {
	for _, c := range []struct {
		scenario string
		cursor   time.Duration
	}{
		{"lossy", 90 * time.Millisecond},
		{"zero_window", 1500 * time.Millisecond},
		{"two_flows", 60 * time.Millisecond},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			r := newRun(t, c.scenario)
			l := Buffers(r, 0, cursorAt(r, c.cursor), Viewport{W: 900, H: 300})
			golden(t, "buffers_"+c.scenario+".svg", display.SVG(l, display.Light))
		})
	}
}

func TestGraphsGolden(t *testing.T) {
	r := newRun(t, "lossy")
	vp := r.Active(900, 320)
	cursor := cursorAt(r, 400*time.Millisecond)
	for name, l := range map[string]*display.List{
		"window":  Window(r, 0, trace.A, cursor, vp),
		"rtt":     RTT(r, 0, trace.A, cursor, vp),
		"queue":   Queue(r, trace.A, cursor, vp),
		"timeseq": TimeSeq(r, 0, trace.A, cursor, vp),
	} {
		golden(t, name+"_lossy.svg", display.SVG(l, display.Light))
	}
}

// TestStatesHit clicks each endpoint's highlighted state and expects the
// State event that entered it.
func TestStatesHit(t *testing.T) {
	r := newRun(t, "handshake")
	cursor := cursorAt(r, 15*time.Millisecond) // A in SYN-SENT, B in SYN-RECEIVED
	l := States(r, 0, cursor, Viewport{W: 640, H: 560})
	found := 0
	for _, op := range l.Ops {
		if op.Kind != display.Text || op.Ref < 0 || op.Flags&display.Bold == 0 {
			continue
		}
		name := l.Str(&op)
		if name != "SYN-SENT" && name != "SYN-RECEIVED" {
			continue
		}
		ref, ok := l.Hit(op.X0, op.Y0)
		if !ok {
			t.Fatalf("no hit on %s", name)
		}
		e := r.Trace.Event(int(ref))
		if e.Kind != trace.State || e.To().String() != name || int(ref) > cursor {
			t.Errorf("hit on %s = %s", name, r.Trace.Format(int(ref)))
		}
		found++
	}
	if found != 2 {
		t.Errorf("found %d highlighted states, want SYN-SENT and SYN-RECEIVED", found)
	}
}

// TestStatesDrawsTheTable: the diagram's arrows are tcp.Transitions' own.
// Before anything happens, every (from, to) pair of RFC 9293 Figure 5
// is one arrow and nothing else is drawn; a state table edit changes
// the picture.
func TestStatesDrawsTheTable(t *testing.T) {
	r := newRun(t, "handshake")
	l := States(r, 0, -1, Viewport{W: 640, H: 560})
	pairs := map[[2]tcp.State]bool{}
	for _, tr := range tcp.Transitions {
		if tr.InFigure {
			pairs[[2]tcp.State{tr.From, tr.To}] = true
		}
	}
	arrows := 0
	for _, op := range l.Ops {
		if op.Kind == display.Arrow {
			arrows++
		}
	}
	if arrows != len(pairs) {
		t.Errorf("%d arrows drawn, want one per (from, to) pair of the figure: %d", arrows, len(pairs))
	}
	// Every event of the figure is written beside its arrow, one line per
	// part ("rcv SYN" over "snd SYN,ACK").
	text := map[string]bool{}
	for _, op := range l.Ops {
		if op.Kind == display.Text {
			text[l.Str(&op)] = true
		}
	}
	for _, tr := range tcp.Transitions {
		if !tr.InFigure {
			continue
		}
		for _, part := range strings.Split(tr.Event, " / ") {
			if !text[part] {
				t.Errorf("%v → %v: %q not written", tr.From, tr.To, part)
			}
		}
	}
}
