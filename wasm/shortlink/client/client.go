package client

import (
	"errors"
	"strconv"
	"strings"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
)

// Link is the worker's answer to a create: the link's ID and its URL.
type Link struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

// Create returns the request that makes a short link for sc at the worker
// whose public URL is base (such as "https://links.example"): POST to
// url with this Content-Type and body.
func Create(base string, sc *scenario.Scenario) (url, contentType, body string, err error) {
	if err := checkURL(base); err != nil {
		return "", "", "", errors.New("short-link worker URL " + strconv.Quote(base) + ": " + err.Error())
	}
	return strings.TrimSuffix(base, "/") + "/api/links", "text/plain;charset=UTF-8", share.Encode(sc), nil
}

// Answer reads the worker's answer to a create: status 200 (the link
// existed) or 201 (created) with a Link whose URL is an http(s) URL.
// Anything else is an error with the worker's message when it sent one.
//
// The caller parses the body: the page uses the browser's JSON.parse,
// since encoding/json's decoder would add about 90 KB brotli to its module
// (scenario's own reader is why it has none). id, url and msg are the
// answer's "id", "url" and "error" strings ("" when absent or not
// strings); isJSON is false when the body was not a JSON object.
func Answer(status int, id, url, msg string, isJSON bool) (Link, error) {
	if status != 200 && status != 201 {
		m := "HTTP " + strconv.Itoa(status)
		if isJSON && msg != "" {
			m += ": " + msg
		}
		return Link{}, errors.New("short link failed: " + m)
	}
	if !isJSON {
		return Link{}, errors.New("short link failed: the worker's answer is not JSON")
	}
	if id == "" || checkURL(url) != nil {
		return Link{}, errors.New("short link failed: the worker's answer has no usable id and url")
	}
	return Link{ID: id, URL: url}, nil
}

// checkURL accepts an absolute http(s) URL with a host and no
// credentials, fragment, spaces or control characters: what the page may
// call and put on a clipboard. It checks by hand because net/url would
// add about 20 KB to the page's download for this one check.
func checkURL(s string) error {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	host, _, _ := strings.Cut(rest, "/")
	if !ok || host == "" || strings.ContainsAny(host, "@?") || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '#' }) {
		return errors.New("not an http(s) URL")
	}
	return nil
}
