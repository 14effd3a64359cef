package tcp

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"tcpplayground/tcpcore/wire"
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
		moved := false
		for {
			s, ok := x.Poll(now)
			if !ok {
				break
			}
			moved = true
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
			moved = true
			x.Handle(now, &s)
		}
		now += step
		if !moved {
			// Nothing on the wire: jump to the next timer (a timeout).
			for _, e := range []*Endpoint{x, y} {
				if t, ok := e.NextTimeout(); ok {
					now = max(now, t)
				}
			}
		}
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

// delayLine is a zero-allocation FIFO link with a fixed delay: each entry
// keeps its own copy of the payload.
type delayLine struct {
	q     []delayed
	first int
	delay time.Duration
}

type delayed struct {
	at  time.Duration
	seg wire.Segment
	buf [1460]byte // the default MSS
}

func (d *delayLine) push(now time.Duration, s *wire.Segment) {
	if d.first > 0 && d.first == len(d.q) {
		d.q, d.first = d.q[:0], 0
	}
	if len(d.q) < cap(d.q) {
		d.q = d.q[:len(d.q)+1] // reuse the entry without clearing its buffer
	} else {
		d.q = append(d.q, delayed{})
	}
	e := &d.q[len(d.q)-1]
	e.at, e.seg = now+d.delay, *s
	e.seg.Payload = e.buf[:copy(e.buf[:], s.Payload)]
}

func (d *delayLine) pop(now time.Duration) (*wire.Segment, bool) {
	if d.first == len(d.q) || d.q[d.first].at > now {
		return nil, false
	}
	d.first++
	return &d.q[d.first-1].seg, true
}

func (d *delayLine) next() (time.Duration, bool) {
	if d.first == len(d.q) {
		return 0, false
	}
	return d.q[d.first].at, true
}

// BenchmarkBulkTransferDelayed moves 10 MB over a 20 ms RTT with unlimited
// bandwidth: the send buffer stays full, so buffer compaction shows here.
func BenchmarkBulkTransferDelayed(b *testing.B) {
	for _, p := range []Profile{ProfileRFC, ProfileLinux} {
		b.Run([]string{"rfc", "linux"}[p], func(b *testing.B) {
			const total = 10 << 20
			src := make([]byte, 64<<10)
			segs := 0
			ab := &delayLine{q: make([]delayed, 0, 512), delay: 10 * time.Millisecond}
			ba := &delayLine{q: make([]delayed, 0, 512), delay: 10 * time.Millisecond}
			b.SetBytes(total)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				segs += bulkDelayed(b, p, src, total, ab, ba)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(segs), "ns/segment")
		})
	}
}

func bulkDelayed(b *testing.B, p Profile, src []byte, total int, ab, ba *delayLine) int {
	ca, cb := DefaultConfig(p), DefaultConfig(p)
	x, _ := New(ca)
	y, _ := New(cb)
	var now time.Duration
	y.Listen(now, 80)
	x.Connect(now, 40000, 80)
	written, read, segs := 0, 0, 0
	for read < total {
		if x.State() == Established && written < total {
			n, _ := x.Write(now, src[:min(len(src), total-written)])
			written += n
		}
		for s, ok := ab.pop(now); ok; s, ok = ab.pop(now) {
			y.Handle(now, s)
		}
		for s, ok := ba.pop(now); ok; s, ok = ba.pop(now) {
			x.Handle(now, s)
		}
		for _, e := range []*Endpoint{x, y} {
			if t, ok := e.NextTimeout(); ok && t <= now {
				e.HandleTimeout(now)
			}
		}
		n, _ := y.Discard(now, total)
		read += n
		for s, ok := x.Poll(now); ok; s, ok = x.Poll(now) {
			segs++
			ab.push(now, &s)
		}
		for s, ok := y.Poll(now); ok; s, ok = y.Poll(now) {
			ba.push(now, &s)
		}
		next, ok := time.Duration(1<<62), false
		for _, t := range []func() (time.Duration, bool){ab.next, ba.next, x.NextTimeout, y.NextTimeout} {
			if d, has := t(); has && d < next {
				next, ok = d, true
			}
		}
		if !ok {
			b.Fatalf("stuck at %v after %d bytes", now, read)
		}
		now = max(now, next)
	}
	return segs
}

// smallWrites moves total bytes over a 20 ms RTT with the application
// refilling the send buffer in writes of at most chunk bytes after every
// ACK that arrives, so the buffer stays full and every write lands at its
// tail. It returns the data segments sent and the bytes Write's compaction
// moved.
func smallWrites(tb testing.TB, p Profile, total, chunk int) (segs, moved int) {
	ca, cb := DefaultConfig(p), DefaultConfig(p)
	x, _ := New(ca)
	y, _ := New(cb)
	ab := &delayLine{q: make([]delayed, 0, 512), delay: 10 * time.Millisecond}
	ba := &delayLine{q: make([]delayed, 0, 512), delay: 10 * time.Millisecond}
	src := make([]byte, chunk)
	var now time.Duration
	y.Listen(now, 80)
	x.Connect(now, 40000, 80)
	written, read := 0, 0
	for read < total {
		for s, ok := ba.pop(now); ok; s, ok = ba.pop(now) {
			x.Handle(now, s)
			for x.State() == Established && written < total {
				n, _ := x.Write(now, src[:min(chunk, total-written)])
				if n == 0 {
					break
				}
				written += n
			}
		}
		for s, ok := ab.pop(now); ok; s, ok = ab.pop(now) {
			y.Handle(now, s)
		}
		for _, e := range []*Endpoint{x, y} {
			if t, ok := e.NextTimeout(); ok && t <= now {
				e.HandleTimeout(now)
			}
		}
		n, _ := y.Discard(now, total)
		read += n
		for s, ok := x.Poll(now); ok; s, ok = x.Poll(now) {
			segs++
			ab.push(now, &s)
		}
		for s, ok := y.Poll(now); ok; s, ok = y.Poll(now) {
			ba.push(now, &s)
		}
		next, ok := time.Duration(1<<62), false
		for _, t := range []func() (time.Duration, bool){ab.next, ba.next, x.NextTimeout, y.NextTimeout} {
			if d, has := t(); has && d < next {
				next, ok = d, true
			}
		}
		if !ok {
			tb.Fatalf("stuck at %v after %d bytes", now, read)
		}
		now = max(now, next)
	}
	return segs, x.sndMoved
}

// TestSmallWritesAfterEachAckNotQuadratic: an application writing a few
// kB after every ACK into a full send buffer used to make Write compact
// the whole buffer each time (about a buffer's worth moved per ACK). The
// bytes compaction moves must stay within one per byte written, whatever
// the transfer's length.
func TestSmallWritesAfterEachAckNotQuadratic(t *testing.T) {
	for _, chunk := range []int{1000, 3000, 1 << 14} {
		for _, total := range []int{1 << 20, 8 << 20} {
			_, moved := smallWrites(t, ProfileLinux, total, chunk)
			if moved > total {
				t.Errorf("writes of %d B, %d B transferred: compaction moved %d B, want at most %d (one per byte)",
					chunk, total, moved, total)
			}
		}
	}
}

// BenchmarkSmallWritesAfterEachAck reports the cost per byte of the
// pattern above for two transfer sizes: it must not grow with the size.
func BenchmarkSmallWritesAfterEachAck(b *testing.B) {
	for _, total := range []int{1 << 20, 8 << 20} {
		b.Run(fmt.Sprintf("%dMB", total>>20), func(b *testing.B) {
			b.SetBytes(int64(total))
			moved := 0
			for range b.N {
				_, m := smallWrites(b, ProfileLinux, total, 3000)
				moved += m
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*total), "ns/byte")
			b.ReportMetric(float64(moved)/float64(b.N*total), "moved/byte")
		})
	}
}
