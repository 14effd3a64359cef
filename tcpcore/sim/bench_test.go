package sim

import (
	"testing"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/tcp"
)

// bulkScenario is the DESIGN.md budget's transfer: total bytes from A to
// B over 100 Mbit/s with a 20 ms RTT, a 100-packet drop-tail queue and
// loss % random loss on the data direction.
func bulkScenario(total int, loss float64, profile tcp.Profile, seed uint64) *scenario.Scenario {
	bufs := scenario.Int(1 << 20)
	ep := func(port uint16) scenario.Endpoint {
		return scenario.Endpoint{Port: port, Profile: profile,
			Options: scenario.Options{SendBuffer: bufs, RecvBuffer: bufs}}
	}
	return &scenario.Scenario{
		Version: 1,
		Title:   scenario.Text{EN: "bulk transfer"},
		Seed:    seed,
		Hosts:   [2][4]byte{{10, 0, 0, 1}, {10, 0, 0, 2}},
		Link: [2]scenario.LinkDir{
			{DelayMS: 10, RateBPS: 100_000_000, QueueLimit: 100, Loss: loss},
			{DelayMS: 10, RateBPS: 100_000_000, QueueLimit: 100},
		},
		Connections: []scenario.Connection{{
			Endpoints: [2]scenario.Endpoint{ep(40000), ep(80)},
			Timeline: []scenario.Action{
				{AtMS: 0, Side: scenario.B, Kind: scenario.Listen},
				{AtMS: 0, Side: scenario.A, Kind: scenario.Connect},
				{AtMS: 0, Side: scenario.A, Kind: scenario.Write, Bytes: total},
				{AtMS: 0, Side: scenario.A, Kind: scenario.Close},
				{AtMS: 10000, Side: scenario.B, Kind: scenario.Close},
			},
		}},
	}
}

// BenchmarkBulk10MB is DESIGN.md's simulation budget: under 20 ms natively,
// at most 2.5 times that under wasm. It reports the trace's bytes per
// segment too (budget: under 256).
func BenchmarkBulk10MB(b *testing.B) {
	sc := bulkScenario(10<<20, 1, tcp.ProfileLinux, 1)
	b.ReportAllocs()
	var segs, size int
	for range b.N {
		tr, err := Run(sc)
		if err != nil {
			b.Fatal(err)
		}
		segs, size = tr.NumSegments(), tr.SizeBytes()
	}
	b.ReportMetric(float64(segs), "segments")
	b.ReportMetric(float64(size)/float64(segs), "tracebytes/segment")
}
