package main

import "tcpplayground/wasm/view/display"

// stack draws the lists one under the other into dst (reset first), for
// exporting several graphs as one picture for a slide.
func stack(dst *display.List, lists ...*display.List) {
	w, h := 0.0, 0.0
	for _, l := range lists {
		w, h = max(w, l.W), h+l.H
	}
	dst.Reset(w, h)
	dy := 0.0
	for _, l := range lists {
		dst.AppendShifted(l, dy)
		dy += l.H
	}
}
