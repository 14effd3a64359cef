// WebAssembly cannot start processes, so the tshark oracle runs natively only.

//go:build !js && !wasip1

package pcap

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"tcpplayground/tcpcore/internal/tshark"
	"testing"
	"time"

	"tcpplayground/tcpcore/wire"
)

// TestTsharkReadsWriterOutput writes a handshake and a data segment built
// by wire.AppendIPv4TCP and checks that tshark sees every packet at its
// virtual time, with a good TCP checksum (status 1), except the one packet
// whose payload byte was flipped after the checksum was computed (status 0,
// bad).
func TestTsharkReadsWriterOutput(t *testing.T) {
	tshark := tshark.Path(t)
	a := wire.IPv4Header{TTL: 64, DontFragment: true, Src: [4]byte{10, 0, 0, 1}, Dst: [4]byte{10, 0, 0, 2}}
	b := wire.IPv4Header{TTL: 64, DontFragment: true, Src: a.Dst, Dst: a.Src}
	packets := []struct {
		t       time.Duration
		ip      wire.IPv4Header
		seg     wire.Segment
		corrupt bool
	}{
		{0, a, wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 65535,
			Options: wire.Options{MSS: 1460, SACKPermitted: true}}, false},
		{10*time.Millisecond + 1, b, wire.Segment{SrcPort: 80, DstPort: 40000, Seq: 5000, Ack: 1001,
			Flags: wire.SYN | wire.ACK, Window: 65535, Options: wire.Options{MSS: 1460}}, false},
		{20*time.Millisecond + 2, a, wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1001, Ack: 5001,
			Flags: wire.ACK, Window: 65535}, false},
		{20*time.Millisecond + 3, a, wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1001, Ack: 5001,
			Flags: wire.ACK | wire.PSH, Window: 65535, Payload: []byte("hello, tshark")}, false},
		{1*time.Second + 999999999, a, wire.Segment{SrcPort: 40000, DstPort: 80, Seq: 1014, Ack: 5001,
			Flags: wire.ACK | wire.PSH, Window: 65535, Payload: []byte("flipped")}, true},
	}
	var file bytes.Buffer
	w, err := NewWriter(&file)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packets {
		pkt := wire.AppendIPv4TCP(nil, p.ip, &p.seg)
		if p.corrupt {
			pkt[len(pkt)-1] ^= 0x01 // the TCP checksum no longer matches
		}
		if err := w.WritePacket(p.t, pkt); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "run.pcap")
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(tshark, "-n", "-r", path, "-T", "fields", "-E", "separator=/t",
		"-e", "frame.time_epoch", "-e", "ip.src", "-e", "tcp.srcport", "-e", "tcp.checksum.status",
		"-o", "tcp.check_checksum:TRUE")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // no user profile, no stale preferences
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(packets) {
		t.Fatalf("tshark printed %d lines, want %d:\n%s", len(lines), len(packets), out)
	}
	for i, p := range packets {
		fields := strings.Split(lines[i], "\t")
		if len(fields) != 4 {
			t.Errorf("packet %d: tshark printed %q, want 4 fields", i+1, lines[i])
			continue
		}
		if got, err := parseEpoch(fields[0]); err != nil || got != p.t {
			t.Errorf("packet %d: frame.time_epoch = %q (%v), want %v", i+1, fields[0], got, p.t)
		}
		if want := ipString(p.ip.Src); fields[1] != want {
			t.Errorf("packet %d: ip.src = %q, want %q", i+1, fields[1], want)
		}
		if want := strconv.Itoa(int(p.seg.SrcPort)); fields[2] != want {
			t.Errorf("packet %d: tcp.srcport = %q, want %q", i+1, fields[2], want)
		}
		// Wireshark's proto_checksum_enum_e: 0 bad, 1 good, 2 unverified
		// (not 2 for bad: a test that expected 2 would pass on an
		// unverified checksum, which is what tshark reports when
		// validation is off).
		want := "1"
		if p.corrupt {
			want = "0"
		}
		if fields[3] != want {
			t.Errorf("packet %d: tcp.checksum.status = %q, want %q", i+1, fields[3], want)
		}
	}
}

// parseEpoch parses tshark's frame.time_epoch ("1.999999999") exactly,
// without a detour through float64.
func parseEpoch(s string) (time.Duration, error) {
	whole, frac, _ := strings.Cut(s, ".")
	sec, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, err
	}
	frac = (frac + "000000000")[:9]
	ns, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, err
	}
	return time.Duration(sec)*time.Second + time.Duration(ns), nil
}

func ipString(a [4]byte) string {
	return strconv.Itoa(int(a[0])) + "." + strconv.Itoa(int(a[1])) + "." + strconv.Itoa(int(a[2])) + "." + strconv.Itoa(int(a[3]))
}
