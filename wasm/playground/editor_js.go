package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/wasm/playground/model"
)

// editor is the scenario editor: the link and endpoint fields of
// model.Fields and the application timeline of connection 0.
type editor struct {
	box, tbody js.Value
	rows       map[string]js.Value // field ID → its row
	built      bool
	// conn is the connection whose endpoints and timeline are edited;
	// builtConn the one the controls were built for.
	conn, builtConn int
}

// fieldGroups are the editor's boxes for connection conn.
func fieldGroups(conn int) []struct{ prefix, title string } {
	c := "connections[" + strconv.Itoa(conn) + "]."
	return []struct{ prefix, title string }{
		{"link.a_to_b.", "ed.linkAB"}, {"link.b_to_a.", "ed.linkBA"},
		{c + "a.", "ed.epA"}, {c + "b.", "ed.epB"},
	}
}

// build makes the controls (again, in the current language).
func (ed *editor) build(p *page) {
	if ed.box.IsUndefined() {
		ed.box = byID("editor")
		ed.tbody = byID("timeline").Get("tBodies").Index(0)
	}
	ed.box.Set("textContent", "")
	ed.rows = map[string]js.Value{}
	ed.builtConn = ed.conn
	fields := model.FieldsFor(ed.conn)
	for _, g := range fieldGroups(ed.conn) {
		fs := create("fieldset")
		lg := create("legend")
		lg.Set("textContent", p.t(g.title))
		fs.Call("appendChild", lg)
		for _, f := range fields {
			if !strings.HasPrefix(f.ID, g.prefix) {
				continue
			}
			row := create("div")
			row.Set("className", "row")
			id := "f-" + strings.NewReplacer("[", "", "]", "", ".", "-").Replace(f.ID)
			label := create("label")
			label.Set("htmlFor", id)
			label.Set("textContent", p.t(f.Label))
			row.Call("appendChild", label)
			switch f.Kind {
			case model.Number:
				num := create("input")
				num.Set("type", "number")
				num.Set("id", id)
				setAttr(num, "data-field", f.ID)
				num.Set("min", f.Min)
				num.Set("max", f.Max)
				num.Set("step", "any")
				row.Call("appendChild", num)
				rng := create("input")
				rng.Set("type", "range")
				setAttr(rng, "data-field", f.ID)
				setAttr(rng, "aria-label", p.t(f.Label))
				rng.Set("min", f.Min)
				rng.Set("max", f.SliderMax)
				rng.Set("step", f.Step)
				row.Call("appendChild", rng)
			case model.Toggle:
				cb := create("input")
				cb.Set("type", "checkbox")
				cb.Set("id", id)
				setAttr(cb, "data-field", f.ID)
				row.Call("appendChild", cb)
			case model.Choice:
				sel := create("select")
				sel.Set("id", id)
				setAttr(sel, "data-field", f.ID)
				for _, c := range f.Choices {
					o := create("option")
					o.Set("value", c)
					o.Set("textContent", c)
					sel.Call("appendChild", o)
				}
				row.Call("appendChild", sel)
			}
			fs.Call("appendChild", row)
			ed.rows[f.ID] = row
		}
		ed.box.Call("appendChild", fs)
	}
	ed.built = true
}

func (ed *editor) wire(p *page) {
	m := p.m
	value := func(el js.Value) string {
		if el.Get("type").String() == "checkbox" {
			return strconv.FormatBool(el.Get("checked").Bool())
		}
		return el.Get("value").String()
	}
	// A slider re-runs on every move (the 50 ms budget is for this) and a
	// whole drag is one undo step; number boxes, checkboxes and menus
	// re-run when their value is committed.
	p.ls.on(byID("editor"), "input", func(ev js.Value) {
		t := ev.Get("target")
		if id := t.Call("getAttribute", "data-field"); !id.IsNull() && t.Get("type").String() == "range" {
			m.ApplyGroup(id.String(), model.SetField(id.String(), value(t)))
		}
	})
	p.ls.on(byID("editor"), "change", func(ev js.Value) {
		t := ev.Get("target")
		id := t.Call("getAttribute", "data-field")
		if id.IsNull() {
			return
		}
		if t.Get("type").String() == "range" {
			m.EndGroup()
			return
		}
		m.Apply(model.SetField(id.String(), value(t)))
	})
	p.ls.on(byID("conn"), "change", func(js.Value) {
		ed.conn, _ = strconv.Atoi(byID("conn").Get("value").String())
		ed.build(p)
		ed.update(p)
	})
	tl := byID("timeline")
	p.ls.on(tl, "change", func(ev js.Value) {
		t := ev.Get("target")
		tr := t.Call("closest", "tr[data-a]")
		if tr.IsNull() {
			return
		}
		i, _ := strconv.Atoi(tr.Call("getAttribute", "data-a").String())
		tlActs := m.Scenario.Connections[ed.conn].Timeline
		if i < 0 || i >= len(tlActs) {
			return
		}
		a := tlActs[i]
		v, err := strconv.ParseFloat(t.Get("value").String(), 64)
		if err != nil {
			m.Fail("connections[" + strconv.Itoa(ed.conn) + "].timeline[" + strconv.Itoa(i) + "]: " + strconv.Quote(t.Get("value").String()) + " is not a number")
			return
		}
		switch t.Call("getAttribute", "data-k").String() {
		case "at":
			a.AtMS = v
		case "bytes":
			a.Bytes, a.Text = int(v), ""
		}
		m.Apply(model.SetAction(ed.conn, i, a))
	})
	p.ls.on(tl, "click", func(ev js.Value) {
		b := closest(ev, "button")
		if b.IsNull() {
			return
		}
		if tr := b.Call("closest", "tr[data-a]"); !tr.IsNull() {
			i, _ := strconv.Atoi(tr.Call("getAttribute", "data-a").String())
			m.Apply(model.DeleteAction(ed.conn, i))
			return
		}
		row := b.Call("closest", "tr")
		get := func(k string) string { return row.Call("querySelector", "[data-k=\""+k+"\"]").Get("value").String() }
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
	pick, sel := byID("conn-pick"), byID("conn")
	setHidden(pick, n < 2)
	if sel.Get("options").Length() != n {
		var b []byte
		for i := range n {
			b = append(b, `<option value="`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, `">`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, "</option>"...)
		}
		sel.Set("innerHTML", string(b))
	}
	sel.Set("value", strconv.Itoa(ed.conn))
	for _, f := range model.FieldsFor(ed.conn) {
		row, ok := ed.rows[f.ID]
		if !ok {
			continue
		}
		v := f.Get(sc)
		inputs := row.Call("querySelectorAll", "[data-field]")
		for k := 0; k < inputs.Length(); k++ {
			in := inputs.Index(k)
			if in.Get("type").String() == "checkbox" {
				in.Set("checked", v == "true")
			} else if !in.Equal(document.Get("activeElement")) || in.Get("type").String() == "range" {
				in.Set("value", v)
			}
		}
	}
	ed.tbody.Set("textContent", "")
	cell := func(row js.Value, child js.Value) {
		td := create("td")
		td.Call("appendChild", child)
		row.Call("appendChild", td)
	}
	txt := func(s string) js.Value { return document.Call("createTextNode", s) }
	numIn := func(k string, v float64, label string) js.Value {
		in := create("input")
		in.Set("type", "number")
		in.Set("min", 0)
		in.Set("step", "any")
		in.Set("value", v)
		setAttr(in, "data-k", k)
		setAttr(in, "aria-label", label)
		return in
	}
	for i, a := range sc.Connections[ed.conn].Timeline {
		row := create("tr")
		setAttr(row, "data-a", strconv.Itoa(i))
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
		del := create("button")
		del.Set("type", "button")
		del.Set("textContent", p.t("ed.delete"))
		cell(row, del)
		ed.tbody.Call("appendChild", row)
	}
	// The row that adds an action, at the cursor's time by default.
	row := create("tr")
	cell(row, numIn("at", float64(p.m.Time.Microseconds())/1000, p.t("ed.at")))
	side := create("select")
	setAttr(side, "data-k", "side")
	setAttr(side, "aria-label", p.t("ed.side"))
	for _, s := range []string{"A", "B"} {
		o := create("option")
		o.Set("value", s)
		o.Set("textContent", s)
		side.Call("appendChild", o)
	}
	cell(row, side)
	act := create("select")
	setAttr(act, "data-k", "action")
	setAttr(act, "aria-label", p.t("ed.action"))
	for _, k := range actionKinds {
		o := create("option")
		o.Set("value", k.String())
		o.Set("textContent", p.t("act."+k.String()))
		act.Call("appendChild", o)
	}
	act.Set("value", "write")
	cell(row, act)
	cell(row, numIn("bytes", 1000, p.t("ed.bytes")))
	add := create("button")
	add.Set("type", "button")
	add.Set("textContent", p.t("ed.add"))
	cell(row, add)
	ed.tbody.Call("appendChild", row)
}

// showError outlines the field the current error names.
func (ed *editor) showError(p *page) {
	for id, row := range ed.rows {
		toggleClass(row, "bad", p.m.Err != "" && strings.HasPrefix(p.m.Err, id+":"))
	}
}
