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
	command string // "build", "serve" or "offline"
	root    string // repository root
	out     string // output directory
	addr    string // listen address for serve
	file    string // output file for offline
	// shortlinks is the short-link worker's URL (wasm/worker), or "":
	// the page offers "Copy short link" only where one is configured.
	shortlinks string
	// public is the playground's public address, or "": the offline
	// file's Copy link gives links to it rather than to the file.
	public string
}

func main() {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	cfg := config{}
	fs.StringVar(&cfg.out, "out", "dist", "output directory (build, serve)")
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to serve on (serve)")
	fs.StringVar(&cfg.file, "o", offlineName, "output file (offline)")
	fs.StringVar(&cfg.shortlinks, "shortlinks", "", "URL of the short-link worker the page calls (build, serve)")
	fs.StringVar(&cfg.public, "public", defaultPublic(os.Getenv), "the playground's public address, which the offline file's Copy link gives links to (build, serve, offline; on Netlify, its URL)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./cmd/build [build|serve|offline] [flags]\n\n")
		fs.PrintDefaults()
	}
	// Flags may come before or after the command.
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	cfg.command = "build"
	if fs.NArg() > 0 {
		cfg.command = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			os.Exit(2)
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(os.Stderr, "build: unexpected arguments %q\n", fs.Args())
			os.Exit(2)
		}
	}
	cfg.root = "."
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(cfg config, log io.Writer) error {
	switch cfg.command {
	case "build", "serve", "offline":
	default:
		return fmt.Errorf("unknown command %q (want build, serve or offline)", cfg.command)
	}
	if _, err := os.Stat(filepath.Join(cfg.root, "site", "index.html")); err != nil {
		return errors.New("run from the repository root (site/index.html not found)")
	}
	if cfg.shortlinks != "" {
		if _, err := shortLinksOrigin(cfg.shortlinks); err != nil {
			return err
		}
	}
	if cfg.public != "" {
		if err := checkPublic(cfg.public); err != nil {
			return err
		}
	}
	if cfg.command == "offline" {
		size, err := buildOffline(cfg.root, cfg.file, cfg.public)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "%s: %d bytes, one file that runs from file:// with no network\n", cfg.file, size)
		return nil
	}
	manifest, err := buildSite(cfg.root, cfg.out, cfg.shortlinks, cfg.public)
	if err != nil {
		return err
	}
	for _, a := range manifest {
		fmt.Fprintf(log, "%-36s %9d bytes, %9d brotli\n", a.Name, a.Size, a.BrotliSize)
	}
	if cfg.command == "serve" {
		return serve(cfg.root, cfg.out, cfg.addr, cfg.shortlinks, log)
	}
	return nil
}

// defaultPublic is -public's default: on a Netlify build (NETLIFY=true),
// its URL variable, the site's main address, so the offline file the
// deployed site publishes links to the site; elsewhere none, since nothing
// in the repository names a public address.
func defaultPublic(getenv func(string) string) string {
	if getenv("NETLIFY") == "true" {
		return getenv("URL")
	}
	return ""
}
