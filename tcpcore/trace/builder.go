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
	t         Trace
	strIndex  map[string]uint32
	lastSpace []int // per endpoint (conn*2+side), index of its last Space event or -1
}

// NewBuilder starts a trace for hosts with addresses a and b, the given
// connections, and the text spans the applications will write.
func NewBuilder(a, b [4]byte, conns []Conn, texts []Text) *Builder {
	bl := &Builder{strIndex: map[string]uint32{"": 0}}
	bl.t.addr = [2][4]byte{a, b}
	bl.t.conns = append([]Conn(nil), conns...)
	bl.t.texts = append([]Text(nil), texts...)
	bl.t.strs = []string{""}
	return bl
}

// Grow reserves room for about n segments' worth of events.
func (b *Builder) Grow(segments int) {
	if segments <= 0 {
		return
	}
	b.t.events = append(make([]Event, 0, len(b.t.events)+6*segments), b.t.events...)
	b.t.headers = append(make([]Header, 0, len(b.t.headers)+segments), b.t.headers...)
	b.t.spaces = append(make([]spaceRec, 0, len(b.t.spaces)+segments), b.t.spaces...)
	b.t.rtts = append(make([]RTTSample, 0, len(b.t.rtts)+segments/2), b.t.rtts...)
	b.t.ccs = append(make([]ccRec, 0, len(b.t.ccs)+segments/2), b.t.ccs...)
}

// SetISS records the initial send sequence number of a side, from which
// payload offsets are computed.
func (b *Builder) SetISS(conn int, s Side, iss seq.Seq) { b.t.conns[conn].ISS[s] = iss }

// Len returns the number of events so far.
func (b *Builder) Len() int { return len(b.t.events) }

// Add appends an event. It panics if e is earlier than the last event: the
// trace is time-ordered by construction.
func (b *Builder) Add(e Event) {
	if n := len(b.t.events); n > 0 && e.At < b.t.events[n-1].At {
		panic("trace: event added out of time order")
	}
	b.t.events = append(b.t.events, e)
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
	h := Header{
		Seq: s.Seq, Ack: s.Ack, Window: s.Window, PayloadLen: uint16(len(s.Payload)),
		MSS: s.Options.MSS, IPID: ipID, Flags: s.Flags, WScale: s.Options.WScale,
		TSVal: s.Options.TSVal, TSEcr: s.Options.TSEcr,
	}
	if s.Options.HasWScale {
		h.opts |= optWScale
	}
	if s.Options.SACKPermitted {
		h.opts |= optSACKPermitted
	}
	if s.Options.HasTS {
		h.opts |= optTS
	}
	if n := s.Options.NumSACK; n > 0 {
		h.NumSACK = uint8(n)
		h.SACKIndex = uint32(len(b.t.sacks))
		b.t.sacks = append(b.t.sacks, s.Options.SACK[:n]...)
	}
	b.t.headers = append(b.t.headers, h)
	return uint32(len(b.t.headers) - 1)
}

// Endpoint appends what a tcp.Event reports for side s of connection conn.
// segRef is the header index of the segment for EvSegmentSent (which the
// caller stored with AddHeader) and EvSegmentReceived (the arriving one).
func (b *Builder) Endpoint(conn int, s Side, ev *tcp.Event, segRef uint32) {
	e := Event{At: ev.At, Conn: uint8(conn), Side: s}
	switch ev.Kind {
	case tcp.EvSegmentSent:
		e.Kind, e.Code, e.Ref, e.Val = Sent, uint8(ev.SendReason), segRef, int64(ev.RSTCause)
	case tcp.EvSegmentReceived:
		e.Kind, e.Code, e.Ref = Received, uint8(ev.RecvOutcome), segRef
		e.Val = int64(min(max(ev.DupAcks, 0), 1<<30))<<32 | int64(b.Intern(ev.Detail))
	case tcp.EvStateChanged:
		e.Kind, e.Code, e.Val = State, uint8(ev.Cause), int64(ev.From)<<8|int64(ev.To)
	case tcp.EvTimerSet:
		e.Kind, e.Code, e.Val = TimerSet, uint8(ev.Timer), int64(ev.Deadline)
	case tcp.EvTimerCancelled:
		e.Kind, e.Code = TimerCancelled, uint8(ev.Timer)
	case tcp.EvTimerFired:
		e.Kind, e.Code = TimerFired, uint8(ev.Timer)
	case tcp.EvRTTSample:
		e.Kind, e.Ref = RTT, uint32(len(b.t.rtts))
		b.t.rtts = append(b.t.rtts, RTTSample{ev.RTT, ev.SRTT, ev.RTTVar, ev.RTO})
	case tcp.EvCongestion:
		e.Kind, e.Ref = Congestion, uint32(len(b.t.ccs))
		b.t.ccs = append(b.t.ccs, packCC(ev.CC))
	case tcp.EvSpace:
		b.space(e, packSpace(&ev.Space))
		return
	case tcp.EvNotice:
		e.Kind = Notice
		if ev.Err != nil {
			e.Ref = b.Intern(ev.Err.Error())
		}
		e.Val = int64(b.Intern(ev.Detail))
	default:
		return
	}
	b.Add(e)
}

// space appends a Space event, first removing the endpoint's previous one
// if it was at the same instant: it is superseded, and dropping it keeps
// the trace small (a step that receives and then sends reports twice).
func (b *Builder) space(e Event, sp spaceRec) {
	key := int(e.Conn)*2 + int(e.Side)
	for len(b.lastSpace) <= key {
		b.lastSpace = append(b.lastSpace, -1)
	}
	if i := b.lastSpace[key]; i >= 0 && b.t.events[i].At == e.At {
		e.Ref = b.t.events[i].Ref
		b.t.spaces[e.Ref] = sp
		evs := b.t.events
		copy(evs[i:], evs[i+1:])
		b.t.events = evs[:len(evs)-1]
		for k, j := range b.lastSpace {
			if j > i {
				b.lastSpace[k] = j - 1
			}
		}
	} else {
		e.Ref = uint32(len(b.t.spaces))
		b.t.spaces = append(b.t.spaces, sp)
	}
	e.Kind = Space
	b.lastSpace[key] = len(b.t.events)
	b.Add(e)
}

// LinkEvent appends a link event about segment ref sent by side s.
func (b *Builder) LinkEvent(k Kind, at time.Duration, conn int, s Side, ref uint32, code uint8, val int64) {
	b.Add(Event{At: at, Kind: k, Conn: uint8(conn), Side: s, Code: code, Ref: ref, Val: val})
}

// Queued appends an Enqueued or Duplicated event.
func (b *Builder) Queued(k Kind, at time.Duration, conn int, s Side, ref uint32, scripted bool, queueLen int, dequeued time.Duration) {
	var code uint8
	if scripted {
		code = 1
	}
	b.LinkEvent(k, at, conn, s, ref, code, packQueue(queueLen, dequeued, at))
}

// Trace returns the finished trace; the Builder must not be used after.
func (b *Builder) Trace() *Trace {
	t := b.t
	b.t = Trace{}
	return &t
}
