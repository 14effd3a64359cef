package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's Chromium, which tests/run installs.
const ChromiumPath = "/usr/bin/chromium"

// Timeout bounds every wait of a Page: long enough for a cold wasm compile
// on a loaded 2-core machine, short enough that a page that never becomes
// ready fails in reasonable time.
const Timeout = 60 * time.Second

// Browser is one headless Chromium shared by the tests of a test binary.
type Browser struct {
	ctx     context.Context // the browser's first tab; pages are new contexts of it
	cancel  func()
	dataDir string
}

// StartBrowser starts Debian's Chromium headless with a fresh profile and
// the flags that keep it off the (closed) network: no background
// networking, component updates, sync or QUIC.
func StartBrowser(extraFlags ...string) (*Browser, error) {
	if _, err := exec.LookPath(ChromiumPath); err != nil {
		return nil, fmt.Errorf("%s not found (tests/run installs it: apt-get install -y chromium): %v", ChromiumPath, err)
	}
	dir, err := os.MkdirTemp("", "tcpplayground-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 800),
	}
	for _, f := range extraFlags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Run(bctx); err != nil {
		bcancel()
		acancel()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting %s: %v", ChromiumPath, err)
	}
	return &Browser{ctx: bctx, cancel: func() { bcancel(); acancel() }, dataDir: dir}, nil
}

// Close ends the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.dataDir)
}

// Page is one tab in its own browser context (its own cache, storage and
// service workers), watched for problems from the moment it opens.
type Page struct {
	Ctx context.Context // the tab, for chromedp.Run with actions of your own
	t   testing.TB

	mu       sync.Mutex
	problems []string
	allowed  []string
	stop     map[int]context.CancelFunc // waits in progress, ended early by a problem
	nextStop int

	close     func()
	closeOnce sync.Once
}

// cspBinding is called by the init script for every CSP violation.
const cspBinding = "__browsertestCSPViolation"

// initScript runs in every document before the page's own scripts. It
// reports Content-Security-Policy violations, and notes when <html> first
// gets data-status="ready" (performance.now() is measured from the start
// of navigation), for the time-to-interactive measurement.
const initScript = `(function () {
  addEventListener("securitypolicyviolation", function (e) {
    ` + cspBinding + `("Content-Security-Policy violation: " + e.effectiveDirective + " blocked " +
      e.blockedURI + " (" + (e.sourceFile || document.URL) + ":" + e.lineNumber + ")");
  }, true);
  new MutationObserver(function (_, obs) {
    var el = document.documentElement;
    if (el && el.getAttribute("data-status") === "ready" && !window.__browsertestReadyAt) {
      window.__browsertestReadyAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-status"]});
})();`

// PageOption changes how NewPage prepares the tab.
type PageOption func(*pageConfig)

type pageConfig struct {
	scripts []string
	profile bool
}

// InBrowserProfile opens the tab in the browser's own profile instead of a
// fresh browser context. Chromium treats fresh contexts as incognito, which
// matters where incognito differs (installability); such tabs share cache
// and service workers, so serve them from a server of their own.
func InBrowserProfile() PageOption {
	return func(c *pageConfig) { c.profile = true }
}

// WithInitScript runs JavaScript in every document of the page before the
// page's own scripts (after the harness's own init script).
func WithInitScript(js string) PageOption {
	return func(c *pageConfig) { c.scripts = append(c.scripts, js) }
}

// NewPage opens a tab in a fresh browser context. When the test ends, the
// tab is closed and every problem not allowed fails the test.
func (b *Browser) NewPage(t testing.TB, opts ...PageOption) *Page {
	t.Helper()
	var cfg pageConfig
	for _, o := range opts {
		o(&cfg)
	}
	ctx, cancel, err := b.newTab(cfg.profile)
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	p := &Page{Ctx: ctx, t: t, stop: map[int]context.CancelFunc{}}
	chromedp.ListenTarget(ctx, p.listen)
	actions := []chromedp.Action{
		cdplog.Enable(),
		runtime.AddBinding(cspBinding),
	}
	for _, s := range append([]string{initScript}, cfg.scripts...) {
		actions = append(actions, chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(s).Do(ctx)
			return err
		}))
	}
	if err := chromedp.Run(ctx, actions...); err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	p.close = cancel
	t.Cleanup(p.Close)
	return p
}

// Close closes the tab now (it is closed when the test ends otherwise) and
// fails the test on every problem not allowed.
func (p *Page) Close() {
	p.closeOnce.Do(func() {
		p.close()
		for _, pr := range p.unexpected() {
			p.t.Errorf("page problem: %s", pr)
		}
	})
}

// newTab opens a tab in a new browser context (or the browser's profile).
// Chromium 156 headless will not open a tab in a new browser context
// without a window of its own, so the target is created here with
// newWindow (chromedp's WithNewBrowserContext does not ask for one).
func (b *Browser) newTab(inProfile bool) (context.Context, func(), error) {
	c := chromedp.FromContext(b.ctx)
	exec := cdp.WithExecutor(b.ctx, c.Browser)
	if inProfile {
		id, err := target.CreateTarget("about:blank").WithNewWindow(true).Do(exec)
		if err != nil {
			return nil, nil, err
		}
		ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id))
		return ctx, cancel, nil
	}
	bcID, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(exec)
	if err != nil {
		return nil, nil, err
	}
	id, err := target.CreateTarget("about:blank").WithBrowserContextID(bcID).WithNewWindow(true).Do(exec)
	if err != nil {
		_ = target.DisposeBrowserContext(bcID).Do(exec)
		return nil, nil, err
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id))
	return ctx, func() {
		cancel() // closes the tab
		_ = target.DisposeBrowserContext(bcID).Do(exec)
	}, nil
}

// listen records the problems the page reports.
func (p *Page) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.APITypeError && ev.Type != runtime.APITypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			args = append(args, remoteText(a))
		}
		p.report("console." + string(ev.Type) + ": " + strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		p.report(fmt.Sprintf("uncaught exception: %s (%s:%d)", msg, d.URL, d.LineNumber+1))
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.LevelError {
			p.report(fmt.Sprintf("%s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *runtime.EventBindingCalled:
		if ev.Name == cspBinding {
			p.report(ev.Payload)
		}
	}
}

func remoteText(o *runtime.RemoteObject) string {
	if o.Description != "" {
		return o.Description
	}
	var s string
	if json.Unmarshal(o.Value, &s) == nil {
		return s
	}
	return string(o.Value)
}

func (p *Page) report(problem string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = append(p.problems, problem)
	if p.isAllowed(problem) {
		return
	}
	for _, stop := range p.stop {
		stop()
	}
}

func (p *Page) isAllowed(problem string) bool {
	for _, a := range p.allowed {
		if strings.Contains(problem, a) {
			return true
		}
	}
	return false
}

// Allow declares a problem the test expects (a substring of its text), so
// that it does not fail the test.
func (p *Page) Allow(substr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.allowed = append(p.allowed, substr)
}

// Problems returns every problem reported so far, allowed or not.
func (p *Page) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

func (p *Page) unexpected() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.unexpectedLocked()
}

// errProblem ends a wait early: the page reported a problem, so whatever
// it was waiting for will probably never happen.
var errProblem = errors.New("the page reported a problem")

// Run runs chromedp actions in the tab, bounded by Timeout and ended early
// by any problem the page reports; it fails the test on error.
func (p *Page) Run(actions ...chromedp.Action) {
	p.t.Helper()
	if err := p.TryRun(actions...); err != nil {
		p.t.Fatal(err)
	}
}

// TryRun is Run returning the error instead of failing the test.
func (p *Page) TryRun(actions ...chromedp.Action) error {
	ctx, cancel := context.WithTimeoutCause(p.Ctx, Timeout, fmt.Errorf("timed out after %v", Timeout))
	defer cancel()
	stop, stopCancel := context.WithCancelCause(ctx)
	defer stopCancel(nil)
	p.mu.Lock()
	if bad := p.unexpectedLocked(); len(bad) > 0 {
		p.mu.Unlock()
		return fmt.Errorf("%w: %s", errProblem, strings.Join(bad, "; "))
	}
	id := p.nextStop
	p.nextStop++
	p.stop[id] = func() { stopCancel(errProblem) }
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.stop, id)
		p.mu.Unlock()
	}()
	err := chromedp.Run(stop, actions...)
	if err != nil {
		if cause := context.Cause(stop); cause != nil {
			err = fmt.Errorf("%w (%v): %s", cause, err, strings.Join(p.unexpected(), "; "))
		}
	}
	return err
}

func (p *Page) unexpectedLocked() []string {
	var out []string
	for _, pr := range p.problems {
		if !p.isAllowed(pr) {
			out = append(out, pr)
		}
	}
	return out
}

// Navigate loads url in the tab and waits for its load event.
func (p *Page) Navigate(url string) {
	p.t.Helper()
	p.Run(chromedp.Navigate(url))
}

// statusJS is truthy once the page has finished a run: the determinism
// hook sets <html data-status="ready"> or "error".
const statusJS = `(function () {
  var s = document.documentElement && document.documentElement.getAttribute("data-status");
  return s === "ready" || s === "error" ? s : false;
})()`

// WaitStatus waits until <html data-status> is "ready" or "error" and
// returns it, with the text of #error when it is "error".
func (p *Page) WaitStatus() (status, message string) {
	p.t.Helper()
	p.Run(chromedp.Poll(statusJS, &status, chromedp.WithPollingInterval(10*time.Millisecond)))
	if status == "error" {
		p.Run(chromedp.Evaluate(`(document.getElementById("error") || {}).textContent || ""`, &message))
	}
	return status, message
}

// WaitReady waits for data-status="ready" and fails the test on "error".
func (p *Page) WaitReady() {
	p.t.Helper()
	if status, msg := p.WaitStatus(); status != "ready" {
		p.t.Fatalf("page status %q: %s", status, msg)
	}
}

// Eval evaluates a JavaScript expression in the page into out (awaiting it
// when it is a promise).
func (p *Page) Eval(expr string, out any) {
	p.t.Helper()
	p.Run(chromedp.Evaluate(expr, out, func(ep *runtime.EvaluateParams) *runtime.EvaluateParams {
		return ep.WithAwaitPromise(true)
	}))
}

// Offline cuts (true) or restores (false) the tab's network, as DevTools'
// "Offline" does; requests then fail with net::ERR_INTERNET_DISCONNECTED.
func (p *Page) Offline(offline bool) {
	p.t.Helper()
	p.Run(network.Enable(), network.EmulateNetworkConditions(offline, 0, -1, -1))
}

// LoadFigures is what one load of the page cost, from the browser's own
// Resource Timing: every response that ended before <html> first had
// data-status="ready".
type LoadFigures struct {
	ReadyMs      float64  // navigation start to data-status="ready"
	ModuleMs     float64  // navigation start to the last byte of the .wasm
	EncodedBytes float64  // response bodies as sent (brotli when the server sent it)
	DecodedBytes float64  // the same bodies decompressed
	Fetched      []string // the URLs
}

// LoadFigures measures the page's first load; call it after WaitReady.
func (p *Page) LoadFigures() LoadFigures {
	p.t.Helper()
	var f LoadFigures
	p.Eval(`(function () {
	  var ready = window.__browsertestReadyAt;
	  var f = {ReadyMs: ready, ModuleMs: 0, EncodedBytes: 0, DecodedBytes: 0, Fetched: []};
	  performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).forEach(function (e) {
	    if (e.responseEnd > ready) return;
	    if (/\.wasm$/.test(e.name)) f.ModuleMs = e.responseEnd;
	    f.EncodedBytes += e.encodedBodySize;
	    f.DecodedBytes += e.decodedBodySize;
	    f.Fetched.push(e.name);
	  });
	  return f;
	})()`, &f)
	if f.ReadyMs == 0 {
		p.t.Fatal("LoadFigures: the page never had data-status=ready")
	}
	return f
}

// ArtifactsDir is tests/artifacts under the repository root (gitignored).
func ArtifactsDir() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "tests", "artifacts")
	return dir, os.MkdirAll(dir, 0o755)
}

// Screenshot writes a PNG of the whole page to tests/artifacts/NAME.png
// and returns its path.
func (p *Page) Screenshot(name string) string {
	p.t.Helper()
	var png []byte
	p.Run(chromedp.FullScreenshot(&png, 100)) // quality 100 means PNG
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		p.t.Fatalf("screenshot %s is not a PNG", name)
	}
	dir, err := ArtifactsDir()
	if err != nil {
		p.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	return path
}

// NodeCount returns how many elements match a CSS selector right now.
func (p *Page) NodeCount(selector string) int {
	p.t.Helper()
	var nodes []*cdp.Node
	p.Run(chromedp.Nodes(selector, &nodes, chromedp.AtLeast(0)))
	return len(nodes)
}
