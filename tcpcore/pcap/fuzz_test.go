package pcap

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"
)

// FuzzReader checks that no input makes the Reader panic, loop or allocate
// without bound, that every error is a truncation, a malformation or
// io.EOF, and that whatever it reads from a nanosecond file the Writer
// writes back identically.
func FuzzReader(f *testing.F) {
	var b bytes.Buffer
	w, _ := NewWriter(&b)
	_ = w.WritePacket(time.Second+1, []byte{0x45, 0, 0, 20})
	_ = w.WritePacket(2*time.Second, nil)
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:30])
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("NewReader(%x) = %v, want an error wrapping ErrTruncated or ErrMalformed", data, err)
			}
			return
		}
		var out bytes.Buffer
		rw, _ := NewWriter(&out)
		for {
			ts, pkt, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
					t.Fatalf("Next() = %v, want an error wrapping ErrTruncated or ErrMalformed", err)
				}
				return
			}
			if ts < 0 || len(pkt) > MaxRecordLen {
				t.Fatalf("Next() = %v, %d bytes; want a time ≥ 0 and at most %d bytes", ts, len(pkt), MaxRecordLen)
			}
			if len(pkt) <= SnapLen {
				if err := rw.WritePacket(ts, pkt); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Round trip: read back what was rewritten, record by record.
		if !r.Nanosecond() {
			return
		}
		r2, err := NewReader(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("rereading the rewritten file: %v", err)
		}
		for {
			if _, _, err := r2.Next(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("rereading the rewritten file: %v", err)
			}
		}
	})
}
