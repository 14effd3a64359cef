package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// asset is one file written to the output directory.
type asset struct {
	Source     string // name in site/ (or app.wasm, wasm_exec.js)
	Name       string // name in the output, fingerprinted unless it is the page
	Size       int
	BrotliSize int
}

// fingerprinted lists the assets that get content-hashed names; index.html
// keeps its name so that it can be the entry point, and is served no-cache.
var fingerprinted = []string{"app.wasm", "wasm_exec.js", "boot.js", "style.css"}

// buildSite writes the whole site into out and returns what it wrote.
func buildSite(root, out string) ([]asset, error) {
	if err := os.RemoveAll(out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
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
	entries, err := os.ReadDir(filepath.Join(root, "site"))
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if files[e.Name()], err = os.ReadFile(filepath.Join(root, "site", e.Name())); err != nil {
			return nil, err
		}
	}

	renamed := map[string]string{}
	for _, name := range fingerprinted {
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("asset %s is missing", name)
		}
		sum := sha256.Sum256(data)
		ext := filepath.Ext(name)
		renamed[name] = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	}
	page := string(files["index.html"])
	for from, to := range renamed {
		if from == "app.wasm" {
			continue // named in boot.js's data-wasm attribute below
		}
		if !strings.Contains(page, `"`+from+`"`) {
			return nil, fmt.Errorf("index.html does not reference %s", from)
		}
		page = strings.ReplaceAll(page, `"`+from+`"`, `"`+to+`"`)
	}
	// boot.js fetches the module named in its data-wasm attribute.
	page = strings.Replace(page, `src="`+renamed["boot.js"]+`"`, `src="`+renamed["boot.js"]+`" data-wasm="`+renamed["app.wasm"]+`"`, 1)
	files["index.html"] = []byte(page)

	var manifest []asset
	for name, data := range files {
		outName := name
		if r, ok := renamed[name]; ok {
			outName = r
		}
		a := asset{Source: name, Name: outName, Size: len(data)}
		if err := os.WriteFile(filepath.Join(out, outName), data, 0o644); err != nil {
			return nil, err
		}
		if compressible(outName) {
			br, gz, err := compress(data)
			if err != nil {
				return nil, err
			}
			a.BrotliSize = len(br)
			if err := os.WriteFile(filepath.Join(out, outName+".br"), br, 0o644); err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(out, outName+".gz"), gz, 0o644); err != nil {
				return nil, err
			}
		}
		manifest = append(manifest, a)
	}
	sortAssets(manifest)
	return manifest, nil
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

func sortAssets(as []asset) {
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].Name < as[j-1].Name; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
}

// buildWasm compiles the page's program for js/wasm and returns the module.
func buildWasm(root string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "tcpplayground-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "app.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./wasm/playground")
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
