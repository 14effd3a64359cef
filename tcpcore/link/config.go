package link

import (
	"strconv"
	"time"
)

// Config describes one direction of a link in netem's vocabulary
// (tc-netem(8)). The zero value is a perfect link: no delay, no rate limit,
// no impairment. Every probability is a fraction in [0, 1] (netem takes
// percentages: "loss 1%" is Loss 0.01).
type Config struct {
	// Delay is the one-way propagation delay added to every packet after
	// it leaves the bottleneck (netem's "delay TIME").
	Delay time.Duration
	// Jitter is the delay variation (netem's "delay TIME JITTER"): with the
	// Uniform distribution the delay is uniform in [Delay−Jitter,
	// Delay+Jitter); with the others Jitter is the scale of the standard
	// variate (see Distribution). A delay that comes out negative is 0.
	// Jitter can reorder packets: see the package documentation.
	Jitter time.Duration
	// Distribution is the shape of the jitter (netem's "distribution").
	Distribution Distribution
	// KeepOrder stops jitter from reordering: a packet (or copy) that is
	// not Reordered then never arrives before one sent earlier, its
	// arrival held back to the latest so far. Real paths mostly behave so,
	// their delay variation coming from FIFO queues; netem does the same
	// when it has a rate. Without it jitter reorders, as netem does
	// without a rate.
	KeepOrder bool

	// Rate is the bottleneck's rate in bits per second (netem's "rate");
	// 0 means unlimited: no serialisation delay and no queue. A packet of
	// n bytes occupies the bottleneck for n·8/Rate seconds, rounded up to
	// the nanosecond.
	Rate int64
	// QueueLimit is the drop-tail limit of the bottleneck queue in packets,
	// the packet being serialised included; a packet that arrives when the
	// queue holds QueueLimit packets is dropped (DropQueueOverflow). 0
	// means DefaultQueueLimit. It has no effect when Rate is 0.
	QueueLimit int

	// Loss is the probability that a packet is lost at random,
	// independently of every other (netem's "loss random").
	Loss float64
	// BurstLoss is a Gilbert-Elliott loss model (netem's "loss gemodel");
	// the zero value disables it.
	BurstLoss GilbertElliott

	// Duplicate is the probability that a packet is sent twice (netem's
	// "duplicate"). The copy follows the original through the bottleneck
	// and gets its own jitter.
	Duplicate float64
	// Reorder is the probability that a packet skips the propagation delay
	// and jitter and so overtakes packets sent before it (netem's
	// "reorder"). It needs Delay > 0, as netem does.
	Reorder float64
	// ReorderGap is netem's "gap": only a packet that follows at least
	// ReorderGap−1 delayed packets may be reordered, so Reorder 1 with
	// ReorderGap 5 reorders exactly every fifth packet. 0 and 1 both mean
	// every packet may be.
	ReorderGap int
	// Corrupt is the probability that one bit of a packet is flipped
	// (netem's "corrupt").
	Corrupt float64

	// Outages are the windows in which the link is down: a packet sent at
	// a time t with Start ≤ t < End is dropped (DropOutage). Packets sent
	// before a window opens are still delivered. The windows must be in
	// order and must not overlap.
	Outages []Window
}

// Window is a span of virtual time [Start, End).
type Window struct {
	Start, End time.Duration
}

// GilbertElliott is the two-state burst-loss model of netem's "loss
// gemodel p r 1-h 1-k". The link is in the good or the bad state; each
// packet is lost with the current state's loss probability, then the state
// moves on. Starting in the good state, bad bursts last 1/R packets on
// average and good runs 1/P, so the long-run loss rate is
// (P·LossInBad + R·LossInGood)/(P + R).
//
// Unlike tc, nothing is filled in for missing parameters: "gemodel 1%"
// (tc's R = 1−P, 1−h = 100 %, 1−k = 0) is written
// GilbertElliott{P: 0.01, R: 0.99, LossInBad: 1}.
type GilbertElliott struct {
	// P is the probability of moving from the good to the bad state.
	P float64
	// R is the probability of moving from the bad to the good state.
	R float64
	// LossInBad is the loss probability in the bad state (netem's 1−h).
	LossInBad float64
	// LossInGood is the loss probability in the good state (netem's 1−k).
	LossInGood float64
}

// Enabled reports whether the model can lose anything.
func (g GilbertElliott) Enabled() bool {
	return g.LossInGood > 0 || (g.P > 0 && g.LossInBad > 0)
}

// Limits checked by Validate. They keep a hostile scenario from making the
// link allocate or compute without bound, and keep every time sum far from
// overflowing time.Duration.
const (
	MaxDelay          = time.Minute
	MaxJitter         = time.Minute
	MinRate           = 1000              // bits per second
	MaxRate           = 1_000_000_000_000 // 1 Tbit/s
	MaxQueueLimit     = 100_000
	DefaultQueueLimit = 1000 // netem's default limit
	MaxReorderGap     = 1_000_000
	MaxOutages        = 10_000
	// MaxTime bounds outage windows: 100 days of virtual time.
	MaxTime = 100 * 24 * time.Hour
)

// FieldError is the error Validate returns: which field, the value it has,
// and what is allowed. Field is a Go path into Config ("BurstLoss.R",
// "Outages[2].End") that a scenario decoder can map to its own names.
type FieldError struct {
	Field string
	Value string
	Want  string
}

func (e *FieldError) Error() string {
	return "link: " + e.Field + " = " + e.Value + ", want " + e.Want
}

func fraction(field string, v float64) error {
	if v >= 0 && v <= 1 { // false for NaN
		return nil
	}
	return &FieldError{field, formatFloat(v), "0..1"}
}

func duration(field string, v, hi time.Duration) error {
	if v >= 0 && v <= hi {
		return nil
	}
	return &FieldError{field, v.String(), "0s.." + hi.String()}
}

func integer(field string, v, lo, hi int64) error {
	if v >= lo && v <= hi {
		return nil
	}
	return &FieldError{field, strconv.FormatInt(v, 10), strconv.FormatInt(lo, 10) + ".." + strconv.FormatInt(hi, 10)}
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Validate checks every field against its range and returns the first
// problem as a *FieldError, such as "link: Loss = 1.5, want 0..1".
func (c *Config) Validate() error {
	if err := duration("Delay", c.Delay, MaxDelay); err != nil {
		return err
	}
	if err := duration("Jitter", c.Jitter, MaxJitter); err != nil {
		return err
	}
	if c.Distribution > ParetoNormal {
		return &FieldError{"Distribution", c.Distribution.String(), "uniform, normal, pareto or paretonormal"}
	}
	if c.Rate != 0 && (c.Rate < MinRate || c.Rate > MaxRate) {
		return &FieldError{"Rate", strconv.FormatInt(c.Rate, 10),
			"0 (unlimited) or " + strconv.Itoa(MinRate) + ".." + strconv.FormatInt(MaxRate, 10) + " bits per second"}
	}
	if err := integer("QueueLimit", int64(c.QueueLimit), 0, MaxQueueLimit); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"Loss", c.Loss},
		{"BurstLoss.P", c.BurstLoss.P},
		{"BurstLoss.R", c.BurstLoss.R},
		{"BurstLoss.LossInBad", c.BurstLoss.LossInBad},
		{"BurstLoss.LossInGood", c.BurstLoss.LossInGood},
		{"Duplicate", c.Duplicate},
		{"Reorder", c.Reorder},
		{"Corrupt", c.Corrupt},
	} {
		if err := fraction(f.name, f.v); err != nil {
			return err
		}
	}
	if err := integer("ReorderGap", int64(c.ReorderGap), 0, MaxReorderGap); err != nil {
		return err
	}
	// tc-netem(8): "to use reordering, a delay option must be specified";
	// without a delay there is nothing for a packet to skip.
	if c.Reorder > 0 && c.Delay == 0 {
		return &FieldError{"Reorder", formatFloat(c.Reorder), "0 when Delay is 0 (a reordered packet skips the delay)"}
	}
	if len(c.Outages) > MaxOutages {
		return &FieldError{"Outages", strconv.Itoa(len(c.Outages)) + " windows", "at most " + strconv.Itoa(MaxOutages)}
	}
	for i, w := range c.Outages {
		name := "Outages[" + strconv.Itoa(i) + "]"
		if err := duration(name+".Start", w.Start, MaxTime); err != nil {
			return err
		}
		if err := duration(name+".End", w.End, MaxTime); err != nil {
			return err
		}
		if w.End <= w.Start {
			return &FieldError{name + ".End", w.End.String(), "after Start = " + w.Start.String()}
		}
		if i > 0 && w.Start < c.Outages[i-1].End {
			return &FieldError{name + ".Start", w.Start.String(),
				"at or after Outages[" + strconv.Itoa(i-1) + "].End = " + c.Outages[i-1].End.String() + " (in order, not overlapping)"}
		}
	}
	return nil
}
