package presets_test

import (
	"fmt"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/sim"
)

// A preset by name, as "#p=lost-syn" and "tcpsim run lost-syn" find it:
// its scenario runs like any other.
func ExampleLookup() {
	p, ok := presets.Lookup("lost-syn")
	if !ok {
		panic("no such preset")
	}
	sc := p.Scenario()
	tr, err := sim.Run(sc)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Topic, "/", sc.Title.EN)
	fmt.Println(sc.Title.ZH)
	fmt.Println(tr.NumSegments(), "segments")
	// Output:
	// setup / Lost SYN: retransmission with exponential backoff
	// SYN 丢失：指数退避的重传
	// 5 segments
}

// The menu: each topic, then its presets in order.
func ExampleTopics() {
	all := presets.All()
	for _, t := range presets.Topics() {
		n := 0
		for _, p := range all {
			if p.Topic == t.Name {
				n++
			}
		}
		fmt.Printf("%-11s %d  %s / %s\n", t.Name, n, t.Title.EN, t.Title.ZH)
	}
	// Output:
	// setup       6  Connection setup / 连接建立
	// teardown    5  Connection release / 连接释放
	// reliability 5  Reliable delivery / 可靠传输
	// link        3  When the link misbehaves / 链路出错时
	// flow        4  Flow control / 流量控制
	// congestion  4  Congestion control / 拥塞控制
}
