// Package rtt estimates the round-trip time and computes the retransmission
// timeout as RFC 6298 specifies: SRTT and RTTVAR with α = 1/8 and β = 1/4,
// RTO = SRTT + max(G, K·RTTVAR) with K = 4, clamped to a minimum and maximum,
// and doubled on each expiry (exponential backoff, §5.5). Karn's rule — no
// samples from retransmitted segments — is the caller's part (§3).
package rtt
