package main

import (
	"strings"
	"testing"
)

func TestShortLinksOrigin(t *testing.T) {
	for base, want := range map[string]string{
		"https://links.example.org":      "https://links.example.org",
		"https://links.example.org/":     "https://links.example.org",
		"http://127.0.0.1:8787":          "http://127.0.0.1:8787",
		"https://example.org/tcp-links/": "https://example.org",
	} {
		if got, err := shortLinksOrigin(base); got != want || err != nil {
			t.Errorf("shortLinksOrigin(%q) = %q, %v; want %q", base, got, err, want)
		}
	}
	for _, base := range []string{"links.example.org", "ftp://x.example", "https://", "https://u:p@x.example",
		"https://x.example/?q=1", "https://x.example/#f", `https://x.example/"><script>`, "javascript:alert(1)"} {
		if _, err := shortLinksOrigin(base); err == nil || !strings.Contains(err.Error(), "-shortlinks") {
			t.Errorf("shortLinksOrigin(%q) = %v; want an error naming -shortlinks", base, err)
		}
	}
}

func TestShortLinksMeta(t *testing.T) {
	page := []byte("<head>\n<meta charset=\"utf-8\">\n<title>x</title>")
	got, err := shortLinksMeta(page, "https://links.example.org/")
	want := "<head>\n<meta charset=\"utf-8\">\n<meta name=\"tcpplayground-shortlinks\" content=\"https://links.example.org\">\n<title>x</title>"
	if string(got) != want || err != nil {
		t.Errorf("shortLinksMeta = %q, %v; want %q", got, err, want)
	}
	if got, err := shortLinksMeta(page, ""); string(got) != string(page) || err != nil {
		t.Errorf("with no worker the page changed: %q, %v", got, err)
	}
	if _, err := shortLinksMeta([]byte("<head>"), "https://links.example.org"); err == nil {
		t.Error("a page without <meta charset> was accepted")
	}
	if _, err := shortLinksMeta(page, "not a url"); err == nil {
		t.Error("a bad worker URL was accepted")
	}
}
