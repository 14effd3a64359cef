//go:build linux

package interop_test

import (
	"testing"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/tcp"
)

// TestInteropZeroWindow closes the receive window on purpose, each way, and
// checks that the connection survives it against Linux (RFC 9293 §3.8.6.1):
//
//   - the kernel's application stops reading for 1.5 s with a small socket
//     buffer: its window closes, our endpoint must probe it (persist timer)
//     and never give up while the probes are answered, then go on;
//   - our application stops reading for 1.5 s with a 64 KB buffer: we must
//     advertise a zero window, answer Linux's probes, and open the window
//     again (a window update) once the application reads.
//
// 2 MB one way, with the same loss and reordering as TestInterop.
func TestInteropZeroWindow(t *testing.T) {
	requireRoot(t)
	tshark := requireTshark(t)
	seed := baseSeed(t)
	linux := variant{"Linux/CUBIC+SACK", tcp.ProfileLinux, cc.CUBIC, tcp.RecoverySACK, true}
	const size = 2 << 20
	pause := 1500 * time.Millisecond

	t.Run("KernelReceiverStalls", func(t *testing.T) {
		runBulk(t, tshark, bulkCase{variant: linux, weConnect: true, seed: seed*1000 + 901,
			ourSend: size, kernelRcvBuf: 16 << 10, kernelPause: "262144," + pause.String(),
			check: func(t *testing.T, d *driver) {
				if n := d.sentBy[tcp.SendZeroWindowProbe]; n == 0 {
					t.Errorf("our endpoint sent no zero-window probe while the kernel's window was closed for %v", pause)
				}
			}})
	})
	t.Run("OurReceiverStalls", func(t *testing.T) {
		runBulk(t, tshark, bulkCase{variant: linux, weConnect: false, seed: seed*1000 + 902,
			kernelSend: size, recvBuffer: 64 << 10, ourPause: readPause{After: 256 << 10, For: pause},
			check: func(t *testing.T, d *driver) {
				if d.stats.ZeroWindowsSent == 0 {
					t.Errorf("our endpoint never advertised a zero window while its application did not read for %v", pause)
				}
				if d.sentBy[tcp.SendWindowUpdate] == 0 {
					t.Errorf("our endpoint sent no window update when its application read again")
				}
			}})
	})
}
