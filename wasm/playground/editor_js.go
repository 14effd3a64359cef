package main

import (
	"errors"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/wasm/playground/i18n"
	"tcpplayground/wasm/playground/model"
)

// editor is the scenario editor: the link and endpoint fields of
// model.Fields and the application timeline of connection 0.
type editor struct {
	box, tbody element
	rows       map[string]element // field ID → its row
	// ctls are each field's controls, kept from build: an update after
	// every slider move sets their values without querying the DOM and
	// wrapping every element found again (each wrapper is a js.Value with
	// a finalizer; BenchmarkSliderRerun's profile had update at half the
	// frame).
	ctls map[string][]control
	// tlHTML is the timeline table's markup as last set: a run that did
	// not change the timeline leaves the table alone.
	tlHTML string
	buf    []byte
	built  bool
	// conn is the connection whose endpoints and timeline are edited;
	// builtConn the one the controls were built for.
	conn, builtConn int
	// open remembers which "more settings" boxes are open, by prefix.
	open map[string]bool
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

// build makes the controls (again, in the current language).
func (ed *editor) build(p *page) {
	if ed.box == nil {
		ed.box = byID("editor")
		ed.tbody = html(byID("timeline").QuerySelector("tbody"))
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
	ed.box.SetTextContent("")
	ed.rows = map[string]element{}
	ed.ctls = map[string][]control{}
	ed.tlHTML = ""
	ed.builtConn = ed.conn
	fields := model.FieldsFor(ed.conn)
	for _, g := range fieldGroups(ed.conn) {
		fs := create("fieldset")
		lg := create("legend")
		lg.SetTextContent(p.t(g.title))
		fs.AppendChild(lg)
		// The advanced fields fold under a <details>, which keyboards
		// and screen readers open like a button; it keeps its state
		// when the controls are rebuilt (a language switch).
		more := create("details")
		more.SetAttribute("data-more", g.prefix)
		if ed.open[g.prefix] {
			more.SetAttribute("open", "")
		}
		sum := create("summary")
		sum.SetTextContent(p.t(g.more))
		more.AppendChild(sum)
		for _, f := range fields {
			if !strings.HasPrefix(f.ID, g.prefix) {
				continue
			}
			row := create("div")
			row.Class().Add("row")
			id := "f-" + strings.NewReplacer("[", "", "]", "", ".", "-").Replace(f.ID)
			label := create("label")
			label.SetAttribute("for", id)
			label.SetTextContent(p.t(f.Label))
			if hint := f.Label + ".hint"; i18n.Has(hint) {
				row.SetAttribute("title", p.t(hint))
			}
			row.AppendChild(label)
			switch f.Kind {
			case model.Number:
				num := input(create("input"))
				num.SetType("number")
				num.SetID(id)
				num.SetAttribute("data-field", f.ID)
				num.SetMin(number(f.Min))
				num.SetMax(number(f.Max))
				num.SetStep("any")
				row.AppendChild(num)
				ed.ctls[f.ID] = append(ed.ctls[f.ID], control{num.BasicHTMLElement, ctlNumber})
				rng := input(create("input"))
				rng.SetType("range")
				rng.SetAttribute("data-field", f.ID)
				rng.SetAttribute("aria-label", p.t(f.Label))
				rng.SetMin(number(f.Min))
				rng.SetMax(number(f.SliderMax))
				rng.SetStep(number(f.Step))
				row.AppendChild(rng)
				ed.ctls[f.ID] = append(ed.ctls[f.ID], control{rng.BasicHTMLElement, ctlRange})
			case model.Toggle:
				cb := input(create("input"))
				cb.SetType("checkbox")
				cb.SetID(id)
				cb.SetAttribute("data-field", f.ID)
				row.AppendChild(cb)
				ed.ctls[f.ID] = append(ed.ctls[f.ID], control{cb.BasicHTMLElement, ctlToggle})
			case model.Choice:
				sel := create("select")
				sel.SetID(id)
				sel.SetAttribute("data-field", f.ID)
				for _, c := range f.Choices {
					text := c
					if i18n.Has("opt." + c) {
						text = p.t("opt." + c)
					}
					sel.AppendChild(option(c, text))
				}
				row.AppendChild(sel)
				ed.ctls[f.ID] = append(ed.ctls[f.ID], control{sel, ctlChoice})
			}
			if f.More {
				more.AppendChild(row)
			} else {
				fs.AppendChild(row)
			}
			ed.rows[f.ID] = row
		}
		fs.AppendChild(more)
		ed.box.AppendChild(fs)
	}
	ed.built = true
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
		m.Apply(model.SetField(id, value(in, sel)))
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
		get := func(k string) string {
			switch el := html(row.QuerySelector("[data-k=\"" + k + "\"]")); {
			case el == nil:
				return ""
			case el.TagName() == "SELECT":
				return selectEl(el).Value()
			default:
				return input(el).Value()
			}
		}
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
	active := html(doc.ActiveElement())
	for _, f := range model.FieldsFor(ed.conn) {
		v := f.Get(sc)
		for _, c := range ed.ctls[f.ID] {
			switch c.kind {
			case ctlToggle:
				input(c.el).SetChecked(v == "true")
			case ctlRange:
				input(c.el).SetValue(v)
			case ctlNumber:
				if !same(c.el, active) {
					input(c.el).SetValue(v)
				}
			case ctlChoice:
				if !same(c.el, active) {
					selectEl(c.el).SetValue(v)
				}
			}
		}
	}
	// The timeline table as one string of markup, set only when it
	// differs from what is shown.
	b := ed.buf[:0]
	numIn := func(b []byte, k string, v float64, label string) []byte {
		b = append(b, `<td><input type="number" min="0" step="any" value="`...)
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
		b = append(b, `" data-k="`...)
		b = append(b, k...)
		b = append(b, `" aria-label="`...)
		b = appendEscaped(b, label)
		return append(b, `"></td>`...)
	}
	cell := func(b []byte, text string) []byte {
		b = append(b, "<td>"...)
		b = appendEscaped(b, text)
		return append(b, "</td>"...)
	}
	btn := func(b []byte, text string) []byte {
		b = append(b, `<td><button type="button">`...)
		b = appendEscaped(b, text)
		return append(b, "</button></td>"...)
	}
	for i, a := range sc.Connections[ed.conn].Timeline {
		b = append(b, `<tr data-a="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `">`...)
		b = numIn(b, "at", a.AtMS, p.t("ed.at"))
		b = cell(b, []string{"A", "B"}[a.Side])
		b = cell(b, p.t("act."+a.Kind.String()))
		switch {
		case a.Kind == scenario.Write && a.Text != "":
			b = cell(b, strconv.Quote(a.Text))
		case a.Kind == scenario.Write:
			b = numIn(b, "bytes", float64(a.Bytes), p.t("ed.bytes"))
		default:
			b = cell(b, "")
		}
		b = btn(b, p.t("ed.delete"))
		b = append(b, "</tr>"...)
	}
	// The row that adds an action, at the cursor's time by default.
	b = append(b, "<tr>"...)
	b = numIn(b, "at", float64(p.m.Time.Microseconds())/1000, p.t("ed.at"))
	b = append(b, `<td><select data-k="side" aria-label="`...)
	b = appendEscaped(b, p.t("ed.side"))
	b = append(b, `"><option value="A">A</option><option value="B">B</option></select></td>`...)
	b = append(b, `<td><select data-k="action" aria-label="`...)
	b = appendEscaped(b, p.t("ed.action"))
	b = append(b, `">`...)
	for _, k := range actionKinds {
		b = append(b, `<option value="`...)
		b = append(b, k.String()...)
		if k == scenario.Write {
			b = append(b, `" selected="`...)
		}
		b = append(b, `">`...)
		b = appendEscaped(b, p.t("act."+k.String()))
		b = append(b, "</option>"...)
	}
	b = append(b, "</select></td>"...)
	b = numIn(b, "bytes", 1000, p.t("ed.bytes"))
	b = btn(b, p.t("ed.add"))
	b = append(b, "</tr>"...)
	ed.buf = b
	if string(b) != ed.tlHTML {
		ed.tlHTML = string(b)
		ed.tbody.SetInnerHTML(ed.tlHTML)
	}
}

// A control is one of a field's inputs, with its kind.
type control struct {
	el   element
	kind uint8
}

const (
	ctlNumber uint8 = iota
	ctlRange
	ctlToggle
	ctlChoice
)

// number formats a control's numeric value or bound as JavaScript would.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func option(value, text string) *dom.HTMLOptionElement {
	o := optionEl(create("option"))
	o.SetValue(value)
	o.SetText(text)
	return o
}

// showError outlines the field the current error names, opening its
// "more settings" box if it is folded there.
func (ed *editor) showError(p *page) {
	var se *scenario.Error
	bad := ""
	if p.m.Err != "" && errors.As(p.m.Cause, &se) {
		bad = se.Path
	}
	for id, row := range ed.rows {
		toggleClass(row, "bad", id == bad)
		if id != bad {
			continue
		}
		if d := html(row.Closest("details")); d != nil {
			d.SetAttribute("open", "")
		}
	}
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
