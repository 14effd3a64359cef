package model

import (
	"strings"
	"testing"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
)

// TestFaultWords: the editor's words for every preset's faults, in both
// languages, and the ordinals.
func TestFaultWords(t *testing.T) {
	for _, c := range []struct {
		f          scenario.Fault
		en, zh, do string
	}{
		{scenario.Fault{Segment: 4, Action: scenario.FaultDrop}, "segment 4", "第 4 个报文段", "drop"},
		{scenario.Fault{Data: 10, Every: true, Action: scenario.FaultCorrupt}, "data segment 10 and every later one", "第 10 个数据报文段及其后的每一个", "corrupt a bit"},
		{scenario.Fault{Data: 8, Action: scenario.FaultDelay, DelayMS: 15}, "data segment 8", "第 8 个数据报文段", "delay 15 ms"},
		{scenario.Fault{Flags: "S", Nth: 2, Action: scenario.FaultDrop}, "the 2nd SYN", "第 2 个 SYN", "drop"},
		{scenario.Fault{Flags: "SA", Action: scenario.FaultDuplicate}, "the 1st SYN-ACK", "第 1 个 SYN-ACK", "duplicate"},
		{scenario.Fault{Flags: "F", Every: true, Action: scenario.FaultDrop}, "every FIN", "每个 FIN", "drop"},
		{scenario.Fault{Flags: "PA", Nth: 13, Action: scenario.FaultDrop}, "the 13th [PA]", "第 13 个 [PA]", "drop"},
	} {
		if got := FaultTarget(narrate.English, c.f); got != c.en {
			t.Errorf("%+v: %q, want %q", c.f, got, c.en)
		}
		if got := FaultTarget(narrate.Chinese, c.f); got != c.zh {
			t.Errorf("%+v: %q, want %q", c.f, got, c.zh)
		}
		if got := FaultEffect(narrate.English, c.f); got != c.do {
			t.Errorf("%+v: effect %q, want %q", c.f, got, c.do)
		}
	}
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 102: "102nd", 111: "111th"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	for _, p := range presets.All() {
		for _, f := range p.Scenario().Faults {
			for _, l := range []narrate.Lang{narrate.English, narrate.Chinese} {
				if FaultTarget(l, f) == "" || FaultEffect(l, f) == "?" {
					t.Errorf("%s: fault %+v has no words in %v", p.Name, f, l)
				}
			}
		}
	}
}

// TestAddAndDeleteFault: a fault added in the editor drops the SYN-ACK
// (the run changes and the trace has a scripted drop from B); deleting
// it brings the preset's trace back; a fault the format forbids (every
// with a segment number) is refused with the path named.
func TestAddAndDeleteFault(t *testing.T) {
	m := handshake(t)
	orig := m.Trace.Text()
	if !m.Apply(AddFault(scenario.Fault{Dir: int(trace.B), Flags: "S", Action: scenario.FaultDrop})) {
		t.Fatal(m.Err)
	}
	drops := 0
	for _, e := range m.Trace.Events() {
		if e.Kind == trace.Dropped && e.Side == trace.B && trace.Drop(e.Code) == trace.DropScripted {
			drops++
		}
	}
	if drops != 1 {
		t.Errorf("%d scripted drops of B's segments, want the SYN-ACK's", drops)
	}
	if !m.Apply(DeleteFault(0)) || m.Trace.Text() != orig {
		t.Errorf("deleting the fault: %q, or the trace differs from the preset's", m.Err)
	}
	if m.Apply(AddFault(scenario.Fault{Segment: 2, Every: true, Action: scenario.FaultDrop})) {
		t.Fatal("a fault with every and a segment number was accepted")
	}
	if want := "faults[0].every"; !strings.Contains(m.Err, want) {
		t.Errorf("error %q does not name %s", m.Err, want)
	}
	if m.Apply(DeleteFault(3)) {
		t.Error("deleting a fault that does not exist succeeded")
	}
}
