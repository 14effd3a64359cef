// Package sack is the sender's SACK scoreboard of RFC 6675: which bytes above
// SND.UNA the receiver has reported holding (RFC 2018), and from that the
// IsLost, SetPipe and NextSeg rules of RFC 6675 §4 that decide what a
// SACK-based loss recovery resends. D-SACK blocks (RFC 2883) are recognised
// and reported, never entered as SACKed data.
//
// The scoreboard is a sorted slice of merged ranges, reused between ACKs, so
// a steady-state update allocates nothing. Everything is computed per range
// rather than per byte: between two SACKed ranges every hole byte has the same
// SACKed data above it, so IsLost is constant over a hole. NextSeg implements
// rules 1 to 3; rule 4, the rescue retransmission, needs per-recovery state
// (RescueRxt) that the caller keeps, and RescueSeg finds its segment. HighRxt is passed as one past the highest byte
// retransmitted (SND.UNA when nothing has been), HighData as SND.NXT.
package sack
