package model

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/playground/i18n"
)

func handshake(t *testing.T) *Model {
	t.Helper()
	sc, name, err := FromFragment("#p=handshake")
	if err != nil {
		t.Fatal(err)
	}
	return New(sc, name)
}

func TestFragmentsOfEveryPresetGiveTheNativeDigest(t *testing.T) {
	for _, p := range presets.All() {
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(tr.Text()))
		want := hex.EncodeToString(sum[:])
		for _, frag := range []string{"#p=" + p.Name, "#s=" + share.Encode(p.Scenario())} {
			sc, _, err := FromFragment(frag)
			if err != nil {
				t.Fatalf("FromFragment(%s): %v", frag, err)
			}
			if m := New(sc, ""); m.Digest() != want {
				t.Errorf("%s: digest %s, native %s", frag, m.Digest(), want)
			}
		}
	}
}

func TestEmptyFragmentIsTheFirstPreset(t *testing.T) {
	_, name, err := FromFragment("")
	if err != nil || name != presets.All()[0].Name {
		t.Errorf(`FromFragment("") = %q, %v; want the first preset`, name, err)
	}
}

func TestBadFragmentsSayWhatIsWrong(t *testing.T) {
	for frag, want := range map[string]string{
		"#p=nosuch":  `preset "nosuch", which does not exist`,
		"#s=%%%":     "cannot be read",
		"#s=":        "cannot be read",
		"#whatever":  "neither #p=<preset> nor #s=",
		"#p=":        `preset ""`,
		"#s=AAAAAAA": "cannot be read",
	} {
		_, _, err := FromFragment(frag)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("FromFragment(%q) = %v, want an error containing %q", frag, err, want)
		}
	}
}

func TestFragmentFollowsEdits(t *testing.T) {
	m := handshake(t)
	if got := m.Fragment(); got != "p=handshake" {
		t.Errorf("unedited preset's fragment = %q", got)
	}
	if !m.Apply(SetField("link.a_to_b.delay_ms", "25")) {
		t.Fatal(m.Err)
	}
	frag := m.Fragment()
	sc, _, err := FromFragment(frag)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Link[scenario.A].DelayMS != 25 || string(scenario.Marshal(sc)) != string(scenario.Marshal(m.Scenario)) {
		t.Errorf("fragment %q does not give back the edited scenario", frag)
	}
}

func TestUndoRedo(t *testing.T) {
	m := handshake(t)
	d0 := m.Digest()
	m.Apply(SetField("link.a_to_b.delay_ms", "30"))
	d1 := m.Digest()
	m.Apply(SetField("connections[0].a.mss", "536"))
	d2 := m.Digest()
	if d0 == d1 || d1 == d2 {
		t.Fatal("edits did not change the run")
	}
	m.Undo()
	if m.Digest() != d1 || !m.CanRedo() {
		t.Errorf("after one undo: digest %s, want %s", m.Digest(), d1)
	}
	m.Undo()
	if m.Digest() != d0 || m.Preset != "handshake" || m.CanUndo() {
		t.Errorf("after two undos: digest %s preset %q, want the preset back", m.Digest(), m.Preset)
	}
	m.Redo()
	m.Redo()
	if m.Digest() != d2 || m.CanRedo() {
		t.Errorf("after two redos: digest %s, want %s", m.Digest(), d2)
	}
	m.Undo()
	m.Apply(SetField("link.b_to_a.loss", "5"))
	if m.CanRedo() {
		t.Error("a new edit after undo left the redo stack")
	}
}

func TestInvalidEditChangesNothingAndNamesTheField(t *testing.T) {
	m := handshake(t)
	d := m.Digest()
	for id, want := range map[string]string{
		"connections[0].a.mss": "connections[0].a.mss: 20 is out of range 64..65495",
		"link.a_to_b.loss":     "link.a_to_b.loss",
		"link.a_to_b.delay_ms": "link.a_to_b.delay_ms",
	} {
		val := "20"
		if id != "connections[0].a.mss" {
			val = "100000000"
		}
		if m.Apply(SetField(id, val)) {
			t.Errorf("SetField(%s, %s) accepted", id, val)
		}
		if !strings.Contains(m.Err, want) {
			t.Errorf("SetField(%s, %s): error %q, want it to contain %q", id, val, m.Err, want)
		}
	}
	if m.Digest() != d || m.CanUndo() {
		t.Error("a rejected edit changed the run or the undo stack")
	}
}

func TestEveryFieldRoundTrips(t *testing.T) {
	for _, f := range Fields {
		m := handshake(t)
		v := f.Get(m.Scenario)
		if !m.Apply(SetField(f.ID, v)) {
			t.Errorf("%s: setting its own value %q failed: %s", f.ID, v, m.Err)
		}
		if got := f.Get(m.Scenario); got != v {
			t.Errorf("%s: Get after Set(%q) = %q", f.ID, v, got)
		}
	}
}

func TestDropSegmentByClickRetransmits(t *testing.T) {
	m := handshake(t)
	// The first SYN A sends.
	syn := -1
	for i, e := range m.Trace.Events() {
		if e.Kind == trace.Sent && e.Side == trace.A {
			syn = i
			break
		}
	}
	conn, side, n, ok := SegmentNumber(m.Trace, syn)
	if !ok || conn != 0 || side != trace.A || n != 1 {
		t.Fatalf("SegmentNumber(SYN) = %d %v %d %v", conn, side, n, ok)
	}
	if !m.Apply(SegmentFault(conn, side, n, scenario.FaultDrop, 0)) {
		t.Fatal(m.Err)
	}
	sent, dropped := 0, 0
	for _, e := range m.Trace.Events() {
		if e.Kind == trace.Sent && e.Side == trace.A && m.Trace.Header(e).Flags == 2 {
			sent++
		}
		if e.Kind == trace.Dropped && trace.Drop(e.Code) == trace.DropScripted {
			dropped++
		}
	}
	if sent != 2 || dropped != 1 {
		t.Errorf("after dropping the SYN: %d SYNs sent, %d scripted drops; want 2 and 1", sent, dropped)
	}
	// Clicking the same segment again restores it.
	m.Apply(SegmentFault(conn, side, n, 0, 0))
	if len(m.Scenario.Faults) != 0 {
		t.Errorf("second toggle left faults %v", m.Scenario.Faults)
	}
}

// TestSegmentFaults: each fault the segment menu offers, put on the SYN,
// does what it says in the re-run (a scripted Delayed, Duplicated or
// Corrupted event about that segment, the corrupted copy dropped by
// the receiver's checksum); a new fault replaces the old one, and
// action 0 lets the segment through again.
func TestSegmentFaults(t *testing.T) {
	m := handshake(t)
	orig := m.Trace.Text()
	for _, c := range []struct {
		action scenario.FaultAction
		kind   trace.Kind
	}{
		{scenario.FaultDelay, trace.Delayed},
		{scenario.FaultDuplicate, trace.Duplicated},
		{scenario.FaultCorrupt, trace.Corrupted},
	} {
		if !m.Apply(SegmentFault(0, trace.A, 1, c.action, FaultDelayMS(m.Scenario, trace.A))) {
			t.Fatalf("%v: %v", c.action, m.Err)
		}
		if len(m.Scenario.Faults) != 1 || SegmentFaultOf(m.Scenario, 0, trace.A, 1) != c.action {
			t.Fatalf("%v: faults %+v, want just this one", c.action, m.Scenario.Faults)
		}
		found, checksum := false, false
		for _, e := range m.Trace.Events() {
			if e.Kind == c.kind && e.Side == trace.A {
				found = true
				if c.kind == trace.Delayed && e.Delay() != scenario.MS(FaultDelayMS(m.Scenario, trace.A)) {
					t.Errorf("delayed by %v, want %v ms", e.Delay(), FaultDelayMS(m.Scenario, trace.A))
				}
			}
			if e.Kind == trace.Dropped && trace.Drop(e.Code) == trace.DropBadChecksum {
				checksum = true
			}
		}
		if !found {
			t.Errorf("%v: no %v event in the re-run", c.action, c.kind)
		}
		if checksum != (c.action == scenario.FaultCorrupt) {
			t.Errorf("%v: dropped by the checksum: %v", c.action, checksum)
		}
	}
	m.Apply(SegmentFault(0, trace.A, 1, 0, 0))
	if len(m.Scenario.Faults) != 0 || m.Trace.Text() != orig {
		t.Errorf("letting the SYN through again left faults %+v or a different trace", m.Scenario.Faults)
	}
}

func TestWriteAndCloseNow(t *testing.T) {
	m := handshake(t)
	m.SetTime(60 * time.Millisecond)
	at := msAt(int64(m.Time))
	if !m.Apply(AddAction(0, scenario.Action{AtMS: at, Side: scenario.B, Kind: scenario.Write, Bytes: 3000})) {
		t.Fatal(m.Err)
	}
	if !m.Apply(AddAction(0, scenario.Action{AtMS: at, Side: scenario.A, Kind: scenario.Close})) {
		t.Fatal(m.Err)
	}
	var bBytes int
	var finA bool
	for _, e := range m.Trace.Events() {
		if e.Kind == trace.Sent {
			h := m.Trace.Header(e)
			if e.Side == trace.B {
				bBytes += int(h.PayloadLen)
			}
			finA = finA || (e.Side == trace.A && h.Flags&1 != 0)
		}
	}
	if bBytes != 3000 || !finA {
		t.Errorf("B sent %d bytes, A sent FIN %v; want 3000 and a FIN", bBytes, finA)
	}
	if m.Time != 60*time.Millisecond {
		t.Errorf("the cursor moved to %v on an edit; want it kept at 60ms", m.Time)
	}
	// Closing twice is something the validator refuses, with the path.
	if m.Apply(AddAction(0, scenario.Action{AtMS: at + 1, Side: scenario.A, Kind: scenario.Write, Bytes: 1})) {
		t.Error("a write after close was accepted")
	}
	if !strings.Contains(m.Err, "connections[0].timeline[") {
		t.Errorf("error %q does not name the timeline entry", m.Err)
	}
}

func TestStepping(t *testing.T) {
	m := handshake(t)
	m.Step(1)
	if m.Cursor != 1 || m.Time != m.Trace.Event(1).At {
		t.Errorf("Step(1): cursor %d time %v", m.Cursor, m.Time)
	}
	m.StepSegment(1)
	if m.Trace.Event(m.Cursor).Kind != trace.Sent {
		t.Errorf("StepSegment landed on %v", m.Trace.Event(m.Cursor).Kind)
	}
	seg := m.Cursor
	m.StepSegment(1)
	m.StepSegment(-1)
	if m.Cursor != seg {
		t.Errorf("StepSegment forward then back: %d, want %d", m.Cursor, seg)
	}
	m.End()
	if m.Cursor != m.Trace.Len()-1 {
		t.Errorf("End: %d", m.Cursor)
	}
	m.Step(5)
	if m.Cursor != m.Trace.Len()-1 {
		t.Error("stepped past the end")
	}
	m.Home()
	if m.Cursor != 0 {
		t.Errorf("Home: %d", m.Cursor)
	}
	m.SetTime(m.Trace.Event(7).At)
	if e := m.Trace.Event(m.Cursor); e.At != m.Trace.Event(7).At || (m.Cursor+1 < m.Trace.Len() && m.Trace.Event(m.Cursor+1).At == e.At) {
		t.Errorf("SetTime(event 7's time) put the cursor at %d, want the last event of that instant", m.Cursor)
	}
}

func TestPlaybackReachesTheEndAndStops(t *testing.T) {
	m := handshake(t)
	m.Play()
	frames := 0
	for m.Playing && frames < 100000 {
		m.Tick(16 * time.Millisecond)
		frames++
	}
	if m.Playing || m.Cursor != m.Trace.Len()-1 {
		t.Fatalf("after %d frames: playing %v cursor %d of %d", frames, m.Playing, m.Cursor, m.Trace.Len())
	}
	// No gap between two events takes more than maxGap of real time.
	limit := int(m.Trace.Len()) * int(maxGap/(16*time.Millisecond)+2)
	if frames > limit {
		t.Errorf("playback took %d frames, more than %d", frames, limit)
	}
	m.Play()
	if m.Cursor != 0 {
		t.Error("Play at the end did not start again")
	}
}

func TestSliderDragIsOneUndoStep(t *testing.T) {
	m := handshake(t)
	d0 := m.Digest()
	for _, v := range []string{"11", "12", "13", "14"} {
		m.ApplyGroup("link.a_to_b.delay_ms", SetField("link.a_to_b.delay_ms", v))
	}
	m.EndGroup()
	m.ApplyGroup("link.a_to_b.delay_ms", SetField("link.a_to_b.delay_ms", "20"))
	m.Undo()
	if got := m.Scenario.Link[0].DelayMS; got != 14 {
		t.Errorf("undo after a second drag: delay %v, want 14 (the end of the first drag)", got)
	}
	m.Undo()
	if m.Digest() != d0 || m.CanUndo() {
		t.Errorf("the first drag took more than one undo step")
	}
}

func TestMarksShowTheDropAndTheRetransmission(t *testing.T) {
	m := handshake(t)
	if len(m.Marks()) != 0 {
		t.Errorf("a clean handshake has marks %v", m.Marks())
	}
	m.Apply(SegmentFault(0, trace.A, 1, scenario.FaultDrop, 0))
	var kinds []MarkKind
	for _, k := range m.Marks() {
		kinds = append(kinds, k.Kind)
	}
	if len(kinds) != 2 || kinds[0] != MarkDrop || kinds[1] != MarkRetx {
		t.Errorf("marks after dropping the SYN = %v, want a drop then a retransmission", m.Marks())
	}
}

func TestNarrationAfterScrubExplainsWhatHappened(t *testing.T) {
	m := handshake(t)
	// The instant B receives the SYN ends with a snapshot of B's
	// variables; after a scrub the narration tells of the SYN.
	var at time.Duration
	for _, e := range m.Trace.Events() {
		if e.Kind == trace.Received {
			at = e.At
			break
		}
	}
	m.SetTime(at)
	if k := m.Trace.Event(m.Cursor).Kind; k != trace.Space && k != trace.TimerSet {
		t.Logf("the instant ends with a %v event", k)
	}
	scrubbed := m.Narration()
	m.Step(0)
	stepped := m.Narration()
	if k := m.Trace.Event(m.mainEvent(m.Cursor)).Kind; k == trace.Space || k == trace.TimerSet {
		t.Errorf("mainEvent picked a %v", k)
	}
	if m.Trace.Event(m.Cursor).Kind == trace.Space && scrubbed == stepped {
		t.Errorf("after a scrub the narration is the snapshot's: %q", scrubbed)
	}
}

func TestEveryFieldAndActionIsTranslated(t *testing.T) {
	for _, f := range Fields {
		if !i18n.Has(f.Label) {
			t.Errorf("field %s: label %q has no interface string", f.ID, f.Label)
		}
	}
	for k := scenario.Listen; k <= scenario.Abort; k++ {
		if !i18n.Has("act." + k.String()) {
			t.Errorf("action %v has no interface string", k)
		}
	}
}

// FuzzFromFragment: any URL fragment gives a scenario or an error, never
// a panic (the page runs whatever a link says).
func FuzzFromFragment(f *testing.F) {
	f.Add("#p=handshake")
	f.Add("#s=" + share.Encode(presets.All()[0].Scenario()))
	f.Add("#s=")
	f.Add("#x")
	f.Fuzz(func(t *testing.T, frag string) {
		sc, _, err := FromFragment(frag)
		if (sc == nil) == (err == nil) {
			t.Fatalf("FromFragment(%q) = %v, %v: want exactly one of a scenario and an error", frag, sc, err)
		}
	})
}

func TestFieldsOfTheSecondConnection(t *testing.T) {
	sc, _, err := FromFragment("#p=two-flows")
	if err != nil {
		t.Fatal(err)
	}
	m := New(sc, "two-flows")
	if !m.Apply(SetField("connections[1].b.rcvbuf", "20000")) {
		t.Fatal(m.Err)
	}
	if got := *m.Scenario.Connections[1].Endpoints[1].Options.RecvBuffer; got != 20000 {
		t.Errorf("connection 1's B rcvbuf = %d", got)
	}
	if m.Scenario.Connections[0].Endpoints[1].Options.RecvBuffer != nil && *m.Scenario.Connections[0].Endpoints[1].Options.RecvBuffer == 20000 {
		t.Error("the edit reached connection 0")
	}
	for _, id := range []string{"connections[5].a.mss", "connections[x].a.mss", "connections[-1].a.mss", "connections[99].a.mss"} {
		if m.Apply(SetField(id, "1000")) || !strings.Contains(m.Err, "no such field") {
			t.Errorf("SetField(%s): accepted or error %q", id, m.Err)
		}
	}
}

// TestEveryFieldEditsTheScenario sets every field to another valid value:
// the field shows it, the URL fragment carries it, and undo takes it back.
func TestEveryFieldEditsTheScenario(t *testing.T) {
	for _, f := range Fields {
		m := handshake(t)
		old := f.Get(m.Scenario)
		var tries []string
		switch f.Kind {
		case Toggle:
			tries = []string{strconv.FormatBool(old != "true")}
		case Choice:
			for _, c := range f.Choices {
				if c != old {
					tries = append(tries, c)
				}
			}
		case Number:
			// The middle of the slider, or near the bottom of the range
			// when a related field bounds it (min_rto_ms ≤ initial_rto_ms).
			mid := math.Round((f.Min+f.SliderMax)/2/f.Step) * f.Step
			tries = []string{fmtNum(mid), fmtNum(f.Min + f.Step), fmtNum(f.Min)}
		}
		var v string
		for _, try := range tries {
			if try != old && m.Apply(SetField(f.ID, try)) {
				v = try
				break
			}
		}
		if v == "" {
			t.Errorf("%s: no value of %v other than %q was accepted: %s", f.ID, tries, old, m.Err)
			continue
		}
		if got := f.Get(m.Scenario); got != v {
			t.Errorf("%s: Get after Set(%q) = %q", f.ID, v, got)
		}
		sc, _, err := FromFragment(m.Fragment())
		if err != nil {
			t.Fatalf("%s: fragment after the edit: %v", f.ID, err)
		}
		if got := f.Get(sc); got != v {
			t.Errorf("%s: the fragment gives back %q, want %q", f.ID, got, v)
		}
		m.Undo()
		if got := f.Get(m.Scenario); got != old || m.Preset != "handshake" {
			t.Errorf("%s: after undo %q (preset %q), want %q", f.ID, got, m.Preset, old)
		}
	}
}

// TestNumberFieldsOutOfRangeNameTheirPath: a number past the field's Max
// (or below its Min) is refused by the validator, which names the field.
func TestNumberFieldsOutOfRangeNameTheirPath(t *testing.T) {
	for _, f := range Fields {
		if f.Kind != Number {
			continue
		}
		for _, v := range []float64{f.Max*2 + 1, f.Min - 1} {
			m := handshake(t)
			if m.Apply(SetField(f.ID, fmtNum(v))) {
				t.Errorf("%s = %v accepted, want the validator to refuse it (range %v..%v)", f.ID, v, f.Min, f.Max)
				continue
			}
			if !strings.HasPrefix(m.Err, f.ID+":") {
				t.Errorf("%s = %v: error %q does not name the field", f.ID, v, m.Err)
			}
		}
	}
}

// TestBurstLossFromPAloneLoses: setting p alone on a clean link fills in
// what tc does, so the edit loses packets rather than nothing.
func TestBurstLossFromPAloneLoses(t *testing.T) {
	m := handshake(t)
	if !m.Apply(SetField("link.a_to_b.burst_loss.p", "50")) {
		t.Fatal(m.Err)
	}
	if bl := m.Scenario.Link[0].BurstLoss; bl != (scenario.BurstLoss{P: 50, R: 50, OneMinusH: 100}) {
		t.Errorf("burst loss after p = 50: %+v", bl)
	}
	if !m.Apply(SetField("link.a_to_b.burst_loss.p", "0")) || m.Scenario.Link[0].BurstLoss.R != 50 {
		t.Errorf("p back to 0: %+v (r should stay)", m.Scenario.Link[0].BurstLoss)
	}
}

// TestOutageEdits: outages are added in time order whatever order they
// come in, edited and deleted by index in either direction; the run drops
// what is sent in one; an overlap, an end before the start and a missing
// index are refused with the path named.
func TestOutageEdits(t *testing.T) {
	m := handshake(t)
	if !m.Apply(AddOutage(scenario.A, scenario.Outage{FromMS: 0.5, ToMS: 1000.5})) {
		t.Fatal(m.Err)
	}
	drops := 0
	for _, e := range m.Trace.Events() {
		if e.Kind == trace.Dropped && trace.Drop(e.Code) == trace.DropOutage {
			drops++
		}
	}
	if drops == 0 {
		t.Error("no segment dropped by the outage")
	}
	for _, o := range []scenario.Outage{{FromMS: 3000, ToMS: 3500}, {FromMS: 2000, ToMS: 2500}} {
		if !m.Apply(AddOutage(scenario.A, o)) {
			t.Fatal(m.Err)
		}
	}
	want := []scenario.Outage{{FromMS: 0.5, ToMS: 1000.5}, {FromMS: 2000, ToMS: 2500}, {FromMS: 3000, ToMS: 3500}}
	if got := m.Scenario.Link[scenario.A].Outages; !slices.Equal(got, want) {
		t.Errorf("outages after three adds = %v, want %v", got, want)
	}
	// Moving the last one before the second puts it second.
	if !m.Apply(SetOutage(scenario.A, 2, scenario.Outage{FromMS: 1500, ToMS: 1800})) {
		t.Fatal(m.Err)
	}
	want = []scenario.Outage{{FromMS: 0.5, ToMS: 1000.5}, {FromMS: 1500, ToMS: 1800}, {FromMS: 2000, ToMS: 2500}}
	if got := m.Scenario.Link[scenario.A].Outages; !slices.Equal(got, want) {
		t.Errorf("outages after moving one = %v, want %v", got, want)
	}
	refused := []struct {
		edit Edit
		err  string
	}{
		{SetOutage(scenario.A, 1, scenario.Outage{FromMS: 900, ToMS: 1800}), "link.a_to_b.outages[1].from_ms: 900 is before the end of the previous outage"},
		{SetOutage(scenario.A, 0, scenario.Outage{FromMS: 500, ToMS: 200}), "link.a_to_b.outages[0].to_ms: 200 is not after from_ms 500"},
		{DeleteOutage(scenario.A, 3), "link.a_to_b.outages: no such entry"},
		{DeleteOutage(scenario.B, 0), "link.b_to_a.outages: no such entry"},
		{AddOutage(2, scenario.Outage{ToMS: 1}), "link: no such entry"},
	}
	for _, r := range refused {
		if m.Apply(r.edit) || !strings.HasPrefix(m.Err, r.err) {
			t.Errorf("error %q, want it to begin %q", m.Err, r.err)
		}
	}
	if !m.Apply(DeleteOutage(scenario.A, 0)) || len(m.Scenario.Link[scenario.A].Outages) != 2 {
		t.Errorf("after a delete: %v (%s)", m.Scenario.Link[scenario.A].Outages, m.Err)
	}
	if !m.Apply(AddOutage(scenario.B, scenario.Outage{FromMS: 10, ToMS: 20})) || len(m.Scenario.Link[scenario.B].Outages) != 1 {
		t.Errorf("B→A outages: %v (%s)", m.Scenario.Link[scenario.B].Outages, m.Err)
	}
	if got := OutagePath(scenario.B, 3); got != "link.b_to_a.outages[3]" {
		t.Errorf("OutagePath = %q", got)
	}
}

// TestEscapedFragment: a fragment whose '=' a tool escaped (%3D, %3d)
// opens the same scenario as the plain one.
func TestEscapedFragment(t *testing.T) {
	pr, _ := presets.Lookup("lost-syn")
	sc := pr.Scenario()
	sc.Link[0].DelayMS = 33
	for _, frag := range []string{"#s%3D" + share.Encode(sc), "s%3d" + share.Encode(sc), "#p%3Dlost-syn"} {
		got, _, err := FromFragment(frag)
		if err != nil {
			t.Fatalf("FromFragment(%.20s…): %v", frag, err)
		}
		want := sc
		if strings.Contains(frag, "lost-syn") {
			want = pr.Scenario()
		}
		if string(scenario.Marshal(got)) != string(scenario.Marshal(want)) {
			t.Errorf("FromFragment(%.20s…) opened another scenario", frag)
		}
	}
}
