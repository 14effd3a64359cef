package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/wasm/shortlink/client"
)

// shareTimeoutMS bounds the wait for the short-link worker: past it the
// page gives the long link, which needs no server.
const shareTimeoutMS = 8000

// sharer is the "Copy link" button and the box that shows the link. Where
// the build configured a short-link worker (<meta
// name="tcpplayground-shortlinks">, cmd/build -shortlinks) the button is
// "Copy short link": it asks the worker for a short link and, if that
// fails for any reason (offline, the worker down or refusing, a timeout),
// gives the long link instead and says why. The page stays usable
// throughout: nothing waits on the worker but this box. From the offline
// file the long link is on the public page the build named, if any
// (pageLink).
//
// fetch, AbortSignal, the clipboard and promises have no dom/v2 wrapper:
// they are reached through syscall/js here, as browser_js.go does for
// the rest of the page.
type sharer struct {
	p      *page
	worker string // the worker's URL, "" for none
	public string // the public page the offline file links to, "" for none
	busy   bool

	button, box, label element
	note, copy         element // their data-i18n keys say what happened
	why                element // the worker's error, as it gave it
	url                *dom.HTMLInputElement
}

// wireShare finds the button and its box and registers their listeners.
func (p *page) wireShare() {
	s := &sharer{
		p:      p,
		button: byID("share-link"),
		box:    byID("share"),
		label:  byID("share-label"),
		note:   byID("share-note"),
		copy:   byID("share-copy"),
		why:    byID("share-why"),
		url:    input(byID("share-url")),
	}
	if meta := html(doc.QuerySelector(`meta[name="tcpplayground-shortlinks"]`)); meta != nil {
		s.worker = meta.GetAttribute("content")
		s.label.SetAttribute("data-i18n", "share.short")
	}
	if meta := html(doc.QuerySelector(`meta[name="tcpplayground-public"]`)); meta != nil {
		s.public = meta.GetAttribute("content")
	}
	on := p.ls.on
	on(s.button, "click", func(dom.Event) { s.start() })
	on(byID("share-close"), "click", func(dom.Event) { s.close() })
	on(s.box, "keydown", func(ev dom.Event) {
		// Escape closes the box and nothing else (not the export menu
		// or presentation mode behind it).
		if k, ok := ev.(*dom.KeyboardEvent); ok && k.Key() == "Escape" {
			ev.StopPropagation()
			ev.PreventDefault()
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
	long, note := pageLink(win.Location().Href(), s.public, s.p.m.Fragment())
	if s.worker == "" {
		s.show(long, "long", note, "")
		return
	}
	s.busy = true
	s.button.SetAttribute("aria-busy", "true")
	s.setNote("share.making", "", "")
	sc := s.p.m.Scenario
	go func() {
		link, err := s.create(sc)
		s.busy = false
		s.button.RemoveAttribute("aria-busy")
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
		"signal":  global.Get("AbortSignal").Call("timeout", shareTimeoutMS),
	}
	res, err := awaitShare(global.Call("fetch", u, init))
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
	s.url.SetValue(link)
	s.box.SetAttribute("data-kind", kind)
	s.box.SetAttribute("data-copied", "")
	setHidden(s.box, false)
	s.setNote(note, "", why)
	s.url.Focus()
	s.url.Select()
	copied := func(ok bool) {
		s.box.SetAttribute("data-copied", strconv.FormatBool(ok))
		s.setNote(note, map[bool]string{true: "share.copied", false: "share.select"}[ok], why)
		if !ok {
			s.url.Select()
		}
	}
	clip := global.Get("navigator").Get("clipboard")
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
		el  element
		key string
	}{{s.note, note}, {s.copy, copy}} {
		if e.key == "" {
			e.el.RemoveAttribute("data-i18n")
			setText(e.el, "")
		} else {
			e.el.SetAttribute("data-i18n", e.key)
			setText(e.el, s.p.t(e.key))
		}
	}
	if why != "" {
		why = "(" + why + ")"
	}
	setText(s.why, why)
}

func (s *sharer) close() {
	setHidden(s.box, true)
	s.box.RemoveAttribute("data-kind")
	s.box.RemoveAttribute("data-copied")
	s.setNote("", "", "")
	s.button.Focus()
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
