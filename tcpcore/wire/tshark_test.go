// tshark runs as a subprocess, which js/wasm cannot start: this oracle runs
// natively only (tests/run runs it; a skip there is a failure).

//go:build !js

package wire

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"tcpplayground/tcpcore/internal/tshark"
	"testing"
)

// TestTsharkReadsOurPackets is an outside oracle: Wireshark's dissector
// (tshark, when installed) must find both checksums good and read back the
// options we wrote. Skipped without tshark or with -short.
func TestTsharkReadsOurPackets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tshark")
	}
	tsharkPath := tshark.Path(t)
	ip := IPv4Header{DontFragment: true, TTL: DefaultTTL, Src: testSrc, Dst: testDst}
	segs := []Segment{
		{SrcPort: 40000, DstPort: 8080, Seq: 0xfffffff0, Flags: SYN, Window: 64240,
			Options: Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 100, HasWScale: true, WScale: 10}},
		{SrcPort: 40000, DstPort: 8080, Seq: 0xfffffff1, Ack: 5001, Flags: PSH | ACK, Window: 502,
			Options: Options{HasTS: true, TSVal: 101, TSEcr: 7}, Payload: []byte("odd length payload!")},
		{SrcPort: 40000, DstPort: 8080, Seq: 19, Ack: 5001, Flags: ACK | ECE, Window: 502,
			Options: Options{HasTS: true, TSVal: 102, TSEcr: 8, NumSACK: 3,
				SACK: [MaxSACKBlocks]SACKBlock{{6001, 7001}, {8001, 9001}, {10001, 11001}}}},
		{SrcPort: 40000, DstPort: 8080, Seq: 19, Ack: 5001, Flags: FIN | ACK, Window: 502,
			Options: Options{SACKPermitted: true, HasWScale: true, WScale: 3, NumSACK: 1,
				SACK: [MaxSACKBlocks]SACKBlock{{1, 2}}}},
	}
	// A LINKTYPE_RAW pcap (TCP-REFERENCE.md), microsecond timestamps.
	pcap := binary.LittleEndian.AppendUint32(nil, 0xa1b2c3d4)
	pcap = binary.LittleEndian.AppendUint16(pcap, 2)
	pcap = binary.LittleEndian.AppendUint16(pcap, 4)
	pcap = append(pcap, make([]byte, 8)...)
	pcap = binary.LittleEndian.AppendUint32(pcap, 65535)
	pcap = binary.LittleEndian.AppendUint32(pcap, 101)
	for i := range segs {
		pkt := AppendIPv4TCP(nil, ip, &segs[i])
		pcap = binary.LittleEndian.AppendUint32(pcap, uint32(i))
		pcap = binary.LittleEndian.AppendUint32(pcap, 0)
		pcap = binary.LittleEndian.AppendUint32(pcap, uint32(len(pkt)))
		pcap = binary.LittleEndian.AppendUint32(pcap, uint32(len(pkt)))
		pcap = append(pcap, pkt...)
	}
	path := filepath.Join(t.TempDir(), "wire.pcap")
	if err := os.WriteFile(path, pcap, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tsharkPath, "-r", path, "-n",
		"-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
		"-o", "tcp.relative_sequence_numbers:FALSE",
		"-T", "fields", "-E", "separator=|", "-E", "aggregator=,",
		"-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "tcp.flags",
		"-e", "tcp.seq", "-e", "tcp.len", "-e", "tcp.options.mss_val", "-e", "tcp.options.wscale.shift",
		"-e", "tcp.options.sack_perm", "-e", "tcp.options.timestamp.tsval", "-e", "tcp.options.timestamp.tsecr",
		"-e", "tcp.options.sack_le", "-e", "tcp.options.sack_re",
	).Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	want := []string{
		"1|1|0x0002|4294967280|0|1460|10|0402|100|0||",
		"1|1|0x0018|4294967281|19||||101|7||",
		"1|1|0x0050|19|0||||102|8|6001,8001,10001|7001,9001,11001",
		"1|1|0x0011|19|0||3|0402|||1|2",
	}
	if len(lines) != len(want) {
		t.Fatalf("tshark printed %d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("tshark on %v:\n got %s\nwant %s", segs[i], lines[i], want[i])
		}
	}
}
