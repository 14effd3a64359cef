// Package seq is TCP sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4.1).
//
// Sequence numbers wrap, so they must never be compared as raw integers:
// "a < b" is meaningful only as "b lies less than 2^31 ahead of a". Seq makes
// that the only way to compare them.
package seq
