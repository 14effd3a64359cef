package tcp

import (
	"time"

	"tcpplayground/tcpcore/wire"
)

// The emit helpers cost one nil check when no Observer is set: each is
// small enough to inline, and builds its Event in an out-of-line function
// (a call is dear under WebAssembly, where every live value is spilled
// around it). They reuse the endpoint's Events, so the Observer must not
// keep the *Event (api.go says so).
//
// The frequent kinds each have an Event of their own group (evSent and
// evRecv for sent and received segments, evTimer (timers.go), evSpace, evCC, evRTT): a report
// writes its kind's fields one by one, and the fields no kind of the
// group uses are never written, so they stay zero. Building the whole
// Event instead would be, under WebAssembly, a 250-byte memory.fill and
// memory.copy for every report, several per segment.
// TestEventFieldsOnlyTheKinds checks that every other field is zero.

func (e *Endpoint) setState(to State, cause StateCause) {
	from := e.state
	if from == to {
		return
	}
	e.state = to
	if e.cfg.Observer != nil {
		e.ev = Event{Kind: EvStateChanged, At: e.now, From: from, To: to, Cause: cause}
		e.report(&e.ev)
	}
}

// observeSent reports the segment poll built in e.out. It is small
// enough to inline into poll, one call fewer for every segment sent: the
// event's Kind and Seg (&e.out) never change, and are set by newEndpoint.
func (e *Endpoint) observeSent(reason SendReason, rstCause RecvOutcome) {
	ev := &e.evSent
	ev.At, ev.SendReason, ev.RSTCause = e.now, reason, rstCause
	e.cfg.Observer(ev)
}

func (e *Endpoint) emitRecv(s *wire.Segment, out RecvOutcome, detail string) {
	if e.cfg.Observer != nil {
		e.observeRecv(s, out, detail)
	}
}

func (e *Endpoint) observeRecv(s *wire.Segment, out RecvOutcome, detail string) {
	// A copy, so that the caller's segment does not escape to the heap,
	// made field by field: a struct copy is a memory.copy call under
	// WebAssembly, for every segment received.
	// TestObserveRecvCopiesEveryField notices a field added to wire.Segment.
	d, o, so := &e.in, &e.in.Options, &s.Options
	d.SrcPort, d.DstPort, d.Seq, d.Ack = s.SrcPort, s.DstPort, s.Seq, s.Ack
	d.Flags, d.Window, d.Urgent, d.Payload = s.Flags, s.Window, s.Urgent, s.Payload
	o.MSS, o.HasWScale, o.WScale, o.SACKPermitted = so.MSS, so.HasWScale, so.WScale, so.SACKPermitted
	o.HasTS, o.TSVal, o.TSEcr, o.NumSACK = so.HasTS, so.TSVal, so.TSEcr, so.NumSACK
	o.SACK[0], o.SACK[1], o.SACK[2], o.SACK[3] = so.SACK[0], so.SACK[1], so.SACK[2], so.SACK[3]
	ev := &e.evRecv
	ev.Kind, ev.At, ev.Seg, ev.RecvOutcome, ev.Detail = EvSegmentReceived, e.now, &e.in, out, detail
	ev.DupAcks = 0
	if out == RecvDupAck {
		ev.DupAcks = e.dupAcks
	}
	e.report(ev)
}

// emitSpace builds the Space snapshot only for an Observer, or with
// DeferSpace only notes that one is owed.
func (e *Endpoint) emitSpace() {
	if e.cfg.Observer == nil {
		return
	}
	if e.deferSpace {
		e.spaceOwed, e.spaceAt, e.spaceQueued, e.spaceNxtSet = true, e.now, -1, false
		return
	}
	e.fillSpace(&e.evSpace.Space, true)
}

// DeferSpace makes the endpoint report its Space events late: a call
// that would report one only notes it as owed, and the snapshot is built
// when the endpoint next reports another event, or at FlushSpace, which
// the caller must call after its Poll loop. A segment sent while one is
// owed drops it unbuilt: the Space reported once Poll has drained
// (spaceDirty) is at the same instant, and a trace keeps only the last
// Space of an endpoint at one instant (trace.Builder), in its place.
// The events reported are the ones an Observer would see without it but
// for those superseded Space events; the simulator uses it because about
// half its snapshots were superseded, each dear under WebAssembly.
func (e *Endpoint) DeferSpace() { e.deferSpace = true }

// FlushSpace reports the owed Space event, if any (see DeferSpace).
func (e *Endpoint) FlushSpace() {
	if e.spaceOwed {
		e.flushSpace()
	}
}

// report hands ev to the Observer, after the owed Space event that came
// before it. It is small enough to inline.
func (e *Endpoint) report(ev *Event) {
	if e.spaceOwed {
		e.flushSpace()
	}
	e.cfg.Observer(ev)
}

// flushSpace builds and reports the owed Space event as it was when
// emitSpace noted it: since then nothing has changed the endpoint but a
// Write (spaceQueued) or a Poll that sent nothing (spaceNxt), since every
// other change reports an event (which flushes first) or a Space of its
// own. TestDeferSpaceSameTrace in the simulator checks this.
//
//go:noinline
func (e *Endpoint) flushSpace() {
	e.spaceOwed = false
	sp := &e.evSpace.Space
	e.fillSpace(sp, false)
	if e.spaceQueued >= 0 {
		sp.SendQueued = e.spaceQueued
	}
	if e.spaceNxtSet {
		sp.SndNxt = e.spaceNxt
	}
	ev := &e.evSpace
	ev.Kind, ev.At = EvSpace, e.spaceAt
	e.cfg.Observer(ev)
}

func (e *Endpoint) notice(err error, detail string) {
	if e.cfg.Observer != nil {
		e.ev = Event{Kind: EvNotice, At: e.now, Err: err, Detail: detail}
		e.report(&e.ev)
	}
}

func (e *Endpoint) emitRTT(sample time.Duration) {
	if e.cfg.Observer != nil {
		e.observeRTT(sample)
	}
}

func (e *Endpoint) observeRTT(sample time.Duration) {
	ev := &e.evRTT
	ev.Kind, ev.At = EvRTTSample, e.now
	ev.RTT, ev.SRTT, ev.RTTVar, ev.RTO = sample, e.est.SRTT(), e.est.RTTVar(), e.est.RTO()
	e.report(ev)
}

// ccChanged follows every call that may change the congestion controller:
// it refreshes e.cwnd (read for every segment sent, where an interface
// call is dear under WebAssembly) and reports a congestion update when
// cwnd, ssthresh or the phase moved.
func (e *Endpoint) ccChanged() {
	e.cwnd = e.cc.Cwnd()
	if e.cfg.Observer != nil {
		e.observeCC()
	}
}

func (e *Endpoint) observeCC() {
	// The metrics go straight into the event, which is reported only if
	// they moved, and only the three fields compared are kept: each copy
	// of the 56-byte Metrics is a memory.copy call under WebAssembly.
	ev := &e.evCC
	ev.CC = e.cc.Metrics()
	m, last := &ev.CC, &e.lastCC
	if m.Cwnd == last.Cwnd && m.Ssthresh == last.Ssthresh && m.Phase == last.Phase {
		return
	}
	last.Cwnd, last.Ssthresh, last.Phase = m.Cwnd, m.Ssthresh, m.Phase
	ev.Kind, ev.At = EvCongestion, e.now
	e.report(ev)
}
