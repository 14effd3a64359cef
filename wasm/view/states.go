package view

import (
	"math"
	"sort"
	"strings"

	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/view/display"
)

// The diagram's nodes: the eleven states, with CLOSED drawn twice as RFC
// 9293 Figure 5 draws it, at the top (where connections start) and at the
// bottom (where they end).
const closedEnd = tcp.NumStates // the bottom CLOSED

// stateCell places each node on a 3-column, 7-row grid, following the
// figure's shape: opening at the top, ESTABLISHED in the middle, the
// active close down the left and the passive close down the right.
var stateCell = [tcp.NumStates + 1][2]float64{
	tcp.Closed:      {1, 0},
	tcp.Listen:      {1, 1},
	tcp.SynReceived: {0, 2},
	tcp.SynSent:     {2, 2},
	tcp.Established: {1, 3},
	tcp.FinWait1:    {0, 4},
	tcp.CloseWait:   {2, 4},
	tcp.FinWait2:    {0, 5},
	tcp.Closing:     {1, 5},
	tcp.LastAck:     {2, 5},
	tcp.TimeWait:    {1, 6},
	closedEnd:       {2, 6},
}

// node returns the diagram node of a state entered from 'from': CLOSED
// reached while opening is the top one, after ESTABLISHED the bottom one.
func node(to, from tcp.State) int {
	if to != tcp.Closed {
		return int(to)
	}
	switch from {
	case tcp.Closed, tcp.Listen, tcp.SynSent, tcp.SynReceived:
		return int(tcp.Closed)
	}
	return closedEnd
}

// States draws the RFC 9293 connection state diagram for connection conn,
// its edges read from tcp.Transitions (so the picture and the code cannot
// drift apart), with each endpoint's state at the cursor highlighted and
// marked A or B, and the transition each took last emphasised with its
// label. Transitions the figure does not draw (resets, aborts, timeouts)
// appear only once an endpoint has taken one. vp.From and To are unused.
// Hit refs: a highlighted state or edge gives the State event that
// entered it.
func States(r *Run, conn int, cursor int, vp Viewport) *display.List {
	l := &display.List{}
	StatesInto(l, r, conn, cursor, vp)
	return l
}

// StatesInto is States drawing into l (reset first).
func StatesInto(l *display.List, r *Run, conn int, cursor int, vp Viewport) {
	vp = vp.norm()
	l.Reset(vp.W, vp.H)
	fs := vp.fontSize()
	tr := r.Trace
	if conn < 0 || conn >= len(r.states) {
		return
	}
	// Each side's state at the cursor and the transitions taken so far.
	type side struct {
		cur      int   // node
		lastFrom int   // node the last transition left (-1: none)
		lastEv   int32 // its State event (-1: none)
	}
	var sides [2]side
	taken := map[[2]int]int32{} // edges taken by either side, by (from, to) node: the last State event
	for s := range 2 {
		sides[s] = side{cur: int(tcp.Closed), lastFrom: -1, lastEv: -1}
		evs := r.states[conn][s]
		n := sort.Search(len(evs), func(i int) bool { return int(evs[i]) > cursor })
		from := int(tcp.Closed)
		for _, i := range evs[:n] {
			e := tr.Event(int(i))
			to := node(e.To(), e.From())
			from = node(e.From(), tcp.Established)
			if e.From() == tcp.Closed {
				from = int(tcp.Closed)
			}
			taken[[2]int{from, to}] = i
			sides[s] = side{cur: to, lastFrom: from, lastEv: i}
		}
	}

	// Geometry: cells, node boxes.
	top := fs * 0.6
	cw, ch := vp.W/3, (vp.H-top-fs*0.4)/7
	bw := math.Min(cw*0.84, fs*10)
	bh := math.Min(ch*0.5, fs*2.1)
	center := func(n int) (float64, float64) {
		c := stateCell[n]
		return (c[0] + 0.5) * cw, top + (c[1]+0.5)*ch
	}
	// The edges, grouped by (from, to) node: one arrow per pair, its
	// events joined.
	var edges []stateEdge
	find := func(f, t int) int {
		for i := range edges {
			if edges[i].from == f && edges[i].to == t {
				return i
			}
		}
		edges = append(edges, stateEdge{from: f, to: t})
		return len(edges) - 1
	}
	for _, t := range tcp.Transitions {
		f := int(t.From)
		to := node(t.To, t.From)
		if t.From == tcp.Closed {
			f = int(tcp.Closed)
		}
		e := &edges[find(f, to)]
		e.figure = e.figure || t.InFigure
		e.all = append(e.all, t)
	}
	lastOf := [2]int32{sides[0].lastEv, sides[1].lastEv}
	for _, e := range edges {
		ev, wasTaken := taken[[2]int{e.from, e.to}]
		if !e.figure && !wasTaken {
			continue
		}
		role, f, width := display.RoleStateEdge, display.Flags(0), 1.6
		ref := display.NoRef
		if !e.figure {
			role, f = display.RoleStateEdgeExtra, display.Dashed
		}
		if wasTaken && (ev == lastOf[0] || ev == lastOf[1]) {
			role, f, width, ref = display.RoleStateEdgeTaken, f|display.Bold, 1.8, ev
		}
		x0, y0 := center(e.from)
		x1, y1 := center(e.to)
		dx, dy := x1-x0, y1-y0
		d := math.Hypot(dx, dy)
		nx, ny := -dy/d, dx/d
		pair := hasPair(edges, e.to, e.from)
		off := 0.0
		if pair {
			// There and back between the same two nodes: side by side.
			off = fs * 0.45
		}
		var lx, ly float64 // the label's anchor
		var align display.Flags
		if e.from == int(tcp.Closed) && e.to == int(tcp.SynSent) || e.from == int(tcp.SynSent) && e.to == int(tcp.Closed) {
			// Round the right-hand side, as the figure does, clear of LISTEN.
			cx, cy := center(int(tcp.Closed))
			sx, sy := center(int(tcp.SynSent))
			out := e.from == int(tcp.Closed)
			leg := sx + off
			rowY := cy - off
			if !out {
				leg, rowY = sx-off, cy+off
			}
			p := l.Polyline(role, f, width, ref)
			if out {
				l.Pt(p, cx+bw/2+2, rowY)
				l.Pt(p, leg, rowY)
				l.Pt(p, leg, sy-bh/2-fs*1.2)
				l.Arrow(role, f, leg, sy-bh/2-fs*1.2, leg, sy-bh/2-3, width, ref)
				lx, ly, align = leg+fs*0.4, (cy+sy)/2, 0
			} else {
				l.Pt(p, leg, sy-bh/2-2)
				l.Pt(p, leg, rowY)
				l.Pt(p, cx+bw/2+fs*1.2, rowY)
				l.Arrow(role, f, cx+bw/2+fs*1.2, rowY, cx+bw/2+3, rowY, width, ref)
				lx, ly, align = leg-fs*0.4, (cy+sy)/2+fs*0.6, display.End
			}
		} else {
			x0, y0, x1, y1 = x0+nx*off, y0+ny*off, x1+nx*off, y1+ny*off
			sx, sy := clipBox(x0, y0, x1, y1, bw/2+2, bh/2+2)
			ex, ey := clipBox(x1, y1, x0, y0, bw/2+3, bh/2+3)
			l.Arrow(role, f, sx, sy, ex, ey, width, ref)
			// The label beside the middle of the arrow, on its right-hand
			// side (so the two of a pair do not overlap).
			// Two lines of a label, or a bold one, need more room to clear
			// a slanted arrow.
			off := fs * 0.6
			if ref != display.NoRef {
				off = fs * 0.9
			}
			lx, ly = (sx+ex)/2+nx*off, (sy+ey)/2+ny*off
			switch {
			case math.Abs(dy) < 1: // level: above or below, clear of the boxes
				// Clear of the boxes' edges, which may be near.
				align = display.Center | display.Top
				ly = (sy+ey)/2 + bh/2 + 2
				if ny < 0 {
					align = display.Center | display.Bottom
					ly = (sy+ey)/2 - bh/2 - 2
				}
			case math.Abs(dx) > math.Abs(dy)*1.5: // mostly horizontal: above or below
				align = display.Center
				ly += math.Copysign(fs*0.5, ny)
			case nx < 0:
				align = display.End
			}
		}
		var events []string
		if ref != display.NoRef {
			// Just taken: the transitions its cause can be.
			events = byCause(e.all, tcp.StateCause(tr.Event(int(ev)).Code))
		} else {
			for _, t := range e.all {
				if t.InFigure == e.figure {
					events = append(events, t.Event)
				}
			}
		}
		stateLabel(l, events, role, f, align, lx, ly, fs, ref)
	}
	// The nodes, over the edges.
	for n := range stateCell {
		x, y := center(n)
		name := tcp.State(n).String()
		if n == closedEnd {
			name = tcp.Closed.String()
		}
		var here [2]bool
		for s := range 2 {
			here[s] = sides[s].cur == n
		}
		role, f := display.RoleStateNode, display.Flags(0)
		ref := display.NoRef
		if here[0] || here[1] {
			role, f = display.RoleStateActive, display.Bold
			for s := range 2 {
				if here[s] && sides[s].lastEv >= 0 {
					ref = sides[s].lastEv
				}
			}
		}
		l.Rect(display.RolePanel, display.Fill|display.Round, x-bw/2, y-bh/2, x+bw/2, y+bh/2, 0, display.NoRef)
		switch {
		case here[0] && here[1]:
			l.Rect(display.RoleSideA, display.Fill|display.Faint|display.Round, x-bw/2, y-bh/2, x, y+bh/2, 0, display.NoRef)
			l.Rect(display.RoleSideB, display.Fill|display.Faint|display.Round, x, y-bh/2, x+bw/2, y+bh/2, 0, display.NoRef)
		case here[0]:
			l.Rect(display.RoleSideA, display.Fill|display.Faint|display.Round, x-bw/2, y-bh/2, x+bw/2, y+bh/2, 0, display.NoRef)
		case here[1]:
			l.Rect(display.RoleSideB, display.Fill|display.Faint|display.Round, x-bw/2, y-bh/2, x+bw/2, y+bh/2, 0, display.NoRef)
		}
		outline := role
		if here[0] != here[1] {
			outline = display.RoleSideA
			if here[1] {
				outline = display.RoleSideB
			}
		}
		l.Rect(outline, f|display.Round, x-bw/2, y-bh/2, x+bw/2, y+bh/2, 1.5, ref)
		// Badges say which endpoint is here, inside the box's ends (where
		// no edge or label reaches); the name shrinks to fit between.
		br := math.Min(fs*0.55, bh*0.36)
		room := bw - fs*0.6
		if here[0] || here[1] {
			room = bw - 4*br - fs*0.8
		}
		size := fs
		w := display.TextWidth([]byte(name), fs, false)
		if f != 0 {
			w *= 1.15 // bold
		}
		if w > room {
			size = fs * room / w
		}
		tf := display.Center
		if f != 0 {
			tf |= display.Bold
		}
		tr := display.RoleText
		if f == 0 {
			tr = display.RoleTextDim
		}
		l.Text(tr, tf, x, y, size, name, ref)
		for s := range 2 {
			if !here[s] {
				continue
			}
			bx := x - bw/2 + br + fs*0.25
			if s == 1 {
				bx = x + bw/2 - br - fs*0.25
			}
			l.Circle(display.RoleSideA+display.Role(s), display.Fill, bx, y, br, 0, ref)
			l.Text(display.RolePanel, display.Center|display.Bold, bx, y, br*1.3, trace.Side(s).String(), ref)
		}
	}
}

// stateEdge is one arrow of the diagram: every transition between two
// nodes, the figure's own events if it has any.
type stateEdge struct {
	from, to int
	figure   bool // some of its transitions are in RFC 9293 Figure 5
	all      []tcp.Transition
}

// hasPair reports whether the figure has an arrow from f to t.
func hasPair(edges []stateEdge, f, t int) bool {
	for _, e := range edges {
		if e.from == f && e.to == t && e.figure {
			return true
		}
	}
	return false
}

// clipBox moves (x0, y0) along the line towards (x1, y1) to the edge of
// the box of half-size hw×hh centred on it.
func clipBox(x0, y0, x1, y1, hw, hh float64) (float64, float64) {
	dx, dy := x1-x0, y1-y0
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, hw/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, hh/math.Abs(dy))
	}
	if math.IsInf(t, 1) || t > 1 {
		return x0, y0
	}
	return x0 + dx*t, y0 + dy*t
}

// stateLabel writes an edge's events, one line per part as the RFC's
// figure stacks them ("rcv SYN" over "snd SYN,ACK"), centred on y.
func stateLabel(l *display.List, events []string, role display.Role, f, align display.Flags, x, y, fs float64, ref int32) {
	var lines []string
	for _, ev := range events {
		lines = append(lines, strings.Split(ev, " / ")...)
	}
	size := fs * 0.72
	tf := align | display.Halo
	tr := display.RoleTextDim
	if f&display.Bold != 0 {
		size, tf, tr = fs*0.8, tf|display.Bold, role
	}
	step := size * 1.15
	switch {
	case align&display.Bottom != 0:
		y -= step * float64(len(lines)-1)
	case align&display.Top == 0:
		y -= step * float64(len(lines)-1) / 2
	}
	for i, s := range lines {
		l.Text(tr, tf, x, y+float64(i)*step, size, s, ref)
	}
}

// byCause keeps the events of a transition the State event's cause can
// have taken: a reset, an application call or a timeout.
func byCause(all []tcp.Transition, c tcp.StateCause) []string {
	var out, events []string
	for _, t := range all {
		events = append(events, t.Event)
		ev := t.Event
		var ok bool
		switch c {
		case tcp.CauseReset:
			ok = strings.Contains(ev, "RST")
		case tcp.CauseUser:
			ok = strings.HasPrefix(ev, "ABORT") || strings.HasPrefix(ev, "CLOSE") || strings.Contains(ev, "OPEN /")
		case tcp.CauseSegment:
			ok = strings.HasPrefix(ev, "rcv ") && !strings.HasPrefix(ev, "rcv RST")
		case tcp.CauseTimeout, tcp.CauseTimeWait:
			ok = strings.Contains(strings.ToLower(ev), "timeout")
		}
		if ok {
			out = append(out, ev)
		}
	}
	if len(out) == 0 {
		return events
	}
	return out
}
