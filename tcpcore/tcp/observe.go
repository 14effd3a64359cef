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
		e.cfg.Observer(&e.ev)
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
	e.cfg.Observer(ev)
}

// emitSpace builds the Space snapshot only for an Observer.
func (e *Endpoint) emitSpace() {
	if e.cfg.Observer != nil {
		e.fillSpace(&e.evSpace.Space, true)
	}
}

func (e *Endpoint) notice(err error, detail string) {
	if e.cfg.Observer != nil {
		e.ev = Event{Kind: EvNotice, At: e.now, Err: err, Detail: detail}
		e.cfg.Observer(&e.ev)
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
	e.cfg.Observer(ev)
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
	e.cfg.Observer(ev)
}
