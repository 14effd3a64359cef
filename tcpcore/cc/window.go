package cc

import "math"

// InitialSsthresh is the slow-start threshold before any loss: RFC 5681 §3.1
// "The initial value of ssthresh SHOULD be set arbitrarily high (e.g., to
// the size of the largest possible advertised window)".
const InitialSsthresh = math.MaxInt32

// maxCwnd bounds cwnd far above any window TCP can use (2^30 bytes, the
// largest scaled window, RFC 7323 §2.3), so that a caller that never reports
// app-limited periods cannot overflow it.
const maxCwnd = 1 << 30

// window is the state and the rules Reno and CUBIC share: slow start, the
// loss-recovery hooks of RFC 5681 §3.2 and RFC 6582, the loss window after a
// timeout, the restart window after idle, and the phase shown on the page.
type window struct {
	smss, iw int
	cwnd     int
	ssthresh int

	inRecovery bool // between OnEnterRecovery and OnExitRecovery or OnRTO
	afterRTO   bool // slow start from the loss window, until cwnd reaches ssthresh
}

func newWindow(smss, iw int) window {
	smss = max(smss, 1)
	iw = max(iw, smss)
	return window{smss: smss, iw: iw, cwnd: iw, ssthresh: InitialSsthresh}
}

// slowStart grows cwnd for one ACK: RFC 5681 §3.1 equation (2),
// "cwnd += min (N, SMSS)", which is RFC 3465's byte counting with L = 1·SMSS.
func (w *window) slowStart(acked int) {
	w.setCwnd(w.cwnd + min(acked, w.smss))
}

// lossThreshold is RFC 5681 §3.1 equation (4), "ssthresh = max (FlightSize / 2,
// 2*SMSS)".
func (w *window) lossThreshold(flight int) int {
	return max(flight/2, 2*w.smss)
}

// enterRecovery sets cwnd from the new ssthresh: RFC 5681 §3.2 step 3, "set
// cwnd to ssthresh plus 3*SMSS" when inflating, or RFC 6675 §5 step 4.2,
// "cwnd = ssthresh", when the pipe estimate does the inflating.
func (w *window) enterRecovery(ssthresh int, inflate bool) {
	w.ssthresh = ssthresh
	cwnd := ssthresh
	if inflate {
		cwnd += 3 * w.smss
	}
	w.setCwnd(cwnd)
	w.inRecovery = true
	w.afterRTO = false
}

// OnDupAckInRecovery is RFC 5681 §3.2 step 4: "For each additional duplicate
// ACK received (after the third), cwnd MUST be incremented by SMSS."
func (w *window) OnDupAckInRecovery() {
	if w.inRecovery {
		w.setCwnd(w.cwnd + w.smss)
	}
}

// OnPartialAck is RFC 6582 §3.2 step 5: "deflate the congestion window by
// the amount of new data acknowledged by the cumulative acknowledgment
// field. If the partial ACK acknowledges at least one SMSS of new data, then
// add back SMSS bytes to the congestion window."
func (w *window) OnPartialAck(acked int) {
	if !w.inRecovery || acked <= 0 {
		return
	}
	cwnd := w.cwnd - acked
	if acked >= w.smss {
		cwnd += w.smss
	}
	w.setCwnd(cwnd)
}

// exitRecovery is RFC 6582 §3.2 step 3, option (1): "Set cwnd to min
// (ssthresh, max(FlightSize, SMSS) + SMSS)", which RFC 6675 §5 also allows.
func (w *window) exitRecovery(flight int) {
	w.setCwnd(min(w.ssthresh, max(flight, w.smss)+w.smss))
	w.inRecovery = false
}

// rto is RFC 5681 §3.1: on a timeout ssthresh is set by equation (4) (by the
// caller, only on the first expiry: "the value of ssthresh MUST NOT be
// increased" by later ones), and "Upon a timeout cwnd MUST be set to no more
// than the loss window, LW, which equals 1 full-sized segment".
func (w *window) rto(ssthresh int, firstExpiry bool) {
	if firstExpiry {
		w.ssthresh = ssthresh
	}
	w.setCwnd(w.smss)
	w.inRecovery = false
	w.afterRTO = w.cwnd < w.ssthresh
}

// idleRestart is RFC 5681 §4.1: "TCP SHOULD set cwnd to no more than RW
// before beginning transmission", RW = min(IW, cwnd).
func (w *window) idleRestart() {
	w.setCwnd(min(w.iw, w.cwnd))
	w.settle()
}

// setCwnd keeps cwnd within [1·SMSS, maxCwnd]: no rule may take the sender
// below one segment (RFC 5681 §3.1, the loss window).
func (w *window) setCwnd(cwnd int) {
	w.cwnd = min(max(cwnd, w.smss), maxCwnd)
}

// settle ends RTO recovery once slow start has brought cwnd back to ssthresh.
func (w *window) settle() {
	if w.afterRTO && w.cwnd >= w.ssthresh {
		w.afterRTO = false
	}
}

func (w *window) phase() Phase {
	switch {
	case w.inRecovery:
		return FastRecovery
	case w.afterRTO:
		return RTORecovery
	case w.cwnd < w.ssthresh:
		return SlowStart
	default:
		return CongestionAvoidance
	}
}

// Cwnd returns the congestion window in bytes.
func (w *window) Cwnd() int { return w.cwnd }

// Ssthresh returns the slow-start threshold in bytes.
func (w *window) Ssthresh() int { return w.ssthresh }
