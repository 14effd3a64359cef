package sim

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
)

// FuzzRun: any valid scenario (kept small) runs without panicking, ends
// with exactly one End event, and is deterministic. The seeds are the
// golden scenarios in testdata.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := scenario.Decode(data)
		if err != nil {
			return
		}
		total := 0
		for _, c := range sc.Connections {
			for _, a := range c.Timeline {
				total += a.Len()
			}
		}
		if total > 200_000 {
			return // keep each run short
		}
		tr, err := Run(sc)
		var le *LimitError
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("Run: %v", err)
		}
		n := tr.Len()
		if n == 0 || tr.Event(n-1).Kind != trace.End {
			t.Fatalf("the trace does not end with an End event")
		}
		for i := range n - 1 {
			if tr.Event(i).Kind == trace.End {
				t.Fatalf("End event at %d of %d", i, n)
			}
		}
		again, _ := Run(sc)
		if again.Text() != tr.Text() {
			t.Fatal("two runs differ")
		}
	})
}
