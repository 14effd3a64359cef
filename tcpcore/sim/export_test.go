package sim

import (
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
)

// RunReading is Run with the applications reading into a buffer and
// handing every read to onRead, for the byte-stream invariant.
func RunReading(sc *scenario.Scenario, onRead func(conn int, side trace.Side, offset int64, data []byte)) (*trace.Trace, error) {
	return run(sc, hooks{read: onRead})
}

// RunWire is Run with onPacket seeing every packet's bytes as encoded,
// before any corruption, and onArrival every packet as it reaches the
// receiving host, both with the packet's header index.
func RunWire(sc *scenario.Scenario, onPacket, onArrival func(ref uint32, pkt []byte)) (*trace.Trace, error) {
	return run(sc, hooks{packet: onPacket, arrival: onArrival})
}

// SetMaxSegments lowers the segment limit for a test and returns a
// function restoring it.
func SetMaxSegments(n int) (restore func()) {
	old := maxSegments
	maxSegments = n
	return func() { maxSegments = old }
}
