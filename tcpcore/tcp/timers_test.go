package tcp

import (
	"errors"
	"testing"
	"time"
)

// NextTimeout is the earliest armed timer; HandleTimeout fires all that are due.
func TestNextTimeoutIsMinimum(t *testing.T) {
	o := newOne(t, func(c *Config) { c.DelayedACK = true; c.KeepAlive = true; c.KeepAliveIdle = 10 * time.Second })
	o.established()
	o.write(100)
	o.send() // RTO at 1 s
	o.recv(seg("P.", 1001, 101, "x"))
	o.none() // delayed ACK at 200 ms
	got, ok := o.e.NextTimeout()
	if !ok || got != 200*time.Millisecond {
		t.Fatalf("NextTimeout() = %v, %v; want 200ms (the delayed ACK)", got, ok)
	}
	if !o.e.timers[TimerRTO].armed || !o.e.timers[TimerKeepAlive].armed {
		t.Fatal("RTO or keepalive not armed")
	}
	o.now = 2 * time.Second
	o.e.HandleTimeout(o.now)
	fired := o.count(EvTimerFired, nil)
	if fired != 2 {
		t.Errorf("%d timers fired at 2s, want 2 (delayed ACK and RTO)", fired)
	}
	snap := o.e.Snapshot()
	if !snap.Armed[TimerRTO] || snap.Timers[TimerRTO] != 4*time.Second {
		t.Errorf("Snapshot RTO timer %v armed %v, want 4s (backed off)", snap.Timers[TimerRTO], snap.Armed[TimerRTO])
	}
}

// RFC 1122 §4.2.3.6: keepalive probes after the idle time, abort when unanswered.
func TestKeepAlive(t *testing.T) {
	o := newOne(t, func(c *Config) {
		c.KeepAlive = true
		c.KeepAliveIdle = 10 * time.Second
		c.KeepAliveInterval = time.Second
		c.KeepAliveProbes = 2
	})
	o.established()
	o.fire()
	if o.now != 10*time.Second {
		t.Fatalf("first keepalive at %v, want 10s", o.now)
	}
	o.expect(". 100:100(0) ack 1001", SendKeepAlive)
	o.recv(seg(".", 1001, 101, "")) // answered: idle again
	o.fire()
	if o.now != 20*time.Second {
		t.Fatalf("next keepalive at %v, want 20s", o.now)
	}
	o.expect(". 100:100(0) ack 1001", SendKeepAlive)
	o.fire()
	o.expect(". 100:100(0) ack 1001", SendKeepAlive)
	o.fire()
	o.wantState(Closed)
	if !errors.Is(o.e.Err(), ErrTimedOut) {
		t.Errorf("Err() = %v, want ErrTimedOut", o.e.Err())
	}
}

// Keepalive is off by default: no timer.
func TestKeepAliveOffByDefault(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	if _, ok := o.e.NextTimeout(); ok {
		t.Error("a timer is armed on an idle connection without keepalive")
	}
}

// Every timer set or fired is reported, and a cancelled one too.
func TestTimerEvents(t *testing.T) {
	o := newOne(t, nil)
	o.established()
	o.write(10)
	o.send()
	o.recv(seg(".", 1001, 111, ""))
	set := o.count(EvTimerSet, func(ev Event) bool { return ev.Timer == TimerRTO })
	cancelled := o.count(EvTimerCancelled, func(ev Event) bool { return ev.Timer == TimerRTO })
	if set < 2 || cancelled < 2 {
		t.Errorf("RTO set %d, cancelled %d times; want ≥ 2 each (SYN-ACK and data)", set, cancelled)
	}
}
