package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// What dom/v2 (v2.0.0-20250304181735) has no wrapper for, or wraps
// wrongly, reached through js.Global or an element's Underlying value in
// this one file: the hidden attribute and scroll geometry, history and
// navigator (its Window.History returns nil, Navigator panics),
// matchMedia, devicePixelRatio, localStorage, Blob and object URLs,
// File.text, and the Resize- and IntersectionObservers.
var global = js.Global()

func setHidden(el element, hidden bool) { el.Underlying().Set("hidden", hidden) }

func isHidden(el element) bool { return el.Underlying().Get("hidden").Bool() }

func setDisabled(el element, disabled bool) { el.Underlying().Set("disabled", disabled) }

// clientSize is an element's inner size in CSS pixels.
func clientSize(el element) (w, h float64) {
	v := el.Underlying()
	return v.Get("clientWidth").Float(), v.Get("clientHeight").Float()
}

func scrollTop(el element) float64 { return el.Underlying().Get("scrollTop").Float() }

func setScrollTop(el element, y float64) { el.Underlying().Set("scrollTop", y) }

// child is el's i-th child element, or nil.
func child(el element, i int) element {
	c := el.Underlying().Get("children").Index(i)
	if c.IsUndefined() || c.IsNull() {
		return nil
	}
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: c}}}
}

// clientXY is a mouse event's position in CSS pixels: dom/v2's ClientX
// and ClientY round to int, and a click's position can be fractional.
func clientXY(ev dom.Event) (x, y float64) {
	v := ev.Underlying()
	return v.Get("clientX").Float(), v.Get("clientY").Float()
}

// droppedFile is the first file of a drop event, if any.
func droppedFile(ev dom.Event) (*dom.File, bool) {
	files := ev.Underlying().Get("dataTransfer").Get("files")
	if files.Length() == 0 {
		return nil, false
	}
	return &dom.File{Value: files.Index(0)}, true
}

// readText reads a file as text, delivering it to done or its error to
// fail.
func readText(file *dom.File, done func(string), fail func(string)) {
	var then, catch js.Func
	release := func() { then.Release(); catch.Release() }
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer release()
		done(args[0].String())
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer release()
		fail(args[0].Call("toString").String())
		return nil
	})
	file.Call("text").Call("then", then, catch)
}

func locationHash() string { return win.Location().Hash() }

// replaceHash sets the URL's fragment without a history entry.
func replaceHash(frag string) { global.Get("history").Call("replaceState", js.Null(), "", frag) }

func navigatorLanguage() string {
	if l := global.Get("navigator").Get("language"); l.Type() == js.TypeString {
		return l.String()
	}
	return ""
}

func prefersDark() bool {
	return global.Call("matchMedia", "(prefers-color-scheme: dark)").Get("matches").Bool()
}

func devicePixelRatio() float64 {
	if dpr := global.Get("devicePixelRatio").Float(); dpr > 0 {
		return dpr
	}
	return 1
}

// storage reads and writes localStorage, which can be missing or refuse
// (private browsing, file://): the page works without it.
func storageGet(k string) string {
	defer func() { _ = recover() }()
	ls := global.Get("localStorage")
	if ls.IsUndefined() || ls.IsNull() {
		return ""
	}
	v := ls.Call("getItem", k)
	if v.IsNull() {
		return ""
	}
	return v.String()
}

func storageSet(k, v string) {
	defer func() { _ = recover() }()
	if ls := global.Get("localStorage"); !ls.IsUndefined() && !ls.IsNull() {
		ls.Call("setItem", k, v)
	}
}

// download offers data as a file called name.
func download(name, mime string, data []byte) {
	arr := global.Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := global.Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	downloadBlob(name, blob)
}

// downloadBlob offers a blob as a file called name.
func downloadBlob(name string, blob js.Value) {
	url := global.Get("URL").Call("createObjectURL", blob).String()
	a := create("a")
	a.SetAttribute("href", url)
	a.SetAttribute("download", name)
	html(doc.Body()).AppendChild(a)
	a.Click()
	a.Remove()
	// Revoke once the click has been handled.
	win.SetTimeout(func() { global.Get("URL").Call("revokeObjectURL", url) }, 1000)
}

// observer is a ResizeObserver or IntersectionObserver calling fn with
// each entry: its target, whether it intersects (IntersectionObserver),
// and its content box's size in CSS pixels (ResizeObserver; 0 for the
// other). The size comes with the entry, measured by the browser's own
// layout, so a page that keeps it never reads clientWidth and forces one.
type observer struct {
	v js.Value
	f js.Func
}

func newObserver(kind string, fn func(target js.Value, intersecting bool, w, h float64)) *observer {
	o := &observer{}
	o.f = js.FuncOf(func(_ js.Value, args []js.Value) any {
		entries := args[0]
		for i := 0; i < entries.Length(); i++ {
			en := entries.Index(i)
			var w, h float64
			if r := en.Get("contentRect"); r.Truthy() {
				w, h = r.Get("width").Float(), r.Get("height").Float()
			}
			fn(en.Get("target"), en.Get("isIntersecting").Truthy(), w, h)
		}
		return nil
	})
	o.v = global.Get(kind).New(o.f)
	return o
}

func (o *observer) observe(el element) { o.v.Call("observe", el.Underlying()) }

func (o *observer) release() {
	o.v.Call("disconnect")
	o.f.Release()
}

// setChildrenClass adds or removes class on children [from, to) of el
// through their raw values: wrapping each in dom/v2 would test its
// constructor against some seventy element types, and a field of the
// payload can span 1,460 byte spans (a hover; not benchmarked).
func setChildrenClass(el element, from, to int, class string, on bool) {
	children := el.Underlying().Get("children")
	method := "remove"
	if on {
		method = "add"
	}
	for k := from; k < to && k < children.Length(); k++ {
		children.Index(k).Get("classList").Call(method, class)
	}
}

// persisted reports whether a pagehide event's page goes into the
// back-forward cache (dom/v2's PageTransitionEvent has no Persisted).
func persisted(ev dom.Event) bool { return ev.Underlying().Get("persisted").Bool() }

// fileInfo is a file's name and size (dom/v2's File has no methods).
func fileInfo(f *dom.File) (name string, size int) {
	return f.Get("name").String(), f.Get("size").Int()
}

// setDocumentTitle sets the document's title. dom/v2 has HTMLDocument's
// SetTitle, but calling it through that interface makes the linker keep
// every element type's SetTitle too (see element).
func setDocumentTitle(s string) { doc.Underlying().Set("title", s) }

// winNode is the window as a dom/v2 node, to add listeners to: dom/v2's
// Window has no Underlying value.
var winNode = &dom.BasicNode{Value: global}
