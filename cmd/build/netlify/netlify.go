package netlify

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Config is what netlify.toml says: its [build] keys and its header rules
// in file order.
type Config struct {
	Build   map[string]string // [build]: command, publish
	Headers []Rule
}

// Rule is one [[headers]] table.
type Rule struct {
	For    string
	Values []Header // in file order
	match  *regexp.Regexp
}

// Header is one name and value of a rule.
type Header struct{ Name, Value string }

// Load reads and parses a netlify.toml file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cfg, err := Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// Parse parses the text of a netlify.toml file.
func Parse(text string) (*Config, error) {
	cfg := &Config{Build: map[string]string{}}
	table := ""
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(stripComment(line))
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[["):
			if !strings.HasSuffix(line, "]]") {
				return nil, fmt.Errorf("line %d: unterminated table name %q", n, line)
			}
			table = strings.TrimSpace(line[2 : len(line)-2])
			if table != "headers" {
				return nil, fmt.Errorf("line %d: array of tables [[%s]] is not understood (only [[headers]])", n, table)
			}
			cfg.Headers = append(cfg.Headers, Rule{})
			continue
		case strings.HasPrefix(line, "["):
			if !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("line %d: unterminated table name %q", n, line)
			}
			table = strings.TrimSpace(line[1 : len(line)-1])
			if table == "headers.values" && len(cfg.Headers) == 0 {
				return nil, fmt.Errorf("line %d: [headers.values] outside a [[headers]] table", n)
			}
			continue
		}
		key, value, err := keyValue(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		switch table {
		case "build":
			cfg.Build[key] = value
		case "headers":
			if key != "for" {
				return nil, fmt.Errorf("line %d: [[headers]] key %q is not understood (only for)", n, key)
			}
			r := &cfg.Headers[len(cfg.Headers)-1]
			r.For = value
			if r.match, err = pattern(value); err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
		case "headers.values":
			r := &cfg.Headers[len(cfg.Headers)-1]
			r.Values = append(r.Values, Header{http.CanonicalHeaderKey(key), value})
		default:
			// Other tables ([build.environment], …) are Netlify's business.
		}
	}
	for i, r := range cfg.Headers {
		if r.match == nil {
			return nil, fmt.Errorf("[[headers]] number %d has no for", i+1)
		}
	}
	return cfg, nil
}

// stripComment removes a # comment that is not inside a string.
func stripComment(line string) string {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return line[:i]
		}
	}
	return line
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// keyValue parses `key = "value"` (or a 'literal' value, or a quoted key).
func keyValue(line string) (string, string, error) {
	k, v, ok := strings.Cut(line, "=")
	if !ok {
		return "", "", fmt.Errorf("%q is not key = value", line)
	}
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if strings.HasPrefix(k, `"`) {
		uk, err := strconv.Unquote(k)
		if err != nil {
			return "", "", fmt.Errorf("key %s: %v", k, err)
		}
		k = uk
	} else if !bareKey.MatchString(k) {
		return "", "", fmt.Errorf("key %q is not a bare or quoted key", k)
	}
	switch {
	case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' && !strings.Contains(v[1:len(v)-1], "'"):
		return k, v[1 : len(v)-1], nil
	case len(v) >= 2 && v[0] == '"':
		uv, err := strconv.Unquote(v)
		if err != nil {
			return "", "", fmt.Errorf("value of %s: %s is not one string", k, v)
		}
		return k, uv, nil
	}
	return "", "", fmt.Errorf("value of %s: %s is not a string (only strings are understood)", k, v)
}

// pattern turns a Netlify path pattern into an anchored regular expression.
func pattern(p string) (*regexp.Regexp, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("for = %q: a path pattern starts with /", p)
	}
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$"), nil
}

// ErrConflict is wrapped by HeadersFor when two matching rules set one header.
var ErrConflict = errors.New("two matching [[headers]] rules set the same header")

// HeadersFor returns the headers every matching rule gives urlPath.
func (c *Config) HeadersFor(urlPath string) (http.Header, error) {
	h := http.Header{}
	from := map[string]string{}
	for _, r := range c.Headers {
		if !r.match.MatchString(urlPath) {
			continue
		}
		for _, v := range r.Values {
			if prev, ok := from[v.Name]; ok {
				return nil, fmt.Errorf("%w: %s for %s (rules %q and %q)", ErrConflict, v.Name, urlPath, prev, r.For)
			}
			from[v.Name] = r.For
			h.Set(v.Name, v.Value)
		}
	}
	return h, nil
}

// AllowConnect adds origin to the connect-src of every
// Content-Security-Policy the rules set: what a deployer adds to
// netlify.toml for the page's short-link worker, done by `cmd/build serve
// -shortlinks` and the browser tests. A policy without connect-src is
// refused rather than given one (it would stop falling back on
// default-src).
func (c *Config) AllowConnect(origin string) error {
	if origin == "" || strings.ContainsAny(origin, " \t;,'\"") {
		return fmt.Errorf("connect-src origin %q is not one CSP source", origin)
	}
	found := false
	for i := range c.Headers {
		for j, h := range c.Headers[i].Values {
			if h.Name != "Content-Security-Policy" {
				continue
			}
			dirs := strings.Split(h.Value, ";")
			ok := false
			for k, d := range dirs {
				if f := strings.Fields(d); len(f) > 0 && f[0] == "connect-src" {
					dirs[k] = strings.TrimRight(d, " ") + " " + origin
					ok = true
				}
			}
			if !ok {
				return fmt.Errorf("the Content-Security-Policy for %s has no connect-src to add %s to", c.Headers[i].For, origin)
			}
			c.Headers[i].Values[j].Value = strings.Join(dirs, ";")
			found = true
		}
	}
	if !found {
		return errors.New("no rule sets a Content-Security-Policy to add " + origin + " to")
	}
	return nil
}
