package sack

import (
	"testing"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// lossyScoreboard is a window of 100 segments of 1460 bytes in which every
// fourth segment was lost: 25 holes, 25 SACKed ranges.
func lossyScoreboard(base seq.Seq) *Scoreboard {
	var s Scoreboard
	for i := 1; i < 100; i += 4 {
		s.Update(base, []wire.SACKBlock{blk(base, i*1460, (i+3)*1460)})
	}
	return &s
}

// BenchmarkUpdate feeds ACKs with three SACK blocks each, the cumulative ACK
// advancing one segment every ACK, as in a long lossy transfer.
func BenchmarkUpdate(b *testing.B) {
	const mss = 1460
	var s Scoreboard
	base := nearWrap
	blocks := make([]wire.SACKBlock, 3)
	b.ReportAllocs()
	for i := range b.N {
		una := base.Add(i * mss)
		// Holes every 4 segments above una; the newest block first (RFC 2018 §4).
		for k := range blocks {
			left := una.Add((1 + 4*(3-k)) * mss)
			blocks[k] = wire.SACKBlock{Left: left, Right: left.Add(3 * mss)}
		}
		s.Update(una, blocks)
	}
}

func BenchmarkPipe(b *testing.B) {
	base := nearWrap
	s := lossyScoreboard(base)
	b.ReportAllocs()
	for range b.N {
		s.Pipe(base, base.Add(100*1460), base.Add(10*1460), 3, 1460)
	}
}

func BenchmarkNextSeg(b *testing.B) {
	base := nearWrap
	s := lossyScoreboard(base)
	b.ReportAllocs()
	for i := range b.N {
		s.NextSeg(base, base.Add(100*1460), base.Add((i%100)*1460), 3, 1460, false)
	}
}

// TestUpdateDoesNotAllocate pins down that a scoreboard reuses its slice: once
// it has grown, updates, Pipe and NextSeg allocate nothing.
func TestUpdateDoesNotAllocate(t *testing.T) {
	base := nearWrap
	s := lossyScoreboard(base)
	blocks := []wire.SACKBlock{blk(base, 1460*200, 1460*201), blk(base, 1460*203, 1460*204), blk(base, 1460*205, 1460*206)}
	s.Update(base, blocks) // grow once
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		s.Update(base.Add(i), blocks)
		s.Pipe(base.Add(i), base.Add(1460*210), base, 3, 1460)
		s.NextSeg(base.Add(i), base.Add(1460*210), base, 3, 1460, true)
		i++
	})
	if allocs != 0 {
		t.Errorf("Update+Pipe+NextSeg allocate %v times per ACK, want 0", allocs)
	}
}
