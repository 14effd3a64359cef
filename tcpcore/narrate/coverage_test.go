package narrate_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// The enums' ranges, found from their names: a value past the last has the
// "unknown" name, so an enum that grows widens the loops below and the test
// fails until the new value is narrated.
func kinds() (ks []trace.Kind) {
	for k := trace.Kind(1); k.String() != "Kind(?)"; k++ {
		ks = append(ks, k)
	}
	return ks
}

func sendReasons() (rs []tcp.SendReason) {
	for r := tcp.SendReason(1); !strings.HasPrefix(trace.SendReasonName(r), "?"); r++ {
		rs = append(rs, r)
	}
	return rs
}

func recvOutcomes() (os []tcp.RecvOutcome) {
	for o := tcp.RecvOutcome(1); !strings.HasPrefix(trace.RecvOutcomeName(o), "?"); o++ {
		os = append(os, o)
	}
	return os
}

func causes() (cs []tcp.StateCause) {
	for c := tcp.StateCause(1); !strings.HasPrefix(trace.StateCauseName(c), "?"); c++ {
		cs = append(cs, c)
	}
	return cs
}

func drops() (ds []trace.Drop) {
	for d := trace.Drop(1); d.String() != "Drop(?)"; d++ {
		ds = append(ds, d)
	}
	return ds
}

func appActions() (as []trace.AppAction) {
	for a := trace.AppAction(1); a.String() != "AppAction(?)"; a++ {
		as = append(as, a)
	}
	return as
}

func endReasons() (rs []trace.EndReason) {
	for r := trace.EndReason(1); r.String() != "EndReason(?)"; r++ {
		rs = append(rs, r)
	}
	return rs
}

func phases() (ps []cc.Phase) {
	for p := cc.Phase(0); p.String() != "unknown"; p++ {
		ps = append(ps, p)
	}
	return ps
}

// TestEnumRanges pins the sizes the loops found against the constants the
// packages export, so a name table that lags behind its enum is caught.
func TestEnumRanges(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"trace kinds", len(kinds()), int(trace.End)},
		{"send reasons", len(sendReasons()), int(tcp.SendTimeWaitACK)},
		{"receive outcomes", len(recvOutcomes()), int(tcp.RecvWindowUpdate)},
		{"state causes", len(causes()), int(tcp.CauseReset)},
		{"drops", len(drops()), int(trace.DropMalformed)},
		{"app actions", len(appActions()), int(trace.AppFailed)},
		{"end reasons", len(endReasons()), int(trace.EndEventLimit)},
		{"cc phases", len(phases()), int(cc.RTORecovery) + 1},
	} {
		if c.got < c.want {
			t.Errorf("%s: %d values found by name, want at least %d", c.name, c.got, c.want)
		}
	}
	if s := tcp.State(tcp.NumStates).String(); s != "State(?)" {
		t.Errorf("State(NumStates).String() = %q, want State(?): a state was added", s)
	}
	if s := trace.TimerName(tcp.NumTimers); !strings.HasPrefix(s, "?") {
		t.Errorf("TimerName(NumTimers) = %q, want ?N: a timer was added", s)
	}
}

// builder makes a one-connection trace with a handshake's SYNs, so window
// scaling is known, and gives helpers to add each kind of event.
type builder struct {
	b    *trace.Builder
	at   time.Duration
	refs map[string]uint32
}

func newBuilder() *builder {
	conns := []trace.Conn{{Port: [2]uint16{40000, 80}, ISS: [2]seq.Seq{1000, 5000}}}
	b := &builder{b: trace.NewBuilder([4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}, conns, nil), refs: map[string]uint32{}}
	syn := wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 65535,
		Options: wire.Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 1, HasWScale: true, WScale: 7}}
	b.sent(trace.A, "syn", &syn, tcp.SendSYN)
	synAck := syn
	synAck.SrcPort, synAck.DstPort, synAck.Seq, synAck.Ack, synAck.Flags = 80, 40000, 5000, 1001, wire.SYN|wire.ACK
	b.sent(trace.B, "synack", &synAck, tcp.SendSYNACK)
	data := wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1001, Ack: 5001, Flags: wire.ACK | wire.PSH, Window: 512,
		Payload: make([]byte, 1448)}
	b.sent(trace.A, "data", &data, tcp.SendNewData)
	dataFin := data
	dataFin.Flags |= wire.FIN
	b.sent(trace.A, "datafin", &dataFin, tcp.SendNewData)
	fin := wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 2449, Ack: 5001, Flags: wire.ACK | wire.FIN, Window: 512}
	b.sent(trace.A, "fin", &fin, tcp.SendFIN)
	ack := wire.Segment{SrcPort: 80, DstPort: 40000, Seq: 5001, Ack: 2449, Flags: wire.ACK, Window: 1024,
		Options: wire.Options{NumSACK: 2, SACK: [4]wire.SACKBlock{{Left: 3897, Right: 5345}, {Left: 6793, Right: 8241}}}}
	b.sent(trace.B, "ack", &ack, tcp.SendImmediateACK)
	rst := wire.Segment{SrcPort: 80, DstPort: 40000, Seq: 5001, Flags: wire.RST}
	b.sent(trace.B, "rst", &rst, tcp.SendRST)
	return b
}

func (b *builder) sent(s trace.Side, name string, seg *wire.Segment, r tcp.SendReason) {
	ref := b.b.AddHeader(seg, 0)
	b.refs[name] = ref
	b.add(trace.Event{Kind: trace.Sent, Side: s, Code: uint8(r), Ref: ref})
}

func (b *builder) add(e trace.Event) int {
	b.at += time.Millisecond
	e.At = b.at
	b.b.Add(e)
	return b.b.Len() - 1
}

func (b *builder) endpoint(s trace.Side, ev tcp.Event) int {
	b.at += time.Millisecond
	ev.At = b.at
	b.b.Endpoint(0, s, &ev, 0)
	return b.b.Len() - 1
}

// TestEveryValueNarrated narrates every event kind with every code it can
// carry, in both languages, and checks each sentence is real: not empty,
// no fallback mark, English without Chinese, Chinese with Chinese, and
// different values give different sentences.
func TestEveryValueNarrated(t *testing.T) {
	b := newBuilder()
	type item struct {
		what string
		i    int
	}
	var items []item
	add := func(what string, i int) { items = append(items, item{what, i}) }
	seen := map[trace.Kind]bool{}

	for _, r := range sendReasons() {
		for _, seg := range []string{"syn", "synack", "data", "datafin", "fin", "ack", "rst"} {
			side := trace.A
			if seg == "synack" || seg == "ack" || seg == "rst" {
				side = trace.B
			}
			add(fmt.Sprintf("sent %s %s", trace.SendReasonName(r), seg),
				b.add(trace.Event{Kind: trace.Sent, Side: side, Code: uint8(r), Ref: b.refs[seg]}))
		}
	}
	for _, c := range append([]tcp.RecvOutcome{0}, recvOutcomes()...) {
		add("RST after "+trace.RecvOutcomeName(c), b.add(trace.Event{Kind: trace.Sent, Side: trace.B,
			Code: uint8(tcp.SendRST), Ref: b.refs["rst"], Val: int64(c)}))
	}
	for _, o := range recvOutcomes() {
		for _, seg := range []string{"syn", "synack", "data", "datafin", "fin", "ack"} {
			side := trace.B // the receiver of A's segments
			if seg == "synack" || seg == "ack" {
				side = trace.A
			}
			add(fmt.Sprintf("received %s %s", trace.RecvOutcomeName(o), seg), b.endpointRecv(side, seg, o))
		}
	}
	for _, c := range causes() {
		for from := range tcp.State(tcp.NumStates) {
			to := (from + 1) % tcp.State(tcp.NumStates)
			add(fmt.Sprintf("state %v->%v %s", from, to, trace.StateCauseName(c)),
				b.endpoint(trace.A, tcp.Event{Kind: tcp.EvStateChanged, From: from, To: to, Cause: c}))
		}
	}
	for k := range tcp.NumTimers {
		name := trace.TimerName(k)
		add("timer set "+name, b.endpoint(trace.A, tcp.Event{Kind: tcp.EvTimerSet, Timer: k, Deadline: b.at + 2*time.Second}))
		add("timer cancelled "+name, b.endpoint(trace.A, tcp.Event{Kind: tcp.EvTimerCancelled, Timer: k}))
		add("timer fired "+name, b.endpoint(trace.A, tcp.Event{Kind: tcp.EvTimerFired, Timer: k}))
	}
	add("rtt", b.endpoint(trace.A, tcp.Event{Kind: tcp.EvRTTSample, RTT: 20 * time.Millisecond,
		SRTT: 20 * time.Millisecond, RTTVar: 10 * time.Millisecond, RTO: 200 * time.Millisecond}))
	for _, alg := range []cc.Algorithm{cc.Reno, cc.CUBIC} {
		cwnd := 14480
		for _, p := range phases() {
			// Entering the phase, then staying in it with cwnd growing.
			for range 2 {
				cwnd += 1448
				add(fmt.Sprintf("cc %v %v", alg, p), b.endpoint(trace.A, tcp.Event{Kind: tcp.EvCongestion,
					CC: cc.Metrics{Algorithm: alg, Phase: p, Cwnd: cwnd, Ssthresh: 28960}}))
			}
		}
		add(fmt.Sprintf("cc %v unset ssthresh", alg), b.endpoint(trace.A, tcp.Event{Kind: tcp.EvCongestion,
			CC: cc.Metrics{Algorithm: alg, Phase: cc.SlowStart, Cwnd: 14480, Ssthresh: 1<<31 - 1}}))
	}
	add("space", b.endpoint(trace.A, tcp.Event{Kind: tcp.EvSpace, Space: tcp.Space{SndUna: 1001, SndNxt: 2449,
		SndWnd: 65536, ISS: 1000, SendQueued: 1448, RcvNxt: 5001, RcvWnd: 131072, IRS: 5000, RecvBuffered: 10, RecvOutOfOrder: 20}}))
	for _, err := range []error{tcp.ErrConnectionRefused, tcp.ErrConnectionReset, tcp.ErrTimedOut, tcp.ErrAborted,
		tcp.ErrClosing, tcp.ErrNotConnected, tcp.ErrInvalidState, tcp.ErrRetransmitting, nil} {
		add(fmt.Sprintf("notice %v", err), b.endpoint(trace.A, tcp.Event{Kind: tcp.EvNotice, Err: err, Detail: "RST received in SYN-SENT"}))
	}
	for _, scripted := range []bool{false, true} {
		b.at += time.Millisecond
		if !scripted { // only a Duplicated event can be scripted
			b.b.Queued(trace.Enqueued, b.at, 0, trace.A, b.refs["data"], false, 0, b.at)
			add("enqueued, no queue", b.b.Len()-1)
			b.b.Queued(trace.Enqueued, b.at, 0, trace.A, b.refs["data"], false, 5, b.at+12*time.Millisecond)
			add("enqueued, queue", b.b.Len()-1)
		}
		b.b.Queued(trace.Duplicated, b.at, 0, trace.A, b.refs["data"], scripted, 6, b.at+13*time.Millisecond)
		add(fmt.Sprintf("duplicated, scripted %v", scripted), b.b.Len()-1)
		code := uint8(0)
		if scripted {
			code = 1
		}
		b.b.LinkEvent(trace.Corrupted, b.at, 0, trace.A, b.refs["data"], code, 12345)
		add(fmt.Sprintf("corrupted, scripted %v", scripted), b.b.Len()-1)
	}
	b.b.LinkEvent(trace.Delayed, b.at, 0, trace.B, b.refs["ack"], 1, int64(30*time.Millisecond))
	add("delayed", b.b.Len()-1)
	for _, d := range drops() {
		b.b.LinkEvent(trace.Dropped, b.at, 0, trace.A, b.refs["data"], uint8(d), 0)
		add("dropped "+d.String(), b.b.Len()-1)
	}
	failed := b.b.Intern("write: connection refused")
	for _, a := range appActions() {
		e := trace.Event{Kind: trace.App, Side: trace.B, Code: uint8(a), Val: 4000}
		if a == trace.AppFailed {
			e.Ref = failed
		}
		add("app "+a.String(), b.add(e))
	}
	for _, r := range endReasons() {
		add("end "+r.String(), b.add(trace.Event{Kind: trace.End, Code: uint8(r)}))
	}
	tr := b.b.Trace()

	byText := map[string]string{}
	for _, it := range items {
		seen[tr.Event(it.i).Kind] = true
		en := narrate.Event(tr, it.i, narrate.English)
		zh := narrate.Event(tr, it.i, narrate.Chinese)
		line := tr.Format(it.i)
		switch {
		case en == "" || zh == "":
			t.Errorf("%s (%s): empty narration: en %q zh %q", it.what, line, en, zh)
		case strings.Contains(en, "?") || strings.Contains(zh, "?"):
			t.Errorf("%s (%s): fallback narration:\n en %s\n zh %s", it.what, line, en, zh)
		case hasHan(en):
			t.Errorf("%s (%s): English narration has Chinese: %s", it.what, line, en)
		case !hasHan(zh):
			t.Errorf("%s (%s): Chinese narration has no Chinese: %s", it.what, line, zh)
		case !strings.HasSuffix(en, ".") || !strings.HasSuffix(zh, "。"):
			t.Errorf("%s (%s): narration does not end a sentence:\n en %s\n zh %s", it.what, line, en, zh)
		}
		// Distinct values of one kind must read differently, or a case
		// was copied without its own sentence.
		if other, dup := byText[en]; dup && strings.Fields(other)[0] == strings.Fields(it.what)[0] &&
			!strings.HasPrefix(it.what, "sent") && !strings.HasPrefix(it.what, "received") {
			t.Errorf("%s and %s narrate alike: %s", other, it.what, en)
		}
		byText[en] = it.what
		if os.Getenv("NARRATE_DUMP") != "" {
			fmt.Printf("%s\n  %s\n  %s\n", line, en, zh)
		}
	}
	for _, k := range kinds() {
		if !seen[k] {
			t.Errorf("kind %v never narrated by this test", k)
		}
	}
}

// endpointRecv adds a Received event of segment name with outcome o.
func (b *builder) endpointRecv(side trace.Side, name string, o tcp.RecvOutcome) int {
	val := int64(0)
	if o == tcp.RecvDupAck {
		val = 3 << 32
	}
	if o == tcp.RecvDropped || o == tcp.RecvDuplicate {
		val |= int64(b.b.Intern("segment dropped for a test"))
	}
	return b.add(trace.Event{Kind: trace.Received, Side: side, Code: uint8(o), Ref: b.refs[name], Val: val})
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestReasonsDiffer checks that each send reason and each receive outcome
// has its own sentence for the same segment.
func TestReasonsDiffer(t *testing.T) {
	b := newBuilder()
	sent := map[string]tcp.SendReason{}
	var idx []int
	for _, r := range sendReasons() {
		idx = append(idx, b.add(trace.Event{Kind: trace.Sent, Side: trace.A, Code: uint8(r), Ref: b.refs["data"]}))
	}
	recv := map[string]tcp.RecvOutcome{}
	var ridx []int
	for _, o := range recvOutcomes() {
		ridx = append(ridx, b.endpointRecv(trace.B, "data", o))
	}
	tr := b.b.Trace()
	for lang := range narrate.NumLangs {
		clear(sent)
		clear(recv)
		for k, i := range idx {
			r := sendReasons()[k]
			s := narrate.Event(tr, i, lang)
			if prev, dup := sent[s]; dup {
				t.Errorf("%v: send reasons %s and %s narrate alike: %s", lang, trace.SendReasonName(prev), trace.SendReasonName(r), s)
			}
			sent[s] = r
		}
		for k, i := range ridx {
			o := recvOutcomes()[k]
			s := narrate.Event(tr, i, lang)
			if prev, dup := recv[s]; dup {
				t.Errorf("%v: outcomes %s and %s narrate alike: %s", lang, trace.RecvOutcomeName(prev), trace.RecvOutcomeName(o), s)
			}
			recv[s] = o
		}
	}
}
