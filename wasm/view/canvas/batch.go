package canvas

import (
	"math"
	"strconv"

	"tcpplayground/wasm/view/display"
)

// Batch is a run of consecutive ops l.Ops[Start:End] painted with one
// style: one stroke (and, for arrows, one fill of their heads), one fill,
// or a single text.
type Batch struct {
	Start, End int
	Fill       bool // the shapes are filled, not stroked
	Text       bool
}

// fills reports whether op is painted by filling.
func fills(op *display.Op) bool {
	return op.Flags&display.Fill != 0 && (op.Kind == display.Rect || op.Kind == display.Circle || op.Kind == display.Polyline)
}

// Batches splits l into batches, keeping the paint order: an op joins the
// batch before it if it has the same role, flags and size and is painted
// the same way.
func Batches(dst []Batch, l *display.List) []Batch {
	ops := l.Ops
	for i := 0; i < len(ops); {
		op := &ops[i]
		if op.Kind == display.Text {
			dst = append(dst, Batch{Start: i, End: i + 1, Text: true})
			i++
			continue
		}
		f := fills(op)
		j := i + 1
		for j < len(ops) {
			o := &ops[j]
			if o.Kind == display.Text || o.Role != op.Role || o.Flags != op.Flags || o.Size != op.Size || fills(o) != f {
				break
			}
			j++
		}
		dst = append(dst, Batch{Start: i, End: j, Fill: f})
		i = j
	}
	return dst
}

// AppendPath appends the SVG path data of ops l.Ops[b.Start:b.End]: the
// outlines to stroke (or the shapes to fill). heads gets the arrowheads,
// which are always filled; w is the stroke width after the theme's scale.
func AppendPath(path, heads []byte, l *display.List, b Batch, w float64) ([]byte, []byte) {
	for i := b.Start; i < b.End; i++ {
		op := &l.Ops[i]
		switch op.Kind {
		case display.Line:
			path = mv(path, 'M', op.X0, op.Y0)
			path = mv(path, 'L', op.X1, op.Y1)
		case display.Arrow:
			ax, ay, bx, by := display.ArrowHead(op.X0, op.Y0, op.X1, op.Y1, w)
			path = mv(path, 'M', op.X0, op.Y0)
			path = mv(path, 'L', (ax+bx)/2, (ay+by)/2)
			heads = mv(heads, 'M', op.X1, op.Y1)
			heads = mv(heads, 'L', ax, ay)
			heads = mv(heads, 'L', bx, by)
			heads = append(heads, 'Z')
		case display.Polyline:
			p := l.Points(op)
			for j := 0; j+1 < len(p); j += 2 {
				c := byte('L')
				if j == 0 {
					c = 'M'
				}
				path = mv(path, c, p[j], p[j+1])
			}
			if b.Fill {
				path = append(path, 'Z')
			}
		case display.Rect:
			if op.Flags&display.Round != 0 {
				path = roundRect(path, op.X0, op.Y0, op.X1, op.Y1, display.CornerRadius)
				continue
			}
			path = mv(path, 'M', op.X0, op.Y0)
			path = mv(path, 'L', op.X1, op.Y0)
			path = mv(path, 'L', op.X1, op.Y1)
			path = mv(path, 'L', op.X0, op.Y1)
			path = append(path, 'Z')
		case display.Circle:
			r := op.X1
			path = mv(path, 'M', op.X0+r, op.Y0)
			path = arc(path, r, op.X0-r, op.Y0, "1 0")
			path = arc(path, r, op.X0+r, op.Y0, "1 0")
			path = append(path, 'Z')
		case display.Cross:
			h := op.X1
			path = mv(path, 'M', op.X0-h, op.Y0-h)
			path = mv(path, 'L', op.X0+h, op.Y0+h)
			path = mv(path, 'M', op.X0-h, op.Y0+h)
			path = mv(path, 'L', op.X0+h, op.Y0-h)
		}
	}
	return path, heads
}

func mv(b []byte, c byte, x, y float64) []byte {
	b = append(b, c)
	b = coord(b, x)
	b = append(b, ' ')
	return coord(b, y)
}

// coord appends v to a hundredth of a pixel: finer than any screen shows.
// It writes the hundredths as an integer with a decimal point put in:
// strconv's shortest float formatting was a tenth of a big-trace frame
// under WebAssembly (BenchmarkBigTraceRedraw's profile).
func coord(b []byte, v float64) []byte {
	if math.IsNaN(v) {
		v = 0
	}
	n := int64(math.Round(math.Max(-1e12, math.Min(v, 1e12)) * 100))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// arc appends an SVG elliptical-arc command of radius r to (x, y);
// flags are its large-arc and sweep flags ("1 0": a half circle one way,
// "0 1": a rounded corner clockwise).
func arc(b []byte, r, x, y float64, flags string) []byte {
	b = append(b, 'A')
	b = coord(b, r)
	b = append(b, ' ')
	b = coord(b, r)
	b = append(b, " 0 "...)
	b = append(b, flags...)
	b = append(b, ' ')
	b = coord(b, x)
	b = append(b, ' ')
	return coord(b, y)
}

func roundRect(b []byte, x0, y0, x1, y1, r float64) []byte {
	r = math.Min(r, math.Min((x1-x0)/2, (y1-y0)/2))
	b = mv(b, 'M', x0+r, y0)
	b = mv(b, 'L', x1-r, y0)
	b = arc(b, r, x1, y0+r, "0 1")
	b = mv(b, 'L', x1, y1-r)
	b = arc(b, r, x1-r, y1, "0 1")
	b = mv(b, 'L', x0+r, y1)
	b = arc(b, r, x0, y1-r, "0 1")
	b = mv(b, 'L', x0, y0+r)
	b = arc(b, r, x0+r, y0, "0 1")
	return append(b, 'Z')
}
