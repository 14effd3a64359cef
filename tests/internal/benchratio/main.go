// Command benchratio reads two `go test -bench` outputs — native and
// js/wasm — and prints each benchmark's figures side by side with the
// wasm/native ratio. DESIGN.md states the wasm budgets as ratios (at most
// 2.5× native), and ratios from one run are what a noisy machine can report;
// with -count, each side's fastest run.
//
//	benchratio native.txt wasm.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// result is one benchmark line: its metrics by unit (ns/op, B/op, allocs/op, custom).
type result map[string]float64

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchratio native.txt wasm.txt")
		os.Exit(2)
	}
	native, err := readFile(os.Args[1])
	if err == nil {
		var wasm map[string]result
		if wasm, err = readFile(os.Args[2]); err == nil {
			report(os.Stdout, native, wasm)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "benchratio:", err)
	os.Exit(1)
}

func readFile(name string) (map[string]result, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse(f)
}

// parse reads benchmark lines ("BenchmarkX-2  100  123 ns/op  4 B/op ...").
// The -N CPU suffix is dropped so native and wasm names match. A benchmark
// run several times (-count) keeps its fastest run: on a shared machine
// other load only ever adds time, so the minimum is the least disturbed
// figure, and a ratio of two minima is far steadier than one of two
// single runs.
func parse(r io.Reader) (map[string]result, error) {
	out := map[string]result{}
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "pkg:" {
			pkg = f[1]
			continue
		}
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		res := result{}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: bad value %q", f[0], f[i])
			}
			res[f[i+1]] = v
		}
		if prev, ok := out[pkg+"."+name]; ok && prev["ns/op"] <= res["ns/op"] {
			continue
		}
		out[pkg+"."+name] = res
	}
	return out, sc.Err()
}

func report(w io.Writer, native, wasm map[string]result) {
	var names []string
	for n := range native {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "%-60s %-14s %14s %14s %8s\n", "benchmark", "unit", "native", "wasm", "ratio")
	for _, n := range names {
		units := make([]string, 0, len(native[n]))
		for u := range native[n] {
			units = append(units, u)
		}
		sort.Strings(units)
		for _, u := range units {
			nv := native[n][u]
			wv, ok := wasm[n][u]
			ratio := "-"
			if ok && nv != 0 {
				ratio = fmt.Sprintf("%.2f×", wv/nv)
			}
			ws := "-"
			if ok {
				ws = strconv.FormatFloat(wv, 'g', 6, 64)
			}
			fmt.Fprintf(w, "%-60s %-14s %14s %14s %8s\n", n, u, strconv.FormatFloat(nv, 'g', 6, 64), ws, ratio)
		}
	}
}
