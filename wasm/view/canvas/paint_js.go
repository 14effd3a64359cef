package canvas

import (
	"bytes"
	"math"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/wasm/view/display"
)

// Painter paints display lists on one canvas 2D context, remembering the
// context's state so it only sets what changes, and reusing its buffers
// and the JavaScript values it made: keep one per canvas.
//
// A call through syscall/js by name (Value.Call, Value.Set, and dom/v2's
// typed methods, which are made of them) decodes the name from UTF-8
// every time, and every Go string argument is decoded again and given a
// finalizer; in BenchmarkBigTraceRedraw's profile (Chromium tracing,
// Go names kept) that was a fifth of a frame, and making each frame's
// Path2D objects from their SVG path data another fifth. So the context's
// methods are bound once and invoked without a name (calls), its
// properties are set through Reflect.set with the name as a value made
// once (props), texts, colours and fonts are JavaScript strings made once
// (str), and a Path2D whose path data is what the same batch had in the
// last paint is used again (paths): the state diagram, most of whose
// picture a cursor move leaves alone, makes almost none.
type Painter struct {
	ctx     *dom.CanvasRenderingContext2D
	path2D  js.Value
	calls   [numCalls]js.Value
	props   [numProps]js.Value
	set     js.Value // Reflect.set
	batches []Batch
	path    []byte
	heads   []byte
	font    []byte
	// paths are the Path2D objects of the last paint in the order they
	// were made, with their path data; next is the index of the next.
	paths []cachedPath
	next  int

	stroke, fill, fontSet string
	align, base           string
	width, alpha          float64
	dash                  display.Flags
	// dpr is the device pixel ratio of the paint; turned says the
	// context's transform is a rotated label's, not the plain dpr scale.
	dpr    float64
	turned bool
	strs   map[string]js.Value
}

type cachedPath struct {
	data []byte
	v    js.Value
}

// The context's methods the painter calls, bound to it once.
const (
	callFill = iota
	callStroke
	callFillText
	callFillRect
	callSetTransform
	callSetLineDash
	numCalls
)

var callNames = [numCalls]string{"fill", "stroke", "fillText", "fillRect", "setTransform", "setLineDash"}

// The context's properties the painter sets.
const (
	propFillStyle = iota
	propStrokeStyle
	propLineWidth
	propGlobalAlpha
	propFont
	propTextAlign
	propTextBaseline
	propLineCap
	propLineJoin
	numProps
)

var propNames = [numProps]string{"fillStyle", "strokeStyle", "lineWidth", "globalAlpha", "font", "textAlign", "textBaseline", "lineCap", "lineJoin"}

// NewPainter returns a painter for ctx.
func NewPainter(ctx *dom.CanvasRenderingContext2D) *Painter {
	p := &Painter{ctx: ctx, path2D: js.Global().Get("Path2D"), set: js.Global().Get("Reflect").Get("set")}
	for i, name := range callNames {
		p.calls[i] = ctx.Get(name).Call("bind", ctx.Value)
	}
	for i, name := range propNames {
		p.props[i] = js.ValueOf(name)
	}
	return p
}

// setProp sets one of the context's properties.
func (p *Painter) setProp(prop int, v any) {
	p.set.Invoke(p.ctx.Value, p.props[prop], v)
}

// newPath returns a Path2D of the SVG path data d: the one made for the
// same place in the last paint if its data was the same.
func (p *Painter) newPath(d []byte) js.Value {
	k := p.next
	p.next++
	if k < len(p.paths) && bytes.Equal(p.paths[k].data, d) {
		return p.paths[k].v
	}
	v := p.path2D.New(string(d))
	if k == len(p.paths) {
		p.paths = append(p.paths, cachedPath{})
	}
	p.paths[k].data = append(p.paths[k].data[:0], d...)
	p.paths[k].v = v
	return v
}

// Paint draws l in theme th at device pixel ratio dpr, background first.
func (p *Painter) Paint(l *display.List, th display.Theme, dpr float64) {
	if dpr <= 0 {
		dpr = 1
	}
	// Forget the cached state: anything may have changed it since.
	p.stroke, p.fill, p.fontSet, p.width, p.alpha, p.dash = "", "", "", -1, -1, 0xffff
	p.align, p.base = "", ""
	p.dpr, p.turned = dpr, false
	p.next = 0
	p.calls[callSetTransform].Invoke(dpr, 0, 0, dpr, 0, 0)
	p.setProp(propLineCap, p.strOf("butt"))
	p.setProp(propLineJoin, p.strOf("round"))
	p.setAlpha(1)
	p.setFill(th.Background)
	p.calls[callFillRect].Invoke(0, 0, l.W, l.H)
	scale := th.LineScale
	if scale == 0 {
		scale = 1
	}
	p.batches = Batches(p.batches[:0], l)
	for i := 0; i < len(p.batches); i++ {
		b := p.batches[i]
		if b.Text {
			// A run of texts (a ladder's labels are drawn after its
			// arrows, all together): first every halo, in one colour,
			// then every text, so the context's fill and alpha change
			// twice per run, not four times per label.
			j := i + 1
			for j < len(p.batches) && p.batches[j].Text {
				j++
			}
			p.halos(l, p.batches[i:j], th)
			for _, t := range p.batches[i:j] {
				p.text(l, &l.Ops[t.Start], th)
			}
			i = j - 1
			continue
		}
		p.straighten()
		op := &l.Ops[b.Start]
		color := th.Color[op.Role%display.NumRoles]
		a := alpha(op, th)
		w := op.Width() * scale
		p.path, p.heads = AppendPath(p.path[:0], p.heads[:0], l, b, w)
		if b.Fill {
			if op.Flags&display.Faint != 0 {
				a *= th.FaintAlpha
			}
			p.setAlpha(a)
			p.setFill(color)
			p.calls[callFill].Invoke(p.newPath(p.path))
			continue
		}
		p.setAlpha(a)
		p.setStroke(color)
		p.setWidth(w)
		p.setDash(op.Flags, w)
		p.calls[callStroke].Invoke(p.newPath(p.path))
		if len(p.heads) > 0 {
			p.setFill(color)
			p.calls[callFill].Invoke(p.newPath(p.heads))
		}
	}
}

// alpha is the opacity of op in th.
func alpha(op *display.Op, th display.Theme) float64 {
	if op.Flags&display.Dim != 0 {
		return th.DimAlpha
	}
	return 1
}

// halos paints the background boxes (display.HaloBox) of the texts of
// run that have one, each in its text's own frame.
func (p *Painter) halos(l *display.List, run []Batch, th display.Theme) {
	p.setFill(th.Background)
	for _, b := range run {
		op := &l.Ops[b.Start]
		if op.Flags&display.Halo == 0 {
			continue
		}
		x0, y0, x1, y1 := l.HaloBox(op)
		x, y := p.frame(op)
		p.setAlpha(alpha(op, th) * display.HaloAlpha)
		p.calls[callFillRect].Invoke(x0-op.X0+x, y0-op.Y0+y, x1-x0, y1-y0)
	}
}

// frame sets the transform op's text is drawn in and returns its anchor
// there: rotated about the anchor under one setTransform call (not save,
// translate, rotate and restore, after which every cached style would
// have to be set again).
func (p *Painter) frame(op *display.Op) (x, y float64) {
	if op.Angle == 0 {
		p.straighten()
		return op.X0, op.Y0
	}
	sin, cos := math.Sincos(op.Angle)
	d := p.dpr
	p.calls[callSetTransform].Invoke(d*cos, d*sin, -d*sin, d*cos, d*op.X0, d*op.Y0)
	p.turned = true
	return 0, 0
}

func (p *Painter) text(l *display.List, op *display.Op, th display.Theme) {
	f := p.font[:0]
	if op.Flags&display.Bold != 0 {
		f = append(f, "bold "...)
	}
	f = coord(f, op.Size)
	f = append(f, "px "...)
	if op.Flags&display.Mono != 0 {
		f = append(f, th.MonoFont...)
	} else {
		f = append(f, th.Font...)
	}
	p.font = f
	if string(f) != p.fontSet {
		p.fontSet = string(f)
		p.setProp(propFont, p.str(f))
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
		p.setProp(propTextAlign, p.strOf(align))
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
		p.setProp(propTextBaseline, p.strOf(base))
	}
	x, y := p.frame(op)
	p.setAlpha(alpha(op, th))
	p.setFill(th.Color[op.Role%display.NumRoles])
	p.calls[callFillText].Invoke(p.str(l.StrBytes(op)), x, y)
}

// maxStrs bounds the JavaScript strings a painter keeps: a few screens'
// labels (a ladder's change as it scrolls; the rest repeat).
const maxStrs = 2048

// str returns s as a JavaScript string, made once: fonts (a long list of
// families), colours and labels are set over and over, and each Go string
// passed to JavaScript is decoded from UTF-8 again and given a finalizer.
func (p *Painter) str(s []byte) js.Value {
	v, ok := p.strs[string(s)]
	if !ok {
		if p.strs == nil || len(p.strs) >= maxStrs {
			p.strs = map[string]js.Value{}
		}
		v = js.ValueOf(string(s))
		p.strs[string(s)] = v
	}
	return v
}

// strOf is str of a Go string.
func (p *Painter) strOf(s string) js.Value {
	v, ok := p.strs[s]
	if !ok {
		return p.str([]byte(s))
	}
	return v
}

// straighten puts back the plain device-pixel-ratio transform after a
// rotated label.
func (p *Painter) straighten() {
	if p.turned {
		p.turned = false
		p.calls[callSetTransform].Invoke(p.dpr, 0, 0, p.dpr, 0, 0)
	}
}

func (p *Painter) setStroke(c string) {
	if c != p.stroke {
		p.stroke = c
		p.setProp(propStrokeStyle, p.strOf(c))
	}
}

func (p *Painter) setFill(c string) {
	if c != p.fill {
		p.fill = c
		p.setProp(propFillStyle, p.strOf(c))
	}
}

func (p *Painter) setWidth(w float64) {
	if w != p.width {
		p.width = w
		p.setProp(propLineWidth, w)
	}
}

func (p *Painter) setAlpha(a float64) {
	if a != p.alpha {
		p.alpha = a
		p.setProp(propGlobalAlpha, a)
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
	p.calls[callSetLineDash].Invoke(arr)
	if f&display.Dotted != 0 {
		p.setProp(propLineCap, p.strOf("round"))
	} else {
		p.setProp(propLineCap, p.strOf("butt"))
	}
}

// PNGBlob paints l on a detached canvas scale times its logical size (2
// or 3 for slides) and delivers it as a PNG Blob to done (the canvas
// encodes asynchronously; dom/v2 has no toBlob); done gets a null value
// if encoding failed.
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
	c := dom.GetWindow().Document().CreateElement("canvas").(*dom.HTMLCanvasElement)
	c.SetWidth(int(l.W*scale + 0.5))
	c.SetHeight(int(l.H*scale + 0.5))
	NewPainter(c.GetContext2d()).Paint(l, th, scale)
	c.Call("toBlob", cb, "image/png")
}
