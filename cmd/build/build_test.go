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
)

// TestBuildSite builds the real site and checks what a browser and the
// static host rely on: the page references fingerprinted assets that exist,
// the module is WebAssembly, and every text asset has brotli and gzip twins.
func TestBuildSite(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the wasm module")
	}
	out := t.TempDir()
	manifest, err := buildSite(filepath.Join("..", ".."), out)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href|data-wasm)="([^"]+)"`).FindAllStringSubmatch(string(page), -1)
	seen := map[string]bool{}
	for _, r := range refs {
		seen[r[1]] = true
		if _, err := os.Stat(filepath.Join(out, r[1])); err != nil {
			t.Errorf("index.html references %s, which was not written: %v", r[1], err)
		}
	}
	fp := regexp.MustCompile(`^(app|wasm_exec|boot|style)\.[0-9a-f]{10}\.(wasm|js|css)$`)
	var wasmName string
	for _, a := range manifest {
		if a.Name == "index.html" {
			continue
		}
		if !fp.MatchString(a.Name) {
			t.Errorf("asset %s is not fingerprinted", a.Name)
		}
		if !seen[a.Name] {
			t.Errorf("asset %s is not referenced by index.html", a.Name)
		}
		if strings.HasSuffix(a.Name, ".wasm") {
			wasmName = a.Name
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
	// instantiateStreaming, and the caching netlify.toml promises.
	srv := httptest.NewServer(siteHandler(out))
	defer srv.Close()
	for path, want := range map[string][2]string{
		"/" + wasmName: {"application/wasm", "public, max-age=31536000, immutable"},
		"/":            {"text/html; charset=utf-8", "no-cache"},
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); got != want[0] {
			t.Errorf("GET %s: Content-Type = %q, want %q", path, got, want[0])
		}
		if got := resp.Header.Get("Cache-Control"); got != want[1] {
			t.Errorf("GET %s: Cache-Control = %q, want %q", path, got, want[1])
		}
	}
}

func TestRunRejectsUnknownCommand(t *testing.T) {
	err := run(config{command: "deploy", root: "../..", out: t.TempDir()}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `unknown command "deploy"`) {
		t.Errorf("run(deploy) = %v, want an unknown-command error", err)
	}
}
