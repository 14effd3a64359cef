package tcp

import (
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// Handle processes one arriving segment (RFC 9293 §3.10.7 SEGMENT ARRIVES).
// The endpoint does not keep seg or its Payload after the call. The
// EvSegmentReceived event is reported after the segment has been processed,
// so that it can carry the outcome; the state changes and timers it caused
// come before it.
func (e *Endpoint) Handle(now time.Duration, seg *wire.Segment) {
	e.handle(now, seg)
	e.emitSpace()
}

// HandleDiscard is Handle followed at once by Discard(now, n), for an
// application that reads everything as it arrives: it reports exactly
// the events the two calls would, but builds the Space snapshot once when
// the discard takes data (Handle's, at the same instant with nothing
// reported after it, would be superseded by the discard's). The simulator
// calls it for nearly every segment, where each snapshot is dear under
// WebAssembly.
func (e *Endpoint) HandleDiscard(now time.Duration, seg *wire.Segment, n int) (int, error) {
	e.handle(now, seg)
	n, err := e.read(now, nil, n)
	if n == 0 {
		// No Space from the read: Handle's stands, and nothing has
		// been reported since.
		e.emitSpace()
	}
	return n, err
}

func (e *Endpoint) handle(now time.Duration, seg *wire.Segment) {
	e.now = now
	out, predicted := e.predictedData(seg)
	var detail string
	if !predicted {
		out, detail = e.segmentArrives(seg)
	}
	e.emitRecv(seg, out, detail)
}

func (e *Endpoint) segmentArrives(seg *wire.Segment) (RecvOutcome, string) {
	if e.state == Closed || seg.DstPort != e.localPort ||
		(e.state != Listen && seg.SrcPort != e.remotePort) {
		return e.closedArrives(seg)
	}
	switch e.state {
	case Listen:
		return e.listenArrives(seg)
	case SynSent:
		return e.synSentArrives(seg)
	}
	return e.otherArrives(seg)
}

// closedArrives is RFC 9293 §3.10.7.1: no connection exists.
func (e *Endpoint) closedArrives(seg *wire.Segment) (RecvOutcome, string) {
	if seg.Flags&wire.RST != 0 {
		// "An incoming segment containing a RST is discarded."
		return RecvDropped, "RST for no connection: never answer a RST"
	}
	e.replyRST(seg, RecvNoConnection)
	return RecvNoConnection, ""
}

// replyRST queues the reset RFC 9293 §3.10.7.1 prescribes for seg:
// <SEQ=SEG.ACK><CTL=RST> if it had an ACK, else
// <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. A RST is never answered.
func (e *Endpoint) replyRST(seg *wire.Segment, cause RecvOutcome) {
	if seg.Flags&wire.RST != 0 {
		return
	}
	r := wire.Segment{SrcPort: seg.DstPort, DstPort: seg.SrcPort}
	if seg.Flags&wire.ACK != 0 {
		r.Seq, r.Flags = seg.Ack, wire.RST
	} else {
		r.Seq, r.Ack, r.Flags = 0, seg.End(), wire.RST|wire.ACK
	}
	e.pushCtrl(r, cause)
}

// queueRST queues a reset on this connection, <SEQ=sq><CTL=RST> (Abort).
func (e *Endpoint) queueRST(sq seq.Seq, cause RecvOutcome) {
	r := wire.Segment{SrcPort: e.localPort, DstPort: e.remotePort, Seq: sq, Flags: wire.RST}
	if e.tsOK {
		r.Options.HasTS, r.Options.TSVal, r.Options.TSEcr = true, e.tsNow(), e.tsRecent
	}
	e.pushCtrl(r, cause)
}

func (e *Endpoint) pushCtrl(r wire.Segment, cause RecvOutcome) {
	if e.nctrl == len(e.ctrl) {
		return // a burst of bad segments: the peer will try again
	}
	e.ctrl[e.nctrl], e.ctrlCause[e.nctrl] = r, cause
	e.nctrl++
}

// listenArrives is RFC 9293 §3.10.7.2.
func (e *Endpoint) listenArrives(seg *wire.Segment) (RecvOutcome, string) {
	// First, check for a RST: "An incoming RST segment could not be valid".
	if seg.Flags&wire.RST != 0 {
		return RecvDropped, "RST in LISTEN is ignored"
	}
	// Second, check for an ACK: nothing has been sent, so it is bad: reset.
	if seg.Flags&wire.ACK != 0 {
		e.replyRST(seg, RecvAckUnacceptable)
		return RecvAckUnacceptable, "ACK in LISTEN"
	}
	// Third, check for a SYN.
	if seg.Flags&wire.SYN == 0 {
		return RecvDropped, "no SYN in LISTEN"
	}
	e.remotePort = seg.SrcPort
	e.irs = seg.Seq
	e.rcvNxt = seg.Seq.Add(1)
	e.negotiate(&seg.Options)
	// RFC 7323 §2.2: the window of a SYN is never scaled.
	e.sndWnd = int(seg.Window)
	e.maxSndWnd = e.sndWnd
	e.sndWl1, e.sndWl2 = seg.Seq, e.iss
	e.rcvRight = e.rcvNxt.Add(min(e.rcvCap(), 65535))
	e.lastRecv = e.now
	e.synPending = true
	// Data on a SYN is not kept: it is not acknowledged, so the peer sends
	// it again once the connection is established.
	e.setState(SynReceived, CauseSegment)
	return RecvAccepted, ""
}

// negotiate records the options of the peer's SYN (RFC 9293 §3.7.1,
// RFC 7323 §2.2 and §3.2, RFC 2018 §2): an option is in use only when both
// sides sent it.
func (e *Endpoint) negotiate(o *wire.Options) {
	e.sndMSS = 536 // RFC 9293 §3.7.1: the default when the option is absent
	if o.MSS != 0 {
		e.sndMSS = int(o.MSS)
	}
	e.wsOK = e.cfg.WindowScale && o.HasWScale
	if e.wsOK {
		e.sndShift = min(o.WScale, 14) // RFC 7323 §2.3: larger values are treated as 14
		e.rcvShift = e.ourShift()
	}
	e.tsOK = e.cfg.Timestamps && o.HasTS
	if e.tsOK {
		e.tsRecent = o.TSVal
	}
	e.sackOK = e.cfg.SACK && o.SACKPermitted
	e.updateMSS()
	e.cc = newController(&e.cfg, e.effMSS)
	e.lastCC = e.cc.Metrics()
	e.cwnd = e.cc.Cwnd()
	e.strategy = pickStrategy(e.cfg.Recovery, e.sackOK)
}

// synSentArrives is RFC 9293 §3.10.7.3.
func (e *Endpoint) synSentArrives(seg *wire.Segment) (RecvOutcome, string) {
	ackOK := false
	// First, check the ACK bit.
	if seg.Flags&wire.ACK != 0 {
		if seg.Ack.LessEq(e.iss) || seg.Ack.GreaterThan(e.sndMax) {
			e.replyRST(seg, RecvAckUnacceptable)
			return RecvAckUnacceptable, "ACK does not acknowledge our SYN"
		}
		ackOK = true // SND.UNA < SEG.ACK =< SND.NXT
	}
	// Second, check the RST bit (RFC 5961 §3.2: only with an acceptable ACK).
	if seg.Flags&wire.RST != 0 {
		if ackOK {
			e.terminate(ErrConnectionRefused, CauseReset, "RST received in SYN-SENT")
			return RecvRST, "RST acknowledging our SYN"
		}
		return RecvRSTIgnored, "RST without an ACK of our SYN"
	}
	// Fourth, check the SYN bit.
	if seg.Flags&wire.SYN == 0 {
		return RecvDropped, "neither SYN nor RST in SYN-SENT"
	}
	e.irs = seg.Seq
	e.rcvNxt = seg.Seq.Add(1)
	e.negotiate(&seg.Options)
	e.lastRecv = e.now
	// Our SYN carried an unscaled window of at most 65535: the right edge
	// the peer knows of.
	e.rcvRight = e.rcvNxt.Add(min(e.rcvCap(), 65535))
	e.sndWnd = int(seg.Window) // RFC 7323 §2.2: never scaled on a SYN
	e.maxSndWnd = e.sndWnd
	e.sndWl1 = seg.Seq
	if !ackOK {
		// Simultaneous open (RFC 9293 Figure 8): SYN-RECEIVED, and send
		// <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
		e.sndWl2 = e.iss
		e.synPending = true
		e.setState(SynReceived, CauseSegment)
		return RecvAccepted, "simultaneous open"
	}
	e.sndWl2 = seg.Ack
	e.synAckedBy(seg)
	e.setState(Established, CauseSegment)
	e.requestACK(SendImmediateACK)
	// Data or a FIN on the SYN-ACK continue at the sixth step.
	if len(seg.Payload) > 0 || seg.Flags&wire.FIN != 0 {
		s := *seg
		s.Seq = s.Seq.Add(1)
		s.Flags &^= wire.SYN
		if len(s.Payload) > 0 {
			e.receiveText(&s)
		}
		e.receiveFIN(&s)
	}
	return RecvAccepted, ""
}

// synAckedBy completes our side of the handshake: SND.UNA moves past the
// SYN, the SYN's RTT is sampled and its timer stopped (RFC 6298 (5.2)).
func (e *Endpoint) synAckedBy(seg *wire.Segment) {
	e.sndUna = seg.Ack
	e.synAcked = true
	e.takeRTTSample(seg)
	e.rtTiming = false
	if e.synRetx > 0 && !e.est.HasSample() {
		// RFC 6298 (5.7): the SYN was lost and no sample taken: 3 s from now on.
		e.est.SYNLost()
	}
	e.synRetx = 0
	e.synPending = false
	if e.sndUna == e.sndMax {
		e.cancelTimer(TimerRTO)
	}
	e.armKeepAlive()
}

// acceptable is the four-case test of RFC 9293 §3.10.7.4 (first step).
func (e *Endpoint) acceptable(seg *wire.Segment) bool {
	wnd := e.rcvWnd()
	n := seg.Len()
	switch {
	case n == 0 && wnd == 0:
		return seg.Seq == e.rcvNxt
	case n == 0:
		return seg.Seq.InWindow(e.rcvNxt, wnd)
	case wnd == 0:
		return false
	default:
		return seg.Seq.InWindow(e.rcvNxt, wnd) ||
			seg.Seq.Add(n-1).InWindow(e.rcvNxt, wnd)
	}
}

// otherArrives is RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states.
func (e *Endpoint) otherArrives(seg *wire.Segment) (RecvOutcome, string) {
	if !e.synAcked && seg.Flags&(wire.SYN|wire.RST) == wire.SYN && seg.Seq == e.irs {
		if seg.Flags&wire.ACK == 0 {
			// The peer's SYN again: our SYN-ACK was lost. Send it again now
			// rather than waiting for our timer, and restart the timer from
			// this retransmission, as Linux does (tcp_check_req re-arms the
			// request's timer after inet_rtx_syn_ack), so that it does not
			// fire a second SYN-ACK right behind this one.
			e.synPending = true
			e.setTimer(TimerRTO, e.now+e.est.RTO())
			return RecvDuplicate, "retransmitted SYN: SYN-ACK sent again"
		}
		// Simultaneous open (RFC 9293 Figure 8, line 6): the SYN is already
		// accounted for; its ACK completes the handshake.
		s := *seg
		s.Seq = s.Seq.Add(1)
		s.Flags &^= wire.SYN
		seg = &s
	}

	// RFC 7323 §3.2: once both SYNs carried TSopt, "if a non-<RST> segment
	// is received without a TSopt, a TCP SHOULD silently drop the segment"
	// (and MUST NOT abort the connection for it). The rfc profile follows
	// the SHOULD; Linux accepts such a segment (tcp_validate_incoming runs
	// PAWS only when a timestamp is present), and so does the linux
	// profile.
	if e.tsOK && !seg.Options.HasTS && seg.Flags&wire.RST == 0 && e.cfg.Profile == ProfileRFC {
		return RecvDropped, "no timestamp option although both SYNs negotiated timestamps (RFC 7323 §3.2)"
	}

	// RFC 7323 §5.3 PAWS, before the sequence check: a segment whose
	// timestamp is older than TS.Recent is an old duplicate. A RST is exempt
	// (RFC 7323 §5.3 R1 note).
	if e.tsOK && seg.Options.HasTS && seg.Flags&wire.RST == 0 &&
		int32(seg.Options.TSVal-e.tsRecent) < 0 {
		e.requestACK(SendImmediateACK)
		return RecvPAWSRejected, ""
	}

	// First, check the sequence number (RFC 9293 §3.10.7.4).
	if !e.acceptable(seg) {
		if seg.Flags&wire.RST != 0 {
			return RecvRSTIgnored, "RST outside the window"
		}
		if e.state == TimeWait && seg.Flags&wire.FIN != 0 && seg.End() == e.rcvNxt {
			// A retransmitted FIN: our last ACK was lost. ACK it and
			// restart the 2·MSL wait (RFC 9293 §3.10.7.4, eighth step).
			e.requestACK(SendTimeWaitACK)
			e.startTimeWait()
			return RecvDuplicate, "retransmitted FIN in TIME-WAIT: 2·MSL restarted"
		}
		// "send an acknowledgment ... <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"
		e.requestACK(SendImmediateACK)
		if seg.Len() > 0 && seg.End().LessEq(e.rcvNxt) {
			if len(seg.Payload) > 0 && e.sackOK {
				e.setDSACK(seg.Seq, seg.Seq.Add(len(seg.Payload)))
			}
			return RecvDuplicate, ""
		}
		return RecvOutsideWindow, ""
	}

	// Second, check the RST bit (RFC 5961 §3.2).
	if seg.Flags&wire.RST != 0 {
		if seg.Seq != e.rcvNxt {
			e.requestACK(SendChallengeACK)
			return RecvRSTIgnored, "RST in the window but not at RCV.NXT: challenge ACK"
		}
		e.resetArrived()
		return RecvRST, ""
	}

	// Third (security) does not apply. Fourth, check the SYN bit (RFC 5961 §4).
	if seg.Flags&wire.SYN != 0 {
		e.requestACK(SendChallengeACK)
		return RecvSYNChallenged, ""
	}

	// Fifth, check the ACK field.
	if seg.Flags&wire.ACK == 0 {
		return RecvDropped, "no ACK bit"
	}
	// RFC 7323 §4.3: remember the timestamp of a segment that passed the
	// checks and covers the ACK we last sent.
	if e.tsOK && seg.Options.HasTS && int32(seg.Options.TSVal-e.tsRecent) >= 0 &&
		seg.Seq.LessEq(e.lastAckSent) {
		e.tsRecent = seg.Options.TSVal
	}
	e.lastRecv = e.now
	e.kaProbes = 0
	e.probesUnanswered = 0
	if !e.synAcked {
		// SYN-RECEIVED, or FIN-WAIT-1 entered from it by a CLOSE.
		if !(e.sndUna.LessThan(seg.Ack) && seg.Ack.LessEq(e.sndMax)) {
			e.replyRST(seg, RecvAckUnacceptable)
			return RecvAckUnacceptable, "ACK does not acknowledge our SYN"
		}
		e.synAckedBy(seg)
		e.sndWnd = int(seg.Window) << e.sndShift
		e.maxSndWnd = max(e.maxSndWnd, e.sndWnd)
		e.sndWl1, e.sndWl2 = seg.Seq, seg.Ack
		if e.state == SynReceived {
			e.setState(Established, CauseSegment)
		}
	}
	// RFC 5961 §5.2: acceptable if SND.UNA − MAX.SND.WND =< SEG.ACK =< SND.NXT.
	if seg.Ack.GreaterThan(e.sndMax) || seg.Ack.LessThan(e.sndUna.Add(-max(e.maxSndWnd, 1))) {
		e.requestACK(SendChallengeACK)
		return RecvAckUnacceptable, ""
	}
	out := e.processAck(seg)
	if e.finQueued && e.sndUna == e.finSeq().Add(1) {
		switch e.state {
		case FinWait1:
			e.setState(FinWait2, CauseSegment)
		case Closing:
			e.setState(TimeWait, CauseSegment)
			e.startTimeWait()
		case LastAck:
			e.terminate(nil, CauseSegment, "our FIN acknowledged in LAST-ACK")
			return out, ""
		}
	}
	e.armKeepAlive()

	// Sixth, the URG bit: parsed (the Urgent field) and otherwise ignored,
	// as RFC 6093 recommends for new applications.

	// Seventh, process the segment text.
	if len(seg.Payload) > 0 {
		switch e.state {
		case Established, FinWait1, FinWait2:
			out = e.receiveText(seg)
		default:
			// CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: the FIN came already.
		}
	}

	// Eighth, check the FIN bit.
	if seg.Flags&wire.FIN != 0 {
		e.receiveFIN(seg)
	}
	return out, ""
}

// predictedData is header prediction (Van Jacobson's, as in BSD and
// Linux's tcp_rcv_established). It takes the segment, and returns true,
// only if it is the next in-order data in a state that takes data
// (ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2), with nothing but ACK and PSH set,
// acknowledging nothing new while nothing of ours is outstanding, the same
// window, no SACK blocks, a timestamp passing PAWS, all of it inside the
// window, no hole and no FIN waiting. For such a segment every step of
// RFC 9293 §3.10.7.4 has a foregone result, so only the effects are
// applied; bulk data then costs a fraction of the full walk (which matters
// under WebAssembly, where every branch and call is dear).
// TestHeaderPredictionChangesNothing checks that both paths agree.
func (e *Endpoint) predictedData(seg *wire.Segment) (RecvOutcome, bool) {
	if e.noPrediction || !(e.state == Established || e.state == FinWait1 || e.state == FinWait2) ||
		seg.Seq != e.rcvNxt || seg.DstPort != e.localPort || seg.SrcPort != e.remotePort ||
		seg.Flags&^wire.PSH != wire.ACK || seg.Ack != e.sndUna || e.sndMax != e.sndUna ||
		len(seg.Payload) == 0 || seg.Options.NumSACK != 0 ||
		int(seg.Window)<<e.sndShift != e.sndWnd ||
		(e.tsOK && !(seg.Options.HasTS && int32(seg.Options.TSVal-e.tsRecent) >= 0)) ||
		len(seg.Payload) > e.rcvWnd() || len(e.rcv.ooo) != 0 || e.peerFin || e.probeOut {
		return 0, false
	}
	e.predictions++
	// Fifth step, RFC 7323 §4.3: TS.Recent.
	if e.tsOK && seg.Seq.LessEq(e.lastAckSent) {
		e.tsRecent = seg.Options.TSVal
	}
	e.lastRecv = e.now
	e.kaProbes = 0
	e.probesUnanswered = 0
	// processAck: not a duplicate ACK (nothing outstanding); the window
	// update rule of RFC 9293 §3.10.7.4 with an unchanged window.
	if e.sndWl1.LessThan(seg.Seq) || (e.sndWl1 == seg.Seq && e.sndWl2.LessEq(seg.Ack)) {
		e.sndWl1, e.sndWl2 = seg.Seq, seg.Ack
		if e.sndWnd > 0 {
			e.persistShift = 0
			e.cancelTimer(TimerPersist)
		}
	}
	e.armKeepAlive()
	// Seventh step.
	return e.receiveText(seg), true
}

// resetArrived applies an acceptable RST (RFC 9293 §3.10.7.4 second step).
func (e *Endpoint) resetArrived() {
	switch {
	case e.state == SynReceived:
		if e.passiveOpen {
			// "return this connection to the LISTEN state"
			port := e.localPort
			e.cancelAllTimers()
			from := e.state
			e.reset()
			e.state = from
			e.localPort, e.passiveOpen = port, true
			e.setState(Listen, CauseReset)
			return
		}
		e.terminate(ErrConnectionRefused, CauseReset, "RST received in SYN-RECEIVED")
	case e.state == Established:
		e.terminate(ErrConnectionReset, CauseReset, "RST received in ESTABLISHED")
	case e.state == FinWait1:
		e.terminate(ErrConnectionReset, CauseReset, "RST received in FIN-WAIT-1")
	case e.state == FinWait2:
		e.terminate(ErrConnectionReset, CauseReset, "RST received in FIN-WAIT-2")
	case e.state == CloseWait:
		e.terminate(ErrConnectionReset, CauseReset, "RST received in CLOSE-WAIT")
	default:
		// CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state".
		e.terminate(nil, CauseReset, "RST received while closing")
	}
}

// receiveText is the seventh step: data into the receive buffer, or held
// out of order; it decides when to acknowledge (RFC 9293 §3.8.6.3,
// RFC 5681 §4.2).
func (e *Endpoint) receiveText(seg *wire.Segment) RecvOutcome {
	s, data := seg.Seq, seg.Payload
	if s.LessThan(e.rcvNxt) {
		cut := e.rcvNxt.Diff(s)
		if e.sackOK {
			e.setDSACK(s, e.rcvNxt) // RFC 2883 §4: a partly duplicate segment
		}
		data, s = data[cut:], e.rcvNxt
	}
	if lim := e.rcvRight.Diff(s); len(data) > lim {
		data = data[:max(lim, 0)]
	}
	if len(data) == 0 {
		e.requestACK(SendImmediateACK)
		return RecvDuplicate
	}
	if s == e.rcvNxt {
		hadHole := len(e.rcv.ooo) > 0
		adv, _ := e.rcv.insert(e.rcvNxt, s, data)
		e.rcvNxt = e.rcvNxt.Add(adv)
		e.ackedBytes += adv
		switch {
		case hadHole:
			// RFC 5681 §4.2: a segment that fills a hole is ACKed at once.
			e.requestACK(SendImmediateACK)
		case !e.cfg.DelayedACK:
			e.requestACK(SendImmediateACK)
		case e.ackedBytes >= 2*e.rcvMSS:
			// RFC 9293 §3.8.6.3: at least every second full-sized segment.
			e.requestACK(SendDelayedACK)
		default:
			if !e.timers[TimerDelayedACK].armed {
				e.setTimer(TimerDelayedACK, e.now+e.cfg.DelayedACKTimeout)
			}
		}
		e.checkFIN()
		return RecvAccepted
	}
	// Beyond RCV.NXT: hold it and send an immediate duplicate ACK with SACK
	// (RFC 5681 §4.2, RFC 2018 §4).
	_, dup := e.rcv.insert(e.rcvNxt, s, data)
	e.requestACK(SendImmediateACK)
	if dup {
		if e.sackOK {
			e.setDSACK(s, s.Add(len(data)))
		}
		return RecvDuplicate
	}
	return RecvOutOfOrder
}

func (e *Endpoint) setDSACK(l, r seq.Seq) {
	e.dsack = wire.SACKBlock{Left: l, Right: r}
	e.hasDSACK = true
}

// receiveFIN is the eighth step for a segment carrying FIN. A FIN beyond a
// hole is remembered and takes effect when the data before it arrives.
func (e *Endpoint) receiveFIN(seg *wire.Segment) {
	fs := seg.Seq.Add(len(seg.Payload))
	if fs.GreaterEq(e.rcvRight.Add(1)) || fs.LessThan(e.rcvNxt) {
		return // beyond the window, trimmed; or already counted
	}
	if !e.peerFin {
		e.peerFin, e.peerFinSeq = true, fs
	}
	if e.state == TimeWait {
		e.requestACK(SendTimeWaitACK)
		e.startTimeWait()
		return
	}
	e.checkFIN()
}

// checkFIN takes the peer's FIN once RCV.NXT has reached it. It runs for
// every in-order segment: inlined, it costs one test until a FIN arrives.
func (e *Endpoint) checkFIN() {
	if e.peerFin && !e.finRecv && e.rcvNxt == e.peerFinSeq {
		e.takeFIN()
	}
}

func (e *Endpoint) takeFIN() {
	e.finRecv = true
	e.rcvNxt = e.rcvNxt.Add(1)
	// The FIN occupies sequence space but no buffer space (RFC 9293 §3.4,
	// §3.10.7.4 eighth step): the window's right edge moves with RCV.NXT,
	// or the window would shrink by one byte that nothing occupies.
	e.rcvRight = e.rcvRight.Add(1)
	e.requestACK(SendImmediateACK)
	switch e.state {
	case SynReceived, Established:
		e.setState(CloseWait, CauseSegment)
	case FinWait1:
		// "If our FIN has been ACKed (perhaps in this segment), then enter
		// TIME-WAIT": the ACK step already moved such a connection to
		// FIN-WAIT-2, so here our FIN is still unacknowledged.
		e.setState(Closing, CauseSegment)
	case FinWait2:
		e.setState(TimeWait, CauseSegment)
		e.startTimeWait()
	}
}
