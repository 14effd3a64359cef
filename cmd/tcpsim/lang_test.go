package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"tcpplayground/tcpcore/narrate"
)

// TestRunNarrates checks -lang: every event's line (text) or object (JSON)
// is followed by, or carries, its narration in the language asked for.
func TestRunNarrates(t *testing.T) {
	tr := simulated(t, handshake)
	events := strings.Split(strings.TrimSuffix(tr.Text(), "\n"), "\n")
	objects := strings.Split(strings.TrimSuffix(string(tr.JSONLines()), "\n"), "\n")
	for _, tt := range []struct {
		lang string
		want narrate.Lang
	}{{"en", narrate.English}, {"zh", narrate.Chinese}} {
		t.Run("text/"+tt.lang, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run([]string{"run", "-lang", tt.lang, handshake}, nil, &stdout, &stderr); status != 0 {
				t.Fatalf("run -lang %s = %d, want 0; stderr:\n%s", tt.lang, status, stderr.String())
			}
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			j := 0
			for i, ev := range events {
				if j >= len(lines) || lines[j] != ev {
					t.Fatalf("line %d = %q, want event %d's line %q", j+1, lines[min(j, len(lines)-1)], i, ev)
				}
				j++
				if want := narrate.Event(tr, i, tt.want); want != "" {
					if j >= len(lines) || lines[j] != "    # "+want {
						t.Fatalf("line %d after event %q = %q, want %q", j+1, ev, lines[min(j, len(lines)-1)], "    # "+want)
					}
					j++
				}
			}
			if j != len(lines) {
				t.Errorf("%d lines, want %d", len(lines), j)
			}
			if tt.want == narrate.Chinese && !strings.ContainsFunc(stdout.String(), func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("-lang zh printed no Chinese")
			}
		})
		t.Run("json/"+tt.lang, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run([]string{"run", "-lang", tt.lang, "-format", "json", handshake}, nil, &stdout, &stderr); status != 0 {
				t.Fatalf("run -lang %s -format json = %d, want 0; stderr:\n%s", tt.lang, status, stderr.String())
			}
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			if len(lines) != len(objects) {
				t.Fatalf("%d lines, want one per event (%d)", len(lines), len(objects))
			}
			for i, line := range lines {
				var withNarration, without map[string]any
				if err := json.Unmarshal([]byte(line), &withNarration); err != nil {
					t.Fatalf("line %d %q: %v", i+1, line, err)
				}
				if err := json.Unmarshal([]byte(objects[i]), &without); err != nil {
					t.Fatal(err)
				}
				if got, want := withNarration["narration"], narrate.Event(tr, i, tt.want); want != "" && got != want {
					t.Errorf("line %d narration = %q, want %q", i+1, got, want)
				}
				delete(withNarration, "narration")
				if len(withNarration) != len(without) {
					t.Errorf("line %d = %s, want %s plus a narration", i+1, line, objects[i])
				}
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if status := run([]string{"run", "-lang", "fr", handshake}, nil, &stdout, &stderr); status != 2 || !strings.Contains(stderr.String(), `-lang "fr"`) {
		t.Errorf("run -lang fr = %d, stderr %q; want 2 naming the flag", status, stderr.String())
	}
}
