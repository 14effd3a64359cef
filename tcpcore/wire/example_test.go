package wire_test

import (
	"errors"
	"fmt"

	"tcpplayground/tcpcore/wire"
)

func Example() {
	ip := wire.IPv4Header{DontFragment: true, TTL: wire.DefaultTTL,
		Src: [4]byte{10, 0, 0, 2}, Dst: [4]byte{10, 0, 0, 1}}
	syn := wire.Segment{SrcPort: 40000, DstPort: 8080, Seq: 1000, Flags: wire.SYN, Window: 65535,
		Options: wire.Options{MSS: 1460, SACKPermitted: true, HasTS: true, TSVal: 1, HasWScale: true, WScale: 7}}

	pkt := wire.AppendIPv4TCP(nil, ip, &syn)
	fmt.Println(len(pkt), "bytes")

	_, got, err := wire.ParseIPv4TCP(pkt)
	fmt.Println(got, err)

	pkt[len(pkt)-1] ^= 1 // corrupt the window scale
	_, got, err = wire.ParseIPv4TCP(pkt)
	fmt.Println(errors.Is(err, wire.ErrBadChecksum), got.Options.WScale)
	// Output:
	// 60 bytes
	// S 1000:1000(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7> <nil>
	// true 6
}
