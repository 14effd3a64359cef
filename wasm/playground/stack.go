package main

import "tcpplayground/wasm/view/display"

// stack draws the lists one under the other into dst (reset first), for
// exporting several graphs as one picture for a slide. It rebuilds each op
// through display.List's own methods, shifted down by the lists above.
func stack(dst *display.List, lists ...*display.List) {
	w, h := 0.0, 0.0
	for _, l := range lists {
		w, h = max(w, l.W), h+l.H
	}
	dst.Reset(w, h)
	dy := 0.0
	for _, l := range lists {
		for i := range l.Ops {
			op := &l.Ops[i]
			switch op.Kind {
			case display.Line:
				dst.Line(op.Role, op.Flags, op.X0, op.Y0+dy, op.X1, op.Y1+dy, op.Size, op.Ref)
			case display.Arrow:
				dst.Arrow(op.Role, op.Flags, op.X0, op.Y0+dy, op.X1, op.Y1+dy, op.Size, op.Ref)
			case display.Rect:
				dst.Rect(op.Role, op.Flags, op.X0, op.Y0+dy, op.X1, op.Y1+dy, op.Size, op.Ref)
			case display.Circle:
				dst.Circle(op.Role, op.Flags, op.X0, op.Y0+dy, op.X1, op.Size, op.Ref)
			case display.Cross:
				dst.Cross(op.Role, op.Flags, op.X0, op.Y0+dy, op.X1, op.Size, op.Ref)
			case display.Polyline:
				k := dst.Polyline(op.Role, op.Flags, op.Size, op.Ref)
				pts := l.Points(op)
				for j := 0; j+1 < len(pts); j += 2 {
					dst.Pt(k, pts[j], pts[j+1]+dy)
				}
			case display.Text:
				t := dst.TextBytes(op.Role, op.Flags, op.X0, op.Y0+dy, op.Size, l.StrBytes(op), op.Ref)
				t.Angle = op.Angle
			}
		}
		dy += l.H
	}
}
