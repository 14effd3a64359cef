package figures

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// Sides of a figure.
const (
	A = 0
	B = 1
)

var sideName = [2]string{"TCP A", "TCP B"}

const (
	portA = 40000
	portB = 80
	msl   = time.Second
)

// segSpec is a segment as RFC 9293's figures write it: <SEQ=100><ACK=300><CTL=SYN,ACK>.
type segSpec struct {
	seq   seq.Seq
	ack   seq.Seq
	flags wire.Flags
	data  int
}

func (s segSpec) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<SEQ=%d>", uint32(s.seq))
	if s.flags&wire.ACK != 0 {
		fmt.Fprintf(&b, "<ACK=%d>", uint32(s.ack))
	}
	var ctl []string
	for _, f := range []struct {
		f wire.Flags
		n string
	}{{wire.SYN, "SYN"}, {wire.FIN, "FIN"}, {wire.RST, "RST"}, {wire.ACK, "ACK"}} {
		if s.flags&f.f != 0 {
			ctl = append(ctl, f.n)
		}
	}
	fmt.Fprintf(&b, "<CTL=%s>", strings.Join(ctl, ","))
	if s.data > 0 {
		fmt.Fprintf(&b, "<DATA %d>", s.data)
	}
	return b.String()
}

func specOf(s *wire.Segment) segSpec {
	sp := segSpec{seq: s.Seq, flags: s.Flags &^ wire.PSH, data: len(s.Payload)}
	if s.Flags&wire.ACK != 0 {
		sp.ack = s.Ack
	}
	return sp
}

// Step kinds.
type stepKind int

const (
	call    stepKind = iota // an application call on one side
	send                    // a side sends a segment; it stays in the network under a label
	deliver                 // a segment in the network arrives at the other side
	inject                  // the network delivers a segment nobody in the figure sent (an old duplicate)
	states                  // both sides must be in these states
	elapse                  // virtual time passes (timers may fire)
	reboot                  // a side loses all state: a fresh endpoint in CLOSED
)

type step struct {
	kind   stepKind
	side   int
	op     string // call: listen, connect, close, write
	seg    segSpec
	label  string
	want   [2]tcp.State
	d      time.Duration
	line   int // the line number in the RFC figure
	anySeq bool
}

// figure is one RFC figure: its ISS for each side and its lines.
type figure struct {
	name  string
	iss   [2]seq.Seq
	steps []step
}

// Helpers that read like the figures.
func line(n int, s ...step) []step {
	for i := range s {
		s[i].line = n
	}
	return s
}
func calls(side int, op string) step { return step{kind: call, side: side, op: op} }
func sends(side int, label string, sp segSpec) step {
	return step{kind: send, side: side, seg: sp, label: label}
}
func arrives(label string) step { return step{kind: deliver, label: label} }
func injects(to int, sp segSpec) step {
	return step{kind: inject, side: to, seg: sp}
}
func both(a, b tcp.State) step         { return step{kind: states, want: [2]tcp.State{a, b}} }
func after(d time.Duration) step       { return step{kind: elapse, d: d} }
func reboots(side int) step            { return step{kind: reboot, side: side} }
func syn(s seq.Seq) segSpec            { return segSpec{seq: s, flags: wire.SYN} }
func synAck(s, a seq.Seq) segSpec      { return segSpec{seq: s, ack: a, flags: wire.SYN | wire.ACK} }
func ack(s, a seq.Seq) segSpec         { return segSpec{seq: s, ack: a, flags: wire.ACK} }
func finAck(s, a seq.Seq) segSpec      { return segSpec{seq: s, ack: a, flags: wire.FIN | wire.ACK} }
func rst(s seq.Seq) segSpec            { return segSpec{seq: s, flags: wire.RST} }
func data(s, a seq.Seq, n int) segSpec { return segSpec{seq: s, ack: a, flags: wire.ACK, data: n} }
func cat(parts ...[]step) (out []step) {
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// established brings both sides to ESTABLISHED with A's next sequence number
// issA+1 and B's issB+1, as the figures of §3.6 start.
func established(issA, issB seq.Seq) []step {
	return cat(
		line(0, calls(B, "listen"), calls(A, "connect")),
		line(0, sends(A, "syn", syn(issA)), arrives("syn")),
		line(0, sends(B, "synack", synAck(issB, issA+1)), arrives("synack")),
		line(0, sends(A, "ack", ack(issA+1, issB+1)), arrives("ack")),
		line(0, both(tcp.Established, tcp.Established)),
	)
}

var figures = []figure{
	{
		// RFC 9293 Figure 6: Basic Three-Way Handshake for Connection Synchronization.
		name: "Figure 6 basic 3-way handshake",
		iss:  [2]seq.Seq{100, 300},
		steps: cat(
			line(1, calls(B, "listen"), both(tcp.Closed, tcp.Listen)),
			line(2, calls(A, "connect"), sends(A, "2", syn(100)), arrives("2"), both(tcp.SynSent, tcp.SynReceived)),
			line(3, sends(B, "3", synAck(300, 101)), arrives("3"), both(tcp.Established, tcp.SynReceived)),
			line(4, sends(A, "4", ack(101, 301)), arrives("4"), both(tcp.Established, tcp.Established)),
			line(5, calls(A, "write"), sends(A, "5", data(101, 301, 10)), arrives("5"), both(tcp.Established, tcp.Established)),
			line(5, sends(B, "5ack", ack(301, 111)), arrives("5ack")),
		),
	},
	{
		// RFC 9293 Figure 7: Simultaneous Connection Synchronization. Line 7's
		// SYN,ACK reaches B in SYN-RECEIVED; its SYN lies below RCV.NXT, so the
		// acceptability test of §3.10.7.4 fails, B answers with an ACK, and that
		// ACK completes A's side too.
		name: "Figure 7 simultaneous open",
		iss:  [2]seq.Seq{100, 300},
		steps: cat(
			line(2, calls(A, "connect"), calls(B, "connect"), sends(A, "2", syn(100)), both(tcp.SynSent, tcp.SynSent)),
			line(3, sends(B, "3", syn(300)), arrives("3"), both(tcp.SynReceived, tcp.SynSent)),
			line(4, arrives("2"), both(tcp.SynReceived, tcp.SynReceived)),
			line(5, sends(A, "5", synAck(100, 301))),
			line(6, sends(B, "6", synAck(300, 101)), arrives("6"), both(tcp.Established, tcp.SynReceived)),
			line(7, arrives("5"), both(tcp.Established, tcp.Established)),
		),
	},
	{
		// RFC 9293 Figure 8: Recovery from Old Duplicate SYN.
		name: "Figure 8 old duplicate SYN",
		iss:  [2]seq.Seq{100, 300},
		steps: cat(
			line(1, calls(B, "listen"), both(tcp.Closed, tcp.Listen)),
			line(2, calls(A, "connect"), sends(A, "2", syn(100))),
			line(3, injects(B, syn(90)), both(tcp.SynSent, tcp.SynReceived)),
			line(4, sends(B, "4", synAck(300, 91)), arrives("4")),
			line(5, sends(A, "5", rst(91)), arrives("5"), both(tcp.SynSent, tcp.Listen)),
			line(6, arrives("2"), both(tcp.SynSent, tcp.SynReceived)),
			line(7, step{kind: send, side: B, label: "7", seg: synAck(400, 101), anySeq: true}, arrives("7"), both(tcp.Established, tcp.SynReceived)),
			line(8, sends(A, "8", ack(101, 401)), arrives("8"), both(tcp.Established, tcp.Established)),
		),
	},
	{
		// RFC 9293 Figure 10: Active Side Causes Half-Open Connection Discovery,
		// with RFC 5961 §4's challenge ACK as line 4 (it is exactly the ACK the
		// figure shows).
		name: "Figure 10 half-open discovery",
		iss:  [2]seq.Seq{99, 299},
		steps: cat(
			established(99, 299),
			line(1, reboots(A), both(tcp.Closed, tcp.Established)),
			line(3, calls(A, "connect"), sends(A, "3", syn(400)), arrives("3")),
			line(4, sends(B, "4", ack(300, 100)), arrives("4"), both(tcp.SynSent, tcp.Established)),
			line(5, sends(A, "5", rst(100)), arrives("5"), both(tcp.SynSent, tcp.Closed)),
		),
	},
	{
		// RFC 9293 Figure 12: Normal Close Sequence.
		name: "Figure 12 normal close",
		iss:  [2]seq.Seq{99, 299},
		steps: cat(
			established(99, 299),
			line(2, calls(A, "close"), sends(A, "2", finAck(100, 300)), arrives("2"), both(tcp.FinWait1, tcp.CloseWait)),
			line(3, sends(B, "3", ack(300, 101)), arrives("3"), both(tcp.FinWait2, tcp.CloseWait)),
			line(4, calls(B, "close"), sends(B, "4", finAck(300, 101)), arrives("4"), both(tcp.TimeWait, tcp.LastAck)),
			line(5, sends(A, "5", ack(101, 301)), arrives("5"), both(tcp.TimeWait, tcp.Closed)),
			line(6, after(2*msl), both(tcp.Closed, tcp.Closed)),
		),
	},
	{
		// RFC 9293 Figure 13: Simultaneous Close Sequence.
		name: "Figure 13 simultaneous close",
		iss:  [2]seq.Seq{99, 299},
		steps: cat(
			established(99, 299),
			line(2, calls(A, "close"), calls(B, "close"), sends(A, "2a", finAck(100, 300)), sends(B, "2b", finAck(300, 100)), both(tcp.FinWait1, tcp.FinWait1)),
			line(2, arrives("2b"), arrives("2a"), both(tcp.Closing, tcp.Closing)),
			line(3, sends(A, "3a", ack(101, 301)), sends(B, "3b", ack(301, 101)), arrives("3b"), arrives("3a"), both(tcp.TimeWait, tcp.TimeWait)),
			line(4, after(2*msl), both(tcp.Closed, tcp.Closed)),
		),
	},
}

// run plays one figure with the sides in real[] being our endpoint and the
// others played by the table.
type run struct {
	t       *testing.T
	fig     figure
	real    [2]bool
	eps     [2]*tcp.Endpoint
	outbox  [2][]wire.Segment // segments a real side sent that the table has not yet consumed
	network map[string]netSeg // labelled segments in flight
	now     time.Duration
	// learned maps a sequence number the table wrote to the one the endpoint
	// really chose where the table left it open (anySeq: B's second ISS in
	// Figure 8), so later ACKs of it are checked against the real choice.
	learned map[seq.Seq]seq.Seq
}

type netSeg struct {
	to  int
	seg wire.Segment
}

func config(iss seq.Seq) tcp.Config {
	cfg := tcp.DefaultConfig(tcp.ProfileRFC)
	cfg.ISS = iss
	cfg.MSL = msl
	// The figures show bare segments: no delayed ACK, no options to negotiate.
	cfg.DelayedACK = false
	cfg.SACK, cfg.Timestamps, cfg.WindowScale = false, false, false
	return cfg
}

func (r *run) where(st step) string {
	return fmt.Sprintf("%s, line %d (A ours: %v, B ours: %v)", r.fig.name, st.line, r.real[A], r.real[B])
}

func (r *run) newEndpoint(side int, iss seq.Seq) {
	ep, err := tcp.New(config(iss))
	if err != nil {
		r.t.Fatalf("tcp.New: %v", err)
	}
	r.eps[side] = ep
}

func (r *run) drain(side int) {
	if !r.real[side] {
		return
	}
	for {
		s, ok := r.eps[side].Poll(r.now)
		if !ok {
			return
		}
		s.Payload = append([]byte(nil), s.Payload...)
		r.outbox[side] = append(r.outbox[side], s)
	}
}

func (r *run) drainAll() { r.drain(A); r.drain(B) }

func ports(from int) (src, dst uint16) {
	if from == A {
		return portA, portB
	}
	return portB, portA
}

func (r *run) do(st step) {
	t := r.t
	t.Helper()
	switch st.kind {
	case call:
		if !r.real[st.side] {
			return // the table plays this side: its segments say what it did
		}
		ep := r.eps[st.side]
		var err error
		switch st.op {
		case "listen":
			err = ep.Listen(r.now, portB)
		case "connect":
			src, dst := ports(st.side)
			err = ep.Connect(r.now, src, dst)
		case "close":
			err = ep.Close(r.now)
		case "write":
			_, err = ep.Write(r.now, []byte("0123456789"))
		}
		if err != nil {
			t.Fatalf("%s: %s on %s: %v", r.where(st), st.op, sideName[st.side], err)
		}
		r.drainAll()
	case send:
		var seg wire.Segment
		want := st.seg
		if want.flags&wire.ACK != 0 {
			if got, ok := r.learned[want.ack]; ok {
				want.ack = got
			}
		}
		if r.real[st.side] {
			if len(r.outbox[st.side]) == 0 {
				t.Fatalf("%s: %s sent nothing, want %v", r.where(st), sideName[st.side], want)
			}
			seg = r.outbox[st.side][0]
			r.outbox[st.side] = r.outbox[st.side][1:]
			got := specOf(&seg)
			if st.anySeq {
				r.learned[want.seq+1] = got.seq + 1
				want.seq = got.seq
			}
			if got != want {
				t.Fatalf("%s: %s sent %v, want %v", r.where(st), sideName[st.side], got, want)
			}
		} else {
			src, dst := ports(st.side)
			seg = wire.Segment{SrcPort: src, DstPort: dst, Seq: want.seq, Ack: want.ack, Flags: want.flags, Window: 8192}
			if want.flags&wire.SYN != 0 {
				seg.Options.MSS = 1460
			}
			if want.data > 0 {
				seg.Payload = make([]byte, want.data)
			}
		}
		r.network[st.label] = netSeg{to: 1 - st.side, seg: seg}
	case deliver:
		ns, ok := r.network[st.label]
		if !ok {
			t.Fatalf("%s: no segment %q in the network", r.where(st), st.label)
		}
		delete(r.network, st.label)
		r.arrive(ns.to, ns.seg)
	case inject:
		src, dst := ports(1 - st.side)
		r.arrive(st.side, wire.Segment{SrcPort: src, DstPort: dst, Seq: st.seg.seq, Ack: st.seg.ack, Flags: st.seg.flags, Window: 8192, Options: wire.Options{MSS: 1460}})
	case states:
		for side := range 2 {
			if !r.real[side] {
				continue
			}
			if got := r.eps[side].State(); got != st.want[side] {
				t.Fatalf("%s: %s is in %v, want %v", r.where(st), sideName[side], got, st.want[side])
			}
		}
	case elapse:
		end := r.now + st.d
		for {
			next, have := time.Duration(0), false
			for side := range 2 {
				if !r.real[side] {
					continue
				}
				if at, ok := r.eps[side].NextTimeout(); ok && at <= end && (!have || at < next) {
					next, have = at, true
				}
			}
			if !have {
				break
			}
			r.now = next
			for side := range 2 {
				if r.real[side] {
					if at, ok := r.eps[side].NextTimeout(); ok && at <= r.now {
						r.eps[side].HandleTimeout(r.now)
					}
				}
			}
			r.drainAll()
		}
		r.now = end
	case reboot:
		if r.real[st.side] {
			r.newEndpoint(st.side, 400)
			r.outbox[st.side] = nil
		}
	}
}

func (r *run) arrive(to int, seg wire.Segment) {
	if !r.real[to] {
		return // the table plays this side; its reaction is the table's next send
	}
	r.eps[to].Handle(r.now, &seg)
	r.drainAll()
}

func TestFigures(t *testing.T) {
	modes := [][2]bool{{true, false}, {false, true}, {true, true}}
	for _, fig := range figures {
		for _, real := range modes {
			name := fmt.Sprintf("%s/ours=%s", fig.name, map[[2]bool]string{{true, false}: "A", {false, true}: "B", {true, true}: "both"}[real])
			t.Run(name, func(t *testing.T) {
				r := &run{t: t, fig: fig, real: real, network: map[string]netSeg{}, learned: map[seq.Seq]seq.Seq{}}
				for side := range 2 {
					if real[side] {
						r.newEndpoint(side, fig.iss[side])
					}
				}
				for _, st := range fig.steps {
					r.do(st)
				}
				for side := range 2 {
					if len(r.outbox[side]) > 0 {
						var extra []string
						for _, s := range r.outbox[side] {
							sp := specOf(&s)
							extra = append(extra, sp.String())
						}
						t.Errorf("%s: %s sent segments the figure does not show: %s", fig.name, sideName[side], strings.Join(extra, " "))
					}
				}
			})
		}
	}
}
