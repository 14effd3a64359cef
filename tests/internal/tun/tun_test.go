//go:build linux

package tun_test

import (
	"encoding/binary"
	"os"
	"testing"
	"time"

	"tcpplayground/tests/internal/tun"
)

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("TUN tests need root, and CI runs them as root")
	}
	t.Skip("needs root: run with sudo")
}

// TestKernelAnswersSYN checks the plumbing without any TCP endpoint: a
// hand-made SYN to a closed port of the kernel must come back as a RST|ACK
// that acknowledges it (RFC 9293 §3.10.7.1), which proves the namespace, the
// TUN, both directions and our checksums.
func TestKernelAnswersSYN(t *testing.T) {
	requireRoot(t)
	d := tun.New(t, "tcptun", nil)
	if got, err := d.Sysctl("net/ipv4/tcp_ecn"); err != nil || got != "0" {
		t.Fatalf("tcp_ecn = %q, %v; want 0", got, err)
	}

	const iss = 0x01020304
	syn := synPacket([4]byte{10, 0, 0, 2}, [4]byte{10, 0, 0, 1}, 40000, 9, iss)
	if err := d.WritePacket(syn); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 65536)
	deadline := time.Now().Add(5 * time.Second)
	for {
		n, err := d.ReadPacket(buf, deadline)
		if err != nil {
			t.Fatalf("no answer to the SYN: %v", err)
		}
		p := buf[:n]
		if n < 40 || p[0]>>4 != 4 || p[9] != 6 {
			t.Logf("ignoring a non-TCP packet % x", p)
			continue
		}
		tcp := p[int(p[0]&0xf)*4:]
		flags := tcp[13]
		ack := binary.BigEndian.Uint32(tcp[8:])
		if flags != 0x14 || ack != iss+1 {
			t.Fatalf("answer flags %#x ack %d, want RST|ACK (0x14) ack %d", flags, ack, iss+1)
		}
		if ipSum := ^checksum(0, p[:20]); ipSum != 0 {
			t.Errorf("kernel's IPv4 header checksum does not verify: %#x", ipSum)
		}
		return
	}
}

// synPacket builds an IPv4 SYN with no options; a local encoder keeps this
// test independent of tcpcore/wire.
func synPacket(src, dst [4]byte, sport, dport uint16, iss uint32) []byte {
	p := make([]byte, 40)
	p[0] = 0x45
	binary.BigEndian.PutUint16(p[2:], 40)
	p[8] = 64
	p[9] = 6
	copy(p[12:16], src[:])
	copy(p[16:20], dst[:])
	binary.BigEndian.PutUint16(p[10:], ^checksum(0, p[:20]))
	tcp := p[20:]
	binary.BigEndian.PutUint16(tcp[0:], sport)
	binary.BigEndian.PutUint16(tcp[2:], dport)
	binary.BigEndian.PutUint32(tcp[4:], iss)
	tcp[12] = 5 << 4
	tcp[13] = 0x02
	binary.BigEndian.PutUint16(tcp[14:], 65535)
	var pseudo [12]byte
	copy(pseudo[0:4], src[:])
	copy(pseudo[4:8], dst[:])
	pseudo[9] = 6
	binary.BigEndian.PutUint16(pseudo[10:], uint16(len(tcp)))
	binary.BigEndian.PutUint16(tcp[16:], ^checksum(uint32(checksum(0, pseudo[:])), tcp))
	return p
}

// checksum folds b into the ones' complement sum (RFC 1071); a header with a
// correct checksum sums to 0xffff, so ^checksum is 0.
func checksum(sum uint32, b []byte) uint16 {
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	return uint16(sum)
}
