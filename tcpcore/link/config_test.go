package link

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"
)

func TestValidateAcceptsLimits(t *testing.T) {
	for _, cfg := range []Config{
		{},
		everything,
		{Delay: MaxDelay, Jitter: MaxJitter, Distribution: ParetoNormal, Rate: MaxRate, QueueLimit: MaxQueueLimit,
			Loss: 1, Duplicate: 1, Reorder: 1, ReorderGap: MaxReorderGap, Corrupt: 1,
			BurstLoss: GilbertElliott{1, 1, 1, 1}},
		{Rate: MinRate, QueueLimit: 1},
		{Outages: []Window{{0, 1}, {1, 2}, {MaxTime - 1, MaxTime}}},
	} {
		if err := cfg.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil", cfg, err)
		}
	}
}

func TestValidateMessages(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{Loss: 1.5}, "link: Loss = 1.5, want 0..1"},
		{Config{Loss: -0.1}, "link: Loss = -0.1, want 0..1"},
		{Config{Loss: math.NaN()}, "link: Loss = NaN, want 0..1"},
		{Config{Duplicate: 2}, "link: Duplicate = 2, want 0..1"},
		{Config{Corrupt: 1.01}, "link: Corrupt = 1.01, want 0..1"},
		{Config{Reorder: 0.1}, "link: Reorder = 0.1, want 0 when Delay is 0 (a reordered packet skips the delay)"},
		{Config{Delay: time.Millisecond, Reorder: 7}, "link: Reorder = 7, want 0..1"},
		{Config{ReorderGap: -1}, "link: ReorderGap = -1, want 0..1000000"},
		{Config{BurstLoss: GilbertElliott{R: 1.2}}, "link: BurstLoss.R = 1.2, want 0..1"},
		{Config{BurstLoss: GilbertElliott{LossInGood: -1}}, "link: BurstLoss.LossInGood = -1, want 0..1"},
		{Config{Delay: -time.Millisecond}, "link: Delay = -1ms, want 0s..1m0s"},
		{Config{Jitter: 2 * time.Minute}, "link: Jitter = 2m0s, want 0s..1m0s"},
		{Config{Distribution: 9}, "link: Distribution = Distribution(9), want uniform, normal, pareto or paretonormal"},
		{Config{Rate: 999}, "link: Rate = 999, want 0 (unlimited) or 1000..1000000000000 bits per second"},
		{Config{Rate: -1}, "link: Rate = -1, want 0 (unlimited) or 1000..1000000000000 bits per second"},
		{Config{QueueLimit: MaxQueueLimit + 1}, "link: QueueLimit = 100001, want 0..100000"},
		{Config{Outages: []Window{{2 * time.Second, time.Second}}}, "link: Outages[0].End = 1s, want after Start = 2s"},
		{Config{Outages: []Window{{-1, time.Second}}}, "link: Outages[0].Start = -1ns, want 0s..2400h0m0s"},
		{Config{Outages: []Window{{0, 2 * time.Second}, {time.Second, 3 * time.Second}}},
			"link: Outages[1].Start = 1s, want at or after Outages[0].End = 2s (in order, not overlapping)"},
		{Config{Outages: make([]Window, MaxOutages+1)}, "link: Outages = 10001 windows, want at most 10000"},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		var fe *FieldError
		if err == nil || err.Error() != tt.want || !errors.As(err, &fe) {
			t.Errorf("Validate(%+v) = %v, want %q as a *FieldError", tt.cfg, err, tt.want)
		}
	}
}

func TestNewPanicsOnInvalidConfig(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(Config{Loss: 2}) did not panic")
		}
	}()
	New(Config{Loss: 2}, nil)
}

func TestNewCopiesOutages(t *testing.T) {
	cfg := Config{Outages: []Window{{0, time.Second}}}
	l := newLink(t, cfg, 1)
	cfg.Outages[0] = Window{time.Hour, 2 * time.Hour}
	if out := send(l, 0, 100); out.Drop != DropOutage {
		t.Errorf("after the caller edited its Outages, Send(0) = %v, want %v", out.Drop, DropOutage)
	}
}

func TestDistributionText(t *testing.T) {
	for d := Uniform; d <= ParetoNormal; d++ {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("json.Marshal(%v): %v", d, err)
		}
		var back Distribution
		if err := json.Unmarshal(b, &back); err != nil || back != d {
			t.Errorf("json.Unmarshal(%s) = %v, %v; want %v", b, back, err, d)
		}
	}
	if _, err := ParseDistribution("gaussian"); !errors.Is(err, ErrUnknownDistribution) {
		t.Errorf("ParseDistribution(gaussian) = %v, want %v", err, ErrUnknownDistribution)
	}
	if _, err := json.Marshal(Distribution(9)); err == nil {
		t.Error("json.Marshal(Distribution(9)) succeeded, want an error")
	}
}

func TestDropString(t *testing.T) {
	for d, want := range map[Drop]string{NotDropped: "not dropped", DropOutage: "outage", DropRandomLoss: "random loss",
		DropBurstLoss: "burst loss", DropQueueOverflow: "queue overflow", 9: "Drop(?)"} {
		if got := d.String(); got != want {
			t.Errorf("Drop(%d).String() = %q, want %q", d, got, want)
		}
	}
}
