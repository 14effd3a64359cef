// Package trace is the simulator's output: an immutable, time-ordered log
// of everything the two endpoints reported (segments sent and received with
// their reasons and outcomes, state changes, timers, RTT samples,
// congestion-control updates, sequence spaces, notices) and everything the
// link did (enqueued with the queue length, dropped with its cause,
// corrupted, duplicated, delayed by a scripted fault), plus the
// application's actions and how the run ended. A packet's delivery is the
// receiver's Received event (or, if the receiving host could not take it,
// a Dropped event at the arrival time: bad checksum, malformed, no socket).
//
// # Events
//
// Every Event has a time, a Kind, a connection and a side; which of Code,
// Ref and Val mean something depends on the Kind (see the Kind constants)
// and the accessor methods (Deadline, QueueLen, Dequeued, DupAcks, From,
// To, …) unpack them. Events are in time order; at one instant, in the
// order they happened. At most one Space event per endpoint per instant
// is kept, the last.
//
// # Layout
//
// A Trace holds one compact Event record (24 bytes) per event. Bulky
// details live in side tables that events point into by index: segment
// headers (Header, 32 bytes plus SACK blocks), RTT samples, congestion
// metrics, sequence spaces and interned strings. A segment's header is
// stored once, when it is sent; the link's events and the receiver's
// Received event point at the same header, so the ladder diagram and the
// analysis can follow one segment from sender to receiver.
//
// # No payload
//
// The trace keeps no payload bytes. Application data is a deterministic
// function of (connection, direction, stream offset) — the Filler pattern,
// or the text the scenario wrote — so Trace.Payload and
// Trace.AppendPacket regenerate any segment's bytes, checksums included,
// on demand.
//
// # Text and JSON
//
// Trace.Format prints one event as one packetdrill-like line, the format
// of the golden files (Trace.Text prints them all; Trace.AppendJSON and
// Trace.JSONLines give the same in JSON):
//
//	0.000000 A>B S 0:0(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7> #0 [SYN]
//	0.000000 link A>B enqueued q=0 leaves 0.000000 #0
//	0.010000 B<A S 0:0(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7> #0 [accepted]
//
// "A>B" is a segment A sends, "B<A" one B receives from A, "#n" the
// segment's index (its Header), the brackets the send reason or receive
// outcome; link events read "link A>B dropped (random loss) #n". Sequence
// numbers are relative, as Wireshark shows them: SEQ from the sender's
// ISS, ACK and SACK blocks from the receiver's (the records keep the raw
// values). Times are seconds with microseconds.
package trace
