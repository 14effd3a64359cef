//go:build !js

package main

import (
	"fmt"
	"os"
)

// main exists natively only so that `go build ./...` covers this package;
// the program itself runs in a browser (main_js.go).
func main() {
	fmt.Fprintln(os.Stderr, "playground is the page's WebAssembly program: build and serve it with `go run ./cmd/build serve`")
	os.Exit(2)
}
