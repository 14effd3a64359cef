package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHarnessCatchesProblems serves a page that breaks its CSP, logs a
// console error and throws, and checks that the harness saw all three: a
// harness that missed them would let every browser test pass on a broken
// page.
func TestHarnessCatchesProblems(t *testing.T) {
	root := t.TempDir()
	dist := filepath.Join(root, "dist")
	os.MkdirAll(dist, 0o755)
	files := map[string]string{
		"netlify.toml": "[[headers]]\n  for = \"/*\"\n  [headers.values]\n    Content-Security-Policy = \"script-src 'self'\"\n",
		// The icon link keeps Chromium from fetching /favicon.ico, whose 404
		// the harness would rightly report; it only sometimes asks.
		"dist/index.html": `<!doctype html><title>t</title><link rel="icon" href="data:,">
<script>document.title = "inline ran";</script>
<script src="bad.js"></script>`,
		"dist/bad.js": `console.error("deliberate console error");
setTimeout(function () { document.documentElement.setAttribute("data-status", "ready"); }, 0);
throw new Error("deliberate uncaught exception");`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, err := Serve(root, dist)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	b, err := StartBrowser()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	p := b.NewPage(t)
	for _, allowed := range []string{"deliberate", "Content-Security-Policy violation", "violates the following Content Security Policy"} {
		p.Allow(allowed)
	}
	p.Navigate(site.URL + "/")
	p.WaitReady()
	var title string
	p.Eval(`document.title`, &title)
	if title == "inline ran" {
		t.Errorf("the inline script ran despite script-src 'self'")
	}
	got := strings.Join(p.Problems(), "\n")
	for _, want := range []string{
		"console.error: deliberate console error",
		"uncaught exception: Uncaught Error: deliberate uncaught exception",
		"Content-Security-Policy violation: script-src-elem blocked inline",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems do not include %q; got:\n%s", want, got)
		}
	}
}
