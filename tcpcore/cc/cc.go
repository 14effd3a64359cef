package cc

import "time"

// Algorithm names a congestion controller.
type Algorithm uint8

// The congestion controllers.
const (
	Reno  Algorithm = iota // RFC 5681 slow start and congestion avoidance
	CUBIC                  // RFC 9438
)

// Phase is where a controller is in its cycle, as the page shows it.
type Phase uint8

// The phases.
const (
	SlowStart           Phase = iota // cwnd < ssthresh: grow by the bytes acked (RFC 5681 §3.1)
	CongestionAvoidance              // cwnd >= ssthresh: about one SMSS per RTT (Reno) or the cubic curve
	FastRecovery                     // after a loss found by duplicate ACKs or SACK, until the recovery point is acked
	RTORecovery                      // after a retransmission timeout, slow start again from the loss window
)

// Metrics is a snapshot of a controller for the trace and the window graph.
type Metrics struct {
	Algorithm Algorithm
	Phase     Phase
	Cwnd      int // bytes
	Ssthresh  int // bytes; a very large value means "not yet set" (RFC 5681 §3.1: arbitrarily high)
	// CUBIC only (RFC 9438 §4): W_max in bytes, K, and when the current
	// congestion-avoidance epoch began; zero for Reno.
	WMax       int
	K          time.Duration
	EpochStart time.Duration
}

// Controller owns cwnd and ssthresh. The endpoint calls it as events
// happen; a Controller keeps no pointer to the endpoint.
type Controller interface {
	// OnAck is called for each ACK that acknowledges new data (advances
	// SND.UNA by acked bytes) while not in fast recovery. flight is FlightSize
	// before the ACK, srtt the current smoothed RTT (0 before the first
	// sample), and appLimited says the sender had less to send than cwnd
	// allowed, in which case cwnd must not grow (RFC 7661 §4.3 spirit).
	OnAck(now time.Duration, acked, flight int, srtt time.Duration, appLimited bool)

	// OnEnterRecovery is called when loss is detected by duplicate ACKs or
	// SACK and fast retransmit begins (RFC 5681 §3.2 step 2, RFC 6675 §5
	// step 4.2, RFC 9438 §4.6): it sets ssthresh and cwnd. inflate says the
	// recovery strategy uses RFC 5681's window inflation (cwnd = ssthresh +
	// 3·SMSS, Reno/NewReno) rather than RFC 6675's pipe (cwnd = ssthresh).
	OnEnterRecovery(now time.Duration, flight int, inflate bool)

	// OnDupAckInRecovery inflates cwnd by one SMSS for each further
	// duplicate ACK during Reno/NewReno fast recovery (RFC 5681 §3.2 step 4).
	OnDupAckInRecovery()

	// OnPartialAck deflates cwnd after a partial ACK in NewReno fast recovery
	// (RFC 6582 §3.2 step 5): by the amount acked, then add back one SMSS if
	// that amount was at least one SMSS.
	OnPartialAck(acked int)

	// OnExitRecovery is called when the ACK for the recovery point arrives
	// (RFC 6582 §3.2 step 3, RFC 6675 §5): cwnd = min(ssthresh,
	// max(FlightSize, SMSS) + SMSS), flight being FlightSize after that ACK.
	OnExitRecovery(now time.Duration, flight int)

	// OnRTO is called when the retransmission timer expires with data
	// outstanding: ssthresh = max(FlightSize/2, 2·SMSS) on the first expiry of
	// a loss episode, and cwnd = 1·SMSS, the loss window (RFC 5681 §3.1
	// equation 4, RFC 9438 §4.8). firstExpiry is false for back-off expiries.
	OnRTO(now time.Duration, flight int, firstExpiry bool)

	// OnIdleRestart is called when the sender starts sending after being idle
	// for more than an RTO: cwnd = min(RW, cwnd), RW = min(IW, cwnd)
	// (RFC 5681 §4.1).
	OnIdleRestart(now time.Duration)

	Cwnd() int
	Ssthresh() int
	Metrics() Metrics
}

// New returns a controller for alg with sender MSS smss and an initial window
// of initialWindow bytes (RFC 5681 §3.1 IW, RFC 3390, RFC 6928).
func New(alg Algorithm, smss, initialWindow int) Controller {
	switch alg {
	case CUBIC:
		return newCubic(smss, initialWindow)
	default:
		return newReno(smss, initialWindow)
	}
}
