package analysis

import (
	"testing"

	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// TestGroundTruthVersusLabels checks Truth on the scenarios and the
// presets and that Wireshark's guesses at the sender's side line up with
// it where they must: a segment labelled Fast Retransmission at A was
// truly resent, a Zero Window Probe truly a probe, a Keep-Alive a
// keep-alive or a Linux-style probe.
func TestGroundTruthVersusLabels(t *testing.T) {
	spurious := 0
	for _, nt := range scenariosAndPresets(t) {
		f, tr := nt.name, nt.tr
		truth := GroundTruth(tr)
		labels := Label(tr, AtA)
		for i, e := range tr.Events() {
			if e.Kind != trace.Sent || e.Side != trace.A {
				continue
			}
			l, tt := labels[i], truth[i]
			if tt.Spurious {
				spurious++
			}
			if l.Has(FastRetransmission) && !tt.Retransmission {
				t.Errorf("%s: %s labelled %q, but its send reason is %v", f, tr.Format(i), l, tt.Reason)
			}
			if l.Has(ZeroWindowProbe) && tt.Reason != tcp.SendZeroWindowProbe {
				t.Errorf("%s: %s labelled %q, but its send reason is %v", f, tr.Format(i), l, tt.Reason)
			}
			if l.Has(KeepAlive) && tt.Reason != tcp.SendKeepAlive && tt.Reason != tcp.SendZeroWindowProbe {
				t.Errorf("%s: %s labelled %q, but its send reason is %v", f, tr.Format(i), l, tt.Reason)
			}
			if tt.Retransmission && l.Flags&(Retransmission|OutOfOrder) == 0 {
				t.Errorf("%s: %s is a retransmission (%v), but labelled %q", f, tr.Format(i), tt.Reason, l)
			}
		}
	}
	if spurious == 0 {
		t.Errorf("no spurious retransmission in the scenarios, want reorder.json to have some")
	}
}
