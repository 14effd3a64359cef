package tcp

import (
	"encoding/binary"
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// FuzzSegments feeds an endpoint (listening, or connected) arbitrary
// segments — half of them placed relative to its window edges —, user calls
// and timeouts: it must never panic, and its sequence
// spaces must stay ordered (SND.UNA =< SND.NXT =< SND.MAX, buffers within
// their sizes).
func FuzzSegments(f *testing.F) {
	f.Add([]byte{0, 2, 0, 0, 3, 232, 0, 0, 0, 0, 255, 255, 0})
	f.Add([]byte{1, 18, 0, 0, 3, 232, 0, 0, 0, 101, 255, 255, 5, 16, 0, 0, 3, 233, 0, 0, 0, 101, 0, 10, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg := DefaultConfig(ProfileLinux)
		cfg.ISS = ourISS
		cfg.SendBufferSize, cfg.RecvBufferSize = 3000, 3000
		cfg.KeepAlive = true
		e, _ := New(cfg)
		var now time.Duration
		if len(b) > 0 && b[0]&1 == 1 {
			e.Connect(now, ourPort, peerPort)
		} else {
			e.Listen(now, ourPort)
		}
		buf := make([]byte, 500)
		for len(b) >= 12 {
			op := b[0]
			s := wire.Segment{SrcPort: peerPort, DstPort: ourPort,
				Flags:  wire.Flags(b[1]),
				Seq:    seq.Seq(binary.BigEndian.Uint32(b[2:6])),
				Ack:    seq.Seq(binary.BigEndian.Uint32(b[6:10])),
				Window: binary.BigEndian.Uint16(b[10:12])}
			if op&1 != 0 {
				// Near the window edges, where the interesting checks are: the
				// fields become signed offsets from RCV.NXT and SND.UNA, so
				// the fuzzer reaches acceptable segments instead of spending
				// every input on ones the sequence test drops.
				s.Seq = e.rcvNxt.Add(int(int16(binary.BigEndian.Uint16(b[2:4]))))
				s.Ack = e.sndUna.Add(int(int16(binary.BigEndian.Uint16(b[6:8]))))
			}
			n := int(b[12%len(b)]) % 64
			b = b[12:]
			if n <= len(b) {
				s.Payload = b[:n]
			}
			if op&2 != 0 {
				s.Options = wire.Options{MSS: uint16(op) * 8, HasTS: true, TSVal: uint32(op), HasWScale: op&4 != 0, WScale: op % 16, SACKPermitted: true}
			}
			if op&8 != 0 && s.Len() > 0 {
				s.Options.NumSACK = 1
				s.Options.SACK[0] = wire.SACKBlock{Left: s.Ack, Right: s.Ack.Add(int(op))}
			}
			switch op >> 4 {
			case 0, 1, 2, 3, 4, 5, 6, 7:
				e.Handle(now, &s)
			case 8:
				e.Write(now, buf[:int(op)%len(buf)])
			case 9:
				e.Read(now, buf)
			case 10:
				e.Close(now)
			case 11:
				e.Shutdown(now)
			case 12:
				if t, ok := e.NextTimeout(); ok {
					now = max(now, t)
					e.HandleTimeout(now)
				}
			case 13:
				e.Abort(now)
			default:
				now += time.Duration(op) * time.Millisecond
				e.HandleTimeout(now)
			}
			for range 100 {
				if _, ok := e.Poll(now); !ok {
					break
				}
			}
			if e.sndUna.GreaterThan(e.sndNxt) || e.sndNxt.GreaterThan(e.sndMax) {
				t.Fatalf("SND.UNA %d SND.NXT %d SND.MAX %d out of order", e.sndUna, e.sndNxt, e.sndMax)
			}
			if q := e.queued(); q < 0 || q > cfg.SendBufferSize || e.rcv.readable() > cfg.RecvBufferSize {
				t.Fatalf("buffers: send %d, receive %d", q, e.rcv.readable())
			}
		}
	})
}
