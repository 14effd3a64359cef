// Package pcapfile writes a classic pcap file of raw IPv4 packets
// (LINKTYPE_RAW, 101) with nanosecond timestamps (magic 0xa1b23c4d), the same
// link type as a capture on a TUN device, so tshark and Wireshark open what a
// test saw. It is a small test helper; tcpcore gets its own pcap package.
package pcapfile
