package sack

import (
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// STUB signatures: the real implementation replaces the bodies.

// Scoreboard holds the SACKed ranges above SND.UNA, sorted and merged.
type Scoreboard struct {
	blocks []wire.SACKBlock
}

// Update removes everything below una, records the blocks of one ACK, and
// returns how many bytes were newly SACKed and whether the first block was
// a D-SACK (RFC 2883 §4: below the cumulative ACK, or inside the second block).
func (s *Scoreboard) Update(una seq.Seq, blocks []wire.SACKBlock) (newlySACKed int, dsack bool) {
	return 0, false
}

// Reset forgets everything (after an RTO, RFC 6675 §5.1 allows keeping it; we clear on a connection reset only).
func (s *Scoreboard) Reset() { s.blocks = s.blocks[:0] }

// IsSACKed reports whether byte b has been SACKed.
func (s *Scoreboard) IsSACKed(b seq.Seq) bool { return false }

// IsLost is RFC 6675 §4 IsLost(SeqNum): at least dupThresh discontiguous
// SACKed sequences, or more than (dupThresh-1)·smss bytes, lie above b.
func (s *Scoreboard) IsLost(b seq.Seq, dupThresh, smss int) bool { return false }

// Pipe is RFC 6675 §4 SetPipe over [una, highData): the bytes the sender
// believes are still in the network, counting retransmissions up to highRxt.
func (s *Scoreboard) Pipe(una, highData, highRxt seq.Seq, dupThresh, smss int) int { return 0 }

// NextSeg is RFC 6675 §4 NextSeg: the range to send next during recovery, and
// which rule chose it (1: a lost hole, 2: new data, 3: a not-yet-lost hole;
// 0: nothing). canSendNew says whether new data is available and allowed by
// the peer's window; highRxt is the highest byte retransmitted so far.
func (s *Scoreboard) NextSeg(una, highData, highRxt seq.Seq, dupThresh, smss int, canSendNew bool) (start seq.Seq, length int, rule int) {
	return 0, 0, 0
}

// HighestSACKed returns the highest SACKed byte + 1, and false if nothing is SACKed.
func (s *Scoreboard) HighestSACKed() (seq.Seq, bool) { return 0, false }

// SACKedBytes returns the total bytes SACKed above SND.UNA.
func (s *Scoreboard) SACKedBytes() int { return 0 }

// Blocks returns the SACKed ranges in sequence order; the slice is owned by the scoreboard.
func (s *Scoreboard) Blocks() []wire.SACKBlock { return s.blocks }
