package wire

import (
	"errors"
	"strconv"
)

// The errors parsing can return, always wrapped with detail (which field,
// which offset, what was expected); test for them with errors.Is.
var (
	// ErrShortHeader: fewer bytes than a fixed header needs.
	ErrShortHeader = errors.New("header too short")
	// ErrDataOffset: a TCP data offset below 5 words or past the packet's end.
	ErrDataOffset = errors.New("bad data offset")
	// ErrBadOption: a TCP option with a bad length (RFC 9293 §3.2).
	ErrBadOption = errors.New("bad option")
	// ErrBadChecksum: the IPv4 header or TCP checksum does not verify. The
	// parse functions still return what they parsed, so a tracer can show
	// the corrupted segment.
	ErrBadChecksum = errors.New("bad checksum")
	// ErrVersion: an IP version other than 4.
	ErrVersion = errors.New("not ipv4")
	// ErrHeaderLen: an IPv4 IHL below 5 words or past the packet's end.
	ErrHeaderLen = errors.New("bad header length")
	// ErrTotalLen: an IPv4 total length shorter than the header or longer
	// than the buffer.
	ErrTotalLen = errors.New("bad total length")
	// ErrNotTCP: an IPv4 protocol other than 6.
	ErrNotTCP = errors.New("not tcp")
	// ErrFragment: an IPv4 fragment (MF set or a fragment offset); the
	// simulated link never fragments, so neither does this package reassemble.
	ErrFragment = errors.New("fragmented packet")
)

// detailError is a sentinel error with detail, built without fmt (which
// costs the WebAssembly build ~100 KB) and only on the error path.
type detailError struct {
	err    error
	detail string
}

func (e *detailError) Error() string { return e.err.Error() + ": " + e.detail }
func (e *detailError) Unwrap() error { return e.err }

// wrap returns err with detail appended, the way fmt.Errorf("%w: %s") would.
func wrap(err error, detail string) error { return &detailError{err, detail} }

// itoa is strconv.Itoa, short for building details.
func itoa(n int) string { return strconv.Itoa(n) }

// hex16 formats v as 0x followed by four hex digits.
func hex16(v uint16) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}
