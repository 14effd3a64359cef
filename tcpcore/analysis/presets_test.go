package analysis

import (
	"testing"
	"time"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

// namedTrace is a run to test on: a scenario file or a preset.
type namedTrace struct {
	name string
	tr   *trace.Trace
}

// scenariosAndPresets runs every scenario file and every preset.
func scenariosAndPresets(t *testing.T) []namedTrace {
	t.Helper()
	var out []namedTrace
	for _, f := range scenarioFiles {
		out = append(out, namedTrace{f, run(t, f)})
	}
	for _, p := range presets.All() {
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatalf("preset %s: %v", p.Name, err)
		}
		out = append(out, namedTrace{"preset " + p.Name, tr})
	}
	return out
}

// TestPresetLimits checks the "what limits the sender" strip on the
// presets that are about a limit: in the stretch where the preset makes
// its point, A is held back by what the preset teaches for (nearly) all
// of the time.
func TestPresetLimits(t *testing.T) {
	s := func(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }
	tests := []struct {
		preset   string
		conn     int
		from, to time.Duration
		want     Limit
		atLeast  float64 // of the stretch
	}{
		// A slow reader: the receiver's window, zero for seconds.
		{"zero-window", 0, s(0.1), s(10), LimitRwnd, 0.95},
		{"silly-window", 0, s(0.08), s(0.6), LimitRwnd, 0.95},
		// Without window scaling the 64 KB window limits, not cwnd.
		{"window-scaling", 0, s(0.6), s(1.6), LimitRwnd, 0.8},
		// With it, slow start's cwnd does.
		{"window-scaling", 1, s(3.2), s(3.8), LimitCwnd, 0.9},
		// A full bottleneck queue: the link's rate.
		{"slow-start", 0, s(0.2), s(1), LimitLink, 0.8},
		{"bufferbloat", 0, s(0.5), s(2.4), LimitLink, 0.95},
		{"two-flows", 0, s(1.5), s(5.5), LimitLink, 0.9},
		{"two-flows", 1, s(1.5), s(5.5), LimitLink, 0.9},
		{"cubic-vs-reno", 0, s(1), s(14), LimitLink, 0.9},
		{"cubic-vs-reno", 1, s(1), s(14), LimitLink, 0.9},
	}
	for _, tt := range tests {
		p, ok := presets.Lookup(tt.preset)
		if !ok {
			t.Fatalf("no preset %q", tt.preset)
		}
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatal(err)
		}
		held := map[Limit]time.Duration{}
		for _, iv := range Limits(tr, tt.conn, trace.A) {
			if lo, hi := max(iv.From, tt.from), min(iv.To, tt.to); hi > lo {
				held[iv.Limit] += hi - lo
			}
		}
		if f := float64(held[tt.want]) / float64(tt.to-tt.from); f < tt.atLeast {
			t.Errorf("%s connection %d, %v to %v: %v for %.0f%% of the time, want at least %.0f%% (all: %v)",
				tt.preset, tt.conn, tt.from, tt.to, tt.want, 100*f, 100*tt.atLeast, held)
		}
	}
	// Window scaling's point: connection 1 is never held back by the
	// receiver's window.
	p, _ := presets.Lookup("window-scaling")
	tr, _ := sim.Run(p.Scenario())
	for _, iv := range Limits(tr, 1, trace.A) {
		if iv.Limit == LimitRwnd {
			t.Errorf("window-scaling connection 1 is receiver-window limited from %v to %v", iv.From, iv.To)
		}
	}
}
