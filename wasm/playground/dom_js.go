package main

import "syscall/js"

var (
	global   = js.Global()
	document = global.Get("document")
)

// byID returns the element with this id; the page's HTML has them all, so
// a missing one is a bug worth a loud failure.
func byID(id string) js.Value {
	v := document.Call("getElementById", id)
	if v.IsNull() {
		panic("playground: no element #" + id)
	}
	return v
}

// listeners holds every js.Func the page registered, so they can all be
// released when the page goes away for good.
type listeners struct{ fs []js.Func }

// on registers fn for events of type typ on target. Listeners only change
// the model (and page-local state); the animation frame loop redraws.
func (l *listeners) on(target js.Value, typ string, fn func(ev js.Value)) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		fn(args[0])
		return nil
	})
	target.Call("addEventListener", typ, f)
	l.fs = append(l.fs, f)
}

// release releases every registered function.
func (l *listeners) release() {
	for _, f := range l.fs {
		f.Release()
	}
	l.fs = nil
}

func create(tag string) js.Value { return document.Call("createElement", tag) }

func setText(v js.Value, s string) {
	if v.Get("textContent").String() != s {
		v.Set("textContent", s)
	}
}

func setAttr(v js.Value, k, s string) { v.Call("setAttribute", k, s) }

func setHidden(v js.Value, hidden bool) { v.Set("hidden", hidden) }

func toggleClass(v js.Value, class string, on bool) {
	v.Get("classList").Call("toggle", class, on)
}

// closest returns the nearest ancestor-or-self of ev's target matching
// sel, or null: the delegated listeners find their row this way.
func closest(ev js.Value, sel string) js.Value {
	t := ev.Get("target")
	if t.IsNull() || t.IsUndefined() || t.Get("closest").IsUndefined() {
		return js.Null()
	}
	return t.Call("closest", sel)
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
	url := global.Get("URL").Call("createObjectURL", blob)
	a := create("a")
	a.Set("href", url)
	a.Set("download", name)
	document.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// Revoke once the click has been handled.
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		global.Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	global.Call("setTimeout", revoke, 1000)
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

// appendEscaped appends s to b with the characters HTML gives meaning to
// escaped, for markup built as one string: one innerHTML assignment costs
// far less than a DOM call per element from WebAssembly.
func appendEscaped(b []byte, s string) []byte {
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
