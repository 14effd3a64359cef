package tcp

import (
	"errors"
	"testing"

	"tcpplayground/tcpcore/wire"
)

// RFC 5961 §3.2: a RST at exactly RCV.NXT resets; one elsewhere in the
// window draws a challenge ACK; one outside the window is dropped.
func TestRSTRulesRFC5961(t *testing.T) {
	tests := []struct {
		name    string
		seq     uint32
		out     RecvOutcome
		state   State
		challen bool
	}{
		{"exact", 1001, RecvRST, Closed, false},
		{"in window", 1500, RecvRSTIgnored, Established, true},
		{"outside window", 1001 + 70000, RecvRSTIgnored, Established, false},
		{"before window", 900, RecvRSTIgnored, Established, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOne(t, nil)
			o.established()
			if got := o.recv(seg("R", tt.seq, 0, "")); got != tt.out {
				t.Errorf("outcome %v, want %v", got, tt.out)
			}
			o.wantState(tt.state)
			if tt.challen {
				o.expect(". 101:101(0) ack 1001", SendChallengeACK)
			} else {
				o.none()
			}
			if tt.state == Closed && !errors.Is(o.e.Err(), ErrConnectionReset) {
				t.Errorf("Err() = %v, want ErrConnectionReset", o.e.Err())
			}
		})
	}
}

// RFC 5961 §4: a SYN in a synchronized state draws a challenge ACK.
func TestSYNInEstablishedChallenged(t *testing.T) {
	for _, sq := range []uint32{1001, 1500, 5} {
		o := newOne(t, nil)
		o.established()
		o.recv(seg("S", sq, 0, ""))
		o.wantState(Established)
		s, why := o.send()
		if desc(s) != ". 101:101(0) ack 1001" || (why != SendChallengeACK && why != SendImmediateACK) {
			t.Errorf("SYN at %d: sent %q (%v), want a challenge ACK", sq, desc(s), why)
		}
	}
}

// RFC 5961 §5: an ACK above SND.NXT, or below SND.UNA − MAX.SND.WND, is
// not acceptable: answered with an ACK and dropped (no data taken).
func TestUnacceptableACK(t *testing.T) {
	for _, ack := range []uint32{5000, uint32(0x100000000 + 101 - 70000)} {
		o := newOne(t, nil)
		o.established()
		if got := o.recv(seg("P.", 1001, ack, "data")); got != RecvAckUnacceptable {
			t.Errorf("ACK %d: outcome %v, want RecvAckUnacceptable", ack, got)
		}
		o.expect(". 101:101(0) ack 1001", SendChallengeACK)
		if o.e.Readable() != 0 {
			t.Errorf("ACK %d: data taken from an unacceptable segment", ack)
		}
	}
}

// The four-case acceptability test (RFC 9293 §3.10.7.4) with a zero and a
// non-zero window.
func TestAcceptability(t *testing.T) {
	tests := []struct {
		wnd  int
		seq  uint32
		n    int
		want bool
	}{
		{0, 1001, 0, true},
		{0, 1002, 0, false},
		{0, 1001, 1, false},
		{100, 1001, 0, true},
		{100, 1100, 0, true},
		{100, 1101, 0, false},
		{100, 1000, 0, false},
		{100, 990, 20, true}, // ends inside
		{100, 1100, 20, true},
		{100, 1101, 5, false},
		{100, 980, 20, false},
	}
	for _, tt := range tests {
		o := newOne(t, nil)
		o.established()
		o.e.rcvRight = o.e.rcvNxt.Add(tt.wnd)
		s := seg(".", tt.seq, 101, data(tt.n))
		if got := o.e.acceptable(&s); got != tt.want {
			t.Errorf("acceptable(seq %d len %d, RCV.WND %d) = %v, want %v", tt.seq, tt.n, tt.wnd, got, tt.want)
		}
	}
}

// RFC 9293 Figure 10: half-open connection discovery. The side that
// crashed answers data with a RST <SEQ=SEG.ACK>; the live side, given that
// RST at RCV.NXT, resets.
func TestHalfOpenDiscovery(t *testing.T) {
	crashed := newOne(t, nil) // CLOSED: knows nothing
	crashed.recv(seg("P.", 300, 100, "data"))
	crashed.expect("R 100:100(0)", SendRST)

	live := newOne(t, nil)
	live.established()
	live.recv(seg("R", 1001, 0, ""))
	live.wantState(Closed)
}

// RFC 9293 Figure 11 with RFC 5961: the crashed side reconnects; the live
// side answers its SYN with a challenge ACK, which SYN-SENT answers with a
// RST at SEG.ACK, which resets the live side.
func TestHalfOpenNewSYN(t *testing.T) {
	live := newOne(t, nil)
	live.established()
	live.recv(seg("S", 400, 0, ""))
	ack, _ := live.send()

	again := newOne(t, func(c *Config) { c.ISS = 400 })
	again.e.Connect(0, peerPort, ourPort)
	again.send()
	// The challenge ACK acknowledges nothing this SYN-SENT side sent.
	ack.SrcPort, ack.DstPort = ourPort, peerPort
	again.e.Handle(0, &ack)
	rst, _ := again.send()
	if rst.Flags != wire.RST || rst.Seq != ack.Ack {
		t.Fatalf("SYN-SENT answered the challenge ACK with %q, want R %d", desc(rst), uint32(ack.Ack))
	}
	rst.SrcPort, rst.DstPort = peerPort, ourPort
	live.e.Handle(0, &rst)
	live.wantState(Closed)
}

// A RST in SYN-RECEIVED from a passive OPEN returns to LISTEN; from an
// active OPEN it refuses the connection.
func TestRSTInSynReceived(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.send()
	o.recv(seg("R", peerISS+1, 0, ""))
	o.wantState(Listen)
	if o.e.Err() != nil {
		t.Errorf("Err() = %v, want nil back in LISTEN", o.e.Err())
	}

	a := newOne(t, nil)
	a.e.Connect(0, ourPort, peerPort)
	a.send()
	a.recv(seg("S", 300, 0, ""))
	a.send()
	a.recv(seg("R", 301, 0, ""))
	a.wantState(Closed)
	if !errors.Is(a.e.Err(), ErrConnectionRefused) {
		t.Errorf("Err() = %v, want ErrConnectionRefused", a.e.Err())
	}
}

// RSTs in CLOSING, LAST-ACK and TIME-WAIT close quietly.
func TestRSTInClosingStates(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.recv(seg("F.", 1001, 101, ""))
	o.e.Close(o.now)
	o.wantState(LastAck)
	o.drain()
	o.recv(seg("R", 1002, 0, ""))
	o.wantState(Closed)
	if o.e.Err() != nil {
		t.Errorf("Err() = %v after RST in LAST-ACK, want nil", o.e.Err())
	}
}

// Regression (pktdrill rst/syn_received.pkt): SYN-RECEIVED answers an
// in-window RST with a challenge ACK; it used to stay silent until our SYN
// was acknowledged.
func TestChallengeACKInSynReceived(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.send()
	o.recv(seg("R", peerISS+5, 0, ""))
	o.expect(". 101:101(0) ack 1001", SendChallengeACK)
	o.wantState(SynReceived)
}
