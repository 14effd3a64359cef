package analysis

import (
	"os"
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
