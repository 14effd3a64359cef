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
	"tcpplayground/tests/internal/pcapfile"
)

// requireTshark finds tshark, which checks every captured packet's
// checksums. Missing under CI is a failure: .ci/run installs it.
func requireTshark(t *testing.T) string {
	t.Helper()
	path, err := osexec.LookPath("tshark")
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatal("tshark not found: install tshark (.ci/run does)")
	}
	t.Skip("tshark not found: apt-get install tshark")
	return ""
}

// checkCaptureChecksums has tshark validate the IPv4 and TCP checksums of
// every packet in the capture, which must hold want packets. Status 1 is
// "good" (2 bad, 0 or empty unverified).
func checkCaptureChecksums(tshark, pcapPath string, want int) error {
	_, err := checkCapture(tshark, pcapPath, want)
	return err
}

// checkCapture is checkCaptureChecksums that also counts the packets with
// RST set.
func checkCapture(tshark, pcapPath string, want int) (resets int, err error) {
	out, err := osexec.Command(tshark, "-r", pcapPath, "-n",
		"-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
		"-T", "fields", "-E", "separator=/t",
		"-e", "frame.number", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
		"-e", "tcp.flags.reset").Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*osexec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		return 0, fmt.Errorf("%v: %s", err, stderr)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	if len(lines) != want {
		return 0, fmt.Errorf("tshark read %d packets from %s, want %d", len(lines), pcapPath, want)
	}
	bad := 0
	var first string
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) == 4 && (f[3] == "1" || f[3] == "True") {
			resets++
		}
		if len(f) != 4 || f[1] != "1" || f[2] != "1" {
			if bad == 0 {
				first = line
			}
			bad++
		}
	}
	if bad > 0 {
		return resets, fmt.Errorf("%d of %d packets without good IPv4 and TCP checksums (frame, ip, tcp status, rst: %q)", bad, len(lines), first)
	}
	return resets, nil
}

// TestCheckCaptureChecksumsCatchesBadOnes makes sure the tshark check can
// fail: one good packet and one whose TCP checksum is off by one.
func TestCheckCaptureChecksumsCatchesBadOnes(t *testing.T) {
	tshark := requireTshark(t)
	seg := wire.Segment{SrcPort: 1, DstPort: 2, Seq: 100, Flags: wire.SYN, Window: 1000}
	ip := wire.IPv4Header{TTL: 64, Src: ourAddr, Dst: kernelAddr}
	good := wire.AppendIPv4TCP(nil, ip, &seg)
	bad := append([]byte(nil), good...)
	bad[wire.IPv4HeaderLen+17]++ // low byte of the TCP checksum

	for _, tc := range []struct {
		name    string
		packets [][]byte
		wantErr bool
	}{
		{"good", [][]byte{good, good}, false},
		{"bad TCP checksum", [][]byte{good, bad}, true},
	} {
		path := filepath.Join(t.TempDir(), "c.pcap")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := pcapfile.NewWriter(f)
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
