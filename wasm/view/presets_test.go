package view

import (
	"testing"
	"time"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view/display"
)

// TestPresetsEveryView lays out every view of every preset at a phone's
// and a projector's size, at the start, middle and end, and checks what
// any list must be: ops inside the drawing, a segment arrow per segment
// in a short run's ladder, hits on them.
func TestPresetsEveryView(t *testing.T) {
	for _, p := range presets.All() {
		r, err := NewRun(p.Scenario())
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		for _, size := range [][2]float64{{360, 640}, {1024, 768}} {
			vp := r.Active(size[0], size[1])
			for _, cursor := range []int{-1, r.Trace.Len() / 2, r.Trace.Len() - 1} {
				for name, l := range allViews(r, cursor, vp) {
					if len(l.Ops) == 0 {
						t.Errorf("%s %s at %v: nothing drawn", p.Name, name, size)
					}
					checkInside(t, p.Name+" "+name, l)
				}
			}
		}
		// In a window of 30 segments (as the page zooms a long run), every
		// segment has an arrow (or its lost path), unless another copy of
		// the same direction left and arrived at the same instants: one
		// arrow shows both.
		segs := r.Segs()
		for i := 0; i < len(segs); i += 30 {
			j := min(i+30, len(segs))
			vp := Viewport{W: 1024, H: 768, From: segs[i].At, To: segs[j-1].At + time.Millisecond}
			l := Ladder(r, r.Trace.Len()-1, vp)
			drawn := map[int32]bool{}
			for _, op := range l.Ops {
				if (op.Kind == display.Arrow || op.Kind == display.Line) && op.Ref >= 0 && r.Trace.Event(int(op.Ref)).Kind == trace.Sent {
					drawn[op.Ref] = true
				}
			}
			// A segment may share its arrow with one drawn of the same
			// direction and connection that left within a pixel row (and,
			// unless the view holds more segments than rows, arrived
			// within one too).
			px := (vp.To - vp.From) / 700
			n := 0
			for _, s := range segs {
				if s.At >= vp.From-r.maxTrans && s.At <= vp.To {
					n++
				}
			}
			dense := n > 1400
			for _, s := range segs[i:j] {
				if drawn[s.Sent] {
					continue
				}
				e := r.Trace.Event(int(s.Sent))
				near := false
				for _, o := range segs {
					oe := r.Trace.Event(int(o.Sent))
					if drawn[o.Sent] && oe.Side == e.Side && oe.Conn == e.Conn && (o.At-s.At).Abs() <= px &&
						(dense || (o.ArriveAt-s.ArriveAt).Abs() <= px) {
						near = true
						break
					}
				}
				if !near {
					t.Errorf("%s [%v, %v]: no arrow for %s", p.Name, vp.From, vp.To, r.Trace.Format(int(s.Sent)))
				}
			}
		}
	}
}

// BenchmarkPresets measures what a slider move costs: re-simulating the
// preset (NewRun: sim.Run, labels, indexes) and laying out every view at
// a projector's size. The budget is 50 ms including painting.
func BenchmarkPresets(b *testing.B) {
	for _, p := range presets.All() {
		sc := p.Scenario()
		b.Run(p.Name, func(b *testing.B) {
			reportCPU(b, func() {
				r, err := NewRun(sc)
				if err != nil {
					b.Fatal(err)
				}
				vp := r.Active(1024, 768)
				cursor := r.Trace.Len() / 2
				for _, l := range allViews(r, cursor, vp) {
					_ = l
				}
				r.Limits(0, trace.A) // the window view's band, if not already
			})
		})
	}
}
