package main

import (
	"strconv"
	"time"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/wasm/playground/model"
)

// wireControls registers the playback controls.
func (p *page) wireControls() {
	m, on := p.m, p.ls.on
	on(p.el["play"], "click", func(dom.Event) { m.TogglePlay() })
	on(p.el["home"], "click", func(dom.Event) { m.Home() })
	on(p.el["end"], "click", func(dom.Event) { m.End() })
	on(p.el["back"], "click", func(dom.Event) { m.Step(-1) })
	on(p.el["forward"], "click", func(dom.Event) { m.Step(1) })
	on(p.el["segback"], "click", func(dom.Event) { m.StepSegment(-1) })
	on(p.el["segfwd"], "click", func(dom.Event) { m.StepSegment(1) })
	on(p.el["speed"], "input", func(dom.Event) {
		i, _ := strconv.Atoi(input(p.el["speed"]).Value())
		m.SetSpeed(i)
	})
	on(p.el["scrub"], "input", func(dom.Event) {
		v, _ := strconv.Atoi(input(p.el["scrub"]).Value())
		m.Pause()
		m.SetTime(time.Duration(float64(m.Duration()) * float64(v) / 1000))
	})
}

// renderMarks marks the drops and retransmissions on the scrubber, so a
// lecturer can jump to where things go wrong: one SVG, in thousandths of
// the run (attributes, not inline styles, which the CSP forbids).
func (p *page) renderMarks() {
	b := []byte(`<svg viewBox="0 0 1000 10" preserveAspectRatio="none">`)
	for _, mk := range p.m.Marks() {
		class, y, h := "drop", "0", "10"
		if mk.Kind == model.MarkRetx {
			class, y, h = "retx", "2.5", "5"
		}
		b = append(b, `<rect class="`...)
		b = append(b, class...)
		b = append(b, `" x="`...)
		b = strconv.AppendInt(b, int64(mk.Pos), 10)
		b = append(b, `" y="`+y+`" width="2.5" height="`+h+`"/>`...)
	}
	b = append(b, "</svg>"...)
	p.el["marks"].SetInnerHTML(string(b))
}
