// Command testsum reads `go test -json` on standard input, prints the output
// of every failed or skipped test, one line per package, and a closing line
// "tests: N passed, N failed, N skipped". It exits non-zero when anything
// failed or was skipped: in this project a skipped test is a failing test,
// because tests/run installs every tool a test needs.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type tally struct{ passed, failed, skipped int }

func main() {
	t, err := summarise(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		os.Exit(1)
	}
	if t.failed > 0 || t.skipped > 0 {
		os.Exit(1)
	}
}

func summarise(in io.Reader, out io.Writer) (tally, error) {
	var t tally
	outputs := map[string]*strings.Builder{} // package/test → its output so far
	var pkgLines []string
	var bad []string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			// go test prints build errors as plain text.
			fmt.Fprintln(out, string(line))
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			b := outputs[key]
			if b == nil {
				b = &strings.Builder{}
				outputs[key] = b
			}
			b.WriteString(e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "skip"}[e.Action]
				pkgLines = append(pkgLines, fmt.Sprintf("%s %s %.2fs", status, e.Package, e.Elapsed))
				if e.Action == "fail" && outputs[key] != nil {
					bad = append(bad, outputs[key].String()) // build failures and package-level panics
				}
				continue
			}
			switch e.Action {
			case "pass":
				t.passed++
			case "fail":
				t.failed++
				if b := outputs[key]; b != nil {
					bad = append(bad, b.String())
				}
			case "skip":
				t.skipped++
				if b := outputs[key]; b != nil {
					bad = append(bad, "SKIPPED (a skip is a failure here):\n"+b.String())
				}
			}
			delete(outputs, key)
		}
	}
	if err := sc.Err(); err != nil {
		return t, err
	}
	for _, b := range bad {
		fmt.Fprint(out, b)
	}
	sort.Strings(pkgLines)
	for _, l := range pkgLines {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintf(out, "tests: %d passed, %d failed, %d skipped\n", t.passed, t.failed, t.skipped)
	return t, nil
}
