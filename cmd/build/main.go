package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

type config struct {
	command string // "build" or "serve"
	root    string // repository root
	out     string // output directory
	addr    string // listen address for serve
}

func main() {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	cfg := config{}
	fs.StringVar(&cfg.out, "out", "dist", "output directory")
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to serve on (serve only)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./cmd/build [flags] [build|serve]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	cfg.command = "build"
	if fs.NArg() > 0 {
		cfg.command = fs.Arg(0)
	}
	cfg.root = "."
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(cfg config, log io.Writer) error {
	switch cfg.command {
	case "build", "serve":
	default:
		return fmt.Errorf("unknown command %q (want build or serve)", cfg.command)
	}
	if _, err := os.Stat(filepath.Join(cfg.root, "site", "index.html")); err != nil {
		return errors.New("run from the repository root (site/index.html not found)")
	}
	manifest, err := buildSite(cfg.root, cfg.out)
	if err != nil {
		return err
	}
	for _, a := range manifest {
		fmt.Fprintf(log, "%-32s %9d bytes, %9d brotli\n", a.Name, a.Size, a.BrotliSize)
	}
	if cfg.command == "serve" {
		return serve(cfg.root, cfg.out, cfg.addr, log)
	}
	return nil
}
