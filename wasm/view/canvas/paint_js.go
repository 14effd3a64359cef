package canvas

import (
	"strconv"
	"syscall/js"

	"tcpplayground/wasm/view/display"
)

// Painter paints display lists on one canvas 2D context, remembering the
// context's state so it only sets what changes, and reusing its buffers:
// keep one per canvas.
type Painter struct {
	ctx     js.Value
	path2D  js.Value
	batches []Batch
	path    []byte
	heads   []byte
	font    []byte

	stroke, fill, fontSet string
	align, base           string
	width, alpha          float64
	dash                  display.Flags
}

// NewPainter returns a painter for ctx, a CanvasRenderingContext2D (for
// dom/v2, its Underlying value).
func NewPainter(ctx js.Value) *Painter {
	return &Painter{ctx: ctx, path2D: js.Global().Get("Path2D")}
}

// Paint draws l on ctx in theme th at a device pixel ratio dpr (the canvas
// must be l.W·dpr × l.H·dpr device pixels). A one-off convenience; keep a
// Painter to redraw every frame.
func Paint(ctx js.Value, l *display.List, th display.Theme, dpr float64) {
	NewPainter(ctx).Paint(l, th, dpr)
}

// Paint draws l in theme th at device pixel ratio dpr, background first.
func (p *Painter) Paint(l *display.List, th display.Theme, dpr float64) {
	ctx := p.ctx
	if dpr <= 0 {
		dpr = 1
	}
	// Forget the cached state: anything may have changed it since.
	p.stroke, p.fill, p.fontSet, p.width, p.alpha, p.dash = "", "", "", -1, -1, 0xffff
	p.align, p.base = "", ""
	ctx.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	ctx.Set("lineCap", "butt")
	ctx.Set("lineJoin", "round")
	p.setAlpha(1)
	p.setFill(th.Background)
	ctx.Call("fillRect", 0, 0, l.W, l.H)
	scale := th.LineScale
	if scale == 0 {
		scale = 1
	}
	p.batches = Batches(p.batches[:0], l)
	for _, b := range p.batches {
		op := &l.Ops[b.Start]
		color := th.Color[op.Role%display.NumRoles]
		alpha := 1.0
		if op.Flags&display.Dim != 0 {
			alpha = th.DimAlpha
		}
		if b.Text {
			p.text(l, op, color, alpha, th, dpr)
			continue
		}
		w := op.Width() * scale
		p.path, p.heads = AppendPath(p.path[:0], p.heads[:0], l, b, w)
		if b.Fill {
			if op.Flags&display.Faint != 0 {
				alpha *= th.FaintAlpha
			}
			p.setAlpha(alpha)
			p.setFill(color)
			ctx.Call("fill", p.path2D.New(string(p.path)))
			continue
		}
		p.setAlpha(alpha)
		p.setStroke(color)
		p.setWidth(w)
		p.setDash(op.Flags, w)
		ctx.Call("stroke", p.path2D.New(string(p.path)))
		if len(p.heads) > 0 {
			p.setFill(color)
			ctx.Call("fill", p.path2D.New(string(p.heads)))
		}
	}
}

func (p *Painter) text(l *display.List, op *display.Op, color string, alpha float64, th display.Theme, dpr float64) {
	ctx := p.ctx
	f := p.font[:0]
	if op.Flags&display.Bold != 0 {
		f = append(f, "bold "...)
	}
	f = strconv.AppendFloat(f, op.Size, 'f', 2, 64)
	f = append(f, "px "...)
	if op.Flags&display.Mono != 0 {
		f = append(f, th.MonoFont...)
	} else {
		f = append(f, th.Font...)
	}
	p.font = f
	if string(f) != p.fontSet {
		p.fontSet = string(f)
		ctx.Set("font", p.fontSet)
	}
	align := "start"
	switch {
	case op.Flags&display.Center != 0:
		align = "center"
	case op.Flags&display.End != 0:
		align = "end"
	}
	if align != p.align {
		p.align = align
		ctx.Set("textAlign", align)
	}
	base := "middle"
	switch {
	case op.Flags&display.Top != 0:
		base = "hanging"
	case op.Flags&display.Bottom != 0:
		base = "bottom"
	}
	if base != p.base {
		p.base = base
		ctx.Set("textBaseline", base)
	}
	x, y := op.X0, op.Y0
	if op.Angle != 0 {
		ctx.Call("save")
		ctx.Call("translate", x, y)
		ctx.Call("rotate", op.Angle)
		x, y = 0, 0
	}
	s := l.Str(op)
	p.setAlpha(alpha)
	if op.Flags&display.Halo != 0 {
		// The box display.HaloBox estimates, in the text's own frame.
		x0, y0, x1, y1 := l.HaloBox(op)
		p.setAlpha(alpha * display.HaloAlpha)
		p.setFill(th.Background)
		ctx.Call("fillRect", x0-op.X0+x, y0-op.Y0+y, x1-x0, y1-y0)
		p.setAlpha(alpha)
	}
	p.setFill(color)
	ctx.Call("fillText", s, x, y)
	if op.Angle != 0 {
		ctx.Call("restore")
		// restore brings back the state saved before: ours is unchanged
		// except what was set inside, which was only cached values.
		p.stroke, p.fill, p.width, p.alpha, p.dash = "", "", -1, -1, 0xffff
	}
}

func (p *Painter) setStroke(c string) {
	if c != p.stroke {
		p.stroke = c
		p.ctx.Set("strokeStyle", c)
	}
}

func (p *Painter) setFill(c string) {
	if c != p.fill {
		p.fill = c
		p.ctx.Set("fillStyle", c)
	}
}

func (p *Painter) setWidth(w float64) {
	if w != p.width {
		p.width = w
		p.ctx.Set("lineWidth", w)
	}
}

func (p *Painter) setAlpha(a float64) {
	if a != p.alpha {
		p.alpha = a
		p.ctx.Set("globalAlpha", a)
	}
}

func (p *Painter) setDash(f display.Flags, w float64) {
	f &= display.Dashed | display.Dotted
	if f == p.dash && f == 0 {
		return
	}
	p.dash = f
	d := display.Dashes(f, w)
	arr := make([]any, len(d))
	for i, v := range d {
		arr[i] = v
	}
	p.ctx.Call("setLineDash", arr)
	if f&display.Dotted != 0 {
		p.ctx.Set("lineCap", "round")
	} else {
		p.ctx.Set("lineCap", "butt")
	}
}

// newCanvas returns a detached canvas of the list's size at scale, with
// the list painted on it.
func newCanvas(l *display.List, th display.Theme, scale float64) js.Value {
	c := js.Global().Get("document").Call("createElement", "canvas")
	c.Set("width", int(l.W*scale+0.5))
	c.Set("height", int(l.H*scale+0.5))
	NewPainter(c.Call("getContext", "2d")).Paint(l, th, scale)
	return c
}

// PNGDataURL paints l on an offscreen canvas scale times its logical size
// (2 or 3 for slides) and returns it as a data:image/png URL.
func PNGDataURL(l *display.List, th display.Theme, scale float64) string {
	return newCanvas(l, th, scale).Call("toDataURL", "image/png").String()
}

// PNGBlob is PNGDataURL as a Blob, delivered to done (the canvas encodes
// asynchronously); done gets a null value if encoding failed.
func PNGBlob(l *display.List, th display.Theme, scale float64, done func(blob js.Value)) {
	var cb js.Func
	cb = js.FuncOf(func(_ js.Value, args []js.Value) any {
		cb.Release()
		blob := js.Null()
		if len(args) > 0 {
			blob = args[0]
		}
		done(blob)
		return nil
	})
	newCanvas(l, th, scale).Call("toBlob", cb, "image/png")
}
