package model

import (
	"slices"
	"strconv"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
)

// An Edit turns a scenario into the next one. It works on a clone (the
// model keeps the original for undo) and may fail; the model then checks
// the result with the validator, which has the last word.
type Edit func(sc *scenario.Scenario) error

// SegmentNumber is the selector a scripted fault uses for the segment
// event i of tr refers to: its connection, its sending side and which
// segment that side sent it as (1-based, retransmissions and pure ACKs
// counted, as scenario.Fault.Segment counts them). ok is false for an
// event that is not about a segment.
func SegmentNumber(tr *trace.Trace, i int) (conn int, side trace.Side, n int, ok bool) {
	e := tr.Event(i)
	switch e.Kind {
	case trace.Sent, trace.Received, trace.Enqueued, trace.Dropped, trace.Corrupted, trace.Duplicated, trace.Delayed:
	default:
		return 0, 0, 0, false
	}
	conn, side = int(e.Conn), e.Sender()
	// Headers are numbered in the order they were sent, so the segment is
	// the Sent event with this Ref; count that side's Sent events up to it.
	for j := 0; j < tr.Len(); j++ {
		s := tr.Event(j)
		if s.Kind != trace.Sent || int(s.Conn) != conn || s.Side != side {
			continue
		}
		n++
		if s.Ref == e.Ref {
			return conn, side, n, true
		}
	}
	return 0, 0, 0, false
}

// AddAction inserts an application action into connection conn's
// timeline, after every entry at or before its time (the timeline is in
// time order, and an action at the same instant comes after those already
// there).
func AddAction(conn int, a scenario.Action) Edit {
	return func(sc *scenario.Scenario) error {
		if conn >= len(sc.Connections) {
			return &scenario.Error{Path: "connections", Kind: scenario.ErrNoConn, Args: []string{strconv.Itoa(conn)}}
		}
		tl := sc.Connections[conn].Timeline
		i := len(tl)
		for i > 0 && tl[i-1].AtMS > a.AtMS {
			i--
		}
		sc.Connections[conn].Timeline = slices.Insert(tl, i, a)
		return nil
	}
}

// DeleteAction removes entry i of connection conn's timeline.
func DeleteAction(conn, i int) Edit {
	return func(sc *scenario.Scenario) error {
		if conn >= len(sc.Connections) || i < 0 || i >= len(sc.Connections[conn].Timeline) {
			return &scenario.Error{Path: "connections[" + strconv.Itoa(conn) + "].timeline", Kind: scenario.ErrNoEntry}
		}
		sc.Connections[conn].Timeline = slices.Delete(sc.Connections[conn].Timeline, i, i+1)
		return nil
	}
}

// SetAction replaces entry i of connection conn's timeline: the time
// moves the entry to its place in time order.
func SetAction(conn, i int, a scenario.Action) Edit {
	return func(sc *scenario.Scenario) error {
		if err := DeleteAction(conn, i)(sc); err != nil {
			return err
		}
		return AddAction(conn, a)(sc)
	}
}

// SetField sets the editor field with this ID to value.
func SetField(id, value string) Edit {
	return func(sc *scenario.Scenario) error {
		f, ok := FieldByID(id)
		if !ok || connOf(id) >= len(sc.Connections) {
			return &scenario.Error{Path: id, Kind: scenario.ErrNoField}
		}
		return f.Set(sc, value)
	}
}

// Scenario's milliseconds as the timeline writes them: a cursor time
// rounded to the microsecond, so a "write now" lands at a readable time.
func msAt(at int64) float64 {
	return float64(at/1000) / 1000
}
