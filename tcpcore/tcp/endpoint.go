package tcp

import (
	"errors"
	"io"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/rtt"
	"tcpplayground/tcpcore/sack"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// ErrRetransmitting is the soft error SoftErr reports once one segment has
// been retransmitted R1 times (RFC 9293 §3.8.3): the connection goes on, but
// the application is told that something is wrong.
var ErrRetransmitting = errors.New("retransmissions passed R1")

// Endpoint is one TCP connection's control block and its state machine.
// It is not safe for concurrent use; it never blocks, reads a clock or
// starts a goroutine (see doc.go).
type Endpoint struct {
	cfg   Config
	state State
	now   time.Duration

	localPort, remotePort uint16
	passiveOpen           bool // the connection came from Listen (RFC 9293 §3.10.7.4 RST rule)
	err, softErr          error

	// Send sequence space (RFC 9293 §3.3.1). sndMax is the highest SND.NXT
	// ever reached: after a timeout SND.NXT goes back to SND.UNA and the
	// bytes below sndMax are sent again.
	iss, sndUna, sndNxt, sndMax seq.Seq
	sndWnd, maxSndWnd           int
	sndWl1, sndWl2              seq.Seq
	sndShift, rcvShift          uint8

	// The send buffer holds the bytes the application wrote and the peer
	// has not acknowledged, contiguously in sndBuf[sndHead:sndTail]; the
	// byte at sndHead has sequence number sndBufSeq. Poll hands out slices of
	// it, which is why it is never a ring.
	sndBuf           []byte
	sndHead, sndTail int
	sndBufSeq        seq.Seq
	sndMoved         int  // bytes compaction has moved, for the amortisation test
	finQueued        bool // the application closed its side; FIN follows the data
	synAcked         bool // our SYN has been acknowledged

	// Receive sequence space.
	irs, rcvNxt seq.Seq
	rcvRight    seq.Seq // the right edge of the window we advertised; never moves left
	rcv         recvBuffer
	finRecv     bool    // the peer's FIN has been received in order
	peerFin     bool    // a FIN arrived, perhaps beyond a hole
	peerFinSeq  seq.Seq // its sequence number
	discard     bool    // Close: incoming data is consumed and dropped

	// Negotiated options.
	sndMSS, effMSS int // peer's MSS (RFC 9293 §3.7.1) and data per segment after options
	rcvMSS         int // full-sized segment we expect to receive
	rcvCapBytes    int // rcvCap(): the buffer, or what the window field can say
	rcvSWS         int // min(RCV.BUFF/2, MSS): receiver SWS avoidance's step
	wsOK, tsOK     bool
	sackOK         bool
	tsRecent       uint32 // TS.Recent (RFC 7323 §4.3)
	lastAckSent    seq.Seq

	// Output decisions pending for Poll.
	synPending bool
	ackNow     bool
	ackReason  SendReason
	ctrl       [4]wire.Segment // RSTs waiting to go out
	ctrlCause  [4]RecvOutcome
	nctrl      int
	dsack      wire.SACKBlock // RFC 2883 duplicate to report on the next ACK
	hasDSACK   bool
	ackedBytes int // in-order bytes received since our last ACK (delayed ACK rule)
	rtxKind    SendReason
	rtxPending bool // retransmit the segment at SND.UNA next (fast or partial-ACK retransmit)
	probeNow   bool // the persist timer fired
	probeOut   bool // a one-byte zero-window probe is beyond SND.UNA
	probeNew   bool // … and that byte had never been sent before
	kaNow      bool // the keepalive timer fired

	// Congestion control, RTT and loss recovery.
	cc               cc.Controller
	cwnd             int        // cc.Cwnd() as of the last ccChanged (sendFromNxt's copy)
	lastCC           cc.Metrics // as last reported; only Cwnd, Ssthresh and Phase are kept (observeCC)
	est              rtt.Estimator
	rtTiming         bool // one segment is being timed (no timestamps, RFC 6298 §3)
	rtSeq            seq.Seq
	rtStart          time.Duration
	rtxTSVal         uint32 // the TSval of the first retransmission since the last sample …
	rtxTSSet         bool   // … until an echo at least as new is sampled
	synRetx          int
	rtxCount         int // RTO retransmissions of the segment at SND.UNA
	dupAcks          int
	inRecovery       bool
	recover          seq.Seq // RFC 6582 recover / RFC 6675 RecoveryPoint (one past)
	highRxt          seq.Seq
	rescueDone       bool // RFC 6675 rule (4) has been used in this recovery
	sb               sack.Scoreboard
	strategy         recoveryStrategy
	persistShift     int
	probesUnanswered int // zero-window probes sent since the last ACK
	kaProbes         int
	lastSend         time.Duration
	lastRecv         time.Duration

	timers [NumTimers]timer

	// The Events handed to the Observer, reused so that observing
	// allocates nothing: one per group of kinds that share fields, so
	// that each report writes only its own fields and every other field
	// stays zero without being cleared (see observe.go). ev serves the
	// rare kinds (state changes, notices), built whole.
	ev, evSent, evRecv, evTimer, evSpace, evCC, evRTT Event
	out                                               wire.Segment // the segment Poll is building; Observer sees a pointer to it
	in                                                wire.Segment // a copy of the segment Handle reports

	noPrediction bool // tests: always take the full path of RFC 9293 §3.10.7.4
	predictions  int  // segments header prediction took, for the tests

	hasSent     bool
	spaceDirty  bool // a segment went out since the last Space event
	synKindSent int  // 1 after our SYN, 2 after our SYN-ACK: the next one is a retransmission
}

func newEndpoint(cfg Config) (*Endpoint, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	e := &Endpoint{cfg: cfg}
	e.evSent.Kind, e.evSent.Seg = EvSegmentSent, &e.out // see observeSent
	// The buffers are allocated on first use (Write, recvBuffer.insert):
	// most endpoints only send or only receive data, and each buffer is
	// twice a configured size that is often a megabyte, zeroed on
	// allocation and then swept, a good share of a bulk run under
	// WebAssembly.
	e.rcv.size = cfg.RecvBufferSize
	e.reset()
	return e, nil
}

// reset prepares a fresh control block in CLOSED, keeping the buffers.
func (e *Endpoint) reset() {
	cfg := &e.cfg
	e.state = Closed
	e.iss = cfg.ISS
	e.sndUna, e.sndNxt, e.sndMax = e.iss, e.iss, e.iss
	e.sndBufSeq = e.iss.Add(1)
	e.sndHead, e.sndTail = 0, 0
	e.sndWnd, e.maxSndWnd = 0, 0
	e.finQueued, e.synAcked = false, false
	e.rcv.reset()
	e.finRecv, e.peerFin, e.discard = false, false, false
	e.sndMSS = 536
	e.wsOK, e.tsOK, e.sackOK = false, false, false
	e.sndShift, e.rcvShift = 0, 0
	e.synPending, e.ackNow, e.rtxPending, e.probeNow, e.kaNow = false, false, false, false, false
	e.hasDSACK, e.probeOut = false, false
	e.ackedBytes = 0
	e.est = rtt.NewEstimator(cfg.InitialRTO, cfg.MinRTO, cfg.MaxRTO)
	e.rtTiming, e.rtxTSSet = false, false
	e.synRetx, e.rtxCount, e.dupAcks = 0, 0, 0
	e.inRecovery = false
	e.recover = e.iss
	e.sb.Reset()
	e.persistShift, e.kaProbes, e.probesUnanswered = 0, 0, 0
	e.hasSent, e.synKindSent = false, 0
	e.rcvRight, e.rcvNxt, e.irs = 0, 0, 0
	e.nctrl = 0
	e.softErr = nil
	e.passiveOpen = false
	e.updateMSS()
	e.cc = newController(cfg, e.effMSS)
	e.lastCC = e.cc.Metrics()
	e.cwnd = e.cc.Cwnd()
	e.strategy = pickStrategy(cfg.Recovery, false)
}

// ourShift is the window scale we offer: the smallest shift that lets the
// 16-bit window field describe the whole receive buffer (RFC 7323 §2.3, at most 14).
func (e *Endpoint) ourShift() uint8 {
	var s uint8
	for s < 14 && e.cfg.RecvBufferSize>>s > 65535 {
		s++
	}
	return s
}

// optionSpace is the option bytes on every non-SYN segment: 12 for
// timestamps (NOP, NOP, TS).
func (e *Endpoint) optionSpace() int {
	if e.tsOK {
		return 12
	}
	return 0
}

// updateMSS recomputes the segment sizes after negotiation (RFC 9293 §3.7.1:
// Eff.snd.MSS = min(SendMSS, our MSS) less the option bytes).
func (e *Endpoint) updateMSS() {
	e.effMSS = max(min(e.sndMSS, e.cfg.MSS)-e.optionSpace(), 1)
	e.rcvMSS = max(min(e.sndMSS, e.cfg.MSS)-e.optionSpace(), 1)
	// What windowCandidate needs for every segment, worked out once (the
	// window shift is settled before this runs, in negotiate).
	e.rcvCapBytes = min(e.cfg.RecvBufferSize, 65535<<e.rcvShift)
	e.rcvSWS = min(e.cfg.RecvBufferSize/2, e.rcvMSS)
}

// --- User calls (RFC 9293 §3.10.1–§3.10.6) ---

// Listen is the passive OPEN: CLOSED → LISTEN on localPort.
func (e *Endpoint) Listen(now time.Duration, localPort uint16) error {
	e.now = now
	if e.state != Closed {
		return ErrInvalidState
	}
	e.reset()
	e.err = nil
	e.localPort = localPort
	e.passiveOpen = true
	e.setState(Listen, CauseUser)
	e.emitSpace()
	return nil
}

// Connect is the active OPEN: CLOSED → SYN-SENT; the SYN is then drained by Poll.
func (e *Endpoint) Connect(now time.Duration, localPort, remotePort uint16) error {
	e.now = now
	if e.state != Closed {
		return ErrInvalidState
	}
	e.reset()
	e.err = nil
	e.localPort, e.remotePort = localPort, remotePort
	e.synPending = true
	e.setState(SynSent, CauseUser)
	e.emitSpace()
	return nil
}

// Write queues up to len(p) bytes for sending and returns how many fit in
// the send buffer.
func (e *Endpoint) Write(now time.Duration, p []byte) (int, error) {
	e.now = now
	switch e.state {
	case Closed:
		if e.err != nil {
			return 0, e.err
		}
		return 0, ErrNotConnected
	case Listen:
		return 0, ErrInvalidState
	}
	if e.finQueued {
		return 0, ErrClosing
	}
	n := min(len(p), e.Writable())
	if n == 0 {
		return 0, nil
	}
	if e.sndTail+n > len(e.sndBuf) {
		if e.sndBuf == nil {
			// Twice the size: compaction (below) then moves at most one
			// byte per byte acknowledged since the last one, whatever
			// the write pattern.
			e.sndBuf = getBuf(2 * e.cfg.SendBufferSize)
		}
		// Compact: slide the unacknowledged bytes to the front. The array
		// is twice SendBufferSize, so SND.UNA has moved more than a buffer's
		// worth since the last compaction: each byte moves at most once.
		e.sndMoved += copy(e.sndBuf, e.sndBuf[e.sndHead:e.sndTail])
		e.sndTail -= e.sndHead
		e.sndHead = 0
	}
	copy(e.sndBuf[e.sndTail:], p[:n])
	e.sndTail += n
	return n, nil
}

// Read moves received in-order bytes into p; io.EOF once the peer's FIN has
// been read. Reading opens the receive window and may send a window update.
func (e *Endpoint) Read(now time.Duration, p []byte) (int, error) {
	return e.read(now, p, len(p))
}

// Discard is Read without the copy, for applications that only count bytes.
func (e *Endpoint) Discard(now time.Duration, n int) (int, error) {
	return e.read(now, nil, n)
}

func (e *Endpoint) read(now time.Duration, p []byte, n int) (int, error) {
	e.now = now
	n = e.rcv.read(p, n)
	if n == 0 {
		if e.finRecv {
			return 0, io.EOF
		}
		switch e.state {
		case Closed:
			if e.err != nil {
				return 0, e.err
			}
			return 0, ErrNotConnected
		case Listen:
			return 0, ErrInvalidState
		}
		return 0, nil
	}
	if e.state.synchronized() && e.windowUpdateDue() {
		e.requestACK(SendWindowUpdate)
	}
	e.emitSpace()
	return n, nil
}

// Shutdown is the half-close: a FIN follows the queued data; reading goes on.
func (e *Endpoint) Shutdown(now time.Duration) error {
	e.now = now
	return e.close(false)
}

// Close is RFC 9293's CLOSE from an application that will read no more: a FIN
// follows the queued data, and data still arriving is consumed and discarded
// so that the peer is never stalled by a full window.
func (e *Endpoint) Close(now time.Duration) error {
	e.now = now
	return e.close(true)
}

func (e *Endpoint) close(discard bool) error {
	defer e.emitSpace()
	switch e.state {
	case Closed:
		return ErrNotConnected
	case Listen, SynSent:
		// RFC 9293 §3.10.4: delete the TCB.
		e.setState(Closed, CauseUser)
		e.cancelAllTimers()
		return nil
	}
	if discard && !e.discard {
		e.discard = true
		e.rcv.discardAll()
		if e.windowUpdateDue() {
			e.requestACK(SendWindowUpdate)
		}
	}
	if e.finQueued {
		return nil
	}
	switch e.state {
	case SynReceived:
		// RFC 9293 §3.10.4: FIN-WAIT-1 now; the FIN goes once our SYN is
		// acknowledged.
		e.finQueued = true
		e.setState(FinWait1, CauseUser)
	case Established:
		e.finQueued = true
		e.setState(FinWait1, CauseUser)
	case CloseWait:
		e.finQueued = true
		e.setState(LastAck, CauseUser)
	default:
		return ErrClosing
	}
	return nil
}

// Abort sends RST if synchronized and goes to CLOSED at once (RFC 9293 §3.10.5).
func (e *Endpoint) Abort(now time.Duration) error {
	e.now = now
	defer e.emitSpace()
	switch e.state {
	case Closed:
		return ErrNotConnected
	case SynReceived, Established, FinWait1, FinWait2, CloseWait:
		e.queueRST(e.sndMax, 0) // SND.NXT, or beyond it after a timeout (see Poll's ACKs)
	}
	e.terminate(ErrAborted, CauseUser, "Abort called by the application")
	return nil
}

// terminate moves to CLOSED, reports err (if any) and stops every timer.
// what says what happened ("RST received in SYN-SENT"); the notice carries
// it as Detail beside err, so the two never repeat each other.
func (e *Endpoint) terminate(err error, cause StateCause, what string) {
	e.err = err
	e.cancelAllTimers()
	e.synPending, e.ackNow, e.rtxPending, e.probeNow, e.kaNow = false, false, false, false, false
	e.setState(Closed, cause)
	if err != nil {
		e.notice(err, what)
	}
}

// State returns the connection state.
func (e *Endpoint) State() State { return e.state }

// Err returns the terminal error: nil while the connection is fine or after
// a clean close.
func (e *Endpoint) Err() error { return e.err }

// SoftErr returns ErrRetransmitting once R1 is passed; it is cleared when
// the segment is acknowledged.
func (e *Endpoint) SoftErr() error { return e.softErr }

// Readable returns the in-order bytes waiting for Read.
func (e *Endpoint) Readable() int { return e.rcv.readable() }

// FinReceived reports whether the peer's FIN has been received in order:
// once Readable is 0, Read returns io.EOF.
func (e *Endpoint) FinReceived() bool { return e.finRecv }

// Writable returns the free space in the send buffer.
func (e *Endpoint) Writable() int {
	if e.finQueued {
		return 0
	}
	return e.cfg.SendBufferSize - (e.sndTail - e.sndHead)
}

// Snapshot returns everything the page draws about the endpoint now.
func (e *Endpoint) Snapshot() Snapshot {
	s := Snapshot{
		State:      e.state,
		Space:      e.space(),
		CC:         e.cc.Metrics(),
		SRTT:       e.est.SRTT(),
		RTTVar:     e.est.RTTVar(),
		RTO:        e.est.RTO(),
		InRecovery: e.inRecovery,
	}
	for k := range e.timers {
		s.Timers[k] = e.timers[k].deadline
		s.Armed[k] = e.timers[k].armed
	}
	for _, b := range e.sb.Blocks() {
		if s.NumSACKed == len(s.SACKed) {
			break
		}
		s.SACKed[s.NumSACKed] = b
		s.NumSACKed++
	}
	return s
}

func (e *Endpoint) space() Space {
	var s Space
	e.fillSpace(&s, false)
	return s
}

// fillSpace writes the sequence spaces into *s field by field (see
// observe.go for why not a struct copy) and, if report is set, reports
// the Space event (s being its Space): one call for the report, made
// twice per segment, where a call is dear under WebAssembly.
func (e *Endpoint) fillSpace(s *Space, report bool) {
	s.SndUna, s.SndNxt = e.sndUna, e.sndNxt
	s.SndWnd = e.sndWnd
	s.SndWl1, s.SndWl2 = e.sndWl1, e.sndWl2
	s.ISS = e.iss
	s.SendQueued = e.sndTail - e.sndHead
	s.RcvNxt = e.rcvNxt
	s.RcvWnd = e.rcvWnd()
	s.IRS = e.irs
	s.RecvBuffered = e.rcv.readable()
	s.RecvOutOfOrder = e.rcv.oooBytes()
	if report {
		ev := &e.evSpace
		ev.Kind, ev.At = EvSpace, e.now
		e.cfg.Observer(ev)
	}
}

// rcvWnd is RCV.WND: what is left of the window we advertised.
func (e *Endpoint) rcvWnd() int {
	if !e.state.synchronized() && e.state != SynReceived {
		return 0
	}
	return max(e.rcvRight.Diff(e.rcvNxt), 0)
}

// queued is the number of bytes in the send buffer.
func (e *Endpoint) queued() int { return e.sndTail - e.sndHead }

// finSeq is the sequence number the FIN takes (valid once finQueued).
func (e *Endpoint) finSeq() seq.Seq { return e.sndBufSeq.Add(e.queued()) }

// flightSize is RFC 5681's FlightSize: sent and not yet acknowledged.
func (e *Endpoint) flightSize() int { return e.sndNxt.Diff(e.sndUna) }

// tsNow is the timestamp clock: 1 ms ticks of virtual time plus TSOffset
// (RFC 7323 §5.4).
func (e *Endpoint) tsNow() uint32 {
	return uint32(e.now/time.Millisecond) + e.cfg.TSOffset
}
