package sack

import (
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// maxSpan bounds how far a SACK block may lie above SND.UNA and how long it
// may be: 2^30 bytes, the largest window TCP can advertise (RFC 7323 §2.3).
// Anything further cannot describe data this sender has sent, and would
// break the wrap-safe comparisons of package seq, which need numbers less
// than 2^31 apart.
const maxSpan = 1 << 30

// Scoreboard holds the SACKed ranges above SND.UNA, sorted and merged: the
// ranges are disjoint, in sequence order, and never touch (adjacent ranges
// are one range). The zero value is an empty scoreboard ready to use. Its
// slice is reused, so updating it does not allocate once it has grown to the
// number of holes the connection sees.
type Scoreboard struct {
	blocks []wire.SACKBlock
	sacked int // total bytes in blocks
}

// Update removes everything below una, records the blocks of one ACK, and
// returns how many bytes were newly SACKed and whether the first block was
// a D-SACK (RFC 2883 §4: below the cumulative ACK, or inside the second block).
//
// A D-SACK block reports data received twice; it is not added. Invalid blocks
// are ignored rather than trusted: empty or reversed ones (Right ≤ Left),
// ones longer than 2^30 bytes, and ones with an edge more than 2^30 bytes
// away from una (they cannot describe data we sent). Parts of blocks below
// una are dropped.
func (s *Scoreboard) Update(una seq.Seq, blocks []wire.SACKBlock) (newlySACKed int, dsack bool) {
	s.dropBelow(una)
	for i, b := range blocks {
		if !valid(una, b) {
			continue
		}
		if i == 0 && isDSACK(una, blocks) {
			dsack = true
			continue
		}
		left := seq.Max(b.Left, una)
		if !left.LessThan(b.Right) {
			continue // entirely below una: old news
		}
		newlySACKed += s.insert(left, b.Right)
	}
	return newlySACKed, dsack
}

// valid reports whether b is a block this sender could have sent (see
// Update): not empty, at most 2^30 bytes long, and both edges within 2^30
// bytes of una, so that every comparison between them and una is meaningful.
func valid(una seq.Seq, b wire.SACKBlock) bool {
	n := b.Right.Diff(b.Left)
	near := func(x seq.Seq) bool { d := x.Diff(una); return -maxSpan <= d && d <= maxSpan }
	return n > 0 && n <= maxSpan && near(b.Left) && near(b.Right)
}

// isDSACK is RFC 2883 §4's test on the first block: "If the first SACK block
// is within the cumulative ACK" — it starts below una — "then it is a
// D-SACK"; otherwise, "If the sequence space in the first SACK block is
// greater than the cumulative ACK, then the sender next compares the sequence
// space in the first SACK block with the sequence space in the second SACK
// block ... This comparison can determine if the first SACK block is
// reporting duplicate data that lies above the cumulative ACK."
func isDSACK(una seq.Seq, blocks []wire.SACKBlock) bool {
	first := blocks[0]
	if first.Left.LessThan(una) {
		return true
	}
	if len(blocks) < 2 || !valid(una, blocks[1]) {
		return false
	}
	second := blocks[1]
	return second.Left.LessEq(first.Left) && first.Right.LessEq(second.Right)
}

// dropBelow forgets the bytes before una: they are cumulatively acknowledged.
// If una has jumped so far (more than 2^30 bytes, which a real connection
// cannot do) that the ranges can no longer be placed relative to it, the
// scoreboard forgets everything rather than keep ranges it cannot order.
func (s *Scoreboard) dropBelow(una seq.Seq) {
	b := s.blocks
	for _, r := range b {
		if r.Right.Diff(una) > maxSpan || r.Left.Diff(una) < -maxSpan {
			s.Reset()
			return
		}
	}
	i := s.firstEndingAfter(una)
	if i > 0 {
		for _, r := range b[:i] {
			s.sacked -= r.Right.Diff(r.Left)
		}
		n := copy(b, b[i:])
		b = b[:n]
		s.blocks = b
	}
	if len(b) > 0 && b[0].Left.LessThan(una) {
		s.sacked -= una.Diff(b[0].Left)
		b[0].Left = una
	}
}

// insert adds [left, right) to the sorted, merged ranges and returns how many
// of its bytes were not already there.
func (s *Scoreboard) insert(left, right seq.Seq) int {
	b := s.blocks
	// Ranges before i end strictly before left, so they neither overlap nor
	// touch the new one.
	i := s.firstEndingAtOrAfter(left)
	// Ranges i..j-1 overlap or touch [left, right).
	covered := 0
	j := i
	for ; j < len(b) && b[j].Left.LessEq(right); j++ {
		lo, hi := seq.Max(left, b[j].Left), seq.Min(right, b[j].Right)
		if lo.LessThan(hi) {
			covered += hi.Diff(lo)
		}
	}
	added := right.Diff(left) - covered
	s.sacked += added
	if i == j {
		b = append(b, wire.SACKBlock{})
		copy(b[i+1:], b[i:])
		b[i] = wire.SACKBlock{Left: left, Right: right}
		s.blocks = b
		return added
	}
	b[i] = wire.SACKBlock{Left: seq.Min(left, b[i].Left), Right: seq.Max(right, b[j-1].Right)}
	n := copy(b[i+1:], b[j:])
	s.blocks = b[:i+1+n]
	return added
}

// firstEndingAfter returns the index of the first range whose Right is after
// x (so the range holds x or lies above it), or len(blocks).
func (s *Scoreboard) firstEndingAfter(x seq.Seq) int {
	lo, hi := 0, len(s.blocks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.blocks[m].Right.LessEq(x) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// firstEndingAtOrAfter returns the index of the first range whose Right is x
// or after it (so it holds x, touches it or lies above it), or len(blocks).
func (s *Scoreboard) firstEndingAtOrAfter(x seq.Seq) int {
	lo, hi := 0, len(s.blocks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.blocks[m].Right.LessThan(x) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Reset forgets everything (after an RTO, RFC 6675 §5.1 allows keeping it; we clear on a connection reset only).
func (s *Scoreboard) Reset() { s.blocks = s.blocks[:0]; s.sacked = 0 }

// IsSACKed reports whether byte b has been SACKed.
func (s *Scoreboard) IsSACKed(b seq.Seq) bool {
	i := s.firstEndingAfter(b)
	return i < len(s.blocks) && s.blocks[i].Left.LessEq(b)
}

// IsLost is RFC 6675 §4 IsLost(SeqNum): at least dupThresh discontiguous
// SACKed sequences, or more than (dupThresh-1)·smss bytes, lie above b.
//
// RFC 6675 §4: "This routine returns whether the given sequence number is
// considered to be lost. The routine returns true when either DupThresh
// discontiguous SACKed sequences have arrived above 'SeqNum' or more than
// (DupThresh - 1) * SMSS bytes with sequence numbers greater than 'SeqNum'
// have been SACKed." The scoreboard knows ranges, not segments, so a
// "discontiguous SACKed sequence" is a maximal SACKed range with at least one
// byte above b.
func (s *Scoreboard) IsLost(b seq.Seq, dupThresh, smss int) bool {
	count, bytes := 0, 0
	limit := (dupThresh - 1) * smss
	for i := len(s.blocks) - 1; i >= 0; i-- {
		r := s.blocks[i]
		if r.Right.LessEq(b.Add(1)) {
			break // this range and all below it end at or before b
		}
		count++
		bytes += r.Right.Diff(seq.Max(r.Left, b.Add(1)))
		if count >= dupThresh || bytes > limit {
			return true
		}
	}
	return false
}

// Pipe is RFC 6675 §4 SetPipe over [una, highData): the bytes the sender
// believes are still in the network, counting retransmissions up to highRxt.
//
// RFC 6675 §4: "After initializing pipe to zero, the following steps are
// taken for each octet 'S1' in the sequence space between HighACK and
// HighData that has not been SACKed: (a) If IsLost (S1) returns false: Pipe is
// incremented by 1 octet. ... (b) If S1 <= HighRxt: Pipe is incremented by 1
// octet." highData is one past the highest byte sent (SND.NXT); highRxt is
// one past the highest byte retransmitted in this recovery (RFC's HighRxt + 1),
// or una (or anything before it) if nothing has been retransmitted.
//
// Between two SACKed ranges every unSACKed byte has the same SACKed bytes
// above it, so IsLost is the same for the whole hole: the count is done per
// hole, in O(number of ranges), not per byte.
func (s *Scoreboard) Pipe(una, highData, highRxt seq.Seq, dupThresh, smss int) int {
	if !una.LessThan(highData) {
		return 0
	}
	rxtEnd := seq.Min(seq.Max(highRxt, una), highData)
	limit := (dupThresh - 1) * smss
	pipe := 0
	countAbove, bytesAbove := len(s.blocks), s.sacked
	holeStart := una
	for _, r := range s.blocks {
		if r.Left.GreaterThan(holeStart) {
			// The hole [holeStart, min(r.Left, highData)) lies below this
			// range and every range after it.
			holeEnd := seq.Min(r.Left, highData)
			if holeStart.LessThan(holeEnd) {
				lost := countAbove >= dupThresh || bytesAbove > limit
				pipe += holeBytes(holeStart, holeEnd, lost, rxtEnd)
			}
		}
		countAbove--
		bytesAbove -= r.Right.Diff(r.Left)
		holeStart = seq.Max(holeStart, r.Right)
		if !holeStart.LessThan(highData) {
			return pipe
		}
	}
	// Above the highest SACKed byte nothing is SACKed: not lost.
	return pipe + holeBytes(holeStart, highData, false, rxtEnd)
}

// holeBytes is SetPipe's count for an unSACKed run [start, end): each byte
// counts once if not lost (a) and once more if retransmitted (b).
func holeBytes(start, end seq.Seq, lost bool, rxtEnd seq.Seq) int {
	n := 0
	if !lost {
		n = end.Diff(start)
	}
	if rxt := seq.Min(end, rxtEnd); start.LessThan(rxt) {
		n += rxt.Diff(start)
	}
	return n
}

// NextSeg is RFC 6675 §4 NextSeg: the range to send next during recovery, and
// which rule chose it (1: a lost hole, 2: new data, 3: a not-yet-lost hole;
// 0: nothing). canSendNew says whether new data is available and allowed by
// the peer's window; highRxt is one past the highest byte retransmitted so far
// in this recovery (or una if none), as for Pipe.
//
// Rules 1 and 3 return at most smss bytes of one hole, stopping at the next
// SACKed byte and at highData. Rule 2 returns start = highData and length =
// smss; the caller trims it to the data it has and the peer's window. Rule 4
// (the rescue retransmission) needs per-recovery state (RescueRxt,
// RecoveryPoint) and is left to the caller, which RescueSeg helps; NextSeg
// never returns it.
func (s *Scoreboard) NextSeg(una, highData, highRxt seq.Seq, dupThresh, smss int, canSendNew bool) (start seq.Seq, length int, rule int) {
	// (1.a) "S2 is greater than HighRxt": the first unSACKed byte at or
	// after highRxt (and never below una).
	s2 := seq.Max(una, highRxt)
	i := s.firstEndingAfter(s2)
	if i < len(s.blocks) && s.blocks[i].Left.LessEq(s2) {
		s2 = s.blocks[i].Right // ranges never touch: the next byte is a hole
		i++
	}
	// (1.b) "S2 is less than the highest octet covered by any received
	// SACK." If a range lies above s2, s2 is below the highest SACKed byte.
	if i < len(s.blocks) && s2.LessThan(highData) {
		holeEnd := seq.Min(s.blocks[i].Left, highData)
		length := min(smss, holeEnd.Diff(s2))
		// (1.c) "IsLost (S2) returns true." IsLost only falls as the
		// sequence number rises, so if the smallest candidate is not lost
		// no larger one is.
		if s.IsLost(s2, dupThresh, smss) {
			return s2, length, 1
		}
		if canSendNew {
			return highData, smss, 2
		}
		// (3) "If the conditions for rules (1) and (2) fail, but there
		// exists an unSACKed sequence number 'S3' that meets the criteria
		// for detecting loss given in steps (1.a) and (1.b) above
		// (specifically excluding step (1.c)), then one segment of up to
		// SMSS octets starting with S3 SHOULD be returned."
		return s2, length, 3
	}
	// (2) "If no sequence number 'S2' per rule (1) exists but there exists
	// available unsent data and the receiver's advertised window allows, the
	// sequence range of one segment of up to SMSS octets of previously
	// unsent data starting with sequence number HighData+1 MUST be returned."
	if canSendNew {
		return highData, smss, 2
	}
	return 0, 0, 0
}

// RescueSeg is the segment of RFC 6675 §4 NextSeg rule (4), the rescue
// retransmission: "one segment of up to SMSS octets that MUST include the
// highest outstanding unSACKed sequence number". It returns the last (up to)
// smss bytes of the highest hole below highData, and false if every byte in
// [una, highData) is SACKed. The rule's conditions — rules (1) to (3) failed,
// and "HighACK is greater than RescueRxt (or RescueRxt is undefined)" — and
// setting RescueRxt = RecoveryPoint are the caller's, which keeps the
// per-recovery state.
func (s *Scoreboard) RescueSeg(una, highData seq.Seq, smss int) (start seq.Seq, length int, ok bool) {
	end := highData
	i := len(s.blocks) - 1
	for ; i >= 0; i-- {
		r := s.blocks[i]
		if r.Left.GreaterEq(end) {
			continue // wholly above what we look at
		}
		if r.Right.GreaterEq(end) {
			end = r.Left // covers the top byte: the hole is below it
			continue
		}
		break
	}
	if !una.LessThan(end) {
		return 0, 0, false
	}
	holeStart := una
	if i >= 0 {
		holeStart = seq.Max(holeStart, s.blocks[i].Right)
	}
	start = seq.Max(holeStart, end.Add(-smss))
	return start, end.Diff(start), true
}

// HighestSACKed returns the highest SACKed byte + 1, and false if nothing is SACKed.
func (s *Scoreboard) HighestSACKed() (seq.Seq, bool) {
	if len(s.blocks) == 0 {
		return 0, false
	}
	return s.blocks[len(s.blocks)-1].Right, true
}

// SACKedBytes returns the total bytes SACKed above SND.UNA.
func (s *Scoreboard) SACKedBytes() int { return s.sacked }

// Blocks returns the SACKed ranges in sequence order; the slice is owned by the scoreboard.
func (s *Scoreboard) Blocks() []wire.SACKBlock { return s.blocks }
