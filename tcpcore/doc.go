// Package tcpcore is the root of TCP Playground's pure-Go core: the TCP
// endpoint, its wire format, congestion control, and (later) the link model,
// simulator, trace, analysis, narration and pcap writer.
//
// Everything under tcpcore imports the standard library only, never reads a
// clock, never starts a goroutine and never touches syscall/js, so the same
// code runs natively, under WebAssembly in a browser, and against the Linux
// kernel over a TUN device, and gives byte-identical results in each.
package tcpcore
