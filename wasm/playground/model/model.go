package model

import (
	"time"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/playground/internal/digest"
	"tcpplayground/wasm/view"
)

// Speeds are the playback speeds the page offers, as virtual time per
// real time: from slow motion (a 10 ms link delay takes 10 s to cross)
// to real time.
var Speeds = []float64{1.0 / 1000, 1.0 / 300, 1.0 / 100, 1.0 / 30, 1.0 / 10, 1.0 / 3, 1}

// SpeedNames label Speeds.
var SpeedNames = []string{"1/1000×", "1/300×", "1/100×", "1/30×", "1/10×", "1/3×", "1×"}

// DefaultSpeed is the index into Speeds playback starts with: a 10 ms
// hop takes a second, slow enough to follow one segment.
const DefaultSpeed = 2

// maxUndo bounds the undo stack (each entry is a small scenario).
const maxUndo = 200

// Model is the page's state. The zero Model is not usable: use New.
type Model struct {
	// Scenario is the scenario that was run; Preset names the preset it
	// is, unedited ("" once edited or when it came from elsewhere).
	Scenario *scenario.Scenario
	Preset   string
	// Run is Scenario simulated and indexed for the views; Trace is its
	// trace. Run.Err is the simulator's error if a hard limit stopped it
	// (the trace so far is still shown).
	Run   *view.Run
	Trace *trace.Trace
	// hash is the SHA-256 of Trace.Text() being computed, a slice of
	// events at a time (HashSome), off the path from an edit to its
	// redraw; hashed counts the events written to it, digest is its sum
	// once all are.
	hash   *digest.Hash
	hashed int
	digest string
	line   []byte
	// Err is the message the page shows in its error box: a bad
	// fragment, an invalid edit, a file that would not load. "" when all
	// is well.
	Err string
	// Cause is the error behind Err when there is one (FailErr), so the
	// page can word a *scenario.Error in its own language; nil after Fail.
	Cause error

	// Cursor is the current event index; Time the virtual time shown,
	// which playback moves smoothly between events.
	Cursor  int
	Time    time.Duration
	Playing bool
	Speed   int // index into Speeds

	Lang narrate.Lang
	// stepped says the cursor was last moved one event at a time (or to
	// a chosen event), not by time.
	stepped bool

	undo, redo []entry
	// group is the edit group of the last edit (a slider being dragged):
	// further edits of the same group replace it instead of stacking up.
	group string

	// RunSeq counts runs (the views lay the trace out again), ViewSeq
	// cursor changes (the views redraw), UISeq everything else
	// the page shows (errors, editor values, language, undo state).
	RunSeq, ViewSeq, UISeq uint64
}

// entry is a scenario on the undo or redo stack, with the preset it is.
type entry struct {
	sc     *scenario.Scenario
	preset string
}

// New returns a model running sc.
func New(sc *scenario.Scenario, preset string) *Model {
	m := &Model{Speed: DefaultSpeed}
	m.load(sc, preset)
	return m
}

// load runs sc and makes it current, resetting the cursor.
func (m *Model) load(sc *scenario.Scenario, preset string) error {
	r, err := view.NewRun(sc)
	if err != nil {
		return err
	}
	tr := r.Trace
	m.Scenario, m.Preset, m.Run, m.Trace = sc, preset, r, tr
	if m.hash == nil {
		m.hash = digest.New()
	}
	m.hash.Reset()
	m.hashed, m.digest = 0, ""
	m.Cursor, m.Time, m.Playing = 0, 0, false
	if tr.Len() > 0 {
		m.Time = tr.Event(0).At
	}
	m.RunSeq++
	m.ViewSeq++
	m.UISeq++
	return nil
}

// HashSome hashes up to n more events' lines of the trace's text and
// reports whether the digest is complete.
func (m *Model) HashSome(n int) bool {
	if m.digest != "" {
		return true
	}
	tr := m.Trace
	for end := min(m.hashed+n, tr.Len()); m.hashed < end; m.hashed++ {
		m.line = append(tr.AppendEvent(m.line[:0], m.hashed), '\n')
		m.hash.Write(m.line)
	}
	if m.hashed < tr.Len() {
		return false
	}
	m.digest = m.hash.Sum()
	return true
}

// Digest is the lowercase hex SHA-256 of Trace.Text(), the page's
// determinism hook (data-trace-sha256): the same as sha256.Sum256 of
// the native sim.Run's trace text. It finishes the hashing HashSome
// does in idle time.
func (m *Model) Digest() string {
	for !m.HashSome(1 << 12) {
	}
	return m.digest
}

// Open replaces the scenario (a preset chosen, a fragment followed, a file
// loaded). It is an edit too, so undo goes back to the previous one.
func (m *Model) Open(sc *scenario.Scenario, preset string) {
	prev := entry{m.Scenario, m.Preset}
	if err := m.load(sc, preset); err != nil {
		m.FailErr(err)
		return
	}
	m.Err = ""
	m.group = ""
	m.pushUndo(prev)
}

// Fail shows msg in the error box and changes nothing else.
func (m *Model) Fail(msg string) {
	m.Err, m.Cause = msg, nil
	m.UISeq++
}

// FailErr is Fail for an error, which it keeps as Cause.
func (m *Model) FailErr(err error) {
	m.Err, m.Cause = err.Error(), err
	m.UISeq++
}

// ClearError hides the error box.
func (m *Model) ClearError() {
	if m.Err != "" {
		m.Err = ""
		m.UISeq++
	}
}

func (m *Model) pushUndo(prev entry) {
	if prev.sc == nil {
		return
	}
	m.undo = append(m.undo, prev)
	if len(m.undo) > maxUndo {
		m.undo = m.undo[1:]
	}
	m.redo = m.redo[:0]
}

// Apply applies an edit to a clone of the scenario, validates and runs
// the result, and makes it current; the cursor stays at the same time so
// the lecturer keeps their place. An edit the validator rejects changes
// nothing and its message (naming the field and the limit) goes to Err.
func (m *Model) Apply(e Edit) bool { return m.ApplyGroup("", e) }

// ApplyGroup is Apply for one step of a continuous gesture, such as a
// slider being dragged: consecutive edits of the same non-empty group make
// one undo step. EndGroup ends the gesture.
func (m *Model) ApplyGroup(group string, e Edit) bool {
	next := m.Scenario.Clone()
	if err := e(next); err != nil {
		m.FailErr(err)
		return false
	}
	if err := next.Validate(); err != nil {
		m.FailErr(err)
		return false
	}
	at := m.Time
	prev := entry{m.Scenario, m.Preset}
	if err := m.load(next, ""); err != nil {
		m.FailErr(err)
		return false
	}
	m.Err = ""
	if group == "" || group != m.group {
		m.pushUndo(prev)
	}
	m.group = group
	m.SetTime(at)
	return true
}

// EndGroup ends a gesture: the next edit is a new undo step.
func (m *Model) EndGroup() { m.group = "" }

// CanUndo and CanRedo say whether Undo and Redo would do something.
func (m *Model) CanUndo() bool { return len(m.undo) > 0 }
func (m *Model) CanRedo() bool { return len(m.redo) > 0 }

// Undo goes back to the scenario before the last edit.
func (m *Model) Undo() { m.swap(&m.undo, &m.redo) }

// Redo re-applies the last undone edit.
func (m *Model) Redo() { m.swap(&m.redo, &m.undo) }

func (m *Model) swap(from, to *[]entry) {
	if len(*from) == 0 {
		return
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	at, cur := m.Time, entry{m.Scenario, m.Preset}
	if err := m.load(e.sc, e.preset); err != nil {
		m.FailErr(err)
		return
	}
	*to = append(*to, cur)
	m.group = ""
	m.Err = ""
	m.SetTime(at)
}

// SetLang changes the narration and interface language.
func (m *Model) SetLang(l narrate.Lang) {
	if m.Lang != l {
		m.Lang = l
		m.UISeq++
		m.ViewSeq++
	}
}

// Narration is the current event explained in the current language.
// Stepping explains every event, bookkeeping included (a lecturer stepping
// through wants each read out); while playing or after a scrub, when the
// cursor lands on the last event of an instant, it explains what
// happened there rather than the variables snapshot that closes it.
func (m *Model) Narration() string {
	if m.Trace.Len() == 0 {
		return ""
	}
	i := m.Cursor
	if !m.stepped {
		i = m.mainEvent(i)
	}
	return narrate.Event(m.Trace, i, m.Lang)
}

// mainEvent is the last event at or before i, and at its time, that is not
// bookkeeping (sequence-space snapshots, timers set or cancelled, RTT
// samples, congestion-control updates); i if there is none.
func (m *Model) mainEvent(i int) int {
	at := m.Trace.Event(i).At
	for j := i; j >= 0 && j > i-64; j-- {
		e := m.Trace.Event(j)
		if e.At != at {
			break
		}
		switch e.Kind {
		case trace.Space, trace.TimerSet, trace.TimerCancelled, trace.RTT, trace.Congestion:
			continue
		}
		return j
	}
	return i
}
