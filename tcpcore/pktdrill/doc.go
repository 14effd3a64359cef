// Package pktdrill runs test scripts written in packetdrill's syntax against
// one tcpcore/tcp endpoint (the endpoint under test) and a scripted peer.
//
// A script is a text file. Header comments set the endpoint up; each other
// line is an event at a virtual time: a segment the peer injects ("<"), a
// segment the endpoint must emit (">"), an application call, or a check of
// the endpoint's state. The full format is in testdata/README.md; in short:
//
//	// description: passive open, then the peer closes first
//	// profile: rfc
//	// config: mss=1000 sack=off ts=off wscale=off delack=off
//	0    listen(8080) = 0
//	+0   < S 0:0(0) win 65535 <mss 1000>
//	+0   > S. 0:0(0) ack 1 win 65535 <mss 1000>
//	+0.1 < . 1:1(0) ack 1 win 65535
//	+0   state(ESTABLISHED)
//
// # Header comments
//
//	// profile: rfc|linux       tcp.DefaultConfig(tcp.ProfileRFC or ProfileLinux)
//	// config: key=value ...    overrides, applied in order (see below)
//	// iss: N                   our ISS (default 0); outbound numbers are relative to it
//	// peer-iss: N              the peer's ISN (default 0); inbound numbers are relative to it
//	// description: ...         one line saying what the script shows
//	// known-failure: reason    the endpoint fails this correct script today
//	// tail: ignore             allow segments still queued after the last line
//
// Config keys (tcp.Config field): mss (MSS), sndbuf (SendBufferSize), rcvbuf
// (RecvBufferSize), sack, ts (Timestamps), wscale (WindowScale), nodelay,
// delack (DelayedACK) — all on|off —, delacktime (DelayedACKTimeout), cc
// (reno|cubic), recovery (reno|newreno|sack), lt (LimitedTransmit, on|off),
// idle (RestartAfterIdle, on|off), iw (InitialWindow, bytes), initrto,
// minrto, maxrto, synretries, r1, r2, msl, probe (newbyte|oldseq),
// maxpersist, keepalive (on|off), kaidle, kaintvl, kaprobes, tsoffset.
// Durations are seconds ("0.2") or Go durations ("200ms").
//
// # Lines
//
// A line starts with its time: "0.5" (absolute, seconds since the start),
// "+0.1" (after the previous line's time) or "*" (outbound only: whenever the
// segment comes, before the next line with an absolute time, or within a day
// of virtual time if there is none). Virtual time is
// exact: a segment must be emitted at exactly the time its line names.
//
// Segments: flags from "SFRP.EWU" ("." is ACK), "start:end(len)" (payload
// only: SYN and FIN are not counted), "ack N", "win N" (the raw 16-bit
// field, before window scaling) and options "<mss 1460,sackOK,nop,wscale
// 7,TS val 100 ecr 0,sack 1001:2001>". Numbers are relative, as in
// packetdrill: an inbound segment's sequence number to the peer's ISN and
// its ACK and SACK blocks to our ISS; an outbound segment's sequence number
// to our ISS and its ACK and SACK blocks to the peer's ISN. On an outbound
// line, an omitted ack or win is not checked, "<...>" means any options, no
// options means none, and "TS val * ecr 5" leaves a value unchecked.
// Options are compared as a set; nop and eol are ignored. An inbound line
// without win sends 65535. Payload bytes follow one pattern in both
// directions: byte k of a stream is k mod 251, and the runner checks it in
// emitted segments and in what read returns.
//
// Calls: listen(P), connect(P), write(N), read(N), shutdown(), close(),
// abort(), each followed by "= result": a count, 0, or "-1 ERRNO" with
// ERRNO one of ECONNREFUSED, ECONNRESET, ETIMEDOUT, ECONNABORTED, EPIPE
// (ErrClosing), ENOTCONN, EINVAL (ErrInvalidState), or EAGAIN (a read that
// found nothing). A read at end of stream returns 0. connect(P) uses local
// port 40000 and remote port P; listen(P) listens on P and the peer sends from
// port 50000; before either, the peer sends from 50000 to 8080.
//
// Checks read the endpoint and take the expected value as their argument:
// state(ESTABLISHED), err(ECONNREFUSED|set|none), softerr(ERETRANS|set|none)
// ("set" is any error),
// cwnd(N), ssthresh(N), sndwnd(N), rcvwnd(N), queued(N), buffered(N),
// ooo(N), snduna(N), sndnxt(N) (relative to our ISS), rcvnxt(N) (relative
// to the peer's ISN), rto(S), srtt(S), rttvar(S), recovery(on|off),
// timer(rto|delack|persist|keepalive|timewait, off|S) with S the absolute
// time it is due, readable(N), writable(N), sackedcnt(N).
//
// # Running
//
// Between lines the runner advances virtual time, calling HandleTimeout
// whenever NextTimeout falls due (timers due at a line's own time fire
// before that line's action), and drains Poll after every step. Every
// emitted segment must match the next ">" line; an unexpected segment, a
// missing one or a wrong field is a *Failure that names the script file and
// line and shows the expected line and the actual segment in script syntax.
// After the last line nothing more may be sent at that instant unless the
// script says "// tail: ignore".
//
// Run parses and runs a script against a new tcpcore/tcp endpoint;
// Script.Run takes any Endpoint (the runner's own tests use a fake), and
// Script.Trace also returns the transcript of the run. The test TestScripts
// runs every testdata/scripts/**/*.pkt; a script with a "// known-failure:"
// header is expected to fail, and the test says so once it passes.
// "go test -run TestScripts/close/ -v -transcript" logs every event.
package pktdrill
