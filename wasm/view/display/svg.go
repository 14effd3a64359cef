package display

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// SVG renders l as a standalone SVG document in theme th: colours written
// out (no stylesheet), so it pastes into slides as it looks on screen.
// Each element carries its role as its class.
func SVG(l *List, th Theme) []byte {
	b := make([]byte, 0, 256+len(l.Ops)*96)
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg" width="`...)
	b = num(b, l.W)
	b = append(b, `" height="`...)
	b = num(b, l.H)
	b = append(b, `" viewBox="0 0 `...)
	b = num(b, l.W)
	b = append(b, ' ')
	b = num(b, l.H)
	b = append(b, `" font-family="`...)
	b = escape(b, th.Font)
	b = append(b, `">`+"\n"+`<rect width="100%" height="100%" fill="`...)
	b = append(b, th.Background...)
	b = append(b, `"/>`+"\n"...)
	scale := th.LineScale
	if scale == 0 {
		scale = 1
	}
	for i := range l.Ops {
		op := &l.Ops[i]
		color := th.Color[op.Role%NumRoles]
		w := op.Width() * scale
		switch op.Kind {
		case Line:
			b = elem(b, "line", op)
			b = attr(b, "x1", op.X0)
			b = attr(b, "y1", op.Y0)
			b = attr(b, "x2", op.X1)
			b = attr(b, "y2", op.Y1)
			b = stroke(b, op, color, w, th)
			b = append(b, "/>\n"...)
		case Arrow:
			ax, ay, bx, by := ArrowHead(op.X0, op.Y0, op.X1, op.Y1, w)
			// The shaft stops inside the head so a thick line's square
			// end does not poke through the point.
			mx, my := (ax+bx)/2, (ay+by)/2
			b = elem(b, "g", op)
			b = opacity(b, op, th)
			b = append(b, "><line"...)
			b = attr(b, "x1", op.X0)
			b = attr(b, "y1", op.Y0)
			b = attr(b, "x2", mx)
			b = attr(b, "y2", my)
			b = stroke(b, &Op{Flags: op.Flags &^ Dim}, color, w, th)
			b = append(b, `/><polygon points="`...)
			b = pair(b, op.X1, op.Y1)
			b = pair(b, ax, ay)
			b = pair(b, bx, by)
			b = append(b, `" fill="`...)
			b = append(b, color...)
			b = append(b, `"/></g>`+"\n"...)
		case Polyline:
			p := l.Points(op)
			if len(p) < 4 {
				continue
			}
			tag := "polyline"
			if op.Flags&Fill != 0 {
				tag = "polygon"
			}
			b = elem(b, tag, op)
			b = append(b, ` points="`...)
			for j := 0; j+1 < len(p); j += 2 {
				b = pair(b, p[j], p[j+1])
			}
			b = append(b, '"')
			b = paint(b, op, color, w, th)
			b = append(b, ` stroke-linejoin="round"/>`+"\n"...)
		case Rect:
			b = elem(b, "rect", op)
			b = attr(b, "x", op.X0)
			b = attr(b, "y", op.Y0)
			b = attr(b, "width", op.X1-op.X0)
			b = attr(b, "height", op.Y1-op.Y0)
			if op.Flags&Round != 0 {
				b = attr(b, "rx", CornerRadius)
			}
			b = paint(b, op, color, w, th)
			b = append(b, "/>\n"...)
		case Circle:
			b = elem(b, "circle", op)
			b = attr(b, "cx", op.X0)
			b = attr(b, "cy", op.Y0)
			b = attr(b, "r", op.X1)
			b = paint(b, op, color, w, th)
			b = append(b, "/>\n"...)
		case Cross:
			h := op.X1
			b = elem(b, "path", op)
			b = append(b, ` d="M`...)
			b = pair(b, op.X0-h, op.Y0-h)
			b = append(b, 'L')
			b = pair(b, op.X0+h, op.Y0+h)
			b = append(b, 'M')
			b = pair(b, op.X0-h, op.Y0+h)
			b = append(b, 'L')
			b = pair(b, op.X0+h, op.Y0-h)
			b = append(b, '"')
			b = stroke(b, op, color, w, th)
			b = append(b, ` stroke-linecap="round"/>`+"\n"...)
		case Text:
			b = svgText(b, l, op, color, th)
		}
	}
	return append(b, "</svg>\n"...)
}

func svgText(b []byte, l *List, op *Op, color string, th Theme) []byte {
	if op.Flags&Halo != 0 {
		x0, y0, x1, y1 := l.HaloBox(op)
		b = append(b, `<rect class="halo"`...)
		b = attr(b, "x", x0)
		b = attr(b, "y", y0)
		b = attr(b, "width", x1-x0)
		b = attr(b, "height", y1-y0)
		b = attr(b, "rx", 2)
		b = append(b, ` fill="`...)
		b = append(b, th.Background...)
		b = append(b, `" fill-opacity="`...)
		a := HaloAlpha
		if op.Flags&Dim != 0 {
			a *= th.DimAlpha
		}
		b = strconv.AppendFloat(b, a, 'f', 2, 64)
		b = append(b, '"')
		b = rotate(b, op)
		b = append(b, "/>\n"...)
	}
	b = elem(b, "text", op)
	b = attr(b, "x", op.X0)
	b = attr(b, "y", op.Y0)
	b = attr(b, "font-size", op.Size)
	if op.Flags&Mono != 0 {
		b = append(b, ` font-family="`...)
		b = escape(b, th.MonoFont)
		b = append(b, '"')
	}
	if op.Flags&Bold != 0 {
		b = append(b, ` font-weight="bold"`...)
	}
	switch {
	case op.Flags&Center != 0:
		b = append(b, ` text-anchor="middle"`...)
	case op.Flags&End != 0:
		b = append(b, ` text-anchor="end"`...)
	}
	switch {
	case op.Flags&Top != 0:
		b = append(b, ` dominant-baseline="hanging"`...)
	case op.Flags&Bottom != 0:
		b = append(b, ` dominant-baseline="text-after-edge"`...)
	default:
		b = append(b, ` dominant-baseline="central"`...)
	}
	b = rotate(b, op)
	b = append(b, ` fill="`...)
	b = append(b, color...)
	b = append(b, '"')
	b = opacity(b, op, th)
	b = append(b, '>')
	b = escape(b, l.Str(op))
	return append(b, "</text>\n"...)
}

func rotate(b []byte, op *Op) []byte {
	if op.Angle != 0 {
		b = append(b, ` transform="rotate(`...)
		b = num(b, op.Angle*180/math.Pi)
		b = append(b, ' ')
		b = pair(b, op.X0, op.Y0)
		b = append(b, `)"`...)
	}
	return b
}

func elem(b []byte, tag string, op *Op) []byte {
	b = append(b, '<')
	b = append(b, tag...)
	b = append(b, ` class="`...)
	b = append(b, op.Role.String()...)
	return append(b, '"')
}

func attr(b []byte, name string, v float64) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = num(b, v)
	return append(b, '"')
}

func pair(b []byte, x, y float64) []byte {
	b = num(b, x)
	b = append(b, ',')
	b = num(b, y)
	return append(b, ' ')
}

func opacity(b []byte, op *Op, th Theme) []byte {
	if op.Flags&Dim != 0 {
		b = append(b, ` opacity="`...)
		b = strconv.AppendFloat(b, th.DimAlpha, 'f', 2, 64)
		b = append(b, '"')
	}
	return b
}

// Dashes gives the dash pattern of a Dashed or Dotted stroke of width w
// (nil for a solid one), shared by every painter.
func Dashes(f Flags, w float64) []float64 {
	switch {
	case f&Dashed != 0:
		return []float64{5 * math.Max(1, w/1.5), 4 * math.Max(1, w/1.5)}
	case f&Dotted != 0:
		return []float64{math.Max(1, w), 2.5 * math.Max(1, w)}
	}
	return nil
}

func stroke(b []byte, op *Op, color string, w float64, th Theme) []byte {
	b = append(b, ` fill="none" stroke="`...)
	b = append(b, color...)
	b = append(b, '"')
	b = attr(b, "stroke-width", w)
	if d := Dashes(op.Flags, w); d != nil {
		b = append(b, ` stroke-dasharray="`...)
		b = num(b, d[0])
		b = append(b, ' ')
		b = num(b, d[1])
		b = append(b, '"')
		if op.Flags&Dotted != 0 {
			b = append(b, ` stroke-linecap="round"`...)
		}
	}
	return opacity(b, op, th)
}

// paint fills or strokes a closed shape.
func paint(b []byte, op *Op, color string, w float64, th Theme) []byte {
	if op.Flags&Fill == 0 {
		return stroke(b, op, color, w, th)
	}
	b = append(b, ` fill="`...)
	b = append(b, color...)
	b = append(b, '"')
	if op.Flags&Faint != 0 {
		b = append(b, ` fill-opacity="`...)
		b = strconv.AppendFloat(b, th.FaintAlpha, 'f', 2, 64)
		b = append(b, '"')
	}
	return opacity(b, op, th)
}

// escape appends s as XML character data: markup characters escaped,
// invalid UTF-8 and the control characters XML 1.0 forbids replaced.
func escape(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == utf8.RuneError, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xfffe, r == 0xffff:
			b = append(b, "\uFFFD"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
