// Package rtt estimates the round-trip time and computes the retransmission
// timeout as RFC 6298 specifies: SRTT and RTTVAR with α = 1/8 and β = 1/4,
// RTO = SRTT + max(G, K·RTTVAR) with K = 4 and G = 1 ms, clamped to a minimum
// and maximum, doubled on each expiry (exponential backoff, §5.5) and reset
// to 3 s when data begins after a lost SYN (§5.7). All arithmetic is in
// integer nanoseconds, so results are identical on every platform. Karn's
// rule — no samples from retransmitted segments — is the caller's part (§3).
package rtt
