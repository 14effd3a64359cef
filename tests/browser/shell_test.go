package browser

import "testing"

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
