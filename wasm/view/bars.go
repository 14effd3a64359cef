package view

import (
	"math/bits"
	"sort"
	"time"

	"tcpplayground/wasm/view/display"
)

// A barTrack is a set of vertical bars over time (segments in the
// time-sequence graph, SACK blocks), extracted once per Run, with blocks
// of bars summarised at several sizes as a track's samples are: a frame
// draws one bar per pixel column where many fall, from the lowest to the
// highest, and each bar as it is where they are sparse. Bars at the same
// instant (the SACK blocks of one ACK) stay apart: their gaps are the
// point.
type barTrack struct {
	ts     []time.Duration
	lo, hi []float64
	refs   []int32
	levels [][]barSummary
}

type barSummary struct {
	from, to time.Duration
	lo, hi   float64
	ref      int32
	refLast  int32
}

type barKey struct {
	kind       uint8
	conn, side int
	role       display.Role
}

// The bar tracks.
const (
	barsSent uint8 = iota + 1
	barsSACK
	barsDrop
)

func (r *Run) bars(key barKey, build func(add func(t time.Duration, lo, hi float64, ref int32))) *barTrack {
	r.tracks.mu.Lock()
	defer r.tracks.mu.Unlock()
	if d, ok := r.tracks.bars[key]; ok {
		return d
	}
	if r.tracks.bars == nil {
		r.tracks.bars = map[barKey]*barTrack{}
	}
	d := &barTrack{}
	build(func(t time.Duration, lo, hi float64, ref int32) {
		d.ts, d.lo, d.hi, d.refs = append(d.ts, t), append(d.lo, lo), append(d.hi, hi), append(d.refs, ref)
	})
	n := len(d.ts)
	for size := lodFan; size < n; size *= lodFan {
		var lv []barSummary
		for b := 0; b*size < n; b++ {
			i, j := b*size, min((b+1)*size, n)
			s := barSummary{from: d.ts[i], to: d.ts[j-1], lo: d.lo[i], hi: d.hi[i], ref: d.refs[i], refLast: d.refs[j-1]}
			for k := i + 1; k < j; k++ {
				s.lo, s.hi = min(s.lo, d.lo[k]), max(s.hi, d.hi[k])
			}
			lv = append(lv, s)
		}
		d.levels = append(d.levels, lv)
	}
	r.tracks.bars[key] = d
	return d
}

// barCol gathers the bars of one pixel column.
type barCol struct {
	c       *chart
	role    display.Role
	cross   bool    // crosses at hi, not bars
	dx      float64 // offset from the column's left edge
	i       int     // column index; -1 none
	n       int
	t       time.Duration // the instant of its bars, if all are at one
	oneT    bool
	lo, hi  float64
	ref     int32
	dim     display.Flags
	pending [4][2]float64 // bars at one instant, kept apart
}

func (g *barCol) flush() {
	if g.i < 0 || g.n == 0 {
		g.n = 0
		return
	}
	x := float64(g.c.col0+g.i) + g.dx
	if g.cross {
		g.c.cross(x, g.hi, g.role, g.dim, g.ref)
		g.n = 0
		return
	}
	if g.oneT && g.n <= len(g.pending) {
		for _, p := range g.pending[:g.n] {
			g.c.bar(x, p[0], p[1], g.role, g.dim, g.ref)
		}
	} else {
		g.c.bar(x, g.lo, g.hi, g.role, g.dim, g.ref)
	}
	g.n = 0
}

func (g *barCol) add(i int, t time.Duration, lo, hi float64, ref int32, dim display.Flags, whole bool) {
	if g.n > 0 && (i != g.i || dim != g.dim) {
		g.flush()
	}
	if g.n == 0 {
		g.i, g.t, g.oneT, g.lo, g.hi, g.ref, g.dim = i, t, true, lo, hi, ref, dim
	}
	if whole || t != g.t {
		g.oneT = false
	}
	if g.n < len(g.pending) {
		g.pending[g.n] = [2]float64{lo, hi}
	}
	g.lo, g.hi = min(g.lo, lo), max(g.hi, hi)
	g.n++
}

// drawBars draws the bars of d in [from, to] in role, dimmed after the
// cursor (event index) or hidden, dx pixels right of their column.
func (c *chart) drawBars(d *barTrack, role display.Role, dx float64, cross bool) {
	i := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] >= c.xs.from })
	j := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] > c.xs.to })
	g := &barCol{c: c, role: role, dx: dx, i: -1, cross: cross}
	cur := int32(c.cursor)
	// The column of the last lookup, to skip the lookup for what follows
	// in the same column.
	ci, tStart, tEnd := -1, time.Duration(0), time.Duration(0)
	col := func(t time.Duration) int {
		if ci >= 0 && t >= tStart && t < tEnd {
			return ci
		}
		ci = c.colOf(t)
		tStart, tEnd = c.colT[ci], c.colT[ci+1]
		return ci
	}
	for k := i; k < j; {
		if d.refs[k] > cur && c.vp.Future == FutureHide {
			break
		}
		took := false
		for lv := min(bits.TrailingZeros(uint(k)|1<<62)/2, len(d.levels)) - 1; lv >= 0; lv-- {
			size := 1 << (2 * (lv + 1))
			if k+size > j {
				continue
			}
			b := d.levels[lv][k>>(2*(lv+1))]
			if (b.ref > cur) != (b.refLast > cur) || float64(b.to-b.from) >= c.colDur {
				continue
			}
			bi := col(b.from)
			if bi+1 < len(c.colT)-1 && b.to >= c.colT[bi+1] {
				continue
			}
			g.add(bi, b.from, b.lo, b.hi, b.ref, dimIf(b.ref > cur), true)
			k += size
			took = true
			break
		}
		if !took {
			g.add(col(d.ts[k]), d.ts[k], d.lo[k], d.hi[k], d.refs[k], dimIf(d.refs[k] > cur), false)
			k++
		}
	}
	g.flush()
}

func dimIf(b bool) display.Flags {
	if b {
		return display.Dim
	}
	return 0
}
