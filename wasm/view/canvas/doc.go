// Package canvas paints a display.List on an HTML canvas (Painter, in the
// js build, on dom/v2's CanvasRenderingContext2D) and exports it as PNG
// (PNGBlob).
//
// Painting calls into JavaScript, and each call costs far more than the
// drawing it asks for, so consecutive ops that share a style are joined
// into one Path2D built from SVG path data here, in Go: a dense ladder of
// a few thousand arrows is a handful of calls. The batching (Batches,
// AppendPath) is pure Go and tested natively; only paint_js.go touches
// syscall/js and dom/v2.
package canvas
