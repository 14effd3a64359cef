package tcp

// This file is the endpoint's public surface, agreed first so that the script
// runner, the interop driver and the simulator could be written beside the
// endpoint: settings, states, errors. The methods live in endpoint.go
// (user calls), input.go (Handle), output.go (Poll) and timers.go.

import (
	"errors"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/seq"
)

// State is a connection state of RFC 9293 §3.3.2.
type State uint8

// The eleven states. String() prints RFC 9293's spelling ("SYN-SENT").
const (
	Closed State = iota
	Listen
	SynSent
	SynReceived
	Established
	FinWait1
	FinWait2
	CloseWait
	Closing
	LastAck
	TimeWait
)

// Errors the application is told: TCP's reliable notice of failure.
var (
	ErrConnectionRefused = errors.New("connection refused")   // RST in SYN-SENT (RFC 9293 §3.10.7.3)
	ErrConnectionReset   = errors.New("connection reset")     // RST in a synchronized state
	ErrTimedOut          = errors.New("connection timed out") // R2 reached (RFC 9293 §3.8.3)
	ErrAborted           = errors.New("connection aborted")   // the local application called Abort
	ErrClosing           = errors.New("connection closing")   // Write after Shutdown or Close
	ErrNotConnected      = errors.New("connection does not exist")
	ErrInvalidState      = errors.New("call not valid in this state")
)

// Profile names a set of defaults.
type Profile uint8

const (
	// ProfileRFC uses the numbers the RFCs give: initial window per RFC 3390,
	// minimum and initial RTO 1 s (RFC 6298), delayed ACK 200 ms, Reno with
	// NewReno recovery.
	ProfileRFC Profile = iota
	// ProfileLinux uses Linux's defaults: IW10 (RFC 6928), 200 ms minimum
	// RTO, 40 ms delayed ACK, CUBIC, Linux's option order and zero-window
	// probe style.
	ProfileLinux
)

// Recovery names the loss-recovery strategy.
type Recovery uint8

const (
	RecoveryReno    Recovery = iota // RFC 5681 §3.2 fast retransmit / fast recovery
	RecoveryNewReno                 // RFC 6582 partial-ACK handling
	RecoverySACK                    // RFC 6675, when SACK is negotiated; NewReno otherwise
)

// ProbeStyle is how zero-window probes are sent (RFC 9293 §3.8.6.1).
type ProbeStyle uint8

const (
	ProbeNewByte ProbeStyle = iota // one byte of new data at SND.NXT (Wireshark: Zero Window Probe)
	ProbeOldSeq                    // Linux: SEQ=SND.UNA-1, no data (Wireshark: Keep-Alive)
)

// Config is every setting of an endpoint. Start from DefaultConfig(profile)
// and override fields; the zero Config is not valid.
type Config struct {
	Profile Profile

	MSS            int // the MSS we advertise and the most we send per segment
	SendBufferSize int // bytes the application may have queued and unacknowledged
	RecvBufferSize int // bytes of receive buffer; the advertised window is what is free

	SACK        bool // offer SACK-permitted (RFC 2018)
	Timestamps  bool // offer timestamps (RFC 7323 §3)
	WindowScale bool // offer window scaling (RFC 7323 §2); the shift is derived from RecvBufferSize
	NoDelay     bool // disable Nagle's algorithm (RFC 1122 §4.2.3.4)
	DelayedACK  bool // delay ACKs (RFC 9293 §3.8.6.3)

	DelayedACKTimeout time.Duration // < 500 ms
	CongestionControl cc.Algorithm
	Recovery          Recovery
	LimitedTransmit   bool // RFC 3042
	RestartAfterIdle  bool // RFC 5681 §4.1
	InitialWindow     int  // bytes; 0 means the profile's rule (RFC 3390 or 10·MSS)

	InitialRTO time.Duration // RFC 6298 (2.1): 1 s
	MinRTO     time.Duration // RFC 6298 (2.4): 1 s; Linux 200 ms
	MaxRTO     time.Duration // RFC 6298 (2.5): at least 60 s

	SynRetries int // SYN (or SYN-ACK) retransmissions before giving up
	R1         int // retransmissions of one segment before telling the application (RFC 9293 §3.8.3)
	R2         int // retransmissions of one segment before aborting the connection

	MSL        time.Duration // maximum segment lifetime; TIME-WAIT lasts 2·MSL
	ProbeStyle ProbeStyle
	MaxPersist time.Duration // cap on the persist timer's backoff

	KeepAlive         bool // RFC 1122 §4.2.3.6; off by default
	KeepAliveIdle     time.Duration
	KeepAliveInterval time.Duration
	KeepAliveProbes   int

	// ISS is the initial send sequence number (RFC 9293 §3.4.1). It is a
	// setting so that runs are deterministic: the simulator draws it from
	// the scenario's seed.
	ISS seq.Seq
	// TSOffset is added to the timestamp clock (1 ms ticks of virtual time),
	// as Linux randomises it per connection (RFC 7323 §5.4).
	TSOffset uint32

	// Observer, if not nil, receives every event the endpoint reports. The
	// *Event and anything it points to are valid only during the call.
	Observer func(*Event)
}

// DefaultConfig returns the defaults of a profile.
func DefaultConfig(p Profile) Config { return defaultConfig(p) }

// New returns an endpoint in the CLOSED state. It fails if cfg is invalid,
// naming the field and its allowed range.
func New(cfg Config) (*Endpoint, error) { return newEndpoint(cfg) }

// The sans-IO contract (see doc.go):
//
//	e.Handle(now, &seg)        // a segment arrived
//	e.HandleTimeout(now)       // the time NextTimeout gave has come
//	for { s, ok := e.Poll(now); if !ok { break }; send(s) }
//	t, ok := e.NextTimeout()   // when to call HandleTimeout next
//
// and the user calls below. now is virtual time since an arbitrary epoch and
// must never go backwards. After any call, drain Poll before relying on
// NextTimeout.

// Listen is the passive OPEN: CLOSED → LISTEN on localPort.
//   func (e *Endpoint) Listen(now time.Duration, localPort uint16) error
// Connect is the active OPEN: CLOSED → SYN-SENT; the SYN is then drained by Poll.
//   func (e *Endpoint) Connect(now time.Duration, localPort, remotePort uint16) error
// Write queues up to len(p) bytes for sending and returns how many fit in the
// send buffer.
//   func (e *Endpoint) Write(now time.Duration, p []byte) (int, error)
// Read moves received, in-order bytes into p; io.EOF once the peer's FIN
// has been read. Reading opens the receive window (and may send a window update).
//   func (e *Endpoint) Read(now time.Duration, p []byte) (int, error)
// Discard is Read without the copy, for applications that only count bytes.
//   func (e *Endpoint) Discard(now time.Duration, n int) (int, error)
// Shutdown is the half-close: a FIN follows the queued data; reading goes on.
//   func (e *Endpoint) Shutdown(now time.Duration) error
// Close is RFC 9293's CLOSE from an application that will read no more: a
// FIN follows the queued data, and data still arriving is consumed and
// discarded so the peer is never stalled.
//   func (e *Endpoint) Close(now time.Duration) error
// Abort sends RST if synchronized and goes to CLOSED at once.
//   func (e *Endpoint) Abort(now time.Duration) error
//
// Handle, HandleTimeout, Poll, NextTimeout as above; for the simulator,
// which drives every segment through them, forms that copy nothing large
// and build fewer snapshots (each is dear under WebAssembly):
//   func (e *Endpoint) PollSegment(now time.Duration) *wire.Segment // Poll without the copy; nil when none
//   func (e *Endpoint) HandleDiscard(now time.Duration, seg *wire.Segment, n int) (int, error) // Handle, then Discard
//   func (e *Endpoint) FinReceived() bool   // once Readable is 0, Read returns io.EOF
// and:
//   func (e *Endpoint) State() State
//   func (e *Endpoint) Err() error          // the terminal error, nil while fine or after a clean close
//   func (e *Endpoint) SoftErr() error      // set when R1 is passed; cleared when the segment is acked
//   func (e *Endpoint) Snapshot() Snapshot  // sequence spaces, windows, buffers, cc, RTT, timers
//   func (e *Endpoint) Readable() int       // in-order bytes waiting for Read
//   func (e *Endpoint) Writable() int       // free space in the send buffer
