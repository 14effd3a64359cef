package rtt

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestRandomSamples checks, over seeded random samples and back-offs, that
// the RTO stays within [min, max] (RFC 6298 (2.4), (2.5)), that SRTT stays
// within the range of the samples (it is a weighted average), and that RTTVAR
// is never negative.
func TestRandomSamples(t *testing.T) {
	rng := rand.New(rand.NewPCG(6298, 1))
	for trial := range 200 {
		lo := time.Duration(rng.IntN(2000)) * time.Millisecond
		hi := lo + time.Duration(1+rng.IntN(120))*time.Second
		e := NewEstimator(time.Second, lo, hi)
		minR, maxR := time.Duration(1<<62), time.Duration(0)
		for step := range 100 {
			if rng.IntN(5) == 0 {
				e.Backoff()
			} else {
				r := time.Duration(rng.Int64N(int64(3 * time.Second)))
				minR, maxR = min(minR, r), max(maxR, r)
				e.Sample(r)
				if e.SRTT() < minR || e.SRTT() > maxR {
					t.Fatalf("trial %d step %d: SRTT = %v outside the samples' range [%v, %v]", trial, step, e.SRTT(), minR, maxR)
				}
			}
			if e.RTO() < lo || e.RTO() > hi || e.RTTVar() < 0 {
				t.Fatalf("trial %d step %d: RTO = %v (bounds [%v, %v]), RTTVAR = %v", trial, step, e.RTO(), lo, hi, e.RTTVar())
			}
		}
	}
}
