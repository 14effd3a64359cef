//go:build linux

package interop_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
	"tcpplayground/tests/internal/tun"
)

// TestPlumbingSYNToKernelListener checks everything but the endpoint: a SYN
// encoded by tcpcore/wire with every option we offer reaches a listening
// kernel socket through the TUN, and the kernel's SYN-ACK comes back, parses
// with good checksums, and answers each option (RFC 7323, RFC 2018). The
// capture of the exchange passes tshark's checksum check.
func TestPlumbingSYNToKernelListener(t *testing.T) {
	requireRoot(t)
	tshark := requireTshark(t)
	dev := tun.New(t, "tcpinterop", nil)
	deadline := time.Now().Add(20 * time.Second)
	startKernelPeer(t, dev, peerSpec{role: "listen", addr: fmt.Sprintf("%s:%d", tun.KernelAddr, kernelPort),
		sendSeed: 1, sendLen: 0, wantSHA: streamDigest(2, 0), deadline: deadline})

	pcapPath := filepath.Join(t.TempDir(), "syn.pcap")
	file, err := os.Create(pcapPath)
	if err != nil {
		t.Fatal(err)
	}
	pw, err := newPcapWriter(file)
	if err != nil {
		t.Fatal(err)
	}
	packets := 0
	send := func(seg wire.Segment) {
		t.Helper()
		ip := wire.IPv4Header{ID: uint16(packets), DontFragment: true, TTL: wire.DefaultTTL, Src: ourAddr, Dst: kernelAddr}
		pkt := wire.AppendIPv4TCP(nil, ip, &seg)
		pw.WritePacket(time.Now(), pkt)
		packets++
		if err := dev.WritePacket(pkt); err != nil {
			t.Fatal(err)
		}
	}

	const iss = seq.Seq(0xfffffff0) // wraps during the exchange
	const tsVal = 123456
	send(wire.Segment{SrcPort: 40000, DstPort: kernelPort, Seq: iss, Flags: wire.SYN, Window: 65535,
		Options: wire.Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: tsVal, HasWScale: true, WScale: 7}})

	buf := make([]byte, 65536)
	var synack wire.Segment
	for {
		n, err := dev.ReadPacket(buf, deadline)
		if err != nil {
			t.Fatalf("no SYN-ACK from the kernel: %v", err)
		}
		pw.WritePacket(time.Now(), buf[:n])
		packets++
		ip, seg, err := wire.ParseIPv4TCP(buf[:n])
		if err != nil {
			t.Fatalf("ParseIPv4TCP(kernel's packet) = %v\n% x", err, buf[:n])
		}
		if ip.Src != kernelAddr || seg.SrcPort != kernelPort {
			continue
		}
		synack = seg
		break
	}
	if synack.Flags != wire.SYN|wire.ACK || synack.Ack != iss.Add(1) {
		t.Errorf("kernel answered %v, want SYN|ACK with ack %d", synack, iss.Add(1))
	}
	o := synack.Options
	if o.MSS == 0 || !o.SACKPermitted || !o.HasTS || o.TSEcr != tsVal || !o.HasWScale {
		t.Errorf("SYN-ACK options %+v, want MSS, SACK-permitted, timestamps echoing %d and window scale", o, tsVal)
	}
	// Complete the handshake and then reset, so the kernel's socket ends
	// at once instead of retransmitting its SYN-ACK.
	send(wire.Segment{SrcPort: 40000, DstPort: kernelPort, Seq: iss.Add(1), Ack: synack.Seq.Add(1), Flags: wire.ACK,
		Window: 512, Options: wire.Options{HasTS: true, TSVal: tsVal + 1, TSEcr: o.TSVal}})
	send(wire.Segment{SrcPort: 40000, DstPort: kernelPort, Seq: iss.Add(1), Flags: wire.RST})

	if err := pw.Flush(); err != nil {
		t.Fatal(err)
	}
	file.Close()
	if tshark == "" {
		return
	}
	if resets, err := checkCapture(tshark, pcapPath, packets); err != nil {
		t.Errorf("tshark: %v", err)
	} else if resets["10.0.0.2"] != 1 || resets[tun.KernelAddr] != 0 {
		t.Errorf("tshark counted RST segments %v, want our 1 only", resets)
	}
}
