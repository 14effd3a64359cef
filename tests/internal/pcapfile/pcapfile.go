package pcapfile

import (
	"bufio"
	"encoding/binary"
	"io"
	"time"
)

// The file header's constants (pcap-savefile(5)).
const (
	MagicNanoseconds = 0xa1b23c4d
	LinkTypeRaw      = 101
	versionMajor     = 2
	versionMinor     = 4
	snapLen          = 65535
)

// Writer appends packet records to a pcap stream. It is not safe for
// concurrent use.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewWriter writes the file header to w and returns a Writer for records.
func NewWriter(w io.Writer) (*Writer, error) {
	pw := &Writer{w: bufio.NewWriter(w)}
	var h [24]byte
	binary.LittleEndian.PutUint32(h[0:], MagicNanoseconds)
	binary.LittleEndian.PutUint16(h[4:], versionMajor)
	binary.LittleEndian.PutUint16(h[6:], versionMinor)
	// h[8:16]: thiszone and sigfigs, always 0.
	binary.LittleEndian.PutUint32(h[16:], snapLen)
	binary.LittleEndian.PutUint32(h[20:], LinkTypeRaw)
	_, pw.err = pw.w.Write(h[:])
	return pw, pw.err
}

// WritePacket appends one packet captured at t. The first error sticks and is
// returned by every later call and by Flush.
func (pw *Writer) WritePacket(t time.Time, packet []byte) error {
	if pw.err != nil {
		return pw.err
	}
	n := len(packet)
	if n > snapLen {
		n = snapLen
	}
	var h [16]byte
	ns := t.UnixNano()
	binary.LittleEndian.PutUint32(h[0:], uint32(ns/1e9))
	binary.LittleEndian.PutUint32(h[4:], uint32(ns%1e9))
	binary.LittleEndian.PutUint32(h[8:], uint32(n))
	binary.LittleEndian.PutUint32(h[12:], uint32(len(packet)))
	if _, pw.err = pw.w.Write(h[:]); pw.err != nil {
		return pw.err
	}
	_, pw.err = pw.w.Write(packet[:n])
	return pw.err
}

// Flush writes any buffered records to the underlying writer.
func (pw *Writer) Flush() error {
	if pw.err != nil {
		return pw.err
	}
	pw.err = pw.w.Flush()
	return pw.err
}
