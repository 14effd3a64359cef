package main

import (
	"bytes"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/capture"
	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/wasm/playground/model"
)

// text is a scenario text in the page's language, English when the
// Chinese is missing.
func (p *page) text(t scenario.Text) string { return p.m.Lang.Pick(t.EN, t.ZH) }

// presetTexts are each preset's title and description, decoded once.
var presetTexts []struct{ title, desc scenario.Text }

// buildPresetMenu fills the preset menu: one group per topic, the current
// preset selected, or an extra entry for an edited or loaded scenario.
// It is rebuilt only when the language or that entry changes.
func (p *page) buildPresetMenu() {
	all := presets.All()
	if presetTexts == nil {
		for _, pr := range all {
			sc := pr.Scenario()
			presetTexts = append(presetTexts, struct{ title, desc scenario.Text }{sc.Title, sc.Description})
		}
	}
	var b []byte
	if p.m.Preset == "" {
		b = append(b, `<option value="">`...)
		b = appendEscaped(b, p.t("scenario.custom")+": "+p.text(p.m.Scenario.Title)+" "+p.t("scenario.edited"))
		b = append(b, "</option>"...)
	}
	for _, t := range presets.Topics() {
		b = append(b, `<optgroup label="`...)
		b = appendEscaped(b, p.text(t.Title))
		b = append(b, `">`...)
		for i, pr := range all {
			if pr.Topic != t.Name {
				continue
			}
			b = append(b, `<option value="`...)
			b = appendEscaped(b, pr.Name)
			b = append(b, `" title="`...)
			b = appendEscaped(b, p.text(presetTexts[i].desc))
			b = append(b, `">`...)
			b = appendEscaped(b, p.text(presetTexts[i].title))
			b = append(b, "</option>"...)
		}
		b = append(b, "</optgroup>"...)
	}
	if key := string(b); key != p.menuHTML {
		p.menuHTML = key
		p.el["preset"].SetInnerHTML(key)
	}
	selectEl(p.el["preset"]).SetValue(p.m.Preset)
	setText(p.el["preset-desc"], p.text(p.m.Scenario.Description))
}

// wire registers every listener. Each only changes the model or the
// page-local state; the frame loop draws.
func (p *page) wire() {
	m, on := p.m, p.ls.on
	on(p.el["preset"], "change", func(dom.Event) {
		name := selectEl(p.el["preset"]).Value()
		if pr, ok := presets.Lookup(name); ok {
			p.zoom.off()
			m.Open(pr.Scenario(), pr.Name)
		}
	})
	on(p.el["undo"], "click", func(dom.Event) { m.Undo() })
	on(p.el["redo"], "click", func(dom.Event) { m.Redo() })
	on(p.el["lang"], "change", func(dom.Event) {
		if l, ok := narrate.ParseLang(selectEl(p.el["lang"]).Value()); ok {
			p.setLang(l)
		}
	})
	on(p.el["theme"], "click", func(dom.Event) { p.toggleTheme() })
	on(p.el["present"], "click", func(dom.Event) { p.togglePresentation() })
	on(p.el["help-open"], "click", func(dom.Event) { p.setHelp(true) })
	on(p.el["help-close"], "click", func(dom.Event) { p.setHelp(false) })
	on(p.el["help"], "click", func(ev dom.Event) {
		if same(target(ev), p.el["help"]) {
			p.setHelp(false)
		}
	})
	on(p.el["error-close"], "click", func(dom.Event) { m.ClearError() })
	on(p.el["export"], "click", func(ev dom.Event) {
		if b := closest(ev, "[data-export]"); b != nil {
			p.export(b.GetAttribute("data-export"))
			details(p.el["export"]).SetOpen(false)
		}
	})
	on(p.el["upload"], "change", func(dom.Event) {
		up := input(p.el["upload"])
		if files := up.Files(); len(files) > 0 {
			p.openFile(files[0])
		}
		up.SetValue("")
		details(p.el["export"]).SetOpen(false)
	})
	body := html(doc.Body())
	on(body, "dragover", func(ev dom.Event) { ev.PreventDefault() })
	on(body, "drop", func(ev dom.Event) {
		ev.PreventDefault()
		if f, ok := droppedFile(ev); ok {
			p.openFile(f)
		}
	})
	on(winNode, "hashchange", func(dom.Event) {
		sc, name, err := model.FromFragment(locationHash())
		if err != nil {
			m.FailErr(err)
			return
		}
		if frag := m.Fragment(); "#"+frag != locationHash() {
			p.zoom.off()
			m.Open(sc, name)
		}
	})
	on(doc, "keydown", p.key)
	// An Enter held down keeps focus where it is (see page.enterDown).
	keyUp := func(ev dom.Event) {
		if k, ok := ev.(*dom.KeyboardEvent); !ok || k.Key() == "Enter" {
			p.enterDown = false
		}
	}
	on(doc, "keyup", keyUp)
	on(winNode, "blur", keyUp)
	p.wireControls()
	p.wireShare()
	p.editor.wire(p)
	p.events.wire(p)
	p.insp.wire(p)
	p.canvas.wire(p)
	on(winNode, "pagehide", func(ev dom.Event) {
		if !persisted(ev) {
			p.canvas.release()
			p.ls.release()
			p.gone = true
		}
	})
}

func (p *page) setLang(l narrate.Lang) {
	p.m.SetLang(l)
	storageSet("lang", l.String())
}

func (p *page) toggleTheme() {
	p.dark = !p.dark
	storageSet("theme", map[bool]string{true: "dark", false: "light"}[p.dark])
	p.pageSeq++
}

func (p *page) togglePresentation() {
	p.presenting = !p.presenting
	p.pageSeq++
}

func (p *page) setHelp(open bool) {
	if p.helpOpen == open {
		return
	}
	p.helpOpen = open
	p.pageSeq++
	// Focus follows the dialog in and back out; it must be shown before
	// it can take focus.
	setHidden(p.el["help"], !open)
	if open {
		p.el["help-close"].Focus()
	} else {
		p.el["help-open"].Focus()
	}
}

// key handles the lecture-hall shortcuts. Keys typed into a form control
// stay there, except Escape.
func (p *page) key(e dom.Event) {
	ev, ok := e.(*dom.KeyboardEvent)
	if !ok {
		return
	}
	k := ev.Key()
	ctrl := ev.CtrlKey() || ev.MetaKey()
	shift := ev.ShiftKey()
	tag := ""
	if t := target(ev); t != nil {
		tag = t.TagName()
	}
	typing := tag == "INPUT" || tag == "SELECT" || tag == "TEXTAREA"
	m := p.m
	handled := true
	switch {
	case k == "Escape":
		switch {
		case p.helpOpen:
			p.setHelp(false)
		case !isHidden(p.el["segmenu"]):
			p.closeSegMenu()
		case details(p.el["export"]).Open():
			details(p.el["export"]).SetOpen(false)
		case p.presenting:
			p.togglePresentation()
		default:
			handled = false
		}
	case typing:
		handled = false
	case k == "Enter" && same(target(ev), byID("ladder")):
		// The keyboard's way to the segment menu: the cursor's segment.
		p.enterDown = true
		p.canvas.openSegMenuFor(p, m.SegmentAt(), 8, 8)
	case ctrl && (k == "z" || k == "Z"):
		if shift {
			m.Redo()
		} else {
			m.Undo()
		}
	case ctrl && (k == "y" || k == "Y"):
		m.Redo()
	case ctrl || ev.AltKey():
		handled = false
	case k == " ":
		if tag == "BUTTON" || tag == "SUMMARY" {
			handled = false // a focused button is pressed by Space
			break
		}
		m.TogglePlay()
	case k == "ArrowRight":
		if shift {
			m.StepSegment(1)
		} else {
			m.Step(1)
		}
	case k == "ArrowLeft":
		if shift {
			m.StepSegment(-1)
		} else {
			m.Step(-1)
		}
	case k == "Home":
		m.Home()
	case k == "End":
		m.End()
	case k == "?":
		p.setHelp(!p.helpOpen)
	case k == "p" || k == "P":
		p.togglePresentation()
	case k == "l" || k == "L":
		p.setLang(1 - m.Lang)
	case p.zoom.key(k, same(target(ev), byID("ladder"))):
	default:
		handled = false
	}
	if handled {
		ev.PreventDefault()
	}
}

// export writes one of the export menu's files.
func (p *page) export(what string) {
	m := p.m
	base := "tcp-playground"
	if m.Preset != "" {
		base += "-" + m.Preset
	}
	switch what {
	case "pcap-A", "pcap-B", "pcap-link":
		v, _ := capture.ParseVantage(what[len("pcap-"):])
		var buf bytes.Buffer
		if _, err := capture.Write(&buf, m.Trace, v); err != nil {
			m.Fail(err.Error())
			return
		}
		download(base+"-"+v.String()+".pcap", "application/vnd.tcpdump.pcap", buf.Bytes())
	case "json":
		download(base+".json", "application/json", append(scenario.MarshalIndent(m.Scenario), '\n'))
	default:
		p.canvas.export(p, what, base)
	}
}

// openFile reads a dropped or chosen scenario file and opens it; its
// errors name the JSON path, as the validator gives them.
func (p *page) openFile(file *dom.File) {
	name, size := fileInfo(file)
	if size > scenario.MaxInputBytes {
		p.m.FailErr(&scenario.Error{Path: name, Kind: scenario.ErrFileTooBig, Args: []string{strconv.Itoa(size), strconv.Itoa(scenario.MaxInputBytes)}})
		return
	}
	readText(file, func(text string) {
		sc, err := scenario.Decode([]byte(text))
		if err != nil {
			p.m.FailErr(&scenario.Error{Kind: scenario.ErrBadFile, Args: []string{name}, Err: err})
			return
		}
		p.zoom.off()
		p.m.Open(sc, "")
	}, func(msg string) { p.m.Fail(name + ": " + msg) })
}
