package analysis

import (
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// step is one segment of a hand-built exchange, seen at host A: sent by
// From at At ms (relative sequence numbers: A's ISS and B's are 0), and
// the labels Label(AtA) must give it.
type step struct {
	at       float64
	from     trace.Side
	flags    wire.Flags
	seq, ack uint32
	len      int
	win      uint16
	want     string
}

const (
	issA = 1000
	issB = 90000
)

// build makes a trace in which every step is an A's Sent event or a
// Received event at A, in order.
func build(t *testing.T, steps []step) *trace.Trace {
	t.Helper()
	conns := []trace.Conn{{Port: [2]uint16{40000, 80}, ISS: [2]seq.Seq{issA, issB}}}
	b := trace.NewBuilder([4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}, conns, nil)
	for _, s := range steps {
		iss, irs := seq.Seq(issA), seq.Seq(issB)
		src, dst := conns[0].Port[0], conns[0].Port[1]
		if s.from == trace.B {
			iss, irs, src, dst = irs, iss, dst, src
		}
		seg := wire.Segment{SrcPort: src, DstPort: dst, Seq: iss.Add(int(s.seq)), Flags: s.flags,
			Window: s.win, Payload: make([]byte, s.len)}
		if s.flags&wire.ACK != 0 {
			seg.Ack = irs.Add(int(s.ack))
		}
		if s.flags&wire.SYN != 0 {
			seg.Options.MSS = 1460
		}
		ref := b.AddHeader(&seg, 0)
		e := trace.Event{At: time.Duration(s.at * float64(time.Millisecond)), Kind: trace.Sent, Side: trace.A, Ref: ref}
		if s.from == trace.B {
			e.Kind = trace.Received
		}
		b.Add(e)
	}
	return b.Trace()
}

const (
	syn    = wire.SYN
	synack = wire.SYN | wire.ACK
	ack    = wire.ACK
	finack = wire.FIN | wire.ACK
	rst    = wire.RST
)

var handshake = []step{
	{0, trace.A, syn, 0, 0, 0, 65535, ""},
	{20, trace.B, synack, 0, 1, 0, 65535, ""},
	{20, trace.A, ack, 1, 1, 0, 65535, ""},
}

// labelTable: each case follows the handshake.
var labelTable = []struct {
	name  string
	steps []step
}{
	{"dup ACKs and a fast retransmission", []step{
		{30, trace.A, ack, 1, 1, 1000, 65535, ""},
		{30, trace.A, ack, 1001, 1, 1000, 65535, ""}, // lost after A
		{30, trace.A, ack, 2001, 1, 1000, 65535, ""},
		{30, trace.A, ack, 3001, 1, 1000, 65535, ""},
		{50, trace.B, ack, 1, 1001, 0, 65535, ""}, // frame 8
		{51, trace.B, ack, 1, 1001, 0, 65535, "TCP Dup ACK 8#1"},
		{52, trace.B, ack, 1, 1001, 0, 65535, "TCP Dup ACK 8#2"},
		{52, trace.A, ack, 1001, 1, 1000, 65535, "TCP Fast Retransmission"},
		// Everything already acknowledged: spurious.
		{80, trace.B, ack, 1, 4001, 0, 65535, ""},
		{90, trace.A, ack, 2001, 1, 1000, 65535, "TCP Spurious Retransmission"},
	}},
	{"retransmission after a timeout, previous segment not captured", []step{
		{30, trace.A, ack, 1, 1, 1000, 65535, ""},
		{30, trace.A, ack, 2001, 1, 1000, 65535, "TCP Previous segment not captured"},
		// 1001:2001 was never seen: the ACK covers an unseen segment.
		{50, trace.B, ack, 1, 3001, 0, 65535, "TCP ACKed unseen segment"},
		{60, trace.B, ack, 1, 3001, 0, 65535, "TCP Dup ACK 6#1"},
		{1030, trace.A, ack, 2001, 1, 500, 65535, "TCP Spurious Retransmission"},
	}},
	{"window full, zero window, probe (new byte), probe ACK, window update", []step{
		{30, trace.B, ack, 1, 1, 0, 2000, "TCP Window Update"},
		{31, trace.A, ack, 1, 1, 2000, 65535, "TCP Window Full"},
		{50, trace.B, ack, 1, 2001, 0, 0, "TCP ZeroWindow"},
		{250, trace.A, ack, 2001, 1, 1, 65535, "TCP ZeroWindowProbe"},
		{270, trace.B, ack, 1, 2001, 0, 0, "TCP ZeroWindowProbeAck, TCP ZeroWindow"},
		{300, trace.B, ack, 1, 2001, 0, 4000, "TCP Window Update"},
		{301, trace.A, ack, 2001, 1, 1000, 65535, ""},
	}},
	{"Linux-style probe: SND.UNA-1 without data reads as keep-alive", []step{
		{30, trace.A, ack, 1, 1, 1000, 65535, ""},
		{50, trace.B, ack, 1, 1001, 0, 0, "TCP ZeroWindow"},
		{250, trace.A, ack, 1000, 1, 0, 65535, "TCP Keep-Alive"},
		{270, trace.B, ack, 1, 1001, 0, 0, "TCP ZeroWindow"},
	}},
	{"keep-alive and its ACK", []step{
		{30, trace.A, ack, 1, 1, 10, 65535, ""},
		{50, trace.B, ack, 1, 11, 0, 65535, ""},
		{2050, trace.A, ack, 10, 1, 0, 65535, "TCP Keep-Alive"},
		{2070, trace.B, ack, 1, 11, 0, 65535, "TCP Keep-Alive ACK"},
	}},
	{"out of order at the sender's side, reset", []step{
		{30, trace.A, ack, 1, 1, 1000, 65535, ""},
		{30, trace.A, ack, 1001, 1, 1000, 65535, ""},
		{31, trace.A, ack, 1, 1, 1000, 65535, "TCP Out-Of-Order"},
		{40, trace.A, finack, 2001, 1, 0, 65535, ""},
		{45, trace.B, rst, 1, 0, 0, 0, "TCP RST"},
	}},
	{"ACKed unseen segment", []step{
		{30, trace.A, ack, 1, 1, 1000, 65535, ""},
		{50, trace.B, ack, 1, 3001, 0, 65535, "TCP ACKed unseen segment"},
	}},
}

func TestLabelTable(t *testing.T) {
	for _, c := range labelTable {
		steps := append(append([]step(nil), handshake...), c.steps...)
		tr := build(t, steps)
		labels := Label(tr, AtA)
		for i, s := range steps {
			if got := labels[i].String(); got != s.want {
				t.Errorf("%s: step %d (frame %d, %s): Label = %q, want %q", c.name, i, labels[i].Frame, tr.Format(i), got, s.want)
			}
		}
	}
}
