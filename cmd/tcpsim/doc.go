// Command tcpsim runs TCP Playground scenarios from the command line, for
// engineers and scripts: the same simulator the page runs (tcpcore/sim),
// with the trace printed as text or JSON lines, optionally narrated in
// English or Chinese (tcpcore/narrate), and the packets written as a pcap
// file for Wireshark (tcpcore/capture).
//
//	tcpsim run [flags] PRESET|FILE.json|-   simulate and print the trace
//	tcpsim check PRESET|FILE.json|-         validate a scenario; prints "ok"
//	tcpsim presets [-lang en|zh]            list the built-in presets (tcpcore/presets)
//
// Exit status: 0 on success, 2 for an invalid scenario (the message names
// the JSON path) or a usage error, 1 for anything else (an unreadable file,
// a run stopped by a hard limit, a pcap that could not be written).
// Errors go to standard error; `tcpsim --help` documents every flag.
//
// main only hands os.Args, the standard streams and the exit status to run,
// which the tests call in-process.
package main
