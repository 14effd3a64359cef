package sack

import (
	"encoding/binary"
	"testing"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// FuzzUpdate feeds arbitrary ACKs (a cumulative ACK and up to four blocks
// each, 36 bytes per ACK) and checks that the scoreboard never panics and
// stays sorted, merged, above SND.UNA and consistent with SACKedBytes, and
// that Pipe and NextSeg stay within the window.
func FuzzUpdate(f *testing.F) {
	ack := func(una uint32, blocks ...uint32) []byte {
		b := binary.BigEndian.AppendUint32(nil, una)
		for i := range 8 {
			var v uint32
			if i < len(blocks) {
				v = blocks[i]
			}
			b = binary.BigEndian.AppendUint32(b, v)
		}
		return b
	}
	f.Add(ack(1000, 1100, 1200, 1300, 1400))
	f.Add(append(ack(1000, 1100, 1200), ack(1150, 900, 1000, 1300, 1400, 1500, 1600)...))
	f.Add(ack(1<<32-100, 1<<32-50, 50, 100, 200))                              // across the wrap
	f.Add(ack(0, 200, 100, 0, 1<<31, 5, 1<<30+10))                             // reversed, huge, far
	f.Add(append(ack(1000, 1100, 1200), ack(1000, 1120, 1150, 1100, 1200)...)) // D-SACK inside the second
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Scoreboard
		var una seq.Seq
		for len(data) >= 36 {
			una = seq.Seq(binary.BigEndian.Uint32(data))
			var blocks []wire.SACKBlock
			for i := range 4 {
				l := binary.BigEndian.Uint32(data[4+8*i:])
				r := binary.BigEndian.Uint32(data[8+8*i:])
				if l != 0 || r != 0 {
					blocks = append(blocks, wire.SACKBlock{Left: seq.Seq(l), Right: seq.Seq(r)})
				}
			}
			data = data[36:]
			newly, _ := s.Update(una, blocks)
			if newly < 0 {
				t.Fatalf("Update(%d, %v) reports %d newly SACKed bytes", una, blocks, newly)
			}
			total := 0
			prev := una
			for i, r := range s.Blocks() {
				if !r.Left.LessThan(r.Right) || r.Left.LessThan(prev) || (i > 0 && r.Left == prev) || r.Right.Diff(una) > maxSpan {
					t.Fatalf("after Update(%d, %v): ranges %v not sorted, merged and within (una, una+2^30]", una, blocks, s.Blocks())
				}
				total += r.Right.Diff(r.Left)
				prev = r.Right
			}
			if total != s.SACKedBytes() {
				t.Fatalf("after Update(%d, %v): SACKedBytes() = %d, ranges hold %d", una, blocks, s.SACKedBytes(), total)
			}
			highData := una.Add(1 << 20)
			if p := s.Pipe(una, highData, una.Add(1000), 3, 1460); p < 0 || p > 2<<20 {
				t.Fatalf("Pipe = %d, outside [0, 2·window]", p)
			}
			start, n, rule := s.NextSeg(una, highData, una, 3, 1460, false)
			if rule != 0 && (n <= 0 || n > 1460 || start.LessThan(una) || !start.Add(n).LessEq(highData) || s.IsSACKed(start)) {
				t.Fatalf("NextSeg = %d, %d, rule %d: outside the unSACKed window [%d, %d)", start, n, rule, una, highData)
			}
		}
	})
}
