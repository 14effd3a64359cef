//go:build !js

package main

import (
	"fmt"
	"os"
)

// main exists natively only so that `go build ./...` covers this package;
// the worker itself is built for GOOS=js GOARCH=wasm (main_js.go).
func main() {
	fmt.Fprintln(os.Stderr, "worker is a Cloudflare Worker: build it with GOOS=js GOARCH=wasm (see the README, \"Short links (optional Worker)\")")
	os.Exit(2)
}
