//go:build !js

package browser

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/share"
)

// TestHostileScenarioTextStaysText opens a share link whose title,
// description and written text are markup. The page builds its event
// list, timeline table and inspector as strings of markup (one innerHTML
// per view is far cheaper from WebAssembly than a DOM call per element),
// so a missed escape would turn a stranger's link into elements in the
// page. The markup must show as the literal text, in both languages, and
// no element of it may exist.
func TestHostileScenarioTextStaysText(t *testing.T) {
	const payload = `<img src="x" data-pwned onerror="1">"'&amp;<b data-pwned>`
	pr, ok := presets.Lookup("handshake")
	if !ok {
		t.Fatal("no handshake preset")
	}
	sc := pr.Scenario()
	sc.Title.EN, sc.Title.ZH = payload, payload
	sc.Description.EN, sc.Description.ZH = payload, payload
	wrote := false
	for i, a := range sc.Connections[0].Timeline {
		if a.Text != "" {
			sc.Connections[0].Timeline[i].Text = payload
			wrote = true
		}
	}
	if !wrote {
		t.Fatal("the handshake preset writes no text: pick a preset that does")
	}
	p, status := open(t, "#s="+share.Encode(sc))
	if status != "ready" {
		t.Fatalf("the page's status is %q, want ready", status)
	}
	waitDigest(p, nativeDigest(t, sc))
	for _, lang := range []string{"zh", "en"} {
		setInput(p, "#lang", lang)
		poll(p, `document.documentElement.lang.startsWith("`+lang+`")`)
		// Step through every event, so the event list, the narration and
		// the inspector show each segment, the data segment too.
		key(p, kb.Home)
		for range 40 {
			key(p, kb.ArrowRight)
		}
		if c := cursor(t, p); c < 20 {
			t.Fatalf("lang %s: 40 steps moved the cursor to event %d only", lang, c)
		}
		var n int
		p.Eval(`document.querySelectorAll("[data-pwned]").length`, &n)
		if n != 0 {
			t.Errorf("lang %s: the scenario's markup made %d elements in the page", lang, n)
		}
		var timeline, desc string
		p.Eval(`document.getElementById("timeline").textContent`, &timeline)
		p.Eval(`document.getElementById("preset-desc").textContent`, &desc)
		if want := strconv.Quote(payload); !strings.Contains(timeline, want) {
			t.Errorf("lang %s: the timeline does not show the written text %s literally; it reads %q", lang, want, timeline)
		}
		if !strings.Contains(desc, payload) {
			t.Errorf("lang %s: the description does not show %q literally; it reads %q", lang, payload, desc)
		}
	}
}
