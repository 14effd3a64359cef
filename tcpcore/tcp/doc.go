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
// its Seg) is valid only during the call. A driver done with an endpoint
// may call Release, which hands its buffers to the next endpoints
// (bufpool.go); the endpoint must not be used after.
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
//
// # Choices where the RFC text leaves room
//
//   - A pure ACK carries the highest sequence number sent, not an SND.NXT
//     that a timeout pulled back (as BSD does): otherwise two ends that
//     both retransmitted can find each other's ACKs unacceptable and
//     answer them for ever.
//   - SND.WND is also updated by any ACK that advances SND.UNA (as Linux's
//     tcp_may_update_window): a retransmitted FIN has an older SEG.SEQ
//     than the ACKs that followed it, yet the newest window.
//   - The window we advertise never moves its right edge left; with window
//     scaling the 16-bit field is rounded down (RFC 7323 §2.4), so what the
//     peer sees may appear up to 2^shift−1 bytes short of that edge.
//   - A SYN's data is not kept (the peer sends it again); URG is parsed and
//     ignored (RFC 6093); a segment without timestamps after they were
//     negotiated is accepted (as Linux does).
//   - Zero-window probes are never counted towards R2 while they are
//     answered; R2 unanswered probes end the connection.
//   - Challenge ACKs are not rate-limited (RFC 5961 §7 SHOULD).
//   - A timestamp echo older than the first retransmission since the last
//     RTT sample is not sampled (Karn's rule carried over to RFC 7323
//     echoes, as Linux does): a peer answers a retransmitted duplicate with
//     its older TS.Recent, and the sample would include the whole RTO.
//   - Header prediction (Handle's fast path, as in BSD and Linux) takes
//     in-order data whose every check has a foregone result; it changes
//     nothing but the cost, which TestHeaderPredictionChangesNothing checks.
package tcp
