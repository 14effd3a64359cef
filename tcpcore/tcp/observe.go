package tcp

import (
	"time"

	"tcpplayground/tcpcore/wire"
)

// The emit helpers cost one nil check when no Observer is set: each is
// small enough to inline, and builds its Event in an out-of-line function
// (a call is dear under WebAssembly, where every live value is spilled
// around it). They reuse e.ev, so the Observer must not keep the *Event
// (api.go says so).

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

func (e *Endpoint) observeSent(s *wire.Segment, reason SendReason, rstCause RecvOutcome) {
	e.ev = Event{Kind: EvSegmentSent, At: e.now, Seg: s, SendReason: reason, RSTCause: rstCause}
	e.cfg.Observer(&e.ev)
}

func (e *Endpoint) emitRecv(s *wire.Segment, out RecvOutcome, detail string) {
	if e.cfg.Observer != nil {
		e.observeRecv(s, out, detail)
	}
}

func (e *Endpoint) observeRecv(s *wire.Segment, out RecvOutcome, detail string) {
	// A copy, so that the caller's segment does not escape to the heap.
	e.in = *s
	e.ev = Event{Kind: EvSegmentReceived, At: e.now, Seg: &e.in, RecvOutcome: out, Detail: detail}
	if out == RecvDupAck {
		e.ev.DupAcks = e.dupAcks
	}
	e.cfg.Observer(&e.ev)
}

// emitSpace builds the Space snapshot only for an Observer.
func (e *Endpoint) emitSpace() {
	if e.cfg.Observer != nil {
		e.observeSpace()
	}
}

func (e *Endpoint) observeSpace() {
	e.ev = Event{Kind: EvSpace, At: e.now, Space: e.space()}
	e.cfg.Observer(&e.ev)
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
	e.ev = Event{Kind: EvRTTSample, At: e.now, RTT: sample,
		SRTT: e.est.SRTT(), RTTVar: e.est.RTTVar(), RTO: e.est.RTO()}
	e.cfg.Observer(&e.ev)
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
	m := e.cc.Metrics()
	if m.Cwnd == e.lastCC.Cwnd && m.Ssthresh == e.lastCC.Ssthresh && m.Phase == e.lastCC.Phase {
		return
	}
	e.lastCC = m
	e.ev = Event{Kind: EvCongestion, At: e.now, CC: m}
	e.cfg.Observer(&e.ev)
}
