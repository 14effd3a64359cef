package view

import (
	"errors"
	"sort"
	"time"

	"tcpplayground/tcpcore/analysis"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/wasm/view/display"
)

// Run is one simulated scenario prepared for drawing: the trace, the
// Wireshark labels at a vantage, what limited each sender, and indexes
// that let every view find what a viewport shows by binary search.
// A Run is immutable once built (SetVantage aside) and shared by the
// views, which fill its caches (graph tracks, segment classes, limits) on
// first use: it is not safe for concurrent use, and needs no lock, since
// the page draws from one goroutine.
type Run struct {
	Scenario *scenario.Scenario
	Trace    *trace.Trace
	// Err is the simulator's *sim.LimitError when a hard limit stopped the
	// run: the trace is still complete up to that point and drawn.
	Err error

	vantage analysis.Vantage
	labels  []analysis.Labels
	limits  [][2][]analysis.Interval // per connection, per sender

	segs     []Seg
	firstSeg []int32 // per header: its first copy in segs
	delay    [2]time.Duration
	wshift   [][2]uint8 // per connection, per side: the window scale of that side's window field

	timers     []TimerSpan
	ckEvery    int
	ckStart    []int32 // checkpoint k's pending spans: ckSpans[ckStart[k]:ckStart[k+1]]
	ckSpans    []int32
	marks      []int32      // events drawn on the time lines: state changes, fired timers, app actions
	states     [][2][]int32 // State events per connection and side
	spaces     [][2][]int32
	ccs        [][2][]int32
	rtts       [][2][]int32
	sent, rcvd [][2][]int32 // Sent and Received events per connection and endpoint
	dataBytes  [][2]int64   // payload bytes each side sent, per connection
	queues     [2][]int32   // Enqueued and Duplicated events per direction
	overflows  [2][]int32   // Dropped events for queue overflow per direction
	end        time.Duration
	tracks     trackCache
	classes    *[2][display.NumRoles][]int32
	maxTrans   time.Duration // the longest transit of any copy
	lastArrive time.Duration
}

// Seg is one copy of a segment on the wire, from its Sent event to its
// fate. A segment the link duplicated has one Seg per copy (same Sent).
// Event indexes are -1 when absent.
type Seg struct {
	Sent   int32 // the Sent event
	Link   int32 // the Enqueued or Duplicated event (-1: dropped before the queue)
	Arrive int32 // the receiver's Received event
	Drop   int32 // the Dropped event: by the link at send time, or by the receiving host at arrival
	// At is the send time; ArriveAt the arrival (or, for a copy still in
	// flight when the run ended, when it would have arrived).
	At, ArriveAt time.Duration
}

// Lost reports whether the copy never reached the receiving endpoint.
func (s *Seg) Lost() bool { return s.Drop >= 0 }

// TimerSpan is one arming of a timer: from its TimerSet event until it
// fired, was cancelled or re-armed (End, an event index; the trace's
// length if it was still pending when the run ended).
type TimerSpan struct {
	Set, End int32
	Fired    bool
	Conn     uint8
	Side     trace.Side
	Kind     tcp.TimerKind
	At       time.Duration // when it was armed
	Deadline time.Duration
}

// NewRun simulates sc and indexes the trace, with labels seen from host
// A (SetVantage changes it). If a hard limit stopped the simulation,
// the Run is returned with Err set and a nil error: the partial trace is
// worth drawing. An invalid scenario returns the validator's error.
func NewRun(sc *scenario.Scenario) (*Run, error) {
	tr, err := sim.Run(sc)
	var lim *sim.LimitError
	if err != nil && (tr == nil || !errors.As(err, &lim)) {
		return nil, err
	}
	r := &Run{Scenario: sc, Trace: tr, Err: err}
	r.index()
	r.SetVantage(analysis.AtA)
	return r, nil
}

// SetVantage recomputes the Wireshark labels as a capture at v would
// show them.
func (r *Run) SetVantage(v analysis.Vantage) {
	r.vantage = v
	r.labels = analysis.Label(r.Trace, v)
}

// Vantage returns the vantage the labels are computed at.
func (r *Run) Vantage() analysis.Vantage { return r.vantage }

// Labels returns the labels of event i at the run's vantage (zero if the
// vantage does not see it).
func (r *Run) Labels(i int) analysis.Labels {
	if i < 0 || i >= len(r.labels) {
		return analysis.Labels{}
	}
	return r.labels[i]
}

// Limits returns what limited sender's data on connection conn over time
// (analysis.Limits), computed on first use.
func (r *Run) Limits(conn int, sender trace.Side) []analysis.Interval {
	if conn < 0 || conn >= len(r.limits) {
		return nil
	}
	if r.limits[conn][sender] == nil {
		r.limits[conn][sender] = analysis.Limits(r.Trace, conn, sender)
		if r.limits[conn][sender] == nil {
			r.limits[conn][sender] = []analysis.Interval{}
		}
	}
	return r.limits[conn][sender]
}

// Segs returns every copy of every segment, in send order; do not modify.
func (r *Run) Segs() []Seg { return r.segs }

// SegOf returns the copies of the segment event i (Sent, Received,
// Enqueued, Dropped, …) is about; nil for other events.
func (r *Run) SegOf(i int) []Seg {
	if i < 0 || i >= r.Trace.Len() {
		return nil
	}
	e := r.Trace.Event(i)
	switch e.Kind {
	case trace.Sent, trace.Received, trace.Enqueued, trace.Dropped, trace.Duplicated, trace.Corrupted, trace.Delayed:
	default:
		return nil
	}
	if int(e.Ref) >= len(r.firstSeg) {
		return nil
	}
	k := r.firstSeg[e.Ref]
	if k < 0 {
		return nil
	}
	n := k + 1
	for int(n) < len(r.segs) && r.segs[n].Sent == r.segs[k].Sent {
		n++
	}
	return r.segs[k:n]
}

// lastAt returns the last of the events evs (ascending event indexes)
// at or before cursor, or -1.
func lastAt(evs []int32, cursor int) int {
	n := sort.Search(len(evs), func(i int) bool { return int(evs[i]) > cursor })
	if n == 0 {
		return -1
	}
	return int(evs[n-1])
}

// segClasses returns the copies of segments by sending side and colour
// (indexes into Segs, in send order), built on first use: dense ladders
// skip through each.
func (r *Run) segClasses() *[2][display.NumRoles][]int32 {
	if r.classes == nil {
		r.classes = new([2][display.NumRoles][]int32)
		for k := range r.segs {
			e := r.Trace.Event(int(r.segs[k].Sent))
			h := r.Trace.Header(e)
			role := segRole(tcp.SendReason(e.Code), &h)
			r.classes[e.Side][role] = append(r.classes[e.Side][role], int32(k))
		}
	}
	return r.classes
}

// DataBothWays reports whether some connection carries data in both
// directions: the buffers view then draws two blocks, one per direction,
// and needs twice the height.
func (r *Run) DataBothWays() bool {
	for _, n := range r.dataBytes {
		if n[0] > 0 && n[1] > 0 {
			return true
		}
	}
	return false
}

// End returns the time of the trace's last event.
func (r *Run) End() time.Duration { return r.end }

// Timers returns every timer arming, ordered by Set; do not modify.
func (r *Run) Timers() []TimerSpan { return r.timers }

// Pending appends to dst the timers pending just after event cursor: armed
// at or before it, not yet fired, cancelled or re-armed.
func (r *Run) Pending(dst []TimerSpan, cursor int) []TimerSpan {
	if cursor < 0 || len(r.timers) == 0 {
		return dst
	}
	k := min((cursor+1)/r.ckEvery, len(r.ckStart)-2)
	for _, i := range r.ckSpans[r.ckStart[k]:r.ckStart[k+1]] {
		if t := &r.timers[i]; int(t.End) > cursor {
			dst = append(dst, *t)
		}
	}
	from := sort.Search(len(r.timers), func(i int) bool { return int(r.timers[i].Set) >= k*r.ckEvery })
	for i := from; i < len(r.timers) && int(r.timers[i].Set) <= cursor; i++ {
		if t := &r.timers[i]; int(t.End) > cursor {
			dst = append(dst, *t)
		}
	}
	return dst
}

// index builds the segment, timer and series indexes in one pass.
func (r *Run) index() {
	tr := r.Trace
	nc := len(tr.Conns())
	r.limits = make([][2][]analysis.Interval, nc)
	r.wshift = make([][2]uint8, nc)
	r.spaces = make([][2][]int32, nc)
	r.states = make([][2][]int32, nc)
	r.states = make([][2][]int32, nc)
	r.ccs = make([][2][]int32, nc)
	r.rtts = make([][2][]int32, nc)
	r.sent = make([][2][]int32, nc)
	r.rcvd = make([][2][]int32, nc)
	r.dataBytes = make([][2]int64, nc)
	for s := range 2 {
		r.delay[s] = scenario.MS(r.Scenario.Link[s].DelayMS)
	}
	r.firstSeg = make([]int32, tr.NumSegments())
	for i := range r.firstSeg {
		r.firstSeg[i] = -1
	}
	r.segs = make([]Seg, 0, tr.NumSegments()+tr.NumSegments()/16)
	synWS := make([][2]int, nc) // per conn, per side: the shift the SYN offered, -1 none
	for c := range synWS {
		synWS[c] = [2]int{-1, -1}
	}
	type key struct {
		conn uint8
		side trace.Side
		kind tcp.TimerKind
	}
	pending := map[key]int32{}
	ck := []int32{}
	r.ckEvery = 512
	r.ckStart = append(r.ckStart, 0, 0) // checkpoint 0, before any event: nothing pending
	nextCk := r.ckEvery
	evs := tr.Events()
	for i := range evs {
		for i == nextCk {
			// Checkpoint: the spans pending before event i, in Set order
			// (map order must not leak into anything drawn).
			ck = ck[:0]
			for _, v := range pending {
				ck = append(ck, v)
			}
			sort.Slice(ck, func(a, b int) bool { return ck[a] < ck[b] })
			r.ckSpans = append(r.ckSpans, ck...)
			r.ckStart = append(r.ckStart, int32(len(r.ckSpans)))
			nextCk += r.ckEvery
		}
		e := evs[i]
		i32 := int32(i)
		switch e.Kind {
		case trace.Sent:
			r.sent[e.Conn][e.Side] = append(r.sent[e.Conn][e.Side], i32)
			r.dataBytes[e.Conn][e.Side] += int64(tr.Header(e).PayloadLen)
			r.firstSeg[e.Ref] = int32(len(r.segs))
			r.segs = append(r.segs, Seg{Sent: i32, Link: -1, Arrive: -1, Drop: -1, At: e.At, ArriveAt: -1})
			if h := tr.Header(e); h.Flags&wire.SYN != 0 && int(e.Conn) < nc {
				if o := tr.Segment(e).Options; o.HasWScale {
					synWS[e.Conn][e.Side] = int(o.WScale)
				}
			}
		case trace.Enqueued, trace.Duplicated:
			if k := r.firstSeg[e.Ref]; k >= 0 {
				if e.Kind == trace.Duplicated || r.segs[k].Link >= 0 {
					cp := r.segs[k]
					cp.Link, cp.Arrive, cp.Drop, cp.ArriveAt = i32, -1, -1, -1
					r.segs = append(r.segs, cp)
				} else {
					r.segs[k].Link = i32
				}
				r.queues[e.Side] = append(r.queues[e.Side], i32)
			}
		case trace.Dropped:
			if trace.Drop(e.Code) == trace.DropQueueOverflow {
				r.overflows[e.Side&1] = append(r.overflows[e.Side&1], i32)
			}
			if s := r.fateless(e.Ref, trace.Drop(e.Code) >= trace.DropBadChecksum); s != nil {
				s.Drop = i32
				s.ArriveAt = e.At
			}
		case trace.Received:
			r.rcvd[e.Conn][e.Side] = append(r.rcvd[e.Conn][e.Side], i32)
			if s := r.fateless(e.Ref, true); s != nil {
				s.Arrive = i32
				s.ArriveAt = e.At
			}
		case trace.TimerSet:
			k := key{e.Conn, e.Side, tcp.TimerKind(e.Code)}
			if j, ok := pending[k]; ok {
				r.timers[j].End = i32
			}
			pending[k] = int32(len(r.timers))
			r.timers = append(r.timers, TimerSpan{Set: i32, End: int32(len(evs)), Conn: e.Conn, Side: e.Side,
				Kind: tcp.TimerKind(e.Code), At: e.At, Deadline: e.Deadline()})
		case trace.TimerCancelled, trace.TimerFired:
			k := key{e.Conn, e.Side, tcp.TimerKind(e.Code)}
			if j, ok := pending[k]; ok {
				r.timers[j].End = i32
				r.timers[j].Fired = e.Kind == trace.TimerFired
				delete(pending, k)
			}
			if e.Kind == trace.TimerFired {
				r.marks = append(r.marks, i32)
			}
		case trace.State:
			r.marks = append(r.marks, i32)
			r.states[e.Conn][e.Side] = append(r.states[e.Conn][e.Side], i32)
		case trace.App:
			r.marks = append(r.marks, i32)
		case trace.Space:
			r.spaces[e.Conn][e.Side] = append(r.spaces[e.Conn][e.Side], i32)
		case trace.Congestion:
			r.ccs[e.Conn][e.Side] = append(r.ccs[e.Conn][e.Side], i32)
		case trace.RTT:
			r.rtts[e.Conn][e.Side] = append(r.rtts[e.Conn][e.Side], i32)
		}
	}
	for len(r.ckStart) < 2 || nextCk <= len(evs) {
		// Checkpoints up to and including the one just past the end, so
		// Pending's lookup never runs off the table.
		ck = ck[:0]
		for _, v := range pending {
			ck = append(ck, v)
		}
		sort.Slice(ck, func(a, b int) bool { return ck[a] < ck[b] })
		r.ckSpans = append(r.ckSpans, ck...)
		r.ckStart = append(r.ckStart, int32(len(r.ckSpans)))
		nextCk += r.ckEvery
	}
	if n := len(evs); n > 0 {
		r.end = evs[n-1].At
	}
	for c := range synWS {
		if synWS[c][0] >= 0 && synWS[c][1] >= 0 {
			r.wshift[c] = [2]uint8{uint8(synWS[c][0]), uint8(synWS[c][1])}
		}
	}
	for k := range r.segs {
		s := &r.segs[k]
		if s.ArriveAt < 0 {
			// Still in flight when the run ended: it would have left the
			// queue and crossed the link.
			s.ArriveAt = s.At + r.delay[evs[s.Sent].Side]
			if s.Link >= 0 {
				s.ArriveAt = evs[s.Link].Dequeued() + r.delay[evs[s.Sent].Side]
			}
		}
		r.maxTrans = max(r.maxTrans, s.ArriveAt-s.At)
		r.lastArrive = max(r.lastArrive, s.ArriveAt)
	}
}

// fateless returns the first copy of segment ref that has no fate yet
// (queued copies only if queued is set: arrivals and host drops come
// from the queue, link drops from before it).
func (r *Run) fateless(ref uint32, queued bool) *Seg {
	k := r.firstSeg[ref]
	if k < 0 {
		return nil
	}
	sent := r.segs[k].Sent
	for ; int(k) < len(r.segs) && r.segs[k].Sent == sent; k++ {
		s := &r.segs[k]
		if s.Arrive < 0 && s.Drop < 0 && (s.Link >= 0) == queued {
			return s
		}
	}
	return nil
}
