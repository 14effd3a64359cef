// Package pcap writes and reads the classic libpcap capture format, so a
// simulated run opens in Wireshark and tshark.
//
// The Writer always produces the same shape of file: little-endian,
// nanosecond-resolution magic 0xa1b23c4d, version 2.4, snap length 65535 and
// link type LINKTYPE_RAW (101), whose packets begin directly with the IPv4
// header. That is also what a capture on a Linux TUN device gives, so the
// simulator's captures and the kernel's can be compared byte for byte.
//
// Timestamps are virtual time since the start of the run, written as an
// offset from the Unix epoch: a packet sent 1.5 s into the run is stamped
// 1970-01-01 00:00:01.5 UTC, and tshark's frame.time_epoch is 1.500000000.
// A fixed epoch keeps the file a pure function of the run, byte-identical
// natively and in the browser.
//
// The Reader accepts what other tools write too: microsecond (0xa1b2c3d4)
// and nanosecond magic in either byte order, any link type. It reports
// truncated and malformed files with errors that wrap ErrTruncated or
// ErrMalformed and say which record and field is wrong.
//
// The file format is described in draft-ietf-opsawg-pcap (PCAP Capture File
// Format) and the link types in draft-ietf-opsawg-pcaplinktype.
package pcap
