package pktdrill

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"tcpplayground/tcpcore/tcp"
)

// The ports of the scripted connection: connect(P) uses local port
// LocalConnectPort and remote port P; listen(P) uses local port P, and the
// scripted peer sends from PeerPort. Before either call (a segment sent to a
// CLOSED endpoint) the peer writes from PeerPort to DefaultListenPort.
const (
	LocalConnectPort  = 40000
	PeerPort          = 50000
	DefaultListenPort = 8080
)

// errnoByName maps the error names scripts write to the endpoint's errors.
// EAGAIN is a read that found nothing: (0, nil).
var errnoByName = map[string]error{
	"ECONNREFUSED": tcp.ErrConnectionRefused,
	"ECONNRESET":   tcp.ErrConnectionReset,
	"ETIMEDOUT":    tcp.ErrTimedOut,
	"ECONNABORTED": tcp.ErrAborted,
	"EPIPE":        tcp.ErrClosing,
	"ENOTCONN":     tcp.ErrNotConnected,
	"EINVAL":       tcp.ErrInvalidState,
	"EAGAIN":       errAgain,
	// ERETRANS is the soft error of R1 (tcp.ErrRetransmitting), for softerr().
	"ERETRANS": tcp.ErrRetransmitting,
}

var errAgain = errors.New("nothing to read yet")

// errnoName is the script name of an endpoint error ("none" for nil).
func errnoName(err error) string {
	if err == nil {
		return "none"
	}
	for name, e := range errnoByName {
		if errors.Is(err, e) {
			return name
		}
	}
	return fmt.Sprintf("%q", err.Error())
}

// stateNames are RFC 9293's spellings, indexed by tcp.State.
var stateNames = [...]string{
	tcp.Closed:      "CLOSED",
	tcp.Listen:      "LISTEN",
	tcp.SynSent:     "SYN-SENT",
	tcp.SynReceived: "SYN-RECEIVED",
	tcp.Established: "ESTABLISHED",
	tcp.FinWait1:    "FIN-WAIT-1",
	tcp.FinWait2:    "FIN-WAIT-2",
	tcp.CloseWait:   "CLOSE-WAIT",
	tcp.Closing:     "CLOSING",
	tcp.LastAck:     "LAST-ACK",
	tcp.TimeWait:    "TIME-WAIT",
}

func stateName(s tcp.State) string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", s)
}

// parseState accepts RFC spelling and Linux's (SYN_SENT, TCP_SYN_SENT,
// SYN_RECV), in any case.
func parseState(s string) (tcp.State, bool) {
	u := strings.ToUpper(strings.ReplaceAll(strings.TrimPrefix(strings.ToUpper(s), "TCP_"), "_", "-"))
	if u == "SYN-RECV" {
		u = "SYN-RECEIVED"
	}
	for i, n := range stateNames {
		if n == u {
			return tcp.State(i), true
		}
	}
	return 0, false
}

var timerNames = map[string]tcp.TimerKind{
	"rto": tcp.TimerRTO, "delack": tcp.TimerDelayedACK, "persist": tcp.TimerPersist,
	"keepalive": tcp.TimerKeepAlive, "timewait": tcp.TimerTimeWait,
}

// callDef describes one call a script may make.
type callDef struct {
	// action calls drive the application side and must say "= result";
	// checks read the endpoint and must not.
	action bool
	// args validates the arguments at parse time.
	args func(args []string) error
	run  func(r *runner, c CallSpec) error
}

var callDefs map[string]callDef

func init() {
	callDefs = map[string]callDef{
		"listen":   {action: true, args: portArg, run: (*runner).callListen},
		"connect":  {action: true, args: portArg, run: (*runner).callConnect},
		"write":    {action: true, args: countArg, run: (*runner).callWrite},
		"read":     {action: true, args: countArg, run: (*runner).callRead},
		"shutdown": {action: true, args: anyArgs, run: (*runner).callShutdown},
		"close":    {action: true, args: anyArgs, run: (*runner).callClose},
		"abort":    {action: true, args: anyArgs, run: (*runner).callAbort},

		"state":     {args: stateArg, run: (*runner).checkState},
		"err":       {args: errArg, run: (*runner).checkErr},
		"softerr":   {args: errArg, run: (*runner).checkSoftErr},
		"cwnd":      {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.CC.Cwnd })},
		"ssthresh":  {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.CC.Ssthresh })},
		"sndwnd":    {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.Space.SndWnd })},
		"rcvwnd":    {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.Space.RcvWnd })},
		"queued":    {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.Space.SendQueued })},
		"buffered":  {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.Space.RecvBuffered })},
		"ooo":       {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.Space.RecvOutOfOrder })},
		"snduna":    {args: relArg, run: snapOurSeq(func(s tcp.Snapshot) uint32 { return uint32(s.Space.SndUna) })},
		"sndnxt":    {args: relArg, run: snapOurSeq(func(s tcp.Snapshot) uint32 { return uint32(s.Space.SndNxt) })},
		"rcvnxt":    {args: relArg, run: snapPeerSeq(func(s tcp.Snapshot) uint32 { return uint32(s.Space.RcvNxt) })},
		"rto":       {args: durArg, run: snapDur(func(s tcp.Snapshot) time.Duration { return s.RTO })},
		"srtt":      {args: durArg, run: snapDur(func(s tcp.Snapshot) time.Duration { return s.SRTT })},
		"rttvar":    {args: durArg, run: snapDur(func(s tcp.Snapshot) time.Duration { return s.RTTVar })},
		"recovery":  {args: onOffArg, run: (*runner).checkRecovery},
		"timer":     {args: timerArgs, run: (*runner).checkTimer},
		"readable":  {args: intArg, run: (*runner).checkReadable},
		"writable":  {args: intArg, run: (*runner).checkWritable},
		"sackedcnt": {args: intArg, run: snapInt(func(s tcp.Snapshot) int { return s.NumSACKed })},
	}
}

// checkCall validates a parsed call against its definition.
func checkCall(c CallSpec) error {
	def, ok := callDefs[c.Name]
	if !ok {
		return fmt.Errorf("unknown call %q", c.Name)
	}
	if def.action && !c.HasResult {
		return fmt.Errorf("%s: want '= result' (e.g. = 0, = 1000, = -1 ECONNRESET)", c.Name)
	}
	if !def.action && c.HasResult {
		return fmt.Errorf("%s is a check: write the expected value inside the parentheses", c.Name)
	}
	if err := def.args(c.Args); err != nil {
		return fmt.Errorf("%s: %v", c.Name, err)
	}
	return nil
}

func anyArgs([]string) error { return nil }

func oneArg(args []string) (string, error) {
	if len(args) != 1 {
		return "", fmt.Errorf("want one argument, got %d", len(args))
	}
	return args[0], nil
}

func portArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	if n, err := strconv.ParseUint(a, 10, 16); err != nil || n == 0 {
		return fmt.Errorf("port %q: want 1..65535", a)
	}
	return nil
}

// countArg accepts write(N) and packetdrill's write(fd, ..., N).
func countArg(args []string) error {
	if len(args) != 1 && len(args) != 3 {
		return fmt.Errorf("want (N) or (fd, ..., N)")
	}
	if n, err := strconv.Atoi(args[len(args)-1]); err != nil || n < 0 || n > 1<<24 {
		return fmt.Errorf("count %q: want 0..16777216", args[len(args)-1])
	}
	return nil
}

func countOf(c CallSpec) int {
	n, _ := strconv.Atoi(c.Args[len(c.Args)-1])
	return n
}

func stateArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	if _, ok := parseState(a); !ok {
		return fmt.Errorf("unknown state %q", a)
	}
	return nil
}

func errArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	if _, ok := errnoByName[a]; !ok && a != "none" && a != "set" {
		return fmt.Errorf("unknown error %q (want none, set or a name such as ETIMEDOUT)", a)
	}
	return nil
}

func intArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	if _, err := strconv.Atoi(a); err != nil {
		return fmt.Errorf("%q: want an integer", a)
	}
	return nil
}

func relArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	_, err = parseRel(a)
	return err
}

func durArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	_, err = parseDuration(a)
	return err
}

func onOffArg(args []string) error {
	a, err := oneArg(args)
	if err != nil {
		return err
	}
	if a != "on" && a != "off" {
		return fmt.Errorf("%q: want on or off", a)
	}
	return nil
}

// timerArgs is timer(NAME, off) or timer(NAME, T), T the absolute script
// time at which the timer is due.
func timerArgs(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("want (rto|delack|persist|keepalive|timewait, off|seconds)")
	}
	if _, ok := timerNames[args[0]]; !ok {
		return fmt.Errorf("unknown timer %q", args[0])
	}
	if args[1] == "off" {
		return nil
	}
	_, err := parseDuration(args[1])
	return err
}

// resultOf turns what an action returned into the script's "= ..." form.
func resultOf(n int, err error) (int, string) {
	if err != nil {
		return -1, errnoName(err)
	}
	return n, ""
}

func formatResult(n int, errno string) string {
	if errno != "" {
		return fmt.Sprintf("%d %s", n, errno)
	}
	return strconv.Itoa(n)
}

func (r *runner) expectResult(c CallSpec, n int, err error) error {
	gotN, gotErrno := resultOf(n, err)
	if gotN != c.Result || gotErrno != c.Errno {
		return fmt.Errorf("%s returned %s, want %s", c.Name, formatResult(gotN, gotErrno), formatResult(c.Result, c.Errno))
	}
	return nil
}

func (r *runner) callListen(c CallSpec) error {
	port, _ := strconv.ParseUint(c.Args[0], 10, 16)
	r.localPort, r.remotePort = uint16(port), PeerPort
	return r.expectResult(c, 0, r.ep.Listen(r.now, r.localPort))
}

func (r *runner) callConnect(c CallSpec) error {
	port, _ := strconv.ParseUint(c.Args[0], 10, 16)
	r.localPort, r.remotePort = LocalConnectPort, uint16(port)
	return r.expectResult(c, 0, r.ep.Connect(r.now, r.localPort, r.remotePort))
}

// streamByte is byte k of either direction's application stream: both the
// script's writes and the peer's payloads follow it, so reads and emitted
// payloads can be checked byte for byte.
func streamByte(k uint32) byte { return byte(k % 251) }

func (r *runner) callWrite(c CallSpec) error {
	p := make([]byte, countOf(c))
	for i := range p {
		p[i] = streamByte(r.written + uint32(i))
	}
	n, err := r.ep.Write(r.now, p)
	if n > 0 {
		r.written += uint32(n)
	}
	return r.expectResult(c, n, err)
}

func (r *runner) callRead(c CallSpec) error {
	p := make([]byte, countOf(c))
	n, err := r.ep.Read(r.now, p)
	if n < 0 || n > len(p) {
		return fmt.Errorf("read returned %d for a %d-byte buffer", n, len(p))
	}
	for i := 0; i < n; i++ {
		if want := streamByte(r.read + uint32(i)); p[i] != want {
			return fmt.Errorf("read: byte %d of the peer's stream is %d, want %d", r.read+uint32(i), p[i], want)
		}
	}
	r.read += uint32(n)
	switch {
	case errors.Is(err, io.EOF):
		err = nil
	case err == nil && n == 0 && len(p) > 0:
		err = errAgain
	}
	return r.expectResult(c, n, err)
}

func (r *runner) callShutdown(c CallSpec) error {
	return r.expectResult(c, 0, r.ep.Shutdown(r.now))
}

func (r *runner) callClose(c CallSpec) error {
	return r.expectResult(c, 0, r.ep.Close(r.now))
}

func (r *runner) callAbort(c CallSpec) error {
	return r.expectResult(c, 0, r.ep.Abort(r.now))
}

func (r *runner) checkState(c CallSpec) error {
	want, _ := parseState(c.Args[0])
	if got := r.ep.State(); got != want {
		return fmt.Errorf("state is %s, want %s", stateName(got), stateName(want))
	}
	return nil
}

// checkErrValue compares an error with a script's name for it; "set"
// accepts any error, "none" only nil.
func checkErrValue(what string, got error, want string) error {
	if want == "set" && got != nil {
		return nil
	}
	if name := errnoName(got); name != want {
		return fmt.Errorf("%s is %s, want %s", what, name, want)
	}
	return nil
}

func (r *runner) checkErr(c CallSpec) error { return checkErrValue("err", r.ep.Err(), c.Args[0]) }

func (r *runner) checkSoftErr(c CallSpec) error {
	return checkErrValue("softerr", r.ep.SoftErr(), c.Args[0])
}

func snapInt(get func(tcp.Snapshot) int) func(*runner, CallSpec) error {
	return func(r *runner, c CallSpec) error {
		want, _ := strconv.Atoi(c.Args[0])
		if got := get(r.ep.Snapshot()); got != want {
			return fmt.Errorf("%s is %d, want %d", c.Name, got, want)
		}
		return nil
	}
}

func snapOurSeq(get func(tcp.Snapshot) uint32) func(*runner, CallSpec) error {
	return func(r *runner, c CallSpec) error {
		want, _ := parseRel(c.Args[0])
		if got := get(r.ep.Snapshot()) - r.s.ISS; got != want {
			return fmt.Errorf("%s is %d (relative to our ISS), want %d", c.Name, got, want)
		}
		return nil
	}
}

func snapPeerSeq(get func(tcp.Snapshot) uint32) func(*runner, CallSpec) error {
	return func(r *runner, c CallSpec) error {
		want, _ := parseRel(c.Args[0])
		if got := get(r.ep.Snapshot()) - r.s.PeerISS; got != want {
			return fmt.Errorf("%s is %d (relative to the peer's ISN), want %d", c.Name, got, want)
		}
		return nil
	}
}

func snapDur(get func(tcp.Snapshot) time.Duration) func(*runner, CallSpec) error {
	return func(r *runner, c CallSpec) error {
		want, _ := parseDuration(c.Args[0])
		if got := get(r.ep.Snapshot()); got != want {
			return fmt.Errorf("%s is %s, want %s", c.Name, formatSeconds(got), formatSeconds(want))
		}
		return nil
	}
}

func (r *runner) checkRecovery(c CallSpec) error {
	got := "off"
	if r.ep.Snapshot().InRecovery {
		got = "on"
	}
	if got != c.Args[0] {
		return fmt.Errorf("recovery is %s, want %s", got, c.Args[0])
	}
	return nil
}

func (r *runner) checkTimer(c CallSpec) error {
	kind := timerNames[c.Args[0]]
	snap := r.ep.Snapshot()
	got := "off"
	if snap.Armed[kind] {
		got = formatSeconds(snap.Timers[kind])
	}
	want := "off"
	if c.Args[1] != "off" {
		d, _ := parseDuration(c.Args[1])
		want = formatSeconds(d)
	}
	if got != want {
		return fmt.Errorf("timer %s is due at %s, want %s", c.Args[0], got, want)
	}
	return nil
}

func (r *runner) checkReadable(c CallSpec) error {
	want, _ := strconv.Atoi(c.Args[0])
	if got := r.ep.Readable(); got != want {
		return fmt.Errorf("readable is %d, want %d", got, want)
	}
	return nil
}

func (r *runner) checkWritable(c CallSpec) error {
	want, _ := strconv.Atoi(c.Args[0])
	if got := r.ep.Writable(); got != want {
		return fmt.Errorf("writable is %d, want %d", got, want)
	}
	return nil
}
