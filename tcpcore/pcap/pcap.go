package pcap

import (
	"encoding/binary"
	"errors"
	"io"
	"strconv"
	"time"
)

// Magic numbers of the file header (draft-ietf-opsawg-pcap §4): the value
// as a little- or big-endian uint32 tells the byte order, the value itself
// the timestamp resolution.
const (
	MagicMicroseconds = 0xa1b2c3d4
	MagicNanoseconds  = 0xa1b23c4d
)

// LinkTypeRaw is LINKTYPE_RAW: each packet starts with an IPv4 or IPv6
// header, with no link-layer header in front.
const LinkTypeRaw = 101

// SnapLen is the snap length the Writer declares: the largest IPv4 packet.
const SnapLen = 65535

// MaxRecordLen is the largest captured length the Reader accepts, the same
// bound Wireshark uses, so a corrupt length cannot make it allocate
// gigabytes.
const MaxRecordLen = 262144

const (
	fileHeaderLen   = 24
	recordHeaderLen = 16
	versionMajor    = 2
	versionMinor    = 4
)

// ErrTruncated is wrapped by errors about a file that ends inside its file
// header or inside a record.
var ErrTruncated = errors.New("pcap: truncated file")

// ErrMalformed is wrapped by errors about a header field that cannot be
// right: an unknown magic number or version, a captured length longer than
// the original length or than MaxRecordLen, a fraction of a second that is
// a second or more.
var ErrMalformed = errors.New("pcap: malformed file")

// ErrTimeRange is returned by WritePacket for a time the format cannot
// represent: before the start of the run, or 2³² seconds (136 years) or
// more after it.
var ErrTimeRange = errors.New("pcap: timestamp out of range")

// maxTime is the first time the 32-bit seconds field cannot hold.
const maxTime = (1 << 32) * time.Second

// formatError says where a file is wrong; it wraps ErrTruncated or
// ErrMalformed.
type formatError struct {
	kind   error
	detail string
}

func (e *formatError) Error() string { return e.kind.Error() + ": " + e.detail }
func (e *formatError) Unwrap() error { return e.kind }

func recordError(kind error, record int, detail string) error {
	return &formatError{kind, "record " + strconv.Itoa(record) + ": " + detail}
}

// Writer writes a LINKTYPE_RAW capture with nanosecond timestamps. It does
// not buffer: wrap a slow destination in a bufio.Writer (and flush it).
type Writer struct {
	w   io.Writer
	hdr [recordHeaderLen]byte
	err error // first write error, returned again by later calls
}

// NewWriter writes the file header to w and returns a Writer for the
// packets. The header is, in order and little-endian: the nanosecond magic,
// version 2.4, a zero time zone and accuracy, the snap length 65535 and the
// link type 101.
func NewWriter(w io.Writer) (*Writer, error) {
	var h [fileHeaderLen]byte
	le := binary.LittleEndian
	le.PutUint32(h[0:], MagicNanoseconds)
	le.PutUint16(h[4:], versionMajor)
	le.PutUint16(h[6:], versionMinor)
	// h[8:16]: thiszone and sigfigs, always 0 (draft-ietf-opsawg-pcap §4).
	le.PutUint32(h[16:], SnapLen)
	le.PutUint32(h[20:], LinkTypeRaw)
	if _, err := w.Write(h[:]); err != nil {
		return nil, err
	}
	return &Writer{w: w}, nil
}

// WritePacket writes one record: pkt, a whole IPv4 packet, captured at
// virtual time t since the start of the run. A packet longer than SnapLen
// is cut to SnapLen, its original length kept in the record header, as a
// capture would. WritePacket does not allocate. After a write error every
// later call returns that error.
func (w *Writer) WritePacket(t time.Duration, pkt []byte) error {
	if w.err != nil {
		return w.err
	}
	if t < 0 || t >= maxTime {
		return ErrTimeRange
	}
	captured := min(len(pkt), SnapLen)
	le := binary.LittleEndian
	le.PutUint32(w.hdr[0:], uint32(t/time.Second))
	le.PutUint32(w.hdr[4:], uint32(t%time.Second))
	le.PutUint32(w.hdr[8:], uint32(captured))
	le.PutUint32(w.hdr[12:], uint32(len(pkt)))
	if _, err := w.w.Write(w.hdr[:]); err != nil {
		w.err = err
		return err
	}
	if _, err := w.w.Write(pkt[:captured]); err != nil {
		w.err = err
		return err
	}
	return nil
}

// Reader reads a classic pcap file record by record.
type Reader struct {
	r        io.Reader
	order    binary.ByteOrder
	fracUnit time.Duration // one tick of the sub-second field
	fracMax  uint32        // ticks in one second
	snapLen  uint32
	linkType uint32
	record   int // number of the next record, from 1 as Wireshark counts
	hdr      [recordHeaderLen]byte
	buf      []byte
}

// NewReader reads and checks the file header from r.
func NewReader(r io.Reader) (*Reader, error) {
	var h [fileHeaderLen]byte
	if n, err := io.ReadFull(r, h[:]); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, &formatError{ErrTruncated, "file header is " + strconv.Itoa(n) + " bytes, want 24"}
		}
		return nil, err
	}
	rd := &Reader{r: r, record: 1}
	switch {
	case binary.LittleEndian.Uint32(h[0:]) == MagicMicroseconds:
		rd.order, rd.fracUnit, rd.fracMax = binary.LittleEndian, time.Microsecond, 1e6
	case binary.BigEndian.Uint32(h[0:]) == MagicMicroseconds:
		rd.order, rd.fracUnit, rd.fracMax = binary.BigEndian, time.Microsecond, 1e6
	case binary.LittleEndian.Uint32(h[0:]) == MagicNanoseconds:
		rd.order, rd.fracUnit, rd.fracMax = binary.LittleEndian, time.Nanosecond, 1e9
	case binary.BigEndian.Uint32(h[0:]) == MagicNanoseconds:
		rd.order, rd.fracUnit, rd.fracMax = binary.BigEndian, time.Nanosecond, 1e9
	default:
		return nil, &formatError{ErrMalformed, "magic number 0x" + strconv.FormatUint(uint64(binary.BigEndian.Uint32(h[0:])), 16) +
			" is not a pcap file (want a1b2c3d4 or a1b23c4d in either byte order; pcapng is not supported)"}
	}
	if major := rd.order.Uint16(h[4:]); major != versionMajor {
		return nil, &formatError{ErrMalformed, "version " + strconv.Itoa(int(major)) + "." +
			strconv.Itoa(int(rd.order.Uint16(h[6:]))) + ", want 2.x"}
	}
	rd.snapLen = rd.order.Uint32(h[16:])
	// The upper bits of the link-type field carry an FCS length
	// (draft-ietf-opsawg-pcap §4); the link type is the low 16 bits.
	rd.linkType = rd.order.Uint32(h[20:]) & 0xffff
	return rd, nil
}

// LinkType returns the file's link type, LinkTypeRaw for files the Writer
// makes.
func (r *Reader) LinkType() int { return int(r.linkType) }

// SnapLen returns the snap length the file header declares.
func (r *Reader) SnapLen() int { return int(r.snapLen) }

// Nanosecond reports whether the file's timestamps have nanosecond
// resolution (else microsecond).
func (r *Reader) Nanosecond() bool { return r.fracUnit == time.Nanosecond }

// Next returns the next record: its timestamp as a duration since the Unix
// epoch (for the Writer's files, the virtual time since the start of the
// run) and the captured bytes. The bytes are valid until the next call.
// At the end of the file Next returns io.EOF; a file that ends inside a
// record gives an error wrapping ErrTruncated, a record header that cannot
// be right one wrapping ErrMalformed.
func (r *Reader) Next() (time.Duration, []byte, error) {
	n, err := io.ReadFull(r.r, r.hdr[:])
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err == io.ErrUnexpectedEOF {
		return 0, nil, recordError(ErrTruncated, r.record, "record header is "+strconv.Itoa(n)+" bytes, want 16")
	}
	if err != nil {
		return 0, nil, err
	}
	sec := r.order.Uint32(r.hdr[0:])
	frac := r.order.Uint32(r.hdr[4:])
	captured := r.order.Uint32(r.hdr[8:])
	original := r.order.Uint32(r.hdr[12:])
	switch {
	case frac >= r.fracMax:
		return 0, nil, recordError(ErrMalformed, r.record, "fraction of a second "+
			strconv.FormatUint(uint64(frac), 10)+", want below "+strconv.FormatUint(uint64(r.fracMax), 10))
	case captured > MaxRecordLen:
		return 0, nil, recordError(ErrMalformed, r.record, "captured length "+
			strconv.FormatUint(uint64(captured), 10)+", want at most "+strconv.Itoa(MaxRecordLen))
	case captured > original:
		return 0, nil, recordError(ErrMalformed, r.record, "captured length "+
			strconv.FormatUint(uint64(captured), 10)+" exceeds original length "+strconv.FormatUint(uint64(original), 10))
	}
	if cap(r.buf) < int(captured) {
		r.buf = make([]byte, captured)
	}
	r.buf = r.buf[:captured]
	if n, err := io.ReadFull(r.r, r.buf); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return 0, nil, recordError(ErrTruncated, r.record, "packet is "+strconv.Itoa(n)+" bytes, header says "+
				strconv.FormatUint(uint64(captured), 10))
		}
		return 0, nil, err
	}
	r.record++
	// sec < 2³² s is about 136 years, far inside time.Duration's 292.
	t := time.Duration(sec)*time.Second + time.Duration(frac)*r.fracUnit
	return t, r.buf, nil
}
