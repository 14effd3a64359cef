package main

import "strings"

// longLink is the page's address (href, whatever fragment it has now)
// with the scenario's fragment: the link that needs no worker.
func longLink(href, fragment string) string {
	base, _, _ := strings.Cut(href, "#")
	return base + "#" + fragment
}

// pageLink is the long link Copy link gives and the note (an i18n key)
// that goes with it. A served page gives its own address. The offline
// file's address (file://…) opens nothing on anyone else's computer: it
// gives the public page's address instead where the build named one
// (public, cmd/build -public), and otherwise its own, with a note saying
// that the link works only where the file is.
func pageLink(href, public, fragment string) (link, note string) {
	switch {
	case !strings.HasPrefix(href, "file:"):
		return longLink(href, fragment), "share.long"
	case public != "":
		return longLink(public, fragment), "share.public"
	}
	return longLink(href, fragment), "share.file"
}
