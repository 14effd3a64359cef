package cc

import (
	"math"
	"testing"
	"time"
)

const ms = time.Millisecond

// afterLoss returns a CUBIC controller that has just been through a fast
// recovery at a window of wMax segments, with cwnd = ssthresh = β·W_max, and
// the time the recovery ended.
func afterLoss(t *testing.T, wMax int) (*cubic, time.Duration) {
	t.Helper()
	c := newCubic(smss, wMax*smss)
	c.OnEnterRecovery(0, wMax*smss, false)
	c.OnExitRecovery(0, wMax*smss)
	if want := wMax * smss * 7 / 10; c.Cwnd() != want || c.Ssthresh() != want {
		t.Fatalf("after a loss at %d bytes: cwnd, ssthresh = %d, %d; want %d, %d", wMax*smss, c.Cwnd(), c.Ssthresh(), want, want)
	}
	return c, 0
}

// roundTrip acks one window, one segment per ACK, spread evenly over one
// RTT starting at now, and returns the time after it.
func roundTrip(c Controller, now, rtt time.Duration) time.Duration {
	n := max(c.Cwnd()/smss, 1)
	for i := range n {
		c.OnAck(now+rtt*time.Duration(i)/time.Duration(n), smss, c.Cwnd(), rtt, false)
	}
	return now + rtt
}

// TestCubicReduction checks RFC 9438 §4.6 and §4.7
// (https://www.rfc-editor.org/rfc/rfc9438#section-4.6).
func TestCubicReduction(t *testing.T) {
	tests := []struct {
		rule                 string
		steps                []step
		cwnd, ssthresh, wMax int
		phase                Phase
	}{
		{
			rule:  "§4.6: ssthresh = flight_size * β_cubic; cwnd_prior = cwnd; cwnd = max(ssthresh, 2) (with cwnd for flight_size)",
			steps: []step{enter(100*smss, false)},
			cwnd:  70 * smss, ssthresh: 70 * smss, wMax: 100 * smss, phase: FastRecovery,
		},
		{
			rule:  "§4.6 with RFC 5681 §3.2 window inflation: cwnd = ssthresh + 3·SMSS",
			steps: []step{enter(100*smss, true)},
			cwnd:  73 * smss, ssthresh: 70 * smss, wMax: 100 * smss, phase: FastRecovery,
		},
		{
			rule:  "§4.7: if (cwnd < W_max and fast convergence enabled) { W_max = cwnd * (1 + β_cubic) / 2 }",
			steps: []step{enter(100*smss, false), exit(100 * smss), enter(70*smss, false)},
			cwnd:  49 * smss, ssthresh: 49 * smss, wMax: 70 * smss * 17 / 20, phase: FastRecovery,
		},
		{
			rule:  "§4.8: In the case of a timeout, CUBIC follows Reno to reduce cwnd [RFC5681] but sets ssthresh using β_cubic",
			steps: []step{timeout(100*smss, true)},
			cwnd:  smss, ssthresh: 70 * smss, wMax: 0, phase: RTORecovery,
		},
		{
			rule:  "§4.8 and RFC 5681 §3.1: later expiries do not change ssthresh",
			steps: []step{timeout(100*smss, true), timeout(smss, false)},
			cwnd:  smss, ssthresh: 70 * smss, wMax: 0, phase: RTORecovery,
		},
		{
			rule:  "§4.10: CUBIC MUST employ a slow-start algorithm when cwnd is no more than ssthresh",
			steps: []step{ack(smss, 100*smss), ack(500, 100*smss)},
			cwnd:  101*smss + 500, ssthresh: InitialSsthresh, wMax: 0, phase: SlowStart,
		},
		{
			rule:  "RFC 9438 §4.6 and RFC 5681 §3.1: ssthresh is at least 2 segments",
			steps: []step{timeout(smss, true), timeout(smss, false), enter(2*smss, false)},
			cwnd:  2 * smss, ssthresh: 2 * smss, wMax: smss, phase: FastRecovery,
		},
		{
			rule:  "no growth while application-limited",
			steps: []step{appLimitedAck(smss)},
			cwnd:  100 * smss, ssthresh: InitialSsthresh, wMax: 0, phase: SlowStart,
		},
		{
			rule:  "RFC 5681 §3.2 step 4, RFC 6582 §3.2 steps 5 and 3 apply unchanged",
			steps: []step{enter(100*smss, true), dupAck(), partial(2 * smss), exit(10 * smss)},
			cwnd:  11 * smss, ssthresh: 70 * smss, wMax: 100 * smss, phase: SlowStart,
		},
	}
	for _, tt := range tests {
		c := New(CUBIC, smss, 100*smss)
		for _, s := range tt.steps {
			s(c)
		}
		m := c.Metrics()
		if m.Cwnd != tt.cwnd || m.Ssthresh != tt.ssthresh || m.WMax != tt.wMax || m.Phase != tt.phase {
			t.Errorf("%s\ncwnd, ssthresh, W_max, phase = %d, %d, %d, %v; want %d, %d, %d, %v",
				tt.rule, m.Cwnd, m.Ssthresh, m.WMax, m.Phase, tt.cwnd, tt.ssthresh, tt.wMax, tt.phase)
		}
	}
}

// TestCubicK checks RFC 9438 §4.2 (https://www.rfc-editor.org/rfc/rfc9438#section-4.2)
// equation (2): "K = cubic_root((W_max - cwnd_epoch)/C)".
func TestCubicK(t *testing.T) {
	for _, wMax := range []int{10, 100, 1000} {
		c, now := afterLoss(t, wMax)
		c.OnAck(now+ms, smss, c.Cwnd(), 100*ms, false)
		want := math.Cbrt(float64(wMax) * (1 - cubicBeta) / cubicC)
		got := c.Metrics().K.Seconds()
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("W_max = %d segments: K = %.6f s, want %.6f s", wMax, got, want)
		}
		if c.Metrics().EpochStart != now+ms {
			t.Errorf("W_max = %d segments: EpochStart = %v, want %v (the first ACK in congestion avoidance)", wMax, c.Metrics().EpochStart, now+ms)
		}
	}
}

// TestCubicCurve checks that cwnd follows RFC 9438 §4.2 equation (1),
// "W_cubic(t) = C*(t-K)^3 + W_max": below W_max and rising ever more slowly
// before K (the concave region, §4.4), close to W_max at t = K, and above it
// and rising ever faster after K (the convex region, §4.5).
func TestCubicCurve(t *testing.T) {
	// A window where the curve, not the Reno-friendly estimate, rules
	// (W_est stays below W_cubic until 2K).
	const wMax, rtt = 1000, 100 * ms
	c, now := afterLoss(t, wMax)
	k := math.Cbrt(wMax * (1 - cubicBeta) / cubicC) // 9.09 s
	epoch := now
	prev := c.Cwnd()
	for now < epoch+time.Duration(2*k*float64(time.Second)) {
		now = roundTrip(c, now, rtt)
		tSec := (now - epoch).Seconds()
		cwnd := float64(c.Cwnd()) / smss
		if c.Cwnd() < prev {
			t.Fatalf("t = %.1f s: cwnd fell from %d to %d without a loss", tSec, prev, c.Cwnd())
		}
		prev = c.Cwnd()
		curve := cubicC*math.Pow(tSec-k, 3) + wMax
		switch {
		case tSec < k-0.5 && cwnd > wMax:
			t.Errorf("t = %.1f s (concave region): cwnd = %.1f segments, above W_max = %d", tSec, cwnd, wMax)
		case tSec > k+1 && cwnd <= wMax:
			t.Errorf("t = %.1f s (convex region): cwnd = %.1f segments, not above W_max = %d", tSec, cwnd, wMax)
		}
		// The window tracks the curve about one RTT ahead, within a few
		// segments.
		ahead := cubicC*math.Pow(tSec+rtt.Seconds()-k, 3) + wMax
		if cwnd < curve-3 || cwnd > ahead+3 {
			t.Errorf("t = %.1f s: cwnd = %.1f segments, want between W_cubic(t) = %.1f and W_cubic(t+RTT) = %.1f", tSec, cwnd, curve, ahead)
		}
		if math.Abs(tSec-k) < rtt.Seconds()/2 && math.Abs(cwnd-wMax) > 0.03*wMax {
			t.Errorf("t = %.2f s ≈ K = %.2f s: cwnd = %.1f segments, want within 3%% of W_max = %d", tSec, k, cwnd, wMax)
		}
	}
}

// TestCubicRenoFriendly checks RFC 9438 §4.3
// (https://www.rfc-editor.org/rfc/rfc9438#section-4.3): "If so, CUBIC is in
// the Reno-friendly region and cwnd SHOULD be set to W_est at each reception
// of a new ACK", with "W_est = W_est + α_cubic * segments_acked / cwnd" and
// α_cubic set to 1 once "W_est >= cwnd_prior". On a short-RTT path the cubic
// curve rises more slowly than Reno would, so the window grows like Reno.
func TestCubicRenoFriendly(t *testing.T) {
	const rtt = 10 * ms
	c, now := afterLoss(t, 10) // cwnd 7 segments, W_max 10, K ≈ 1.96 s
	now = roundTrip(c, now, rtt)
	// One RTT of 7 ACKs: W_est grows by α_cubic·(1/7 + 1/7.08 + …) ≈ 0.51.
	if got := float64(c.Cwnd()) / smss; got < 7.45 || got > 7.55 {
		t.Errorf("after one RTT from 7 segments: cwnd = %.3f segments, want about 7 + α_cubic = %.3f", got, 7+cubicAlpha)
	}
	// Until W_est reaches cwnd_prior (10 segments) it grows by α_cubic per
	// RTT, about 6 RTTs; after that by 1 per RTT. Twenty RTTs give about
	// 10 + 14 = 24 segments; with α_cubic throughout it would be 17.6.
	for range 19 {
		now = roundTrip(c, now, rtt)
	}
	if got := float64(c.Cwnd()) / smss; got < 22.5 || got > 25 {
		t.Errorf("after 20 RTTs of 10 ms: cwnd = %.2f segments, want about 24 (α_cubic then 1 per RTT)", got)
	}
	if w := c.wCubic((now - c.epochStart).Seconds()); w >= c.wEst {
		t.Errorf("W_cubic(t) = %.2f is not below W_est = %.2f: the test no longer exercises the Reno-friendly region", w, c.wEst)
	}
}

// TestCubicTargetClamp checks RFC 9438 §4.2
// (https://www.rfc-editor.org/rfc/rfc9438#section-4.2): the target is "1.5 *
// cwnd if W_cubic(t + RTT) > 1.5 * cwnd", so one ACK can add at most half a
// segment.
func TestCubicTargetClamp(t *testing.T) {
	c, now := afterLoss(t, 100)
	c.OnAck(now, smss, c.Cwnd(), 100*ms, false) // starts the epoch
	before := c.Cwnd()
	c.OnAck(now+100*time.Second, smss, c.Cwnd(), 100*ms, false)
	if got, want := c.Cwnd()-before, smss/2; got < want-1 || got > want {
		t.Errorf("one ACK far up the convex curve added %d bytes to cwnd %d, want %d ((1.5·cwnd - cwnd)/cwnd segments)", got, before, want)
	}
}

// TestCubicAfterTimeout checks RFC 9438 §4.8
// (https://www.rfc-editor.org/rfc/rfc9438#section-4.8): "During the first
// congestion avoidance stage after a timeout, CUBIC increases its congestion
// window size using Figure 1, where t is the elapsed time since the beginning
// of the current congestion avoidance stage, K is set to 0, and W_max is set
// to the congestion window size at the beginning of the current congestion
// avoidance stage."
func TestCubicAfterTimeout(t *testing.T) {
	c := New(CUBIC, smss, 100*smss)
	c.OnRTO(0, 100*smss, true)
	now := time.Second
	for c.Metrics().Phase == RTORecovery {
		c.OnAck(now, smss, c.Cwnd(), 100*ms, false)
		now += ms
	}
	if m := c.Metrics(); m.Phase != CongestionAvoidance || m.Cwnd != 70*smss {
		t.Fatalf("slow start after the timeout ended at cwnd %d, phase %v; want %d, CongestionAvoidance", m.Cwnd, m.Phase, 70*smss)
	}
	c.OnAck(now, smss, c.Cwnd(), 100*ms, false)
	if m := c.Metrics(); m.K != 0 || m.WMax != 70*smss || m.EpochStart != now {
		t.Errorf("first epoch after a timeout: K, W_max, EpochStart = %v, %d, %v; want 0, %d, %v", m.K, m.WMax, m.EpochStart, 70*smss, now)
	}
}

// TestCubicIdleRestartsEpoch checks that leaving an idle period starts a new
// epoch rather than jumping along the curve by the idle time.
func TestCubicIdleRestartsEpoch(t *testing.T) {
	c, now := afterLoss(t, 100)
	now = roundTrip(c, now, 100*ms)
	now += 10 * time.Second
	before := c.Cwnd()
	c.OnIdleRestart(now)
	if c.Cwnd() != before {
		// RW = min(IW, cwnd) with IW = 100 segments keeps the window.
		t.Fatalf("OnIdleRestart: cwnd = %d, want %d", c.Cwnd(), before)
	}
	c.OnAck(now, smss, c.Cwnd(), 100*ms, false)
	if m := c.Metrics(); m.EpochStart != now {
		t.Errorf("first ACK after idle: EpochStart = %v, want %v", m.EpochStart, now)
	}
	if grew := c.Cwnd() - before; grew > smss/10 {
		t.Errorf("first ACK after 10 s idle grew cwnd by %d bytes, want a small step near the start of the curve", grew)
	}
}
