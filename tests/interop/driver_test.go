//go:build linux

package interop_test

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/tests/internal/tun"
)

// Our endpoint's address on the TUN's subnet; the kernel is tun.KernelAddr.
var (
	ourAddr    = [4]byte{10, 0, 0, 2}
	kernelAddr = [4]byte{10, 0, 0, 1}
)

// faults is the damage the driver does to packets crossing the TUN, decided
// by its seeded generator. In is kernel → endpoint, Out endpoint → kernel.
type faults struct {
	LossIn, LossOut       float64 // probability of dropping a packet
	ReorderIn, ReorderOut float64 // probability of holding a packet back behind the next one
	// Hold is the longest a held packet waits for a next one; then it goes
	// alone, late, so a packet at the tail of a burst is delayed, not lost.
	Hold time.Duration
}

// A direction's packets forceHoldAt and forceDropAt are held back and
// dropped when the draws have not yet held back or dropped one there. At
// 1 % a direction of a few hundred packets draws no loss or no reordering
// a few times in a hundred, and which packet meets which draw depends on
// timing; forcing one makes every case damage both directions, as it
// claims, whatever the timing did. The draws are still made, so a seed's
// sequence of decisions does not change.
const forceHoldAt, forceDropAt = 30, 40

// damage draws whether the n-th packet of a direction is damaged, given the
// probability p and how many packets of that direction already were.
func (d *driver) damage(p float64, n, done, forceAt int) bool {
	return d.rng.Float64() < p || (done == 0 && n == forceAt)
}

// heldPacket is a packet held back for reordering.
type heldPacket struct {
	pkt []byte
	due time.Duration
}

// driverStats counts what the driver did, for the failure report and logs.
type driverStats struct {
	In, Out               int // packets read from and written to the TUN
	DroppedIn, DroppedOut int
	ReorderedIn           int
	ReorderedOut          int
	IgnoredIn             int // not IPv4 TCP for our address
	Timeouts              int // HandleTimeout calls
	// When the application finished, the kernel peer exited, and the
	// endpoint reached CLOSED (0 if not yet).
	AppFinished, PeerExited, EndpointClosed time.Duration
	// ZeroWindowsSent counts our segments that advertised a zero window.
	ZeroWindowsSent int
	// ResetsAfterClosed counts the RSTs the endpoint sent once CLOSED.
	ResetsAfterClosed int
	// When the endpoint entered and left TIME-WAIT (0 if it did not), and
	// why it left.
	TimeWaitEntered, TimeWaitLeft time.Duration
	TimeWaitLeftBy                tcp.StateCause
	// LateKernelResets counts kernel RSTs read while our endpoint was in
	// TIME-WAIT or CLOSED: answers to our last ACKs arriving after the
	// kernel's own socket had closed.
	LateKernelResets int
}

func (s driverStats) String() string {
	str := fmt.Sprintf("in %d (dropped %d, reordered %d, ignored %d), out %d (dropped %d, reordered %d), timeouts %d; app finished at %s, kernel peer exited at %s, endpoint CLOSED at %s",
		s.In, s.DroppedIn, s.ReorderedIn, s.IgnoredIn, s.Out, s.DroppedOut, s.ReorderedOut, s.Timeouts,
		milestone(s.AppFinished), milestone(s.PeerExited), milestone(s.EndpointClosed))
	if s.TimeWaitEntered != 0 {
		str += fmt.Sprintf(" (TIME-WAIT from %s to %s)", milestone(s.TimeWaitEntered), milestone(s.TimeWaitLeft))
	}
	return str
}

func milestone(at time.Duration) string {
	if at == 0 {
		return "-"
	}
	return at.Round(time.Millisecond).String()
}

// driver owns one endpoint and moves packets between it and the TUN. It runs
// on the test's goroutine only: the endpoint is single-threaded by contract.
type driver struct {
	dev    *tun.Device
	ep     *tcp.Endpoint
	start  time.Time // monotonic epoch of the endpoint's virtual time
	rng    *rand.Rand
	faults faults

	pcap     *pcapWriter
	pcapFile *os.File

	ipID            uint16
	heldIn, heldOut *heldPacket
	offeredOut      int // outbound packets offered to outbound, dropped ones too
	sendBuf         []byte
	packets         chan []byte // from the reader goroutine
	readErr         chan error
	stop            chan struct{}
	timer           *time.Timer
	stats           driverStats
	events          *eventRing
	eventLog        *bufio.Writer // every event and driver decision, if asked for
	// The first SYN (or SYN-ACK) each side sent, for the option checks.
	ourSYN, kernelSYN *wire.Segment
	// kernelEdge is the furthest right window edge the kernel offered.
	kernelEdge     seq.Seq
	haveKernelEdge bool
	// closed says the endpoint has reached CLOSED.
	closed bool
	// sentBy counts the segments the endpoint sent, by reason.
	sentBy map[tcp.SendReason]int
	// driverErr is the first failure found away from run's loop: a kernel
	// packet that did not parse, ECN from the kernel, a failed TUN write.
	driverErr error
}

// newDriver opens pcapPath for the capture. cfg.Observer is set to record
// events; the endpoint is created from cfg.
func newDriver(dev *tun.Device, cfg tcp.Config, seed uint64, f faults, pcapPath string) (*driver, error) {
	d := &driver{
		dev:     dev,
		rng:     rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		faults:  f,
		sendBuf: make([]byte, 0, 65536),
		packets: make(chan []byte, 256),
		readErr: make(chan error, 1),
		stop:    make(chan struct{}),
		timer:   time.NewTimer(time.Hour),
		sentBy:  make(map[tcp.SendReason]int),
		events:  newEventRing(400),
	}
	cfg.Observer = func(e *tcp.Event) {
		d.events.record(e)
		if e.Kind == tcp.EvSegmentSent {
			d.sentBy[e.SendReason]++
			if e.Seg.Flags.Has(wire.RST) && d.closed {
				d.stats.ResetsAfterClosed++
			}
		}
		if e.Kind == tcp.EvStateChanged && e.To == tcp.Closed {
			d.closed = true
		}
		if e.Kind == tcp.EvStateChanged && e.To == tcp.TimeWait {
			d.stats.TimeWaitEntered = e.At
		}
		if e.Kind == tcp.EvStateChanged && e.From == tcp.TimeWait {
			d.stats.TimeWaitLeft, d.stats.TimeWaitLeftBy = e.At, e.Cause
		}
		if d.eventLog != nil {
			fmt.Fprintf(d.eventLog, "%v", formatEvent(*e))
			if e.Seg != nil {
				fmt.Fprintf(d.eventLog, " seg=%v", *e.Seg)
			}
			d.eventLog.WriteByte('\n')
		}
	}
	ep, err := tcp.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("tcp.New: %w", err)
	}
	d.ep = ep
	file, err := os.Create(pcapPath)
	if err != nil {
		return nil, err
	}
	d.pcapFile = file
	if d.pcap, err = newPcapWriter(file); err != nil {
		file.Close()
		return nil, err
	}
	d.start = time.Now()
	d.startReader()
	return d, nil
}

// now is the endpoint's clock: monotonic time since the driver started.
func (d *driver) now() time.Duration { return time.Since(d.start) }

// finish stops the driver and flushes and closes the capture.
func (d *driver) finish() error {
	d.stopReader()
	d.timer.Stop()
	err := d.pcap.Flush()
	if cerr := d.pcapFile.Close(); err == nil {
		err = cerr
	}
	return err
}

// record writes pkt to the capture, stamped with the wall-clock time that
// corresponds to virtual time at.
func (d *driver) record(at time.Duration, pkt []byte) {
	// A write error sticks in the writer and surfaces at finish.
	_ = d.pcap.WritePacket(d.start.Add(at), pkt)
}

// app is the application on our side of the connection: it is given the
// chance to write, read and close after every step of the endpoint.
type app interface {
	pump(now time.Duration, ep *tcp.Endpoint) error
	finished() bool
	// wakeAt is when the application next wants to act without a packet
	// or timer of the endpoint prompting it (false: never).
	wakeAt() (time.Duration, bool)
}

// run drives the endpoint until the application has finished, the endpoint
// is CLOSED and the kernel peer has exited; or until deadline.
func (d *driver) run(a app, peer *kernelPeer, deadline time.Time) error {
	for {
		now := d.now()
		if t, ok := d.ep.NextTimeout(); ok && t <= now {
			d.stats.Timeouts++
			d.ep.HandleTimeout(now)
		}
		d.releaseDue(now)
		if err := a.pump(now, d.ep); err != nil {
			return err
		}
		if err := d.flush(now); err != nil {
			return err
		}
		if d.driverErr != nil {
			return d.driverErr
		}
		if err := d.ep.Err(); err != nil {
			return fmt.Errorf("endpoint failed in %v: %w", d.ep.State(), err)
		}
		exited, peerErr := peer.Exited()
		if exited && d.stats.PeerExited == 0 {
			d.stats.PeerExited = now
		}
		if a.finished() && d.stats.AppFinished == 0 {
			d.stats.AppFinished = now
		}
		if d.ep.State() == tcp.Closed && d.stats.EndpointClosed == 0 {
			d.stats.EndpointClosed = now
		}
		if exited && peerErr != nil {
			return fmt.Errorf("kernel peer failed: %v\n%s", peerErr, peer.Output())
		}
		if exited && d.ep.State() == tcp.Closed {
			if !a.finished() {
				return errors.New("the endpoint is CLOSED and the kernel peer gone, but our application has not finished")
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("stuck: deadline passed with the endpoint in %v, application finished %v, kernel peer exited %v",
				d.ep.State(), a.finished(), exited)
		}

		wake := deadline
		if t, ok := d.ep.NextTimeout(); ok {
			wake = earlier(wake, d.start.Add(t))
		}
		for _, h := range []*heldPacket{d.heldIn, d.heldOut} {
			if h != nil {
				wake = earlier(wake, d.start.Add(h.due))
			}
		}
		if t, ok := a.wakeAt(); ok {
			wake = earlier(wake, d.start.Add(t))
		}
		peerDone := peer.done
		if exited {
			peerDone = nil // already seen; do not spin on it
		}
		d.timer.Reset(time.Until(wake))
		select {
		case pkt := <-d.packets:
			d.inbound(d.now(), pkt)
		case err := <-d.readErr:
			return fmt.Errorf("reading the TUN: %w", err)
		case <-peerDone:
		case <-d.timer.C:
		}
	}
}

// startReader reads the TUN on its own goroutine, so that the loop in run can
// wait for a packet, a timer and the kernel peer's exit at once. It ends when
// stop is closed, or when the device's file is closed under it.
func (d *driver) startReader() {
	go func() {
		for {
			buf := make([]byte, 65536)
			n, err := d.dev.ReadPacket(buf, time.Time{})
			if err != nil {
				select {
				case d.readErr <- err:
				case <-d.stop:
				}
				return
			}
			select {
			case d.packets <- buf[:n:n]:
			case <-d.stop:
				return
			}
		}
	}()
}

// stopReader tells the reader goroutine to drop what it reads from now on;
// it ends when the TUN is closed.
func (d *driver) stopReader() { close(d.stop) }

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// flush drains Poll and sends what it gives.
func (d *driver) flush(now time.Duration) error {
	for {
		seg, ok := d.ep.Poll(now)
		if !ok {
			return nil
		}
		d.ipID++
		ip := wire.IPv4Header{ID: d.ipID, DontFragment: true, TTL: wire.DefaultTTL, Src: ourAddr, Dst: kernelAddr}
		if seg.Flags.Has(wire.SYN) && d.ourSYN == nil {
			syn := seg
			syn.Payload = nil
			d.ourSYN = &syn
		}
		if seg.Flags.Has(wire.ACK) && !seg.Flags.Has(wire.RST) && seg.Window == 0 {
			d.stats.ZeroWindowsSent++
		}
		if err := d.checkInWindow(&seg); err != nil {
			return err
		}
		d.sendBuf = wire.AppendIPv4TCP(d.sendBuf[:0], ip, &seg)
		if err := d.outbound(now, d.sendBuf); err != nil {
			return err
		}
	}
}

// noteKernelWindow records the right edge of the window a kernel segment
// offers (SEG.ACK + SEG.WND, scaled as RFC 7323 §2.3 says: never on a SYN,
// and only when both SYNs carried the option). It runs on every kernel
// segment read, dropped or not: the check is against the most the kernel
// ever offered, which Linux does not take back (no window shrinking).
func (d *driver) noteKernelWindow(seg *wire.Segment) {
	if !seg.Flags.Has(wire.ACK) {
		return
	}
	wnd := int(seg.Window)
	if !seg.Flags.Has(wire.SYN) && d.ourSYN != nil && d.kernelSYN != nil &&
		d.ourSYN.Options.HasWScale && d.kernelSYN.Options.HasWScale {
		wnd <<= min(d.kernelSYN.Options.WScale, 14)
	}
	edge := seg.Ack.Add(wnd)
	if !d.haveKernelEdge || edge.GreaterThan(d.kernelEdge) {
		d.kernelEdge, d.haveKernelEdge = edge, true
	}
}

// checkInWindow fails when our endpoint sends data beyond the right edge of
// any window the kernel offered (RFC 9293 §3.8.6: the usable window). A
// one-byte zero-window probe just past the edge is allowed (§3.8.6.1).
func (d *driver) checkInWindow(seg *wire.Segment) error {
	if len(seg.Payload) == 0 || !d.haveKernelEdge {
		return nil
	}
	end := seg.Seq.Add(len(seg.Payload))
	if end.LessEq(d.kernelEdge) || (len(seg.Payload) == 1 && end == d.kernelEdge.Add(1)) {
		return nil
	}
	return fmt.Errorf("our endpoint sent %v, %d bytes past the kernel's right window edge %d",
		*seg, end.Diff(d.kernelEdge), d.kernelEdge)
}

// outbound applies the outbound faults to pkt and writes what survives.
// pkt is only borrowed.
func (d *driver) outbound(now time.Duration, pkt []byte) error {
	d.offeredOut++
	if d.damage(d.faults.LossOut, d.offeredOut, d.stats.DroppedOut, forceDropAt) {
		d.stats.DroppedOut++
		d.logPacket(now, "driver dropped outbound", pkt)
		return nil
	}
	if h := d.heldOut; h != nil {
		d.heldOut = nil
		if err := d.write(now, pkt); err != nil {
			return err
		}
		return d.write(now, h.pkt)
	}
	if d.damage(d.faults.ReorderOut, d.offeredOut, d.stats.ReorderedOut, forceHoldAt) {
		d.stats.ReorderedOut++
		d.logPacket(now, "driver holds outbound", pkt)
		d.heldOut = &heldPacket{pkt: append([]byte(nil), pkt...), due: now + d.faults.Hold}
		return nil
	}
	return d.write(now, pkt)
}

func (d *driver) write(now time.Duration, pkt []byte) error {
	d.stats.Out++
	d.record(now, pkt)
	if err := d.dev.WritePacket(pkt); err != nil {
		return fmt.Errorf("writing the TUN: %w", err)
	}
	return nil
}

// inbound records a packet read from the TUN, then applies the inbound
// faults and hands what survives to the endpoint. The capture point is the
// TUN, so a packet dropped here is in the pcap (as on a real interface whose
// host then lost it).
func (d *driver) inbound(now time.Duration, pkt []byte) {
	d.stats.In++
	d.record(now, pkt)
	if st := d.ep.State(); (st == tcp.TimeWait || st == tcp.Closed) && len(pkt) > wire.IPv4HeaderLen+13 &&
		pkt[wire.IPv4HeaderLen+13]&byte(wire.RST) != 0 {
		d.stats.LateKernelResets++
	}
	if d.damage(d.faults.LossIn, d.stats.In, d.stats.DroppedIn, forceDropAt) {
		d.stats.DroppedIn++
		d.logPacket(now, "driver dropped inbound", pkt)
		return
	}
	if h := d.heldIn; h != nil {
		d.heldIn = nil
		d.deliver(now, pkt)
		d.deliver(now, h.pkt)
		return
	}
	if d.damage(d.faults.ReorderIn, d.stats.In, d.stats.ReorderedIn, forceHoldAt) {
		d.stats.ReorderedIn++
		d.logPacket(now, "driver holds inbound", pkt)
		d.heldIn = &heldPacket{pkt: append([]byte(nil), pkt...), due: now + d.faults.Hold}
		return
	}
	d.deliver(now, pkt)
}

// releaseDue sends held packets whose wait for a successor is over.
func (d *driver) releaseDue(now time.Duration) {
	if h := d.heldIn; h != nil && h.due <= now {
		d.heldIn = nil
		d.deliver(now, h.pkt)
	}
	if h := d.heldOut; h != nil && h.due <= now {
		d.heldOut = nil
		if err := d.write(now, h.pkt); err != nil && d.driverErr == nil {
			d.driverErr = err
		}
	}
}

// deliver parses a kernel packet and hands it to the endpoint.
func (d *driver) deliver(now time.Duration, pkt []byte) {
	ip, seg, err := wire.ParseIPv4TCP(pkt)
	if errors.Is(err, wire.ErrVersion) || errors.Is(err, wire.ErrNotTCP) || (err == nil && ip.Dst != ourAddr) {
		d.stats.IgnoredIn++
		return
	}
	if err != nil {
		if d.driverErr == nil {
			d.driverErr = fmt.Errorf("kernel packet did not parse: %w\n% x", err, pkt)
		}
		return
	}
	if ip.ECN() != wire.NotECT || seg.Flags&(wire.ECE|wire.CWR) != 0 {
		// tcp_ecn=0 in the namespace: the kernel must never do this.
		if d.driverErr == nil {
			d.driverErr = fmt.Errorf("kernel sent ECN (%v, flags %#x) with tcp_ecn=0", ip.ECN(), seg.Flags)
		}
	}
	if seg.Flags.Has(wire.SYN) && d.kernelSYN == nil {
		syn := seg
		syn.Payload = nil
		d.kernelSYN = &syn
	}
	d.noteKernelWindow(&seg)
	d.ep.Handle(now, &seg)
}

// logPacket writes a driver decision about pkt to the event log.
func (d *driver) logPacket(now time.Duration, what string, pkt []byte) {
	if d.eventLog == nil {
		return
	}
	_, seg, err := wire.ParseIPv4TCP(pkt)
	fmt.Fprintf(d.eventLog, "%10.6fs %s: %v %v\n", now.Seconds(), what, seg, err)
}

// retransmissions summarises sentBy's retransmissions and ACK kinds.
func (d *driver) retransmissions() string {
	var parts []string
	for _, r := range []tcp.SendReason{tcp.SendFastRetransmit, tcp.SendSACKRetransmit, tcp.SendPartialAckRetransmit,
		tcp.SendLimitedTransmit, tcp.SendRTORetransmit, tcp.SendSYNRetransmit, tcp.SendFINRetransmit} {
		if n := d.sentBy[r]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", name(sendReasonNames, r), n))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// report is the failure report: the endpoint's state and its last events.
func (d *driver) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "at %v: state %v, err %v, soft err %v\n", d.now(), d.ep.State(), d.ep.Err(), d.ep.SoftErr())
	fmt.Fprintf(&b, "snapshot: %+v\n", d.ep.Snapshot())
	fmt.Fprintf(&b, "driver: %v\n", d.stats)
	fmt.Fprintf(&b, "last endpoint events (oldest first):\n%s", d.events)
	return b.String()
}

// eventRing keeps the endpoint's last events for the failure report,
// formatted only when printed.
type eventRing struct {
	evs  []recordedEvent
	next int
	full bool
}

type recordedEvent struct {
	ev         tcp.Event
	seg        wire.Segment
	payloadLen int
	hasSeg     bool
}

func newEventRing(n int) *eventRing { return &eventRing{evs: make([]recordedEvent, n)} }

func (r *eventRing) record(e *tcp.Event) {
	re := &r.evs[r.next]
	re.ev = *e
	re.ev.Seg = nil
	re.hasSeg = e.Seg != nil
	if re.hasSeg {
		re.seg = *e.Seg
		re.payloadLen = len(e.Seg.Payload)
		re.seg.Payload = nil // valid only during the call
	}
	r.next++
	if r.next == len(r.evs) {
		r.next, r.full = 0, true
	}
}

func (r *eventRing) String() string {
	var b strings.Builder
	start, n := 0, r.next
	if r.full {
		start, n = r.next, len(r.evs)
	}
	for i := range n {
		re := r.evs[(start+i)%len(r.evs)]
		fmt.Fprintf(&b, "  %v", formatEvent(re.ev))
		if re.hasSeg {
			seg := re.seg
			seg.Payload = make([]byte, re.payloadLen)
			fmt.Fprintf(&b, " seg=%v", seg)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Names for the endpoint's enumerations in the failure report; a value added
// to the contract later prints as its number.
var (
	kindNames = map[tcp.EventKind]string{
		tcp.EvSegmentSent: "sent", tcp.EvSegmentReceived: "received", tcp.EvStateChanged: "state",
		tcp.EvTimerSet: "timer-set", tcp.EvTimerCancelled: "timer-cancelled", tcp.EvTimerFired: "timer-fired",
		tcp.EvRTTSample: "rtt", tcp.EvCongestion: "cc", tcp.EvSpace: "space", tcp.EvNotice: "notice",
	}
	sendReasonNames = map[tcp.SendReason]string{
		tcp.SendSYN: "SYN", tcp.SendSYNACK: "SYN-ACK", tcp.SendSYNRetransmit: "SYN-retransmit",
		tcp.SendNewData: "new-data", tcp.SendRTORetransmit: "RTO-retransmit", tcp.SendFastRetransmit: "fast-retransmit",
		tcp.SendPartialAckRetransmit: "partial-ack-retransmit", tcp.SendSACKRetransmit: "SACK-retransmit",
		tcp.SendLimitedTransmit: "limited-transmit", tcp.SendZeroWindowProbe: "zero-window-probe",
		tcp.SendKeepAlive: "keepalive", tcp.SendWindowUpdate: "window-update", tcp.SendDelayedACK: "delayed-ACK",
		tcp.SendImmediateACK: "immediate-ACK", tcp.SendChallengeACK: "challenge-ACK", tcp.SendFIN: "FIN",
		tcp.SendFINRetransmit: "FIN-retransmit", tcp.SendRST: "RST", tcp.SendTimeWaitACK: "TIME-WAIT-ACK",
	}
	recvOutcomeNames = map[tcp.RecvOutcome]string{
		tcp.RecvAccepted: "accepted", tcp.RecvOutOfOrder: "out-of-order", tcp.RecvDuplicate: "duplicate",
		tcp.RecvOutsideWindow: "outside-window", tcp.RecvPAWSRejected: "PAWS-rejected", tcp.RecvRST: "RST",
		tcp.RecvRSTIgnored: "RST-ignored", tcp.RecvSYNChallenged: "SYN-challenged", tcp.RecvAckOnly: "ack-only",
		tcp.RecvAckUnacceptable: "ack-unacceptable", tcp.RecvDupAck: "dup-ack", tcp.RecvNoConnection: "no-connection",
		tcp.RecvDropped: "dropped",
	}
	timerNames = map[tcp.TimerKind]string{
		tcp.TimerRTO: "RTO", tcp.TimerDelayedACK: "delayed-ACK", tcp.TimerPersist: "persist",
		tcp.TimerKeepAlive: "keepalive", tcp.TimerTimeWait: "TIME-WAIT",
	}
)

func name[K comparable](names map[K]string, k K) string {
	if n, ok := names[k]; ok {
		return n
	}
	return fmt.Sprint(k)
}

// formatEvent prints the fields an event's kind names, one line.
func formatEvent(e tcp.Event) string {
	s := fmt.Sprintf("%10.6fs %s", e.At.Seconds(), name(kindNames, e.Kind))
	switch e.Kind {
	case tcp.EvSegmentSent:
		s += " " + name(sendReasonNames, e.SendReason)
	case tcp.EvSegmentReceived:
		s += " " + name(recvOutcomeNames, e.RecvOutcome)
		if e.DupAcks > 0 {
			s += fmt.Sprintf(" dupacks=%d", e.DupAcks)
		}
		if e.Detail != "" {
			s += " (" + e.Detail + ")"
		}
	case tcp.EvStateChanged:
		s += fmt.Sprintf(" %v → %v cause=%d", e.From, e.To, e.Cause)
	case tcp.EvTimerSet:
		s += fmt.Sprintf(" %s for %v", name(timerNames, e.Timer), e.Deadline)
	case tcp.EvTimerCancelled, tcp.EvTimerFired:
		s += " " + name(timerNames, e.Timer)
	case tcp.EvRTTSample:
		s += fmt.Sprintf(" rtt=%v srtt=%v rttvar=%v rto=%v", e.RTT, e.SRTT, e.RTTVar, e.RTO)
	case tcp.EvCongestion:
		s += fmt.Sprintf(" %+v", e.CC)
	case tcp.EvSpace:
		s += fmt.Sprintf(" %+v", e.Space)
	case tcp.EvNotice:
		s += fmt.Sprintf(" err=%v %s", e.Err, e.Detail)
	}
	return s
}
