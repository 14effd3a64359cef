package cc

import (
	"testing"
	"time"
)

// benchmarkOnAck measures one OnAck in congestion avoidance, with a loss
// every 5 000 ACKs to keep the window realistic.
func benchmarkOnAck(b *testing.B, alg Algorithm) {
	c := New(alg, 1460, 10*1460)
	c.OnEnterRecovery(0, 100*1460, false)
	c.OnExitRecovery(0, 100*1460)
	var now time.Duration
	b.ReportAllocs()
	for i := range b.N {
		now += 100 * time.Microsecond
		c.OnAck(now, 1460, c.Cwnd(), 20*time.Millisecond, false)
		if i%5000 == 4999 {
			c.OnEnterRecovery(now, c.Cwnd(), false)
			c.OnExitRecovery(now, c.Cwnd())
		}
	}
}

func BenchmarkRenoOnAck(b *testing.B)  { benchmarkOnAck(b, Reno) }
func BenchmarkCubicOnAck(b *testing.B) { benchmarkOnAck(b, CUBIC) }

// TestOnAckDoesNotAllocate pins down that the per-ACK path allocates nothing.
func TestOnAckDoesNotAllocate(t *testing.T) {
	for _, alg := range []Algorithm{Reno, CUBIC} {
		c := New(alg, 1460, 10*1460)
		c.OnEnterRecovery(0, 100*1460, false)
		c.OnExitRecovery(0, 100*1460)
		var now time.Duration
		allocs := testing.AllocsPerRun(1000, func() {
			now += time.Millisecond
			c.OnAck(now, 1460, c.Cwnd(), 20*time.Millisecond, false)
			_ = c.Metrics()
		})
		if allocs != 0 {
			t.Errorf("alg %d: OnAck allocates %v times per call, want 0", alg, allocs)
		}
	}
}
