package trace

import (
	"strconv"
	"time"

	"tcpplayground/tcpcore/tcp"
)

// The short names the text format gives the endpoint's enumerations.
// Narration in full sentences lives elsewhere; these are identifiers.
var (
	sendReasonNames = [...]string{
		tcp.SendSYN: "SYN", tcp.SendSYNACK: "SYN-ACK", tcp.SendSYNRetransmit: "SYN retransmit",
		tcp.SendNewData: "new data", tcp.SendRTORetransmit: "RTO retransmit",
		tcp.SendFastRetransmit: "fast retransmit", tcp.SendPartialAckRetransmit: "partial-ACK retransmit",
		tcp.SendSACKRetransmit: "SACK retransmit", tcp.SendLimitedTransmit: "limited transmit",
		tcp.SendZeroWindowProbe: "zero-window probe", tcp.SendKeepAlive: "keep-alive",
		tcp.SendWindowUpdate: "window update", tcp.SendDelayedACK: "delayed ACK",
		tcp.SendImmediateACK: "immediate ACK", tcp.SendChallengeACK: "challenge ACK",
		tcp.SendFIN: "FIN", tcp.SendFINRetransmit: "FIN retransmit", tcp.SendRST: "RST",
		tcp.SendTimeWaitACK: "TIME-WAIT ACK",
	}
	recvOutcomeNames = [...]string{
		tcp.RecvAccepted: "accepted", tcp.RecvOutOfOrder: "out of order", tcp.RecvDuplicate: "duplicate",
		tcp.RecvOutsideWindow: "outside window", tcp.RecvPAWSRejected: "PAWS rejected",
		tcp.RecvRST: "reset", tcp.RecvRSTIgnored: "RST ignored", tcp.RecvSYNChallenged: "SYN challenged",
		tcp.RecvAckOnly: "ACK", tcp.RecvAckUnacceptable: "unacceptable ACK", tcp.RecvDupAck: "dup ACK",
		tcp.RecvNoConnection: "no connection", tcp.RecvDropped: "dropped",
		tcp.RecvWindowUpdate: "window update",
	}
	causeNames = [...]string{
		tcp.CauseUser: "user", tcp.CauseSegment: "segment", tcp.CauseTimeWait: "2MSL",
		tcp.CauseTimeout: "timeout", tcp.CauseReset: "reset",
	}
	timerNames = [...]string{
		tcp.TimerRTO: "RTO", tcp.TimerDelayedACK: "delayed-ACK", tcp.TimerPersist: "persist",
		tcp.TimerKeepAlive: "keepalive", tcp.TimerTimeWait: "TIME-WAIT",
	}
)

func name(table []string, i uint8) string {
	if int(i) < len(table) && table[i] != "" {
		return table[i]
	}
	return "?" + strconv.Itoa(int(i))
}

// SendReasonName, RecvOutcomeName, StateCauseName and TimerName return the
// short names the text format prints.
func SendReasonName(r tcp.SendReason) string   { return name(sendReasonNames[:], uint8(r)) }
func RecvOutcomeName(o tcp.RecvOutcome) string { return name(recvOutcomeNames[:], uint8(o)) }
func StateCauseName(c tcp.StateCause) string   { return name(causeNames[:], uint8(c)) }
func TimerName(k tcp.TimerKind) string         { return name(timerNames[:], uint8(k)) }

// appendTime appends t in seconds with microseconds, as packetdrill prints
// times; nanoseconds beyond are cut (the Event keeps them).
func appendTime(b []byte, t time.Duration) []byte {
	if t < 0 {
		b = append(b, '-')
		t = -t
	}
	us := int64(t / time.Microsecond)
	b = strconv.AppendInt(b, us/1e6, 10)
	b = append(b, '.')
	frac := us % 1e6
	for d := int64(100000); d > 0; d /= 10 {
		b = append(b, byte('0'+frac/d%10))
	}
	return b
}

func appendDur(b []byte, d time.Duration) []byte { return appendTime(b, d) }

// Format returns event i as one line (no newline).
func (t *Trace) Format(i int) string { return string(t.AppendEvent(nil, i)) }

// String returns the whole trace as Text does.
func (t *Trace) String() string { return t.Text() }

// Text returns the whole trace, one line per event.
func (t *Trace) Text() string {
	var b []byte
	for i := range t.events {
		b = t.AppendEvent(b, i)
		b = append(b, '\n')
	}
	return string(b)
}

// AppendEvent appends the line of event i to b.
func (t *Trace) AppendEvent(b []byte, i int) []byte {
	e := t.events[i]
	b = appendTime(b, e.At)
	b = append(b, ' ')
	if len(t.conns) > 1 && e.Kind != End {
		b = append(b, 'c')
		b = strconv.AppendInt(b, int64(e.Conn), 10)
		b = append(b, ' ')
	}
	me, peer := e.Side.String(), e.Side.Peer().String()
	switch e.Kind {
	case Sent:
		b = append(b, me+">"+peer+" "...)
		b = t.appendSegment(b, e)
		b = append(b, " ["...)
		b = append(b, SendReasonName(tcp.SendReason(e.Code))...)
		if c := e.RSTCause(); c != 0 {
			b = append(b, " after "...)
			b = append(b, RecvOutcomeName(c)...)
		}
		b = append(b, ']')
	case Received:
		b = append(b, me+"<"+peer+" "...)
		b = t.appendSegment(b, e)
		b = append(b, " ["...)
		b = append(b, RecvOutcomeName(tcp.RecvOutcome(e.Code))...)
		if tcp.RecvOutcome(e.Code) == tcp.RecvDupAck {
			b = append(b, " #"...)
			b = strconv.AppendInt(b, int64(e.DupAcks()), 10)
		}
		if d := e.DetailRef(); d != 0 {
			b = append(b, ": "...)
			b = append(b, t.strs[d]...)
		}
		b = append(b, ']')
	case State:
		b = append(b, me+" state "...)
		b = append(b, e.From().String()...)
		b = append(b, " -> "...)
		b = append(b, e.To().String()...)
		b = append(b, " ("...)
		b = append(b, StateCauseName(tcp.StateCause(e.Code))...)
		b = append(b, ')')
	case TimerSet:
		b = append(b, me+" timer "...)
		b = append(b, TimerName(tcp.TimerKind(e.Code))...)
		b = append(b, " set for "...)
		b = appendTime(b, e.Deadline())
	case TimerCancelled, TimerFired:
		b = append(b, me+" timer "...)
		b = append(b, TimerName(tcp.TimerKind(e.Code))...)
		if e.Kind == TimerFired {
			b = append(b, " fired"...)
		} else {
			b = append(b, " cancelled"...)
		}
	case RTT:
		r := t.rtts[e.Ref]
		b = append(b, me+" rtt "...)
		b = appendDur(b, r.RTT)
		b = append(b, " srtt "...)
		b = appendDur(b, r.SRTT)
		b = append(b, " rttvar "...)
		b = appendDur(b, r.RTTVar)
		b = append(b, " rto "...)
		b = appendDur(b, r.RTO)
	case Congestion:
		m := t.Congestion(e)
		b = append(b, me+" cc "...)
		b = append(b, m.Algorithm.String()...)
		b = append(b, " cwnd "...)
		b = strconv.AppendInt(b, int64(m.Cwnd), 10)
		b = append(b, " ssthresh "...)
		if m.Ssthresh >= 1<<30 {
			b = append(b, "inf"...)
		} else {
			b = strconv.AppendInt(b, int64(m.Ssthresh), 10)
		}
		b = append(b, ' ')
		b = append(b, m.Phase.String()...)
	case Space:
		s := t.Space(e)
		// Relative to the endpoint's own ISS and IRS, so both read 0
		// before anything is known.
		own, peer := s.ISS, s.IRS
		b = append(b, me+" space una "...)
		b = strconv.AppendUint(b, uint64(s.SndUna-own), 10)
		b = append(b, " nxt "...)
		b = strconv.AppendUint(b, uint64(s.SndNxt-own), 10)
		b = append(b, " wnd "...)
		b = strconv.AppendInt(b, int64(s.SndWnd), 10)
		b = append(b, " queued "...)
		b = strconv.AppendInt(b, int64(s.SendQueued), 10)
		b = append(b, " rcv.nxt "...)
		b = strconv.AppendUint(b, uint64(s.RcvNxt-peer), 10)
		b = append(b, " rcv.wnd "...)
		b = strconv.AppendInt(b, int64(s.RcvWnd), 10)
		b = append(b, " buffered "...)
		b = strconv.AppendInt(b, int64(s.RecvBuffered), 10)
		b = append(b, " ooo "...)
		b = strconv.AppendInt(b, int64(s.RecvOutOfOrder), 10)
	case Notice:
		b = append(b, me+" notice: "...)
		b = append(b, t.strs[e.Ref]...)
		if d := e.DetailRef(); d != 0 && t.strs[d] != t.strs[e.Ref] {
			b = append(b, " ("...)
			b = append(b, t.strs[d]...)
			b = append(b, ')')
		}
	case Enqueued, Duplicated:
		b = append(b, "link "+me+">"+peer+" "...)
		b = append(b, e.Kind.String()...)
		b = append(b, " q="...)
		b = strconv.AppendInt(b, int64(e.QueueLen()), 10)
		b = append(b, " leaves "...)
		b = appendTime(b, e.Dequeued())
		if e.Kind == Duplicated && e.Code == 1 {
			b = append(b, " (scripted)"...)
		}
		b = appendSegRef(b, e)
	case Dropped:
		b = append(b, "link "+me+">"+peer+" dropped ("...)
		b = append(b, Drop(e.Code).String()...)
		b = append(b, ')')
		b = appendSegRef(b, e)
	case Corrupted:
		b = append(b, "link "+me+">"+peer+" corrupted bit "...)
		b = strconv.AppendInt(b, int64(e.Bit()), 10)
		if e.Code == 1 {
			b = append(b, " (scripted)"...)
		}
		b = appendSegRef(b, e)
	case Delayed:
		b = append(b, "link "+me+">"+peer+" delayed "...)
		b = appendDur(b, e.Delay())
		b = append(b, " (scripted)"...)
		b = appendSegRef(b, e)
	case App:
		b = append(b, me+" app "...)
		b = append(b, AppAction(e.Code).String()...)
		if a := AppAction(e.Code); a == AppWrite || a == AppWriteDone || a == AppReadEOF {
			b = append(b, ' ')
			b = strconv.AppendInt(b, e.Bytes(), 10)
		}
		if e.Ref != 0 {
			b = append(b, ": "...)
			b = append(b, t.strs[e.Ref]...)
		}
	case End:
		b = append(b, "end ("...)
		b = append(b, EndReason(e.Code).String()...)
		b = append(b, ')')
		if e.Ref != 0 {
			b = append(b, ": "...)
			b = append(b, t.strs[e.Ref]...)
		}
	default:
		b = append(b, e.Kind.String()...)
	}
	return b
}

// appendSegRef names the segment a link event is about: "#n", its index.
func appendSegRef(b []byte, e Event) []byte {
	b = append(b, " #"...)
	return strconv.AppendUint(b, uint64(e.Ref), 10)
}

// appendSegment appends a segment with relative sequence numbers, as
// Wireshark shows them by default: SEQ from the sender's ISS, ACK and SACK
// blocks from the receiver's.
func (t *Trace) appendSegment(b []byte, e Event) []byte {
	s := t.Segment(e)
	iss := &t.conns[e.Conn].ISS
	from := e.Sender()
	s.Seq -= iss[from]
	s.Ack -= iss[from.Peer()]
	for i := range s.Options.NumSACK {
		s.Options.SACK[i].Left -= iss[from.Peer()]
		s.Options.SACK[i].Right -= iss[from.Peer()]
	}
	n := int(t.headers[e.Ref].PayloadLen)
	// Segment.AppendText prints the payload length from the slice; give it
	// a slice of the right length without regenerating the bytes.
	s.Payload = zeros[:n:n]
	b, _ = s.AppendText(b)
	b = appendSegRef(b, e)
	return b
}

var zeros = make([]byte, 65535)
