package analysis

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// Vantage is where a capture is taken.
type Vantage uint8

// The vantage points.
const (
	AtA    Vantage = iota // host A's interface: A's sends at send time, what reaches A at arrival
	AtB                   // host B's interface
	OnLink                // the bottleneck's exit: every packet that got through the queue, when it leaves
)

// String returns "A", "B" or "link".
func (v Vantage) String() string {
	switch v {
	case AtA:
		return "A"
	case AtB:
		return "B"
	}
	return "link"
}

// Flag is one Wireshark label.
type Flag uint16

// The labels, with Wireshark's field names (tcp.analysis.*).
const (
	Retransmission         Flag = 1 << iota // retransmission
	FastRetransmission                      // fast_retransmission
	SpuriousRetransmission                  // spurious_retransmission
	OutOfOrder                              // out_of_order
	LostSegment                             // lost_segment: previous segment not captured
	AckLostSegment                          // ack_lost_segment: ACKed unseen segment
	DupAck                                  // duplicate_ack
	ZeroWindow                              // zero_window
	ZeroWindowProbe                         // zero_window_probe
	ZeroWindowProbeAck                      // zero_window_probe_ack
	WindowFull                              // window_full
	WindowUpdate                            // window_update
	KeepAlive                               // keep_alive
	KeepAliveAck                            // keep_alive_ack
	Reset                                   // the RST flag
)

// Labels is what Wireshark would say about one packet at one vantage.
type Labels struct {
	Flags Flag
	// Frame is the packet's 1-based frame number at the vantage (0: not
	// visible there).
	Frame int
	// DupAckNum is n of "Dup ACK #n"; DupOfFrame the frame it duplicates.
	DupAckNum  int
	DupOfFrame int
}

// Has reports whether all of f are set.
func (l Labels) Has(f Flag) bool { return l.Flags&f == f }

// String gives Wireshark's Info-column texts, comma-separated, most
// specific first: "TCP Fast Retransmission", "TCP Dup ACK 12#2", ….
func (l Labels) String() string {
	var parts []string
	add := func(f Flag, s string) {
		if l.Flags&f != 0 {
			parts = append(parts, s)
		}
	}
	switch {
	case l.Flags&SpuriousRetransmission != 0:
		parts = append(parts, "TCP Spurious Retransmission")
	case l.Flags&FastRetransmission != 0:
		parts = append(parts, "TCP Fast Retransmission")
	case l.Flags&Retransmission != 0:
		parts = append(parts, "TCP Retransmission")
	}
	add(OutOfOrder, "TCP Out-Of-Order")
	add(LostSegment, "TCP Previous segment not captured")
	add(AckLostSegment, "TCP ACKed unseen segment")
	if l.Flags&DupAck != 0 {
		parts = append(parts, "TCP Dup ACK "+strconv.Itoa(l.DupOfFrame)+"#"+strconv.Itoa(l.DupAckNum))
	}
	add(ZeroWindowProbe, "TCP ZeroWindowProbe")
	add(ZeroWindowProbeAck, "TCP ZeroWindowProbeAck")
	add(ZeroWindow, "TCP ZeroWindow")
	add(WindowFull, "TCP Window Full")
	add(WindowUpdate, "TCP Window Update")
	add(KeepAlive, "TCP Keep-Alive")
	add(KeepAliveAck, "TCP Keep-Alive ACK")
	add(Reset, "TCP RST")
	return strings.Join(parts, ", ")
}

// Packet is one packet a capture at a vantage holds.
type Packet struct {
	At    time.Duration
	Event int // index of the trace event it comes from
	// Damaged: the receiving host dropped it for a bad checksum or a
	// broken header. Wireshark (without checksum validation) still
	// analyses it; so does Label, with the header as sent.
	Damaged bool
}

// Packets lists, in capture order, the packets a capture at v holds: at a
// host, its Sent events and the Received events and receiver-side drops
// of packets reaching it; on the link, every Enqueued or Duplicated copy
// at the time it leaves the bottleneck.
func Packets(tr *trace.Trace, v Vantage) []Packet {
	var out []Packet
	for i, e := range tr.Events() {
		switch v {
		case AtA, AtB:
			host := trace.A
			if v == AtB {
				host = trace.B
			}
			switch e.Kind {
			case trace.Sent, trace.Received:
				if e.Side == host {
					out = append(out, Packet{At: e.At, Event: i})
				}
			case trace.Dropped:
				d := trace.Drop(e.Code)
				if e.Side == host.Peer() && (d == trace.DropBadChecksum || d == trace.DropMalformed || d == trace.DropNoSocket) {
					out = append(out, Packet{At: e.At, Event: i, Damaged: d != trace.DropNoSocket})
				}
			}
		case OnLink:
			if e.Kind == trace.Enqueued || e.Kind == trace.Duplicated {
				out = append(out, Packet{At: e.Dequeued(), Event: i})
			}
		}
	}
	if v == OnLink {
		slices.SortStableFunc(out, func(a, b Packet) int { return cmp.Compare(a.At, b.At) })
	}
	return out
}

// flow is Wireshark's per-direction analysis state (tcp_flow_t).
type flow struct {
	firstAck, ackSeen bool
	nextseq           seq.Seq
	hasNext           bool
	nextseqTime       time.Duration
	maxseqtobeacked   seq.Seq
	lastack           seq.Seq
	lastackTime       time.Duration
	window            uint16
	scale             int // -1: unknown
	lastNonDupAck     int // frame
	dupacks           int
	lastFlags         Flag
	offered           bool
	offeredScale      int
}

type conv struct {
	f        [2]flow // indexed by sending side
	firstRTT time.Duration
	synAt    time.Duration
	synAckAt bool
}

// Label returns, indexed by trace event, the labels a capture at v would
// show; events the vantage does not see have a zero Labels.
func Label(tr *trace.Trace, v Vantage) []Labels {
	out := make([]Labels, tr.Len())
	convs := make([]conv, len(tr.Conns()))
	for c := range convs {
		convs[c].f[0].scale, convs[c].f[1].scale = -1, -1
	}
	for n, p := range Packets(tr, v) {
		frame := n + 1
		e := tr.Event(p.Event)
		out[p.Event].Frame = frame
		if int(e.Conn) >= len(convs) {
			continue
		}
		h := tr.Header(e)
		dir := e.Sender()
		cv := &convs[e.Conn]
		out[p.Event].Flags, out[p.Event].DupAckNum, out[p.Event].DupOfFrame = cv.analyze(dir, h, h.Flags&wire.SYN != 0 && tr.Segment(e).Options.HasWScale, p.At, frame)
	}
	return out
}

const (
	fastRetransmitWindow = 20 * time.Millisecond
	defaultOOOThreshold  = 3 * time.Millisecond
)

// analyze applies tcp_analyze_sequence_number's rules to one segment.
func (cv *conv) analyze(dir trace.Side, h trace.Header, hasWScale bool, now time.Duration, frame int) (Flag, int, int) {
	fwd, rev := &cv.f[dir], &cv.f[dir.Peer()]
	flags := h.Flags
	sq, ack, seglen, window := h.Seq, h.Ack, int(h.PayloadLen), h.Window
	syn, fin, rst := flags&wire.SYN != 0, flags&wire.FIN != 0, flags&wire.RST != 0
	control := syn || fin || rst
	var f Flag
	dupNum, dupOf := 0, 0

	// Wireshark's out-of-order threshold (ts_first_rtt) runs from the
	// latest SYN to the ACK that completes the handshake, at the capture
	// point. A SYN at absolute time 0 counts as "no SYN seen" (Wireshark
	// tests the time for zero), so in a capture that starts at 0 — the
	// sending host's — the threshold stays at 3 ms. Checked with tshark
	// 4.0.17's tcp.analysis.initial_rtt.
	if syn && flags&wire.ACK == 0 {
		cv.synAt = now
	}
	if syn {
		fwd.offered, fwd.offeredScale = hasWScale, int(h.WScale)
		if flags&wire.ACK != 0 {
			cv.synAckAt = true
			// RFC 7323 §2.2: scaling is on only if both SYNs offered it.
			for i := range cv.f {
				cv.f[i].scale = 0
				if fwd.offered && rev.offered {
					cv.f[i].scale = cv.f[i].offeredScale
				}
			}
		}
	} else if cv.synAckAt && cv.firstRTT == 0 && cv.synAt != 0 && flags&wire.ACK != 0 {
		cv.firstRTT = now - cv.synAt
	}

	if rst {
		f |= Reset
	}
	pureAck := seglen == 0 && !control && sq == fwd.nextseq && ack == fwd.lastack
	switch {
	case seglen == 1 && sq == fwd.nextseq && rev.window == 0:
		// ZERO WINDOW PROBE: the next byte while the peer's window is 0.
		f |= ZeroWindowProbe
	default:
		if window == 0 && !control {
			f |= ZeroWindow
		}
		// LOST PACKET: beyond the highest byte seen (not for RSTs).
		if fwd.hasNext && sq.GreaterThan(fwd.nextseq) && !rst {
			f |= LostSegment
		}
		// KEEP ALIVE: 0 or 1 byte one before the next sequence number.
		if seglen <= 1 && !control && sq == fwd.nextseq.Add(-1) {
			f |= KeepAlive
		}
		if pureAck && window != 0 && window != fwd.window {
			f |= WindowUpdate
		}
		// WINDOW FULL: data up to the edge of the peer's window; the
		// first ACK's window (a SYN's) is never scaled.
		if seglen > 0 && !control && rev.scale >= 0 {
			shift := rev.scale
			if rev.firstAck {
				shift = 0
			}
			if sq.Add(seglen) == rev.lastack.Add(int(rev.window)<<shift) {
				f |= WindowFull
			}
		}
		switch {
		case pureAck && window != 0 && window == fwd.window && rev.lastFlags&KeepAlive != 0:
			f |= KeepAliveAck
		case pureAck && window == 0 && window == fwd.window && rev.lastFlags&ZeroWindowProbe != 0:
			f |= ZeroWindowProbeAck
		case pureAck && window != 0 && window == fwd.window:
			// DUPLICATE ACK; -1 is an "ACKed unseen segment" the
			// peer's ACKs already reported.
			if fwd.dupacks < 0 {
				fwd.dupacks = 1
			} else {
				fwd.dupacks++
			}
			f |= DupAck
			dupNum, dupOf = fwd.dupacks, fwd.lastNonDupAck
		}
	}
	if ack != fwd.lastack {
		fwd.lastNonDupAck, fwd.dupacks = frame, 0
	}
	// ACKED LOST PACKET: an ACK beyond every byte seen from the peer.
	if flags&wire.ACK != 0 && rev.maxseqtobeacked != 0 && ack.GreaterThan(rev.maxseqtobeacked) {
		if rev.maxseqtobeacked.GreaterThan(rev.nextseq) {
			rev.maxseqtobeacked = rev.nextseq
			f |= AckLostSegment
		} else {
			if rev.dupacks == 0 {
				f |= AckLostSegment
			}
			rev.dupacks = -1
		}
	}
	// RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS
	if (seglen > 0 || syn || fin) && f&KeepAlive == 0 {
		notAdvanced := fwd.nextseq != 0 && sq.LessThan(fwd.nextseq)
		// A segment of new data starting one below nextseq follows a
		// 1-byte probe: not a retransmission.
		if seglen > 1 && fwd.nextseq.Add(-1) == sq {
			notAdvanced = false
		}
		end := sq.Add(seglen)
		if syn || fin {
			end = end.Add(1)
		}
		ooo := defaultOOOThreshold
		if cv.firstRTT > 0 {
			ooo = cv.firstRTT
		}
		switch {
		case seglen > 0 && rev.lastack != 0 && sq.Add(seglen).LessEq(rev.lastack):
			f |= SpuriousRetransmission | Retransmission
		case notAdvanced && rev.dupacks >= 2 && rev.lastack == sq && now-rev.lastackTime < fastRetransmitWindow:
			f |= FastRetransmission | Retransmission
		case notAdvanced && now-fwd.nextseqTime < ooo && fwd.nextseq != end:
			f |= OutOfOrder
		case notAdvanced:
			f |= Retransmission
		}
	}
	// Remember the highest sequence number (a zero-window probe's byte
	// does not advance it), the highest contiguous one, the ACK and window.
	next := sq.Add(seglen)
	if syn || fin {
		next = next.Add(1)
	}
	if (next.GreaterThan(fwd.nextseq) || fwd.nextseq == 0) && f&ZeroWindowProbe == 0 {
		fwd.nextseq, fwd.nextseqTime, fwd.hasNext = next, now, true
	}
	if (sq == fwd.maxseqtobeacked || fwd.maxseqtobeacked == 0) && f&ZeroWindowProbe == 0 {
		fwd.maxseqtobeacked = fwd.nextseq
	}
	fwd.window = window
	fwd.lastack, fwd.lastackTime = ack, now
	if flags&wire.ACK != 0 {
		fwd.firstAck = !fwd.ackSeen
		fwd.ackSeen = true
	}
	fwd.lastFlags = f
	return f, dupNum, dupOf
}
