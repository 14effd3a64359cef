package main

import (
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/playground/model"
	"tcpplayground/wasm/view"
	"tcpplayground/wasm/view/canvas"
	"tcpplayground/wasm/view/display"
)

// A pane is one canvas view: its canvas sized to its box in CSS pixels at
// the device pixel ratio, its painter and its last display list (kept for
// hit testing and export).
type pane struct {
	name    string
	box     element
	cv      *dom.HTMLCanvasElement
	painter *canvas.Painter
	list    display.List
	// prev is the list before, whose memory the next layout reuses;
	// shown says list is what the canvas shows, in theme shownTheme: a
	// layout equal to it (the state diagram while nothing changes state)
	// is not painted again.
	prev       display.List
	shown      bool
	shownTheme string
	w, h       float64 // CSS pixels, as the ResizeObserver last reported
	drawnW     float64 // the size and pixel ratio the canvas was sized for
	drawnH     float64
	dpr        float64
	dirty      bool
	// visible says the box is on screen (an IntersectionObserver keeps
	// it): a pane off screen is not painted, only marked dirty, so a
	// re-run or a step costs only the views the audience can see.
	visible bool
	draw    func(p *page, l *display.List, vp view.Viewport)
}

// canvases draws the views on their canvases. One ResizeObserver watches
// every box and keeps its size; a resize only marks the pane dirty, the
// frame loop redraws. A frame reads no layout: reading a box's
// clientWidth, or the body's computed font size, right after the frame
// rewrote the inspector and the event list forced a layout or a style
// recalculation per pane per cursor move (BenchmarkBigTraceRedraw's
// profile: 40 % and 13 % of the frame).
type canvases struct {
	panes  []*pane
	byName map[string]*pane
	ro, io *observer
	// segRef is the Sent event of the segment the menu acts on (-1: none)
	// and seg its number (model.SegmentNumber, a scan of the trace, made
	// once when the menu opens).
	segRef int
	seg    struct {
		conn int
		side trace.Side
		n    int
	}
	// at is the time the menu's "now" actions use.
	at time.Duration
	// fontScale is the page's font size over the default 16 px.
	fontScale float64
	// fontStale says the font size may have changed (a resize, the
	// theme, presentation mode or the language): the next frame reads it.
	fontStale bool
}

func (c *canvases) init(p *page) {
	c.byName = map[string]*pane{}
	c.segRef = -1
	c.fontScale = 1
	c.fontStale = true
	add := func(name string, draw func(p *page, l *display.List, vp view.Viewport)) {
		pn := &pane{name: name, box: byID(name + "-box"), cv: canvasEl(byID(name)), draw: draw, dirty: true}
		pn.painter = canvas.NewPainter(pn.cv.GetContext2d())
		c.panes = append(c.panes, pn)
		c.byName[name] = pn
	}
	add("ladder", func(p *page, l *display.List, vp view.Viewport) {
		view.LadderInto(l, p.m.Run, p.m.Cursor, p.ladderViewport(vp))
	})
	add("states", func(p *page, l *display.List, vp view.Viewport) {
		view.StatesInto(l, p.m.Run, p.connAtCursor(), p.m.Cursor, vp)
	})
	add("buffers", func(p *page, l *display.List, vp view.Viewport) {
		view.BuffersInto(l, p.m.Run, p.connAtCursor(), p.m.Cursor, vp)
	})
	// The graphs show the whole active run with the cursor on it, for the
	// connection at the cursor and its data sender.
	graph := func(f func(l *display.List, r *view.Run, conn int, side trace.Side, cursor int, vp view.Viewport)) func(*page, *display.List, view.Viewport) {
		return func(p *page, l *display.List, vp view.Viewport) {
			conn := p.connAtCursor()
			f(l, p.m.Run, conn, p.dataSender(conn), p.m.Cursor, p.graphViewport(vp))
		}
	}
	add("window", graph(view.WindowInto))
	add("rtt", graph(view.RTTInto))
	add("queue", graph(func(l *display.List, r *view.Run, conn int, side trace.Side, cursor int, vp view.Viewport) {
		view.QueueInto(l, r, side, cursor, vp)
	}))
	add("timeseq", graph(view.TimeSeqInto))
	// The first sizes are read once here; the observer's first entries
	// (delivered after the first layout) and every resize's replace them.
	for _, pn := range c.panes {
		pn.w, pn.h = clientSize(pn.box)
	}
	c.ro = newObserver("ResizeObserver", func(target js.Value, _ bool, w, h float64) {
		for _, pn := range c.panes {
			if pn.box.Underlying().Equal(target) {
				pn.w, pn.h = w, h
				pn.dirty = true
				c.fontStale = true
			}
		}
	})
	c.io = newObserver("IntersectionObserver", func(target js.Value, intersecting bool, _, _ float64) {
		for _, pn := range c.panes {
			if pn.box.Underlying().Equal(target) {
				pn.visible = intersecting
			}
		}
	})
	for _, pn := range c.panes {
		c.ro.observe(pn.box)
		c.io.observe(pn.box)
	}
}

// connAtCursor is the connection of the cursor's event (the state diagram
// follows the connection that is acting).
func (p *page) connAtCursor() int {
	if p.m.Trace.Len() == 0 {
		return 0
	}
	return int(p.m.Trace.Event(p.m.Cursor).Conn)
}

// dataSender is the side of connection conn whose application writes
// the most: the one whose windows and sequence numbers the graphs show.
func (p *page) dataSender(conn int) trace.Side {
	var n [2]int
	if conn < len(p.m.Scenario.Connections) {
		for _, a := range p.m.Scenario.Connections[conn].Timeline {
			n[a.Side] += a.Len()
		}
	}
	if n[1] > n[0] {
		return trace.B
	}
	return trace.A
}

// theme is the canvases' theme: presentation mode uses the high-contrast
// one on a light page.
func (p *page) theme() display.Theme {
	switch {
	case p.dark:
		return display.Dark
	case p.presenting:
		return display.HighContrast
	}
	return display.Light
}

// viewport is a view's viewport: its text scales with the page's own
// (larger in presentation mode and on big screens, see style.css).
func (p *page) viewport(w, h float64) view.Viewport {
	return view.Viewport{W: w, H: h, Lang: p.m.Lang, FontSize: 13 * p.canvas.fontScale}
}

// render redraws the panes whose size, run or cursor changed.
func (c *canvases) render(p *page, runChanged, viewChanged bool) {
	dpr := devicePixelRatio()
	if c.fontStale {
		c.fontStale = false
		fs := win.GetComputedStyle(html(doc.Body()), "").GetPropertyValue("font-size")
		if px, err := strconv.ParseFloat(strings.TrimSuffix(fs, "px"), 64); err == nil && px > 0 && px/16 != c.fontScale {
			c.fontScale = px / 16
			for _, pn := range c.panes {
				pn.dirty = true
			}
		}
	}
	for _, pn := range c.panes {
		if pn.w != pn.drawnW || pn.h != pn.drawnH || dpr != pn.dpr {
			pn.drawnW, pn.drawnH, pn.dpr = pn.w, pn.h, dpr
			pn.cv.SetWidth(int(pn.w*dpr + 0.5))
			pn.cv.SetHeight(int(pn.h*dpr + 0.5))
			pn.dirty, pn.shown = true, false
		}
		if runChanged || viewChanged {
			pn.dirty = true
		}
		if !pn.dirty || !pn.visible || pn.w == 0 || pn.h == 0 {
			continue
		}
		pn.dirty = false
		pn.list, pn.prev = pn.prev, pn.list
		pn.draw(p, &pn.list, p.viewport(pn.w, pn.h))
		th := p.theme()
		if pn.shown && pn.shownTheme == th.Name && pn.list.Equal(&pn.prev) {
			continue
		}
		pn.painter.Paint(&pn.list, th, dpr)
		pn.shown, pn.shownTheme = true, th.Name
	}
}

func (c *canvases) wire(p *page) {
	ladder := c.byName["ladder"]
	p.zoom.wire(p)
	p.ls.on(ladder.cv, "click", func(ev dom.Event) {
		if p.zoom.swallowClick() {
			return // the end of a drag that panned the ladder
		}
		rect := ladder.cv.GetBoundingClientRect()
		x, y := clientXY(ev)
		c.openSegMenu(p, x-rect.Left(), y-rect.Top())
	})
	p.ls.on(p.el["segmenu"], "click", func(ev dom.Event) {
		if b := closest(ev, "[data-fault]"); b != nil {
			// Drop, delay, duplicate or corrupt the segment; the first
			// button lets a faulted one through again (the others are
			// hidden then).
			if c.segRef >= 0 {
				sg := c.seg
				action, _ := scenario.ParseFaultAction(b.GetAttribute("data-fault"))
				if model.SegmentFaultOf(p.m.Scenario, sg.conn, sg.side, sg.n) != 0 {
					action = 0
				}
				p.m.Apply(model.SegmentFault(sg.conn, sg.side, sg.n, action, model.FaultDelayMS(p.m.Scenario, sg.side)))
			}
			p.closeSegMenu()
			return
		}
		b := closest(ev, "[data-now]")
		if b == nil {
			return
		}
		what := b.GetAttribute("data-now")
		side := scenario.A
		if what[len(what)-1] == 'B' {
			side = scenario.B
		}
		a := scenario.Action{AtMS: float64(c.at.Microseconds()) / 1000, Side: side, Kind: scenario.Close}
		if what[:5] == "write" {
			a.Kind, a.Bytes = scenario.Write, 1000
		}
		conn := 0
		if c.segRef >= 0 {
			conn = int(p.m.Trace.Event(c.segRef).Conn)
		}
		p.m.Apply(model.AddAction(conn, a))
		p.closeSegMenu()
	})
	p.ls.on(p.el["segmenu-close"], "click", func(dom.Event) { p.closeSegMenu() })
}

// openSegMenu opens the segment menu at (x, y) of the ladder: for the
// segment there, if any (and the inspector shows it), and for the cursor.
func (c *canvases) openSegMenu(p *page, x, y float64) {
	ladder := c.byName["ladder"]
	ref := int32(-1)
	if r, ok := ladder.list.Hit(x, y); ok && int(r) < p.m.Trace.Len() {
		ref = r
	}
	c.openSegMenuFor(p, int(ref), x, y)
}

// openSegMenuFor opens the segment menu for event ref's segment (-1 or
// an event about no segment: the cursor's actions only) at (x, y).
func (c *canvases) openSegMenuFor(p *page, ref int, x, y float64) {
	ladder := c.byName["ladder"]
	c.segRef = -1
	if ref >= 0 {
		if conn, side, n, isSeg := model.SegmentNumber(p.m.Trace, ref); isSeg {
			c.segRef = ref
			c.seg.conn, c.seg.side, c.seg.n = conn, side, n
		}
	}
	c.at = p.m.Time
	menu := p.el["segmenu"]
	drop := p.el["seg-drop"]
	if c.segRef >= 0 {
		p.selected, p.selectedView = c.segRef, p.m.ViewSeq
		p.insp.picked = true
		p.pageSeq++
		e := p.m.Trace.Event(c.segRef)
		h := p.m.Trace.Header(e)
		title := p.t("seg.title") + " #" + strconv.Itoa(int(e.Ref)) + " " + e.Side.String() + "→" + e.Side.Peer().String()
		if h.PayloadLen > 0 {
			title += " · " + strconv.Itoa(int(h.PayloadLen)) + " B"
		}
		setText(p.el["segmenu-title"], title)
		// With a fault scripted on it, the first button lets it through
		// again and the others hide; without, they offer the faults.
		key := "seg.drop"
		fault := model.SegmentFaultOf(p.m.Scenario, c.seg.conn, c.seg.side, c.seg.n)
		switch fault {
		case 0:
			ms := strconv.FormatFloat(model.FaultDelayMS(p.m.Scenario, c.seg.side), 'f', -1, 64)
			setText(html(menu.QuerySelector(`[data-fault="delay"]`)), strings.Replace(p.t("seg.delay"), "{ms}", ms, 1))
		case scenario.FaultDrop:
			key = "seg.restore"
		default:
			key = "seg.undo"
		}
		setText(drop, p.t(key))
		setHidden(drop, false)
		showFaults(menu, drop, fault == 0)
	} else {
		setText(p.el["segmenu-title"], p.t("now.title")+" · t = "+formatMS(c.at))
		setHidden(drop, true)
		showFaults(menu, drop, false)
	}
	// Keep the menu inside the ladder pane.
	st := menu.Style()
	setHidden(menu, false)
	mw, mh := menu.OffsetWidth(), menu.OffsetHeight()
	off := ladder.box.OffsetTop()
	left := min(x+8, ladder.w-mw-4)
	top := min(y+off+8, off+ladder.h-mh-4)
	st.SetProperty("left", strconv.FormatFloat(max(left, 0), 'f', 0, 64)+"px", "")
	st.SetProperty("top", strconv.FormatFloat(max(top, 0), 'f', 0, 64)+"px", "")
	// Focus moves in the next frame: moving it inside a keydown handler
	// would let the same Enter press the newly focused button.
	if c.segRef >= 0 {
		p.focusNext = drop
	} else {
		p.focusNext = p.el["segmenu-close"]
	}
}

// showFaults shows or hides the segment menu's fault buttons other than
// drop, the first, which the caller shows or hides.
func showFaults(menu, drop element, on bool) {
	for _, b := range menu.QuerySelectorAll("[data-fault]") {
		if b := html(b); !same(b, drop) {
			setHidden(b, !on)
		}
	}
}

// closeSegMenu hides the segment menu.
func (p *page) closeSegMenu() {
	setHidden(p.el["segmenu"], true)
	p.canvas.segRef = -1
	p.focusNext = byID("ladder")
}

// export writes a view as SVG or PNG for slides.
func (c *canvases) export(p *page, what, base string) {
	name, format := what, ""
	for i := range what {
		if what[i] == '-' {
			name, format = what[:i], what[i+1:]
		}
	}
	var list *display.List
	switch name {
	case "graphs":
		// The graphs as one picture: windows, RTT, queue, time-sequence.
		var parts []*display.List
		for _, n := range []string{"window", "rtt", "queue", "timeseq"} {
			if pn := c.byName[n]; pn.w > 0 {
				c.layout(p, pn)
				parts = append(parts, &pn.list)
			}
		}
		list = &display.List{}
		stack(list, parts...)
	default:
		pn, ok := c.byName[name]
		if !ok || pn.w == 0 {
			p.m.Fail("nothing to export: the " + name + " view is not shown")
			return
		}
		c.layout(p, pn)
		list = &pn.list
	}
	th := p.theme()
	file := base + "-" + name
	switch format {
	case "svg":
		download(file+".svg", "image/svg+xml", display.SVG(list, th))
	case "png":
		canvas.PNGBlob(list, th, 2, func(blob js.Value) {
			if blob.IsNull() {
				p.m.Fail("the browser could not encode the PNG")
				return
			}
			downloadBlob(file+".png", blob)
		})
	}
}

// layout brings a pane's display list up to date without painting it
// (for an export of a view that is off screen).
func (c *canvases) layout(p *page, pn *pane) {
	if pn.dirty {
		pn.draw(p, &pn.list, p.viewport(pn.w, pn.h))
		pn.shown = false // the canvas shows an older list
	}
}

func (c *canvases) release() {
	c.ro.release()
	c.io.release()
}
