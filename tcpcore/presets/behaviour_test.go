package presets

import (
	"strings"
	"testing"
	"time"

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
