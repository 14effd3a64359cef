package sack

import (
	"math/rand/v2"
	"slices"
	"testing"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// reference is a slow scoreboard that keeps one flag per byte and applies
// RFC 6675 §4's definitions literally, octet by octet, to check the fast one.
type reference struct {
	base   seq.Seq // byte 0 of sacked
	una    int     // offset of SND.UNA from base
	sacked []bool
}

func (r *reference) update(una int, blocks []span) {
	r.una = una
	for i := range una {
		r.sacked[i] = false
	}
	for i, b := range blocks {
		// RFC 2883 §4: a first block below una or inside the second is a
		// D-SACK and is not recorded.
		if i == 0 && (b.left < una || len(blocks) > 1 && blocks[1].left <= b.left && b.right <= blocks[1].right) {
			continue
		}
		for x := max(b.left, una); x < b.right; x++ {
			r.sacked[x] = true
		}
	}
}

func (r *reference) isLost(b, dupThresh, smss int) bool {
	runs, bytes := 0, 0
	for x := b + 1; x < len(r.sacked); x++ {
		if !r.sacked[x] {
			continue
		}
		bytes++
		if x == b+1 || !r.sacked[x-1] {
			runs++
		}
	}
	return runs >= dupThresh || bytes > (dupThresh-1)*smss
}

func (r *reference) pipe(highData, highRxt, dupThresh, smss int) int {
	pipe := 0
	for s1 := r.una; s1 < highData; s1++ {
		if r.sacked[s1] {
			continue
		}
		if !r.isLost(s1, dupThresh, smss) {
			pipe++
		}
		if s1 < highRxt { // highRxt is one past RFC 6675's HighRxt
			pipe++
		}
	}
	return pipe
}

func (r *reference) highestSACKed() int {
	for x := len(r.sacked) - 1; x >= 0; x-- {
		if r.sacked[x] {
			return x
		}
	}
	return -1
}

func (r *reference) nextSeg(highData, highRxt, dupThresh, smss int, canSendNew bool) (start, length, rule int) {
	hs := r.highestSACKed()
	segment := func(s int) int {
		n := 0
		for x := s; x < highData && !r.sacked[x] && n < smss; x++ {
			n++
		}
		return n
	}
	from := max(r.una, highRxt)
	for s2 := from; s2 < highData; s2++ {
		if !r.sacked[s2] && s2 < hs && r.isLost(s2, dupThresh, smss) {
			return s2, segment(s2), 1
		}
	}
	if canSendNew {
		return highData, smss, 2
	}
	for s3 := from; s3 < highData; s3++ {
		if !r.sacked[s3] && s3 < hs {
			return s3, segment(s3), 3
		}
	}
	return 0, 0, 0
}

// TestAgainstReference drives the scoreboard and the byte-by-byte reference
// with the same random ACKs and compares every answer.
func TestAgainstReference(t *testing.T) {
	const window = 500
	rng := rand.New(rand.NewPCG(6675, 2883))
	for trial := range 200 {
		base := seq.Seq(rng.Uint32())
		if trial%3 == 0 {
			base = seq.Seq(0).Add(-rng.IntN(window)) // straddle the wrap
		}
		smss := 10 + rng.IntN(60)
		dupThresh := 1 + rng.IntN(4)
		var s Scoreboard
		ref := reference{base: base, sacked: make([]bool, window)}
		una := 0
		for step := range 12 {
			una = min(window-1, una+rng.IntN(40)*rng.IntN(2))
			var blocks []span
			var wireBlocks []wire.SACKBlock
			for range rng.IntN(wire.MaxSACKBlocks + 1) {
				l := max(0, una-30+rng.IntN(window-una+30))
				r := min(window, l+1+rng.IntN(80))
				blocks = append(blocks, span{l, r})
			}
			if len(blocks) > 1 && rng.IntN(4) == 0 {
				// A D-SACK inside the second block.
				b := blocks[1]
				l := b.left + rng.IntN(b.right-b.left)
				blocks[0] = span{l, l + 1 + rng.IntN(b.right-l)}
			}
			for _, b := range blocks {
				wireBlocks = append(wireBlocks, blk(base, b.left, b.right))
			}
			s.Update(base.Add(una), wireBlocks)
			ref.update(una, blocks)

			// Same ranges and totals.
			var want []wire.SACKBlock
			total := 0
			for x := 0; x < window; x++ {
				if !ref.sacked[x] {
					continue
				}
				total++
				if x == 0 || !ref.sacked[x-1] {
					want = append(want, blk(base, x, x+1))
				} else {
					want[len(want)-1].Right = base.Add(x + 1)
				}
			}
			if !slices.Equal(s.Blocks(), want) || s.SACKedBytes() != total {
				t.Fatalf("trial %d step %d: after Update(%d, %v): ranges %s (%d bytes), reference %s (%d bytes)",
					trial, step, una, blocks, offsets(base, s.Blocks()), s.SACKedBytes(), offsets(base, want), total)
			}
			for x := una; x < window; x++ {
				if got, w := s.IsSACKed(base.Add(x)), ref.sacked[x]; got != w {
					t.Fatalf("trial %d step %d: IsSACKed(+%d) = %v, reference %v", trial, step, x, got, w)
				}
				if got, w := s.IsLost(base.Add(x), dupThresh, smss), ref.isLost(x, dupThresh, smss); got != w {
					t.Fatalf("trial %d step %d: IsLost(+%d, %d, %d) = %v, reference %v; ranges %s",
						trial, step, x, dupThresh, smss, got, w, offsets(base, s.Blocks()))
				}
			}
			for range 5 {
				highData := una + rng.IntN(window-una+1)
				highRxt := rng.IntN(highData + 1) // may lie below una: means nothing retransmitted
				canSendNew := rng.IntN(2) == 0
				if got, w := s.Pipe(base.Add(una), base.Add(highData), base.Add(highRxt), dupThresh, smss),
					ref.pipe(highData, highRxt, dupThresh, smss); got != w {
					t.Fatalf("trial %d step %d: Pipe(+%d, +%d, +%d, %d, %d) = %d, reference %d; ranges %s",
						trial, step, una, highData, highRxt, dupThresh, smss, got, w, offsets(base, s.Blocks()))
				}
				rs, rn, rok := s.RescueSeg(base.Add(una), base.Add(highData), smss)
				wrs, wrn, wrok := ref.rescueSeg(highData, smss)
				if !rok {
					rs = base
				}
				if rs != base.Add(wrs) || rn != wrn || rok != wrok {
					t.Fatalf("trial %d step %d: RescueSeg(+%d, +%d, %d) = +%d, %d, %v; reference +%d, %d, %v; ranges %s",
						trial, step, una, highData, smss, rs.Diff(base), rn, rok, wrs, wrn, wrok, offsets(base, s.Blocks()))
				}
				start, n, rule := s.NextSeg(base.Add(una), base.Add(highData), base.Add(highRxt), dupThresh, smss, canSendNew)
				ws, wn, wrule := ref.nextSeg(highData, highRxt, dupThresh, smss, canSendNew)
				if rule == 0 {
					start = base
				}
				if start != base.Add(ws) || n != wn || rule != wrule {
					t.Fatalf("trial %d step %d: NextSeg(+%d, +%d, +%d, %d, %d, %v) = +%d, %d, rule %d; reference +%d, %d, rule %d; ranges %s",
						trial, step, una, highData, highRxt, dupThresh, smss, canSendNew, start.Diff(base), n, rule, ws, wn, wrule, offsets(base, s.Blocks()))
				}
			}
		}
	}
}

func (r *reference) rescueSeg(highData, smss int) (start, length int, ok bool) {
	for x := highData - 1; x >= r.una; x-- {
		if r.sacked[x] {
			continue
		}
		start = x
		for start > r.una && start > x+1-smss && !r.sacked[start-1] {
			start--
		}
		return start, x + 1 - start, true
	}
	return 0, 0, false
}
