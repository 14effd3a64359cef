//go:build linux

package interop_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	osexec "os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tcpplayground/tests/internal/tun"
)

// requireRoot skips a test that needs root, except under CI, where every
// interop test must run and a skip would hide a failure.
func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("the interop tests need root (CAP_NET_ADMIN) and CI runs them as root; not root here")
	}
	t.Skip("needs root: sudo go test ./tests/interop")
}

// peerSpec is what a kernel peer process does.
type peerSpec struct {
	role     string // "listen" or "connect"
	addr     string // host:port
	sendSeed uint64
	sendLen  int
	wantSHA  string
	deadline time.Time
	cc       string // TCP_CONGESTION, "" for the namespace's default
	rcvBuf   int    // SO_RCVBUF, 0 for the default
	pause    string // envPause's "bytes,duration", "" for none
}

// kernelPeer is a running helper process inside the namespace.
type kernelPeer struct {
	cmd    *osexec.Cmd
	done   chan struct{}
	err    error // valid after done is closed
	mu     sync.Mutex
	output bytes.Buffer
}

// startKernelPeer runs the test binary as the kernel peer (see TestMain) inside dev's
// namespace. A listening peer is waited for until it listens, so the caller
// may connect at once.
func startKernelPeer(t *testing.T, dev *tun.Device, spec peerSpec) *kernelPeer {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithDeadline(context.Background(), spec.deadline.Add(5*time.Second))
	cmd := dev.Command(ctx, self, "-test.run=^$")
	cmd.Env = append(os.Environ(),
		envRole+"="+spec.role,
		envAddr+"="+spec.addr,
		envSendSeed+"="+strconv.FormatUint(spec.sendSeed, 10),
		envSendLen+"="+strconv.Itoa(spec.sendLen),
		envWantSHA+"="+spec.wantSHA,
		envDeadline+"="+strconv.FormatInt(spec.deadline.UnixNano(), 10),
		envCC+"="+spec.cc,
		envRcvBuf+"="+strconv.Itoa(spec.rcvBuf),
		envPause+"="+spec.pause,
	)
	p := &kernelPeer{cmd: cmd, done: make(chan struct{})}
	cmd.Stderr = lockedWriter{&p.mu, &p.output}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the kernel peer: %v", err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		signalled := false
		for sc.Scan() {
			line := sc.Text()
			if !signalled && strings.TrimSpace(line) == readyLine {
				signalled = true
				ready <- true
				continue
			}
			p.mu.Lock()
			fmt.Fprintln(&p.output, line)
			p.mu.Unlock()
		}
		if !signalled {
			ready <- false
		}
		p.err = cmd.Wait()
		cancel()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			cmd.Process.Kill()
			<-p.done
		}
	})
	if spec.role == "listen" && !<-ready {
		<-p.done
		t.Fatalf("%v: %v\n%s", errPeerNotReady, p.err, p.Output())
	}
	return p
}

// Output is what the peer printed so far.
func (p *kernelPeer) Output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.output.String()
}

// Exited reports whether the process has ended, and how.
func (p *kernelPeer) Exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.err
	default:
		return false, nil
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// TestKernelPeerSelfCheck runs two kernel peers against each other inside a
// namespace (over its loopback), so that a failure of the interop cases can
// be blamed on the endpoint, not on the helper: same stream, same digests,
// same half-close and close.
func TestKernelPeerSelfCheck(t *testing.T) {
	requireRoot(t)
	dev := tun.New(t, "tcpinterop", nil)
	const size = 8 << 20
	seedA, seedB := uint64(11), uint64(22)
	deadline := time.Now().Add(30 * time.Second)
	addr := tun.KernelAddr + ":9000"
	ln := startKernelPeer(t, dev, peerSpec{role: "listen", addr: addr, sendSeed: seedA, sendLen: size,
		wantSHA: streamDigest(seedB, size), deadline: deadline, cc: "cubic"})
	cn := startKernelPeer(t, dev, peerSpec{role: "connect", addr: addr, sendSeed: seedB, sendLen: size,
		wantSHA: streamDigest(seedA, size), deadline: deadline})
	for _, p := range []*kernelPeer{ln, cn} {
		<-p.done
		if p.err != nil {
			t.Errorf("kernel peer %v: %v\n%s", p.cmd.Args, p.err, p.Output())
		}
	}
}
