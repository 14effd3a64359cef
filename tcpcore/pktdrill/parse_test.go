package pktdrill

import (
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		in   string
		want Line
	}{
		{"0 listen(8080) = 0", Line{Time: Time{TimeAbsolute, 0}, Kind: LineCall,
			Call: CallSpec{Name: "listen", Args: []string{"8080"}, HasResult: true}}},
		{"+0.1 < S 0:0(0) win 65535 <mss 1460,sackOK,nop,wscale 7>", Line{
			Time: Time{TimeRelative, 100 * time.Millisecond}, Kind: LineInbound,
			Seg: SegmentSpec{Flags: wire.SYN, HasWin: true, Win: 65535,
				Options: wire.Options{MSS: 1460, SACKPermitted: true, HasWScale: true, WScale: 7}}}},
		{"1.5 > S. 0:0(0) ack 1 <...>", Line{
			Time: Time{TimeAbsolute, 1500 * time.Millisecond}, Kind: LineOutbound,
			Seg: SegmentSpec{Flags: wire.SYN | wire.ACK, HasAck: true, Ack: 1, AnyOptions: true}}},
		{"* > P. 1:1001(1000) ack 1 win 257 <nop,nop,TS val * ecr 700>", Line{
			Time: Time{Kind: TimeAny}, Kind: LineOutbound,
			Seg: SegmentSpec{Flags: wire.PSH | wire.ACK, Start: 1, Len: 1000, HasAck: true, Ack: 1,
				HasWin: true, Win: 257, TSValAny: true, Options: wire.Options{HasTS: true, TSEcr: 700}}}},
		{"+0 < . 1:1(0) ack 1001 win 100 <sack 2001:3001 4001:5001>", Line{
			Time: Time{Kind: TimeRelative}, Kind: LineInbound,
			Seg: SegmentSpec{Flags: wire.ACK, Start: 1, HasAck: true, Ack: 1001, HasWin: true, Win: 100,
				Options: wire.Options{NumSACK: 2, SACK: [4]wire.SACKBlock{{Left: 2001, Right: 3001}, {Left: 4001, Right: 5001}}}}}},
		{"+0 < R -1:-1(0) win 0", Line{
			Time: Time{Kind: TimeRelative}, Kind: LineInbound,
			Seg: SegmentSpec{Flags: wire.RST, Start: 4294967295, HasWin: true}}},
		{"+0 < R 4294967295:4294967295(0) win 0", Line{
			Time: Time{Kind: TimeRelative}, Kind: LineInbound,
			Seg: SegmentSpec{Flags: wire.RST, Start: 4294967295, HasWin: true}}},
		{"+0.000001 read(4, ..., 1000) = -1 ECONNRESET", Line{
			Time: Time{TimeRelative, time.Microsecond}, Kind: LineCall,
			Call: CallSpec{Name: "read", Args: []string{"4", "...", "1000"}, HasResult: true, Result: -1, Errno: "ECONNRESET"}}},
		{"+2 state(TIME_WAIT)", Line{Time: Time{TimeRelative, 2 * time.Second}, Kind: LineCall,
			Call: CallSpec{Name: "state", Args: []string{"TIME_WAIT"}}}},
		{"+0 timer(rto, 3.5)", Line{Time: Time{Kind: TimeRelative}, Kind: LineCall,
			Call: CallSpec{Name: "timer", Args: []string{"rto", "3.5"}}}},
		{"0 > F. 1:1(0) ack 1", Line{Time: Time{TimeAbsolute, 0}, Kind: LineOutbound,
			Seg: SegmentSpec{Flags: wire.FIN | wire.ACK, Start: 1, HasAck: true, Ack: 1}}},
	}
	for _, tt := range tests {
		s, err := Parse(strings.NewReader(tt.in), "t.pkt")
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if len(s.Lines) != 1 {
			t.Errorf("Parse(%q) = %d lines, want 1", tt.in, len(s.Lines))
			continue
		}
		got := s.Lines[0]
		tt.want.Num = 1
		if !equalLine(got, tt.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func equalLine(a, b Line) bool {
	if a.Num != b.Num || a.Time != b.Time || a.Kind != b.Kind || a.Seg != b.Seg {
		return false
	}
	ca, cb := a.Call, b.Call
	return ca.Name == cb.Name && strings.Join(ca.Args, ",") == strings.Join(cb.Args, ",") &&
		ca.HasResult == cb.HasResult && ca.Result == cb.Result && ca.Errno == cb.Errno
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"x listen(8080) = 0", "time"},
		{"0", "nothing after the time"},
		{"-1 < S 0:0(0)", "time"},
		{"0 < X 0:0(0)", "flags"},
		{"0 < SS 0:0(0)", "twice"},
		{"0 < S 0:10(5)", "not the length"},
		{"0 < S 0:0", "start:end(len)"},
		{"0 < . 1:1(0)", "ack number exactly when"},
		{"0 < S 0:0(0) ack 5", "ack number exactly when"},
		{"0 > S 0:0(0) ack 5", "without the ACK flag"},
		{"0 < S 0:0(0) win 70000", "win"},
		{"0 < S 0:0(0) win", "needs a value"},
		{"0 < S 0:0(0) foo 1", "unknown field"},
		{"0 < S 0:0(0) <mss 1460", "missing '>'"},
		{"0 < S 0:0(0) <...>", "only for outbound"},
		{"0 < S 0:0(0) <mss>", "want 2 words"},
		{"0 < S 0:0(0) <mss 0>", "mss"},
		{"0 < S 0:0(0) <bogus>", "unknown option"},
		{"0 < S 0:0(0) <TS val * ecr 0>", "only for outbound"},
		{"0 < S 0:0(0) <sack 1:2 3:4 5:6 7:8 9:10>", "blocks"},
		{"0 < S 0:0(0) <mss 1,mss 2>", "twice"},
		{"0 < S 0:0(0) <,>", "empty option"},
		{"* listen(8080) = 0", "only for outbound"},
		{"0 listen(8080)", "want '= result'"},
		{"0 state(ESTABLISHED) = 0", "is a check"},
		{"0 frobnicate() = 0", "unknown call"},
		{"0 listen(0) = 0", "port"},
		{"0 read(1000) = -1", "needs an error name"},
		{"0 read(1000) = -1 EWHATEVER", "unknown error name"},
		{"0 read(1000) = 5 ECONNRESET", "only with -1"},
		{"0 state(SYN-SEEN)", "unknown state"},
		{"0 timer(rto)", "want ("},
		{"0 write(a) = 1", "count"},
		{"// profile: bsd", "profile"},
		{"// config: mss", "key=value"},
		{"// config: frob=1", "unknown key"},
		{"// config: sack=maybe", "on or off"},
		{"// config: minrto=fast", "duration"},
		{"// iss: -5", "iss"},
		{"// tail: sometimes", "tail"},
		{"// known-failure:", "reason"},
		{"0 " + strings.Repeat("x", maxLineLen), "too long"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.in), "t.pkt")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestParseHeader(t *testing.T) {
	in := `// description: a test
// profile: linux
// config: mss=1000 sack=off minrto=0.5 msl=250ms cc=reno recovery=sack
// iss: 4294967000
// peer-iss: 7
// known-failure: reason here
// tail: ignore
// just a comment: with a colon
0 listen(8080) = 0 // trailing comment
`
	s, err := Parse(strings.NewReader(in), "t.pkt")
	if err != nil {
		t.Fatal(err)
	}
	if s.Description != "a test" || s.Profile != tcp.ProfileLinux || s.ISS != 4294967000 || s.PeerISS != 7 ||
		s.KnownFailure != "reason here" || !s.TailIgnore || len(s.Lines) != 1 || s.Lines[0].Num != 9 {
		t.Errorf("Parse(header) = %+v", s)
	}
	cfg := s.Config()
	if cfg.MSS != 1000 || cfg.SACK || cfg.MinRTO != 500*time.Millisecond || cfg.MSL != 250*time.Millisecond ||
		cfg.Recovery != tcp.RecoverySACK || uint32(cfg.ISS) != 4294967000 {
		t.Errorf("Config() = %+v", cfg)
	}
}

func TestFormatSeconds(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0.000"},
		{200 * time.Millisecond, "0.200"},
		{1500 * time.Millisecond, "1.500"},
		{time.Second + time.Nanosecond, "1.000000001"},
		{3 * time.Second, "3.000"},
	}
	for _, tt := range tests {
		if got := formatSeconds(tt.d); got != tt.want {
			t.Errorf("formatSeconds(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestRoundTrip checks that printing a parsed script and parsing it again
// gives the same script, for every committed script.
func TestRoundTrip(t *testing.T) {
	for _, path := range scriptPaths(t) {
		s := parseFile(t, path)
		checkRoundTrip(t, s)
	}
}

func checkRoundTrip(t *testing.T, s *Script) {
	t.Helper()
	text := s.String()
	s2, err := Parse(strings.NewReader(text), s.Name)
	if err != nil {
		t.Fatalf("%s: Parse(String()) error: %v\n%s", s.Name, err, text)
	}
	if text2 := s2.String(); text2 != text {
		t.Fatalf("%s: String() not stable:\n%s\nthen\n%s", s.Name, text, text2)
	}
	if len(s2.Lines) != len(s.Lines) {
		t.Fatalf("%s: %d lines after the round trip, want %d", s.Name, len(s2.Lines), len(s.Lines))
	}
	for i := range s.Lines {
		a, b := s.Lines[i], s2.Lines[i]
		a.Num, b.Num = 0, 0
		if !equalLine(a, b) {
			t.Fatalf("%s: line %d = %+v after the round trip, want %+v", s.Name, i, b, a)
		}
	}
}
