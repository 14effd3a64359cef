package analysis

import (
	"container/heap"
	"time"

	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// Limit is what holds a sender back at an instant (see the package
// documentation for the exact rules).
type Limit uint8

// The limits.
const (
	LimitClosed Limit = iota // not sending data: before ESTABLISHED, or CLOSED / TIME-WAIT
	LimitApp                 // nothing written waits to be sent
	LimitCwnd                // the congestion window is full
	LimitRwnd                // the receiver's advertised window is full
	LimitLink                // packets wait at the bottleneck: the link's rate
)

var limitNames = [...]string{"closed", "application", "cwnd", "receiver window", "link"}

// String names the limit for the page's strip.
func (l Limit) String() string {
	if int(l) < len(limitNames) {
		return limitNames[l]
	}
	return "?"
}

// Interval is one step of the limit function: Limit holds on [From, To).
type Interval struct {
	From, To time.Duration
	Limit    Limit
}

// Limits returns what limited side sender of connection conn over the
// whole run, as consecutive intervals covering [0, end of trace), adjacent
// intervals always different.
func Limits(tr *trace.Trace, conn int, sender trace.Side) []Interval {
	st := limitState{cwnd: -1, closed: true}
	var out []Interval
	emit := func(at time.Duration) {
		l := st.limit(at)
		if n := len(out); n > 0 && out[n-1].Limit == l {
			return
		}
		if n := len(out); n > 0 {
			if out[n-1].From == at {
				out = out[:n-1] // superseded at the same instant
				if n > 1 && out[n-2].Limit == l {
					return
				}
			} else {
				out[n-1].To = at
			}
		}
		out = append(out, Interval{From: at, Limit: l})
	}
	events := tr.Events()
	for i, e := range events {
		// Packets leaving the bottleneck before this event change the
		// queue, and may end a link-limited stretch.
		for st.queue.Len() > 0 && st.queue[0] <= e.At {
			at := heap.Pop(&st.queue).(time.Duration)
			if at < e.At && (st.queue.Len() == 0 || st.queue[0] != at) {
				emit(at)
			}
		}
		st.apply(tr, e, conn, sender)
		if i+1 == len(events) || events[i+1].At != e.At {
			emit(e.At)
		}
	}
	if n := len(out); n > 0 {
		end := events[len(events)-1].At
		out[n-1].To = end
		if out[n-1].From == end && n > 1 {
			out = out[:n-1]
			out[n-2].To = end
		}
	}
	return out
}

// limitState is what Limits knows about one sender at an instant.
type limitState struct {
	space     tcp.Space
	haveSpace bool
	closed    bool
	cwnd      int // -1: no congestion event yet
	maxFlight int // the most in flight so far: the initial window, until a congestion event says
	peerMSS   int
	peerTS    bool
	ownTS     bool
	queue     durationHeap // when this direction's waiting packets leave the bottleneck
}

func (st *limitState) apply(tr *trace.Trace, e trace.Event, conn int, sender trace.Side) {
	if e.Kind.IsLink() {
		// The bottleneck is shared by every connection in a direction.
		if (e.Kind == trace.Enqueued || e.Kind == trace.Duplicated) && e.Side == sender && e.Dequeued() > e.At {
			heap.Push(&st.queue, e.Dequeued())
		}
		return
	}
	if int(e.Conn) != conn {
		return
	}
	switch {
	case e.Kind == trace.Sent && tr.Header(e).Flags&wire.SYN != 0:
		opts := tr.Segment(e).Options
		if e.Side == sender {
			st.ownTS = opts.HasTS
		} else {
			st.peerMSS, st.peerTS = int(opts.MSS), opts.HasTS
		}
	case e.Side != sender:
	case e.Kind == trace.Space:
		st.space, st.haveSpace = tr.Space(e), true
		st.maxFlight = max(st.maxFlight, st.space.SndNxt.Diff(st.space.SndUna))
	case e.Kind == trace.Congestion:
		st.cwnd = tr.Congestion(e).Cwnd
	case e.Kind == trace.State:
		// Data moves only in the synchronized states that may still
		// send (RFC 9293 §3.3.2); before them the handshake, after
		// them nothing, is what the strip shows.
		switch e.To() {
		case tcp.Established, tcp.FinWait1, tcp.FinWait2, tcp.CloseWait, tcp.Closing, tcp.LastAck:
			st.closed = false
		default:
			st.closed = true
		}
	}
}

// smss is the largest payload the sender may put in a segment: the
// peer's MSS option (RFC 9293 §3.7.1; 536 without one) less the 12 bytes
// of timestamps when both sides use them (RFC 7323 §3).
func (st *limitState) smss() int {
	m := st.peerMSS
	if m == 0 {
		m = 536
	}
	if st.peerTS && st.ownTS {
		m -= 12
	}
	return m
}

func (st *limitState) limit(at time.Duration) Limit {
	if !st.haveSpace || st.closed {
		return LimitClosed
	}
	sp := st.space
	flight := sp.SndNxt.Diff(sp.SndUna)
	unsent := sp.SendQueued - flight
	if unsent <= 0 {
		return LimitApp
	}
	if st.queue.Len() > 0 && st.queue[0] > at {
		return LimitLink
	}
	next := min(unsent, st.smss())
	rwndRoom := sp.SndWnd - flight
	cwnd := st.cwnd
	if cwnd < 0 {
		// The controller reports cwnd only when it changes; until then
		// the sender has sent all its initial window let it, so the
		// most it has had in flight is that window (RFC 5681 §3.1).
		cwnd = max(st.maxFlight, st.smss())
	}
	cwndRoom := cwnd - flight
	switch {
	case rwndRoom < next && sp.SndWnd <= cwnd:
		return LimitRwnd
	case cwndRoom < next:
		return LimitCwnd
	case rwndRoom < next:
		return LimitRwnd
	}
	return LimitApp
}

// durationHeap is a min-heap of times.
type durationHeap []time.Duration

func (h durationHeap) Len() int           { return len(h) }
func (h durationHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h durationHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *durationHeap) Push(x any)        { *h = append(*h, x.(time.Duration)) }
func (h *durationHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
