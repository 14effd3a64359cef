package main

import "strings"

// longLink is the page's address (href, whatever fragment it has now)
// with the scenario's fragment: the link that needs no worker.
func longLink(href, fragment string) string {
	base, _, _ := strings.Cut(href, "#")
	return base + "#" + fragment
}
