package main

import (
	"strconv"
	"syscall/js"
	"time"

	"tcpplayground/wasm/playground/model"
)

// wireControls registers the playback controls.
func (p *page) wireControls() {
	m, on := p.m, p.ls.on
	on(p.el["play"], "click", func(js.Value) { m.TogglePlay() })
	on(p.el["home"], "click", func(js.Value) { m.Home() })
	on(p.el["end"], "click", func(js.Value) { m.End() })
	on(p.el["back"], "click", func(js.Value) { m.Step(-1) })
	on(p.el["forward"], "click", func(js.Value) { m.Step(1) })
	on(p.el["segback"], "click", func(js.Value) { m.StepSegment(-1) })
	on(p.el["segfwd"], "click", func(js.Value) { m.StepSegment(1) })
	on(p.el["speed"], "input", func(js.Value) {
		i, _ := strconv.Atoi(p.el["speed"].Get("value").String())
		m.SetSpeed(i)
	})
	on(p.el["scrub"], "input", func(js.Value) {
		v, _ := strconv.Atoi(p.el["scrub"].Get("value").String())
		m.Pause()
		m.SetTime(time.Duration(float64(m.Duration()) * float64(v) / 1000))
	})
}

// renderMarks marks the drops and retransmissions on the scrubber, so a
// lecturer can jump to where things go wrong.
func (p *page) renderMarks() {
	box := p.el["marks"]
	box.Set("textContent", "")
	for _, mk := range p.m.Marks() {
		s := create("span")
		s.Set("className", map[model.MarkKind]string{model.MarkDrop: "drop", model.MarkRetx: "retx"}[mk.Kind])
		s.Get("style").Call("setProperty", "left", strconv.FormatFloat(float64(mk.Pos)/10, 'f', 1, 64)+"%")
		box.Call("appendChild", s)
	}
}
