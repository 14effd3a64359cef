package netlify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Handler serves the files in dir with the headers cfg declares for each
// request path. Like Netlify, "/" and every "…/" path serve index.html.
//
// Netlify compresses on the fly; locally the .br and .gz twins that
// cmd/build writes beside each asset are sent instead when the browser
// accepts them, so that what is measured locally is what travels.
func Handler(dir string, cfg *Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		urlPath := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && urlPath != "/" {
			urlPath += "/"
		}
		file := urlPath
		if strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		name := filepath.Join(dir, filepath.FromSlash(file))
		if st, err := os.Stat(name); err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h, err := cfg.HeadersFor(urlPath)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		for k, v := range h {
			w.Header()[k] = v
		}
		if w.Header().Get("Content-Type") == "" {
			ctype := mime.TypeByExtension(path.Ext(file))
			if ctype == "" {
				ctype = "application/octet-stream"
			}
			w.Header().Set("Content-Type", ctype)
		}
		w.Header().Add("Vary", "Accept-Encoding")
		for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !accepts(r.Header.Get("Accept-Encoding"), enc.token) {
				continue
			}
			if _, err := os.Stat(name + enc.ext); err == nil {
				name += enc.ext
				w.Header().Set("Content-Encoding", enc.token)
				break
			}
		}
		body, err := os.ReadFile(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		// Revalidation by a hash of the content (as Netlify does), not by
		// modification time: Last-Modified has one-second resolution, so a
		// file rebuilt within the second would be answered 304 Not Modified.
		sum := sha256.Sum256(body)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
		http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(body))
	})
}

// accepts reports whether an Accept-Encoding value allows the coding token
// (RFC 9110 §12.5.3; a zero q-value refuses it).
func accepts(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), token) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
