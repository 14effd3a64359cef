package analysis

import (
	"os"
	"path/filepath"
	"testing"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

// run simulates a scenario file (relative to this package).
func run(t *testing.T, path string) *trace.Trace {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", path, err)
	}
	tr, err := sim.Run(sc)
	if err != nil {
		t.Fatalf("Run(%s): %v", path, err)
	}
	return tr
}

var _ = scenario.Decode

var scenarioFiles = []string{
	"testdata/fast_retransmit.json",
	"testdata/reorder.json",
	"testdata/zero_window_new_byte.json",
	"testdata/zero_window_old_seq.json",
	"testdata/keepalive.json",
	"../sim/testdata/handshake.json",
	"../sim/testdata/lossy.json",
	"../sim/testdata/faults.json",
	"../sim/testdata/zero_window.json",
	"../sim/testdata/two_flows.json",
	"../sim/testdata/refused.json",
	"../sim/testdata/simultaneous.json",
}

// TestDump prints the labelled segments when -v and ANALYSIS_DUMP are set.
func TestDump(t *testing.T) {
	if os.Getenv("ANALYSIS_DUMP") == "" {
		t.Skip("set ANALYSIS_DUMP=file to print")
	}
	f := os.Getenv("ANALYSIS_DUMP")
	tr := run(t, f)
	for _, v := range []Vantage{AtA, AtB, OnLink} {
		t.Logf("== %s %s", filepath.Base(f), v)
		for i, l := range Label(tr, v) {
			if l.Frame != 0 {
				t.Logf("%4d %-60s %s", l.Frame, tr.Format(i), l)
			}
		}
	}
}
