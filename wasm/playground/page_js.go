package main

import (
	"runtime"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/wasm/playground/i18n"
	"tcpplayground/wasm/playground/model"
	"tcpplayground/wasm/view"
	"tcpplayground/wasm/view/display"
)

// page is the running page: the model, the page-local state that is not
// the scenario's (theme, presentation, open menus, the inspected
// segment), and what was last drawn, so a frame redraws only what changed.
type page struct {
	m  *model.Model
	ls listeners

	dark, presenting bool
	helpOpen         bool
	// selected is the event whose segment the inspector shows and the
	// segment menu acts on (-1: the cursor's segment).
	selected     int
	selectedView uint64 // the model's ViewSeq when it was selected
	// pageSeq counts changes to the page-local state.
	pageSeq uint64

	drawnRun, drawnView, drawnUI, drawnPage uint64
	first                                   bool
	drawnLang                               narrate.Lang
	drawnTime                               time.Duration
	lastFrame                               time.Duration

	menuHTML string // the preset menu's markup as last set
	// focusNext is an element to focus at the start of the next frame,
	// or, while enterDown, of the first frame after the Enter key that
	// opened the segment menu is released: the button focused would
	// otherwise take the same press (its keypress can come a frame after
	// the keydown, as it does from a test's or an assistive tool's
	// synthesised keys), dropping the segment.
	focusNext element
	enterDown bool

	root element // <html>
	el   map[string]element

	// published is the RunSeq whose URL fragment and digest the page
	// shows; until it is the current run's, the idle job (idle) is
	// writing them and data-status says "running".
	published uint64
	idleFn    js.Func
	idleSet   bool
	idleOpts  js.Value // requestIdleCallback's options, made once
	// frameFn is the animation-frame callback, raf requestAnimationFrame.
	frameFn js.Func
	raf     js.Value
	// urlFrag is the URL fragment the page last wrote or saw navigated
	// to: a fragment the address bar shows that differs from it is a
	// navigation whose hashchange has not run yet, which idle leaves be.
	urlFrag string
	// warmStep counts the first run's warm-up steps done in idle time:
	// its edit path (warmEdit), then its cursor moves (warmMoves).
	warmStep int
	// panelIO keeps which of the event list and the inspector are on
	// screen: one off screen is brought up to date in idle time, not in
	// the frame (a jump rebuilt the list's 200 rows and the inspector's
	// table in every frame BenchmarkBigTraceRedraw measures, with both
	// below the fold).
	panelIO *observer

	events eventList
	insp   inspector
	editor editor
	canvas canvases
	zoom   ladderZoom
	// gone says the page was hidden for good: the frame loop stops.
	gone bool
}

func newPage() *page {
	p := &page{selected: -1, first: true, root: html(doc.DocumentElement()), el: map[string]element{}}
	for _, id := range []string{"preset", "preset-desc", "undo", "redo", "lang", "theme", "present", "export", "upload",
		"help", "help-open", "help-close", "error", "error-text", "error-close", "controls", "views", "home", "segback",
		"back", "play", "forward", "segfwd", "end", "speed", "speed-out", "clock", "counter", "scrub", "marks",
		"narration", "segmenu", "segmenu-title", "seg-drop", "segmenu-close", "ladder-box", "buffers-box"} {
		p.el[id] = byID(id)
	}
	return p
}

func (p *page) t(key string) string { return i18n.T(p.m.Lang, key) }

// start loads the scenario the URL names and shows the page.
func (p *page) start() {
	lang := narrate.English
	if l, ok := narrate.ParseLang(storageGet("lang")); ok {
		lang = l
	} else if strings.HasPrefix(navigatorLanguage(), "zh") {
		lang = narrate.Chinese
	}
	switch storageGet("theme") {
	case "dark":
		p.dark = true
	case "light":
	default:
		p.dark = prefersDark()
	}
	sc, name, err := model.FromFragment(locationHash())
	if err != nil {
		first := presets.All()[0]
		p.m = model.New(first.Scenario(), first.Name)
		p.m.FailErr(err)
	} else {
		p.m = model.New(sc, name)
	}
	p.m.SetLang(lang)

	if boot := html(doc.GetElementByID("boot")); boot != nil {
		boot.Remove()
	}
	setHidden(p.el["controls"], false)
	setHidden(p.el["views"], false)
	p.buildPresetMenu()
	p.editor.build(p)
	p.events.init(p)
	p.insp.init(p)
	p.canvas.init(p)
	p.panelIO = newObserver("IntersectionObserver", func(target js.Value, in bool, _, _ float64) {
		switch {
		case p.events.pane.Underlying().Equal(target):
			p.events.visible = in
		case p.insp.pane.Underlying().Equal(target):
			p.insp.visible = in
		}
	})
	p.panelIO.observe(p.events.pane)
	p.panelIO.observe(p.insp.pane)
	p.urlFrag = locationHash()
	p.ls.on(winNode, "hashchange", func(dom.Event) { p.urlFrag = locationHash() })
	p.wire()
	p.frame(0)
}

// frame is the one animation-frame loop: it advances playback by the real
// time since the last frame and redraws what changed.
func (p *page) frame(now time.Duration) {
	dt := now - p.lastFrame
	if p.lastFrame == 0 {
		dt = 0
	}
	p.lastFrame = now
	p.events.scrollToCursor()
	if p.focusNext != nil && !p.enterDown {
		p.focusNext.Focus()
		p.focusNext = nil
	}
	p.m.Tick(dt)
	p.zoom.apply(p)
	p.render()
	if !p.gone {
		p.nextFrame()
	}
}

// nextFrame asks for the next animation frame with one callback made once
// (dom/v2's RequestAnimationFrame makes and releases a js.Func each
// frame: several calls into JavaScript per frame, 4 % of a big-trace
// frame in BenchmarkBigTraceRedraw's profile).
func (p *page) nextFrame() {
	if p.frameFn.IsUndefined() {
		p.frameFn = js.FuncOf(func(_ js.Value, args []js.Value) any {
			var now time.Duration
			if len(args) > 0 {
				now = time.Duration(args[0].Float() * float64(time.Millisecond))
			}
			p.frame(now)
			return nil
		})
		p.raf = global.Get("requestAnimationFrame")
	}
	p.raf.Invoke(p.frameFn)
}

// render brings the DOM and the canvases up to date with the model.
func (p *page) render() {
	m := p.m
	runChanged := m.RunSeq != p.drawnRun || p.first
	uiChanged := m.UISeq != p.drawnUI || p.pageSeq != p.drawnPage || p.first
	viewChanged := m.ViewSeq != p.drawnView || runChanged || uiChanged
	if p.pageSeq != p.drawnPage || m.Lang != p.drawnLang || p.first {
		// Presentation mode, the theme and the language can change the
		// page's font size, which the views' text follows.
		p.canvas.fontStale = true
	}
	langChanged := m.Lang != p.drawnLang || p.first
	if runChanged {
		p.afterRun(langChanged)
	}
	if uiChanged {
		p.renderUI(runChanged)
	}
	// The canvases paint before the cursor's DOM writes (inspector, event
	// list, narration): the font size they may read then needs at most the
	// style recalculation of a rare UI change, never a layout of the rows
	// this frame is about to rewrite.
	p.canvas.render(p, runChanged, viewChanged || uiChanged)
	if viewChanged {
		p.renderView()
	} else if m.Time != p.drawnTime {
		p.renderClock()
	}
	if p.events.stale || p.insp.stale {
		p.renderPanels(true)
	}
	p.drawnRun, p.drawnUI, p.drawnView, p.drawnPage = m.RunSeq, m.UISeq, m.ViewSeq, p.pageSeq
	p.first = false
}

// afterRun shows a new run: the timeline marks, the event list and the
// editor's values. Its URL fragment and digest follow in idle time.
func (p *page) afterRun(langChanged bool) {
	p.selected = -1
	// Data both ways: the buffers view draws two blocks (style.css).
	toggleClass(p.el["buffers-box"], "both", p.m.Run.DataBothWays())
	p.renderMarks()
	p.events.built = false
	if !langChanged {
		// A new language rebuilds the editor in renderUI anyway.
		p.editor.update(p)
	}
	p.scheduleIdle()
}

// idleSlice is how long one idle callback may hash when the browser gives
// no deadline (no requestIdleCallback: Safari).
const idleSlice = 4 * time.Millisecond

// scheduleIdle asks for idle to run when the browser is idle (or, at the
// latest, 100 ms from now).
func (p *page) scheduleIdle() {
	if p.idleSet || p.gone {
		return
	}
	p.idleSet = true
	if p.idleFn.IsUndefined() {
		p.idleFn = js.FuncOf(func(_ js.Value, args []js.Value) any {
			p.idleSet = false
			var deadline js.Value
			if len(args) > 0 {
				deadline = args[0]
			}
			p.idle(deadline)
			return nil
		})
	}
	if ric := global.Get("requestIdleCallback"); ric.Type() == js.TypeFunction {
		if p.idleOpts.IsUndefined() {
			p.idleOpts = js.ValueOf(map[string]any{"timeout": 100})
		}
		global.Call("requestIdleCallback", p.idleFn, p.idleOpts)
	} else {
		global.Call("setTimeout", p.idleFn, 0)
	}
}

// idle publishes the current run off the path from an edit to its
// redraw: the URL fragment (encoding it costs a millisecond), then the
// SHA-256 of its trace text (a 100 000-segment trace's text is tens of
// megabytes), hashed a slice at a time, and last data-status="ready",
// so "ready" still means the digest shown is the run's.
func (p *page) idle(deadline js.Value) {
	m := p.m
	if p.gone {
		return
	}
	p.renderPanels(false)
	if p.published == m.RunSeq {
		return
	}
	// The first run is warmed up before it is published, so "ready"
	// means a first edit or move no longer pays WebAssembly's compilation,
	// nor the page's first garbage collection: that one starts the
	// collector's workers and runs the finalizers of every JS value made
	// so far, 20-30 ms in Chromium, and it fell in the first slider move
	// (BenchmarkSliderRerun) once a run stopped allocating its endpoints'
	// buffers. Each warm-up step has an idle callback of its own, so
	// input waits for one step at most.
	if p.warmStep < 3 {
		switch {
		case p.warmStep == 0 && m.Trace.Len() < warmEditMax:
			p.warmEdit()
		case p.warmStep == 1:
			p.warmMoves()
		case p.warmStep == 2:
			runtime.GC()
		}
		p.warmStep++
		p.scheduleIdle()
		return
	}
	perf := global.Get("performance")
	end := perf.Call("now").Float() + float64(idleSlice)/float64(time.Millisecond)
	if deadline.Type() == js.TypeObject {
		end = perf.Call("now").Float() + deadline.Call("timeRemaining").Float()
	}
	if frag := "#" + m.Fragment(); frag != p.urlFrag && locationHash() == p.urlFrag {
		replaceHash(frag)
		p.urlFrag = frag
	}
	for !m.HashSome(256) {
		if perf.Call("now").Float() >= end {
			p.scheduleIdle()
			return
		}
	}
	p.published = m.RunSeq
	p.root.SetAttribute("data-trace-sha256", m.Digest())
	p.setStatus()
}

// warmEditMax is the largest run whose edit path warmEdit runs again: a
// bigger one would cost a user-noticeable simulation; warmMoves warms
// only its cursor moves.
const warmEditMax = 20000

// warmMoves runs a cursor move's path (seek, lay out and paint the views
// on screen, the narration and the clock) at the start, the middle and
// the end of the run, then redraws where the cursor is, all in one idle
// callback before the run is published, so the browser shows none of it
// (the panes off screen are laid out, not painted).
// WebAssembly compiles a function on its first call: on a fresh page of
// a 100 000-segment run the first moves took 9-15 ms, the next 3-5
// (BenchmarkBigTraceRedraw).
func (p *page) warmMoves() {
	m := p.m
	here := m.Here()
	// The narration of the places visited is not read out (the last
	// render sets aria-live again).
	p.el["narration"].SetAttribute("aria-live", "off")
	// The panes off screen are only laid out (into a list no canvas
	// shows), so scrolling to them later does not pay the compilation.
	var off display.List
	for _, f := range []float64{1, 0, 0.5, 0.25} {
		m.SetTime(time.Duration(f * float64(m.Duration())))
		p.render()
		for _, pn := range p.canvas.panes {
			if !pn.visible && pn.w > 0 && pn.h > 0 {
				pn.draw(p, &off, p.viewport(pn.w, pn.h))
			}
		}
	}
	// The ladder zoomed out to the whole run takes the dense path, whose
	// index of segments by colour the Run builds on first use: 110 000
	// segments' worth, 3-8 ms and a garbage collection in the first
	// zoom-out's frame otherwise (BenchmarkBigTraceRedraw's profile).
	if pn := p.canvas.byName["ladder"]; pn.w > 0 && pn.h > 0 {
		vp := p.viewport(pn.w, pn.h)
		whole := m.Run.Whole(vp.W, vp.H)
		whole.Lang, whole.FontSize = vp.Lang, vp.FontSize
		view.LadderInto(&off, m.Run, m.Cursor, whole)
	}
	m.Return(here)
	p.render()
}

// warmEdit runs an edit's path once, off the page, in idle time after the
// first run: WebAssembly compiles a function when it is first called, and
// a first slider move paid that for the whole edit path (BenchmarkSliderRerun:
// 45 ms + 30 ms for the first move, 2 + 15 ms for the next, even after 1.5 s).
func (p *page) warmEdit() {
	next := p.m.Scenario.Clone()
	if next.Validate() != nil {
		return
	}
	if r, err := view.NewRun(next); err == nil {
		var l display.List
		view.LadderInto(&l, r, r.Trace.Len()/2, r.Active(800, 600))
	}
}

// setStatus sets <html data-status>: "error" when the error box shows a
// problem, "running" until the run's digest is published, "ready".
func (p *page) setStatus() {
	status := "ready"
	switch {
	case p.m.Err != "":
		status = "error"
	case p.published != p.m.RunSeq:
		status = "running"
	}
	p.root.SetAttribute("data-status", status)
}

// renderUI updates everything that is not the cursor: language, theme,
// presentation, the preset menu, undo and redo, errors, playback state.
func (p *page) renderUI(runChanged bool) {
	m := p.m
	lang := m.Lang.String()
	if m.Lang != p.drawnLang || p.first {
		p.drawnLang = m.Lang
		p.root.SetAttribute("lang", m.Lang.Pick("en", "zh-Hans"))
		p.translate()
		selectEl(p.el["lang"]).SetValue(lang)
		p.buildPresetMenu()
		p.editor.build(p)
		p.editor.update(p)
		p.events.built = false
	} else if runChanged {
		p.buildPresetMenu()
	}
	theme := "light"
	if p.dark {
		theme = "dark"
	}
	p.root.SetAttribute("data-theme", theme)
	p.el["theme"].SetAttribute("aria-pressed", strconv.FormatBool(p.dark))
	toggleClass(p.root, "presentation", p.presenting)
	p.el["present"].SetAttribute("aria-pressed", strconv.FormatBool(p.presenting))
	setHidden(p.el["help"], !p.helpOpen)
	setDisabled(p.el["undo"], !m.CanUndo())
	setDisabled(p.el["redo"], !m.CanRedo())
	playKey := "play"
	if m.Playing {
		playKey = "pause"
	}
	toggleClass(p.el["play"], "playing", m.Playing)
	p.el["play"].SetAttribute("aria-label", p.t(playKey))
	p.el["play"].SetAttribute("title", p.t(playKey))
	input(p.el["speed"]).SetValue(strconv.Itoa(m.Speed))
	speed := model.SpeedNames[m.Speed]
	if m.Speed == len(model.Speeds)-1 {
		speed = p.t("realtime")
	}
	setText(p.el["speed-out"], speed)
	msg := errorText(p)
	if msg == "" && m.Run.Err != nil {
		// A hard limit stopped the run: what happened until then is
		// shown, and the page says why it ends there.
		msg = p.t("run.limit") + ": " + m.Run.Err.Error()
	}
	setText(p.el["error-text"], msg)
	setHidden(p.el["error"], msg == "")
	p.setStatus()
	p.editor.showError(p)
}

// translate fills every element marked data-i18n, data-i18n-label or
// data-i18n-title with the current language's string.
func (p *page) translate() {
	for _, attr := range []string{"data-i18n", "data-i18n-label", "data-i18n-title"} {
		for _, e := range p.root.QuerySelectorAll("[" + attr + "]") {
			el := html(e)
			s := p.t(el.GetAttribute(attr))
			switch attr {
			case "data-i18n":
				setText(el, s)
			case "data-i18n-label":
				el.SetAttribute("aria-label", s)
			default:
				el.SetAttribute("title", s)
			}
		}
	}
	setDocumentTitle(p.t("app.title"))
}

// renderView updates what follows the cursor: the clock, the scrubber,
// the narration, the event list's highlight and the inspector.
func (p *page) renderView() {
	m := p.m
	p.root.SetAttribute("data-cursor", strconv.Itoa(m.Cursor))
	p.renderClock()
	setText(p.el["counter"], p.t("event")+" "+strconv.Itoa(m.Cursor+1)+" / "+strconv.Itoa(m.Trace.Len()))
	// While playing, the narration changes too fast to be read out.
	live := "polite"
	if m.Playing {
		live = "off"
	}
	p.el["narration"].SetAttribute("aria-live", live)
	setText(p.el["narration"], m.Narration())
	p.events.stale, p.insp.stale = true, true
}

// renderPanels brings the event list and the inspector up to date: in a
// frame only those on screen, in idle time one of them per callback, so
// an idle callback landing between a move and its frame delays the frame
// by one panel's markup at most. The list is scrolled to the cursor's row
// at the start of a frame, when it is on screen (scrollToCursor).
func (p *page) renderPanels(inFrame bool) {
	if p.events.stale && (p.events.visible || !inFrame) {
		p.events.stale = false
		p.events.update(p)
		if !inFrame && p.insp.stale {
			p.scheduleIdle()
			return
		}
	}
	if p.insp.stale && (p.insp.visible || p.insp.picked || !inFrame) {
		p.insp.stale, p.insp.picked = false, false
		p.insp.show(p)
	}
	if p.events.stale || p.insp.stale {
		p.scheduleIdle()
	}
}

// renderClock shows the virtual time on the clock and the scrubber.
func (p *page) renderClock() {
	m := p.m
	p.drawnTime = m.Time
	setText(p.el["clock"], "t = "+formatMS(m.Time))
	if d := m.Duration(); d > 0 {
		input(p.el["scrub"]).SetValue(strconv.Itoa(int(1000 * float64(m.Time) / float64(d))))
	}
}

// formatMS writes a virtual time in milliseconds with microseconds.
func formatMS(d time.Duration) string {
	us := d.Microseconds()
	s := strconv.FormatInt(us/1000, 10) + "." + strconv.FormatInt(1000+us%1000, 10)[1:]
	return s + " ms"
}
