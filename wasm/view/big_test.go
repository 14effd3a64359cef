package view

import (
	"math"
	"os"
	"sync"
	"testing"
	"time"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view/display"
)

// bulkFile is a long bulk transfer: about 110 000 segments over a
// 100 Mbit/s, 20 ms RTT bottleneck with a 100-packet queue and 1 % loss,
// the trace the drawing budget is stated for. tests/browser draws the
// same file in Chromium (BenchmarkBigTraceRedraw).
const bulkFile = "testdata/bulk.json"

var bulk struct {
	once sync.Once
	r    *Run
	err  error
}

func bulkRun(tb testing.TB) *Run {
	tb.Helper()
	bulk.once.Do(func() {
		js, err := os.ReadFile(bulkFile)
		if err != nil {
			bulk.err = err
			return
		}
		sc, err := scenario.Decode(js)
		if err != nil {
			bulk.err = err
			return
		}
		bulk.r, bulk.err = NewRun(sc)
	})
	if bulk.err != nil {
		tb.Fatal(bulk.err)
	}
	return bulk.r
}

// viewports returns the spans a user can look at in a run: all of it,
// its start, middle and end zoomed in, and a thin slice.
func viewports(r *Run, w, h float64) []Viewport {
	end := r.End()
	vps := []Viewport{r.Whole(w, h), r.Active(w, h)}
	for _, f := range []float64{0, 0.5, 0.97} {
		from := time.Duration(f * float64(end))
		vps = append(vps, Viewport{W: w, H: h, From: from, To: from + 200*time.Millisecond})
		vps = append(vps, Viewport{W: w, H: h, From: from, To: from + time.Millisecond})
	}
	return vps
}

// allViews lays out every view.
func allViews(r *Run, cursor int, vp Viewport) map[string]*display.List {
	return map[string]*display.List{
		"ladder":  Ladder(r, cursor, vp),
		"states":  States(r, 0, cursor, vp),
		"buffers": Buffers(r, 0, cursor, vp),
		"window":  Window(r, 0, trace.A, cursor, vp),
		"rtt":     RTT(r, 0, trace.A, cursor, vp),
		"queue":   Queue(r, trace.A, cursor, vp),
		"timeseq": TimeSeq(r, 0, trace.A, cursor, vp),
	}
}

// TestBulkEveryViewport lays out every view of the 100 000-segment run at
// every kind of viewport and cursor, and holds the lists to what a
// screen can show: graphs keep at most two points per pixel column, and
// no view draws more than a few thousand ops however much the viewport
// holds.
func TestBulkEveryViewport(t *testing.T) {
	r := bulkRun(t)
	if n := r.Trace.NumSegments(); n < 100_000 {
		t.Fatalf("the bulk run has %d segments, want at least 100 000", n)
	}
	w, h := 1280.0, 720.0
	for _, vp := range viewports(r, w, h) {
		for _, cursor := range []int{-1, r.Trace.Len() / 3, r.Trace.Len() - 1} {
			for name, l := range allViews(r, cursor, vp) {
				if len(l.Ops) > 12_000 {
					t.Errorf("%s [%v, %v] cursor %d: %d ops", name, vp.From, vp.To, cursor, len(l.Ops))
				}
				checkInside(t, name, l)
				for i := range l.Ops {
					op := &l.Ops[i]
					if op.Kind != display.Polyline {
						continue
					}
					perCol := map[int]int{}
					pts := l.Points(op)
					for j := 0; j < len(pts); j += 2 {
						perCol[int(math.Floor(pts[j]))]++
					}
					for col, n := range perCol {
						// Two per column, plus the join at the cursor and
						// the end of the line.
						if n > 4 {
							t.Errorf("%s [%v, %v]: %d points in pixel column %d", name, vp.From, vp.To, n, col)
							break
						}
					}
				}
			}
		}
	}
}

// checkInside fails if an op lies far outside the list's area or is not
// a number: a layout bug, not a drawing choice.
func checkInside(t *testing.T, name string, l *display.List) {
	t.Helper()
	bad := func(v, lim float64) bool { return math.IsNaN(v) || v < -lim*0.5 || v > lim*1.5 }
	for i := range l.Ops {
		op := &l.Ops[i]
		if op.Kind == display.Circle || op.Kind == display.Cross {
			if bad(op.X0, l.W) || bad(op.Y0, l.H) {
				t.Errorf("%s: %v op %d at (%v, %v) outside %vx%v", name, op.Kind, i, op.X0, op.Y0, l.W, l.H)
				return
			}
			continue
		}
		if op.Kind == display.Polyline {
			continue
		}
		if bad(op.X0, l.W) || bad(op.Y0, l.H) || op.Kind != display.Text && (bad(op.X1, l.W) || bad(op.Y1, l.H)) {
			t.Errorf("%s: %v op %d (%v,%v)-(%v,%v) outside %vx%v", name, op.Kind, i, op.X0, op.Y0, op.X1, op.Y1, l.W, l.H)
			return
		}
	}
}

func BenchmarkBulk(b *testing.B) {
	r := bulkRun(b)
	var l display.List
	cursor := r.Trace.Len() / 2
	for _, v := range []struct {
		name string
		vp   Viewport
	}{
		{"whole", r.Whole(1280, 720)},
		// A viewport never seen before each time (scrolling, zooming):
		// no graph's columns are cached.
		{"whole-moving", r.Whole(1280, 720)},
		{"200ms", Viewport{W: 1280, H: 720, From: r.End() / 2, To: r.End()/2 + 200*time.Millisecond}},
	} {
		vp := v.vp
		moving := v.name == "whole-moving"
		for _, view := range []struct {
			name string
			draw func()
		}{
			{"ladder", func() { LadderInto(&l, r, cursor, vp) }},
			{"states", func() { StatesInto(&l, r, 0, cursor, vp) }},
			{"buffers", func() { BuffersInto(&l, r, 0, cursor, vp) }},
			{"window", func() { WindowInto(&l, r, 0, trace.A, cursor, vp) }},
			{"rtt", func() { RTTInto(&l, r, 0, trace.A, cursor, vp) }},
			{"queue", func() { QueueInto(&l, r, trace.A, cursor, vp) }},
			{"timeseq", func() { TimeSeqInto(&l, r, 0, trace.A, cursor, vp) }},
		} {
			draw := view.draw
			if moving {
				draw = func() {
					vp.From++
					view.draw()
				}
			}
			b.Run(view.name+"/"+v.name, func(b *testing.B) { reportCPU(b, draw) })
		}
	}
}

// TestDegenerateViewports draws every view into viewports a page can
// produce before its layout settles (no size, a span of nothing, time
// running backwards, far outside the run) at cursors outside the trace:
// no panic, and no coordinate that is not a number.
func TestDegenerateViewports(t *testing.T) {
	r := newRun(t, "lossy")
	end := r.End()
	for _, vp := range []Viewport{
		{},
		{W: 1, H: 1, From: 0, To: end},
		{W: 800, H: 600, From: end, To: end},
		{W: 800, H: 600, From: end, To: 0},
		{W: 800, H: 600, From: -time.Hour, To: -time.Minute},
		{W: 800, H: 600, From: 10 * end, To: 20 * end},
		{W: 20, H: 10000, From: 0, To: end, FontSize: 40},
	} {
		for _, cursor := range []int{-5, -1, 0, r.Trace.Len() - 1, r.Trace.Len() + 10} {
			for name, l := range allViews(r, cursor, vp) {
				for i := range l.Ops {
					op := &l.Ops[i]
					for _, v := range []float64{op.X0, op.Y0, op.X1, op.Y1, op.Angle, op.Size} {
						if math.IsNaN(v) || math.IsInf(v, 0) {
							t.Fatalf("%s %+v cursor %d: op %d (%v) has %v", name, vp, cursor, i, op.Kind, v)
						}
					}
					if op.Kind == display.Polyline {
						for _, v := range l.Points(op) {
							if math.IsNaN(v) || math.IsInf(v, 0) {
								t.Fatalf("%s %+v cursor %d: polyline point %v", name, vp, cursor, v)
							}
						}
					}
				}
			}
		}
	}
}
