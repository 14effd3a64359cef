package interop_test

import (
	"testing"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// TestSACKLossDetectionOnLinuxLikeACKs is a scripted reproduction, without
// the kernel, of what the interop captures show Linux sending while our
// segment is lost: ACKs of SND.UNA whose SACK blocks cover three or more
// segments above it, but which (a) also open the window (receive-buffer
// autotuning) or (b) carry data (a bidirectional transfer). RFC 6675 §2
// defines a SACK sender's duplicate ACK by "new SACK information", not by an
// unchanged window, and §5 (2) enters recovery when IsLost(HighACK+1); Linux
// counts SACKed segments whatever else the ACK carries. Regression test: our
// endpoint ignored both kinds and recovered only by RTO (1 s in the RFC
// profile), which made the RFC-profile CUBIC+SACK interop cases take up to
// 47 s (fixed in tcp 8599147).
func TestSACKLossDetectionOnLinuxLikeACKs(t *testing.T) {
	const (
		mss      = 1000
		iss      = seq.Seq(1000)
		peerISS  = seq.Seq(50000)
		ourPort  = 1000
		peerPort = 2000
	)
	tests := []struct {
		name    string
		windows [3]uint16 // the window of each of the three ACKs
		dataLen int       // payload each ACK carries
	}{
		{"pure duplicate ACKs, same window", [3]uint16{60000, 60000, 60000}, 0},
		{"pure ACKs that open the window", [3]uint16{60000, 61000, 62000}, 0},
		{"ACKs that carry data", [3]uint16{60000, 60000, 60000}, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tcp.DefaultConfig(tcp.ProfileRFC)
			cfg.MSS = mss
			cfg.SACK, cfg.Timestamps, cfg.WindowScale = true, false, false
			cfg.Recovery = tcp.RecoverySACK
			cfg.ISS = iss
			ep, err := tcp.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var now time.Duration
			at := func() time.Duration { return now }
			drain := func() []wire.Segment {
				var out []wire.Segment
				for {
					s, ok := ep.Poll(at())
					if !ok {
						return out
					}
					s.Payload = append([]byte(nil), s.Payload...)
					out = append(out, s)
				}
			}
			if err := ep.Connect(at(), ourPort, peerPort); err != nil {
				t.Fatal(err)
			}
			drain()
			now += time.Millisecond
			ep.Handle(at(), &wire.Segment{SrcPort: peerPort, DstPort: ourPort, Seq: peerISS, Ack: iss.Add(1),
				Flags: wire.SYN | wire.ACK, Window: 60000, Options: wire.Options{MSS: mss, SACKPermitted: true}})
			drain()
			if _, err := ep.Write(at(), make([]byte, 20*mss)); err != nil {
				t.Fatal(err)
			}
			var sent []wire.Segment
			for _, s := range drain() {
				if len(s.Payload) > 0 {
					sent = append(sent, s)
				}
			}
			if len(sent) < 4 {
				t.Fatalf("initial window sent %d segments, want at least 4", len(sent))
			}
			// The first segment is lost; the next three arrive and are SACKed.
			peerSeq := peerISS.Add(1)
			for i := range 3 {
				now += 100 * time.Microsecond
				ack := wire.Segment{SrcPort: peerPort, DstPort: ourPort, Seq: peerSeq, Ack: iss.Add(1),
					Flags: wire.ACK, Window: tc.windows[i], Payload: make([]byte, tc.dataLen)}
				ack.Options.SACK[0] = wire.SACKBlock{Left: sent[1].Seq, Right: sent[i+1].End()}
				ack.Options.NumSACK = 1
				peerSeq = peerSeq.Add(tc.dataLen)
				ep.Handle(at(), &ack)
				for _, s := range drain() {
					if s.Seq == sent[0].Seq && len(s.Payload) > 0 {
						return // retransmitted at once: loss detected
					}
				}
			}
			t.Errorf("after 3 ACKs of %d with %d segments SACKed above it, no retransmission of %d (state %v, snapshot %+v)",
				iss.Add(1), 3, sent[0].Seq, ep.State(), ep.Snapshot().Space)
		})
	}
}
