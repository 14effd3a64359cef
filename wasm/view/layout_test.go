package view

import (
	"fmt"
	"math"
	"testing"
	"time"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view/display"
)

// TestStatesLabelsDoNotCollide: at every size the page gives the state
// diagram (a desktop pane, a projector in presentation mode with its
// larger type, a phone), no text overlaps another text or a state's box,
// and none leaves the canvas. Where the figure's labels cannot all fit,
// some of the dim ones are left out, never the transition just taken.
func TestStatesLabelsDoNotCollide(t *testing.T) {
	r := newRun(t, "faults")
	ref := 0 // label lines at the first, roomy size
	for _, c := range []struct {
		w, h, fs float64
		share    float64 // of the reference's label lines, at least
	}{
		{640, 560, 13, 1},       // the reference
		{540, 320, 13, 0.9},     // desktop
		{560, 440, 17.875, 0.9}, // presentation mode, 1440 px wide
		{470, 440, 17.875, 0.9}, // presentation mode on a 1024×768 projector
		{900, 400, 16.25, 0.9},  // 4K
		{330, 300, 12.2, 0.66},  // phone: three columns in 330 px
	} {
		for _, cursor := range []int{-1, r.Trace.Len() / 3, r.Trace.Len() - 1} {
			name := fmt.Sprintf("%gx%g@%g/%d", c.w, c.h, c.fs, cursor)
			l := States(r, 0, cursor, Viewport{W: c.w, H: c.h, FontSize: c.fs})
			var texts, boxes [][4]float64
			for i := range l.Ops {
				op := &l.Ops[i]
				switch {
				case op.Kind == display.Text && op.Flags&display.Halo != 0:
					x0, y0, x1, y1 := l.TextBox(op)
					texts = append(texts, [4]float64{x0, y0, x1, y1})
					if x0 < -0.01 || y0 < -0.01 || x1 > c.w+0.01 || y1 > c.h+0.01 {
						t.Errorf("%s: %q leaves the canvas: %.0f,%.0f–%.0f,%.0f", name, l.Str(op), x0, y0, x1, y1)
					}
				case op.Kind == display.Rect && op.Role == display.RolePanel:
					boxes = append(boxes, [4]float64{op.X0, op.Y0, op.X1, op.Y1})
				}
			}
			// Most lines the roomy reference size writes are written.
			if ref == 0 {
				ref = len(texts)
			}
			if float64(len(texts)) < c.share*float64(ref) {
				t.Errorf("%s: %d label lines written, want at least %.0f %% of %d", name, len(texts), c.share*100, ref)
			}
			for i, a := range texts {
				for _, b := range texts[i+1:] {
					if overlaps(a, b) {
						t.Errorf("%s: labels overlap: %v and %v", name, a, b)
					}
				}
				for _, b := range boxes {
					if overlaps(a, b) {
						t.Errorf("%s: a label overlaps a state: %v and %v", name, a, b)
					}
				}
			}
		}
	}
}

// TestBufferMarksDoNotCollide: at every event of three runs and at three
// page sizes, the buffers' named marks (SND.UNA, SND.NXT, SND.UNA+cwnd, …)
// neither overlap each other nor leave the canvas.
func TestBufferMarksDoNotCollide(t *testing.T) {
	for _, sc := range []string{"lossy", "zero_window", "two_flows"} {
		r := newRun(t, sc)
		for _, c := range [][3]float64{{900, 300, 13}, {540, 320, 13}, {560, 440, 17.875}} {
			bad := 0
			for cursor := range r.Trace.Len() {
				l := Buffers(r, 0, cursor, Viewport{W: c[0], H: c[1], FontSize: c[2]})
				var marks [][4]float64
				for i := range l.Ops {
					op := &l.Ops[i]
					if op.Kind != display.Text || op.Flags&display.Halo == 0 {
						continue
					}
					x0, y0, x1, y1 := l.HaloBox(op)
					b := [4]float64{x0, y0, x1, y1}
					if x0 < -0.01 || x1 > c[0]+0.01 {
						t.Errorf("%s %gx%g@%g event %d: %q leaves the canvas: %.0f–%.0f", sc, c[0], c[1], c[2], cursor, l.Str(op), x0, x1)
						bad++
					}
					for _, m := range marks {
						if overlaps(b, m) {
							t.Errorf("%s %gx%g@%g event %d: %q overlaps another mark", sc, c[0], c[1], c[2], cursor, l.Str(op))
							bad++
						}
					}
					marks = append(marks, b)
				}
				if bad > 5 {
					t.FailNow()
				}
			}
		}
	}
}

func overlaps(a, b [4]float64) bool {
	const e = 0.5 // touching is fine
	return a[0] < b[2]-e && b[0] < a[2]-e && a[1] < b[3]-e && b[1] < a[3]-e
}

// TestBuffersFitTheirBox: at the heights site/style.css gives the
// buffers' box (16 times the page's type size, 32 for a run with data
// both ways) every preset's buffers view, at the start, middle and end,
// draws its text wholly inside the canvas and its legend whole, on a
// desktop, in presentation mode and on a phone.
func TestBuffersFitTheirBox(t *testing.T) {
	const perDirection = 16 // style.css: #buffers-box, in units of --fs
	for _, p := range presets.All() {
		r, err := NewRun(p.Scenario())
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		dirs := 1.0
		if r.DataBothWays() {
			dirs = 2
		}
		for _, c := range []struct{ w, pageFS float64 }{{540, 16}, {560, 22}, {330, 15}, {900, 20}} {
			fs := 13 * c.pageFS / 16 // canvas_js.go: the views' type follows the page's
			h := perDirection * c.pageFS * dirs
			for conn := range r.Trace.Conns() {
				for _, cursor := range []int{-1, r.Trace.Len() / 2, r.Trace.Len() - 1} {
					name := fmt.Sprintf("%s conn %d %gx%g@%g/%d", p.Name, conn, c.w, h, fs, cursor)
					l := Buffers(r, conn, cursor, Viewport{W: c.w, H: h, FontSize: fs})
					roomy := Buffers(r, conn, cursor, Viewport{W: c.w, H: h * 4, FontSize: fs})
					if n, want := len(legendRects(l)), len(legendRects(roomy)); n != want {
						t.Errorf("%s: %d legend entries drawn, %d with room", name, n, want)
					}
					for i := range l.Ops {
						op := &l.Ops[i]
						if op.Kind != display.Text {
							continue
						}
						_, y0, _, y1 := l.TextBox(op)
						if y0 < -0.01 || y1 > h+0.01 {
							t.Errorf("%s: %q at y %.0f–%.0f leaves the canvas", name, l.Str(op), y0, y1)
						}
					}
				}
			}
		}
	}
}

// legendRects returns the legend's colour swatches: the filled squares
// of a buffers view.
func legendRects(l *display.List) []display.Op {
	var out []display.Op
	for _, op := range l.Ops {
		if op.Kind == display.Rect && op.Flags&display.Fill != 0 && math.Abs((op.X1-op.X0)-(op.Y1-op.Y0)) < 0.01 && op.X1-op.X0 < 20 {
			out = append(out, op)
		}
	}
	return out
}

// TestLadderHeaderFits: the ladder's header (A and B, "connection N",
// the addresses) has no two texts overlapping and none off the canvas,
// from a phone to a projector, with one connection and with two.
func TestLadderHeaderFits(t *testing.T) {
	for _, sc := range []string{"handshake", "two_flows"} {
		r := newRun(t, sc)
		for _, c := range [][2]float64{{300, 13}, {330, 12.2}, {560, 17.875}, {1024, 13}, {3800, 16.25}} {
			name := fmt.Sprintf("%s %gpx@%g", sc, c[0], c[1])
			vp := r.Active(c[0], 600)
			vp.FontSize = c[1]
			l := Ladder(r, -1, vp)
			var boxes [][4]float64
			addrs := 0
			for i := range l.Ops {
				op := &l.Ops[i]
				if op.Kind != display.Text || op.Y0 > c[1]*3 {
					continue
				}
				if op.Flags&display.Mono != 0 {
					addrs++
				}
				x0, y0, x1, y1 := l.TextBox(op)
				b := [4]float64{x0, y0, x1, y1}
				if x0 < -0.01 || x1 > c[0]+0.01 {
					t.Errorf("%s: %q leaves the canvas: %.0f–%.0f", name, l.Str(op), x0, x1)
				}
				for _, o := range boxes {
					if overlaps(b, o) {
						t.Errorf("%s: %q overlaps another header text", name, l.Str(op))
					}
				}
				boxes = append(boxes, b)
			}
			// Each time line is named by at least its port.
			if want := 2 * len(r.Trace.Conns()); addrs != want {
				t.Errorf("%s: %d addresses written, want %d", name, addrs, want)
			}
		}
	}
}

// TestGraphLegendsWhole: every graph names every line in its legend, on
// one row or two, from a phone to a projector, with no entry over
// another or off the canvas.
func TestGraphLegendsWhole(t *testing.T) {
	r := newRun(t, "lossy")
	cursor := r.Trace.Len() / 2
	graphs := map[string]func(vp Viewport) *display.List{
		"window":  func(vp Viewport) *display.List { return Window(r, 0, trace.A, cursor, vp) },
		"rtt":     func(vp Viewport) *display.List { return RTT(r, 0, trace.A, cursor, vp) },
		"queue":   func(vp Viewport) *display.List { return Queue(r, trace.A, cursor, vp) },
		"timeseq": func(vp Viewport) *display.List { return TimeSeq(r, 0, trace.A, cursor, vp) },
	}
	legend := func(l *display.List, fs float64) (texts [][4]float64, names []string) {
		for i := range l.Ops {
			op := &l.Ops[i]
			if op.Kind == display.Text && op.Y0 < fs*2 && op.Flags == 0 {
				x0, y0, x1, y1 := l.TextBox(op)
				texts = append(texts, [4]float64{x0, y0, x1, y1})
				names = append(names, l.Str(op))
			}
		}
		return texts, names
	}
	for name, g := range graphs {
		vp := r.Active(3000, 260)
		_, want := legend(g(vp), 13)
		if len(want) < 2 {
			t.Fatalf("%s: legend %q at 3000 px: the test does not find it", name, want)
		}
		for _, c := range [][2]float64{{300, 12.2}, {330, 12.2}, {470, 17.875}, {560, 13}} {
			vp := r.Active(c[0], 260)
			vp.FontSize = c[1]
			boxes, got := legend(g(vp), c[1])
			if len(got) != len(want) {
				t.Errorf("%s at %g px: legend %q, want all of %q", name, c[0], got, want)
			}
			for i, b := range boxes {
				if b[0] < -0.01 || b[2] > c[0]+0.01 {
					t.Errorf("%s at %g px: %q leaves the canvas", name, c[0], got[i])
				}
				for j := range i {
					if overlaps(b, boxes[j]) {
						t.Errorf("%s at %g px: %q overlaps %q", name, c[0], got[i], got[j])
					}
				}
			}
		}
	}
}

// TestLadderLabelsDoNotCollide: on the ladder of busy runs (two flows on
// one bottleneck, a loss with fast retransmit), at a desktop's and a
// projector's size, at the start, middle and end, no two segment labels
// of different segments cross or touch (the current segment's excepted:
// it is always labelled).
func TestLadderLabelsDoNotCollide(t *testing.T) {
	for _, name := range []string{"cubic-vs-reno", "fast-retransmit", "two-flows"} {
		p, ok := presets.Lookup(name)
		if !ok {
			t.Fatalf("no preset %s", name)
		}
		r, err := NewRun(p.Scenario())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range [][3]float64{{560, 700, 13}, {1024, 600, 13}, {700, 500, 17.875}} {
			for _, cursor := range []int{r.Trace.Len() / 4, r.Trace.Len() / 2, r.Trace.Len() - 1} {
				vp := r.Active(c[0], c[1])
				// About 40 segments in view, as the page shows a long run.
				segs := r.Segs()
				at := segs[min(len(segs)-1, cursorSeg(r, cursor))].At
				span := (vp.To - vp.From) * 40 / time.Duration(max(len(segs), 40))
				vp.From, vp.To, vp.FontSize = max(at-span/3, 0), max(at-span/3, 0)+span, c[2]
				l := Ladder(r, cursor, vp)
				type line struct {
					x0, y0, x1, y1 float64
					ref            int32
					s              string
				}
				var lines []line
				for i := range l.Ops {
					op := &l.Ops[i]
					if op.Kind != display.Text || op.Angle == 0 || op.Ref == display.NoRef || op.Flags&display.Bold != 0 {
						continue
					}
					w := display.TextWidth(l.StrBytes(op), op.Size, false)
					cx, cy := math.Cos(op.Angle)*w, math.Sin(op.Angle)*w
					ln := line{op.X0, op.Y0, op.X0 + cx, op.Y0 + cy, op.Ref, l.Str(op)}
					if op.Flags&display.End != 0 {
						ln.x0, ln.y0, ln.x1, ln.y1 = op.X0-cx, op.Y0-cy, op.X0, op.Y0
					}
					for _, o := range lines {
						if o.ref != ln.ref && display.SegSegDist(ln.x0, ln.y0, ln.x1, ln.y1, o.x0, o.y0, o.x1, o.y1) < op.Size {
							t.Errorf("%s %gx%g@%g cursor %d: %q and %q collide", name, c[0], c[1], c[2], cursor, ln.s, o.s)
						}
					}
					lines = append(lines, ln)
				}
			}
		}
	}
}

// cursorSeg is the index in r.Segs() of the first segment sent at or
// after event i's time.
func cursorSeg(r *Run, i int) int {
	at := r.Trace.Event(i).At
	segs := r.Segs()
	for k := range segs {
		if segs[k].At >= at {
			return k
		}
	}
	return len(segs) - 1
}
