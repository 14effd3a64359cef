package capture

import (
	"errors"
	"io"
	"strconv"
	"time"

	"tcpplayground/tcpcore/pcap"
	"tcpplayground/tcpcore/trace"
)

// Vantage is where the capture is taken.
type Vantage uint8

// The vantage points.
const (
	VantageA Vantage = iota + 1
	VantageB
	VantageLink
)

// String returns the name ParseVantage accepts: "A", "B" or "link".
func (v Vantage) String() string {
	switch v {
	case VantageA:
		return "A"
	case VantageB:
		return "B"
	case VantageLink:
		return "link"
	}
	return "Vantage(" + strconv.Itoa(int(v)) + ")"
}

// errVantage is returned for a name that is not a vantage point.
var errVantage = errors.New(`vantage must be "A", "B" or "link"`)

// vantageError names what is not a vantage point and wraps errVantage. (This
// package does not import fmt: the page's wasm would carry it only for
// these two messages once the share link's compressor stops needing it.)
type vantageError struct{ what string }

func (e *vantageError) Error() string { return "capture: " + e.what + ": " + errVantage.Error() }
func (e *vantageError) Unwrap() error { return errVantage }

// ParseVantage parses "A", "B" or "link" (as tcpsim's -vantage flag takes
// them; "a" and "b" are accepted too).
func ParseVantage(s string) (Vantage, error) {
	switch s {
	case "A", "a":
		return VantageA, nil
	case "B", "b":
		return VantageB, nil
	case "link":
		return VantageLink, nil
	}
	return 0, &vantageError{strconv.Quote(s)}
}

// Captured reports whether event e is a packet seen from vantage v: a
// segment sent (for A and B, by that side), a segment received by that
// side, or a packet its host dropped on arrival (bad checksum, malformed,
// no socket), whose arrival the interface still saw.
func Captured(e trace.Event, v Vantage) bool {
	switch v {
	case VantageLink:
		return e.Kind == trace.Sent
	case VantageA, VantageB:
		side := trace.A
		if v == VantageB {
			side = trace.B
		}
		switch e.Kind {
		case trace.Sent, trace.Received:
			return e.Side == side
		case trace.Dropped:
			// A link event's Side is the sender; the host-side drops
			// happen at the receiver, at the arrival time.
			return arrivedDrop(trace.Drop(e.Code)) && e.Side.Peer() == side
		}
	}
	return false
}

// arrivedDrop reports whether a drop happened at the receiving host, after
// the packet crossed the link (the others happened before it arrived).
func arrivedDrop(d trace.Drop) bool {
	switch d {
	case trace.DropBadChecksum, trace.DropMalformed, trace.DropNoSocket:
		return true
	}
	return false
}

// Count returns the number of packets Write would write.
func Count(t *trace.Trace, v Vantage) int {
	n := 0
	for _, e := range t.Events() {
		if Captured(e, v) {
			n++
		}
	}
	return n
}

// Write writes the packets of t seen from vantage v to w as a pcap file
// and returns how many it wrote. Timestamps are the virtual time since the
// start of the run (so the file starts at the Unix epoch).
func Write(w io.Writer, t *trace.Trace, v Vantage) (int, error) {
	if v < VantageA || v > VantageLink {
		return 0, &vantageError{v.String()}
	}
	pw, err := pcap.NewWriter(w)
	if err != nil {
		return 0, err
	}
	n := 0
	pkt := make([]byte, 0, 2048) // a full-sized segment with options, without growing
	for _, e := range t.Events() {
		if !Captured(e, v) {
			continue
		}
		// AppendArrivedPacket is AppendPacket for everything but a
		// corrupted arrival, which it writes with its flipped bits.
		pkt = t.AppendArrivedPacket(pkt[:0], e)
		if err := pw.WritePacket(time.Duration(e.At), pkt); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
