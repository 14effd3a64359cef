// Package link models one direction of a network link for the simulator,
// in the vocabulary of Linux's netem (tc-netem(8)): propagation delay,
// jitter with a distribution, a rate-limited bottleneck with a drop-tail
// queue, random loss, Gilbert-Elliott burst loss, duplication, reordering,
// corruption, and outages.
//
// # Use
//
// A Link is driven by a discrete-event simulator over virtual time (a
// time.Duration since the start of the run). For each packet the sender
// puts on the link the simulator calls
//
//	l.Send(now, size, &out)
//
// and schedules what the Outcome says: nothing if out.Dropped() (the cause
// is out.Drop), else the packet's arrival at out.Arrival, a copy's at
// out.DuplicateArrival if out.Duplicated, with bit out.CorruptBit flipped
// if it is not -1. Queue-length samples for the bottleneck graph come from
// out.QueueLen at each enqueue and from l.QueueLen(t) at each Dequeued
// time t. There are no callbacks and Send does not allocate.
//
// # The model
//
// A packet sent at now goes through, in order:
//
//  1. outages: if the link is down at now, it is dropped;
//  2. loss: random loss, then Gilbert-Elliott burst loss;
//  3. the bottleneck (if Rate > 0): a FIFO queue of at most QueueLimit
//     packets served at Rate bits per second; a packet that finds it full
//     is dropped, else it leaves at Dequeued, when its last bit is sent;
//  4. propagation: Delay plus jitter drawn from Distribution, or nothing
//     for a reordered packet; it arrives at Arrival.
//
// Duplication puts a second copy into the queue behind the first, with its
// own jitter; corruption names one bit of the first copy to flip.
//
// # Order of delivery
//
// The bottleneck is FIFO, so rate limiting alone never reorders. Packets
// overtake one another only in propagation: through Reorder (a reordered
// packet skips the delay) and through jitter, which is drawn independently
// per packet, so a packet with a long delay is passed by a later one with
// a short delay. netem does the same when it has no rate; with a rate,
// netem measures each packet's delay from the previous one's departure and
// never reorders. Here jitter stays independent of the rate because it
// models the path after the bottleneck; Config.KeepOrder holds each
// arrival back to the latest before it, for jitter without reordering.
//
// # Determinism
//
// Everything random comes from the *rand.Rand given to New, in the fixed
// order Send documents, and every computation on it is integer arithmetic
// or single IEEE 754 operations, each rounded on its own (no math.Exp,
// math.Log or math.Cbrt, which can round differently on amd64 or arm64
// than the pure Go run in WebAssembly): the same seed and the same calls
// give the same Outcomes on every platform. TestOutcomeDigest pins one run;
// it passes natively and under GOOS=js GOARCH=wasm.
//
// # Differences from netem
//
// netem's correlation parameters are not implemented: its correlated
// random generator is known not to produce the requested correlation
// (nor the requested mean), and Gilbert-Elliott is the honest way to model
// bursts. netem's packet-count "limit" bounds all packets it holds, delayed
// ones included; here QueueLimit bounds the bottleneck queue only, which
// is what makes bufferbloat visible. Outages, which netem lacks, drop the
// packets sent while the link is down; packets already on the link are
// still delivered.
package link
