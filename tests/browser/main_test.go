//go:build !js

package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"tcpplayground/tests/internal/browsertest"
)

// Shared by every test of this binary: built and started once by TestMain.
var (
	root    string               // repository root
	site    *browsertest.Site    // dist/, served with netlify.toml's headers
	browser *browsertest.Browser // headless Chromium
)

func TestMain(m *testing.M) {
	os.Exit(setupAndRun(m))
}

func setupAndRun(m *testing.M) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "tests/browser:", err)
		return 1
	}
	var err error
	if root, err = browsertest.RepoRoot(); err != nil {
		return fail(err)
	}
	tmp, err := os.MkdirTemp("", "tcpplayground-browser-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)
	dist := filepath.Join(tmp, "dist")
	if err := browsertest.Build(root, "-out", dist); err != nil {
		return fail(err)
	}
	if site, err = browsertest.Serve(root, dist); err != nil {
		return fail(err)
	}
	defer site.Close()
	if browser, err = browsertest.StartBrowser(); err != nil {
		return fail(err)
	}
	defer browser.Close()
	return m.Run()
}

// open loads the page with a URL fragment ("#p=…", "#s=…" or "") in a
// fresh tab and waits until a run has finished (<html data-status> is
// "ready" or "error"). It returns the tab and the status.
func open(t *testing.T, fragment string, opts ...browsertest.PageOption) (*browsertest.Page, string) {
	t.Helper()
	p := browser.NewPage(t, opts...)
	p.Navigate(site.URL + "/" + fragment)
	status, _ := p.WaitStatus()
	return p, status
}
