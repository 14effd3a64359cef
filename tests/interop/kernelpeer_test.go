//go:build linux

package interop_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The helper process's settings travel in the environment.
const (
	envRole     = "INTEROP_PEER_ROLE"     // "listen" or "connect"
	envAddr     = "INTEROP_PEER_ADDR"     // listen on, or connect to, this host:port
	envSendSeed = "INTEROP_PEER_SEND"     // seed of the bytes the kernel sends
	envSendLen  = "INTEROP_PEER_SENDLEN"  // how many bytes it sends
	envWantSHA  = "INTEROP_PEER_WANTSHA"  // SHA-256 (hex) of what it must read
	envDeadline = "INTEROP_PEER_DEADLINE" // Unix nanoseconds: give up then
	envCC       = "INTEROP_PEER_CC"       // optional TCP_CONGESTION for the kernel socket
	envRcvBuf   = "INTEROP_PEER_RCVBUF"   // optional SO_RCVBUF, bytes
	envPause    = "INTEROP_PEER_PAUSE"    // optional "bytes,duration": stop reading after bytes for duration
)

// readyLine is what the listening helper prints once its socket listens.
const readyLine = "READY"

// TestMain makes the test binary double as the kernel side of an interop
// case: re-executed inside the namespace with the peer's settings in the
// environment, it runs runKernelPeer instead of the tests. Its socket is a
// real Linux TCP socket. It writes its bytes and shuts its write side down
// while it reads everything the other side sends, then checks the digest and
// closes. (A TestHelper function would have to skip in normal runs, and a
// skipped test fails tests/run.)
func TestMain(m *testing.M) {
	if role := os.Getenv(envRole); role != "" {
		if err := runKernelPeer(role); err != nil {
			fmt.Fprintln(os.Stderr, "kernel peer:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runKernelPeer(role string) error {
	addr := os.Getenv(envAddr)
	seed, err := strconv.ParseUint(os.Getenv(envSendSeed), 10, 64)
	if err != nil {
		return fmt.Errorf("%s: %v", envSendSeed, err)
	}
	sendLen, err := strconv.Atoi(os.Getenv(envSendLen))
	if err != nil {
		return fmt.Errorf("%s: %v", envSendLen, err)
	}
	deadlineNs, err := strconv.ParseInt(os.Getenv(envDeadline), 10, 64)
	if err != nil {
		return fmt.Errorf("%s: %v", envDeadline, err)
	}
	deadline := time.Unix(0, deadlineNs)
	wantSHA := os.Getenv(envWantSHA)

	var conn *net.TCPConn
	switch role {
	case "listen":
		// Options set on the listener are inherited by the accepted socket
		// and, for SO_RCVBUF, shape the window scale it offers.
		lc := net.ListenConfig{Control: setSocketOptions}
		ln, err := lc.Listen(context.Background(), "tcp4", addr)
		if err != nil {
			return err
		}
		defer ln.Close()
		fmt.Println(readyLine)
		ln.(*net.TCPListener).SetDeadline(deadline)
		c, err := ln.Accept()
		if err != nil {
			return fmt.Errorf("accept: %w", err)
		}
		conn = c.(*net.TCPConn)
	case "connect":
		d := net.Dialer{Deadline: deadline, Control: setSocketOptions}
		c, err := d.Dial("tcp4", addr)
		if err != nil {
			return fmt.Errorf("connect: %w", err)
		}
		conn = c.(*net.TCPConn)
	default:
		return fmt.Errorf("%s=%q, want listen or connect", envRole, role)
	}
	conn.SetDeadline(deadline)
	pause, err := parsePause(os.Getenv(envPause))
	if err != nil {
		return err
	}
	return exchange(conn, seed, sendLen, wantSHA, pause)
}

// setSocketOptions sets the socket's congestion control (envCC) and
// receive buffer (envRcvBuf), when given. As root a socket may choose any
// built-in algorithm even where the namespace's sysctl would not allow it
// (TCP-REFERENCE.md §2).
func setSocketOptions(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		if name := os.Getenv(envCC); name != "" {
			if err := syscall.SetsockoptString(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CONGESTION, name); err != nil {
				serr = fmt.Errorf("TCP_CONGESTION %s: %w", name, err)
				return
			}
		}
		if v := os.Getenv(envRcvBuf); v != "" && v != "0" {
			n, err := strconv.Atoi(v)
			if err == nil {
				err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, n)
			}
			if err != nil {
				serr = fmt.Errorf("SO_RCVBUF %s: %w", v, err)
			}
		}
	})
	if err == nil {
		err = serr
	}
	return err
}

// readPause is a stall of the reading application: after reading After
// bytes it reads nothing for For, so the receive window closes.
type readPause struct {
	After int
	For   time.Duration
}

func parsePause(s string) (readPause, error) {
	if s == "" {
		return readPause{}, nil
	}
	n, d, ok := strings.Cut(s, ",")
	after, err := strconv.Atoi(n)
	if err == nil && ok {
		var p readPause
		p.After = after
		p.For, err = time.ParseDuration(d)
		return p, err
	}
	return readPause{}, fmt.Errorf("%s=%q, want bytes,duration", envPause, s)
}

// pausingReader reads through r, stalling once as the pause says.
type pausingReader struct {
	r      io.Reader
	pause  readPause
	read   int
	paused bool
}

func (p *pausingReader) Read(b []byte) (int, error) {
	if !p.paused && p.pause.For > 0 && p.read >= p.pause.After {
		p.paused = true
		time.Sleep(p.pause.For) // the application stall under test, not synchronisation
	}
	if !p.paused && p.pause.For > 0 && len(b) > p.pause.After-p.read {
		b = b[:max(1, p.pause.After-p.read)]
	}
	n, err := p.r.Read(b)
	p.read += n
	return n, err
}

// exchange sends sendLen bytes of the stream seed then half-closes, while it
// reads to EOF, checks the digest, and closes.
func exchange(conn *net.TCPConn, seed uint64, sendLen int, wantSHA string, pause readPause) error {
	start := time.Now()
	sent := make(chan error, 1)
	go func() {
		_, err := io.Copy(conn, io.LimitReader(newStream(seed), int64(sendLen)))
		if err == nil {
			err = conn.CloseWrite()
		}
		sent <- err
	}()
	h := sha256.New()
	n, readErr := io.Copy(h, &pausingReader{r: conn, pause: pause})
	readDone := time.Since(start)
	sendErr := <-sent
	sendDone := time.Since(start)
	closeErr := conn.Close()
	if readErr != nil {
		return fmt.Errorf("read after %d bytes: %w", n, readErr)
	}
	if sendErr != nil {
		return fmt.Errorf("send: %w", sendErr)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != wantSHA {
		return fmt.Errorf("read %d bytes with SHA-256 %s, want %s", n, got, wantSHA)
	}
	if closeErr != nil {
		return fmt.Errorf("close: %w", closeErr)
	}
	fmt.Printf("kernel peer: read %d bytes to EOF (%v), digest good, sent %d bytes (%v), closed (%v)\n",
		n, readDone.Round(time.Millisecond), sendLen, sendDone.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	return nil
}

// newStream is the deterministic byte stream a side sends: ChaCha8 keyed by
// the seed, so both processes can compute the other's digest.
func newStream(seed uint64) io.Reader {
	var key [32]byte
	for i := range 8 {
		key[i] = byte(seed >> (8 * i))
	}
	return rand.NewChaCha8(key)
}

// streamDigest is the hex SHA-256 of the first n bytes of stream seed.
func streamDigest(seed uint64, n int) string {
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(newStream(seed), int64(n))); err != nil {
		panic(err) // ChaCha8 never fails
	}
	return hex.EncodeToString(h.Sum(nil))
}

var errPeerNotReady = errors.New("kernel peer did not become ready")
