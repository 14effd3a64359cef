package main

import (
	"strings"
	"testing"
)

func TestSummariseCountsAndReportsSkipsAsFailures(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"ok a\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"b broke\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestB"}`,
		`{"Action":"output","Package":"p","Test":"TestC","Output":"no tool\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestC"}`,
		`{"Action":"fail","Package":"p","Elapsed":1.5}`,
		`# p [build failed]`,
	}, "\n")
	var out strings.Builder
	got, err := summarise(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if got != (tally{passed: 1, failed: 1, skipped: 1}) {
		t.Errorf("summarise = %+v, want 1 passed, 1 failed, 1 skipped", got)
	}
	for _, want := range []string{"b broke", "SKIPPED (a skip is a failure here):\nno tool", "# p [build failed]", "FAIL p 1.50s", "tests: 1 passed, 1 failed, 1 skipped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "ok a") {
		t.Errorf("output of a passing test was printed:\n%s", out.String())
	}
}
