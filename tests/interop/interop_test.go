//go:build linux

package interop_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/tests/internal/tun"
)

// The ports are unassigned ones: on 8080 tshark dissected the random
// payload as HTTP and filled its expert summary with malformed requests.
const (
	bulkSize   = 8 << 20 // bytes each way
	kernelPort = 47001   // the kernel's listening port
	ourPort    = 47002   // our listening port
	caseLimit  = 55 * time.Second
)

// interopFaults is the damage done in both directions in every bulk case.
//
// Loss is 1 %, not more, because over a TUN the RTT is ~100 µs and Linux
// acknowledges a whole burst of our segments with one ACK: losing that ACK
// leaves nothing in flight to clock recovery, so only the RTO (1 s in the RFC
// profile, no TLP) restarts the flow. At 1.5 % the RFC profile's CUBIC cases
// took 5–47 s (partly from a SACK loss-detection gap since fixed, see
// sackdetect_test.go); at 1 % they stay well under the case limit while
// every case still sees ~80 losses each way.
var interopFaults = faults{LossIn: 0.01, LossOut: 0.01, ReorderIn: 0.01, ReorderOut: 0.01, Hold: 2 * time.Millisecond}

// variant is one configuration of our endpoint.
type variant struct {
	name     string
	profile  tcp.Profile
	cc       cc.Algorithm
	recovery tcp.Recovery
	sack     bool
}

var variants = []variant{
	{"RFC/Reno+NewReno", tcp.ProfileRFC, cc.Reno, tcp.RecoveryNewReno, false},
	{"RFC/CUBIC+SACK", tcp.ProfileRFC, cc.CUBIC, tcp.RecoverySACK, true},
	{"Linux/Reno+NewReno", tcp.ProfileLinux, cc.Reno, tcp.RecoveryNewReno, false},
	{"Linux/CUBIC+SACK", tcp.ProfileLinux, cc.CUBIC, tcp.RecoverySACK, true},
	{"Linux/Reno+Reno", tcp.ProfileLinux, cc.Reno, tcp.RecoveryReno, false},
	{"Linux/CUBIC+NewReno", tcp.ProfileLinux, cc.CUBIC, tcp.RecoveryNewReno, false},
	{"RFC/Reno+SACK", tcp.ProfileRFC, cc.Reno, tcp.RecoverySACK, true},
}

// baseSeed is INTEROP_SEED, or 1: the loss and reordering of a case are a
// function of it and the case's index.
func baseSeed(t *testing.T) uint64 {
	if s := os.Getenv("INTEROP_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("INTEROP_SEED=%q: %v", s, err)
		}
		return n
	}
	return 1
}

// TestInterop moves 8 MB each way at once between our endpoint and the
// kernel, with loss and reordering both ways, for every variant, with our
// endpoint as the client and as the server.
func TestInterop(t *testing.T) {
	requireRoot(t)
	tshark := requireTshark(t)
	seed := baseSeed(t)
	i := 0
	for _, v := range variants {
		for _, weConnect := range []bool{true, false} {
			role := "ClientToKernel"
			if !weConnect {
				role = "KernelToServer"
			}
			i++
			caseSeed := seed*1000 + uint64(i)
			t.Run(v.name+"/"+role, func(t *testing.T) {
				runBulk(t, tshark, bulkCase{variant: v, weConnect: weConnect, seed: caseSeed,
					ourSend: bulkSize, kernelSend: bulkSize})
			})
		}
	}
}

// bulkCase is one connection between our endpoint and the kernel.
type bulkCase struct {
	variant
	weConnect           bool // our endpoint connects (else the kernel does)
	seed                uint64
	ourSend, kernelSend int // bytes each side sends

	recvBuffer   int       // our RecvBufferSize; 0 means 1 MiB
	ourPause     readPause // a stall of our reading application
	kernelRcvBuf int       // the kernel socket's SO_RCVBUF; 0 means its default
	kernelPause  string    // envPause for the kernel peer
	// check, if set, makes further checks after a clean run.
	check func(t *testing.T, d *driver)
}

func runBulk(t *testing.T, tshark string, bc bulkCase) {
	v, weConnect, seed := bc.variant, bc.weConnect, bc.seed
	dev := tun.New(t, "tcpinterop", nil)
	deadline := time.Now().Add(caseLimit)
	if d, ok := t.Deadline(); ok && d.Add(-10*time.Second).Before(deadline) {
		deadline = d.Add(-10 * time.Second)
	}

	cfg := tcp.DefaultConfig(v.profile)
	cfg.CongestionControl = v.cc
	cfg.Recovery = v.recovery
	cfg.SACK = v.sack
	cfg.Timestamps = true
	cfg.WindowScale = true
	cfg.SendBufferSize = 1 << 20
	cfg.RecvBufferSize = 1 << 20
	if bc.recvBuffer != 0 {
		cfg.RecvBufferSize = bc.recvBuffer
	}
	// TIME-WAIT (2·MSL) must outlast the kernel's first FIN
	// retransmissions (RTO ≥ 200 ms) should our last ACK be lost, or our
	// endpoint would answer that FIN with a RST; 1 s does, and stays short.
	cfg.MSL = 500 * time.Millisecond
	cfg.ISS = seq.Seq(uint32(seed * 2654435761))
	cfg.TSOffset = uint32(seed * 40503)

	ourSeed, kernelSeed := seed*2, seed*2+1
	pcapPath := filepath.Join(t.TempDir(), "interop.pcap")
	d, err := newDriver(dev, cfg, seed, interopFaults, pcapPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seed %d (INTEROP_SEED=%d), capture %s", seed, seed/1000, pcapPath)
	if os.Getenv("INTEROP_EVENTS") != "" {
		name := filepath.Join(artifactDir(t), sanitize(t.Name())+".events")
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		d.eventLog = bufio.NewWriterSize(f, 1<<20)
		defer func() {
			d.eventLog.Flush()
			f.Close()
			t.Logf("every event in %s", name)
		}()
	}

	spec := peerSpec{
		sendSeed: kernelSeed,
		sendLen:  bc.kernelSend,
		wantSHA:  streamDigest(ourSeed, bc.ourSend),
		rcvBuf:   bc.kernelRcvBuf,
		pause:    bc.kernelPause,
		deadline: deadline,
		cc:       "cubic",
	}
	var peer *kernelPeer
	if weConnect {
		spec.role, spec.addr = "listen", fmt.Sprintf("%s:%d", tun.KernelAddr, kernelPort)
		peer = startKernelPeer(t, dev, spec)
		if err := d.ep.Connect(d.now(), 41000+uint16(seed%1000), kernelPort); err != nil {
			t.Fatalf("Connect: %v", err)
		}
	} else {
		if err := d.ep.Listen(d.now(), ourPort); err != nil {
			t.Fatalf("Listen: %v", err)
		}
		spec.role, spec.addr = "connect", fmt.Sprintf("10.0.0.2:%d", ourPort)
		peer = startKernelPeer(t, dev, spec)
	}

	a := newBulkApp(ourSeed, bc.ourSend, streamDigest(kernelSeed, bc.kernelSend))
	a.pause = bc.ourPause
	runErr := d.run(a, peer, deadline)
	elapsed := d.now()
	pcapErr := d.finish()
	if runErr == nil {
		if err := d.ep.Err(); err != nil {
			runErr = fmt.Errorf("endpoint Err() = %v after a clean close, want nil", err)
		}
	}
	// TIME-WAIT lasts 2·MSL unless a RST ends it: RFC 9293 §3.10.7.4 lets a
	// RST close TIME-WAIT, and Linux sends one when our ACK of its FIN is
	// answered by a late duplicate ACK after its socket is gone.
	if tw := d.stats; runErr == nil && tw.TimeWaitEntered != 0 && tw.TimeWaitLeftBy != tcp.CauseReset &&
		tw.TimeWaitLeft-tw.TimeWaitEntered < 2*cfg.MSL {
		runErr = fmt.Errorf("TIME-WAIT lasted %v (from %v to %v), want at least 2·MSL = %v (RFC 9293 §3.6)",
			tw.TimeWaitLeft-tw.TimeWaitEntered, tw.TimeWaitEntered, tw.TimeWaitLeft, 2*cfg.MSL)
	}
	if runErr == nil {
		runErr = checkNegotiation(d, v)
	}
	if st := d.stats; runErr == nil && (st.DroppedIn == 0 || st.DroppedOut == 0 || st.ReorderedIn == 0 || st.ReorderedOut == 0) {
		runErr = fmt.Errorf("the driver did not damage both directions (%v): the case proves less than it claims", st)
	}
	if runErr == nil {
		t.Logf("retransmissions: %s; zero windows we advertised %d, zero-window probes we sent %d",
			d.retransmissions(), d.stats.ZeroWindowsSent, d.sentBy[tcp.SendZeroWindowProbe])
		t.Logf("done in %v: %v; kernel: %s", elapsed.Round(time.Millisecond), d.stats, peer.Output())
	} else {
		t.Errorf("%v\n%s\nkernel peer output:\n%s", runErr, d.report(), peer.Output())
	}
	if pcapErr != nil {
		t.Errorf("writing the capture: %v", pcapErr)
	} else if tshark == "" {
		// requireTshark said why.
	} else if resets, err := timedCheckCapture(t, tshark, pcapPath, d.stats.In+d.stats.Out); err != nil {
		t.Errorf("tshark: %v", err)
	} else if resets[tun.KernelAddr] != d.stats.LateKernelResets || resets["10.0.0.2"] > d.stats.ResetsAfterClosed {
		// Once CLOSED an endpoint has no connection, and RFC 9293 §3.10.7.1
		// answers whatever still arrives (a late duplicate ACK of a FIN, say)
		// with a RST: from us once our endpoint is CLOSED, from the kernel
		// only while ours is in TIME-WAIT or CLOSED. Any other RST means a
		// connection was broken. (The driver may drop some of ours, hence >.)
		t.Errorf("the capture holds RST segments %v; want from the kernel only the %d read while we were in TIME-WAIT or CLOSED, from us only the %d sent after CLOSED",
			resets, d.stats.LateKernelResets, d.stats.ResetsAfterClosed)
	}
	if runErr == nil && bc.check != nil {
		bc.check(t, d)
	}
	if t.Failed() || os.Getenv("INTEROP_KEEP") != "" {
		keepArtifact(t, pcapPath)
	}
}

// artifactDir is tests/artifacts/, made if needed.
func artifactDir(t *testing.T) string {
	dir := filepath.Join("..", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("making %s: %v", dir, err)
	}
	return dir
}

// checkNegotiation checks the options of both SYNs: we offer what the
// variant says, and Linux (sysctls pinned by tun.DefaultSysctls) offers or
// answers timestamps, window scale and, when offered, SACK-permitted
// (RFC 7323 §2.2, §3.2; RFC 2018 §2).
func checkNegotiation(d *driver, v variant) error {
	ours, theirs := d.ourSYN, d.kernelSYN
	if ours == nil || theirs == nil {
		return fmt.Errorf("no SYN seen from us (%v) or from the kernel (%v)", ours, theirs)
	}
	o, k := ours.Options, theirs.Options
	switch {
	case o.MSS == 0 || !o.HasTS || !o.HasWScale || o.SACKPermitted != v.sack:
		return fmt.Errorf("our SYN %v: want MSS, timestamps, window scale and SACK-permitted %v", ours, v.sack)
	case k.MSS == 0 || !k.HasTS || !k.HasWScale:
		return fmt.Errorf("kernel's SYN %v: want MSS, timestamps and window scale", theirs)
	case k.SACKPermitted != v.sack && theirs.Flags.Has(wire.ACK):
		// A SYN-ACK carries SACK-permitted only if our SYN did.
		return fmt.Errorf("kernel's SYN-ACK %v: SACK-permitted %v, want %v", theirs, k.SACKPermitted, v.sack)
	case !k.SACKPermitted && !theirs.Flags.Has(wire.ACK):
		return fmt.Errorf("kernel's SYN %v: no SACK-permitted with tcp_sack=1", theirs)
	}
	return nil
}

// timedCheckCapture is checkCapture that says when tshark was slow.
func timedCheckCapture(t *testing.T, tshark, pcapPath string, want int) (map[string]int, error) {
	start := time.Now()
	resets, err := checkCapture(tshark, pcapPath, want)
	if took := time.Since(start); took > 5*time.Second {
		t.Logf("tshark took %v over %d packets", took.Round(time.Millisecond), want)
	}
	return resets, err
}

// keepArtifact copies a failed case's capture to tests/artifacts/.
func keepArtifact(t *testing.T, path string) {
	dir := artifactDir(t)
	name := filepath.Join(dir, sanitize(t.Name())+".pcap")
	data, err := os.ReadFile(path)
	if err == nil {
		err = os.WriteFile(name, data, 0o644)
	}
	if err != nil {
		t.Logf("keeping the capture: %v", err)
		return
	}
	abs, _ := filepath.Abs(name)
	t.Logf("capture kept at %s", abs)
}

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}

// bulkApp is our side's application: it writes its stream and half-closes
// while it reads the kernel's stream to EOF and checks its digest.
type bulkApp struct {
	stream   io.Reader
	sendLeft int // bytes of the stream not yet generated
	chunk    []byte
	pending  []byte // generated, not yet accepted by Write
	shutdown bool

	recvHash hash.Hash
	received int
	eof      bool
	wantSHA  string
	readBuf  []byte

	// pause stalls reading once, after pause.After bytes, for pause.For,
	// so that our receive window closes; resumeAt is when it ends.
	pause    readPause
	paused   bool
	resumeAt time.Duration
}

func newBulkApp(sendSeed uint64, sendLen int, wantSHA string) *bulkApp {
	return &bulkApp{
		stream:   newStream(sendSeed),
		sendLeft: sendLen,
		chunk:    make([]byte, 64<<10),
		recvHash: sha256.New(),
		wantSHA:  wantSHA,
		readBuf:  make([]byte, 64<<10),
	}
}

func (a *bulkApp) finished() bool { return a.eof && a.shutdown }

func (a *bulkApp) wakeAt() (time.Duration, bool) {
	return a.resumeAt, a.paused && a.resumeAt > 0
}

// stalled reports whether the application is not reading at now, and how
// much it may read before its stall begins (-1: no limit).
func (a *bulkApp) stalled(now time.Duration) (bool, int) {
	if a.pause.For == 0 {
		return false, -1
	}
	if !a.paused {
		if a.received >= a.pause.After {
			a.paused, a.resumeAt = true, now+a.pause.For
			return true, 0
		}
		return false, a.pause.After - a.received
	}
	if now < a.resumeAt {
		return true, 0
	}
	a.resumeAt = 0 // over; wakeAt no longer asks for it
	return false, -1
}

func (a *bulkApp) pump(now time.Duration, ep *tcp.Endpoint) error {
	st := ep.State()
	finSeen := st == tcp.CloseWait || st == tcp.LastAck || st == tcp.Closing || st == tcp.TimeWait
	for !a.eof && (ep.Readable() > 0 || finSeen) {
		stalled, limit := a.stalled(now)
		if stalled {
			break
		}
		buf := a.readBuf
		if limit >= 0 && limit < len(buf) {
			buf = buf[:limit]
		}
		n, err := ep.Read(now, buf)
		a.recvHash.Write(buf[:n])
		a.received += n
		if errors.Is(err, io.EOF) {
			a.eof = true
			if got := hex.EncodeToString(a.recvHash.Sum(nil)); got != a.wantSHA {
				return fmt.Errorf("our side read %d bytes to EOF with SHA-256 %s, want %s", a.received, got, a.wantSHA)
			}
			break
		}
		if err != nil {
			return fmt.Errorf("Read in %v after %d bytes: %w", st, a.received, err)
		}
		if n == 0 {
			if finSeen && ep.Readable() == 0 {
				return fmt.Errorf("Read in %v returned 0 bytes and no EOF after %d bytes", st, a.received)
			}
			break
		}
	}
	if st != tcp.Established && st != tcp.CloseWait {
		return nil
	}
	for a.sendLeft > 0 || len(a.pending) > 0 {
		if len(a.pending) == 0 {
			n := min(len(a.chunk), a.sendLeft)
			if _, err := io.ReadFull(a.stream, a.chunk[:n]); err != nil {
				return err
			}
			a.pending, a.sendLeft = a.chunk[:n], a.sendLeft-n
		}
		w, err := ep.Write(now, a.pending)
		if err != nil {
			return fmt.Errorf("Write in %v: %w", st, err)
		}
		a.pending = a.pending[w:]
		if w == 0 {
			break
		}
	}
	if a.sendLeft == 0 && len(a.pending) == 0 && !a.shutdown {
		if err := ep.Shutdown(now); err != nil {
			return fmt.Errorf("Shutdown in %v: %w", st, err)
		}
		a.shutdown = true
	}
	return nil
}
