package capture

import (
	"io"
	"testing"
)

// BenchmarkWrite writes the golden two_flows run (two bulk flows sharing a
// bottleneck) from A's vantage, regenerating every payload.
func BenchmarkWrite(b *testing.B) {
	tr := goldenTrace(b, "two_flows")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(io.Discard, tr, VantageA); err != nil {
			b.Fatal(err)
		}
	}
}
