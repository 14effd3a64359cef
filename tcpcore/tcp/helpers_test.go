package tcp

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// The single-endpoint test kit, smoltcp style: the endpoint under test is
// port 80 with ISS 100; the scripted peer is port 40000 with ISS 1000.
const (
	ourPort  = 80
	peerPort = 40000
	ourISS   = 100
	peerISS  = 1000
)

// transitionsTaken records every state change any test made, for
// TestZZEveryTransitionTaken.
var transitionsTaken = map[[2]State]bool{}

type one struct {
	t      *testing.T
	e      *Endpoint
	now    time.Duration
	events []Event
	last   RecvOutcome
}

// newOne returns an endpoint with the RFC profile, options off unless mut
// turns them on, no delayed ACK and Nagle on.
func newOne(t *testing.T, mut func(*Config)) *one {
	t.Helper()
	cfg := DefaultConfig(ProfileRFC)
	cfg.SACK, cfg.Timestamps, cfg.WindowScale, cfg.DelayedACK = false, false, false, false
	cfg.ISS = ourISS
	o := &one{t: t}
	cfg.Observer = func(ev *Event) {
		if want := onlyKindFields(ev); *ev != want {
			t.Errorf("event %+v has fields its kind does not name, want %+v", *ev, want)
		}
		c := *ev
		if c.Seg != nil {
			s := *c.Seg
			s.Payload = append([]byte(nil), s.Payload...)
			c.Seg = &s
		}
		o.events = append(o.events, c)
		if ev.Kind == EvSegmentReceived {
			o.last = ev.RecvOutcome
		}
		if ev.Kind == EvStateChanged {
			if !HasTransition(ev.From, ev.To) {
				t.Errorf("transition %v → %v is not in Transitions", ev.From, ev.To)
			}
			transitionsTaken[[2]State{ev.From, ev.To}] = true
		}
	}
	if mut != nil {
		mut(&cfg)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	o.e = e
	return o
}

// seg builds a segment from the peer. flags uses packetdrill letters:
// S F R P and "." for ACK.
func seg(flags string, sq uint32, ack uint32, payload string) wire.Segment {
	s := wire.Segment{SrcPort: peerPort, DstPort: ourPort, Seq: seq.Seq(sq), Window: 65535, Payload: []byte(payload)}
	for _, c := range flags {
		switch c {
		case 'S':
			s.Flags |= wire.SYN
		case 'F':
			s.Flags |= wire.FIN
		case 'R':
			s.Flags |= wire.RST
		case 'P':
			s.Flags |= wire.PSH
		case '.':
			s.Flags |= wire.ACK
			s.Ack = seq.Seq(ack)
		}
	}
	if len(payload) == 0 {
		s.Payload = nil
	}
	return s
}

func withWin(s wire.Segment, w uint16) wire.Segment { s.Window = w; return s }

func data(n int) string { return strings.Repeat("x", n) }

// desc prints a segment in a packetdrill-like form for comparisons:
// "S. 100:100(0) ack 1001 win 65535".
func desc(s wire.Segment) string {
	var f strings.Builder
	for _, b := range []struct {
		f wire.Flags
		c byte
	}{{wire.SYN, 'S'}, {wire.FIN, 'F'}, {wire.RST, 'R'}, {wire.PSH, 'P'}, {wire.ACK, '.'}} {
		if s.Flags&b.f != 0 {
			f.WriteByte(b.c)
		}
	}
	out := fmt.Sprintf("%s %d:%d(%d)", f.String(), uint32(s.Seq), uint32(s.Seq.Add(len(s.Payload))), len(s.Payload))
	if s.Flags&wire.ACK != 0 {
		out += fmt.Sprintf(" ack %d", uint32(s.Ack))
	}
	return out
}

// recv injects a segment and returns its outcome.
func (o *one) recv(s wire.Segment) RecvOutcome {
	o.t.Helper()
	o.last = 0
	o.e.Handle(o.now, &s)
	return o.last
}

// send expects exactly one segment now and returns it with its reason.
func (o *one) send() (wire.Segment, SendReason) {
	o.t.Helper()
	s, ok := o.e.Poll(o.now)
	if !ok {
		o.t.Fatalf("at %v: Poll() = nothing, want a segment", o.now)
	}
	s.Payload = append([]byte(nil), s.Payload...)
	var why SendReason
	for i := len(o.events) - 1; i >= 0; i-- {
		if o.events[i].Kind == EvSegmentSent {
			why = o.events[i].SendReason
			break
		}
	}
	return s, why
}

// expect checks the next segment's description (desc) and reason (0: any).
func (o *one) expect(want string, why SendReason) wire.Segment {
	o.t.Helper()
	s, r := o.send()
	if got := desc(s); got != want {
		o.t.Fatalf("at %v: sent %q (%v), want %q", o.now, got, r, want)
	}
	if why != 0 && r != why {
		o.t.Fatalf("at %v: %q sent for reason %v, want %v", o.now, desc(s), r, why)
	}
	return s
}

// none drains Poll and fails if anything was sent.
func (o *one) none() {
	o.t.Helper()
	if s, ok := o.e.Poll(o.now); ok {
		o.t.Fatalf("at %v: sent %q, want nothing", o.now, desc(s))
	}
}

// drain sends everything pending and returns it.
func (o *one) drain() []wire.Segment {
	var out []wire.Segment
	for {
		s, ok := o.e.Poll(o.now)
		if !ok {
			return out
		}
		s.Payload = append([]byte(nil), s.Payload...)
		out = append(out, s)
	}
}

// fire moves time to the next timer and handles it; it returns the timer kinds that fired.
func (o *one) fire() []TimerKind {
	o.t.Helper()
	t, ok := o.e.NextTimeout()
	if !ok {
		o.t.Fatalf("at %v: no timer armed", o.now)
	}
	o.now = max(o.now, t)
	n := len(o.events)
	o.e.HandleTimeout(o.now)
	var fired []TimerKind
	for _, ev := range o.events[n:] {
		if ev.Kind == EvTimerFired {
			fired = append(fired, ev.Timer)
		}
	}
	return fired
}

func (o *one) advance(d time.Duration) {
	o.now += d
	if t, ok := o.e.NextTimeout(); ok && t <= o.now {
		o.e.HandleTimeout(o.now)
	}
}

func (o *one) wantState(s State) {
	o.t.Helper()
	if got := o.e.State(); got != s {
		o.t.Fatalf("at %v: State() = %v, want %v", o.now, got, s)
	}
}

func (o *one) write(n int) {
	o.t.Helper()
	if got, err := o.e.Write(o.now, []byte(data(n))); got != n || err != nil {
		o.t.Fatalf("Write(%d) = %d, %v", n, got, err)
	}
}

func (o *one) count(kind EventKind, pred func(Event) bool) int {
	n := 0
	for _, ev := range o.events {
		if ev.Kind == kind && (pred == nil || pred(ev)) {
			n++
		}
	}
	return n
}

// passive brings the endpoint to ESTABLISHED through Listen with the
// peer's SYN carrying opts.
func (o *one) passive(opts wire.Options) {
	o.t.Helper()
	if err := o.e.Listen(o.now, ourPort); err != nil {
		o.t.Fatal(err)
	}
	s := seg("S", peerISS, 0, "")
	s.Options = opts
	o.recv(s)
	o.send()
	a := seg(".", peerISS+1, ourISS+1, "")
	if opts.HasTS {
		a.Options.HasTS, a.Options.TSVal, a.Options.TSEcr = true, opts.TSVal+1, o.e.tsNow()
	}
	o.recv(a)
	o.wantState(Established)
}

// established is passive() with no options (MSS 536: the default).
func (o *one) established() {
	o.t.Helper()
	o.passive(wire.Options{MSS: 1460})
}
