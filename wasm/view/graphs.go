package view

import (
	"math"
	"slices"
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

// niceBytes returns a byte step at least min: powers of two from 1 KB
// (windows are), decimal steps below.
func niceBytes(min float64) float64 {
	if min <= 1024 {
		return niceStep(min)
	}
	return math.Exp2(math.Ceil(math.Log2(min/1024))) * 1024
}

// niceCount is niceStep for whole things (packets): at least 1.
func niceCount(min float64) float64 { return math.Max(1, niceStep(min)) }

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
	defer c.release()
	if !valid(r, conn) {
		return
	}
	tr := r.Trace
	end := min(c.xs.to, r.end)
	ci, si := int(conn), int(side)
	spaces := r.spaces[conn][side]
	each := func(evs []int32, f func(e trace.Event)) {
		for _, k := range evs {
			f(tr.Event(int(k)))
		}
	}
	type add = func(time.Duration, float64)
	flight := c.line(r, trackKey{trackFlight, ci, si}, display.RoleFlight, 0, true, func(out add) {
		each(spaces, func(e trace.Event) {
			sp := tr.Space(e)
			out(e.At, float64(sp.SndNxt.Diff(sp.SndUna)))
		})
	})
	flight.finish(end)
	rwnd := c.line(r, trackKey{trackRwnd, ci, si}, display.RoleRwnd, display.Dashed, true, func(out add) {
		each(spaces, func(e trace.Event) {
			if sp := tr.Space(e); sp.SndWnd > 0 || sp.SndUna != sp.ISS {
				out(e.At, float64(sp.SndWnd))
			}
		})
	})
	rwnd.finish(end)
	ccs := r.ccs[conn][side]
	cwnd := c.line(r, trackKey{trackCwnd, ci, si}, display.RoleCwnd, 0, true, func(out add) {
		each(ccs, func(e trace.Event) { out(e.At, float64(tr.Congestion(e).Cwnd)) })
	})
	cwnd.finish(end)
	ssth := c.line(r, trackKey{trackSsthresh, ci, si}, display.RoleSsthresh, display.Dashed, true, func(out add) {
		each(ccs, func(e trace.Event) {
			if m := tr.Congestion(e); m.Ssthresh >= 1<<30 {
				out(e.At, math.NaN()) // still infinite: nothing to draw
			} else {
				out(e.At, float64(m.Ssthresh))
			}
		})
	})
	ssth.finish(end)
	c.limitBand(r.Limits(conn, side), fs*1.1)
	c.draw(0, c.ymax, bytesUnit, niceBytes)

	// The legend, with the values at the cursor.
	g := c.legend()
	// Room for the two window labels side by side (see below).
	b := slices.Grow(c.buf[:0], 128)
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
	b = append(b[:0], vp.Lang.Pick("peer's window ", "对端窗口 ")...)
	spi := lastAt(r.spaces[conn][side], cursor)
	var inFlight int64
	if spi >= 0 {
		sp := tr.Space(tr.Event(spi))
		b = appendBytes(b, int64(sp.SndWnd))
		inFlight = int64(sp.SndNxt.Diff(sp.SndUna))
	}
	// The second label follows the first in the same buffer (a chart's
	// buffer is reused, so one past its length may hold the first's bytes).
	f := append(b[len(b):], vp.Lang.Pick("in flight ", "在途 ")...)
	if spi >= 0 {
		f = appendBytes(f, inFlight)
	}
	g.add(display.RoleRwnd, display.Dashed, b)
	g.add(display.RoleFlight, 0, f)
	g.draw()
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
	defer c.release()
	if !valid(r, conn) {
		return
	}
	tr := r.Trace
	evs := r.rtts[conn][side]
	ci, si := int(conn), int(side)
	end := min(c.xs.to, r.end)
	rtt := func(pick func(trace.RTTSample) time.Duration) func(func(time.Duration, float64)) {
		return func(out func(time.Duration, float64)) {
			for _, k := range evs {
				e := tr.Event(int(k))
				out(e.At, float64(pick(tr.RTT(e))))
			}
		}
	}
	srtt := c.line(r, trackKey{trackSRTT, ci, si}, display.RoleSRTT, 0, true, rtt(func(s trace.RTTSample) time.Duration { return s.SRTT }))
	srtt.finish(end)
	rto := c.line(r, trackKey{trackRTO, ci, si}, display.RoleRTO, display.Dashed, true, rtt(func(s trace.RTTSample) time.Duration { return s.RTO }))
	rto.finish(end)
	samples := c.line(r, trackKey{trackRTTSample, ci, si}, display.RoleRTTSample, 0, false, rtt(func(s trace.RTTSample) time.Duration { return s.RTT }))
	samples.dots = true
	samples.finish(end)
	c.draw(0, c.ymax, durUnit, niceStep)
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
	g.add(display.RoleRTTSample, display.Dotted|display.Bold, val(vp.Lang.Pick("RTT sample", "RTT 样本"), s.RTT))
	g.add(display.RoleSRTT, 0, val("SRTT", s.SRTT))
	g.add(display.RoleRTO, display.Dashed, val("RTO", s.RTO))
	g.draw()
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
	defer c.release()
	tr := r.Trace
	from, to := c.xs.from, c.xs.to
	evs := r.queues[dir&1]
	// The queue drains at the link's rate: if nothing joins before a
	// packet leaves, it is empty then (it was the last in line).
	q := c.line(r, trackKey{trackQueue, 0, int(dir & 1)}, display.RoleQueue, 0, false, func(out func(time.Duration, float64)) {
		for k, i := range evs {
			e := tr.Event(int(i))
			if k > 0 && tr.Event(int(evs[k-1])).Dequeued() < e.At {
				out(e.At, 0)
			}
			out(e.At, float64(e.QueueLen()))
			if k+1 >= len(evs) || tr.Event(int(evs[k+1])).At > e.Dequeued() {
				out(e.Dequeued(), 0)
			}
		}
	})
	q.finish(min(to, r.end))
	limit := r.Scenario.Link[dir&1].QueueLimit
	if limit > 0 {
		c.ymax = math.Max(c.ymax, float64(limit))
	}
	// Overflows, as crosses at the limit.
	drops := r.overflows[dir&1]
	i, j := visible(tr, drops, from, to)
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
	c.draw(0, math.Max(c.ymax, 1), countUnit, niceCount)
	if limit > 0 {
		// The limit as a line: computed like the chart's own value axis.
		y := c.valueY(float64(limit))
		l.Line(display.RoleLimitLink, display.Dashed, c.x0, y, c.x1, y, 1.5, display.NoRef)
	}
	g := c.legend()
	b := append(c.buf[:0], vp.Lang.Pick("queue ", "队列 ")...)
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
		b = append(b, vp.Lang.Pick(" packets", " 个分组")...)
	}
	g.add(display.RoleQueue, 0, b)
	if limit > 0 {
		b = append(b[:0], vp.Lang.Pick("limit ", "上限 ")...)
		b = strconv.AppendInt(b, int64(limit), 10)
		g.add(display.RoleLimitLink, display.Dashed, b)
	}
	g.draw()
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
	defer c.release()
	if !valid(r, conn) {
		return
	}
	tr := r.Trace
	iss := tr.Conns()[conn].ISS[side]
	rel := func(q seq.Seq) float64 { return float64(q.Diff(iss)) }
	end := min(c.xs.to, r.end)
	ci, si := conn, int(side)
	shift := uint(0)
	if conn < len(r.wshift) {
		shift = uint(r.wshift[conn][side.Peer()])
	}

	// The ACKs the sender received: ACK number and window edge.
	rcvd := r.rcvd[conn][side]
	acks := func(f func(e trace.Event, h trace.Header)) {
		for _, k := range rcvd {
			e := tr.Event(int(k))
			if h := tr.Header(e); h.Flags&wire.ACK != 0 && h.Flags&wire.SYN == 0 {
				f(e, h)
			}
		}
	}
	type add = func(time.Duration, float64)
	ack := c.line(r, trackKey{trackAck, ci, si}, display.RoleSegAck, 0, true, func(out add) {
		acks(func(e trace.Event, h trace.Header) { out(e.At, rel(h.Ack)) })
	})
	ack.finish(end)
	win := c.line(r, trackKey{trackAckWin, ci, si}, display.RoleRwnd, display.Dashed, true, func(out add) {
		acks(func(e trace.Event, h trace.Header) { out(e.At, rel(h.Ack)+float64(int64(h.Window)<<shift)) })
	})
	win.finish(end)
	type bar = func(t time.Duration, lo, hi float64, ref int32)
	c.drawBars(r, r.bars(barKey{barsSACK, ci, si, 0}, func(out bar) {
		for _, k := range rcvd {
			e := tr.Event(int(k))
			if tr.Header(e).NumSACK == 0 {
				continue
			}
			o := tr.Segment(e).Options
			for _, b := range o.SACK[:o.NumSACK] {
				out(e.At, rel(b.Left), rel(b.Right), k)
			}
		}
	}), display.RoleSack, 1.5, false)

	// The segments sent, by why they were sent (the usual ones first, so
	// retransmissions are drawn over them), then the copies lost.
	sent := r.sent[conn][side]
	segs := func(f func(k int32, e trace.Event, h *trace.Header, lo, hi float64)) {
		for _, k := range sent {
			e := tr.Event(int(k))
			h := tr.Header(e)
			n := int(h.PayloadLen)
			if h.Flags&(wire.SYN|wire.FIN) != 0 {
				n++
			}
			if n > 0 {
				f(k, e, &h, rel(h.Seq), rel(h.Seq)+float64(n))
			}
		}
	}
	for _, role := range []display.Role{display.RoleSegSyn, display.RoleSegData, display.RoleSegFin, display.RoleProbe,
		display.RoleFastRetransmit, display.RoleRetransmission} {
		c.drawBars(r, r.bars(barKey{barsSent, ci, si, role}, func(out bar) {
			segs(func(k int32, e trace.Event, h *trace.Header, lo, hi float64) {
				if segRole(tcp.SendReason(e.Code), h) == role {
					out(e.At, lo, hi, k)
				}
			})
		}), role, 0, false)
	}
	c.drawBars(r, r.bars(barKey{barsDrop, ci, si, 0}, func(out bar) {
		segs(func(k int32, e trace.Event, h *trace.Header, lo, hi float64) {
			for q := r.firstSeg[e.Ref]; q >= 0 && int(q) < len(r.segs) && r.segs[q].Sent == k; q++ {
				if d := r.segs[q].Drop; d >= 0 {
					out(e.At, hi, hi, d)
				}
			}
		})
	}), display.RoleDrop, 0, true)
	ymin := c.ymin
	if math.IsInf(ymin, 1) {
		ymin = 0
	}
	c.draw(ymin, c.ymax, countUnit, niceStep)
	g := c.legend()
	b := append(c.buf[:0], vp.Lang.Pick("data sent", "发送的数据")...)
	g.add(display.RoleSegData, 0, b)
	g.add(display.RoleRetransmission, 0, append(b[:0], vp.Lang.Pick("retransmission", "重传")...))
	g.add(display.RoleSegAck, 0, append(b[:0], "ACK"...))
	g.add(display.RoleRwnd, display.Dashed, append(b[:0], "ACK + win"...))
	g.add(display.RoleSack, 0, append(b[:0], "SACK"...))
	g.draw()
	c.buf = b
}
