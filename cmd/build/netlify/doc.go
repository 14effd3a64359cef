// Package netlify reads the [[headers]] rules of netlify.toml and serves a
// built site with exactly those headers, so that `go run ./cmd/build serve`
// and the browser tests see what the deployed site sends (above all its
// Content-Security-Policy).
//
// It understands the small part of TOML that netlify.toml uses here: tables,
// arrays of tables, and keys whose values are strings. Anything else is an
// error naming the line, so the file cannot silently drift out of what is
// parsed.
//
// Matching follows Netlify: a rule's `for` is a path pattern in which `*`
// matches any run of characters, and every rule that matches a path adds its
// headers. When two matching rules set the same header, Netlify's result is
// not something to rely on, so HeadersFor reports it as an error instead.
package netlify
