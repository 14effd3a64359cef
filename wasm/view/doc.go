// Package view lays a simulated run out for drawing: pure Go, no DOM, so
// every view is tested natively. A Run (NewRun) is a scenario simulated
// once and indexed; each view is a function of the Run, a cursor (an
// index into the trace's events: what has happened so far) and a Viewport
// (the size in CSS pixels and the span of time shown), returning a
// display.List that package canvas paints in the page and display.SVG
// exports for slides.
//
// The views: Ladder (the sequence diagram of every segment), States (the
// RFC 9293 state diagram, drawn from tcp.Transitions).
//
// Only what a viewport shows is laid out: segments and events are found by
// binary search on time, and dense stretches are thinned to what the
// pixels can show, so a redraw of a 100 000-segment run costs about the
// same as a short one (see the benchmarks).
package view
