package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

// asset is one file written to the output directory.
type asset struct {
	Name       string // name in the output, fingerprinted unless it is an entry point
	Size       int
	BrotliSize int
}

// entryPoints keep their names: the page is what a visitor opens, the
// service worker and the manifest are found by name, and the offline file
// is what a lecturer downloads. They are served no-cache (netlify.toml);
// everything else is fingerprinted.
var entryPoints = map[string]bool{"index.html": true, "sw.js": true, "manifest.webmanifest": true, offlineName: true}

// offlineName is the single-file page, also published in dist/ so that it
// can be downloaded from the site (go run ./cmd/build offline writes it
// anywhere).
const offlineName = "tcp-playground.html"

// buildSite writes the whole site into out and returns what it wrote;
// shortlinks is the short-link worker's URL or "" (see shortLinksMeta),
// public the address the offline file's links open or "" (see
// buildOffline).
func buildSite(root, out, shortlinks, public string) ([]asset, error) {
	src, err := loadSources(root)
	if err != nil {
		return nil, err
	}
	// The worker goes into the served page only: the offline file's CSP
	// allows no fetch at all, so it offers the long link alone.
	served := maps.Clone(src)
	if served["index.html"], err = shortLinksMeta(src["index.html"], shortlinks); err != nil {
		return nil, err
	}
	files, err := assemble(served)
	if err != nil {
		return nil, err
	}
	if files[offlineName], err = offlinePage(src, public); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(out); err != nil {
		return nil, err
	}
	var manifest []asset
	for name, data := range files {
		a := asset{Name: name, Size: len(data)}
		if err := writeFile(filepath.Join(out, name), data); err != nil {
			return nil, err
		}
		if compressible(name) {
			br, gz, err := compress(data)
			if err != nil {
				return nil, err
			}
			a.BrotliSize = len(br)
			if err := writeFile(filepath.Join(out, name+".br"), br); err != nil {
				return nil, err
			}
			if err := writeFile(filepath.Join(out, name+".gz"), gz); err != nil {
				return nil, err
			}
		}
		manifest = append(manifest, a)
	}
	sort.Slice(manifest, func(i, j int) bool { return manifest[i].Name < manifest[j].Name })
	return manifest, nil
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// loadSources returns every file the site is made of, by slash-separated
// name: app.wasm (compiled now), wasm_exec.js (from the same toolchain) and
// everything under site/.
func loadSources(root string) (map[string][]byte, error) {
	files := map[string][]byte{}
	wasm, err := buildWasm(root)
	if err != nil {
		return nil, err
	}
	files["app.wasm"] = wasm
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return nil, err
	}
	// Since Go 1.24 wasm_exec.js lives in lib/wasm, not misc/wasm.
	if files["wasm_exec.js"], err = os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js")); err != nil {
		return nil, err
	}
	siteDir := filepath.Join(root, "site")
	err = filepath.WalkDir(siteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(siteDir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	return files, err
}

// assemble turns the sources into the files of dist/: every asset but the
// entry points gets a content-hashed name under assets/, and the page and
// the manifest are rewritten to those names.
func assemble(src map[string][]byte) (map[string][]byte, error) {
	if _, ok := src["index.html"]; !ok {
		return nil, errors.New("site/index.html is missing")
	}
	renamed := map[string]string{}
	for name, data := range src {
		if entryPoints[name] {
			continue
		}
		sum := sha256.Sum256(data)
		base := path.Base(name)
		ext := path.Ext(base)
		renamed[name] = "assets/" + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	}
	out := map[string][]byte{}
	for name, data := range src {
		if r, ok := renamed[name]; ok {
			out[r] = data
		} else {
			out[name] = data
		}
	}
	// References are quoted names: src="boot.js" in the page,
	// "src": "icons/icon-192.png" in the manifest.
	referenced := map[string]bool{}
	for _, ref := range []string{"index.html", "manifest.webmanifest"} {
		text, ok := out[ref]
		if !ok {
			continue
		}
		for from, to := range renamed {
			if bytes.Contains(text, []byte(`"`+from+`"`)) {
				text = bytes.ReplaceAll(text, []byte(`"`+from+`"`), []byte(`"`+to+`"`))
				referenced[from] = true
			}
		}
		out[ref] = text
	}
	for from := range renamed {
		if !referenced[from] && from != "app.wasm" {
			return nil, fmt.Errorf("site/%s is referenced by neither index.html nor manifest.webmanifest", from)
		}
	}
	// boot.js fetches the module named in its data-wasm attribute; its
	// uncompressed size drives the progress bar, since Content-Length is
	// the compressed size when the server sends the brotli twin.
	bootTag := []byte(`src="` + renamed["boot.js"] + `"`)
	if !bytes.Contains(out["index.html"], bootTag) {
		return nil, errors.New(`index.html has no <script src="boot.js">`)
	}
	out["index.html"] = bytes.Replace(out["index.html"], bootTag,
		fmt.Appendf(nil, `%s data-wasm="%s" data-wasm-size="%d"`, bootTag, renamed["app.wasm"], len(src["app.wasm"])), 1)
	// The module is most of the page's weight: ask for it from <head>, one
	// round trip before boot.js would (crossorigin makes the preload match
	// boot.js's fetch(), which is same-origin CORS mode).
	if !bytes.Contains(out["index.html"], []byte("</head>")) {
		return nil, errors.New("index.html has no </head>")
	}
	out["index.html"] = bytes.Replace(out["index.html"], []byte("</head>"),
		fmt.Appendf(nil, `<link rel="preload" href="%s" as="fetch" type="application/wasm" crossorigin>`+"\n</head>", renamed["app.wasm"]), 1)
	if sw, ok := out["sw.js"]; ok {
		var err error
		if out["sw.js"], err = fillServiceWorker(sw, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillServiceWorker writes into sw.js the list of files it precaches (every
// fingerprinted asset) and a version that changes whenever any file of the
// site does, so that browsers install the new worker and drop the old cache.
func fillServiceWorker(sw []byte, files map[string][]byte) ([]byte, error) {
	var names []string
	for name := range files {
		if name != "sw.js" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	var assets []string
	for _, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
		if strings.HasPrefix(name, "assets/") {
			assets = append(assets, name)
		}
	}
	list, err := json.Marshal(assets)
	if err != nil {
		return nil, err
	}
	for _, r := range []struct{ from, to string }{
		{`var VERSION = "dev";`, fmt.Sprintf(`var VERSION = "%x";`, h.Sum(nil)[:8])},
		{`var ASSETS = [];`, fmt.Sprintf(`var ASSETS = %s;`, list)},
	} {
		if bytes.Count(sw, []byte(r.from)) != 1 {
			return nil, fmt.Errorf("site/sw.js must contain the line %s once (cmd/build fills it in)", r.from)
		}
		sw = bytes.Replace(sw, []byte(r.from), []byte(r.to), 1)
	}
	return sw, nil
}

func compressible(name string) bool {
	switch filepath.Ext(name) {
	case ".wasm", ".js", ".css", ".html", ".svg", ".json", ".webmanifest":
		return true
	}
	return false
}

func compress(data []byte) (br, gz []byte, err error) {
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
	if _, err := bw.Write(data); err != nil {
		return nil, nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, nil, err
	}
	var g bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if _, err := gw.Write(data); err != nil {
		return nil, nil, err
	}
	if err := gw.Close(); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), g.Bytes(), nil
}

// noInline lists the packages compiled without inlining: off the hot paths
// of simulating and drawing (decoding a scenario or a link, narrating one
// event, exporting, the page's DOM code, and the reflection and formatting
// they pull in), where inlined copies only add bytes. Measured on the
// page's module: 88 KB less after brotli, which keeps everything fetched
// before the page is interactive within its 1.2 MB budget. The simulator,
// the endpoints, the trace, the analysis and the views keep inlining, and
// so does syscall/js: inlined, its calls keep their argument slices on the
// stack; not, every call into JavaScript allocated two (a tenth of a
// big-trace frame in BenchmarkBigTraceRedraw's profile, with the garbage
// collections they bring), and the module was 0.2 KB larger after brotli.
var noInline = []string{
	"fmt", "reflect", "compress/flate",
	"internal/fmtsort", "encoding/base64", "unicode/utf16", "hash/crc32", "bufio",
	"tcpplayground/wasm/playground/...", "tcpplayground/tcpcore/scenario", "tcpplayground/tcpcore/share",
	"tcpplayground/tcpcore/presets", "tcpplayground/tcpcore/narrate", "tcpplayground/tcpcore/capture",
	"tcpplayground/tcpcore/pcap",
}

// buildWasm compiles the page's program for js/wasm and returns the module.
func buildWasm(root string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "tcpplayground-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "app.wasm")
	args := []string{"build", "-trimpath", "-ldflags=-s -w"}
	for _, p := range noInline {
		args = append(args, "-gcflags="+p+"=-l")
	}
	cmd := exec.Command("go", append(args, "-o", out, "./wasm/playground")...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("compiling the wasm module: %v\n%s", err, msg)
	}
	return os.ReadFile(out)
}

func goEnv(key string) (string, error) {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out)), nil
}
