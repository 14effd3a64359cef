package main

import (
	"errors"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/wasm/playground/i18n"
	"tcpplayground/wasm/playground/model"
)

// editor is the scenario editor: the link and endpoint fields of
// model.Fields and the application timeline of connection 0.
type editor struct {
	box, tbody element
	faults     element // the scripted faults' table body
	outages    element // the link outages' table body
	// all are the fields of connection conn; ctl the controls made so
	// far by field ID; shown the value each field's controls show (a
	// field missing from it is written at the next update).
	all   []model.Field
	ctl   map[string][]element
	shown map[string]string
	// tlHTML is the timeline table's markup as last set: a run that did
	// not change the timeline leaves the table alone.
	tlHTML string
	// fHTML and oHTML are the faults and outages tables' markup as
	// last set.
	fHTML, oHTML string
	buf          []byte
	built        bool
	// conn is the connection whose endpoints and timeline are edited;
	// builtConn the one the controls were built for.
	conn, builtConn int
	// open remembers which "more settings" boxes are open, by prefix.
	open map[string]bool
	// bad is the ID of the field outlined for an error.
	bad string
}

// fieldGroups are the editor's boxes for connection conn, each with the
// summary its advanced fields (model.Field.More) fold under.
func fieldGroups(conn int) []struct{ prefix, title, more string } {
	c := "connections[" + strconv.Itoa(conn) + "]."
	return []struct{ prefix, title, more string }{
		{"link.a_to_b.", "ed.linkAB", "ed.moreLink"}, {"link.b_to_a.", "ed.linkBA", "ed.moreLink"},
		{c + "a.", "ed.epA", "ed.moreEp"}, {c + "b.", "ed.epB", "ed.moreEp"},
	}
}

// build makes the controls (again, in the current language). The panel
// is one string of HTML set at once, as a DOM call per element from
// WebAssembly costs far more; the advanced fields of a box are made when
// it is first opened (fill), so the page starts with the few a student
// needs.
func (ed *editor) build(p *page) {
	if ed.box == nil {
		ed.box = byID("editor")
		ed.tbody = html(byID("timeline").QuerySelector("tbody"))
		ed.faults = html(byID("faults").QuerySelector("tbody"))
		ed.outages = html(byID("outages").QuerySelector("tbody"))
	}
	if ed.open == nil {
		ed.open = map[string]bool{}
	}
	for _, e := range ed.box.QuerySelectorAll("details[data-more]") {
		// Through html(): a method called on the dom.Element interface
		// would keep every element type's copy of it in the wasm (60 KB).
		el := html(e)
		ed.open[el.GetAttribute("data-more")] = el.HasAttribute("open")
	}
	ed.builtConn = ed.conn
	ed.all = model.FieldsFor(ed.conn)
	var b []byte
	for _, g := range fieldGroups(ed.conn) {
		b = append(b, "<fieldset><legend>"...)
		b = appendEscaped(b, p.t(g.title))
		b = append(b, "</legend>"...)
		b = ed.rowsHTML(b, p, g.prefix, false)
		// The advanced fields fold under a <details>, which keyboards
		// and screen readers open like a button; it stays open when the
		// panel is rebuilt.
		b = append(b, `<details data-more="`...)
		b = appendEscaped(b, g.prefix)
		b = append(b, '"')
		if ed.open[g.prefix] {
			b = append(b, ` open data-filled`...)
		}
		b = append(b, "><summary>"...)
		b = appendEscaped(b, p.t(g.more))
		b = append(b, "</summary>"...)
		if ed.open[g.prefix] {
			b = ed.rowsHTML(b, p, g.prefix, true)
		}
		b = append(b, "</details></fieldset>"...)
	}
	ed.box.SetInnerHTML(string(b))
	ed.bad = ""
	ed.tlHTML = ""
	ed.scan()
	ed.built = true
}

// fill makes the advanced fields of a "more settings" box, once.
func (ed *editor) fill(p *page, d element) {
	if d == nil || d.HasAttribute("data-filled") {
		return
	}
	d.SetAttribute("data-filled", "")
	b := ed.rowsHTML(nil, p, d.GetAttribute("data-more"), true)
	d.Underlying().Call("insertAdjacentHTML", "beforeend", string(b))
	ed.scan()
	ed.updateFields(p)
}

// scan finds every control by its field, in document order (a number
// box before its slider), and forgets what they show.
func (ed *editor) scan() {
	ed.ctl = map[string][]element{}
	for _, e := range ed.box.QuerySelectorAll("[data-field]") {
		el := html(e)
		id := el.GetAttribute("data-field")
		ed.ctl[id] = append(ed.ctl[id], el)
	}
	ed.shown = map[string]string{}
}

// rowsHTML appends the rows of the fields under prefix that are advanced
// (more) or not: a label and a number box and slider, a checkbox or a
// menu.
func (ed *editor) rowsHTML(b []byte, p *page, prefix string, more bool) []byte {
	attr := func(name, v string) {
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, `="`...)
		b = appendEscaped(b, v)
		b = append(b, '"')
	}
	for _, f := range ed.all {
		if f.More != more || !strings.HasPrefix(f.ID, prefix) {
			continue
		}
		id := "f-" + strings.NewReplacer("[", "", "]", "", ".", "-").Replace(f.ID)
		label := p.t(f.Label)
		// A hint is the title of the controls, which screen readers
		// read as their description.
		hint := ""
		if i18n.Has(f.Label + ".hint") {
			hint = p.t(f.Label + ".hint")
		}
		b = append(b, `<div class="row"><label`...)
		attr("for", id)
		b = append(b, '>')
		b = appendEscaped(b, label)
		b = append(b, "</label>"...)
		control := func(tag, typ string, named bool) {
			b = append(b, '<')
			b = append(b, tag...)
			if typ != "" {
				attr("type", typ)
			}
			if named {
				attr("id", id)
			} else {
				attr("aria-label", label)
			}
			attr("data-field", f.ID)
			if hint != "" {
				attr("title", hint)
			}
		}
		switch f.Kind {
		case model.Number:
			control("input", "number", true)
			attr("min", number(f.Min))
			attr("max", number(f.Max))
			b = append(b, ` step="any">`...)
			control("input", "range", false)
			attr("min", number(f.Min))
			attr("max", number(f.SliderMax))
			attr("step", number(f.Step))
			b = append(b, '>')
		case model.Toggle:
			control("input", "checkbox", true)
			b = append(b, '>')
		case model.Choice:
			control("select", "", true)
			b = append(b, '>')
			for _, c := range f.Choices {
				b = append(b, "<option"...)
				attr("value", c)
				b = append(b, '>')
				if i18n.Has("opt." + c) {
					c = p.t("opt." + c)
				}
				b = appendEscaped(b, c)
				b = append(b, "</option>"...)
			}
			b = append(b, "</select>"...)
		}
		b = append(b, "</div>"...)
	}
	return b
}

func (ed *editor) wire(p *page) {
	m := p.m
	// field is the editor control an event came from, with its field ID.
	field := func(ev dom.Event) (id string, in *dom.HTMLInputElement, sel *dom.HTMLSelectElement) {
		t := target(ev)
		if t == nil || !t.HasAttribute("data-field") {
			return "", nil, nil
		}
		switch t.TagName() {
		case "INPUT":
			in = input(t)
		case "SELECT":
			sel = selectEl(t)
		}
		return t.GetAttribute("data-field"), in, sel
	}
	value := func(in *dom.HTMLInputElement, sel *dom.HTMLSelectElement) string {
		switch {
		case sel != nil:
			return sel.Value()
		case in.Type() == "checkbox":
			return strconv.FormatBool(in.Checked())
		}
		return in.Value()
	}
	// A slider re-runs on every move (the 50 ms budget is for this) and a
	// whole drag is one undo step; number boxes, checkboxes and menus
	// re-run when their value is committed.
	p.ls.on(byID("editor"), "input", func(ev dom.Event) {
		if id, in, _ := field(ev); in != nil && in.Type() == "range" {
			delete(ed.shown, id)
			m.ApplyGroup(id, model.SetField(id, in.Value()))
		}
	})
	p.ls.on(byID("editor"), "change", func(ev dom.Event) {
		id, in, sel := field(ev)
		if in == nil && sel == nil {
			return
		}
		if in != nil && in.Type() == "range" {
			m.EndGroup()
			return
		}
		// Written back at the next update, whether the edit is taken
		// or refused.
		delete(ed.shown, id)
		m.Apply(model.SetField(id, value(in, sel)))
	})
	// A "more settings" box is filled as it opens: the click (or Enter
	// or Space on its summary, which click too) comes before the box
	// opens.
	p.ls.on(byID("editor"), "click", func(ev dom.Event) {
		if sm := closest(ev, "summary"); sm != nil {
			ed.fill(p, html(sm.Closest("details")))
		}
	})
	p.ls.on(byID("conn"), "change", func(dom.Event) {
		ed.conn, _ = strconv.Atoi(selectEl(byID("conn")).Value())
		ed.build(p)
		ed.update(p)
	})
	tl := byID("timeline")
	p.ls.on(tl, "change", func(ev dom.Event) {
		te := target(ev)
		if te == nil || te.TagName() != "INPUT" {
			return
		}
		t := input(te)
		tr := html(t.Closest("tr[data-a]"))
		if tr == nil {
			return
		}
		i, _ := strconv.Atoi(tr.GetAttribute("data-a"))
		tlActs := m.Scenario.Connections[ed.conn].Timeline
		if i < 0 || i >= len(tlActs) {
			return
		}
		a := tlActs[i]
		v, err := strconv.ParseFloat(t.Value(), 64)
		if err != nil {
			m.FailErr(&scenario.Error{Path: "connections[" + strconv.Itoa(ed.conn) + "].timeline[" + strconv.Itoa(i) + "]",
				Kind: scenario.ErrNotNumber, Args: []string{strconv.Quote(t.Value())}})
			return
		}
		switch t.GetAttribute("data-k") {
		case "at":
			a.AtMS = v
		case "bytes":
			a.Bytes, a.Text = int(v), ""
		}
		m.Apply(model.SetAction(ed.conn, i, a))
	})
	p.ls.on(tl, "click", func(ev dom.Event) {
		b := closest(ev, "button")
		if b == nil {
			return
		}
		if tr := html(b.Closest("tr[data-a]")); tr != nil {
			i, _ := strconv.Atoi(tr.GetAttribute("data-a"))
			m.Apply(model.DeleteAction(ed.conn, i))
			return
		}
		row := html(b.Closest("tr"))
		get := func(k string) string { return rowValue(row, k) }
		at, _ := strconv.ParseFloat(get("at"), 64)
		side := scenario.A
		if get("side") == "B" {
			side = scenario.B
		}
		a := scenario.Action{AtMS: at, Side: side, Kind: actionKind(get("action"))}
		if a.Kind == scenario.Write {
			a.Bytes, _ = strconv.Atoi(get("bytes"))
		}
		m.Apply(model.AddAction(ed.conn, a))
	})
	p.ls.on(byID("faults"), "click", func(ev dom.Event) {
		b := closest(ev, "button")
		if b == nil {
			return
		}
		if tr := html(b.Closest("tr[data-f]")); tr != nil {
			i, _ := strconv.Atoi(tr.GetAttribute("data-f"))
			m.Apply(model.DeleteFault(i))
			return
		}
		ed.addFault(p, html(b.Closest("tr")))
	})
	ot := byID("outages")
	p.ls.on(ot, "click", func(ev dom.Event) {
		b := closest(ev, "button")
		if b == nil {
			return
		}
		if dir, i, ok := outageRow(b); ok {
			m.Apply(model.DeleteOutage(dir, i))
			return
		}
		row := html(b.Closest("tr"))
		dir := scenario.A
		if rowValue(row, "dir") == "B" {
			dir = scenario.B
		}
		if o, ok := ed.outageOf(p, row, model.OutagePath(dir, len(m.Scenario.Link[dir].Outages))); ok {
			m.Apply(model.AddOutage(dir, o))
		}
	})
	p.ls.on(ot, "change", func(ev dom.Event) {
		te := target(ev)
		if te == nil || te.TagName() != "INPUT" {
			return
		}
		if dir, i, ok := outageRow(te); ok {
			if o, ok := ed.outageOf(p, html(te.Closest("tr")), model.OutagePath(dir, i)); ok {
				m.Apply(model.SetOutage(dir, i, o))
			}
		}
	})
}

// outageRow is the link direction and index of the outage whose table
// row el is in (data-o="dir.i"); ok is false in the row that adds one.
func outageRow(el element) (dir, i int, ok bool) {
	tr := html(el.Closest("tr[data-o]"))
	if tr == nil {
		return 0, 0, false
	}
	d, n, _ := strings.Cut(tr.GetAttribute("data-o"), ".")
	dir, _ = strconv.Atoi(d)
	i, _ = strconv.Atoi(n)
	return dir, i, true
}

// outageOf reads the outage an outages table row shows; a box that is not
// a number is refused with path (the outage's) named.
func (ed *editor) outageOf(p *page, row element, path string) (scenario.Outage, bool) {
	var o scenario.Outage
	for _, f := range []struct {
		k, name string
		v       *float64
	}{{"from", "from_ms", &o.FromMS}, {"until", "to_ms", &o.ToMS}} {
		s := rowValue(row, f.k)
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			p.m.FailErr(&scenario.Error{Path: path + "." + f.name, Kind: scenario.ErrNotNumber, Args: []string{strconv.Quote(s)}})
			return o, false
		}
		*f.v = x
	}
	return o, true
}

var actionKinds = []scenario.ActionKind{scenario.Listen, scenario.Connect, scenario.Write, scenario.StopReading,
	scenario.ResumeReading, scenario.Shutdown, scenario.Close, scenario.Abort}

func actionKind(name string) scenario.ActionKind {
	for _, k := range actionKinds {
		if k.String() == name {
			return k
		}
	}
	return 0
}

// update shows the scenario's values in the controls and rebuilds the
// timeline table.
func (ed *editor) update(p *page) {
	sc := p.m.Scenario
	// The connection menu, for runs with more than one.
	n := len(sc.Connections)
	if ed.conn >= n {
		ed.conn = 0
	}
	if ed.conn != ed.builtConn {
		ed.build(p)
	}
	pick, sel := byID("conn-pick"), selectEl(byID("conn"))
	setHidden(pick, n < 2)
	if sel.Length() != n {
		var b []byte
		for i := range n {
			b = append(b, `<option value="`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, `">`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, "</option>"...)
		}
		sel.SetInnerHTML(string(b))
	}
	sel.SetValue(strconv.Itoa(ed.conn))
	ed.updateFields(p)
	// The timeline table as one string of markup, set only when it
	// differs from what is shown.
	b := ed.buf[:0]
	numIn := func(b []byte, k string, v float64, label string) []byte {
		b = append(b, "<td>"...)
		b = appendNumber(b, k, v, 0, label, "")
		return append(b, "</td>"...)
	}
	for i, a := range sc.Connections[ed.conn].Timeline {
		b = append(b, `<tr data-a="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `">`...)
		b = numIn(b, "at", a.AtMS, p.t("ed.at"))
		b = appendCell(b, []string{"A", "B"}[a.Side])
		b = appendCell(b, p.t("act."+a.Kind.String()))
		switch {
		case a.Kind == scenario.Write && a.Text != "":
			b = appendCell(b, strconv.Quote(a.Text))
		case a.Kind == scenario.Write:
			b = numIn(b, "bytes", float64(a.Bytes), p.t("ed.bytes"))
		default:
			b = appendCell(b, "")
		}
		b = appendButtonCell(b, p.t("ed.delete"))
		b = append(b, "</tr>"...)
	}
	// The row that adds an action, at the cursor's time by default.
	b = append(b, "<tr>"...)
	b = numIn(b, "at", float64(p.m.Time.Microseconds())/1000, p.t("ed.at"))
	b = append(b, "<td>"...)
	b = appendSelect(b, "side", p.t("ed.side"))
	b = appendOption(b, "A", "A", false)
	b = appendOption(b, "B", "B", false)
	b = append(b, "</select></td><td>"...)
	b = appendSelect(b, "action", p.t("ed.action"))
	for _, k := range actionKinds {
		b = appendOption(b, k.String(), p.t("act."+k.String()), k == scenario.Write)
	}
	b = append(b, "</select></td>"...)
	b = numIn(b, "bytes", 1000, p.t("ed.bytes"))
	b = appendButtonCell(b, p.t("ed.add"))
	b = append(b, "</tr>"...)
	showMarkup(ed.tbody, &ed.tlHTML, b)
	b = ed.faultRows(p, b[:0])
	ed.buf = ed.outageRows(p, b[:0])
}

// outageRows writes the link outages table into b (returned) and shows
// it if it changed: a row per outage, both directions, with boxes for its
// start and end, and the row that adds one (a second from the cursor).
func (ed *editor) outageRows(p *page, b []byte) []byte {
	sc := p.m.Scenario
	// path is the outage's JSON path ("" in the row that adds one): an
	// error naming it outlines the box (showError).
	row := func(b []byte, path string, o scenario.Outage) []byte {
		from, until := "", ""
		if path != "" {
			from, until = path+".from_ms", path+".to_ms"
		}
		b = append(b, "<td>"...)
		b = appendNumber(b, "from", o.FromMS, 0, p.t("ed.from"), from)
		b = append(b, "</td><td>"...)
		b = appendNumber(b, "until", o.ToMS, 0, p.t("ed.until"), until)
		return append(b, "</td>"...)
	}
	for dir := range 2 {
		for i, o := range sc.Link[dir].Outages {
			b = append(b, `<tr data-o="`...)
			b = strconv.AppendInt(b, int64(dir), 10)
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, `">`...)
			b = appendCell(b, dirName[dir])
			b = row(b, model.OutagePath(dir, i), o)
			b = appendButtonCell(b, p.t("ed.delete"))
			b = append(b, "</tr>"...)
		}
	}
	at := float64(p.m.Time.Microseconds()) / 1000
	b = append(b, "<tr><td>"...)
	b = appendDirSelect(b, p.t("ed.dir"))
	b = append(b, "</td>"...)
	b = row(b, "", scenario.Outage{FromMS: at, ToMS: at + 1000})
	b = appendButtonCell(b, p.t("ed.add"))
	b = append(b, "</tr>"...)
	showMarkup(ed.outages, &ed.oHTML, b)
	return b
}

// faultRows writes the scripted faults table of the edited connection
// into b (returned) and shows it if it changed: a row per fault, in
// words, with its index in Scenario.Faults, and the row that adds one.
func (ed *editor) faultRows(p *page, b []byte) []byte {
	sc, lang := p.m.Scenario, p.m.Lang
	for i, f := range sc.Faults {
		if f.Conn != ed.conn {
			continue
		}
		b = append(b, `<tr data-f="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `">`...)
		b = appendCell(b, dirName[f.Dir&1])
		b = appendCell(b, model.FaultTarget(lang, f))
		b = appendCell(b, model.FaultEffect(lang, f))
		b = appendButtonCell(b, p.t("ed.delete"))
		b = append(b, "</tr>"...)
	}
	// The row that adds one.
	b = append(b, "<tr><td>"...)
	b = appendDirSelect(b, p.t("ed.dir"))
	b = append(b, "</td><td>"...)
	b = appendSelect(b, "which", p.t("ed.which"))
	b = appendOption(b, "segment", p.t("ed.sel.segment"), false)
	b = appendOption(b, "data", p.t("ed.sel.data"), false)
	for _, fl := range []string{"S", "SA", "F", "R"} {
		b = appendOption(b, fl, model.FlagsName(fl), false)
	}
	b = append(b, "</select> "...)
	b = appendNumber(b, "nth", 1, 1, p.t("ed.nth"), "")
	b = append(b, ` <label><input type="checkbox" data-k="every"> `...)
	b = appendEscaped(b, p.t("ed.every"))
	b = append(b, "</label></td><td>"...)
	b = appendSelect(b, "fault", p.t("ed.fault"))
	for a := scenario.FaultDrop; a <= scenario.FaultCorrupt; a++ {
		b = appendOption(b, a.String(), p.t("fault."+a.String()), false)
	}
	b = append(b, "</select> "...)
	b = appendNumber(b, "delay", model.FaultDelayMS(sc, trace.A), 0, p.t("ed.delayms"), "")
	b = append(b, " ms</td>"...)
	b = appendButtonCell(b, p.t("ed.add"))
	b = append(b, "</tr>"...)
	showMarkup(ed.faults, &ed.fHTML, b)
	return b
}

// The editor's tables are strings of markup (see build); these append
// their pieces, every text and attribute escaped.

// showMarkup sets el's content to the markup b unless it is what shown
// (the markup last set) already holds: a run that did not change a table
// leaves it, and whatever is being typed in it, alone.
func showMarkup(el element, shown *string, b []byte) {
	if string(b) != *shown {
		*shown = string(b)
		el.SetInnerHTML(*shown)
	}
}

// dirName names a link direction, by the side that sends on it.
var dirName = [2]string{"A→B", "B→A"}

// appendDirSelect writes the menu of link directions (data-k "dir").
func appendDirSelect(b []byte, label string) []byte {
	b = appendSelect(b, "dir", label)
	b = appendOption(b, "A", dirName[0], false)
	b = appendOption(b, "B", dirName[1], false)
	return append(b, "</select>"...)
}

func appendCell(b []byte, text string) []byte {
	b = append(b, "<td>"...)
	b = appendEscaped(b, text)
	return append(b, "</td>"...)
}

func appendButtonCell(b []byte, text string) []byte {
	b = append(b, `<td><button type="button">`...)
	b = appendEscaped(b, text)
	return append(b, "</button></td>"...)
}

// appendNumber writes a number box named k (data-k) showing v, at least
// least, labelled for a screen reader; path, if any, is the JSON path of
// the value (data-path), for showError.
func appendNumber(b []byte, k string, v, least float64, label, path string) []byte {
	b = append(b, `<input type="number" step="any" min="`...)
	b = strconv.AppendFloat(b, least, 'f', -1, 64)
	b = append(b, `" value="`...)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	b = append(b, `" data-k="`...)
	b = appendEscaped(b, k)
	b = append(b, `" aria-label="`...)
	b = appendEscaped(b, label)
	if path != "" {
		b = append(b, `" data-path="`...)
		b = appendEscaped(b, path)
	}
	return append(b, `">`...)
}

// appendSelect opens a menu named k (data-k), labelled for a screen
// reader; the caller appends its options and closes it.
func appendSelect(b []byte, k, label string) []byte {
	b = append(b, `<select data-k="`...)
	b = appendEscaped(b, k)
	b = append(b, `" aria-label="`...)
	b = appendEscaped(b, label)
	return append(b, `">`...)
}

func appendOption(b []byte, value, text string, selected bool) []byte {
	b = append(b, `<option value="`...)
	b = appendEscaped(b, value)
	if selected {
		b = append(b, `" selected="`...)
	}
	b = append(b, `">`...)
	b = appendEscaped(b, text)
	return append(b, "</option>"...)
}

// rowValue is the value of a table row's control with data-k k: a menu's
// choice, a box's text, "true" or "false" for a checkbox, "" for none.
func rowValue(row element, k string) string {
	switch el := html(row.QuerySelector("[data-k=\"" + k + "\"]")); {
	case el == nil:
		return ""
	case el.TagName() == "SELECT":
		return selectEl(el).Value()
	case input(el).Type() == "checkbox":
		return strconv.FormatBool(input(el).Checked())
	default:
		return input(el).Value()
	}
}

// addFault adds the fault the faults table's last row describes.
func (ed *editor) addFault(p *page, row element) {
	get := func(k string) string { return rowValue(row, k) }
	nth, err := strconv.Atoi(get("nth"))
	if err != nil {
		p.m.FailErr(&scenario.Error{Path: "faults", Kind: scenario.ErrNotNumber, Args: []string{strconv.Quote(get("nth"))}})
		return
	}
	f := scenario.Fault{Conn: ed.conn, Every: get("every") == "true"}
	if get("dir") == "B" {
		f.Dir = int(trace.B)
	}
	switch which := get("which"); which {
	case "segment":
		f.Segment = nth
	case "data":
		f.Data = nth
	default:
		f.Flags = which
		if !f.Every {
			f.Nth = nth
		}
	}
	f.Action, _ = scenario.ParseFaultAction(get("fault"))
	if f.Action == scenario.FaultDelay {
		f.DelayMS, _ = strconv.ParseFloat(get("delay"), 64)
	}
	p.m.Apply(model.AddFault(f))
}

// updateFields shows the scenario's values in the controls. Only a value
// that changed is written (a slider drag re-runs at every step); a box or
// menu being typed in keeps what the user typed, and is written once they
// leave it.
func (ed *editor) updateFields(p *page) {
	sc := p.m.Scenario
	active := html(doc.ActiveElement())
	for _, f := range ed.all {
		ctls := ed.ctl[f.ID]
		if len(ctls) == 0 {
			continue // in a box not opened yet
		}
		v := f.Get(sc)
		if old, ok := ed.shown[f.ID]; ok && old == v {
			continue
		}
		ed.shown[f.ID] = v
		for i, el := range ctls {
			switch {
			case f.Kind == model.Toggle:
				input(el).SetChecked(v == "true")
			case i == 0 && same(el, active):
				delete(ed.shown, f.ID)
			case f.Kind == model.Choice:
				selectEl(el).SetValue(v)
			default:
				input(el).SetValue(v)
			}
		}
	}
}

// number formats a control's numeric value or bound as JavaScript would.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// showError outlines the field the current error names, opening (and
// filling) its "more settings" box if it is folded there.
func (ed *editor) showError(p *page) {
	var se *scenario.Error
	bad := ""
	if p.m.Err != "" && errors.As(p.m.Cause, &se) {
		// A file's or a link's error names the path in the error it
		// wraps.
		for inner := se; inner != nil; inner, _ = inner.Err.(*scenario.Error) {
			bad = inner.Path
		}
	}
	if bad == ed.bad {
		return
	}
	if f, ok := model.FieldByID(bad); ok && f.More && len(ed.ctl[bad]) == 0 {
		for _, e := range ed.box.QuerySelectorAll("details[data-more]") {
			if d := html(e); strings.HasPrefix(bad, d.GetAttribute("data-more")) {
				ed.fill(p, d)
				d.SetAttribute("open", "")
			}
		}
	}
	for _, id := range []string{ed.bad, bad} {
		for _, el := range ed.ctl[id] {
			toggleClass(html(el.Closest(".row")), "bad", id == bad)
		}
		if id == "" {
			continue
		}
		// An outage's box carries its path (compared, not put in a
		// selector: a path from a stranger's file may hold quotes).
		for _, e := range byID("outages").QuerySelectorAll("[data-path]") {
			if el := html(e); el.GetAttribute("data-path") == id {
				toggleClass(el, "bad", id == bad)
			}
		}
	}
	ed.bad = bad
}

// errorText is the error box's message in the page's language: a
// validation error worded from its parts (scenario.Error), anything else
// as it came.
func errorText(p *page) string {
	m := p.m
	var se *scenario.Error
	if m.Err == "" || m.Lang != narrate.Chinese || !errors.As(m.Cause, &se) {
		return m.Err
	}
	return se.Chinese()
}
