package narrate_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

var update = flag.Bool("update", false, "rewrite the golden narration files in testdata")

// goldenText is the trace line of every event followed by its narration,
// indented, so a reviewer reads each sentence beside what it explains.
func goldenText(tr *trace.Trace, lang narrate.Lang) string {
	var b []byte
	for i := range tr.Len() {
		b = tr.AppendEvent(b, i)
		b = append(b, "\n    "...)
		b = narrate.AppendEvent(b, tr, i, lang)
		b = append(b, '\n')
	}
	return string(b)
}

// TestGolden narrates the simulator's golden scenarios in both languages
// and compares with testdata/NAME.LANG.golden; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../sim/testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no scenarios in ../sim/testdata")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := scenario.Decode(data)
			if err != nil {
				t.Fatalf("Decode(%s): %v", f, err)
			}
			tr, err := sim.Run(sc)
			if err != nil {
				t.Fatalf("Run(%s): %v", f, err)
			}
			for lang := range narrate.NumLangs {
				got := goldenText(tr, lang)
				golden := filepath.Join("testdata", name+"."+lang.String()+".golden")
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if got != string(want) {
					gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
					for i := range min(len(gl), len(wl)) {
						if gl[i] != wl[i] {
							t.Fatalf("%s line %d:\n got %s\nwant %s", golden, i+1, gl[i], wl[i])
						}
					}
					t.Fatalf("%s: %d lines, want %d", golden, len(gl), len(wl))
				}
			}
		})
	}
}

// TestNoAllocations: the page narrates the current event on every step, so
// appending a narration into a reused buffer must not allocate.
func TestNoAllocations(t *testing.T) {
	data, err := os.ReadFile("../sim/testdata/faults.json")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := sim.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 1024)
	for lang := range narrate.NumLangs {
		allocs := testing.AllocsPerRun(5, func() {
			for i := range tr.Len() {
				buf = narrate.AppendEvent(buf[:0], tr, i, lang)
			}
		})
		if allocs != 0 {
			t.Errorf("%v: narrating faults.json allocates %v times, want 0", lang, allocs)
		}
	}
}

// TestDeterministic: the same event always reads the same.
func TestDeterministic(t *testing.T) {
	data, err := os.ReadFile("../sim/testdata/lossy.json")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := sim.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	for lang := range narrate.NumLangs {
		if a, b := goldenText(tr, lang), goldenText(tr, lang); a != b {
			t.Errorf("%v: two narrations of one trace differ", lang)
		}
	}
}

// BenchmarkAppendEvent narrates every event of the lossy scenario, the
// page's per-step cost.
func BenchmarkAppendEvent(b *testing.B) {
	data, err := os.ReadFile("../sim/testdata/lossy.json")
	if err != nil {
		b.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	tr, err := sim.Run(sc)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		for i := range tr.Len() {
			buf = narrate.AppendEvent(buf[:0], tr, i, narrate.Chinese)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tr.Len()), "ns/event")
}

func TestParseLang(t *testing.T) {
	for lang := range narrate.NumLangs {
		if got, ok := narrate.ParseLang(lang.String()); !ok || got != lang {
			t.Errorf("ParseLang(%q) = %v, %v, want %v, true", lang.String(), got, ok, lang)
		}
	}
	if _, ok := narrate.ParseLang("fr"); ok {
		t.Errorf("ParseLang(%q) succeeded, want false", "fr")
	}
}

func TestPick(t *testing.T) {
	for _, c := range []struct {
		l            narrate.Lang
		en, zh, want string
	}{
		{narrate.English, "queue", "队列", "queue"},
		{narrate.Chinese, "queue", "队列", "队列"},
		{narrate.Chinese, "Handshake", "", "Handshake"}, // a text with no Chinese
	} {
		if got := c.l.Pick(c.en, c.zh); got != c.want {
			t.Errorf("%v.Pick(%q, %q) = %q, want %q", c.l, c.en, c.zh, got, c.want)
		}
	}
}
