package trace

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unsafe"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// TestRecordSizes pins the record sizes SizeBytes counts and the budget
// rests on.
func TestRecordSizes(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"Event", unsafe.Sizeof(Event{}), eventSize},
		{"Header", unsafe.Sizeof(Header{}), headerSize},
		{"RTTSample", unsafe.Sizeof(RTTSample{}), rttSize},
		{"ccRec", unsafe.Sizeof(ccRec{}), ccRecSize},
		{"spaceRec", unsafe.Sizeof(spaceRec{}), spaceRecSize},
	} {
		if c.got != c.want {
			t.Errorf("unsafe.Sizeof(%s) = %d, want %d", c.name, c.got, c.want)
		}
	}
}

func TestFillPayloadMatchesPayloadByte(t *testing.T) {
	for _, c := range []struct {
		conn int
		side Side
		off  int64
		n    int
	}{{0, A, 0, 100}, {0, B, 8000, 20000}, {7, A, 1 << 30, 3000}, {3, B, 8190, 2}} {
		buf := make([]byte, c.n)
		FillPayload(buf, c.conn, c.side, c.off)
		for i, got := range buf {
			if want := PayloadByte(c.conn, c.side, c.off+int64(i)); got != want {
				t.Fatalf("FillPayload(conn %d, %v, offset %d)[%d] = %q, want PayloadByte = %q", c.conn, c.side, c.off, i, got, want)
			}
		}
	}
	a, b := make([]byte, 64), make([]byte, 64)
	FillPayload(a, 0, A, 0)
	FillPayload(b, 0, B, 0)
	if string(a) == string(b) {
		t.Error("the two directions of a connection carry the same bytes")
	}
}

// build makes a small trace by hand: a data segment from A with a text
// span and a SACK block, its link events and its receipt.
func build(t *testing.T) *Trace {
	conns := []Conn{{Port: [2]uint16{40000, 80}}}
	texts := []Text{{Conn: 0, Side: A, Offset: 2, Data: "HELLO"}}
	b := NewBuilder([4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}, conns, texts)
	b.SetISS(0, A, 999)
	seg := wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1000, Ack: 5, Flags: wire.ACK | wire.PSH, Window: 100,
		Payload: make([]byte, 10)}
	seg.Options.HasTS, seg.Options.TSVal, seg.Options.TSEcr = true, 7, 8
	seg.Options.NumSACK = 1
	seg.Options.SACK[0] = wire.SACKBlock{Left: 20, Right: 30}
	ms := time.Millisecond
	ipID := [2]uint16{42, 1}
	obsA, obsB := b.Observer(0, A, &ipID[A]), b.Observer(0, B, &ipID[B])
	obsA(&tcp.Event{Kind: tcp.EvStateChanged, At: 0, From: tcp.Closed, To: tcp.SynSent, Cause: tcp.CauseUser})
	obsA(&tcp.Event{Kind: tcp.EvSegmentSent, At: 10 * ms, Seg: &seg, SendReason: tcp.SendNewData})
	ref := b.LastSent()
	b.Queued(Enqueued, 10*ms, 0, A, ref, false, 3, 12*ms)
	obsA(&tcp.Event{Kind: tcp.EvSpace, At: 10 * ms, Space: tcp.Space{SndNxt: 1}})
	obsA(&tcp.Event{Kind: tcp.EvSpace, At: 10 * ms, Space: tcp.Space{SndUna: 1000, SndNxt: 1010, ISS: 999}})
	obsA(&tcp.Event{Kind: tcp.EvTimerSet, At: 10 * ms, Timer: tcp.TimerRTO, Deadline: 1010 * ms})
	b.SetArriving(ref)
	obsB(&tcp.Event{Kind: tcp.EvSegmentReceived, At: 30 * ms, Seg: &seg, RecvOutcome: tcp.RecvDupAck, DupAcks: 3})
	obsB(&tcp.Event{Kind: tcp.EvCongestion, At: 30 * ms, CC: cc.Metrics{Algorithm: cc.CUBIC, Cwnd: 14600, Ssthresh: cc.InitialSsthresh}})
	obsB(&tcp.Event{Kind: tcp.EvRTTSample, At: 30 * ms, RTT: 20 * ms, SRTT: 20 * ms, RTTVar: 10 * ms, RTO: 200 * ms})
	obsB(&tcp.Event{Kind: tcp.EvNotice, At: 40 * ms, Err: errors.New("connection timed out"), Detail: "R2 reached"})
	b.LinkEvent(Dropped, 50*ms, 0, A, ref, uint8(DropRandomLoss), 0)
	b.Add(Event{At: 60 * ms, Kind: End, Code: uint8(EndQuiet)})
	return b.Trace()
}

func TestText(t *testing.T) {
	tr := build(t)
	want := `0.000000 A state CLOSED -> SYN-SENT (user)
0.010000 A>B P. 1:11(10) ack 5 win 100 <nop,nop,TS val 7 ecr 8,nop,nop,sack 20:30> #0 [new data]
0.010000 link A>B enqueued q=3 leaves 0.012000 #0
0.010000 A space una 1 nxt 11 wnd 0 queued 0 rcv.nxt 0 rcv.wnd 0 buffered 0 ooo 0
0.010000 A timer RTO set for 1.010000
0.030000 B<A P. 1:11(10) ack 5 win 100 <nop,nop,TS val 7 ecr 8,nop,nop,sack 20:30> #0 [dup ACK #3]
0.030000 B cc cubic cwnd 14600 ssthresh inf slow start
0.030000 B rtt 0.020000 srtt 0.020000 rttvar 0.010000 rto 0.200000
0.040000 B notice: connection timed out (R2 reached)
0.050000 link A>B dropped (random loss) #0
0.060000 end (quiet)
`
	if got := tr.Text(); got != want {
		t.Errorf("Text() =\n%s\nwant\n%s", got, want)
	}
}

func TestSegmentAndPayload(t *testing.T) {
	tr := build(t)
	e := tr.Event(1)
	s := tr.Segment(e)
	if s.SrcPort != 40000 || s.DstPort != 80 || s.Seq != 1000 || s.Options.SACK[0].Right != 30 || !s.Options.HasTS {
		t.Errorf("Segment = %+v", s)
	}
	if off := tr.StreamOffset(e); off != 0 {
		t.Errorf("StreamOffset = %d, want 0 (ISS 999)", off)
	}
	p := tr.Payload(nil, e)
	want := []byte{PayloadByte(0, A, 0), PayloadByte(0, A, 1), 'H', 'E', 'L', 'L', 'O', PayloadByte(0, A, 7), PayloadByte(0, A, 8), PayloadByte(0, A, 9)}
	if string(p) != string(want) {
		t.Errorf("Payload = %q, want %q", p, want)
	}
	pkt := tr.AppendPacket(nil, e)
	ip, seg, err := wire.ParseIPv4TCP(pkt)
	if err != nil || ip.ID != 42 || string(seg.Payload) != string(want) || seg.Seq != 1000 {
		t.Errorf("ParseIPv4TCP(AppendPacket) = %+v, %v, %v", ip, seg, err)
	}
}

func TestSearch(t *testing.T) {
	tr := build(t)
	ms := time.Millisecond
	for _, c := range []struct {
		at   time.Duration
		want int
	}{{0, 0}, {1, 1}, {10 * ms, 1}, {11 * ms, 5}, {30 * ms, 5}, {60 * ms, 10}, {61 * ms, 11}} {
		if got := tr.Search(c.at); got != c.want {
			t.Errorf("Search(%v) = %d, want %d", c.at, got, c.want)
		}
	}
}

func TestAddOutOfOrderPanics(t *testing.T) {
	b := NewBuilder([4]byte{}, [4]byte{}, []Conn{{}}, nil)
	b.Add(Event{At: 5, Kind: End})
	defer func() {
		if recover() == nil {
			t.Error("Add of an earlier event did not panic")
		}
	}()
	b.Add(Event{At: 4, Kind: End})
}

func TestQueuePacking(t *testing.T) {
	for _, c := range []struct {
		q        int
		at, leav time.Duration
	}{{0, 0, 0}, {100000, time.Second, 3 * time.Second}, {7, time.Hour, time.Hour + time.Minute}} {
		e := Event{At: c.at, Val: packQueue(c.q, c.leav, c.at)}
		if e.QueueLen() != c.q || e.Dequeued() != c.leav {
			t.Errorf("packQueue(%d, %v, %v) unpacks to %d, %v", c.q, c.leav, c.at, e.QueueLen(), e.Dequeued())
		}
	}
}

// TestNames: every enumeration value the endpoint and the simulator can
// report has a name in the text format.
func TestNames(t *testing.T) {
	for r := tcp.SendSYN; r <= tcp.SendTimeWaitACK; r++ {
		if n := SendReasonName(r); strings.HasPrefix(n, "?") {
			t.Errorf("SendReason %d has no name", r)
		}
	}
	for o := tcp.RecvAccepted; o <= tcp.RecvWindowUpdate; o++ {
		if n := RecvOutcomeName(o); strings.HasPrefix(n, "?") {
			t.Errorf("RecvOutcome %d has no name", o)
		}
	}
	for c := tcp.CauseUser; c <= tcp.CauseReset; c++ {
		if n := StateCauseName(c); strings.HasPrefix(n, "?") {
			t.Errorf("StateCause %d has no name", c)
		}
	}
	for k := range tcp.NumTimers {
		if n := TimerName(k); strings.HasPrefix(n, "?") {
			t.Errorf("TimerKind %d has no name", k)
		}
	}
	for k := Sent; k < numKinds; k++ {
		if strings.Contains(k.String(), "?") {
			t.Errorf("Kind %d has no name", k)
		}
	}
	for d := DropOutage; d < numDrops; d++ {
		if strings.Contains(d.String(), "?") {
			t.Errorf("Drop %d has no name", d)
		}
	}
	for a := AppListen; a < numAppActions; a++ {
		if strings.Contains(a.String(), "?") {
			t.Errorf("AppAction %d has no name", a)
		}
	}
}

func TestJSONLines(t *testing.T) {
	tr := build(t)
	lines := strings.Split(strings.TrimSuffix(string(tr.JSONLines()), "\n"), "\n")
	if len(lines) != tr.Len() {
		t.Fatalf("%d JSON lines for %d events", len(lines), tr.Len())
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d %s: %v", i, l, err)
		}
		if m["kind"] != tr.Event(i).Kind.String() {
			t.Errorf("line %d %s: kind %v", i, l, m["kind"])
		}
	}
	want := `{"t_ns":10000000,"kind":"sent","conn":0,"side":"A","seg":{"id":0,"src_port":40000,"dst_port":80,"seq":1000,"ack":5,"flags":"P.","win":100,"len":10,"ip_id":42,"ts_val":7,"ts_ecr":8,"sack":[[20,30]]},"reason":"new data"}`
	if lines[1] != want {
		t.Errorf("JSON of a sent segment =\n%s\nwant\n%s", lines[1], want)
	}
}

// Payload and AppendPacket append into the caller's buffer: with room in
// it, regenerating a segment's bytes allocates nothing (pcap export and
// the inspector do it for every packet).
func TestPayloadAllocatesNothing(t *testing.T) {
	tr := build(t)
	e := tr.Event(1)
	buf := make([]byte, 0, 2048)
	if n := testing.AllocsPerRun(100, func() { buf = tr.Payload(buf[:0], e) }); n != 0 {
		t.Errorf("Payload: %v allocations per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { buf = tr.AppendPacket(buf[:0], e) }); n != 0 {
		t.Errorf("AppendPacket: %v allocations per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { buf = tr.AppendArrivedPacket(buf[:0], e) }); n != 0 {
		t.Errorf("AppendArrivedPacket: %v allocations per call, want 0", n)
	}
}
