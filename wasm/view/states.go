package view

import (
	"iter"
	"math"
	"sort"
	"strings"
	"sync"

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
	// taken holds the edges taken by either side, by (from, to) node:
	// the last State event plus one (0: not taken).
	var taken [len(stateCell)][len(stateCell)]int32
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
			taken[from][to] = i + 1
			sides[s] = side{cur: to, lastFrom: from, lastEv: i}
		}
	}

	// Geometry: cells, node boxes.
	// Room below the bottom row (with the bottom of its cells) for the
	// two lines of TIME-WAIT's "Timeout=2MSL / delete TCB", which have
	// nowhere else to go.
	top, bottom := fs*0.6, fs*1.2
	cw, ch := vp.W/3, (vp.H-top-bottom)/7
	bw := math.Min(cw*0.84, fs*10)
	bh := math.Min(ch*0.5, fs*2.1)
	center := func(n int) (float64, float64) {
		c := stateCell[n]
		return (c[0] + 0.5) * cw, top + (c[1]+0.5)*ch
	}
	edges := stateEdges()
	// The state boxes, which labels must keep clear of.
	var boxes [][4]float64
	for n := range stateCell {
		x, y := center(n)
		boxes = append(boxes, [4]float64{x - bw/2, y - bh/2, x + bw/2, y + bh/2})
	}
	var labels []stateLabelAt
	lastOf := [2]int32{sides[0].lastEv, sides[1].lastEv}
	for _, e := range edges {
		ev, wasTaken := taken[e.from][e.to]-1, taken[e.from][e.to] != 0
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
		var alt stateAnchor // another place for it
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
			// Labels may slide along the vertical leg.
			dx, dy = 0, sy-cy
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
			lx, ly, align = besideArrow(sx, sy, ex, ey, nx, ny, off, bh, fs)
			if !pair {
				// Where there is no room, the other side will do.
				alt.x, alt.y, alt.align = besideArrow(sx, sy, ex, ey, -nx, -ny, off, bh, fs)
				alt.ok = true
			}
		}
		events := e.shown
		if ref != display.NoRef {
			// Just taken: the transitions its cause can be.
			events = byCause(e.all, tcp.StateCause(tr.Event(int(ev)).Code))
		}
		labels = append(labels, stateLabelAt{events: events, role: role, f: f,
			at: stateAnchor{x: lx, y: ly, align: align, ok: true}, alt: alt, ux: dx, uy: dy, ref: ref})
	}
	placeStateLabels(l, labels, boxes, fs)
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
	// shown are the events its label says when it was not just taken:
	// those of its transitions in the figure, or all if none is.
	shown []string
}

// stateEdges are the diagram's edges, grouped by (from, to) node from
// tcp.Transitions, one arrow per pair with its events joined: the same
// for every layout, so made once (a cursor move made them again, most of
// the state diagram's allocations).
var stateEdges = sync.OnceValue(func() []stateEdge {
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
	for i := range edges {
		e := &edges[i]
		for _, t := range e.all {
			if t.InFigure == e.figure {
				e.shown = append(e.shown, t.Event)
			}
		}
	}
	return edges
})

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

// besideArrow returns where an arrow's label goes: beside the middle of
// the arrow (sx, sy)–(ex, ey), off pixels to the side the unit normal
// (nx, ny) points, aligned so that it grows away from the arrow.
func besideArrow(sx, sy, ex, ey, nx, ny, off, bh, fs float64) (x, y float64, align display.Flags) {
	x, y = (sx+ex)/2+nx*off, (sy+ey)/2+ny*off
	dx, dy := ex-sx, ey-sy
	switch {
	case math.Abs(dy) < 1: // level: above or below, clear of the boxes
		// Clear of the boxes' edges, which may be near.
		if ny < 0 {
			return x, (sy+ey)/2 - bh/2 - 2, display.Center | display.Bottom
		}
		return x, (sy+ey)/2 + bh/2 + 2, display.Center | display.Top
	case math.Abs(dx) > math.Abs(dy)*1.5: // mostly horizontal: above or below
		return x, y + math.Copysign(fs*0.5, ny), display.Center
	case nx < 0:
		return x, y, display.End
	}
	return x, y, 0
}

// stateAnchor is a place for an edge's label: a point and how the text
// aligns to it.
type stateAnchor struct {
	x, y  float64
	align display.Flags
	ok    bool // there is such a place
}

// stateLabelAt is an edge's label waiting to be placed: its events and
// looks, its place and another, and the arrow's vector (ux, uy), along
// which the label may slide.
type stateLabelAt struct {
	events  []string
	role    display.Role
	f       display.Flags
	at, alt stateAnchor
	ux, uy  float64
	ref     int32
}

// placeStateLabels writes the edges' labels where they collide with no
// other label, no state's box and no edge of the canvas. The transition
// just taken is placed first; each label tries its anchor, then slides
// along its arrow, then smaller type; a figure label that fits nowhere is
// left out (the figure's labels do not all fit a phone or a projector's
// large type), while a taken one is written at its anchor regardless:
// it is what the narration talks about.
func placeStateLabels(l *display.List, labels []stateLabelAt, boxes [][4]float64, fs float64) {
	placed := boxes
	try := func(a *stateLabelAt, force bool) {
		for _, scale := range [...]float64{1, 0.85, 0.72} {
			if scale < 1 && fs*0.72*scale < minLabelSize {
				break
			}
			for _, at := range [...]stateAnchor{a.at, a.alt} {
				if !at.ok {
					continue
				}
				for _, slide := range [...]float64{0, -0.12, 0.12, -0.24, 0.24, -0.36, 0.36} {
					b, ok := stateLabel(l, false, a, at, fs, scale, slide)
					if !ok || collides(b, placed) {
						continue
					}
					stateLabel(l, true, a, at, fs, scale, slide)
					placed = append(placed, b)
					return
				}
			}
		}
		if force {
			b, _ := stateLabel(l, true, a, a.at, fs, 1, 0)
			placed = append(placed, b)
		}
	}
	for i := range labels {
		if labels[i].ref != display.NoRef {
			try(&labels[i], true)
		}
	}
	for i := range labels {
		if labels[i].ref == display.NoRef {
			try(&labels[i], false)
		}
	}
}

// minLabelSize is the smallest type a label shrinks to, in pixels: below
// it, a label is not read but guessed.
const minLabelSize = 7.5

// collides reports whether box b overlaps any of boxes (touching is not
// overlapping).
func collides(b [4]float64, boxes [][4]float64) bool {
	const e = 0.5
	for _, o := range boxes {
		if b[0] < o[2]-e && o[0] < b[2]-e && b[1] < o[3]-e && o[1] < b[3]-e {
			return true
		}
	}
	return false
}

// stateLabel writes a label's events, one line per part as the RFC's
// figure stacks them ("rcv SYN" over "snd SYN,ACK"), at scale times its
// size, slid by slide times its arrow and moved inside the canvas if it
// would cross an edge, at anchor at. It returns the box the label covers
// and whether the canvas could hold it; unless draw, it only measures.
func stateLabel(l *display.List, draw bool, a *stateLabelAt, at stateAnchor, fs, scale, slide float64) ([4]float64, bool) {
	size := fs * 0.72
	tf := at.align | display.Halo
	tr := display.RoleTextDim
	if a.f&display.Bold != 0 {
		size, tf, tr = fs*0.8, tf|display.Bold, a.role
	}
	size *= scale
	// A line is as tall as display.TextBox says, so lines touch and do
	// not overlap.
	step := size * 1.2
	w, n := 0.0, 0
	for s := range labelLines(a.events) {
		lw := display.TextWidth([]byte(s), size, false)
		if tf&display.Bold != 0 {
			lw *= 1.15
		}
		w = max(w, lw)
		n++
	}
	h := step * float64(n)
	x, y := at.x+a.ux*slide, at.y+a.uy*slide
	// The box, from the anchor and the alignment.
	x0 := x
	switch {
	case tf&display.Center != 0:
		x0 -= w / 2
	case tf&display.End != 0:
		x0 -= w
	}
	y0 := y - h/2
	switch {
	case tf&display.Top != 0:
		y0 = y
	case tf&display.Bottom != 0:
		y0 = y - h
	}
	// Inside the canvas, with the halo's room at the sides.
	pad := size * 0.2
	dx := max(pad-x0, 0) + min(l.W-pad-(x0+w), 0)
	dy := max(-y0, 0) + min(l.H-(y0+h), 0)
	x, x0, y0 = x+dx, x0+dx, y0+dy
	ok := x0 >= pad-0.01 && x0+w <= l.W-pad+0.01 && y0 >= -0.01 && y0+h <= l.H+0.01
	box := [4]float64{x0 - pad, y0, x0 + w + pad, y0 + h}
	if !draw {
		return box, ok
	}
	// Each line's own anchor: the text's middle, top or bottom.
	ly := y0 + size*0.6
	switch {
	case tf&display.Top != 0:
		ly = y0
	case tf&display.Bottom != 0:
		ly = y0 + size*1.2
	}
	i := 0
	for s := range labelLines(a.events) {
		l.Text(tr, tf, x, ly+float64(i)*step, size, s, a.ref)
		i++
	}
	return box, ok
}

// labelLines yields the lines of a transition label: its events, each
// split at " / " (event / action). It makes no slice: a label is measured
// for every place tried (placeStateLabels), and splitting it each time
// was half the state diagram's allocations per cursor move.
func labelLines(events []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, ev := range events {
			for {
				line, rest, more := strings.Cut(ev, " / ")
				if !yield(line) {
					return
				}
				if !more {
					break
				}
				ev = rest
			}
		}
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
