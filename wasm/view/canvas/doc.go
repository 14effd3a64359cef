// Package canvas paints a display.List on an HTML canvas (Paint, in the
// js build) and exports it as PNG (PNGDataURL, PNGBlob).
//
// Painting calls into JavaScript, and each call costs far more than the
// drawing it asks for, so consecutive ops that share a style are joined
// into one Path2D built from SVG path data here, in Go: a dense ladder of
// a few thousand arrows is a handful of calls. The batching (Batches,
// AppendPath) is pure Go and tested natively; only paint_js.go touches
// syscall/js.
package canvas
