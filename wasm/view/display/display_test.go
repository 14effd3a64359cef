package display

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

func TestHit(t *testing.T) {
	var l List
	l.Reset(200, 100)
	l.Rect(RolePanel, Fill, 0, 0, 200, 100, 0, NoRef) // background: no ref, never hit
	l.Line(RoleSegData, 0, 10, 10, 110, 60, 2, 1)
	l.Arrow(RoleSegAck, 0, 110, 10, 10, 60, 2, 2)
	l.Rect(RoleFlight, Fill, 150, 10, 190, 30, 0, 3)
	l.Rect(RoleStateNode, 0, 140, 50, 190, 90, 0, 4) // an outline
	l.Circle(RoleTimer, Fill, 170, 70, 5, 0, 5)      // inside the outline
	l.Text(RoleText, 0, 20, 90, 10, "hello", 6)
	for _, c := range []struct {
		x, y float64
		ref  int32
		ok   bool
	}{
		{10, 10, 1, true},  // the line's start
		{40, 27, 1, true},  // two pixels off the line
		{60, 35, 2, true},  // the crossing: a tie goes to the topmost
		{100, 17, 2, true}, // near the arrow only
		{170, 20, 3, true}, // inside the filled rect
		{170, 70, 5, true}, // the circle inside the outline, not the outline
		{141, 70, 4, true}, // on the outline's edge
		{160, 62, 4, true}, // inside the outline, near no edge but the top (12 px > slop): …
		{30, 90, 6, true},  // on the text
		{100, 90, 0, false},
		{60, 20, 0, false}, // between the two lines, more than HitSlop from both
	} {
		ref, ok := l.Hit(c.x, c.y)
		if c.x == 160 { // … farther than HitSlop from every edge: no hit
			if ok {
				t.Errorf("Hit(%v, %v) = %d, want no hit inside an outline away from its edges", c.x, c.y, ref)
			}
			continue
		}
		if ok != c.ok || ok && ref != c.ref {
			t.Errorf("Hit(%v, %v) = %d, %v; want %d, %v", c.x, c.y, ref, ok, c.ref, c.ok)
		}
	}
}

func TestHitRotatedText(t *testing.T) {
	var l List
	l.Reset(200, 200)
	op := l.Text(RoleText, 0, 50, 50, 10, "rotated label", 7)
	op.Angle = math.Pi / 2 // reads downwards from (50, 50)
	if ref, ok := l.Hit(50, 100); !ok || ref != 7 {
		t.Errorf("Hit on the rotated text = %d, %v; want 7", ref, ok)
	}
	if _, ok := l.Hit(100, 50); ok {
		t.Errorf("Hit where the text would be unrotated: got a hit, want none")
	}
}

func TestSVGIsWellFormedAndEscaped(t *testing.T) {
	var l List
	l.Reset(300, 120)
	l.Text(RoleText, Bold|Halo, 10, 20, 12, `<script>&"x"</script> 三次握手`, 1)
	l.Text(RoleText, 0, 10, 40, 12, "bad \x00\xff bytes", NoRef)
	l.Arrow(RoleSegData, Dashed|Dim, 10, 50, 200, 80, 2, 2)
	pl := l.Polyline(RoleCwnd, 0, 2, NoRef)
	l.Pt(pl, 0, 100)
	l.Pt(pl, 100, 90)
	l.Pt(pl, 200, 95)
	l.Rect(RoleStateNode, Round, 10, 10, 60, 30, 1, NoRef)
	l.Rect(RoleLimitCwnd, Fill|Faint, 10, 100, 60, 110, 0, NoRef)
	l.Circle(RoleTimer, Fill, 5, 5, 3, 0, NoRef)
	l.Cross(RoleDrop, 0, 50, 50, 5, 2, NoRef)
	for _, th := range Themes() {
		svg := SVG(&l, th)
		d := xml.NewDecoder(strings.NewReader(string(svg)))
		var texts []string
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: SVG is not well-formed XML: %v\n%s", th.Name, err, svg)
			}
			if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
				texts = append(texts, string(cd))
			}
		}
		if len(texts) != 2 || texts[0] != `<script>&"x"</script> 三次握手` || texts[1] != "bad \uFFFD\uFFFD bytes" {
			t.Errorf("%s: texts read back %q", th.Name, texts)
		}
		if strings.Contains(string(svg), "<script>") {
			t.Errorf("%s: markup leaked into the SVG", th.Name)
		}
	}
}

func TestThemesColourEveryRole(t *testing.T) {
	for _, th := range Themes() {
		for r := range NumRoles {
			c := th.Color[r]
			if len(c) != 7 || c[0] != '#' {
				t.Errorf("%s: %s colour %q, want #rrggbb", th.Name, r, c)
			}
		}
		if th.Background == th.Color[RoleText] {
			t.Errorf("%s: text is the background colour", th.Name)
		}
	}
	if RoleLimitClosed.String() != "limit-closed" || Role(NumRoles).String() != "role?" {
		t.Errorf("role names out of step with the roles")
	}
}

func TestResetReusesMemory(t *testing.T) {
	var l List
	draw := func() {
		l.Reset(100, 100)
		for i := range 50 {
			l.Line(RoleGrid, 0, 0, float64(i), 100, float64(i), 1, NoRef)
			l.Text(RoleText, 0, 0, float64(i), 10, "tick", NoRef)
		}
	}
	draw()
	if n := testing.AllocsPerRun(20, draw); n != 0 {
		t.Errorf("a redraw into a reset list allocates %v times, want 0", n)
	}
}

func TestString(t *testing.T) {
	var l List
	l.Reset(10, 20)
	l.Line(RoleAxis, Dashed, 0, 0.04, 10, 5.25, 0, 3)
	op := l.Text(RoleText, Center, 5, 5, 12, `a "b"`, NoRef)
	op.Angle = math.Pi / 4
	want := "list 10x20\nline axis 0,0 10,5.3 dashed ref=3\ntext text 5,5\"a \\\"b\\\"\" rot=45 size=12 center\n"
	if got := l.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// TestAppendShifted appends a list of every kind of op under another:
// the result is what drawing them there in the first place gives.
func TestAppendShifted(t *testing.T) {
	draw := func(l *List, dy float64) {
		l.Line(RoleAxis, Dashed, 0, 1+dy, 10, 2+dy, 0, 3)
		l.Arrow(RoleSegData, 0, 1, 2+dy, 3, 4+dy, 2, 4)
		l.Rect(RoleFlight, Fill, 1, 1+dy, 5, 6+dy, 0, NoRef)
		l.Circle(RoleSegAck, Fill, 3, 3+dy, 2, 0, 5)
		l.Cross(RoleDrop, 0, 4, 4+dy, 1, 2, 6)
		k := l.Polyline(RoleCwnd, 0, 1, NoRef)
		l.Pt(k, 0, 1+dy)
		l.Pt(k, 2, 3+dy)
		op := l.Text(RoleText, Center, 5, 5+dy, 12, "seq", 7)
		op.Angle = 0.5
	}
	var top, src, got, want List
	top.Reset(10, 20)
	top.Text(RoleText, 0, 1, 1, 10, "top", NoRef)
	top.Polyline(RoleCwnd, 0, 1, NoRef)
	top.Pt(len(top.Ops)-1, 1, 1)
	src.Reset(10, 30)
	draw(&src, 0)
	got.Reset(10, 50)
	got.AppendShifted(&top, 0)
	got.AppendShifted(&src, 20)
	want.Reset(10, 50)
	want.AppendShifted(&top, 0)
	draw(&want, 20)
	if got.String() != want.String() {
		t.Errorf("shifted:\n%s\nwant\n%s", got.String(), want.String())
	}
}

// TestEqual: the same drawing twice is equal; a moved point, a changed
// letter or a changed size is not.
func TestEqual(t *testing.T) {
	draw := func(l *List, y float64, s string, w float64) {
		l.Reset(w, 50)
		l.Line(RoleAxis, 0, 0, 1, 10, 2, 0, NoRef)
		k := l.Polyline(RoleCwnd, 0, 1, NoRef)
		l.Pt(k, 0, y)
		l.Text(RoleText, 0, 5, 5, 12, s, 7)
	}
	var a, b List
	draw(&a, 1, "seq", 10)
	draw(&b, 1, "seq", 10)
	if !a.Equal(&b) {
		t.Error("the same drawing twice is not Equal")
	}
	for _, c := range []struct {
		y float64
		s string
		w float64
	}{{2, "seq", 10}, {1, "ack", 10}, {1, "seq", 11}} {
		draw(&b, c.y, c.s, c.w)
		if a.Equal(&b) {
			t.Errorf("a drawing with y=%v %q W=%v is Equal to y=1 \"seq\" W=10", c.y, c.s, c.w)
		}
	}
}
