// Package sim is the discrete-event simulator: it runs a scenario — two
// hosts, one or more connections of real tcpcore endpoints, a link in each
// direction, scripted faults and the applications' timelines — over
// virtual time and returns the trace.
//
// # Determinism
//
// Run is single-threaded and a pure function of the scenario. Randomness
// comes from math/rand/v2 PCG streams seeded by the scenario's seed, one
// stream per purpose (each link direction; initial sequence numbers and
// timestamp offsets), so a draw added to one never shifts another.
// Simultaneous events go in a fixed order: application actions first (by
// connection, A before B), then packet arrivals in the order they were
// sent, then timers (by connection, A before B).
//
// # Real bytes
//
// Every segment an endpoint emits is encoded to IPv4+TCP bytes with real
// checksums (wire.AppendIPv4TCP) and the receiving host parses them
// (wire.ParseIPv4TCP) and demultiplexes by address and ports. Corruption,
// by the link or a scripted fault, flips a bit of those bytes; the
// receiver then finds a bad checksum and drops the packet, and the trace
// says so.
//
// # Applications
//
// Each side of each connection runs the scenario's timeline as a
// sequential program (see package scenario). Listen and connect block the
// program until the connection is established or has failed, as accept
// and connect do on a socket. A write hands the endpoint
// as many bytes as its send buffer takes and waits for room for the rest;
// the reader drains everything readable unless the application stopped
// reading. Written bytes are trace.FillPayload's, or the scenario's text.
//
// # Limits
//
// A run that reaches scenario.MaxDuration of simulated time,
// scenario.MaxSegments segments or scenario.MaxEvents trace events stops:
// the trace ends with an End event naming the limit and Run returns a
// *LimitError with it. A run with a duration_ms ends there normally.
package sim
