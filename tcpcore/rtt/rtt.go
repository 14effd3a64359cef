package rtt

import "time"

// Estimator is one connection's RTT state (RFC 6298 §2). The zero value is
// not usable; use NewEstimator.
type Estimator struct {
	initial, min, max time.Duration
	srtt, rttvar      time.Duration
	hasSample         bool
	backoff           int // number of doublings since the last computed RTO
	rto               time.Duration
}

// Granularity is the clock granularity G of RFC 6298 §2 for the virtual clock.
const Granularity = time.Millisecond

// SYNLostRTO is the RTO that RFC 6298 (5.7) prescribes once data transmission
// begins after a SYN or SYN-ACK timed out.
const SYNLostRTO = 3 * time.Second

// k is the RTTVAR multiplier K = 4 of RFC 6298 §2.
const k = 4

// NewEstimator returns an estimator whose RTO starts at initial (RFC 6298
// (2.1): 1 s) and stays within [min, max] (RFC 6298 (2.4) and (2.5)).
// If max is below min, max is raised to min.
func NewEstimator(initial, min, max time.Duration) Estimator {
	if max < min {
		max = min
	}
	e := Estimator{initial: initial, min: min, max: max}
	e.rto = e.clamp(initial)
	return e
}

// Sample feeds one RTT measurement (RFC 6298 (2.2) for the first, (2.3)
// after), recomputes the RTO and clears any backoff. Negative measurements
// are taken as zero. The arithmetic is in integer nanoseconds, so it gives
// the same result on every platform.
func (e *Estimator) Sample(r time.Duration) {
	if r < 0 {
		r = 0
	}
	if !e.hasSample {
		// RFC 6298 (2.2): SRTT <- R, RTTVAR <- R/2.
		e.srtt = r
		e.rttvar = r / 2
		e.hasSample = true
	} else {
		// RFC 6298 (2.3): RTTVAR is updated first, with the SRTT from
		// before this sample: RTTVAR <- (1 - beta)·RTTVAR + beta·|SRTT - R'|
		// with beta = 1/4, then SRTT <- (1 - alpha)·SRTT + alpha·R' with
		// alpha = 1/8.
		delta := e.srtt - r
		if delta < 0 {
			delta = -delta
		}
		e.rttvar = (3*e.rttvar + delta) / 4
		e.srtt = (7*e.srtt + r) / 8
	}
	// RFC 6298 (2.2)/(2.3): RTO <- SRTT + max(G, K·RTTVAR), then (2.4)/(2.5).
	e.rto = e.clamp(e.srtt + max(Granularity, k*e.rttvar))
	e.backoff = 0
}

// RTO returns the current timeout, backoff included.
func (e *Estimator) RTO() time.Duration { return e.rto }

// Backoff doubles the RTO up to the maximum (RFC 6298 (5.5)): "The host MUST
// set RTO <- RTO * 2 ... The maximum value discussed in (2.5) above may be
// used to provide an upper bound to this doubling operation."
func (e *Estimator) Backoff() {
	if e.rto > e.max/2 {
		e.rto = e.max
	} else {
		e.rto *= 2
	}
	e.backoff++
}

// Backoffs returns how many times the RTO has been doubled since the last sample.
func (e *Estimator) Backoffs() int { return e.backoff }

// SYNLost applies RFC 6298 (5.7): after the SYN or SYN-ACK timed out and
// no sample was taken, the RTO is reset to 3 s once data transmission begins.
// The RFC asks this only of an implementation "using an RTO less than 3
// seconds", so an initial RTO above 3 s is kept. The result is clamped to
// [min, max] and the backoff count cleared. With a sample (for instance from
// a timestamp echo) the estimator already has a measured RTO and this does
// nothing.
func (e *Estimator) SYNLost() {
	if e.hasSample {
		return
	}
	e.rto = e.clamp(max(SYNLostRTO, e.initial))
	e.backoff = 0
}

// clamp applies RFC 6298 (2.4), the minimum, and (2.5), the maximum.
func (e *Estimator) clamp(d time.Duration) time.Duration {
	return min(max(d, e.min), e.max)
}

// SRTT, RTTVar and HasSample expose the smoothed state for the trace.
func (e *Estimator) SRTT() time.Duration   { return e.srtt }
func (e *Estimator) RTTVar() time.Duration { return e.rttvar }
func (e *Estimator) HasSample() bool       { return e.hasSample }
