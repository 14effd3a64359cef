//go:build !js

package browser

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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

// TestBrokenLinks: a long link that is truncated, corrupted, oversized,
// from a newer format or holding an invalid scenario shows a message
// naming the problem, and the page stays usable: opening a preset after
// it runs and reproduces the native trace.
func TestBrokenLinks(t *testing.T) {
	p, _ := presets.Lookup("handshake")
	good := share.Encode(p.Scenario())
	flipped := []byte(good)
	flipped[len(flipped)/2] ^= 'A' ^ 'B'
	bad := p.Scenario()
	bad.Connections[0].Endpoints[scenario.A].Options.MSS = scenario.Int(20)
	next, _ := presets.Lookup("teardown")
	tr, err := sim.Run(next.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(tr.Text()))
	want := hex.EncodeToString(sum[:])
	for _, tc := range []struct{ name, frag, msg string }{
		{"truncated", good[:len(good)/2], "truncated"},
		// Copied from a chat app's shortened display of the link.
		{"shortened for display", good[:len(good)/2] + "…", `truncated: the link ends in "…"`},
		{"corrupted", string(flipped), "corrupted"},
		{"oversized", "1" + strings.Repeat("A", share.MaxFragmentLen), "more than the limit of " + strconv.Itoa(share.MaxFragmentLen)},
		{"newer format", "3" + good[1:], "format version 3"},
		{"invalid scenario", share.Encode(bad), "connections[0].a.mss: 20 is out of range 64..65495"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pg, status := open(t, "#s="+tc.frag)
			var msg string
			pg.Eval(`document.getElementById("error").textContent`, &msg)
			if status != "error" || !strings.Contains(msg, tc.msg) {
				t.Fatalf("data-status %q, #error %q; want error naming %q", status, msg, tc.msg)
			}
			pg.Eval(`location.hash = "#p=teardown"`, nil)
			var ok bool
			pg.Run(chromedp.Poll(`document.documentElement.getAttribute("data-status") === "ready" &&
				document.documentElement.getAttribute("data-trace-sha256") === `+strconv.Quote(want), &ok,
				chromedp.WithPollingInterval(10*time.Millisecond)))
		})
	}
}

// TestCommittedLinksOpen: links made by every format version so far (the
// fragments committed in tcpcore/share/testdata, which its TestV1Links
// and TestV2Links pin natively) open in the page with the native trace
// of the scenario committed beside them, and the page then shows
// today's canonical link for it.
func TestCommittedLinksOpen(t *testing.T) {
	for _, v := range []string{"v1", "v2"} {
		for _, name := range []string{"edited", "full"} {
			dir := filepath.Join(root, "tcpcore/share/testdata", v)
			frag, err := os.ReadFile(filepath.Join(dir, name+".frag"))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			sc, err := scenario.Decode(doc)
			if err != nil {
				t.Fatal(err)
			}
			pg, status := open(t, "#s="+strings.TrimSpace(string(frag)))
			if status != "ready" {
				var msg string
				pg.Eval(`document.getElementById("error-text").textContent`, &msg)
				t.Fatalf("%s/%s: data-status %q (%s)", v, name, status, msg)
			}
			if got, want := htmlAttr(pg, "data-trace-sha256"), nativeDigest(t, sc); got != want {
				t.Errorf("%s/%s: data-trace-sha256 = %s, native %s", v, name, got, want)
			}
			poll(pg, `location.hash === `+strconv.Quote("#s="+share.Encode(sc)))
			pg.Close()
		}
	}
}
