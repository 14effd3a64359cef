//go:build linux

package interop_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
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
)

// readyLine is what the listening helper prints once its socket listens.
const readyLine = "READY"

// TestHelperKernelPeer is not a test: it is the kernel side of an interop
// case, run by the test binary re-executed inside the namespace. Its socket
// is a real Linux TCP socket. It writes its bytes and shuts its write side
// down while it reads everything the other side sends, then checks the digest
// and closes.
func TestHelperKernelPeer(t *testing.T) {
	role := os.Getenv(envRole)
	if role == "" {
		t.Skip("helper process for the interop tests; not a test by itself")
	}
	if err := runKernelPeer(role); err != nil {
		fmt.Fprintln(os.Stderr, "kernel peer:", err)
		os.Exit(1)
	}
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
		ln, err := net.Listen("tcp4", addr)
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
		d := net.Dialer{Deadline: deadline, Control: setCongestion}
		c, err := d.Dial("tcp4", addr)
		if err != nil {
			return fmt.Errorf("connect: %w", err)
		}
		conn = c.(*net.TCPConn)
	default:
		return fmt.Errorf("%s=%q, want listen or connect", envRole, role)
	}
	if role == "listen" {
		if raw, err := conn.SyscallConn(); err == nil {
			if err := setCongestion("", "", raw); err != nil {
				return err
			}
		}
	}
	conn.SetDeadline(deadline)
	return exchange(conn, seed, sendLen, wantSHA)
}

// setCongestion sets the socket's congestion control from envCC, if given.
// As root a socket may choose any built-in algorithm even where the
// namespace's sysctl would not allow it (TCP-REFERENCE.md §2).
func setCongestion(_, _ string, c syscall.RawConn) error {
	name := os.Getenv(envCC)
	if name == "" {
		return nil
	}
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptString(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CONGESTION, name)
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("TCP_CONGESTION %s: %w", name, err)
	}
	return nil
}

// exchange sends sendLen bytes of the stream seed then half-closes, while it
// reads to EOF, checks the digest, and closes.
func exchange(conn *net.TCPConn, seed uint64, sendLen int, wantSHA string) error {
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
	n, readErr := io.Copy(h, conn)
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
