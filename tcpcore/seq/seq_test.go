package seq

import "testing"

func TestCompareAcrossWrap(t *testing.T) {
	tests := []struct {
		a, b       Seq
		less, lesq bool
		diff       int
	}{
		{0, 1, true, true, -1},
		{1, 0, false, false, 1},
		{5, 5, false, true, 0},
		{0xffffffff, 0, true, true, -1},       // wraps: 2^32-1 comes just before 0
		{0, 0xffffffff, false, false, 1},      // and 0 just after it
		{0xfffffff0, 0x10, true, true, -0x20}, // a window straddling the wrap
		{0x7fffffff, 0, false, false, 0x7fffffff},
		{0x80000001, 0, true, true, -0x7fffffff},
	}
	for _, tt := range tests {
		if got := tt.a.LessThan(tt.b); got != tt.less {
			t.Errorf("Seq(%#x).LessThan(%#x) = %v, want %v", uint32(tt.a), uint32(tt.b), got, tt.less)
		}
		if got := tt.a.LessEq(tt.b); got != tt.lesq {
			t.Errorf("Seq(%#x).LessEq(%#x) = %v, want %v", uint32(tt.a), uint32(tt.b), got, tt.lesq)
		}
		if got := tt.a.GreaterThan(tt.b); got != (!tt.lesq) {
			t.Errorf("Seq(%#x).GreaterThan(%#x) = %v, want %v", uint32(tt.a), uint32(tt.b), got, !tt.lesq)
		}
		if got := tt.a.GreaterEq(tt.b); got != (!tt.less) {
			t.Errorf("Seq(%#x).GreaterEq(%#x) = %v, want %v", uint32(tt.a), uint32(tt.b), got, !tt.less)
		}
		if got := tt.a.Diff(tt.b); got != tt.diff {
			t.Errorf("Seq(%#x).Diff(%#x) = %d, want %d", uint32(tt.a), uint32(tt.b), got, tt.diff)
		}
	}
}

func TestAddWraps(t *testing.T) {
	if got := Seq(0xfffffffe).Add(3); got != 1 {
		t.Errorf("Seq(0xfffffffe).Add(3) = %#x, want 0x1", uint32(got))
	}
	if got := Seq(1).Add(-3); got != 0xfffffffe {
		t.Errorf("Seq(1).Add(-3) = %#x, want 0xfffffffe", uint32(got))
	}
}

func TestInWindowAcrossWrap(t *testing.T) {
	start := Seq(0xfffffc00) // 1024 bytes before the wrap
	tests := []struct {
		s    Seq
		size int
		want bool
	}{
		{start, 4096, true},
		{0xffffffff, 4096, true},
		{0, 4096, true},
		{0xbff, 4096, true},  // last byte of the window
		{0xc00, 4096, false}, // first byte past it
		{start - 1, 4096, false},
		{start, 0, false}, // an empty window holds nothing
	}
	for _, tt := range tests {
		if got := tt.s.InWindow(start, tt.size); got != tt.want {
			t.Errorf("Seq(%#x).InWindow(%#x, %d) = %v, want %v", uint32(tt.s), uint32(start), tt.size, got, tt.want)
		}
	}
}

func TestMinMax(t *testing.T) {
	if got := Max(0xfffffff0, 5); got != 5 {
		t.Errorf("Max(0xfffffff0, 5) = %#x, want 5", uint32(got))
	}
	if got := Min(0xfffffff0, 5); got != 0xfffffff0 {
		t.Errorf("Min(0xfffffff0, 5) = %#x, want 0xfffffff0", uint32(got))
	}
}
