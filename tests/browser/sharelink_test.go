//go:build !js

package browser

import (
	"math/rand/v2"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tests/internal/browsertest"
	"tcpplayground/tests/internal/workertest"
	"tcpplayground/wasm/shortlink"
)

// shareResult presses the share button from the keyboard and returns what
// the box then shows: "short" or "long", the link in its field, and the
// message read out (role="status").
func shareResult(t *testing.T, pg *browsertest.Page) (kind, link, msg string) {
	t.Helper()
	pg.Run(chromedp.Focus("#share-link", chromedp.ByQuery), chromedp.KeyEvent("\r"))
	poll(pg, `(function () { var b = document.getElementById("share");
		return !b.hidden && (b.getAttribute("data-copied") || "") !== ""; })()`)
	pg.Eval(`document.getElementById("share").getAttribute("data-kind")`, &kind)
	pg.Eval(`document.getElementById("share-url").value`, &link)
	pg.Eval(`document.getElementById("share-msg").textContent`, &msg)
	var focus string
	pg.Eval(`document.activeElement.id`, &focus)
	if focus != "share-url" {
		t.Errorf("after sharing, focus is on #%s, want the link's field #share-url", focus)
	}
	// Escape closes the box and gives focus back to the button.
	pg.Run(chromedp.KeyEvent("\x1b"))
	poll(pg, `document.getElementById("share").hidden && document.activeElement.id === "share-link"`)
	return kind, link, msg
}

// hangOn listens on addr (polling until the stopped worker's process has
// let the port go) and holds every connection without answering.
func hangOn(t *testing.T, addr string) net.Listener {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		l, err := net.Listen("tcp", addr)
		if err == nil {
			go func() {
				var held []net.Conn
				for {
					c, err := l.Accept()
					if err != nil {
						for _, c := range held {
							c.Close()
						}
						return
					}
					held = append(held, c)
				}
			}()
			return l
		}
		if time.Now().After(deadline) {
			t.Fatalf("listening on the stopped worker's address: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestShareShortLink: with the real worker (wrangler dev) configured by
// `cmd/build -shortlinks`, "Copy short link" gives a short link that opens
// the same run; offline, and with the worker stopped, it gives the long
// link instead, says so, and that opens the same run too; so it does
// when the worker takes the request and never answers, after its
// timeout. The page's CSP (netlify.toml plus the worker's origin, as the
// README tells a deployer) lets the request through: the harness fails
// the test on any violation.
func TestShareShortLink(t *testing.T) {
	p, _ := presets.Lookup("handshake")
	sc := p.Scenario()
	sc.Seed = 5150
	want := nativeDigest(t, sc)
	long := "#s=" + share.Encode(sc)

	// The site's address is needed before it is built: the worker lets
	// only the page's origin call it, and the page names the worker.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg, err := workertest.Build(root, dir)
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	w, err := workertest.Start(root, cfg, filepath.Join(dir, "state"), "http://"+l.Addr().String()+"/")
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	t.Cleanup(w.Kill)
	dist := filepath.Join(dir, "dist")
	if err := browsertest.Build(root, "-out", dist, "-shortlinks", w.URL); err != nil {
		l.Close()
		t.Fatal(err)
	}
	s, err := browsertest.ServeOn(l, root, dist, w.URL)
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	t.Cleanup(s.Close)

	opens := func(name, link string) {
		t.Helper()
		pg := browser.NewPage(t)
		pg.Navigate(link)
		pg.WaitReady()
		var hash string
		pg.Eval(`location.hash`, &hash)
		if got := htmlAttr(pg, "data-trace-sha256"); got != want || hash != long {
			t.Errorf("%s %s opened a run with digest %s and fragment %.40s…; want the native %s and %.40s…", name, link, got, hash, want, long)
		}
		pg.Close()
	}

	pg := browser.NewPage(t)
	pg.Navigate(s.URL + "/" + long)
	pg.WaitReady()
	var label string
	pg.Eval(`document.getElementById("share-link").textContent`, &label)
	if label != "Copy short link" {
		t.Errorf("the button says %q with a worker configured, want Copy short link", label)
	}
	kind, link, msg := shareResult(t, pg)
	if kind != "short" || !strings.HasPrefix(link, w.URL+"/s/") || !strings.Contains(msg, "Short link ready") {
		t.Fatalf("with the worker up: %s link %q, message %q; want a short link under %s", kind, link, msg, w.URL)
	}
	opens("the short link", link)

	// A scenario too big for the worker (its fragment over the API's
	// 64 KiB body limit): the worker refuses it with 413, and the page
	// gives the long link, with the worker's reason.
	big := bigScenario(t)
	bigLong := "#s=" + share.Encode(big)
	if len(bigLong) <= shortlink.MaxBody {
		t.Fatalf("the big scenario's fragment is %d characters, not over the worker's limit %d", len(bigLong), shortlink.MaxBody)
	}
	pgBig := browser.NewPage(t)
	pgBig.Allow("413")
	pgBig.Navigate(s.URL + "/" + bigLong)
	pgBig.WaitReady()
	kind, link, msg = shareResult(t, pgBig)
	if kind != "long" || link != s.URL+"/"+bigLong || !strings.Contains(msg, "here is the long link") ||
		!strings.Contains(msg, "HTTP 413") || !strings.Contains(msg, "more than the limit of 65536") {
		t.Errorf("a scenario over the worker's limit: %s link %.60q…, message %q; want the long link and the worker's 413", kind, link, msg)
	}
	pgBig.Close()

	var hang net.Listener
	for _, tc := range []struct {
		name, problem string
		cut, restore  func()
	}{
		{"offline", "ERR_INTERNET_DISCONNECTED", func() { pg.Offline(true) }, func() { pg.Offline(false) }},
		{"worker stopped", "ERR_CONNECTION_REFUSED", func() {
			if err := w.Stop(); err != nil {
				t.Fatal(err)
			}
		}, func() {}},
		// A worker that takes the connection and never answers: the page
		// gives up after its timeout (8 s), on the worker's own port.
		{"worker hangs", "TimeoutError", func() { hang = hangOn(t, strings.TrimPrefix(w.URL, "http://")) }, func() { hang.Close() }},
	} {
		// The failed fetch is logged by the browser; that is expected.
		pg.Allow(tc.problem)
		tc.cut()
		kind, link, msg := shareResult(t, pg)
		tc.restore()
		if kind != "long" || link != s.URL+"/"+long || !strings.Contains(msg, "here is the long link") || !strings.Contains(msg, "short link failed") ||
			(tc.name == "worker hangs" && !strings.Contains(msg, "TimeoutError")) {
			t.Fatalf("%s: %s link %.60q…, message %q; want the long link and a message saying why", tc.name, kind, link, msg)
		}
		opens(tc.name+": the long link", link)
	}
}

// clipboard grants (or denies) the page's origin the clipboard, as a
// visitor's browser may.
func clipboard(t *testing.T, pg *browsertest.Page, allow bool) {
	t.Helper()
	c := chromedp.FromContext(pg.Ctx)
	exec := cdp.WithExecutor(pg.Ctx, c.Browser)
	setting := cdpbrowser.PermissionSettingDenied
	if allow {
		setting = cdpbrowser.PermissionSettingGranted
	}
	info, err := target.GetTargetInfo().WithTargetID(c.Target.TargetID).Do(exec)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"clipboard-write", "clipboard-read"} {
		err := cdpbrowser.SetPermission(&cdpbrowser.PermissionDescriptor{Name: name}, setting).
			WithOrigin(site.URL).WithBrowserContextID(info.BrowserContextID).Do(exec)
		if err != nil {
			t.Fatalf("setting the %s permission: %v", name, err)
		}
	}
}

// TestShareLongLink: without a worker configured (the default build) the
// button is "Copy link" and gives the long link, with no request at all;
// it is on the clipboard where the browser allows that, and selected in
// its field, with a message saying to copy it, where it does not.
func TestShareLongLink(t *testing.T) {
	for _, allow := range []bool{true, false} {
		pg, status := open(t, "#p=teardown")
		if status != "ready" {
			t.Fatalf("status %q", status)
		}
		clipboard(t, pg, allow)
		var label string
		pg.Eval(`document.getElementById("share-link").textContent`, &label)
		kind, link, msg := shareResult(t, pg)
		if label != "Copy link" || kind != "long" || link != site.URL+"/#p=teardown" {
			t.Errorf("button %q gave a %s link %q; want Copy link giving %s/#p=teardown", label, kind, link, site.URL)
		}
		if allow {
			var copied string
			pg.Eval(`navigator.clipboard.readText()`, &copied)
			if copied != link || !strings.Contains(msg, "Copied.") {
				t.Errorf("clipboard allowed: the clipboard holds %q and the message is %q; want the link, copied", copied, msg)
			}
		} else if !strings.Contains(msg, "press Ctrl+C") {
			t.Errorf("clipboard denied: the message is %q; want it to say the link is selected for Ctrl+C", msg)
		}
		pg.Close()
	}
}

// dropFile drops a file called name holding text (or, with size > 0, that
// many bytes of "x") on the ladder, as dragging it from a file manager
// does: the drop bubbles up to the page's body, which opens it.
func dropFile(pg *browsertest.Page, name, text string, size int) {
	pg.Eval(`(function () {
  const body = `+strconv.Itoa(size)+` > 0 ? "x".repeat(`+strconv.Itoa(size)+`) : `+strconv.Quote(text)+`;
  const dt = new DataTransfer();
  dt.items.add(new File([body], `+strconv.Quote(name)+`, {type: "application/json"}));
  const at = document.getElementById("ladder") || document.body;
  at.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
  at.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
})()`, nil)
}

// TestScenarioFileDrop: a scenario's JSON file dropped on the page (here
// with a byte order mark, as some editors save it) opens and runs it (the same trace as natively) with a long link to it in the
// address bar; a broken file, one over the size limit and one that is
// not JSON each give a message naming the file and the JSON path or the
// limit, and leave the page usable.
func TestScenarioFileDrop(t *testing.T) {
	pg, status := open(t, "#p=handshake")
	if status != "ready" {
		t.Fatalf("status %q", status)
	}
	p, _ := presets.Lookup("teardown")
	sc := p.Scenario()
	sc.Seed = 2718
	sc.Link[scenario.B].DelayMS = 23
	pretty := string(scenario.MarshalIndent(sc))
	// As an editor that writes a byte order mark saves it.
	dropFile(pg, "lecture.json", "\uFEFF"+pretty, 0)
	waitDigest(pg, nativeDigest(t, sc))
	poll(pg, `location.hash === `+strconv.Quote("#s="+share.Encode(sc)))

	for _, tc := range []struct {
		name, text string
		size       int
		want       string
	}{
		{"broken.json", strings.Replace(pretty, `"delay_ms": 23`, `"delay_ms": 99999`, 1), 0,
			"the file broken.json is not a scenario this page can run: link.b_to_a.delay_ms: 99999 is out of range 0..60000"},
		{"huge.json", "", scenario.MaxInputBytes + 1, "huge.json: " + strconv.Itoa(scenario.MaxInputBytes+1) + " bytes, more than the limit of " + strconv.Itoa(scenario.MaxInputBytes)},
		{"photo.json", "\x89PNG\r\n\x1a\n", 0, "the file photo.json is not a scenario this page can run: invalid JSON at byte 1"},
	} {
		if tc.name == "broken.json" && !strings.Contains(tc.text, "99999") {
			t.Fatal("the edit did not apply")
		}
		dropFile(pg, tc.name, tc.text, tc.size)
		poll(pg, `!document.getElementById("error").hidden &&
			document.getElementById("error-text").textContent.includes(`+strconv.Quote(tc.name)+`)`)
		if s := htmlAttr(pg, "data-status"); s != "error" {
			t.Errorf("dropping %s: data-status %q, want error", tc.name, s)
		}
		var msg string
		pg.Eval(`document.getElementById("error-text").textContent`, &msg)
		if !strings.Contains(msg, tc.want) {
			t.Errorf("dropping %s: the error says %q, want %q", tc.name, msg, tc.want)
		}
		// The run shown is still the dropped scenario's, and the page
		// still works: a preset chosen from the menu runs.
		if got := htmlAttr(pg, "data-trace-sha256"); got != nativeDigest(t, sc) {
			t.Errorf("after dropping %s the run changed", tc.name)
		}
		pg.Run(chromedp.Click("#error-close", chromedp.ByQuery))
		poll(pg, `document.getElementById("error").hidden`)
	}
	next := presets.All()[1]
	setInput(pg, "#preset", next.Name)
	waitDigest(pg, nativeDigest(t, next.Scenario()))
	if s := htmlAttr(pg, "data-status"); s != "ready" {
		t.Errorf("after choosing %s, data-status %q", next.Name, s)
	}
}

// bigScenario is the handshake preset writing 80 KB of text that does not
// compress: a valid scenario whose link is longer than the short-link
// worker takes.
func bigScenario(t *testing.T) *scenario.Scenario {
	t.Helper()
	p, _ := presets.Lookup("handshake")
	sc := p.Scenario()
	tl := sc.Connections[0].Timeline
	w := slices.IndexFunc(tl, func(a scenario.Action) bool { return a.Kind == scenario.Write })
	if w < 0 {
		t.Fatal("the handshake preset writes nothing")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var writes []scenario.Action
	for range 20 {
		b := make([]byte, 4000)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		writes = append(writes, scenario.Action{AtMS: tl[w].AtMS, Side: tl[w].Side, Kind: scenario.Write, Text: string(b)})
	}
	sc.Connections[0].Timeline = slices.Insert(slices.Clone(tl), w+1, writes...)
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	return sc
}
