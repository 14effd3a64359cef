package main

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
)

// shortLinksMetaName is the <meta> the page reads the worker's URL from
// (wasm/playground/sharelink_js.go).
const shortLinksMetaName = "tcpplayground-shortlinks"

// shortLinksOrigin checks the -shortlinks value, the URL the page POSTs
// /api/links under, and returns its origin for the CSP's connect-src.
func shortLinksOrigin(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(base, " \t\r\n\"'<>#?") {
		return "", fmt.Errorf("-shortlinks %q: want the worker's http(s) URL, such as https://links.example.org", base)
	}
	return u.Scheme + "://" + u.Host, nil
}

// shortLinksMeta puts the worker's URL (without a trailing slash) into the
// page as <meta name="tcpplayground-shortlinks">, after <meta charset>;
// with base "" the page is returned as it is, and offers no short links.
func shortLinksMeta(page []byte, base string) ([]byte, error) {
	if base == "" {
		return page, nil
	}
	if _, err := shortLinksOrigin(base); err != nil {
		return nil, err
	}
	const charset = `<meta charset="utf-8">`
	if bytes.Count(page, []byte(charset)) != 1 {
		return nil, errors.New(`index.html must have one <meta charset="utf-8"> to put the short-link worker after`)
	}
	meta := fmt.Sprintf("%s\n<meta name=%q content=\"%s\">", charset, shortLinksMetaName, html.EscapeString(strings.TrimSuffix(base, "/")))
	return bytes.Replace(page, []byte(charset), []byte(meta), 1), nil
}
