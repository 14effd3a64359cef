package link_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"tcpplayground/tcpcore/link"
)

// A 10 Mbit/s bottleneck with a 3-packet queue and 20 ms of propagation
// delay, fed four full-size packets at once: three are queued one
// serialisation time (1.2 ms) apart, the fourth overflows the queue.
func Example() {
	cfg := link.Config{Delay: 20 * time.Millisecond, Rate: 10_000_000, QueueLimit: 3}
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	l := link.New(cfg, rand.New(rand.NewPCG(1, 2)))
	var out link.Outcome
	for range 4 {
		l.Send(0, 1500, &out)
		if out.Dropped() {
			fmt.Println("dropped:", out.Drop)
			continue
		}
		fmt.Println("queue", out.QueueLen, "dequeued", out.Dequeued, "arrives", out.Arrival)
	}
	fmt.Println("queue at 1.2ms:", l.QueueLen(1200*time.Microsecond))
	// Output:
	// queue 1 dequeued 1.2ms arrives 21.2ms
	// queue 2 dequeued 2.4ms arrives 22.4ms
	// queue 3 dequeued 3.6ms arrives 23.6ms
	// dropped: queue overflow
	// queue at 1.2ms: 2
}

func ExampleConfig_Validate() {
	cfg := link.Config{Loss: 1.5}
	fmt.Println(cfg.Validate())
	// Output: link: Loss = 1.5, want 0..1
}
