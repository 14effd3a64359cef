//go:build !js

package browser

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tests/internal/browsertest"
)

// TestPageLoadsClean loads the page from the local server that sends
// netlify.toml's headers and checks it reaches data-status="ready" with no
// console error, uncaught exception, failed load or CSP violation (the
// harness fails the test on any of those).
func TestPageLoadsClean(t *testing.T) {
	p, status := open(t, "")
	if status != "ready" {
		t.Fatalf("data-status = %q, want ready", status)
	}
	p.Screenshot("shell-first-load")
}

// recordProgress notes every value the boot progress bar takes (setting
// progress.value sets its value attribute).
var recordProgress = browsertest.WithInitScript(`window.__progress = [];
new MutationObserver(function (records) {
  records.forEach(function (r) {
    if (r.target.id === "boot-progress") window.__progress.push(Number(r.target.getAttribute("value")));
  });
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["value"]});`)

// checkProgress checks that the bar moved forward and ended full.
func checkProgress(t *testing.T, p *browsertest.Page, when string) {
	t.Helper()
	var values []float64
	p.Eval(`window.__progress`, &values)
	if len(values) < 2 || values[len(values)-1] != 100 {
		t.Errorf("%s: progress bar went %v, want at least two steps ending at 100", when, values)
	}
	for i := 1; i < len(values); i++ {
		if values[i] < values[i-1] {
			t.Errorf("%s: progress bar went back: %v", when, values)
			break
		}
	}
}

// swActivated waits (in the page, on its events) until the service worker
// is active, and returns its state.
const swActivated = `navigator.serviceWorker.ready.then(function (reg) {
  var w = reg.active;
  return w.state === "activated" ? w.state : new Promise(function (done) {
    w.addEventListener("statechange", function () { if (w.state === "activated") done(w.state); });
  });
})`

// TestServiceWorkerServesReloadOffline visits the page once, stops the
// server, and reloads: the service worker must serve the page (which is
// no-cache, so the HTTP cache cannot) and the module, and the page must
// run again. The progress bar must fill on both loads.
func TestServiceWorkerServesReloadOffline(t *testing.T) {
	s, err := browsertest.Serve(root, site.Dir) // its own server, to stop
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := browser.NewPage(t, recordProgress)
	p.Navigate(s.URL + "/")
	p.WaitReady()
	checkProgress(t, p, "first visit")
	var state string
	p.Eval(swActivated, &state)
	var cached []string
	p.Eval(`caches.keys().then(function (ks) { return caches.open(ks[0]); }).then(function (c) { return c.keys(); })
	  .then(function (rs) { return rs.map(function (r) { return new URL(r.url).pathname; }); })`, &cached)
	joined := strings.Join(cached, " ")
	for _, want := range []string{"/ ", ".wasm", "/assets/wasm_exec.", "/assets/boot.", "/assets/style."} {
		if !strings.Contains(joined+" ", want) {
			t.Errorf("the service worker's cache %v lacks %s", cached, want)
		}
	}

	s.Close() // the network is gone
	p.Run(chromedp.Reload())
	p.WaitReady()
	checkProgress(t, p, "offline reload")
	var viaWorker map[string]bool
	p.Eval(`(function () {
	  var nav = performance.getEntriesByType("navigation")[0];
	  var wasm = performance.getEntriesByType("resource").filter(function (e) { return /\.wasm$/.test(e.name); })[0];
	  return {page: nav.workerStart > 0, wasm: !!wasm && wasm.workerStart > 0};
	})()`, &viaWorker)
	if !viaWorker["page"] || !viaWorker["wasm"] {
		t.Errorf("offline reload: served by the service worker = %v, want page and wasm", viaWorker)
	}
	p.Screenshot("shell-offline-reload")
}

// TestServiceWorkerUpdateDropsOldCache serves a copy of the site, lets its
// worker install, then changes sw.js as a new deploy would: the new worker
// must install, activate and leave only its own cache.
func TestServiceWorkerUpdateDropsOldCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	if err := os.CopyFS(dir, os.DirFS(site.Dir)); err != nil {
		t.Fatal(err)
	}
	s, err := browsertest.Serve(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := browser.NewPage(t)
	p.Navigate(s.URL + "/")
	p.WaitReady()
	var state string
	p.Eval(swActivated, &state)
	var before []string
	p.Eval(`caches.keys()`, &before)
	if len(before) != 1 || !strings.HasPrefix(before[0], "tcpplayground-") {
		t.Fatalf("caches after the first visit = %v, want one tcpplayground- cache", before)
	}

	sw, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`var VERSION = "([0-9a-f]+)";`)
	if !version.Match(sw) {
		t.Fatalf("sw.js has no VERSION filled in by cmd/build")
	}
	sw = version.ReplaceAll(sw, []byte(`var VERSION = "0000000000000000";`))
	for _, twin := range []string{"sw.js.br", "sw.js.gz"} {
		os.Remove(filepath.Join(dir, twin))
	}
	if err := os.WriteFile(filepath.Join(dir, "sw.js"), sw, 0o644); err != nil {
		t.Fatal(err)
	}
	var after []string
	p.Eval(`navigator.serviceWorker.getRegistration().then(function (reg) {
	  return reg.update().then(function () {
	    var w = reg.installing || reg.waiting || reg.active;
	    return w.state === "activated" ? null : new Promise(function (done) {
	      w.addEventListener("statechange", function () { if (w.state === "activated") done(); });
	    });
	  });
	}).then(function () { return caches.keys(); })`, &after)
	if len(after) != 1 || after[0] != "tcpplayground-0000000000000000" {
		t.Errorf("caches after the update = %v, want only tcpplayground-0000000000000000 (old %v deleted)", after, before)
	}
}

// TestNoWebAssemblyMessage runs the page in a browser without WebAssembly:
// the boot loader must say so in words instead of failing silently, in
// Chinese where the reader chose Chinese.
func TestNoWebAssemblyMessage(t *testing.T) {
	for _, c := range []struct{ name, init, want, lang string }{
		{"en", `delete globalThis.WebAssembly;`, "cannot run WebAssembly", ""},
		{"zh", `localStorage.setItem("lang", "zh"); delete globalThis.WebAssembly;`, "无法运行 TCP 实验台所需的 WebAssembly", "zh-Hans"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := browser.NewPage(t, browsertest.WithInitScript(c.init))
			p.Navigate(site.URL + "/")
			var text, lang string
			p.Run(chromedp.WaitVisible("#boot-message.error", chromedp.ByQuery), chromedp.Text("#boot-message", &text, chromedp.ByQuery))
			p.Eval(`document.getElementById("boot-message").lang`, &lang)
			if !strings.Contains(text, c.want) || lang != c.lang {
				t.Errorf("message = %q (lang %q), want one containing %q (lang %q)", text, lang, c.want, c.lang)
			}
			if n := p.NodeCount("#boot-progress"); n != 0 {
				t.Errorf("the progress bar is still shown beside the message")
			}
			p.Screenshot("shell-no-webassembly-" + c.name)
		})
	}
}

// TestOfflineFileRunsFromFileURL takes the single-file page (as `go run
// ./cmd/build offline` writes it, and dist/ publishes it), opens it from
// file:// with the network cut, and checks that it runs (so it needs
// nothing but itself) without registering a service worker, under its own
// Content-Security-Policy (a violation fails the test).
func TestOfflineFileRunsFromFileURL(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tcp-playground.html")
	if err := browsertest.Build(root, "offline", "-o", file); err != nil {
		t.Fatal(err)
	}
	published, err := os.ReadFile(filepath.Join(site.Dir, "tcp-playground.html"))
	if err != nil {
		t.Fatal(err)
	}
	if built, _ := os.ReadFile(file); !bytes.Equal(built, published) {
		t.Errorf("dist/tcp-playground.html differs from what go run ./cmd/build offline writes")
	}
	p := browser.NewPage(t, recordProgress, browsertest.WithInitScript(`if (navigator.serviceWorker) {
  navigator.serviceWorker.register = function () {
    window.__swRegistered = true;
    return Promise.reject(new Error("no service worker from file://"));
  };
}`))
	p.Offline(true)
	p.Navigate("file://" + file)
	p.WaitReady()
	checkProgress(t, p, "offline file")
	var got struct {
		Registered bool
		Resources  []string
		CSP        string
	}
	p.Eval(`({
	  Registered: !!window.__swRegistered,
	  Resources: performance.getEntriesByType("resource").map(function (e) { return e.name; }),
	  CSP: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
	})`, &got)
	if got.Registered {
		t.Errorf("the offline file tried to register a service worker")
	}
	var hasDownload bool
	p.Eval(`document.getElementById("offline-file") !== null`, &hasDownload)
	if hasDownload {
		t.Errorf("the offline file offers to download the offline file (the served page's link was not left out)")
	}
	if len(got.Resources) != 0 {
		t.Errorf("the offline file fetched %v, want nothing", got.Resources)
	}
	if !strings.HasPrefix(got.CSP, "default-src 'none'") {
		t.Errorf("offline CSP = %q, want default-src 'none' first", got.CSP)
	}
	p.Screenshot("shell-offline-file")
}

// TestPageOffersOfflineFile: the served page's Export menu links the
// single offline file (a lecturer downloads it once, then needs no
// network), the link downloads exactly the file dist/ publishes, and its
// label follows the language.
func TestPageOffersOfflineFile(t *testing.T) {
	published, err := os.ReadFile(filepath.Join(site.Dir, "tcp-playground.html"))
	if err != nil {
		t.Fatal(err)
	}
	p, status := open(t, "#p="+presets.All()[0].Name)
	if status != "ready" {
		t.Fatalf("status %q, want ready", status)
	}
	var got struct {
		Download bool
		Href     string
		Type     string
		Size     int
		Label    string
	}
	const probe = `(async function () {
  const a = document.getElementById("offline-file");
  const resp = await fetch(a.href);
  const body = await resp.arrayBuffer();
  return {Download: a.hasAttribute("download"), Href: a.href,
    Type: resp.ok ? resp.headers.get("content-type") : "HTTP " + resp.status,
    Size: body.byteLength, Label: a.textContent};
})()`
	p.Eval(probe, &got)
	if !got.Download || got.Href != site.URL+"/tcp-playground.html" {
		t.Errorf("the offline link is href=%q download=%v, want %s/tcp-playground.html with download", got.Href, got.Download, site.URL)
	}
	if !strings.HasPrefix(got.Type, "text/html") || got.Size != len(published) {
		t.Errorf("the offline link gives %q, %d bytes; want text/html, the %d bytes of dist/tcp-playground.html", got.Type, got.Size, len(published))
	}
	en := got.Label
	setInput(p, "#lang", "zh")
	p.Eval(`document.getElementById("offline-file").textContent`, &got.Label)
	if en == "" || got.Label == en || !strings.Contains(got.Label, "离线") {
		t.Errorf("the offline link reads %q in English and %q in Chinese", en, got.Label)
	}
}

// TestOfflineFileCopyLink: the offline file never hands out its file://
// link as if it could be shared. Built with -public, its Copy link gives
// the scenario on the public page, and that link's fragment opens the same
// run (the native trace) on the served page; as dist/ publishes it
// (no -public), Copy link gives the file's link and says that it opens
// only where the file is.
func TestOfflineFileCopyLink(t *testing.T) {
	const public = "https://tcp.example/play/"
	pr, _ := presets.Lookup("handshake")
	sc := pr.Scenario()
	sc.Seed = 6161
	want := nativeDigest(t, sc)
	frag := "#s=" + share.Encode(sc)

	file := filepath.Join(t.TempDir(), "tcp-playground.html")
	if err := browsertest.Build(root, "offline", "-public", public, "-o", file); err != nil {
		t.Fatal(err)
	}
	p := browser.NewPage(t)
	p.Offline(true)
	p.Navigate("file://" + file + frag)
	p.WaitReady()
	waitDigest(p, want)
	_, link, msg := shareResult(t, p)
	got, ok := strings.CutPrefix(link, public+"#")
	if !ok || !strings.Contains(msg, "online playground") {
		t.Fatalf("Copy link from the file built with -public gave %q (%q); want a link on %s saying so", link, msg, public)
	}
	q, status := open(t, "#"+got)
	if status != "ready" {
		t.Fatalf("the copied link's fragment on the served page: data-status = %q", status)
	}
	waitDigest(q, want)

	published := filepath.Join(site.Dir, "tcp-playground.html")
	p2 := browser.NewPage(t)
	p2.Offline(true)
	p2.Navigate("file://" + published + frag)
	p2.WaitReady()
	_, link, msg = shareResult(t, p2)
	if link != "file://"+published+frag || !strings.Contains(msg, "opens only here") {
		t.Errorf("Copy link from the published file gave %q (%q); want the file's link and a note that it opens only here", link, msg)
	}
}

// pageBudget is DESIGN.md's budget for everything fetched before the page
// is interactive, brotli-compressed.
const pageBudget = 1_200_000

// TestPageWeightWithinBudget loads the page cold and adds up, from
// Chromium's Resource Timing, the bodies as they travelled (brotli from the
// local server, as from Netlify) of everything fetched before data-status
// became ready. It is a size, not a time, so a test checks the budget.
func TestPageWeightWithinBudget(t *testing.T) {
	p := browser.NewPage(t)
	p.Navigate(site.URL + "/")
	p.WaitReady()
	f := p.LoadFigures()
	t.Logf("before ready: %d bytes as sent (%d decompressed) in %d responses, ready after %.0f ms",
		int(f.EncodedBytes), int(f.DecodedBytes), len(f.Fetched), f.ReadyMs)
	if f.EncodedBytes > pageBudget {
		t.Errorf("fetched %d bytes before the page was interactive, budget %d: %v", int(f.EncodedBytes), pageBudget, f.Fetched)
	}
	if f.EncodedBytes > f.DecodedBytes/2 {
		t.Errorf("%d bytes sent for %d decompressed: the precompressed twins were not used", int(f.EncodedBytes), int(f.DecodedBytes))
	}
	// Preloaded from <head> and fetched by boot.js: one download.
	if n := len(slices.DeleteFunc(slices.Clone(f.Fetched), func(u string) bool { return !strings.HasSuffix(u, ".wasm") })); n != 1 {
		t.Errorf("the module was fetched %d times before ready, want once: %v", n, f.Fetched)
	}
}

// BenchmarkPageLoad loads the page cold (a fresh browser context each time)
// from the local server and reports time to interactive (navigation start
// to data-status="ready"; budget 1 s), when the module's last byte arrived
// (the rest is compiling it, starting Go and the first run) and the bytes
// sent before interactive (budget 1.2 MB brotli).
func BenchmarkPageLoad(b *testing.B) {
	var ready, module, sent float64
	for range b.N {
		p := browser.NewPage(b)
		p.Navigate(site.URL + "/")
		p.WaitReady()
		f := p.LoadFigures()
		p.Close()
		ready += f.ReadyMs
		module += f.ModuleMs
		sent += f.EncodedBytes
	}
	b.ReportMetric(ready/float64(b.N), "ms-to-ready")
	b.ReportMetric(module/float64(b.N), "ms-module-arrived")
	b.ReportMetric(sent/float64(b.N), "bytes-sent")
}
