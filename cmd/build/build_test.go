package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tcpplayground/cmd/build/netlify"
)

// TestBuildSite builds the real site and checks what a browser and the
// static host rely on: the page and the manifest reference fingerprinted
// assets that exist, the module is WebAssembly, and every text asset has
// brotli and gzip twins.
func TestBuildSite(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the wasm module")
	}
	out := t.TempDir()
	manifest, err := buildSite(filepath.Join("..", ".."), out, "", "")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for file, re := range map[string]string{
		"index.html":           `(?:src|href|data-wasm)="([^"]+)"`,
		"manifest.webmanifest": `"src": "([^"]+)"`,
	} {
		text, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range regexp.MustCompile(re).FindAllStringSubmatch(string(text), -1) {
			seen[r[1]] = true
			if _, err := os.Stat(filepath.Join(out, r[1])); err != nil {
				t.Errorf("%s references %s, which was not written: %v", file, r[1], err)
			}
		}
	}
	fp := regexp.MustCompile(`^assets/[a-z_-]+(-\d+)?\.[0-9a-f]{10}\.(wasm|js|css|svg|png)$`)
	var wasmName string
	for _, a := range manifest {
		if entryPoints[a.Name] {
			continue
		}
		if !fp.MatchString(a.Name) {
			t.Errorf("asset %s is not fingerprinted", a.Name)
		}
		if !seen[a.Name] {
			t.Errorf("asset %s is referenced by neither index.html nor the manifest", a.Name)
		}
		if strings.HasSuffix(a.Name, ".wasm") {
			wasmName = a.Name
		}
		if !compressible(a.Name) {
			continue
		}
		for _, ext := range []string{".br", ".gz"} {
			if _, err := os.Stat(filepath.Join(out, a.Name+ext)); err != nil {
				t.Errorf("no %s twin for %s", ext, a.Name)
			}
		}
	}
	mod, err := os.ReadFile(filepath.Join(out, wasmName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(mod, []byte("\x00asm")) {
		t.Errorf("%s does not start with the WebAssembly magic", wasmName)
	}

	// The local server sends the MIME type browsers insist on for
	// instantiateStreaming, the caching netlify.toml promises, and the
	// brotli twin to a browser that accepts it.
	cfg, err := netlify.Load(filepath.Join("..", "..", "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(netlify.Handler(out, cfg))
	defer srv.Close()
	for path, want := range map[string][3]string{
		"/" + wasmName: {"application/wasm", "public, max-age=31536000, immutable", "br"},
		"/":            {"text/html; charset=utf-8", "no-cache", "br"},
	} {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for i, h := range []string{"Content-Type", "Cache-Control", "Content-Encoding"} {
			if got := resp.Header.Get(h); got != want[i] {
				t.Errorf("GET %s: %s = %q, want %q", path, h, got, want[i])
			}
		}
	}
}

func TestRunRejectsUnknownCommand(t *testing.T) {
	err := run(config{command: "deploy", root: "../..", out: t.TempDir()}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `unknown command "deploy"`) {
		t.Errorf("run(deploy) = %v, want an unknown-command error", err)
	}
}

// TestDefaultPublic: on Netlify the offline file links to the site's main
// address (its URL variable); elsewhere to nothing.
func TestDefaultPublic(t *testing.T) {
	netlify := map[string]string{"NETLIFY": "true", "URL": "https://tcp.example.org"}
	if got := defaultPublic(func(k string) string { return netlify[k] }); got != "https://tcp.example.org" {
		t.Errorf("defaultPublic on Netlify = %q, want its URL", got)
	}
	elsewhere := map[string]string{"URL": "https://tcp.example.org"}
	if got := defaultPublic(func(k string) string { return elsewhere[k] }); got != "" {
		t.Errorf("defaultPublic off Netlify = %q, want none", got)
	}
	if err := checkPublic("https://tcp.example.org"); err != nil {
		t.Errorf("Netlify's form of URL is refused: %v", err)
	}
}
