// Package sack is the sender's SACK scoreboard of RFC 6675: which bytes above
// SND.UNA the receiver has reported holding (RFC 2018), and from that the
// IsLost, SetPipe and NextSeg rules of RFC 6675 §4 that decide what a
// SACK-based loss recovery resends. D-SACK blocks (RFC 2883) are recognised
// and reported, never entered as holes.
package sack
