package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"

	"tcpplayground/cmd/build/netlify"
)

// serve serves dir on addr with the headers netlify.toml declares, so that
// what is tried locally is what is deployed (its CSP above all).
func serve(root, dir, addr string, log io.Writer) error {
	cfg, err := netlify.Load(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "serving %s on http://%s/ (Ctrl-C to stop)\n", dir, addr)
	return http.ListenAndServe(addr, netlify.Handler(dir, cfg))
}
