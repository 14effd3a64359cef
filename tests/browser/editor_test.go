//go:build !js

package browser

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tcpplayground/tcpcore/link"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
	"tcpplayground/tests/internal/browsertest"
)

// TestEditorAdvancedLinkSettings edits one control of each new kind from
// the folded "More link settings" box (a burst-loss number, the jitter
// distribution menu, a timer under an outage from the outages table): each
// edit re-runs exactly the native simulator's run of the edited scenario,
// and undo brings the previous run back.
func TestEditorAdvancedLinkSettings(t *testing.T) {
	pr, _ := presets.Lookup("handshake")
	p, _ := open(t, "#p="+pr.Name)
	var folded bool
	p.Eval(`[...document.querySelectorAll("#editor details[data-more]")].every(d => !d.open) &&
  !document.querySelector('#editor [data-field="link.a_to_b.burst_loss.p"]')`, &folded)
	if !folded {
		t.Error("the advanced link settings are not folded under a closed <details>")
	}
	openMore(p)
	p.Eval(`!!document.querySelector('#editor details[open] [data-field="link.a_to_b.burst_loss.p"]')`, &folded)
	if !folded {
		t.Fatal("opening the more-settings boxes did not show the burst-loss control")
	}
	num := func(id string) string { return `#editor input[type="number"][data-field="` + id + `"]` }
	// before, if set, is an edit made first through the page by
	// beforeDo (so that the edit under test shows: a distribution needs
	// jitter); edit is the change the control under test makes.
	cases := []struct {
		name       string
		before     func(sc *scenario.Scenario)
		beforeDo   func()
		sel, value string
		edit       func(sc *scenario.Scenario)
	}{
		{name: "burst loss p", sel: num("link.a_to_b.burst_loss.p"), value: "50",
			edit: func(sc *scenario.Scenario) { sc.Link[0].BurstLoss = scenario.BurstLoss{P: 50, R: 50, OneMinusH: 100} }},
		{name: "jitter distribution",
			before: func(sc *scenario.Scenario) { sc.Link[1].JitterMS = 8 }, beforeDo: func() { setInput(p, num("link.b_to_a.jitter_ms"), "8") },
			sel: `#editor select[data-field="link.b_to_a.distribution"]`, value: "pareto",
			edit: func(sc *scenario.Scenario) { sc.Link[1].Distribution = link.Pareto }},
		{name: "initial RTO with an outage",
			before:   func(sc *scenario.Scenario) { sc.Link[0].Outages = []scenario.Outage{{ToMS: 1000}} },
			beforeDo: func() { addOutage(p, "A", "0", "1000") },
			sel:      num("connections[0].a.initial_rto_ms"), value: "3000",
			edit: func(sc *scenario.Scenario) { sc.Connections[0].Endpoints[0].Options.InitialRTOMS = scenario.Int(3000) }},
	}
	for _, c := range cases {
		setInput(p, "#preset", presets.All()[1].Name)
		setInput(p, "#preset", pr.Name)
		sc := pr.Scenario()
		if c.before != nil {
			c.before(sc)
			c.beforeDo()
		}
		waitDigest(p, nativeDigest(t, sc))
		before := htmlAttr(p, "data-trace-sha256")
		c.edit(sc)
		setInput(p, c.sel, c.value)
		want := nativeDigest(t, sc)
		if want == before {
			t.Fatalf("%s: the edit does not change the native run; pick another value", c.name)
		}
		waitDigest(p, want)
		if !strings.Contains(locationHash(p), "s=") {
			t.Errorf("%s: the URL fragment did not follow the edit", c.name)
		}
		if got, err := share.Decode(strings.TrimPrefix(locationHash(p), "#s=")); err != nil || nativeDigest(t, got) != want {
			t.Errorf("%s: the URL fragment does not reproduce the run (%v)", c.name, err)
		}
		p.Run(chromedp.Click("#undo", chromedp.ByQuery))
		waitDigest(p, before)
	}
}

// TestEditorControlsAreLabelled: every control of the editor has a name
// a screen reader reads (a <label for> or aria-label), and each "more
// settings" box opens from the keyboard.
func TestEditorControlsAreLabelled(t *testing.T) {
	p, _ := open(t, "#p=handshake")
	openMore(p)
	var unnamed []string
	p.Eval(`[...document.querySelectorAll("#editor input, #editor select")].filter(el =>
  !(el.id && document.querySelector('label[for="' + el.id + '"]')) && !el.getAttribute("aria-label")
).map(el => el.dataset.field || el.outerHTML)`, &unnamed)
	if len(unnamed) > 0 {
		t.Errorf("controls without a label: %v", unnamed)
	}
	var n int
	p.Eval(`document.querySelectorAll("#editor input, #editor select").length`, &n)
	if n < 100 {
		t.Errorf("the editor has %d controls; want the whole link and both endpoints", n)
	}
	// Close one again, and open it from the keyboard.
	p.Eval(`document.querySelector("#editor details[data-more]").open = false`, nil)
	var open bool
	p.Eval(`(function () {
  const s = document.querySelector("#editor details[data-more] summary");
  s.focus();
  return document.activeElement === s;
})()`, &open)
	if !open {
		t.Fatal("the summary of a more-settings box does not take the keyboard focus")
	}
	key(p, "\r")
	poll(p, `document.querySelector("#editor details[data-more]").open`)
}

// TestValidationMessagesInChinese: with the page in 中文, an out-of-range
// edit, a bad uploaded file and a share link holding an invalid scenario
// show a Chinese message that names the JSON path and the values.
func TestValidationMessagesInChinese(t *testing.T) {
	bad := presets.All()[0].Scenario()
	bad.Link[0].Loss = 150
	p, status := open(t, "#s="+share.Encode(bad), browsertestInit(`localStorage.setItem("lang", "zh");`))
	if status != "error" {
		t.Fatalf("an invalid share link: data-status %q", status)
	}
	han := regexp.MustCompile(`\p{Han}`)
	check := func(what string, want ...string) {
		t.Helper()
		var msg string
		p.Eval(`document.getElementById("error-text").textContent`, &msg)
		ok := han.MatchString(msg)
		for _, w := range want {
			ok = ok && strings.Contains(msg, w)
		}
		if !ok {
			t.Errorf("%s: error %q, want Chinese naming %q", what, msg, want)
		}
	}
	check("share link", "link.a_to_b.loss：150 超出范围 0..100", "无法读取")
	// A link cut short: the share codec's own error, in Chinese too.
	p.Eval(`location.hash = "#s=1"`, nil)
	poll(p, `/分享链接/.test(document.getElementById("error-text").textContent)`)
	check("cut share link", "无法读取链接中的场景（#s=…）：分享链接：不完整")

	setInput(p, "#preset", "handshake")
	waitDigest(p, nativeDigest(t, presets.All()[0].Scenario()))
	setInput(p, `#editor input[type="number"][data-field="connections[0].a.mss"]`, "20")
	if s := htmlAttr(p, "data-status"); s != "error" {
		t.Errorf("MSS 20: data-status %q", s)
	}
	check("edit", "connections[0].a.mss：20 超出范围 64..65495")
	var outlined bool
	p.Eval(`document.querySelector('#editor [data-field="connections[0].a.mss"]').closest(".row").classList.contains("bad")`, &outlined)
	if !outlined {
		t.Error("the field the error names is not outlined")
	}
	// Switching back to English words the same error in English.
	setInput(p, "#lang", "en")
	poll(p, nextFrame)
	var msg string
	p.Eval(`document.getElementById("error-text").textContent`, &msg)
	if !strings.Contains(msg, "connections[0].a.mss: 20 is out of range 64..65495") {
		t.Errorf("in English the error is %q", msg)
	}
	setInput(p, "#lang", "zh")
	poll(p, nextFrame)

	sc := presets.All()[0].Scenario()
	sc.Link[0].DelayMS = 12345
	doc := strings.Replace(string(scenario.MarshalIndent(sc)), `12345`, `-1`, 1)
	file := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Run(chromedp.SetUploadFiles("#upload", []string{file}, chromedp.ByQuery))
	poll(p, `/delay_ms/.test(document.getElementById("error-text").textContent)`)
	check("uploaded file", "bad.json", "link.a_to_b.delay_ms：-1 超出范围 0..60000")

	// An error naming an advanced field opens its box and outlines it.
	sc = presets.All()[0].Scenario()
	sc.Link[1].BurstLoss.P = 12.5
	doc = strings.Replace(string(scenario.MarshalIndent(sc)), `12.5`, `150`, 1)
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Run(chromedp.SetUploadFiles("#upload", []string{file}, chromedp.ByQuery))
	poll(p, `/burst_loss/.test(document.getElementById("error-text").textContent)`)
	check("uploaded file", "link.b_to_a.burst_loss.p：150 超出范围 0..100")
	poll(p, `(function () {
  const el = document.querySelector('#editor [data-field="link.b_to_a.burst_loss.p"]');
  return !!el && el.closest("details").open && el.closest(".row").classList.contains("bad");
})()`)
}

// openMore opens every "more settings" box of the editor, as a click on
// its summary does.
func openMore(p *browsertest.Page) {
	p.Eval(`document.querySelectorAll("#editor details[data-more] summary").forEach(s => s.click())`, nil)
	poll(p, `[...document.querySelectorAll("#editor details[data-more]")].every(d => d.open)`)
}

func locationHash(p *browsertest.Page) string {
	var h string
	p.Eval(`location.hash`, &h)
	return h
}

// TestEditorScriptedFaults: the editor lists a preset's scripted faults
// in words; deleting one, and adding one from the table's last row, each
// re-run exactly the native run of the edited scenario; a fault the
// format forbids shows the error naming its field; every control has a
// name a screen reader reads.
func TestEditorScriptedFaults(t *testing.T) {
	pr, _ := presets.Lookup("lost-syn")
	p, _ := open(t, "#p="+pr.Name)
	rows := func() []string {
		var out []string
		p.Eval(`[...document.querySelectorAll("#faults tr[data-f]")].map(tr => tr.textContent)`, &out)
		return out
	}
	if got := rows(); !slices.Equal(got, []string{"A→Bthe 1st SYNdropDelete", "A→Bthe 2nd SYNdropDelete"}) {
		t.Errorf("lost-syn's faults are listed as %q", got)
	}
	var unnamed []string
	p.Eval(`[...document.querySelectorAll("#faults input, #faults select")].filter(el =>
  !el.getAttribute("aria-label") && !el.closest("label")).map(el => el.outerHTML)`, &unnamed)
	if len(unnamed) > 0 {
		t.Errorf("fault controls without a label: %v", unnamed)
	}
	// Delete the first: only the second SYN is dropped.
	p.Run(chromedp.Click(`#faults tr[data-f="0"] button`, chromedp.ByQuery))
	sc := pr.Scenario()
	sc.Faults = sc.Faults[1:]
	waitDigest(p, nativeDigest(t, sc))
	if got := rows(); len(got) != 1 {
		t.Errorf("after deleting one fault the table lists %q", got)
	}
	// Add one: B→A, corrupt the 1st SYN-ACK.
	setInput(p, `#faults [data-k="dir"]`, "B")
	setInput(p, `#faults [data-k="which"]`, "SA")
	setInput(p, `#faults [data-k="fault"]`, "corrupt")
	p.Run(chromedp.Click(`#faults tr:last-child button`, chromedp.ByQuery))
	sc.Faults = append(sc.Faults, scenario.Fault{Dir: int(scenario.B), Flags: "SA", Nth: 1, Action: scenario.FaultCorrupt})
	waitDigest(p, nativeDigest(t, sc))
	if got := rows(); len(got) != 2 || got[1] != "B→Athe 1st SYN-ACKcorrupt a bitDelete" {
		t.Errorf("after adding a fault the table lists %q", got)
	}
	// "Every" with a segment number is not a fault the format has.
	before := htmlAttr(p, "data-trace-sha256")
	setInput(p, `#faults [data-k="which"]`, "segment")
	p.Run(chromedp.Click(`#faults [data-k="every"]`, chromedp.ByQuery))
	p.Run(chromedp.Click(`#faults tr:last-child button`, chromedp.ByQuery))
	poll(p, `!document.getElementById("error").hidden`)
	var msg string
	p.Eval(`document.getElementById("error").textContent`, &msg)
	if !strings.Contains(msg, "faults[2].every") {
		t.Errorf("the error for every with a segment number is %q, want it to name faults[2].every", msg)
	}
	if got := htmlAttr(p, "data-trace-sha256"); got != before {
		t.Error("a refused fault changed the run")
	}
}

// addOutage adds an outage on direction dir ("A" or "B") through the
// outages table's last row.
func addOutage(p *browsertest.Page, dir, from, until string) {
	setInput(p, `#outages tr:last-child [data-k="dir"]`, dir)
	setInput(p, `#outages tr:last-child [data-k="from"]`, from)
	setInput(p, `#outages tr:last-child [data-k="until"]`, until)
	p.Run(chromedp.Click(`#outages tr:last-child button`, chromedp.ByQuery))
}

// TestEditorOutages: the outages table lists every outage of both link
// directions, adds, edits and deletes them, each edit re-running exactly
// the native run (a flapping link: several outages on one direction); an
// overlap is refused with its path named and its box outlined, leaving
// the run as it was; undo brings the previous run back.
func TestEditorOutages(t *testing.T) {
	pr, _ := presets.Lookup("slow-start")
	p, _ := open(t, "#p="+pr.Name)
	rows := func() []string {
		var out []string
		p.Eval(`[...document.querySelectorAll("#outages tr[data-o]")].map(tr =>
  tr.cells[0].textContent + " " + [...tr.querySelectorAll("input")].map(i => i.value).join("-"))`, &out)
		return out
	}
	if got := rows(); len(got) != 0 {
		t.Fatalf("%s has no outage, the table lists %q", pr.Name, got)
	}
	var unnamed []string
	p.Eval(`[...document.querySelectorAll("#outages input, #outages select")].filter(el =>
  !el.getAttribute("aria-label")).map(el => el.outerHTML)`, &unnamed)
	if len(unnamed) > 0 {
		t.Errorf("outage controls without a label: %v", unnamed)
	}
	sc := pr.Scenario()
	steps := []struct {
		name string
		do   func()
		edit func()
		rows []string
	}{
		{"add a later one first", func() { addOutage(p, "A", "700", "750") },
			func() { sc.Link[0].Outages = []scenario.Outage{{FromMS: 700, ToMS: 750}} },
			[]string{"A→B 700-750"}},
		{"add an earlier one", func() { addOutage(p, "A", "300", "330") },
			func() { sc.Link[0].Outages = []scenario.Outage{{FromMS: 300, ToMS: 330}, {FromMS: 700, ToMS: 750}} },
			[]string{"A→B 300-330", "A→B 700-750"}},
		{"add one B→A", func() { addOutage(p, "B", "1000", "1050") },
			func() { sc.Link[1].Outages = []scenario.Outage{{FromMS: 1000, ToMS: 1050}} },
			[]string{"A→B 300-330", "A→B 700-750", "B→A 1000-1050"}},
		{"lengthen the first", func() { setInput(p, `#outages tr[data-o="0.0"] [data-k="until"]`, "360") },
			func() { sc.Link[0].Outages[0].ToMS = 360 },
			[]string{"A→B 300-360", "A→B 700-750", "B→A 1000-1050"}},
		{"delete the B→A one", func() { p.Run(chromedp.Click(`#outages tr[data-o="1.0"] button`, chromedp.ByQuery)) },
			func() { sc.Link[1].Outages = nil },
			[]string{"A→B 300-360", "A→B 700-750"}},
	}
	var digests []string
	for _, st := range steps {
		digests = append(digests, htmlAttr(p, "data-trace-sha256"))
		st.do()
		st.edit()
		want := nativeDigest(t, sc)
		if want == digests[len(digests)-1] {
			t.Fatalf("%s: the edit does not change the native run; pick other times", st.name)
		}
		waitDigest(p, want)
		if got := rows(); !slices.Equal(got, st.rows) {
			t.Errorf("%s: the table lists %q, want %q", st.name, got, st.rows)
		}
		if got, err := share.Decode(strings.TrimPrefix(locationHash(p), "#s=")); err != nil || nativeDigest(t, got) != want {
			t.Errorf("%s: the URL fragment does not reproduce the run (%v)", st.name, err)
		}
	}
	// Moving the second to overlap the first is refused.
	before := htmlAttr(p, "data-trace-sha256")
	setInput(p, `#outages tr[data-o="0.1"] [data-k="from"]`, "340")
	poll(p, `!document.getElementById("error").hidden`)
	var msg string
	p.Eval(`document.getElementById("error").textContent`, &msg)
	if !strings.Contains(msg, "link.a_to_b.outages[1].from_ms") {
		t.Errorf("the overlap's error is %q, want it to name link.a_to_b.outages[1].from_ms", msg)
	}
	poll(p, `document.querySelector('#outages [data-path="link.a_to_b.outages[1].from_ms"]').classList.contains("bad")`)
	if got := htmlAttr(p, "data-trace-sha256"); got != before {
		t.Error("a refused outage changed the run")
	}
	// Undo walks back through the steps.
	for i := len(digests) - 1; i >= len(digests)-2; i-- {
		p.Run(chromedp.Click("#undo", chromedp.ByQuery))
		waitDigest(p, digests[i])
	}
}
