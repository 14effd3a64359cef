package sim

import (
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"tcpplayground/tcpcore/link"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// LimitError is the error Run returns when a hard limit stopped the run.
// The trace it returns with it is complete up to that point and ends with
// an End event saying the same.
type LimitError struct {
	Reason trace.EndReason
	Msg    string
}

func (e *LimitError) Error() string { return "simulation stopped: " + e.Msg }

// Random streams: each purpose draws from its own PCG stream seeded by the
// scenario's seed, so that adding a draw to one never shifts another.
const (
	streamLinkAB = 0x6c696e6b2d612d62 // "link-a-b"
	streamLinkBA = 0x6c696e6b2d622d61 // "link-b-a"
	streamISS    = 0x6973732d74736f66 // "iss-tsof"
)

// maxSegments is scenario.MaxSegments, lowered by a test.
var maxSegments = scenario.MaxSegments

// scratchSize is the writer's and reader's buffer: the most moved per call.
const scratchSize = 64 << 10

// host is one endpoint of one connection plus the application driving it.
type host struct {
	ep         *tcp.Endpoint
	conn       int
	side       trace.Side
	localPort  uint16
	remotePort uint16

	timerAt time.Duration
	timerOn bool

	// The application: a sequential program over the connection's
	// timeline entries for this side.
	prog    []*scenario.Action
	progAt  []time.Duration // each action's time, converted once: the loop reads it every step
	pc      int
	readyAt time.Duration // the previous action finished at
	writing bool          // prog[pc] is a write in progress
	opening bool          // a listen or connect is waiting for the connection
	written int           // bytes of prog[pc] accepted so far
	stream  int64         // stream offset of the next byte to write
	stopped bool          // the application stopped reading
	eof     bool          // the peer's FIN has been read
	read    int64         // bytes read so far

	sent, dataSent int // segments this side sent, and those with data (for faults)
	wakeup         int // free send-buffer space that wakes a blocked writer
}

// packet is a packet on the link.
type packet struct {
	buf  []byte
	ref  uint32 // the header index in the trace
	conn uint8
	from trace.Side
	// The corruption this copy carries, for the receiver's Dropped event.
	scriptedFlip bool
	linkBit      int32 // -1: none
}

// arrival is a packet reaching the far host: the queues hold these. It is
// 16 bytes so that moving one is two loads and stores under WebAssembly
// (a larger struct is copied with a memory.copy call).
type arrival struct {
	at  time.Duration
	key uint64 // order<<pktBits | packet slot: the tie-breaker (FIFO) and the packet
}

// before reports whether a is delivered before b: earlier, or at the same
// time and pushed first. It inlines, so the 16-byte values are not copied.
func (a arrival) before(b arrival) bool {
	return a.at < b.at || (a.at == b.at && a.key < b.key)
}

// pktBits is the width of the packet slot in arrival.key: 16 million,
// more than the copies of scenario.MaxSegments segments (at most three
// each) that could ever be in flight; the push order, at most as many,
// has the 40 bits above.
const pktBits = 24

type faultState struct {
	f       *scenario.Fault
	matches int
	done    bool
}

// sim is one run.
type sim struct {
	sc    *scenario.Scenario
	b     *trace.Builder
	now   time.Duration
	hosts []*host // conn*2 + side
	links [2]*link.Link
	addrs [2][4]byte
	ipID  [2]uint16

	fifos   [2]fifo   // arrivals by link direction, in order (see push)
	heap    []arrival // the other arrivals
	src     int       // where the arrival next found is
	order   uint64
	pkts    []packet
	free    []int32
	scratch []byte

	// The link's verdict on the packet being sent, and the packet
	// arriving as parsed: written in place, as copying these structs is a
	// memory.copy call under WebAssembly.
	out   link.Outcome
	inIP  wire.IPv4Header
	inSeg wire.Segment
	ipHdr [2]wire.IPv4Header // each side's IPv4 header, but for the ID

	faults   []faultState
	segments int
	stop     *LimitError

	hooks hooks
}

// Run simulates a scenario and returns its trace. The scenario is
// validated first (a *scenario.Error if it is invalid). If a hard limit
// stops the run, Run returns the trace so far and a *LimitError.
func Run(sc *scenario.Scenario) (*trace.Trace, error) {
	return run(sc, hooks{})
}

// hooks are test-only observers (export_test.go); all nil in production.
type hooks struct {
	read    func(conn int, side trace.Side, offset int64, data []byte) // the application read data
	packet  func(ref uint32, pkt []byte)                               // a packet as encoded, before any corruption
	arrival func(ref uint32, pkt []byte)                               // a packet as it reaches the receiving host
}

func run(sc *scenario.Scenario, hk hooks) (*trace.Trace, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	s := &sim{sc: sc, addrs: sc.Hosts, scratch: make([]byte, scratchSize), hooks: hk}
	s.links[trace.A] = link.New(sc.Link[scenario.A].LinkConfig(), rand.New(rand.NewPCG(sc.Seed, streamLinkAB)))
	s.links[trace.B] = link.New(sc.Link[scenario.B].LinkConfig(), rand.New(rand.NewPCG(sc.Seed, streamLinkBA)))
	s.ipID = [2]uint16{1, 1}
	for from := range 2 {
		s.ipHdr[from] = wire.IPv4Header{DontFragment: true, TTL: wire.DefaultTTL, Src: s.addrs[from], Dst: s.addrs[from^1]}
	}

	conns := make([]trace.Conn, len(sc.Connections))
	var texts []trace.Text
	planned := 0
	for i := range sc.Connections {
		c := &sc.Connections[i]
		var offset [2]int64
		for k := range c.Timeline {
			a := &c.Timeline[k]
			if a.Kind != scenario.Write {
				continue
			}
			if a.Text != "" {
				texts = append(texts, trace.Text{Conn: uint8(i), Side: trace.Side(a.Side), Offset: offset[a.Side], Data: a.Text})
			}
			offset[a.Side] += int64(a.Len())
			planned += a.Len()
		}
		for side := range 2 {
			conns[i].Port[side] = c.Endpoints[side].Port
		}
	}
	s.b = trace.NewBuilder(sc.Hosts[0], sc.Hosts[1], conns, texts)
	// A guess at the segments to come, so the event log grows less often.
	s.b.Grow(min(planned/700+64, 1<<17))

	issRand := rand.New(rand.NewPCG(sc.Seed, streamISS))
	for i := range sc.Connections {
		c := &sc.Connections[i]
		for side := range 2 {
			h := &host{conn: i, side: trace.Side(side),
				localPort: c.Endpoints[side].Port, remotePort: c.Endpoints[side^1].Port}
			cfg := c.Endpoints[side].Config()
			cfg.ISS = seq.Seq(issRand.Uint32())
			cfg.TSOffset = issRand.Uint32()
			cfg.Observer = s.b.Observer(i, trace.Side(side), &s.ipID[side])
			ep, err := tcp.New(cfg)
			if err != nil {
				// The scenario's ranges should make this impossible;
				// if the endpoint disagrees, say where.
				return nil, &scenario.Error{Path: "connections[" + strconv.Itoa(i) + "]." + [2]string{"a", "b"}[side], Msg: err.Error()}
			}
			h.ep = ep
			h.wakeup = max(cfg.SendBufferSize/3, 1)
			s.b.SetISS(i, h.side, cfg.ISS)
			for k := range c.Timeline {
				if c.Timeline[k].Side == side {
					h.prog = append(h.prog, &c.Timeline[k])
					h.progAt = append(h.progAt, scenario.MS(c.Timeline[k].AtMS))
				}
			}
			s.hosts = append(s.hosts, h)
		}
	}
	for i := range sc.Faults {
		s.faults = append(s.faults, faultState{f: &sc.Faults[i]})
	}
	err := s.loop()
	// The next run (the page re-runs on every edit) takes these buffers
	// instead of allocating and zeroing its own.
	for _, h := range s.hosts {
		h.ep.Release()
	}
	return s.b.Trace(), err
}

// The kinds of next step, in the order they go when simultaneous: the
// application first (a connect at 0 precedes anything it causes), then
// packet arrivals in the order they were sent, then timers by host.
const (
	stepNone = iota
	stepApp
	stepArrival
	stepTimer
)

func (s *sim) loop() error {
	duration := s.sc.Duration()
	for {
		// The earliest next step; on a tie the first considered wins.
		kind, at, hi := stepNone, time.Duration(0), -1
		for i, h := range s.hosts {
			if h.pc < len(h.prog) && !h.writing && !h.opening {
				if t := max(h.progAt[h.pc], h.readyAt, s.now); kind == stepNone || t < at {
					kind, at, hi = stepApp, t, i
				}
			}
		}
		if t, ok := s.next(); ok && (kind == stepNone || t < at) {
			kind, at, hi = stepArrival, t, -1
		}
		for i, h := range s.hosts {
			if h.timerOn {
				if t := max(h.timerAt, s.now); kind == stepNone || t < at {
					kind, at, hi = stepTimer, t, i
				}
			}
		}
		switch {
		case kind == stepNone:
			s.end(s.now, trace.EndQuiet, "")
			return nil
		case duration > 0 && at > duration:
			s.end(duration, trace.EndDuration, "")
			return nil
		case at > scenario.MaxDuration:
			return s.limit(scenario.MaxDuration, trace.EndTimeLimit,
				"simulated time reached the limit of "+scenario.MaxDuration.String())
		}
		s.now = at
		switch kind {
		case stepApp:
			s.act(s.hosts[hi])
		case stepArrival:
			s.arrive()
		case stepTimer:
			h := s.hosts[hi]
			h.ep.HandleTimeout(s.now)
			s.service(h)
		}
		if s.stop != nil {
			s.b.Add(trace.Event{At: s.now, Kind: trace.End, Code: uint8(s.stop.Reason), Ref: s.b.Intern(s.stop.Msg)})
			return s.stop
		}
		if s.b.Len() > scenario.MaxEvents {
			return s.limit(s.now, trace.EndEventLimit, "the trace reached the limit of "+strconv.Itoa(scenario.MaxEvents)+" events")
		}
	}
}

func (s *sim) end(at time.Duration, r trace.EndReason, msg string) {
	s.b.Add(trace.Event{At: max(at, s.now), Kind: trace.End, Code: uint8(r), Ref: s.b.Intern(msg)})
}

func (s *sim) limit(at time.Duration, r trace.EndReason, msg string) error {
	s.end(at, r, msg)
	return &LimitError{Reason: r, Msg: msg}
}

func (s *sim) app(h *host, a trace.AppAction, val int64, err error) {
	e := trace.Event{At: s.now, Kind: trace.App, Conn: uint8(h.conn), Side: h.side, Code: uint8(a), Val: val}
	// AppFailed carries the failed call's name in its string.
	if err != nil {
		e.Code = uint8(trace.AppFailed)
		e.Ref = s.b.Intern(a.String() + ": " + err.Error())
	}
	s.b.Add(e)
}

// act starts the host's next timeline action.
func (s *sim) act(h *host) {
	a := h.prog[h.pc]
	var err error
	switch a.Kind {
	case scenario.Listen:
		err = h.ep.Listen(s.now, h.localPort)
		s.app(h, trace.AppListen, 0, err)
		h.opening = err == nil
	case scenario.Connect:
		err = h.ep.Connect(s.now, h.localPort, h.remotePort)
		s.app(h, trace.AppConnect, 0, err)
		h.opening = err == nil
	case scenario.Write:
		s.app(h, trace.AppWrite, int64(a.Len()), nil)
		h.writing, h.written = true, 0
		s.service(h)
		return
	case scenario.StopReading:
		h.stopped = true
		s.app(h, trace.AppStopReading, 0, nil)
	case scenario.ResumeReading:
		h.stopped = false
		s.app(h, trace.AppResumeReading, 0, nil)
	case scenario.Shutdown:
		err = h.ep.Shutdown(s.now)
		s.app(h, trace.AppShutdown, 0, err)
	case scenario.Close:
		err = h.ep.Close(s.now)
		s.app(h, trace.AppClose, 0, err)
	case scenario.Abort:
		err = h.ep.Abort(s.now)
		s.app(h, trace.AppAbort, 0, err)
	}
	h.pc++
	h.readyAt = s.now
	s.service(h)
}

// service lets the application read and write what it can, then sends
// what the endpoint wants to send and notes its next timeout. It runs
// after every call into the endpoint.
func (s *sim) service(h *host) {
	if h.opening {
		// listen (with its accept) and connect block the program until
		// the connection is established or has failed, as the socket
		// calls do: a close right after a connect must not delete the
		// TCB in SYN-SENT (RFC 9293 §3.10.4).
		switch h.ep.State() {
		case tcp.Listen, tcp.SynSent, tcp.SynReceived:
		default:
			h.opening = false
			h.readyAt = s.now
		}
	}
	if !h.stopped && !h.eof {
		s.readAll(h)
	}
	if h.writing {
		s.writeSome(h)
	}
	for {
		seg := h.ep.PollSegment(s.now)
		if seg == nil {
			break
		}
		s.send(h, seg)
	}
	h.timerAt, h.timerOn = h.ep.NextTimeout()
}

func (s *sim) readAll(h *host) {
	for {
		if h.ep.Readable() == 0 && !h.ep.FinReceived() {
			// A read would return nothing and no EOF (any other error
			// is ignored below): skip the call, twice per packet, dear
			// under WebAssembly.
			return
		}
		var n int
		var err error
		if s.hooks.read != nil {
			n, err = h.ep.Read(s.now, s.scratch)
			if n > 0 {
				s.hooks.read(h.conn, h.side, h.read, s.scratch[:n])
			}
		} else {
			n, err = h.ep.Discard(s.now, 1<<30)
		}
		if !s.readDone(h, n, err) {
			return
		}
	}
}

// readDone counts what a read took and reports its EOF; it says whether
// to read again.
func (s *sim) readDone(h *host, n int, err error) bool {
	h.read += int64(n)
	if err == io.EOF {
		h.eof = true
		s.app(h, trace.AppReadEOF, h.read, nil)
	}
	return n > 0 && err == nil
}

func (s *sim) writeSome(h *host) {
	a := h.prog[h.pc]
	total := a.Len()
	for h.written < total {
		free := h.ep.Writable()
		if free < min(total-h.written, h.wakeup) && h.ep.State() != tcp.Closed {
			// Like a blocking write that the kernel wakes only when a
			// good share of the send buffer is free (Linux: a third,
			// sk_stream_min_wspace), rather than for every byte acked.
			return
		}
		chunk := min(total-h.written, free, len(s.scratch))
		buf := s.scratch[:chunk]
		if a.Text != "" {
			copy(buf, a.Text[h.written:])
		} else {
			trace.FillPayload(buf, h.conn, h.side, h.stream)
		}
		n, err := h.ep.Write(s.now, buf)
		h.written += n
		h.stream += int64(n)
		if errors.Is(err, tcp.ErrInvalidState) {
			return // listening: the write waits for the connection
		}
		if err != nil {
			// The connection failed or is closing: the application is
			// told, and its program goes on with the next action.
			s.app(h, trace.AppWrite, int64(total), err)
			break
		}
		if n == 0 {
			return // the send buffer is full: wait for an ACK
		}
	}
	if h.written == total {
		s.app(h, trace.AppWriteDone, int64(total), nil)
	}
	h.writing = false
	h.pc++
	h.readyAt = s.now
}

// send puts a segment the endpoint emitted on the link: encoded to real
// IPv4+TCP bytes, through the scripted faults, then the link model.
func (s *sim) send(h *host, seg *wire.Segment) {
	ref := s.b.LastSent()
	s.segments++
	if s.segments > maxSegments && s.stop == nil {
		s.stop = &LimitError{Reason: trace.EndSegmentLimit,
			Msg: "the endpoints sent more than the limit of " + strconv.Itoa(maxSegments) + " segments"}
	}
	from := h.side
	ip := &s.ipHdr[from]
	ip.ID = s.ipID[from]
	s.ipID[from]++
	pi := s.alloc()
	p := &s.pkts[pi]
	p.buf = ip.AppendPacket(p.buf[:0], seg)
	p.ref, p.conn, p.from = ref, uint8(h.conn), from
	p.scriptedFlip, p.linkBit = false, -1
	if s.hooks.packet != nil {
		s.hooks.packet(ref, p.buf)
	}

	conn := h.conn
	h.sent++
	if len(seg.Payload) > 0 {
		h.dataSent++
	}
	drop, corrupt, dup := false, false, false
	var extra time.Duration
	for i := range s.faults {
		fs := &s.faults[i]
		if !s.matches(fs, h, seg) {
			continue
		}
		switch fs.f.Action {
		case scenario.FaultDrop:
			drop = true
		case scenario.FaultCorrupt:
			corrupt = true
		case scenario.FaultDuplicate:
			dup = true
		case scenario.FaultDelay:
			extra += scenario.MS(fs.f.DelayMS)
		}
	}
	if drop {
		s.b.LinkEvent(trace.Dropped, s.now, conn, from, ref, uint8(trace.DropScripted), 0)
		s.release(pi)
		return
	}
	if corrupt {
		// The last bit of the packet: in the payload when there is one,
		// else in the TCP header's last byte. Either way the checksum
		// no longer matches.
		bit := trace.ScriptedBit(len(p.buf))
		link.FlipBit(p.buf, bit)
		p.scriptedFlip = true
		s.b.LinkEvent(trace.Corrupted, s.now, conn, from, ref, 1, int64(bit))
	}
	out := &s.out
	s.links[from].Send(s.now, len(p.buf), out)
	if out.Dropped() {
		// link.Drop's causes are trace.Drop's first four, in order.
		s.b.LinkEvent(trace.Dropped, s.now, conn, from, ref, uint8(out.Drop), 0)
		s.release(pi)
		return
	}
	s.b.Queued(trace.Enqueued, s.now, conn, from, ref, false, out.QueueLen, out.Dequeued)
	if out.Duplicated {
		// The copy is intact: take it before the corruption below.
		ci := s.copyPacket(pi)
		s.b.Queued(trace.Duplicated, s.now, conn, from, ref, false, out.DuplicateQueueLen, out.DuplicateDequeued)
		s.push(out.DuplicateArrival+extra, ci)
		p = &s.pkts[pi]
	}
	if out.CorruptBit >= 0 {
		link.FlipBit(p.buf, out.CorruptBit)
		p.linkBit = int32(out.CorruptBit)
		s.b.LinkEvent(trace.Corrupted, s.now, conn, from, ref, 0, int64(out.CorruptBit))
	}
	if extra > 0 {
		s.b.LinkEvent(trace.Delayed, s.now, conn, from, ref, 1, int64(extra))
	}
	s.push(out.Arrival+extra, pi)
	if dup {
		ci := s.copyPacket(pi)
		s.b.Queued(trace.Duplicated, s.now, conn, from, ref, true, out.QueueLen, out.Dequeued)
		s.push(out.Arrival+extra, ci)
	}
}

// matches reports whether a fault selects this segment, counting it.
func (s *sim) matches(fs *faultState, h *host, seg *wire.Segment) bool {
	f := fs.f
	if fs.done || f.Conn != h.conn || f.Dir != int(h.side) {
		return false
	}
	switch {
	case f.Segment != 0:
		if h.sent == f.Segment {
			fs.done = true
			return true
		}
		return false
	case f.Data != 0:
		if len(seg.Payload) == 0 {
			return false
		}
		if f.Every {
			return h.dataSent >= f.Data
		}
		if h.dataSent == f.Data {
			fs.done = true
			return true
		}
		return false
	}
	if !hasFlags(seg.Flags, f.Flags) {
		return false
	}
	fs.matches++
	if f.Every {
		return true
	}
	if fs.matches == max(f.Nth, 1) {
		fs.done = true
		return true
	}
	return false
}

func hasFlags(have wire.Flags, letters string) bool {
	for i := 0; i < len(letters); i++ {
		var f wire.Flags
		switch letters[i] {
		case 'F':
			f = wire.FIN
		case 'S':
			f = wire.SYN
		case 'R':
			f = wire.RST
		case 'P':
			f = wire.PSH
		case 'A', '.':
			f = wire.ACK
		case 'U':
			f = wire.URG
		case 'E':
			f = wire.ECE
		case 'W':
			f = wire.CWR
		}
		if have&f == 0 {
			return false
		}
	}
	return true
}

// arrive delivers the earliest packet to its host: parsed from its bytes,
// checksums verified, demultiplexed by address and ports.
func (s *sim) arrive() {
	pi := s.take()
	p := &s.pkts[pi]
	if s.hooks.arrival != nil {
		s.hooks.arrival(p.ref, p.buf)
	}
	ip, seg := &s.inIP, &s.inSeg
	if err := wire.ParseIPv4TCPInto(p.buf, ip, seg); err != nil {
		cause := trace.DropMalformed
		if errors.Is(err, wire.ErrBadChecksum) {
			cause = trace.DropBadChecksum
		}
		s.b.LinkEvent(trace.Dropped, s.now, int(p.conn), p.from, p.ref, uint8(cause), trace.PackFlips(p.scriptedFlip, int(p.linkBit)))
		s.release(pi)
		return
	}
	to := p.from ^ 1
	// Demultiplex by address and ports. A packet that arrives intact is
	// its own connection's, whose host is the only match (the scenario
	// gives every connection its own pair of ports), so that one is
	// tried first.
	h := s.hosts[int(p.conn)*2+int(to)]
	if !h.owns(ip, seg, s.addrs[to]) {
		h = nil
		for _, c := range s.hosts {
			if c.side == to && c.owns(ip, seg, s.addrs[to]) {
				h = c
				break
			}
		}
	}
	if h == nil {
		s.b.LinkEvent(trace.Dropped, s.now, int(p.conn), p.from, p.ref, uint8(trace.DropNoSocket), trace.PackFlips(p.scriptedFlip, int(p.linkBit)))
		s.release(pi)
		return
	}
	s.b.SetArriving(p.ref)
	if s.hooks.read == nil && !h.stopped && !h.eof {
		// The read service's readAll would make first, in one call:
		// the endpoint then builds one Space snapshot, not two.
		n, err := h.ep.HandleDiscard(s.now, seg, 1<<30)
		s.readDone(h, n, err)
	} else {
		h.ep.Handle(s.now, seg)
	}
	s.release(pi)
	s.service(h)
}

// owns reports whether a packet to address local with these headers is
// for this host's connection.
func (h *host) owns(ip *wire.IPv4Header, seg *wire.Segment, local [4]byte) bool {
	return h.localPort == seg.DstPort && h.remotePort == seg.SrcPort && ip.Dst == local
}

// Packet slots are reused, so a run allocates buffers only up to the most
// packets in flight at once.
func (s *sim) alloc() int32 {
	if n := len(s.free); n > 0 {
		i := s.free[n-1]
		s.free = s.free[:n-1]
		return i
	}
	s.pkts = append(s.pkts, packet{buf: make([]byte, 0, 1600)})
	return int32(len(s.pkts) - 1)
}

func (s *sim) release(i int32) { s.free = append(s.free, i) }

func (s *sim) copyPacket(i int32) int32 {
	c := s.alloc()
	src := &s.pkts[i]
	dst := &s.pkts[c]
	dst.buf = append(dst.buf[:0], src.buf...)
	dst.ref, dst.conn, dst.from = src.ref, src.conn, src.from
	dst.scriptedFlip, dst.linkBit = src.scriptedFlip, src.linkBit
	return c
}

// Arrivals wait in one queue per link direction and a heap. A link
// without jitter or scripted delays delivers in the order it was given
// packets, so an arrival no earlier than the last one queued from its
// direction joins that queue, in O(1); any other goes to the heap. Each
// of the three stays sorted by (time, push order), so the earliest of
// their three heads is the earliest of all: the order is the one a single
// heap would give, without a sift through the heap's levels (each a few
// taken branches, dear under WebAssembly) for nearly every packet.

// fifo is one direction's queue: q[head:] in order.
type fifo struct {
	q    []arrival
	head int
}

// Where the next arrival is (sim.src): a direction's queue, or the heap.
const srcHeap = 2

func (s *sim) push(at time.Duration, pkt int32) {
	s.order++
	x := arrival{at: at, key: s.order<<pktBits | uint64(pkt)}
	f := &s.fifos[s.pkts[pkt].from]
	if n := len(f.q); n == f.head || f.q[n-1].at <= at {
		f.q = append(f.q, x)
		return
	}
	s.pushHeap(x)
}

// next finds the earliest arrival: its time, and false if there is none.
// It notes where the arrival is for take.
func (s *sim) next() (time.Duration, bool) {
	// Written out for the two queues: it runs for every step, and a
	// loop's back edge is a taken branch under WebAssembly.
	var best arrival
	src := -1
	if f := &s.fifos[0]; f.head < len(f.q) {
		best, src = f.q[f.head], 0
	}
	if f := &s.fifos[1]; f.head < len(f.q) && (src < 0 || f.q[f.head].before(best)) {
		best, src = f.q[f.head], 1
	}
	if len(s.heap) > 0 && (src < 0 || s.heap[0].before(best)) {
		best, src = s.heap[0], srcHeap
	}
	s.src = src
	return best.at, src >= 0
}

// take removes the arrival next found and returns its packet slot.
func (s *sim) take() int32 {
	if s.src == srcHeap {
		return s.popHeap()
	}
	f := &s.fifos[s.src]
	x := f.q[f.head]
	f.head++
	switch {
	case f.head == len(f.q):
		f.q, f.head = f.q[:0], 0
	case f.head >= 1024 && 2*f.head >= len(f.q):
		// Keep a queue that never empties from growing without bound.
		f.q = f.q[:copy(f.q, f.q[f.head:])]
		f.head = 0
	}
	return int32(x.key & (1<<pktBits - 1))
}

// The heap: a binary min-heap of small values ordered by time, then by the
// order they were pushed, so simultaneous arrivals are FIFO. Both sifts
// move a hole rather than swapping, each element once.

func (s *sim) pushHeap(x arrival) {
	h := append(s.heap, x)
	i := len(h) - 1
	for i > 0 {
		parent := (i - 1) / 2
		p := h[parent]
		if !x.before(p) {
			break
		}
		h[i] = p
		i = parent
	}
	h[i] = x
	s.heap = h
}

// popHeap removes the heap's earliest arrival and returns its packet slot.
func (s *sim) popHeap() int32 {
	h := s.heap
	top := h[0]
	n := len(h) - 1
	x := h[n]
	h = h[:n]
	s.heap = h
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].before(h[l]) {
			m = r
		}
		c := h[m]
		if !c.before(x) {
			break
		}
		h[i] = c
		i = m
	}
	if n > 0 {
		h[i] = x
	}
	return int32(top.key & (1<<pktBits - 1))
}
