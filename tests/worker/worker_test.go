//go:build !js

package worker

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tests/internal/workertest"
	"tcpplayground/wasm/shortlink"
)

// page is the PAGE_URL the test gives the worker: where short links go,
// and the only origin CORS allows.
const (
	page   = "https://page.test/play/"
	origin = "https://page.test"
)

// runtime is the worker under wrangler dev, and the test using it.
type runtime struct {
	*workertest.Runtime
	t    *testing.T
	base string
}

// start runs the worker built at cfg with KV in state; the test's cleanup
// stops it.
func start(t *testing.T, cfg, state string) *runtime {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	rt, err := workertest.Start(root, cfg, state, page)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.Kill)
	return &runtime{Runtime: rt, t: t, base: rt.URL}
}

// reply is a response, read.
type reply struct {
	code int
	hdr  http.Header
	body []byte
	json map[string]string
}

var noRedirect = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func (r *runtime) do(method, path, ctype string, body io.Reader, hdr ...string) reply {
	r.t.Helper()
	req, err := http.NewRequest(method, r.base+path, body)
	if err != nil {
		r.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		r.t.Fatalf("%s %s: %v\nwrangler:\n%s", method, path, err, r.Log())
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		r.t.Fatal(err)
	}
	rep := reply{code: res.StatusCode, hdr: res.Header, body: b}
	what := method + " " + path
	if rep.hdr.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(rep.hdr.Get("Content-Security-Policy"), "default-src 'none'") {
		r.t.Errorf("%s: missing nosniff or CSP: %v", what, rep.hdr)
	}
	if bytes.ContainsAny(b, "<>") {
		r.t.Errorf("%s: body has an unescaped < or >: %s", what, b)
	}
	if len(b) > 0 && !bytes.HasPrefix(b, []byte(`{"version"`)) {
		if err := json.Unmarshal(b, &rep.json); err != nil {
			r.t.Errorf("%s: body is not a JSON object of strings: %v\n%s", what, err, b)
		}
	}
	return rep
}

func (r *runtime) post(ctype, body string, hdr ...string) reply {
	r.t.Helper()
	return r.do("POST", "/api/links", ctype, strings.NewReader(body), hdr...)
}

// TestWorker runs the short-link worker under wrangler dev and checks
// the whole API against it, then restarts the runtime on the same state
// and checks the links survived.
func TestWorker(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := workertest.Build(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	r := start(t, cfg, state)

	p, ok := presets.Lookup("fast-retransmit")
	if !ok {
		t.Fatal("no preset fast-retransmit")
	}
	sc := p.Scenario()
	canonical := scenario.Marshal(sc)
	id := shortlink.ID(canonical)
	shortURL := r.base + "/s/" + id
	// The API serves the canonical JSON with <, > and & escaped.
	var served bytes.Buffer
	json.HTMLEscape(&served, canonical)
	served.WriteByte('\n')

	t.Run("create", func(t *testing.T) {
		res := r.post("application/json", string(p.JSON))
		if res.code != http.StatusCreated || res.json["id"] != id || res.json["url"] != shortURL {
			t.Fatalf("create = %d %s; want 201 {id: %s, url: %s}", res.code, res.body, id, shortURL)
		}
	})
	t.Run("create again", func(t *testing.T) {
		// The same scenario, written differently and as a fragment: same
		// ID, 200, and what is stored is unchanged.
		for _, again := range []struct{ ctype, body string }{
			{"application/json", string(canonical)},
			{"text/plain;charset=UTF-8", share.Encode(sc)},
		} {
			res := r.post(again.ctype, again.body)
			if res.code != http.StatusOK || res.json["id"] != id || res.json["url"] != shortURL {
				t.Errorf("create again (%s) = %d %s; want 200 with the same id", again.ctype, res.code, res.body)
			}
		}
	})
	t.Run("fetch", func(t *testing.T) {
		res := r.do("GET", "/api/links/"+id, "", nil)
		if res.code != http.StatusOK || !bytes.Equal(res.body, served.Bytes()) {
			t.Fatalf("fetch = %d %s; want 200 and the canonical JSON\n%s", res.code, res.body, served.Bytes())
		}
	})
	t.Run("redirect", func(t *testing.T) { checkRedirect(t, r, id, sc) })
	t.Run("unknown id", func(t *testing.T) {
		// KV reads a missing key as "<null>": it must be a 404, not data.
		for _, path := range []string{"/api/links/", "/s/"} {
			res := r.do("GET", path+"nothing-here-123", "", nil)
			if res.code != http.StatusNotFound || res.json["error"] != "no link with this ID" {
				t.Errorf("GET %s of an unknown id = %d %s; want 404", path, res.code, res.body)
			}
		}
	})
	t.Run("browser", func(t *testing.T) {
		// A dead short link followed in a browser: a page in both
		// languages that leads to the playground, not JSON; HEAD too
		// (the runtime once failed every HEAD with 500).
		for _, method := range []string{"GET", "HEAD"} {
			req, err := http.NewRequest(method, r.base+"/s/"+strings.Repeat("Q", shortlink.IDLen), nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			res, err := noRedirect.Do(req)
			if err != nil {
				t.Fatalf("%s: %v\nwrangler:\n%s", method, err, r.Log())
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusNotFound || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Errorf("%s of an unknown short link from a browser = %d %q; want 404 and a page", method, res.StatusCode, res.Header.Get("Content-Type"))
			}
			if method == "GET" && (!bytes.Contains(b, []byte(`href="`+page+`"`)) || !bytes.Contains(b, []byte("打开 TCP 实验台")) || bytes.Contains(b, []byte("QQQQ"))) {
				t.Errorf("the page for an unknown short link:\n%s", b)
			}
		}
	})
	t.Run("malformed id", func(t *testing.T) {
		for _, path := range []string{"/s/short", "/api/links/" + id + "x", "/s/%3Cscript%3Ealert(1)%3C%2F"} {
			if res := r.do("GET", path, "", nil); res.code != http.StatusBadRequest {
				t.Errorf("GET %s = %d %s; want 400", path, res.code, res.body)
			}
		}
	})
	t.Run("oversized", func(t *testing.T) {
		big := strings.Repeat(" ", shortlink.MaxBody) + string(canonical)
		res := r.post("application/json", big)
		// The same without a Content-Length: the worker stops reading at the limit.
		res2 := r.do("POST", "/api/links", "application/json", io.MultiReader(strings.NewReader(big)))
		for _, res := range []reply{res, res2} {
			if res.code != http.StatusRequestEntityTooLarge || !strings.Contains(res.json["error"], "limit of 65536") {
				t.Errorf("oversized = %d %s; want 413 naming the limit", res.code, res.body)
			}
		}
	})
	t.Run("invalid", func(t *testing.T) {
		bad := strings.Replace(string(canonical), `"port":80`, `"port":80,"mss":20`, 1)
		if bad == string(canonical) {
			t.Fatal("edit did not apply")
		}
		res := r.post("application/json", bad)
		if res.code != http.StatusUnprocessableEntity || res.json["path"] != "connections[0].b.mss" ||
			!strings.Contains(res.json["error"], "20 is out of range 64..65495") {
			t.Errorf("invalid scenario = %d %s; want 422 naming connections[0].b.mss", res.code, res.body)
		}
		res = r.post("text/plain", share.Encode(sc)[:100])
		if res.code != http.StatusUnprocessableEntity || !strings.Contains(res.json["error"], "truncated") {
			t.Errorf("truncated fragment = %d %s; want 422 truncated", res.code, res.body)
		}
		res = r.post("application/x-www-form-urlencoded", "a=b")
		if res.code != http.StatusUnsupportedMediaType {
			t.Errorf("form body = %d %s; want 415", res.code, res.body)
		}
	})
	t.Run("hostile", func(t *testing.T) { checkHostile(t, r, canonical, sc.Seed) })
	t.Run("pasted links", func(t *testing.T) {
		// What someone pasting a link sends: the same link each time.
		frag := share.Encode(sc)
		for _, body := range []string{"\r\n  #s=" + frag + "\n", page + "#s=" + frag, "s=" + frag} {
			res := r.post("text/plain", body)
			if res.code != http.StatusOK || res.json["id"] != id {
				t.Errorf("create from %.40q = %d %s; want 200 with id %s", body, res.code, res.body, id)
			}
		}
	})
	t.Run("hostile ids", func(t *testing.T) {
		// The right length in another alphabet, or reaching elsewhere.
		for _, path := range []string{"/s/" + id[1:] + "+", "/api/links/" + id[2:] + "==", "/s/" + strings.Repeat("%C3%84", shortlink.IDLen/2),
			"/api/links/..%2F..%2F..%2Fetc%2Fpasswd", "/s/" + id + "%00"} {
			if res := r.do("GET", path, "", nil); res.code != http.StatusBadRequest || !strings.Contains(res.json["error"], "malformed link ID") {
				t.Errorf("GET %s = %d %s; want 400 malformed link ID", path, res.code, res.body)
			}
		}
		// IDs are case-sensitive: another case is another (unknown) link.
		flipped := []byte(id)
		for i, c := range flipped {
			if 'a' <= c && c <= 'z' {
				flipped[i] = c - 'a' + 'A'
				break
			}
		}
		if res := r.do("GET", "/api/links/"+string(flipped), "", nil); string(flipped) == id || res.code != http.StatusNotFound {
			t.Errorf("GET of %s, %s with a letter's case changed = %d %s; want 404", flipped, id, res.code, res.body)
		}
	})
	t.Run("head and preflight", func(t *testing.T) {
		if res := r.do("HEAD", "/s/"+id, "", nil); res.code != http.StatusFound || len(res.body) != 0 || !strings.HasPrefix(res.hdr.Get("Location"), page+"#s=") {
			t.Errorf("HEAD /s/%s = %d, Location %q, %d bytes; want 302 with no body", id, res.code, res.hdr.Get("Location"), len(res.body))
		}
		if res := r.do("HEAD", "/api/links", "", nil); res.code != http.StatusMethodNotAllowed {
			t.Errorf("HEAD /api/links = %d; want 405", res.code)
		}
		res := r.do("OPTIONS", "/s/"+id, "", nil, "Origin", origin, "Access-Control-Request-Method", "GET")
		if res.code != http.StatusMethodNotAllowed || res.hdr.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight of a short link = %d %v; want 405 without CORS (a short link is navigated to, never fetched)", res.code, res.hdr)
		}
	})
	t.Run("wrong methods", func(t *testing.T) {
		for _, tc := range []struct{ method, path, allow string }{
			{"PUT", "/api/links", "POST, OPTIONS"},
			{"GET", "/api/links", "POST, OPTIONS"},
			{"DELETE", "/api/links/" + id, "GET, HEAD, OPTIONS"},
			{"POST", "/s/" + id, "GET, HEAD"},
		} {
			res := r.do(tc.method, tc.path, "application/json", strings.NewReader("{}"))
			if res.code != http.StatusMethodNotAllowed || res.hdr.Get("Allow") != tc.allow {
				t.Errorf("%s %s = %d, Allow %q; want 405, Allow %q", tc.method, tc.path, res.code, res.hdr.Get("Allow"), tc.allow)
			}
		}
	})
	t.Run("cors", func(t *testing.T) { checkCORS(t, r, id) })

	// Links survive the runtime stopping and starting on the same state.
	if err := r.Stop(); err != nil {
		t.Fatal(err)
	}
	r2 := start(t, cfg, state)
	t.Run("after restart", func(t *testing.T) {
		res := r2.do("GET", "/api/links/"+id, "", nil)
		if res.code != http.StatusOK || !bytes.Equal(res.body, served.Bytes()) {
			t.Fatalf("fetch after restart = %d %s; want the stored scenario", res.code, res.body)
		}
		checkRedirect(t, r2, id, sc)
	})
}

// checkRedirect: /s/{id} sends the browser to the page with a fragment
// that decodes to the scenario.
func checkRedirect(t *testing.T, r *runtime, id string, sc *scenario.Scenario) {
	t.Helper()
	res := r.do("GET", "/s/"+id, "", nil)
	loc := res.hdr.Get("Location")
	frag, ok := strings.CutPrefix(loc, page+"#s=")
	if res.code != http.StatusFound || !ok {
		t.Fatalf("GET /s/%s = %d, Location %q; want 302 to %s#s=…", id, res.code, loc, page)
	}
	got, err := share.Decode(frag)
	if err != nil || !reflect.DeepEqual(got, sc) {
		t.Errorf("the redirect's fragment decodes to %v, %v; want the created scenario", got, err)
	}
}

// checkHostile: markup and absurd numbers are rejected or stored inert.
func checkHostile(t *testing.T, r *runtime, canonical []byte, seed uint64) {
	doc := string(canonical)
	script := `<script>alert(document.cookie)</script>`
	// Markup where the validator rejects it: the error quotes it escaped.
	res := r.post("application/json", strings.Replace(doc, `"action":"connect"`, `"action":"`+script+`"`, 1))
	if res.code != http.StatusUnprocessableEntity || !strings.Contains(res.json["error"], script) {
		t.Errorf("markup in an action = %d %s; want 422 quoting it (escaped)", res.code, res.body)
	}
	// Markup where text is allowed (the title): stored, served escaped.
	titled := strings.Replace(doc, `"title":{"en":"`, `"title":{"en":"`+script, 1)
	res = r.post("application/json", titled)
	if res.code != http.StatusCreated {
		t.Fatalf("markup in the title = %d %s; want 201", res.code, res.body)
	}
	got := r.do("GET", "/api/links/"+res.json["id"], "", nil)
	sc, err := scenario.Decode(got.body)
	if err != nil || !strings.HasPrefix(sc.Title.EN, script) {
		t.Errorf("fetched title = %v, %v; want it to start with the markup, as data", sc, err)
	}
	for _, tc := range []struct{ old, new, path string }{
		{`"seed":` + strconv.FormatUint(seed, 10), `"seed":1e400`, "seed"},
		{`"port":80`, `"port":1e309`, "connections[0].b.port"},
		{`"port":80`, `"port":80,"sndbuf":99999999999999999999999`, "connections[0].b.sndbuf"},
		{`"version":1`, `"version":18446744073709551617`, "version"},
	} {
		body := strings.Replace(doc, tc.old, tc.new, 1)
		res := r.post("application/json", body)
		if res.code != http.StatusUnprocessableEntity || res.json["path"] != tc.path {
			t.Errorf("%s → %s = %d %s; want 422 at %s", tc.old, tc.new, res.code, res.body, tc.path)
		}
	}
	for _, tc := range []struct{ name, body, want string }{
		{"nested arrays", `{"version":1,"connections":` + strings.Repeat("[", 60000), "nested more than 16 levels deep"},
		{"nested objects", strings.Repeat(`{"a":`, 13000), "nested more than 16 levels deep"},
		{"a long title", strings.Replace(doc, `"title":{"en":"`, `"title":{"en":"`+strings.Repeat("x", 60000), 1), "title.en"},
	} {
		res := r.post("application/json", tc.body)
		if res.code != http.StatusUnprocessableEntity || !strings.Contains(res.json["error"], tc.want) {
			t.Errorf("%s = %d %.200s; want 422 naming %q", tc.name, res.code, res.body, tc.want)
		}
	}
	res = r.post("multipart/form-data; boundary=x", "--x\r\n\r\n"+doc+"\r\n--x--")
	if res.code != http.StatusUnsupportedMediaType || !strings.Contains(res.json["error"], "Content-Type must be") {
		t.Errorf("a multipart body = %d %s; want 415", res.code, res.body)
	}
	res = r.post("text/plain", "1"+strings.Repeat("A", 60000))
	if res.code != http.StatusUnprocessableEntity || !strings.Contains(res.json["error"], "share link") {
		t.Errorf("garbage fragment = %d %s; want 422", res.code, res.body)
	}
}

// checkCORS: the page's origin may call the API; no other origin may.
func checkCORS(t *testing.T, r *runtime, id string) {
	res := r.do("OPTIONS", "/api/links", "", nil, "Origin", origin, "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "content-type")
	if res.code != http.StatusNoContent || res.hdr.Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(res.hdr.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight from the page = %d %v", res.code, res.hdr)
	}
	res = r.do("GET", "/api/links/"+id, "", nil, "Origin", origin)
	if res.code != http.StatusOK || res.hdr.Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("fetch from the page = %d, ACAO %q", res.code, res.hdr.Get("Access-Control-Allow-Origin"))
	}
	evil := "https://evil.test"
	res = r.do("OPTIONS", "/api/links", "", nil, "Origin", evil, "Access-Control-Request-Method", "POST")
	if res.code != http.StatusForbidden || res.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another site = %d, ACAO %q; want 403 and none", res.code, res.hdr.Get("Access-Control-Allow-Origin"))
	}
	// A simple (unpreflighted) POST from another site stores nothing.
	p, _ := presets.Lookup("handshake")
	res = r.post("text/plain", share.Encode(p.Scenario()), "Origin", evil)
	if res.code != http.StatusForbidden || res.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("POST from another site = %d, ACAO %q; want 403 and none", res.code, res.hdr.Get("Access-Control-Allow-Origin"))
	}
	other := shortlink.ID(scenario.Marshal(p.Scenario()))
	if res := r.do("GET", "/api/links/"+other, "", nil); res.code != http.StatusNotFound {
		t.Errorf("the refused POST was stored: GET = %d", res.code)
	}
}
