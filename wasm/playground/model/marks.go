package model

import (
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// IsRetransmission reports whether e is a segment sent again: after a
// timeout, a third duplicate ACK, a partial ACK or by SACK recovery, or a
// SYN or FIN sent again. This is the sender's own reason (the ground
// truth), not what a capture would infer.
func IsRetransmission(e trace.Event) bool {
	if e.Kind != trace.Sent {
		return false
	}
	switch tcp.SendReason(e.Code) {
	case tcp.SendSYNRetransmit, tcp.SendRTORetransmit, tcp.SendFastRetransmit, tcp.SendPartialAckRetransmit,
		tcp.SendSACKRetransmit, tcp.SendFINRetransmit:
		return true
	}
	return false
}

// MarkKind is what a timeline mark shows.
type MarkKind uint8

// The marks.
const (
	MarkDrop MarkKind = iota + 1 // a packet that never reached its receiver
	MarkRetx                     // a retransmission
)

// Mark is one mark on the timeline scrubber: Pos in thousandths of the
// run's duration, Event the first event it stands for.
type Mark struct {
	Pos   int
	Kind  MarkKind
	Event int
}

// Marks lists the drops and retransmissions of the run, at most one per
// kind per thousandth of the timeline (more would be drawn on the same
// pixel).
func (m *Model) Marks() []Mark {
	var out []Mark
	tr, d := m.Trace, m.Duration()
	last := [3]int{-1, -1, -1}
	for i := 0; i < tr.Len(); i++ {
		e := tr.Event(i)
		var k MarkKind
		switch {
		case e.Kind == trace.Dropped:
			k = MarkDrop
		case IsRetransmission(e):
			k = MarkRetx
		default:
			continue
		}
		pos := 0
		if d > 0 {
			pos = int(1000 * float64(e.At) / float64(d))
		}
		if last[k] == pos {
			continue
		}
		last[k] = pos
		out = append(out, Mark{pos, k, i})
	}
	return out
}
