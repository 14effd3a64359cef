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
	cache  colCache[barSum]
}

type barSummary struct {
	from, to time.Duration
	lo, hi   float64
	ref      int32 // the lowest and highest refs in the block
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
			s := barSummary{from: d.ts[i], to: d.ts[j-1], lo: d.lo[i], hi: d.hi[i], ref: d.refs[i], refLast: d.refs[i]}
			for k := i + 1; k < j; k++ {
				s.lo, s.hi = min(s.lo, d.lo[k]), max(s.hi, d.hi[k])
				s.ref, s.refLast = min(s.ref, d.refs[k]), max(s.refLast, d.refs[k])
			}
			lv = append(lv, s)
		}
		d.levels = append(d.levels, lv)
	}
	r.tracks.bars[key] = d
	return d
}

// barSum is what a bar track holds in one pixel column of a chart.
type barSum struct {
	n              int32
	oneT           bool          // all its bars are at one instant
	t              time.Duration // that instant
	lo, hi         float64
	ref            int32 // the first bar's
	refMin, refMax int32
	pending        [4][2]float64 // bars at one instant, kept apart
}

func (g *barSum) add(t time.Duration, lo, hi float64, ref, refLast int32, whole bool) {
	if g.n == 0 {
		*g = barSum{oneT: true, t: t, lo: lo, hi: hi, ref: ref, refMin: ref, refMax: ref}
	}
	if whole || t != g.t {
		g.oneT = false
	}
	if int(g.n) < len(g.pending) {
		g.pending[g.n] = [2]float64{lo, hi}
	}
	g.lo, g.hi = min(g.lo, lo), max(g.hi, hi)
	g.refMin, g.refMax = min(g.refMin, ref, refLast), max(g.refMax, ref, refLast)
	g.n++
}

// span returns the bars in c's time span.
func (d *barTrack) span(c *chart) (int, int) {
	i := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] >= c.xs.from })
	j := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] > c.xs.to })
	return i, j
}

// columns gathers d's bars per pixel column of c, stepping over the
// largest summarised blocks that fall in one column.
func (d *barTrack) columns(c *chart) []barSum {
	n := len(c.colT) - 1
	cols, ok := d.cache.get(c, n)
	if ok {
		return cols
	}
	i, j := d.span(c)
	ci, tStart, tEnd := -1, time.Duration(0), time.Duration(0)
	col := func(t time.Duration) int {
		if ci < 0 || t < tStart || t >= tEnd {
			ci = c.colOf(t)
			tStart, tEnd = c.colT[ci], c.colT[ci+1]
		}
		return ci
	}
	for k := i; k < j; {
		took := false
		for lv := min(bits.TrailingZeros(uint(k)|1<<62)/2, len(d.levels)) - 1; lv >= 0; lv-- {
			size := 1 << (2 * (lv + 1))
			if k+size > j {
				continue
			}
			b := &d.levels[lv][k>>(2*(lv+1))]
			if float64(b.to-b.from) >= c.colDur {
				continue
			}
			bi := col(b.from)
			if bi+1 < n && b.to >= c.colT[bi+1] {
				continue
			}
			cols[bi].add(b.from, b.lo, b.hi, b.ref, b.refLast, true)
			k += size
			took = true
			break
		}
		if !took {
			cols[col(d.ts[k])].add(d.ts[k], d.lo[k], d.hi[k], d.refs[k], d.refs[k], false)
			k++
		}
	}
	return cols
}

// drawBars draws the bars of d in role, dx pixels right of their column,
// as crosses if cross: from the columns of the viewport (cached), each
// past or future as a whole, except the column where the cursor falls
// among its bars, which is gathered again in two parts.
func (c *chart) drawBars(r *Run, d *barTrack, role display.Role, dx float64, cross bool) {
	cols := d.columns(c)
	cur := int32(c.cursor)
	emit := func(k int, g *barSum, f display.Flags) {
		if g.n == 0 || f != 0 && c.vp.Future == FutureHide {
			return
		}
		x := float64(c.col0+k) + dx
		switch {
		case cross:
			c.cross(x, g.hi, role, f, g.ref)
		case g.oneT && int(g.n) <= len(g.pending):
			for _, p := range g.pending[:g.n] {
				c.bar(x, p[0], p[1], role, f, g.ref)
			}
		default:
			c.bar(x, g.lo, g.hi, role, f, g.ref)
		}
	}
	for k := range cols {
		g := &cols[k]
		switch {
		case g.n == 0:
		case g.refMax <= cur:
			emit(k, g, 0)
		case g.refMin > cur:
			emit(k, g, display.Dim)
		default:
			i, j := d.span(c)
			lo := sort.Search(j-i, func(q int) bool { return d.ts[i+q] >= c.colT[k] }) + i
			hi := sort.Search(j-lo, func(q int) bool { return d.ts[lo+q] >= c.colT[k+1] }) + lo
			var past, future barSum
			for q := lo; q < hi; q++ {
				part := &past
				if d.refs[q] > cur {
					part = &future
				}
				part.add(d.ts[q], d.lo[q], d.hi[q], d.refs[q], d.refs[q], false)
			}
			emit(k, &past, 0)
			emit(k, &future, display.Dim)
		}
	}
}
