//go:build !js

package browser

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tests/internal/browsertest"
)

// The helpers of page_test.go: waiting on the page's hooks on <html>,
// reading the canvases, and the native run to compare with.

// nativeDigest is the data-trace-sha256 the page must show for sc: the
// SHA-256 of the native simulator's trace text.
func nativeDigest(t testing.TB, sc *scenario.Scenario) string {
	t.Helper()
	tr, err := sim.Run(sc)
	if err != nil {
		t.Fatalf("native run: %v", err)
	}
	sum := sha256.Sum256([]byte(tr.Text()))
	return hex.EncodeToString(sum[:])
}

// poll waits until the JavaScript expression is truthy.
func poll(p *browsertest.Page, expr string) {
	var ok bool
	p.Run(chromedp.Poll(expr, &ok, chromedp.WithPollingInterval(5*time.Millisecond)))
}

// htmlAttr reads an attribute of <html>.
func htmlAttr(p *browsertest.Page, name string) string {
	var v string
	p.Eval(`document.documentElement.getAttribute(`+strconv.Quote(name)+`) || ""`, &v)
	return v
}

// waitDigest waits until the page shows a run with this digest.
func waitDigest(p *browsertest.Page, want string) {
	poll(p, `document.documentElement.getAttribute("data-trace-sha256") === `+strconv.Quote(want))
}

// cursor is the page's current event index (data-cursor) once the page
// has drawn the frame after the last input.
func cursor(t testing.TB, p *browsertest.Page) int {
	t.Helper()
	poll(p, nextFrame)
	n, err := strconv.Atoi(htmlAttr(p, "data-cursor"))
	if err != nil {
		t.Fatalf("data-cursor: %v", err)
	}
	return n
}

// nextFrame resolves after the page's animation frame has drawn (the
// page's loop registered its callback first, so it runs first).
const nextFrame = `new Promise(r => requestAnimationFrame(() => r(true)))`

// canvasInk counts the pixels of a canvas that differ from its top-left
// (background) pixel, sampled on a grid: 0 means nothing was drawn.
func canvasInk(p *browsertest.Page, id string) int {
	var n int
	p.Eval(`(function () {
  const c = document.getElementById(`+strconv.Quote(id)+`);
  if (!c.width || !c.height) return 0;
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4 * 7) {
    if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2]) n++;
  }
  return n;
})()`, &n)
	return n
}

// canvasHash is a cheap fingerprint of a canvas's pixels, to tell whether
// what is drawn changed.
func canvasHash(p *browsertest.Page, id string) string {
	var h string
	p.Eval(`(function () {
  const c = document.getElementById(`+strconv.Quote(id)+`);
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let h = 2166136261;
  for (let i = 0; i < d.length; i++) { h ^= d[i]; h = Math.imul(h, 16777619); }
  return (h >>> 0).toString(16) + ":" + c.width + "x" + c.height;
})()`, &h)
	return h
}

// findColor returns the CSS-pixel position on a canvas of the first pixel
// (top to bottom, scanning the middle third of the width) within tol of
// the colour #rrggbb, or ok false.
func findColor(p *browsertest.Page, id, color string, tol int) (x, y float64, ok bool) {
	var res []float64
	p.Eval(`(function () {
  const c = document.getElementById(`+strconv.Quote(id)+`);
  const want = [1, 3, 5].map(i => parseInt(`+strconv.Quote(color)+`.substr(i, 2), 16));
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const scale = c.width / c.clientWidth;
  for (let y = 0; y < c.height; y++) {
    for (let x = Math.floor(c.width / 3); x < 2 * c.width / 3; x++) {
      const i = 4 * (y * c.width + x);
      if (Math.abs(d[i] - want[0]) <= `+strconv.Itoa(tol)+` && Math.abs(d[i+1] - want[1]) <= `+strconv.Itoa(tol)+` && Math.abs(d[i+2] - want[2]) <= `+strconv.Itoa(tol)+`) {
        return [x / scale, y / scale];
      }
    }
  }
  return [];
})()`, &res)
	if len(res) != 2 {
		return 0, 0, false
	}
	return res[0], res[1], true
}

// clickCanvas clicks a canvas at (x, y) CSS pixels from its top left.
func clickCanvas(p *browsertest.Page, id string, x, y float64) {
	var pos []float64
	p.Eval(`(function () {
  const c = document.getElementById(`+strconv.Quote(id)+`);
  c.scrollIntoView({block: "center"});
  const r = c.getBoundingClientRect();
  return [r.left, r.top];
})()`, &pos)
	p.Run(chromedp.MouseClickXY(pos[0]+x, pos[1]+y))
	poll(p, nextFrame)
}

// key presses a key on the page (the body has focus).
func key(p *browsertest.Page, k string, opts ...chromedp.KeyOption) {
	p.Run(chromedp.KeyEvent(k, opts...))
	poll(p, nextFrame)
}

// stepSegments moves the cursor n segments forward (Shift+→), one key
// press at a time.
func stepSegments(p *browsertest.Page, n int) {
	for range n {
		key(p, kb.ArrowRight, chromedp.KeyModifiers(input.ModifierShift))
	}
}

// setInput sets a form control's value and fires its input and change
// events, as a user's edit does.
func setInput(p *browsertest.Page, selector, value string) {
	var ok bool
	p.Eval(`(function () {
  const el = document.querySelector(`+strconv.Quote(selector)+`);
  el.value = `+strconv.Quote(value)+`;
  el.dispatchEvent(new Event("input", {bubbles: true}));
  el.dispatchEvent(new Event("change", {bubbles: true}));
  return true;
})()`, &ok)
	poll(p, nextFrame)
}

// browsertestInit is an init script as a page option.
func browsertestInit(js string) browsertest.PageOption { return browsertest.WithInitScript(js) }

// painted is a JavaScript condition: every view's canvas has something
// drawn on it (a pixel unlike its top-left one, sampled).
const painted = `["ladder", "states", "buffers", "window", "rtt", "queue", "timeseq"].every(id => {
  const c = document.getElementById(id);
  if (!c.width || !c.height) return false;
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  for (let i = 0; i < d.length; i += 4 * 97) {
    if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2]) return true;
  }
  return false;
})`

// showAll makes the viewport as tall as the page, so every view is on
// screen (the page paints only the views that are), and waits until all
// are painted: for full-page screenshots and checks of every view.
func showAll(p *browsertest.Page, width int64, scale float64) {
	// The ladder grows with the viewport (up to a limit), so the page's
	// height is found in a few rounds.
	for range 4 {
		var h, vh float64
		p.Eval(`document.documentElement.scrollHeight`, &h)
		p.Eval(`innerHeight`, &vh)
		if h <= vh {
			break
		}
		p.Run(chromedp.EmulateViewport(width, int64(h), chromedp.EmulateScale(scale)))
		poll(p, nextFrame)
	}
	poll(p, painted)
}
