//go:build !js

package browser

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tcpcore/sim"
)

// bigTraceFile is wasm/view's bulk scenario (big_test.go): a 50 MB
// transfer over a 100 Mbit/s, 20 ms RTT bottleneck with a 100-packet
// queue and 1 % loss, about 110 000 segments — the trace issue 4's
// drawing budget is stated for.
const bigTraceFile = "wasm/view/testdata/bulk.json"

// bigTrace decodes the bulk scenario.
func bigTrace(tb testing.TB) *scenario.Scenario {
	tb.Helper()
	js, err := os.ReadFile(filepath.Join(root, bigTraceFile))
	if err != nil {
		tb.Fatal(err)
	}
	sc, err := scenario.Decode(js)
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// bigTraceMoves are the moves measured, each a statement run in the
// page: the buttons, the keyboard and the scrubber, so the ladder's
// window, the graphs' cursor and the state and buffer views all change;
// then the ladder zoomed out to the whole run (the hardest: every
// segment is in view, so the ladder must decimate), a cursor move at
// that zoom, zoomed in at a pointer to a span of some 700 segments
// (each drawn and labelled), panned by a drag and by shift+wheel,
// zoomed by the button and the key, and back to the automatic view.
// ladder() is the ladder canvas, at(f) the point f of the way down it.
var bigTraceMoves = []struct{ name, js string }{
	{"end button", `document.getElementById("end").click()`},
	{"Home key", `document.dispatchEvent(new KeyboardEvent("keydown", {key: "Home", bubbles: true}))`},
	{"scrub 50%", `scrub(500)`},
	{"scrub 25%", `scrub(250)`},
	{"scrub 75%", `scrub(750)`},
	{"End key", `document.dispatchEvent(new KeyboardEvent("keydown", {key: "End", bubbles: true}))`},
	{"scrub 10%", `scrub(100)`},
	{"home button", `document.getElementById("home").click()`},
	{"zoom out to the whole run", `ladder().dispatchEvent(new WheelEvent("wheel", {...at(0.5), deltaY: 1e5, ctrlKey: true, bubbles: true, cancelable: true}))`},
	{"scrub 60% zoomed out", `scrub(600)`},
	{"zoom in at the pointer", `ladder().dispatchEvent(new WheelEvent("wheel", {...at(0.4), deltaY: -2000, ctrlKey: true, bubbles: true, cancelable: true}))`},
	{"drag the ladder", `for (const [type, f] of [["pointerdown", 0.3], ["pointermove", 0.35], ["pointermove", 0.45], ["pointerup", 0.45]]) {
    ladder().dispatchEvent(new PointerEvent(type, {...at(f), pointerId: 7, pointerType: "mouse", button: 0, buttons: 1, bubbles: true, cancelable: true}));
  }`},
	{"shift+wheel pan", `ladder().dispatchEvent(new WheelEvent("wheel", {...at(0.5), deltaY: 300, shiftKey: true, bubbles: true, cancelable: true}))`},
	{"zoom-in button", `document.getElementById("zoom-in").click()`},
	{"- key", `document.dispatchEvent(new KeyboardEvent("keydown", {key: "-", bubbles: true}))`},
	{"0 key (automatic view)", `document.dispatchEvent(new KeyboardEvent("keydown", {key: "0", bubbles: true}))`},
}

// bigTraceHelpers are the functions the moves' JavaScript uses: set the
// scrubber, the ladder's canvas, a point on its vertical centre line.
const bigTraceHelpers = `
  const scrub = v => {
    const el = document.getElementById("scrub");
    el.value = String(v);
    el.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const ladder = () => document.getElementById("ladder");
  const at = f => {
    const r = ladder().getBoundingClientRect();
    return {clientX: r.left + r.width / 2, clientY: r.top + r.height * f};
  };
`

// BenchmarkBigTraceRedraw measures, in Chromium, a redraw of the views of
// a 100 000-segment trace after a cursor move (issue 4: under 8 ms for
// any viewport; only the visible part is laid out, graphs decimated).
// Each move's cost is its input handler plus the work of the animation
// frame that lays out and paints every visible view, counted from when
// the frame can start (its rAF timestamp, or the end of the handler if
// that held the main thread past it). Anything the page runs between the
// handler and the frame (an idle callback) delays the frame and is
// counted. The budget's figure is slowest-viewport-ms/redraw: the mean
// redraw of the slowest viewport (move); ms/redraw is the mean of all,
// worst-ms/redraw the single slowest redraw, which on a shared machine
// also holds whatever else ran in that frame.
//
// The browser's own part of the frame comes after: style, layout and
// paint of the page, and the commit to the compositor, which is also
// where the canvases' draw calls are rasterised. frame-ms/redraw and
// worst-frame-ms/redraw count the move up to there (a message posted
// from the frame's callback is delivered when the frame's work is
// done), so what the budget's figures leave out is in view too.
func BenchmarkBigTraceRedraw(b *testing.B) {
	sc := bigTrace(b)
	tr, err := sim.Run(sc)
	if err != nil {
		b.Fatalf("native run: %v", err)
	}
	if n := tr.NumSegments(); n < 100_000 {
		b.Fatalf("the bulk run has %d segments, want at least 100 000", n)
	}
	sum := sha256.Sum256([]byte(tr.Text()))
	frag := share.Encode(sc)

	p := browser.NewPage(b)
	p.Navigate(site.URL + "/#s=" + frag)
	p.WaitReady()
	waitDigest(p, hex.EncodeToString(sum[:]))
	poll(p, nextFrame)

	var all, frames []float64
	var shown string
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, mv := range bigTraceMoves {
			b.StopTimer()
			poll(p, nextFrame) // the previous move's frame is drawn
			b.StartTimer()
			var ms []float64
			p.Eval(`(async function () {
`+bigTraceHelpers+`  // A move changes the cursor or the ladder's span.
  const shows = () => document.documentElement.getAttribute("data-cursor") + " " + ladder().dataset.fromNs + " " + ladder().dataset.toNs;
  const before = shows();
  const t0 = performance.now();
  `+mv.js+`;
  const t1 = performance.now();
  let from = 0;
  const work = await new Promise(r => requestAnimationFrame(ts => {
    from = Math.max(ts, t1);
    r(performance.now() - from);
  }));
  const done = await new Promise(r => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r(performance.now());
    ch.port2.postMessage(0);
  });
  if (shows() === before) return [-1, -1];
  return [(t1 - t0) + work, (t1 - t0) + (done - from)];
})()`, &ms)
			if len(ms) != 2 || ms[0] < 0 {
				b.Fatalf("%s changed neither the cursor nor the ladder's span", mv.name)
			}
			all = append(all, ms[0])
			frames = append(frames, ms[1])
		}
	}
	b.StopTimer()
	// Which canvases the frames painted: the page paints only the panes
	// on screen (an IntersectionObserver keeps which).
	p.Eval(`Array.from(document.querySelectorAll("#views canvas")).filter(c => {
  const r = c.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.width > 0;
}).map(c => c.id).join(" ")`, &shown)

	var total, worst, frameTotal, frameWorst float64
	parts := make([]string, len(all))
	for i, ms := range all {
		total += ms
		worst = max(worst, ms)
		frameTotal += frames[i]
		frameWorst = max(frameWorst, frames[i])
		parts[i] = bigTraceMoves[i%len(bigTraceMoves)].name + " " + strconv.FormatFloat(ms, 'f', 1, 64) +
			" (" + strconv.FormatFloat(frames[i], 'f', 1, 64) + ")"
	}
	// Per viewport (move): the mean and median of its redraws and the
	// slowest. The budget is per viewport, "a redraw of any viewport":
	// slowest-viewport-ms/redraw, the largest per-viewport mean, is the
	// budget's figure, as a benchmark's time is a mean; worst-ms/redraw,
	// the single slowest redraw of them all, also counts what else the
	// machine did in that frame.
	byMove := map[string][]float64{}
	for i, ms := range all {
		name := bigTraceMoves[i%len(bigTraceMoves)].name
		byMove[name] = append(byMove[name], ms)
	}
	slowest, slowestName := 0.0, ""
	var table []string
	for _, mv := range bigTraceMoves {
		xs := byMove[mv.name]
		mean := 0.0
		for _, x := range xs {
			mean += x
		}
		mean /= float64(len(xs))
		sorted := slices.Sorted(slices.Values(xs))
		table = append(table, mv.name+": mean "+strconv.FormatFloat(mean, 'f', 1, 64)+
			", median "+strconv.FormatFloat(sorted[len(sorted)/2], 'f', 1, 64)+
			", worst "+strconv.FormatFloat(sorted[len(sorted)-1], 'f', 1, 64))
		if mean > slowest {
			slowest, slowestName = mean, mv.name
		}
	}
	b.ReportMetric(total/float64(len(all)), "ms/redraw")
	b.ReportMetric(slowest, "slowest-viewport-ms/redraw")
	b.ReportMetric(worst, "worst-ms/redraw")
	b.Logf("per viewport, ms (the slowest on average: %s):\n  %s", slowestName, strings.Join(table, "\n  "))
	b.ReportMetric(frameTotal/float64(len(all)), "frame-ms/redraw")
	b.ReportMetric(frameWorst, "worst-frame-ms/redraw")
	b.Logf("%d segments, fragment %d characters, visible: %s; per move (to the frame's end): %s",
		tr.NumSegments(), len(frag), shown, strings.Join(parts, ", "))
}
