package pktdrill

import (
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
