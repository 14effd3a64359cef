package view

import (
	"math"
	"math/bits"
	"sort"
	"sync"
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
	mu   sync.Mutex
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
	r.tracks.mu.Lock()
	defer r.tracks.mu.Unlock()
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

// line adds a series drawn in role from a track (built by build on first
// use), fed with the samples the chart's time span needs. The caller
// finishes it.
func (c *chart) line(r *Run, key trackKey, role display.Role, f display.Flags, step bool,
	build func(add func(t time.Duration, v float64))) *series {
	d := r.track(key, build)
	s := c.newSeries(role, f, step)
	i := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] >= c.xs.from })
	j := sort.Search(len(d.ts), func(k int) bool { return d.ts[k] > c.xs.to })
	s.run(d, max(i-1, 0), min(j+1, len(d.ts)))
	return s
}

// run feeds the series samples [i, j) of d, stepping over the largest
// blocks that fall in one pixel column (and on one side of the cursor).
func (s *series) run(d *track, i, j int) {
	c := s.c
	for k := i; k < j; {
		if s.dimAt >= 0 && c.vp.Future == FutureHide {
			return
		}
		took := false
		// Blocks of level lv hold 4^(lv+1) samples: k starts one if its
		// low 2(lv+1) bits are zero.
		for lv := min(bits.TrailingZeros(uint(k)|1<<62)/2, len(d.sizes)) - 1; lv >= 0; lv-- {
			size := 1 << (2 * (lv + 1))
			if k+size <= j && s.block(d.levels[lv][k>>(2*(lv+1))]) {
				k += size
				took = true
				break
			}
		}
		if !took {
			s.add(d.ts[k], d.vs[k])
			k++
		}
	}
}

// block takes a block's summary as a whole if it lies in one pixel
// column and does not straddle the cursor.
func (s *series) block(b summary) bool {
	c := s.c
	if b.nan {
		return false
	}
	if c.hasCur && (b.from <= c.curAt) != (b.to <= c.curAt) {
		return false
	}
	if c.hasCur && s.dimAt < 0 && b.from > c.curAt {
		return false // the first sample past the cursor must start the dimmed part
	}
	if float64(b.to-b.from) >= c.colDur {
		return false // wider than a column
	}
	if s.n > 0 && b.from >= s.tStart && b.to < s.tEnd {
		// In the column being gathered.
	} else {
		i := c.colOf(b.from)
		if b.to >= c.colT[i+1] && i < len(c.colT)-2 || i == 0 && b.from < c.colT[0] {
			return false // spans columns (or starts before the first)
		}
		if s.n > 0 {
			s.flush()
		}
		s.setCol(i)
		s.first, s.lo, s.hi = b.first, b.lo, b.hi
	}
	s.lo, s.hi, s.last = min(s.lo, b.lo), max(s.hi, b.hi), b.last
	s.n += 2
	return true
}
