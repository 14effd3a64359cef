package view

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"tcpplayground/tcpcore/analysis"
	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/wasm/view/display"
)

// Ladder draws the ladder (sequence) diagram of vp's time span: A and B as
// two vertical time lines, time downwards, each segment an arrow from its
// send time on one line to its arrival time on the other (so its slope is
// its transit time), coloured by why it was sent, labelled with its
// header fields, its Wireshark label at the run's vantage and its reason.
// Drops end in a cross where they happened (entering the bottleneck queue,
// on the link, or at the receiving host) with their cause. State changes,
// application actions and expired timers are marked on the time lines;
// the timers pending at the cursor are drawn as brackets from the cursor
// to their deadlines.
//
// cursor is an event index (-1: before the first event). Events after it
// are dimmed or hidden (vp.Future); a segment in flight at the cursor is
// drawn up to where it is, with a dot. Hit refs are event indexes: a
// segment's arrow and labels give its Sent event, a drop cross its Dropped
// event, a timer its TimerSet event, a mark its own event.
//
// Only segments whose span meets the viewport are laid out (a binary
// search by send time); in a dense viewport arrows that would land on
// the same pixels are drawn once and labels only where they fit.
func Ladder(r *Run, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	LadderInto(l, r, cursor, vp)
	return l
}

// ladders keeps the scratch of earlier layouts (lanes, labels placed,
// bursts), so a cursor move lays the ladder out without garbage.
var ladders sync.Pool

// LadderInto is Ladder drawing into l (reset first), reusing its memory.
func LadderInto(l *display.List, r *Run, cursor int, vp Viewport) {
	vp = vp.norm()
	lo, _ := ladders.Get().(*ladder)
	if lo == nil {
		lo = new(ladder)
	}
	*lo = ladder{r: r, tr: r.Trace, l: l, vp: vp, fs: vp.fontSize(),
		x: lo.x[:0], buf: lo.buf[:0], timers: lo.timers[:0], placed: lo.placed[:0],
		last: lo.last[:0], lastLabel: lo.lastLabel[:0], same: lo.same[:0], burst: lo.burst[:0],
		later: lo.later[:0], laterBuf: lo.laterBuf[:0], labelled: lo.labelled, rbuf: lo.rbuf}
	lo.layout(cursor)
	lo.r, lo.tr, lo.l = nil, nil, nil
	ladders.Put(lo)
}

type ladder struct {
	r      *Run
	tr     *trace.Trace
	l      *display.List
	vp     Viewport
	fs     float64
	ys     span
	x      [][2]float64 // per connection: the time lines of A and B in its lane
	top    float64
	bottom float64
	cursor int
	curAt  time.Duration // the cursor's time; before everything if cursor < 0
	buf    []byte
	timers []TimerSpan
	placed [][2]float64 // centres of the drop labels placed so far
	// last is, per direction and colour, the ends of the last arrow drawn;
	// lastLabel, per direction, the y of the last label.
	last      [][display.NumRoles][2]float64 // per lane and side (conn*2+side)
	lastLabel []float64
	// same is, per lane side and colour, the burst of the last arrow
	// drawn (-1: none); burst counts the segments each arrow stands for.
	same     [][display.NumRoles]int
	burst    []int
	curBurst int // the burst of the arrow being labelled
	later    []laterText
	laterBuf []byte
	// dense: more segments than pixel rows, drawn one per colour every
	// other row, without labels or heads.
	dense bool
	// labelled holds, per lane, the centre lines of the labels placed so
	// far (each a segment along its arrow).
	labelled [][][4]float64
	rbuf     []byte // scratch for a label's second line
}

// free reports whether a w×h label centred at (x, y) would miss the drop
// labels placed recently, and if so reserves its place.
func (lo *ladder) free(x, y, w, h float64) bool {
	for i := len(lo.placed) - 1; i >= 0 && i >= len(lo.placed)-32; i-- {
		p := lo.placed[i]
		if math.Abs(p[0]-x) < w && math.Abs(p[1]-y) < h {
			return false
		}
	}
	lo.placed = append(lo.placed, [2]float64{x, y})
	return true
}

func (lo *ladder) layout(cursor int) {
	vp, fs, l := lo.vp, lo.fs, lo.l
	l.Reset(vp.W, vp.H)
	lo.cursor = min(cursor, lo.tr.Len()-1)
	lo.curAt = math.MinInt64
	if lo.cursor >= 0 {
		lo.curAt = lo.tr.Event(lo.cursor).At
	}
	gutter := fs * 5.6
	// One lane per connection, side by side, so connections between the
	// same hosts never draw over each other.
	n := max(len(lo.tr.Conns()), 1)
	laneW := (vp.W - gutter) / float64(n)
	outer := math.Max(fs*3, math.Min(laneW*0.15, fs*11))
	lo.x = lo.x[:0]
	for i := range n {
		left := gutter + float64(i)*laneW
		x := [2]float64{left + outer, left + laneW - outer}
		if x[1]-x[0] < fs*4 { // too narrow for margins: keep the lines apart
			x = [2]float64{left + laneW*0.3, left + laneW*0.85}
		}
		lo.x = append(lo.x, x)
	}
	lo.top, lo.bottom = LadderAxis(vp)
	lo.ys = vp.span(lo.top, lo.bottom)

	lo.grid(gutter)
	lo.header()
	lo.marks()
	lo.segments()
	lo.pending()
	lo.cursorLine(gutter)
}

// LadderAxis returns where the ladder draws vp's time span: From at y
// top, To at y bottom (logical pixels from the top of the view), so a
// page can tell the time under a pointer.
func LadderAxis(vp Viewport) (top, bottom float64) {
	vp = vp.norm()
	top = vp.fontSize() * 4.2
	return top, max(vp.H-vp.fontSize()*0.8, top+1)
}

func (lo *ladder) y(t time.Duration) float64 { return lo.ys.at(t) }

// room is the width beside time line s of a lane for its marks: the
// outer margin, halved where it faces another lane.
func (lo *ladder) room(lane int, s trace.Side) float64 {
	gutter := lo.fs * 5.6
	w := lo.x[lane][0] - gutter
	if lane > 0 {
		w = (lo.x[lane][0] - lo.x[lane-1][1]) / 2
	}
	if s == trace.B {
		w = lo.vp.W - lo.x[lane][1]
		if lane < len(lo.x)-1 {
			w = (lo.x[lane+1][0] - lo.x[lane][1]) / 2
		}
	}
	return w - lo.fs*0.6
}

// lane returns the lane of connection c.
func (lo *ladder) lane(c uint8) int { return min(int(c), len(lo.x)-1) }

// inside reports whether y is within the plot's time span.
func (lo *ladder) inside(y float64) bool { return y >= lo.top-0.5 && y <= lo.bottom+0.5 }

// stroke draws a segment's line (with its head if head) clipped to the
// plot's time span: a segment crossing a thin viewport is drawn where it
// crosses, not kilometres off the canvas.
func (lo *ladder) stroke(role display.Role, f display.Flags, x0, y0, x1, y1 float64, head bool, ref int32) {
	t0, t1 := 0.0, 1.0
	if dy := y1 - y0; dy != 0 {
		a, b := (lo.top-y0)/dy, (lo.bottom-y0)/dy
		t0, t1 = math.Max(t0, math.Min(a, b)), math.Min(t1, math.Max(a, b))
	} else if !lo.inside(y0) {
		return
	}
	if t0 >= t1 {
		return
	}
	if t1 < 1 {
		head = false
	}
	cx0, cy0 := x0+t0*(x1-x0), y0+t0*(y1-y0)
	cx1, cy1 := x0+t1*(x1-x0), y0+t1*(y1-y0)
	if head {
		lo.l.Arrow(role, f, cx0, cy0, cx1, cy1, 2, ref)
	} else {
		lo.l.Line(role, f, cx0, cy0, cx1, cy1, 2, ref)
	}
}

// past reports whether event i has happened at the cursor.
func (lo *ladder) past(i int32) bool { return int(i) <= lo.cursor }

func (lo *ladder) grid(gutter float64) {
	l, fs, vp := lo.l, lo.fs, lo.vp
	step := time.Duration(niceStep(float64(lo.ys.to-lo.ys.from) * fs * 3.2 / (lo.bottom - lo.top)))
	step = max(step, 1, time.Duration(niceStep(float64(lo.ys.to-lo.ys.from)/100)))
	first := (lo.ys.from + step - 1) / step * step
	if lo.ys.from < 0 {
		first = lo.ys.from / step * step
	}
	for t := first; t <= lo.ys.to; t += step {
		y := lo.y(t)
		l.Line(display.RoleGrid, 0, gutter, y, vp.W, y, 1, display.NoRef)
		if lo.cursor >= 0 && math.Abs(y-lo.y(lo.curAt)) < fs*0.9 {
			continue // the cursor's own time label is there
		}
		lo.buf = appendTime(lo.buf[:0], t, step)
		l.TextBytes(display.RoleTextDim, display.End|display.Mono, gutter-fs*0.4, y, fs*0.85, lo.buf, display.NoRef)
	}
	for _, x := range lo.x {
		for s := range 2 {
			l.Line(display.RoleHost, 0, x[s], lo.top-fs*0.4, x[s], lo.bottom, 2.5, display.NoRef)
		}
	}
}

func (lo *ladder) header() {
	l, fs := lo.l, lo.fs
	conns := lo.tr.Conns()
	for c, x := range lo.x {
		if len(conns) > 1 {
			// Between the lane's A and B; where that is narrow (a phone,
			// several lanes), smaller, or just "#1".
			room := x[1] - x[0] - fs*1.9
			b := append(lo.buf[:0], lo.vp.Lang.Pick("connection ", "连接 ")...)
			b = strconv.AppendInt(b, int64(c), 10)
			size := fitSize(b, fs*0.9, fs*0.65, room, false)
			if size == 0 {
				b = append(b[:0], '#')
				b = strconv.AppendInt(b, int64(c), 10)
				size = fs * 0.9
			}
			lo.buf = b
			l.TextBytes(display.RoleTextDim, display.Center|display.Bold, (x[0]+x[1])/2, fs*1.05, size, b, display.NoRef)
		}
		for s := range 2 {
			role := display.RoleSideA + display.Role(s)
			side := trace.Side(s)
			l.Text(role, display.Center|display.Bold, x[s], fs*1.05, fs*1.45, side.String(), display.NoRef)
			// The address, centred on the time line: it may take half
			// the lane's inner width and its outer margin on each side,
			// else it shrinks, else only the port is written (which is
			// what tells two connections between the same hosts apart).
			half := min((x[1]-x[0])/2-fs*0.25, lo.room(c, side)+fs*0.5)
			a := lo.tr.Addr(side)
			b := lo.buf[:0]
			for i, v := range a {
				if i > 0 {
					b = append(b, '.')
				}
				b = strconv.AppendUint(b, uint64(v), 10)
			}
			port := len(b)
			if c < len(conns) {
				b = append(b, ':')
				b = strconv.AppendUint(b, uint64(conns[c].Port[s]), 10)
			}
			lo.buf = b
			size := fitSize(b, fs*0.8, fs*0.6, 2*half, true)
			if size == 0 && c < len(conns) {
				b = b[port:]
				size = fitSize(b, fs*0.8, fs*0.6, 2*half, true)
			}
			if size > 0 {
				l.TextBytes(display.RoleTextDim, display.Center|display.Mono, x[s], fs*2.45, size, b, display.NoRef)
			}
		}
	}
}

// fitSize returns the size, at most size and at least least, at which
// text b is no wider than w; 0 if none is.
func fitSize(b []byte, size, least, w float64, mono bool) float64 {
	tw := display.TextWidth(b, size, mono)
	if tw <= w {
		return size
	}
	if s := size * w / tw; s >= least {
		return s
	}
	return 0
}

// dim returns the flags for event i: Dim if it is after the cursor.
func (lo *ladder) dim(i int32) display.Flags {
	if lo.past(i) {
		return 0
	}
	return display.Dim
}

// segRole is the colour of a segment: why it was sent.
func segRole(reason tcp.SendReason, h *trace.Header) display.Role {
	switch reason {
	case tcp.SendRTORetransmit, tcp.SendSYNRetransmit, tcp.SendFINRetransmit:
		return display.RoleRetransmission
	case tcp.SendFastRetransmit, tcp.SendPartialAckRetransmit, tcp.SendSACKRetransmit:
		return display.RoleFastRetransmit
	case tcp.SendZeroWindowProbe, tcp.SendKeepAlive:
		return display.RoleProbe
	}
	switch {
	case h.Flags&wire.RST != 0:
		return display.RoleSegRst
	case h.Flags&wire.SYN != 0:
		return display.RoleSegSyn
	case h.Flags&wire.FIN != 0:
		return display.RoleSegFin
	case h.PayloadLen > 0:
		return display.RoleSegData
	}
	return display.RoleSegAck
}

func (lo *ladder) segments() {
	r, l := lo.r, lo.l
	segs := r.segs
	from, to := lo.ys.from, lo.ys.to
	lanes := 2 * len(lo.x)
	lo.lastLabel = lo.lastLabel[:0]
	lo.last = lo.last[:0]
	lo.same = lo.same[:0]
	lo.burst = lo.burst[:0]
	lo.labelled = slices.Grow(lo.labelled[:0], len(lo.x))[:len(lo.x)]
	for i := range lo.labelled {
		lo.labelled[i] = lo.labelled[i][:0]
	}
	for range lanes {
		lo.lastLabel = append(lo.lastLabel, math.Inf(-1))
		var last [display.NumRoles][2]float64
		for j := range last {
			last[j] = [2]float64{math.Inf(-1), math.Inf(-1)}
		}
		lo.last = append(lo.last, last)
		var same [display.NumRoles]int
		for j := range same {
			same[j] = -1
		}
		lo.same = append(lo.same, same)
	}
	first := sort.Search(len(segs), func(i int) bool { return segs[i].At >= from-r.maxTrans })
	end := first + sort.Search(len(segs)-first, func(i int) bool { return segs[first+i].At > to })
	if end-first <= int(2*(lo.bottom-lo.top)) {
		for k := first; k < end; k++ {
			lo.seg(k, true)
		}
	} else {
		// More segments than pixel rows: per direction and colour, draw
		// one and skip to the first two rows further down (arrows 2 px
		// wide still tile the band), so the cost is the rows, not the
		// segments. Labels would not fit anyway, nor heads: the band's
		// slope says its direction.
		lo.dense = true
		step := time.Duration(2 * float64(to-from) / (lo.bottom - lo.top))
		classes := r.segClasses()
		for s := range classes {
			for _, role := range ladderOrder {
				list := classes[s][role]
				p := sort.Search(len(list), func(i int) bool { return segs[list[i]].At >= from-r.maxTrans })
				for p < len(list) && segs[list[p]].At <= to {
					lo.seg(int(list[p]), false)
					next := segs[list[p]].At + step
					p++
					p += sort.Search(len(list)-p, func(i int) bool { return segs[list[p+i]].At >= next })
				}
			}
		}
		// The segment at the cursor, whatever was skipped.
		for i := range r.SegOf(lo.cursor) {
			lo.seg(int(r.firstSeg[lo.tr.Event(lo.cursor).Ref])+i, true)
		}
	}
	// Texts go over every arrow, so no later arrow strikes through them.
	for _, d := range lo.later {
		t := lo.laterBuf[d.t0:d.t1]
		if d.burst >= 0 && lo.burst[d.burst] > 1 {
			// The arrow stands for several segments sent together.
			t = strconv.AppendInt(append(append(lo.buf[:0], t...), "  ×"...), int64(lo.burst[d.burst]), 10)
			lo.buf = t
		}
		op := l.TextBytes(d.role, d.f, d.x, d.y, d.size, t, d.ref)
		op.Angle = d.angle
	}
}

// ladderOrder is the order dense ladders draw colours in: the usual
// segments first, what went wrong on top.
var ladderOrder = [...]display.Role{display.RoleSegAck, display.RoleSegData, display.RoleSegSyn, display.RoleSegFin,
	display.RoleProbe, display.RoleSegRst, display.RoleFastRetransmit, display.RoleRetransmission}

// seg draws copy k of a segment: its arrow (or its path to where it was
// lost), the packet's position at the cursor, and, if withLabel and there
// is room, its labels.
func (lo *ladder) seg(k int, withLabel bool) {
	r, l, fs := lo.r, lo.l, lo.fs
	segs := r.segs
	from := lo.ys.from
	evs := lo.tr.Events()
	sg := &segs[k]
	if sg.ArriveAt < from {
		return
	}
	sentPast := lo.past(sg.Sent)
	if !sentPast && lo.vp.Future == FutureHide {
		return
	}
	se := evs[sg.Sent]
	sd := se.Side
	h := lo.tr.Header(se)
	role := segRole(tcp.SendReason(se.Code), &h)
	fate := sg.Arrive
	linkDrop, hostDrop := false, false
	if sg.Drop >= 0 {
		fate = sg.Drop
		hostDrop = trace.Drop(evs[sg.Drop].Code) >= trace.DropBadChecksum
		linkDrop = !hostDrop
	}
	cur := int32(lo.cursor)
	current := cur >= 0 && (cur == sg.Sent || cur == fate || cur == sg.Link)
	lane := lo.lane(se.Conn)
	x0, x1 := lo.x[lane][sd], lo.x[lane][sd^1]
	li := lane*2 + int(sd)
	y0 := lo.y(sg.At)
	endAt := sg.ArriveAt
	xe := x1
	if linkDrop {
		// Where the packet died: at the bottleneck's entrance for a
		// full queue, mid-link for loss, outage or a scripted drop.
		frac := 0.5
		if trace.Drop(evs[sg.Drop].Code) == trace.DropQueueOverflow {
			frac = 0.22
		}
		d := r.delay[sd]
		if d <= 0 {
			d = max(r.maxTrans, time.Millisecond)
		}
		endAt = sg.At + time.Duration(frac*float64(d))
		xe = x0 + frac*(x1-x0)
	} else if hostDrop {
		xe = x1 - math.Copysign(fs*0.9, x1-x0)
	}
	ye := lo.y(endAt)
	if !current {
		lp := &lo.last[li][role]
		if math.Abs(y0-lp[0]) < 0.5 && math.Abs(ye-lp[1]) < 0.5 {
			// On the pixels of the last arrow: it stands for both, and
			// says how many (segments sent together, arriving together).
			if withLabel && lo.same[li][role] >= 0 {
				lo.burst[lo.same[li][role]]++
			}
			return
		}
		*lp = [2]float64{y0, ye}
		lo.same[li][role] = len(lo.burst)
		lo.burst = append(lo.burst, 1)
	}
	lo.curBurst = -1
	if !current {
		lo.curBurst = lo.same[li][role]
	}
	var f display.Flags
	if current {
		f |= display.Bold
	}
	if fate < 0 && sg.Link >= 0 {
		f |= display.Dashed // still in flight when the run ended
	}
	ref := sg.Sent
	// The part in flight at the cursor is drawn up to where the packet
	// is, with a dot for the packet; the rest is the future.
	split := 1.0
	if !sentPast {
		split = 0
	} else if fate < 0 && lo.cursor < lo.tr.Len()-1 || fate >= 0 && !lo.past(fate) {
		if endAt > sg.At {
			split = math.Max(0, math.Min(1, float64(lo.curAt-sg.At)/float64(endAt-sg.At)))
		} else {
			split = 0
		}
	}
	xm, ym := x0+split*(xe-x0), y0+split*(ye-y0)
	head := !linkDrop && !hostDrop && (current || !lo.dense)
	if split > 0 {
		lo.stroke(role, f, x0, y0, xm, ym, split == 1 && head, ref)
	}
	if split < 1 {
		if lo.vp.Future == FutureDim {
			lo.stroke(role, f|display.Dim, xm, ym, xe, ye, head, ref)
		}
		if split > 0 && lo.inside(ym) {
			l.Circle(role, display.Fill, xm, ym, fs*0.32, 0, ref)
		}
	}
	if (linkDrop || hostDrop) && lo.inside(ye) {
		df := lo.dim(sg.Drop)
		if df == 0 || lo.vp.Future == FutureDim {
			l.Cross(display.RoleDrop, df|f&display.Bold, xe, ye, fs*0.42, 2.5, sg.Drop)
			if lo.free(xe, ye, fs*6, fs*1.3) || current {
				lo.deferText(display.RoleDrop, df|display.Top|display.Center|display.Halo, xe, ye+fs*0.55, fs*0.82, 0,
					[]byte(narrate.DropName(lo.vp.Lang, trace.Drop(evs[sg.Drop].Code))), sg.Drop)
			}
		}
	}
	if !lo.inside(y0) {
		return // the label's anchor is off the view
	}
	// Labels, near the sender, where they do not collide with the
	// previous label in this direction.
	dx, dy := xe-x0, ye-y0
	length := math.Hypot(dx, dy)
	if length < fs*4 {
		return
	}
	cos := math.Abs(dx) / length
	if !current && (!withLabel || (y0-lo.lastLabel[li])*cos < fs*2.5) {
		return
	}
	lf := f &^ display.Dashed
	if !sentPast {
		lf |= display.Dim
	}
	if lo.labels(sg, se, &h, role, lf, x0, y0, dx, dy, length, ref) {
		lo.lastLabel[li] = y0
	}
}

// laterText is a text deferred until the arrows are drawn.
type laterText struct {
	role              display.Role
	f                 display.Flags
	x, y, size, angle float64
	t0, t1            int
	ref               int32
	burst             int // index in lo.burst of the arrow it labels, -1 none
}

func (lo *ladder) deferText(r display.Role, f display.Flags, x, y, size, angle float64, b []byte, ref int32) {
	t0 := len(lo.laterBuf)
	lo.laterBuf = append(lo.laterBuf, b...)
	lo.later = append(lo.later, laterText{r, f, x, y, size, angle, t0, len(lo.laterBuf), ref, -1})
}

// labels writes a segment's two labels along its arrow: the header above
// (Wireshark's Info-column style), the analysis label and reason below.
func (lo *ladder) labels(sg *Seg, se trace.Event, h *trace.Header, role display.Role, f display.Flags,
	x0, y0, dx, dy, length float64, ref int32) bool {
	fs := lo.fs
	size := fs * 0.9
	room := length - fs*1.6
	b := lo.header1(lo.buf[:0], se, h, false)
	mono := false
	if display.TextWidth(b, size, mono) > room {
		b = lo.header1(b[:0], se, h, true)
		if display.TextWidth(b, size, mono) > room {
			return false
		}
	}
	ux, uy := dx/length, dy/length
	// Below: the Wireshark label in the segment's colour, then the reason,
	// if it fits.
	lo.buf = b
	lab := lo.label(sg)
	rb := lo.rbuf[:0]
	if lab.Flags != 0 {
		rb = append(rb, lab.String()...)
		rb = append(rb, " · "...)
	}
	rb = append(rb, narrate.ReasonName(lo.vp.Lang, tcp.SendReason(se.Code))...)
	lo.rbuf = rb
	w := display.TextWidth(b, size, mono)
	rw := display.TextWidth(rb, size*0.95, false)
	reason := rw <= room
	if reason {
		w = max(w, rw)
	}
	// Not across another segment's labels in this lane (crossing arrows,
	// as data and ACKs in a busy run are, would write one label over the
	// other): the two labels make a band about 2.5 type sizes thick
	// around the arrow.
	lane := lo.lane(se.Conn)
	band := [4]float64{x0 + ux*fs*0.8, y0 + uy*fs*0.8, x0 + ux*(fs*0.8+w), y0 + uy*(fs*0.8+w)}
	if lo.curBurst >= 0 { // not the cursor's segment, which is always labelled
		for _, o := range lo.labelled[lane] {
			if display.SegSegDist(band[0], band[1], band[2], band[3], o[0], o[1], o[2], o[3]) < fs*2.5 {
				return false
			}
		}
	}
	lo.labelled[lane] = append(lo.labelled[lane], band)
	angle := math.Atan2(dy, dx)
	align := display.Flags(0)
	if dx < 0 {
		// Right to left: turn the text the other way so it reads left to
		// right, ending at the sender.
		angle = math.Atan2(-dy, -dx)
		align = display.End
	}
	// Whole half degrees: the eye cannot tell, and a canvas rasterises
	// glyphs once per angle, so labels at the same few angles paint from
	// its glyph cache.
	angle = math.Round(angle*360/math.Pi) * math.Pi / 360
	// "Up" in the text's frame.
	upx, upy := math.Sin(angle), -math.Cos(angle)
	px, py := x0+ux*fs*0.8, y0+uy*fs*0.8
	off := fs * 0.7
	lo.deferText(display.RoleText, f|align|display.Halo, px+upx*off, py+upy*off, size, angle, b, ref)
	lo.later[len(lo.later)-1].burst = lo.curBurst
	if reason {
		tr := display.RoleTextDim
		if lab.Flags != 0 {
			tr = role
		}
		lo.deferText(tr, f|align|display.Halo, px-upx*off, py-upy*off, size*0.95, angle, rb, ref)
	}
	return true
}

// label returns the Wireshark labels of a copy at the run's vantage: at a
// host, the event that host sees (its send, or the arrival); on the link,
// the copy leaving the queue.
func (lo *ladder) label(sg *Seg) analysis.Labels {
	r := lo.r
	sender := lo.tr.Event(int(sg.Sent)).Side
	switch r.vantage {
	case analysis.AtA, analysis.AtB:
		host := trace.A
		if r.vantage == analysis.AtB {
			host = trace.B
		}
		if sender == host {
			return r.Labels(int(sg.Sent))
		}
		if sg.Arrive >= 0 {
			return r.Labels(int(sg.Arrive))
		}
		return r.Labels(int(sg.Drop))
	}
	return r.Labels(int(sg.Link))
}

// header1 appends a segment's header as Wireshark's Info column shows it,
// "[SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0", with relative numbers and the
// scaled window; short keeps the numbers that matter most.
func (lo *ladder) header1(b []byte, se trace.Event, h *trace.Header, short bool) []byte {
	c := lo.tr.Conns()[se.Conn]
	sd := se.Side
	seqRel := uint32(h.Seq - c.ISS[sd])
	ackRel := uint32(h.Ack - c.ISS[sd^1])
	if short {
		if h.PayloadLen > 0 || h.Flags&(wire.SYN|wire.FIN|wire.RST) != 0 {
			b = flagList(b, h.Flags&^(wire.ACK|wire.PSH))
			b = append(b, "Seq="...)
			b = strconv.AppendUint(b, uint64(seqRel), 10)
			if h.PayloadLen > 0 {
				b = append(b, " Len="...)
				b = strconv.AppendUint(b, uint64(h.PayloadLen), 10)
			}
			return b
		}
		b = append(b, "Ack="...)
		return strconv.AppendUint(b, uint64(ackRel), 10)
	}
	b = flagList(b, h.Flags)
	b = append(b, "Seq="...)
	b = strconv.AppendUint(b, uint64(seqRel), 10)
	if h.Flags&wire.ACK != 0 {
		b = append(b, " Ack="...)
		b = strconv.AppendUint(b, uint64(ackRel), 10)
	}
	win := int64(h.Window)
	if h.Flags&wire.SYN == 0 && int(se.Conn) < len(lo.r.wshift) {
		win <<= lo.r.wshift[se.Conn][sd]
	}
	b = append(b, " Win="...)
	b = strconv.AppendInt(b, win, 10)
	b = append(b, " Len="...)
	b = strconv.AppendUint(b, uint64(h.PayloadLen), 10)
	if h.NumSACK > 0 {
		// As Wireshark's Info column: each block's left and right edge,
		// relative to the receiver's view of the sender's ISS.
		o := lo.tr.Segment(se).Options
		for _, blk := range o.SACK[:o.NumSACK] {
			b = append(b, " SLE="...)
			b = strconv.AppendUint(b, uint64(uint32(blk.Left-c.ISS[sd^1])), 10)
			b = append(b, " SRE="...)
			b = strconv.AppendUint(b, uint64(uint32(blk.Right-c.ISS[sd^1])), 10)
		}
	}
	return b
}

var flagWords = [8]string{"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"}

// flagList appends "[SYN, ACK] " (nothing if no flag is set).
func flagList(b []byte, f wire.Flags) []byte {
	if f == 0 {
		return b
	}
	b = append(b, '[')
	first := true
	for i, w := range flagWords {
		if f&(1<<i) != 0 {
			if !first {
				b = append(b, ", "...)
			}
			b = append(b, w...)
			first = false
		}
	}
	return append(b, "] "...)
}

// marks draws state changes, application actions and expired timers on
// the time lines, outside the space between them.
func (lo *ladder) marks() {
	r, l, fs, tr := lo.r, lo.l, lo.fs, lo.tr
	from, to := lo.ys.from, lo.ys.to
	k := sort.Search(len(r.marks), func(i int) bool { return tr.Event(int(r.marks[i])).At >= from })
	lastY := make([]float64, 2*len(lo.x))
	for i := range lastY {
		lastY[i] = math.Inf(-1)
	}
	size := fs * 0.85
	for ; k < len(r.marks); k++ {
		i := r.marks[k]
		e := tr.Event(int(i))
		if e.At > to {
			break
		}
		f := lo.dim(i)
		if f != 0 && lo.vp.Future == FutureHide {
			break
		}
		if int(i) == lo.cursor {
			f |= display.Bold
		}
		s := e.Side
		lane := lo.lane(e.Conn)
		li := lane*2 + int(s)
		xs := lo.x[lane][s]
		y := lo.y(e.At)
		if y < lastY[li]+size*1.25 {
			if lastY[li]+size*1.25-y > fs*3 {
				continue // too crowded here: the event list has it
			}
			y = lastY[li] + size*1.25
		}
		if y > lo.bottom {
			continue
		}
		b := lo.buf[:0]
		role := display.RoleTextDim
		switch e.Kind {
		case trace.State:
			b = append(b, e.To().String()...)
			role = display.RoleSideA + display.Role(s)
			f |= display.Bold
		case trace.TimerFired:
			b = append(b, narrate.TimerName(lo.vp.Lang, tcp.TimerKind(e.Code))...)
			b = append(b, lo.vp.Lang.Pick(" expired", " 超时")...)
			role = display.RoleTimerFired
		case trace.App:
			a := trace.AppAction(e.Code)
			b = append(b, narrate.AppName(lo.vp.Lang, a)...)
			if a == trace.AppWrite || a == trace.AppWriteDone {
				b = append(b, ' ')
				b = appendBytes(b, e.Bytes())
			}
		}
		lo.buf = b
		// Between two lanes the margin is shared: an application action
		// that does not fit gives way (the event list has it).
		if e.Kind == trace.App && len(lo.x) > 1 && display.TextWidth(b, size, false) > lo.room(lane, s) {
			continue
		}
		lastY[li] = y
		gap := fs * 0.5
		x, align := xs-gap, display.End
		if s == trace.B {
			x, align = xs+gap, 0
		}
		ey := lo.y(e.At)
		l.Circle(role, display.Fill|f&display.Dim, xs, ey, 3, 0, i)
		if y != ey {
			l.Line(role, f&display.Dim, xs, ey, x, y, 1, display.NoRef)
		}
		l.TextBytes(role, f|align|display.Halo, x, y, size, b, i)
	}
}

// pending draws the timers pending at the cursor: a bracket on the
// endpoint's time line from now to the deadline, labelled with the time
// left.
func (lo *ladder) pending() {
	if lo.cursor < 0 {
		return
	}
	l, fs := lo.l, lo.fs
	lo.timers = lo.r.Pending(lo.timers[:0], lo.cursor)
	y0 := lo.y(lo.curAt)
	if y0 < lo.top || y0 > lo.bottom {
		return
	}
	stack := make([]int, 2*len(lo.x))
	labelY := make([]float64, 2*len(lo.x))
	for i := range labelY {
		labelY[i] = math.Inf(1)
	}
	for _, t := range lo.timers {
		s := t.Side
		lane := lo.lane(t.Conn)
		li := lane*2 + int(s)
		dir := -1.0
		if s == trace.B {
			dir = 1
		}
		x := lo.x[lane][s] + dir*(fs*0.6+float64(stack[li])*fs*0.55)
		stack[li]++
		y1 := lo.y(t.Deadline)
		clipped := y1 > lo.bottom
		y1 = math.Min(y1, lo.bottom)
		l.Line(display.RoleTimer, 0, x, y0, x, y1, 2, t.Set)
		if clipped {
			l.Arrow(display.RoleTimer, 0, x, y1-fs*0.8, x, y1, 2, t.Set)
		} else {
			l.Line(display.RoleTimer, 0, x-fs*0.3, y1, x+fs*0.3, y1, 2, t.Set)
		}
		b := append(lo.buf[:0], narrate.TimerName(lo.vp.Lang, t.Kind)...)
		b = append(b, ' ')
		b = appendDur(b, t.Deadline-lo.curAt)
		if display.TextWidth(b, fs*0.8, false) > lo.room(lane, s) {
			b = appendDur(b[:0], t.Deadline-lo.curAt) // a shared margin: the time left is what matters
		}
		lo.buf = b
		align := display.End
		if s == trace.B {
			align = 0
		}
		// Labels of timers due about together stack upwards.
		ly := y1 - 2
		if math.Abs(ly-labelY[li]) < fs {
			ly = labelY[li] - fs
		}
		labelY[li] = ly
		l.TextBytes(display.RoleTimer, align|display.Halo|display.Bottom, x+dir*fs*0.4, ly, fs*0.8, b, t.Set)
	}
}

func (lo *ladder) cursorLine(gutter float64) {
	if lo.cursor < 0 {
		return
	}
	y := lo.y(lo.curAt)
	if y < lo.top || y > lo.bottom {
		return
	}
	l, fs := lo.l, lo.fs
	l.Line(display.RoleCursor, 0, gutter, y, lo.vp.W, y, 1.5, display.NoRef)
	lo.buf = appendTime(lo.buf[:0], lo.curAt, 10*time.Microsecond)
	l.TextBytes(display.RoleCursor, display.End|display.Mono|display.Bold|display.Halo, gutter-fs*0.4, y, fs*0.85, lo.buf, display.NoRef)
}
