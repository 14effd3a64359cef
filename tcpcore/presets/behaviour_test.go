package presets

import (
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// run is a preset's trace with the queries the behaviour checks share.
type run struct {
	*testing.T
	tr *trace.Trace
}

// sent returns the segments side s sent of connection conn for one of the
// reasons (any reason if none is given).
func (r run) sent(conn int, s trace.Side, reasons ...tcp.SendReason) []trace.Event {
	var es []trace.Event
	for _, e := range r.tr.Events() {
		if e.Kind == trace.Sent && int(e.Conn) == conn && e.Side == s &&
			(len(reasons) == 0 || containsReason(reasons, tcp.SendReason(e.Code))) {
			es = append(es, e)
		}
	}
	return es
}

func containsReason(rs []tcp.SendReason, r tcp.SendReason) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// received returns the segments side s of conn received with outcome o.
func (r run) received(conn int, s trace.Side, o tcp.RecvOutcome) []trace.Event {
	var es []trace.Event
	for _, e := range r.tr.Events() {
		if e.Kind == trace.Received && int(e.Conn) == conn && e.Side == s && tcp.RecvOutcome(e.Code) == o {
			es = append(es, e)
		}
	}
	return es
}

// cc returns side s's congestion metrics over time.
func (r run) cc(conn int, s trace.Side) ([]cc.Metrics, []time.Duration) {
	var ms []cc.Metrics
	var at []time.Duration
	for _, e := range r.kind(conn, trace.Congestion, -1) {
		if e.Side == s {
			ms = append(ms, r.tr.Congestion(e))
			at = append(at, e.At)
		}
	}
	return ms, at
}

// spaces returns side s's sequence spaces over time, with their times.
func (r run) spaces(conn int, s trace.Side) ([]tcp.Space, []time.Duration) {
	var sp []tcp.Space
	var at []time.Duration
	for _, e := range r.kind(conn, trace.Space, -1) {
		if e.Side == s {
			sp = append(sp, r.tr.Space(e))
			at = append(at, e.At)
		}
	}
	return sp, at
}

// acked is how many bytes of side s's stream the peer has acknowledged by
// the end (SYN and FIN not counted).
func (r run) acked(conn int, s trace.Side) int {
	sp, _ := r.spaces(conn, s)
	if len(sp) == 0 {
		return 0
	}
	last := sp[len(sp)-1]
	return max(last.SndUna.Diff(last.ISS)-1, 0)
}

// wantAcked fails unless the peer acknowledged exactly n bytes of side s's
// stream by the end: everything the application wrote arrived.
func (r run) wantAcked(conn int, s trace.Side, n int) {
	r.Helper()
	if got := r.acked(conn, s); got != n {
		r.Errorf("%d bytes of %v's stream acknowledged, want %d", got, s, n)
	}
}

// delivered returns, per connection, the bytes of A's stream acknowledged
// between from and to.
func (r run) delivered(from, to time.Duration) []int {
	out := make([]int, len(r.tr.Conns()))
	for conn := range out {
		sp, at := r.spaces(conn, A)
		lo, hi := -1, -1
		for i, s := range sp {
			una := s.SndUna.Diff(s.ISS)
			if at[i] <= from {
				lo = una
			}
			if at[i] <= to {
				hi = una
			}
		}
		out[conn] = max(hi-max(lo, 0), 0)
	}
	return out
}

// drops returns the Dropped events of conn with cause c.
func (r run) drops(conn int, c trace.Drop) []trace.Event { return r.kind(conn, trace.Dropped, int(c)) }

// gaps returns the times between consecutive events.
func gaps(es []trace.Event) []time.Duration {
	var g []time.Duration
	for i := 1; i < len(es); i++ {
		g = append(g, es[i].At-es[i-1].At)
	}
	return g
}

// stateAt returns when side s of conn first entered state st, or -1.
func (r run) stateAt(conn int, s trace.Side, st tcp.State) time.Duration {
	for _, e := range r.kind(conn, trace.State, -1) {
		if e.Side == s && e.To() == st {
			return e.At
		}
	}
	return -1
}

// kind returns the events of one kind for conn (any side), with Code code
// when code >= 0.
func (r run) kind(conn int, k trace.Kind, code int) []trace.Event {
	var es []trace.Event
	for _, e := range r.tr.Events() {
		if e.Kind == k && (k == trace.End || int(e.Conn) == conn) && (code < 0 || int(e.Code) == code) {
			es = append(es, e)
		}
	}
	return es
}

// states returns the states side s of conn went through, in order,
// starting with CLOSED.
func (r run) states(conn int, s trace.Side) []string {
	out := []string{tcp.Closed.String()}
	for _, e := range r.tr.Events() {
		if e.Kind == trace.State && int(e.Conn) == conn && e.Side == s {
			out = append(out, e.To().String())
		}
	}
	return out
}

// wantStates fails unless side s of conn went through exactly these states.
func (r run) wantStates(conn int, s trace.Side, want ...string) {
	r.Helper()
	if got := r.states(conn, s); strings.Join(got, " ") != strings.Join(want, " ") {
		r.Errorf("%v's states: %v, want %v", s, got, want)
	}
}

// notices returns the texts of side s's notices to the application.
func (r run) notices(conn int, s trace.Side) []string {
	var out []string
	for _, e := range r.kind(conn, trace.Notice, -1) {
		if e.Side == s {
			out = append(out, r.tr.Interned(e.Ref))
		}
	}
	return out
}

// flags returns the flags of the segment an event refers to.
func (r run) flags(e trace.Event) wire.Flags { return r.tr.Header(e).Flags }

// count fails unless got has between lo and hi entries (hi < 0: no bound).
func (r run) count(what string, got []trace.Event, lo, hi int) {
	r.Helper()
	if len(got) < lo || (hi >= 0 && len(got) > hi) {
		r.Errorf("%d %s, want %d..%d", len(got), what, lo, hi)
	}
}

const (
	A = trace.A
	B = trace.B
)

// mss is the payload of a full segment in the presets: an MSS of 1460 less
// 12 bytes of timestamps.
const mss = 1448

// ms is a number of milliseconds.
func ms(n float64) time.Duration { return time.Duration(n * float64(time.Millisecond)) }

// behaviours holds, per preset, the check that its trace shows what the
// title promises.
var behaviours = map[string]func(r run){
	"handshake": func(r run) {
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "ESTABLISHED")
		r.wantStates(0, B, "CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED")
		syn, synack := r.sent(0, A, tcp.SendSYN), r.sent(0, B, tcp.SendSYNACK)
		r.count("SYNs", syn, 1, 1)
		r.count("SYN-ACKs", synack, 1, 1)
		// The third segment of the handshake is A's ACK of the SYN-ACK,
		// and the data follows it.
		if segs := r.sent(0, A); len(segs) < 3 || r.flags(segs[1]) != wire.ACK || r.tr.Header(segs[2]).PayloadLen == 0 {
			r.Error("A's second segment is not the handshake's plain ACK followed by data")
		}
	},
	"teardown": func(r run) {
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED")
		r.wantStates(0, B, "CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED")
		set := r.kind(0, trace.TimerSet, int(tcp.TimerTimeWait))
		fired := r.kind(0, trace.TimerFired, int(tcp.TimerTimeWait))
		if len(set) != 1 || len(fired) != 1 {
			r.Fatalf("TIME-WAIT timer set %d times, fired %d, want once each", len(set), len(fired))
		}
		// RFC 9293 §3.6: TIME-WAIT lasts 2·MSL; the preset's MSL is 1 s.
		if d := fired[0].At - set[0].At; d != 2*time.Second {
			r.Errorf("TIME-WAIT lasted %v, want 2·MSL = 2s", d)
		}
	},
	"refused": func(r run) {
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "CLOSED")
		rst := r.sent(0, B, tcp.SendRST)
		r.count("RSTs from B", rst, 1, 1)
		r.count("SYN retransmissions", r.sent(0, A, tcp.SendSYNRetransmit), 0, 0)
		if n := r.notices(0, A); len(n) != 1 || !strings.Contains(n[0], "refused") {
			r.Errorf("A's notices %q, want connection refused", n)
		}
	},
	"simultaneous-open": func(r run) {
		for _, s := range []trace.Side{A, B} {
			r.wantStates(0, s, "CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED")
			r.count(s.String()+"'s SYNs", r.sent(0, s, tcp.SendSYN), 1, 1)
			r.count(s.String()+"'s SYN-ACKs", r.sent(0, s, tcp.SendSYNACK), 1, 1)
		}
	},
	"lost-syn": func(r run) {
		syns := r.sent(0, A, tcp.SendSYN, tcp.SendSYNRetransmit)
		r.count("SYNs", syns, 3, 3)
		r.count("SYNs dropped", r.drops(0, trace.DropScripted), 2, 2)
		// RFC 6298 §5.5: the RTO doubles at each retransmission: 1 s, then 2 s.
		if g := gaps(syns); len(g) == 2 && (g[0] != time.Second || g[1] != 2*time.Second) {
			r.Errorf("SYNs %v apart, want 1s then 2s", g)
		}
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "ESTABLISHED")
	},
	"lost-syn-ack": func(r run) {
		r.count("A's SYN retransmissions", r.sent(0, A, tcp.SendSYNRetransmit), 1, 1)
		// The retransmitted SYN is answered at once, and that answer
		// restarts B's timer: one SYN-ACK retransmission, not two.
		r.count("B's SYN-ACK retransmissions", r.sent(0, B, tcp.SendSYNRetransmit), 1, 1)
		r.count("duplicate SYNs at B", r.received(0, B, tcp.RecvDuplicate), 1, 1)
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "ESTABLISHED")
		r.wantStates(0, B, "CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED")
	},
	"lost-handshake-ack": func(r run) {
		rtx := r.sent(0, B, tcp.SendSYNRetransmit)
		r.count("B's SYN-ACK retransmissions", rtx, 1, 1)
		r.count("duplicate SYN-ACKs at A", r.received(0, A, tcp.RecvDuplicate), 1, 1)
		// A is ESTABLISHED after one round trip; B only after its timer
		// brought the SYN-ACK again and A acknowledged it again.
		if a, b := r.stateAt(0, A, tcp.Established), r.stateAt(0, B, tcp.Established); a > ms(20) || len(rtx) == 0 || b <= rtx[0].At {
			r.Errorf("ESTABLISHED: A at %v, B at %v; want A after one round trip, B after the SYN-ACK's retransmission", a, b)
		}
	},
	"simultaneous-close": func(r run) {
		// Each side receives the other's FIN in FIN-WAIT-1: CLOSING, then
		// TIME-WAIT for both.
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED")
		r.wantStates(0, B, "CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED")
		r.count("TIME-WAIT timeouts", r.kind(0, trace.TimerFired, int(tcp.TimerTimeWait)), 2, 2)
	},
	"half-close": func(r run) {
		r.wantStates(0, A, "CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED")
		r.wantStates(0, B, "CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED")
		// B sends its reply after A's FIN arrived, and A reads all of it.
		closeWait := r.stateAt(0, B, tcp.CloseWait)
		data := 0
		for _, e := range r.sent(0, B, tcp.SendNewData) {
			if e.At > closeWait {
				data += int(r.tr.Header(e).PayloadLen)
			}
		}
		if data != 6000 {
			r.Errorf("B sent %d bytes after A's FIN, want 6000", data)
		}
		for _, e := range r.kind(0, trace.App, int(trace.AppReadEOF)) {
			if e.Side == A && e.Bytes() != 6000 {
				r.Errorf("A read %d bytes before EOF, want 6000", e.Bytes())
			}
		}
	},
	"lost-fin": func(r run) {
		fin := r.sent(0, A, tcp.SendFIN)
		rtx := r.sent(0, A, tcp.SendFINRetransmit)
		r.count("FINs", fin, 1, 1)
		r.count("FIN retransmissions", rtx, 1, 1)
		r.count("FINs dropped", r.drops(0, trace.DropScripted), 1, 1)
		if len(fin) == 1 && len(rtx) == 1 && rtx[0].At-fin[0].At != time.Second {
			r.Errorf("FIN retransmitted %v after the FIN, want the RTO of 1s", rtx[0].At-fin[0].At)
		}
		if fw2 := r.stateAt(0, A, tcp.FinWait2); len(rtx) == 1 && fw2 < rtx[0].At {
			r.Errorf("A left FIN-WAIT-1 at %v, before its FIN was retransmitted", fw2)
		}
	},
	"lost-last-ack": func(r run) {
		r.count("B's FIN retransmissions", r.sent(0, B, tcp.SendFINRetransmit), 1, 1)
		again := r.sent(0, A, tcp.SendTimeWaitACK)
		r.count("A's ACKs from TIME-WAIT", again, 1, 1)
		set := r.kind(0, trace.TimerSet, int(tcp.TimerTimeWait))
		fired := r.kind(0, trace.TimerFired, int(tcp.TimerTimeWait))
		// RFC 9293 §3.10.7.4: a retransmitted FIN in TIME-WAIT is
		// acknowledged and restarts the 2·MSL timeout.
		if len(set) != 2 || len(fired) != 1 || fired[0].At-set[1].At != 2*time.Second {
			r.Fatalf("TIME-WAIT timer set %d times, fired %d times; want set twice, fired 2·MSL after the second", len(set), len(fired))
		}
		r.wantStates(0, B, "CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED")
	},
	"fast-retransmit": func(r run) {
		frx := r.sent(0, A, tcp.SendFastRetransmit)
		r.count("fast retransmissions", frx, 1, 1)
		r.count("RTO retransmissions", r.sent(0, A, tcp.SendRTORetransmit), 0, 0)
		r.count("drops", r.kind(0, trace.Dropped, -1), 1, 1)
		if len(frx) != 1 {
			return
		}
		// RFC 5681 §3.2: the third duplicate ACK triggers it.
		dups := 0
		for _, e := range r.received(0, A, tcp.RecvDupAck) {
			if e.At <= frx[0].At {
				dups++
			}
		}
		if dups != 3 {
			r.Errorf("%d duplicate ACKs before the fast retransmission, want 3", dups)
		}
		// ssthresh = FlightSize/2 and cwnd = ssthresh + 3·SMSS on entry.
		ms, _ := r.cc(0, A)
		for i, m := range ms {
			if m.Phase == cc.FastRecovery {
				if prev := ms[i-1]; m.Ssthresh > prev.Cwnd/2+mss || m.Cwnd != m.Ssthresh+3*mss {
					r.Errorf("entering fast recovery: cwnd %d ssthresh %d after cwnd %d; want ssthresh about half the flight, cwnd ssthresh+3·MSS", m.Cwnd, m.Ssthresh, prev.Cwnd)
				}
				break
			}
		}
		r.wantAcked(0, A, 40000)
	},
	"losses-newreno": func(r run) {
		r.count("fast retransmissions", r.sent(0, A, tcp.SendFastRetransmit), 1, 1)
		r.count("partial-ACK retransmissions", r.sent(0, A, tcp.SendPartialAckRetransmit), 2, 2)
		r.count("SACK retransmissions", r.sent(0, A, tcp.SendSACKRetransmit), 0, 0)
		r.count("RTO retransmissions", r.sent(0, A, tcp.SendRTORetransmit), 0, 0)
	},
	"losses-sack": func(r run) {
		r.count("fast retransmissions", r.sent(0, A, tcp.SendFastRetransmit), 1, 1)
		r.count("SACK retransmissions", r.sent(0, A, tcp.SendSACKRetransmit), 2, 2)
		r.count("partial-ACK retransmissions", r.sent(0, A, tcp.SendPartialAckRetransmit), 0, 0)
		r.count("RTO retransmissions", r.sent(0, A, tcp.SendRTORetransmit), 0, 0)
		// The point of the pair: SACK repairs the three holes sooner.
		recoveryTime := func(r run) time.Duration {
			rtx := r.sent(0, A, tcp.SendFastRetransmit, tcp.SendPartialAckRetransmit, tcp.SendSACKRetransmit)
			return rtx[len(rtx)-1].At - rtx[0].At
		}
		p, _ := Lookup("losses-newreno")
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			r.Fatal(err)
		}
		if s, n := recoveryTime(r), recoveryTime(run{r.T, tr}); s*2 > n {
			r.Errorf("the last hole is repaired %v after the first with SACK, %v with NewReno; want SACK at least twice as fast", s, n)
		}
	},
	"rto-backoff": func(r run) {
		data := r.sent(0, A, tcp.SendNewData, tcp.SendRTORetransmit)
		r.count("data segments", data, 4, 4)
		// RFC 6298 §5.5: 1 s, then 2 s, then 4 s.
		if g := gaps(data); len(g) == 3 && (g[0] != time.Second || g[1] != 2*time.Second || g[2] != 4*time.Second) {
			r.Errorf("retransmissions %v apart, want 1s, 2s, 4s", g)
		}
		// RFC 5681 §3.1: after a timeout cwnd is one segment.
		ms, _ := r.cc(0, A)
		found := false
		for _, m := range ms {
			if m.Phase == cc.RTORecovery && m.Cwnd == mss {
				found = true
			}
		}
		if !found {
			r.Error("no congestion update with cwnd one segment after the timeout")
		}
		r.wantAcked(0, A, 22)
	},
	"link-dies": func(r run) {
		n := r.notices(0, A)
		if len(n) != 2 || !strings.Contains(n[0], tcp.ErrRetransmitting.Error()) || !strings.Contains(n[1], tcp.ErrTimedOut.Error()) {
			r.Errorf("A's notices %q, want the R1 warning then connection timed out", n)
		}
		failed := r.kind(0, trace.App, int(trace.AppFailed))
		if len(failed) != 1 || !strings.Contains(r.tr.Interned(failed[0].Ref), tcp.ErrTimedOut.Error()) {
			r.Errorf("A's application was not told the write failed: %d failures", len(failed))
		}
		if st := r.states(0, A); st[len(st)-1] != "CLOSED" {
			r.Errorf("A ends in %s, want CLOSED", st[len(st)-1])
		}
		rtx := r.sent(0, A, tcp.SendRTORetransmit)
		r.count("RTO retransmissions", rtx, 5, 5)
		for i, g := range gaps(rtx) {
			if i > 0 && g != 2*gaps(rtx)[i-1] {
				r.Errorf("retransmission gaps %v, want each double the last", gaps(rtx))
				break
			}
		}
	},
	"reordering": func(r run) {
		r.count("delayed segments", r.kind(0, trace.Delayed, -1), 1, 1)
		r.count("drops", r.kind(0, trace.Dropped, -1), 0, 0)
		frx := r.sent(0, A, tcp.SendFastRetransmit)
		r.count("fast retransmissions", frx, 1, 1)
		// The retransmission reaches B after the original: B already has it.
		spurious := false
		for _, e := range r.received(0, B, tcp.RecvDuplicate) {
			if len(frx) == 1 && r.tr.Header(e) == r.tr.Header(frx[0]) {
				spurious = true
			}
		}
		if !spurious {
			r.Error("the fast retransmission did not arrive as a duplicate (not spurious)")
		}
		r.wantAcked(0, A, 30000)
	},
	"duplication": func(r run) {
		r.count("duplicated segments", r.kind(0, trace.Duplicated, -1), 3, 3)
		r.count("duplicate data at B", r.received(0, B, tcp.RecvDuplicate), 2, 2)
		r.count("retransmissions", r.sent(0, A, tcp.SendRTORetransmit, tcp.SendFastRetransmit, tcp.SendSACKRetransmit, tcp.SendPartialAckRetransmit), 0, 0)
		r.wantAcked(0, A, 12000)
	},
	"corruption": func(r run) {
		bad := r.drops(0, trace.DropBadChecksum)
		r.count("segments dropped for a bad checksum", bad, 1, 1)
		r.count("corrupted segments", r.kind(0, trace.Corrupted, -1), 1, 1)
		if len(bad) == 1 {
			lost := r.tr.Header(bad[0]).Seq
			again := false
			for _, e := range r.sent(0, A, tcp.SendFastRetransmit, tcp.SendRTORetransmit, tcp.SendSACKRetransmit) {
				again = again || r.tr.Header(e).Seq == lost
			}
			if !again {
				r.Error("the corrupted segment was never retransmitted")
			}
		}
		r.wantAcked(0, A, 20000)
	},
	"zero-window": func(r run) {
		zero := 0
		for _, e := range r.sent(0, B) {
			if r.tr.Header(e).Window == 0 {
				zero++
			}
		}
		if zero == 0 {
			r.Error("B never advertised a zero window")
		}
		probes := r.sent(0, A, tcp.SendZeroWindowProbe)
		r.count("zero-window probes", probes, 3, -1)
		// RFC 9293 §3.8.6.1: the persist timer backs off exponentially.
		for i, g := range gaps(probes) {
			if i > 0 && g <= gaps(probes)[i-1] {
				r.Errorf("probes %v apart, want growing gaps", gaps(probes))
				break
			}
		}
		r.count("B's window updates", r.sent(0, B, tcp.SendWindowUpdate), 1, -1)
		r.wantAcked(0, A, 10000)
	},
	"silly-window": func(r run) {
		// Find B's ACK that offers less than a segment, and B's window
		// update; A sends no data in between.
		var small, update time.Duration = -1, -1
		for _, e := range r.sent(0, B) {
			w := int(r.tr.Header(e).Window) << 1 // B's window scale here is 1
			if h := r.tr.Header(e); h.Flags&wire.SYN == 0 && w > 0 && w < mss && small < 0 {
				small = e.At
			}
			if tcp.SendReason(e.Code) == tcp.SendWindowUpdate && update < 0 {
				update = e.At
			}
		}
		if small < 0 || update < small {
			r.Fatalf("B offered a small window at %v and updated it at %v; want both, in that order", small, update)
		}
		for _, e := range r.sent(0, A) {
			if h := r.tr.Header(e); h.PayloadLen > 0 && e.At > small && e.At < update+ms(10) {
				r.Errorf("A sent %d bytes at %v into the small window", h.PayloadLen, e.At)
			}
		}
		// Every data segment is full but the last.
		data := r.sent(0, A, tcp.SendNewData)
		for _, e := range data[:len(data)-1] {
			if n := r.tr.Header(e).PayloadLen; n != mss {
				r.Errorf("A sent a %d-byte segment at %v, want full segments", n, e.At)
			}
		}
	},
	"nagle-delayed-ack": func(r run) {
		// Connection 0 (Nagle): the 3-byte piece waits for the delayed ACK.
		// Connection 1 (TCP_NODELAY): it goes with the first.
		for conn, wantWait := range []bool{true, false} {
			data := r.sent(conn, A, tcp.SendNewData)
			if len(data) != 2 {
				r.Errorf("connection %d: %d data segments, want 2", conn, len(data))
				continue
			}
			wait := data[1].At - data[0].At
			if wantWait && wait < ms(200) || !wantWait && wait != 0 {
				r.Errorf("connection %d: the second piece left %v after the first", conn, wait)
			}
		}
		r.count("B's delayed ACKs on connection 0", r.sent(0, B, tcp.SendDelayedACK), 2, 2)
	},
	"window-scaling": func(r run) {
		maxFlight := func(conn int) int {
			m := 0
			sp, _ := r.spaces(conn, A)
			for _, s := range sp {
				m = max(m, s.SndNxt.Diff(s.SndUna))
			}
			return m
		}
		syn0, syn1 := r.sent(0, A, tcp.SendSYN), r.sent(1, A, tcp.SendSYN)
		if len(syn0) != 1 || len(syn1) != 1 || r.tr.Segment(syn0[0]).Options.HasWScale || !r.tr.Segment(syn1[0]).Options.HasWScale {
			r.Fatal("want connection 0's SYN without a window scale option, connection 1's with one")
		}
		if f := maxFlight(0); f > 65535 {
			r.Errorf("connection 0 had %d bytes in flight, more than 65535 without window scaling", f)
		}
		if f := maxFlight(1); f <= 2*65535 {
			r.Errorf("connection 1 had at most %d bytes in flight, want well over 65535", f)
		}
		took := func(conn int) time.Duration {
			sp, at := r.spaces(conn, A)
			for i, s := range sp {
				if s.SndUna.Diff(s.ISS)-1 == 700000 {
					return at[i] - r.sent(conn, A, tcp.SendNewData)[0].At
				}
			}
			r.Fatalf("connection %d never had its 700 KB acknowledged", conn)
			return 0
		}
		if t0, t1 := took(0), took(1); t1*3/2 > t0 {
			r.Errorf("700 KB took %v without window scaling and %v with; want much faster with", t0, t1)
		}
	},
	"slow-start": func(r run) {
		ms, _ := r.cc(0, A)
		var phases []cc.Phase
		for _, m := range ms {
			if len(phases) == 0 || phases[len(phases)-1] != m.Phase {
				phases = append(phases, m.Phase)
			}
		}
		if len(phases) < 4 || phases[0] != cc.SlowStart || phases[1] != cc.FastRecovery || phases[3] != cc.CongestionAvoidance {
			r.Fatalf("phases %v, want slow start, fast recovery, …, congestion avoidance", phases)
		}
		if ms[0].Ssthresh < 1<<30 {
			r.Errorf("ssthresh starts at %d, want unset (arbitrarily high)", ms[0].Ssthresh)
		}
		r.count("queue overflows", r.drops(0, trace.DropQueueOverflow), 1, -1)
		// In congestion avoidance cwnd grows by at most one segment per
		// update (about one per round trip, RFC 5681 §3.1), and it grows.
		grew := 0
		for i := 1; i < len(ms); i++ {
			if ms[i].Phase == cc.CongestionAvoidance && ms[i-1].Phase == cc.CongestionAvoidance {
				if d := ms[i].Cwnd - ms[i-1].Cwnd; d > mss {
					r.Errorf("cwnd grew by %d in one step of congestion avoidance", d)
				} else if d > 0 {
					grew++
				}
			}
		}
		if grew < 3 {
			r.Errorf("cwnd grew %d times in congestion avoidance, want several", grew)
		}
	},
	"bufferbloat": func(r run) {
		r.count("drops", r.kind(0, trace.Dropped, -1), 0, 0)
		var first, most time.Duration
		for _, e := range r.kind(0, trace.RTT, -1) {
			if e.Side == A {
				s := r.tr.RTT(e)
				if first == 0 {
					first = s.RTT
				}
				most = max(most, s.RTT)
			}
		}
		if most < 20*first {
			r.Errorf("RTT went from %v to %v, want the queue to multiply it by 20 or more", first, most)
		}
		// Connection 1's handshake waits behind the queue.
		syn, est := r.sent(1, A, tcp.SendSYN), r.stateAt(1, A, tcp.Established)
		if len(syn) != 1 || est-syn[0].At < ms(300) {
			r.Errorf("connection 1's handshake took %v, want the queue's delay (over 300ms)", est-syn[0].At)
		}
	},
	"two-flows": func(r run) {
		// Both flows lose at the shared queue, and over the last two
		// seconds neither gets less than a third of what both got.
		for conn := range 2 {
			losses := 0
			for _, e := range r.drops(conn, trace.DropQueueOverflow) {
				if e.Side == A {
					losses++
				}
			}
			if losses == 0 {
				r.Errorf("connection %d never lost a packet at the queue", conn)
			}
		}
		share := r.delivered(4*time.Second, 6*time.Second)
		if total := share[0] + share[1]; share[0]*3 < total || share[1]*3 < total {
			r.Errorf("bytes acknowledged from 4s to 6s: %v, want neither below a third", share)
		}
	},
	"cubic-vs-reno": func(r run) {
		// After each loss Reno's ssthresh is half the flight (RFC 5681
		// (4)), CUBIC's 70 % of cwnd (RFC 9438 §4.6).
		for conn, want := range []float64{0.5, 0.7} {
			ms, at := r.cc(conn, A)
			sp, spAt := r.spaces(conn, A)
			seen := 0
			for i := 1; i < len(ms); i++ {
				if ms[i].Phase != cc.FastRecovery || ms[i-1].Phase == cc.FastRecovery {
					continue
				}
				seen++
				before := ms[i-1].Cwnd
				if conn == 0 {
					for j := range sp {
						if spAt[j] < at[i] {
							before = sp[j].SndNxt.Diff(sp[j].SndUna)
						}
					}
				}
				if f := float64(ms[i].Ssthresh) / float64(before); f < want-0.05 || f > want+0.05 {
					r.Errorf("connection %d at %v: ssthresh %d after %d, a factor %.2f, want %.1f", conn, at[i], ms[i].Ssthresh, before, f, want)
				}
			}
			if seen < 2 {
				r.Errorf("connection %d: %d losses, want several", conn, seen)
			}
		}
		share := r.delivered(0, 15*time.Second)
		if share[1]*5 <= share[0]*6 {
			r.Errorf("bytes acknowledged: Reno %d, CUBIC %d; want CUBIC's at least 1.2 times Reno's", share[0], share[1])
		}
	},
}

// TestBehaviour runs every preset and checks that its trace shows the
// behaviour its title promises; every preset must have a check.
func TestBehaviour(t *testing.T) {
	for _, p := range All() {
		t.Run(p.Name, func(t *testing.T) {
			check, ok := behaviours[p.Name]
			if !ok {
				t.Fatal("no behaviour check for this preset")
			}
			tr, err := sim.Run(p.Scenario())
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if e := tr.Event(tr.Len() - 1); e.Kind != trace.End || trace.EndReason(e.Code) > trace.EndDuration {
				t.Fatalf("the run ended abnormally: %s", tr.Format(tr.Len()-1))
			}
			check(run{t, tr})
		})
	}
	for name := range behaviours {
		if _, ok := Lookup(name); !ok {
			t.Errorf("behaviour check for %q, which is no preset", name)
		}
	}
}
