package narrate

import (
	"strings"
	"testing"

	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// TestShortNamesHaveChinese: every value of each enum (found by its English
// name, as coverage_test.go does) has a Chinese short name, so a value
// added to the trace cannot show English alone in a Chinese ladder.
func TestShortNamesHaveChinese(t *testing.T) {
	check := func(what string, i int, en string, zh []string) {
		if zhName(zh, i) == "" {
			t.Errorf("%s %d (%s) has no Chinese short name", what, i, en)
		}
	}
	for d := trace.Drop(1); d.String() != "Drop(?)"; d++ {
		check("drop", int(d), d.String(), dropZH[:])
	}
	for r := tcp.SendReason(1); !strings.HasPrefix(trace.SendReasonName(r), "?"); r++ {
		check("send reason", int(r), trace.SendReasonName(r), reasonZH[:])
	}
	for k := tcp.TimerKind(0); k < tcp.NumTimers; k++ {
		check("timer", int(k), trace.TimerName(k), timerZH[:])
	}
	for a := trace.AppAction(1); a.String() != "AppAction(?)"; a++ {
		check("app action", int(a), a.String(), appZH[:])
	}
	if got := ReasonName(Chinese, tcp.SendFastRetransmit); got != "快速重传" {
		t.Errorf("ReasonName(Chinese, SendFastRetransmit) = %q", got)
	}
	if got := ReasonName(English, tcp.SendFastRetransmit); got != trace.SendReasonName(tcp.SendFastRetransmit) {
		t.Errorf("ReasonName(English, SendFastRetransmit) = %q, want the trace's name", got)
	}
}
