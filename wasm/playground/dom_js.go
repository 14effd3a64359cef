package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The page is written with dom/v2's typed API. What dom/v2 has no wrapper
// for lives in browser_js.go, the one place that reaches for js.Global.
var (
	win = dom.GetWindow()
	doc = win.Document().(dom.HTMLDocument)
)

// element is how the page holds an element: dom/v2's concrete
// BasicHTMLElement. dom/v2 hands elements out as interfaces (Element,
// HTMLElement) made by testing the constructor against some seventy
// element types, and a method called through those interfaces makes the
// linker keep that method for every one of the seventy: called that way,
// this page's module grew by 180 KB brotli over syscall/js, past the
// page-weight budget; with concrete calls it grows by 77 KB (mostly
// dom/v2's types and their interface tables, which any use brings).
// Called on the concrete type a method costs only itself, so every element
// the page gets from dom/v2 is turned into an element at once (html), and
// typed as a form control by wrapping that (input, selectEl, ...).
type element = *dom.BasicHTMLElement

// html is e as an element, nil for nil.
func html(e dom.Element) element {
	if e == nil {
		return nil
	}
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: e.Underlying()}}}
}

func input(e element) *dom.HTMLInputElement     { return &dom.HTMLInputElement{BasicHTMLElement: e} }
func selectEl(e element) *dom.HTMLSelectElement { return &dom.HTMLSelectElement{BasicHTMLElement: e} }
func details(e element) *dom.HTMLDetailsElement { return &dom.HTMLDetailsElement{BasicHTMLElement: e} }
func canvasEl(e element) *dom.HTMLCanvasElement { return &dom.HTMLCanvasElement{BasicHTMLElement: e} }

// byID returns the element with this id; the page's HTML has them all, so
// a missing one is a bug worth a loud failure.
func byID(id string) element {
	el := html(doc.GetElementByID(id))
	if el == nil {
		panic("playground: no element #" + id)
	}
	return el
}

// listeners holds every js.Func the page registered, so they can all be
// released when the page goes away for good.
type listeners struct{ fs []js.Func }

// on registers fn for events of type typ on target. Listeners only change
// the model (and page-local state); the animation frame loop redraws.
// target is an element, the document or the window; its listener is added
// through a concrete dom/v2 node (see element on why concrete).
func (l *listeners) on(target interface{ Underlying() js.Value }, typ string, fn func(ev dom.Event)) {
	n := &dom.BasicNode{Value: target.Underlying()}
	l.fs = append(l.fs, n.AddEventListener(typ, false, fn))
}

// release releases every registered function.
func (l *listeners) release() {
	for _, f := range l.fs {
		f.Release()
	}
	l.fs = nil
}

func create(tag string) element { return html(doc.CreateElement(tag)) }

func setText(n element, s string) {
	if n.TextContent() != s {
		n.SetTextContent(s)
	}
}

// same reports whether a and b are the same element (either may be nil).
func same(a, b element) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Underlying().Equal(b.Underlying())
}

// target is the element an event happened on, or nil.
func target(ev dom.Event) element {
	t := html(ev.Target())
	if t == nil || t.NodeType() != 1 {
		return nil // not an element: the document or a text node
	}
	return t
}

// closest returns the nearest ancestor-or-self of ev's target matching
// sel, or nil: the delegated listeners find their row this way.
func closest(ev dom.Event, sel string) element {
	t := target(ev)
	if t == nil {
		return nil
	}
	return html(t.Closest(sel))
}

// appendEscaped appends s to b with the characters HTML gives meaning to
// escaped, for markup built as one string: one innerHTML assignment costs
// far less than a DOM call per element from WebAssembly.
func appendEscaped[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// toggleClass adds or removes class (dom/v2's Toggle has no force flag).
func toggleClass(el element, class string, on bool) {
	if on {
		el.Class().Add(class)
	} else {
		el.Class().Remove(class)
	}
}
