package view

import (
	"math"
	"sort"
	"strconv"
	"time"

	"tcpplayground/tcpcore/analysis"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/wasm/view/display"
)

// visible returns the range [i, j) of evs (event indexes in time order)
// a chart of [from, to] needs: the last one before from (its value holds
// into the view) up to the first one after to.
func visible(tr *trace.Trace, evs []int32, from, to time.Duration) (int, int) {
	i := sort.Search(len(evs), func(k int) bool { return tr.Event(int(evs[k])).At >= from })
	j := sort.Search(len(evs), func(k int) bool { return tr.Event(int(evs[k])).At > to })
	return max(i-1, 0), min(j+1, len(evs))
}

func (r *Run) curAt(cursor int) time.Duration {
	if cursor < 0 || r.Trace.Len() == 0 {
		return math.MinInt64
	}
	return r.Trace.Event(min(cursor, r.Trace.Len()-1)).At
}

func valid(r *Run, conn int) bool { return conn >= 0 && conn < len(r.spaces) }

func bytesUnit(b []byte, v float64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	return appendBytes(b, int64(v))
}

// Window graphs sender side's windows on connection conn over vp's time:
// cwnd, ssthresh, the peer's advertised window (SND.WND) and the bytes in
// flight (SND.NXT − SND.UNA), with a band beneath saying what limited the
// sender at each moment (analysis.Limits: cwnd, receive window,
// application, link, or not sending). The legend gives each value at the
// cursor.
func Window(r *Run, conn int, side trace.Side, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	WindowInto(l, r, conn, side, cursor, vp)
	return l
}

// WindowInto is Window drawing into l (reset first).
func WindowInto(l *display.List, r *Run, conn int, side trace.Side, cursor int, vp Viewport) {
	fs := vp.fontSize()
	c := newChart(l, vp, cursor, r.curAt(cursor), fs*1.6)
	if !valid(r, conn) {
		return
	}
	tr := r.Trace
	from, to := c.xs.from, c.xs.to
	end := min(to, r.end)

	flight := c.newSeries(display.RoleFlight, 0, true)
	rwnd := c.newSeries(display.RoleRwnd, display.Dashed, true)
	evs := r.spaces[conn][side]
	i, j := visible(tr, evs, from, to)
	for _, k := range evs[i:j] {
		e := tr.Event(int(k))
		sp := tr.Space(e)
		flight.add(e.At, float64(sp.SndNxt.Diff(sp.SndUna)))
		if sp.SndWnd > 0 || sp.SndUna != sp.ISS {
			rwnd.add(e.At, float64(sp.SndWnd))
		}
	}
	flight.finish(end)
	rwnd.finish(end)
	cwnd := c.newSeries(display.RoleCwnd, 0, true)
	ssth := c.newSeries(display.RoleSsthresh, display.Dashed, true)
	evs = r.ccs[conn][side]
	i, j = visible(tr, evs, from, to)
	for _, k := range evs[i:j] {
		e := tr.Event(int(k))
		m := tr.Congestion(e)
		cwnd.add(e.At, float64(m.Cwnd))
		if m.Ssthresh >= 1<<30 {
			ssth.add(e.At, math.NaN()) // still infinite: nothing to draw
		} else {
			ssth.add(e.At, float64(m.Ssthresh))
		}
	}
	cwnd.finish(end)
	ssth.finish(end)
	c.limitBand(r.Limits(conn, side), fs*1.1)
	c.draw(0, c.ymax, bytesUnit)

	// The legend, with the values at the cursor.
	g := c.legend()
	b := c.buf[:0]
	if ci := lastAt(r.ccs[conn][side], cursor); ci >= 0 {
		m := tr.Congestion(tr.Event(ci))
		b = appendBytes(append(b[:0], "cwnd "...), int64(m.Cwnd))
		g.add(display.RoleCwnd, 0, b)
		b = append(b[:0], "ssthresh "...)
		if m.Ssthresh >= 1<<30 {
			b = append(b, "∞"...)
		} else {
			b = appendBytes(b, int64(m.Ssthresh))
		}
		g.add(display.RoleSsthresh, display.Dashed, b)
	} else {
		g.add(display.RoleCwnd, 0, append(b[:0], "cwnd"...))
		g.add(display.RoleSsthresh, display.Dashed, append(b[:0], "ssthresh"...))
	}
	b = append(b[:0], word(vp.Lang, "peer's window ", "对端窗口 ")...)
	f := append(c.buf[len(c.buf):], word(vp.Lang, "in flight ", "在途 ")...)
	if si := lastAt(r.spaces[conn][side], cursor); si >= 0 {
		sp := tr.Space(tr.Event(si))
		b = appendBytes(b, int64(sp.SndWnd))
		f = appendBytes(f, int64(sp.SndNxt.Diff(sp.SndUna)))
	}
	g.add(display.RoleRwnd, display.Dashed, b)
	g.add(display.RoleFlight, 0, f)
	c.buf = b
}

var limitRoles = [...]display.Role{
	analysis.LimitClosed: display.RoleLimitClosed, analysis.LimitApp: display.RoleLimitApp,
	analysis.LimitCwnd: display.RoleLimitCwnd, analysis.LimitRwnd: display.RoleLimitRwnd,
	analysis.LimitLink: display.RoleLimitLink,
}

var limitWords = [...][2]string{
	analysis.LimitClosed: {"not sending", "未发送"}, analysis.LimitApp: {"application", "应用"},
	analysis.LimitCwnd: {"cwnd", "cwnd"}, analysis.LimitRwnd: {"receive window", "接收窗口"},
	analysis.LimitLink: {"link", "链路"},
}

// limitBand draws what limited the sender as coloured stretches in a band
// under the time labels, named where they are wide enough. Stretches
// narrower than a pixel merge into their neighbours.
func (c *chart) limitBand(ivs []analysis.Interval, h float64) {
	l, fs := c.l, c.fs
	y0 := c.vp.H - h - fs*0.15
	y1 := y0 + h
	from, to := c.xs.from, c.xs.to
	k := sort.Search(len(ivs), func(i int) bool { return ivs[i].To > from })
	runX, runL := -1.0, analysis.Limit(255)
	emit := func(x1 float64) {
		if runX < 0 || x1-runX < 0.5 {
			return
		}
		role := limitRoles[runL%analysis.Limit(len(limitRoles))]
		f := display.Fill
		if c.hasCur && runX >= c.x(c.curAt) {
			f |= display.Dim
		}
		l.Rect(role, f, runX, y0, x1, y1, 0, display.NoRef)
		name := limitWords[runL%analysis.Limit(len(limitWords))][0]
		if c.vp.Lang != 0 {
			name = limitWords[runL%analysis.Limit(len(limitWords))][1]
		}
		if runL != analysis.LimitClosed && display.TextWidth([]byte(name), fs*0.75, false)+fs < x1-runX {
			l.Text(display.RolePanel, display.Center|f&display.Dim|display.Bold, (runX+x1)/2, (y0+y1)/2, fs*0.75, name, display.NoRef)
		}
	}
	for ; k < len(ivs) && ivs[k].From <= to; k++ {
		iv := ivs[k]
		x0, x1 := c.x(max(iv.From, from)), c.x(min(iv.To, to))
		if iv.Limit != runL {
			if x1-x0 < 1 && runX >= 0 {
				continue // too thin to see: the run before goes on
			}
			emit(x0)
			runX, runL = x0, iv.Limit
		}
	}
	if runX >= 0 {
		emit(c.x(min(to, c.latest(ivs))))
	}
	if c.hasCur && c.curAt >= from && c.curAt <= to {
		x := c.x(c.curAt)
		l.Line(display.RoleCursor, 0, x, y0, x, y1, 1.5, display.NoRef)
	}
}

func (c *chart) latest(ivs []analysis.Interval) time.Duration {
	if len(ivs) == 0 {
		return c.xs.from
	}
	return ivs[len(ivs)-1].To
}

func durUnit(b []byte, v float64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	return appendDur(b, time.Duration(v))
}

// RTT graphs side's RTT estimator on connection conn (RFC 6298): each
// RTT sample as a dot, SRTT and RTO as lines.
func RTT(r *Run, conn int, side trace.Side, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	RTTInto(l, r, conn, side, cursor, vp)
	return l
}

// RTTInto is RTT drawing into l (reset first).
func RTTInto(l *display.List, r *Run, conn int, side trace.Side, cursor int, vp Viewport) {
	c := newChart(l, vp, cursor, r.curAt(cursor), 0)
	if !valid(r, conn) {
		return
	}
	tr := r.Trace
	from, to := c.xs.from, c.xs.to
	evs := r.rtts[conn][side]
	i, j := visible(tr, evs, from, to)
	srtt := c.newSeries(display.RoleSRTT, 0, true)
	rto := c.newSeries(display.RoleRTO, display.Dashed, true)
	samples := c.newSeries(display.RoleRTTSample, 0, false)
	samples.dots = true
	for _, k := range evs[i:j] {
		e := tr.Event(int(k))
		s := tr.RTT(e)
		srtt.add(e.At, float64(s.SRTT))
		rto.add(e.At, float64(s.RTO))
		samples.add(e.At, float64(s.RTT))
	}
	end := min(to, r.end)
	srtt.finish(end)
	rto.finish(end)
	samples.finish(end)
	c.draw(0, c.ymax, durUnit)
	g := c.legend()
	b := c.buf[:0]
	var s trace.RTTSample
	have := false
	if ri := lastAt(evs, cursor); ri >= 0 {
		s, have = tr.RTT(tr.Event(ri)), true
	}
	val := func(name string, d time.Duration) []byte {
		b = append(b[:0], name...)
		if have {
			b = append(b, ' ')
			b = appendDur(b, d)
		}
		return b
	}
	g.add(display.RoleRTTSample, display.Dotted|display.Bold, val(word(vp.Lang, "RTT sample", "RTT 样本"), s.RTT))
	g.add(display.RoleSRTT, 0, val("SRTT", s.SRTT))
	g.add(display.RoleRTO, display.Dashed, val("RTO", s.RTO))
	c.buf = b
}

func countUnit(b []byte, v float64) []byte { return strconv.AppendInt(b, int64(v), 10) }

// Queue graphs the bottleneck queue of the link direction from side
// (A: A→B) in packets, as each packet joined it, with the queue limit
// and the packets it refused (queue overflow) marked. Hit refs: the drop
// marks give their Dropped events.
func Queue(r *Run, from trace.Side, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	QueueInto(l, r, from, cursor, vp)
	return l
}

// QueueInto is Queue drawing into l (reset first).
func QueueInto(l *display.List, r *Run, dir trace.Side, cursor int, vp Viewport) {
	c := newChart(l, vp, cursor, r.curAt(cursor), 0)
	tr := r.Trace
	from, to := c.xs.from, c.xs.to
	evs := r.queues[dir&1]
	i, j := visible(tr, evs, from, to)
	q := c.newSeries(display.RoleQueue, 0, false)
	empty := false
	for n, k := range evs[i:j] {
		e := tr.Event(int(k))
		if empty {
			q.add(e.At, 0)
		}
		q.add(e.At, float64(e.QueueLen()))
		// The queue drains at the link's rate: if nothing joins before
		// this packet leaves, it is empty then (it was the last in line).
		empty = i+n+1 >= len(evs) || tr.Event(int(evs[i+n+1])).At > e.Dequeued()
		if empty {
			q.add(e.Dequeued(), 0)
		}
	}
	q.finish(min(to, r.end))
	limit := r.Scenario.Link[dir&1].QueueLimit
	if limit > 0 {
		c.ymax = math.Max(c.ymax, float64(limit))
	}
	// Overflows, as crosses at the limit.
	drops := r.overflows[dir&1]
	i, j = visible(tr, drops, from, to)
	lastX := math.Inf(-1)
	for _, k := range drops[i:j] {
		e := tr.Event(int(k))
		if e.At < from || e.At > to {
			continue
		}
		x := c.x(e.At)
		if x-lastX < 2 {
			continue
		}
		lastX = x
		f := display.Flags(0)
		if int(k) > cursor {
			if vp.Future == FutureHide {
				break
			}
			f = display.Dim
		}
		c.cross(x, float64(max(limit, 1)), display.RoleDrop, f, k)
	}
	c.draw(0, math.Max(c.ymax, 1), countUnit)
	if limit > 0 {
		// The limit as a line: computed like the chart's own value axis.
		y := c.valueY(float64(limit))
		l.Line(display.RoleLimitLink, display.Dashed, c.x0, y, c.x1, y, 1.5, display.NoRef)
	}
	g := c.legend()
	b := append(c.buf[:0], word(vp.Lang, "queue ", "队列 ")...)
	b = append(b, dir.String()...)
	b = append(b, '>')
	b = append(b, dir.Peer().String()...)
	if qi := lastAt(evs, cursor); qi >= 0 {
		e := tr.Event(qi)
		n := e.QueueLen()
		if e.Dequeued() <= r.curAt(cursor) {
			n = 0 // it has drained since (an upper bound otherwise)
		}
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, word(vp.Lang, " packets", " 个分组")...)
	}
	g.add(display.RoleQueue, 0, b)
	if limit > 0 {
		b = append(b[:0], word(vp.Lang, "limit ", "上限 ")...)
		b = strconv.AppendInt(b, int64(limit), 10)
		g.add(display.RoleLimitLink, display.Dashed, b)
	}
	c.buf = b
}

// TimeSeq draws the time-sequence graph (Stevens, tcptrace) of side's
// data on connection conn: each segment it sent as a vertical bar from
// its first to its last sequence number at its send time, coloured by why
// it was sent (retransmissions stand out); the ACK number and the right
// edge of the receive window (ACK + window) as they reached the sender;
// the SACK blocks those ACKs carried; drops as crosses. Hit refs: a bar
// gives its Sent event, a cross its Dropped event.
func TimeSeq(r *Run, conn int, side trace.Side, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	TimeSeqInto(l, r, conn, side, cursor, vp)
	return l
}

// TimeSeqInto is TimeSeq drawing into l (reset first).
func TimeSeqInto(l *display.List, r *Run, conn int, side trace.Side, cursor int, vp Viewport) {
	c := newChart(l, vp, cursor, r.curAt(cursor), 0)
	if !valid(r, conn) {
		return
	}
	tr := r.Trace
	iss := tr.Conns()[conn].ISS[side]
	rel := func(q seq.Seq) float64 { return float64(q.Diff(iss)) }
	from, to := c.xs.from, c.xs.to
	dimmed := func(i int32) (display.Flags, bool) {
		if int(i) <= cursor {
			return 0, true
		}
		return display.Dim, vp.Future == FutureDim
	}

	// The ACKs the sender received: ACK number and window edge.
	ack := c.newSeries(display.RoleSegAck, 0, true)
	win := c.newSeries(display.RoleRwnd, display.Dashed, true)
	evs := r.rcvd[conn][side]
	i, j := visible(tr, evs, from, to)
	shift := uint(0)
	if conn < len(r.wshift) {
		shift = uint(r.wshift[conn][side.Peer()])
	}
	var lastSack [2]float64
	for _, k := range evs[i:j] {
		e := tr.Event(int(k))
		h := tr.Header(e)
		if h.Flags&wire.ACK == 0 || h.Flags&wire.SYN != 0 {
			continue
		}
		a := rel(h.Ack)
		ack.add(e.At, a)
		win.add(e.At, a+float64(int64(h.Window)<<shift))
		if h.NumSACK > 0 && e.At >= from {
			f, show := dimmed(k)
			if !show {
				continue
			}
			x := c.x(e.At)
			o := tr.Segment(e).Options
			for _, b := range o.SACK[:o.NumSACK] {
				lo, hi := rel(b.Left), rel(b.Right)
				if x-lastSack[0] < 1 && hi == lastSack[1] {
					continue
				}
				lastSack = [2]float64{x, hi}
				c.bar(x+1.5, lo, hi, display.RoleSack, f, k)
			}
		}
	}
	end := min(to, r.end)
	ack.finish(end)
	win.finish(end)

	// The segments sent, one bar per pixel column and colour at most.
	evs = r.sent[conn][side]
	i, j = visible(tr, evs, from, to)
	type colBar struct {
		col    int
		lo, hi float64
		ref    int32
		f      display.Flags
	}
	var cols [display.NumRoles]colBar
	for k := range cols {
		cols[k].col = -1
	}
	flushCol := func(role display.Role) {
		cb := &cols[role]
		if cb.col >= 0 {
			c.bar(float64(cb.col), cb.lo, cb.hi, role, cb.f, cb.ref)
		}
		cb.col = -1
	}
	for _, k := range evs[i:j] {
		e := tr.Event(int(k))
		if e.At < from {
			continue
		}
		h := tr.Header(e)
		n := int(h.PayloadLen)
		if h.Flags&(wire.SYN|wire.FIN) != 0 {
			n++
		}
		if n == 0 {
			continue
		}
		f, show := dimmed(k)
		if !show {
			break
		}
		role := segRole(tcp.SendReason(e.Code), &h)
		x := c.x(e.At)
		col := int(math.Floor(x))
		lo, hi := rel(h.Seq), rel(h.Seq)+float64(n)
		cb := &cols[role]
		if cb.col == col && cb.f == f {
			cb.lo, cb.hi = math.Min(cb.lo, lo), math.Max(cb.hi, hi)
		} else {
			flushCol(role)
			cols[role] = colBar{col, lo, hi, k, f}
		}
		// A copy lost on the way: a cross at its top.
		if fs := r.firstSeg[e.Ref]; fs >= 0 {
			for q := fs; int(q) < len(r.segs) && r.segs[q].Sent == k; q++ {
				if d := r.segs[q].Drop; d >= 0 {
					df, ok := dimmed(d)
					if ok {
						c.cross(x, hi, display.RoleDrop, df, d)
					}
				}
			}
		}
	}
	for role := range cols {
		flushCol(display.Role(role))
	}
	ymin := c.ymin
	if math.IsInf(ymin, 1) {
		ymin = 0
	}
	c.draw(ymin, c.ymax, countUnit)
	g := c.legend()
	b := append(c.buf[:0], word(vp.Lang, "data sent", "发送的数据")...)
	g.add(display.RoleSegData, 0, b)
	g.add(display.RoleRetransmission, 0, append(b[:0], word(vp.Lang, "retransmission", "重传")...))
	g.add(display.RoleSegAck, 0, append(b[:0], "ACK"...))
	g.add(display.RoleRwnd, display.Dashed, append(b[:0], "ACK + win"...))
	g.add(display.RoleSack, 0, append(b[:0], "SACK"...))
	c.buf = b
}
