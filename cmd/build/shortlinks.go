package main

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"
)

// shortLinksMetaName is the <meta> the page reads the worker's URL from
// (wasm/playground/sharelink_js.go).
const shortLinksMetaName = "tcpplayground-shortlinks"

// publicMetaName is the <meta> the offline file reads the playground's
// public address from (wasm/playground/sharelink.go): its Copy link gives
// the scenario on that page, since a file:// link opens nothing elsewhere.
const publicMetaName = "tcpplayground-public"

// shortLinksOrigin checks the -shortlinks value, the URL the page POSTs
// /api/links under, and returns its origin for the CSP's connect-src.
func shortLinksOrigin(base string) (string, error) {
	return checkURL("-shortlinks", base, "the worker's http(s) URL, such as https://links.example.org")
}

// checkPublic checks the -public value, the page a link from the offline
// file opens.
func checkPublic(page string) error {
	_, err := checkURL("-public", page, "the playground's public http(s) address, such as https://tcp.example.org/")
	return err
}

// checkURL checks the value of a URL flag: an absolute http(s) URL with a
// host, and no credentials, query, fragment or character that would need
// escaping; want says what is wanted in the error. It returns the origin.
func checkURL(flag, value, want string) (string, error) {
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(value, " \t\r\n\"'<>#?") {
		return "", fmt.Errorf("%s %q: want %s", flag, value, want)
	}
	return u.Scheme + "://" + u.Host, nil
}

// shortLinksMeta puts the worker's URL (without a trailing slash) into the
// page as <meta name="tcpplayground-shortlinks">; with base "" the page is
// returned as it is, and offers no short links.
func shortLinksMeta(page []byte, base string) ([]byte, error) {
	if base == "" {
		return page, nil
	}
	if _, err := shortLinksOrigin(base); err != nil {
		return nil, err
	}
	return addMeta(page, shortLinksMetaName, strings.TrimSuffix(base, "/"))
}

// addMeta puts <meta name=name content=content> into the page after its
// <meta charset>.
func addMeta(page []byte, name, content string) ([]byte, error) {
	return afterCharset(page, fmt.Sprintf("<meta name=%q content=\"%s\">", name, html.EscapeString(content)))
}

// afterCharset puts tag on a line of its own right after the page's
// <meta charset>, which it must have once: the tags that must precede
// everything else in <head> go there.
func afterCharset(page []byte, tag string) ([]byte, error) {
	const charset = `<meta charset="utf-8">`
	if bytes.Count(page, []byte(charset)) != 1 {
		return nil, fmt.Errorf("index.html must have one %s to put %.30s… after", charset, tag)
	}
	return bytes.Replace(page, []byte(charset), []byte(charset+"\n"+tag), 1), nil
}
