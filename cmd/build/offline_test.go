package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"regexp"
	"strings"
	"testing"
)

func offlineSources() map[string][]byte {
	return map[string][]byte{
		"index.html": []byte(`<!doctype html><head><meta charset="utf-8">
<link rel="stylesheet" href="style.css">
<link rel="icon" href="icons/icon.svg" type="image/svg+xml">
<link rel="manifest" href="manifest.webmanifest">
</head><body><a href="#top">top</a> <a href="https://example.org/">out</a>
<script src="wasm_exec.js"></script>
<script src="boot.js"></script></body>`),
		"style.css":      []byte("body{color:red}"),
		"icons/icon.svg": []byte("<svg/>"),
		"wasm_exec.js":   []byte(`var s = "</script>";`),
		"boot.js":        []byte("boot()"),
		"app.wasm":       []byte("\x00asm\x01\x00\x00\x00 a module"),
	}
}

// TestOfflinePage checks the single file: everything inline, the module
// recoverable from its data block, and a CSP whose hashes are exactly those
// of the inline scripts and style (a browser refuses anything else).
func TestOfflinePage(t *testing.T) {
	page, err := offlinePage(offlineSources(), "")
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	for _, gone := range []string{`src="wasm_exec.js"`, `href="style.css"`, `rel="manifest"`, `"icons/icon.svg"`} {
		if strings.Contains(text, gone) {
			t.Errorf("the offline page still has %s", gone)
		}
	}
	if !strings.Contains(text, `href="data:image/svg+xml;base64,`+base64.StdEncoding.EncodeToString([]byte("<svg/>"))+`"`) {
		t.Errorf("the icon is not a data: URL")
	}
	data := regexp.MustCompile(`<script type="application/gzip" id="wasm-gzip">([^<]*)</script>`).FindStringSubmatch(text)
	if data == nil {
		t.Fatal("no wasm-gzip data block")
	}
	gz, _ := base64.StdEncoding.DecodeString(data[1])
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	mod, _ := io.ReadAll(zr)
	if string(mod) != string(offlineSources()["app.wasm"]) {
		t.Errorf("the data block holds %q, want the module", mod)
	}
	if !strings.Contains(text, `<script data-wasm-size="17">boot()</script>`) {
		t.Errorf("boot.js is not inline with data-wasm-size")
	}
	if !strings.Contains(text, `var s = "<\/script>";`) {
		t.Errorf("</script inside a script was not escaped")
	}
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(text)
	if csp == nil {
		t.Fatal("no CSP meta tag")
	}
	inline := regexp.MustCompile(`<(?:script|style|script data-wasm-size="\d+")>((?:[^<]|<\\/)*)</(?:script|style)>`).FindAllStringSubmatch(text, -1)
	if len(inline) != 3 {
		t.Errorf("found %d inline scripts and styles, want 3", len(inline))
	}
	for _, m := range inline {
		code := m[1]
		sum := sha256.Sum256([]byte(code))
		want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(csp[1], want) {
			t.Errorf("CSP %q lacks %s for %q", csp[1], want, code)
		}
	}
	if !strings.HasPrefix(csp[1], "default-src 'none';") {
		t.Errorf("CSP %q does not start with default-src 'none'", csp[1])
	}
}

func TestOfflinePageRefusesWhatItCannotInline(t *testing.T) {
	for name, edit := range map[string]func(map[string][]byte){
		"missing script": func(s map[string][]byte) { delete(s, "boot.js") },
		"missing style":  func(s map[string][]byte) { delete(s, "style.css") },
		"image":          func(s map[string][]byte) { s["index.html"] = append(s["index.html"], `<img src="x.png">`...) },
	} {
		src := offlineSources()
		edit(src)
		if _, err := offlinePage(src, ""); err == nil {
			t.Errorf("%s: offlinePage succeeded, want an error", name)
		}
	}
}

// TestFillServiceWorker checks that the worker gets every fingerprinted
// asset and a version that follows the content of the site.
func TestFillServiceWorker(t *testing.T) {
	sw := []byte("var VERSION = \"dev\";\nvar ASSETS = [];\n")
	files := map[string][]byte{"index.html": []byte("a"), "assets/x.0123456789.js": []byte("b")}
	got, err := fillServiceWorker(sw, files)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `var ASSETS = ["assets/x.0123456789.js"];`) {
		t.Errorf("sw.js = %s, want the asset listed", got)
	}
	files["index.html"] = []byte("changed")
	again, _ := fillServiceWorker(sw, files)
	if bytes.Equal(got, again) {
		t.Errorf("the version did not change with the page")
	}
	if _, err := fillServiceWorker([]byte("no placeholders"), files); err == nil || !strings.Contains(err.Error(), `var VERSION = "dev";`) {
		t.Errorf("fillServiceWorker without placeholders = %v, want an error naming the line", err)
	}
}

// TestOfflinePagePublic: with -public the file names the public page (the
// address its Copy link gives), without it nothing; a bad address is
// refused naming the flag.
func TestOfflinePagePublic(t *testing.T) {
	const meta = `<meta name="tcpplayground-public" content="https://tcp.example/play/">`
	page, err := offlinePage(offlineSources(), "https://tcp.example/play/")
	if err != nil || !strings.Contains(string(page), meta) {
		t.Errorf("offlinePage with -public = %v; want the page with %s", err, meta)
	}
	if page, _ := offlinePage(offlineSources(), ""); strings.Contains(string(page), "tcpplayground-public") {
		t.Errorf("offlinePage without -public names a public page")
	}
	for _, bad := range []string{"tcp.example", "file:///media/usb/", "https://tcp.example/#s=1", `https://tcp.example/"><script>`} {
		if _, err := offlinePage(offlineSources(), bad); err == nil || !strings.Contains(err.Error(), "-public") {
			t.Errorf("offlinePage(-public %q) = %v; want an error naming -public", bad, err)
		}
	}
}
