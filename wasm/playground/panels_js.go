package main

import (
	"strconv"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/playground/inspect"
)

// eventWindow is how many rows of the event list exist at once: a long
// run's list is a window around the cursor, rebuilt when the cursor
// leaves it, so the DOM stays small. A jump (Home, End, the scrubber)
// rebuilds it in the frame the budget counts: 200 rows, ten screens of
// the list, cost BenchmarkBigTraceRedraw about 2.5 ms less than 600.
const eventWindow = 200

// eventList is the scrollable list of every event: the text alternative
// of the ladder, with Wireshark's labels.
type eventList struct {
	ol, pane element
	// built says the rows are the current run's in the current language;
	// stale that the cursor moved since they were brought up to date;
	// visible that the pane is on screen.
	built, stale, visible bool
	lo, hi                int // rows for events [lo, hi)
	cur                   element
	scroll                bool // the cursor's row moved: scroll to it next frame
	buf                   []byte
}

func (l *eventList) init(p *page) { l.ol, l.pane = byID("events"), byID("events-pane") }

func (l *eventList) wire(p *page) {
	p.ls.on(l.ol, "click", func(ev dom.Event) {
		if li := closest(ev, "li[data-i]"); li != nil {
			i, _ := strconv.Atoi(li.GetAttribute("data-i"))
			p.selected = -1
			p.m.Goto(i)
		}
	})
}

// rebuild makes the rows of the window around the cursor, as one string
// of markup.
func (l *eventList) rebuild(p *page) {
	tr := p.m.Trace
	l.lo = max(0, p.m.Cursor-eventWindow/2)
	l.hi = min(tr.Len(), l.lo+eventWindow)
	l.cur, l.built = nil, true
	b := l.buf[:0]
	var line []byte
	for i := l.lo; i < l.hi; i++ {
		b = append(b, `<li data-i="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		if tr.Event(i).Kind == trace.Dropped {
			b = append(b, `" class="drop`...)
		}
		b = append(b, `">`...)
		line = tr.AppendEvent(line[:0], i)
		b = appendEscaped(b, line)
		if lb := p.m.Run.Labels(i); lb.Flags != 0 {
			b = append(b, `<span class="lbl">  [`...)
			b = appendEscaped(b, lb.String())
			b = append(b, `]</span>`...)
		}
		b = append(b, "</li>"...)
	}
	l.buf = b
	l.ol.SetInnerHTML(string(b))
}

// update marks the cursor's row, first making the rows around it if the
// run or language changed or the cursor left them, and has the list (only
// the list, never the page) scroll to keep it in view.
func (l *eventList) update(p *page) {
	c := p.m.Cursor
	if !l.built || c < l.lo || c >= l.hi {
		l.rebuild(p)
	}
	if l.cur != nil {
		l.cur.Class().Remove("cur")
		l.cur.RemoveAttribute("aria-current")
	}
	row := child(l.ol, c-l.lo)
	if row == nil {
		return
	}
	row.Class().Add("cur")
	row.SetAttribute("aria-current", "step")
	l.cur = row
	l.scroll = true
}

// scrollToCursor scrolls the list (only the list, never the page) to keep
// the cursor's row in view. The frame loop calls it at the start of the
// next frame, when the browser has laid the list out anyway: reading
// offsetTop right after changing the list would force a layout of the
// whole page in the middle of the frame. A list off screen is scrolled
// when it comes on screen: the idle callback that rebuilt it used to
// read its layout at once, forcing a layout of the page there (5-9 ms
// under tracing), and the frame of a move that came after it waited
// (BenchmarkBigTraceRedraw's worst moves).
func (l *eventList) scrollToCursor() {
	if !l.scroll || l.cur == nil || !l.visible {
		return
	}
	l.scroll = false
	row := l.cur
	top, h := row.OffsetTop(), row.OffsetHeight()
	st := scrollTop(l.ol)
	_, vh := clientSize(l.ol)
	if top < st || top+h > st+vh {
		setScrollTop(l.ol, top-vh/3)
	}
}

// inspector shows every header field of one segment and its bytes.
type inspector struct {
	none, box, title, tbody, hex element
	pane                         element
	stale, visible               bool // as the event list's
	// picked says a segment was picked on the ladder: the next frame
	// shows it even off screen (a click, not a cursor move, so rare).
	picked  bool
	shown   int
	runSeq  uint64
	lang    int
	fields  []inspect.Field
	on      [2]int // the bytes highlighted
	payload int    // the first payload byte (the packet's length if none)
	hb      []byte
}

func (in *inspector) init(p *page) {
	in.none, in.box, in.title = byID("inspect-none"), byID("inspector"), byID("inspect-title")
	in.tbody = html(byID("fields").QuerySelector("tbody"))
	in.hex, in.pane = byID("hex"), byID("inspector-pane")
	in.shown = -2
}

func (in *inspector) wire(p *page) {
	field := func(ev dom.Event) {
		if tr := closest(ev, "tr[data-f]"); tr != nil {
			f, _ := strconv.Atoi(tr.GetAttribute("data-f"))
			in.highlight(f)
		}
	}
	p.ls.on(in.tbody, "mouseover", field)
	p.ls.on(in.tbody, "focusin", field)
	p.ls.on(in.hex, "mouseover", func(ev dom.Event) {
		if s := closest(ev, "span[data-b]"); s != nil {
			b, _ := strconv.Atoi(s.GetAttribute("data-b"))
			for i, f := range in.fields {
				if b >= f.Off && b < f.End {
					in.highlight(i)
					break
				}
			}
		}
	})
}

// show displays the selected segment, or the cursor's.
func (in *inspector) show(p *page) {
	// A selection lasts until the cursor moves.
	if p.selected >= 0 && p.selectedView != p.m.ViewSeq {
		p.selected = -1
	}
	i := p.selected
	if i < 0 {
		i = p.m.SegmentAt()
	}
	if i == in.shown && in.runSeq == p.m.RunSeq && in.lang == int(p.m.Lang) {
		return
	}
	in.shown, in.runSeq, in.lang = i, p.m.RunSeq, int(p.m.Lang)
	setHidden(in.none, i >= 0)
	setHidden(in.box, i < 0)
	if i < 0 {
		return
	}
	tr := p.m.Trace
	e := tr.Event(i)
	pkt := tr.AppendPacket(nil, e)
	c := tr.Conns()[e.Conn]
	from := e.Sender()
	fs, err := inspect.Fields(pkt, inspect.Bases{Seq: c.ISS[from], Ack: c.ISS[from.Peer()]})
	in.fields = fs
	h := tr.Header(e)
	title := p.t("seg.title") + " #" + strconv.Itoa(int(e.Ref)) + " " + from.String() + "→" + from.Peer().String() +
		" · " + strconv.Itoa(len(pkt)) + " " + p.t("inspect.size")
	if h.PayloadLen > 0 {
		title += " (" + p.t("inspect.data") + " " + strconv.Itoa(int(h.PayloadLen)) + ")"
	}
	setText(in.title, title)
	var tb []byte
	layer := inspect.Layer(255)
	for k, f := range fs {
		if f.Layer != layer && f.Layer != inspect.Payload {
			layer = f.Layer
			tb = append(tb, `<tr class="layer"><td colspan="3">`...)
			tb = appendEscaped(tb, f.Layer.String())
			tb = append(tb, "</td></tr>"...)
		}
		tb = append(tb, `<tr tabindex="0" data-f="`...)
		tb = strconv.AppendInt(tb, int64(k), 10)
		tb = append(tb, `">`...)
		for _, s := range []string{f.Name, f.Value, byteRange(f)} {
			tb = append(tb, "<td>"...)
			tb = appendEscaped(tb, s)
			tb = append(tb, "</td>"...)
		}
		tb = append(tb, "</tr>"...)
	}
	if err != nil {
		tb = append(tb, `<tr><td colspan="3" class="error">`...)
		tb = appendEscaped(tb, err.Error())
		tb = append(tb, "</td></tr>"...)
	}
	in.tbody.SetInnerHTML(string(tb))
	// One span per header byte, so hovering a field lights its bytes;
	// the payload, one field, is one span (a full segment's 1 460 spans
	// cost a cursor move a millisecond of markup, then the layout).
	hb := in.hb[:0]
	in.payload = len(pkt)
	for _, f := range fs {
		if f.Layer == inspect.Payload && f.End == len(pkt) {
			in.payload = f.Off
		}
	}
	for k, b := range pkt {
		if k <= in.payload {
			if k > 0 {
				hb = append(hb, "</span>"...)
			}
			hb = append(hb, `<span data-b="`...)
			hb = strconv.AppendInt(hb, int64(k), 10)
			hb = append(hb, `">`...)
		}
		hb = append(hb, inspect.Hex(b)...)
		switch {
		case k == len(pkt)-1:
		case k%16 == 15:
			hb = append(hb, '\n')
		case k%8 == 7:
			hb = append(hb, "  "...)
		default:
			hb = append(hb, ' ')
		}
	}
	if len(pkt) > 0 {
		hb = append(hb, "</span>"...)
	}
	in.hb = hb
	in.hex.SetInnerHTML(string(hb))
	in.on = [2]int{0, 0}
}

// child returns the hex dump's child holding byte b: bytes up to the
// payload have one each, the payload one for all.
func (in *inspector) child(b int) int { return min(b, in.payload) }

// highlight marks field f's row and its bytes.
func (in *inspector) highlight(f int) {
	setChildrenClass(in.hex, in.child(in.on[0]), in.child(in.on[1]-1)+1, "on", false)
	if old := in.tbody.QuerySelector("tr.on"); old != nil {
		old.Class().Remove("on")
	}
	if f < 0 || f >= len(in.fields) {
		return
	}
	fd := in.fields[f]
	in.on = [2]int{fd.Off, fd.End}
	setChildrenClass(in.hex, in.child(fd.Off), in.child(fd.End-1)+1, "on", true)
	if row := in.tbody.QuerySelector("tr[data-f=\"" + strconv.Itoa(f) + "\"]"); row != nil {
		row.Class().Add("on")
	}
}

func byteRange(f inspect.Field) string {
	if f.End-f.Off == 1 {
		return strconv.Itoa(f.Off)
	}
	return strconv.Itoa(f.Off) + "–" + strconv.Itoa(f.End-1)
}
