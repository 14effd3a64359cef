package tcp

import (
	"errors"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// RFC 9293 Figure 12 (normal close), the active side: FIN-WAIT-1 →
// FIN-WAIT-2 → TIME-WAIT → CLOSED after 2·MSL.
func TestActiveClose(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.e.Close(o.now)
	o.wantState(FinWait1)
	o.expect("F. 101:101(0) ack 1001", SendFIN)
	o.recv(seg(".", 1001, 102, ""))
	o.wantState(FinWait2)
	o.recv(seg("F.", 1001, 102, ""))
	o.wantState(TimeWait)
	o.expect(". 102:102(0) ack 1002", SendImmediateACK)
	start := o.now
	o.fire()
	o.wantState(Closed)
	if got := o.now - start; got != 4*time.Second {
		t.Errorf("TIME-WAIT lasted %v, want 2·MSL = 4s", got)
	}
	if o.e.Err() != nil {
		t.Errorf("Err() = %v after a clean close", o.e.Err())
	}
}

// RFC 9293 §3.10.7.4: a retransmitted FIN in TIME-WAIT is ACKed and
// restarts the 2·MSL timer.
func TestTimeWaitRetransmittedFIN(t *testing.T) {
	o := newOne(t, func(c *Config) { c.MSL = time.Second })
	o.established()
	o.e.Close(o.now)
	o.send()
	o.recv(seg("F.", 1001, 102, ""))
	o.wantState(TimeWait)
	o.send()
	o.advance(1500 * time.Millisecond)
	o.wantState(TimeWait)
	o.recv(seg("F.", 1001, 102, ""))
	o.expect(". 102:102(0) ack 1002", SendTimeWaitACK)
	if dl := o.e.timers[TimerTimeWait].deadline; dl != o.now+2*time.Second {
		t.Errorf("TIME-WAIT deadline %v, want restarted to %v", dl, o.now+2*time.Second)
	}
	o.advance(1999 * time.Millisecond)
	o.wantState(TimeWait)
	o.advance(time.Millisecond)
	o.wantState(Closed)
}

// The passive side: CLOSE-WAIT, then LAST-ACK, then CLOSED on the ACK.
func TestPassiveClose(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.recv(seg("F.", 1001, 101, ""))
	o.wantState(CloseWait)
	o.expect(". 101:101(0) ack 1002", SendImmediateACK)
	o.write(10)
	o.e.Close(o.now)
	o.wantState(LastAck)
	o.expect("FP. 101:111(10) ack 1002", SendNewData)
	o.recv(seg(".", 1002, 112, ""))
	o.wantState(Closed)
	if _, ok := o.e.NextTimeout(); ok {
		t.Error("timers armed in CLOSED")
	}
}

// RFC 9293 Figure 13: simultaneous close through CLOSING.
func TestSimultaneousClose(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.e.Close(o.now)
	o.expect("F. 101:101(0) ack 1001", SendFIN)
	o.recv(seg("F.", 1001, 101, ""))
	o.wantState(Closing)
	o.expect(". 102:102(0) ack 1002", SendImmediateACK)
	o.recv(seg(".", 1002, 102, ""))
	o.wantState(TimeWait)
}

// Two endpoints close at the same instant: both pass through TIME-WAIT.
func TestSimultaneousCloseTwoEndpoints(t *testing.T) {
	a, b := newOne(t, nil), newOne(t, func(c *Config) { c.ISS = 300 })
	b.e.Listen(0, 81)
	a.e.Connect(0, 80, 81)
	exchange := func() {
		for range 10 {
			for _, s := range a.drain() {
				b.e.Handle(0, &s)
			}
			for _, s := range b.drain() {
				a.e.Handle(0, &s)
			}
		}
	}
	exchange()
	a.e.Close(0)
	b.e.Close(0)
	exchange()
	a.wantState(TimeWait)
	b.wantState(TimeWait)
}

// A FIN that also acknowledges ours goes from FIN-WAIT-1 straight to TIME-WAIT.
func TestFinWait1ToTimeWait(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.e.Close(o.now)
	o.send()
	o.recv(seg("F.", 1001, 102, ""))
	o.wantState(TimeWait)
}

// Half-close: after Shutdown the endpoint still receives and reads.
func TestHalfClose(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.e.Shutdown(o.now)
	o.send()
	o.recv(seg(".", 1001, 102, ""))
	o.wantState(FinWait2)
	o.recv(seg("P.", 1001, 102, "more data"))
	o.expect(". 102:102(0) ack 1010", SendImmediateACK)
	buf := make([]byte, 20)
	if n, _ := o.e.Read(o.now, buf); string(buf[:n]) != "more data" {
		t.Errorf("Read after Shutdown = %q", buf[:n])
	}
	if _, err := o.e.Write(o.now, []byte("x")); !errors.Is(err, ErrClosing) {
		t.Errorf("Write after Shutdown = %v, want ErrClosing", err)
	}
}

// Close discards what arrives so the peer never stalls on a full window.
func TestCloseDiscardsIncomingData(t *testing.T) {
	o := newOne(t, func(c *Config) { c.RecvBufferSize = 2000 })
	o.established()
	o.recv(seg("P.", 1001, 101, data(1500)))
	o.drain()
	o.e.Close(o.now)
	for _, s := range o.drain() {
		if s.Window != 2000 {
			t.Errorf("window after Close = %d, want 2000 (buffer emptied)", s.Window)
		}
	}
	for i := range 5 {
		o.recv(seg("P.", uint32(2501+1500*i), 102, data(1500)))
		s, _ := o.send()
		if s.Window < 1500 {
			t.Fatalf("window shrank to %d while closing", s.Window)
		}
	}
	if o.e.Readable() != 0 {
		t.Errorf("Readable() = %d after Close, want 0", o.e.Readable())
	}
}

// Close in SYN-RECEIVED with nothing queued sends the FIN at once (RFC
// 9293 §3.10.4, as Linux does); the peer's ACK of SYN and FIN leads to
// FIN-WAIT-2. Regression: the FIN used to wait for the ACK of our SYN.
func TestCloseInSynReceived(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.send()
	o.e.Close(o.now)
	o.wantState(FinWait1)
	o.expect("F. 101:101(0) ack 1001", SendFIN)
	o.none()
	o.recv(seg(".", 1001, 102, ""))
	o.wantState(FinWait2)
}

// Close in SYN-RECEIVED when the SYN-ACK and the FIN are both lost: the
// timer sends the SYN-ACK again, and as soon as the peer acknowledges the
// SYN the FIN goes again, as after any timeout (go back to SND.UNA).
func TestCloseInSynReceivedLost(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.recv(seg("S", peerISS, 0, ""))
	o.send()
	o.e.Close(o.now)
	o.expect("F. 101:101(0) ack 1001", SendFIN)
	o.fire()
	o.expect("S. 100:100(0) ack 1001", SendSYNRetransmit)
	o.recv(seg(".", 1001, 101, ""))
	o.wantState(FinWait1)
	o.expect("F. 101:101(0) ack 1001", SendFINRetransmit)
	o.recv(seg(".", 1001, 102, ""))
	o.wantState(FinWait2)
}

// Abort sends RST <SEQ=SND.NXT> and closes at once (RFC 9293 §3.10.5).
func TestAbort(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.write(10)
	o.send()
	o.e.Abort(o.now)
	o.wantState(Closed)
	o.expect("R 111:111(0)", SendRST)
	if !errors.Is(o.e.Err(), ErrAborted) {
		t.Errorf("Err() = %v, want ErrAborted", o.e.Err())
	}
	o.none()
}

// The FIN is retransmitted by the RTO like data.
func TestFINRetransmit(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.e.Close(o.now)
	o.send()
	o.fire()
	o.expect("F. 101:101(0) ack 1001", SendFINRetransmit)
}

// Close in LISTEN and SYN-SENT deletes the TCB.
func TestCloseBeforeSynchronized(t *testing.T) {
	o := newOne(t, nil)
	o.e.Listen(0, ourPort)
	o.e.Close(0)
	o.wantState(Closed)
	o.e.Connect(0, ourPort, peerPort)
	o.send()
	o.e.Close(0)
	o.wantState(Closed)
	o.none()
	if err := o.e.Close(0); !errors.Is(err, ErrNotConnected) {
		t.Errorf("Close in CLOSED = %v, want ErrNotConnected", err)
	}
}

// The RST, ABORT and timeout arrows out of FIN-WAIT-1, FIN-WAIT-2 and
// CLOSE-WAIT (RFC 9293 §3.10.7.4, §3.10.5, §3.8.3).
func TestLeavingClosingStates(t *testing.T) {
	reach := map[State]func(o *one){
		FinWait1: func(o *one) { o.e.Close(o.now); o.drain() },
		FinWait2: func(o *one) { o.e.Close(o.now); o.drain(); o.recv(seg(".", 1001, 102, "")) },
		CloseWait: func(o *one) {
			o.recv(seg("F.", 1001, 101, ""))
			o.drain()
			o.write(10)
			o.drain()
		},
	}
	rcvNxt := map[State]uint32{FinWait1: 1001, FinWait2: 1001, CloseWait: 1002}
	for _, st := range []State{FinWait1, FinWait2, CloseWait} {
		for _, how := range []string{"rst", "abort", "timeout"} {
			o := newOne(t, func(c *Config) {
				c.R1, c.R2 = 1, 2
				c.KeepAlive, c.KeepAliveIdle, c.KeepAliveInterval, c.KeepAliveProbes = true, time.Minute, time.Second, 2
			})
			o.established()
			reach[st](o)
			o.wantState(st)
			var want error
			switch how {
			case "rst":
				o.recv(seg("R", rcvNxt[st], 0, ""))
				want = ErrConnectionReset
			case "abort":
				o.e.Abort(o.now)
				want = ErrAborted
			case "timeout":
				for i := 0; i < 10 && o.e.State() != Closed; i++ {
					o.fire()
					o.drain()
				}
				want = ErrTimedOut
			}
			if o.e.State() != Closed || !errors.Is(o.e.Err(), want) {
				t.Errorf("%v, %s: state %v, Err() = %v; want CLOSED, %v", st, how, o.e.State(), o.e.Err(), want)
			}
		}
	}
}

// A FIN occupies sequence space, not buffer space (RFC 9293 §3.4,
// §3.10.7.4 eighth step): the window advertised after it must not shrink
// by one (65535 → 65534), with or without window scaling and with data
// waiting unread before it.
func TestFINDoesNotShrinkWindow(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mut    func(*Config)
		opts   wire.Options
		data   int
		before int // the window (bytes) advertised before the FIN
	}{
		{"no data", nil, wire.Options{MSS: 1460}, 0, 65535},
		{"data unread", nil, wire.Options{MSS: 1460}, 1000, 64535},
		{"scaled", func(c *Config) { c.WindowScale = true; c.RecvBufferSize = 1 << 20 },
			wire.Options{MSS: 1460, HasWScale: true, WScale: 7}, 0, 1 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOne(t, tc.mut)
			o.passive(tc.opts)
			shift := o.e.rcvShift
			if tc.data > 0 {
				o.recv(seg("P.", peerISS+1, ourISS+1, data(tc.data)))
				s, _ := o.send()
				if got := int(s.Window) << shift; got != tc.before {
					t.Fatalf("window after %d bytes = %d, want %d", tc.data, got, tc.before)
				}
			}
			o.recv(seg("F.", uint32(peerISS+1+tc.data), ourISS+1, ""))
			s, _ := o.send()
			if s.Ack != seq.Seq(peerISS+2+tc.data) {
				t.Fatalf("ACK of the FIN = %d, want %d", s.Ack, peerISS+2+tc.data)
			}
			if got := int(s.Window) << shift; got != tc.before {
				t.Errorf("window after FIN = %d, want %d (a FIN takes no buffer)", got, tc.before)
			}
			if got := o.e.rcvWnd(); got != tc.before {
				t.Errorf("RCV.WND after FIN = %d, want %d", got, tc.before)
			}
		})
	}
}

// Regression: a FIN that also changed the peer's window was reported as a
// window update (the simultaneous-close preset showed "[window update]" on
// B's FIN, and the narration missed the FIN). A window update carries no
// data, SYN or FIN.
func TestFINWithNewWindowIsNotWindowUpdate(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	fin := seg("F.", 1001, 101, "")
	fin.Window = 30000
	if got := o.recv(fin); got != RecvAckOnly {
		t.Errorf("FIN with a new window: outcome %v, want %v", got, RecvAckOnly)
	}
	o.wantState(CloseWait)
	if w := o.e.Snapshot().Space.SndWnd; w != 30000 {
		t.Errorf("SND.WND = %d after the FIN, want its window 30000", w)
	}
}
