package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"

	"tcpplayground/cmd/build/netlify"
)

// serve serves dir on addr with the headers netlify.toml declares, so that
// what is tried locally is what is deployed (its CSP above all). With a
// short-link worker configured, its origin is added to the CSP's
// connect-src, as the README tells a deployer to do in netlify.toml.
func serve(root, dir, addr, shortlinks string, log io.Writer) error {
	cfg, err := netlify.Load(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return err
	}
	if shortlinks != "" {
		origin, err := shortLinksOrigin(shortlinks)
		if err != nil {
			return err
		}
		if err := cfg.AllowConnect(origin); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "serving %s on http://%s/ (Ctrl-C to stop)\n", dir, addr)
	return http.ListenAndServe(addr, netlify.Handler(dir, cfg))
}
