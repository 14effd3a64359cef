// Package tcp is a sans-IO TCP endpoint: one connection's control block
// and its RFC 9293 state machine, with the congestion control
// (tcpcore/cc), RTT estimation (tcpcore/rtt) and SACK scoreboard
// (tcpcore/sack) it drives.
//
// # The contract
//
// An Endpoint never reads a clock, starts a goroutine or does I/O. Time is
// the argument now (virtual time since an arbitrary epoch, never going
// backwards); segments come in through Handle and go out through Poll. The
// driver — the simulator, the script runner or the TUN interop driver —
// loops:
//
//	e.Handle(now, &seg)       // a segment for this endpoint arrived
//	e.HandleTimeout(now)      // the deadline NextTimeout gave has come
//	e.Write / Read / Close …  // the application acted
//	for {                     // after ANY of the calls above
//		s, ok := e.Poll(now)
//		if !ok {
//			break
//		}
//		transmit(s)           // encode or copy it before the next call
//	}
//	t, ok := e.NextTimeout()  // when to call HandleTimeout next (ok=false: no timer)
//
// Poll must be drained until it returns false before relying on
// NextTimeout: arming the persist timer, for one, happens when Poll finds
// nothing to send.
//
// Ownership: the Payload of a Segment returned by Poll is a slice of the
// endpoint's send buffer, valid only until the next call on the endpoint.
// Handle does not keep the segment it is given. An Observer's *Event (and
// its Seg) is valid only during the call.
//
// Determinism: the endpoint's behaviour is a pure function of its Config
// (including ISS and TSOffset) and the sequence of calls with their now
// values. Nothing is random and nothing depends on map order.
//
// # Where the RFCs are
//
// input.go follows RFC 9293 §3.10.7 SEGMENT ARRIVES step by step; sender.go
// holds ACK processing, RTT sampling (RFC 6298, RFC 7323 §4) and the
// retransmission timer; output.go decides what Poll sends (SWS avoidance,
// Nagle, window advertisement, SACK blocks); recovery.go holds the three
// loss-recovery strategies (RFC 5681, RFC 6582, RFC 6675); recvbuf.go the
// receive buffer and reassembly queue; timers.go the timer table; state.go
// the state names and the state diagram as data (Transitions).
package tcp
