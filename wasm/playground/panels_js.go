package main

import (
	"strconv"
	"syscall/js"

	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/playground/inspect"
)

// eventWindow is how many rows of the event list exist at once: a long
// run's list is a window around the cursor, rebuilt when the cursor
// leaves it, so the DOM stays small.
const eventWindow = 1500

// eventList is the scrollable list of every event: the text alternative
// of the ladder, with Wireshark's labels.
type eventList struct {
	ol      js.Value
	lo, hi  int // rows for events [lo, hi)
	cur     js.Value
	buf     []byte
	hasRows bool
}

func (l *eventList) init(p *page) { l.ol = byID("events") }

func (l *eventList) wire(p *page) {
	p.ls.on(l.ol, "click", func(ev js.Value) {
		if li := closest(ev, "li[data-i]"); !li.IsNull() {
			i, _ := strconv.Atoi(li.Call("getAttribute", "data-i").String())
			p.selected = -1
			p.m.Goto(i)
		}
	})
}

// rebuild makes the rows of the window around the cursor.
func (l *eventList) rebuild(p *page) {
	tr := p.m.Trace
	l.lo = max(0, p.m.Cursor-eventWindow/2)
	l.hi = min(tr.Len(), l.lo+eventWindow)
	l.ol.Set("textContent", "")
	l.cur = js.Null()
	frag := document.Call("createDocumentFragment")
	for i := l.lo; i < l.hi; i++ {
		li := create("li")
		li.Set("id", "ev-"+strconv.Itoa(i))
		setAttr(li, "data-i", strconv.Itoa(i))
		l.buf = tr.AppendEvent(l.buf[:0], i)
		e := tr.Event(i)
		if e.Kind == trace.Dropped {
			li.Set("className", "drop")
		}
		li.Set("textContent", string(l.buf))
		if lb := p.m.Run.Labels(i); lb.Flags != 0 {
			span := create("span")
			span.Set("className", "lbl")
			span.Set("textContent", "  ["+lb.String()+"]")
			li.Call("appendChild", span)
		}
		frag.Call("appendChild", li)
	}
	l.ol.Call("appendChild", frag)
	l.hasRows = true
}

// highlight marks the cursor's row and scrolls the list (only the list,
// never the page) to keep it in view.
func (l *eventList) highlight(p *page) {
	c := p.m.Cursor
	if c < l.lo || c >= l.hi {
		l.rebuild(p)
	}
	if !l.cur.IsNull() && !l.cur.IsUndefined() {
		l.cur.Get("classList").Call("remove", "cur")
		l.cur.Call("removeAttribute", "aria-current")
	}
	row := l.ol.Get("children").Index(c - l.lo)
	if row.IsUndefined() || row.IsNull() {
		return
	}
	row.Get("classList").Call("add", "cur")
	setAttr(row, "aria-current", "step")
	l.cur = row
	top, h := row.Get("offsetTop").Float(), row.Get("offsetHeight").Float()
	st, vh := l.ol.Get("scrollTop").Float(), l.ol.Get("clientHeight").Float()
	if top < st || top+h > st+vh {
		l.ol.Set("scrollTop", top-vh/3)
	}
}

// inspector shows every header field of one segment and its bytes.
type inspector struct {
	none, box, title, tbody, hex js.Value
	shown                        int
	runSeq                       uint64
	lang                         int
	spans                        []js.Value
	fields                       []inspect.Field
	on                           [2]int
}

func (in *inspector) init(p *page) {
	in.none, in.box, in.title = byID("inspect-none"), byID("inspector"), byID("inspect-title")
	in.tbody = byID("fields").Get("tBodies").Index(0)
	in.hex = byID("hex")
	in.shown = -2
}

func (in *inspector) wire(p *page) {
	p.ls.on(in.tbody, "mouseover", func(ev js.Value) {
		if tr := closest(ev, "tr[data-f]"); !tr.IsNull() {
			f, _ := strconv.Atoi(tr.Call("getAttribute", "data-f").String())
			in.highlight(f)
		}
	})
	p.ls.on(in.tbody, "focusin", func(ev js.Value) {
		if tr := closest(ev, "tr[data-f]"); !tr.IsNull() {
			f, _ := strconv.Atoi(tr.Call("getAttribute", "data-f").String())
			in.highlight(f)
		}
	})
	p.ls.on(in.hex, "mouseover", func(ev js.Value) {
		if s := closest(ev, "span[data-b]"); !s.IsNull() {
			b, _ := strconv.Atoi(s.Call("getAttribute", "data-b").String())
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
		" · " + strconv.Itoa(len(pkt)) + " bytes"
	if h.PayloadLen > 0 {
		title += " (" + strconv.Itoa(int(h.PayloadLen)) + " of data)"
	}
	setText(in.title, title)
	in.tbody.Set("textContent", "")
	layer := inspect.Layer(255)
	for k, f := range fs {
		if f.Layer != layer && f.Layer != inspect.Payload {
			layer = f.Layer
			row := create("tr")
			row.Set("className", "layer")
			td := create("td")
			td.Set("colSpan", 3)
			td.Set("textContent", f.Layer.String())
			row.Call("appendChild", td)
			in.tbody.Call("appendChild", row)
		}
		row := create("tr")
		setAttr(row, "data-f", strconv.Itoa(k))
		row.Set("tabIndex", 0)
		for _, s := range []string{f.Name, f.Value, byteRange(f)} {
			td := create("td")
			td.Set("textContent", s)
			row.Call("appendChild", td)
		}
		in.tbody.Call("appendChild", row)
	}
	if err != nil {
		row := create("tr")
		td := create("td")
		td.Set("colSpan", 3)
		td.Set("className", "error")
		td.Set("textContent", err.Error())
		row.Call("appendChild", td)
		in.tbody.Call("appendChild", row)
	}
	in.hex.Set("textContent", "")
	in.spans = in.spans[:0]
	frag := document.Call("createDocumentFragment")
	for k, b := range pkt {
		s := create("span")
		s.Set("textContent", inspect.Hex(b))
		setAttr(s, "data-b", strconv.Itoa(k))
		frag.Call("appendChild", s)
		sep := " "
		if k%16 == 15 {
			sep = "\n"
		} else if k%8 == 7 {
			sep = "  "
		}
		frag.Call("appendChild", document.Call("createTextNode", sep))
		in.spans = append(in.spans, s)
	}
	in.hex.Call("appendChild", frag)
	in.on = [2]int{0, 0}
}

// highlight marks field f's row and its bytes.
func (in *inspector) highlight(f int) {
	for k := in.on[0]; k < in.on[1] && k < len(in.spans); k++ {
		in.spans[k].Get("classList").Call("remove", "on")
	}
	old := in.tbody.Call("querySelector", "tr.on")
	if !old.IsNull() {
		old.Get("classList").Call("remove", "on")
	}
	if f < 0 || f >= len(in.fields) {
		return
	}
	fd := in.fields[f]
	in.on = [2]int{fd.Off, fd.End}
	for k := fd.Off; k < fd.End && k < len(in.spans); k++ {
		in.spans[k].Get("classList").Call("add", "on")
	}
	if row := in.tbody.Call("querySelector", "tr[data-f=\""+strconv.Itoa(f)+"\"]"); !row.IsNull() {
		row.Get("classList").Call("add", "on")
	}
}

func byteRange(f inspect.Field) string {
	if f.End-f.Off == 1 {
		return strconv.Itoa(f.Off)
	}
	return strconv.Itoa(f.Off) + "–" + strconv.Itoa(f.End-1)
}
