package view

import (
	"runtime"
	"testing"

	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view/display"
)

// TestBulkMoveAllocs lays out every view of the 100 000-segment run into
// a reused list, as the page does on a cursor move, and counts the heap
// allocations of a move: garbage made per move is collected during
// later moves (BenchmarkBigTraceRedraw's 8-10 ms stragglers).
func TestBulkMoveAllocs(t *testing.T) {
	r := bulkRun(t)
	n := r.Trace.Len()
	vp := r.Active(800, 400)
	views := map[string]func(l *display.List, cursor int){
		"ladder":  func(l *display.List, c int) { LadderInto(l, r, c, vp) },
		"states":  func(l *display.List, c int) { StatesInto(l, r, 0, c, vp) },
		"buffers": func(l *display.List, c int) { BuffersInto(l, r, 0, c, vp) },
		"window":  func(l *display.List, c int) { WindowInto(l, r, 0, trace.A, c, vp) },
		"rtt":     func(l *display.List, c int) { RTTInto(l, r, 0, trace.A, c, vp) },
		"queue":   func(l *display.List, c int) { QueueInto(l, r, trace.A, c, vp) },
		"timeseq": func(l *display.List, c int) { TimeSeqInto(l, r, 0, trace.A, c, vp) },
	}
	maxAllocs := map[string]float64{"window": 0, "rtt": 0, "queue": 0, "timeseq": 0, "ladder": 1, "states": 13}
	for name, into := range views {
		var l display.List
		for _, c := range []int{0, n / 2, n - 1} {
			into(&l, c)
		}
		i := 0
		cursors := []int{n / 4, n / 2, 3 * n / 4, n - 1}
		allocs := testing.AllocsPerRun(len(cursors), func() {
			into(&l, cursors[i%len(cursors)])
			i++
		})
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		for _, c := range cursors {
			into(&l, c)
		}
		runtime.ReadMemStats(&b)
		bytes := (b.TotalAlloc - a.TotalAlloc) / uint64(len(cursors))
		t.Logf("%s: %.1f allocs, %d bytes per move", name, allocs, bytes)
		// The graphs reuse their charts (chart.go: charts) and the ladder
		// its scratch (ladders): pinned. The state diagram makes its edges
		// once (stateEdges) and its labels' lines without slices
		// (labelLines): pinned at what its label placement still makes
		// (107 before). The buffers still allocate a little.
		if want, ok := maxAllocs[name]; ok && allocs > want {
			t.Errorf("%s: %.1f allocations per move, want at most %v", name, allocs, want)
		}
	}
}
