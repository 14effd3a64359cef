// Package capture writes a simulator trace as a pcap file (tcpcore/pcap:
// LINKTYPE_RAW, nanosecond timestamps that are the run's virtual time), as
// a capture taken at one vantage point would have recorded it:
//
//   - VantageA: every packet as host A's interface sees it: what A sends,
//     at its send time, and what reaches A, at its arrival time. A packet
//     that arrived corrupted is written with the bytes that arrived
//     (trace.AppendArrivedPacket), so Wireshark shows its bad checksum, as
//     tcpdump on the receiver would. Packets the link lost never appear
//     on the receiving side.
//   - VantageB: the same for host B.
//   - VantageLink: every packet as it enters the link, at its send time,
//     before any loss, corruption, duplication or delay: one packet per
//     segment either endpoint sent (a tap between the senders and netem).
//
// A run with several connections gives one file with every connection in
// it, in time order: the connections share the hosts and the link, and
// differ by their ports, so Wireshark's "Follow TCP stream" or a filter
// such as tcp.port == 40001 separates them, as in a real capture of a
// shared bottleneck.
//
// Payload bytes are not stored in the trace; they are regenerated from the
// scenario's filler pattern or text, so the file is exactly what the
// endpoints exchanged, checksums included.
package capture
