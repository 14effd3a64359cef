package model

import (
	"time"

	"tcpplayground/tcpcore/trace"
)

// setCursor moves the cursor to event i (clamped) and the time to it.
func (m *Model) setCursor(i int) {
	n := m.Trace.Len()
	if n == 0 {
		return
	}
	i = min(max(i, 0), n-1)
	at := m.Trace.Event(i).At
	if i != m.Cursor || at != m.Time {
		m.Cursor, m.Time = i, at
		m.ViewSeq++
	}
}

// Step moves the cursor by n events (negative: back) and pauses.
func (m *Model) Step(n int) {
	m.Pause()
	m.stepped = true
	m.setCursor(m.Cursor + n)
}

// StepSegment moves to the next (dir > 0) or previous segment sent by
// either side, and pauses; it stays put if there is none.
func (m *Model) StepSegment(dir int) {
	m.Pause()
	m.stepped = true
	for i := m.Cursor + dir; i >= 0 && i < m.Trace.Len(); i += dir {
		if m.Trace.Event(i).Kind == trace.Sent {
			m.setCursor(i)
			return
		}
	}
}

// Home and End move to the first and the last event.
func (m *Model) Home() { m.Step(-m.Trace.Len()) }
func (m *Model) End()  { m.Step(m.Trace.Len()) }

// SetTime moves to virtual time at: the cursor goes to the last event at
// or before it (the first event if at is before everything).
func (m *Model) SetTime(at time.Duration) {
	n := m.Trace.Len()
	if n == 0 {
		return
	}
	end := m.Trace.Event(n - 1).At
	at = min(max(at, m.Trace.Event(0).At), end)
	m.stepped = false
	i := max(m.Trace.Search(at+1)-1, 0)
	// The views are functions of the cursor (an event index): only a new
	// cursor redraws them; the time alone moves the clock and the
	// scrubber (the page compares Time with what it last showed).
	if i != m.Cursor {
		m.Cursor = i
		m.ViewSeq++
	}
	m.Time = at
}

// A Place is where the cursor is, to come back to (Model.Return) after
// visiting other events.
type Place struct {
	cursor  int
	time    time.Duration
	stepped bool
}

// Here is the cursor's place.
func (m *Model) Here() Place { return Place{m.Cursor, m.Time, m.stepped} }

// Return moves the cursor back to pl and counts a view change, so the
// page redraws what it shows there.
func (m *Model) Return(pl Place) {
	m.Cursor, m.Time, m.stepped = pl.cursor, pl.time, pl.stepped
	m.ViewSeq++
}

// Duration is the virtual time of the last event.
func (m *Model) Duration() time.Duration {
	if m.Trace.Len() == 0 {
		return 0
	}
	return m.Trace.Event(m.Trace.Len() - 1).At
}

// Play starts playback; from the end it starts again at the beginning.
func (m *Model) Play() {
	if m.Playing || m.Trace.Len() == 0 {
		return
	}
	if m.Cursor >= m.Trace.Len()-1 {
		m.setCursor(0)
	}
	m.Playing = true
	m.UISeq++
}

// Pause stops playback.
func (m *Model) Pause() {
	if m.Playing {
		m.Playing = false
		m.UISeq++
	}
}

// TogglePlay plays or pauses.
func (m *Model) TogglePlay() {
	if m.Playing {
		m.Pause()
	} else {
		m.Play()
	}
}

// SetSpeed picks Speeds[i].
func (m *Model) SetSpeed(i int) {
	i = min(max(i, 0), len(Speeds)-1)
	if i != m.Speed {
		m.Speed = i
		m.UISeq++
	}
}

// maxGap is the longest real time playback spends between two events.
const maxGap = 2 * time.Second

// Tick advances playback by real elapsed time dt (the animation frame's);
// at the end it pauses. It reports whether the view changed.
func (m *Model) Tick(dt time.Duration) bool {
	if !m.Playing {
		return false
	}
	// A frame longer than a quarter second (a background tab) does not
	// jump the lecture forward.
	dt = min(dt, 250*time.Millisecond)
	before, was := m.ViewSeq, m.Time
	rate := Speeds[m.Speed]
	// A long quiet stretch (a retransmission timeout, TIME-WAIT's 2MSL)
	// plays in at most maxGap of real time, so slow motion never leaves a
	// lecture hall staring at nothing for minutes.
	if m.Cursor+1 < m.Trace.Len() {
		gap := m.Trace.Event(m.Cursor+1).At - m.Trace.Event(m.Cursor).At
		rate = max(rate, float64(gap)/float64(maxGap))
	}
	next := m.Time + time.Duration(float64(dt)*rate)
	if next >= m.Duration() {
		m.SetTime(m.Duration())
		m.setCursor(m.Trace.Len() - 1)
		m.Pause()
	} else {
		m.SetTime(next)
	}
	return m.ViewSeq != before || m.Time != was
}

// Goto moves the cursor to event i and pauses (a click in the event list
// or on the ladder).
func (m *Model) Goto(i int) {
	m.Pause()
	m.stepped = true
	m.setCursor(i)
}

// SegmentAt returns the event whose segment the inspector shows for the
// cursor: the cursor's own event if it is about a segment, else the last
// segment sent before it; -1 if none was sent yet.
func (m *Model) SegmentAt() int {
	for i := min(m.Cursor, m.Trace.Len()-1); i >= 0; i-- {
		switch m.Trace.Event(i).Kind {
		case trace.Sent, trace.Received, trace.Enqueued, trace.Dropped, trace.Corrupted, trace.Duplicated, trace.Delayed:
			return i
		}
	}
	return -1
}
