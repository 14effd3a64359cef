package view

import (
	"math"
	"math/bits"
	"sort"
	"time"

	"tcpplayground/wasm/view/display"
)

// A track is the samples of one graph line, extracted from the trace once
// per Run and kept as two arrays, with blocks of samples summarised at
// several sizes (first, last, lowest and highest value, time span). A
// frame steps over every block that falls inside one pixel column, so a
// line costs about the number of columns, not of samples.
type track struct {
	ts     []time.Duration
	vs     []float64 // NaN breaks the line
	levels [][]summary
	sizes  []int
	cache  colCache[colSum]
}

// lodFan is how many blocks of one level make a block of the next (run
// relies on it being 4): a pixel column costs at most about 2·lodFan steps
// per level.
const lodFan = 4

// summary describes a block of samples.
type summary struct {
	from, to    time.Duration
	first, last float64
	lo, hi      float64
	nan         bool // a sample breaks the line: draw it sample by sample
}

// trackCache holds a Run's tracks, built on first use.
type trackCache struct {
	m    map[trackKey]*track
	bars map[barKey]*barTrack
}

type trackKey struct {
	kind       uint8
	conn, side int
}

// The tracks.
const (
	trackFlight uint8 = iota + 1
	trackRwnd
	trackCwnd
	trackSsthresh
	trackSRTT
	trackRTO
	trackRTTSample
	trackQueue
	trackAck
	trackAckWin
)

// track returns the track key names, building it with build (which adds
// samples in time order) the first time.
func (r *Run) track(key trackKey, build func(add func(t time.Duration, v float64))) *track {
	if d, ok := r.tracks.m[key]; ok {
		return d
	}
	if r.tracks.m == nil {
		r.tracks.m = map[trackKey]*track{}
	}
	d := &track{}
	build(func(t time.Duration, v float64) {
		d.ts = append(d.ts, t)
		d.vs = append(d.vs, v)
	})
	d.summarize()
	r.tracks.m[key] = d
	return d
}

func (d *track) summarize() {
	n := len(d.ts)
	for size := lodFan; size < n; size *= lodFan {
		var lv []summary
		for b := 0; b*size < n; b++ {
			if len(d.levels) == 0 {
				lv = append(lv, d.block(b*size, min((b+1)*size, n)))
				continue
			}
			below := d.levels[len(d.levels)-1][b*lodFan : min((b+1)*lodFan, len(d.levels[len(d.levels)-1]))]
			s := below[0]
			for _, x := range below[1:] {
				s.to, s.last = x.to, x.last
				s.lo, s.hi = math.Min(s.lo, x.lo), math.Max(s.hi, x.hi)
				s.nan = s.nan || x.nan
			}
			lv = append(lv, s)
		}
		d.levels = append(d.levels, lv)
		d.sizes = append(d.sizes, size)
	}
}

func (d *track) block(i, j int) summary {
	s := summary{from: d.ts[i], to: d.ts[j-1], first: d.vs[i], last: d.vs[j-1], lo: math.Inf(1), hi: math.Inf(-1)}
	for k := i; k < j; k++ {
		v := d.vs[k]
		if math.IsNaN(v) {
			s.nan = true
		}
		s.lo, s.hi = math.Min(s.lo, v), math.Max(s.hi, v)
	}
	return s
}

// colSum is what a track holds in one pixel column of a chart.
type colSum struct {
	n           int32 // samples (a block counts two)
	gapBefore   bool  // the line breaks before the first of them
	first, last float64
	lo, hi      float64
}

// colCache is a track's columns (colSum for a line, barSum for bars) for
// the chart geometry last asked for: a view redrawn for a new cursor
// (playback) reuses them and only splits the cursor's own column.
type colCache[T any] struct {
	from, to time.Duration
	col0, n  int
	cols     []T
}

// get returns the cached columns for c's geometry and true, or n zeroed
// columns (reusing the cache's memory) to fill and false.
func (cc *colCache[T]) get(c *chart, n int) ([]T, bool) {
	if cc.cols != nil && cc.from == c.xs.from && cc.to == c.xs.to && cc.col0 == c.col0 && cc.n == n {
		return cc.cols, true
	}
	*cc = colCache[T]{from: c.xs.from, to: c.xs.to, col0: c.col0, n: n, cols: append(cc.cols[:0], make([]T, n)...)}
	return cc.cols, false
}

// columns returns d's samples gathered per pixel column of c, stepping
// over the largest summarised blocks that fall in one column.
func (d *track) columns(c *chart) []colSum {
	n := len(c.colT) - 1
	cols, ok := d.cache.get(c, n)
	if ok {
		return cols
	}
	i, j := d.span(c)
	gap := false
	ci, tStart, tEnd := -1, time.Duration(0), time.Duration(0)
	col := func(t time.Duration) int {
		if ci < 0 || t < tStart || t >= tEnd {
			ci = c.colOf(t)
			tStart, tEnd = c.colT[ci], c.colT[ci+1]
			if ci == 0 {
				tStart = math.MinInt64 // what precedes the view holds into it
			}
			if ci == n-1 {
				tEnd = math.MaxInt64
			}
		}
		return ci
	}
	merge := func(k int, first, last, lo, hi float64, w int32) {
		cs := &cols[k]
		if cs.n == 0 {
			cs.first, cs.lo, cs.hi, cs.gapBefore = first, lo, hi, gap
			gap = false
		}
		cs.lo, cs.hi, cs.last = min(cs.lo, lo), max(cs.hi, hi), last
		cs.n += w
	}
	for k := i; k < j; {
		took := false
		// Blocks of level lv hold 4^(lv+1) samples: k starts one if its
		// low 2(lv+1) bits are zero.
		for lv := min(bits.TrailingZeros(uint(k)|1<<62)/2, len(d.sizes)) - 1; lv >= 0; lv-- {
			size := 1 << (2 * (lv + 1))
			if k+size > j {
				continue
			}
			b := &d.levels[lv][k>>(2*(lv+1))]
			if b.nan || float64(b.to-b.from) >= c.colDur {
				continue
			}
			bc := col(b.from)
			if b.to >= tEnd {
				continue
			}
			merge(bc, b.first, b.last, b.lo, b.hi, 2)
			k += size
			took = true
			break
		}
		if !took {
			if v := d.vs[k]; v != v { // NaN
				gap = true
			} else {
				merge(col(d.ts[k]), v, v, v, v, 1)
			}
			k++
		}
	}
	return cols
}

// span returns the samples a chart of c's time span needs: from the last
// before it (its value holds into the view) to the first after it.
func (d *track) span(c *chart) (int, int) {
	i := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] >= c.xs.from })
	j := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] > c.xs.to })
	return max(i-1, 0), min(j+1, len(d.ts))
}

// line adds a series drawn in role from a track (built by build on first
// use): the track's columns, split at the cursor into what has happened
// and the (dimmed or hidden) future. The caller finishes it.
func (c *chart) line(r *Run, key trackKey, role display.Role, f display.Flags, step bool,
	build func(add func(t time.Duration, v float64))) *series {
	d := r.track(key, build)
	s := c.newSeries(role, f, step)
	cols := d.columns(c)
	n := len(cols)
	// The cursor's column: before it all is past, after it all future.
	cur := n
	if c.hasCur {
		switch {
		case c.curAt < c.colT[0]:
			cur = -1
		case c.curAt < c.colT[n]:
			cur = c.colOf(c.curAt)
		}
	} else {
		cur = n
	}
	for k := range cols {
		if k == cur {
			s.cursorColumn(d, k)
			if s.dimAt >= 0 && c.vp.Future == FutureHide {
				return s
			}
			continue
		}
		if k > cur && s.dimAt < 0 {
			s.toFuture(float64(c.col0 + k))
			if c.vp.Future == FutureHide {
				return s
			}
		}
		if cols[k].n > 0 {
			s.column(float64(c.col0+k), &cols[k])
		}
	}
	return s
}

// cursorColumn draws the column holding the cursor from the samples in
// it: those up to the cursor, the carry to the cursor, then the future.
func (s *series) cursorColumn(d *track, k int) {
	c := s.c
	i, j := d.span(c)
	lo := sort.Search(j-i, func(q int) bool { return d.ts[i+q] >= c.colT[k] }) + i
	if k == 0 {
		lo = i
	}
	hi := sort.Search(j-lo, func(q int) bool { return d.ts[lo+q] >= c.colT[k+1] }) + lo
	if k == len(c.colT)-2 {
		hi = j
	}
	x := float64(c.col0 + k)
	var part colSum
	gap := false
	emit := func() {
		if part.n > 0 {
			s.column(x, &part)
		}
		part = colSum{}
	}
	q := lo
	for past := true; ; past = false {
		for ; q < hi && (!past || d.ts[q] <= c.curAt); q++ {
			v := d.vs[q]
			if v != v {
				gap = true
				continue
			}
			if part.n == 0 {
				part.first, part.lo, part.hi, part.gapBefore = v, v, v, gap
				gap = false
			}
			part.lo, part.hi, part.last = min(part.lo, v), max(part.hi, v), v
			part.n++
		}
		emit()
		if !past {
			return
		}
		s.toFuture(c.x(c.curAt))
		if c.vp.Future == FutureHide {
			return
		}
	}
}

// column emits one column's points: a lone sample as it is (after the
// step to it), several as their extremes in the order they came, so a
// line through a thousand samples in one column is one vertical stroke.
func (s *series) column(x float64, cs *colSum) {
	if cs.gapBefore {
		s.newRun()
		s.have = false
	}
	// A step function that held since a column further left steps here
	// first, or the line would slope across the gap.
	if s.step && s.have && (cs.n == 1 || len(s.pts) >= 2 && x-s.pts[len(s.pts)-2] > 1) {
		s.pt(x, s.prev)
	}
	switch {
	case cs.n == 1:
		s.pt(x, cs.last)
	case cs.first <= cs.last:
		s.pt(x, cs.lo)
		s.pt(x, cs.hi)
	default:
		s.pt(x, cs.hi)
		s.pt(x, cs.lo)
	}
	s.prev, s.have = cs.last, true
}

// toFuture carries the line to the cursor at x and starts the dimmed
// part there.
func (s *series) toFuture(x float64) {
	if s.have && s.step {
		s.pt(x, s.prev)
	}
	s.newRun()
	s.dimAt = len(s.runs) - 1
	if s.have && s.step {
		s.pt(x, s.prev)
	}
}
