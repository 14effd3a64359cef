package tcp

import (
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// EventKind says what an Event reports.
type EventKind uint8

// The event kinds.
const (
	EvSegmentSent     EventKind = iota + 1 // Seg, SendReason
	EvSegmentReceived                      // Seg, RecvOutcome
	EvStateChanged                         // From, To, Cause
	EvTimerSet                             // Timer, Deadline
	EvTimerCancelled                       // Timer
	EvTimerFired                           // Timer
	EvRTTSample                            // RTT, SRTT, RTTVar, RTO
	EvCongestion                           // CC: cwnd, ssthresh or the phase changed
	EvSpace                                // Space: sequence spaces after a step
	EvNotice                               // Err: R1 passed, or a terminal error reported to the application; Detail: what happened
)

// SendReason says why a segment was sent.
type SendReason uint8

// The send reasons.
const (
	SendSYN SendReason = iota + 1
	SendSYNACK
	SendSYNRetransmit        // SYN or SYN-ACK again after the RTO
	SendNewData              // new data within cwnd and the peer's window
	SendRTORetransmit        // retransmission timeout
	SendFastRetransmit       // third duplicate ACK (RFC 5681 §3.2)
	SendPartialAckRetransmit // NewReno partial ACK (RFC 6582 §3.2 step 5)
	SendSACKRetransmit       // RFC 6675 NextSeg rule 1 or 3
	SendLimitedTransmit      // RFC 3042
	SendZeroWindowProbe      // persist timer (RFC 9293 §3.8.6.1)
	SendKeepAlive            // RFC 1122 §4.2.3.6
	SendWindowUpdate         // the receive window opened enough (RFC 9293 §3.8.6.2.2)
	SendDelayedACK           // the delayed-ACK timer fired, or the second full segment arrived
	SendImmediateACK         // out-of-order data, a hole filled, a duplicate, or delayed ACK off
	SendChallengeACK         // RFC 5961 §3.2, §4.2, §5.2
	SendFIN                  // the application closed; FIN after the data
	SendFINRetransmit        // FIN again after the RTO
	SendRST                  // a reset, with RSTCause
	SendTimeWaitACK          // ACK of a retransmitted FIN in TIME-WAIT (RFC 9293 §3.10.7.4)
)

// RecvOutcome says what became of a received segment.
type RecvOutcome uint8

// The receive outcomes.
const (
	RecvAccepted        RecvOutcome = iota + 1 // in order; data queued for the application
	RecvOutOfOrder                             // in the window but beyond RCV.NXT; kept (SACKed)
	RecvDuplicate                              // entirely old: already received
	RecvOutsideWindow                          // fails the acceptability test (RFC 9293 §3.10.7.4)
	RecvPAWSRejected                           // timestamp older than TS.Recent (RFC 7323 §5)
	RecvRST                                    // an acceptable RST: connection reset
	RecvRSTIgnored                             // RST out of window, or in window but not exact (challenge ACK)
	RecvSYNChallenged                          // SYN in a synchronized state (RFC 5961 §4)
	RecvAckOnly                                // no data; its ACK was processed
	RecvAckUnacceptable                        // ACK of something not yet sent, or too old (RFC 5961 §5)
	RecvDupAck                                 // a duplicate ACK by RFC 5681 §2's definition
	RecvNoConnection                           // nothing listening / CLOSED: answered with RST
	RecvDropped                                // discarded silently for another reason given in Detail
	RecvWindowUpdate                           // no data, nothing new acknowledged, but SND.WND changed (RFC 9293 §3.10.7.4)
)

// StateCause says why the state changed.
type StateCause uint8

// The state causes.
const (
	CauseUser     StateCause = iota + 1 // an application call
	CauseSegment                        // a segment arrived
	CauseTimeWait                       // the 2·MSL timer expired
	CauseTimeout                        // retries exhausted
	CauseReset                          // RST received
)

// TimerKind names one of the endpoint's timers; they live in one table so the
// next timeout is a minimum and the page can draw every pending timer.
type TimerKind uint8

// The timers.
const (
	TimerRTO TimerKind = iota
	TimerDelayedACK
	TimerPersist
	TimerKeepAlive
	TimerTimeWait
	NumTimers
)

// Space is the send and receive sequence spaces after a step (RFC 9293 §3.3.1).
type Space struct {
	SndUna, SndNxt seq.Seq
	SndWnd         int // the peer's window, scaled, in bytes
	SndWl1, SndWl2 seq.Seq
	ISS            seq.Seq
	SendQueued     int // bytes written and not yet acknowledged
	RcvNxt         seq.Seq
	RcvWnd         int // the window we advertise, scaled, in bytes
	IRS            seq.Seq
	RecvBuffered   int // in-order bytes waiting for the application
	RecvOutOfOrder int // bytes held beyond RCV.NXT
}

// Snapshot is everything the page draws about one endpoint at an instant.
type Snapshot struct {
	State  State
	Space  Space
	CC     cc.Metrics
	SRTT   time.Duration
	RTTVar time.Duration
	RTO    time.Duration
	// Timers holds each timer's deadline; Armed says which are pending.
	Timers [NumTimers]time.Duration
	Armed  [NumTimers]bool
	// SACKed holds the blocks the peer has reported above SND.UNA (at most
	// wire.MaxSACKBlocks·2 shown).
	SACKed     [8]wire.SACKBlock
	NumSACKed  int
	InRecovery bool
}

// Event is one thing the endpoint reports. Only the fields its Kind names are
// meaningful. Seg points at the segment only during the Observer call.
type Event struct {
	Kind EventKind
	At   time.Duration

	Seg         *wire.Segment
	SendReason  SendReason
	RecvOutcome RecvOutcome
	RSTCause    RecvOutcome // for SendRST: the outcome that provoked it (0 for Abort)
	DupAcks     int         // for RecvDupAck: which duplicate this is (1, 2, 3, …)
	Detail      string      // a short English phrase for RecvDropped and notices

	From, To State
	Cause    StateCause

	Timer    TimerKind
	Deadline time.Duration

	RTT, SRTT, RTTVar, RTO time.Duration

	CC    cc.Metrics
	Space Space
	Err   error
}
