package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tcpplayground/tcpcore/capture"
	"tcpplayground/tcpcore/pcap"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

const handshake = "testdata/handshake.json"

// simulated runs a scenario file directly, for the output tcpsim must print.
func simulated(t *testing.T, name string) *trace.Trace {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := sim.Run(sc)
	var limit *sim.LimitError
	if err != nil && !errors.As(err, &limit) {
		t.Fatal(err)
	}
	return tr
}

// writeFile writes content to a file in a fresh directory and returns its
// name.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRun(t *testing.T) {
	handshakeJSON, err := os.ReadFile(handshake)
	if err != nil {
		t.Fatal(err)
	}
	text := simulated(t, handshake).Text()
	jsonLines := string(simulated(t, handshake).JSONLines())
	limitTrace := simulated(t, "testdata/time_limit.json").Text()

	// A scenario with an out-of-range value, one with a wrong type and one
	// that is not JSON at all.
	outOfRange := writeFile(t, "mss.json", strings.Replace(string(handshakeJSON), `"port": 40000`, `"port": 40000, "mss": 20`, 1))
	wrongType := writeFile(t, "seed.json", strings.Replace(string(handshakeJSON), `"seed": 1`, `"seed": "one"`, 1))
	notJSON := writeFile(t, "broken.json", `{"version": 1,`)
	unknownField := writeFile(t, "field.json", strings.Replace(string(handshakeJSON), `"b": {"port": 80}`, `"b": {"port": 80, "colour": "red"}`, 1))
	missingDir := filepath.Join(t.TempDir(), "no", "such", "dir", "out.pcap")

	tests := []struct {
		name       string
		args       []string
		stdin      string
		status     int
		stdout     string   // exact, unless empty and stdoutHas is set
		stdoutHas  []string // substrings of stdout
		stderrHas  []string // substrings of stderr; stderr must be empty when nil and status is 0
		stdoutNone bool     // stdout must be empty
	}{
		// help and usage
		{name: "no arguments", args: nil, status: 2, stderrHas: []string{"usage:"}, stdoutNone: true},
		{name: "--help", args: []string{"--help"}, status: 0,
			stdoutHas: []string{"tcpsim run", "tcpsim check", "tcpsim presets", "-format", "-lang en|zh", "-pcap", "-vantage", "exit status"}},
		{name: "-h", args: []string{"-h"}, status: 0, stdoutHas: []string{"usage:"}},
		{name: "help", args: []string{"help"}, status: 0, stdoutHas: []string{"usage:"}},
		{name: "run -h", args: []string{"run", "-h"}, status: 0, stdoutHas: []string{"-vantage A|B|link"}},
		{name: "unknown command", args: []string{"simulate", handshake}, status: 2, stderrHas: []string{`unknown command "simulate"`}, stdoutNone: true},

		// presets
		{name: "presets with an argument", args: []string{"presets", "x"}, status: 2, stderrHas: []string{"no arguments"}},
		{name: "presets bad lang", args: []string{"presets", "-lang", "fr"}, status: 2, stdoutNone: true, stderrHas: []string{`-lang "fr"`}},

		// check
		{name: "check valid", args: []string{"check", handshake}, status: 0, stdout: "ok\n"},
		{name: "check stdin", args: []string{"check", "-"}, stdin: string(handshakeJSON), status: 0, stdout: "ok\n"},
		{name: "check out of range", args: []string{"check", outOfRange}, status: 2, stdoutNone: true,
			stderrHas: []string{outOfRange, "connections[0].a.mss: 20 is out of range 64..65495"}},
		{name: "check out of range in Chinese", args: []string{"check", "-lang", "zh", outOfRange}, status: 2, stdoutNone: true,
			stderrHas: []string{outOfRange, "connections[0].a.mss：20 超出范围"}},
		{name: "check bad lang", args: []string{"check", "-lang", "fr", handshake}, status: 2, stdoutNone: true, stderrHas: []string{`-lang "fr"`}},
		{name: "check wrong type", args: []string{"check", wrongType}, status: 2, stdoutNone: true,
			stderrHas: []string{wrongType, "seed: "}},
		{name: "check unknown field", args: []string{"check", unknownField}, status: 2, stdoutNone: true,
			stderrHas: []string{"connections[0].b", "colour"}},
		{name: "check not JSON", args: []string{"check", notJSON}, status: 2, stdoutNone: true, stderrHas: []string{notJSON}},
		{name: "check missing file", args: []string{"check", "testdata/missing.json"}, status: 1, stdoutNone: true,
			stderrHas: []string{"testdata/missing.json"}},
		{name: "check no file", args: []string{"check"}, status: 2, stderrHas: []string{"want one scenario"}},
		{name: "check two files", args: []string{"check", handshake, handshake}, status: 2, stderrHas: []string{"want one scenario"}},

		// run
		{name: "run text", args: []string{"run", handshake}, status: 0, stdout: text},
		{name: "run json", args: []string{"run", "-format", "json", handshake}, status: 0, stdout: jsonLines},
		{name: "run flags after the file", args: []string{"run", handshake, "-format=json"}, status: 0, stdout: jsonLines},
		{name: "run file after --", args: []string{"run", "-format", "json", "--", handshake}, status: 0, stdout: jsonLines},
		{name: "run stdin", args: []string{"run", "-"}, stdin: string(handshakeJSON), status: 0, stdout: text},
		{name: "run format none", args: []string{"run", "-format", "none", handshake}, status: 0, stdoutNone: true},
		{name: "run invalid scenario", args: []string{"run", outOfRange}, status: 2, stdoutNone: true,
			stderrHas: []string{"connections[0].a.mss"}},
		{name: "run invalid scenario in Chinese", args: []string{"run", "-lang", "zh", outOfRange}, status: 2, stdoutNone: true,
			stderrHas: []string{"connections[0].a.mss：20 超出范围"}},
		{name: "run bad format", args: []string{"run", "-format", "xml", handshake}, status: 2, stdoutNone: true,
			stderrHas: []string{`-format "xml"`}},
		{name: "run unknown flag", args: []string{"run", "-speed", "2", handshake}, status: 2, stdoutNone: true,
			stderrHas: []string{"-speed"}},
		{name: "run bad vantage", args: []string{"run", "-pcap", filepath.Join(t.TempDir(), "x.pcap"), "-vantage", "C", handshake},
			status: 2, stdoutNone: true, stderrHas: []string{`-vantage "C"`}},
		{name: "run vantage without pcap", args: []string{"run", "-vantage", "B", handshake}, status: 2, stdoutNone: true,
			stderrHas: []string{"-vantage needs -pcap"}},
		{name: "run unknown preset", args: []string{"run", "bulk"}, status: 1, stdoutNone: true,
			stderrHas: []string{"bulk: no such file, and no preset"}},
		// ./NAME is a file, never a preset.
		{name: "run ./preset name", args: []string{"run", "./handshake"}, status: 1, stdoutNone: true,
			stderrHas: []string{"./handshake"}},
		{name: "run missing file", args: []string{"run", "testdata/missing.json"}, status: 1, stdoutNone: true,
			stderrHas: []string{"testdata/missing.json"}},
		{name: "run pcap unwritable", args: []string{"run", "-format", "none", "-pcap", missingDir, handshake}, status: 1,
			stderrHas: []string{missingDir}},
		// A hard limit prints the trace so far, says why and fails.
		{name: "run time limit", args: []string{"run", "testdata/time_limit.json"}, status: 1, stdout: limitTrace,
			stderrHas: []string{"testdata/time_limit.json", "10m0s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if status != tt.status {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tt.args, status, tt.status, stderr.String())
			}
			if tt.stdout != "" && stdout.String() != tt.stdout {
				t.Errorf("run(%q) printed %d bytes on stdout, want %d:\n%.500s", tt.args, stdout.Len(), len(tt.stdout), stdout.String())
			}
			if tt.stdoutNone && stdout.Len() != 0 {
				t.Errorf("run(%q) printed on stdout:\n%.500s\nwant nothing", tt.args, stdout.String())
			}
			for _, s := range tt.stdoutHas {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("run(%q) stdout does not contain %q:\n%s", tt.args, s, stdout.String())
				}
			}
			for _, s := range tt.stderrHas {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("run(%q) stderr = %q, want it to contain %q", tt.args, stderr.String(), s)
				}
			}
			if tt.status == 0 && stderr.Len() != 0 {
				t.Errorf("run(%q) succeeded but wrote to stderr: %q", tt.args, stderr.String())
			}
		})
	}
}

// TestPresets lists the presets in both languages and runs and checks
// each by name: tcpsim prints the same trace as simulating the preset's
// document.
func TestPresets(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		var stdout, stderr bytes.Buffer
		if status := run([]string{"presets", "-lang", lang}, nil, &stdout, &stderr); status != 0 {
			t.Fatalf("tcpsim presets -lang %s = %d; stderr: %s", lang, status, stderr.String())
		}
		lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
		all := presets.All()
		if len(lines) != len(all) {
			t.Fatalf("tcpsim presets -lang %s printed %d lines, want one per preset (%d)", lang, len(lines), len(all))
		}
		for i, p := range all {
			title := p.Scenario().Title.EN
			if lang == "zh" {
				title = p.Scenario().Title.ZH
			}
			if f := strings.Fields(lines[i]); len(f) < 3 || f[0] != p.Name || f[1] != p.Topic || strings.Join(f[2:], " ") != title {
				t.Errorf("tcpsim presets -lang %s line %d = %q, want %s, %s and %q", lang, i+1, lines[i], p.Name, p.Topic, title)
			}
		}
	}
	for _, p := range presets.All() {
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		if status := run([]string{"run", p.Name}, nil, &stdout, &stderr); status != 0 || stdout.String() != tr.Text() {
			t.Errorf("tcpsim run %s = %d, printed %d bytes, want 0 and the trace's %d; stderr: %s",
				p.Name, status, stdout.Len(), len(tr.Text()), stderr.String())
		}
		stdout.Reset()
		if status := run([]string{"check", p.Name}, nil, &stdout, &stderr); status != 0 || stdout.String() != "ok\n" {
			t.Errorf("tcpsim check %s = %d, %q", p.Name, status, stdout.String())
		}
	}
}

// TestRunWritesPcap writes the handshake's pcap from each vantage and reads
// it back: a LINKTYPE_RAW nanosecond file with the packets capture.Count
// says, the first a SYN from A at time 0.
func TestRunWritesPcap(t *testing.T) {
	tr := simulated(t, handshake)
	for _, v := range []string{"", "A", "B", "link"} {
		t.Run("vantage="+v, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "run.pcap")
			args := []string{"run", "-format", "none", "-pcap", path}
			if v != "" {
				args = append(args, "-vantage", v)
			}
			args = append(args, handshake)
			var stdout, stderr bytes.Buffer
			if status := run(args, nil, &stdout, &stderr); status != 0 {
				t.Fatalf("run(%q) = %d, want 0; stderr:\n%s", args, status, stderr.String())
			}
			want := capture.VantageA // the default
			if v != "" {
				want, _ = capture.ParseVantage(v)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r, err := pcap.NewReader(f)
			if err != nil {
				t.Fatalf("pcap.NewReader: %v", err)
			}
			if r.LinkType() != 101 || !r.Nanosecond() {
				t.Errorf("link type %d, nanosecond %v; want 101, true", r.LinkType(), r.Nanosecond())
			}
			n := 0
			for {
				at, pkt, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("Next after %d packets: %v", n, err)
				}
				if n == 0 {
					a := tr.Addr(trace.A)
					syn := pkt[20+13]&0x02 != 0
					// From B's vantage the first packet is the SYN arriving.
					if !bytes.Equal(pkt[12:16], a[:]) || !syn || (want != capture.VantageB && at != 0) {
						t.Errorf("first packet at %v from %v, SYN %v; want A's SYN", at, pkt[12:16], syn)
					}
				}
				n++
			}
			if c := capture.Count(tr, want); n != c || n == 0 {
				t.Errorf("read %d packets, want capture.Count = %d", n, c)
			}
		})
	}
}
