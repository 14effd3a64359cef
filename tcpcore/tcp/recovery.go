package tcp

import (
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// recoveryStrategy is loss recovery after duplicate ACKs, apart from
// congestion control (which the cc.Controller owns): when to enter fast
// recovery, what to retransmit, and when it ends. The endpoint keeps the
// shared state (inRecovery, recover, highRxt, rtxPending).
type recoveryStrategy interface {
	// onDupAck is called for each duplicate ACK (RFC 5681 §2), e.dupAcks
	// already counted and the SACK scoreboard updated.
	onDupAck(e *Endpoint)
	// onAckInRecovery is called for an ACK that advanced SND.UNA by acked
	// bytes during fast recovery.
	onAckInRecovery(e *Endpoint, acked int)
	// next builds the next retransmission into s, if one is due.
	next(e *Endpoint, s *wire.Segment) (SendReason, bool)
	// pipeDriven says new data during recovery is sent by next (RFC 6675)
	// rather than by the (inflated) congestion window.
	pipeDriven() bool
}

func pickStrategy(r Recovery, sackOK bool) recoveryStrategy {
	switch {
	case r == RecoveryReno:
		return renoRecovery{}
	case r == RecoverySACK && sackOK:
		return sackRecovery{}
	default:
		// RFC 6675 needs SACK; without it, NewReno.
		return newRenoRecovery{}
	}
}

// enterFastRetransmit is RFC 5681 §3.2 step 2–3 (and RFC 6675 §5 step 4):
// set ssthresh and cwnd, remember the recovery point, and retransmit the
// segment at SND.UNA.
func (e *Endpoint) enterFastRetransmit(inflate bool) {
	e.cc.OnEnterRecovery(e.now, e.flightSize(), inflate)
	e.inRecovery = true
	e.recover = e.sndMax
	e.highRxt = e.sndUna
	e.rtxPending = true
	e.rtxKind = SendFastRetransmit
	e.rescueDone = false
}

func (e *Endpoint) exitRecovery() {
	e.inRecovery = false
	e.dupAcks = 0
	e.rtxPending = false
	e.cc.OnExitRecovery(e.now, e.flightSize())
}

// retransmitUna sends the pending fast or partial-ACK retransmission.
func (e *Endpoint) retransmitUna(s *wire.Segment) (SendReason, bool) {
	if !e.rtxPending {
		return 0, false
	}
	e.rtxPending = false
	n := e.effMSS
	for _, b := range e.sb.Blocks() {
		if b.Left.GreaterThan(e.sndUna) {
			n = min(n, b.Left.Diff(e.sndUna))
			break
		}
	}
	e.retransmit(s, e.sndUna, n, e.rtxKind)
	e.highRxt = seq.Max(e.highRxt, s.End())
	return e.rtxKind, true
}

// renoRecovery is RFC 5681 §3.2: fast retransmit on the third duplicate
// ACK, window inflation, and the first new ACK ends recovery.
type renoRecovery struct{}

func (renoRecovery) onDupAck(e *Endpoint) {
	switch {
	case e.inRecovery:
		e.cc.OnDupAckInRecovery() // step 4
	case e.dupAcks == dupThresh:
		e.enterFastRetransmit(true)
	}
}

func (renoRecovery) onAckInRecovery(e *Endpoint, acked int) { e.exitRecovery() } // step 6

func (renoRecovery) next(e *Endpoint, s *wire.Segment) (SendReason, bool) {
	return e.retransmitUna(s)
}

func (renoRecovery) pipeDriven() bool { return false }

// newRenoRecovery is RFC 6582: recovery lasts until the recover point is
// acknowledged; each partial ACK retransmits the next hole.
type newRenoRecovery struct{}

func (newRenoRecovery) onDupAck(e *Endpoint) {
	switch {
	case e.inRecovery:
		e.cc.OnDupAckInRecovery() // RFC 6582 §3.2 step 4
	case e.dupAcks == dupThresh && e.sndUna.GreaterEq(e.recover):
		// Step 2: only if the ACK covers recover, so that duplicate ACKs
		// from data sent before a timeout do not start another recovery.
		e.enterFastRetransmit(true)
	}
}

func (newRenoRecovery) onAckInRecovery(e *Endpoint, acked int) {
	if e.sndUna.GreaterEq(e.recover) {
		e.exitRecovery() // step 3: full acknowledgment
		return
	}
	// Step 5: partial acknowledgment: retransmit the first unacknowledged
	// segment and deflate the window.
	e.cc.OnPartialAck(acked)
	e.rtxPending = true
	e.rtxKind = SendPartialAckRetransmit
}

func (newRenoRecovery) next(e *Endpoint, s *wire.Segment) (SendReason, bool) {
	return e.retransmitUna(s)
}

func (newRenoRecovery) pipeDriven() bool { return false }

// sackRecovery is RFC 6675: loss found by the scoreboard (IsLost) or by
// DupThresh duplicate ACKs; during recovery, transmission is driven by
// pipe and NextSeg.
type sackRecovery struct{}

func (sackRecovery) onDupAck(e *Endpoint) {
	if e.inRecovery || !e.sndUna.GreaterEq(e.recover) {
		return
	}
	if e.dupAcks >= dupThresh || e.sb.IsLost(e.sndUna, dupThresh, e.effMSS) {
		e.enterFastRetransmit(false) // RFC 6675 §5 step 4
	}
}

func (sackRecovery) onAckInRecovery(e *Endpoint, acked int) {
	if e.sndUna.GreaterEq(e.recover) {
		e.exitRecovery()
		return
	}
	e.highRxt = seq.Max(e.highRxt, e.sndUna)
}

func (sackRecovery) next(e *Endpoint, s *wire.Segment) (SendReason, bool) {
	if r, ok := e.retransmitUna(s); ok {
		return r, true
	}
	if !e.inRecovery {
		return 0, false
	}
	// RFC 6675 §5 step (C): while cwnd − pipe >= 1 SMSS, send NextSeg.
	pipe := e.sb.Pipe(e.sndUna, e.sndMax, e.highRxt, dupThresh, e.effMSS)
	if e.cc.Cwnd()-pipe < e.effMSS {
		return 0, false
	}
	dataEnd := e.sndBufSeq.Add(e.queued())
	canNew := e.sndNxt.LessThan(dataEnd) && e.sndNxt.LessThan(e.sndUna.Add(e.sndWnd))
	start, n, rule := e.sb.NextSeg(e.sndUna, e.sndMax, e.highRxt, dupThresh, e.effMSS, canNew)
	switch rule {
	case 1, 3:
		if start.LessThan(e.sndUna) || !start.LessThan(e.sndMax) {
			return 0, false
		}
		e.retransmit(s, start, min(n, e.effMSS), SendSACKRetransmit)
		if s.Len() == 0 {
			*s = wire.Segment{}
			return 0, false
		}
		e.highRxt = seq.Max(e.highRxt, s.End())
		return SendSACKRetransmit, true
	case 2:
		return e.sendFromNxt(s, true)
	}
	return e.rescueRetransmit(s)
}

// rescueRetransmit is RFC 6675 §4 NextSeg rule (4), which the scoreboard
// leaves to its caller: once per recovery, when nothing else may be sent,
// retransmit the segment holding the highest unSACKed byte, so that a loss
// at the tail of the window is repaired without waiting for the RTO.
// HighRxt is not updated.
func (e *Endpoint) rescueRetransmit(s *wire.Segment) (SendReason, bool) {
	if e.rescueDone {
		return 0, false
	}
	end := e.sndMax
	blocks := e.sb.Blocks()
	if n := len(blocks); n > 0 && blocks[n-1].Right == end {
		end = blocks[n-1].Left
	}
	if e.finQueued && end == e.finSeq().Add(1) {
		end = e.finSeq() // the FIN rides along if the range reaches it
	}
	if !end.GreaterThan(e.sndUna) || !end.GreaterThan(e.highRxt) {
		return 0, false
	}
	start := seq.Max(e.sndUna, end.Add(-e.effMSS))
	e.retransmit(s, start, end.Diff(start), SendSACKRetransmit)
	if s.Len() == 0 {
		*s = wire.Segment{}
		return 0, false
	}
	e.rescueDone = true
	return SendSACKRetransmit, true
}

func (sackRecovery) pipeDriven() bool { return true }
