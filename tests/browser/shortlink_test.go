package browser

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tests/internal/workertest"
)

// TestShortAndLongLinks: a lecturer's edited scenario opens from a long
// link (#s=…) and from a short link (the worker under wrangler dev
// redirecting to the page), and both reproduce the native trace exactly:
// the page's data-trace-sha256 is the SHA-256 of sim.Run's trace text.
func TestShortAndLongLinks(t *testing.T) {
	p, ok := presets.Lookup("fast-retransmit")
	if !ok {
		t.Fatal("no preset fast-retransmit")
	}
	sc := p.Scenario()
	sc.Seed = 424242
	sc.Link[scenario.A].Loss = 2
	sc.Faults = append(sc.Faults, scenario.Fault{Dir: scenario.A, Segment: 7, Action: scenario.FaultDrop})
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	tr, err := sim.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(tr.Text()))
	want := hex.EncodeToString(sum[:])
	long := "#s=" + share.Encode(sc)

	check := func(name string, pg interface{ Eval(string, any) }, status string) {
		t.Helper()
		if status != "ready" {
			t.Fatalf("%s: data-status %q, want ready", name, status)
		}
		var got, hash string
		pg.Eval(`document.documentElement.getAttribute("data-trace-sha256")`, &got)
		pg.Eval(`location.hash`, &hash)
		if got != want {
			t.Errorf("%s: data-trace-sha256 = %s, want the native %s", name, got, want)
		}
		if hash != long {
			t.Errorf("%s: the page's fragment is %.60s…, want the canonical link %.60s…", name, hash, long)
		}
	}

	pg, status := open(t, long)
	check("long link", pg, status)

	dir := t.TempDir()
	cfg, err := workertest.Build(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workertest.Start(root, cfg, filepath.Join(dir, "state"), site.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Kill)
	res, err := http.Post(w.URL+"/api/links", "application/json", strings.NewReader(string(scenario.Marshal(sc))))
	if err != nil {
		t.Fatal(err)
	}
	var link struct{ ID, URL string }
	err = json.NewDecoder(res.Body).Decode(&link)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || err != nil || !strings.HasPrefix(link.URL, w.URL+"/s/") {
		t.Fatalf("creating the short link: %d %v %+v", res.StatusCode, err, link)
	}
	pg = browser.NewPage(t)
	pg.Navigate(link.URL)
	status, _ = pg.WaitStatus()
	check("short link "+link.URL, pg, status)
}
