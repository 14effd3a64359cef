package scenario

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// MarshalIndent writes what json.Indent makes of Marshal, and Decode reads
// it back, for every scenario the package's tests and corpus decode.
func TestMarshalIndent(t *testing.T) {
	docs := [][]byte{[]byte(minimal), []byte(full)}
	files, _ := filepath.Glob("testdata/fuzz/FuzzDecode/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	n := 0
	for _, d := range docs {
		if checkIndent(t, d) {
			n++
		}
	}
	if n < 2 {
		t.Fatalf("only %d documents decoded", n)
	}
}

// FuzzMarshalIndent: the same for whatever the fuzzer finds that decodes.
func FuzzMarshalIndent(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(full))
	f.Fuzz(func(t *testing.T, data []byte) { checkIndent(t, data) })
}

func checkIndent(t *testing.T, data []byte) bool {
	t.Helper()
	sc, err := Decode(data)
	if err != nil {
		return false
	}
	var want bytes.Buffer
	if err := json.Indent(&want, Marshal(sc), "", "  "); err != nil {
		t.Fatal(err)
	}
	got := MarshalIndent(sc)
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("MarshalIndent:\n%s\njson.Indent:\n%s", got, want.Bytes())
	}
	sc2, err := Decode(got)
	if err != nil || !reflect.DeepEqual(sc, sc2) {
		t.Fatalf("Decode(MarshalIndent) = %v, %v; want %v", sc2, err, sc)
	}
	return true
}
