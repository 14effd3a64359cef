package view

import (
	"math"
	"slices"
	"sync"
	"time"

	"tcpplayground/wasm/view/display"
)

// chart is the frame every graph over time shares: a time axis across,
// a value axis up, the cursor, and series decimated to at most two points
// per pixel column.
type chart struct {
	l      *display.List
	vp     Viewport
	fs     float64
	xs     span
	x0, x1 float64         // the plot area
	col0   int             // the first pixel column
	colT   []time.Duration // colT[i]: the time at the left edge of column col0+i
	colDur float64         // the time a column spans
	y0, y1 float64         // top, bottom
	cursor int
	curAt  time.Duration
	hasCur bool
	ymin   float64 // the lowest value seen (+Inf until one is)
	ymax   float64
	lo, hi float64 // the value axis draw chose
	series []*series
	bars   []bar
	buf    []byte
	leg    legend // the legend's entries, kept with the chart for reuse
}

// charts keeps charts released by the graphs, so a graph laid out again
// on a cursor move reuses their columns, series and bars: a move made
// about 0.5 MB of garbage in the four graphs of a 100 000-segment run,
// which the page's collector then stopped the world to mark.
var charts sync.Pool

// newChart lays out the frame: room for the legend above, value labels
// on the left, time labels (and extra, e.g. a band) below. The caller
// releases the chart when done with it.
func newChart(l *display.List, vp Viewport, cursor int, curAt time.Duration, extraBelow float64) *chart {
	vp = vp.norm()
	l.Reset(vp.W, vp.H)
	fs := vp.fontSize()
	c, _ := charts.Get().(*chart)
	if c == nil {
		c = new(chart)
	}
	*c = chart{l: l, vp: vp, fs: fs, cursor: cursor, curAt: curAt, hasCur: cursor >= 0, ymin: math.Inf(1),
		colT: c.colT[:0], series: c.series[:0], bars: c.bars[:0], buf: c.buf[:0], leg: c.leg}
	c.x0, c.x1 = fs*4.6, vp.W-fs*0.9
	if c.x1 < c.x0+1 {
		c.x0, c.x1 = 0, vp.W
	}
	c.y0, c.y1 = fs*2.2, vp.H-fs*1.7-extraBelow
	if c.y1 < c.y0+fs {
		c.y1 = c.y0 + fs
	}
	c.xs = vp.span(c.x0, c.x1)
	c.col0 = int(math.Floor(c.x0))
	n := int(math.Floor(c.x1)) - c.col0 + 1
	c.colT = slices.Grow(c.colT, n+1)[:n+1]
	for i := range c.colT {
		x := float64(c.col0 + i)
		c.colT[i] = c.xs.from + time.Duration((x-c.xs.p0)/(c.xs.p1-c.xs.p0)*float64(c.xs.to-c.xs.from))
	}
	c.colDur = float64(c.xs.to-c.xs.from) / (c.xs.p1 - c.xs.p0)
	return c
}

// release gives the chart back for another layout to reuse.
func (c *chart) release() {
	c.l = nil
	charts.Put(c)
}

func (c *chart) x(t time.Duration) float64 { return c.xs.at(t) }

// series is one line of a chart: a step function of time (the value holds
// until the next sample), or points joined directly.
type series struct {
	c     *chart
	role  display.Role
	flags display.Flags
	step  bool
	dots  bool      // points as dots, not joined
	pts   []float64 // x, value pairs (values mapped to y by draw)
	runs  []int     // where each unbroken run of pts starts
	prev  float64   // the last value drawn
	have  bool      // whether there is one (no break since)
	dimAt int       // index in runs where the dimmed (future) part starts, -1 none
}

// newSeries adds a series drawn in role; step says it is a step function.
func (c *chart) newSeries(role display.Role, flags display.Flags, step bool) *series {
	// A series of an earlier chart is reused with its buffers.
	var s *series
	if i := len(c.series); i < cap(c.series) {
		s = c.series[:i+1][i]
	}
	if s == nil {
		s = new(series)
	}
	*s = series{c: c, role: role, flags: flags, step: step, dimAt: -1,
		pts: slices.Grow(s.pts[:0], 4*len(c.colT)+16), runs: append(s.runs[:0], 0)}
	c.series = append(c.series, s)
	return s
}

func (s *series) pt(x, v float64) {
	s.pts = append(s.pts, x, v)
	if v == v { // not NaN
		s.c.ymax = max(s.c.ymax, v)
		s.c.ymin = min(s.c.ymin, v)
	}
}

// colOf returns the index of the pixel column holding t (clamped): by
// arithmetic, corrected against the columns' exact times.
func (c *chart) colOf(t time.Duration) int {
	n := len(c.colT) - 1 // columns
	i := 0
	if c.colDur > 0 {
		i = int(float64(t-c.colT[0]) / c.colDur)
	}
	i = max(0, min(i, n-1))
	for i > 0 && t < c.colT[i] {
		i--
	}
	for i < n-1 && t >= c.colT[i+1] {
		i++
	}
	return i
}

func (s *series) newRun() {
	if len(s.pts) != s.runs[len(s.runs)-1] {
		s.runs = append(s.runs, len(s.pts))
	}
}

// finish extends a step series to t (the end of what is shown), dimmed
// beyond the cursor.
func (s *series) finish(t time.Duration) {
	c := s.c
	t = min(t, c.xs.to)
	if s.step && s.have && !(s.dimAt >= 0 && c.vp.Future == FutureHide) {
		if c.hasCur && s.dimAt < 0 && t > c.curAt {
			s.toFuture(c.x(c.curAt))
			if c.vp.Future == FutureHide {
				s.runs = append(s.runs, len(s.pts))
				return
			}
		}
		s.pt(math.Min(c.x(t), c.x1), s.prev)
	}
	s.runs = append(s.runs, len(s.pts))
}

// bar is a vertical line from value v0 to v1 at x (a segment in the
// time-sequence graph); dot a marker at value v.
type bar struct {
	x, v0, v1 float64
	role      display.Role
	flags     display.Flags
	kind      display.Kind // Line or Cross
	ref       int32
}

func (c *chart) bar(x, v0, v1 float64, role display.Role, f display.Flags, ref int32) {
	c.bars = append(c.bars, bar{x, v0, v1, role, f, display.Line, ref})
	c.ymax = math.Max(c.ymax, v1)
	c.ymin = math.Min(c.ymin, v0)
}

func (c *chart) cross(x, v float64, role display.Role, f display.Flags, ref int32) {
	c.bars = append(c.bars, bar{x, v, v, role, f, display.Cross, ref})
	c.ymax = math.Max(c.ymax, v)
	c.ymin = math.Min(c.ymin, v)
}

// draw maps every series to pixels against the value axis [ymin, ymax]
// and emits them, with the axes, grid and cursor. unit formats a tick
// value.
func (c *chart) draw(ymin, ymax float64, unit func([]byte, float64) []byte, nice func(float64) float64) {
	l, fs := c.l, c.fs
	if !(ymax > ymin) {
		ymax = ymin + 1
	}
	// At most a hundred ticks, whatever the size (a tiny chart would
	// otherwise ask for millions).
	step := max(nice((ymax-ymin)*fs*2.2/(c.y1-c.y0)), nice((ymax-ymin)/100))
	ymin = math.Floor(ymin/step) * step
	ymax = math.Ceil((ymax+(ymax-ymin)*0.04)/step) * step
	c.lo, c.hi = ymin, ymax
	y := c.valueY
	// Grid and value labels.
	for v := ymin; v <= ymax+step/2; v += step {
		yy := y(v)
		l.Line(display.RoleGrid, 0, c.x0, yy, c.x1, yy, 1, display.NoRef)
		c.buf = unit(c.buf[:0], v)
		l.TextBytes(display.RoleTextDim, display.End, c.x0-fs*0.35, yy, fs*0.78, c.buf, display.NoRef)
	}
	// Time labels.
	tstep := time.Duration(niceStep(float64(c.xs.to-c.xs.from) * fs * 6 / (c.x1 - c.x0)))
	tstep = max(tstep, 1, time.Duration(niceStep(float64(c.xs.to-c.xs.from)/100)))
	for t := (c.xs.from + tstep - 1) / tstep * tstep; t <= c.xs.to; t += tstep {
		xx := c.x(t)
		l.Line(display.RoleGrid, 0, xx, c.y0, xx, c.y1, 1, display.NoRef)
		c.buf = appendTime(c.buf[:0], t, tstep)
		l.TextBytes(display.RoleTextDim, display.Center|display.Top, xx, c.y1+fs*0.35, fs*0.78, c.buf, display.NoRef)
	}
	l.Line(display.RoleAxis, 0, c.x0, c.y1, c.x1, c.y1, 1, display.NoRef)
	l.Line(display.RoleAxis, 0, c.x0, c.y0, c.x0, c.y1, 1, display.NoRef)
	clampY := func(v float64) float64 { return y(math.Max(ymin, math.Min(v, ymax))) }
	for _, b := range c.bars {
		if b.kind == display.Cross {
			l.Cross(b.role, b.flags, b.x, clampY(b.v0), fs*0.35, 2, b.ref)
			continue
		}
		y0, y1 := clampY(b.v0), clampY(b.v1)
		if y0-y1 < 1.5 { // a tiny segment still shows
			y0 = y1 + 1.5
		}
		l.Line(b.role, b.flags, b.x, y0, b.x, y1, 2, b.ref)
	}
	for _, s := range c.series {
		for k := 0; k+1 < len(s.runs); k++ {
			a, b := s.runs[k], s.runs[k+1]
			if b-a < 4 && !(s.dots && b-a == 2) {
				continue
			}
			f := s.flags
			if s.dimAt >= 0 && k >= s.dimAt {
				f |= display.Dim
			}
			if s.dots {
				for j := a; j+1 < b; j += 2 {
					l.Circle(s.role, f|display.Fill, s.pts[j], clampY(s.pts[j+1]), 2.5, 0, display.NoRef)
				}
				continue
			}
			op := l.Polyline(s.role, f, 2, display.NoRef)
			for j := a; j+1 < b; j += 2 {
				l.Pt(op, s.pts[j], clampY(s.pts[j+1]))
			}
		}
	}
	c.cursorLine()
}

// valueY maps a value to y once draw has fixed the value axis.
func (c *chart) valueY(v float64) float64 { return c.y1 - (v-c.lo)/(c.hi-c.lo)*(c.y1-c.y0) }

func (c *chart) cursorLine() {
	if !c.hasCur || c.curAt < c.xs.from || c.curAt > c.xs.to {
		return
	}
	x := c.x(c.curAt)
	c.l.Line(display.RoleCursor, 0, x, c.y0, x, c.y1, 1.5, display.NoRef)
}

// legend collects name: value entries and writes them above the plot
// when drawn: on one row at the usual size if they fit, else on one row
// a little smaller, else on two rows of small type, all in the band
// newChart keeps above the plot. (Entries that did not fit used to be
// left out: on a phone the window graph named only two of its four
// lines.)
type legend struct {
	c       *chart
	entries []legendEntry
	text    []byte // the entries' texts, end to end
}

type legendEntry struct {
	role     display.Role
	f        display.Flags
	from, to int // its text: text[from:to]
}

func (c *chart) legend() *legend {
	c.leg = legend{c: c, entries: c.leg.entries[:0], text: c.leg.text[:0]}
	return &c.leg
}

// add queues an entry; text is copied (callers reuse their buffer).
func (g *legend) add(role display.Role, f display.Flags, text []byte) {
	from := len(g.text)
	g.text = append(g.text, text...)
	g.entries = append(g.entries, legendEntry{role, f, from, len(g.text)})
}

// draw writes the queued entries.
func (g *legend) draw() {
	c := g.c
	fs := c.fs
	width := func(size float64) float64 {
		w := 0.0
		for _, e := range g.entries {
			w += display.TextWidth(g.text[e.from:e.to], size, false) + size/0.82*3
		}
		return w
	}
	room := c.vp.W - c.x0
	size, rows := fs*0.82, 1
	if w := width(size); w > room {
		size = size * room / w
		if size < fs*0.68 {
			size, rows = fs*0.68, 2
		}
	}
	// One row centred in the band above the plot, or two filling it.
	ys := [2]float64{fs * 0.95, 0}
	if rows == 2 {
		ys = [2]float64{fs * 0.5, fs * 1.35}
	}
	sw := size / 0.82 // the swatch and spacing keep the usual size's proportions
	x, row := c.x0, 0
	for _, e := range g.entries {
		t := g.text[e.from:e.to]
		w := display.TextWidth(t, size, false) + sw*3
		if x+w > c.vp.W && x > c.x0 && row+1 < rows {
			x, row = c.x0, row+1
		}
		y := ys[row]
		c.l.Line(e.role, e.f, x, y, x+sw*1.1, y, 2.5, display.NoRef)
		c.l.TextBytes(display.RoleText, 0, x+sw*1.4, y, size, t, display.NoRef)
		x += w
	}
}
