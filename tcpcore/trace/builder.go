package trace

import (
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// Builder appends events to a trace under construction; only the simulator
// (or a test) uses it. Events must be added in time order.
type Builder struct {
	// t.events is kept at its full capacity: n are in use, and last is
	// the time of the latest, so that appending one (slot) is small
	// enough to inline.
	t         Trace
	n         int
	last      time.Duration
	strIndex  map[string]uint32
	lastSpace []int  // per endpoint (conn*2+side), index of its last Space event or -1
	arriving  uint32 // the header of the segment being delivered (SetArriving)
	lastSent  uint32 // the header of the segment last reported sent
}

// NewBuilder starts a trace for hosts with addresses a and b, the given
// connections, and the text spans the applications will write.
func NewBuilder(a, b [4]byte, conns []Conn, texts []Text) *Builder {
	bl := &Builder{strIndex: map[string]uint32{"": 0}}
	bl.t.addr = [2][4]byte{a, b}
	bl.t.conns = append([]Conn(nil), conns...)
	bl.t.texts = append([]Text(nil), texts...)
	bl.t.strs = []string{""}
	bl.lastSpace = make([]int, 2*len(conns))
	for i := range bl.lastSpace {
		bl.lastSpace[i] = -1
	}
	return bl
}

// Grow reserves room for about n segments' worth of events.
func (b *Builder) Grow(segments int) {
	if segments <= 0 {
		return
	}
	evs := make([]Event, b.n+6*segments)
	copy(evs, b.t.events[:b.n])
	b.t.events = evs
	b.t.headers = append(make([]Header, 0, len(b.t.headers)+segments), b.t.headers...)
	b.t.spaces = append(make([]spaceRec, 0, len(b.t.spaces)+segments), b.t.spaces...)
	b.t.rtts = append(make([]RTTSample, 0, len(b.t.rtts)+segments/2), b.t.rtts...)
	b.t.ccs = append(make([]ccRec, 0, len(b.t.ccs)+segments/2), b.t.ccs...)
}

// SetISS records the initial send sequence number of a side, from which
// payload offsets are computed.
func (b *Builder) SetISS(conn int, s Side, iss seq.Seq) { b.t.conns[conn].ISS[s] = iss }

// Len returns the number of events so far.
func (b *Builder) Len() int { return b.n }

// Add appends an event. It panics if e is earlier than the last event: the
// trace is time-ordered by construction.
func (b *Builder) Add(e Event) {
	b.ensure(e.At)
	b.put(e.At, e.Kind, e.Conn, e.Side, e.Code, e.Ref, e.Val)
}

// ensure checks that an event at time at keeps the trace in time order
// and makes room for it. Every path that appends calls it first, so that
// put, which writes the event straight into the slice, is small enough to
// inline: the recording paths run for every event, and under WebAssembly
// a call, or an Event built on the stack and then copied, costs several
// times the stores themselves.
func (b *Builder) ensure(at time.Duration) {
	if b.n == len(b.t.events) || at < b.last {
		b.grow(at)
	}
}

// put appends the event with these fields; ensure(at) came first.
func (b *Builder) put(at time.Duration, k Kind, conn uint8, s Side, code uint8, ref uint32, val int64) {
	b.last = at
	e := &b.t.events[b.n]
	b.n++
	e.At, e.Kind, e.Conn, e.Side, e.Code, e.Ref, e.Val = at, k, conn, s, code, ref, val
}

// grow is ensure's slow path.
//
//go:noinline
func (b *Builder) grow(at time.Duration) {
	if at < b.last {
		panic("trace: event added out of time order")
	}
	if b.n == len(b.t.events) {
		b.t.events = append(b.t.events, Event{})
		b.t.events = b.t.events[:cap(b.t.events)]
	}
}

// Intern returns the index of s in the string table, adding it if new.
func (b *Builder) Intern(s string) uint32 {
	if s == "" {
		return 0
	}
	if i, ok := b.strIndex[s]; ok {
		return i
	}
	i := uint32(len(b.t.strs))
	b.t.strs = append(b.t.strs, s)
	b.strIndex[s] = i
	return i
}

// AddHeader stores the header of a sent segment and returns its index, the
// Ref of every event about that segment.
func (b *Builder) AddHeader(s *wire.Segment, ipID uint16) uint32 {
	n := len(b.t.headers)
	if n < cap(b.t.headers) {
		b.t.headers = b.t.headers[:n+1] // every field is written below
	} else {
		b.t.headers = append(b.t.headers, Header{})
	}
	h := &b.t.headers[n]
	o := &s.Options
	h.Seq, h.Ack, h.TSVal, h.TSEcr = s.Seq, s.Ack, o.TSVal, o.TSEcr
	h.Window, h.PayloadLen, h.MSS, h.IPID = s.Window, uint16(len(s.Payload)), o.MSS, ipID
	h.Flags, h.WScale = s.Flags, o.WScale
	var opts uint8
	if o.HasWScale {
		opts |= optWScale
	}
	if o.SACKPermitted {
		opts |= optSACKPermitted
	}
	if o.HasTS {
		opts |= optTS
	}
	h.opts = opts
	h.NumSACK, h.SACKIndex = 0, 0
	if k := o.NumSACK; k > 0 {
		h.NumSACK = uint8(k)
		h.SACKIndex = uint32(len(b.t.sacks))
		b.t.sacks = append(b.t.sacks, o.SACK[:k]...)
	}
	return uint32(n)
}

// Observer returns the function to set as tcp.Config.Observer for side s
// of connection conn: it appends every event the endpoint reports. The
// header of a segment reported sent is stored with the IPv4
// identification *ipID holds at that moment (the caller counts it per
// packet; LastSent then gives the header's index), and a segment
// reported received is the one SetArriving last named.
//
// It runs for every event of every endpoint, so each case does its work
// in place, with no further call but for the Space event's bookkeeping
// and the rare string or side-table entry. (Observer itself is not
// inlined: the closure inlined into a caller in another package would
// lose the inlining of put and ensure.)
//
//go:noinline
func (b *Builder) Observer(conn int, s Side, ipID *uint16) func(*tcp.Event) {
	c := uint8(conn)
	return func(ev *tcp.Event) {
		b.ensure(ev.At)
		// An if chain, most frequent kind first (Bulk10MB per segment:
		// about 1.7 Space, 1 Sent, 1 Received, 0.5 TimerSet, 0.3 each of
		// RTT, Congestion, TimerCancelled): a switch is compiled to a
		// binary search, and under WebAssembly each of its taken branches
		// is a jump through the function's dispatch table.
		k := ev.Kind
		if k == tcp.EvSpace {
			b.space(c, s, ev.At, &ev.Space)
		} else if k == tcp.EvSegmentSent {
			ref := b.AddHeader(ev.Seg, *ipID)
			b.lastSent = ref
			b.put(ev.At, Sent, c, s, uint8(ev.SendReason), ref, int64(ev.RSTCause))
		} else if k == tcp.EvSegmentReceived {
			var detail uint32
			if ev.Detail != "" {
				detail = b.Intern(ev.Detail)
			}
			b.put(ev.At, Received, c, s, uint8(ev.RecvOutcome), b.arriving,
				int64(min(max(ev.DupAcks, 0), 1<<30))<<32|int64(detail))
		} else if k == tcp.EvTimerSet {
			b.put(ev.At, TimerSet, c, s, uint8(ev.Timer), 0, int64(ev.Deadline))
		} else if k == tcp.EvRTTSample {
			ref := uint32(len(b.t.rtts))
			b.t.rtts = append(b.t.rtts, RTTSample{ev.RTT, ev.SRTT, ev.RTTVar, ev.RTO})
			b.put(ev.At, RTT, c, s, 0, ref, 0)
		} else if k == tcp.EvCongestion {
			ref := uint32(len(b.t.ccs))
			b.t.ccs = append(b.t.ccs, ccRec{})
			b.t.ccs[ref].pack(&ev.CC)
			b.put(ev.At, Congestion, c, s, 0, ref, 0)
		} else if k == tcp.EvTimerCancelled {
			b.put(ev.At, TimerCancelled, c, s, uint8(ev.Timer), 0, 0)
		} else if k == tcp.EvTimerFired {
			b.put(ev.At, TimerFired, c, s, uint8(ev.Timer), 0, 0)
		} else if k == tcp.EvStateChanged {
			b.put(ev.At, State, c, s, uint8(ev.Cause), 0, int64(ev.From)<<8|int64(ev.To))
		} else if k == tcp.EvNotice {
			var errRef uint32
			if ev.Err != nil {
				errRef = b.Intern(ev.Err.Error())
			}
			b.put(ev.At, Notice, c, s, 0, errRef, int64(b.Intern(ev.Detail)))
		}
	}
}

// Endpoint appends what a tcp.Event reports for side s of connection
// conn as an Observer would, for a trace built by hand: segRef is the
// header of the segment a Sent event reports (stored with AddHeader) or a
// Received event's.
func (b *Builder) Endpoint(conn int, s Side, ev *tcp.Event, segRef uint32) {
	if ev.Kind == tcp.EvSegmentSent {
		b.ensure(ev.At)
		b.put(ev.At, Sent, uint8(conn), s, uint8(ev.SendReason), segRef, int64(ev.RSTCause))
		return
	}
	b.arriving = segRef
	b.Observer(conn, s, nil)(ev)
}

// SetArriving names the header of the segment about to be handed to an
// endpoint, which its Received event refers to.
func (b *Builder) SetArriving(ref uint32) { b.arriving = ref }

// LastSent returns the header index of the segment an Observer last
// reported sent.
func (b *Builder) LastSent() uint32 { return b.lastSent }

// space appends a Space event (ensure(at) came first), first removing the
// endpoint's previous one if it was at the same instant: it is superseded,
// and dropping it keeps the trace small (a step that receives and then
// sends reports twice). The record is packed in place, reusing the
// superseded one's slot, and written here rather than by a helper: this
// runs twice per segment, and a call is dear under WebAssembly.
func (b *Builder) space(conn uint8, s Side, at time.Duration, sp *tcp.Space) {
	key := int(conn)*2 + int(s)
	evs := b.t.events[:b.n]
	var ref uint32
	last := false // the superseded event is the last: it stands for the new one
	if i := b.lastSpace[key]; i >= 0 && evs[i].At == at {
		ref = evs[i].Ref
		last = i == len(evs)-1
		if !last {
			copy(evs[i:], evs[i+1:])
			b.n--
			for k, j := range b.lastSpace {
				if j > i {
					b.lastSpace[k] = j - 1
				}
			}
		}
	} else {
		ref = uint32(len(b.t.spaces))
		if n := len(b.t.spaces); n < cap(b.t.spaces) {
			b.t.spaces = b.t.spaces[:n+1] // every field is written below
		} else {
			b.t.spaces = append(b.t.spaces, spaceRec{})
		}
	}
	r := &b.t.spaces[ref]
	r.sndUna, r.sndNxt, r.sndWl1, r.sndWl2, r.iss, r.rcvNxt, r.irs = sp.SndUna, sp.SndNxt, sp.SndWl1, sp.SndWl2, sp.ISS, sp.RcvNxt, sp.IRS
	r.sndWnd, r.sendQueued, r.rcvWnd = sat32(sp.SndWnd), sat32(sp.SendQueued), sat32(sp.RcvWnd)
	r.recvBuffered, r.recvOOO = sat32(sp.RecvBuffered), sat32(sp.RecvOutOfOrder)
	if last {
		return
	}
	b.lastSpace[key] = b.n
	b.put(at, Space, conn, s, 0, ref, 0)
}

// LinkEvent appends a link event about segment ref sent by side s.
func (b *Builder) LinkEvent(k Kind, at time.Duration, conn int, s Side, ref uint32, code uint8, val int64) {
	b.ensure(at)
	b.put(at, k, uint8(conn), s, code, ref, val)
}

// Queued appends an Enqueued or Duplicated event.
func (b *Builder) Queued(k Kind, at time.Duration, conn int, s Side, ref uint32, scripted bool, queueLen int, dequeued time.Duration) {
	var code uint8
	if scripted {
		code = 1
	}
	b.ensure(at)
	b.put(at, k, uint8(conn), s, code, ref, packQueue(queueLen, dequeued, at))
}

// Trace returns the finished trace; the Builder must not be used after.
func (b *Builder) Trace() *Trace {
	t := b.t
	t.events = t.events[:b.n]
	b.t = Trace{}
	return &t
}
