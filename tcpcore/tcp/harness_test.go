package tcp

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// linkModel is a seeded faulty one-way link (netem's vocabulary).
type linkModel struct {
	Delay, Jitter time.Duration
	Loss          float64 // probability a segment is dropped
	Duplicate     float64 // probability a segment is delivered twice
	Reorder       float64 // probability a segment is held back by an extra Delay
	Corrupt       float64 // probability one bit flips (the checksum then drops it)
}

type flight struct {
	at    time.Duration
	order int
	pkt   []byte // encoded IPv4+TCP
	probe bool   // a zero-window probe: it may lie beyond the window
}

type link struct {
	m    linkModel
	rng  *rand.Rand
	q    []flight
	n    int
	src  [4]byte
	dst  [4]byte
	sent int
}

func (l *link) send(now time.Duration, s *wire.Segment, probe bool) {
	l.sent++
	pkt := wire.AppendIPv4TCP(nil, wire.IPv4Header{TTL: 64, Src: l.src, Dst: l.dst, DontFragment: true}, s)
	if l.rng.Float64() < l.m.Loss {
		return
	}
	copies := 1
	if l.rng.Float64() < l.m.Duplicate {
		copies = 2
	}
	for range copies {
		d := l.m.Delay
		if l.m.Jitter > 0 {
			d += time.Duration(l.rng.Int64N(int64(l.m.Jitter)))
		}
		if l.rng.Float64() < l.m.Reorder {
			d += l.m.Delay
		}
		p := slices.Clone(pkt)
		if l.rng.Float64() < l.m.Corrupt {
			i := l.rng.IntN(len(p))
			p[i] ^= 1 << l.rng.IntN(8)
		}
		l.n++
		l.q = append(l.q, flight{at: now + d, order: l.n, pkt: p, probe: probe})
	}
	slices.SortStableFunc(l.q, func(a, b flight) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		return a.order - b.order
	})
}

// peer is one side of a harness run: an endpoint with its application.
type peer struct {
	name    string
	e       *Endpoint
	out     *link
	toSend  []byte
	written int
	got     bytes.Buffer
	eof     bool
	shut    bool
	states  []State
	lastWhy SendReason
	errs    []string

	closeNotShutdown bool          // the application calls Close, not Shutdown
	readChunk        int           // if > 0, read at most this much every readEvery
	readEvery        time.Duration // …
	nextRead         time.Duration

	reasons  map[SendReason]int
	outcomes map[RecvOutcome]int
}

type pair struct {
	t     testing.TB
	now   time.Duration
	a, b  *peer
	limit time.Duration
}

func (p *pair) observer(pe *peer, also func(*Event)) func(*Event) {
	return func(ev *Event) {
		if also != nil {
			also(ev)
		}
		if want := onlyKindFields(ev); *ev != want {
			pe.errs = append(pe.errs, fmt.Sprintf("%s: event %+v has fields its kind does not name, want %+v", pe.name, *ev, want))
		}
		switch ev.Kind {
		case EvStateChanged:
			if !HasTransition(ev.From, ev.To) {
				pe.errs = append(pe.errs, fmt.Sprintf("%s: transition %v → %v not in the state table", pe.name, ev.From, ev.To))
			}
			pe.states = append(pe.states, ev.To)
			transitionsTaken[[2]State{ev.From, ev.To}] = true
		case EvSegmentSent:
			if c := pe.e.cc.Cwnd(); pe.e.cwnd != c {
				pe.errs = append(pe.errs, fmt.Sprintf("%s: at %v cached cwnd %d, controller's %d", pe.name, ev.At, pe.e.cwnd, c))
			}
			pe.lastWhy = ev.SendReason
			pe.reasons[ev.SendReason]++
		case EvSegmentReceived:
			pe.outcomes[ev.RecvOutcome]++
		}
	}
}

func newPair(t testing.TB, ca, cb Config, ab, ba linkModel, seed uint64) *pair {
	p := &pair{t: t, limit: 2 * time.Hour}
	p.a = &peer{name: "A", reasons: map[SendReason]int{}, outcomes: map[RecvOutcome]int{}}
	p.b = &peer{name: "B", reasons: map[SendReason]int{}, outcomes: map[RecvOutcome]int{}}
	ca.Observer = p.observer(p.a, ca.Observer)
	cb.Observer = p.observer(p.b, cb.Observer)
	var err error
	if p.a.e, err = New(ca); err != nil {
		t.Fatal(err)
	}
	if p.b.e, err = New(cb); err != nil {
		t.Fatal(err)
	}
	ipA, ipB := [4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}
	p.a.out = &link{m: ab, rng: rand.New(rand.NewPCG(seed, 1)), src: ipA, dst: ipB}
	p.b.out = &link{m: ba, rng: rand.New(rand.NewPCG(seed, 2)), src: ipB, dst: ipA}
	return p
}

// app runs one side's application: write what fits, read everything, and
// shut down once all is written.
func (p *pair) app(pe *peer) {
	e := pe.e
	if st := e.State(); st == Listen || st == SynSent {
		return
	}
	if pe.written < len(pe.toSend) && e.State() != Closed {
		n, err := e.Write(p.now, pe.toSend[pe.written:])
		if err != nil {
			p.t.Fatalf("%s: Write: %v", pe.name, err)
		}
		pe.written += n
	}
	if pe.written == len(pe.toSend) && !pe.shut && (e.State() == Established || e.State() == CloseWait) {
		pe.shut = true
		shut := e.Shutdown
		if pe.closeNotShutdown {
			shut = e.Close
		}
		if err := shut(p.now); err != nil {
			p.t.Fatalf("%s: Shutdown: %v", pe.name, err)
		}
	}
	if pe.closeNotShutdown {
		return // Close: nothing to read, what arrives is discarded
	}
	budget := 1 << 30
	if pe.readChunk > 0 {
		// A slow reader: readChunk bytes every readEvery, so the window closes.
		if p.now < pe.nextRead {
			return
		}
		pe.nextRead = p.now + pe.readEvery
		budget = pe.readChunk
	}
	var buf [4096]byte
	for !pe.eof && budget > 0 {
		n, err := e.Read(p.now, buf[:min(len(buf), budget)])
		pe.got.Write(buf[:n])
		budget -= n
		if err == io.EOF {
			pe.eof = true
		} else if err != nil || n == 0 {
			break
		}
	}
}

func (p *pair) drain(pe, to *peer) {
	for {
		s, ok := pe.e.Poll(p.now)
		if !ok {
			return
		}
		pe.out.send(p.now, &s, pe.lastWhy == SendZeroWindowProbe)
	}
}

func (p *pair) deliver(from, to *peer) {
	for len(from.out.q) > 0 && from.out.q[0].at <= p.now {
		f := from.out.q[0]
		from.out.q = from.out.q[1:]
		_, s, err := wire.ParseIPv4TCP(f.pkt)
		if err != nil {
			continue // a corrupted packet: the checksum catches it
		}
		if r := to.e; len(s.Payload) > 0 && r.state.synchronized() && !f.probe {
			if end := s.Seq.Add(len(s.Payload)); end.GreaterThan(r.rcvRight) {
				to.errs = append(to.errs, fmt.Sprintf("%v: data %v..%v beyond the advertised right edge %v", p.now, s.Seq, end, r.rcvRight))
			}
		}
		to.e.Handle(p.now, &s)
		p.check(to)
	}
}

func (p *pair) check(pe *peer) {
	e := pe.e
	if e.synAcked && e.state != Closed {
		if c := e.cc.Cwnd(); c < e.effMSS {
			pe.errs = append(pe.errs, fmt.Sprintf("%v: %s cwnd %d < MSS %d", p.now, pe.name, c, e.effMSS))
		}
	}
	if r := e.est.RTO(); r < e.cfg.MinRTO || r > e.cfg.MaxRTO {
		pe.errs = append(pe.errs, fmt.Sprintf("%v: %s RTO %v outside [%v, %v]", p.now, pe.name, r, e.cfg.MinRTO, e.cfg.MaxRTO))
	}
}

// run drives both sides until both are CLOSED, or the time limit.
func (p *pair) run() {
	if err := p.b.e.Listen(0, 80); err != nil {
		p.t.Fatal(err)
	}
	if err := p.a.e.Connect(0, 40000, 80); err != nil {
		p.t.Fatal(err)
	}
	for steps := 0; ; steps++ {
		p.app(p.a)
		p.app(p.b)
		p.drain(p.a, p.b)
		p.drain(p.b, p.a)
		if p.a.e.State() == Closed && p.b.e.State() == Closed && p.a.e.Readable() == 0 && p.b.e.Readable() == 0 {
			return
		}
		next, ok := time.Duration(-1), false
		consider := func(t time.Duration, has bool) {
			if has && (!ok || t < next) {
				next, ok = t, true
			}
		}
		consider(p.a.e.NextTimeout())
		consider(p.b.e.NextTimeout())
		if len(p.a.out.q) > 0 {
			consider(p.a.out.q[0].at, true)
		}
		if len(p.b.out.q) > 0 {
			consider(p.b.out.q[0].at, true)
		}
		for _, pe := range []*peer{p.a, p.b} {
			if pe.readChunk > 0 && !pe.eof && pe.e.Readable() > 0 {
				consider(pe.nextRead, true)
			}
		}
		if !ok {
			p.t.Fatalf("stuck at %v: A %v, B %v, nothing scheduled", p.now, p.a.e.State(), p.b.e.State())
		}
		if next > p.limit {
			p.t.Errorf("time limit: A %v %+v, B %v %+v", p.a.e.State(), p.a.e.space(), p.b.e.State(), p.b.e.space())
			return
		}
		p.now = max(p.now, next)
		p.deliver(p.a, p.b)
		p.deliver(p.b, p.a)
		for _, pe := range []*peer{p.a, p.b} {
			if t, ok := pe.e.NextTimeout(); ok && t <= p.now {
				pe.e.HandleTimeout(p.now)
				p.check(pe)
			}
		}
	}
}

func pattern(seed uint64, n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(seed, 99))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

type combo struct {
	name    string
	profile Profile
	cc      cc.Algorithm
	rec     Recovery
}

// combos is every profile × congestion control × recovery strategy; the
// first four are the ones TestLossyLinkExercisesRecovery uses.
var combos = func() []combo {
	out := []combo{
		{"rfc-reno-reno", ProfileRFC, cc.Reno, RecoveryReno},
		{"rfc-reno-newreno", ProfileRFC, cc.Reno, RecoveryNewReno},
		{"rfc-reno-sack", ProfileRFC, cc.Reno, RecoverySACK},
		{"linux-cubic-sack", ProfileLinux, cc.CUBIC, RecoverySACK},
	}
	for _, p := range []Profile{ProfileRFC, ProfileLinux} {
		for _, a := range []cc.Algorithm{cc.Reno, cc.CUBIC} {
			for _, r := range []Recovery{RecoveryReno, RecoveryNewReno, RecoverySACK} {
				name := fmt.Sprintf("%s-%s-%s", []string{"rfc", "linux"}[p], []string{"reno", "cubic"}[a], []string{"reno", "newreno", "sack"}[r])
				if !slices.ContainsFunc(out, func(c combo) bool { return c.name == name }) {
					out = append(out, combo{name, p, a, r})
				}
			}
		}
	}
	return out
}()

func runSeed(t *testing.T, seed uint64, c combo, m linkModel, sizeA, sizeB int, tweak func(*Config)) *pair {
	return runSeedApp(t, seed, c, m, sizeA, sizeB, tweak, nil)
}

func runSeedApp(t *testing.T, seed uint64, c combo, m linkModel, sizeA, sizeB int, tweak func(*Config), apps func(a, b *peer)) *pair {
	ca, cb := DefaultConfig(c.profile), DefaultConfig(c.profile)
	for _, cfg := range []*Config{&ca, &cb} {
		cfg.CongestionControl, cfg.Recovery = c.cc, c.rec
		if tweak != nil {
			tweak(cfg)
		}
	}
	ca.ISS, cb.ISS = 0xfffff000+wrapSeq(seed), 1000*wrapSeq(seed)
	ca.TSOffset, cb.TSOffset = uint32(seed)*7919, uint32(seed)*104729
	p := newPair(t, ca, cb, m, m, seed)
	p.a.toSend = pattern(seed, sizeA)
	p.b.toSend = pattern(seed+1000, sizeB)
	if apps != nil {
		apps(p.a, p.b)
	}
	p.run()
	for _, pe := range []*peer{p.a, p.b} {
		for _, e := range pe.errs {
			t.Errorf("seed %d %s: %s", seed, c.name, e)
		}
		if err := pe.e.Err(); err != nil {
			t.Errorf("seed %d %s: %s Err() = %v, want nil", seed, c.name, pe.name, err)
		}
	}
	if !p.b.closeNotShutdown && !bytes.Equal(p.b.got.Bytes(), p.a.toSend) {
		t.Errorf("seed %d %s: B got %d bytes, want A's %d intact", seed, c.name, p.b.got.Len(), len(p.a.toSend))
	}
	if !p.a.closeNotShutdown && !bytes.Equal(p.a.got.Bytes(), p.b.toSend) {
		t.Errorf("seed %d %s: A got %d bytes, want B's %d intact", seed, c.name, p.a.got.Len(), len(p.b.toSend))
	}
	if !slices.Contains(p.a.states, TimeWait) && !slices.Contains(p.b.states, TimeWait) {
		t.Errorf("seed %d %s: neither side went through TIME-WAIT: A %v, B %v", seed, c.name, p.a.states, p.b.states)
	}
	if testing.Verbose() {
		t.Logf("seed %d %s: %v virtual, A sent %d segments, B %d; A %v, B %v", seed, c.name, p.now, p.a.out.sent, p.b.out.sent, p.a.states, p.b.states)
	}
	return p
}

func wrapSeq(s uint64) seq.Seq { return seq.Seq(s * 2654435761) }

func TestCleanTransfer(t *testing.T) {
	for _, c := range combos {
		t.Run(c.name, func(t *testing.T) {
			runSeed(t, 1, c, linkModel{Delay: 10 * time.Millisecond}, 200_000, 50_000, nil)
		})
	}
}

func TestLossyLinkManySeeds(t *testing.T) {
	seeds := seedCount(200, 20)
	m := linkModel{Delay: 15 * time.Millisecond, Jitter: 5 * time.Millisecond, Loss: 0.03,
		Duplicate: 0.01, Reorder: 0.02, Corrupt: 0.01}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		c := combos[int(seed)%len(combos)]
		sizeA := 20_000 + int(seed*7919)%180_000
		sizeB := int(seed*104729) % 60_000
		if seed%2 == 0 {
			sizeA, sizeB = sizeB, sizeA
		}
		runSeed(t, seed, c, m, sizeA, sizeB, nil)
		if t.Failed() {
			t.Fatalf("stopping at seed %d", seed)
		}
	}
}

// The lossy runs must exercise every recovery path: the test fails if a
// reason never appears, so a recovery path that silently stopped working
// is noticed.
func TestLossyLinkExercisesRecovery(t *testing.T) {
	m := linkModel{Delay: 20 * time.Millisecond, Loss: 0.03, Reorder: 0.01}
	reasons := map[Recovery]map[SendReason]int{}
	outcomes := map[RecvOutcome]int{}
	for _, c := range []combo{combos[0], combos[1], combos[2], combos[3]} {
		if reasons[c.rec] == nil {
			reasons[c.rec] = map[SendReason]int{}
		}
		for seed := uint64(1); seed <= 10; seed++ {
			p := runSeed(t, seed, c, m, 300_000, 0, func(cfg *Config) {
				cfg.SendBufferSize, cfg.RecvBufferSize = 128<<10, 128<<10
			})
			for _, pe := range []*peer{p.a, p.b} {
				for r, n := range pe.reasons {
					reasons[c.rec][r] += n
				}
				for r, n := range pe.outcomes {
					outcomes[r] += n
				}
			}
		}
	}
	want := map[Recovery][]SendReason{
		RecoveryReno:    {SendFastRetransmit, SendRTORetransmit, SendLimitedTransmit, SendDelayedACK, SendImmediateACK},
		RecoveryNewReno: {SendFastRetransmit, SendPartialAckRetransmit},
		RecoverySACK:    {SendFastRetransmit, SendSACKRetransmit},
	}
	t.Logf("reasons %v outcomes %v", reasons, outcomes)
	for rec, rs := range want {
		for _, r := range rs {
			if reasons[rec][r] == 0 {
				t.Errorf("recovery %d: no segment sent with reason %d over 10 lossy seeds", rec, r)
			}
		}
	}
	for _, o := range []RecvOutcome{RecvOutOfOrder, RecvDupAck, RecvDuplicate, RecvAccepted} {
		if outcomes[o] == 0 {
			t.Errorf("no segment received with outcome %d", o)
		}
	}
}

// A slow reader with a small buffer closes the window again and again:
// the sender must persist, never send beyond the window, never give up;
// the other side uses Close (it expects no data).
func TestLossySlowReaderManySeeds(t *testing.T) {
	seeds := seedCount(60, 10)
	m := linkModel{Delay: 10 * time.Millisecond, Jitter: 2 * time.Millisecond, Loss: 0.05, Reorder: 0.02, Duplicate: 0.01}
	probes := 0
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		c := combos[int(seed)%len(combos)]
		p := runSeedApp(t, seed, c, m, 30_000+int(seed%50)*1000, 0, func(cfg *Config) {
			cfg.RecvBufferSize = 4096 + int(seed%5)*1024
			cfg.R2 = 6
		}, func(a, b *peer) {
			b.readChunk, b.readEvery = 700, 300*time.Millisecond
			a.closeNotShutdown = seed%2 == 0
		})
		probes += p.a.reasons[SendZeroWindowProbe]
		if t.Failed() {
			t.Fatalf("stopping at seed %d", seed)
		}
	}
	if probes == 0 {
		t.Error("no zero-window probe in any run: the slow reader never closed the window")
	}
}

// seedCount is how many seeds a many-seed test runs: TCP_SEEDS overrides
// the default (for a long hunt), -short uses fewer.
func seedCount(normal, short int) int {
	if n, err := strconv.Atoi(os.Getenv("TCP_SEEDS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return normal
}

// Per seed, a random link and random settings: high loss, heavy
// reordering, small buffers and MSS, Nagle and delayed ACK on or off.
func TestLossyVariedManySeeds(t *testing.T) {
	seeds := seedCount(100, 15)
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		m := linkModel{
			Delay:     time.Duration(1+r.IntN(50)) * time.Millisecond,
			Jitter:    time.Duration(r.IntN(20)) * time.Millisecond,
			Loss:      r.Float64() * 0.12,
			Duplicate: r.Float64() * 0.05,
			Reorder:   r.Float64() * 0.1,
			Corrupt:   r.Float64() * 0.02,
		}
		c := combos[r.IntN(len(combos))]
		mss := []int{100, 536, 1000, 1460, 9000}[r.IntN(5)]
		snd := []int{2000, 8192, 65536, 300_000}[r.IntN(4)]
		rcv := []int{3000, 8192, 65536, 300_000}[r.IntN(4)]
		sack, ts, ws := r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0
		nodelay, delack := r.IntN(2) == 0, r.IntN(2) == 0
		sizeA, sizeB := r.IntN(150_000), r.IntN(50_000)
		runSeed(t, seed, c, m, sizeA, sizeB, func(cfg *Config) {
			cfg.MSS, cfg.SendBufferSize, cfg.RecvBufferSize = mss, snd, rcv
			cfg.SACK, cfg.Timestamps, cfg.WindowScale = sack, ts, ws
			cfg.NoDelay, cfg.DelayedACK = nodelay, delack
		})
		if t.Failed() {
			t.Fatalf("stopping at seed %d: link %+v, %s, mss %d, buffers %d/%d, sack %v ts %v ws %v nodelay %v delack %v",
				seed, m, c.name, mss, snd, rcv, sack, ts, ws, nodelay, delack)
		}
	}
}
