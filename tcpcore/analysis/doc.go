// Package analysis names what happened to each segment of a trace the way
// Wireshark's TCP analysis does ("TCP Dup ACK 12#2", "TCP Fast
// Retransmission", …), and says over time what limited each sender: its
// congestion window, the receiver's window, the application or the link.
//
// # Labels depend on a vantage point
//
// Wireshark's labels are inferences from one capture point, not facts
// about the connection (TCP-REFERENCE.md §2): a segment lost before the
// capture point shows as "previous segment not captured" there and as a
// retransmission after it; a fast retransmission needs two duplicate ACKs
// seen at the capture point within 20 ms. Label therefore replays the
// packets visible at a Vantage — host A's interface, host B's, or the
// bottleneck's exit — in the order that point sees them, and applies
// Wireshark 4.0's rules (epan/dissectors/packet-tcp.c,
// tcp_analyze_sequence_number) to them. The trace gives exact inputs
// where Wireshark has to guess: the true window scale of each side, and
// which packets a capture at that point would hold. Where the trace's
// ground truth says something else (a "retransmission" that was really a
// reordered original, a keep-alive that was a zero-window probe), the
// ground truth is in the trace's send reasons and receive outcomes; the
// labels deliberately say what Wireshark would show, so that the page and
// a pcap opened in Wireshark agree.
//
// # The labels, per segment sent in direction fwd (rev is the other)
//
// Checked in this order; nextseq is the highest SEQ+LEN (SYN and FIN count
// one) seen in a direction, lastack and window that direction's last ACK
// and window field:
//
//   - ZeroWindowProbe: 1 byte at fwd.nextseq while rev's window is 0. It
//     ends the checks except the retransmission ones.
//   - ZeroWindow: window field 0 on a segment without SYN, FIN or RST.
//   - LostSegment ("previous segment not captured"): SEQ beyond
//     fwd.nextseq, no RST.
//   - KeepAlive: at most 1 byte at fwd.nextseq−1, no SYN/FIN/RST (Linux's
//     zero-window probe, SEQ = SND.UNA−1 without data, is one).
//   - WindowUpdate: no data, window ≠ 0 and changed, SEQ = fwd.nextseq,
//     ACK = fwd.lastack.
//   - WindowFull: data ending exactly at rev.lastack + rev's window.
//   - KeepAliveAck / ZeroWindowProbeAck: a pure ACK with the same window
//     and ACK as before (window 0 for the probe's), answering a segment
//     labelled KeepAlive / ZeroWindowProbe.
//   - DupAck #n: a pure ACK with the same window (RFC 5681 §2's duplicate
//     ACK as a capture sees it), SEQ = fwd.nextseq, ACK = fwd.lastack; n
//     counts them since the ACK number last changed, at frame DupOfFrame.
//   - AckLostSegment ("ACKed unseen segment"): ACK beyond the highest
//     contiguous byte rev was seen sending (reported once per gap).
//   - For data, SYN or FIN below fwd.nextseq: SpuriousRetransmission
//     if everything it carries was already acknowledged (checked first);
//     FastRetransmission if rev had ≥ 2 dup ACKs for exactly this SEQ,
//     the last < 20 ms ago; OutOfOrder if it comes less than the first RTT
//     after fwd.nextseq last advanced and does not end at it;
//     Retransmission otherwise. The first RTT (Wireshark's
//     tcp.analysis.initial_rtt) runs from the latest SYN to the ACK that
//     completes the handshake at the capture point; 3 ms if unknown, and
//     a SYN at time 0 counts as unknown, as in Wireshark — so at the
//     client's own interface, where the capture starts with the SYN, the
//     threshold is 3 ms. Fast and spurious retransmissions also set
//     Retransmission, as Wireshark's fields do.
//   - Reset: the RST flag (Wireshark's "Connection reset" expert note).
//
// # Agreement with tshark, and with the truth
//
// The oracle test writes a pcap per vantage and runs tshark 4.0.17 on
// it: on every scenario of tcpcore/sim/testdata and testdata/, on every
// preset (tcpcore/presets) and on the hand-built table, every
// tcp.analysis flag and every dup-ACK number and frame agree at all three
// vantages. The only addition is Reset, which
// Wireshark reports as an expert note rather than an analysis flag.
//
// Where the labels and the truth legitimately differ (GroundTruth gives
// the truth for every sent segment):
//
//   - A fast retransmission sent within the first RTT of the newest
//     data reads "Out-Of-Order"; one sent more than 20 ms after the last
//     dup ACK, or after too few dup ACKs seen here, reads "Retransmission".
//   - A retransmission whose original was only delayed (reordering)
//     reads "Retransmission" at the sender; "Spurious" appears only once
//     the capture has seen the original acknowledged.
//   - Loss before the capture point reads "Previous segment not captured"
//     and "ACKed unseen segment"; loss after it reads as retransmissions.
//   - Linux-style zero-window probes (SEQ = SND.UNA−1, no data, the
//     "old_seq" probe style) read "Keep-Alive"; only a 1-byte probe of new
//     data ("new_byte") reads "ZeroWindowProbe".
//   - A window update that also acknowledges data is a plain ACK to
//     Wireshark; an ACK that only changes the window is a Window Update
//     even if the endpoint sent it for another reason.
//   - Corrupted packets a host dropped are analysed with the header as
//     sent; tshark reads the arrived bytes, so a flipped header bit could
//     make them differ (the scenarios here flip payload bits).
//
// # What limits a sender
//
// Limits gives, per connection and direction, a step function of time.
// It is evaluated at every instant the sender's state or its direction's
// bottleneck queue changes, from the sender's last sequence spaces
// (flight = SND.NXT − SND.UNA, unsent = SendQueued − flight, the peer's
// window SND.WND) and congestion window:
//
//   - App: nothing written is waiting to be sent (unsent ≤ 0), or the
//     windows allow the next segment and the sender still holds it (Nagle
//     waits for more data).
//   - Link: data waits and packets of this direction are queued at the
//     bottleneck (they leave later than they arrived): the link sends all
//     the time, so its rate is what limits, whatever the windows.
//   - Rwnd: the peer's window leaves less than the next segment
//     (min(unsent, SMSS)) and is no larger than cwnd.
//   - Cwnd: cwnd leaves less than the next segment and is smaller than
//     the peer's window.
//   - Closed: before ESTABLISHED (the handshake), and in CLOSED or
//     TIME-WAIT.
//
// flight counts SND.NXT − SND.UNA, not RFC 6675's pipe: during SACK
// recovery, bytes the receiver holds still count, so cwnd-limited
// stretches there are approximate.
//
// Before the first congestion-control event (the controller reports cwnd
// when it changes) cwnd is taken as the most the sender has had in
// flight: it sends all its initial window allows at once.
package analysis
