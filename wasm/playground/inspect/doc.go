// Package inspect breaks one IPv4+TCP packet, as the simulator put it on
// the wire, into its header fields and options: each with its name, its
// value in words and the byte range it occupies, so the page's segment
// inspector can list every field and highlight its bytes in the hex dump.
//
// It reads the bytes themselves (RFC 791 §3.1 for IPv4, RFC 9293 §3.1 for
// TCP, RFC 7323 and RFC 2018 for the options), not the trace's header
// record, so what the inspector shows is what Wireshark would show for the
// same packet. It allocates only the field list and never panics on short
// or malformed input: what cannot be read is reported as an error after
// the fields that could.
package inspect
