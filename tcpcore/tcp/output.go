package tcp

import (
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// Poll returns the next segment the endpoint wants to send, and false when
// there is none. Call it until it returns false after every other call.
// The returned Payload points into the send buffer and is valid only until
// the next call on the endpoint (see doc.go).
func (e *Endpoint) Poll(now time.Duration) (wire.Segment, bool) {
	// Small enough to inline into the driver, so that the segment is copied
	// once, from e.out into the caller's variable (under WebAssembly each
	// struct copy or clear is a memory.copy or memory.fill call).
	if e.poll(now) {
		return e.out, true
	}
	return wire.Segment{}, false
}

// PollSegment is Poll without the copy: it returns the endpoint's own
// segment, which the next call on the endpoint overwrites, or nil when
// there is none. The simulator uses it: the copy Poll makes of the
// 100-byte Segment is a memory.copy call under WebAssembly.
func (e *Endpoint) PollSegment(now time.Duration) *wire.Segment {
	if e.poll(now) {
		return &e.out
	}
	return nil
}

// poll builds the next segment in e.out and says whether there is one.
func (e *Endpoint) poll(now time.Duration) bool {
	e.now = now
	s := &e.out
	clearSegment(s)
	if e.nctrl > 0 {
		*s = e.ctrl[0]
		cause := e.ctrlCause[0]
		copy(e.ctrl[:], e.ctrl[1:e.nctrl])
		copy(e.ctrlCause[:], e.ctrlCause[1:e.nctrl])
		e.nctrl--
		if e.cfg.Observer != nil {
			e.observeSent(SendRST, cause)
		}
		return true
	}
	if reason, ok := e.nextSegment(s); ok {
		e.lastSend, e.hasSent, e.spaceDirty = now, true, true
		if e.cfg.Observer != nil {
			e.observeSent(reason, 0)
		}
		return true
	}
	e.afterOutput()
	if e.spaceDirty {
		// One Space event after a drain that sent something (SND.NXT moved).
		e.spaceDirty = false
		e.emitSpace()
	}
	return false
}

// clearSegment zeroes s field by field: under WebAssembly, clearing the
// whole struct at once is a memory.fill call, dear for every segment.
// TestClearSegmentClearsEveryField notices a field added to wire.Segment.
func clearSegment(s *wire.Segment) {
	s.SrcPort, s.DstPort, s.Seq, s.Ack = 0, 0, 0, 0
	s.Flags, s.Window, s.Urgent = 0, 0, 0
	o := &s.Options
	o.MSS, o.HasWScale, o.WScale, o.SACKPermitted = 0, false, 0, false
	o.HasTS, o.TSVal, o.TSEcr = false, 0, 0
	o.SACK = [wire.MaxSACKBlocks]wire.SACKBlock{}
	o.NumSACK = 0
	s.Payload = nil
}

func (e *Endpoint) nextSegment(s *wire.Segment) (SendReason, bool) {
	switch {
	case e.state == Closed || e.state == Listen:
		return 0, false
	case e.synPending:
		return e.buildSYN(s), true
	case !e.synAcked:
		if e.state != SynSent && e.ackNow {
			// RFC 9293 §3.10.7.4 applies to SYN-RECEIVED too: an
			// unacceptable segment or a RST in the window (RFC 5961 §3.2)
			// is answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
			r := e.ackReason
			s.Seq = e.sndNxt
			e.fillACK(s)
			return r, true
		}
		e.ackNow = false
		if e.state == FinWait1 && e.queued() == 0 && e.sndMax == e.finSeq() {
			// RFC 9293 §3.10.4 CLOSE in SYN-RECEIVED: "If no SENDs have
			// been issued and there is no pending data to send, then form
			// a FIN segment and send it, and enter FIN-WAIT-1 state", as
			// Linux's tcp_close does. The SYN's timer covers it; once the
			// SYN is acknowledged a lost FIN is sent again as any FIN is.
			s.Seq = e.finSeq()
			s.Flags |= wire.FIN
			e.fillACK(s)
			e.sndNxt = e.finSeq().Add(1)
			e.sndMax = e.sndNxt
			return SendFIN, true
		}
		return 0, false
	}
	if e.state != TimeWait {
		if e.rtxPending || e.inRecovery {
			if r, ok := e.strategy.next(e, s); ok {
				return r, true
			}
		}
		if e.probeNow && e.sndWnd > 0 {
			// The persist timer overrides sender SWS avoidance
			// (RFC 9293 §3.8.6.2.1 (4)).
			e.probeNow = false
			if r, ok := e.sendFromNxt(s, true); ok {
				return r, true
			}
		}
		if r, ok := e.sendFromNxt(s, false); ok {
			return r, true
		}
		if e.probeNow {
			e.probeNow = false
			if r, ok := e.buildProbe(s); ok {
				return r, true
			}
		}
		if e.kaNow {
			// RFC 1122 §4.2.3.6: SEG.SEQ = SND.NXT−1 with no data draws an ACK.
			e.kaNow = false
			s.Seq = e.sndNxt.Add(-1)
			e.fillACK(s)
			return SendKeepAlive, true
		}
	}
	if e.ackNow {
		r := e.ackReason
		// <SEQ=SND.NXT> in the RFC; after a timeout has pulled SND.NXT back,
		// the highest sequence number sent, as BSD does: the peer may have
		// received beyond SND.NXT, would find an older SEQ unacceptable and
		// answer with an ACK of its own, and two such ends would exchange
		// ACKs for ever.
		s.Seq = e.sndMax
		e.fillACK(s)
		return r, true
	}
	return 0, false
}

// requestACK asks Poll for an ACK now, with the reason it reports. The
// first reason stands: a window update that rides on an ACK already due is
// not a window update.
func (e *Endpoint) requestACK(r SendReason) {
	if !e.ackNow {
		e.ackNow = true
		e.ackReason = r
	}
}

// rcvCap is the most window we can advertise: the buffer, or what the
// 16-bit field with our shift can say.
func (e *Endpoint) rcvCap() int { return e.rcvCapBytes } // set by updateMSS

// windowCandidate is the right edge we may advertise now: the free buffer,
// kept where it was unless it opens by at least min(RCV.BUFF/2, MSS)
// (receiver SWS avoidance, RFC 9293 §3.8.6.2.2), and never left of the
// edge already advertised (RFC 9293 §3.8.6: the window should not shrink).
func (e *Endpoint) windowCandidate() seq.Seq {
	// RCV.WND = RCV.BUFF − RCV.USER, capped at what the window field can say.
	free := min(max(e.cfg.RecvBufferSize-e.rcv.readable(), 0), e.rcvCap())
	free = free >> e.rcvShift << e.rcvShift
	cand := e.rcvNxt.Add(free)
	grow := cand.Diff(e.rcvRight)
	if grow <= 0 || grow < e.rcvSWS {
		if e.rcvRight.LessThan(e.rcvNxt) {
			return e.rcvNxt
		}
		return e.rcvRight
	}
	return cand
}

// windowUpdateDue says whether reading opened the window enough to tell
// the peer at once: by two segments, to half the buffer, or from zero.
func (e *Endpoint) windowUpdateDue() bool {
	cand := e.windowCandidate()
	grow := cand.Diff(e.rcvRight)
	if grow <= 0 {
		return false
	}
	last := max(e.rcvRight.Diff(e.rcvNxt), 0)
	next := cand.Diff(e.rcvNxt)
	half := e.rcvCap() / 2
	return last>>e.rcvShift == 0 || grow >= 2*e.rcvMSS || (next >= half && last < half)
}

func (e *Endpoint) maxSACKBlocks() int {
	if e.tsOK {
		return 3 // RFC 2018 §3: 3 blocks fit beside the timestamps
	}
	return wire.MaxSACKBlocks
}

// sackSpace is the option bytes the SACK blocks of the next segment take
// (NOP, NOP, kind, length, 8 bytes per block).
func (e *Endpoint) sackSpace() int {
	if !e.sackOK {
		return 0
	}
	n := len(e.rcv.ooo)
	if e.hasDSACK {
		n++
	}
	n = min(n, e.maxSACKBlocks())
	if n == 0 {
		return 0
	}
	return 4 + 8*n
}

// fillACK completes a segment of the connection: ports, ACK, window,
// timestamps (RFC 7323 §3.2) and SACK blocks (RFC 2018 §4, RFC 2883). Any
// segment carrying an ACK satisfies a pending or delayed ACK.
func (e *Endpoint) fillACK(s *wire.Segment) {
	s.SrcPort, s.DstPort = e.localPort, e.remotePort
	s.Flags |= wire.ACK
	s.Ack = e.rcvNxt
	// Advertise the window (scaled by our shift, RFC 7323 §2.3) and record
	// its right edge.
	e.rcvRight = e.windowCandidate()
	s.Window = uint16(min(max(e.rcvRight.Diff(e.rcvNxt), 0)>>e.rcvShift, 65535))
	if e.tsOK {
		s.Options.HasTS, s.Options.TSVal, s.Options.TSEcr = true, e.tsNow(), e.tsRecent
	}
	if e.sackOK {
		lim := e.maxSACKBlocks()
		n := 0
		if e.hasDSACK {
			s.Options.SACK[0] = e.dsack
			n = 1
			e.hasDSACK = false
		}
		if len(e.rcv.ooo) > 0 {
			n += e.rcv.sackBlocks(s.Options.SACK[n:lim])
		}
		s.Options.NumSACK = n
	}
	e.lastAckSent = e.rcvNxt
	e.ackNow = false
	e.ackedBytes = 0
	e.cancelTimer(TimerDelayedACK)
}

// buildSYN forms our SYN (SYN-SENT) or SYN-ACK (SYN-RECEIVED) with the
// options we offer (RFC 9293 §3.7.1, RFC 7323, RFC 2018 §2). A SYN-ACK only
// carries the options the peer's SYN offered.
func (e *Endpoint) buildSYN(s *wire.Segment) SendReason {
	synAck := e.state != SynSent // SYN-RECEIVED, or FIN-WAIT-1 entered from it
	s.SrcPort, s.DstPort = e.localPort, e.remotePort
	s.Seq = e.iss
	s.Flags = wire.SYN
	o := &s.Options
	o.MSS = uint16(e.cfg.MSS)
	offer := func(cfg, negotiated bool) bool { return cfg && (!synAck || negotiated) }
	if offer(e.cfg.WindowScale, e.wsOK) {
		o.HasWScale, o.WScale = true, e.ourShift()
	}
	o.SACKPermitted = offer(e.cfg.SACK, e.sackOK)
	if offer(e.cfg.Timestamps, e.tsOK) {
		o.HasTS, o.TSVal = true, e.tsNow()
	}
	// RFC 7323 §2.2: the window field of a SYN is never scaled.
	w := min(e.rcvCap(), 65535)
	if e.state == SynSent {
		w = min(e.cfg.RecvBufferSize, 65535)
	}
	s.Window = uint16(w)
	kind := 1
	reason := SendSYN
	if synAck {
		kind, reason = 2, SendSYNACK
		s.Flags |= wire.ACK
		s.Ack = e.rcvNxt
		o.TSEcr = e.tsRecent
		e.rcvRight = e.rcvNxt.Add(w)
		e.lastAckSent = e.rcvNxt
		e.ackNow = false
	}
	if e.synKindSent == kind {
		reason = SendSYNRetransmit
		e.noteRetransmission()
	} else if !e.cfg.Timestamps {
		e.rtTiming, e.rtSeq, e.rtStart = true, e.iss, e.now
	}
	e.synKindSent = kind
	e.synPending = false
	e.sndNxt = e.iss.Add(1)
	e.sndMax = seq.Max(e.sndMax, e.sndNxt)
	if !e.timers[TimerRTO].armed {
		e.setTimer(TimerRTO, e.now+e.est.RTO())
	}
	return reason
}

// sendFromNxt sends data (and the FIN after it) from SND.NXT: new data
// within the usable window min(cwnd, SND.WND) − FlightSize (RFC 5681 §3,
// RFC 9293 §3.8.6.2.1), or, after a timeout, the bytes below the highest
// sequence number sent. force skips the congestion window and SWS
// avoidance (RFC 6675 NextSeg rule 2, which pipe already allowed, and the
// persist override).
func (e *Endpoint) sendFromNxt(s *wire.Segment, force bool) (SendReason, bool) {
	if e.inRecovery && e.strategy.pipeDriven() && !force {
		return 0, false
	}
	retx := e.sndNxt.LessThan(e.sndMax)
	if retx && e.sackOK {
		// RFC 6675 §5.1: after a timeout, do not resend what was SACKed.
		for _, b := range e.sb.Blocks() {
			if e.sndNxt.GreaterEq(b.Left) && e.sndNxt.LessThan(b.Right) {
				e.sndNxt = seq.Min(b.Right, e.sndMax)
			}
		}
		retx = e.sndNxt.LessThan(e.sndMax)
	}
	queued := e.queued()
	off := e.sndNxt.Diff(e.sndBufSeq)
	avail := queued - off
	finToSend := e.finQueued && e.sndNxt.LessEq(e.finSeq())
	if avail <= 0 && !finToSend {
		return 0, false
	}
	avail = max(avail, 0)
	flight := e.flightSize()
	if !retx && flight == 0 && e.cfg.RestartAfterIdle && e.hasSent && e.now-e.lastSend > e.est.RTO() {
		// RFC 5681 §4.1: after an idle period longer than the RTO, restart
		// from the restart window.
		e.cc.OnIdleRestart(e.now)
		e.ccChanged()
		e.lastSend = e.now
	}
	cwnd := e.cwnd
	limited := false
	if e.dupAcks > 0 && e.cfg.LimitedTransmit && !e.inRecovery && e.dupAcks < dupThresh && !retx {
		// RFC 3042: on the first two duplicate ACKs, one new segment each
		// beyond cwnd.
		cwnd += e.dupAcks * e.effMSS
		limited = true
	}
	wndRight := e.sndUna.Add(e.sndWnd)
	usable := min(cwnd-flight, wndRight.Diff(e.sndNxt))
	if force {
		usable = wndRight.Diff(e.sndNxt)
	}
	maxLen := e.effMSS - e.sackSpace()
	n := min(avail, maxLen)
	if retx {
		n = min(n, e.sndMax.Diff(e.sndNxt))
		if e.sackOK {
			for _, b := range e.sb.Blocks() {
				if b.Left.GreaterThan(e.sndNxt) {
					n = min(n, b.Left.Diff(e.sndNxt))
					break
				}
			}
		}
	}
	n = min(n, max(usable, 0))
	fin := finToSend && off+n == queued && e.finSeq().LessThan(wndRight)
	if n == 0 && !fin {
		return 0, false
	}
	if !retx && n > 0 && !force {
		// Sender SWS avoidance (RFC 9293 §3.8.6.2.1) with Nagle's
		// algorithm (RFC 1122 §4.2.3.4): a full segment, or everything
		// queued when nothing is unacknowledged, or half the largest
		// window the peer offered.
		switch {
		case n == maxLen:
		case !e.cfg.NoDelay && flight != 0 && !e.finQueued:
			return 0, false // Nagle: a small segment waits for the ACK
		case off+n == queued:
		case e.maxSndWnd > 0 && n >= e.maxSndWnd/2:
		default:
			return 0, false
		}
	}
	start := e.sndNxt
	s.Seq = start
	if n > 0 {
		i := e.sndHead + off
		s.Payload = e.sndBuf[i : i+n : i+n]
		if off+n == queued {
			s.Flags |= wire.PSH
		}
	}
	if fin {
		s.Flags |= wire.FIN
	}
	e.fillACK(s)
	reason := SendNewData
	switch {
	case retx:
		reason = SendRTORetransmit
		if n == 0 {
			reason = SendFINRetransmit
		}
	case n == 0:
		reason = SendFIN
		if e.finSeq().LessThan(e.sndMax) {
			reason = SendFINRetransmit
		}
	case limited && flight+n > e.cwnd:
		reason = SendLimitedTransmit
	}
	end := start.Add(n)
	if fin {
		end = end.Add(1)
	}
	e.sndNxt = end
	e.sndMax = seq.Max(e.sndMax, end)
	if retx {
		e.noteRetransmission()
	} else if !e.tsOK && !e.rtTiming && n > 0 {
		e.rtTiming, e.rtSeq, e.rtStart = true, start, e.now
	}
	if !e.timers[TimerRTO].armed {
		e.setTimer(TimerRTO, e.now+e.est.RTO()) // RFC 6298 (5.1)
	}
	return reason, true
}

// retransmit resends up to n bytes from start (below SND.NXT), with the FIN
// if the range reaches it. It is how the loss-recovery strategies send.
func (e *Endpoint) retransmit(s *wire.Segment, start seq.Seq, n int, reason SendReason) {
	queued := e.queued()
	off := start.Diff(e.sndBufSeq)
	// Only what was sent before: bytes at or beyond the highest sequence
	// number sent are new data, which the window may not allow.
	n = max(min(n, queued-off, e.effMSS-e.sackSpace(), e.sndMax.Diff(start)), 0)
	s.Seq = start
	if n > 0 {
		i := e.sndHead + off
		s.Payload = e.sndBuf[i : i+n : i+n]
	}
	if e.finQueued && off+n == queued && e.finSeq().LessThan(e.sndMax) {
		s.Flags |= wire.FIN
	}
	e.fillACK(s)
	e.noteRetransmission()
	if !e.timers[TimerRTO].armed {
		e.setTimer(TimerRTO, e.now+e.est.RTO())
	}
}

// buildProbe forms a zero-window probe in the configured style (RFC 9293
// §3.8.6.1) and backs the persist timer off.
func (e *Endpoint) buildProbe(s *wire.Segment) (SendReason, bool) {
	e.persistShift++
	if e.cfg.ProbeStyle == ProbeOldSeq {
		// Linux: <SEQ=SND.UNA−1>, no data; the peer answers with an ACK
		// that carries its window.
		s.Seq = e.sndUna.Add(-1)
		e.fillACK(s)
		return SendZeroWindowProbe, true
	}
	// One byte beyond the window: at SND.UNA if a probe byte is already
	// out, else the next new byte.
	start := e.sndUna
	if e.sndNxt == e.sndUna {
		start = e.sndNxt
	}
	off := start.Diff(e.sndBufSeq)
	s.Seq = start
	switch {
	case off < e.queued():
		i := e.sndHead + off
		s.Payload = e.sndBuf[i : i+1 : i+1]
	case e.finQueued && start == e.finSeq():
		s.Flags |= wire.FIN
	default:
		return 0, false
	}
	e.fillACK(s)
	if !e.probeOut {
		e.probeNew = start == e.sndMax
	}
	e.probeOut = true
	end := start.Add(s.Len())
	e.sndNxt = seq.Max(e.sndNxt, end)
	e.sndMax = seq.Max(e.sndMax, end)
	return SendZeroWindowProbe, true
}

// afterOutput runs when Poll has nothing more to send: if data waits and
// only the peer's window holds it back, the persist timer must run
// (RFC 9293 §3.8.6.1), or the connection could deadlock on a lost window update.
func (e *Endpoint) afterOutput() {
	if !e.synAcked || !e.state.synchronized() || e.state == TimeWait || e.timers[TimerRTO].armed {
		return
	}
	hasUnsent := e.sndNxt.LessThan(e.sndBufSeq.Add(e.queued())) ||
		(e.finQueued && e.sndNxt.LessEq(e.finSeq()))
	flight := e.flightSize()
	if (e.sndWnd == 0 && (hasUnsent || flight > 0)) || (hasUnsent && flight == 0) {
		e.armPersist()
	}
}
