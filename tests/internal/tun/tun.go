//go:build linux

package tun

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// KernelAddr is the kernel's address on tun0, and Prefix its subnet length.
const (
	KernelAddr = "10.0.0.1"
	PrefixLen  = 24
	IfName     = "tun0"
)

// DefaultSysctls are the kernel settings an interop test depends on, set
// explicitly inside the namespace so that a host's defaults cannot change
// what the kernel offers:
//   - SACK, timestamps and window scaling on (RFC 2018, RFC 7323), so the
//     kernel exercises the options our endpoint negotiates;
//   - ECN off: Linux 6.18 defaults to tcp_ecn=2 (accept ECN when asked, never
//     ask), and an endpoint without RFC 3168 must never see ECE/CWR surprise
//     it; pinning 0 keeps the kernel from ever setting ECE or CWR;
//   - IPv6 off, so no router solicitations or MLD reports cross the TUN and
//     every captured packet is the connection's IPv4.
var DefaultSysctls = map[string]string{
	"net/ipv4/tcp_sack":                  "1",
	"net/ipv4/tcp_timestamps":            "1",
	"net/ipv4/tcp_window_scaling":        "1",
	"net/ipv4/tcp_ecn":                   "0",
	"net/ipv6/conf/all/disable_ipv6":     "1",
	"net/ipv6/conf/default/disable_ipv6": "1",
}

// Device is a TUN device in its own network namespace. Read and write whole
// IPv4 packets with ReadPacket and WritePacket.
type Device struct {
	// Namespace is the network namespace's name (for ip netns exec).
	Namespace string
	file      *os.File
}

var devicesMade atomic.Int32

// New creates a network namespace named prefix-PID-N, tun0 inside it with
// KernelAddr/PrefixLen, the sysctls given (DefaultSysctls if nil), opens the
// TUN and waits until the link is up. Everything is torn down in t.Cleanup.
// It fails the test if anything goes wrong.
func New(t testing.TB, prefix string, sysctls map[string]string) *Device {
	t.Helper()
	if sysctls == nil {
		sysctls = DefaultSysctls
	}
	removeStaleNamespaces(t, prefix)
	ns := fmt.Sprintf("%s-%d-%d", prefix, os.Getpid(), devicesMade.Add(1))
	if err := ip("netns", "add", ns); err != nil {
		t.Fatalf("creating the namespace: %v", err)
	}
	d := &Device{Namespace: ns}
	t.Cleanup(func() {
		start := time.Now()
		d.Close()
		if took := time.Since(start); took > time.Second {
			// Say so rather than leave the time unexplained.
			t.Logf("tearing down namespace %s took %v", ns, took.Round(time.Millisecond))
		}
	})
	made := time.Now()
	defer func() {
		if took := time.Since(made); took > time.Second {
			t.Logf("setting up namespace %s took %v", ns, took.Round(time.Millisecond))
		}
	}()

	if err := ip("-n", ns, "link", "set", "lo", "up"); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(sysctls))
	for k := range sysctls {
		keys = append(keys, k)
	}
	sort.Strings(keys) // disable_ipv6 "all" before "default", any order works
	for _, k := range keys {
		if err := d.SetSysctl(k, sysctls[k]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ip("-n", ns, "tuntap", "add", "dev", IfName, "mode", "tun"); err != nil {
		t.Fatal(err)
	}
	if err := ip("-n", ns, "addr", "add", KernelAddr+"/"+strconv.Itoa(PrefixLen), "dev", IfName); err != nil {
		t.Fatal(err)
	}
	f, err := openInNamespace(ns, IfName)
	if err != nil {
		t.Fatalf("opening %s in %s: %v", IfName, ns, err)
	}
	d.file = f
	if err := ip("-n", ns, "link", "set", IfName, "up"); err != nil {
		t.Fatal(err)
	}
	if err := d.waitOperUp(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	return d
}

// SetSysctl writes value to /proc/sys/key inside the namespace and reads it
// back.
func (d *Device) SetSysctl(key, value string) error {
	path := "/proc/sys/" + key
	cmd := d.Command(context.Background(), "sh", "-c", `echo "$1" > "$2" && cat "$2"`, "sh", value, path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("setting %s=%s in %s: %v: %s", key, value, d.Namespace, err, out)
	}
	if got := strings.TrimSpace(string(out)); got != value {
		return fmt.Errorf("sysctl %s = %q after writing %q", key, got, value)
	}
	return nil
}

// Sysctl reads /proc/sys/key inside the namespace.
func (d *Device) Sysctl(key string) (string, error) {
	out, err := d.Command(context.Background(), "cat", "/proc/sys/"+key).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("reading %s in %s: %v: %s", key, d.Namespace, err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// Command returns a command that runs name inside the namespace.
func (d *Device) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	return exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", d.Namespace, name}, args...)...)
}

// ReadPacket reads one IPv4 packet into buf, waiting until deadline at the
// latest (the zero time waits for ever). At the deadline it returns an error
// for which errors.Is(err, os.ErrDeadlineExceeded) holds.
func (d *Device) ReadPacket(buf []byte, deadline time.Time) (int, error) {
	if err := d.file.SetReadDeadline(deadline); err != nil {
		return 0, err
	}
	return d.file.Read(buf)
}

// WritePacket writes one IPv4 packet; its checksums must be right, as the
// kernel checks them (no offloads are enabled on the TUN).
func (d *Device) WritePacket(p []byte) error {
	n, err := d.file.Write(p)
	if err == nil && n != len(p) {
		err = fmt.Errorf("short TUN write: %d of %d bytes", n, len(p))
	}
	return err
}

// Close closes the TUN and deletes the device and the namespace. Processes
// started with Command must have ended before.
func (d *Device) Close() {
	if d.file != nil {
		d.file.Close()
		d.file = nil
	}
	if d.Namespace == "" {
		return
	}
	// Only the namespace is deleted; the kernel destroys tun0 with it, in
	// the background. Deleting the link first waits, synchronously, until
	// nothing holds it: a kernel socket left retransmitting its FIN (our
	// last ACK lost after our short TIME-WAIT) held it for 107 s once.
	_ = ip("netns", "del", d.Namespace)
	d.Namespace = ""
}

func (d *Device) waitOperUp(limit time.Duration) error {
	// The kernel offers no event for this that a test can wait on without
	// netlink, so poll operstate, briefly, until a hard limit.
	deadline := time.Now().Add(limit)
	var last string
	for time.Now().Before(deadline) {
		out, err := d.Command(context.Background(), "cat", "/sys/class/net/"+IfName+"/operstate").Output()
		if err != nil {
			return fmt.Errorf("reading operstate: %v", err)
		}
		last = string(bytes.TrimSpace(out))
		if last == "up" {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("%s in %s: operstate %q after %v, want \"up\"", IfName, d.Namespace, last, limit)
}

// openInNamespace opens /dev/net/tun attached to ifname from a thread that
// has entered the namespace: a TUN belongs to the namespace of the task that
// opens it.
func openInNamespace(ns, ifname string) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	done := make(chan result, 1)
	go func() {
		// The thread is never unlocked: when this goroutine returns, the
		// runtime ends the thread, so no other goroutine ever runs inside
		// the namespace.
		runtime.LockOSThread()
		f, err := openTUN(ns, ifname)
		done <- result{f, err}
	}()
	r := <-done
	return r.f, r.err
}

func openTUN(ns, ifname string) (*os.File, error) {
	nsfd, err := syscall.Open("/run/netns/"+ns, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("open namespace: %w", err)
	}
	_, _, errno := syscall.RawSyscall(sysSetns, uintptr(nsfd), syscall.CLONE_NEWNET, 0)
	syscall.Close(nsfd)
	if errno != 0 {
		return nil, fmt.Errorf("setns: %w", errno)
	}
	// Non-blocking, so that os.File puts it in the runtime poller and read
	// deadlines work.
	fd, err := syscall.Open("/dev/net/tun", syscall.O_RDWR|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("open /dev/net/tun: %w", err)
	}
	// struct ifreq: a 16-byte name, then the flags (a short) in a 24-byte union.
	var ifr [40]byte
	copy(ifr[:syscall.IFNAMSIZ-1], ifname)
	binary.NativeEndian.PutUint16(ifr[syscall.IFNAMSIZ:], syscall.IFF_TUN|syscall.IFF_NO_PI)
	_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TUNSETIFF, uintptr(unsafe.Pointer(&ifr[0])))
	if errno != 0 {
		syscall.Close(fd)
		return nil, fmt.Errorf("TUNSETIFF %s: %w", ifname, errno)
	}
	return os.NewFile(uintptr(fd), "/dev/net/tun:"+ifname), nil
}

// removeStaleNamespaces deletes namespaces prefix-PID-N whose process is
// gone: left by an earlier run that was killed before its cleanup.
func removeStaleNamespaces(t testing.TB, prefix string) {
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		t.Fatalf("ip netns list: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], prefix+"-") {
			continue
		}
		name := fields[0]
		parts := strings.Split(strings.TrimPrefix(name, prefix+"-"), "-")
		pid, err := strconv.Atoi(parts[0])
		if err != nil || len(parts) != 2 {
			continue
		}
		if _, err := os.Stat("/proc/" + strconv.Itoa(pid)); err == nil {
			continue // still running (maybe another package's test binary)
		}
		t.Logf("removing stale namespace %s", name)
		if err := ip("netns", "del", name); err != nil {
			t.Logf("removing stale namespace %s: %v", name, err)
		}
	}
}

func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// IsTimeout reports whether err is ReadPacket's deadline passing.
func IsTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }
