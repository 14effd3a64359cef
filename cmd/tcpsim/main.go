package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"tcpplayground/tcpcore/capture"
	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// The exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // an unreadable file, a limit hit, a write error
	exitInvalid = 2 // an invalid scenario, or bad usage
)

const usage = `tcpsim runs TCP Playground scenarios: two real TCP endpoints over a
simulated link, in virtual time.

usage:
  tcpsim run [flags] PRESET|FILE.json|-
                                   simulate the scenario and print its trace
  tcpsim check [-lang en|zh] PRESET|FILE.json|-
                                   validate the scenario; prints "ok", or
                                   what is wrong (in English, or Chinese)
  tcpsim presets [-lang en|zh]     list the built-in presets: name, topic
                                   and title (in English, or Chinese)
  tcpsim help                      print this help

PRESET is a built-in preset's name (tcpsim presets lists them; a name
with no '.' or '/' is a preset's if there is one, so write ./NAME for a
file of that name); "-" reads the scenario from standard input. Flags may
come before or after the file.

flags of run:
  -format text|json|none
        how to print the trace (default text): text is one packetdrill-like
        line per event (the simulator's golden-file format); json is one
        JSON object per line (JSON Lines; times in nanoseconds, raw
        sequence numbers); none prints nothing (with -pcap)
  -lang en|zh
        narrate every event in English or Chinese: with -format text, a line
        "    # sentence" under each event's line; with -format json, a
        "narration" field in each object; an invalid scenario's message is
        in that language too
  -pcap FILE
        also write the packets as a pcap file (LINKTYPE_RAW, nanosecond
        timestamps = the virtual time, so the run starts at the Unix
        epoch) for Wireshark or tshark
  -vantage A|B|link
        where the pcap is captured (default A): A or B, every packet as
        that host's interface sees it (sent at the send time, received at
        the arrival time; a packet that arrived corrupted shows a bad
        checksum; lost packets never arrive); link, every packet as it
        enters the link, before any loss. Every connection is in the one
        file; they differ by their ports.

flags of presets:
  -lang en|zh
        the language of the titles (default en)

examples:
  tcpsim presets
  tcpsim run lost-syn
  tcpsim check lossy.json
  tcpsim run lossy.json | grep dropped
  tcpsim run -lang zh handshake.json
  tcpsim run -format json lossy.json | jq -c 'select(.kind == "rtt")'
  tcpsim run -format none -pcap lossy.pcap -vantage B lossy.json
  tshark -r lossy.pcap -Y 'tcp.analysis.retransmission'

exit status:
  0  success
  1  an error other than the scenario's: unreadable file, a run stopped by
     a hard limit (the trace so far is printed), a pcap write error
  2  an invalid scenario (the message names the JSON path), or bad usage
`

// run is the whole command; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitInvalid
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "run":
		return runCommand(args[1:], stdin, stdout, stderr)
	case "check":
		return checkCommand(args[1:], stdin, stdout, stderr)
	case "presets":
		return presetsCommand(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "tcpsim: unknown command %q (want run, check, presets or help; tcpsim --help)\n", args[0])
	return exitInvalid
}

// runConfig is what tcpsim run was asked to do.
type runConfig struct {
	source  string // a file name, or "-" for standard input
	format  string // "text", "json" or "none"
	pcap    string // the pcap file to write, "" for none
	vantage capture.Vantage
	narrate bool // narrate each event in lang
	lang    narrate.Lang
}

// parseFlags parses a subcommand's flags, which may come before or after
// its arguments (Go's flag package stops at the first argument), and
// returns the arguments. After "--" everything is an argument.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		args = rest
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// newFlagSet returns a FlagSet that reports a bad flag to stderr; the
// usage is printed by flagError, not by the flag package.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	return fs
}

// flagError handles a subcommand's flag parsing error and returns the exit
// status: -h prints the usage on stdout and succeeds (it was asked for);
// a bad flag, which the flag package has already named on stderr, is a
// usage error.
func flagError(name string, err error, stdout, stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "tcpsim %s: see tcpsim --help\n", name)
	return exitInvalid
}

func runCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("run", stderr)
	cfg := runConfig{vantage: capture.VantageA}
	fs.StringVar(&cfg.format, "format", "text", "text, json or none")
	fs.StringVar(&cfg.pcap, "pcap", "", "write the packets to this pcap file")
	vantage := fs.String("vantage", "", "A, B or link")
	lang := fs.String("lang", "", "en or zh")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return flagError("run", err, stdout, stderr)
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "tcpsim run: want one scenario (FILE.json or - for standard input); tcpsim --help")
		return exitInvalid
	}
	cfg.source = positional[0]
	switch cfg.format {
	case "text", "json", "none":
	default:
		fmt.Fprintf(stderr, "tcpsim run: -format %q: want text, json or none\n", cfg.format)
		return exitInvalid
	}
	if *lang != "" {
		if cfg.lang, cfg.narrate = narrate.ParseLang(*lang); !cfg.narrate {
			fmt.Fprintf(stderr, "tcpsim run: -lang %q: want en or zh\n", *lang)
			return exitInvalid
		}
	}
	if *vantage != "" {
		if cfg.pcap == "" {
			fmt.Fprintln(stderr, "tcpsim run: -vantage needs -pcap FILE")
			return exitInvalid
		}
		if cfg.vantage, err = capture.ParseVantage(*vantage); err != nil {
			fmt.Fprintf(stderr, "tcpsim run: -vantage %q: want A, B or link\n", *vantage)
			return exitInvalid
		}
	}
	return simulate(cfg, stdin, stdout, stderr)
}

// simulate runs a scenario and writes its trace and pcap.
func simulate(cfg runConfig, stdin io.Reader, stdout, stderr io.Writer) int {
	sc, status := load(cfg.source, stdin, stderr, cfg.lang)
	if sc == nil {
		return status
	}
	tr, runErr := sim.Run(sc)
	var invalid *scenario.Error
	if errors.As(runErr, &invalid) {
		fmt.Fprintf(stderr, "tcpsim: %s: %v\n", cfg.source, runErr)
		return exitInvalid
	}
	// A hard limit still returns the trace so far: print it, then fail.
	var limit *sim.LimitError
	if runErr != nil && !errors.As(runErr, &limit) {
		fmt.Fprintf(stderr, "tcpsim: %s: %v\n", cfg.source, runErr)
		return exitFailure
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	switch {
	case cfg.format == "none":
	case !cfg.narrate && cfg.format == "text":
		out.WriteString(tr.Text())
	case !cfg.narrate && cfg.format == "json":
		out.Write(tr.JSONLines())
	default:
		writeNarrated(out, tr, cfg.format, cfg.lang)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "tcpsim: writing the trace: %v\n", err)
		return exitFailure
	}
	if cfg.pcap != "" {
		if err := writePcap(cfg.pcap, tr, cfg.vantage); err != nil {
			fmt.Fprintf(stderr, "tcpsim: %v\n", err)
			return exitFailure
		}
	}
	if limit != nil {
		fmt.Fprintf(stderr, "tcpsim: %s: %v\n", cfg.source, limit)
		return exitFailure
	}
	return exitOK
}

// writeNarrated writes the trace with each event's narration in lang: in
// text, a "    # " line under the event's line; in JSON, a "narration"
// field at the end of each object.
func writeNarrated(out *bufio.Writer, tr *trace.Trace, format string, lang narrate.Lang) {
	var line, sentence []byte
	for i := range tr.Len() {
		sentence = narrate.AppendEvent(sentence[:0], tr, i, lang)
		if format == "text" {
			line = tr.AppendEvent(line[:0], i)
			line = append(line, '\n')
			if len(sentence) > 0 {
				line = append(line, "    # "...)
				line = append(line, sentence...)
				line = append(line, '\n')
			}
		} else {
			line = tr.AppendJSON(line[:0], i)
			if len(sentence) > 0 {
				line = append(line[:len(line)-1], `,"narration":`...) // drop the closing brace
				line = appendJSONString(line, sentence)
				line = append(line, '}')
			}
			line = append(line, '\n')
		}
		out.Write(line)
	}
}

// appendJSONString appends s as a JSON string. json.Marshal would escape
// <, > and & for HTML, which a JSON Lines reader does not need.
func appendJSONString(b, s []byte) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(string(s)) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// writePcap writes the run's packets from vantage v to the file name.
func writePcap(name string, tr *trace.Trace, v capture.Vantage) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	_, err = capture.Write(w, tr, v)
	if err == nil {
		err = w.Flush()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// load reads and decodes the scenario named by source ("-": standard
// input). On failure it has reported the error and returns a nil scenario
// and the exit status.
func load(source string, stdin io.Reader, stderr io.Writer, lang narrate.Lang) (*scenario.Scenario, int) {
	data, err := readSource(source, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "tcpsim: %v\n", err)
		return nil, exitFailure
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		// Decode's errors are *scenario.Error: "path: what is wrong",
		// worded in Chinese too (the same path, values and limits).
		msg := err.Error()
		if zh, ok := err.(interface{ Chinese() string }); ok {
			msg = lang.Pick(msg, zh.Chinese())
		}
		fmt.Fprintf(stderr, "tcpsim: %s: %s\n", source, msg)
		return nil, exitInvalid
	}
	return sc, exitOK
}

// readSource reads a preset's document, a scenario file, or standard input
// for "-". A bare name (no '.' and no path separator) is a preset's when
// there is one of that name; ./NAME reads the file. It reads at most one
// byte more than scenario.MaxInputBytes, so that a huge file is refused by
// Decode's size check without being read whole.
func readSource(source string, stdin io.Reader) ([]byte, error) {
	if isBareName(source) {
		if p, ok := presets.Lookup(source); ok {
			return p.JSON, nil
		}
	}
	r := stdin
	if source != "-" {
		f, err := os.Open(source)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && isBareName(source) {
				return nil, fmt.Errorf("%s: no such file, and no preset of that name (tcpsim presets)", source)
			}
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, scenario.MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", source, err)
	}
	return data, nil
}

// isBareName reports whether source could name a preset.
func isBareName(source string) bool {
	return source != "-" && !strings.ContainsAny(source, "./"+string(os.PathSeparator))
}

func checkCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", stderr)
	lang := fs.String("lang", "en", "en or zh")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return flagError("check", err, stdout, stderr)
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "tcpsim check: want one scenario (FILE.json or - for standard input); tcpsim --help")
		return exitInvalid
	}
	l, ok := narrate.ParseLang(*lang)
	if !ok {
		fmt.Fprintf(stderr, "tcpsim check: -lang %q: want en or zh\n", *lang)
		return exitInvalid
	}
	if sc, status := load(positional[0], stdin, stderr, l); sc == nil {
		return status
	}
	fmt.Fprintln(stdout, "ok")
	return exitOK
}

func presetsCommand(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("presets", stderr)
	lang := fs.String("lang", "en", "en or zh")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return flagError("presets", err, stdout, stderr)
	}
	if len(positional) != 0 {
		fmt.Fprintln(stderr, "tcpsim presets: takes no arguments; tcpsim --help")
		return exitInvalid
	}
	l, ok := narrate.ParseLang(*lang)
	if !ok {
		fmt.Fprintf(stderr, "tcpsim presets: -lang %q: want en or zh\n", *lang)
		return exitInvalid
	}
	// One preset per line, name first, so scripts can cut the names.
	w := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	for _, p := range presets.All() {
		title := p.Scenario().Title
		fmt.Fprintf(w, "%s\t%s\t%s\n", p.Name, p.Topic, l.Pick(title.EN, title.ZH))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "tcpsim: %v\n", err)
		return exitFailure
	}
	return exitOK
}
