package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"mime"
	"os"
	"path"
	"regexp"
	"strings"
)

// buildOffline writes the whole playground as one HTML file that runs from
// file:// with no network (a USB stick in a lecture hall): the style sheet
// and scripts inline, the icon as a data: URL, and the module gzip-compressed
// and base64-encoded in a data block that boot.js decompresses with
// DecompressionStream. gzip because every browser with WebAssembly
// streaming decompresses it natively; brotli would need a decoder in JS.
//
// The file carries its own Content-Security-Policy (a <meta> tag, since
// file:// has no headers): nothing may be fetched at all, and only the
// exact inline scripts and style, by hash, may run. The service worker is
// left out (boot.js does not register one from file://, and the manifest is
// dropped since it could not be loaded).
//
// public is the playground's public address, or "": where it is given, the
// file names it in <meta name="tcpplayground-public"> and its Copy link
// gives the scenario on that page, since a file:// link opens nothing on
// another computer; without it, Copy link says so.
func buildOffline(root, file, public string) (int, error) {
	src, err := loadSources(root)
	if err != nil {
		return 0, err
	}
	page, err := offlinePage(src, public)
	if err != nil {
		return 0, err
	}
	return len(page), os.WriteFile(file, page, 0o644)
}

var (
	tagRE      = regexp.MustCompile(`<(script|link)\b([^>]*)>(</script>)?`)
	attrRE     = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)
	localRefRE = regexp.MustCompile(`\s(?:src|href)="([^"#:][^":]*)"`)
	// onlineOnlyRE is an element only the served page has: the link that
	// downloads the offline file, meaningless inside that file.
	onlineOnlyRE = regexp.MustCompile(`\s*<a\b[^>]*\sdata-online-only[\s>][^<]*</a>`)
)

// offlinePage turns the sources into the single file.
func offlinePage(src map[string][]byte, public string) ([]byte, error) {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := zw.Write(src["app.wasm"]); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	index := onlineOnlyRE.ReplaceAll(src["index.html"], nil)
	if public != "" {
		if err := checkPublic(public); err != nil {
			return nil, err
		}
		var err error
		if index, err = addMeta(index, publicMetaName, public); err != nil {
			return nil, err
		}
	}
	var scriptHashes, styleHashes []string
	hash := func(code string) string {
		sum := sha256.Sum256([]byte(code))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	var err error
	page := tagRE.ReplaceAllStringFunc(string(index), func(tag string) string {
		m := tagRE.FindStringSubmatch(tag)
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			attrs[a[1]] = a[2]
		}
		switch {
		case m[1] == "script" && attrs["src"] != "":
			code, ok := src[attrs["src"]]
			if !ok {
				err = fmt.Errorf("index.html loads %s, which site/ does not have", attrs["src"])
				return tag
			}
			// "</script" cannot occur inside the element; in JavaScript
			// source it can only be inside a string, where "<\/" is the same.
			text := strings.ReplaceAll(string(code), "</script", `<\/script`)
			scriptHashes = append(scriptHashes, hash(text))
			open := "<script>"
			if attrs["src"] == "boot.js" {
				open = fmt.Sprintf(`<script type="application/gzip" id="wasm-gzip">%s</script>`+"\n"+`<script data-wasm-size="%d">`,
					base64.StdEncoding.EncodeToString(gz.Bytes()), len(src["app.wasm"]))
			}
			return open + text + "</script>"
		case m[1] == "link" && attrs["rel"] == "stylesheet":
			css, ok := src[attrs["href"]]
			if !ok {
				err = fmt.Errorf("index.html links %s, which site/ does not have", attrs["href"])
				return tag
			}
			styleHashes = append(styleHashes, hash(string(css)))
			return "<style>" + string(css) + "</style>"
		case m[1] == "link" && (attrs["rel"] == "manifest" || attrs["rel"] == "apple-touch-icon"):
			return "" // meaningless for a file
		case m[1] == "link" && attrs["rel"] == "icon":
			data, ok := src[attrs["href"]]
			if !ok {
				err = fmt.Errorf("index.html links %s, which site/ does not have", attrs["href"])
				return tag
			}
			url := "data:" + mime.TypeByExtension(path.Ext(attrs["href"])) + ";base64," + base64.StdEncoding.EncodeToString(data)
			return strings.Replace(tag, `"`+attrs["href"]+`"`, `"`+url+`"`, 1)
		}
		return tag
	})
	if err != nil {
		return nil, err
	}
	if m := localRefRE.FindStringSubmatch(page); m != nil {
		return nil, fmt.Errorf("the offline page still refers to %s, which it cannot load from file://", m[1])
	}
	csp := fmt.Sprintf(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'wasm-unsafe-eval' %s; style-src %s; img-src data: blob:; base-uri 'none'; form-action 'none'">`,
		strings.Join(scriptHashes, " "), strings.Join(styleHashes, " "))
	return afterCharset([]byte(page), csp)
}
