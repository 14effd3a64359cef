package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/wasm/shortlink/client"
)

// sharer is the "Copy link" button and the box that shows the link. Where
// the build configured a short-link worker (<meta
// name="tcpplayground-shortlinks">, cmd/build -shortlinks) the button is
// "Copy short link": it asks the worker for a short link and, if that
// fails for any reason (offline, the worker down or refusing, a timeout),
// gives the long link instead and says why. The page stays usable
// throughout: nothing waits on the worker but this box.
type sharer struct {
	p      *page
	worker string // the worker's URL, "" for none
	busy   bool

	button, box, label js.Value
	note, copy         js.Value // their data-i18n keys say what happened
	why                js.Value // the worker's error, as it gave it
	url                js.Value // the link's read-only field
}

// shareByID is the element with this id. This file uses syscall/js, not
// dom/v2, until the page's own move to dom/v2 lands: on its own, dom/v2
// would add 126 KB brotli and take the page over its 1.2 MB budget.
func shareByID(id string) js.Value {
	e := js.Global().Get("document").Call("getElementById", id)
	if e.IsNull() {
		panic("playground: no element #" + id)
	}
	return e
}

// shareOn registers fn for events of type typ on el, for the page's life.
func shareOn(el js.Value, typ string, fn func(ev js.Value)) {
	el.Call("addEventListener", typ, js.FuncOf(func(_ js.Value, args []js.Value) any {
		fn(args[0])
		return nil
	}))
}

// wireShare finds the button and its box and registers their listeners.
func (p *page) wireShare() {
	s := &sharer{
		p:      p,
		button: shareByID("share-link"),
		box:    shareByID("share"),
		label:  shareByID("share-label"),
		note:   shareByID("share-note"),
		copy:   shareByID("share-copy"),
		why:    shareByID("share-why"),
		url:    shareByID("share-url"),
	}
	if meta := js.Global().Get("document").Call("querySelector", `meta[name="tcpplayground-shortlinks"]`); !meta.IsNull() {
		s.worker = meta.Call("getAttribute", "content").String()
		s.label.Call("setAttribute", "data-i18n", "share.short")
	}
	shareOn(s.button, "click", func(js.Value) { s.start() })
	shareOn(shareByID("share-close"), "click", func(js.Value) { s.close() })
	shareOn(s.box, "keydown", func(ev js.Value) {
		// Escape closes the box and nothing else (not the export menu
		// or presentation mode behind it).
		if ev.Get("key").String() == "Escape" {
			ev.Call("stopPropagation")
			ev.Call("preventDefault")
			s.close()
		}
	})
}

// start answers a click: the long link at once when there is no worker,
// otherwise a request whose answer arrives later.
func (s *sharer) start() {
	if s.busy {
		return
	}
	long := longLink(js.Global().Get("location").Get("href").String(), s.p.m.Fragment())
	if s.worker == "" {
		s.show(long, "long", "share.long", "")
		return
	}
	s.busy = true
	s.button.Call("setAttribute", "aria-busy", "true")
	s.setNote("share.making", "", "")
	sc := s.p.m.Scenario
	go func() {
		link, err := s.create(sc)
		s.busy = false
		s.button.Call("removeAttribute", "aria-busy")
		if err != nil {
			s.show(long, "long", "share.fallback", err.Error())
			return
		}
		s.show(link, "short", "share.made", "")
	}()
}

// create POSTs the scenario to the worker (client.Create: text/plain, so
// no CORS preflight) and returns the short URL.
func (s *sharer) create(sc *scenario.Scenario) (string, error) {
	u, ctype, body, err := client.Create(s.worker, sc)
	if err != nil {
		return "", err
	}
	init := map[string]any{
		"method":  "POST",
		"headers": map[string]any{"Content-Type": ctype},
		"body":    body,
		"signal":  js.Global().Get("AbortSignal").Call("timeout", shareTimeoutMS),
	}
	res, err := awaitShare(js.Global().Call("fetch", u, init))
	if err != nil {
		return "", errors.New("short link failed: " + err.Error())
	}
	// The browser parses the answer: encoding/json's decoder would cost
	// the page's module about 90 KB brotli (client.Answer).
	var id, url, msg string
	obj, err := awaitShare(res.Call("json"))
	isJSON := err == nil && obj.Type() == js.TypeObject
	if isJSON {
		str := func(k string) string {
			if v := obj.Get(k); v.Type() == js.TypeString {
				return v.String()
			}
			return ""
		}
		id, url, msg = str("id"), str("url"), str("error")
	}
	l, err := client.Answer(res.Get("status").Int(), id, url, msg, isJSON)
	return l.URL, err
}

// show puts link in the box, says what happened, and copies it to the
// clipboard where the browser allows; where it does not, the link is
// selected in its field, ready for Ctrl+C.
func (s *sharer) show(link, kind, note, why string) {
	s.url.Set("value", link)
	s.box.Call("setAttribute", "data-kind", kind)
	s.box.Call("setAttribute", "data-copied", "")
	s.box.Set("hidden", false)
	s.setNote(note, "", why)
	s.url.Call("focus")
	s.url.Call("select")
	copied := func(ok bool) {
		s.box.Call("setAttribute", "data-copied", strconv.FormatBool(ok))
		s.setNote(note, map[bool]string{true: "share.copied", false: "share.select"}[ok], why)
		if !ok {
			s.url.Call("select")
		}
	}
	clip := js.Global().Get("navigator").Get("clipboard")
	if clip.IsUndefined() {
		copied(false)
		return
	}
	go func() {
		_, err := awaitShare(clip.Call("writeText", link))
		copied(err == nil)
	}()
}

// setNote sets the box's message: two keys the page translates when the
// language changes, and the worker's error, which stays as it came.
func (s *sharer) setNote(note, copy, why string) {
	for _, e := range []struct {
		el  js.Value
		key string
	}{{s.note, note}, {s.copy, copy}} {
		if e.key == "" {
			e.el.Call("removeAttribute", "data-i18n")
			e.el.Set("textContent", "")
		} else {
			e.el.Call("setAttribute", "data-i18n", e.key)
			e.el.Set("textContent", s.p.t(e.key))
		}
	}
	if why != "" {
		why = "(" + why + ")"
	}
	s.why.Set("textContent", why)
}

func (s *sharer) close() {
	s.box.Set("hidden", true)
	s.box.Call("removeAttribute", "data-kind")
	s.box.Call("removeAttribute", "data-copied")
	s.setNote("", "", "")
	s.button.Call("focus")
}

// awaitShare waits for a promise from a goroutine (never from an event
// listener, which would block the browser's event loop it needs).
func awaitShare(promise js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var then, fail js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "rejected"
		if len(args) > 0 && !args[0].IsUndefined() && !args[0].IsNull() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	promise.Call("then", then, fail)
	r := <-ch
	then.Release()
	fail.Release()
	return r.v, r.err
}
