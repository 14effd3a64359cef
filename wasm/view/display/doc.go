// Package display is the drawing vocabulary of the page's views: a flat
// list of primitives (lines, polylines, rectangles, circles, arrows,
// crosses, text) in logical units (CSS pixels), each with a semantic Role
// instead of a colour, an optional hit-test reference, and nothing else.
//
// The view layer (package view) lays a trace out into a List; the canvas
// painter (package canvas, js only) and SVG here turn a List into pixels or
// a standalone SVG document. A Theme maps every Role to a colour in one
// table, so light, dark and high-contrast (projector) renderings of the
// same List differ only by the Theme they are given.
//
// A List is plain data: it can be compared in tests (String gives a stable
// text form for golden files), hit-tested (Hit) and reused between frames
// (Reset keeps the capacity, so a 60 fps redraw allocates nothing once
// warm).
package display
