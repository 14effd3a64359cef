package cc

import (
	"hash/fnv"
	"math/rand/v2"
	"testing"
	"time"
)

// longRun drives c through 10 000 ACKs mixed with losses, fast recoveries,
// timeouts, back-offs, idle restarts and application-limited periods, all
// chosen by a seeded generator, and checks the invariants after every call.
// It returns a hash of the (cwnd, ssthresh, phase) sequence.
func longRun(t *testing.T, alg Algorithm) uint64 {
	t.Helper()
	rng := rand.New(rand.NewPCG(5681, 9438))
	c := New(alg, smss, 10*smss)
	h := fnv.New64a()
	var now time.Duration
	srtt := time.Duration(0)
	lossSeen, inRecovery := false, false
	acks := 0

	check := func(what string) {
		t.Helper()
		m := c.Metrics()
		if m.Cwnd != c.Cwnd() || m.Ssthresh != c.Ssthresh() || m.Algorithm != alg {
			t.Fatalf("%s after %d ACKs: Metrics() = %+v, but Cwnd() = %d, Ssthresh() = %d", what, acks, m, c.Cwnd(), c.Ssthresh())
		}
		if m.Cwnd < smss {
			t.Fatalf("%s after %d ACKs: cwnd = %d, below 1·SMSS", what, acks, m.Cwnd)
		}
		if lossSeen && m.Ssthresh < 2*smss {
			t.Fatalf("%s after %d ACKs: ssthresh = %d after a loss, below 2·SMSS", what, acks, m.Ssthresh)
		}
		switch {
		case inRecovery != (m.Phase == FastRecovery):
			t.Fatalf("%s after %d ACKs: phase %v, in fast recovery = %v", what, acks, m.Phase, inRecovery)
		case m.Phase == CongestionAvoidance && m.Cwnd < m.Ssthresh,
			(m.Phase == SlowStart || m.Phase == RTORecovery) && m.Cwnd >= m.Ssthresh:
			t.Fatalf("%s after %d ACKs: phase %v with cwnd %d, ssthresh %d", what, acks, m.Phase, m.Cwnd, m.Ssthresh)
		}
		if alg == CUBIC && m.K < 0 {
			t.Fatalf("%s after %d ACKs: K = %v < 0", what, acks, m.K)
		}
		var b [17]byte
		for i := range 8 {
			b[i] = byte(m.Cwnd >> (8 * i))
			b[8+i] = byte(m.Ssthresh >> (8 * i))
		}
		b[16] = byte(m.Phase)
		h.Write(b[:])
	}

	for acks < 10000 {
		rtt := time.Duration(20+rng.IntN(200)) * ms
		if srtt == 0 {
			srtt = rtt
		} else {
			srtt = (7*srtt + rtt) / 8
		}
		flight := c.Cwnd() - rng.IntN(smss)
		switch r := rng.IntN(1000); {
		case r < 8 && !inRecovery: // loss found by duplicate ACKs or SACK
			c.OnEnterRecovery(now, flight, r < 4)
			lossSeen, inRecovery = true, true
			check("OnEnterRecovery")
			for range rng.IntN(6) {
				c.OnDupAckInRecovery()
				check("OnDupAckInRecovery")
			}
			if rng.IntN(2) == 0 {
				c.OnPartialAck(rng.IntN(3 * smss))
				check("OnPartialAck")
			}
		case r < 8+12 && inRecovery:
			c.OnExitRecovery(now, rng.IntN(c.Cwnd()+1))
			inRecovery = false
			check("OnExitRecovery")
		case r < 22: // retransmission timeout, maybe backed off
			c.OnRTO(now, flight, true)
			lossSeen, inRecovery = true, false
			check("OnRTO")
			for range rng.IntN(3) {
				now += time.Second
				c.OnRTO(now, smss, false)
				check("OnRTO (back-off)")
			}
		case r < 24 && !inRecovery:
			now += time.Duration(1+rng.IntN(5)) * time.Second
			c.OnIdleRestart(now)
			check("OnIdleRestart")
		case inRecovery:
			c.OnDupAckInRecovery()
			check("OnDupAckInRecovery")
		default:
			acked := 1 + rng.IntN(2*smss)
			appLimited := rng.IntN(10) == 0
			before := c.Cwnd()
			c.OnAck(now, acked, flight, srtt, appLimited)
			acks++
			check("OnAck")
			grew := c.Cwnd() - before
			if appLimited && grew != 0 {
				t.Fatalf("application-limited OnAck changed cwnd from %d to %d", before, c.Cwnd())
			}
			if grew < 0 || grew > max(smss, before/2) {
				t.Fatalf("OnAck(%d bytes) changed cwnd from %d to %d", acked, before, c.Cwnd())
			}
		}
		now += srtt / time.Duration(max(c.Cwnd()/smss, 1))
	}
	return h.Sum64()
}

// TestLongRun checks the invariants over a long run of both controllers and
// pins the exact sequence of windows, so that a change of behaviour, or a
// platform that computes CUBIC's floating point differently (the simulator
// must give the same trace natively and under GOOS=js GOARCH=wasm), fails.
// After an intended change, put the new hash from the failure message here.
func TestLongRun(t *testing.T) {
	for _, tt := range []struct {
		alg  Algorithm
		name string
		want uint64
	}{
		{Reno, "Reno", 0x83a915a714dba3e9},
		{CUBIC, "CUBIC", 0x453652f4f2caa6c0},
	} {
		if got := longRun(t, tt.alg); got != tt.want {
			t.Errorf("%s: hash of the window sequence = %#x, want %#x", tt.name, got, tt.want)
		}
	}
}

// TestMetricsPhases walks each controller through the phases in order and
// checks that Metrics() agrees with Cwnd() and Ssthresh() at every step.
func TestMetricsPhases(t *testing.T) {
	for _, alg := range []Algorithm{Reno, CUBIC} {
		c := New(alg, smss, 10*smss)
		var now time.Duration
		want := func(what string, phase Phase) {
			t.Helper()
			m := c.Metrics()
			if m.Phase != phase || m.Cwnd != c.Cwnd() || m.Ssthresh != c.Ssthresh() || m.Algorithm != alg {
				t.Errorf("alg %d, %s: Metrics() = %+v (Cwnd() %d, Ssthresh() %d), want phase %v", alg, what, m, c.Cwnd(), c.Ssthresh(), phase)
			}
		}
		want("start", SlowStart)
		c.OnAck(now, smss, 10*smss, 100*ms, false)
		want("slow start ACK", SlowStart)
		c.OnEnterRecovery(now, 11*smss, true)
		want("loss", FastRecovery)
		c.OnDupAckInRecovery()
		want("duplicate ACK", FastRecovery)
		c.OnPartialAck(smss)
		want("partial ACK", FastRecovery)
		c.OnExitRecovery(now, smss)
		want("recovery over with little in flight", SlowStart)
		for c.Cwnd() < c.Ssthresh() {
			now += ms
			c.OnAck(now, smss, c.Cwnd(), 100*ms, false)
		}
		want("slow start reached ssthresh", CongestionAvoidance)
		c.OnRTO(now, c.Cwnd(), true)
		want("timeout", RTORecovery)
		c.OnRTO(now, c.Cwnd(), false)
		want("backed-off timeout", RTORecovery)
		c.OnIdleRestart(now)
		want("idle restart during RTO recovery", RTORecovery)
		for c.Cwnd() < c.Ssthresh() {
			now += ms
			c.OnAck(now, smss, c.Cwnd(), 100*ms, false)
		}
		want("RTO recovery over", CongestionAvoidance)
		c.OnEnterRecovery(now, c.Cwnd(), false)
		c.OnRTO(now, c.Cwnd(), true)
		want("timeout during fast recovery", RTORecovery)
		c.OnEnterRecovery(now, c.Cwnd(), false)
		want("fast recovery during RTO recovery", FastRecovery)
	}
}
