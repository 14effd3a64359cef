package sack

import (
	"fmt"
	"slices"
	"testing"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// nearWrap puts the interesting part of the tests just below 2^32, so that
// holes and blocks straddle the wrap.
const nearWrap = seq.Seq(1<<32 - 2500)

// bases are the sequence numbers every table test runs from: plain, and
// around the 2^32 wrap.
var bases = []seq.Seq{1000, nearWrap}

// blk is a SACK block at offsets from base.
func blk(base seq.Seq, left, right int) wire.SACKBlock {
	return wire.SACKBlock{Left: base.Add(left), Right: base.Add(right)}
}

// offsets renders ranges as offsets from base, for failure messages.
func offsets(base seq.Seq, bs []wire.SACKBlock) string {
	s := "["
	for i, b := range bs {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%d-%d", b.Left.Diff(base), b.Right.Diff(base))
	}
	return s + "]"
}

type span struct{ left, right int }

func TestUpdate(t *testing.T) {
	tests := []struct {
		name   string
		before []span // earlier ACKs' blocks, una = 0
		una    int
		blocks []span
		want   []span
		newly  int
		dsack  bool
	}{
		{"RFC 2018 §3: first block recorded", nil, 0, []span{{100, 200}}, []span{{100, 200}}, 100, false},
		{"kept sorted", []span{{300, 400}}, 0, []span{{100, 200}}, []span{{100, 200}, {300, 400}}, 100, false},
		{"overlap merges, counts only new bytes", []span{{100, 200}}, 0, []span{{150, 250}}, []span{{100, 250}}, 50, false},
		{"adjacent ranges merge", []span{{100, 200}}, 0, []span{{200, 300}}, []span{{100, 300}}, 100, false},
		{"one block bridges three", []span{{100, 200}, {300, 400}, {500, 600}}, 0, []span{{150, 550}},
			[]span{{100, 600}}, 200, false},
		{"repeated block adds nothing", []span{{100, 200}}, 0, []span{{100, 200}}, []span{{100, 200}}, 0, false},
		{"several blocks in one ACK", nil, 0, []span{{500, 600}, {100, 200}, {300, 400}},
			[]span{{100, 200}, {300, 400}, {500, 600}}, 300, false},
		{"cumulative ACK drops ranges below una", []span{{100, 200}, {300, 400}}, 250, nil, []span{{300, 400}}, 0, false},
		{"cumulative ACK trims a range it enters", []span{{100, 200}, {300, 400}}, 350, nil, []span{{350, 400}}, 0, false},
		{"cumulative ACK covers everything", []span{{100, 200}}, 200, nil, nil, 0, false},
		{"RFC 2883 §4: D-SACK below the cumulative ACK is not added", nil, 200, []span{{100, 150}, {300, 400}},
			[]span{{300, 400}}, 100, true},
		{"RFC 2883 §4: D-SACK straddling the cumulative ACK", nil, 200, []span{{150, 250}}, nil, 0, true},
		{"RFC 2883 §4: D-SACK inside the second block", []span{{300, 500}}, 0, []span{{350, 400}, {300, 500}},
			[]span{{300, 500}}, 0, true},
		{"RFC 2883 §4: D-SACK equal to the second block", nil, 0, []span{{300, 500}, {300, 500}},
			[]span{{300, 500}}, 200, true},
		{"a later block below una is only old news", nil, 200, []span{{300, 400}, {100, 150}},
			[]span{{300, 400}}, 100, false},
		{"invalid: empty block ignored", nil, 0, []span{{100, 100}}, nil, 0, false},
		{"invalid: reversed block ignored", nil, 0, []span{{200, 100}, {300, 400}}, []span{{300, 400}}, 100, false},
		{"invalid: longer than 2^30 ignored", nil, 0, []span{{100, 100 + 1<<30 + 1}}, nil, 0, false},
		{"invalid: ending more than 2^30 above una ignored", nil, 0, []span{{1 << 30, 1<<30 + 10}}, nil, 0, false},
		{"invalid first block is not a D-SACK", nil, 200, []span{{150, 100}, {300, 400}}, []span{{300, 400}}, 100, false},
	}
	for _, base := range bases {
		for _, tt := range tests {
			var s Scoreboard
			for _, b := range tt.before {
				s.Update(base, []wire.SACKBlock{blk(base, b.left, b.right)})
			}
			var blocks []wire.SACKBlock
			for _, b := range tt.blocks {
				blocks = append(blocks, blk(base, b.left, b.right))
			}
			newly, dsack := s.Update(base.Add(tt.una), blocks)
			var want []wire.SACKBlock
			total := 0
			for _, b := range tt.want {
				want = append(want, blk(base, b.left, b.right))
				total += b.right - b.left
			}
			if newly != tt.newly || dsack != tt.dsack || !slices.Equal(s.Blocks(), want) {
				t.Errorf("%s (base %d): Update(%d, %v) = %d, %v, ranges %s; want %d, %v, ranges %s",
					tt.name, base, tt.una, tt.blocks, newly, dsack, offsets(base, s.Blocks()), tt.newly, tt.dsack, offsets(base, want))
			}
			if s.SACKedBytes() != total {
				t.Errorf("%s (base %d): SACKedBytes() = %d, want %d", tt.name, base, s.SACKedBytes(), total)
			}
		}
	}
}

func TestIsSACKedAndHighest(t *testing.T) {
	for _, base := range bases {
		var s Scoreboard
		if _, ok := s.HighestSACKed(); ok {
			t.Errorf("HighestSACKed() on an empty scoreboard reports a range")
		}
		s.Update(base, []wire.SACKBlock{blk(base, 100, 200), blk(base, 2400, 2600)})
		for off, want := range map[int]bool{99: false, 100: true, 199: true, 200: false, 2399: false, 2400: true, 2599: true, 2600: false} {
			if got := s.IsSACKed(base.Add(off)); got != want {
				t.Errorf("base %d: IsSACKed(+%d) = %v, want %v", base, off, got, want)
			}
		}
		if h, ok := s.HighestSACKed(); !ok || h != base.Add(2600) {
			t.Errorf("base %d: HighestSACKed() = %d, %v; want %d, true", base, h, ok, base.Add(2600))
		}
		s.Reset()
		if len(s.Blocks()) != 0 || s.SACKedBytes() != 0 {
			t.Errorf("after Reset: %d ranges, %d bytes; want none", len(s.Blocks()), s.SACKedBytes())
		}
	}
}

// TestIsLost checks RFC 6675 §4 (https://www.rfc-editor.org/rfc/rfc6675#section-4):
// "The routine returns true when either DupThresh discontiguous SACKed
// sequences have arrived above 'SeqNum' or more than (DupThresh - 1) * SMSS
// bytes with sequence numbers greater than 'SeqNum' have been SACKed."
func TestIsLost(t *testing.T) {
	const mss = 100
	tests := []struct {
		name   string
		ranges []span
		at     int
		want   bool
	}{
		{"nothing SACKed", nil, 0, false},
		{"two segments above: not enough", []span{{100, 300}}, 0, false},
		{"exactly 2·SMSS above is not more than (DupThresh-1)·SMSS", []span{{100, 300}}, 99, false},
		{"more than 2·SMSS bytes above", []span{{100, 301}}, 0, true},
		{"three segments in one range", []span{{100, 400}}, 0, true},
		{"three discontiguous sequences, small", []span{{100, 110}, {200, 210}, {300, 310}}, 0, true},
		{"two discontiguous sequences, small", []span{{100, 110}, {200, 210}}, 0, false},
		{"only sequences above count", []span{{100, 110}, {200, 210}, {300, 310}}, 150, false},
		{"bytes below do not count", []span{{100, 400}}, 500, false},
		{"a range holding SeqNum counts its bytes above", []span{{100, 400}}, 98, true},
		{"a range holding SeqNum counts its bytes above, not enough", []span{{100, 400}}, 200, false},
	}
	for _, base := range bases {
		for _, tt := range tests {
			var s Scoreboard
			for _, r := range tt.ranges {
				s.Update(base, []wire.SACKBlock{blk(base, r.left, r.right)})
			}
			if got := s.IsLost(base.Add(tt.at), 3, mss); got != tt.want {
				t.Errorf("%s (base %d): IsLost(+%d) with ranges %v = %v, want %v", tt.name, base, tt.at, tt.ranges, got, tt.want)
			}
		}
	}
}

// TestPipe checks RFC 6675 §4 (https://www.rfc-editor.org/rfc/rfc6675#section-4)
// SetPipe: "for each octet 'S1' in the sequence space between HighACK and
// HighData that has not been SACKed: (a) If IsLost (S1) returns false: Pipe is
// incremented by 1 octet. ... (b) If S1 <= HighRxt: Pipe is incremented by 1
// octet."
func TestPipe(t *testing.T) {
	const mss = 100
	tests := []struct {
		name     string
		ranges   []span
		highData int
		highRxt  int // one past the last retransmitted byte; 0 for none
		want     int
	}{
		{"nothing SACKed: all in flight", nil, 1000, 0, 1000},
		{"nothing sent", nil, 0, 0, 0},
		{"SACKed bytes are not in the pipe", []span{{100, 200}}, 1000, 0, 900},
		{"a lost hole is not in the pipe", []span{{100, 400}}, 1000, 0, 600},
		{"a retransmitted lost hole is back in the pipe", []span{{100, 400}}, 1000, 100, 700},
		{"retransmitted and not lost counts twice", []span{{100, 200}}, 1000, 50, 950},
		{"hole 0-100 lost (three sequences above), holes 200-300, 400-500 and 600-1000 not",
			[]span{{100, 200}, {300, 400}, {500, 600}}, 1000, 0, 100 + 100 + 400},
		{"retransmission past the last hole", []span{{100, 400}}, 1000, 600, 600 + 100 + 200},
		{"ranges beyond highData are ignored for counting", []span{{100, 400}, {1200, 1300}}, 1000, 0, 600},
	}
	for _, base := range bases {
		for _, tt := range tests {
			var s Scoreboard
			for _, r := range tt.ranges {
				s.Update(base, []wire.SACKBlock{blk(base, r.left, r.right)})
			}
			got := s.Pipe(base, base.Add(tt.highData), base.Add(tt.highRxt), 3, mss)
			if got != tt.want {
				t.Errorf("%s (base %d): Pipe(0, %d, %d) with ranges %v = %d, want %d", tt.name, base, tt.highData, tt.highRxt, tt.ranges, got, tt.want)
			}
		}
	}
}

// TestNextSeg checks the rules of RFC 6675 §4 NextSeg
// (https://www.rfc-editor.org/rfc/rfc6675#section-4).
func TestNextSeg(t *testing.T) {
	const mss = 100
	tests := []struct {
		name       string
		ranges     []span
		highData   int
		highRxt    int
		canSendNew bool
		start, n   int
		rule       int
	}{
		{"(1) the lowest lost hole", []span{{100, 400}}, 1000, 0, true, 0, 100, 1},
		{"(1) one segment of up to SMSS octets: stops at the SACKed data", []span{{50, 400}}, 1000, 0, true, 0, 50, 1},
		{"(1.a) S2 is greater than HighRxt", []span{{100, 200}, {300, 400}, {500, 800}}, 1000, 100, true, 200, 100, 1},
		{"(1.a) a partly retransmitted hole continues after HighRxt", []span{{300, 600}}, 1000, 100, true, 100, 100, 1},
		{"(1.c) not lost: (2) new data instead", []span{{100, 200}}, 1000, 0, true, 1000, 100, 2},
		{"(2) nothing SACKed: new data", nil, 1000, 0, true, 1000, 100, 2},
		{"(3) not lost and no new data: the hole anyway", []span{{100, 200}}, 1000, 0, false, 0, 100, 3},
		{"(1.b) S2 is less than the highest octet covered by any received SACK", []span{{100, 400}}, 1000, 400, false, 0, 0, 0},
		{"nothing at all", nil, 1000, 0, false, 0, 0, 0},
		{"(1) skips a SACKed range holding HighRxt", []span{{100, 200}, {300, 600}}, 1000, 150, true, 200, 100, 1},
	}
	for _, base := range bases {
		for _, tt := range tests {
			var s Scoreboard
			for _, r := range tt.ranges {
				s.Update(base, []wire.SACKBlock{blk(base, r.left, r.right)})
			}
			start, n, rule := s.NextSeg(base, base.Add(tt.highData), base.Add(tt.highRxt), 3, mss, tt.canSendNew)
			if rule == 0 {
				start = base // report "nothing" as offset 0
			}
			if start != base.Add(tt.start) || n != tt.n || rule != tt.rule {
				t.Errorf("%s (base %d): NextSeg(highData %d, highRxt %d, new %v) with ranges %v = +%d, %d, rule %d; want +%d, %d, rule %d",
					tt.name, base, tt.highData, tt.highRxt, tt.canSendNew, tt.ranges, start.Diff(base), n, rule, tt.start, tt.n, tt.rule)
			}
		}
	}
}

// TestRescueSeg checks RFC 6675 §4 NextSeg rule (4)
// (https://www.rfc-editor.org/rfc/rfc6675#section-4): "one segment of up to
// SMSS octets that MUST include the highest outstanding unSACKed sequence
// number SHOULD be returned".
func TestRescueSeg(t *testing.T) {
	const mss = 100
	tests := []struct {
		name     string
		ranges   []span
		highData int
		start, n int
		ok       bool
	}{
		{"nothing SACKed: the last segment", nil, 1000, 900, 100, true},
		{"tail SACKed: the top of the hole below it", []span{{500, 1000}}, 1000, 400, 100, true},
		{"a short hole", []span{{100, 150}, {180, 1000}}, 1000, 150, 30, true},
		{"a short hole at una", []span{{30, 1000}}, 1000, 0, 30, true},
		{"everything SACKed", []span{{0, 1000}}, 1000, 0, 0, false},
		{"ranges above highData are ignored", []span{{800, 1200}}, 1000, 700, 100, true},
		{"nothing outstanding", nil, 0, 0, 0, false},
	}
	for _, base := range bases {
		for _, tt := range tests {
			var s Scoreboard
			for _, r := range tt.ranges {
				s.Update(base, []wire.SACKBlock{blk(base, r.left, r.right)})
			}
			start, n, ok := s.RescueSeg(base, base.Add(tt.highData), mss)
			if !ok {
				start = base
			}
			if start != base.Add(tt.start) || n != tt.n || ok != tt.ok {
				t.Errorf("%s (base %d): RescueSeg(0, %d) with ranges %v = +%d, %d, %v; want +%d, %d, %v",
					tt.name, base, tt.highData, tt.ranges, start.Diff(base), n, ok, tt.start, tt.n, tt.ok)
			}
		}
	}
}
