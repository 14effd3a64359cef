package view

import (
	"math"
	"strconv"
	"time"

	"tcpplayground/tcpcore/narrate"
)

// Viewport is what a view draws into: a W×H area in logical pixels (CSS
// px) showing the span of simulated time [From, To], and how.
type Viewport struct {
	W, H     float64
	From, To time.Duration
	// Future says how events after the cursor are drawn.
	Future Future
	// Lang is the language of the view's words (axis titles, causes);
	// names users know in English (SYN, cwnd, RTO, state names) stay.
	Lang narrate.Lang
	// FontSize is the base text size in logical pixels (0: 13), larger in
	// presentation mode.
	FontSize float64
}

// Future is how a view draws what happens after the cursor.
type Future uint8

// The choices.
const (
	FutureDim  Future = iota // faded, so the whole run is seen and playback fills it in
	FutureHide               // not drawn: students guess what comes next
)

// Whole returns a viewport of w×h showing the whole run.
func (r *Run) Whole(w, h float64) Viewport {
	return Viewport{W: w, H: h, From: 0, To: max(r.end, time.Millisecond)}
}

// Active returns a viewport of w×h showing the span in which segments
// were on the wire (with a small margin): the whole run less a trailing
// TIME-WAIT or idle time, a good first view.
func (r *Run) Active(w, h float64) Viewport {
	if len(r.segs) == 0 {
		return r.Whole(w, h)
	}
	from, to := r.segs[0].At, r.lastArrive
	pad := max((to-from)/40, time.Millisecond)
	return Viewport{W: w, H: h, From: max(from-pad, 0), To: to + pad}
}

// norm returns vp made drawable: some size, and time running forwards
// over at least a microsecond (a page may ask before its layout settles).
func (vp Viewport) norm() Viewport {
	vp.W, vp.H = max(vp.W, 1), max(vp.H, 1)
	if !(vp.FontSize >= 0) || vp.FontSize > 200 {
		vp.FontSize = 0
	}
	if vp.To <= vp.From {
		vp.To = vp.From + time.Microsecond
	}
	return vp
}

func (vp *Viewport) fontSize() float64 {
	if vp.FontSize > 0 {
		return vp.FontSize
	}
	return 13
}

// span is a linear map from time to a pixel axis.
type span struct {
	from, to time.Duration
	p0, p1   float64
}

func (s span) at(t time.Duration) float64 {
	return s.p0 + float64(t-s.from)/float64(s.to-s.from)*(s.p1-s.p0)
}

func (vp *Viewport) span(p0, p1 float64) span {
	to := vp.To
	if to <= vp.From {
		to = vp.From + time.Millisecond
	}
	return span{vp.From, to, p0, p1}
}

// niceStep returns a 1, 2 or 5 × 10^k step at least min.
func niceStep(min float64) float64 {
	if min <= 0 || math.IsInf(min, 0) || math.IsNaN(min) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(min)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= min {
			return m * p
		}
	}
	return 10 * p
}

// appendTime appends t for an axis whose ticks are step apart: in
// milliseconds below 10 s, seconds above, with as many decimals as the
// step needs.
func appendTime(b []byte, t, step time.Duration) []byte {
	unit, div := " ms", float64(time.Millisecond)
	if step >= time.Second || t >= 10*time.Second && step >= 100*time.Millisecond {
		unit, div = " s", float64(time.Second)
	}
	dec := 0
	for s := float64(step) / div; s < 0.999 && dec < 6; s *= 10 {
		dec++
	}
	b = strconv.AppendFloat(b, float64(t)/div, 'f', dec, 64)
	return append(b, unit...)
}

// appendDur appends a duration readably: "180 ms", "1.5 s", "250 µs".
func appendDur(b []byte, d time.Duration) []byte {
	switch {
	case d >= 10*time.Second:
		return append(strconv.AppendFloat(b, d.Seconds(), 'f', 1, 64), " s"...)
	case d >= time.Second:
		return append(strconv.AppendFloat(b, d.Seconds(), 'f', 2, 64), " s"...)
	case d >= 10*time.Millisecond:
		return append(strconv.AppendInt(b, int64(d/time.Millisecond), 10), " ms"...)
	case d >= time.Millisecond:
		return append(strconv.AppendFloat(b, float64(d)/1e6, 'f', 1, 64), " ms"...)
	}
	return append(strconv.AppendInt(b, int64(d/time.Microsecond), 10), " µs"...)
}

// appendBytes appends a byte count: "1448 B", "64 KB" style (KiB as
// 1024, the way kernels and Wireshark count windows).
func appendBytes(b []byte, n int64) []byte {
	switch {
	case n >= 10<<20:
		return append(strconv.AppendFloat(b, float64(n)/(1<<20), 'f', 0, 64), " MB"...)
	case n >= 1<<20:
		return append(strconv.AppendFloat(b, float64(n)/(1<<20), 'f', 1, 64), " MB"...)
	case n >= 10<<10:
		return append(strconv.AppendFloat(b, float64(n)/(1<<10), 'f', 0, 64), " KB"...)
	case n >= 1<<10:
		return append(strconv.AppendFloat(b, float64(n)/(1<<10), 'f', 1, 64), " KB"...)
	}
	return append(strconv.AppendInt(b, n, 10), " B"...)
}

// A Span is a span of simulated time [From, To]: what a zoomed ladder
// shows. Its methods keep it drawable: time running forwards over at
// least a given minimum, inside given limits (the run), never NaN-born
// (a factor that is not a positive number changes nothing).
type Span struct{ From, To time.Duration }

// Len is the span's length.
func (s Span) Len() time.Duration { return s.To - s.From }

// MinSpan is the shortest span a time axis px pixels long may show: 2 µs
// per 100 pixels, a scale at which segments 1.2 µs apart (1500-byte
// packets at 10 Gbit/s) are still a few pixels apart, and never less
// than a microsecond.
func MinSpan(px float64) time.Duration {
	if !(px > 0) || px > 1e6 {
		px = 100
	}
	return max(time.Duration(px*20), time.Microsecond) // 2 µs per 100 px is 20 ns per px
}

// Clamp returns s as long as it may be (at least min, at most the
// limits' length) and moved, keeping its length, inside lim.
func (s Span) Clamp(lim Span, min time.Duration) Span {
	if lim.To <= lim.From {
		lim.To = lim.From + time.Microsecond
	}
	min = max(min, 1)
	n := s.Len()
	if n < min {
		c := s.From + n/2
		s = Span{c - min/2, c - min/2 + min}
	}
	if s.Len() > lim.Len() {
		return lim
	}
	return s.Pan(0, lim)
}

// Pan returns s moved by d (positive: later), keeping its length,
// stopped at the edges of lim.
func (s Span) Pan(d time.Duration, lim Span) Span {
	n := max(s.Len(), 0)
	if n >= lim.Len() {
		return lim
	}
	from := min(max(s.From+d, lim.From), lim.To-n)
	return Span{from, from + n}
}

// ZoomAt returns s scaled by factor (below 1 zooms in) around time at,
// which stays where it was on the axis unless the limits stop it, then
// clamped (Clamp).
func (s Span) ZoomAt(at time.Duration, factor float64, lim Span, min time.Duration) Span {
	n := s.Len()
	if !(factor > 0) || math.IsInf(factor, 0) || n <= 0 {
		return s.Clamp(lim, min)
	}
	want := float64(n) * factor
	want = math.Max(want, float64(max(min, 1)))
	want = math.Min(want, float64(max(lim.Len(), 1)))
	frac := float64(at-s.From) / float64(n)
	from := float64(at) - frac*want
	out := Span{time.Duration(math.Round(from)), time.Duration(math.Round(from + want))}
	return out.Clamp(lim, min)
}

// Follow returns s scrolled, its length kept, so that time t is in it,
// as a DAW's view follows its playhead: t past the end puts it a quarter
// of the way down, t before the start three quarters, so a step in the
// same direction has room before the view moves again.
func (s Span) Follow(t time.Duration, lim Span) Span {
	n := s.Len()
	switch {
	case t > s.To:
		return s.Pan(t-n/4-s.From, lim)
	case t < s.From:
		return s.Pan(t-n*3/4-s.From, lim)
	}
	return s
}

// TimeAt is the time at pixel p of an axis on which s runs from pixel
// p0 to pixel p1 (the time at p0 if the axis has no length).
func (s Span) TimeAt(p, p0, p1 float64) time.Duration {
	if !(p1 != p0) || math.IsNaN(p) || math.IsInf(p, 0) {
		return s.From
	}
	frac := math.Max(-1e3, math.Min(1e3, (p-p0)/(p1-p0)))
	return s.From + time.Duration(math.Round(frac*float64(s.Len())))
}
