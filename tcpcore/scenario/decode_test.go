package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/link"
	"tcpplayground/tcpcore/tcp"
)

// minimal is the smallest valid document; the error cases edit it.
const minimal = `{"version":1,"title":{"en":"t"},"connections":[{"a":{"port":40000},"b":{"port":80},"timeline":[` +
	`{"at_ms":0,"side":"B","action":"listen"},{"at_ms":0,"side":"A","action":"connect"}]}]}`

const full = `{
  "version": 1,
  "title": {"en": "Everything", "zh": "全部"},
  "description": {"en": "Every field once.", "zh": "每个字段一次。"},
  "seed": 18446744073709551615,
  "duration_ms": 60000,
  "hosts": {"a": "192.168.1.1", "b": "192.168.1.2"},
  "link": {
    "a_to_b": {"delay_ms": 10.5, "jitter_ms": 2, "distribution": "pareto", "keep_order": true,
      "rate_bps": 10000000, "queue_limit": 50, "loss": 1.5,
      "burst_loss": {"p": 1, "r": 30, "1-h": 100, "1-k": 0.5},
      "duplicate": 1, "reorder": 2, "reorder_gap": 5, "corrupt": 0.1,
      "outages": [{"from_ms": 100, "to_ms": 200}, {"from_ms": 300, "to_ms": 400}]},
    "b_to_a": {"delay_ms": 10}
  },
  "connections": [{
    "a": {"port": 40000, "profile": "linux", "mss": 536, "sndbuf": 100000, "rcvbuf": 50000,
      "sack": false, "timestamps": false, "wscale": false, "nodelay": true, "delack": true,
      "delack_ms": 100, "cc": "reno", "recovery": "newreno", "limited_transmit": false,
      "restart_after_idle": false, "iw": 4380, "initial_rto_ms": 2000, "min_rto_ms": 300,
      "max_rto_ms": 30000, "syn_retries": 3, "r1": 2, "r2": 5, "msl_ms": 500, "probe": "new_byte",
      "max_persist_ms": 10000, "keepalive": true, "keepalive_idle_ms": 1000,
      "keepalive_interval_ms": 500, "keepalive_probes": 3},
    "b": {"port": 80},
    "timeline": [
      {"at_ms": 0, "side": "B", "action": "listen"},
      {"at_ms": 0, "side": "A", "action": "connect"},
      {"at_ms": 0, "side": "B", "action": "stop_reading"},
      {"at_ms": 10, "side": "A", "action": "write", "bytes": 1000},
      {"at_ms": 10, "side": "A", "action": "write", "text": "hello \"world\"\n\u0001"},
      {"at_ms": 20, "side": "B", "action": "resume_reading"},
      {"at_ms": 30, "side": "A", "action": "shutdown"},
      {"at_ms": 40, "side": "B", "action": "close"},
      {"at_ms": 50, "side": "A", "action": "abort"}
    ]
  }],
  "faults": [
    {"dir": "B>A", "flags": "S.", "action": "drop"},
    {"conn": 0, "dir": "A>B", "flags": "P", "nth": 2, "action": "delay", "delay_ms": 50},
    {"dir": "A>B", "flags": "F", "every": true, "action": "duplicate"},
    {"dir": "A>B", "segment": 7, "action": "corrupt"}
  ]
}`

func TestDecodeFull(t *testing.T) {
	sc, err := Decode([]byte(full))
	if err != nil {
		t.Fatalf("Decode(full): %v", err)
	}
	if sc.Seed != 1<<64-1 || sc.Hosts[B] != [4]byte{192, 168, 1, 2} || sc.Duration() != time.Minute {
		t.Errorf("Decode(full): seed %d, hosts %v, duration %v", sc.Seed, sc.Hosts, sc.Duration())
	}
	lc := sc.Link[A].LinkConfig()
	wantLink := link.Config{
		Delay: 10500 * time.Microsecond, Jitter: 2 * time.Millisecond, Distribution: link.Pareto, KeepOrder: true,
		Rate: 10_000_000, QueueLimit: 50, Loss: 0.015,
		BurstLoss: link.GilbertElliott{P: 0.01, R: 0.3, LossInBad: 1, LossInGood: 0.005},
		Duplicate: 0.01, Reorder: 0.02, ReorderGap: 5, Corrupt: 0.001,
		Outages: []link.Window{{Start: 100 * time.Millisecond, End: 200 * time.Millisecond}, {Start: 300 * time.Millisecond, End: 400 * time.Millisecond}},
	}
	if !reflect.DeepEqual(lc, wantLink) {
		t.Errorf("LinkConfig = %+v\nwant %+v", lc, wantLink)
	}
	c := sc.Connections[0].Endpoints[A].Config()
	if c.Profile != tcp.ProfileLinux || c.MSS != 536 || c.SendBufferSize != 100000 || c.SACK || !c.NoDelay ||
		c.DelayedACKTimeout != 100*time.Millisecond || c.CongestionControl != cc.Reno || c.Recovery != tcp.RecoveryNewReno ||
		c.InitialWindow != 4380 || c.MinRTO != 300*time.Millisecond || c.R2 != 5 || c.ProbeStyle != tcp.ProbeNewByte ||
		!c.KeepAlive || c.KeepAliveProbes != 3 {
		t.Errorf("Config() = %+v", c)
	}
	if b := sc.Connections[0].Endpoints[B].Config(); !reflect.DeepEqual(b, tcp.DefaultConfig(tcp.ProfileRFC)) {
		t.Errorf("an endpoint without options: Config() = %+v, want the RFC profile's defaults", b)
	}
	tl := sc.Connections[0].Timeline
	if tl[4].Text != "hello \"world\"\n\x01" || tl[3].Bytes != 1000 || tl[8].Kind != Abort {
		t.Errorf("timeline = %+v", tl)
	}
	f := sc.Faults
	if f[0].Dir != B || f[0].Flags != "S." || f[1].Flags != "P" || f[1].Nth != 2 || f[1].DelayMS != 50 || !f[2].Every || f[3].Segment != 7 || f[3].Action != FaultCorrupt {
		t.Errorf("faults = %+v", f)
	}
}

// TestMarshalRoundTrip: Marshal is canonical (decode∘marshal is the
// identity, and marshal∘decode∘marshal gives the same bytes).
func TestMarshalRoundTrip(t *testing.T) {
	for _, doc := range []string{minimal, full} {
		sc, err := Decode([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		m := Marshal(sc)
		sc2, err := Decode(m)
		if err != nil {
			t.Fatalf("Decode(Marshal(sc)) = %v\n%s", err, m)
		}
		if !reflect.DeepEqual(sc, sc2) {
			t.Errorf("Decode(Marshal(sc)) = %+v, want %+v", sc2, sc)
		}
		if m2 := Marshal(sc2); !bytes.Equal(m, m2) {
			t.Errorf("Marshal not stable:\n%s\n%s", m, m2)
		}
	}
	// Whitespace and field order do not change the canonical form.
	a, _ := Decode([]byte(minimal))
	b, err := Decode([]byte(`{ "connections":[{"timeline":[{"action":"listen","side":"B","at_ms":0},` +
		`{"side":"A","at_ms":0.0,"action":"connect"}],"b":{"port":80},"a":{"port":40000}}],"title":{"en":"t"},"version":1 }`))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Marshal(a), Marshal(b)) {
		t.Errorf("reordered document: Marshal = %s, want %s", Marshal(b), Marshal(a))
	}
	want := `{"version":1,"title":{"en":"t"},"seed":0,"hosts":{"a":"10.0.0.1","b":"10.0.0.2"},"link":{"a_to_b":{},"b_to_a":{}},` +
		`"connections":[{"a":{"port":40000},"b":{"port":80},"timeline":[{"at_ms":0,"side":"B","action":"listen"},{"at_ms":0,"side":"A","action":"connect"}]}]}`
	if got := string(Marshal(a)); got != want {
		t.Errorf("Marshal(minimal) = %s\nwant %s", got, want)
	}
}

// edit replaces old by new in minimal, failing if old is absent.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(minimal, old) {
		t.Fatalf("%q not in the minimal document", old)
	}
	return strings.Replace(minimal, old, new, 1)
}

func TestDecodeErrors(t *testing.T) {
	conn := `"connections":[{`
	tl := `"timeline":[`
	cases := []struct {
		doc  string
		want string // the whole error message
	}{
		{edit(t, `"port":40000`, `"port":40000,"mss":20`), "connections[0].a.mss: 20 is out of range 64..65495"},
		{edit(t, `"port":40000`, `"port":40000,"msss":1460`), "connections[0].a.msss: unknown field (want one of port, profile, mss,"},
		{edit(t, `"port":40000`, `"port":"40000"`), `connections[0].a.port: "40000" is not a number (want a whole number in 1..65535)`},
		{edit(t, `"port":40000`, `"port":40000.5`), "connections[0].a.port: 40000.5 is not a whole number in 1..65535"},
		{edit(t, `"port":40000`, `"port":40000,"sack":1`), "connections[0].a.sack: 1 is not true or false"},
		{edit(t, `"port":40000`, `"port":40000,"cc":"bbr"`), `connections[0].a.cc: "bbr" is not allowed (want reno, cubic)`},
		{edit(t, `"port":40000`, `"port":40000,"r1":9,"r2":4`), "connections[0].a.r1: 9 is out of range 0..4 (at most r2)"},
		{edit(t, `"port":40000`, `"port":40000,"min_rto_ms":500,"initial_rto_ms":100`), "connections[0].a.initial_rto_ms: 100 is out of range 500..60000"},
		{edit(t, `"port":40000`, `"port":40000,"delack_ms":500`), "connections[0].a.delack_ms: 500 is out of range 1..499"},
		{edit(t, `"version":1`, `"version":2`), "version: 2 is from a newer TCP Playground (this page reads version 1): reload the page"},
		{edit(t, `"version":1`, `"version":0`), "version: 0 is out of range 1..1"},
		{edit(t, `"version":1,`, ``), "version: missing"},
		{edit(t, `"title":{"en":"t"}`, `"title":{"fr":"t"}`), "title.fr: unknown field (want one of en, zh)"},
		{edit(t, `"version":1`, `"version":1,"seed":-1`), "seed: -1 is out of range 0..18446744073709551615"},
		// A hostile document's huge number or key comes back clipped.
		{edit(t, `"version":1`, `"version":1,"seed":`+strings.Repeat("9", 5000)), "seed: " + strings.Repeat("9", 37) + "... is out of range 0..18446744073709551615"},
		{edit(t, `"version":1`, `"version":1,"`+strings.Repeat("长", 5000)+`":1`), strings.Repeat("长", 40) + "...: unknown field (want one of version,"},
		{edit(t, `"version":1`, `"version":1,"extra":true`), "extra: unknown field"},
		{edit(t, `"version":1`, `"version":1,"version":1`), "version: duplicate field"},
		{edit(t, `"version":1`, `"version":1,"hosts":{"a":"10.0.0.300"}`), `hosts.a: "10.0.0.300" is not an IPv4 address`},
		{edit(t, `"version":1`, `"version":1,"hosts":{"a":"10.0.0.2"}`), `hosts.b: `},
		{edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"loss":150}}`), "link.a_to_b.loss: 150 is out of range 0..100"},
		{edit(t, `"version":1`, `"version":1,"link":{"b_to_a":{"reorder":5}}`), "link.b_to_a.reorder: 5 needs a delay_ms above 0"},
		{edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"distribution":"gauss"}}`), `link.a_to_b.distribution: "gauss" is not allowed`},
		{edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"rate_bps":10}}`), "link.a_to_b.rate_bps: 10 is out of range: want 0 (unlimited) or 1000..1000000000000"},
		{edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"burst_loss":{"p":1,"q":2}}}`), "link.a_to_b.burst_loss.q: unknown field"},
		{edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"outages":[{"from_ms":5,"to_ms":5}]}}`), "link.a_to_b.outages[0].to_ms: 5 is not after from_ms 5"},
		{edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"outages":[{"from_ms":5,"to_ms":9},{"from_ms":7,"to_ms":10}]}}`), "link.a_to_b.outages[1].from_ms: 7 is before the end"},
		{edit(t, `"version":1`, `"version":1,"duration_ms":700000`), "duration_ms: 700000 is out of range 0..600000"},
		{edit(t, conn, `"connections":[],"x":[{`), "x: unknown field"},
		{`{"version":1,"title":{"en":"t"},"connections":[]}`, "connections: empty; want 1..8 connections"},
		{edit(t, tl, tl+`{"at_ms":0,"side":"A","action":"write","bytes":5},`), `connections[0].timeline[0].action: "write" before the side listened or connected`},
		{edit(t, tl, tl+`{"at_ms":0,"side":"A","action":"connect"},`), `connections[0].timeline[2].action: "connect" when the side already listened or connected`},
		{edit(t, tl, tl+`{"at_ms":5,"side":"C","action":"connect"},`), `connections[0].timeline[0].side: "C" is not allowed (want A, B)`},
		{edit(t, tl, tl+`{"at_ms":5,"side":"A","action":"listen"},`), `connections[0].timeline[1].at_ms: 0 is before the previous entry's 5`},
		{edit(t, `"action":"connect"}`, `"action":"connect"},{"at_ms":1,"side":"A","action":"write"}`), "connections[0].timeline[2]: a write needs bytes or text"},
		{edit(t, `"action":"connect"}`, `"action":"connect"},{"at_ms":1,"side":"A","action":"close","bytes":3}`), "connections[0].timeline[2].bytes: only a write has bytes"},
		{edit(t, `"action":"connect"}`, `"action":"connect"},{"at_ms":1,"side":"A","action":"close"},{"at_ms":1,"side":"A","action":"shutdown"}`), `connections[0].timeline[3].action: "shutdown" after the side's close or abort`},
		{edit(t, `"action":"connect"}`, `"action":"connect"},{"at_ms":1,"side":"A","action":"shutdown"},{"at_ms":1,"side":"A","action":"write","bytes":1}`), `connections[0].timeline[3].action: "write" after the side's shutdown`},
		{edit(t, `"action":"connect"}`, `"action":"connect"},{"at_ms":1,"side":"A","action":"write","bytes":67108865}`), "connections[0].timeline[2].bytes: 67108865 is out of range 1..67108864"},
		{edit(t, `"version":1`, `"version":1,"faults":[{"dir":"A>B","action":"drop"}]`), "faults[0]: want exactly one of segment, data or flags"},
		{edit(t, `"version":1`, `"version":1,"faults":[{"dir":"A>B","flags":"SX","action":"drop"}]`), `faults[0].flags: "SX" has 'X'`},
		{edit(t, `"version":1`, `"version":1,"faults":[{"conn":1,"dir":"A>B","segment":1,"action":"drop"}]`), "faults[0].conn: 1 is out of range 0..0"},
		{edit(t, `"version":1`, `"version":1,"faults":[{"dir":"A>B","segment":1,"action":"delay"}]`), "faults[0].delay_ms: missing"},
		{edit(t, `"version":1`, `"version":1,"faults":[{"dir":"A>B","data":1,"nth":2,"action":"drop"}]`), "faults[0].nth: nth counts the segments that match flags"},
		{edit(t, `"version":1`, `"version":1,"faults":[{"dir":"A<B","segment":1,"action":"drop"}]`), `faults[0].dir: "A<B" is not allowed (want A>B, B>A)`},
		{`{"version":1,`, "invalid JSON"},
		{minimal + ` {}`, "unexpected data after the document"},
		{`[]`, "an array is not an object"},
		{strings.Repeat(`{"a":`, 40), "nested more than 16 levels deep"},
		{"{\"version\":1,\"title\":{\"en\":\"\xff\"}}", "document is not valid UTF-8"},
		{`{"version":1,"title":{"en":"t"},"connections":[` + strings.Repeat(`{"a":{"port":1},"b":{"port":2}},`, 8) + `{"a":{"port":1},"b":{"port":2}}]}`, "connections: 9 entries, more than the limit of 8"},
		{`{"version":1,"title":{"en":"t"},"connections":[{"a":{"port":1},"b":{"port":2}},{"a":{"port":1},"b":{"port":2}}]}`, "connections[1]: ports 1 and 2 are those of connections[0]"},
		{string(make([]byte, MaxInputBytes+1)), "document is 262145 bytes, more than the limit of 262144"},
	}
	for _, c := range cases {
		_, err := Decode([]byte(c.doc))
		var se *Error
		if err == nil || !errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want) {
			doc := c.doc
			if len(doc) > 200 {
				doc = doc[:200] + "..."
			}
			t.Errorf("Decode(%s)\n = %v\nwant %q", doc, err, c.want)
		}
	}
}

// TestValidate: a scenario built in Go is checked by the same rules.
func TestValidate(t *testing.T) {
	sc, _ := Decode([]byte(minimal))
	if err := sc.Validate(); err != nil {
		t.Fatalf("Validate(minimal) = %v", err)
	}
	sc.Link[B].Loss = 101
	if err := sc.Validate(); err == nil || err.Error() != "link.b_to_a.loss: 101 is out of range 0..100" {
		t.Errorf("Validate with loss 101 = %v", err)
	}
}

// TestExamples decodes every scenario document committed in the
// repository's testdata folders that this package owns.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../sim/testdata/*.json")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(data); err != nil {
			t.Errorf("Decode(%s): %v", f, err)
		}
	}
}

// TestDecodeHostileSizes: the largest documents of many keys or elements
// are rejected quickly (no quadratic work on a 256 KB input).
func TestDecodeHostileSizes(t *testing.T) {
	var keys strings.Builder
	keys.WriteString(`{"version":1`)
	for i := 0; keys.Len() < MaxInputBytes-20; i++ {
		keys.WriteString(`,"k` + strconv.Itoa(i) + `":0`)
	}
	keys.WriteString(`,"k0":1}`)
	elems := `{"version":1,"title":{"en":"t"},"connections":[` + strings.Repeat(`0,`, MaxInputBytes/2-40) + `0]}`
	for _, doc := range []string{keys.String(), elems} {
		start := time.Now()
		_, err := Decode([]byte(doc))
		if err == nil {
			t.Errorf("Decode of a %d-byte hostile document succeeded", len(doc))
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Decode of a %d-byte hostile document took %v", len(doc), d)
		}
	}
}

// TestClone: a clone is equal, and editing it leaves the original alone.
func TestClone(t *testing.T) {
	sc, err := Decode([]byte(full))
	if err != nil {
		t.Fatal(err)
	}
	before := Marshal(sc)
	c := sc.Clone()
	if !reflect.DeepEqual(c, sc) {
		t.Fatal("Clone differs from the original")
	}
	*c.Connections[0].Endpoints[A].Options.MSS = 1000
	*c.Connections[0].Endpoints[A].Options.CC = "cubic"
	*c.Connections[0].Endpoints[A].Options.SACK = true
	c.Connections[0].Timeline[0].AtMS = 7
	c.Link[A].Outages[0].ToMS = 150
	c.Faults[0].Action = FaultCorrupt
	if after := Marshal(sc); !bytes.Equal(before, after) {
		t.Errorf("editing the clone changed the original:\n%s\n%s", before, after)
	}
}

// TestParseFaultAction: every action's name parses back to it, and
// nothing else parses.
func TestParseFaultAction(t *testing.T) {
	for a := FaultDrop; a <= FaultCorrupt; a++ {
		if got, ok := ParseFaultAction(a.String()); !ok || got != a {
			t.Errorf("ParseFaultAction(%q) = %v, %v", a.String(), got, ok)
		}
	}
	for _, bad := range []string{"", "?", "Drop", "reorder"} {
		if _, ok := ParseFaultAction(bad); ok {
			t.Errorf("ParseFaultAction(%q) accepted", bad)
		}
	}
}
