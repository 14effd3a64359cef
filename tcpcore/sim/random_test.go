package sim

import (
	"errors"
	"math/rand/v2"
	"testing"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// randomScenario draws a valid scenario: random endpoint options, a
// random impaired link and a random timeline of writes and closes.
func randomScenario(r *rand.Rand, seed uint64) *scenario.Scenario {
	pick := func(p float64) bool { return r.Float64() < p }
	ep := func(port uint16) scenario.Endpoint {
		e := scenario.Endpoint{Port: port}
		if pick(0.5) {
			e.Profile = 1
		}
		o := &e.Options
		if pick(0.3) {
			o.MSS = scenario.Int(64 + r.IntN(1400))
		}
		if pick(0.3) {
			o.RecvBuffer = scenario.Int(500 + r.IntN(200_000))
		}
		if pick(0.3) {
			o.SendBuffer = scenario.Int(500 + r.IntN(200_000))
		}
		for _, b := range []**bool{&o.SACK, &o.Timestamps, &o.WindowScale, &o.NoDelay, &o.DelayedACK} {
			if pick(0.3) {
				*b = scenario.Bool(pick(0.5))
			}
		}
		if pick(0.3) {
			o.CC = scenario.String([]string{"reno", "cubic"}[r.IntN(2)])
		}
		if pick(0.3) {
			o.Recovery = scenario.String([]string{"reno", "newreno", "sack"}[r.IntN(3)])
		}
		return e
	}
	dir := func() scenario.LinkDir {
		d := scenario.LinkDir{DelayMS: float64(r.IntN(50))}
		if pick(0.5) {
			d.RateBPS = int64(100_000 + r.IntN(20_000_000))
			d.QueueLimit = 1 + r.IntN(50)
		}
		if pick(0.3) {
			d.JitterMS = float64(r.IntN(10))
		}
		d.Loss = float64(r.IntN(8))
		if pick(0.3) {
			d.Duplicate = float64(r.IntN(5))
		}
		if pick(0.3) && d.DelayMS > 0 {
			d.Reorder = float64(r.IntN(10))
		}
		if pick(0.3) {
			d.Corrupt = float64(r.IntN(5))
		}
		return d
	}
	sc := &scenario.Scenario{Version: 1, Title: scenario.Text{EN: "random"}, Seed: seed,
		Hosts: [2][4]byte{{10, 0, 0, 1}, {10, 0, 0, 2}}, Link: [2]scenario.LinkDir{dir(), dir()}}
	c := scenario.Connection{Endpoints: [2]scenario.Endpoint{ep(40000), ep(80)}}
	tl := []scenario.Action{
		{AtMS: 0, Side: scenario.B, Kind: scenario.Listen},
		{AtMS: 0, Side: scenario.A, Kind: scenario.Connect},
	}
	at := 0.0
	for range r.IntN(5) {
		at += float64(r.IntN(300))
		tl = append(tl, scenario.Action{AtMS: at, Side: r.IntN(2), Kind: scenario.Write, Bytes: 1 + r.IntN(30_000)})
	}
	for _, side := range r.Perm(2) {
		at += float64(r.IntN(3000))
		tl = append(tl, scenario.Action{AtMS: at, Side: side, Kind: []scenario.ActionKind{scenario.Close, scenario.Shutdown}[r.IntN(2)]})
	}
	c.Timeline = tl
	sc.Connections = []scenario.Connection{c}
	for range r.IntN(4) {
		f := scenario.Fault{Dir: r.IntN(2), Action: scenario.FaultAction(1 + r.IntN(4))}
		switch r.IntN(3) {
		case 0:
			f.Segment = 1 + r.IntN(20)
		case 1:
			f.Data = 1 + r.IntN(20)
		default:
			f.Flags = []string{"S", "SA", "F", "A", "P"}[r.IntN(5)]
			f.Every = pick(0.2)
		}
		if f.Action == scenario.FaultDelay {
			f.DelayMS = float64(1 + r.IntN(500))
		}
		sc.Faults = append(sc.Faults, f)
	}
	if pick(0.2) {
		from := float64(r.IntN(2000))
		sc.Link[r.IntN(2)].Outages = []scenario.Outage{{FromMS: from, ToMS: from + float64(1+r.IntN(5000))}}
	}
	return sc
}

// TestRandomScenarios runs many random scenarios: none panics, each ends
// with one End event, both ends reach CLOSED, and every byte read is the
// byte written there.
func TestRandomScenarios(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 40
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		sc := randomScenario(r, uint64(i))
		if err := sc.Validate(); err != nil {
			t.Fatalf("scenario %d invalid: %v", i, err)
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("scenario %d panicked: %v\n%s", i, p, scenario.Marshal(sc))
				}
			}()
			tr, err := RunReading(sc, func(conn int, side trace.Side, off int64, data []byte) {
				for k, c := range data {
					if want := trace.PayloadByte(conn, side.Peer(), off+int64(k)); c != want {
						t.Fatalf("scenario %d: byte %d read by %v = %q, want %q\n%s", i, off+int64(k), side, c, want, scenario.Marshal(sc))
					}
				}
			})
			var le *LimitError
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("scenario %d: %v", i, err)
			}
			if tr.Event(tr.Len()-1).Kind != trace.End {
				t.Fatalf("scenario %d: no End event", i)
			}
			// Both sides close or shut down, so both must end CLOSED,
			// unless a fault drops every FIN, ACK or data segment (then
			// one side may rightly wait in FIN-WAIT-2 for ever).
			every := false
			for _, f := range sc.Faults {
				every = every || f.Every
			}
			if f := finalStates(tr); !every && (f[0] != tcp.Closed || f[1] != tcp.Closed) {
				t.Errorf("scenario %d: final states %v, %v; want CLOSED, CLOSED\n%s", i, f[0], f[1], scenario.Marshal(sc))
			}
		}()
	}
}
