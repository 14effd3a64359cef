package main

import "syscall/js"

// canvases draws the views on their canvases, each sized to its box by a
// ResizeObserver at the device's pixel ratio.
type canvases struct {
	ro     js.Value
	roFunc js.Func
	dirty  bool
}

func (c *canvases) init(p *page) {}

func (c *canvases) wire(p *page) {}

func (c *canvases) render(p *page, runChanged, viewChanged bool) {}

func (c *canvases) export(p *page, what, base string) {}

func (c *canvases) release() {}

// openSegMenu and closeSegMenu show and hide the menu of a clicked segment.
func (p *page) closeSegMenu() { setHidden(p.el["segmenu"], true) }
