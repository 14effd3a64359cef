package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// serve serves dir on addr the way netlify.toml has the site served:
// fingerprinted assets are immutable, the page is revalidated every time.
func serve(dir, addr string, log io.Writer) error {
	fmt.Fprintf(log, "serving %s on http://%s/ (Ctrl-C to stop)\n", dir, addr)
	return http.ListenAndServe(addr, siteHandler(dir))
}

func siteHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || strings.HasSuffix(r.URL.Path, ".html") {
			w.Header().Set("Cache-Control", "no-cache")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		files.ServeHTTP(w, r)
	})
}
