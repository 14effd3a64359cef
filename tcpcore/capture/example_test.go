package capture_test

import (
	"bytes"
	"fmt"
	"os"

	"tcpplayground/tcpcore/capture"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/sim"
)

// A run's packets from each vantage: the link sees every segment sent;
// A and B each see what they sent and what reached them (the faults
// scenario of the simulator's golden tests).
func ExampleWrite() {
	data, err := os.ReadFile("../sim/testdata/faults.json")
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
	for _, v := range []capture.Vantage{capture.VantageLink, capture.VantageA, capture.VantageB} {
		var file bytes.Buffer // or an *os.File, through a bufio.Writer
		n, err := capture.Write(&file, tr, v)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-4v %d packets\n", v, n)
	}
	// The SYN-ACK B sent was dropped on the link: A never sees it. The
	// corrupted data segment reaches B with a bad checksum, and the
	// duplicated FIN reaches B twice.

	// Output:
	// link 17 packets
	// A    16 packets
	// B    18 packets
}
