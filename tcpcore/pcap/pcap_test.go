package pcap

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"testing"
	"time"
)

func TestNewWriterHeaderBytes(t *testing.T) {
	var b bytes.Buffer
	if _, err := NewWriter(&b); err != nil {
		t.Fatal(err)
	}
	want := "4d3cb2a1" + // magic 0xa1b23c4d, little-endian: nanoseconds
		"0200" + "0400" + // version 2.4
		"00000000" + "00000000" + // thiszone, sigfigs
		"ffff0000" + // snaplen 65535
		"65000000" // LINKTYPE_RAW 101
	if got := hex.EncodeToString(b.Bytes()); got != want {
		t.Errorf("file header = %s, want %s", got, want)
	}
}

func TestWritePacketRecordBytes(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WritePacket(3*time.Second+250*time.Microsecond+7, []byte{0x45, 0x00, 0x01}); err != nil {
		t.Fatal(err)
	}
	want := "03000000" + // 3 s
		"97d00300" + // 250007 ns = 0x3d097
		"03000000" + "03000000" + // captured, original length
		"450001"
	if got := hex.EncodeToString(b.Bytes()[fileHeaderLen:]); got != want {
		t.Errorf("record = %s, want %s", got, want)
	}
}

func TestWritePacketTimeRange(t *testing.T) {
	w, _ := NewWriter(io.Discard)
	for _, ts := range []time.Duration{-1, maxTime, math.MaxInt64} {
		if err := w.WritePacket(ts, []byte{1}); !errors.Is(err, ErrTimeRange) {
			t.Errorf("WritePacket(%v) = %v, want %v", ts, err, ErrTimeRange)
		}
	}
	if err := w.WritePacket(maxTime-1, []byte{1}); err != nil {
		t.Errorf("WritePacket(%v) = %v, want nil", maxTime-1, err)
	}
}

func TestWritePacketTruncatesToSnapLen(t *testing.T) {
	var b bytes.Buffer
	w, _ := NewWriter(&b)
	if err := w.WritePacket(0, make([]byte, SnapLen+10)); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	_, pkt, err := r.Next()
	if err != nil || len(pkt) != SnapLen {
		t.Errorf("Next() = %d bytes, %v; want %d bytes, nil", len(pkt), err, SnapLen)
	}
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after == 0 {
		return 0, io.ErrShortWrite
	}
	f.after--
	return len(p), nil
}

func TestWriterErrorIsSticky(t *testing.T) {
	if _, err := NewWriter(&failingWriter{after: 0}); err == nil {
		t.Error("NewWriter on a failing writer = nil error")
	}
	w, err := NewWriter(&failingWriter{after: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := w.WritePacket(0, []byte{1}); !errors.Is(err, io.ErrShortWrite) {
			t.Errorf("WritePacket #%d after a failed write = %v, want %v", i, err, io.ErrShortWrite)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	packets := []struct {
		t   time.Duration
		pkt []byte
	}{
		{0, []byte{0x45}},
		{time.Nanosecond, []byte{}},
		{999999999, bytes.Repeat([]byte{0xab}, 1500)},
		{time.Second, []byte{1, 2, 3}},
		{3*time.Hour + 17*time.Nanosecond, []byte{4, 5}},
		{(1<<32-1)*time.Second + 999999999, []byte{6}}, // the last representable instant
	}
	var b bytes.Buffer
	w, err := NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packets {
		if err := w.WritePacket(p.t, p.pkt); err != nil {
			t.Fatal(err)
		}
	}
	r, err := NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if r.LinkType() != LinkTypeRaw || r.SnapLen() != SnapLen || !r.Nanosecond() {
		t.Errorf("header: link type %d, snap length %d, nanosecond %v; want %d, %d, true",
			r.LinkType(), r.SnapLen(), r.Nanosecond(), LinkTypeRaw, SnapLen)
	}
	for i, p := range packets {
		gotT, gotPkt, err := r.Next()
		if err != nil || gotT != p.t || !bytes.Equal(gotPkt, p.pkt) {
			t.Errorf("Next() #%d = %v, %x, %v; want %v, %x, nil", i, gotT, gotPkt, err, p.t, p.pkt)
		}
	}
	if _, _, err := r.Next(); err != io.EOF {
		t.Errorf("Next() at the end = %v, want io.EOF", err)
	}
}

// file builds a pcap file by hand in the given byte order and resolution.
func file(order binary.AppendByteOrder, magic uint32, records ...[]uint32) []byte {
	b := order.AppendUint32(nil, magic)
	b = order.AppendUint16(b, 2)
	b = order.AppendUint16(b, 4)
	b = order.AppendUint32(b, 0)
	b = order.AppendUint32(b, 0)
	b = order.AppendUint32(b, 65535)
	b = order.AppendUint32(b, 101)
	for _, r := range records { // sec, frac, captured, original, then that many bytes
		for _, v := range r {
			b = order.AppendUint32(b, v)
		}
		b = append(b, make([]byte, r[2])...)
	}
	return b
}

func TestReaderAcceptsBothResolutionsAndByteOrders(t *testing.T) {
	tests := []struct {
		name  string
		order binary.AppendByteOrder
		magic uint32
		want  time.Duration
	}{
		{"little-endian microseconds", binary.LittleEndian, MagicMicroseconds, 2*time.Second + 5*time.Microsecond},
		{"big-endian microseconds", binary.BigEndian, MagicMicroseconds, 2*time.Second + 5*time.Microsecond},
		{"little-endian nanoseconds", binary.LittleEndian, MagicNanoseconds, 2*time.Second + 5},
		{"big-endian nanoseconds", binary.BigEndian, MagicNanoseconds, 2*time.Second + 5},
	}
	for _, tt := range tests {
		r, err := NewReader(bytes.NewReader(file(tt.order, tt.magic, []uint32{2, 5, 3, 4})))
		if err != nil {
			t.Errorf("%s: NewReader: %v", tt.name, err)
			continue
		}
		got, pkt, err := r.Next()
		if err != nil || got != tt.want || len(pkt) != 3 {
			t.Errorf("%s: Next() = %v, %d bytes, %v; want %v, 3 bytes, nil", tt.name, got, len(pkt), err, tt.want)
		}
	}
}

func TestReaderErrors(t *testing.T) {
	le := binary.LittleEndian
	good := file(le, MagicNanoseconds, []uint32{0, 0, 4, 4})
	badVersion := bytes.Clone(good)
	le.PutUint16(badVersion[4:], 1)
	tests := []struct {
		name string
		file []byte
		kind error
		msg  string
	}{
		{"empty", nil, ErrTruncated, "pcap: truncated file: file header is 0 bytes, want 24"},
		{"short header", good[:10], ErrTruncated, "pcap: truncated file: file header is 10 bytes, want 24"},
		{"pcapng", append([]byte{0x0a, 0x0d, 0x0d, 0x0a}, good[4:]...), ErrMalformed,
			"pcap: malformed file: magic number 0xa0d0d0a is not a pcap file (want a1b2c3d4 or a1b23c4d in either byte order; pcapng is not supported)"},
		{"version", badVersion, ErrMalformed, "pcap: malformed file: version 1.4, want 2.x"},
		{"short record header", good[:fileHeaderLen+7], ErrTruncated, "pcap: truncated file: record 1: record header is 7 bytes, want 16"},
		{"short packet", good[:len(good)-1], ErrTruncated, "pcap: truncated file: record 1: packet is 3 bytes, header says 4"},
		{"nanoseconds ≥ 1 s", file(le, MagicNanoseconds, []uint32{0, 1e9, 0, 0}), ErrMalformed,
			"pcap: malformed file: record 1: fraction of a second 1000000000, want below 1000000000"},
		{"microseconds ≥ 1 s", file(le, MagicMicroseconds, []uint32{0, 1e6, 0, 0}), ErrMalformed,
			"pcap: malformed file: record 1: fraction of a second 1000000, want below 1000000"},
		{"captured > original", file(le, MagicNanoseconds, []uint32{0, 0, 5, 4}), ErrMalformed,
			"pcap: malformed file: record 1: captured length 5 exceeds original length 4"},
		{"second record header missing", file(le, MagicNanoseconds, []uint32{0, 0, 4, 4}, []uint32{0, 0, 0, 0})[:fileHeaderLen+20+5], ErrTruncated,
			"pcap: truncated file: record 2: record header is 5 bytes, want 16"},
	}
	// A captured length beyond MaxRecordLen must be refused before it is allocated.
	huge := file(le, MagicNanoseconds)
	huge = le.AppendUint32(huge, 0)
	huge = le.AppendUint32(huge, 0)
	huge = le.AppendUint32(huge, 1<<31)
	huge = le.AppendUint32(huge, 1<<31)
	tests = append(tests, struct {
		name string
		file []byte
		kind error
		msg  string
	}{"captured length beyond MaxRecordLen", huge, ErrMalformed,
		"pcap: malformed file: record 1: captured length 2147483648, want at most 262144"})
	for _, tt := range tests {
		err := readAll(tt.file)
		if !errors.Is(err, tt.kind) || err.Error() != tt.msg {
			t.Errorf("%s: reading = %v, want %q (wrapping %v)", tt.name, err, tt.msg, tt.kind)
		}
	}
}

// readAll reads a whole file and returns the first error other than io.EOF.
func readAll(b []byte) error {
	r, err := NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	for {
		if _, _, err := r.Next(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func TestWritePacketDoesNotAllocate(t *testing.T) {
	w, _ := NewWriter(io.Discard)
	pkt := make([]byte, 1500)
	allocs := testing.AllocsPerRun(100, func() {
		_ = w.WritePacket(time.Millisecond, pkt)
	})
	if allocs != 0 {
		t.Errorf("WritePacket allocates %v times per call, want 0", allocs)
	}
}

func BenchmarkWritePacket(b *testing.B) {
	w, _ := NewWriter(io.Discard)
	pkt := make([]byte, 1500)
	b.ReportAllocs()
	b.SetBytes(int64(len(pkt)))
	for i := 0; b.Loop(); i++ {
		_ = w.WritePacket(time.Duration(i), pkt)
	}
}
