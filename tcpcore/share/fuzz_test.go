package share

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tcpplayground/tcpcore/scenario"
)

// FuzzDecode: Decode never panics on any text, every error is an *Error
// or a *scenario.Error, and whatever it accepts encodes to a fragment
// that decodes to the same scenario. The committed corpus is in
// testdata/fuzz/FuzzDecode; the committed v1 and v2 links seed it too,
// and links shortened for display.
func FuzzDecode(f *testing.F) {
	frags, _ := filepath.Glob("testdata/v[0-9]*/*.frag")
	for _, p := range frags {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(strings.TrimSpace(string(b)))
	}
	f.Add("")
	f.Add("2AAAA")
	f.Add("2AAAA…")
	f.Fuzz(func(t *testing.T, frag string) {
		sc, err := Decode(frag)
		if err != nil {
			var se *scenario.Error
			var fe *Error
			if !errors.As(err, &se) && !errors.As(err, &fe) {
				t.Fatalf("Decode(%q) error %T %v is neither *Error nor *scenario.Error", frag, err, err)
			}
			return
		}
		sc2, err := Decode(Encode(sc))
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(%q))) = %v", frag, err)
		}
		if !reflect.DeepEqual(sc, sc2) {
			t.Fatalf("re-encoding changed the scenario:\n%s\n%s", scenario.Marshal(sc), scenario.Marshal(sc2))
		}
	})
}
