package tcp

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// traceRecorder turns every event into a line, so that two runs can be
// compared event by event.
func traceRecorder(out *[]string) func(*Event) {
	return func(ev *Event) {
		c := *ev
		seg := ""
		if c.Seg != nil {
			s := *c.Seg
			n := len(s.Payload)
			s.Payload = nil
			seg = fmt.Sprintf("%+v len=%d", s, n)
		}
		c.Seg = nil
		*out = append(*out, fmt.Sprintf("%+v %s", c, seg))
	}
}

// Header prediction is only a shortcut: with it and without it, the same
// transfer over the same faulty link must produce exactly the same events
// (segments, outcomes, windows, timers, RTT samples, congestion, spaces),
// in every profile and with random settings. The test also checks that
// the shortcut was taken.
func TestHeaderPredictionChangesNothing(t *testing.T) {
	seeds := seedCount(40, 10)
	predicted := 0
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		r := rand.New(rand.NewPCG(seed, 11))
		m := linkModel{
			Delay:     time.Duration(1+r.IntN(30)) * time.Millisecond,
			Jitter:    time.Duration(r.IntN(10)) * time.Millisecond,
			Loss:      r.Float64() * 0.05,
			Duplicate: r.Float64() * 0.02,
			Reorder:   r.Float64() * 0.05,
		}
		if seed%4 == 0 {
			m = linkModel{Delay: 10 * time.Millisecond}
		}
		c := combos[r.IntN(len(combos))]
		mss := []int{536, 1460}[r.IntN(2)]
		rcv := []int{8192, 65536, 300_000}[r.IntN(3)]
		sack, ts, ws, delack := r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0
		sizeA, sizeB := 50_000+r.IntN(150_000), r.IntN(30_000)
		if seed%2 == 0 {
			sizeB = 0 // one-way data: the case prediction is for
		}
		var traces [2][]string
		for i, slow := range []bool{false, true} {
			p := runSeedApp(t, seed, c, m, sizeA, sizeB, func(cfg *Config) {
				cfg.MSS, cfg.RecvBufferSize = mss, rcv
				cfg.SACK, cfg.Timestamps, cfg.WindowScale, cfg.DelayedACK = sack, ts, ws, delack
				cfg.Observer = traceRecorder(&traces[i])
			}, func(a, b *peer) {
				a.e.noPrediction, b.e.noPrediction = slow, slow
			})
			if !slow {
				predicted += p.a.e.predictions + p.b.e.predictions
			} else if n := p.a.e.predictions + p.b.e.predictions; n != 0 {
				t.Fatalf("seed %d: %d predictions with prediction off", seed, n)
			}
		}
		fast, slow := traces[0], traces[1]
		for i := range min(len(fast), len(slow)) {
			if fast[i] != slow[i] {
				t.Fatalf("seed %d %s: event %d differs with header prediction:\n got  %s\n want %s\n(before: %s)",
					seed, c.name, i, fast[i], slow[i], strings.Join(slow[max(i-3, 0):i], "\n"))
			}
		}
		if len(fast) != len(slow) {
			t.Fatalf("seed %d %s: %d events with header prediction, %d without", seed, c.name, len(fast), len(slow))
		}
	}
	if predicted == 0 {
		t.Error("header prediction never taken: the test compares nothing")
	}
	t.Logf("%d segments took header prediction", predicted)
}
