package trace

import (
	"sort"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// Side names an endpoint: A or B. For link events it is the sending side,
// so Side A means the direction A→B.
type Side uint8

// The two sides.
const (
	A Side = iota
	B
)

// Peer returns the other side.
func (s Side) Peer() Side { return s ^ 1 }

func (s Side) String() string {
	if s == A {
		return "A"
	}
	return "B"
}

// Kind says what an Event reports and which of its fields mean something.
type Kind uint8

// The event kinds. Endpoint events mirror tcp.EventKind; link events are
// the link's own; App and End come from the simulator. Each says which of
// Event's Code, Ref and Val it uses; read them through Event's accessors.
const (
	// Sent: Side sent segment Ref (Header); Code is the tcp.SendReason;
	// RSTCause the tcp.RecvOutcome that provoked a RST.
	Sent Kind = iota + 1
	// Received: the segment Ref arrived at Side and was processed; Code is
	// the tcp.RecvOutcome, DupAcks the count for tcp.RecvDupAck, Detail a
	// phrase for tcp.RecvDropped. Its arrival is the delivery: the link has
	// no separate "delivered" event for a packet an endpoint processed.
	Received
	// State: Code is the tcp.StateCause; From and To the states.
	State
	// TimerSet: Code is the tcp.TimerKind; Deadline when it fires.
	TimerSet
	// TimerCancelled: Code is the tcp.TimerKind.
	TimerCancelled
	// TimerFired: Code is the tcp.TimerKind.
	TimerFired
	// RTT: Trace.RTT gives the sample.
	RTT
	// Congestion: Trace.Congestion gives the metrics.
	Congestion
	// Space: Trace.Space gives the sequence spaces. The trace keeps one
	// Space event per endpoint per instant, the last: those before it at
	// the same time are superseded.
	Space
	// Notice: the endpoint told the application something; Trace.Interned(Ref)
	// is the error, Detail a phrase.
	Notice
	// Enqueued: segment Ref (sent by Side) entered the link; QueueLen is
	// the bottleneck queue length just after, Dequeued when it leaves.
	Enqueued
	// Dropped: segment Ref never reached the far endpoint; Code is the
	// Drop cause. The link's drops are at the send time; the receiving
	// host's (bad checksum, malformed, no socket) at the arrival time,
	// with the corruption the packet carried in Val (see
	// Trace.AppendArrivedPacket).
	Dropped
	// Corrupted: Bit of segment Ref's packet was flipped, by the link or,
	// when Code is 1, by a scripted fault.
	Corrupted
	// Duplicated: a copy of segment Ref entered the link (Code 1: by a
	// scripted fault); QueueLen and Dequeued as for Enqueued.
	Duplicated
	// Delayed: a scripted fault held segment Ref back by Delay.
	Delayed
	// App: the application of Side acted; Code is the AppAction, Bytes
	// the size of a write or the bytes read at EOF; for AppFailed,
	// Trace.Interned(Ref) says what failed.
	App
	// End: the run ended; Code is the EndReason, Trace.Interned(Ref) an
	// explanation. It is always the last event.
	End
	numKinds
)

var kindNames = [...]string{
	Sent: "sent", Received: "received", State: "state", TimerSet: "timer set",
	TimerCancelled: "timer cancelled", TimerFired: "timer fired", RTT: "rtt",
	Congestion: "cc", Space: "space", Notice: "notice", Enqueued: "enqueued",
	Dropped: "dropped", Corrupted: "corrupted", Duplicated: "duplicated",
	Delayed: "delayed", App: "app", End: "end",
}

func (k Kind) String() string {
	if k > 0 && k < numKinds {
		return kindNames[k]
	}
	return "Kind(?)"
}

// IsLink reports whether the event is the link's own.
func (k Kind) IsLink() bool { return k >= Enqueued && k <= Delayed }

// Drop is why a segment never reached its receiver.
type Drop uint8

// The drop causes. The first four are link.Drop's, in its order.
const (
	DropOutage Drop = iota + 1
	DropRandomLoss
	DropBurstLoss
	DropQueueOverflow
	DropScripted    // a scripted fault
	DropBadChecksum // the receiving host found a bad checksum (corruption)
	DropNoSocket    // no connection on the receiving host has these ports
	DropMalformed   // the receiving host could not parse the packet (corruption hit a length field)
	numDrops
)

var dropNames = [...]string{
	DropOutage: "outage", DropRandomLoss: "random loss", DropBurstLoss: "burst loss",
	DropQueueOverflow: "queue overflow", DropScripted: "scripted",
	DropBadChecksum: "bad checksum", DropNoSocket: "no socket", DropMalformed: "malformed",
}

func (d Drop) String() string {
	if d > 0 && d < numDrops {
		return dropNames[d]
	}
	return "Drop(?)"
}

// AppAction is an application call the scenario's timeline made.
type AppAction uint8

// The application actions.
const (
	AppListen AppAction = iota + 1
	AppConnect
	AppWrite // Val: bytes requested
	AppStopReading
	AppResumeReading
	AppShutdown
	AppClose
	AppAbort
	AppWriteDone // Val: bytes of the write, now all accepted by the endpoint
	AppReadEOF   // the peer's FIN was read
	AppFailed    // the call failed; Ref is the string index of the error
	numAppActions
)

var appNames = [...]string{
	AppListen: "listen", AppConnect: "connect", AppWrite: "write",
	AppStopReading: "stop reading", AppResumeReading: "resume reading",
	AppShutdown: "shutdown", AppClose: "close", AppAbort: "abort",
	AppWriteDone: "write done", AppReadEOF: "read EOF", AppFailed: "failed",
}

func (a AppAction) String() string {
	if a > 0 && a < numAppActions {
		return appNames[a]
	}
	return "AppAction(?)"
}

// EndReason says why the run ended.
type EndReason uint8

// The end reasons. Only EndQuiet and EndDuration are normal ends.
const (
	EndQuiet        EndReason = iota + 1 // nothing left to happen: no packet, timer or action pending
	EndDuration                          // the scenario's duration was reached
	EndTimeLimit                         // the hard limit on simulated time
	EndSegmentLimit                      // the hard limit on segments
	EndEventLimit                        // the hard limit on trace events
	numEndReasons
)

var endNames = [...]string{
	EndQuiet: "quiet", EndDuration: "duration reached", EndTimeLimit: "time limit",
	EndSegmentLimit: "segment limit", EndEventLimit: "event limit",
}

func (r EndReason) String() string {
	if r > 0 && r < numEndReasons {
		return endNames[r]
	}
	return "EndReason(?)"
}

// Event is one entry of the trace: 24 bytes. Which of Code, Ref and Val
// mean something depends on Kind (see the Kind constants); the accessor
// methods unpack Val.
type Event struct {
	At   time.Duration
	Kind Kind
	Conn uint8 // index of the connection in the scenario
	Side Side  // the endpoint; for link events the sender
	Code uint8
	Ref  uint32 // a header, side-table or string index
	Val  int64
}

// Packing of Val for Enqueued and Duplicated: the queue length in the low
// bits, the time until the packet leaves the bottleneck above, saturating
// at about 2.4 hours of queueing (far beyond scenario limits).
const (
	queueBits = 20
	maxSpan   = 1<<(63-queueBits) - 1
)

func packQueue(queueLen int, dequeued, at time.Duration) int64 {
	span := min(int64(dequeued-at), maxSpan)
	return span<<queueBits | int64(min(queueLen, 1<<queueBits-1))
}

// Sender is the side that sent the segment a segment or link event refers
// to: Side, except for Received, where Side is the receiver.
func (e Event) Sender() Side {
	if e.Kind == Received {
		return e.Side.Peer()
	}
	return e.Side
}

// RSTCause is, for a Sent RST, the receive outcome that provoked it (0:
// the application aborted).
func (e Event) RSTCause() tcp.RecvOutcome { return tcp.RecvOutcome(e.Val) }

// DupAcks is, for a Received duplicate ACK, which one it is (1, 2, 3, …).
func (e Event) DupAcks() int { return int(e.Val >> 32) }

// DetailRef is the string index of a Received or Notice event's detail
// phrase (0: none).
func (e Event) DetailRef() uint32 { return uint32(e.Val) }

// From and To are the states of a State event.
func (e Event) From() tcp.State { return tcp.State(e.Val >> 8) }
func (e Event) To() tcp.State   { return tcp.State(e.Val & 0xff) }

// Deadline is when a TimerSet's timer fires.
func (e Event) Deadline() time.Duration { return time.Duration(e.Val) }

// QueueLen is an Enqueued or Duplicated packet's bottleneck queue length
// just after it joined.
func (e Event) QueueLen() int { return int(e.Val & (1<<queueBits - 1)) }

// Dequeued is when an Enqueued or Duplicated packet leaves the bottleneck.
func (e Event) Dequeued() time.Duration { return e.At + time.Duration(e.Val>>queueBits) }

// Bit is the flipped bit of a Corrupted event (numbered as link.FlipBit does).
func (e Event) Bit() int { return int(e.Val) }

// Delay is how long a Delayed event's fault held the packet.
func (e Event) Delay() time.Duration { return time.Duration(e.Val) }

// Bytes is an App event's byte count.
func (e Event) Bytes() int64 { return e.Val }

// Header is a sent segment without its payload: enough to rebuild the
// wire.Segment and its packet bytes. 32 bytes, plus SACK blocks in a side
// table.
type Header struct {
	Seq, Ack     seq.Seq
	TSVal, TSEcr uint32
	Window       uint16
	PayloadLen   uint16
	MSS          uint16
	IPID         uint16 // the IPv4 identification field
	Flags        wire.Flags
	WScale       uint8
	opts         uint8  // optWScale | optSACKPermitted | optTS
	NumSACK      uint8  // SACK blocks at sack[SACKIndex:]
	SACKIndex    uint32 // into the trace's SACK table
}

const (
	optWScale = 1 << iota
	optSACKPermitted
	optTS
)

// RTTSample is the RTT estimator after one sample (RFC 6298).
type RTTSample struct {
	RTT, SRTT, RTTVar, RTO time.Duration
}

// Conn describes one connection of the run: its ports and each side's
// initial send sequence number (for payload offsets).
type Conn struct {
	Port [2]uint16  // indexed by Side
	ISS  [2]seq.Seq // indexed by Side
}

// Text is a span of a stream whose bytes the application wrote as text;
// bytes outside every Text are Filler bytes.
type Text struct {
	Conn   uint8
	Side   Side // the writer
	Offset int64
	Data   string
}

// Trace is the immutable result of a run. Build one with a Builder.
type Trace struct {
	addr    [2][4]byte
	conns   []Conn
	texts   []Text
	events  []Event
	headers []Header
	sacks   []wire.SACKBlock
	rtts    []RTTSample
	ccs     []ccRec
	spaces  []spaceRec
	strs    []string
}

// Len returns the number of events.
func (t *Trace) Len() int { return len(t.events) }

// Event returns event i.
func (t *Trace) Event(i int) Event { return t.events[i] }

// Events returns the events in time order. The slice is the trace's own:
// do not modify it.
func (t *Trace) Events() []Event { return t.events }

// Addr returns the IPv4 address of a side's host.
func (t *Trace) Addr(s Side) [4]byte { return t.addr[s] }

// Conns returns the connections; do not modify the slice.
func (t *Trace) Conns() []Conn { return t.conns }

// NumSegments returns the number of segments the endpoints sent.
func (t *Trace) NumSegments() int { return len(t.headers) }

// Search returns the index of the first event at or after time at, or Len()
// if there is none: a binary search, for scrubbing.
func (t *Trace) Search(at time.Duration) int {
	return sort.Search(len(t.events), func(i int) bool { return t.events[i].At >= at })
}

// Header returns the header of the segment a segment or link event refers to.
func (t *Trace) Header(e Event) Header { return t.headers[e.Ref] }

// Segment rebuilds the wire.Segment a segment or link event (Sent,
// Received, Enqueued, Dropped, …) refers to, as its sender sent it,
// without payload (Payload is nil; Trace.Payload regenerates it).
func (t *Trace) Segment(e Event) wire.Segment {
	h := &t.headers[e.Ref]
	c := &t.conns[e.Conn]
	s := wire.Segment{
		SrcPort: c.Port[e.Sender()], DstPort: c.Port[e.Sender().Peer()],
		Seq: h.Seq, Ack: h.Ack, Flags: h.Flags, Window: h.Window,
	}
	o := &s.Options
	o.MSS = h.MSS
	o.HasWScale, o.WScale = h.opts&optWScale != 0, h.WScale
	o.SACKPermitted = h.opts&optSACKPermitted != 0
	o.HasTS, o.TSVal, o.TSEcr = h.opts&optTS != 0, h.TSVal, h.TSEcr
	o.NumSACK = int(h.NumSACK)
	copy(o.SACK[:], t.sacks[h.SACKIndex:h.SACKIndex+uint32(h.NumSACK)])
	return s
}

// RTT returns the sample of an RTT event.
func (t *Trace) RTT(e Event) RTTSample { return t.rtts[e.Ref] }

// Congestion returns the metrics of a Congestion event.
func (t *Trace) Congestion(e Event) cc.Metrics { return t.ccs[e.Ref].metrics() }

// Space returns the sequence spaces of a Space event.
func (t *Trace) Space(e Event) tcp.Space { return t.spaces[e.Ref].space() }

// Detail returns the detail phrase of a Received or Notice event ("" if none).
func (t *Trace) Detail(e Event) string { return t.strs[e.DetailRef()] }

// ccRec is cc.Metrics in 32 bytes: window sizes fit 32 bits (at most
// 65535·2^14 bytes; InitialSsthresh is MaxInt32).
type ccRec struct {
	cwnd, ssthresh, wmax uint32
	alg, phase           uint8
	k, epochStart        time.Duration
}

func sat32(v int) uint32 { return uint32(min(max(v, 0), 1<<32-1)) }

// pack stores m in r field by field: by value, under WebAssembly, both
// would be copied with memory.copy calls.
func (r *ccRec) pack(m *cc.Metrics) {
	r.cwnd, r.ssthresh, r.wmax = sat32(m.Cwnd), sat32(m.Ssthresh), sat32(m.WMax)
	r.alg, r.phase, r.k, r.epochStart = uint8(m.Algorithm), uint8(m.Phase), m.K, m.EpochStart
}

func (r ccRec) metrics() cc.Metrics {
	return cc.Metrics{Algorithm: cc.Algorithm(r.alg), Phase: cc.Phase(r.phase), Cwnd: int(r.cwnd),
		Ssthresh: int(r.ssthresh), WMax: int(r.wmax), K: r.k, EpochStart: r.epochStart}
}

// spaceRec is tcp.Space in 48 bytes: buffer sizes fit 32 bits.
type spaceRec struct {
	sndUna, sndNxt, sndWl1, sndWl2, iss, rcvNxt, irs  seq.Seq
	sndWnd, sendQueued, rcvWnd, recvBuffered, recvOOO uint32
}

func (r spaceRec) space() tcp.Space {
	return tcp.Space{SndUna: r.sndUna, SndNxt: r.sndNxt, SndWnd: int(r.sndWnd), SndWl1: r.sndWl1, SndWl2: r.sndWl2,
		ISS: r.iss, SendQueued: int(r.sendQueued), RcvNxt: r.rcvNxt, RcvWnd: int(r.rcvWnd), IRS: r.irs,
		RecvBuffered: int(r.recvBuffered), RecvOutOfOrder: int(r.recvOOO)}
}

// Interned returns string i of the trace's string table ("" for 0): the
// errors and phrases events refer to by index.
func (t *Trace) Interned(i uint32) string { return t.strs[i] }

// The sizes of the records, checked against unsafe.Sizeof by a test.
const (
	eventSize    = 24
	headerSize   = 32
	rttSize      = 32
	ccRecSize    = 32
	spaceRecSize = 48
)

// SizeBytes is the memory the trace's records take, for the
// bytes-per-segment budget: the records themselves, not spare capacity.
func (t *Trace) SizeBytes() int {
	n := len(t.events)*eventSize + len(t.headers)*headerSize + len(t.sacks)*8 +
		len(t.rtts)*rttSize + len(t.ccs)*ccRecSize + len(t.spaces)*spaceRecSize
	for _, s := range t.strs {
		n += 16 + len(s)
	}
	for _, x := range t.texts {
		n += 40 + len(x.Data)
	}
	return n
}
