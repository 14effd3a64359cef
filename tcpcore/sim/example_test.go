package sim_test

import (
	"fmt"
	"strings"

	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

func ExampleRun() {
	sc, err := scenario.Decode([]byte(`{
	  "version": 1,
	  "title": {"en": "Handshake", "zh": "三次握手"},
	  "seed": 1,
	  "link": {"a_to_b": {"delay_ms": 10}, "b_to_a": {"delay_ms": 10}},
	  "connections": [{
	    "a": {"port": 40000, "timestamps": false},
	    "b": {"port": 80, "timestamps": false},
	    "timeline": [
	      {"at_ms": 0, "side": "B", "action": "listen"},
	      {"at_ms": 0, "side": "A", "action": "connect"}
	    ]
	  }]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	tr, err := sim.Run(sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, e := range tr.Events() {
		if e.Kind == trace.Sent || e.Kind == trace.Received {
			fmt.Println(tr.Format(i))
		}
	}
	fmt.Println(strings.TrimSpace(tr.Format(tr.Len() - 1)))
	// Output:
	// 0.000000 A>B S 0:0(0) win 65535 <mss 1460,nop,nop,sackOK,nop,wscale 1> #0 [SYN]
	// 0.010000 B<A S 0:0(0) win 65535 <mss 1460,nop,nop,sackOK,nop,wscale 1> #0 [accepted]
	// 0.010000 B>A S. 0:0(0) ack 1 win 65535 <mss 1460,nop,nop,sackOK,nop,wscale 1> #1 [SYN-ACK]
	// 0.020000 A<B S. 0:0(0) ack 1 win 65535 <mss 1460,nop,nop,sackOK,nop,wscale 1> #1 [accepted]
	// 0.020000 A>B . 1:1(0) ack 1 win 32767 #2 [immediate ACK]
	// 0.030000 B<A . 1:1(0) ack 1 win 32767 #2 [ACK]
	// 0.030000 end (quiet)
}
