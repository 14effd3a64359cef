package cc

import "testing"

func TestNames(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{Reno.String(), "reno"},
		{CUBIC.String(), "cubic"},
		{Algorithm(9).String(), "unknown"},
		{SlowStart.String(), "slow start"},
		{CongestionAvoidance.String(), "congestion avoidance"},
		{FastRecovery.String(), "fast recovery"},
		{RTORecovery.String(), "RTO recovery"},
		{Phase(9).String(), "unknown"},
	} {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}
