// Package browsertest is the harness of the Chromium tests in tests/browser:
// it builds the site with cmd/build, serves it with exactly the headers
// netlify.toml declares (so every page load is checked against the
// deployed Content-Security-Policy), starts Debian's Chromium headless
// through chromedp, and gives each test a fresh tab that records every
// console error, uncaught exception, failed load and CSP violation. A
// problem the test did not declare with Page.Allow fails the test when it
// ends.
//
// A test binary builds and serves once and starts one browser (TestMain in
// tests/browser); each Page lives in its own browser context, so cache,
// storage and service workers never leak from one test to the next.
//
// Waits poll the page for the state the test needs (the <html
// data-status> hook, a selector); nothing sleeps.
package browsertest
