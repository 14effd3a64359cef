package display

import "math"

// HitSlop is how far from a thin shape a pointer may be and still hit it,
// in logical pixels: about a fingertip's error on a phone.
const HitSlop = 6

// Hit returns the Ref of the op under (x, y): the nearest op with a Ref
// within HitSlop (inside a filled shape or a text's box counts as
// distance 0), the topmost on a tie. ok is false if there is none.
func (l *List) Hit(x, y float64) (ref int32, ok bool) {
	best := HitSlop + 1e-9
	for i := len(l.Ops) - 1; i >= 0; i-- {
		op := &l.Ops[i]
		if op.Ref == NoRef {
			continue
		}
		d := l.distance(op, x, y)
		if d < best {
			best, ref, ok = d, op.Ref, true
			if d == 0 {
				break
			}
		}
	}
	return ref, ok
}

func (l *List) distance(op *Op, x, y float64) float64 {
	switch op.Kind {
	case Line, Arrow:
		return SegDist(x, y, op.X0, op.Y0, op.X1, op.Y1)
	case Polyline:
		p := l.Points(op)
		d := math.Inf(1)
		for j := 0; j+3 < len(p); j += 2 {
			d = math.Min(d, SegDist(x, y, p[j], p[j+1], p[j+2], p[j+3]))
		}
		return d
	case Rect:
		dx := math.Max(math.Max(op.X0-x, x-op.X1), 0)
		dy := math.Max(math.Max(op.Y0-y, y-op.Y1), 0)
		if op.Flags&Fill == 0 && dx == 0 && dy == 0 {
			// Inside an outline: the distance to the nearest edge, so a
			// box drawn round other shapes does not swallow their hits.
			return math.Min(math.Min(x-op.X0, op.X1-x), math.Min(y-op.Y0, op.Y1-y))
		}
		return math.Hypot(dx, dy)
	case Circle:
		d := math.Hypot(x-op.X0, y-op.Y0) - op.X1
		if op.Flags&Fill == 0 {
			return math.Abs(d)
		}
		return math.Max(d, 0)
	case Cross:
		return math.Max(math.Max(math.Abs(x-op.X0), math.Abs(y-op.Y0))-op.X1, 0)
	case Text:
		x0, y0, x1, y1 := l.TextBox(op)
		// Into the text's own frame: undo the rotation about the anchor.
		if op.Angle != 0 {
			s, c := math.Sincos(-op.Angle)
			dx, dy := x-op.X0, y-op.Y0
			x, y = op.X0+dx*c-dy*s, op.Y0+dx*s+dy*c
		}
		dx := math.Max(math.Max(x0-x, x-x1), 0)
		dy := math.Max(math.Max(y0-y, y-y1), 0)
		return math.Hypot(dx, dy)
	}
	return math.Inf(1)
}

// TextBox returns the box a Text op covers before rotation, from its
// estimated width (TextWidth) and its alignment flags.
func (l *List) TextBox(op *Op) (x0, y0, x1, y1 float64) {
	w := TextWidth(l.StrBytes(op), op.Size, op.Flags&Mono != 0)
	h := op.Size * 1.2
	x0 = op.X0
	switch {
	case op.Flags&Center != 0:
		x0 -= w / 2
	case op.Flags&End != 0:
		x0 -= w
	}
	y0 = op.Y0 - h/2
	switch {
	case op.Flags&Top != 0:
		y0 = op.Y0
	case op.Flags&Bottom != 0:
		y0 = op.Y0 - h
	}
	return x0, y0, x0 + w, y0 + h
}

// HaloAlpha is the opacity of the background box behind a Halo text.
const HaloAlpha = 0.82

// HaloBox returns the box behind a Halo text (before rotation): its
// TextBox with a little room around.
func (l *List) HaloBox(op *Op) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = l.TextBox(op)
	p := op.Size * 0.2
	return x0 - p, y0, x1 + p, y1
}

// SegDist is the distance from (x, y) to the segment (x0,y0)–(x1,y1).
func SegDist(x, y, x0, y0, x1, y1 float64) float64 {
	dx, dy := x1-x0, y1-y0
	t := 0.0
	if d2 := dx*dx + dy*dy; d2 > 0 {
		t = math.Max(0, math.Min(1, ((x-x0)*dx+(y-y0)*dy)/d2))
	}
	return math.Hypot(x-(x0+t*dx), y-(y0+t*dy))
}

// SegSegDist is the distance between the segments (ax0,ay0)–(ax1,ay1)
// and (bx0,by0)–(bx1,by1): 0 if they cross, else the least distance from
// an end of one to the other.
func SegSegDist(ax0, ay0, ax1, ay1, bx0, by0, bx1, by1 float64) float64 {
	cross := func(ox, oy, px, py, qx, qy float64) float64 { return (px-ox)*(qy-oy) - (py-oy)*(qx-ox) }
	d1, d2 := cross(bx0, by0, bx1, by1, ax0, ay0), cross(bx0, by0, bx1, by1, ax1, ay1)
	d3, d4 := cross(ax0, ay0, ax1, ay1, bx0, by0), cross(ax0, ay0, ax1, ay1, bx1, by1)
	if (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) {
		return 0
	}
	return min(SegDist(ax0, ay0, bx0, by0, bx1, by1), SegDist(ax1, ay1, bx0, by0, bx1, by1),
		SegDist(bx0, by0, ax0, ay0, ax1, ay1), SegDist(bx1, by1, ax0, ay0, ax1, ay1))
}
