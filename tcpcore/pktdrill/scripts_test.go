package pktdrill

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var showTranscript = flag.Bool("transcript", false, "log every script's transcript (with -v)")

// scriptPaths lists every testdata/scripts/**/*.pkt.
func scriptPaths(tb testing.TB) []string {
	tb.Helper()
	var paths []string
	err := filepath.WalkDir(filepath.Join("testdata", "scripts"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".pkt") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return paths
}

func parseFile(tb testing.TB, path string) *Script {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	s, err := Parse(f, path)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestScripts runs every script against the real endpoint. A script marked
// "// known-failure: reason" is correct per the RFCs but the endpoint fails
// it: the test expects the failure and logs it, and fails once the script
// passes, so the mark is removed as soon as the endpoint is fixed.
func TestScripts(t *testing.T) {
	paths := scriptPaths(t)
	if len(paths) == 0 {
		t.Fatal("no scripts under testdata/scripts")
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.ToSlash(strings.TrimPrefix(path, filepath.Join("testdata", "scripts")+string(filepath.Separator))), ".pkt")
		t.Run(name, func(t *testing.T) {
			s := parseFile(t, path)
			if s.Description == "" {
				t.Errorf("%s: no '// description:' header", path)
			}
			transcript, err := s.Trace(NewTCPEndpoint)
			if *showTranscript {
				t.Logf("%s transcript:\n\t%s", path, strings.Join(transcript, "\n\t"))
			}
			switch {
			case s.KnownFailure == "" && err != nil:
				t.Error(err)
			case s.KnownFailure != "" && err == nil:
				t.Errorf("%s now passes: remove its known-failure header (%s)", path, s.KnownFailure)
			case s.KnownFailure != "":
				t.Logf("known failure (%s):\n%v", s.KnownFailure, err)
			}
		})
	}
}

// TestScriptHeaders checks that every script names its profile and says
// what it shows, as testdata/README.md asks.
func TestScriptHeaders(t *testing.T) {
	for _, path := range scriptPaths(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, h := range []string{"// description: ", "// profile: "} {
			if !strings.Contains(text, h) {
				t.Errorf("%s: missing %q header", path, strings.TrimSpace(h))
			}
		}
	}
}
