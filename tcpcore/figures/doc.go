// Package figures holds the connection figures of RFC 9293 §3.5 and §3.6 as
// step tables and runs them against tcp.Endpoint: the basic 3-way handshake
// (Figure 6), simultaneous open (Figure 7), recovery from an old duplicate SYN
// (Figure 8), half-open connection discovery (Figure 10), normal close
// (Figure 12) and simultaneous close (Figure 13).
//
// Each table lists, line by line as the RFC draws it, the segments that cross
// between TCP A and TCP B and the states both reach. Every table is run three
// times: with A our endpoint and B played by the table, with B ours and A
// played by the table, and with both ours — so each figure checks both roles.
// The package has no code outside its tests.
package figures
