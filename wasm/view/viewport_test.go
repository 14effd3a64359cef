package view

import (
	"math"
	"testing"
	"time"

	"tcpplayground/wasm/view/display"
)

const ms = time.Millisecond

// TestZoomAtKeepsThePointInPlace zooms in and out around a time in the
// middle of a run: that time stays at the same fraction of the span.
func TestZoomAtKeepsThePointInPlace(t *testing.T) {
	lim := Span{0, 10 * time.Second}
	s := Span{2 * time.Second, 4 * time.Second}
	at := 2500 * ms // a quarter of the way down
	for _, f := range []float64{0.5, 0.1, 1.7, 2} {
		z := s.ZoomAt(at, f, lim, MinSpan(600))
		if got, want := z.Len(), time.Duration(float64(s.Len())*f); got != want {
			t.Errorf("ZoomAt(%v, %v) length %v, want %v", at, f, got, want)
		}
		frac := float64(at-z.From) / float64(z.Len())
		if math.Abs(frac-0.25) > 1e-6 {
			t.Errorf("ZoomAt(%v, %v) = %v: the point is at %.4f of the span, want 0.25", at, f, z, frac)
		}
	}
}

// TestZoomLimits: a span never gets shorter than the minimum, longer than
// the run, or out of the run, and bad factors change nothing.
func TestZoomLimits(t *testing.T) {
	lim := Span{0, 10 * time.Second}
	min := MinSpan(600)
	s := Span{5 * time.Second, 5*time.Second + 10*ms}
	for _, c := range []struct {
		name   string
		factor float64
		want   Span
	}{
		{"far in", 1e-9, Span{5*time.Second + 5*ms - min/2, 5*time.Second + 5*ms + min/2}},
		{"far out", 1e9, lim},
		{"NaN", math.NaN(), s},
		{"+Inf", math.Inf(1), s},
		{"zero", 0, s},
		{"negative", -2, s},
	} {
		if got := s.ZoomAt(5*time.Second+5*ms, c.factor, lim, min); got != c.want {
			t.Errorf("%s: ZoomAt = %v, want %v", c.name, got, c.want)
		}
	}
	// Zooming out near an edge stops at the edge, keeping the new length.
	z := Span{100 * ms, 200 * ms}.ZoomAt(150*ms, 4, lim, min)
	if z != (Span{0, 400 * ms}) {
		t.Errorf("zoom out at the start = %v, want [0, 400ms]", z)
	}
	z = Span{9800 * ms, 9900 * ms}.ZoomAt(9850*ms, 8, lim, min)
	if z != (Span{9200 * ms, 10 * time.Second}) {
		t.Errorf("zoom out at the end = %v, want [9.2s, 10s]", z)
	}
	if m := MinSpan(0); m <= 0 {
		t.Errorf("MinSpan(0) = %v", m)
	}
	if m := MinSpan(math.NaN()); m <= 0 {
		t.Errorf("MinSpan(NaN) = %v", m)
	}
	// A run shorter than the minimum: the whole run.
	tiny := Span{0, 500}
	if got := (Span{100, 200}).ZoomAt(150, 0.1, tiny, min); got != tiny {
		t.Errorf("in a run shorter than the minimum: %v, want %v", got, tiny)
	}
}

// TestPanClamps moves a span by a drag's worth of time: by that much in
// the middle of the run, stopped at its edges, length kept.
func TestPanClamps(t *testing.T) {
	lim := Span{0, 10 * time.Second}
	s := Span{2 * time.Second, 3 * time.Second}
	for _, c := range []struct {
		d    time.Duration
		want Span
	}{
		{300 * ms, Span{2300 * ms, 3300 * ms}},
		{-300 * ms, Span{1700 * ms, 2700 * ms}},
		{-time.Hour, Span{0, time.Second}},
		{time.Hour, Span{9 * time.Second, 10 * time.Second}},
	} {
		if got := s.Pan(c.d, lim); got != c.want {
			t.Errorf("Pan(%v) = %v, want %v", c.d, got, c.want)
		}
	}
	if got := (Span{-time.Second, 20 * time.Second}).Pan(ms, lim); got != lim {
		t.Errorf("a span longer than the run pans to %v, want the run", got)
	}
	if got := (Span{3 * time.Second, 2 * time.Second}).Clamp(lim, ms); got.Len() != ms || got.From < 0 {
		t.Errorf("a backwards span clamps to %v", got)
	}
}

// TestFollow scrolls a span to a cursor outside it, keeping its length,
// and leaves it alone while the cursor is inside.
func TestFollow(t *testing.T) {
	lim := Span{0, 10 * time.Second}
	s := Span{2 * time.Second, 3 * time.Second}
	if got := s.Follow(2500*ms, lim); got != s {
		t.Errorf("cursor inside: %v, want %v unchanged", got, s)
	}
	if got := s.Follow(5*time.Second, lim); got != (Span{4750 * ms, 5750 * ms}) {
		t.Errorf("cursor after: %v, want it a quarter down [4.75s, 5.75s]", got)
	}
	if got := s.Follow(time.Second, lim); got != (Span{250 * ms, 1250 * ms}) {
		t.Errorf("cursor before: %v, want it three quarters down [0.25s, 1.25s]", got)
	}
	if got := s.Follow(100*ms, lim); got != (Span{0, time.Second}) {
		t.Errorf("cursor near the start: %v, want [0, 1s]", got)
	}
}

// TestTimeAt maps pixels of an axis to times, and degenerate axes to the
// start rather than NaN.
func TestTimeAt(t *testing.T) {
	s := Span{time.Second, 2 * time.Second}
	if got := s.TimeAt(300, 100, 500); got != 1500*ms {
		t.Errorf("TimeAt(300) = %v, want 1.5s", got)
	}
	for _, p := range []float64{math.NaN(), math.Inf(1)} {
		if got := s.TimeAt(p, 100, 500); got != time.Second {
			t.Errorf("TimeAt(%v) = %v", p, got)
		}
	}
	if got := s.TimeAt(300, 100, 100); got != time.Second {
		t.Errorf("TimeAt on an empty axis = %v", got)
	}
	if got := s.TimeAt(1e300, 0, 1); got <= 0 {
		t.Errorf("TimeAt far away overflowed: %v", got)
	}
}

// TestLadderAxisMatchesTheDrawing: the cursor line the ladder draws is
// where LadderAxis says the cursor's time is.
func TestLadderAxisMatchesTheDrawing(t *testing.T) {
	r := newRun(t, "lossy")
	cur := r.Trace.Len() / 2
	at := r.Trace.Event(cur).At
	vp := Viewport{W: 800, H: 600, From: at - 7*ms, To: at + 13*ms}
	top, bottom := LadderAxis(vp)
	want := top + (bottom-top)*7/20
	l := Ladder(r, cur, vp)
	for _, op := range l.Ops {
		if op.Role == display.RoleCursor && op.Y0 == op.Y1 {
			if math.Abs(op.Y0-want) > 0.01 {
				t.Errorf("cursor line at y %.2f, LadderAxis puts it at %.2f", op.Y0, want)
			}
			return
		}
	}
	t.Error("no cursor line drawn")
}

// FuzzSpan zooms, pans and follows from any span inside any run: the
// result is never backwards, never longer than the run nor shorter than
// the minimum (unless the run is), and always inside the run.
func FuzzSpan(f *testing.F) {
	f.Add(int64(0), int64(10e9), int64(2e9), int64(3e9), int64(25e8), 0.5, int64(1e8), 600.0)
	f.Add(int64(0), int64(500), int64(100), int64(200), int64(150), 1e-9, int64(-1), 0.0)
	f.Add(int64(5), int64(5), int64(9), int64(1), int64(0), math.Inf(1), int64(math.MaxInt64/4), math.NaN())
	f.Fuzz(func(t *testing.T, lf, lt, sf, st, at int64, factor float64, d int64, px float64) {
		const lim = int64(1e15) // about 11 days of simulated time
		clip := func(v int64) time.Duration { return time.Duration(min(max(v, -lim), lim)) }
		run := Span{clip(lf), clip(lt)}
		if run.To <= run.From {
			run.To = run.From + time.Microsecond
		}
		least := MinSpan(px)
		s := Span{clip(sf), clip(st)}.Clamp(run, least)
		check := func(what string, s Span) {
			if s.To < s.From || s.From < run.From || s.To > run.To {
				t.Fatalf("%s: %v outside the run %v", what, s, run)
			}
			if s.Len() < least && s != run {
				t.Fatalf("%s: %v shorter than %v in the run %v", what, s, least, run)
			}
		}
		check("Clamp", s)
		check("ZoomAt", s.ZoomAt(clip(at), factor, run, least))
		check("Pan", s.Pan(clip(d), run))
		check("Follow", s.Follow(clip(at), run))
		if s.TimeAt(px, 10, 500) < s.From-1000*s.Len()-1 {
			t.Fatalf("TimeAt(%v) far before the span", px)
		}
	})
}
