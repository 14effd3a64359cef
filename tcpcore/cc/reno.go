package cc

import "time"

// reno is RFC 5681's congestion control: slow start, then congestion
// avoidance growing cwnd by about one SMSS per round trip, halving on loss.
type reno struct {
	window
	// bytesAcked counts the bytes acknowledged in congestion avoidance since
	// cwnd last grew (RFC 3465 §2.1, the byte-counting alternative of RFC
	// 5681 §3.1).
	bytesAcked int
}

func newReno(smss, initialWindow int) *reno {
	return &reno{window: newWindow(smss, initialWindow)}
}

// OnAck grows cwnd for one ACK of new data outside fast recovery.
func (r *reno) OnAck(now time.Duration, acked, flight int, srtt time.Duration, appLimited bool) {
	if r.inRecovery || acked <= 0 || appLimited {
		// RFC 7661 §4.3 spirit: a window the application did not fill has
		// not been validated, so it must not grow.
		return
	}
	if r.cwnd < r.ssthresh {
		r.slowStart(acked)
		r.settle()
		return
	}
	// RFC 5681 §3.1: "Another common formula that a TCP MAY use to update
	// cwnd during congestion avoidance is given in equation (3) ... [or] to
	// count the number of bytes that have been acknowledged by ACKs for new
	// data ... When the number of bytes acknowledged reaches cwnd, then cwnd
	// can be incremented by up to SMSS bytes." RFC 3465 §2.1: "When
	// bytes_acked becomes greater than or equal to the value of the
	// congestion window, bytes_acked is reduced by the value of cwnd. Next,
	// cwnd is incremented by a full-sized segment (SMSS)."
	r.bytesAcked += acked
	if r.bytesAcked >= r.cwnd {
		r.bytesAcked -= r.cwnd
		r.setCwnd(r.cwnd + r.smss)
		// At most one SMSS per ACK; keep no more than one window of credit.
		r.bytesAcked = min(r.bytesAcked, r.cwnd-1)
	}
}

// OnEnterRecovery sets ssthresh by RFC 5681 §3.1 equation (4) and cwnd as
// §3.2 step 3 (inflate) or RFC 6675 §5 step 4.2 say.
func (r *reno) OnEnterRecovery(now time.Duration, flight int, inflate bool) {
	r.enterRecovery(r.lossThreshold(flight), inflate)
	r.bytesAcked = 0
}

// OnExitRecovery deflates cwnd when the recovery point is acknowledged.
func (r *reno) OnExitRecovery(now time.Duration, flight int) {
	if !r.inRecovery {
		return
	}
	r.exitRecovery(flight)
	r.bytesAcked = 0
}

// OnRTO collapses cwnd to the loss window.
func (r *reno) OnRTO(now time.Duration, flight int, firstExpiry bool) {
	r.rto(r.lossThreshold(flight), firstExpiry)
	r.bytesAcked = 0
}

// OnIdleRestart shrinks cwnd to the restart window.
func (r *reno) OnIdleRestart(now time.Duration) {
	r.idleRestart()
	r.bytesAcked = 0
}

// Metrics returns the snapshot for the trace.
func (r *reno) Metrics() Metrics {
	return Metrics{Algorithm: Reno, Phase: r.phase(), Cwnd: r.cwnd, Ssthresh: r.ssthresh}
}
