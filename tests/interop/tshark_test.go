//go:build linux

package interop_test

import (
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/wire"
	"tcpplayground/tests/internal/tun"
)

// requireTshark finds tshark, which checks every captured packet's
// checksums. Missing under CI is a failure (.ci/run installs it); elsewhere
// the interop still runs and only the capture check is left out, so it
// returns "".
func requireTshark(t *testing.T) string {
	t.Helper()
	path, err := osexec.LookPath("tshark")
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatal("tshark not found: install tshark (.ci/run does)")
	}
	t.Log("tshark not found (apt-get install tshark): captures are not checked")
	return ""
}

// checkCaptureChecksums has tshark validate the IPv4 and TCP checksums of
// every packet in the capture, which must hold want packets.
func checkCaptureChecksums(tshark, pcapPath string, want int) error {
	_, err := checkCapture(tshark, pcapPath, want)
	return err
}

// Wireshark's checksum status values (epan/proto.h, proto_checksum_enum_e).
// TCP-REFERENCE.md §2 says 2 is bad: in 4.0.17 2 is "unverified".
const (
	checksumBad  = "0"
	checksumGood = "1"
)

// checkCapture is checkCaptureChecksums that also counts the packets with
// RST set, by sender: resets[tun.KernelAddr] and resets["10.0.0.2"].
//
// One exception is allowed, for the kernel's packets only: a TCP checksum
// field of 0xffff where the computed value is 0x0000. In ones' complement
// both are zero and a receiver's check (the sum over the segment is 0xffff)
// passes either way (RFC 1624 §3). Linux writes it on purpose: when it
// completes a partial checksum for the TUN (skb_checksum_help), a folded 0
// becomes CSUM_MANGLED_0, UDP's "no checksum" rule applied to every protocol;
// seen here about once in 10 000 packets. Wireshark flags it bad ("should be
// 0x0000"). Our encoder computes the checksum in full, so it never may.
func checkCapture(tshark, pcapPath string, want int) (resets map[string]int, err error) {
	resets = make(map[string]int)
	out, err := osexec.Command(tshark, "-r", pcapPath, "-n",
		"-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
		"-T", "fields", "-E", "separator=/t",
		"-e", "frame.number", "-e", "ip.src", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
		"-e", "tcp.checksum", "-e", "tcp.checksum_calculated", "-e", "tcp.flags.reset").Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*osexec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		return resets, fmt.Errorf("%v: %s", err, stderr)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	if len(lines) != want {
		return resets, fmt.Errorf("tshark read %d packets from %s, want %d", len(lines), pcapPath, want)
	}
	bad := 0
	var first string
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			f = append(f, make([]string, 7)...)[:7]
		}
		frame, src, ipStatus, tcpStatus, tcpField, tcpCalculated, rst := f[0], f[1], f[2], f[3], f[4], f[5], f[6]
		if rst == "1" || rst == "True" {
			resets[src]++
		}
		kernelNegativeZero := src == tun.KernelAddr && tcpStatus == checksumBad &&
			tcpField == "0xffff" && tcpCalculated == "0x0000"
		if ipStatus != checksumGood || (tcpStatus != checksumGood && !kernelNegativeZero) {
			if bad == 0 {
				first = fmt.Sprintf("frame %s from %s: ip status %q, tcp status %q, tcp checksum %s", frame, src, ipStatus, tcpStatus, tcpField)
			}
			bad++
		}
	}
	if bad > 0 {
		return resets, fmt.Errorf("%d of %d packets without good IPv4 and TCP checksums (status 1 good, 0 bad, 2 unverified); first: %s", bad, len(lines), first)
	}
	return resets, nil
}

// TestCheckCaptureChecksumsCatchesBadOnes makes sure the tshark check can
// fail: one good packet and one whose TCP checksum is off by one.
func TestCheckCaptureChecksumsCatchesBadOnes(t *testing.T) {
	tshark := requireTshark(t)
	if tshark == "" {
		t.Skip("no tshark")
	}
	seg := wire.Segment{SrcPort: 1, DstPort: 2, Seq: 100, Flags: wire.SYN, Window: 1000}
	ip := wire.IPv4Header{TTL: 64, Src: ourAddr, Dst: kernelAddr}
	good := wire.AppendIPv4TCP(nil, ip, &seg)
	bad := append([]byte(nil), good...)
	bad[wire.IPv4HeaderLen+17]++ // low byte of the TCP checksum

	// negativeZero(src) is a packet from src whose right TCP checksum is
	// 0x0000 but whose field holds 0xffff: with a 2-byte payload equal to
	// the checksum of the packet with a zero payload, the sum comes to
	// 0xffff before the field is added.
	negativeZero := func(src [4]byte, fixPayload bool) []byte {
		seg := wire.Segment{SrcPort: 1, DstPort: 2, Seq: 100, Ack: 5, Flags: wire.ACK, Window: 1000, Payload: []byte{0, 0}}
		ip := wire.IPv4Header{TTL: 64, Src: src, Dst: ourAddr}
		pkt := wire.AppendIPv4TCP(nil, ip, &seg)
		tcpHdr := pkt[wire.IPv4HeaderLen:]
		if fixPayload {
			copy(tcpHdr[len(tcpHdr)-2:], tcpHdr[16:18])
		}
		tcpHdr[16], tcpHdr[17] = 0xff, 0xff
		return pkt
	}

	for _, tc := range []struct {
		name    string
		packets [][]byte
		wantErr bool
	}{
		{"good", [][]byte{good, good}, false},
		{"bad TCP checksum", [][]byte{good, bad}, true},
		{"kernel's 0xffff for 0x0000", [][]byte{good, negativeZero(kernelAddr, true)}, false},
		{"kernel's wrong 0xffff", [][]byte{good, negativeZero(kernelAddr, false)}, true},
		{"our 0xffff for 0x0000", [][]byte{good, negativeZero(ourAddr, true)}, true},
	} {
		path := filepath.Join(t.TempDir(), "c.pcap")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := newPcapWriter(f)
		for _, p := range tc.packets {
			w.WritePacket(time.Unix(1, 0), p)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		err = checkCaptureChecksums(tshark, path, len(tc.packets))
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: checkCaptureChecksums = %v, want error %v", tc.name, err, tc.wantErr)
		}
	}
}
