package cc

// String returns the algorithm's name as Linux spells it (net.ipv4.tcp_congestion_control).
func (a Algorithm) String() string {
	switch a {
	case Reno:
		return "reno"
	case CUBIC:
		return "cubic"
	default:
		return "unknown"
	}
}

// String returns the phase as the page and the narration name it.
func (p Phase) String() string {
	switch p {
	case SlowStart:
		return "slow start"
	case CongestionAvoidance:
		return "congestion avoidance"
	case FastRecovery:
		return "fast recovery"
	case RTORecovery:
		return "RTO recovery"
	default:
		return "unknown"
	}
}
