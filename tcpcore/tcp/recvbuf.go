package tcp

import (
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// oooRange is data held beyond RCV.NXT (RFC 9293 §3.10.7.4 seventh step:
// segments beyond the next expected one are kept for later). touched orders
// the ranges by how recently a segment landed in them, for RFC 2018 §4's
// rule that the first SACK block holds the most recent segment.
type oooRange struct {
	left, right seq.Seq
	touched     uint64
}

// recvBuffer is the receive buffer: in-order bytes waiting for the
// application in buf[head:tail], and out-of-order bytes stored at their
// offset past tail. It is contiguous (twice the size, see insert), compacted when the window's right
// edge would run past the end.
type recvBuffer struct {
	buf        []byte // allocated by the first insert of data (see newEndpoint)
	size       int    // the buffer size: buf is twice this
	head, tail int
	ooo        []oooRange // sorted, disjoint, not adjacent, all beyond RCV.NXT
	clock      uint64
	discard    bool
}

func (r *recvBuffer) reset() {
	r.head, r.tail = 0, 0
	r.ooo = r.ooo[:0]
	r.discard = false
}

func (r *recvBuffer) readable() int { return r.tail - r.head }

func (r *recvBuffer) oooBytes() int {
	n := 0
	for _, o := range r.ooo {
		n += o.right.Diff(o.left)
	}
	return n
}

func (r *recvBuffer) read(p []byte, n int) int {
	n = min(n, r.tail-r.head)
	if p != nil {
		copy(p, r.buf[r.head:r.head+n])
	}
	r.head += n
	if r.head == r.tail && len(r.ooo) == 0 {
		r.head, r.tail = 0, 0
	}
	return n
}

// discardAll drops what is readable and makes every later in-order byte
// be dropped on arrival (Close).
func (r *recvBuffer) discardAll() {
	r.discard = true
	r.read(nil, r.readable())
}

// insert stores data with sequence number s, rcvNxt being RCV.NXT; the
// caller has trimmed it to the window. It returns how far RCV.NXT advances
// and whether the bytes had all been received before (a duplicate to report
// with D-SACK, RFC 2883).
func (r *recvBuffer) insert(rcvNxt, s seq.Seq, data []byte) (advance int, dup bool) {
	off := s.Diff(rcvNxt)
	end := off + len(data)
	if r.tail+end > len(r.buf) {
		if r.buf == nil {
			// Twice the buffer size, so that compaction happens only
			// after the application has read more than a buffer's worth
			// since the last one, and moves at most one byte per byte
			// read (the window never exceeds the size, so data always
			// fits after a compaction).
			r.buf = getBuf(2 * r.size)
		}
		// Compact: move the readable and out-of-order bytes to the front.
		last := r.tail + end
		for _, o := range r.ooo {
			last = max(last, r.tail+o.right.Diff(rcvNxt))
		}
		copy(r.buf, r.buf[r.head:min(last, len(r.buf))])
		r.tail -= r.head
		r.head = 0
	}
	copy(r.buf[r.tail+off:], data)
	r.clock++
	left, right := s, s.Add(len(data))
	if off == 0 {
		// In order: RCV.NXT moves over this segment and every held range it reaches.
		next := right
		i := 0
		for i < len(r.ooo) && r.ooo[i].left.LessEq(next) {
			if r.ooo[i].right.GreaterThan(next) {
				next = r.ooo[i].right
			}
			i++
		}
		if i > 0 {
			r.ooo = append(r.ooo[:0], r.ooo[i:]...)
		}
		advance = next.Diff(rcvNxt)
		r.tail += advance
		if r.discard {
			r.read(nil, r.readable())
		}
		return advance, false
	}
	// Out of order: merge into the sorted ranges.
	i := 0
	for i < len(r.ooo) && r.ooo[i].right.LessThan(left) {
		i++
	}
	j := i
	dup = false
	for j < len(r.ooo) && r.ooo[j].left.LessEq(right) {
		if r.ooo[j].left.LessEq(left) && r.ooo[j].right.GreaterEq(right) {
			dup = true
		}
		left = seq.Min(left, r.ooo[j].left)
		right = seq.Max(right, r.ooo[j].right)
		j++
	}
	nr := oooRange{left: left, right: right, touched: r.clock}
	switch {
	case j == i:
		r.ooo = append(r.ooo, oooRange{})
		copy(r.ooo[i+1:], r.ooo[i:])
		r.ooo[i] = nr
	default:
		r.ooo[i] = nr
		r.ooo = append(r.ooo[:i+1], r.ooo[j:]...)
	}
	return 0, dup
}

// sackBlocks writes up to len(out) blocks, the most recently touched first
// (RFC 2018 §4), and returns how many.
func (r *recvBuffer) sackBlocks(out []wire.SACKBlock) int {
	n := 0
	var lastTouched uint64 = 1<<64 - 1
	for n < len(out) {
		best := -1
		for i, o := range r.ooo {
			if o.touched < lastTouched && (best < 0 || o.touched > r.ooo[best].touched) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out[n] = wire.SACKBlock{Left: r.ooo[best].left, Right: r.ooo[best].right}
		lastTouched = r.ooo[best].touched
		n++
	}
	return n
}
