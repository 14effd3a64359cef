package tcp

import (
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/wire"
)

// dupThresh is DupThresh of RFC 5681 §3.2 and RFC 6675 §2.
const dupThresh = 3

func newController(cfg *Config, smss int) cc.Controller {
	return cc.New(cfg.CongestionControl, smss, cfg.initialWindow(smss))
}

// processAck is the ESTABLISHED part of the fifth step (RFC 9293
// §3.10.7.4): advance SND.UNA, count duplicate ACKs (RFC 5681 §2), drive
// loss recovery, and update the send window with SND.WL1/SND.WL2.
func (e *Endpoint) processAck(seg *wire.Segment) RecvOutcome {
	out := RecvAckOnly
	ack := seg.Ack
	wnd := int(seg.Window) << e.sndShift
	acked := false
	switch {
	case ack.GreaterThan(e.sndUna):
		acked = true
		e.ackNewData(seg)
	default:
		newlySACKed := 0
		if seg.Options.NumSACK > 0 {
			newlySACKed = e.updateScoreboard(seg)
		}
		// RFC 5681 §2 DUPLICATE ACKNOWLEDGMENT: (a) data outstanding,
		// (b) no data, (c) no SYN or FIN, (d) SEG.ACK = SND.UNA, (e) the same
		// window. Replies to zero-window probes are not counted.
		dup := ack == e.sndUna && e.sndMax.GreaterThan(e.sndUna) && len(seg.Payload) == 0 &&
			seg.Flags&(wire.SYN|wire.FIN) == 0 && wnd == e.sndWnd && e.sndWnd > 0
		// RFC 6675 §2: with SACK, an ACK that SACKs new data is a
		// duplicate ACK too, whatever else it carries.
		dup = dup || (ack == e.sndUna && newlySACKed > 0 && e.strategy.pipeDriven())
		if dup {
			e.dupAcks++
			out = RecvDupAck
			e.strategy.onDupAck(e)
			e.ccChanged()
		}
	}
	// RFC 9293 §3.10.7.4: update the window if SND.WL1 < SEG.SEQ, or
	// SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK. Also when the ACK moves
	// SND.UNA (as Linux's tcp_may_update_window does): a retransmitted FIN
	// has an older SEG.SEQ than the ACKs sent after it but the newest ACK
	// and window; ignoring it would leave SND.WND measured from an old
	// SND.UNA, moving the right edge past what the peer offered.
	if acked || e.sndWl1.LessThan(seg.Seq) || (e.sndWl1 == seg.Seq && e.sndWl2.LessEq(ack)) {
		// A window update carries nothing else: no data, no SYN or FIN (as
		// Wireshark's tcp.analysis.window_update); a FIN that also moves
		// the window is still, first of all, a FIN.
		if out == RecvAckOnly && wnd != e.sndWnd && ack == e.sndUna && len(seg.Payload) == 0 && !acked &&
			seg.Flags&(wire.SYN|wire.FIN) == 0 {
			out = RecvWindowUpdate
		}
		e.sndWnd = wnd
		e.maxSndWnd = max(e.maxSndWnd, wnd)
		e.sndWl1, e.sndWl2 = seg.Seq, ack
		if wnd > 0 {
			e.persistShift = 0
			e.cancelTimer(TimerPersist)
			if e.probeOut {
				// The probe byte lay beyond the closed window and was not
				// taken (or this ACK would cover it): send it again as data.
				e.probeOut = false
				e.sndNxt = e.sndUna
				if e.probeNew && e.sndMax == e.sndUna.Add(1) {
					// The probe was the only byte beyond SND.UNA ever sent:
					// it becomes unsent data again, so that Nagle does not
					// hold the rest back behind it.
					e.sndMax = e.sndUna
				}
			}
		}
	}
	return out
}

// updateScoreboard records the SACK blocks of an ACK and returns how many
// bytes they newly SACKed. Callers test seg.Options.NumSACK > 0 first, so
// that the common ACK without SACK blocks costs no call.
func (e *Endpoint) updateScoreboard(seg *wire.Segment) int {
	if e.sackOK {
		n, _ := e.sb.Update(e.sndUna, seg.Options.SACK[:seg.Options.NumSACK])
		return n
	}
	return 0
}

// ackNewData handles SND.UNA < SEG.ACK =< SND.NXT.
func (e *Endpoint) ackNewData(seg *wire.Segment) {
	ack := seg.Ack
	acked := ack.Diff(e.sndUna)
	if e.sndNxt.LessThan(ack) {
		// After a timeout SND.NXT went back; the ACK covers bytes sent before it.
		e.sndNxt = ack
	}
	flightBefore := e.sndNxt.Diff(e.sndUna)
	// Free the acknowledged bytes from the send buffer (the FIN, if acked,
	// takes no buffer space).
	if d := min(ack.Diff(e.sndBufSeq), e.queued()); d > 0 {
		e.sndHead += d
		e.sndBufSeq = e.sndBufSeq.Add(d)
		if e.sndHead == e.sndTail {
			e.sndHead, e.sndTail = 0, 0
		}
	}
	e.sndUna = ack
	e.probeOut = false
	if seg.Options.NumSACK > 0 {
		e.updateScoreboard(seg)
	}
	e.takeRTTSample(seg)
	e.rtxCount = 0
	e.softErr = nil
	if e.inRecovery {
		e.strategy.onAckInRecovery(e, acked)
	} else {
		e.dupAcks = 0
		appLimited := flightBefore+e.effMSS < e.cc.Cwnd()
		e.cc.OnAck(e.now, acked, flightBefore, e.est.SRTT(), appLimited)
	}
	e.ccChanged()
	// RFC 6298 (5.2) and (5.3).
	if e.sndUna == e.sndMax {
		e.cancelTimer(TimerRTO)
	} else {
		e.setTimer(TimerRTO, e.now+e.est.RTO())
	}
}

// takeRTTSample measures the RTT from an ACK that advanced SND.UNA (RFC
// 7323 §4.1's RTTM rule): from the echoed timestamp when timestamps are in
// use, otherwise from the one timed segment, which Karn's rule stops timing
// whenever anything is retransmitted (RFC 6298 §3).
//
// An echo is valid for a retransmitted segment only if it is a
// retransmission's: an echo older than the first retransmission (since the
// last sample) may be a
// receiver answering the retransmission with an earlier TS.Recent (a
// duplicate fails the acceptability test before TS.Recent is updated, RFC
// 7323 §5.3 R2/R3), typically after ACKs were lost. Sampling it would
// measure from the original transmission, adding the whole RTO to the RTT
// and inflating the RTO at each loss. Such echoes are ignored, as Linux
// does; the RTO stays backed off until a valid sample.
func (e *Endpoint) takeRTTSample(seg *wire.Segment) {
	var r time.Duration
	switch {
	case e.tsOK && seg.Options.HasTS && seg.Options.TSEcr != 0:
		if e.rtxTSSet {
			if int32(seg.Options.TSEcr-e.rtxTSVal) < 0 {
				return
			}
			e.rtxTSSet = false
		}
		r = time.Duration(e.tsNow()-seg.Options.TSEcr) * time.Millisecond
	case !e.tsOK && e.rtTiming && seg.Ack.GreaterThan(e.rtSeq):
		r = e.now - e.rtStart
		e.rtTiming = false
	default:
		return
	}
	if r < 0 {
		return
	}
	e.est.Sample(r)
	e.emitRTT(r)
}

// noteRetransmission applies Karn's rule (RFC 6298 §3) to a retransmission
// just built: stop timing the timed segment, and remember the TSval of the
// first retransmission since the last sample (the timestamp clock now, like
// Linux's retrans_stamp) so that older echoes are not sampled.
func (e *Endpoint) noteRetransmission() {
	e.rtTiming = false
	if !e.rtxTSSet {
		e.rtxTSVal, e.rtxTSSet = e.tsNow(), true
	}
}

// onRTO is the retransmission timer's expiry (RFC 6298 (5.4)–(5.6)).
func (e *Endpoint) onRTO() {
	if !e.synAcked {
		if e.state == Closed || e.state == Listen {
			return
		}
		if e.synRetx >= e.cfg.SynRetries {
			e.terminate(ErrTimedOut, CauseTimeout, "SYN unanswered after SynRetries retransmissions")
			return
		}
		e.synRetx++
		e.est.Backoff()
		e.rtTiming = false
		e.synPending = true
		e.setTimer(TimerRTO, e.now+e.est.RTO())
		return
	}
	if e.sndUna == e.sndMax {
		return
	}
	if e.sndWnd == 0 {
		// The peer's window is closed: probe it instead of counting this
		// as a loss (RFC 9293 §3.8.6.1: never give up while probes are acked).
		e.sndNxt = e.sndUna
		e.armPersist()
		return
	}
	if e.rtxCount >= e.cfg.R2 {
		// RFC 9293 §3.8.3: R2 reached, close the connection.
		e.terminate(ErrTimedOut, CauseTimeout, "R2 retransmissions of one segment unacknowledged")
		return
	}
	e.cc.OnRTO(e.now, e.flightSize(), e.rtxCount == 0)
	e.ccChanged()
	e.est.Backoff()
	e.rtxCount++
	if e.rtxCount == e.cfg.R1 {
		// RFC 9293 §3.8.3: R1 reached: tell the application, carry on.
		e.softErr = ErrRetransmitting
		e.notice(ErrRetransmitting, "R1 retransmissions of one segment")
	}
	// RFC 6582 §3.2 step 4, RFC 6675 §5.1: leave fast recovery; recover = HighData.
	e.recover = e.sndMax
	e.inRecovery = false
	e.dupAcks = 0
	e.rtxPending = false
	e.rtTiming = false // Karn
	// Go back N: send again from SND.UNA as the window opens.
	e.sndNxt = e.sndUna
	e.highRxt = e.sndUna
	e.setTimer(TimerRTO, e.now+e.est.RTO())
}

// armPersist schedules the next zero-window probe with exponential backoff
// capped at MaxPersist (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17).
func (e *Endpoint) armPersist() {
	e.cancelTimer(TimerRTO)
	if e.timers[TimerPersist].armed {
		return
	}
	d := e.est.RTO()
	for i := 0; i < e.persistShift && d < e.cfg.MaxPersist; i++ {
		d *= 2
	}
	d = min(d, e.cfg.MaxPersist)
	e.setTimer(TimerPersist, e.now+d)
}
