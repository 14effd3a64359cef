package tcp

import "sync"

// bufPool keeps the send and receive buffers of released endpoints for
// the next ones. A simulation allocates both buffers of every endpoint at
// twice their size (1 MB each in a bulk transfer): fresh, each had to be
// zeroed, and the garbage they left made the collector run about once per
// run — under WebAssembly, where the collector shares the one thread, a
// tenth of a run's instructions.
//
// Reused contents are stale, which is safe: both buffers are written
// before any byte is read (the send buffer between sndHead and sndTail,
// the receive buffer in the ranges recvBuffer tracks).
var bufPool sync.Pool // of *[]byte

// getBuf returns a buffer of n bytes, from the pool when one there is big
// enough (a smaller one is left to the collector).
func getBuf(n int) []byte {
	if p, ok := bufPool.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]byte, n)
}

func putBuf(b []byte) {
	if b != nil {
		bufPool.Put(&b)
	}
}

// Release hands the endpoint's send and receive buffers back for reuse by
// later endpoints. The endpoint must not be used after it (the simulator
// releases both ends of every connection when a run is over).
func (e *Endpoint) Release() {
	putBuf(e.sndBuf)
	putBuf(e.rcv.buf)
	e.sndBuf, e.rcv.buf = nil, nil
}
