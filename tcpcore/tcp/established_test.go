package tcp

import (
	"errors"
	"io"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// RFC 9293 §3.8.6.3, RFC 5681 §4.2: one full segment waits for the
// delayed-ACK timer; the second is acknowledged at once.
func TestDelayedACK(t *testing.T) {
	o := newOne(t, func(c *Config) { c.DelayedACK = true })
	o.established()
	o.recv(seg("P.", 1001, 101, data(1460)))
	o.none()
	if !o.e.timers[TimerDelayedACK].armed {
		t.Fatal("delayed-ACK timer not armed")
	}
	o.recv(seg("P.", 2461, 101, data(1460)))
	o.expect(". 101:101(0) ack 3921", SendDelayedACK)
	if o.e.timers[TimerDelayedACK].armed {
		t.Error("delayed-ACK timer still armed after the ACK went out")
	}
	o.recv(seg("P.", 3921, 101, data(100)))
	o.none()
	o.fire()
	if o.now != 200*time.Millisecond {
		t.Errorf("delayed ACK fired at %v, want 200ms", o.now)
	}
	o.expect(". 101:101(0) ack 4021", SendDelayedACK)
}

// RFC 5681 §4.2: out-of-order data is ACKed at once with SACK blocks, the
// most recent first (RFC 2018 §4); the segment filling the hole too.
func TestOutOfOrderSACKAndHoleFill(t *testing.T) {
	o := newOne(t, func(c *Config) { c.DelayedACK = true; c.SACK = true })
	o.passive(wire.Options{MSS: 1460, SACKPermitted: true})
	if got := o.recv(seg("P.", 1101, 101, data(100))); got != RecvOutOfOrder {
		t.Errorf("outcome = %v, want RecvOutOfOrder", got)
	}
	s := o.expect(". 101:101(0) ack 1001", SendImmediateACK)
	if s.Options.NumSACK != 1 || s.Options.SACK[0] != (wire.SACKBlock{Left: 1101, Right: 1201}) {
		t.Errorf("SACK = %v, want [1101,1201)", s.Options.SACK[:s.Options.NumSACK])
	}
	o.recv(seg("P.", 1301, 101, data(100)))
	s = o.expect(". 101:101(0) ack 1001", SendImmediateACK)
	want := []wire.SACKBlock{{Left: 1301, Right: 1401}, {Left: 1101, Right: 1201}}
	if s.Options.NumSACK != 2 || s.Options.SACK[0] != want[0] || s.Options.SACK[1] != want[1] {
		t.Errorf("SACK = %v, want %v (most recent first)", s.Options.SACK[:s.Options.NumSACK], want)
	}
	o.recv(seg("P.", 1001, 101, data(100)))
	s = o.expect(". 101:101(0) ack 1201", SendImmediateACK)
	if s.Options.NumSACK != 1 {
		t.Errorf("SACK after a partial fill = %v, want only [1301,1401)", s.Options.SACK[:s.Options.NumSACK])
	}
	o.recv(seg("P.", 1201, 101, data(100)))
	o.expect(". 101:101(0) ack 1401", SendImmediateACK)
	if got := o.e.Readable(); got != 400 {
		t.Errorf("Readable() = %d, want 400", got)
	}
}

// RFC 2883: a duplicate segment is ACKed at once with a D-SACK block.
func TestDuplicateSegmentDSACK(t *testing.T) {
	o := newOne(t, func(c *Config) { c.SACK = true })
	o.passive(wire.Options{MSS: 1460, SACKPermitted: true})
	o.recv(seg("P.", 1001, 101, data(100)))
	o.send()
	if got := o.recv(seg("P.", 1001, 101, data(100))); got != RecvDuplicate {
		t.Errorf("outcome = %v, want RecvDuplicate", got)
	}
	s := o.expect(". 101:101(0) ack 1101", SendImmediateACK)
	if s.Options.NumSACK != 1 || s.Options.SACK[0] != (wire.SACKBlock{Left: 1001, Right: 1101}) {
		t.Errorf("D-SACK = %v, want [1001,1101)", s.Options.SACK[:s.Options.NumSACK])
	}
}

// RFC 1122 §4.2.3.4 Nagle: a small segment waits while data is
// unacknowledged; NoDelay sends it.
func TestNagle(t *testing.T) {
	for _, noDelay := range []bool{false, true} {
		o := newOne(t, func(c *Config) { c.NoDelay = noDelay })
		o.established()
		o.write(10)
		o.expect("P. 101:111(10) ack 1001", SendNewData)
		o.write(10)
		if noDelay {
			o.expect("P. 111:121(10) ack 1001", SendNewData)
			continue
		}
		o.none()
		o.recv(seg(".", 1001, 111, ""))
		o.expect("P. 111:121(10) ack 1001", SendNewData)
	}
}

// Segments are sized min(peer MSS, our MSS) less the timestamp option.
func TestSegmentSize(t *testing.T) {
	o := newOne(t, func(c *Config) { c.Timestamps = true; c.MSS = 1000; c.InitialWindow = 10000 })
	o.passive(wire.Options{MSS: 1460, HasTS: true, TSVal: 1})
	o.write(2964)
	for _, want := range []string{". 101:1089(988) ack 1001", ". 1089:2077(988) ack 1001", "P. 2077:3065(988) ack 1001"} {
		o.expect(want, SendNewData)
	}
}

// RFC 9293 §3.8.6.2.1 sender SWS avoidance: with a small usable window and
// data outstanding, wait rather than send a sliver.
func TestSenderSWS(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 100000 })
	o.passive(wire.Options{MSS: 1000})
	o.recv(withWin(seg(".", 1001, 101, ""), 2500))
	o.write(5000)
	o.expect(". 101:1101(1000) ack 1001", SendNewData)
	o.expect(". 1101:2101(1000) ack 1001", SendNewData)
	o.none() // 500 bytes usable: less than a segment and less than half the max window
	o.recv(withWin(seg(".", 1001, 1101, ""), 2500))
	o.expect(". 2101:3101(1000) ack 1001", SendNewData)
}

// RFC 9293 §3.8.6.2.2 receiver SWS avoidance and window updates: the window
// does not reopen by less than min(RCV.BUFF/2, MSS); a read that opens it
// from zero sends a window update.
func TestReceiverSWSAndWindowUpdate(t *testing.T) {
	o := newOne(t, func(c *Config) { c.RecvBufferSize = 4000 })
	o.passive(wire.Options{MSS: 1000})
	for i := range 4 {
		o.recv(seg("P.", uint32(1001+1000*i), 101, data(1000)))
		s, _ := o.send()
		if want := uint16(3000 - 1000*i); s.Window != want {
			t.Fatalf("window after %d segments = %d, want %d", i+1, s.Window, want)
		}
	}
	buf := make([]byte, 10)
	o.e.Read(o.now, buf) // 10 bytes free: far below min(2000, 1000)
	o.none()
	o.e.Read(o.now, make([]byte, 990))
	s := o.expect(". 101:101(0) ack 5001", SendWindowUpdate)
	if s.Window != 1000 {
		t.Errorf("window update = %d, want 1000", s.Window)
	}
	// The window never shrinks: the right edge 6001 stays.
	o.recv(seg("P.", 5001, 101, data(500)))
	s, _ = o.send()
	if s.Window != 500 {
		t.Errorf("window = %d, want 500", s.Window)
	}
}

// Data beyond the advertised window is trimmed, never stored.
func TestDataBeyondWindowTrimmed(t *testing.T) {
	o := newOne(t, func(c *Config) { c.RecvBufferSize = 1000 })
	o.passive(wire.Options{MSS: 1460})
	o.recv(seg("P.", 1001, 101, data(1500)))
	s := o.expect(". 101:101(0) ack 2001", 0)
	if s.Window != 0 || o.e.Readable() != 1000 {
		t.Errorf("window %d, readable %d; want 0, 1000", s.Window, o.e.Readable())
	}
}

// RFC 9293 §3.8.6.1: a zero window starts the persist timer; probes back
// off exponentially up to MaxPersist; the connection never aborts while
// probes are answered, however many; an opening window resumes sending.
func TestZeroWindowPersist(t *testing.T) {
	o := newOne(t, func(c *Config) { c.MaxPersist = 8 * time.Second; c.R2 = 3 })
	o.established()
	o.recv(withWin(seg(".", 1001, 101, ""), 0))
	o.write(100)
	o.none()
	var gaps []time.Duration
	last := o.now
	for i := range 8 {
		fired := o.fire()
		if len(fired) != 1 || fired[0] != TimerPersist {
			t.Fatalf("probe %d: fired %v, want the persist timer", i, fired)
		}
		gaps = append(gaps, o.now-last)
		last = o.now
		o.expect(". 101:102(1) ack 1001", SendZeroWindowProbe)
		o.recv(withWin(seg(".", 1001, 101, ""), 0))
		o.none()
		o.wantState(Established)
	}
	want := []time.Duration{1, 2, 4, 8, 8, 8, 8, 8}
	for i := range want {
		if gaps[i] != want[i]*time.Second {
			t.Fatalf("probe intervals %v, want %v s", gaps, want)
		}
	}
	o.recv(withWin(seg(".", 1001, 101, ""), 1000))
	o.expect("P. 101:201(100) ack 1001", SendNewData)
	o.recv(seg(".", 1001, 201, ""))
	if o.e.timers[TimerPersist].armed || o.e.timers[TimerRTO].armed {
		t.Error("timers armed after everything was acked")
	}
}

// Linux's probe style: SEQ=SND.UNA−1 with no data.
func TestZeroWindowProbeOldSeq(t *testing.T) {
	o := newOne(t, func(c *Config) { c.ProbeStyle = ProbeOldSeq })
	o.established()
	o.recv(withWin(seg(".", 1001, 101, ""), 0))
	o.write(100)
	o.none()
	o.fire()
	o.expect(". 100:100(0) ack 1001", SendZeroWindowProbe)
}

// A zero window while data is in flight: the RTO turns into probing, and
// never counts towards R2.
func TestWindowClosesWithDataInFlight(t *testing.T) {
	o := newOne(t, func(c *Config) { c.R1, c.R2 = 1, 2 })
	o.established()
	o.write(500)
	o.send()
	o.recv(withWin(seg(".", 1001, 101, ""), 0))
	for range 6 {
		o.fire()
		o.drain()
		o.recv(withWin(seg(".", 1001, 101, ""), 0))
	}
	o.wantState(Established)
}

// RFC 6298 (5.4)–(5.6) and Karn: the RTO doubles on each expiry and the
// ACK of a retransmitted segment gives no RTT sample.
func TestRTOBackoffAndKarn(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	samples := o.count(EvRTTSample, nil)
	o.write(100)
	o.send()
	var at []time.Duration
	for range 3 {
		o.fire()
		at = append(at, o.now)
		o.expect("P. 101:201(100) ack 1001", SendRTORetransmit)
	}
	if at[0] != time.Second || at[1] != 3*time.Second || at[2] != 7*time.Second {
		t.Errorf("retransmissions at %v, want 1s 3s 7s", at)
	}
	o.recv(seg(".", 1001, 201, ""))
	if got := o.count(EvRTTSample, nil); got != samples {
		t.Errorf("RTT samples %d → %d: Karn's rule broken", samples, got)
	}
	if got := o.e.est.RTO(); got != 8*time.Second {
		t.Errorf("RTO after the ACK = %v, want the backed-off 8s until a valid sample", got)
	}
}

// RFC 7323 §4: with timestamps the echo of a retransmission is a valid sample.
func TestTimestampRTTAfterRetransmission(t *testing.T) {
	o := newOne(t, func(c *Config) { c.Timestamps = true })
	o.passive(wire.Options{MSS: 1460, HasTS: true, TSVal: 1})
	o.write(100)
	o.send()
	o.fire()
	s, _ := o.send()
	o.now += 50 * time.Millisecond
	a := seg(".", 1001, 201, "")
	a.Options = wire.Options{HasTS: true, TSVal: 2, TSEcr: s.Options.TSVal}
	n := o.count(EvRTTSample, nil)
	o.recv(a)
	if o.count(EvRTTSample, nil) != n+1 {
		t.Fatal("no RTT sample from the timestamp echo")
	}
	if got := o.e.est.SRTT(); got != 50*time.Millisecond {
		t.Errorf("SRTT = %v, want 50ms", got)
	}
}

// RFC 7323 §5: PAWS drops a segment with an old timestamp and ACKs it; a
// RST is exempt.
func TestPAWS(t *testing.T) {
	o := newOne(t, func(c *Config) { c.Timestamps = true })
	o.passive(wire.Options{MSS: 1460, HasTS: true, TSVal: 1000})
	d := seg("P.", 1001, 101, "abc")
	d.Options = wire.Options{HasTS: true, TSVal: 500}
	if got := o.recv(d); got != RecvPAWSRejected {
		t.Fatalf("outcome = %v, want RecvPAWSRejected", got)
	}
	o.expect(". 101:101(0) ack 1001", SendImmediateACK)
	if o.e.Readable() != 0 {
		t.Error("PAWS-rejected data was queued")
	}
	r := seg("R", 1001, 0, "")
	r.Options = wire.Options{HasTS: true, TSVal: 500}
	o.recv(r)
	o.wantState(Closed)
}

// sendFlight writes n full segments (MSS 1000) and drains them.
func sendFlight(o *one, n int) {
	o.write(1000 * n)
	for range n {
		o.send()
	}
}

func dupAck(ack uint32) wire.Segment { return seg(".", 1001, ack, "") }

// RFC 5681 §3.2 fast retransmit on the third duplicate ACK, with RFC 3042
// limited transmit on the first two.
func TestFastRetransmitAndLimitedTransmit(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 4000; c.Recovery = RecoveryReno })
	o.passive(wire.Options{MSS: 1000})
	o.write(20000)
	for range 4 {
		o.send()
	}
	o.none()
	o.recv(dupAck(101))  // not a dup: window unchanged but nothing new... the first ACK of nothing
	o.recv(dupAck(1101)) // new data acked
	o.drain()
	for i := 1; i <= 2; i++ {
		if got := o.recv(dupAck(1101)); got != RecvDupAck {
			t.Fatalf("dup ack %d outcome %v", i, got)
		}
		nxt := int(o.e.sndNxt)
		o.expect(". "+itoa(nxt)+":"+itoa(nxt+1000)+"(1000) ack 1001", SendLimitedTransmit)
		o.none()
	}
	o.recv(dupAck(1101))
	o.expect(". 1101:2101(1000) ack 1001", SendFastRetransmit)
	if !o.e.inRecovery {
		t.Error("not in recovery after the third duplicate ACK")
	}
	if got := o.count(EvSegmentReceived, func(ev Event) bool { return ev.DupAcks == 3 }); got != 1 {
		t.Errorf("dup ACK #3 reported %d times, want 1", got)
	}
	// Reno: the first new ACK ends recovery.
	o.recv(dupAck(2101))
	if o.e.inRecovery {
		t.Error("Reno still in recovery after a new ACK")
	}
}

func itoa(n int) string {
	var b []byte
	if n == 0 {
		return "0"
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// RFC 6582: a partial ACK retransmits the next hole and stays in recovery;
// the ACK of the recovery point ends it.
func TestNewRenoPartialAck(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 6000; c.LimitedTransmit = false })
	o.passive(wire.Options{MSS: 1000})
	sendFlight(o, 6) // 101..6101; segments at 101 and 2101 are lost
	for range 3 {
		o.recv(dupAck(101))
	}
	o.expect(". 101:1101(1000) ack 1001", SendFastRetransmit)
	o.drain()
	o.recv(dupAck(2101)) // partial: recover is 6101
	o.expect(". 2101:3101(1000) ack 1001", SendPartialAckRetransmit)
	if !o.e.inRecovery {
		t.Fatal("left recovery on a partial ACK")
	}
	o.drain()
	o.recv(dupAck(6101))
	if o.e.inRecovery {
		t.Error("still in recovery after the full ACK")
	}
}

// RFC 6675: SACK-based recovery retransmits the holes the scoreboard marks
// lost, driven by pipe, without waiting for partial ACKs.
func TestSACKRecovery(t *testing.T) {
	o := newOne(t, func(c *Config) {
		c.SACK = true
		c.Recovery = RecoverySACK
		c.InitialWindow = 8000
		c.LimitedTransmit = false
	})
	o.passive(wire.Options{MSS: 1000, SACKPermitted: true})
	sendFlight(o, 8) // 101..8101: 101 and 3101 lost
	sackAck := func(blocks ...wire.SACKBlock) wire.Segment {
		s := dupAck(101)
		s.Options.NumSACK = copy(s.Options.SACK[:], blocks)
		return s
	}
	o.recv(sackAck(wire.SACKBlock{Left: 1101, Right: 2101}))
	o.recv(sackAck(wire.SACKBlock{Left: 1101, Right: 3101}))
	o.none()
	o.recv(sackAck(wire.SACKBlock{Left: 4101, Right: 5101}, wire.SACKBlock{Left: 1101, Right: 3101}))
	o.expect(". 101:1101(1000) ack 1001", SendFastRetransmit)
	o.recv(sackAck(wire.SACKBlock{Left: 4101, Right: 6101}, wire.SACKBlock{Left: 1101, Right: 3101}))
	o.recv(sackAck(wire.SACKBlock{Left: 4101, Right: 7101}, wire.SACKBlock{Left: 1101, Right: 3101}))
	var got []string
	for _, s := range o.drain() {
		got = append(got, desc(s))
	}
	if len(got) == 0 || got[0] != ". 3101:4101(1000) ack 1001" {
		t.Errorf("after more SACKs sent %v, want the second hole 3101:4101 first", got)
	}
	if o.count(EvSegmentSent, func(ev Event) bool { return ev.SendReason == SendSACKRetransmit }) == 0 {
		t.Error("no SendSACKRetransmit")
	}
}

// RFC 9293 §3.8.3: R1 → a soft error and a notice; R2 → abort with ErrTimedOut.
func TestR1NoticeAndR2Abort(t *testing.T) {
	o := newOne(t, func(c *Config) { c.R1 = 2; c.R2 = 4 })
	o.established()
	o.write(100)
	o.send()
	for i := 1; i <= 4; i++ {
		o.fire()
		o.drain()
		if i == 2 && !errors.Is(o.e.SoftErr(), ErrRetransmitting) {
			t.Errorf("after %d retransmissions SoftErr() = %v, want ErrRetransmitting", i, o.e.SoftErr())
		}
	}
	o.wantState(Established)
	o.fire()
	o.wantState(Closed)
	if !errors.Is(o.e.Err(), ErrTimedOut) {
		t.Errorf("Err() = %v, want ErrTimedOut", o.e.Err())
	}
	if got := o.count(EvNotice, nil); got != 2 {
		t.Errorf("notices = %d, want 2 (R1, then the abort)", got)
	}
	if _, err := o.e.Write(o.now, []byte("x")); !errors.Is(err, ErrTimedOut) {
		t.Errorf("Write after abort = %v, want ErrTimedOut", err)
	}
}

// SoftErr clears when the segment is finally acknowledged.
func TestSoftErrClears(t *testing.T) {
	o := newOne(t, func(c *Config) { c.R1 = 1 })
	o.established()
	o.write(100)
	o.send()
	o.fire()
	o.drain()
	if o.e.SoftErr() == nil {
		t.Fatal("SoftErr not set")
	}
	o.recv(seg(".", 1001, 201, ""))
	if o.e.SoftErr() != nil {
		t.Errorf("SoftErr() = %v after the ACK, want nil", o.e.SoftErr())
	}
}

// RFC 5681 §4.1: after an idle period longer than the RTO, cwnd restarts.
func TestRestartAfterIdle(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 2000; c.NoDelay = true })
	o.passive(wire.Options{MSS: 1000})
	for i := range 10 {
		sendFlight(o, 2)
		o.recv(seg(".", 1001, uint32(101+2000*(i+1)), ""))
	}
	grown := o.e.cc.Cwnd()
	o.now += 5 * time.Second
	o.write(100)
	o.send()
	if got := o.e.cc.Cwnd(); got >= grown {
		t.Errorf("cwnd after idle = %d, want below %d", got, grown)
	}
}

// Read returns io.EOF after the FIN once all data is read.
func TestReadEOF(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.recv(seg("FP.", 1001, 101, "hello"))
	o.wantState(CloseWait)
	buf := make([]byte, 3)
	if n, err := o.e.Read(o.now, buf); n != 3 || err != nil {
		t.Fatalf("Read = %d, %v", n, err)
	}
	if n, err := o.e.Read(o.now, buf); n != 2 || err != nil {
		t.Fatalf("Read = %d, %v", n, err)
	}
	if n, err := o.e.Read(o.now, buf); n != 0 || err != io.EOF {
		t.Fatalf("Read = %d, %v; want 0, EOF", n, err)
	}
}

// A FIN beyond a hole takes effect when the hole fills.
func TestFINAfterHole(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.recv(seg("F.", 1006, 101, "world"))
	o.wantState(Established)
	o.drain()
	o.recv(seg(".", 1001, 101, "hello"))
	o.wantState(CloseWait)
	o.expect(". 101:101(0) ack 1012", SendImmediateACK)
}

// The send buffer keeps real bytes across compaction: what Poll hands out
// is what was written.
func TestSendBufferBytes(t *testing.T) {
	o := newOne(t, func(c *Config) { c.SendBufferSize = 3000; c.InitialWindow = 100000; c.NoDelay = true })
	o.passive(wire.Options{MSS: 1000})
	var sent, written []byte
	next := byte(0)
	una := seq.Seq(101)
	for round := 0; round < 20; round++ {
		p := make([]byte, 1700)
		for i := range p {
			p[i] = next
			next++
		}
		n, _ := o.e.Write(o.now, p)
		written = append(written, p[:n]...)
		for _, s := range o.drain() {
			sent = append(sent, s.Payload...)
			una = s.Seq.Add(len(s.Payload))
		}
		o.recv(seg(".", 1001, uint32(una), ""))
	}
	if string(sent) != string(written) {
		t.Fatalf("sent %d bytes differing from the %d written", len(sent), len(written))
	}
}

// Regression (pktdrill options/wscale_peer_declines.pkt): without window
// scaling a buffer larger than 64 KiB still advertises 65535 after data
// arrives, as RCV.BUFF − RCV.USER is capped, not RCV.BUFF itself.
func TestUnscaledWindowWithLargeBuffer(t *testing.T) {
	o := newOne(t, func(c *Config) { c.RecvBufferSize = 256 << 10 })
	o.established()
	o.recv(seg("P.", 1001, 101, data(1460)))
	s, _ := o.send()
	if s.Window != 65535 {
		t.Errorf("window = %d, want 65535", s.Window)
	}
}

// Regression (lossy harness, seed 849): a fast retransmission of a short
// segment sent at the edge of a small window must not grow into unsent
// data beyond that window.
func TestFastRetransmitStaysBelowSndMax(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 10000; c.Recovery = RecoveryNewReno; c.LimitedTransmit = false })
	o.passive(wire.Options{MSS: 1000})
	o.recv(withWin(seg(".", 1001, 101, ""), 500))
	o.write(3000)
	o.none() // sender SWS: 500 bytes is less than half the largest window
	o.fire() // the persist timer overrides it
	o.expect(". 101:601(500) ack 1001", 0)
	o.recv(withWin(seg(".", 1001, 101, ""), 0)) // not a dup: window changed
	for range 3 {
		o.recv(withWin(seg(".", 1001, 101, ""), 0))
	}
	o.recv(withWin(seg(".", 1001, 101, ""), 500))
	for range 3 {
		o.recv(withWin(seg(".", 1001, 101, ""), 500))
	}
	for _, s := range o.drain() {
		if end := s.Seq.Add(len(s.Payload)); end.GreaterThan(601) {
			t.Errorf("sent %q beyond the window's right edge 601", desc(s))
		}
	}
}

// Regression (varied harness, seed 7): after a timeout pulls SND.NXT back,
// a pure ACK carries the highest sequence number sent, so that a peer that
// received more still finds it acceptable; otherwise two such ends traded
// "unacceptable segment" ACKs for ever.
func TestPureACKAfterTimeoutUsesSndMax(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 4000 })
	o.passive(wire.Options{MSS: 1000})
	o.write(3000)
	o.drain() // 101..3101
	o.fire()  // RTO: SND.NXT back to 101
	o.expect(". 101:1101(1000) ack 1001", SendRTORetransmit)
	o.recv(seg("P.", 1001, 101, "data"))
	o.expect(". 3101:3101(0) ack 1005", SendImmediateACK)
}

// Regression (varied harness, seed 6370 before the fix): when the window
// reopens after a probe, data sent before the window closed is still
// "sent": a later ACK covering it must be accepted.
func TestWindowReopenKeepsSentData(t *testing.T) {
	o := newOne(t, func(c *Config) { c.InitialWindow = 4000 })
	o.passive(wire.Options{MSS: 1000})
	o.write(3000)
	o.drain()                                   // 101..3101
	o.recv(withWin(seg(".", 1001, 101, ""), 0)) // window closes, nothing acked
	o.fire()                                    // RTO with a zero window: persist instead
	o.drain()
	o.fire() // persist: probe
	o.drain()
	o.recv(withWin(seg(".", 1001, 101, ""), 1000))
	o.drain()
	if got := o.recv(withWin(seg(".", 1001, 3101, ""), 1000)); got != RecvAckOnly {
		t.Fatalf("ACK of data sent before the window closed: outcome %v, want RecvAckOnly", got)
	}
	if o.e.sndUna != 3101 {
		t.Errorf("SND.UNA = %d, want 3101", o.e.sndUna)
	}
}

// Probes that are never answered end the connection after R2 of them
// (RFC 9293 §3.8.6.1 only forbids giving up while they are acknowledged).
func TestUnansweredProbesAbort(t *testing.T) {
	o := newOne(t, func(c *Config) { c.R1, c.R2 = 1, 3 })
	o.established()
	o.recv(withWin(seg(".", 1001, 101, ""), 0))
	o.write(100)
	o.none()
	for i := 0; i < 10 && o.e.State() != Closed; i++ {
		o.fire()
		o.drain()
	}
	o.wantState(Closed)
	if !errors.Is(o.e.Err(), ErrTimedOut) {
		t.Errorf("Err() = %v, want ErrTimedOut", o.e.Err())
	}
	if got := o.count(EvSegmentSent, func(ev Event) bool { return ev.SendReason == SendZeroWindowProbe }); got != 3 {
		t.Errorf("%d probes before giving up, want R2 = 3", got)
	}
}

// RFC 6675 §4 NextSeg rule (4): with nothing else to send, the segment
// holding the highest unSACKed byte goes out once (the tail loss).
func TestSACKRescueRetransmission(t *testing.T) {
	o := newOne(t, func(c *Config) {
		c.SACK = true
		c.Recovery = RecoverySACK
		c.InitialWindow = 8000
		c.LimitedTransmit = false
	})
	o.passive(wire.Options{MSS: 1000, SACKPermitted: true})
	sendFlight(o, 5) // 101..5101; 101 and 4101 lost
	for _, right := range []uint32{2101, 3101, 4101} {
		s := dupAck(101)
		s.Options.NumSACK = 1
		s.Options.SACK[0] = wire.SACKBlock{Left: 1101, Right: seq.Seq(right)}
		o.recv(s)
	}
	o.expect(". 101:1101(1000) ack 1001", SendFastRetransmit)
	o.none() // cwnd 2500 − pipe 2000: less than a segment
	o.recv(dupAck(4101))
	// pipe is now 1000; NextSeg finds no hole, no new data: the rescue.
	o.expect(". 4101:5101(1000) ack 1001", SendSACKRetransmit)
	o.none()
}

// RFC 6675 §2: with SACK recovery, an ACK that SACKs new data counts as a
// duplicate even when its window changed (RFC 5681's (e) would not).
func TestSACKDupAckDefinition(t *testing.T) {
	o := newOne(t, func(c *Config) { c.SACK = true; c.Recovery = RecoverySACK; c.InitialWindow = 8000 })
	o.passive(wire.Options{MSS: 1000, SACKPermitted: true})
	sendFlight(o, 4)
	s := withWin(dupAck(101), 60000)
	s.Options.NumSACK = 1
	s.Options.SACK[0] = wire.SACKBlock{Left: 1101, Right: 2101}
	if got := o.recv(s); got != RecvDupAck {
		t.Errorf("ACK newly SACKing data: outcome %v, want RecvDupAck", got)
	}
	if got := o.recv(withWin(dupAck(101), 50000)); got == RecvDupAck {
		t.Error("an ACK with a new window and no new SACK counted as a duplicate")
	}
}

// RecoverySACK without a negotiated SACK falls back to NewReno.
func TestSACKRecoveryFallsBackToNewReno(t *testing.T) {
	o := newOne(t, func(c *Config) { c.SACK = true; c.Recovery = RecoverySACK })
	o.passive(wire.Options{MSS: 1000}) // the peer did not offer SACK
	if _, ok := o.e.strategy.(newRenoRecovery); !ok {
		t.Errorf("strategy %T, want newRenoRecovery", o.e.strategy)
	}
	p := newOne(t, func(c *Config) { c.SACK = true; c.Recovery = RecoverySACK })
	p.passive(wire.Options{MSS: 1000, SACKPermitted: true})
	if _, ok := p.e.strategy.(sackRecovery); !ok {
		t.Errorf("strategy %T, want sackRecovery", p.e.strategy)
	}
}

// After an RTO retransmission whose original's ACK was lost, the peer
// answers the duplicate with its older TS.Recent, the original's TSval: that
// echo must not be an RTT sample (it would add the whole RTO to the RTT and
// inflate the RTO at every loss). An echo of the retransmission, or of
// anything sent after it, is sampled again.
func TestRTTSampleNotFromEchoBeforeRetransmission(t *testing.T) {
	o := newOne(t, func(c *Config) { c.Timestamps = true })
	o.passive(wire.Options{MSS: 1460, HasTS: true, TSVal: 1})
	o.now += 10 * time.Millisecond // a TSval of 0 would read as no echo
	o.write(100)
	orig, _ := o.send()
	o.fire() // RTO: the same 100 bytes again
	rtx, _ := o.send()
	if rtx.Options.TSVal == orig.Options.TSVal {
		t.Fatalf("retransmission TSval %d = the original's", rtx.Options.TSVal)
	}
	rtoBefore := o.e.est.RTO()
	o.now += 50 * time.Millisecond
	a := seg(".", 1001, 201, "")
	a.Options = wire.Options{HasTS: true, TSVal: 2, TSEcr: orig.Options.TSVal}
	n := o.count(EvRTTSample, nil)
	o.recv(a)
	if got := o.count(EvRTTSample, nil); got != n {
		t.Errorf("an echo of the original transmission was sampled (%d samples, want %d); SRTT %v", got, n, o.e.est.SRTT())
	}
	if got := o.e.est.RTO(); got != rtoBefore {
		t.Errorf("RTO = %v, want the backed-off %v until a valid sample", got, rtoBefore)
	}
	// New data, echoed at once: a valid 30 ms sample.
	o.write(100)
	s, _ := o.send()
	o.now += 30 * time.Millisecond
	a = seg(".", 1001, 301, "")
	a.Options = wire.Options{HasTS: true, TSVal: 3, TSEcr: s.Options.TSVal}
	o.recv(a)
	if got := o.count(EvRTTSample, nil); got != n+1 {
		t.Fatalf("%d samples after a fresh echo, want %d", got, n+1)
	}
	if got := o.e.est.SRTT(); got != 30*time.Millisecond {
		t.Errorf("SRTT = %v, want 30ms", got)
	}
}
