package display

import (
	"bytes"
	"math"
	"slices"
	"strconv"
)

// Kind is the shape an Op draws.
type Kind uint8

// The shapes. X0, Y0, X1 and Y1 mean what each says.
const (
	Line     Kind = iota + 1 // from (X0,Y0) to (X1,Y1)
	Arrow                    // a line from (X0,Y0) with a head at (X1,Y1)
	Polyline                 // the points Points(op), joined
	Rect                     // top-left (X0,Y0), bottom-right (X1,Y1)
	Circle                   // centre (X0,Y0), radius X1
	Cross                    // an × centred on (X0,Y0), half-size X1
	Text                     // Str(op) anchored at (X0,Y0), rotated by Angle
	numKinds
)

var kindNames = [...]string{Line: "line", Arrow: "arrow", Polyline: "polyline", Rect: "rect",
	Circle: "circle", Cross: "cross", Text: "text"}

func (k Kind) String() string {
	if k > 0 && k < numKinds {
		return kindNames[k]
	}
	return "kind?"
}

// Flags modify how an Op is drawn.
type Flags uint16

// The flags.
const (
	Fill   Flags = 1 << iota // fill the shape (rect, circle, polyline area) instead of stroking it
	Faint                    // with Fill: a translucent fill (bands, buffer regions)
	Dim                      // the whole op faded: the future beyond the cursor
	Dashed                   // a dashed stroke
	Dotted                   // a dotted stroke
	Bold                     // a heavier stroke, or bold text: the current event
	Mono                     // text in the monospace font (numbers that line up)
	Center                   // text centred on X0 (default: starts at X0)
	End                      // text ends at X0
	Top                      // text hangs below Y0 (default: centred on Y0)
	Bottom                   // text sits above Y0
	Halo                     // text over a translucent box of the background colour, legible over lines
	Round                    // a rectangle with rounded corners (radius CornerRadius)
)

// CornerRadius is the corner radius of a Round rectangle.
const CornerRadius = 6

var flagNames = [...]string{"fill", "faint", "dim", "dashed", "dotted", "bold", "mono", "center", "end", "top", "bottom", "halo", "round"}

// Op is one primitive. Ref is what Hit returns for it (an index into the
// trace's events, by the view's convention), or NoRef.
type Op struct {
	Kind  Kind
	Role  Role
	Flags Flags
	// Size is the stroke width for lines and outlines (0: 1.5 px) or the
	// font size for text, in logical pixels.
	Size           float64
	X0, Y0, X1, Y1 float64
	// Angle rotates text about its anchor, in radians (clockwise, as y
	// grows downwards).
	Angle float64
	// p0, p1 index Pts for a polyline; t0, t1 the text bytes.
	p0, p1, t0, t1 int32
	Ref            int32
}

// NoRef marks an op that Hit ignores.
const NoRef int32 = -1

// DefaultWidth is the stroke width of an Op whose Size is 0.
const DefaultWidth = 1.5

// List is a display list: a W×H drawing in logical pixels, painted in the
// order of Ops (later on top).
type List struct {
	W, H float64
	Ops  []Op
	pts  []float64
	text []byte
}

// Reset empties the list for a new W×H drawing, keeping its capacity.
func (l *List) Reset(w, h float64) {
	l.W, l.H = w, h
	l.Ops, l.pts, l.text = l.Ops[:0], l.pts[:0], l.text[:0]
}

// AppendShifted appends src's ops, dy pixels lower, to l (whose size it
// leaves alone): several views stacked into one picture.
func (l *List) AppendShifted(src *List, dy float64) {
	p0, t0 := int32(len(l.pts)), int32(len(l.text))
	for i, p := range src.pts {
		if i%2 == 1 {
			p += dy
		}
		l.pts = append(l.pts, p)
	}
	l.text = append(l.text, src.text...)
	for _, op := range src.Ops {
		switch op.Kind {
		case Line, Arrow, Rect:
			op.Y0, op.Y1 = op.Y0+dy, op.Y1+dy
		case Circle, Cross:
			op.Y0 += dy
		case Polyline:
			op.p0, op.p1 = op.p0+p0, op.p1+p0
		case Text:
			op.Y0 += dy
			op.t0, op.t1 = op.t0+t0, op.t1+t0
		}
		l.Ops = append(l.Ops, op)
	}
}

// Equal reports whether l and m draw the same picture: a view whose list
// did not change since it was painted need not be painted again.
func (l *List) Equal(m *List) bool {
	return l.W == m.W && l.H == m.H && slices.Equal(l.Ops, m.Ops) &&
		slices.Equal(l.pts, m.pts) && bytes.Equal(l.text, m.text)
}

// Str returns the text of a Text op.
func (l *List) Str(op *Op) string { return string(l.text[op.t0:op.t1]) }

// StrBytes returns the text of a Text op without copying; do not keep it.
func (l *List) StrBytes(op *Op) []byte { return l.text[op.t0:op.t1] }

// Points returns the x, y pairs of a Polyline op; do not modify them.
func (l *List) Points(op *Op) []float64 { return l.pts[op.p0:op.p1] }

// Line appends a line.
func (l *List) Line(r Role, f Flags, x0, y0, x1, y1, width float64, ref int32) {
	l.Ops = append(l.Ops, Op{Kind: Line, Role: r, Flags: f, Size: width, X0: x0, Y0: y0, X1: x1, Y1: y1, Ref: ref})
}

// Arrow appends an arrow from (x0,y0) to its head at (x1,y1).
func (l *List) Arrow(r Role, f Flags, x0, y0, x1, y1, width float64, ref int32) {
	l.Ops = append(l.Ops, Op{Kind: Arrow, Role: r, Flags: f, Size: width, X0: x0, Y0: y0, X1: x1, Y1: y1, Ref: ref})
}

// Rect appends a rectangle from (x0,y0) to (x1,y1) (any corner order).
func (l *List) Rect(r Role, f Flags, x0, y0, x1, y1, width float64, ref int32) {
	l.Ops = append(l.Ops, Op{Kind: Rect, Role: r, Flags: f, Size: width,
		X0: math.Min(x0, x1), Y0: math.Min(y0, y1), X1: math.Max(x0, x1), Y1: math.Max(y0, y1), Ref: ref})
}

// Circle appends a circle.
func (l *List) Circle(r Role, f Flags, x, y, radius, width float64, ref int32) {
	l.Ops = append(l.Ops, Op{Kind: Circle, Role: r, Flags: f, Size: width, X0: x, Y0: y, X1: radius, Ref: ref})
}

// Cross appends an × of half-size half.
func (l *List) Cross(r Role, f Flags, x, y, half, width float64, ref int32) {
	l.Ops = append(l.Ops, Op{Kind: Cross, Role: r, Flags: f, Size: width, X0: x, Y0: y, X1: half, Ref: ref})
}

// Polyline starts a polyline; append its points with Pt. It returns the
// op's index.
func (l *List) Polyline(r Role, f Flags, width float64, ref int32) int {
	n := int32(len(l.pts))
	l.Ops = append(l.Ops, Op{Kind: Polyline, Role: r, Flags: f, Size: width, p0: n, p1: n, Ref: ref})
	return len(l.Ops) - 1
}

// Pt appends a point to the polyline at index op, which must be the last
// polyline started.
func (l *List) Pt(op int, x, y float64) {
	l.pts = append(l.pts, x, y)
	l.Ops[op].p1 = int32(len(l.pts))
}

// Text appends a text; s is copied.
func (l *List) Text(r Role, f Flags, x, y, size float64, s string, ref int32) *Op {
	t0 := int32(len(l.text))
	l.text = append(l.text, s...)
	l.Ops = append(l.Ops, Op{Kind: Text, Role: r, Flags: f, Size: size, X0: x, Y0: y, t0: t0, t1: int32(len(l.text)), Ref: ref})
	return &l.Ops[len(l.Ops)-1]
}

// TextBytes is Text for a byte slice (a label built in a reused buffer).
func (l *List) TextBytes(r Role, f Flags, x, y, size float64, s []byte, ref int32) *Op {
	t0 := int32(len(l.text))
	l.text = append(l.text, s...)
	l.Ops = append(l.Ops, Op{Kind: Text, Role: r, Flags: f, Size: size, X0: x, Y0: y, t0: t0, t1: int32(len(l.text)), Ref: ref})
	return &l.Ops[len(l.Ops)-1]
}

// Width returns the stroke width of op.
func (op *Op) Width() float64 {
	w := op.Size
	if w == 0 {
		w = DefaultWidth
	}
	if op.Flags&Bold != 0 {
		w *= 2
	}
	return w
}

// TextWidth estimates the width of a text at a font size: the same
// estimate for layout, hit testing and every painter, so what fits in
// layout fits on screen. Widths per character class are those of common
// sans-serif fonts (capitals wider than digits, digits than lower case);
// CJK characters are square.
func TextWidth(s []byte, size float64, mono bool) float64 {
	w := 0.0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case mono && c < 0x80:
			w += 0.61
		case c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == '|' || c == '!' || c == '\'':
			w += 0.3
		case c == 'i' || c == 'l' || c == 'j' || c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '[' || c == ']' || c == '/' || c == '-':
			w += 0.38
		case c == 'm' || c == 'w' || c == 'M' || c == 'W':
			w += 0.86
		case c >= 'A' && c <= 'Z':
			w += 0.68
		case c >= '0' && c <= '9', c == '#', c == '=', c == '+', c == '_':
			w += 0.6
		case c < 0x80:
			w += 0.54
		case c >= 0xe0: // 3- or 4-byte rune: CJK and symbols
			w += 1.0
			i += 2
			if c >= 0xf0 {
				i++
			}
		default:
			w += 0.6
			i++
		}
		i++
	}
	return w * size
}

// ArrowHead returns the two back corners of the head of an arrow from
// (x0,y0) to (x1,y1) with a stroke width w, so every painter draws the
// same head: a filled triangle (x1,y1), (ax,ay), (bx,by).
func ArrowHead(x0, y0, x1, y1, w float64) (ax, ay, bx, by float64) {
	dx, dy := x1-x0, y1-y0
	d := math.Hypot(dx, dy)
	if d == 0 {
		return x1, y1, x1, y1
	}
	ux, uy := dx/d, dy/d
	length := math.Min(7+2*w, d*0.5)
	half := length * 0.45
	cx, cy := x1-ux*length, y1-uy*length
	return cx - uy*half, cy + ux*half, cx + uy*half, cy - ux*half
}

// String is the list in a stable text form, one op per line, for golden
// files and failure messages.
func (l *List) String() string {
	b := []byte("list ")
	b = num(b, l.W)
	b = append(b, 'x')
	b = num(b, l.H)
	b = append(b, '\n')
	for i := range l.Ops {
		op := &l.Ops[i]
		b = append(b, op.Kind.String()...)
		b = append(b, ' ')
		b = append(b, op.Role.String()...)
		switch op.Kind {
		case Polyline:
			pts := l.Points(op)
			b = append(b, " n="...)
			b = strconv.AppendInt(b, int64(len(pts)/2), 10)
			for j := 0; j < len(pts) && j < 8; j += 2 {
				b = append(b, ' ')
				b = num(b, pts[j])
				b = append(b, ',')
				b = num(b, pts[j+1])
			}
			if len(pts) > 8 {
				b = append(b, " …"...)
			}
		case Circle, Cross:
			b = append(b, ' ')
			b = num(b, op.X0)
			b = append(b, ',')
			b = num(b, op.Y0)
			b = append(b, " r="...)
			b = num(b, op.X1)
		case Text:
			b = append(b, ' ')
			b = num(b, op.X0)
			b = append(b, ',')
			b = num(b, op.Y0)
			b = strconv.AppendQuote(b, l.Str(op))
			if op.Angle != 0 {
				b = append(b, " rot="...)
				b = num(b, op.Angle*180/math.Pi)
			}
		default:
			b = append(b, ' ')
			b = num(b, op.X0)
			b = append(b, ',')
			b = num(b, op.Y0)
			b = append(b, ' ')
			b = num(b, op.X1)
			b = append(b, ',')
			b = num(b, op.Y1)
		}
		if op.Size != 0 {
			b = append(b, " size="...)
			b = num(b, op.Size)
		}
		for j, n := range flagNames {
			if op.Flags&(1<<j) != 0 {
				b = append(b, ' ')
				b = append(b, n...)
			}
		}
		if op.Ref != NoRef {
			b = append(b, " ref="...)
			b = strconv.AppendInt(b, int64(op.Ref), 10)
		}
		b = append(b, '\n')
	}
	return string(b)
}

// num appends v with one decimal, without a trailing ".0".
func num(b []byte, v float64) []byte {
	v = math.Round(v*10) / 10
	if v == math.Trunc(v) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', 1, 64)
}
