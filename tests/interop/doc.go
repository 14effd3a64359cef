// Package interop runs tcpcore's TCP endpoint against the Linux kernel's TCP.
//
// The very same tcpcore/tcp Endpoint that the simulator and the page drive is
// driven here over a TUN device inside a throwaway network namespace: the
// test reads the kernel's IPv4 packets from the TUN, parses them with
// tcpcore/wire, feeds them to Handle with the monotonic time since the test
// began, drains Poll, encodes what the endpoint sends (real checksums: the
// kernel checks them) and writes it back, sleeping until the endpoint's next
// timer or the next packet. The peer is a real kernel socket: the test binary
// re-executes itself inside the namespace (ip netns exec …, with the peer's
// role in the environment, which TestMain dispatches on) as a small Go
// program that listens or connects with the net package.
//
// Each case moves 8 MB each way at once over one connection, with seeded loss
// (1 %) and reordering (1 %, a packet held back behind the next one) injected
// by the driver in both directions (at least one of each per direction: the
// 30th and 40th packets are held back and dropped if the draws have not yet
// done so), for each profile (RFC, Linux) with Reno
// and NewReno and with CUBIC and SACK, plus Reno with plain RFC 5681
// recovery, CUBIC with NewReno and Reno with SACK, each once with our
// endpoint connecting and once with it listening. The kernel's sysctls are
// pinned inside the namespace (SACK, timestamps and window scaling on, ECN
// off) and its socket uses CUBIC. A case takes 1–15 s, the whole package
// about a minute. TestInteropZeroWindow then stalls each side's reading
// application for 1.5 s so that the window closes: our endpoint must probe
// the kernel's zero window, and advertise, hold and reopen its own. It
// proves that:
//
//   - our handshake, options (MSS, SACK-permitted, timestamps, window scale)
//     and checksums are accepted by Linux, in both roles;
//   - both byte streams arrive intact (SHA-256 checked on both sides) through
//     loss and reordering, so retransmission, recovery and reassembly work
//     against a peer we did not write;
//   - both sides close cleanly: our endpoint ends in CLOSED (through
//     TIME-WAIT, which must last 2·MSL, with a short MSL) with no error, the
//     kernel reads EOF and its Close succeeds, and no RST is ever sent;
//   - our endpoint never sends data past the right edge of the windows the
//     kernel offered (window scaling applied as negotiated);
//   - every packet that crossed the TUN, ours and the kernel's, has a good
//     IPv4 and TCP checksum according to tshark.
//
// Run it as root (it creates namespaces and TUN devices):
//
//	sudo go test ./tests/interop
//	sudo go test ./tests/interop -run 'Interop/Linux' -v
//
// Without root it is skipped, except under CI (CI set), where a skip would
// hide a failure and so fails instead. tshark checks the captures; it must be
// installed under CI (.ci/run installs it), elsewhere the check is left out
// with a note.
//
// Debugging: INTEROP_SEED=n changes the loss and reordering draws (a run is
// not exactly replayable: the kernel's timing varies). A failed case prints
// the endpoint's Snapshot, the driver's counters and the endpoint's last
// events, and keeps its pcap under tests/artifacts/ (git-ignored);
// INTEROP_KEEP=1 keeps every case's pcap, and INTEROP_EVENTS=1 also writes
// every endpoint event and every drop and hold of the driver there.
//
// TestSACKLossDetectionOnLinuxLikeACKs replays, without the kernel, an ACK
// pattern these captures showed our SACK recovery missing (now fixed).
package interop
