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

// NewEstimator returns an estimator whose RTO starts at initial (RFC 6298
// (2.1): 1 s) and stays within [min, max] (RFC 6298 (2.4) and (2.5)).
func NewEstimator(initial, min, max time.Duration) Estimator {
	// STUB: replaced by the real implementation.
	return Estimator{initial: initial, min: min, max: max, rto: initial}
}

// Sample feeds one RTT measurement (RFC 6298 (2.2) for the first, (2.3)
// after), recomputes the RTO and clears any backoff.
func (e *Estimator) Sample(r time.Duration) { e.hasSample = true; e.srtt = r }

// RTO returns the current timeout, backoff included.
func (e *Estimator) RTO() time.Duration { return e.rto }

// Backoff doubles the RTO up to the maximum (RFC 6298 (5.5)).
func (e *Estimator) Backoff() { e.rto = min(2*e.rto, e.max) }

// Backoffs returns how many times the RTO has been doubled since the last sample.
func (e *Estimator) Backoffs() int { return e.backoff }

// SYNLost applies RFC 6298 (5.7): after the SYN or SYN-ACK timed out and
// no sample was taken, the RTO is reset to 3 s once data transmission begins.
func (e *Estimator) SYNLost() {}

// SRTT, RTTVar and HasSample expose the smoothed state for the trace.
func (e *Estimator) SRTT() time.Duration   { return e.srtt }
func (e *Estimator) RTTVar() time.Duration { return e.rttvar }
func (e *Estimator) HasSample() bool       { return e.hasSample }
