package tcp

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// BenchmarkBulkTransfer moves 10 MB from A to B over a clean in-memory
// link with no encoding: each segment Poll returns is handed straight to
// the other endpoint's Handle. It reports the cost and the allocations per
// data segment; steady state must allocate nothing.
func BenchmarkBulkTransfer(b *testing.B) {
	for _, bc := range []struct {
		name string
		p    Profile
		loss float64
	}{{"rfc", ProfileRFC, 0}, {"linux", ProfileLinux, 0}, {"rfc-loss1%", ProfileRFC, 0.01}, {"linux-loss1%", ProfileLinux, 0.01}} {
		p, loss := bc.p, bc.loss
		b.Run(bc.name, func(b *testing.B) {
			const total = 10 << 20
			src := make([]byte, 64<<10)
			for i := range src {
				src[i] = byte(i * 7)
			}
			segs := 0
			b.SetBytes(total)
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for range b.N {
				segs += bulk(b, p, src, total, loss)
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(segs), "ns/segment")
			// Setting up the two endpoints allocates a few times per op;
			// what matters is that nothing grows with the segment count.
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(segs), "allocs/segment")
		})
	}
}

// bulk runs one transfer and returns the data segments sent.
func bulk(b *testing.B, p Profile, src []byte, total int, loss float64) int {
	rng := rand.New(rand.NewPCG(1, 2))
	ca, cb := DefaultConfig(p), DefaultConfig(p)
	cb.ISS = 7777
	x, _ := New(ca)
	y, _ := New(cb)
	var now time.Duration
	y.Listen(now, 80)
	x.Connect(now, 40000, 80)
	written, read, segs := 0, 0, 0
	const step = 50 * time.Microsecond
	for read < total {
		if x.State() == Established && written < total {
			n, _ := x.Write(now, src[:min(len(src), total-written)])
			written += n
		}
		for {
			s, ok := x.Poll(now)
			if !ok {
				break
			}
			if len(s.Payload) > 0 {
				segs++
				if loss > 0 && rng.Float64() < loss {
					continue
				}
			}
			y.Handle(now, &s)
		}
		n, _ := y.Discard(now, total)
		read += n
		for {
			s, ok := y.Poll(now)
			if !ok {
				break
			}
			x.Handle(now, &s)
		}
		now += step
		for _, e := range []*Endpoint{x, y} {
			if t, ok := e.NextTimeout(); ok && t <= now {
				e.HandleTimeout(now)
			}
		}
	}
	if read != total {
		b.Fatalf("read %d of %d", read, total)
	}
	return segs
}

// TestBulkTransferAllocations pins the zero-allocation property: the
// allocations of a transfer with 1 % loss do not grow with its length.
func TestBulkTransferAllocations(t *testing.T) {
	src := make([]byte, 64<<10)
	b := &testing.B{}
	small := testing.AllocsPerRun(3, func() { bulk(b, ProfileLinux, src, 1<<20, 0.01) })
	large := testing.AllocsPerRun(3, func() { bulk(b, ProfileLinux, src, 8<<20, 0.01) })
	// A few slices (the reassembly queue, the SACK scoreboard) grow to
	// the most holes seen and are reused: a handful, not one per segment.
	if large > small+10 {
		t.Errorf("allocations: %v for 1 MB, %v for 8 MB; want no per-segment allocation", small, large)
	}
}
