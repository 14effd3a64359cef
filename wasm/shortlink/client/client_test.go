package client_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/wasm/shortlink"
	"tcpplayground/wasm/shortlink/client"
)

// response reads an answer as the page does (sharelink_js.go): the body
// parsed as JSON, the "id", "url" and "error" members taken where they are
// strings, and the rest left to Answer. encoding/json stands in for the
// browser's JSON.parse here; the page itself has no encoding/json.
func response(status int, body []byte) (client.Link, error) {
	var obj map[string]any
	isJSON := json.Unmarshal(body, &obj) == nil && obj != nil
	str := func(k string) string { s, _ := obj[k].(string); return s }
	return client.Answer(status, str("id"), str("url"), str("error"), isJSON)
}

// memStore is a plain map: the KV adapter has its own tests.
type memStore map[string]string

func (m memStore) Get(k string) (string, bool, error) { v, ok := m[k]; return v, ok, nil }
func (m memStore) Put(k, v string) error              { m[k] = v; return nil }

// TestAgainstHandler: what Create builds, the real handler accepts, and
// Answer reads its answer, from the page's origin as the browser sends it.
func TestAgainstHandler(t *testing.T) {
	srv := httptest.NewServer(shortlink.New(shortlink.Config{PageURL: "https://page.test/"}, memStore{}))
	defer srv.Close()
	sc := presets.All()[0].Scenario()
	for _, want := range []int{201, 200} {
		u, ctype, body, err := client.Create(srv.URL+"/", sc)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("POST", u, strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Origin", "https://page.test")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		l, err := response(res.StatusCode, b)
		if res.StatusCode != want || err != nil || l.URL != srv.URL+"/s/"+l.ID {
			t.Errorf("create = %d %v %+v; want %d and a link under %s", res.StatusCode, err, l, want, srv.URL)
		}
	}
}

func TestCreateBadBase(t *testing.T) {
	sc := presets.All()[0].Scenario()
	for _, base := range []string{"", "links.example", "javascript:alert(1)", "https://u:p@x.example", "https://x.example/#f", "https://", "https:///path", "https://x.example/a b", "HTTPS://x.example", "https://x.example\n"} {
		if _, _, _, err := client.Create(base, sc); err == nil {
			t.Errorf("Create(%q) accepted the base", base)
		}
	}
}

func TestAnswerErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{422, `{"error":"connections[0].a.mss: 20 is out of range 64..65495","path":"connections[0].a.mss"}`, "HTTP 422: connections[0].a.mss: 20 is out of range"},
		{503, `<html>gateway</html>`, "short link failed: HTTP 503"},
		{201, `not json`, "not JSON"},
		{201, `{"id":"x","url":"javascript:alert(1)"}`, "no usable id and url"},
		{200, `{"url":"https://l.example/s/x"}`, "no usable id and url"},
	} {
		if _, err := response(tc.status, []byte(tc.body)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("answer to (%d, %s) = %v; want an error containing %q", tc.status, tc.body, err, tc.want)
		}
	}
}
