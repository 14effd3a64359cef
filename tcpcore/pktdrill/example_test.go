package pktdrill_test

import (
	"fmt"
	"strings"

	"tcpplayground/tcpcore/pktdrill"
)

func ExampleRun() {
	script := `// description: passive open, then 100 bytes from the peer
// profile: rfc
// config: mss=1000 sack=off ts=off wscale=off delack=off nodelay=on rcvbuf=65535
0    listen(8080) = 0
+0   < S 0:0(0) win 65535 <mss 1000>
+0   > S. 0:0(0) ack 1 win 65535 <mss 1000>
+0.1 < . 1:1(0) ack 1 win 65535
+0.1 < P. 1:101(100) ack 1 win 65535
+0   > . 1:1(0) ack 101 win 65435
+0   read(1000) = 100
`
	err := pktdrill.Run(strings.NewReader(script), "example.pkt")
	fmt.Println(err)

	// The same script expecting the wrong ACK number fails, showing both.
	err = pktdrill.Run(strings.NewReader(strings.Replace(script, "ack 101 win", "ack 102 win", 1)), "example.pkt")
	fmt.Println(strings.Split(err.Error(), "\n\ttranscript")[0])
	// Output:
	// <nil>
	// example.pkt:9: segment differs: ack 101, want 102
	// 	script: +0   > . 1:1(0) ack 102 win 65435
	// 	actual: 0.200 > . 1:1(0) ack 101 win 65435
}
