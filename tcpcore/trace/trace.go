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
// the link's own; App and End come from the simulator.
const (
	// Sent: Side sent segment Ref (Header); Code is the tcp.SendReason,
	// Aux the tcp.RecvOutcome that provoked a RST.
	Sent Kind = iota + 1
	// Received: Side processed segment Ref; Code is the tcp.RecvOutcome,
	// Aux the duplicate-ACK count for tcp.RecvDupAck, Val the string index
	// of the detail (0: none).
	Received
	// State: Code is the tcp.StateCause, Aux = from<<8 | to (tcp.State).
	State
	// TimerSet: Code is the tcp.TimerKind, Val the deadline.
	TimerSet
	// TimerCancelled: Code is the tcp.TimerKind.
	TimerCancelled
	// TimerFired: Code is the tcp.TimerKind.
	TimerFired
	// RTT: Ref indexes the RTT table.
	RTT
	// Congestion: Ref indexes the congestion table (cc.Metrics).
	Congestion
	// Space: Ref indexes the space table (tcp.Space).
	Space
	// Notice: the endpoint told the application something; Ref is the
	// string index of the error, Aux of the detail.
	Notice
	// Enqueued: segment Ref entered the link; Aux is the bottleneck queue
	// length just after, Val when it leaves the bottleneck.
	Enqueued
	// Dropped: segment Ref was lost; Code is the Drop cause.
	Dropped
	// Corrupted: bit Aux of segment Ref's packet was flipped (by the link,
	// or by a scripted fault when Code is 1).
	Corrupted
	// Duplicated: a copy of segment Ref entered the link (Code 1:
	// scripted); Aux is the queue length after it.
	Duplicated
	// Delivered: segment Ref reached the receiving host (Side is still
	// the sender).
	Delivered
	// Delayed: a scripted fault held segment Ref back by Val.
	Delayed
	// App: the application of Side acted; Code is the AppAction, Val the
	// byte count of a write.
	App
	// End: the run ended; Code is the EndReason, Ref the string index of
	// an explanation. It is always the last event.
	End
	numKinds
)

var kindNames = [...]string{
	Sent: "sent", Received: "received", State: "state", TimerSet: "timer set",
	TimerCancelled: "timer cancelled", TimerFired: "timer fired", RTT: "rtt",
	Congestion: "cc", Space: "space", Notice: "notice", Enqueued: "enqueued",
	Dropped: "dropped", Corrupted: "corrupted", Duplicated: "duplicated",
	Delivered: "delivered", Delayed: "delayed", App: "app", End: "end",
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

// Event is one entry of the trace: 32 bytes. Which of Code, Aux, Ref and
// Val mean something depends on Kind (see the Kind constants).
type Event struct {
	At   time.Duration
	Kind Kind
	Conn uint8 // index of the connection in the scenario
	Side Side  // the endpoint; for link events the sender
	Code uint8
	Aux  uint32
	Ref  uint32
	Val  int64
}

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
	ccs     []cc.Metrics
	spaces  []tcp.Space
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

// Segment rebuilds the wire.Segment a segment or link event refers to,
// without payload (Payload is nil; Trace.Payload regenerates it).
func (t *Trace) Segment(e Event) wire.Segment {
	h := &t.headers[e.Ref]
	c := &t.conns[e.Conn]
	s := wire.Segment{
		SrcPort: c.Port[e.Side], DstPort: c.Port[e.Side^1],
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
func (t *Trace) Congestion(e Event) cc.Metrics { return t.ccs[e.Ref] }

// Space returns the sequence spaces of a Space event.
func (t *Trace) Space(e Event) tcp.Space { return t.spaces[e.Ref] }

// String returns interned string i ("" for 0).
func (t *Trace) String(i uint32) string { return t.strs[i] }

// SizeBytes is the memory the trace's records take, for the
// bytes-per-segment budget (slice capacity included).
func (t *Trace) SizeBytes() int {
	n := cap(t.events)*32 + cap(t.headers)*32 + cap(t.sacks)*8 + cap(t.rtts)*32 +
		cap(t.ccs)*56 + cap(t.spaces)*72
	for _, s := range t.strs {
		n += 16 + len(s)
	}
	for _, x := range t.texts {
		n += 40 + len(x.Data)
	}
	return n
}
