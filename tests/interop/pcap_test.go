package interop_test

import (
	"bufio"
	"io"
	"time"

	"tcpplayground/tcpcore/pcap"
)

// pcapWriter is tcpcore/pcap's writer behind a buffer, stamped with wall-clock
// time. The simulator's captures count virtual time from the start of a run;
// an interop capture is real time, so its records count from pcap's own
// epoch, the Unix epoch, and line up with the kernel's clock.
type pcapWriter struct {
	buf *bufio.Writer
	w   *pcap.Writer
}

func newPcapWriter(f io.Writer) (*pcapWriter, error) {
	buf := bufio.NewWriter(f)
	w, err := pcap.NewWriter(buf)
	if err != nil {
		return nil, err
	}
	return &pcapWriter{buf: buf, w: w}, nil
}

// WritePacket records pkt as captured at t. The first error sticks.
func (p *pcapWriter) WritePacket(t time.Time, pkt []byte) error {
	return p.w.WritePacket(time.Duration(t.UnixNano()), pkt)
}

// Flush writes out the buffered records.
func (p *pcapWriter) Flush() error { return p.buf.Flush() }
