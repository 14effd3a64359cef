//go:build !js

package browser

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"tcpplayground/tcpcore/share"
)

// BenchmarkBigTraceFrameSplit runs BenchmarkBigTraceRedraw's moves under
// Chromium's tracing and reports where the page's main thread spent its
// CPU time on a move (thread time: a loaded machine's waiting is left
// out, so two builds compare even on a shared machine): the input
// handler (handler-ms/move), tasks run after it and before the frame,
// such as idle callbacks, which delay the frame (between-ms/move), the
// page's animation-frame callback, where it lays out and paints its views
// (callbacks-ms/move), and the browser's rendering of the frame: style,
// layout, paint and the commit (rendering-ms/move). Tracing slows
// everything down, so compare these with each other, not with the
// budget. For where in the Go code the time goes, add
// "disabled-by-default-v8.cpu_profiler" to the categories and build the
// module without -s (cmd/build strips its names): the samples' stacks
// then name Go functions.
func BenchmarkBigTraceFrameSplit(b *testing.B) {
	p := browser.NewPage(b)
	p.Navigate(site.URL + "/#s=" + share.Encode(bigTrace(b)))
	p.WaitReady()
	poll(p, nextFrame)

	var mu sync.Mutex
	var events []traceEvent
	done := make(chan struct{})
	chromedp.ListenTarget(p.Ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			defer mu.Unlock()
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal(v, &te) == nil && (te.Ph == "X" || te.Cat == "blink.user_timing") {
					events = append(events, te)
				}
			}
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	cats := []string{"devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "blink.user_timing", "toplevel"}
	p.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		return tracing.Start().WithTransferMode(tracing.TransferModeReportEvents).
			WithTraceConfig(&tracing.TraceConfig{IncludedCategories: cats}).Do(ctx)
	}))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, mv := range bigTraceMoves {
			b.StopTimer()
			poll(p, nextFrame)
			b.StartTimer()
			tag := "move" + strconv.Itoa(n)
			n++
			var ok bool
			p.Eval(`(async function () {
`+bigTraceHelpers+`  performance.mark("`+tag+`-start");
  `+mv.js+`;
  await new Promise(r => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = r;
    ch.port2.postMessage(0);
  }));
  performance.mark("`+tag+`-end");
  return true;
})()`, &ok)
		}
	}
	b.StopTimer()
	p.Run(chromedp.ActionFunc(func(ctx context.Context) error { return tracing.End().Do(ctx) }))
	<-done

	mu.Lock()
	defer mu.Unlock()
	var split [4]float64
	for k := range n {
		s, err := splitMove(events, "move"+strconv.Itoa(k))
		if err != "" {
			b.Fatalf("%s (%s): %s", bigTraceMoves[k%len(bigTraceMoves)].name, "move"+strconv.Itoa(k), err)
		}
		for j := range split {
			split[j] += s[j]
		}
	}
	for j, unit := range []string{"handler-ms/move", "between-ms/move", "callbacks-ms/move", "rendering-ms/move"} {
		b.ReportMetric(split[j]/float64(n), unit)
	}
}

// traceEvent is one event of Chromium's trace (JSON trace event format):
// times in microseconds, tdur the thread's CPU time.
type traceEvent struct {
	Name string  `json:"name"`
	Cat  string  `json:"cat"`
	Ph   string  `json:"ph"`
	Ts   float64 `json:"ts"`
	Dur  float64 `json:"dur"`
	TDur float64 `json:"tdur"`
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
}

// splitMove splits the main thread's CPU time (ms) on the move between
// the marks tag-start and tag-end into handler, between, frame callbacks
// and rendering.
func splitMove(events []traceEvent, tag string) (split [4]float64, problem string) {
	var start, end *traceEvent
	for i := range events {
		switch e := &events[i]; {
		case e.Cat == "blink.user_timing" && e.Name == tag+"-start":
			start = e
		case e.Cat == "blink.user_timing" && e.Name == tag+"-end":
			end = e
		}
	}
	if start == nil || end == nil {
		return split, "its marks are not in the trace"
	}
	onMain := func(e *traceEvent) bool {
		return e.Pid == start.Pid && e.Tid == start.Tid && e.Ph == "X" && e.Ts+e.Dur >= start.Ts-2000 && e.Ts <= end.Ts
	}
	// The handler is the evaluation the start mark is in; the frame's
	// first animation-frame callback is the page's.
	var handler, frame *traceEvent
	for i := range events {
		e := &events[i]
		if !onMain(e) {
			continue
		}
		switch {
		case e.Name == "EvaluateScript" && e.Ts <= start.Ts && e.Ts+e.Dur >= start.Ts:
			handler = e
		case e.Name == "FireAnimationFrame" && e.Ts > start.Ts && (frame == nil || e.Ts < frame.Ts):
			frame = e
		}
	}
	if handler == nil || frame == nil {
		return split, "no handler or no animation frame in the trace"
	}
	split[0], split[2] = handler.TDur/1000, frame.TDur/1000
	for i := range events {
		e := &events[i]
		if !onMain(e) {
			continue
		}
		switch {
		case e.Name == "ThreadControllerImpl::RunTask" && e.Ts > handler.Ts+handler.Dur && e.Ts+e.Dur < frame.Ts:
			split[1] += e.TDur / 1000
		case e.Ts > frame.Ts && (e.Name == "WebFrameWidgetImpl::UpdateLifecycle" || e.Name == "Commit" && strings.Contains(e.Cat, "devtools.timeline")):
			split[3] += e.TDur / 1000
		}
	}
	return split, ""
}
