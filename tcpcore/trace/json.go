package trace

import (
	"strconv"

	"tcpplayground/tcpcore/tcp"
)

// AppendJSON appends event i as one compact JSON object, the
// machine-readable form of Format's line (tcpsim -format json):
//
//	{"t_ns":10000000,"kind":"sent","conn":0,"side":"A","seg":{"id":0,...},"reason":"SYN"}
//
// Times are nanoseconds; sequence numbers are raw (not relative). Fields
// depend on the kind, as Event's accessors do; names are stable.
func (t *Trace) AppendJSON(b []byte, i int) []byte {
	e := t.events[i]
	j := jsonWriter{b: b}
	j.b = append(j.b, '{')
	j.int("t_ns", int64(e.At))
	j.str("kind", e.Kind.String())
	j.int("conn", int64(e.Conn))
	j.str("side", e.Side.String())
	switch e.Kind {
	case Sent, Received:
		j.key("seg")
		j.b = t.appendSegmentJSON(j.b, e)
		if e.Kind == Sent {
			j.str("reason", SendReasonName(tcp.SendReason(e.Code)))
			if c := e.RSTCause(); c != 0 {
				j.str("rst_cause", RecvOutcomeName(c))
			}
		} else {
			j.str("outcome", RecvOutcomeName(tcp.RecvOutcome(e.Code)))
			if tcp.RecvOutcome(e.Code) == tcp.RecvDupAck {
				j.int("dup_acks", int64(e.DupAcks()))
			}
			if d := e.DetailRef(); d != 0 {
				j.str("detail", t.strs[d])
			}
		}
	case State:
		j.str("from", e.From().String())
		j.str("to", e.To().String())
		j.str("cause", StateCauseName(tcp.StateCause(e.Code)))
	case TimerSet, TimerCancelled, TimerFired:
		j.str("timer", TimerName(tcp.TimerKind(e.Code)))
		if e.Kind == TimerSet {
			j.int("deadline_ns", int64(e.Deadline()))
		}
	case RTT:
		r := t.rtts[e.Ref]
		j.int("rtt_ns", int64(r.RTT))
		j.int("srtt_ns", int64(r.SRTT))
		j.int("rttvar_ns", int64(r.RTTVar))
		j.int("rto_ns", int64(r.RTO))
	case Congestion:
		m := t.Congestion(e)
		j.str("cc", m.Algorithm.String())
		j.str("phase", m.Phase.String())
		j.int("cwnd", int64(m.Cwnd))
		j.int("ssthresh", int64(m.Ssthresh))
		j.int("wmax", int64(m.WMax))
		j.int("k_ns", int64(m.K))
		j.int("epoch_start_ns", int64(m.EpochStart))
	case Space:
		s := t.Space(e)
		for _, f := range [...]struct {
			name string
			v    int64
		}{
			{"snd_una", int64(s.SndUna)}, {"snd_nxt", int64(s.SndNxt)}, {"snd_wnd", int64(s.SndWnd)},
			{"snd_wl1", int64(s.SndWl1)}, {"snd_wl2", int64(s.SndWl2)}, {"iss", int64(s.ISS)},
			{"send_queued", int64(s.SendQueued)}, {"rcv_nxt", int64(s.RcvNxt)}, {"rcv_wnd", int64(s.RcvWnd)},
			{"irs", int64(s.IRS)}, {"recv_buffered", int64(s.RecvBuffered)}, {"recv_out_of_order", int64(s.RecvOutOfOrder)},
		} {
			j.int(f.name, f.v)
		}
	case Notice:
		j.str("error", t.strs[e.Ref])
		if d := e.DetailRef(); d != 0 {
			j.str("detail", t.strs[d])
		}
	case Enqueued, Duplicated:
		j.int("seg_id", int64(e.Ref))
		j.int("queue_len", int64(e.QueueLen()))
		j.int("dequeued_ns", int64(e.Dequeued()))
		j.bool("scripted", e.Code == 1)
	case Dropped:
		j.int("seg_id", int64(e.Ref))
		j.str("cause", Drop(e.Code).String())
	case Corrupted:
		j.int("seg_id", int64(e.Ref))
		j.int("bit", int64(e.Bit()))
		j.bool("scripted", e.Code == 1)
	case Delayed:
		j.int("seg_id", int64(e.Ref))
		j.int("delay_ns", int64(e.Delay()))
	case App:
		j.str("action", AppAction(e.Code).String())
		if a := AppAction(e.Code); a == AppWrite || a == AppWriteDone || a == AppReadEOF {
			j.int("bytes", e.Bytes())
		}
		if e.Ref != 0 {
			j.str("error", t.strs[e.Ref])
		}
	case End:
		j.str("reason", EndReason(e.Code).String())
		if e.Ref != 0 {
			j.str("detail", t.strs[e.Ref])
		}
	}
	return append(j.b, '}')
}

// JSONLines returns the whole trace as JSON Lines: one AppendJSON object
// per line.
func (t *Trace) JSONLines() []byte {
	var b []byte
	for i := range t.events {
		b = t.AppendJSON(b, i)
		b = append(b, '\n')
	}
	return b
}

func (t *Trace) appendSegmentJSON(b []byte, e Event) []byte {
	s := t.Segment(e)
	h := &t.headers[e.Ref]
	j := jsonWriter{b: append(b, '{')}
	j.int("id", int64(e.Ref))
	j.int("src_port", int64(s.SrcPort))
	j.int("dst_port", int64(s.DstPort))
	j.int("seq", int64(s.Seq))
	j.int("ack", int64(s.Ack))
	j.str("flags", s.Flags.String())
	j.int("win", int64(s.Window))
	j.int("len", int64(h.PayloadLen))
	j.int("ip_id", int64(h.IPID))
	o := &s.Options
	if o.MSS != 0 {
		j.int("mss", int64(o.MSS))
	}
	if o.HasWScale {
		j.int("wscale", int64(o.WScale))
	}
	if o.SACKPermitted {
		j.bool("sack_ok", true)
	}
	if o.HasTS {
		j.int("ts_val", int64(o.TSVal))
		j.int("ts_ecr", int64(o.TSEcr))
	}
	if o.NumSACK > 0 {
		j.key("sack")
		j.b = append(j.b, '[')
		for k := range o.NumSACK {
			if k > 0 {
				j.b = append(j.b, ',')
			}
			j.b = append(j.b, '[')
			j.b = strconv.AppendUint(j.b, uint64(o.SACK[k].Left), 10)
			j.b = append(j.b, ',')
			j.b = strconv.AppendUint(j.b, uint64(o.SACK[k].Right), 10)
			j.b = append(j.b, ']')
		}
		j.b = append(j.b, ']')
	}
	return append(j.b, '}')
}

// jsonWriter appends the members of one object, with commas.
type jsonWriter struct {
	b []byte
}

func (j *jsonWriter) key(k string) {
	if n := len(j.b); n > 0 && j.b[n-1] != '{' {
		j.b = append(j.b, ',')
	}
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':')
}

func (j *jsonWriter) int(k string, v int64) {
	j.key(k)
	j.b = strconv.AppendInt(j.b, v, 10)
}

func (j *jsonWriter) bool(k string, v bool) {
	j.key(k)
	j.b = strconv.AppendBool(j.b, v)
}

// str appends a JSON string: quote, backslash and control characters
// escaped, everything else as UTF-8.
func (j *jsonWriter) str(k, s string) {
	j.key(k)
	const hex = "0123456789abcdef"
	j.b = append(j.b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			j.b = append(j.b, '\\', c)
		case c < 0x20:
			j.b = append(j.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			j.b = append(j.b, c)
		}
	}
	j.b = append(j.b, '"')
}
