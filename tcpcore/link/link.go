package link

import (
	"math"
	"math/rand/v2"
	"time"
)

// Drop says why the link dropped a packet.
type Drop uint8

const (
	// NotDropped: the packet is delivered.
	NotDropped Drop = iota
	// DropOutage: the packet was sent while the link was down.
	DropOutage
	// DropRandomLoss: lost by the random (Bernoulli) loss, Config.Loss.
	DropRandomLoss
	// DropBurstLoss: lost by the Gilbert-Elliott model, Config.BurstLoss.
	DropBurstLoss
	// DropQueueOverflow: the bottleneck queue already held QueueLimit
	// packets.
	DropQueueOverflow
)

var dropNames = [...]string{"not dropped", "outage", "random loss", "burst loss", "queue overflow"}

// String returns the cause in words, as the trace prints it.
func (d Drop) String() string {
	if int(d) < len(dropNames) {
		return dropNames[d]
	}
	return "Drop(?)"
}

// Outcome is what the link does with one packet. Times are virtual time
// since the start of the run, like the now passed to Send.
type Outcome struct {
	// Drop is NotDropped or the reason the packet is lost. When the
	// packet is dropped only QueueLen is meaningful besides it.
	Drop Drop
	// QueueLen is the number of packets in the bottleneck queue just
	// after this packet joined it (or, when dropped, when it was turned
	// away: QueueLimit for DropQueueOverflow). Always 0 when Rate is 0.
	QueueLen int
	// Dequeued is when the packet's last bit leaves the bottleneck and
	// the packet leaves the queue; now when Rate is 0.
	Dequeued time.Duration
	// Arrival is when the packet reaches the far end: Dequeued plus the
	// propagation delay and jitter, or Dequeued alone if Reordered.
	Arrival time.Duration
	// Reordered reports that the packet skipped the delay (Config.Reorder).
	Reordered bool
	// CorruptBit is the index of the bit to flip, or -1: bit i is the bit
	// with mask 0x80>>(i%8) in byte i/8 (see FlipBit). The link does not
	// touch packet bytes, which the simulator regenerates on demand, so it
	// only says which bit; the duplicate, if any, is an intact copy.
	CorruptBit int

	// Duplicated reports that a copy of the packet is delivered too. The
	// copy is never reordered.
	Duplicated bool
	// DuplicateQueueLen, DuplicateDequeued and DuplicateArrival are the
	// copy's QueueLen, Dequeued and Arrival. The copy joins the queue
	// right behind the original; if that finds the queue full, there is
	// no copy.
	DuplicateQueueLen int
	DuplicateDequeued time.Duration
	DuplicateArrival  time.Duration
}

// Dropped reports whether the packet is lost.
func (o *Outcome) Dropped() bool { return o.Drop != NotDropped }

// FlipBit flips bit i of pkt as Outcome.CorruptBit numbers bits.
func FlipBit(pkt []byte, i int) { pkt[i/8] ^= 0x80 >> (i % 8) }

// Link is one direction of a link. It is not safe for concurrent use; the
// simulator is single-threaded.
type Link struct {
	cfg  Config
	rng  *rand.Rand
	last time.Duration // the latest now passed to Send

	// The bottleneck queue, as the times at which each queued packet's
	// last bit leaves, oldest first, in a ring of QueueLimit slots.
	// A packet is in the queue while its time is after now.
	done       []time.Duration
	head, size int
	busyUntil  time.Duration // when the bottleneck finishes everything queued

	lastArrival  time.Duration // latest arrival of a packet not reordered, for KeepOrder
	plain        bool          // no impairment but the delay, rate, queue and random loss (isPlain)
	burstBad     bool          // Gilbert-Elliott state
	sinceReorder int           // delayed packets since the last reordered one (netem's counter)
	nextOutage   int           // first outage window that has not ended by last
}

// New returns a link with configuration cfg drawing its randomness from
// rng, which it alone must use (a seeded rand.New(rand.NewPCG(seed, …))).
// New panics if cfg is invalid: call cfg.Validate first. It copies cfg,
// Outages included, and allocates the queue once; Send never allocates.
func New(cfg Config, rng *rand.Rand) *Link {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	cfg.Outages = append([]Window(nil), cfg.Outages...)
	if cfg.QueueLimit == 0 {
		cfg.QueueLimit = DefaultQueueLimit
	}
	l := &Link{cfg: cfg, rng: rng}
	l.plain = cfg.isPlain()
	if cfg.Rate > 0 {
		l.done = make([]time.Duration, cfg.QueueLimit)
	}
	if cfg.Jitter > 0 && cfg.Distribution != Uniform {
		// Build the normal table now rather than inside the first Send.
		normalQuantile(0.5)
	}
	return l
}

// Config returns the link's configuration, with QueueLimit's default
// filled in.
func (l *Link) Config() Config { return l.cfg }

// Send puts a packet of size bytes (the whole IPv4 packet, 1..65535) on
// the link at time now (≥ 0) and writes what becomes of it to *out, every
// field of it. (By pointer: the Outcome is 80 bytes, which returned by
// value the simulator would copy with a memory.copy call under
// WebAssembly, for every packet.) Calls must come in non-decreasing now;
// Send panics otherwise, or for an impossible size, both being bugs in the
// simulator.
//
// Send draws a fixed number of values from the random source, in this
// order, each only if its impairment is configured, whatever happens to
// the packet (so that one packet's fate never shifts the randomness of the
// next one):
//
//  1. Loss > 0: one draw, lost if below Loss;
//  2. BurstLoss enabled: one draw for the loss in the current state, then
//     one for the state change;
//  3. Duplicate > 0: one draw;
//  4. Reorder > 0: one draw;
//  5. Corrupt > 0: one draw for whether, then one for which bit;
//  6. Jitter > 0: one draw for the packet, then, if Duplicate > 0, one for
//     its copy.
//
// The checks then go in this order: outage, random loss, burst loss, queue
// overflow. The Gilbert-Elliott state moves on for every packet, even one
// dropped for another reason, so that bursts keep their length in packets
// sent whatever else the link does.
//
// A plain link (see isPlain), the common case, skips every step but the
// loss and the queue: each skipped test of what is not configured would
// be a taken branch under WebAssembly.
func (l *Link) Send(now time.Duration, size int, out *Outcome) {
	if now < l.last {
		panic("link: Send called with a time earlier than the previous call")
	}
	if size < 1 || size > 65535 {
		panic("link: Send called with a packet size outside 1..65535")
	}
	l.last = now
	c := &l.cfg
	var lossDraw uint64
	if c.Loss > 0 {
		lossDraw = l.rng.Uint64()
	}
	var d draws
	if !l.plain {
		l.draw(&d)
	}

	l.dequeue(now)
	out.Drop, out.QueueLen, out.Dequeued, out.Arrival, out.Reordered, out.CorruptBit = NotDropped, l.size, 0, 0, false, -1
	out.Duplicated, out.DuplicateQueueLen, out.DuplicateDequeued, out.DuplicateArrival = false, 0, 0, 0
	switch {
	case !l.plain && l.down(now):
		out.Drop = DropOutage
		return
	case c.Loss > 0 && chance(lossDraw, c.Loss):
		out.Drop = DropRandomLoss
		return
	case d.burstLost:
		out.Drop = DropBurstLoss
		return
	case l.done != nil && l.size == len(l.done):
		out.Drop = DropQueueOverflow
		return
	}

	out.Dequeued = l.enqueue(now, size)
	out.QueueLen = l.size
	if l.plain {
		// What impair does when nothing is configured.
		out.Arrival = out.Dequeued + c.Delay
		l.sinceReorder = min(l.sinceReorder+1, MaxReorderGap)
		return
	}
	l.impair(now, size, &d, out)
}

// draws are a packet's random values beyond the loss draw, taken in the
// order Send documents, and the burst loss they decide.
type draws struct {
	dup, reorder, corrupt, bit, jitter, dupJitter uint64
	burstLost                                     bool
}

// draw takes steps 2 to 6 of Send's draws and moves the Gilbert-Elliott
// state on: the packet meets the current state, then the state moves
// (tc-netem(8) "loss gemodel").
func (l *Link) draw(d *draws) {
	c := &l.cfg
	var burstLossDraw, burstMoveDraw uint64
	burst := c.BurstLoss.Enabled()
	if burst {
		burstLossDraw = l.rng.Uint64()
		burstMoveDraw = l.rng.Uint64()
	}
	if c.Duplicate > 0 {
		d.dup = l.rng.Uint64()
	}
	if c.Reorder > 0 {
		d.reorder = l.rng.Uint64()
	}
	if c.Corrupt > 0 {
		d.corrupt = l.rng.Uint64()
		d.bit = l.rng.Uint64()
	}
	if c.Jitter > 0 {
		d.jitter = l.rng.Uint64()
		if c.Duplicate > 0 {
			d.dupJitter = l.rng.Uint64()
		}
	}
	if burst {
		if l.burstBad {
			d.burstLost = chance(burstLossDraw, c.BurstLoss.LossInBad)
			l.burstBad = !chance(burstMoveDraw, c.BurstLoss.R)
		} else {
			d.burstLost = chance(burstLossDraw, c.BurstLoss.LossInGood)
			l.burstBad = chance(burstMoveDraw, c.BurstLoss.P)
		}
	}
}

// impair sets the arrival of a packet that went through the queue, with
// reordering, jitter, corruption and duplication.
func (l *Link) impair(now time.Duration, size int, d *draws, out *Outcome) {
	c := &l.cfg
	// netem's reordering: once at least gap−1 packets have been delayed,
	// each packet is sent without the delay with probability Reorder.
	gap := max(c.ReorderGap, 1)
	if c.Reorder > 0 && l.sinceReorder >= gap-1 && chance(d.reorder, c.Reorder) {
		out.Reordered = true
		out.Arrival = out.Dequeued
		l.sinceReorder = 0
	} else {
		out.Arrival = l.inOrder(out.Dequeued + l.delay(d.jitter))
		l.sinceReorder = min(l.sinceReorder+1, MaxReorderGap)
	}

	if c.Corrupt > 0 && chance(d.corrupt, c.Corrupt) {
		out.CorruptBit = int(below(d.bit, uint64(size)*8))
	}

	if c.Duplicate > 0 && chance(d.dup, c.Duplicate) && (l.done == nil || l.size < len(l.done)) {
		out.Duplicated = true
		out.DuplicateDequeued = l.enqueue(now, size)
		out.DuplicateQueueLen = l.size
		out.DuplicateArrival = l.inOrder(out.DuplicateDequeued + l.delay(d.dupJitter))
	}
}

// isPlain reports whether c asks for nothing but delay, rate, queue and
// random loss (Distribution and ReorderGap mean nothing without Jitter
// and Reorder): then Send's draw and impair steps would do nothing, and
// it skips them. TestIsPlain sets every field of Config in turn, found by
// reflection, so a setting added later cannot be forgotten here.
func (c *Config) isPlain() bool {
	return c.Jitter == 0 && !c.KeepOrder && c.BurstLoss == (GilbertElliott{}) && c.Duplicate == 0 &&
		c.Reorder == 0 && c.Corrupt == 0 && len(c.Outages) == 0
}

// delay returns the propagation delay plus jitter for one packet.
func (l *Link) delay(draw uint64) time.Duration {
	c := &l.cfg
	if c.Jitter == 0 {
		return c.Delay
	}
	var d time.Duration
	if c.Distribution == Uniform {
		// Integer arithmetic: uniform in [Delay−Jitter, Delay+Jitter).
		d = c.Delay - c.Jitter + time.Duration(below(draw, 2*uint64(c.Jitter)))
	} else {
		// |Jitter·z| < 2⁵³ ns, so the product is exact before rounding.
		d = c.Delay + time.Duration(math.Round(float64(float64(c.Jitter)*c.Distribution.standardVariate(draw))))
	}
	return max(d, 0)
}

// inOrder holds an arrival back to the latest one so far if KeepOrder is
// set; reordered packets do not go through it, so they still overtake.
func (l *Link) inOrder(arrival time.Duration) time.Duration {
	if !l.cfg.KeepOrder {
		return arrival
	}
	arrival = max(arrival, l.lastArrival)
	l.lastArrival = arrival
	return arrival
}

// down reports whether now falls in an outage window. Windows are sorted
// and now never decreases, so windows that have ended are skipped for good.
func (l *Link) down(now time.Duration) bool {
	w := l.cfg.Outages
	for l.nextOutage < len(w) && w[l.nextOutage].End <= now {
		l.nextOutage++
	}
	return l.nextOutage < len(w) && w[l.nextOutage].Start <= now
}

// dequeue removes the packets whose last bit has left by now.
func (l *Link) dequeue(now time.Duration) {
	for l.size > 0 && l.done[l.head] <= now {
		l.head++
		if l.head == len(l.done) {
			l.head = 0
		}
		l.size--
	}
}

// enqueue adds a packet to the bottleneck (there is room) and returns when
// it will have left: serialisation starts when the bottleneck is free.
func (l *Link) enqueue(now time.Duration, size int) time.Duration {
	if l.done == nil {
		return now
	}
	start := max(now, l.busyUntil)
	l.busyUntil = start + l.serialisation(size)
	tail := l.head + l.size
	if tail >= len(l.done) {
		tail -= len(l.done)
	}
	l.done[tail] = l.busyUntil
	l.size++
	return l.busyUntil
}

// serialisation returns size·8/Rate seconds, rounded up to the nanosecond
// so that a packet never leaves before its last bit could have. With size
// at most 65535 (Send checks) and Rate at most MaxRate the sum fits in 63
// bits, so plain 64-bit division does: no bits.Div64, a function call
// under WebAssembly.
func (l *Link) serialisation(size int) time.Duration {
	rate := uint64(l.cfg.Rate)
	return time.Duration((uint64(size)*8*uint64(time.Second) + rate - 1) / rate)
}

// QueueLen returns the number of packets in the bottleneck queue at time
// now, which must not be before the last Send: a packet whose Dequeued time
// is now has left. The simulator calls it at each Dequeued time to graph
// the queue. It does not change the link. It panics if now is before the
// last Send, when the answer is no longer known.
func (l *Link) QueueLen(now time.Duration) int {
	if now < l.last {
		panic("link: QueueLen called with a time earlier than the last Send")
	}
	// The ring is sorted by leaving time; count those still there.
	n := l.size
	for n > 0 {
		i := l.head + l.size - n
		if i >= len(l.done) {
			i -= len(l.done)
		}
		if l.done[i] > now {
			break
		}
		n--
	}
	return n
}
