package canvas

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"tcpplayground/wasm/view/display"
)

func TestBatches(t *testing.T) {
	var l display.List
	l.Reset(100, 100)
	l.Line(display.RoleGrid, 0, 0, 10, 100, 10, 1, display.NoRef)
	l.Line(display.RoleGrid, 0, 0, 20, 100, 20, 1, display.NoRef)
	l.Text(display.RoleText, 0, 0, 20, 10, "t", display.NoRef)
	l.Line(display.RoleGrid, 0, 0, 30, 100, 30, 1, display.NoRef) // after a text: a new batch (paint order)
	l.Arrow(display.RoleSegData, 0, 0, 0, 50, 50, 2, 1)
	l.Arrow(display.RoleSegData, 0, 0, 10, 50, 60, 2, 2)
	l.Arrow(display.RoleSegData, display.Dim, 0, 20, 50, 70, 2, 3) // other flags
	l.Rect(display.RoleFlight, display.Fill, 0, 0, 10, 10, 0, display.NoRef)
	l.Rect(display.RoleFlight, 0, 0, 0, 10, 10, 0, display.NoRef) // stroked
	got := Batches(nil, &l)
	want := []Batch{{0, 2, false, false}, {2, 3, false, true}, {3, 4, false, false}, {4, 6, false, false},
		{6, 7, false, false}, {7, 8, true, false}, {8, 9, false, false}}
	if len(got) != len(want) {
		t.Fatalf("Batches = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("batch %d = %v, want %v", i, got[i], want[i])
		}
	}
	path, heads := AppendPath(nil, nil, &l, got[3], 2)
	if p := string(path); p != "M0 0L42.22 42.22M0 10L42.22 52.22" {
		t.Errorf("arrow shafts path %q", p)
	}
	if strings.Count(string(heads), "Z") != 2 || !strings.HasPrefix(string(heads), "M50 50L") {
		t.Errorf("arrow heads path %q", heads)
	}
	path, _ = AppendPath(nil, nil, &l, got[5], 1)
	if p := string(path); p != "M0 0L10 0L10 10L0 10Z" {
		t.Errorf("rect path %q", p)
	}
	var c display.List
	c.Reset(10, 10)
	c.Circle(display.RoleTimer, display.Fill, 5, 5, 2, 0, display.NoRef)
	c.Rect(display.RoleTimer, display.Fill|display.Round, 0, 0, 20, 10, 0, display.NoRef)
	path, _ = AppendPath(nil, nil, &c, Batch{0, 2, true, false}, 1)
	// The corner radius is clamped to half the rectangle's height.
	if p := string(path); p != "M7 5A2 2 0 1 0 3 5A2 2 0 1 0 7 5Z"+
		"M5 0L15 0A5 5 0 0 1 20 5L20 5A5 5 0 0 1 15 10L5 10A5 5 0 0 1 0 5L0 5A5 5 0 0 1 5 0Z" {
		t.Errorf("circle and rounded rect path %q", p)
	}
}

// TestCoord: coord writes what strconv's shortest form of the value
// rounded to hundredths writes.
func TestCoord(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 0.5, -0.5, 0.05, 0.004, 0.006, 10.5, 42.224, 42.225, -42.226, 99.999, 123456.78, -0.001, 1e15, math.Inf(1), math.NaN()} {
		want := v
		switch {
		case math.IsNaN(v):
			want = 0
		case math.Abs(v) > 1e12:
			want = math.Copysign(1e12, v)
		}
		ws := strconv.FormatFloat(math.Round(want*100)/100, 'f', -1, 64)
		if ws == "-0" {
			ws = "0"
		}
		if got := string(coord(nil, v)); got != ws {
			t.Errorf("coord(%v) = %q, want %q", v, got, ws)
		}
	}
}
