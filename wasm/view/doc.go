// Package view lays a simulated run out for drawing: pure Go, no DOM, so
// every view is tested natively. A Run (NewRun) is a scenario simulated
// once and indexed; each view is a function of the Run, a cursor (an
// index into the trace's events: what has happened so far) and a Viewport
// (the size in CSS pixels and the span of time shown), returning a
// display.List that package canvas paints in the page and display.SVG
// exports for slides.
//
// The views: Ladder (the sequence diagram of every segment), States (the
// RFC 9293 state diagram, drawn from tcp.Transitions), Buffers (both
// directions' sequence spaces at the cursor), and the graphs over time
// with the cursor marked: Window (cwnd, ssthresh, the peer's window, bytes
// in flight, and a band saying what limits the sender), RTT (samples,
// SRTT, RTO), Queue (the bottleneck queue) and TimeSeq (the Stevens /
// tcptrace time-sequence graph with retransmissions, SACK blocks and
// drops). Each has an …Into form that draws into a List the caller
// keeps, reusing its memory from frame to frame.
//
// Graphs are decimated to at most a few points per pixel column (the
// first, lowest, highest and last sample of each), so a long run draws
// in time proportional to the width, not to the samples.
//
// Only what a viewport shows is laid out: segments and events are found by
// binary search on time, and dense stretches are thinned to what the
// pixels can show, so a redraw of a 100 000-segment run costs about the
// same as a short one (see the benchmarks).
package view
