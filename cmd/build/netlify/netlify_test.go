package netlify

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepositoryNetlifyToml checks the file that is deployed: it parses,
// Netlify builds with cmd/build and publishes dist, and it gives the page, the service worker
// and the fingerprinted assets the caching they were designed for, with no
// header set twice for those paths.
func TestRepositoryNetlifyToml(t *testing.T) {
	cfg, err := Load(filepath.Join("..", "..", "..", "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Build["command"]; got != "go run ./cmd/build" {
		t.Errorf("build command = %q, want go run ./cmd/build", got)
	}
	if got := cfg.Build["publish"]; got != "dist" {
		t.Errorf("publish = %q, want dist", got)
	}
	for _, c := range []struct{ path, header, want string }{
		{"/", "Cache-Control", "no-cache"},
		{"/index.html", "Cache-Control", "no-cache"},
		{"/sw.js", "Cache-Control", "no-cache"},
		{"/tcp-playground.html", "Cache-Control", "no-cache"},
		{"/manifest.webmanifest", "Cache-Control", "no-cache"},
		{"/manifest.webmanifest", "Content-Type", "application/manifest+json"},
		{"/assets/app.0123456789.wasm", "Cache-Control", "public, max-age=31536000, immutable"},
		{"/assets/app.0123456789.wasm", "Content-Type", "application/wasm"},
		{"/assets/boot.0123456789.js", "Cache-Control", "public, max-age=31536000, immutable"},
		{"/", "X-Content-Type-Options", "nosniff"},
		{"/assets/boot.0123456789.js", "X-Content-Type-Options", "nosniff"},
	} {
		h, err := cfg.HeadersFor(c.path)
		if err != nil {
			t.Errorf("HeadersFor(%s): %v", c.path, err)
			continue
		}
		if got := h.Get(c.header); got != c.want {
			t.Errorf("HeadersFor(%s) %s = %q, want %q", c.path, c.header, got, c.want)
		}
	}
	h, _ := cfg.HeadersFor("/")
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "default-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
		t.Errorf("CSP %q allows inline script or eval", csp)
	}
}

func TestParse(t *testing.T) {
	cfg, err := Parse(`
# comment
[build]
  command = "go run ./x" # trailing comment
  publish = 'dist'
[build.environment]
  GO_VERSION = "1.26.8"
[[headers]]
  for = "/*"
  [headers.values]
    "X-Quoted" = "a # not a comment \"q\""
    content-security-policy = "default-src 'self'"
[[headers]]
  for = "/a/*.js"
  [headers.values]
    Cache-Control = "immutable"
`)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Build["command"] != "go run ./x" || cfg.Build["publish"] != "dist" {
		t.Errorf("build = %v", cfg.Build)
	}
	h, err := cfg.HeadersFor("/a/b/c.js")
	if err != nil {
		t.Fatal(err)
	}
	want := http.Header{
		"X-Quoted":                {`a # not a comment "q"`},
		"Content-Security-Policy": {"default-src 'self'"},
		"Cache-Control":           {"immutable"},
	}
	for k, v := range want {
		if h.Get(k) != v[0] {
			t.Errorf("HeadersFor(/a/b/c.js) %s = %q, want %q", k, h.Get(k), v[0])
		}
	}
	if h, _ := cfg.HeadersFor("/b.js"); h.Get("Cache-Control") != "" {
		t.Errorf("/a/*.js matched /b.js")
	}
	if h, _ := cfg.HeadersFor("/"); h.Get("X-Quoted") == "" {
		t.Errorf("/* did not match /")
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"[build]\ncommand = 1", "line 2: value of command: 1 is not a string"},
		{"[[redirects]]\nfrom = \"/a\"", "line 1: array of tables [[redirects]] is not understood"},
		{"[[headers]]\n  from = \"/a\"", `line 2: [[headers]] key "from" is not understood`},
		{"[[headers]]\nfor = \"a\"", `line 2: for = "a": a path pattern starts with /`},
		{"[headers.values]\nA = \"b\"", "line 1: [headers.values] outside a [[headers]] table"},
		{"[build\n", "line 1: unterminated table name"},
		{"[[headers]]\n[headers.values]\nA = \"b\"", "[[headers]] number 1 has no for"},
		{"[build]\nx y = \"z\"", `line 2: key "x y" is not a bare or quoted key`},
		{"[build]\nx = \"a\" \"b\"", `line 2: value of x: "a" "b" is not one string`},
	} {
		_, err := Parse(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", c.text, err, c.want)
		}
	}
}

func TestConflictingRulesAreRefused(t *testing.T) {
	cfg, err := Parse("[[headers]]\nfor = \"/*\"\n[headers.values]\nCache-Control = \"immutable\"\n[[headers]]\nfor = \"/\"\n[headers.values]\nCache-Control = \"no-cache\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.HeadersFor("/"); !errors.Is(err, ErrConflict) {
		t.Errorf("HeadersFor(/) = %v, want ErrConflict", err)
	}
	if _, err := cfg.HeadersFor("/x"); err != nil {
		t.Errorf("HeadersFor(/x) = %v, want no conflict", err)
	}
}

// TestHandler serves a small tree: the page for "/", the brotli twin only
// to a browser that accepts it, declared headers, 404s and no directory
// listings.
func TestHandler(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":    "<p>page",
		"index.html.br": "BR",
		"a/x.wasm":      "\x00asm",
		"a/x.wasm.gz":   "GZ",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := Parse("[[headers]]\nfor = \"/a/*.wasm\"\n[headers.values]\nContent-Type = \"application/wasm\"\n[[headers]]\nfor = \"/\"\n[headers.values]\nCache-Control = \"no-cache\"\n")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(dir, cfg))
	defer srv.Close()
	for _, c := range []struct {
		path, accept string
		status       int
		body, ctype  string
		encoding     string
	}{
		{"/", "br, gzip", 200, "BR", "text/html; charset=utf-8", "br"},
		{"/", "gzip, br;q=0", 200, "<p>page", "text/html; charset=utf-8", ""},
		{"/index.html", "", 200, "<p>page", "text/html; charset=utf-8", ""},
		{"/a/x.wasm", "gzip", 200, "GZ", "application/wasm", "gzip"},
		{"/a/x.wasm", "identity", 200, "\x00asm", "application/wasm", ""},
		{"/a/", "", 404, "", "", ""},
		{"/a", "", 404, "", "", ""},
		{"/missing.js", "", 404, "", "", ""},
		{"/../../etc/passwd", "", 404, "", "", ""},
	} {
		req, _ := http.NewRequest("GET", srv.URL+c.path, nil)
		req.Header.Set("Accept-Encoding", c.accept)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_, _ = io.Copy(&b, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
			continue
		}
		if c.status != 200 {
			continue
		}
		if b.String() != c.body || resp.Header.Get("Content-Type") != c.ctype || resp.Header.Get("Content-Encoding") != c.encoding {
			t.Errorf("GET %s (Accept-Encoding %q) = %q, %q, %q; want %q, %q, %q", c.path, c.accept,
				b.String(), resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"), c.body, c.ctype, c.encoding)
		}
		if c.path == "/" && resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET /: Cache-Control = %q, want no-cache", resp.Header.Get("Cache-Control"))
		}
	}

	// Revalidation follows the content, even when a file is rewritten
	// within the same second (Last-Modified could not tell).
	get := func(etag string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/index.html", nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	etag := get("").Header.Get("ETag")
	if resp := get(etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("GET /index.html with its own ETag: status %d, want 304", resp.StatusCode)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>new page"), 0o644); err != nil {
		t.Fatal(err)
	}
	if resp := get(etag); resp.StatusCode != http.StatusOK || resp.Header.Get("Last-Modified") != "" {
		t.Errorf("GET /index.html changed, with the old ETag: status %d, Last-Modified %q; want 200 and none",
			resp.StatusCode, resp.Header.Get("Last-Modified"))
	}
}

func TestAllowConnect(t *testing.T) {
	cfg, err := Parse(`[[headers]]
  for = "/*"
  [headers.values]
    Content-Security-Policy = "default-src 'self'; connect-src 'self'; object-src 'none'"
`)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.AllowConnect("https://links.example.org"); err != nil {
		t.Fatal(err)
	}
	h, _ := cfg.HeadersFor("/")
	if got, want := h.Get("Content-Security-Policy"), "default-src 'self'; connect-src 'self' https://links.example.org; object-src 'none'"; got != want {
		t.Errorf("CSP = %q, want %q", got, want)
	}
	for _, bad := range []string{"", "https://x.example; script-src *", "'unsafe-eval'"} {
		if err := cfg.AllowConnect(bad); err == nil {
			t.Errorf("AllowConnect(%q) accepted it", bad)
		}
	}
	noConnect, _ := Parse("[[headers]]\n  for = \"/*\"\n  [headers.values]\n    Content-Security-Policy = \"default-src 'self'\"\n")
	if err := noConnect.AllowConnect("https://links.example.org"); err == nil || !strings.Contains(err.Error(), "no connect-src") {
		t.Errorf("a policy without connect-src: %v", err)
	}
	none, _ := Parse("")
	if err := none.AllowConnect("https://links.example.org"); err == nil {
		t.Error("a config with no CSP accepted the origin")
	}
}
