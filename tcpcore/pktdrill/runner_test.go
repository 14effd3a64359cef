package pktdrill

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// fakeEndpoint is a tiny passive-open TCP, just enough to test the runner's
// timing and matching without the real endpoint: it answers a SYN with a
// SYN-ACK (retransmitted after 1 s, then 2 s), ACKs every data segment at
// once, and sends each write as one segment.
type fakeEndpoint struct {
	iss            seq.Seq
	state          tcp.State
	local, remote  uint16
	sndNxt, rcvNxt seq.Seq
	out            []wire.Segment
	timer          time.Duration
	armed          bool
	rx             []byte
	corrupt        bool // send wrong payload bytes
}

func newFake(cfg tcp.Config) (Endpoint, error) {
	return &fakeEndpoint{iss: cfg.ISS}, nil
}

func (f *fakeEndpoint) Listen(now time.Duration, port uint16) error {
	f.state, f.local = tcp.Listen, port
	return nil
}
func (f *fakeEndpoint) Connect(time.Duration, uint16, uint16) error { return tcp.ErrInvalidState }

func (f *fakeEndpoint) synAck() {
	f.out = append(f.out, wire.Segment{SrcPort: f.local, DstPort: f.remote, Seq: f.iss, Ack: f.rcvNxt,
		Flags: wire.SYN | wire.ACK, Window: 1000, Options: wire.Options{MSS: 1000}})
}

func (f *fakeEndpoint) Handle(now time.Duration, s *wire.Segment) {
	switch {
	case f.state == tcp.Listen && s.Flags.Has(wire.SYN):
		f.remote, f.rcvNxt, f.sndNxt = s.SrcPort, s.Seq.Add(1), f.iss.Add(1)
		f.state, f.timer, f.armed = tcp.SynReceived, now+time.Second, true
		f.synAck()
	case f.state == tcp.SynReceived && s.Flags.Has(wire.ACK):
		f.state, f.armed = tcp.Established, false
	}
	if f.state == tcp.Established && len(s.Payload) > 0 {
		f.rx = append(f.rx, s.Payload...)
		f.rcvNxt = f.rcvNxt.Add(len(s.Payload))
		f.out = append(f.out, wire.Segment{SrcPort: f.local, DstPort: f.remote, Seq: f.sndNxt, Ack: f.rcvNxt,
			Flags: wire.ACK, Window: 1000})
	}
}

func (f *fakeEndpoint) HandleTimeout(now time.Duration) {
	if f.armed && now >= f.timer {
		f.timer = now + 2*time.Second
		f.synAck()
	}
}

func (f *fakeEndpoint) Poll(time.Duration) (wire.Segment, bool) {
	if len(f.out) == 0 {
		return wire.Segment{}, false
	}
	s := f.out[0]
	f.out = f.out[1:]
	return s, true
}

func (f *fakeEndpoint) NextTimeout() (time.Duration, bool) { return f.timer, f.armed }

func (f *fakeEndpoint) Write(now time.Duration, p []byte) (int, error) {
	if f.state != tcp.Established {
		return 0, tcp.ErrNotConnected
	}
	p = append([]byte(nil), p...)
	if f.corrupt && len(p) > 0 {
		p[len(p)-1]++
	}
	f.out = append(f.out, wire.Segment{SrcPort: f.local, DstPort: f.remote, Seq: f.sndNxt, Ack: f.rcvNxt,
		Flags: wire.PSH | wire.ACK, Window: 1000, Payload: p})
	f.sndNxt = f.sndNxt.Add(len(p))
	return len(p), nil
}

func (f *fakeEndpoint) Read(now time.Duration, p []byte) (int, error) {
	n := copy(p, f.rx)
	f.rx = f.rx[n:]
	return n, nil
}

func (f *fakeEndpoint) Shutdown(time.Duration) error { return nil }
func (f *fakeEndpoint) Close(time.Duration) error    { return nil }
func (f *fakeEndpoint) Abort(time.Duration) error    { return nil }
func (f *fakeEndpoint) State() tcp.State             { return f.state }
func (f *fakeEndpoint) Err() error                   { return nil }
func (f *fakeEndpoint) SoftErr() error               { return nil }
func (f *fakeEndpoint) Readable() int                { return len(f.rx) }
func (f *fakeEndpoint) Writable() int                { return 1000 }
func (f *fakeEndpoint) Snapshot() tcp.Snapshot {
	var s tcp.Snapshot
	s.State, s.CC.Cwnd, s.RTO = f.state, 4000, time.Second
	s.Space.SndNxt, s.Space.RcvNxt = f.sndNxt, f.rcvNxt
	s.Timers[tcp.TimerRTO], s.Armed[tcp.TimerRTO] = f.timer, f.armed
	return s
}

const fakeHandshake = `// description: test
// profile: rfc
0 listen(8080) = 0
+0.1 < S 0:0(0) win 65535 <mss 1460>
+0 > S. 0:0(0) ack 1 win 1000 <mss 1000>
`

func TestRunnerWithFake(t *testing.T) {
	tests := []struct {
		name, script string
		wantErr      string // "" for success; else a substring of the error
		wantLine     int
	}{
		{"handshake", fakeHandshake + "+0.1 < . 1:1(0) ack 1 win 65535\n+0 state(ESTABLISHED)\n", "", 0},
		{"syn-ack retransmitted", fakeHandshake + "+1 > S. 0:0(0) ack 1 <...>\n+2 > S. 0:0(0) ack 1 <...>\n", "", 0},
		{"wildcard time", fakeHandshake + "* > S. 0:0(0) ack 1 <...>\n+0 timer(rto, 3.1)\n", "", 0},
		{"absolute time", fakeHandshake + "1.1 > S. 0:0(0) ack 1 <...>\n", "", 0},
		{"checks", fakeHandshake + "+0 cwnd(4000)\n+0 rto(1)\n+0 sndnxt(1)\n+0 rcvnxt(1)\n+0 timer(rto, 1.1)\n", "", 0},
		{"peer data read back", fakeHandshake + "+0 < . 1:1(0) ack 1\n+0 < P. 1:11(10) ack 1\n+0 > . 1:1(0) ack 11\n+0 readable(10)\n+0 read(100) = 10\n+0 read(100) = -1 EAGAIN\n", "", 0},
		{"our data", fakeHandshake + "+0 < . 1:1(0) ack 1\n+0 write(300) = 300\n+0 > P. 1:301(300) ack 1\n+0 write(5) = 5\n+0 > P. 301:306(5) ack 1\n", "", 0},
		{"relative numbers with nonzero ISNs", "// iss: 4294967290\n// peer-iss: 100\n" + fakeHandshake + "+0 < . 1:1(0) ack 1\n+0 write(10) = 10\n+0 > P. 1:11(10) ack 1\n", "", 0},

		{"wrong ack", fakeHandshake[:len(fakeHandshake)-len("+0 > S. 0:0(0) ack 1 win 1000 <mss 1000>\n")] + "+0 > S. 0:0(0) ack 2 win 1000 <mss 1000>\n", "ack 1, want 2", 5},
		{"wrong window", fakeHandshake + "+1 > S. 0:0(0) ack 1 win 999 <mss 1000>\n", "win 1000, want 999", 6},
		{"wrong options", fakeHandshake + "+1 > S. 0:0(0) ack 1 <mss 1460>\n", "options <mss 1000>, want <mss 1460>", 6},
		{"wrong flags", fakeHandshake + "+1 > S 0:0(0) <...>\n", "flags S., want S", 6},
		{"too early", fakeHandshake + "+1.5 > S. 0:0(0) ack 1 <...>\n", "segment sent at 1.100, want at 1.600", 6},
		{"too late", fakeHandshake + "+0.5 > S. 0:0(0) ack 1 <...>\n", "missing segment: nothing sent by 0.600 (next timer at 1.100)", 6},
		{"unexpected", fakeHandshake + "+1.5 state(SYN-RECEIVED)\n", "unexpected segment before this line", 6},
		{"unexpected at the same instant", fakeHandshake + "+1 state(SYN-RECEIVED)\n", "unexpected segment", 6},
		{"tail", fakeHandshake + "+1 > S. 0:0(0) ack 1 <...>\n+0 < . 1:1(0) ack 1\n+0 < P. 1:11(10) ack 1\n", "after the last line", 8},
		{"tail ignored", "// tail: ignore\n" + fakeHandshake + "+0 < . 1:1(0) ack 1\n+0 < P. 1:11(10) ack 1\n", "", 0},
		{"wrong state", fakeHandshake + "+0 state(ESTABLISHED)\n", "state is SYN-RECEIVED, want ESTABLISHED", 6},
		{"wrong result", fakeHandshake + "+0 write(10) = 10\n", "write returned -1 ENOTCONN, want 10", 6},
		{"wrong cwnd", fakeHandshake + "+0 cwnd(2920)\n", "cwnd is 4000, want 2920", 6},
		{"backwards", fakeHandshake + "0.05 state(SYN-RECEIVED)\n", "time goes backwards", 6},
		{"wrong seq", fakeHandshake + "+0 < . 1:1(0) ack 1\n+0 write(10) = 10\n+0 > P. 2:12(10) ack 1\n", "seq 1:11(10), want 2:12(10)", 8},
	}
	for _, tt := range tests {
		s, err := Parse(strings.NewReader(tt.script), tt.name+".pkt")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		err = s.Run(newFake)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("%s: Run() = %v, want success", tt.name, err)
			}
			continue
		}
		var f *Failure
		if err == nil || !errors.As(err, &f) || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: Run() = %v, want a Failure containing %q", tt.name, err, tt.wantErr)
			continue
		}
		if f.Line != tt.wantLine {
			t.Errorf("%s: Failure.Line = %d, want %d", tt.name, f.Line, tt.wantLine)
		}
	}
}

func TestRunnerChecksPayload(t *testing.T) {
	s, err := Parse(strings.NewReader(fakeHandshake+"+0 < . 1:1(0) ack 1\n+0 write(10) = 10\n+0 > P. 1:11(10) ack 1\n"), "payload.pkt")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Run(func(cfg tcp.Config) (Endpoint, error) {
		return &fakeEndpoint{iss: cfg.ISS, corrupt: true}, nil
	})
	if err == nil || !strings.Contains(err.Error(), "payload byte 9 (stream offset 9) is 10, want 9") {
		t.Errorf("Run(corrupt payload) = %v, want a payload mismatch", err)
	}
}

func TestRunnerRecoversPanic(t *testing.T) {
	s, err := Parse(strings.NewReader(fakeHandshake), "panic.pkt")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Run(func(tcp.Config) (Endpoint, error) { return &panicky{}, nil })
	if err == nil || !strings.Contains(err.Error(), "panic.pkt:3: endpoint panicked: boom") {
		t.Errorf("Run(panicking endpoint) = %v, want a Failure at line 3", err)
	}
}

type panicky struct{ fakeEndpoint }

func (*panicky) Listen(time.Duration, uint16) error { panic("boom") }

func TestRunFile(t *testing.T) {
	if err := RunFile("testdata/scripts/handshake/passive_open.pkt"); err != nil {
		t.Errorf("RunFile(passive_open.pkt) = %v, want nil", err)
	}
	if err := RunFile("testdata/scripts/no-such.pkt"); err == nil {
		t.Error("RunFile(missing file) = nil, want an error")
	}
}
