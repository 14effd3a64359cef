package tcp

import (
	"errors"
	"testing"
	"time"

	"tcpplayground/tcpcore/wire"
)

// RFC 9293 Figure 7: the three-way handshake, from the listener's side.
func TestListenThreeWayHandshake(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.wantState(Listen)
	o.recv(seg("S", peerISS, 0, ""))
	o.wantState(SynReceived)
	s := o.expect("S. 100:100(0) ack 1001", SendSYNACK)
	if s.Options.MSS != 1460 {
		t.Errorf("SYN-ACK MSS option = %d, want 1460", s.Options.MSS)
	}
	o.recv(seg(".", peerISS+1, ourISS+1, ""))
	o.wantState(Established)
	o.none()
}

// RFC 9293 Figure 7 from the connecting side.
func TestConnectThreeWayHandshake(t *testing.T) {
	o := newOne(t, nil)
	o.e.Connect(0, ourPort, peerPort)
	o.wantState(SynSent)
	o.expect("S 100:100(0)", SendSYN)
	if _, ok := o.e.NextTimeout(); !ok {
		t.Fatal("no RTO armed after the SYN")
	}
	o.now = 10 * time.Millisecond
	o.recv(seg("S.", peerISS, ourISS+1, ""))
	o.wantState(Established)
	o.expect(". 101:101(0) ack 1001", SendImmediateACK)
	if got := o.count(EvRTTSample, nil); got != 1 {
		t.Errorf("RTT samples = %d, want 1 (the SYN was timed)", got)
	}
}

// RFC 9293 Figure 8: simultaneous open.
func TestSimultaneousOpen(t *testing.T) {
	o := newOne(t, nil)
	o.e.Connect(0, ourPort, peerPort)
	o.expect("S 100:100(0)", SendSYN)
	o.recv(seg("S", 300, 0, ""))
	o.wantState(SynReceived)
	o.expect("S. 100:100(0) ack 301", SendSYNACK)
	o.recv(seg("S.", 300, ourISS+1, ""))
	o.wantState(Established)
	o.none()
}

// Two real endpoints connect to each other at once.
func TestSimultaneousOpenTwoEndpoints(t *testing.T) {
	a, b := newOne(t, nil), newOne(t, func(c *Config) { c.ISS = 300 })
	a.e.Connect(0, 80, 81)
	b.e.Connect(0, 81, 80)
	for range 10 {
		for _, s := range a.drain() {
			b.e.Handle(0, &s)
		}
		for _, s := range b.drain() {
			a.e.Handle(0, &s)
		}
	}
	a.wantState(Established)
	b.wantState(Established)
}

// RFC 9293 §3.10.7.3: a RST acknowledging our SYN refuses the connection;
// one without an acceptable ACK is ignored.
func TestConnectionRefused(t *testing.T) {
	o := newOne(t, nil)
	o.e.Connect(0, ourPort, peerPort)
	o.send()
	if got := o.recv(seg("R", 0, 0, "")); got != RecvRSTIgnored {
		t.Errorf("RST without ACK in SYN-SENT: outcome %v, want RecvRSTIgnored", got)
	}
	o.wantState(SynSent)
	o.recv(seg("R.", 0, ourISS+1, ""))
	o.wantState(Closed)
	if !errors.Is(o.e.Err(), ErrConnectionRefused) {
		t.Errorf("Err() = %v, want ErrConnectionRefused", o.e.Err())
	}
	if o.count(EvNotice, nil) != 1 {
		t.Error("no EvNotice for the refused connection")
	}
	if _, ok := o.e.NextTimeout(); ok {
		t.Error("a timer is still armed in CLOSED")
	}
}

// RFC 9293 Figure 9: recovery from an old duplicate SYN, both sides.
func TestOldDuplicateSYN(t *testing.T) {
	// The connecting side gets a SYN-ACK for some other SYN: reset it.
	o := newOne(t, nil)
	o.e.Connect(0, ourPort, peerPort)
	o.send()
	o.recv(seg("S.", 300, 91, ""))
	o.expect("R 91:91(0)", SendRST)
	o.wantState(SynSent)
	o.recv(seg("S.", 300, ourISS+1, ""))
	o.wantState(Established)

	// The listening side gets the old SYN, then the reset: back to LISTEN.
	l := newOne(t, nil)
	l.e.Listen(0, ourPort)
	l.recv(seg("S", 90, 0, ""))
	l.expect("S. 100:100(0) ack 91", SendSYNACK)
	l.recv(seg("R", 91, 0, ""))
	l.wantState(Listen)
	l.recv(seg("S", peerISS, 0, ""))
	l.wantState(SynReceived)
	l.expect("S. 100:100(0) ack 1001", SendSYNACK)
}

// RFC 9293 §3.10.7.1: the reset rules for a segment with no connection.
func TestClosedAnswersWithRST(t *testing.T) {
	tests := []struct {
		in   wire.Segment
		want string // "" for no answer
	}{
		{seg("S", 500, 0, ""), "R. 0:0(0) ack 501"},
		{seg("P", 500, 0, "abc"), "R. 0:0(0) ack 503"},
		{seg("F", 500, 0, "ab"), "R. 0:0(0) ack 503"},
		{seg(".", 500, 777, ""), "R 777:777(0)"},
		{seg("P.", 500, 777, "data"), "R 777:777(0)"},
		{seg("R", 500, 0, ""), ""},
		{seg("R.", 500, 777, ""), ""},
	}
	for _, tt := range tests {
		o := newOne(t, nil)
		if got := o.recv(tt.in); tt.want != "" && got != RecvNoConnection {
			t.Errorf("Handle(%q) outcome = %v, want RecvNoConnection", desc(tt.in), got)
		}
		if tt.want == "" {
			o.none()
			continue
		}
		s := o.expect(tt.want, SendRST)
		if s.SrcPort != ourPort || s.DstPort != peerPort {
			t.Errorf("RST ports %d→%d, want %d→%d", s.SrcPort, s.DstPort, ourPort, peerPort)
		}
	}
}

// RFC 9293 §3.10.7.2: LISTEN ignores RST, resets an ACK.
func TestListenRules(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("R", 5, 0, ""))
	o.none()
	o.recv(seg(".", 5, 9, ""))
	o.expect("R 9:9(0)", SendRST)
	o.recv(seg("P", 5, 0, "x"))
	o.none()
	o.wantState(Listen)
	// A segment for another port: as if nothing listened there.
	s := seg("S", 5, 0, "")
	s.DstPort = 81
	o.recv(s)
	o.expect("R. 0:0(0) ack 6", SendRST)
}

// RFC 6298 (5.5) backoff on the SYN; SynRetries exhausted → ErrTimedOut and
// a notice (RFC 9293 §3.8.3).
func TestSynRetriesExhausted(t *testing.T) {
	o := newOne(t, func(c *Config) { c.SynRetries = 2 })
	o.e.Connect(0, ourPort, peerPort)
	o.expect("S 100:100(0)", SendSYN)
	var at []time.Duration
	for range 2 {
		o.fire()
		at = append(at, o.now)
		o.expect("S 100:100(0)", SendSYNRetransmit)
	}
	o.fire()
	o.wantState(Closed)
	if !errors.Is(o.e.Err(), ErrTimedOut) {
		t.Fatalf("Err() = %v, want ErrTimedOut", o.e.Err())
	}
	want := []time.Duration{time.Second, 3 * time.Second}
	if at[0] != want[0] || at[1] != want[1] {
		t.Errorf("SYN retransmissions at %v, want %v (1 s, then doubled)", at, want)
	}
	if o.now != 7*time.Second {
		t.Errorf("gave up at %v, want 7s", o.now)
	}
	if o.count(EvNotice, func(ev Event) bool { return errors.Is(ev.Err, ErrTimedOut) }) != 1 {
		t.Error("no EvNotice with ErrTimedOut")
	}
}

// RFC 6298 (5.7): after a lost SYN and no sample, the RTO is 3 s.
func TestLostSYNMakesRTOThreeSeconds(t *testing.T) {
	o := newOne(t, nil)
	o.e.Connect(0, ourPort, peerPort)
	o.send()
	o.fire()
	o.expect("S 100:100(0)", SendSYNRetransmit)
	o.recv(seg("S.", peerISS, ourISS+1, ""))
	o.wantState(Established)
	if got := o.e.est.RTO(); got != 3*time.Second {
		t.Errorf("RTO after a lost SYN = %v, want 3s", got)
	}
}

// A retransmitted SYN in SYN-RECEIVED brings the SYN-ACK again.
func TestDuplicateSYNInSynReceived(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.expect("S. 100:100(0) ack 1001", SendSYNACK)
	o.recv(seg("S", peerISS, 0, ""))
	o.expect("S. 100:100(0) ack 1001", SendSYNRetransmit)
	o.wantState(SynReceived)
}

// Regression: the SYN-ACK sent again for a retransmitted SYN did not
// restart the RTO, so the old timer fired a second SYN-ACK right behind
// it (the lost-syn-ack preset showed two at the same instant). The timer
// now runs a full RTO from the answer, as Linux's tcp_check_req re-arms it.
func TestDuplicateSYNRestartsSynAckTimer(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.expect("S. 100:100(0) ack 1001", SendSYNACK)
	o.advance(990 * time.Millisecond)
	o.recv(seg("S", peerISS, 0, ""))
	o.expect("S. 100:100(0) ack 1001", SendSYNRetransmit)
	if got, ok := o.e.NextTimeout(); !ok || got != 1990*time.Millisecond {
		t.Fatalf("NextTimeout() = %v, %v after the SYN-ACK for a duplicate SYN at 990ms, want 1.99s (990ms + RTO)", got, ok)
	}
	o.advance(20 * time.Millisecond)
	o.none()
}

// RFC 9293 §3.10.7.4: a bad ACK in SYN-RECEIVED is reset.
func TestSynReceivedBadAck(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.send()
	o.recv(seg(".", peerISS+1, 5000, ""))
	o.expect("R 5000:5000(0)", SendRST)
	o.wantState(SynReceived)
}

// Option negotiation (RFC 9293 §3.7.1, RFC 7323 §2–§3, RFC 2018 §2): each
// option is used only when both sides sent it; MSS is 536 when absent; the
// SYN-ACK echoes only what the SYN offered; a SYN's window is never scaled.
func TestOptionNegotiation(t *testing.T) {
	all := func(c *Config) {
		c.SACK, c.Timestamps, c.WindowScale = true, true, true
		c.RecvBufferSize = 1 << 20
	}
	tests := []struct {
		name                 string
		peer                 wire.Options
		effMSS               int
		ws, ts, sack         bool
		sndShift             uint8
		synAckTS, synAckSACK bool
		synAckWS             bool
	}{
		{"none", wire.Options{}, 536, false, false, false, 0, false, false, false},
		{"mss only", wire.Options{MSS: 1000}, 1000, false, false, false, 0, false, false, false},
		{"all", wire.Options{MSS: 1460, HasWScale: true, WScale: 7, HasTS: true, TSVal: 5, SACKPermitted: true},
			1460 - 12, true, true, true, 7, true, true, true},
		{"wscale above 14", wire.Options{MSS: 9000, HasWScale: true, WScale: 20}, 1460, true, false, false, 14, false, false, true},
		{"sack only", wire.Options{MSS: 1460, SACKPermitted: true}, 1460, false, false, true, 0, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOne(t, all)
			o.e.Listen(0, ourPort)
			s := seg("S", peerISS, 0, "")
			s.Options = tt.peer
			o.recv(s)
			sa, _ := o.send()
			e := o.e
			if e.effMSS != tt.effMSS || e.wsOK != tt.ws || e.tsOK != tt.ts || e.sackOK != tt.sack || e.sndShift != tt.sndShift {
				t.Errorf("negotiated effMSS %d ws %v ts %v sack %v shift %d, want %d %v %v %v %d",
					e.effMSS, e.wsOK, e.tsOK, e.sackOK, e.sndShift, tt.effMSS, tt.ws, tt.ts, tt.sack, tt.sndShift)
			}
			if sa.Options.HasTS != tt.synAckTS || sa.Options.SACKPermitted != tt.synAckSACK || sa.Options.HasWScale != tt.synAckWS {
				t.Errorf("SYN-ACK options %+v, want TS %v SACK %v WS %v", sa.Options, tt.synAckTS, tt.synAckSACK, tt.synAckWS)
			}
			if sa.Window != 65535 {
				t.Errorf("SYN-ACK window = %d, want 65535 (never scaled)", sa.Window)
			}
			if tt.ws && sa.Options.WScale != 5 {
				t.Errorf("our shift for a 1 MiB buffer = %d, want 5", sa.Options.WScale)
			}
			if tt.ts && sa.Options.TSEcr != 5 {
				t.Errorf("SYN-ACK TSecr = %d, want the SYN's TSval 5", sa.Options.TSEcr)
			}
		})
	}
}

// After the handshake the window field is scaled by our shift (RFC 7323 §2.3).
func TestWindowScaledAfterSYN(t *testing.T) {
	o := newOne(t, func(c *Config) { c.WindowScale = true; c.RecvBufferSize = 1 << 20 })
	o.passive(wire.Options{MSS: 1460, HasWScale: true, WScale: 2})
	o.recv(withWin(seg("P.", peerISS+1, ourISS+1, "hello"), 100))
	s, _ := o.send()
	if want := uint16(((1 << 20) - 5) >> 5); s.Window != want {
		t.Errorf("window field = %d, want %d (free space >> 5)", s.Window, want)
	}
	if o.e.sndWnd != 400 {
		t.Errorf("SND.WND = %d, want 100<<2", o.e.sndWnd)
	}
}

func TestConfigValidation(t *testing.T) {
	tests := []struct {
		mut  func(*Config)
		want string
	}{
		{func(c *Config) { c.MSS = 20 }, "tcp: Config.MSS = 20, want 64..65495"},
		{func(c *Config) { c.DelayedACKTimeout = 600 * time.Millisecond }, "tcp: Config.DelayedACKTimeout = 600ms, want 1ms..499ms"},
		{func(c *Config) { c.R1 = 20 }, "tcp: Config.R1 = 20, want 0..15"},
		{func(c *Config) { c.MinRTO = 0 }, "tcp: Config.MinRTO = 0s, want 1ms..10m0s"},
	}
	for _, tt := range tests {
		c := DefaultConfig(ProfileRFC)
		tt.mut(&c)
		if _, err := New(c); err == nil || err.Error() != tt.want {
			t.Errorf("New() error = %v, want %q", err, tt.want)
		}
	}
	for _, p := range []Profile{ProfileRFC, ProfileLinux} {
		if _, err := New(DefaultConfig(p)); err != nil {
			t.Errorf("New(DefaultConfig(%d)) = %v", p, err)
		}
	}
}

func TestDefaultConfigs(t *testing.T) {
	r, l := DefaultConfig(ProfileRFC), DefaultConfig(ProfileLinux)
	if got := r.initialWindow(1460); got != 4380 {
		t.Errorf("RFC IW(1460) = %d, want 4380 (RFC 3390)", got)
	}
	if got := r.initialWindow(536); got != 2144 {
		t.Errorf("RFC IW(536) = %d, want 4·536", got)
	}
	if got := l.initialWindow(1460); got != 14600 {
		t.Errorf("Linux IW(1460) = %d, want 10·MSS", got)
	}
	if r.MinRTO != time.Second || l.MinRTO != 200*time.Millisecond || l.DelayedACKTimeout != 40*time.Millisecond ||
		r.MSL != 2*time.Second || l.MSL != 2*time.Second || l.Recovery != RecoverySACK || l.SynRetries != 6 {
		t.Errorf("profile defaults differ from the brief: %+v / %+v", r, l)
	}
}

func TestStateStrings(t *testing.T) {
	want := []string{"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
		"FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"}
	for i, w := range want {
		if got := State(i).String(); got != w {
			t.Errorf("State(%d).String() = %q, want %q", i, got, w)
		}
	}
	for i := range NumStates {
		found := false
		for _, tr := range Transitions {
			if tr.From == State(i) || tr.To == State(i) {
				found = true
			}
		}
		if !found {
			t.Errorf("state %v has no transition in the table", State(i))
		}
	}
}
