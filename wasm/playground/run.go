package main

import (
	"fmt"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// firstLightLines runs a client and a server over a clean link with a fixed
// one-way delay and returns one line per segment sent, with its reason. It
// is a pure function of its arguments so the page and its test agree.
func firstLightLines(payload int, delay time.Duration) ([]string, error) {
	type inFlight struct {
		at  time.Duration
		to  int
		seg wire.Segment
	}
	var lines []string
	var queue []inFlight
	names := [2]string{"A", "B"}
	var eps [2]*tcp.Endpoint
	for i := range eps {
		cfg := tcp.DefaultConfig(tcp.ProfileRFC)
		cfg.ISS = [2]seq.Seq{1000, 5000}[i]
		who := names[i]
		cfg.Observer = func(ev *tcp.Event) {
			if ev.Kind == tcp.EvSegmentSent {
				lines = append(lines, fmt.Sprintf("%8.3f %s > %v   (%v)", ev.At.Seconds(), who, *ev.Seg, ev.SendReason))
			}
		}
		ep, err := tcp.New(cfg)
		if err != nil {
			return nil, err
		}
		eps[i] = ep
	}
	now := time.Duration(0)
	if err := eps[1].Listen(now, 80); err != nil {
		return nil, err
	}
	if err := eps[0].Connect(now, 40000, 80); err != nil {
		return nil, err
	}
	data := make([]byte, payload)
	written := 0
	drain := func(i int) {
		for {
			seg, ok := eps[i].Poll(now)
			if !ok {
				return
			}
			seg.Payload = append([]byte(nil), seg.Payload...)
			queue = append(queue, inFlight{now + delay, 1 - i, seg})
		}
	}
	closed := false
	buf := make([]byte, 4096)
	for step := 0; step < 100000; step++ {
		if eps[0].State() == tcp.Established && written < payload {
			n, _ := eps[0].Write(now, data[written:])
			written += n
		}
		if written == payload && !closed && eps[0].State() == tcp.Established {
			eps[0].Close(now)
			closed = true
		}
		for eps[1].Readable() > 0 {
			eps[1].Read(now, buf)
		}
		if eps[1].State() == tcp.CloseWait {
			eps[1].Close(now)
		}
		drain(0)
		drain(1)
		// Advance to the next arrival or timer, whichever is first.
		next, have := time.Duration(0), false
		for _, f := range queue {
			if !have || f.at < next {
				next, have = f.at, true
			}
		}
		for _, ep := range eps {
			if t, ok := ep.NextTimeout(); ok && (!have || t < next) {
				next, have = t, true
			}
		}
		if !have {
			return lines, nil
		}
		now = next
		rest := queue[:0]
		var due []inFlight
		for _, f := range queue {
			if f.at <= now {
				due = append(due, f)
			} else {
				rest = append(rest, f)
			}
		}
		queue = rest
		for _, f := range due {
			eps[f.to].Handle(now, &f.seg)
		}
		for _, ep := range eps {
			if t, ok := ep.NextTimeout(); ok && t <= now {
				ep.HandleTimeout(now)
			}
		}
	}
	return lines, fmt.Errorf("first light: no quiet state after 100000 steps")
}
