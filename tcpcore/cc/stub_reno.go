package cc

// STUB: replaced by the real RFC 5681 / RFC 9438 implementations.

import "time"

type stub struct{ smss, cwnd, ssthresh int }

func newReno(smss, iw int) Controller  { return &stub{smss, iw, 1 << 30} }
func newCubic(smss, iw int) Controller { return &stub{smss, iw, 1 << 30} }

func (s *stub) OnAck(now time.Duration, acked, flight int, srtt time.Duration, appLimited bool) {
	s.cwnd += acked
}
func (s *stub) OnEnterRecovery(now time.Duration, flight int, inflate bool) {
	s.ssthresh = max(flight/2, 2*s.smss)
	s.cwnd = s.ssthresh
}
func (s *stub) OnDupAckInRecovery()                             {}
func (s *stub) OnPartialAck(acked int)                          {}
func (s *stub) OnExitRecovery(now time.Duration, flight int)    { s.cwnd = s.ssthresh }
func (s *stub) OnRTO(now time.Duration, flight int, first bool) { s.cwnd = s.smss }
func (s *stub) OnIdleRestart(now time.Duration)                 {}
func (s *stub) Cwnd() int                                       { return s.cwnd }
func (s *stub) Ssthresh() int                                   { return s.ssthresh }
func (s *stub) Metrics() Metrics                                { return Metrics{Cwnd: s.cwnd, Ssthresh: s.ssthresh} }
