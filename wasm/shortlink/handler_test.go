package shortlink

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
)

const (
	page   = "https://play.example/tcp/"
	origin = "https://play.example"
)

// fakeKV behaves as syumai/workers' kv.Namespace does in the Workers
// runtime: GetString of a missing key returns "<null>" and a nil error.
// The real namespace only runs there; tests/worker runs it.
type fakeKV struct {
	m       map[string]string
	puts    int
	failing error
}

func newFakeKV() *fakeKV { return &fakeKV{m: map[string]string{}} }

func (f *fakeKV) store() KVStore {
	return KVStore{
		GetString: func(k string) (string, error) {
			if f.failing != nil {
				return "", f.failing
			}
			if v, ok := f.m[k]; ok {
				return v, nil
			}
			return "<null>", nil
		},
		PutString: func(k, v string) error {
			if f.failing != nil {
				return f.failing
			}
			f.puts++
			f.m[k] = v
			return nil
		},
	}
}

func TestKVStoreNull(t *testing.T) {
	kv := newFakeKV()
	s := kv.store()
	if v, ok, err := s.Get("s/missing"); ok || err != nil || v != "" {
		t.Errorf(`Get(missing) = %q, %v, %v; want "", false, nil (KV's "<null>" is not data)`, v, ok, err)
	}
	if err := s.Put("s/k", "{}"); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := s.Get("s/k"); !ok || err != nil || v != "{}" {
		t.Errorf("Get(k) = %q, %v, %v; want {}, true, nil", v, ok, err)
	}
	kv.failing = errors.New("kv down")
	if _, ok, err := s.Get("s/k"); ok || err == nil {
		t.Errorf("Get with a failing KV = %v, %v; want an error", ok, err)
	}
}

func readScenario(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../tcpcore/sim/testdata/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type resp struct {
	code int
	hdr  http.Header
	body string
	json map[string]string
}

func do(t *testing.T, h http.Handler, method, path, ctype, body string, hdr ...string) resp {
	t.Helper()
	r := httptest.NewRequest(method, "http://links.example"+path, strings.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := resp{code: w.Code, hdr: w.Header(), body: w.Body.String()}
	checkCommon(t, method+" "+path, res)
	if res.body != "" && !strings.HasPrefix(res.body, `{"version"`) {
		if err := json.Unmarshal([]byte(res.body), &res.json); err != nil {
			t.Errorf("%s %s: body is not a JSON object of strings: %v\n%s", method, path, err, res.body)
		}
	}
	return res
}

// checkCommon: what every response has, whatever the request.
func checkCommon(t *testing.T, what string, res resp) {
	t.Helper()
	if got := res.hdr.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", what, got)
	}
	if got := res.hdr.Get("Content-Security-Policy"); !strings.HasPrefix(got, "default-src 'none'") {
		t.Errorf("%s: Content-Security-Policy %q", what, got)
	}
	if res.code != http.StatusNoContent && res.hdr.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", what, res.hdr.Get("Content-Type"))
	}
	if strings.ContainsAny(res.body, "<>") {
		t.Errorf("%s: body has an unescaped < or >: %s", what, res.body)
	}
	if res.code >= 400 && res.hdr.Get("Cache-Control") != "no-store" {
		t.Errorf("%s: error %d is cacheable (%q)", what, res.code, res.hdr.Get("Cache-Control"))
	}
}

func TestCreateFetchRedirect(t *testing.T) {
	kv := newFakeKV()
	h := New(Config{PageURL: page}, kv.store())
	doc := readScenario(t, "lossy")
	sc, err := scenario.Decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	canonical := scenario.Marshal(sc)
	id := ID(canonical)

	res := do(t, h, "POST", "/api/links", "application/json", string(doc))
	if res.code != http.StatusCreated || res.json["id"] != id || res.json["url"] != "http://links.example/s/"+id {
		t.Fatalf("create = %d %s; want 201 with id %s", res.code, res.body, id)
	}
	if res.hdr.Get("Location") != res.json["url"] {
		t.Errorf("create: Location %q, want %q", res.hdr.Get("Location"), res.json["url"])
	}
	if kv.m["s/"+id] != string(canonical) {
		t.Errorf("stored %q, want the canonical JSON", kv.m["s/"+id])
	}

	// The same scenario again, as canonical JSON and as a fragment: the
	// same ID, 200, nothing written.
	for _, again := range []struct{ ctype, body string }{
		{"application/json; charset=utf-8", string(canonical)},
		{"text/plain", share.Encode(sc) + "\n"},
	} {
		res := do(t, h, "POST", "/api/links", again.ctype, again.body)
		if res.code != http.StatusOK || res.json["id"] != id {
			t.Errorf("create again (%s) = %d %s; want 200 with id %s", again.ctype, res.code, res.body, id)
		}
	}
	if kv.puts != 1 {
		t.Errorf("%d puts, want 1: an existing link must not be written again", kv.puts)
	}

	res = do(t, h, "GET", "/api/links/"+id, "", "")
	if res.code != http.StatusOK || res.body != string(canonical)+"\n" {
		t.Errorf("fetch = %d %s; want 200 and\n%s", res.code, res.body, canonical)
	}
	if res.hdr.Get("Cache-Control") != "public, max-age=86400" {
		t.Errorf("fetch: Cache-Control %q", res.hdr.Get("Cache-Control"))
	}

	for _, m := range []string{"GET", "HEAD"} {
		res = do(t, h, m, "/s/"+id, "", "")
		loc := res.hdr.Get("Location")
		frag, ok := strings.CutPrefix(loc, page+"#s=")
		if res.code != http.StatusFound || !ok {
			t.Fatalf("%s /s/%s = %d, Location %q; want 302 to %s#s=…", m, id, res.code, loc, page)
		}
		got, err := share.Decode(frag)
		if err != nil || !reflect.DeepEqual(got, sc) {
			t.Errorf("redirect fragment decodes to %v, %v; want the created scenario", got, err)
		}
		if m == "HEAD" && (res.body != "" || res.hdr.Get("Content-Length") != "") {
			t.Errorf("HEAD has a body %q or a Content-Length %q (the Workers runtime fails a HEAD whose body is shorter)", res.body, res.hdr.Get("Content-Length"))
		}
	}
}

// TestCreateForms: a text/plain body may be a pasted link rather than
// the bare fragment: white space around it, "#s=" or "s=" before it, a
// whole long link, or the scenario's JSON; JSON may start with a byte
// order mark. Each makes the same link.
func TestCreateForms(t *testing.T) {
	kv := newFakeKV()
	h := New(Config{PageURL: page}, kv.store())
	doc := readScenario(t, "two_flows")
	sc, err := scenario.Decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	id, frag := ID(scenario.Marshal(sc)), share.Encode(sc)
	for _, body := range []string{
		frag,
		"  \r\n\t" + frag + "\r\n",
		"#s=" + frag,
		"s=" + frag,
		page + "#s=" + frag,
		"\n" + page + "#s=" + frag + " ",
		string(doc),
	} {
		res := do(t, h, "POST", "/api/links", "text/plain;charset=UTF-8", body)
		if (res.code != http.StatusCreated && res.code != http.StatusOK) || res.json["id"] != id {
			t.Errorf("create from %.50q = %d %s; want id %s", body, res.code, res.body, id)
		}
	}
	// A file saved with a byte order mark, sent as it is.
	res := do(t, h, "POST", "/api/links", "application/json", "\uFEFF"+string(doc))
	if res.code != http.StatusOK || res.json["id"] != id {
		t.Errorf("create from JSON with a byte order mark = %d %s; want 200 with id %s", res.code, res.body, id)
	}
	if kv.puts != 1 {
		t.Errorf("%d puts, want 1", kv.puts)
	}
}

func TestLinkBase(t *testing.T) {
	h := New(Config{PageURL: page, LinkBase: "https://l.example/"}, newFakeKV().store())
	res := do(t, h, "POST", "/api/links", "application/json", string(readScenario(t, "handshake")))
	if want := "https://l.example/s/" + res.json["id"]; res.json["url"] != want {
		t.Errorf("url = %q, want %q", res.json["url"], want)
	}
}

func TestNeverOverwrites(t *testing.T) {
	kv := newFakeKV()
	h := New(Config{PageURL: page}, kv.store())
	doc := readScenario(t, "handshake")
	sc, _ := scenario.Decode(doc)
	key := "s/" + ID(scenario.Marshal(sc))
	const other = `{"version":1,"title":{"en":"someone else's"}}`
	kv.m[key] = other
	res := do(t, h, "POST", "/api/links", "application/json", string(doc))
	if res.code != http.StatusConflict || kv.m[key] != other || kv.puts != 0 {
		t.Errorf("create over another scenario's ID = %d %s, stored %q; want 409 and the old value kept", res.code, res.body, kv.m[key])
	}
}

func TestErrors(t *testing.T) {
	kv := newFakeKV()
	h := New(Config{PageURL: page}, kv.store())
	valid := string(readScenario(t, "handshake"))
	unknown := strings.Repeat("A", IDLen)
	script := strings.Replace(valid, `"action": "connect"`, `"action": "<script>alert(1)</script>"`, 1)
	bigSeed := strings.Replace(valid, `"seed": 1`, `"seed": 1e400`, 1)
	if script == valid || bigSeed == valid {
		t.Fatal("the hostile edits did not apply")
	}
	for _, tc := range []struct {
		name, method, path, ctype, body string
		hdr                             []string
		code                            int
		want                            string // in the error
		path2                           string // the JSON path in the error
	}{
		{name: "unknown id (KV's <null>)", method: "GET", path: "/api/links/" + unknown, code: 404, want: "no link with this ID"},
		{name: "unknown short link", method: "GET", path: "/s/" + unknown, code: 404, want: "no link with this ID"},
		{name: "short id", method: "GET", path: "/s/abc", code: 400, want: "malformed link ID"},
		{name: "long id", method: "GET", path: "/api/links/" + unknown + "A", code: 400, want: "malformed link ID"},
		{name: "bad character", method: "GET", path: "/s/" + unknown[1:] + "%3C", code: 400, want: "malformed link ID"},
		{name: "slash in id", method: "GET", path: "/s/" + unknown[2:] + "%2F.", code: 400, want: "malformed link ID"},
		{name: "line break in id", method: "GET", path: "/s/" + unknown[1:8] + "%0A" + unknown[8:], code: 400, want: "malformed link ID"},
		{name: "no such path", method: "GET", path: "/", code: 404, want: "no such path"},
		// IDs of the right length in another alphabet: standard base64,
		// padding, non-ASCII (8 two-byte characters).
		{name: "standard base64 id", method: "GET", path: "/s/" + unknown[1:] + "+", code: 400, want: "malformed link ID"},
		{name: "padded id", method: "GET", path: "/api/links/" + unknown[2:] + "==", code: 400, want: "malformed link ID"},
		{name: "non-ASCII id", method: "GET", path: "/s/" + strings.Repeat("%C3%84", IDLen/2), code: 400, want: "malformed link ID"},
		{name: "path traversal", method: "GET", path: "/api/links/..%2F..%2Fetc%2Fpasswd", code: 400, want: "malformed link ID"},
		{name: "dot segments", method: "GET", path: "/s/../api/links/" + unknown, code: 400, want: "malformed link ID"},
		{name: "HEAD of an unknown link", method: "HEAD", path: "/api/links/" + unknown, code: 404},
		{name: "HEAD of create", method: "HEAD", path: "/api/links", code: 405},
		{name: "preflight of a short link", method: "OPTIONS", path: "/s/" + unknown, code: 405, want: "allowed: GET, HEAD",
			hdr: []string{"Origin", origin, "Access-Control-Request-Method", "GET"}},
		{name: "deeply nested arrays", method: "POST", path: "/api/links", ctype: "application/json",
			body: `{"version":1,"connections":` + strings.Repeat("[", 30000), code: 422,
			want: "nested more than 16 levels deep", path2: "connections" + strings.Repeat("[0]", 15)},
		{name: "deeply nested objects", method: "POST", path: "/api/links", ctype: "application/json",
			body: strings.Repeat(`{"a":`, 10000), code: 422, want: "nested more than 16 levels deep", path2: "a" + strings.Repeat(".a", 15)},
		{name: "long title", method: "POST", path: "/api/links", ctype: "application/json",
			body: strings.Replace(valid, `"title": {`, `"title": {"zh": "`+strings.Repeat("长", 10000)+`",`, 1), code: 422,
			want: "title.zh", path2: "title.zh"},
		{name: "unknown field", method: "POST", path: "/api/links", ctype: "application/json",
			body: strings.Replace(valid, `"seed": 1`, `"seed": 1, "<img src=x>": 1`, 1), code: 422,
			want: "<img src=x>: unknown field", path2: "<img src=x>"},
		{name: "fragment of a preset link", method: "POST", path: "/api/links", ctype: "text/plain", body: "#p=handshake", code: 422,
			want: `starts with '#'`},
		{name: "bad content type syntax", method: "POST", path: "/api/links", ctype: "application/json; ===", body: valid, code: 415, want: "Content-Type must be"},
		{name: "multipart", method: "POST", path: "/api/links", ctype: "multipart/form-data; boundary=x", body: valid, code: 415, want: "Content-Type must be"},
		{name: "invalid scenario", method: "POST", path: "/api/links", ctype: "application/json",
			body: strings.Replace(valid, `"port": 80`, `"port": 80, "mss": 20`, 1), code: 422,
			want: "connections[0].b.mss: 20 is out of range 64..65495", path2: "connections[0].b.mss"},
		{name: "script in a field", method: "POST", path: "/api/links", ctype: "application/json", body: script, code: 422,
			want: `connections[0].timeline[1].action: "<script>alert(1)</script>" is not allowed`, path2: "connections[0].timeline[1].action"},
		{name: "huge number", method: "POST", path: "/api/links", ctype: "application/json", body: bigSeed, code: 422,
			want: "seed: 1e400 is out of range", path2: "seed"},
		{name: "not JSON", method: "POST", path: "/api/links", ctype: "application/json", body: "{", code: 422, want: "invalid JSON"},
		{name: "bad fragment", method: "POST", path: "/api/links", ctype: "text/plain", body: "1AAAA<b>", code: 422,
			want: `share link: character 6 ('<') is not allowed`},
		{name: "future fragment", method: "POST", path: "/api/links", ctype: "text/plain", body: "9AAAA", code: 422, want: "format version 9"},
		{name: "no content type", method: "POST", path: "/api/links", body: valid, code: 415, want: "Content-Type must be"},
		{name: "form", method: "POST", path: "/api/links", ctype: "application/x-www-form-urlencoded", body: "a=b", code: 415, want: "Content-Type must be"},
		{name: "oversized", method: "POST", path: "/api/links", ctype: "application/json",
			body: strings.Repeat(" ", MaxBody) + valid, code: 413, want: "more than the limit of 65536"},
		{name: "wrong method on create", method: "PUT", path: "/api/links", ctype: "application/json", body: valid, code: 405, want: "method not allowed"},
		{name: "wrong method on fetch", method: "DELETE", path: "/api/links/" + unknown, code: 405, want: "method not allowed"},
		{name: "wrong method on short link", method: "POST", path: "/s/" + unknown, code: 405, want: "method not allowed"},
		{name: "other site", method: "POST", path: "/api/links", ctype: "text/plain", body: "1", hdr: []string{"Origin", "https://evil.example"},
			code: 403, want: "requests from other sites are not allowed"},
		{name: "file:// page", method: "GET", path: "/api/links/" + unknown, hdr: []string{"Origin", "null"}, code: 403, want: "other sites"},
		{name: "other site preflight", method: "OPTIONS", path: "/api/links", code: 403, want: "other sites",
			hdr: []string{"Origin", "https://play.example.evil", "Access-Control-Request-Method", "POST"}},
		{name: "preflight for a wrong method", method: "OPTIONS", path: "/api/links", code: 405, want: "method not allowed",
			hdr: []string{"Origin", origin, "Access-Control-Request-Method", "DELETE"}},
	} {
		res := do(t, h, tc.method, tc.path, tc.ctype, tc.body, tc.hdr...)
		if res.code != tc.code || !strings.Contains(res.json["error"], tc.want) || res.json["path"] != tc.path2 {
			t.Errorf("%s: %s %s = %d %s; want %d, an error containing %q, path %q", tc.name, tc.method, tc.path, res.code, res.body, tc.code, tc.want, tc.path2)
		}
		if tc.code == 405 && res.hdr.Get("Allow") == "" {
			t.Errorf("%s: 405 without Allow", tc.name)
		}
		for i := 0; i+1 < len(tc.hdr); i += 2 {
			if tc.hdr[i] == "Origin" && tc.hdr[i+1] != origin && res.hdr.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("%s: Access-Control-Allow-Origin %q for Origin %q", tc.name, res.hdr.Get("Access-Control-Allow-Origin"), tc.hdr[i+1])
			}
		}
	}
	if len(kv.m) != 0 {
		t.Errorf("failed requests stored %d links", len(kv.m))
	}
}

// TestOversizedStream: a body over the limit without a Content-Length
// (chunked) is cut off at the limit, not read to the end.
func TestOversizedStream(t *testing.T) {
	h := New(Config{PageURL: page}, newFakeKV().store())
	r := httptest.NewRequest("POST", "/api/links", io.MultiReader(strings.NewReader(`{"version":1,`), neverEnding{}))
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("endless body = %d %s; want 413", w.Code, w.Body)
	}
}

type neverEnding struct{}

func (neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestCORS(t *testing.T) {
	h := New(Config{PageURL: page}, newFakeKV().store())
	res := do(t, h, "OPTIONS", "/api/links", "", "", "Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if res.code != http.StatusNoContent || res.hdr.Get("Access-Control-Allow-Origin") != origin ||
		res.hdr.Get("Access-Control-Allow-Methods") != "POST" || res.hdr.Get("Access-Control-Allow-Headers") != "Content-Type" {
		t.Errorf("preflight = %d %v", res.code, res.hdr)
	}
	res = do(t, h, "POST", "/api/links", "application/json", string(readScenario(t, "refused")), "Origin", origin)
	if res.code != http.StatusCreated || res.hdr.Get("Access-Control-Allow-Origin") != origin || res.hdr.Get("Vary") != "Origin" {
		t.Errorf("create from the page = %d %v", res.code, res.hdr)
	}
	res = do(t, h, "GET", "/api/links/"+res.json["id"], "", "", "Origin", origin)
	if res.code != http.StatusOK || res.hdr.Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("fetch from the page = %d %v", res.code, res.hdr)
	}
	// No Origin (curl, a server): allowed, no CORS headers.
	res = do(t, h, "OPTIONS", "/api/links", "", "")
	if res.code != http.StatusNoContent || res.hdr.Get("Allow") != "POST, OPTIONS" || res.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("OPTIONS without Origin = %d %v", res.code, res.hdr)
	}
}

func TestStoreFailure(t *testing.T) {
	kv := newFakeKV()
	kv.failing = errors.New("kv down: secret detail")
	h := New(Config{PageURL: page}, kv.store())
	for _, tc := range []struct{ method, path, ctype, body string }{
		{"POST", "/api/links", "application/json", string(readScenario(t, "handshake"))},
		{"GET", "/s/" + strings.Repeat("x", IDLen), "", ""},
	} {
		res := do(t, h, tc.method, tc.path, tc.ctype, tc.body)
		if res.code != http.StatusServiceUnavailable || strings.Contains(res.body, "secret") {
			t.Errorf("%s %s with KV down = %d %s; want 503 without the store's own message", tc.method, tc.path, res.code, res.body)
		}
	}
}

func TestDamagedStore(t *testing.T) {
	kv := newFakeKV()
	id := strings.Repeat("d", IDLen)
	kv.m["s/"+id] = "<html>"
	res := do(t, New(Config{PageURL: page}, kv.store()), "GET", "/api/links/"+id, "", "")
	if res.code != http.StatusInternalServerError {
		t.Errorf("damaged value = %d %s; want 500", res.code, res.body)
	}
}

func TestMisconfigured(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "PAGE_URL is not set"},
		{Config{PageURL: "javascript:alert(1)"}, "PAGE_URL is not an http(s) URL"},
		{Config{PageURL: page + "#x"}, "PAGE_URL is not an http(s) URL without a fragment"},
		{Config{PageURL: page, LinkBase: "ftp://x"}, "LINK_BASE is not an http(s) URL"},
	} {
		res := do(t, New(tc.cfg, newFakeKV().store()), "GET", "/s/"+strings.Repeat("A", IDLen), "", "")
		if res.code != 500 || !strings.Contains(res.json["error"], tc.want) {
			t.Errorf("New(%+v): %d %s; want 500 and %q", tc.cfg, res.code, res.body, tc.want)
		}
	}
	res := do(t, Misconfigured("LINKS is undefined"), "POST", "/api/links", "", "")
	if res.code != 500 || res.json["error"] != "worker misconfigured: LINKS is undefined" {
		t.Errorf("Misconfigured: %d %s", res.code, res.body)
	}
}

func TestID(t *testing.T) {
	id := ID([]byte(`{"version":1}`))
	if len(id) != IDLen || !validID(id) {
		t.Errorf("ID = %q, want %d base64url characters", id, IDLen)
	}
	if ID([]byte(`{"version":1} `)) == id {
		t.Error("different content, same ID")
	}
	if IDLen != 16 {
		t.Errorf("IDLen = %d; the doc promises 16", IDLen)
	}
}

// TestBrowserGetsAPageForAFailingShortLink: a short link that fails,
// opened in a browser (Accept: text/html), answers with the right status
// and a page in English and Chinese that leads to the playground, with
// the usual headers and nothing from the request in it; the API route
// and other clients still get JSON.
func TestBrowserGetsAPageForAFailingShortLink(t *testing.T) {
	const accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	kv := newFakeKV()
	h := New(Config{PageURL: page + "?a=1&b=<2>"}, kv.store())
	get := func(method, path, acc string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "http://links.example"+path, nil)
		r.Header.Set("Accept", acc)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	unknown := "/s/" + strings.Repeat("Q", IDLen)
	for _, c := range []struct {
		path string
		code int
		en   string
	}{
		{unknown, http.StatusNotFound, "This short link does not exist"},
		{"/s/Zm9v%3Cb%3Ebar", http.StatusBadRequest, "This is not a short link"},
	} {
		w := get("GET", c.path, accept)
		body := w.Body.String()
		if w.Code != c.code || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s from a browser = %d %q; want %d and a page", c.path, w.Code, w.Header().Get("Content-Type"), c.code)
		}
		for _, want := range []string{c.en, `lang="zh"`, "打开 TCP 实验台", `href="https://play.example/tcp/?a=1&amp;b=&lt;2&gt;"`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the page lacks %q:\n%s", c.path, want, body)
			}
		}
		if strings.Contains(body, "QQQQ") || strings.Contains(body, "<b>") || strings.Contains(body, "Zm9v") {
			t.Errorf("GET %s: the page repeats the request:\n%s", c.path, body)
		}
		if w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(w.Header().Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("GET %s: headers %v", c.path, w.Header())
		}
		if w := get("HEAD", c.path, accept); w.Code != c.code || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "" {
			t.Errorf("HEAD %s from a browser = %d, %d bytes, Content-Length %q; want %d, no body, none",
				c.path, w.Code, w.Body.Len(), w.Header().Get("Content-Length"), c.code)
		}
	}
	// The store down: the browser is told to try again.
	kv.failing = errors.New("kv down: secret detail")
	if w := get("GET", unknown, accept); w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "Try again") ||
		strings.Contains(w.Body.String(), "secret") {
		t.Errorf("GET with the store down from a browser = %d %s", w.Code, w.Body)
	}
	kv.failing = nil
	// Not a browser, or the API route: JSON as before.
	for _, c := range []struct{ path, accept string }{{unknown, "*/*"}, {unknown, ""}, {"/api/links/" + strings.Repeat("Q", IDLen), accept}} {
		w := get("GET", c.path, c.accept)
		if w.Code != http.StatusNotFound || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("GET %s with Accept %q = %d %q; want 404 JSON", c.path, c.accept, w.Code, w.Header().Get("Content-Type"))
		}
	}
}
