package narrate_test

import (
	"fmt"
	"os"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
)

// Narrate the first segment of a run, the SYN, in both languages.
func ExampleEvent() {
	data, err := os.ReadFile("../sim/testdata/handshake.json")
	if err != nil {
		panic(err)
	}
	sc, err := scenario.Decode(data)
	if err != nil {
		panic(err)
	}
	tr, err := sim.Run(sc)
	if err != nil {
		panic(err)
	}
	const syn = 3 // after A's state change, connect call and RTO timer
	fmt.Println(tr.Format(syn))
	fmt.Println(narrate.Event(tr, syn, narrate.English))
	fmt.Println(narrate.Event(tr, syn, narrate.Chinese))
	// Output:
	// 0.000000 A>B S 0:0(0) win 65535 <mss 1460,sackOK,TS val 4169498210 ecr 0,nop,wscale 1> #0 [SYN]
	// A sends a SYN with sequence number 0: it asks B to open a connection and proposes MSS 1460, SACK, timestamps and window scaling (×2).
	// A 发送 SYN 报文段，序号为 0：请求与 B 建立连接，并提议 MSS 为 1460、使用 SACK、时间戳选项和窗口扩大选项（扩大因子 2）。
}
