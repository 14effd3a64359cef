package shortlink

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"tcpplayground/tcpcore/scenario"
)

// FuzzHandler sends hostile requests (any method, path, Content-Type,
// Origin and body): the handler never panics, answers with a status the
// API documents, and every response keeps its headers and JSON with no
// raw markup (checkCommon). What it stores always decodes. The committed
// corpus is in testdata/fuzz/FuzzHandler.
func FuzzHandler(f *testing.F) {
	doc, err := os.ReadFile("../../tcpcore/sim/testdata/handshake.json")
	if err != nil {
		f.Fatal(err)
	}
	frag, err := os.ReadFile("../../tcpcore/share/testdata/v1/refused.frag")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("POST", "/api/links", "application/json", "", string(doc))
	f.Add("POST", "/api/links", "text/plain", origin, string(frag))
	f.Add("GET", "/s/AAAAAAAAAAAAAAAA", "", "", "")
	f.Add("OPTIONS", "/api/links/AAAAAAAAAAAAAAAA", "", origin, "")
	f.Add("GET", "/api/links/<script>", "", "null", "")
	allowed := map[int]bool{200: true, 201: true, 204: true, 302: true, 400: true, 403: true, 404: true,
		405: true, 409: true, 413: true, 415: true, 422: true}
	f.Fuzz(func(t *testing.T, method, path, ctype, org, body string) {
		if !validMethod(method) {
			return // net/http refuses such requests before any handler
		}
		kv := newFakeKV()
		h := New(Config{PageURL: page}, kv.store())
		r := &http.Request{Method: method, URL: &url.URL{Path: path}, Header: http.Header{},
			Body: http.NoBody, Host: "links.example", ContentLength: int64(len(body))}
		if body != "" {
			r.Body = io.NopCloser(strings.NewReader(body))
		}
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		if org != "" {
			r.Header.Set("Origin", org)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if !allowed[w.Code] {
			t.Fatalf("%s %q = %d %s", method, path, w.Code, w.Body)
		}
		checkCommon(t, method+" "+path, resp{code: w.Code, hdr: w.Header(), body: w.Body.String()})
		for k, v := range kv.m {
			if _, err := scenario.Decode([]byte(v)); err != nil || k != keyPrefix+ID([]byte(v)) {
				t.Fatalf("stored %q under %q: %v", v, k, err)
			}
		}
	})
}

// validMethod is net/http's rule for a method: a token.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c <= ' ' || c >= 0x7f || strings.ContainsRune(`()<>@,;:\"/[]?={}`, c) {
			return false
		}
	}
	return true
}
