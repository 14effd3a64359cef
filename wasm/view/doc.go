// Package view lays a simulated run out for drawing: pure Go, no DOM, so
// every view is tested natively. A Run (NewRun) is a scenario simulated
// once and indexed; each view is a function of the Run, a cursor and a
// Viewport, returning a display.List that package canvas paints in the
// page and display.SVG exports for slides.
//
// # Cursor and viewport
//
// The cursor is an index into the trace's events: what has happened so
// far (-1: nothing yet). Events after it are dimmed, or hidden with
// FutureHide, so playback fills the picture in; a segment in flight at
// the cursor is drawn up to where the packet is. The Viewport is the size
// in CSS pixels, the span of simulated time shown (Run.Whole, Run.Active
// for a first view), the language of the views' few words and the base
// font size (larger in presentation mode).
//
// # The views
//
//   - Ladder: the sequence diagram. A and B as time lines (time
//     downwards), one lane per connection; each segment an arrow sloped
//     by its transit time, coloured by why it was sent, labelled with its
//     header fields as Wireshark's Info column shows them, its Wireshark
//     label at the run's vantage and its send reason; drops where they
//     happened with their cause; state changes, application actions and
//     expired timers on the time lines; the timers pending at the cursor.
//   - States: the RFC 9293 state diagram, its edges read from
//     tcp.Transitions, both endpoints' states and last transitions.
//   - Buffers: each direction's send and receive sequence spaces at the
//     cursor on one axis.
//   - Window, RTT, Queue, TimeSeq: graphs over time with the cursor
//     marked: cwnd, ssthresh, the peer's window and bytes in flight with
//     a band saying what limits the sender (analysis.Limits); RTT samples,
//     SRTT and RTO; the bottleneck queue; the Stevens / tcptrace
//     time-sequence graph with retransmissions, SACK blocks and drops.
//
// Each has an …Into form drawing into a List the caller keeps, reusing its
// memory from frame to frame. Hit refs (display.List.Hit) are trace event
// indexes: a segment's Sent event, a drop's Dropped event, a timer's
// TimerSet event, a state change's State event.
//
// # Cost
//
// Only what a viewport shows is laid out: segments and events are found by
// binary search on time. Graph lines are extracted from the trace once per
// Run into tracks whose blocks of 4, 16, 64, … samples are summarised
// (first, last, lowest, highest), so a frame steps over every block inside
// one pixel column and draws at most two points per column; a ladder with
// more segments than pixel rows draws one arrow per row, direction and
// colour. A redraw costs about the pixels, not the length of the run (see
// BenchmarkBulk, a 100 000-segment run, and BenchmarkPresets).
package view
