package rtt

import (
	"testing"
	"time"
)

const (
	ms = time.Millisecond
	s  = time.Second
)

// TestSample checks the estimator after a series of samples against values
// worked out by hand from RFC 6298 §2 (https://www.rfc-editor.org/rfc/rfc6298#section-2).
func TestSample(t *testing.T) {
	tests := []struct {
		rule              string
		min, max          time.Duration
		samples           []time.Duration
		srtt, rttvar, rto time.Duration
	}{
		{
			rule: "(2.1) Until a round-trip time (RTT) measurement has been made ... the sender SHOULD set RTO <- 1 second",
			min:  1 * s, max: 60 * s,
			samples: nil,
			srtt:    0, rttvar: 0, rto: 1 * s,
		},
		{
			rule: "(2.2) When the first RTT measurement R is made, the host MUST set SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max (G, K*RTTVAR)",
			min:  0, max: 60 * s,
			samples: []time.Duration{100 * ms},
			srtt:    100 * ms, rttvar: 50 * ms, rto: 300 * ms,
		},
		{
			rule: "(2.2) ... max (G, K*RTTVAR): the clock granularity wins when RTTVAR is tiny",
			min:  0, max: 60 * s,
			samples: []time.Duration{200 * time.Microsecond},
			srtt:    200 * time.Microsecond, rttvar: 100 * time.Microsecond, rto: 200*time.Microsecond + Granularity,
		},
		{
			rule: "(2.3) RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|; SRTT <- (1 - alpha) * SRTT + alpha * R' " +
				"(RTTVAR uses the SRTT from before the update)",
			min: 0, max: 60 * s,
			// RTTVAR = 3/4·50 + 1/4·|100-180| = 37.5 + 20 = 57.5 ms;
			// SRTT = 7/8·100 + 1/8·180 = 87.5 + 22.5 = 110 ms;
			// RTO = 110 + 4·57.5 = 340 ms.
			samples: []time.Duration{100 * ms, 180 * ms},
			srtt:    110 * ms, rttvar: 57500 * time.Microsecond, rto: 340 * ms,
		},
		{
			rule: "(2.3) a steady RTT makes RTTVAR decay by 3/4 per sample",
			min:  0, max: 60 * s,
			// RTTVAR: 50 → 37.5 → 28.125 ms; SRTT stays 100 ms.
			samples: []time.Duration{100 * ms, 100 * ms, 100 * ms},
			srtt:    100 * ms, rttvar: 28125 * time.Microsecond, rto: 100*ms + 112500*time.Microsecond,
		},
		{
			rule: "(2.4) Whenever RTO is computed, if it is less than 1 second, then the RTO SHOULD be rounded up to 1 second.",
			min:  1 * s, max: 60 * s,
			samples: []time.Duration{100 * ms},
			srtt:    100 * ms, rttvar: 50 * ms, rto: 1 * s,
		},
		{
			rule: "(2.5) A maximum value MAY be placed on RTO provided it is at least 60 seconds.",
			min:  1 * s, max: 60 * s,
			samples: []time.Duration{40 * s},
			srtt:    40 * s, rttvar: 20 * s, rto: 60 * s,
		},
	}
	for _, tt := range tests {
		e := NewEstimator(1*s, tt.min, tt.max)
		for _, r := range tt.samples {
			e.Sample(r)
		}
		if e.SRTT() != tt.srtt || e.RTTVar() != tt.rttvar || e.RTO() != tt.rto {
			t.Errorf("%s\nafter Sample(%v): SRTT, RTTVAR, RTO = %v, %v, %v; want %v, %v, %v",
				tt.rule, tt.samples, e.SRTT(), e.RTTVar(), e.RTO(), tt.srtt, tt.rttvar, tt.rto)
		}
		if got, want := e.HasSample(), len(tt.samples) > 0; got != want {
			t.Errorf("%s\nHasSample() = %v, want %v", tt.rule, got, want)
		}
	}
}

// TestBackoff checks RFC 6298 §5 (https://www.rfc-editor.org/rfc/rfc6298#section-5):
// "(5.5) The host MUST set RTO <- RTO * 2 ("back off the timer"). The maximum
// value discussed in (2.5) above may be used to provide an upper bound to
// this doubling operation."
func TestBackoff(t *testing.T) {
	e := NewEstimator(1*s, 200*ms, 10*s)
	want := []time.Duration{2 * s, 4 * s, 8 * s, 10 * s, 10 * s}
	for i, w := range want {
		e.Backoff()
		if e.RTO() != w || e.Backoffs() != i+1 {
			t.Errorf("after %d Backoff(): RTO, Backoffs = %v, %d; want %v, %d", i+1, e.RTO(), e.Backoffs(), w, i+1)
		}
	}
	// "(5.6) Start the retransmission timer ... ." A later measurement
	// recomputes the RTO from (2.2) and clears the backoff.
	e.Sample(100 * ms)
	if e.RTO() != 300*ms || e.Backoffs() != 0 {
		t.Errorf("Sample after backoff: RTO, Backoffs = %v, %d; want 300ms, 0", e.RTO(), e.Backoffs())
	}
}

// TestBackoffNoOverflow pins down that doubling near the maximum duration
// saturates instead of wrapping negative.
func TestBackoffNoOverflow(t *testing.T) {
	const huge = time.Duration(1<<62 + 1<<61)
	e := NewEstimator(huge, 0, huge)
	for range 3 {
		e.Backoff()
		if e.RTO() != huge {
			t.Fatalf("Backoff() near the maximum duration: RTO = %v, want %v", e.RTO(), huge)
		}
	}
}

// TestSYNLost checks RFC 6298 §5 (https://www.rfc-editor.org/rfc/rfc6298#section-5):
// "(5.7) If the timer expires awaiting the ACK of a SYN segment and the TCP
// implementation is using an RTO less than 3 seconds, the RTO MUST be
// re-initialized to 3 seconds when data transmission begins (i.e., after the
// three-way handshake completes)."
func TestSYNLost(t *testing.T) {
	tests := []struct {
		name         string
		initial, max time.Duration
		sample       time.Duration // 0: none
		backoffs     int
		want         time.Duration
	}{
		{"no sample: 3 s", 1 * s, 60 * s, 0, 1, 3 * s},
		{"no sample, several backoffs: still 3 s", 1 * s, 60 * s, 0, 3, 3 * s},
		{"clamped to the maximum", 1 * s, 2 * s, 0, 1, 2 * s},
		{"an initial RTO of 3 s or more is kept", 5 * s, 60 * s, 0, 1, 5 * s},
		{"a sample (e.g. from timestamps) wins", 1 * s, 60 * s, 100 * ms, 0, 300 * ms},
	}
	for _, tt := range tests {
		e := NewEstimator(tt.initial, 200*ms, tt.max)
		if tt.sample != 0 {
			e.Sample(tt.sample)
		}
		for range tt.backoffs {
			e.Backoff()
		}
		e.SYNLost()
		if e.RTO() != tt.want || e.Backoffs() != 0 {
			t.Errorf("%s: SYNLost() gives RTO, Backoffs = %v, %d; want %v, 0", tt.name, e.RTO(), e.Backoffs(), tt.want)
		}
	}
}

// TestNegativeSample pins down that a negative measurement (a caller bug)
// counts as zero rather than corrupting SRTT.
func TestNegativeSample(t *testing.T) {
	e := NewEstimator(1*s, 0, 60*s)
	e.Sample(-5 * ms)
	if e.SRTT() != 0 || e.RTO() != Granularity {
		t.Errorf("Sample(-5ms): SRTT, RTO = %v, %v; want 0, %v", e.SRTT(), e.RTO(), Granularity)
	}
}
