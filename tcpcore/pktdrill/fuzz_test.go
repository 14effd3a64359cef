package pktdrill

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// prints back to a script that parses to the same thing.
func FuzzParse(f *testing.F) {
	for _, path := range scriptPaths(f) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("0 < S 0:0(0) win 65535 <mss 1460,sackOK,nop,wscale 7,TS val 1 ecr 0>\n")
	f.Add("* > . 1:1(0) ack 1 <sack 1:2 3:4>\n+0.5 read(10) = -1 EAGAIN\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(strings.NewReader(text), "fuzz.pkt")
		if err != nil {
			return
		}
		checkRoundTrip(t, s)
	})
}

// FuzzRun runs mutated scripts against the real endpoint. Mismatches are
// expected (the scripts are nonsense); a panic in the endpoint or a runner
// error that is not a *Failure is a bug.
func FuzzRun(f *testing.F) {
	for _, path := range scriptPaths(f) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(strings.NewReader(text), "fuzz.pkt")
		if err != nil || len(s.Lines) > 200 {
			return
		}
		for _, l := range s.Lines {
			if l.Kind == LineCall && (l.Call.Name == "write" || l.Call.Name == "read") && countOf(l.Call) > 1<<20 {
				return
			}
		}
		err = s.Run(NewTCPEndpoint)
		var f *Failure
		if err != nil && errors.As(err, &f) && strings.Contains(f.Msg, "endpoint panicked") {
			t.Fatalf("%v\nscript:\n%s", err, s)
		}
		if err != nil && !errors.As(err, &f) && !strings.Contains(err.Error(), "new endpoint") {
			t.Fatalf("Run() = %v, want nil or a *Failure", err)
		}
	})
}
