package tcp

import "time"

// timer is one row of the timer table.
type timer struct {
	deadline time.Duration
	armed    bool
}

// setTimer and cancelTimer run on nearly every segment: small enough to
// inline, with the Observer's event built out of line (see observe.go).
func (e *Endpoint) setTimer(k TimerKind, deadline time.Duration) {
	if t := e.timers[k]; !t.armed || t.deadline != deadline {
		e.armTimer(k, deadline)
	}
}

// armTimer and disarmTimer are the out-of-line halves of setTimer and
// cancelTimer, which stay small enough to inline.
//
//go:noinline
func (e *Endpoint) armTimer(k TimerKind, deadline time.Duration) {
	e.timers[k] = timer{deadline: deadline, armed: true}
	if e.cfg.Observer != nil {
		ev := &e.evTimer
		ev.Kind, ev.At, ev.Timer, ev.Deadline = EvTimerSet, e.now, k, deadline
		e.cfg.Observer(ev)
	}
}

func (e *Endpoint) cancelTimer(k TimerKind) {
	if e.timers[k].armed {
		e.disarmTimer(k)
	}
}

//go:noinline
func (e *Endpoint) disarmTimer(k TimerKind) {
	e.timers[k].armed = false
	if e.cfg.Observer != nil {
		ev := &e.evTimer
		ev.Kind, ev.At, ev.Timer, ev.Deadline = EvTimerCancelled, e.now, k, 0
		e.cfg.Observer(ev)
	}
}

func (e *Endpoint) cancelAllTimers() {
	for k := range e.timers {
		e.cancelTimer(TimerKind(k))
	}
}

// NextTimeout returns when HandleTimeout should next be called: the earliest
// armed timer. ok is false when no timer is armed (only a segment or a user
// call can wake the endpoint).
func (e *Endpoint) NextTimeout() (time.Duration, bool) {
	var next time.Duration
	ok := false
	for _, t := range e.timers {
		if t.armed && (!ok || t.deadline < next) {
			next, ok = t.deadline, true
		}
	}
	return next, ok
}

// HandleTimeout fires every timer whose deadline is at or before now, in the
// table's order.
func (e *Endpoint) HandleTimeout(now time.Duration) {
	e.now = now
	for k := range e.timers {
		t := &e.timers[k]
		if !t.armed || t.deadline > now {
			continue
		}
		t.armed = false
		if e.cfg.Observer != nil {
			ev := &e.evTimer
			ev.Kind, ev.At, ev.Timer, ev.Deadline = EvTimerFired, now, TimerKind(k), 0
			e.cfg.Observer(ev)
		}
		switch TimerKind(k) {
		case TimerRTO:
			e.onRTO()
		case TimerDelayedACK:
			e.requestACK(SendDelayedACK)
		case TimerPersist:
			if e.probesUnanswered >= e.cfg.R2 {
				// RFC 9293 §3.8.6.1: the connection must not be closed while
				// probes are acknowledged; these were not, R2 times.
				e.terminate(ErrTimedOut, CauseTimeout, "R2 zero-window probes unanswered")
				continue
			}
			e.probesUnanswered++
			e.probeNow = true
		case TimerKeepAlive:
			e.onKeepAlive()
		case TimerTimeWait:
			// RFC 9293 §3.10.8: the 2·MSL timeout deletes the TCB.
			e.terminate(nil, CauseTimeWait, "2·MSL elapsed in TIME-WAIT")
		}
	}
	e.emitSpace()
}

// startTimeWait enters or restarts the 2·MSL wait (RFC 9293 §3.10.7.4).
func (e *Endpoint) startTimeWait() {
	for _, k := range [...]TimerKind{TimerRTO, TimerDelayedACK, TimerPersist, TimerKeepAlive} {
		e.cancelTimer(k)
	}
	e.setTimer(TimerTimeWait, e.now+2*e.cfg.MSL)
}

// armKeepAlive schedules the next keepalive check (RFC 1122 §4.2.3.6).
// It runs for every segment: inlined, it costs one test with keepalives off.
func (e *Endpoint) armKeepAlive() {
	if e.cfg.KeepAlive {
		e.scheduleKeepAlive()
	}
}

func (e *Endpoint) scheduleKeepAlive() {
	if !e.state.synchronized() || e.state == TimeWait {
		return
	}
	d := e.cfg.KeepAliveIdle
	if e.kaProbes > 0 {
		d = e.cfg.KeepAliveInterval
	}
	e.setTimer(TimerKeepAlive, e.lastRecv+d)
}

func (e *Endpoint) onKeepAlive() {
	if !e.state.synchronized() || e.state == TimeWait {
		return
	}
	idle := e.now - e.lastRecv
	if e.kaProbes == 0 && idle < e.cfg.KeepAliveIdle {
		e.armKeepAlive()
		return
	}
	if e.flightSize() > 0 || e.queued() > 0 {
		// Data is outstanding: the RTO and R2 watch the connection instead.
		e.setTimer(TimerKeepAlive, e.now+e.cfg.KeepAliveIdle)
		return
	}
	if e.kaProbes >= e.cfg.KeepAliveProbes {
		e.terminate(ErrTimedOut, CauseTimeout, "keepalive probes unanswered")
		return
	}
	e.kaProbes++
	e.kaNow = true
	e.setTimer(TimerKeepAlive, e.now+e.cfg.KeepAliveInterval)
}
