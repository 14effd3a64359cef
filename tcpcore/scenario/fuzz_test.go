package scenario

import (
	"bytes"
	"reflect"
	"regexp"
	"testing"
)

// hole is a placeholder of errText's sentences.
var hole = regexp.MustCompile(`\{[0-9me]\}`)

// FuzzDecode: Decode never panics, and whatever it accepts has a canonical
// form that decodes to the same scenario and encodes to the same bytes.
// The committed corpus is in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(full))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Decode(data)
		if err != nil {
			se, ok := err.(*Error)
			if !ok {
				t.Fatalf("Decode error %T %v is not an *Error", err, err)
			}
			// Both wordings fill every hole of their sentence.
			if en, zh := se.Error(), se.Chinese(); hole.MatchString(en+zh) && !hole.Match(data) {
				t.Fatalf("Decode error has an unfilled hole: %q / %q", en, zh)
			}
			return
		}
		m := Marshal(sc)
		sc2, err := Decode(m)
		if err != nil {
			t.Fatalf("Decode(Marshal(Decode(%q))) = %v\ncanonical: %s", data, err, m)
		}
		if !reflect.DeepEqual(sc, sc2) {
			t.Fatalf("round trip changed the scenario:\n%+v\n%+v", sc, sc2)
		}
		if m2 := Marshal(sc2); !bytes.Equal(m, m2) {
			t.Fatalf("Marshal not stable:\n%s\n%s", m, m2)
		}
	})
}
