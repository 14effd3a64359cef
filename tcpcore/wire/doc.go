// Package wire is the IPv4 and TCP wire format: the Segment value the
// endpoint works with (in sequence space, RFC 9293 §3.1), and its encoding to
// and parsing from real bytes with real checksums (pseudo-header included).
//
// Parsing never panics: short headers, bad data offsets, bad option lengths
// and bad checksums come back as errors naming what was wrong.
package wire
