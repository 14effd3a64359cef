// Package cc is TCP congestion control: strategies that own the congestion
// window (cwnd) and slow-start threshold (ssthresh), both in bytes, and
// change them only when the endpoint tells them what happened.
//
// A Controller never reaches back into the endpoint: everything it needs
// (bytes acknowledged, FlightSize, the current time, the smoothed RTT) comes in
// as arguments, so each one is tested alone against the sentences of its RFC:
// Reno (RFC 5681, with RFC 3465 byte counting in congestion avoidance) and
// CUBIC (RFC 9438: the cubic curve, the Reno-friendly region, fast
// convergence; HyStart++ is not implemented, slow start is RFC 5681's). Both
// share slow start, the fast-recovery hooks (RFC 5681 §3.2 window inflation,
// RFC 6582 partial-ACK deflation and exit), the loss window after a timeout
// and the restart window after idle (RFC 5681 §4.1). Loss recovery — which
// segment to resend, and when recovery ends (Reno, NewReno RFC 6582, SACK RFC
// 6675) — is a separate strategy in the endpoint that calls the hooks here.
//
// Results are deterministic: no clock, no maps, and CUBIC's floating point
// is written so that no platform fuses a multiply-add, giving the same windows
// natively and under WebAssembly (a test pins a hash of a long run).
package cc
