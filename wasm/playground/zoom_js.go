package main

import (
	"math"
	"strconv"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/wasm/view"
)

// ladderZoom is the ladder's zoom and pan. It is view state, like the
// theme: not an edit of the scenario, so not in undo and redo nor in the
// URL. Off, the ladder picks its span itself (ladderViewport); on, it
// shows span, which a cursor move scrolls, never rescales, to keep the
// cursor in view, as a DAW's timeline follows its playhead. Opening
// another scenario turns it off; an edit of this one (a drop, a slider,
// undo) keeps it, clamped to the new run, so a lecturer who drops the
// segment they zoomed in on sees its retransmission at the same scale.
//
// Input only accumulates here; the next animation frame applies it
// (apply), so a burst of wheel or pointer events costs one layout.
type ladderZoom struct {
	on   bool
	span view.Span
	// seen is the cursor the span last followed: only a cursor that moves
	// scrolls the view, so the user can pan away from it.
	seen int
	// Pending input: the log of the factor to scale the span by, around
	// the time at y anchor of the ladder (NaN: the cursor line); pixels
	// to move it (positive: later); a return to the automatic view.
	zoom, anchor, pan float64
	reset, pending    bool
	// The pointers down on the ladder (two pinch), whether the gesture
	// moved past the drag threshold, and whether the click that ends it
	// must be swallowed (a drag is not a click on a segment).
	ptrs    []pointer
	moved   bool
	swallow bool
	// gesture is the scale of Safari's trackpad pinch so far (its
	// gesture events; other browsers send ctrl+wheel).
	gesture float64
	// axis is the length in pixels of the ladder's time axis, last laid
	// out; published the viewport its data attributes show.
	axis      float64
	published view.Viewport
	pubOn     bool
	cv, pane  js.Value
	box       element
}

type pointer struct {
	id           int
	x, y, x0, y0 float64
}

// wheelZoom is the zoom per pixel of ctrl+wheel: a mouse's notch (100
// px) scales by e^0.25 ≈ 1.28; a trackpad's pinch sends many small
// deltas.
const wheelZoom = 0.0025

// dragSlop is how far a pointer may move and still click (CSS px): a
// finger wobbles more than a mouse.
func dragSlop(pointerType string) float64 {
	if pointerType == "mouse" {
		return 4
	}
	return 10
}

func (z *ladderZoom) wire(p *page) {
	z.anchor = math.NaN()
	ladder := p.canvas.byName["ladder"]
	z.cv = ladder.cv.Underlying()
	z.box = ladder.box
	z.pane = byID("ladder-pane").Underlying()
	on := func(typ string, fn func(ev js.Value)) {
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			fn(args[0])
			return nil
		})
		// Not passive: a ctrl+wheel that zooms the ladder must not also
		// zoom the page. Raw values, not dom/v2's typed events: these
		// come at the rate of the pointer.
		z.cv.Call("addEventListener", typ, f, map[string]any{"passive": false})
		p.ls.fs = append(p.ls.fs, f)
	}
	on("wheel", func(ev js.Value) { z.wheel(p, ev) })
	on("pointerdown", z.down)
	on("pointermove", z.move)
	on("pointerup", z.up)
	on("pointercancel", z.up)
	on("gesturestart", func(ev js.Value) {
		ev.Call("preventDefault")
		z.gesture = 1
	})
	on("gesturechange", z.pinch)
	on("gestureend", func(ev js.Value) { ev.Call("preventDefault") })
	p.ls.on(byID("zoom-in"), "click", func(dom.Event) { z.step(-1) })
	p.ls.on(byID("zoom-out"), "click", func(dom.Event) { z.step(1) })
	p.ls.on(byID("zoom-reset"), "click", func(dom.Event) { z.resetView() })
}

// step zooms in (dir < 0) or out by a factor of two around the cursor.
func (z *ladderZoom) step(dir float64) {
	z.zoom += dir * math.Ln2
	z.anchor = math.NaN()
	z.pending = true
}

// resetView returns to the automatic view in the next frame.
func (z *ladderZoom) resetView() {
	z.reset, z.pending = true, true
	z.zoom, z.pan = 0, 0
}

// off turns the zoom off at once, dropping pending input: another
// scenario is opened.
func (z *ladderZoom) off() {
	z.on, z.zoom, z.pan, z.reset = false, 0, 0, false
}

// wheel zooms with ctrl (or ⌘; a trackpad's pinch comes as ctrl+wheel)
// at the pointer, and pans with shift or a sideways wheel. A plain wheel
// is the page's: it scrolls.
func (z *ladderZoom) wheel(p *page, ev js.Value) {
	dx, dy := ev.Get("deltaX").Float(), ev.Get("deltaY").Float()
	switch ev.Get("deltaMode").Int() {
	case 1: // lines
		dx, dy = dx*16, dy*16
	case 2: // pages
		dx, dy = dx*z.axis, dy*z.axis
	}
	if math.IsNaN(dx) || math.IsNaN(dy) {
		return
	}
	shift := ev.Get("shiftKey").Bool()
	switch {
	case ev.Get("ctrlKey").Bool() || ev.Get("metaKey").Bool():
		z.zoom += dy * wheelZoom
		z.anchor = ev.Get("offsetY").Float()
	case shift || math.Abs(dx) > math.Abs(dy):
		d := dy
		if math.Abs(dx) > math.Abs(dy) {
			d = dx
		}
		z.pan += d
	default:
		return
	}
	ev.Call("preventDefault")
	z.pending = true
}

// pinch zooms by Safari's trackpad pinch at its centre. Safari on a
// touch screen sends these too, with pointer events that already pinch:
// then they are only kept from zooming the page.
func (z *ladderZoom) pinch(ev js.Value) {
	ev.Call("preventDefault")
	sc := ev.Get("scale").Float()
	if len(z.ptrs) > 0 || !(sc > 0) || !(z.gesture > 0) {
		return
	}
	z.zoom += math.Log(z.gesture / sc)
	z.gesture = sc
	z.anchor = ev.Get("clientY").Float() - z.cv.Call("getBoundingClientRect").Get("top").Float()
	z.pending = true
}

func (z *ladderZoom) find(id int) int {
	for i := range z.ptrs {
		if z.ptrs[i].id == id {
			return i
		}
	}
	return -1
}

func (z *ladderZoom) down(ev js.Value) {
	if ev.Get("pointerType").String() == "mouse" && ev.Get("button").Int() != 0 {
		return
	}
	if len(z.ptrs) == 0 {
		z.moved, z.swallow = false, false
	}
	id := ev.Get("pointerId").Int()
	if len(z.ptrs) >= 2 || z.find(id) >= 0 {
		return
	}
	x, y := ev.Get("offsetX").Float(), ev.Get("offsetY").Float()
	z.ptrs = append(z.ptrs, pointer{id, x, y, x, y})
	// Keep the moves coming when the pointer leaves the canvas. Only a
	// real pointer can be captured (a synthetic event's cannot).
	if ev.Get("isTrusted").Bool() {
		z.cv.Call("setPointerCapture", id)
	}
}

func (z *ladderZoom) move(ev js.Value) {
	i := z.find(ev.Get("pointerId").Int())
	if i < 0 {
		return
	}
	x, y := ev.Get("offsetX").Float(), ev.Get("offsetY").Float()
	was := z.ptrs[i]
	z.ptrs[i].x, z.ptrs[i].y = x, y
	switch len(z.ptrs) {
	case 1:
		if !z.moved {
			if math.Hypot(x-was.x0, y-was.y0) <= dragSlop(ev.Get("pointerType").String()) {
				return
			}
			z.moved = true
			z.box.Class().Add("dragging")
			was.y = was.y0 // the content follows the pointer from where it was grabbed
		}
		// Grab and move, as a map: dragging down shows earlier times.
		z.pan -= y - was.y
	case 2:
		o := z.ptrs[1-i]
		d0, d1 := math.Hypot(was.x-o.x, was.y-o.y), math.Hypot(x-o.x, y-o.y)
		if d0 > 1 && d1 > 1 {
			z.zoom += math.Log(d0 / d1)
		}
		m0, m1 := (was.y+o.y)/2, (y+o.y)/2
		z.pan -= m1 - m0
		z.anchor = m1
		z.moved = true
	}
	z.pending = true
}

func (z *ladderZoom) up(ev js.Value) {
	i := z.find(ev.Get("pointerId").Int())
	if i < 0 {
		return
	}
	z.ptrs = append(z.ptrs[:i], z.ptrs[i+1:]...)
	if len(z.ptrs) == 0 && z.moved {
		z.swallow = true
		z.box.Class().Remove("dragging")
	}
}

// swallowClick reports whether a click on the ladder ends a drag, and
// so is no click.
func (z *ladderZoom) swallowClick() bool {
	s := z.swallow
	z.swallow = false
	return s
}

// key handles the zoom keys: + (or =) and - zoom around the cursor, 0
// resets; ↑ and ↓ (PageUp, PageDown) pan while the ladder has the focus
// (elsewhere they scroll the page). It reports whether k was one.
func (z *ladderZoom) key(k string, onLadder bool) bool {
	switch k {
	case "+", "=":
		z.step(-1)
	case "-", "_":
		z.step(1)
	case "0":
		z.resetView()
	case "ArrowUp", "ArrowDown", "PageUp", "PageDown":
		if !onLadder {
			return false
		}
		d := z.axis / 10
		if k[0] == 'P' {
			d = z.axis * 0.9
		}
		if k == "ArrowUp" || k == "PageUp" {
			d = -d
		}
		z.pan += d
		z.pending = true
	default:
		return false
	}
	return true
}

// apply applies the input since the last frame to the span and marks
// the ladder for redrawing.
func (z *ladderZoom) apply(p *page) {
	if !z.pending {
		return
	}
	z.pending = false
	pn := p.canvas.byName["ladder"]
	pn.dirty = true
	if z.reset {
		z.reset, z.on = false, false
		return
	}
	vp := p.ladderViewport(p.viewport(pn.w, pn.h))
	top, bottom := view.LadderAxis(vp)
	s := view.Span{From: vp.From, To: vp.To}
	lim := z.limits(p)
	if z.pan != 0 {
		s = s.Pan(time.Duration(z.pan/(bottom-top)*float64(s.Len())), lim)
	}
	if z.zoom != 0 {
		at := p.cursorAt()
		if !math.IsNaN(z.anchor) {
			at = s.TimeAt(z.anchor, top, bottom)
		} else if at < s.From || at > s.To {
			at = s.From + s.Len()/2 // the cursor is off the view: its middle
		}
		s = s.ZoomAt(at, math.Exp(max(-30, min(z.zoom, 30))), lim, view.MinSpan(bottom-top))
	}
	z.zoom, z.pan, z.anchor = 0, 0, math.NaN()
	z.on, z.span, z.seen = true, s, p.m.Cursor
}

// limits is how far the ladder may zoom out and pan: the whole run.
func (z *ladderZoom) limits(p *page) view.Span {
	w := p.m.Run.Whole(1, 1)
	return view.Span{From: w.From, To: w.To}
}

// cursorAt is the time of the cursor's event, where the ladder draws its
// cursor line.
func (p *page) cursorAt() time.Duration {
	if p.m.Trace.Len() == 0 || p.m.Cursor < 0 {
		return 0
	}
	return p.m.Trace.Event(p.m.Cursor).At
}

// ladderViewport picks the ladder's span of time. Zoomed, it is the
// user's span, clamped to this run and scrolled to the cursor if the
// cursor moved out of it. Otherwise it is automatic: the whole active
// part of a short run, or, for a long one, a window around the cursor
// holding about one segment per 28 pixels of width on average (10 to
// 40), so arrows and their labels stay readable from a phone to a
// projector.
func (p *page) ladderViewport(vp view.Viewport) view.Viewport {
	r := p.m.Run
	act := r.Active(vp.W, vp.H)
	act.Future, act.Lang, act.FontSize = vp.Future, vp.Lang, vp.FontSize
	z := &p.zoom
	if z.on {
		top, bottom := view.LadderAxis(act)
		lim := z.limits(p)
		s := z.span.Clamp(lim, view.MinSpan(bottom-top))
		if p.m.Cursor != z.seen {
			z.seen = p.m.Cursor
			s = s.Follow(p.cursorAt(), lim)
		}
		z.span = s
		act.From, act.To = s.From, s.To
	} else if n, want := len(r.Segs()), min(max(int(vp.W/28), 10), 40); n > want*3/2 {
		span := (act.To - act.From) * time.Duration(want) / time.Duration(n)
		from := p.m.Time - span/3
		from = max(act.From, min(from, act.To-span))
		act.From, act.To = from, from+span
	}
	z.publish(act)
	return act
}

// publish writes the ladder's span on its canvas for tests and tools:
// data-from-ns and data-to-ns, the plot's data-axis-top and
// data-axis-bottom (CSS px), and data-zoomed on the pane, which lights
// the reset button.
func (z *ladderZoom) publish(vp view.Viewport) {
	top, bottom := view.LadderAxis(vp)
	z.axis = bottom - top
	old := z.published
	if z.cv.IsUndefined() || old.From == vp.From && old.To == vp.To && old.H == vp.H && old.FontSize == vp.FontSize && z.pubOn == z.on {
		return
	}
	z.published, z.pubOn = vp, z.on
	z.cv.Call("setAttribute", "data-from-ns", strconv.FormatInt(int64(vp.From), 10))
	z.cv.Call("setAttribute", "data-to-ns", strconv.FormatInt(int64(vp.To), 10))
	z.cv.Call("setAttribute", "data-axis-top", strconv.FormatFloat(top, 'f', 2, 64))
	z.cv.Call("setAttribute", "data-axis-bottom", strconv.FormatFloat(bottom, 'f', 2, 64))
	z.pane.Call("setAttribute", "data-zoomed", strconv.FormatBool(z.on))
}

// graphViewport spans the active part of the run. The graphs do not
// follow the ladder's zoom: they are the overview of the whole run (where
// the losses are, how cwnd evolves) that the zoomed ladder is a detail
// of.
func (p *page) graphViewport(vp view.Viewport) view.Viewport {
	act := p.m.Run.Active(vp.W, vp.H)
	act.Future, act.Lang, act.FontSize = vp.Future, vp.Lang, vp.FontSize
	return act
}
