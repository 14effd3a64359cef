package cc

import (
	"testing"
	"time"
)

const smss = 1000

// step is one call on a controller, for the rule tables.
type step func(c Controller)

func ack(acked, flight int) step {
	return func(c Controller) { c.OnAck(0, acked, flight, 100*time.Millisecond, false) }
}
func appLimitedAck(acked int) step {
	return func(c Controller) { c.OnAck(0, acked, acked, 100*time.Millisecond, true) }
}
func enter(flight int, inflate bool) step {
	return func(c Controller) { c.OnEnterRecovery(0, flight, inflate) }
}
func dupAck() step           { return func(c Controller) { c.OnDupAckInRecovery() } }
func partial(acked int) step { return func(c Controller) { c.OnPartialAck(acked) } }
func exit(flight int) step   { return func(c Controller) { c.OnExitRecovery(0, flight) } }
func idle() step             { return func(c Controller) { c.OnIdleRestart(0) } }
func timeout(flight int, first bool) step {
	return func(c Controller) { c.OnRTO(0, flight, first) }
}
func repeat(n int, s step) step {
	return func(c Controller) {
		for range n {
			s(c)
		}
	}
}

// TestRenoRules checks each rule against RFC 5681 §3
// (https://www.rfc-editor.org/rfc/rfc5681#section-3), RFC 3465 §2.1
// (https://www.rfc-editor.org/rfc/rfc3465#section-2.1) and RFC 6582 §3.2
// (https://www.rfc-editor.org/rfc/rfc6582#section-3.2).
func TestRenoRules(t *testing.T) {
	tests := []struct {
		rule           string
		iw             int
		steps          []step
		cwnd, ssthresh int
		phase          Phase
	}{
		{
			rule: "RFC 5681 §3.1: The initial value of ssthresh SHOULD be set arbitrarily high",
			iw:   4 * smss, steps: nil,
			cwnd: 4 * smss, ssthresh: InitialSsthresh, phase: SlowStart,
		},
		{
			rule: "RFC 5681 §3.1 (2): cwnd += min (N, SMSS) — a full segment",
			iw:   4 * smss, steps: []step{ack(smss, 4*smss)},
			cwnd: 5 * smss, ssthresh: InitialSsthresh, phase: SlowStart,
		},
		{
			rule: "RFC 5681 §3.1 (2): cwnd += min (N, SMSS) — a small ACK adds only N",
			iw:   4 * smss, steps: []step{ack(300, 4*smss)},
			cwnd: 4*smss + 300, ssthresh: InitialSsthresh, phase: SlowStart,
		},
		{
			rule: "RFC 3465 §2.2: L = 1·SMSS — a stretch ACK of 3 segments adds one SMSS in slow start",
			iw:   4 * smss, steps: []step{ack(3*smss, 4*smss)},
			cwnd: 5 * smss, ssthresh: InitialSsthresh, phase: SlowStart,
		},
		{
			rule: "RFC 7661 §4.3 spirit: no growth while the application limits the sender",
			iw:   4 * smss, steps: []step{appLimitedAck(smss), appLimitedAck(smss)},
			cwnd: 4 * smss, ssthresh: InitialSsthresh, phase: SlowStart,
		},
		{
			rule: "RFC 5681 §3.1 (4): ssthresh = max (FlightSize / 2, 2*SMSS); §3.2 step 3: set cwnd to ssthresh plus 3*SMSS",
			iw:   10 * smss, steps: []step{enter(10*smss, true)},
			cwnd: 8 * smss, ssthresh: 5 * smss, phase: FastRecovery,
		},
		{
			rule: "RFC 5681 §3.1 (4): ssthresh is at least 2*SMSS",
			iw:   10 * smss, steps: []step{enter(3*smss, true)},
			cwnd: 5 * smss, ssthresh: 2 * smss, phase: FastRecovery,
		},
		{
			rule: "RFC 6675 §5 step 4.2: cwnd = ssthresh (no inflation when pipe is used)",
			iw:   10 * smss, steps: []step{enter(10*smss, false)},
			cwnd: 5 * smss, ssthresh: 5 * smss, phase: FastRecovery,
		},
		{
			rule: "RFC 5681 §3.2 step 4: For each additional duplicate ACK received (after the third), cwnd MUST be incremented by SMSS.",
			iw:   10 * smss, steps: []step{enter(10*smss, true), dupAck(), dupAck()},
			cwnd: 10 * smss, ssthresh: 5 * smss, phase: FastRecovery,
		},
		{
			rule: "RFC 6582 §3.2 step 5: deflate the congestion window by the amount of new data acknowledged ... add back SMSS bytes",
			iw:   10 * smss, steps: []step{enter(10*smss, true), repeat(4, dupAck()), partial(3 * smss)},
			// 8 + 4 = 12 segments; 12 - 3 + 1 = 10.
			cwnd: 10 * smss, ssthresh: 5 * smss, phase: FastRecovery,
		},
		{
			rule: "RFC 6582 §3.2 step 5: a partial ACK of less than one SMSS adds nothing back",
			iw:   10 * smss, steps: []step{enter(10*smss, true), partial(500)},
			cwnd: 8*smss - 500, ssthresh: 5 * smss, phase: FastRecovery,
		},
		{
			rule: "RFC 6582 §3.2 step 3 (1): Set cwnd to min (ssthresh, max(FlightSize, SMSS) + SMSS) — ssthresh wins",
			iw:   10 * smss, steps: []step{enter(10*smss, true), exit(6 * smss)},
			cwnd: 5 * smss, ssthresh: 5 * smss, phase: CongestionAvoidance,
		},
		{
			rule: "RFC 6582 §3.2 step 3 (1): ... FlightSize + SMSS wins when little is in flight (no burst)",
			iw:   10 * smss, steps: []step{enter(10*smss, true), exit(2 * smss)},
			cwnd: 3 * smss, ssthresh: 5 * smss, phase: SlowStart,
		},
		{
			rule: "RFC 6582 §3.2 step 3 (1): max(FlightSize, SMSS) — nothing in flight still allows 2 SMSS",
			iw:   10 * smss, steps: []step{enter(10*smss, true), exit(0)},
			cwnd: 2 * smss, ssthresh: 5 * smss, phase: SlowStart,
		},
		{
			rule: "RFC 5681 §3.1: Upon a timeout cwnd MUST be set to no more than the loss window, LW, which equals 1 full-sized segment",
			iw:   10 * smss, steps: []step{timeout(10*smss, true)},
			cwnd: smss, ssthresh: 5 * smss, phase: RTORecovery,
		},
		{
			rule: "RFC 5681 §3.1: retransmitted again ... the value of ssthresh MUST NOT be increased (later expiries keep it)",
			iw:   10 * smss, steps: []step{timeout(10*smss, true), timeout(smss, false)},
			cwnd: smss, ssthresh: 5 * smss, phase: RTORecovery,
		},
		{
			rule: "RFC 5681 §3.1: after a timeout, slow start (2) until cwnd reaches ssthresh",
			iw:   10 * smss, steps: []step{timeout(4*smss, true), ack(smss, smss)},
			cwnd: 2 * smss, ssthresh: 2 * smss, phase: CongestionAvoidance,
		},
		{
			rule: "RFC 5681 §3.1: a timeout ends fast recovery",
			iw:   10 * smss, steps: []step{enter(10*smss, true), timeout(8*smss, true)},
			cwnd: smss, ssthresh: 4 * smss, phase: RTORecovery,
		},
		{
			rule: "RFC 5681 §4.1: TCP SHOULD set cwnd to no more than RW before beginning transmission ... RW = min(IW,cwnd)",
			iw:   4 * smss, steps: []step{repeat(6, ack(smss, 4*smss)), idle()},
			cwnd: 4 * smss, ssthresh: InitialSsthresh, phase: SlowStart,
		},
		{
			rule: "RFC 5681 §4.1: RW = min(IW,cwnd) — a window below IW is kept",
			iw:   4 * smss, steps: []step{timeout(4*smss, true), idle()},
			cwnd: smss, ssthresh: 2 * smss, phase: RTORecovery,
		},
	}
	for _, tt := range tests {
		c := New(Reno, smss, tt.iw)
		for _, s := range tt.steps {
			s(c)
		}
		if c.Cwnd() != tt.cwnd || c.Ssthresh() != tt.ssthresh || c.Metrics().Phase != tt.phase {
			t.Errorf("%s\ncwnd, ssthresh, phase = %d, %d, %v; want %d, %d, %v",
				tt.rule, c.Cwnd(), c.Ssthresh(), c.Metrics().Phase, tt.cwnd, tt.ssthresh, tt.phase)
		}
	}
}

// TestRenoCongestionAvoidance checks RFC 5681 §3.1
// (https://www.rfc-editor.org/rfc/rfc5681#section-3.1): "During congestion
// avoidance, cwnd is incremented by roughly 1 full-sized segment per
// round-trip time (RTT)", counted in bytes as RFC 3465 §2.1 says.
func TestRenoCongestionAvoidance(t *testing.T) {
	c := New(Reno, smss, 10*smss)
	c.OnEnterRecovery(0, 20*smss, false)
	c.OnExitRecovery(0, 10*smss) // cwnd = ssthresh = 10 segments
	if c.Cwnd() != 10*smss || c.Metrics().Phase != CongestionAvoidance {
		t.Fatalf("setup: cwnd, phase = %d, %v; want %d, CongestionAvoidance", c.Cwnd(), c.Metrics().Phase, 10*smss)
	}
	for rtt := range 5 {
		before := c.Cwnd()
		// One round trip: a window's worth of ACKs, one per segment.
		for range before / smss {
			c.OnAck(0, smss, before, 100*time.Millisecond, false)
		}
		if got, want := c.Cwnd(), before+smss; got != want {
			t.Errorf("round trip %d: cwnd = %d after acking %d bytes, want %d", rtt, got, before, want)
		}
	}
	// Delayed ACKs (two segments each) also give one SMSS per window.
	before := c.Cwnd()
	for range (before + 2*smss - 1) / (2 * smss) {
		c.OnAck(0, 2*smss, before, 100*time.Millisecond, false)
	}
	if got, want := c.Cwnd(), before+smss; got != want {
		t.Errorf("round trip with delayed ACKs: cwnd = %d, want %d", got, want)
	}
}
