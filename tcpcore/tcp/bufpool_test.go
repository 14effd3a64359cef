package tcp

import (
	"testing"
	"time"
)

// Buffers handed back by Release come out of getBuf again, stale bytes
// and all; a transfer over them must still deliver every byte intact,
// which proves no stale byte is ever read as data.
func TestPooledBuffersCarryNoStaleData(t *testing.T) {
	const poisonedCap = 1<<20 + 123 // bigger than any buffer below, and recognisable
	for range 16 {
		b := make([]byte, poisonedCap)
		for i := range b {
			b[i] = 0xa5
		}
		putBuf(b)
	}
	m := linkModel{Delay: 15 * time.Millisecond, Jitter: 5 * time.Millisecond, Loss: 0.03,
		Duplicate: 0.01, Reorder: 0.02}
	reused := 0
	for seed := uint64(1); seed <= 8; seed++ {
		p := runSeed(t, seed, combos[int(seed)%len(combos)], m, 150_000, 40_000, nil)
		for _, e := range []*Endpoint{p.a.e, p.b.e} {
			for _, b := range [][]byte{e.sndBuf, e.rcv.buf} {
				if cap(b) == poisonedCap {
					reused++
				}
			}
			e.Release()
			if e.sndBuf != nil || e.rcv.buf != nil {
				t.Fatalf("seed %d: Release kept the buffers", seed)
			}
		}
	}
	// Sixteen poisoned buffers were waiting and every run releases its
	// four: were none taken, this test would prove nothing.
	if reused == 0 {
		t.Fatal("no endpoint got a pooled buffer")
	}
	t.Logf("%d of 32 buffers came from the poisoned pool", reused)
}
