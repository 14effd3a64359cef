package display

import (
	"math"
	"testing"
)

// TestSegSegDist: crossing segments are 0 apart; parallel ones their
// gap; others the nearest end's distance to the other segment.
func TestSegSegDist(t *testing.T) {
	for _, c := range []struct {
		a, b [4]float64
		want float64
	}{
		{[4]float64{0, 0, 10, 10}, [4]float64{0, 10, 10, 0}, 0},
		{[4]float64{0, 0, 10, 0}, [4]float64{0, 3, 10, 3}, 3},
		{[4]float64{0, 0, 10, 0}, [4]float64{13, 4, 20, 4}, 5},
		{[4]float64{0, 0, 10, 0}, [4]float64{5, 2, 5, 8}, 2},
	} {
		got := SegSegDist(c.a[0], c.a[1], c.a[2], c.a[3], c.b[0], c.b[1], c.b[2], c.b[3])
		if math.Abs(got-c.want) > 1e-9 {
			t.Errorf("SegSegDist(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
