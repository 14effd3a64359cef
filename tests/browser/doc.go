//go:build !js

// Package browser tests the page in real headless Chromium: the site is
// built once with cmd/build, served with netlify.toml's headers, and every
// test fails on any console error, uncaught exception or
// Content-Security-Policy violation (see tests/internal/browsertest).
//
// shell_test.go covers the shell (boot loader, service worker, manifest,
// the offline single file, sizes and time to interactive); page_test.go
// covers the page's features.
package browser
