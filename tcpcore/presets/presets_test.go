package presets

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
)

// TestMenu checks the menu table against data/: every document is in the
// menu exactly once, every topic has presets and a title in both
// languages, and Lookup finds every preset.
func TestMenu(t *testing.T) {
	files, err := filepath.Glob("data/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range All() {
		names = append(names, p.Name)
		if got, ok := Lookup(p.Name); !ok || got.Name != p.Name || got.Topic != p.Topic {
			t.Errorf("Lookup(%q) = %q, %v", p.Name, got.Name, ok)
		}
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "data/"), ".json")
		if n := countOf(names, name); n != 1 {
			t.Errorf("%s is in the menu %d times, want once", f, n)
		}
		// The documents are embedded one by one: check each is its file.
		if p, ok := Lookup(name); ok {
			if want, _ := os.ReadFile(f); !bytes.Equal(p.JSON, want) {
				t.Errorf("preset %s is not the document %s", name, f)
			}
		}
	}
	if len(names) != len(files) {
		t.Errorf("the menu has %d presets, data/ %d documents", len(names), len(files))
	}
	for _, tp := range Topics() {
		if tp.Title.EN == "" || tp.Title.ZH == "" {
			t.Errorf("topic %q: title %+v, want English and Chinese", tp.Name, tp.Title)
		}
		if !slices.ContainsFunc(All(), func(p Preset) bool { return p.Topic == tp.Name }) {
			t.Errorf("topic %q has no presets", tp.Name)
		}
	}
	if _, ok := Lookup("no-such-preset"); ok {
		t.Error(`Lookup("no-such-preset") found one`)
	}
}

func countOf(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// TestDocuments decodes every preset and checks its texts: a title and a
// description in English and Chinese, and the document in the canonical
// form's field names (a round trip through Marshal decodes the same).
func TestDocuments(t *testing.T) {
	for _, p := range All() {
		t.Run(p.Name, func(t *testing.T) {
			sc, err := scenario.Decode(p.JSON)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			for what, s := range map[string]string{
				"title.en": sc.Title.EN, "title.zh": sc.Title.ZH,
				"description.en": sc.Description.EN, "description.zh": sc.Description.ZH,
			} {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s is empty", what)
				}
			}
			// The Chinese texts are Chinese: mostly not ASCII.
			if zh := sc.Description.ZH; utf8.RuneCountInString(zh) == len(zh) {
				t.Errorf("description.zh %q has no Chinese", zh)
			}
			if strings.Contains(p.Name, "_") || strings.ToLower(p.Name) != p.Name {
				t.Errorf("name %q: want lowercase words joined by '-'", p.Name)
			}
			again, err := scenario.Decode(scenario.Marshal(p.Scenario()))
			if err != nil {
				t.Fatalf("Decode(Marshal): %v", err)
			}
			if string(scenario.Marshal(again)) != string(scenario.Marshal(sc)) {
				t.Error("Marshal does not round-trip")
			}
		})
	}
}

// maxSegments keeps every preset readable on a ladder diagram and well
// inside the 10 ms budget: a few segments for the handshake presets, a few
// hundred for the loss ones, a couple of thousand for the bulk ones.
const maxSegments = 2500

func TestSize(t *testing.T) {
	for _, p := range All() {
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if n := tr.NumSegments(); n > maxSegments {
			t.Errorf("%s sends %d segments, more than %d", p.Name, n, maxSegments)
		}
	}
}

// TestNarrated: every event of every preset has a sentence in English and
// in Chinese, so that a lecturer can step through any preset in either
// language without a silent step.
func TestNarrated(t *testing.T) {
	for _, p := range All() {
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		var b []byte
		for i := range tr.Len() {
			for _, lang := range []narrate.Lang{narrate.English, narrate.Chinese} {
				b = narrate.AppendEvent(b[:0], tr, i, lang)
				if len(b) == 0 {
					t.Errorf("%s: no %v narration for %s", p.Name, lang, tr.Format(i))
				} else if lang == narrate.Chinese && utf8.RuneCount(b) == len(b) {
					t.Errorf("%s: the Chinese narration of %s is %q", p.Name, tr.Format(i), b)
				}
			}
		}
	}
}
