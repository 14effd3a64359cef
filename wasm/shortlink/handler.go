package shortlink

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/wasm/shortlink/client"
)

// MaxBody is the largest request body the API reads, in bytes.
const MaxBody = 64 << 10

// idBytes is how much of the SHA-256 an ID keeps (see the package doc for
// why 12 bytes are enough); IDLen is its length in base64url.
const (
	idBytes = 12
	IDLen   = idBytes * 4 / 3
)

// keyPrefix namespaces links in the KV store, leaving room for anything
// else the worker might keep later.
const keyPrefix = "s/"

// Config is what the deployment sets (wrangler.toml [vars]).
type Config struct {
	// PageURL is the page a short link opens, such as
	// "https://tcpplayground.example/": redirects go to PageURL#s=…, and
	// its origin is the only one CORS allows. Required.
	PageURL string
	// LinkBase is where short links start, such as
	// "https://links.example" (the worker's public URL). Empty: the
	// origin the request was made to.
	LinkBase string
}

// Handler serves the API; see the package doc.
type Handler struct {
	page     string // PageURL
	origin   string // PageURL's origin
	linkBase string
	store    Store
	broken   string // why the configuration is unusable, if it is
}

// New returns the handler for cfg and store. A bad configuration does not
// fail here (in the worker there is no one to tell): every request then
// gets 500 with a message naming the setting.
func New(cfg Config, store Store) *Handler {
	h := &Handler{page: cfg.PageURL, linkBase: strings.TrimSuffix(cfg.LinkBase, "/"), store: store}
	u, err := url.Parse(cfg.PageURL)
	switch {
	case cfg.PageURL == "":
		h.broken = "PAGE_URL is not set"
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.Fragment != "" || strings.Contains(cfg.PageURL, "#"):
		h.broken = "PAGE_URL is not an http(s) URL without a fragment"
	case store == nil:
		h.broken = "no link store (the LINKS KV binding)"
	default:
		h.origin = u.Scheme + "://" + u.Host
	}
	if cfg.LinkBase != "" {
		if b, err := url.Parse(cfg.LinkBase); err != nil || (b.Scheme != "https" && b.Scheme != "http") || b.Host == "" || b.RawQuery != "" || b.Fragment != "" {
			h.broken = "LINK_BASE is not an http(s) URL"
		}
	}
	return h
}

// Misconfigured returns a handler that answers every request with 500 and
// msg: for the worker when it cannot even build a Store.
func Misconfigured(msg string) http.Handler {
	return &Handler{broken: msg}
}

// ID returns the ID of a link to canonical scenario JSON.
func ID(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return base64.RawURLEncoding.EncodeToString(sum[:idBytes])
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	hd.Set("Referrer-Policy", "no-referrer")
	if h.broken != "" {
		writeError(w, r, http.StatusInternalServerError, "worker misconfigured: "+h.broken)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/api/links":
		if h.cors(w, r, "POST") {
			h.create(w, r)
		}
	case strings.HasPrefix(p, "/api/links/"):
		if h.cors(w, r, "GET, HEAD") {
			h.get(w, r, p[len("/api/links/"):], false)
		}
	case strings.HasPrefix(p, "/s/"):
		if allow(w, r, "GET, HEAD") {
			h.get(w, r, p[len("/s/"):], true)
		}
	default:
		writeError(w, r, http.StatusNotFound, "no such path; the API is POST /api/links, GET /api/links/{id} and GET /s/{id}")
	}
}

// allows reports whether m is one of methods, a list such as "GET, HEAD"
// (as the Allow header writes it).
func allows(methods, m string) bool {
	for x := range strings.SplitSeq(methods, ", ") {
		if x == m {
			return true
		}
	}
	return false
}

// allow answers 405 unless r's method is one of methods.
func allow(w http.ResponseWriter, r *http.Request, methods string) bool {
	if allows(methods, r.Method) {
		return true
	}
	w.Header().Set("Allow", methods)
	writeError(w, r, http.StatusMethodNotAllowed, "method not allowed; allowed: "+methods)
	return false
}

// cors applies the CORS policy of an /api/ path taking methods, answers
// preflights and wrong methods, and reports whether to go on.
func (h *Handler) cors(w http.ResponseWriter, r *http.Request, methods string) bool {
	hd := w.Header()
	hd.Add("Vary", "Origin")
	origin, fromPage := r.Header["Origin"]
	if fromPage {
		if len(origin) != 1 || origin[0] != h.origin {
			writeError(w, r, http.StatusForbidden, "requests from other sites are not allowed; only the playground page ("+h.origin+") may use this API")
			return false
		}
		hd.Set("Access-Control-Allow-Origin", h.origin)
	}
	if r.Method == http.MethodOptions {
		hd.Set("Allow", methods+", OPTIONS")
		if fromPage {
			if !allows(methods, r.Header.Get("Access-Control-Request-Method")) {
				writeError(w, r, http.StatusMethodNotAllowed, "method not allowed; allowed: "+methods)
				return false
			}
			hd.Set("Access-Control-Allow-Methods", methods)
			hd.Set("Access-Control-Allow-Headers", "Content-Type")
			hd.Set("Access-Control-Max-Age", "600")
		}
		w.WriteHeader(http.StatusNoContent)
		return false
	}
	return allow(w, r, methods+", OPTIONS")
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > MaxBody {
		writeError(w, r, http.StatusRequestEntityTooLarge, "body is "+strconv.FormatInt(r.ContentLength, 10)+" bytes, more than the limit of "+strconv.Itoa(MaxBody))
		return
	}
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (ct != "application/json" && ct != "text/plain") {
		writeError(w, r, http.StatusUnsupportedMediaType, "Content-Type must be application/json (a scenario) or text/plain (a share fragment, the text after #s=)")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		writeError(w, r, http.StatusBadRequest, "reading the body failed")
		return
	}
	if len(body) > MaxBody {
		writeError(w, r, http.StatusRequestEntityTooLarge, "body is more than the limit of "+strconv.Itoa(MaxBody)+" bytes")
		return
	}
	// A byte order mark is how some editors (Windows Notepad, long) start
	// a UTF-8 file; it is not part of the document (RFC 8259 §8.1).
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	var sc *scenario.Scenario
	if text := bytes.TrimSpace(body); ct == "application/json" || bytes.HasPrefix(text, []byte("{")) {
		sc, err = scenario.Decode(body)
	} else {
		sc, err = share.Decode(fragmentOf(string(text)))
	}
	if err != nil {
		e := errorBody{Error: err.Error()}
		var se *scenario.Error
		if errors.As(err, &se) {
			e.Path = se.Path
		}
		writeErrorBody(w, r, http.StatusUnprocessableEntity, e)
		return
	}
	canonical := scenario.Marshal(sc)
	id := ID(canonical)
	old, ok, err := h.store.Get(keyPrefix + id)
	if err != nil {
		writeError(w, r, http.StatusServiceUnavailable, "link storage is unavailable; share the long link instead")
		return
	}
	res := client.Link{ID: id, URL: h.base(r) + "/s/" + id}
	switch {
	case ok && old == string(canonical):
		writeJSON(w, r, http.StatusOK, res)
	case ok:
		writeError(w, r, http.StatusConflict, "another scenario already has this link ID; share the long link instead")
	default:
		if err := h.store.Put(keyPrefix+id, string(canonical)); err != nil {
			writeError(w, r, http.StatusServiceUnavailable, "link storage is unavailable; share the long link instead")
			return
		}
		w.Header().Set("Location", res.URL)
		writeJSON(w, r, http.StatusCreated, res)
	}
}

// fragmentOf returns the share fragment in a text/plain body, which
// holds the fragment itself or, as someone pasting a link sends, "#s="
// or "s=" and the fragment, or a whole long link (https://…#s=…); the
// white space around it is already trimmed. Base64url has no '#', so
// the first "#s=" starts the fragment.
func fragmentOf(text string) string {
	if _, frag, ok := strings.Cut(text, "#s="); ok {
		return frag
	}
	return strings.TrimPrefix(text, "s=")
}

// base is where short links start: LinkBase, or the origin the request
// was made to. The worker runtime gives an absolute request URL; a Go
// server gives a path and the Host header, which net/http has checked.
func (h *Handler) base(r *http.Request) string {
	if h.linkBase != "" {
		return h.linkBase
	}
	if r.URL.IsAbs() {
		return r.URL.Scheme + "://" + r.URL.Host
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// get serves a stored link: as a redirect to the page or as its JSON.
func (h *Handler) get(w http.ResponseWriter, r *http.Request, id string, redirect bool) {
	// A short link that fails, opened in a browser (a student following
	// a dead or cut-off link), gets a page that says so in words and
	// leads to the playground; any other client gets the JSON error.
	fail := func(status int, msg string) {
		if redirect && acceptsHTML(r) {
			h.writeFailurePage(w, r, status)
			return
		}
		writeError(w, r, status, msg)
	}
	if !validID(id) {
		fail(http.StatusBadRequest, "malformed link ID: want "+strconv.Itoa(IDLen)+" characters of A-Z a-z 0-9 - _")
		return
	}
	v, ok, err := h.store.Get(keyPrefix + id)
	if err != nil {
		fail(http.StatusServiceUnavailable, "link storage is unavailable")
		return
	}
	if !ok {
		fail(http.StatusNotFound, "no link with this ID")
		return
	}
	// What is stored was validated when it was created; decoding again
	// guards the page against a damaged store.
	sc, err := scenario.Decode([]byte(v))
	if err != nil {
		fail(http.StatusInternalServerError, "the stored scenario is damaged")
		return
	}
	// IDs name content that never changes.
	w.Header().Set("Cache-Control", "public, max-age=86400")
	if redirect {
		to := h.page + "#s=" + share.Encode(sc)
		w.Header().Set("Location", to)
		writeJSON(w, r, http.StatusFound, struct {
			URL string `json:"url"`
		}{to})
		return
	}
	// The store holds the canonical JSON (create writes scenario.Marshal's
	// bytes), so it is served as it is, with <, > and & escaped.
	var b bytes.Buffer
	json.HTMLEscape(&b, []byte(v))
	b.WriteByte('\n')
	writeBody(w, r, http.StatusOK, b.Bytes())
}

func validID(id string) bool { return len(id) == IDLen && share.IndexNotBase64URL(id) < 0 }

// acceptsHTML reports whether the request is a browser's navigation: its
// Accept header names text/html (a fetch or curl sends */* or nothing).
func acceptsHTML(r *http.Request) bool {
	return strings.Contains(strings.ToLower(r.Header.Get("Accept")), "text/html")
}

// failurePages are the pages a browser gets for a short link that fails,
// by status, in English and Chinese: static text, with nothing from the
// request in it. %PAGE% is replaced by the playground's address.
var failurePages = map[int][2]string{
	http.StatusNotFound: {"This short link does not exist. It may have been mistyped or cut off: ask for the whole link again.",
		"这个短链接不存在，可能输错了或被截断了：请重新索取完整的链接。"},
	http.StatusBadRequest: {"This is not a short link of TCP Playground. It may have been mistyped or cut off: ask for the whole link again.",
		"这不是 TCP 实验台的短链接，可能输错了或被截断了：请重新索取完整的链接。"},
	http.StatusServiceUnavailable: {"Short links cannot be opened just now. Try again in a minute.",
		"短链接暂时无法打开，请稍后再试。"},
	http.StatusInternalServerError: {"This short link is damaged on the server and cannot be opened.",
		"这个短链接在服务器上已损坏，无法打开。"},
}

// writeFailurePage writes the page for a short link that failed with
// status, which no cache may keep (a link missing now may exist in a
// minute). The response keeps ServeHTTP's headers: its CSP allows no
// script, style or image, and the page needs none.
func (h *Handler) writeFailurePage(w http.ResponseWriter, r *http.Request, status int) {
	text := failurePages[status]
	page := html.EscapeString(h.page)
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
		`<title>TCP Playground: short link</title><h1>TCP Playground</h1><p>`)
	b.WriteString(text[0])
	b.WriteString(`</p><p><a href="` + page + `">Open TCP Playground</a></p><p lang="zh">`)
	b.WriteString(text[1])
	b.WriteString(`</p><p lang="zh"><a href="` + page + `">打开 TCP 实验台</a></p></html>` + "\n")
	hd := w.Header()
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Type", "text/html; charset=utf-8")
	if r.Method == http.MethodHead {
		w.WriteHeader(status) // no Content-Length: see writeBody
		return
	}
	hd.Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	io.WriteString(w, b.String())
}

type errorBody struct {
	Error string `json:"error"`
	Path  string `json:"path,omitempty"`
}

func writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	writeErrorBody(w, r, status, errorBody{Error: msg})
}

// writeErrorBody writes an error, which no cache may keep: a link that is
// missing now may exist in a minute.
func writeErrorBody(w http.ResponseWriter, r *http.Request, status int, e errorBody) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, r, status, e)
}

// writeJSON writes v with encoding/json, which escapes <, > and & too, so
// no request text reaches a response as markup.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic("shortlink: " + err.Error()) // only plain structs of strings are written
	}
	writeBody(w, r, status, append(b, '\n'))
}

// writeBody writes b, or for HEAD only the headers. A HEAD answer has no
// Content-Length: syumai/workers gives a response with one a body of that
// fixed length, and the Workers runtime fails a HEAD request with 500
// when the handler then writes nothing ("FixedLengthStream did not see
// all expected bytes"), as tests/worker showed.
func writeBody(w http.ResponseWriter, r *http.Request, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}
