package pktdrill

import (
	"time"

	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// Script is a parsed test script: the header that sets the endpoint up and
// the timed lines that drive and check it.
type Script struct {
	Name        string
	Profile     tcp.Profile
	Settings    []Setting // from "// config:" headers, applied in order
	ISS         uint32    // the endpoint's ISS; outbound numbers are relative to it
	PeerISS     uint32    // the scripted peer's ISN; inbound numbers are relative to it
	Description string
	// KnownFailure, when not empty, says the script is correct per the RFCs
	// but the endpoint fails it today, and why.
	KnownFailure string
	// TailIgnore allows segments still queued when the last line has run.
	TailIgnore bool
	Lines      []Line
}

// Setting is one key=value of a "// config:" header.
type Setting struct {
	Key, Value string
	apply      func(*tcp.Config)
}

// TimeKind says how a line's time is written.
type TimeKind uint8

// The time forms of packetdrill.
const (
	TimeAbsolute TimeKind = iota // "1.5": seconds since the script started
	TimeRelative                 // "+0.1": after the previous line's time
	TimeAny                      // "*": whenever it happens (outbound segments only)
)

// Time is a line's time.
type Time struct {
	Kind TimeKind
	D    time.Duration
}

// LineKind says what a line does.
type LineKind uint8

// The line kinds.
const (
	LineInbound  LineKind = iota + 1 // "<": a segment injected into the endpoint
	LineOutbound                     // ">": a segment the endpoint must emit
	LineCall                         // an application call or a state check
)

// Line is one event of a script.
type Line struct {
	Num  int    // 1-based line number in the file
	Text string // the line as written, without its comment
	Time Time
	Kind LineKind
	Seg  SegmentSpec // for LineInbound and LineOutbound
	Call CallSpec    // for LineCall
}

// SegmentSpec is a segment written in packetdrill's syntax. Numbers are
// relative: an inbound segment's sequence number to the peer's ISN and its
// ACK to our ISS; an outbound segment's the other way round.
type SegmentSpec struct {
	Flags  wire.Flags
	Start  uint32 // relative sequence number of the first payload byte (or the SYN/FIN)
	Len    int    // payload bytes; SYN and FIN are not counted, as in packetdrill
	HasAck bool
	Ack    uint32
	HasWin bool
	Win    uint16 // the raw window field, before scaling
	// AnyOptions is "<...>": options are not checked (outbound only).
	AnyOptions bool
	// Options holds the options written; SACK blocks are relative like the
	// ACK number. nop and eol are accepted and ignored: wire.Options keeps
	// no order, so options are compared as a set.
	Options wire.Options
	// TSValAny and TSEcrAny are "TS val * ecr *": that value is not checked.
	TSValAny, TSEcrAny bool
}

// CallSpec is an application call ("write(1000) = 1000") or a check of the
// endpoint's state ("cwnd(14600)").
type CallSpec struct {
	Name string
	Args []string
	// HasResult says "= ..." was written; Result is the number and Errno the
	// error name after -1 (ECONNRESET, ...).
	HasResult bool
	Result    int
	Errno     string
}
