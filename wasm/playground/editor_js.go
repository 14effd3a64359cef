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
	built      bool
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
				rng := input(create("input"))
				rng.SetType("range")
				rng.SetAttribute("data-field", f.ID)
				rng.SetAttribute("aria-label", p.t(f.Label))
				rng.SetMin(number(f.Min))
				rng.SetMax(number(f.SliderMax))
				rng.SetStep(number(f.Step))
				row.AppendChild(rng)
			case model.Toggle:
				cb := input(create("input"))
				cb.SetType("checkbox")
				cb.SetID(id)
				cb.SetAttribute("data-field", f.ID)
				row.AppendChild(cb)
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
	for _, f := range model.FieldsFor(ed.conn) {
		row, ok := ed.rows[f.ID]
		if !ok {
			continue
		}
		v := f.Get(sc)
		active := html(doc.ActiveElement())
		for _, e := range row.QuerySelectorAll("[data-field]") {
			el := html(e)
			switch el.TagName() {
			case "INPUT":
				in := input(el)
				if in.Type() == "checkbox" {
					in.SetChecked(v == "true")
				} else if !same(el, active) || in.Type() == "range" {
					in.SetValue(v)
				}
			case "SELECT":
				if !same(el, active) {
					selectEl(el).SetValue(v)
				}
			}
		}
	}
	ed.tbody.SetTextContent("")
	cell := func(row element, child dom.Node) {
		td := create("td")
		td.AppendChild(child)
		row.AppendChild(td)
	}
	txt := func(s string) dom.Node { return doc.CreateTextNode(s) }
	numIn := func(k string, v float64, label string) dom.Node {
		in := input(create("input"))
		in.SetType("number")
		in.SetMin("0")
		in.SetStep("any")
		in.SetValue(number(v))
		in.SetAttribute("data-k", k)
		in.SetAttribute("aria-label", label)
		return in
	}
	for i, a := range sc.Connections[ed.conn].Timeline {
		row := create("tr")
		row.SetAttribute("data-a", strconv.Itoa(i))
		cell(row, numIn("at", a.AtMS, p.t("ed.at")))
		cell(row, txt([]string{"A", "B"}[a.Side]))
		cell(row, txt(p.t("act."+a.Kind.String())))
		switch {
		case a.Kind == scenario.Write && a.Text != "":
			cell(row, txt(strconv.Quote(a.Text)))
		case a.Kind == scenario.Write:
			cell(row, numIn("bytes", float64(a.Bytes), p.t("ed.bytes")))
		default:
			cell(row, txt(""))
		}
		cell(row, button(p.t("ed.delete")))
		ed.tbody.AppendChild(row)
	}
	// The row that adds an action, at the cursor's time by default.
	row := create("tr")
	cell(row, numIn("at", float64(p.m.Time.Microseconds())/1000, p.t("ed.at")))
	side := selectEl(create("select"))
	side.SetAttribute("data-k", "side")
	side.SetAttribute("aria-label", p.t("ed.side"))
	for _, s := range []string{"A", "B"} {
		side.AppendChild(option(s, s))
	}
	cell(row, side)
	act := selectEl(create("select"))
	act.SetAttribute("data-k", "action")
	act.SetAttribute("aria-label", p.t("ed.action"))
	for _, k := range actionKinds {
		act.AppendChild(option(k.String(), p.t("act."+k.String())))
	}
	act.SetValue("write")
	cell(row, act)
	cell(row, numIn("bytes", 1000, p.t("ed.bytes")))
	cell(row, button(p.t("ed.add")))
	ed.tbody.AppendChild(row)
}

// number formats a control's numeric value or bound as JavaScript would.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func option(value, text string) *dom.HTMLOptionElement {
	o := optionEl(create("option"))
	o.SetValue(value)
	o.SetText(text)
	return o
}

func button(text string) *dom.HTMLButtonElement {
	b := buttonEl(create("button"))
	b.SetType("button")
	b.SetTextContent(text)
	return b
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
		if d := html(row.Closest("details")); id == bad && d != nil {
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
