package main

import "strings"

// shareTimeoutMS bounds the wait for the short-link worker: past it the
// page gives the long link, which needs no server.
const shareTimeoutMS = 8000

// longLink is the page's address (href, whatever fragment it has now)
// with the scenario's fragment: the link that needs no worker.
func longLink(href, fragment string) string {
	base, _, _ := strings.Cut(href, "#")
	return base + "#" + fragment
}
