package i18n

import (
	"os"
	"regexp"
	"testing"

	"tcpplayground/tcpcore/narrate"
)

func TestEveryStringInBothLanguages(t *testing.T) {
	han := regexp.MustCompile(`\p{Han}`)
	for _, k := range Keys() {
		en, zh := T(narrate.English, k), T(narrate.Chinese, k)
		if en == "" || zh == "" {
			t.Errorf("%s: en %q, zh %q", k, en, zh)
		}
		if han.MatchString(en) && k != "k.lang" {
			t.Errorf("%s: the English %q has Chinese in it", k, en)
		}
	}
}

// TestThePageUsesOnlyKnownKeys reads site/index.html: every data-i18n,
// data-i18n-label and data-i18n-title names a key of the table.
func TestThePageUsesOnlyKnownKeys(t *testing.T) {
	page, err := os.ReadFile("../../../site/index.html")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`data-i18n(?:-label|-title)?="([^"]+)"`).FindAllStringSubmatch(string(page), -1)
	if len(used) < 50 {
		t.Fatalf("found only %d data-i18n attributes", len(used))
	}
	for _, m := range used {
		if !Has(m[1]) {
			t.Errorf("index.html uses %q, which is not in the table", m[1])
		}
	}
}
