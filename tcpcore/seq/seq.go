package seq

// Seq is a TCP sequence or acknowledgment number. All arithmetic is modulo
// 2^32; comparisons are valid only between numbers less than 2^31 apart, which
// RFC 9293 §3.4.1 guarantees for numbers inside one connection's window.
type Seq uint32

// Add returns s advanced by n bytes of sequence space.
func (s Seq) Add(n int) Seq { return s + Seq(uint32(n)) }

// Diff returns the signed distance from t to s (s - t): positive when s is
// ahead of t.
func (s Seq) Diff(t Seq) int { return int(int32(s - t)) }

// LessThan reports whether s comes before t.
func (s Seq) LessThan(t Seq) bool { return int32(s-t) < 0 }

// LessEq reports whether s comes before t or equals it.
func (s Seq) LessEq(t Seq) bool { return int32(s-t) <= 0 }

// GreaterThan reports whether s comes after t.
func (s Seq) GreaterThan(t Seq) bool { return int32(s-t) > 0 }

// GreaterEq reports whether s comes after t or equals it.
func (s Seq) GreaterEq(t Seq) bool { return int32(s-t) >= 0 }

// InRange reports whether start <= s < end in sequence space. An empty range
// (start == end) contains nothing.
func (s Seq) InRange(start, end Seq) bool {
	return start.LessEq(s) && s.LessThan(end)
}

// InWindow reports whether start <= s < start+size, the form RFC 9293 §3.10.7.4
// uses for the acceptability test ("RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND").
func (s Seq) InWindow(start Seq, size int) bool {
	return s.InRange(start, start.Add(size))
}

// Max returns the later of a and b.
func Max(a, b Seq) Seq {
	if a.LessThan(b) {
		return b
	}
	return a
}

// Min returns the earlier of a and b.
func Min(a, b Seq) Seq {
	if a.LessThan(b) {
		return a
	}
	return b
}
