package cc

import (
	"math"
	"time"
)

// The constants of RFC 9438 §4.
const (
	// cubicC is C, in segments per second cubed (§4.2; "C SHOULD be set
	// to 0.4").
	cubicC = 0.4
	// cubicBeta is β_cubic, the multiplicative decrease factor (§4.6;
	// "β_cubic SHOULD be set to 0.7").
	cubicBeta = 0.7
	// cubicAlpha is α_cubic of RFC 9438 §4.3, "α_cubic = 3(1 - β_cubic) /
	// (1 + β_cubic)", which makes the Reno-friendly estimate grow as fast on
	// average as Reno with β = 0.5.
	cubicAlpha = 3 * (1 - cubicBeta) / (1 + cubicBeta)
)

// cubic is RFC 9438's congestion control. Windows are kept in bytes; the
// RFC's formulas, written in segments and seconds, are evaluated in float64
// from those integers at each ACK, and every product that is then added to
// something is wrapped in an explicit float64 conversion so that no platform
// fuses it into a multiply-add with different rounding (the Go
// specification's rule for explicit conversions): the same inputs give the
// same window natively and under WebAssembly.
type cubic struct {
	window

	// wMax is W_max in bytes: the window just before the last reduction
	// (§4.6), lowered by fast convergence (§4.7), or the window at the
	// start of the congestion-avoidance stage after a timeout (§4.8).
	wMax int
	// cwndPrior is cwnd_prior, the window when ssthresh was last set (§4.6).
	cwndPrior int

	// The congestion-avoidance epoch (§4.2): when it began, K in seconds,
	// and W_est in segments (§4.3).
	epochStarted bool
	epochStart   time.Duration
	k            float64
	wEst         float64

	// afterTimeout makes the next epoch start with K = 0 and W_max = cwnd
	// (§4.8).
	afterTimeout bool
	// frac holds the fraction of a byte of growth not yet added to cwnd.
	frac float64
}

func newCubic(smss, initialWindow int) *cubic {
	return &cubic{window: newWindow(smss, initialWindow)}
}

// OnAck grows cwnd for one ACK of new data outside fast recovery.
func (c *cubic) OnAck(now time.Duration, acked, flight int, srtt time.Duration, appLimited bool) {
	if c.inRecovery || acked <= 0 || appLimited {
		// RFC 9438 §5.8 and RFC 7661: a window the application did not
		// fill has not been validated, so it must not grow.
		return
	}
	if c.cwnd < c.ssthresh {
		// RFC 9438 §4.10: "CUBIC MUST employ a slow-start algorithm when
		// cwnd is no more than ssthresh" — the standard one of RFC 5681.
		c.slowStart(acked)
		c.settle()
		return
	}
	if !c.epochStarted {
		c.startEpoch(now)
	}
	smss := float64(c.smss)
	cwndSegs := float64(c.cwnd) / smss
	segsAcked := float64(acked) / smss
	// Go's min and max of floats are runtime calls under WebAssembly (they
	// order -0 before +0 and propagate NaN), and OnAck runs for every ACK:
	// the clamps here take integers or comparisons instead.
	t := float64(max(now-c.epochStart, 0)) / float64(time.Second)
	rtt := float64(srtt) / float64(time.Second)

	// RFC 9438 §4.3: "W_est = W_est + α_cubic * segments_acked / cwnd", and
	// "Once W_est has grown to reach the cwnd at the time of most recently
	// setting ssthresh -- that is, W_est >= cwnd_prior -- the sender SHOULD
	// set α_cubic to 1 to ensure that it can achieve the same congestion
	// window increment rate as Reno, which uses AIMD(1, 0.5)."
	alpha := cubicAlpha
	if c.wEst >= float64(c.cwndPrior)/smss {
		alpha = 1
	}
	c.wEst += float64(alpha*segsAcked) / cwndSegs

	// RFC 9438 §4.3: "CUBIC checks whether W_cubic(t) is less than W_est.
	// If so, CUBIC is in the Reno-friendly region and cwnd SHOULD be set to
	// W_est at each reception of a new ACK."
	if c.wCubic(t) < c.wEst {
		c.setCwnd(max(c.cwnd, int(float64(c.wEst*smss))))
		c.frac = 0
		return
	}

	// RFC 9438 §4.2: the target is W_cubic(t + RTT) clamped to
	// [cwnd, 1.5·cwnd]; §4.4 and §4.5, concave and convex regions alike:
	// "cwnd MUST be incremented by (target - cwnd)/cwnd for each received
	// new ACK", scaled here by the segments the ACK covers.
	target := c.wCubic(t + rtt)
	if target < cwndSegs {
		target = cwndSegs
	}
	if target > 1.5*cwndSegs {
		target = 1.5 * cwndSegs
	}
	growth := float64(float64(float64(target-cwndSegs)/cwndSegs*segsAcked)*smss) + c.frac
	whole := math.Floor(growth)
	c.frac = growth - whole
	c.setCwnd(c.cwnd + int(whole))
}

// wCubic is RFC 9438 §4.2 equation (1), in segments: W_cubic(t) = C·(t -
// K)^3 + W_max.
func (c *cubic) wCubic(t float64) float64 {
	d := t - c.k
	return float64(cubicC*d*d*d) + float64(c.wMax)/float64(c.smss)
}

// startEpoch begins a congestion-avoidance stage at now (RFC 9438 §4.2).
func (c *cubic) startEpoch(now time.Duration) {
	c.epochStarted = true
	c.epochStart = now
	c.frac = 0
	// RFC 9438 §4.3: "W_est is set equal to cwnd_epoch at the start of the
	// congestion avoidance stage."
	c.wEst = float64(c.cwnd) / float64(c.smss)
	if c.afterTimeout || c.wMax <= c.cwnd {
		// RFC 9438 §4.8: after a timeout "K is set to 0, and W_max is set
		// to the congestion window size at the beginning of the current
		// congestion avoidance stage." The same holds when there is no
		// W_max above the window (no loss yet, or a restart): the curve
		// starts at its plateau and probes upward.
		c.afterTimeout = false
		c.wMax = c.cwnd
		c.k = 0
		return
	}
	// RFC 9438 §4.2 equation (2): K = cubic_root((W_max - cwnd_epoch) / C).
	c.k = math.Cbrt(float64(c.wMax-c.cwnd) / float64(c.smss) / cubicC)
}

// reduce is RFC 9438 §4.6 and §4.7 at a congestion event: remember the
// window, apply fast convergence to W_max, and return the new ssthresh.
func (c *cubic) reduce() int {
	c.cwndPrior = c.cwnd
	// RFC 9438 §4.7: "if (cwnd < W_max and fast convergence enabled) {
	// W_max = cwnd * (1 + β_cubic) / 2 } else { W_max = cwnd }". Integer
	// arithmetic: (1 + 0.7) / 2 = 17/20.
	if c.cwnd < c.wMax {
		c.wMax = c.cwnd * 17 / 20
	} else {
		c.wMax = c.cwnd
	}
	c.epochStarted = false
	c.afterTimeout = false // a loss after a timeout gives W_max anew
	c.frac = 0
	// RFC 9438 §4.6: "ssthresh = flight_size * β_cubic" with "ssthresh =
	// max(ssthresh, 2)" segments. We use cwnd, which the RFC allows
	// ("Some implementations of CUBIC currently use cwnd instead of
	// flight_size") provided cwnd cannot grow while the sender is
	// application-limited, which OnAck ensures. β = 7/10.
	return max(c.cwnd*7/10, 2*c.smss)
}

// OnEnterRecovery reduces the window at a loss found by duplicate ACKs or
// SACK (RFC 9438 §4.6: "cwnd = max(ssthresh, 2)", plus 3·SMSS if inflating).
func (c *cubic) OnEnterRecovery(now time.Duration, flight int, inflate bool) {
	c.enterRecovery(c.reduce(), inflate)
}

// OnExitRecovery deflates cwnd when the recovery point is acknowledged; the
// next ACK in congestion avoidance starts a new epoch.
func (c *cubic) OnExitRecovery(now time.Duration, flight int) {
	if !c.inRecovery {
		return
	}
	c.exitRecovery(flight)
}

// OnRTO is RFC 9438 §4.8: "In the case of a timeout, CUBIC follows Reno to
// reduce cwnd [RFC5681] but sets ssthresh using β_cubic (same as in Section
// 4.6)". Later expiries of the same episode leave ssthresh alone.
func (c *cubic) OnRTO(now time.Duration, flight int, firstExpiry bool) {
	ssthresh := c.ssthresh
	if firstExpiry {
		c.cwndPrior = c.cwnd
		ssthresh = max(c.cwnd*7/10, 2*c.smss)
	}
	c.rto(ssthresh, firstExpiry)
	c.epochStarted = false
	c.afterTimeout = true
	c.frac = 0
}

// OnIdleRestart shrinks cwnd to the restart window (RFC 5681 §4.1) and ends
// the epoch: the time spent idle must not count as time on the curve, or the
// first ACK after the pause would jump to the top of it.
func (c *cubic) OnIdleRestart(now time.Duration) {
	c.idleRestart()
	c.epochStarted = false
	c.frac = 0
}

// Metrics returns the snapshot for the trace.
func (c *cubic) Metrics() Metrics {
	return Metrics{
		Algorithm:  CUBIC,
		Phase:      c.phase(),
		Cwnd:       c.cwnd,
		Ssthresh:   c.ssthresh,
		WMax:       c.wMax,
		K:          time.Duration(float64(c.k * float64(time.Second))),
		EpochStart: c.epochStart,
	}
}
