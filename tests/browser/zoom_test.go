//go:build !js

package browser

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tests/internal/browsertest"
	"tcpplayground/wasm/view"
)

// The ladder's zoom and pan (wasm/playground/zoom_js.go), driven with
// real input: Chromium's own mouse wheel, mouse and touch events, keys
// and buttons. The ladder publishes the span it shows on its canvas
// (data-from-ns, data-to-ns) and where its time axis lies
// (data-axis-top, data-axis-bottom, CSS px), so a test can tell the time
// under a pointer.

// ladderSpan is what the ladder shows, read after the page's next frame.
type ladderSpan struct {
	From, To    float64 // ns
	Top, Bottom float64 // CSS px of the canvas
	Zoomed      bool
}

func (s ladderSpan) len() float64 { return s.To - s.From }

// timeAt is the time (ns) drawn at y (CSS px from the canvas's top).
func (s ladderSpan) timeAt(y float64) float64 {
	return s.From + (y-s.Top)/(s.Bottom-s.Top)*s.len()
}

// nsPerPx is the scale of the axis.
func (s ladderSpan) nsPerPx() float64 { return s.len() / (s.Bottom - s.Top) }

func readSpan(t *testing.T, p *browsertest.Page) ladderSpan {
	t.Helper()
	poll(p, nextFrame)
	var s ladderSpan
	p.Eval(`(function () {
  const c = document.getElementById("ladder");
  return {From: +c.dataset.fromNs, To: +c.dataset.toNs, Top: +c.dataset.axisTop, Bottom: +c.dataset.axisBottom,
    Zoomed: document.getElementById("ladder-pane").dataset.zoomed === "true"};
})()`, &s)
	if !(s.To > s.From) || !(s.Bottom > s.Top) {
		t.Fatalf("the ladder shows %+v", s)
	}
	return s
}

// ladderOrigin scrolls the ladder into the middle of the window and
// returns its top left in the window's CSS px.
func ladderOrigin(p *browsertest.Page) (x, y float64) {
	var pos []float64
	p.Eval(`(function () {
  const c = document.getElementById("ladder");
  c.scrollIntoView({block: "center"});
  const r = c.getBoundingClientRect();
  return [r.left, r.top];
})()`, &pos)
	return pos[0], pos[1]
}

// wheel sends a real mouse wheel event at (x, y) of the ladder.
func wheel(p *browsertest.Page, x, y, dx, dy float64, mods input.Modifier) {
	ox, oy := ladderOrigin(p)
	p.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		return input.DispatchMouseEvent(input.MouseWheel, ox+x, oy+y).WithDeltaX(dx).WithDeltaY(dy).WithModifiers(mods).Do(ctx)
	}))
	poll(p, nextFrame)
}

// near fails unless got is within tol of want.
func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.0f, want %.0f (± %.0f)", what, got, want, tol)
	}
}

// wholeRun is the longest span the ladder may show: the whole run.
func wholeRun(t *testing.T, preset string) view.Span {
	t.Helper()
	pr, ok := presets.Lookup(preset)
	if !ok {
		t.Fatalf("no preset %s", preset)
	}
	r, err := view.NewRun(pr.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	w := r.Whole(1, 1)
	return view.Span{From: w.From, To: w.To}
}

// TestZoomWheelAtThePointer zooms in and out with ctrl+wheel (what a
// trackpad's pinch sends) over the ladder: the span narrows and widens,
// and the time under the pointer stays under it. A plain wheel is left
// to the page, which scrolls.
func TestZoomWheelAtThePointer(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	auto := readSpan(t, p)
	if auto.Zoomed {
		t.Fatal("the ladder is zoomed at load")
	}
	x, y := 300.0, auto.Top+(auto.Bottom-auto.Top)*0.3
	at := auto.timeAt(y)
	wheel(p, x, y, 0, -300, input.ModifierCtrl)
	in := readSpan(t, p)
	if !in.Zoomed || !(in.len() < auto.len()*0.6) {
		t.Fatalf("ctrl+wheel up: span %.0f ns (zoomed %v), was %.0f: want it narrower", in.len(), in.Zoomed, auto.len())
	}
	near(t, "the time under the pointer after zooming in", in.timeAt(y), at, in.nsPerPx())
	wheel(p, x, y, 0, 150, input.ModifierCtrl)
	out := readSpan(t, p)
	if !(out.len() > in.len()*1.2) {
		t.Errorf("ctrl+wheel down: span %.0f ns, was %.0f: want it wider", out.len(), in.len())
	}
	near(t, "the time under the pointer after zooming out", out.timeAt(y), at, out.nsPerPx())

	// A plain wheel scrolls the page and leaves the ladder alone.
	var before, after float64
	p.Eval(`scrollY`, &before)
	wheel(p, x, y, 0, 200, 0)
	p.Eval(`scrollY`, &after)
	if s := readSpan(t, p); s != out {
		t.Errorf("a plain wheel changed the ladder: %+v, was %+v", s, out)
	}
	if after == before {
		t.Errorf("a plain wheel over the ladder did not scroll the page (scrollY %v)", after)
	}
	// The zoom is view state: not an edit, not in the URL.
	if h := locationHash(p); h != "#p=fast-retransmit" {
		t.Errorf("after zooming the URL fragment is %q", h)
	}
	var undo bool
	p.Eval(`document.getElementById("undo").disabled`, &undo)
	if !undo {
		t.Error("zooming made an undo step")
	}
	// Zoomed in on the fast retransmission, for a person to look at.
	stepSegments(p, 22)
	showAll(p, 1280, 1)
	p.Screenshot("zoom-ladder")
}

// TestZoomDragPans drags the ladder with the mouse: the span moves by the
// time the drag covers, keeps its length, and the drag opens no segment
// menu; a click without movement still does. Shift+wheel pans too.
func TestZoomDragPans(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	stepSegments(p, 15)
	key(p, "+")
	key(p, "+")
	s0 := readSpan(t, p)
	if !s0.Zoomed {
		t.Fatal("+ did not zoom")
	}
	ox, oy := ladderOrigin(p)
	x, y := 320.0, (s0.Top+s0.Bottom)/2
	mouse := func(typ input.MouseType, y float64, buttons int64) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			return input.DispatchMouseEvent(typ, ox+x, oy+y).WithButton(input.Left).WithButtons(buttons).WithClickCount(1).Do(ctx)
		})
	}
	// Drag down by 120 px: earlier times come into view.
	p.Run(mouse(input.MousePressed, y, 1))
	for d := 10.0; d <= 120; d += 10 {
		p.Run(mouse(input.MouseMoved, y+d, 1))
	}
	p.Run(mouse(input.MouseReleased, y+120, 0))
	s1 := readSpan(t, p)
	near(t, "the span's length after a drag", s1.len(), s0.len(), 2)
	near(t, "the span's start after a 120 px drag down", s1.From, s0.From-120*s0.nsPerPx(), 2*s0.nsPerPx())
	var menu bool
	p.Eval(`document.getElementById("segmenu").hidden`, &menu)
	if !menu {
		t.Error("the drag opened the segment menu")
	}

	// Shift+wheel pans by the wheel's pixels (up: earlier).
	wheel(p, x, y, 0, -60, input.ModifierShift)
	s2 := readSpan(t, p)
	near(t, "the span's start after shift+wheel 60 px up", s2.From, s1.From-60*s1.nsPerPx(), 2*s1.nsPerPx())

	// A click without movement on a data segment opens its menu.
	cx, cy, ok := findColor(p, "ladder", "#0072b2", 40)
	if !ok {
		p.Screenshot("zoom-no-data-segment")
		t.Fatal("no data segment drawn on the zoomed ladder")
	}
	clickCanvas(p, "ladder", cx, cy)
	var title string
	p.Eval(`document.getElementById("segmenu").hidden ? "" : document.getElementById("segmenu-title").textContent`, &title)
	if !strings.Contains(title, "#") {
		t.Errorf("a click on a segment of the zoomed ladder opened %q, want its menu", title)
	}
	if s := readSpan(t, p); s != s2 {
		t.Errorf("the click moved the ladder: %+v, was %+v", s, s2)
	}
}

// TestZoomButtonsKeysAndReset: the buttons and + = - 0 zoom around the
// cursor line by a factor of two and return to the automatic view;
// ↑ and ↓ pan while the ladder has the focus.
func TestZoomButtonsKeysAndReset(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	for range 12 {
		key(p, kb.ArrowRight)
	}
	auto := readSpan(t, p)
	cur := clockNS(t, p)
	p.Run(chromedp.Click("#zoom-in", chromedp.ByQuery))
	s := readSpan(t, p)
	near(t, "the span after the zoom-in button", s.len(), auto.len()/2, 2)
	near(t, "the cursor's place after the zoom-in button", (cur-s.From)/s.len(), (cur-auto.From)/auto.len(), 0.01)
	key(p, "=")
	near(t, "the span after =", readSpan(t, p).len(), auto.len()/4, 2)
	key(p, "-")
	near(t, "the span after -", readSpan(t, p).len(), auto.len()/2, 2)
	p.Run(chromedp.Click("#zoom-out", chromedp.ByQuery))
	poll(p, nextFrame)
	p.Run(chromedp.Click("#zoom-in", chromedp.ByQuery))
	s = readSpan(t, p)
	near(t, "the span after - then +", s.len(), auto.len()/2, 2)

	p.Run(chromedp.Focus("#ladder", chromedp.ByQuery))
	key(p, kb.ArrowDown)
	down := readSpan(t, p)
	near(t, "the span's start after ↓", down.From, s.From+s.len()/10, s.nsPerPx()*2)
	key(p, kb.ArrowUp)
	near(t, "the span's start after ↑", readSpan(t, p).From, s.From, s.nsPerPx()*2)

	key(p, "0")
	if r := readSpan(t, p); r != auto {
		t.Errorf("0: the ladder shows %+v, want the automatic %+v", r, auto)
	}
	p.Run(chromedp.Click("#zoom-in", chromedp.ByQuery))
	poll(p, nextFrame)
	p.Run(chromedp.Click("#zoom-reset", chromedp.ByQuery))
	if r := readSpan(t, p); r != auto {
		t.Errorf("the reset button: the ladder shows %+v, want the automatic %+v", r, auto)
	}
}

// clockNS is the cursor's time from the clock ("t = 12.345 ms") in ns.
func clockNS(t *testing.T, p *browsertest.Page) float64 {
	t.Helper()
	var clock string
	p.Eval(`document.getElementById("clock").textContent`, &clock)
	ms, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(clock, "t = "), " ms"), 64)
	if err != nil {
		t.Fatalf("clock %q: %v", clock, err)
	}
	return ms * 1e6
}

// TestZoomFollowsTheCursor zooms in far, then steps and jumps: the
// cursor stays in view and the zoom level is kept. Panning away from
// the cursor is allowed until the cursor moves again.
func TestZoomFollowsTheCursor(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	for range 4 {
		key(p, "+")
	}
	zoomed := readSpan(t, p)
	inView := func(what string) ladderSpan {
		t.Helper()
		s := readSpan(t, p)
		cur := clockNS(t, p)
		if cur < s.From || cur > s.To {
			t.Errorf("%s: the cursor at %.0f ns is outside the ladder's span [%.0f, %.0f]", what, cur, s.From, s.To)
		}
		near(t, what+": the span's length", s.len(), zoomed.len(), 2)
		return s
	}
	start := inView("zoomed in")
	for i := range 40 {
		key(p, kb.ArrowRight, chromedp.KeyModifiers(input.ModifierShift))
		inView("segment step " + strconv.Itoa(i+1))
	}
	if s := readSpan(t, p); s.From == start.From {
		t.Error("forty segment steps never scrolled the zoomed ladder")
	}
	key(p, kb.End)
	inView("End")
	for range 5 {
		key(p, kb.ArrowLeft)
	}
	inView("back five events")
	key(p, kb.Home)
	inView("Home")
	// Panned away, the view stays there until the cursor moves.
	wheel(p, 300, 300, 0, 5000, input.ModifierShift)
	away := readSpan(t, p)
	if cur := clockNS(t, p); cur >= away.From && cur <= away.To {
		t.Fatalf("panning by 5000 px left the cursor in view")
	}
	poll(p, nextFrame)
	if s := readSpan(t, p); s != away {
		t.Errorf("the panned view moved by itself to %+v", s)
	}
	key(p, kb.ArrowRight)
	inView("a step after panning away")

	// Playback: in every frame the ladder shows the cursor's event.
	pr, _ := presets.Lookup("fast-retransmit")
	tr, err := sim.Run(pr.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	setInput(p, "#speed", "4")
	p.Run(chromedp.Click("#play", chromedp.ByQuery))
	ladderOrigin(p) // the page paints only the views on screen
	poll(p, nextFrame)
	froms := map[float64]bool{}
	for range 30 {
		var at []float64
		p.Eval(`new Promise(r => requestAnimationFrame(() => {
  const c = document.getElementById("ladder");
  r([+document.documentElement.dataset.cursor, +c.dataset.fromNs, +c.dataset.toNs]);
}))`, &at)
		ev := float64(tr.Event(int(at[0])).At)
		if ev < at[1] || ev > at[2] || math.Abs(at[2]-at[1]-zoomed.len()) > 2 {
			t.Errorf("playing, event %.0f at %.0f ns: the ladder shows [%.0f, %.0f], want it in a span of %.0f", at[0], ev, at[1], at[2], zoomed.len())
			break
		}
		froms[at[1]] = true
	}
	if len(froms) < 2 {
		t.Errorf("thirty frames of playback never scrolled the zoomed ladder: %v", froms)
	}
}

// TestZoomWithoutRoom zooms and pans while the ladder has no size (a
// page laying out, a pane squeezed to nothing): no error, and once it has
// room again it shows a valid zoomed span.
func TestZoomWithoutRoom(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	p.Eval(`document.getElementById("ladder-box").style.cssText = "width: 0; height: 0", true`, nil)
	poll(p, nextFrame)
	key(p, "+")
	key(p, "-")
	key(p, "+")
	p.Run(chromedp.Focus("#ladder", chromedp.ByQuery))
	key(p, kb.PageDown)
	p.Eval(`document.getElementById("ladder-box").style.cssText = "", true`, nil)
	poll(p, nextFrame)
	s := readSpan(t, p)
	if !s.Zoomed || s.From < 0 {
		t.Errorf("after zooming with no room the ladder shows %+v", s)
	}
	if ink := canvasInk(p, "ladder"); ink < 50 {
		t.Errorf("the ladder drew nothing (%d) after zooming with no room", ink)
	}
}

// TestZoomLimits zooms out past the whole run, in past the finest scale
// and pans past both ends: the span stops at the run and at 2 µs per
// 100 px.
func TestZoomLimits(t *testing.T) {
	const preset = "fast-retransmit"
	whole := wholeRun(t, preset)
	p, _ := open(t, "#p="+preset)
	wheel(p, 300, 300, 0, 20000, input.ModifierCtrl)
	s := readSpan(t, p)
	if s.From != float64(whole.From) || s.To != float64(whole.To) {
		t.Errorf("zoomed out all the way: [%.0f, %.0f], want the whole run [%d, %d]", s.From, s.To, whole.From, whole.To)
	}
	for range 3 {
		wheel(p, 300, 300, 0, -20000, input.ModifierCtrl)
	}
	s = readSpan(t, p)
	near(t, "the span zoomed in all the way", s.len(), float64(view.MinSpan(s.Bottom-s.Top)), 2)
	wheel(p, 300, 300, 0, 1e9, input.ModifierShift)
	s = readSpan(t, p)
	if s.To != float64(whole.To) {
		t.Errorf("panned past the end: ends at %.0f, want the run's end %d", s.To, whole.To)
	}
	wheel(p, 300, 300, 0, -1e9, input.ModifierShift)
	s = readSpan(t, p)
	if s.From != float64(whole.From) {
		t.Errorf("panned past the start: starts at %.0f, want %d", s.From, whole.From)
	}
	for _, v := range []float64{s.From, s.To, s.Top, s.Bottom} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("the span has %v: %+v", v, s)
		}
	}
}

// TestZoomPinch pinches the ladder with two fingers (real touch events):
// spreading them zooms in around their midpoint; one finger drags.
func TestZoomPinch(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	s0 := readSpan(t, p)
	ox, oy := ladderOrigin(p)
	x, mid := 300.0, s0.Top+(s0.Bottom-s0.Top)*0.5
	at := s0.timeAt(mid)
	touch := func(typ input.TouchType, pts ...float64) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var tp []*input.TouchPoint
			for i := 0; i < len(pts); i++ {
				tp = append(tp, &input.TouchPoint{X: ox + x, Y: oy + pts[i], ID: float64(i + 1)})
			}
			return input.DispatchTouchEvent(typ, tp).Do(ctx)
		})
	}
	p.Run(touch(input.TouchStart, mid-20, mid+20))
	for d := 30.0; d <= 80; d += 10 {
		p.Run(touch(input.TouchMove, mid-d, mid+d))
	}
	p.Run(touch(input.TouchEnd))
	s1 := readSpan(t, p)
	if !(s1.len() < s0.len()/2) {
		t.Fatalf("spreading two fingers from 40 to 160 px: span %.0f, was %.0f, want about a quarter", s1.len(), s0.len())
	}
	near(t, "the time under the fingers", s1.timeAt(mid), at, 3*s1.nsPerPx())

	// One finger drags down 100 px: earlier times come into view.
	p.Run(touch(input.TouchStart, mid))
	for d := 10.0; d <= 100; d += 10 {
		p.Run(touch(input.TouchMove, mid+d))
	}
	p.Run(touch(input.TouchEnd))
	s2 := readSpan(t, p)
	near(t, "the span's start after a 100 px finger drag down", s2.From, s1.From-100*s1.nsPerPx(), 2*s1.nsPerPx())
	var menu bool
	p.Eval(`document.getElementById("segmenu").hidden`, &menu)
	if !menu {
		t.Error("the finger drag opened the segment menu")
	}
}

// TestZoomAcrossRuns: an edit (dropping a segment) keeps the zoom, as
// does undo; another preset returns to the automatic view. The help
// lists the zoom keys in both languages.
func TestZoomAcrossRuns(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	stepSegments(p, 20)
	key(p, "+")
	z := readSpan(t, p)
	p.Run(chromedp.Focus("#ladder", chromedp.ByQuery))
	key(p, kb.Enter)
	orig := htmlAttr(p, "data-trace-sha256")
	p.Run(chromedp.Click("#seg-drop", chromedp.ByQuery))
	poll(p, `document.documentElement.getAttribute("data-trace-sha256") !== `+strconv.Quote(orig))
	if s := readSpan(t, p); !s.Zoomed || math.Abs(s.len()-z.len()) > 2 {
		t.Errorf("after dropping a segment the ladder shows %+v, want the zoomed %+v", s, z)
	}
	setInput(p, "#preset", "handshake")
	poll(p, `location.hash === "#p=handshake"`)
	if s := readSpan(t, p); s.Zoomed {
		t.Errorf("another preset kept the zoom: %+v", s)
	}

	for _, lang := range []string{"en", "zh"} {
		setInput(p, "#lang", lang)
		var got []string
		p.Eval(`["k.zoom", "k.zoom0", "k.pan", "k.mouse.zoom.do", "k.mouse.pan.do", "zoom.in"].map(k => {
  const el = document.querySelector("[data-i18n='" + k + "'], [data-i18n-label='" + k + "']");
  return !el ? "" : el.hasAttribute("data-i18n-label") ? el.getAttribute("aria-label") : el.textContent;
})`, &got)
		for _, s := range got {
			if s == "" || lang == "zh" && !strings.ContainsAny(s, "放缩移动") {
				t.Errorf("%s: zoom help texts %q", lang, got)
				break
			}
		}
	}
}

// TestZoomExportsWhatIsShown zooms in and exports the ladder as SVG:
// every time on its axis lies in the span the canvas shows.
func TestZoomExportsWhatIsShown(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit", withBlobCapture)
	auto := readSpan(t, p)
	wheel(p, 300, (auto.Top+auto.Bottom)/2, 0, -400, input.ModifierCtrl)
	s := readSpan(t, p)
	var svg string
	p.Eval(`(async function () {
  window.__blobs = [];
  document.querySelector('[data-export="ladder-svg"]').click();
  while (!window.__blobs.length) await new Promise(r => setTimeout(r, 5));
  return await window.__blobs[0].text();
})()`, &svg)
	times := regexp.MustCompile(`>(\d+(?:\.\d+)?) (ms|s)<`).FindAllStringSubmatch(svg, -1)
	if len(times) < 3 {
		t.Fatalf("the exported ladder has %d time labels", len(times))
	}
	tol := s.len() / 50 // a label is rounded to its grid step's precision
	for _, m := range times {
		v, _ := strconv.ParseFloat(m[1], 64)
		ns := v * 1e6
		if m[2] == "s" {
			ns = v * 1e9
		}
		if ns < s.From-tol || ns > s.To+tol {
			t.Errorf("the exported ladder is labelled %s %s, outside the span shown [%.0f, %.0f] ns", m[1], m[2], s.From, s.To)
		}
	}
}

// TestZoomInPresentationAndOnAPhone: in presentation mode and on a
// phone's screen the zoom buttons are shown, inside the ladder's pane,
// and work.
func TestZoomInPresentationAndOnAPhone(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int64
		keys string
	}{
		{"presentation", 1024, 768, "p"},
		{"phone", 390, 844, ""},
	} {
		p, _ := open(t, "#p=fast-retransmit")
		p.Run(chromedp.EmulateViewport(c.w, c.h))
		if c.keys != "" {
			key(p, c.keys)
		}
		auto := readSpan(t, p)
		var fits bool
		p.Eval(`(function () {
  const pane = document.getElementById("ladder-pane").getBoundingClientRect();
  return ["zoom-in", "zoom-out", "zoom-reset"].every(id => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.width > 0 && r.left >= pane.left && r.right <= pane.right && r.top >= pane.top;
  });
})()`, &fits)
		if !fits {
			p.Screenshot("zoom-" + c.name)
			t.Errorf("%s: the zoom buttons are hidden or outside the ladder's pane", c.name)
		}
		p.Run(chromedp.Click("#zoom-in", chromedp.ByQuery))
		near(t, c.name+": the span after the zoom-in button", readSpan(t, p).len(), auto.len()/2, 2)
		p.Screenshot("zoom-" + c.name)
		p.Close()
	}
}

// TestZoomSafariPinch sends the gesture events Safari sends for a
// trackpad's pinch (Chromium has none, so they are made here with the
// fields Safari's carry): spreading to twice the size halves the span
// around the gesture's centre, and the page itself is not zoomed.
func TestZoomSafariPinch(t *testing.T) {
	p, _ := open(t, "#p=fast-retransmit")
	s0 := readSpan(t, p)
	ladderOrigin(p)
	y := s0.Top + (s0.Bottom-s0.Top)*0.6
	at := s0.timeAt(y)
	var prevented []bool
	p.Eval(`(function () {
  const c = document.getElementById("ladder");
  const r = c.getBoundingClientRect();
  return [["gesturestart", 1], ["gesturechange", 1.5], ["gesturechange", 2], ["gestureend", 2]].map(([type, scale]) => {
    const ev = new UIEvent(type, {bubbles: true, cancelable: true});
    Object.defineProperties(ev, {scale: {value: scale}, clientX: {value: r.left + 300}, clientY: {value: r.top + `+strconv.FormatFloat(y, 'f', 2, 64)+`}});
    return !c.dispatchEvent(ev);
  });
})()`, &prevented)
	for i, pr := range prevented {
		if !pr {
			t.Errorf("gesture event %d was not prevented: Safari would zoom the page", i)
		}
	}
	s1 := readSpan(t, p)
	near(t, "the span after a pinch to twice the size", s1.len(), s0.len()/2, 2)
	near(t, "the time under the gesture's centre", s1.timeAt(y), at, s1.nsPerPx())
}
