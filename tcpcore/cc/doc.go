// Package cc is TCP congestion control: strategies that own the congestion
// window (cwnd) and slow-start threshold (ssthresh), both in bytes, and
// change them only when the endpoint tells them what happened.
//
// A Controller never reaches back into the endpoint: everything it needs
// (bytes acknowledged, FlightSize, the current time, the smoothed RTT) comes in
// as arguments, so each one is tested alone against the sentences of its RFC:
// Reno (RFC 5681) and CUBIC (RFC 9438). Loss recovery — which segment to
// resend, and when recovery ends (Reno, NewReno RFC 6582, SACK RFC 6675) — is a
// separate strategy in the endpoint that calls the hooks here.
package cc
