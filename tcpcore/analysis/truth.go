package analysis

import (
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// Truth is what the trace knows about one sent segment, where Wireshark
// can only guess: why it was sent and what became of it. The page puts it
// next to Labels ("Wireshark says Out-Of-Order; it was a fast
// retransmission").
type Truth struct {
	Reason tcp.SendReason
	// Retransmission: the sender sent these sequence numbers before
	// (RTO, fast, partial-ACK, SACK, SYN or FIN retransmission).
	Retransmission bool
	// Delivered: at least one copy reached the receiver's TCP.
	Delivered bool
	// Spurious: a retransmission whose every delivered copy the receiver
	// already had (RecvDuplicate): the original was not lost after all.
	Spurious bool
}

// GroundTruth returns, indexed by trace event, the Truth of every Sent
// event (zero for other events).
func GroundTruth(tr *trace.Trace) []Truth {
	out := make([]Truth, tr.Len())
	sentAt := make(map[uint32]int) // header → its Sent event
	newData := make(map[uint32]bool)
	for i, e := range tr.Events() {
		switch e.Kind {
		case trace.Sent:
			r := tcp.SendReason(e.Code)
			sentAt[e.Ref] = i
			out[i].Reason = r
			switch r {
			case tcp.SendRTORetransmit, tcp.SendFastRetransmit, tcp.SendPartialAckRetransmit,
				tcp.SendSACKRetransmit, tcp.SendSYNRetransmit, tcp.SendFINRetransmit:
				out[i].Retransmission = true
			}
		case trace.Received:
			j, ok := sentAt[e.Ref]
			if !ok {
				continue
			}
			out[j].Delivered = true
			if tcp.RecvOutcome(e.Code) != tcp.RecvDuplicate {
				newData[e.Ref] = true
			}
			out[j].Spurious = out[j].Retransmission && !newData[e.Ref]
		}
	}
	return out
}
