package view

import (
	"math"
	"strconv"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/wasm/view/display"
)

// Buffers draws connection conn's sequence spaces at the cursor (RFC 9293
// §3.3.1, Figures 3 and 4), one block per direction that carries data: the
// sender's bar (acknowledged / in flight / usable / not yet allowed, with
// SND.UNA, SND.NXT, SND.UNA+SND.WND and cwnd marked, SACKed blocks over
// the flight) above the receiver's bar on the same sequence axis (read /
// waiting for the application / out of order / free window, with RCV.NXT
// and RCV.NXT+RCV.WND), so what is in flight lines up with the gap
// between them. Numbers are relative sequence numbers, as the ladder
// shows them. vp.From and To are unused. Hit refs are the Space events
// drawn.
func Buffers(r *Run, conn int, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	BuffersInto(l, r, conn, cursor, vp)
	return l
}

// BuffersInto is Buffers drawing into l (reset first).
func BuffersInto(l *display.List, r *Run, conn int, cursor int, vp Viewport) {
	vp = vp.norm()
	l.Reset(vp.W, vp.H)
	if conn < 0 || conn >= len(r.spaces) {
		return
	}
	var dirs []trace.Side
	for s := range 2 {
		if r.dataBytes[conn][s] > 0 {
			dirs = append(dirs, trace.Side(s))
		}
	}
	if len(dirs) == 0 {
		dirs = []trace.Side{trace.A}
	}
	h := vp.H / float64(len(dirs))
	b := bufLayout{r: r, l: l, vp: vp, fs: vp.fontSize(), conn: conn, cursor: cursor}
	for i, s := range dirs {
		b.direction(s, float64(i)*h, h)
	}
}

type bufLayout struct {
	r      *Run
	l      *display.List
	vp     Viewport
	fs     float64
	conn   int
	cursor int
	buf    []byte
	// the sequence axis of the block being drawn
	lo, hi float64
	x0, x1 float64
}

func (b *bufLayout) x(v int64) float64 {
	t := (float64(v) - b.lo) / (b.hi - b.lo)
	return b.x0 + math.Max(0, math.Min(1, t))*(b.x1-b.x0)
}

// band fills [from, to) of the axis in a bar at y..y+h.
func (b *bufLayout) band(role display.Role, f display.Flags, from, to int64, y, h float64, ref int32) {
	if to <= from {
		return
	}
	x0, x1 := b.x(from), b.x(to)
	if x1-x0 < 0.5 {
		return
	}
	b.l.Rect(role, display.Fill|f, x0, y, x1, y+h, 0, ref)
}

func (b *bufLayout) direction(s trace.Side, top, height float64) {
	r, l, fs, lang := b.r, b.l, b.fs, b.vp.Lang
	tr := r.Trace
	p := s.Peer()
	iss := tr.Conns()[b.conn].ISS[s]
	rel := func(q seq.Seq) int64 { return int64(q.Diff(iss)) }

	si := lastAt(r.spaces[b.conn][s], b.cursor)
	pi := lastAt(r.spaces[b.conn][p], b.cursor)
	title := append(b.buf[:0], s.String()...)
	title = append(title, " → "...)
	title = append(title, p.String()...)
	title = append(title, lang.Pick(" data", " 方向的数据")...)
	l.TextBytes(display.RoleText, display.Bold, fs*0.5, top+fs*1.1, fs*1.05, title, display.NoRef)
	if si < 0 {
		l.Text(display.RoleTextDim, 0, fs*0.5, top+fs*2.8, fs*0.9,
			lang.Pick("no sequence space yet: the connection has not started", "尚无序号空间：连接还没有开始"), display.NoRef)
		return
	}
	sp := tr.Space(tr.Event(si))
	una, nxt := rel(sp.SndUna), rel(sp.SndNxt)
	wnd := int64(sp.SndWnd)
	written := una + int64(sp.SendQueued)
	cwnd := int64(-1)
	if ci := lastAt(r.ccs[b.conn][s], b.cursor); ci >= 0 {
		cwnd = int64(tr.Congestion(tr.Event(ci)).Cwnd)
	}
	allowed := una + wnd
	if cwnd >= 0 && cwnd < wnd {
		allowed = una + cwnd
	}
	// The receiver's side, if it knows the sender's ISS yet.
	haveRcv := false
	var rnxt, rwnd, waiting, ooo int64
	if pi >= 0 {
		ps := tr.Space(tr.Event(pi))
		if ps.IRS == iss && ps.RcvNxt != 0 {
			haveRcv = true
			rnxt, rwnd = rel(ps.RcvNxt), int64(ps.RcvWnd)
			waiting, ooo = int64(ps.RecvBuffered), int64(ps.RecvOutOfOrder)
		}
	}

	// The axis: from a little before what is acknowledged to a little
	// past the furthest window edge, so the windows fill the bar.
	span := max(wnd, cwnd, nxt-una, 1)
	if haveRcv {
		span = max(span, rwnd+waiting+ooo)
	}
	lo := float64(una) - 0.12*float64(span)
	hi := float64(una) + 1.15*float64(span)
	if haveRcv {
		lo = math.Min(lo, float64(rnxt-waiting)-0.05*float64(span))
		hi = math.Max(hi, float64(rnxt+rwnd)+0.05*float64(span))
	}
	b.lo, b.hi = math.Max(lo, 0), hi
	gutter := math.Min(fs*7.5, b.vp.W*0.22)
	b.x0, b.x1 = gutter, b.vp.W-fs*1.2
	barH := math.Min(fs*2.6, height*0.16)
	sy := top + fs*4.3
	ry := sy + barH + fs*1.6
	ref := int32(si)

	// The sender.
	l.Text(display.RoleSideA+display.Role(s), display.End|display.Bold, gutter-fs*0.5, sy+barH/2, fs*0.95,
		s.String()+lang.Pick(" sends", " 发送"), ref)
	l.Rect(display.RolePanel, display.Fill, b.x0, sy, b.x1, sy+barH, 0, display.NoRef)
	b.band(display.RoleAcked, 0, int64(b.lo), una, sy, barH, ref)
	b.band(display.RoleFlight, 0, una, nxt, sy, barH, ref)
	b.band(display.RoleUsable, 0, nxt, min(allowed, written), sy, barH, ref)
	b.band(display.RoleUsable, display.Faint, max(nxt, written), allowed, sy, barH, ref)
	b.band(display.RoleNotAllowed, 0, max(nxt, allowed), written, sy, barH, ref)
	// SACKed blocks as the sender last heard them, over the flight.
	var sacked int64
	if ri := lastAt(r.rcvd[b.conn][s], b.cursor); ri >= 0 {
		seg := tr.Segment(tr.Event(ri))
		sacked = b.sackBlocks(seg.Options, iss, una, nxt, sy+barH*0.25, barH*0.5, display.RoleSack, int32(ri))
	}
	l.Rect(display.RoleAxis, 0, b.x0, sy, b.x1, sy+barH, 1, display.NoRef)
	marks := []mark{{una, "SND.UNA"}, {nxt, "SND.NXT"}, {una + wnd, "SND.UNA+SND.WND"}}
	if cwnd >= 0 {
		marks = append(marks, mark{una + cwnd, "SND.UNA+cwnd"})
	}
	b.marks(marks, sy, barH, true)

	// The receiver.
	l.Text(display.RoleSideA+display.Role(p), display.End|display.Bold, gutter-fs*0.5, ry+barH/2, fs*0.95,
		p.String()+lang.Pick(" receives", " 接收"), int32(pi))
	if haveRcv {
		rref := int32(pi)
		l.Rect(display.RolePanel, display.Fill, b.x0, ry, b.x1, ry+barH, 0, display.NoRef)
		b.band(display.RoleAcked, 0, int64(b.lo), rnxt-waiting, ry, barH, rref)
		b.band(display.RoleDelivered, 0, rnxt-waiting, rnxt, ry, barH, rref)
		b.band(display.RoleFree, 0, rnxt, rnxt+rwnd, ry, barH, rref)
		if wi := lastAt(r.sent[b.conn][p], b.cursor); ooo > 0 && wi >= 0 {
			seg := tr.Segment(tr.Event(wi))
			_ = b.sackBlocks(seg.Options, iss, rnxt, rnxt+rwnd+ooo, ry, barH, display.RoleOutOfOrder, rref)
		}
		l.Rect(display.RoleAxis, 0, b.x0, ry, b.x1, ry+barH, 1, display.NoRef)
		b.marks([]mark{{rnxt, "RCV.NXT"}, {rnxt + rwnd, "RCV.NXT+RCV.WND"}}, ry, barH, false)
	} else {
		l.Text(display.RoleTextDim, 0, b.x0, ry+barH/2, fs*0.85,
			lang.Pick("has not heard the SYN yet", "还没有收到 SYN"), display.NoRef)
	}

	// Legend: what each colour is, with its size now.
	y := ry + barH + fs*3.6
	x := b.x0
	leg := func(role display.Role, f display.Flags, en, zh string, n int64) {
		t := append(b.buf[:0], lang.Pick(en, zh)...)
		if n >= 0 {
			t = append(t, ' ')
			t = appendBytes(t, n)
		}
		b.buf = t
		w := display.TextWidth(t, fs*0.8, false) + fs*2
		if x+w > b.vp.W && x > b.x0 {
			// Onto a second line, if the block has room for one.
			if y+fs*1.4 > top+height-fs*0.5 {
				return
			}
			x, y = b.x0, y+fs*1.4
		}
		l.Rect(role, display.Fill|f, x, y-fs*0.4, x+fs*0.8, y+fs*0.4, 0, display.NoRef)
		l.TextBytes(display.RoleTextDim, 0, x+fs*1.1, y, fs*0.8, t, display.NoRef)
		x += w
	}
	leg(display.RoleFlight, 0, "in flight", "在途", nxt-una)
	leg(display.RoleUsable, 0, "usable", "可用", max(0, min(allowed, written)-nxt))
	leg(display.RoleNotAllowed, 0, "not yet allowed", "窗口外", max(0, written-max(nxt, allowed)))
	if sacked > 0 {
		leg(display.RoleSack, 0, "SACKed", "已被 SACK", sacked)
	}
	if haveRcv {
		leg(display.RoleDelivered, 0, "waiting for the application", "等待应用读取", waiting)
		leg(display.RoleOutOfOrder, 0, "out of order", "乱序", ooo)
		leg(display.RoleFree, 0, "free window", "空闲窗口", rwnd)
	}
	if cwnd >= 0 {
		t := append(b.buf[:0], "cwnd "...)
		t = appendBytes(t, cwnd)
		t = append(t, "   SND.WND "...)
		t = appendBytes(t, wnd)
		b.buf = t
		l.TextBytes(display.RoleTextDim, display.End, b.vp.W-fs*1.2, top+fs*1.1, fs*0.85, t, display.NoRef)
	}
}

type mark struct {
	at   int64
	name string
}

// marks draws the variables as ticks across a bar, named with their
// values above it (below for the receiver), on a second row where two
// would overlap; variables equal to each other share one label
// ("SND.UNA = SND.NXT 4001"). It sorts ms.
func (b *bufLayout) marks(ms []mark, y, h float64, above bool) {
	l, fs := b.l, b.fs
	size := fs * 0.78
	var rowEnd [2]float64
	for i := range rowEnd {
		rowEnd[i] = math.Inf(-1)
	}
	// Left to right (a handful: insertion sort), so each row fills from
	// the left; marks at the same place share a label.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].at < ms[j-1].at; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		x := b.x(m.at)
		t := append(b.buf[:0], m.name...)
		for i+1 < len(ms) && ms[i+1].at == m.at {
			i++
			t = append(t, " = "...)
			t = append(t, ms[i].name...)
		}
		t = append(t, ' ')
		t = strconv.AppendInt(t, m.at, 10)
		b.buf = t
		w := display.TextWidth(t, size, false)
		// Clear of the canvas's right edge with a tenth to spare: the
		// width is an estimate, and wide fonts (DejaVu Sans, a projector
		// laptop's fallback) set capitals wider than it says.
		right := b.vp.W - w*1.1 - size*0.2 // the furthest right it may start
		tx := math.Max(b.x0, math.Min(x-w/2, right))
		// The first row with room; where neither has, the one that ends
		// sooner, the label moved right past its end when the canvas
		// allows it.
		row := 0
		if tx < rowEnd[0]+fs*0.4 {
			row = 1
			if tx < rowEnd[1]+fs*0.4 {
				if rowEnd[0] < rowEnd[1] {
					row = 0
				}
				tx = math.Min(rowEnd[row]+fs*0.4, math.Max(tx, right))
			}
		}
		rowEnd[row] = tx + w*1.1 // with the same tenth to spare
		role := display.RoleAxis
		switch ms[i].name { // the last of a shared label: a window outranks SND.UNA and SND.NXT
		case "SND.UNA+cwnd":
			role = display.RoleCwnd
		case "SND.UNA+SND.WND", "RCV.NXT+RCV.WND":
			role = display.RoleRwnd
		}
		dy := fs * (0.85 + 1.05*float64(row))
		ty, f := y-dy, display.Bottom
		y0, y1 := ty, y+h
		if !above {
			ty, f = y+h+dy, display.Top
			y0, y1 = y, ty
		}
		l.Line(role, 0, x, y0, x, y1, 1.5, display.NoRef)
		l.TextBytes(role, f|display.Halo, tx, ty, size, t, display.NoRef)
	}
}

// sackBlocks fills the SACK blocks of o that fall in [from, to), relative
// to iss, in a band at y..y+h.
func (b *bufLayout) sackBlocks(o wire.Options, iss seq.Seq, from, to int64, y, h float64, role display.Role, ref int32) int64 {
	n := int64(0)
	for _, blk := range o.SACK[:o.NumSACK] {
		l, r := max(int64(blk.Left.Diff(iss)), from), min(int64(blk.Right.Diff(iss)), to)
		b.band(role, 0, l, r, y, h, ref)
		n += max(r-l, 0)
	}
	return n
}
