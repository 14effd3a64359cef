package main

import (
	"strings"
	"testing"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view"
	"tcpplayground/wasm/view/display"
)

// TestStackKeepsEveryOp stacks two real graphs and checks every op of the
// second comes out shifted by the first's height, texts and points too.
func TestStackKeepsEveryOp(t *testing.T) {
	p, _ := presets.Lookup("cubic-vs-reno")
	r, err := view.NewRun(p.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	vp := r.Active(600, 200)
	a := view.Window(r, 0, trace.A, r.Trace.Len()/2, vp)
	b := view.TimeSeq(r, 0, trace.A, r.Trace.Len()/2, vp)
	var s display.List
	stack(&s, a, b)
	if s.W != 600 || s.H != 400 || len(s.Ops) != len(a.Ops)+len(b.Ops) {
		t.Fatalf("stack: %vx%v with %d ops, want 600x400 with %d", s.W, s.H, len(s.Ops), len(a.Ops)+len(b.Ops))
	}
	// The list's text form shows every op; the second half must be the
	// second list's, 200 pixels lower.
	for i := range b.Ops {
		op := s.Ops[len(a.Ops)+i]
		moved := op.Y0 == b.Ops[i].Y0+200 || op.Kind == display.Polyline
		if op.Kind != b.Ops[i].Kind || !moved || op.Ref != b.Ops[i].Ref {
			t.Fatalf("op %d: %+v, want %+v moved down 200", i, op, b.Ops[i])
		}
		if op.Kind == display.Text && s.Str(&op) != b.Str(&b.Ops[i]) {
			t.Fatalf("text %d: %q, want %q", i, s.Str(&op), b.Str(&b.Ops[i]))
		}
		if op.Kind == display.Polyline {
			got, want := s.Points(&op), b.Points(&b.Ops[i])
			if len(got) != len(want) || len(got) > 1 && got[1] != want[1]+200 {
				t.Fatalf("polyline %d: points %v, want %v moved down 200", i, got, want)
			}
		}
	}
	if svg := string(display.SVG(&s, display.Light)); !strings.Contains(svg, `height="400"`) {
		t.Error("the stacked SVG is not 400 high")
	}
}
