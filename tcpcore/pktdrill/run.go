package pktdrill

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// Endpoint is what the runner drives: a *tcp.Endpoint, or a fake in the
// runner's own tests.
type Endpoint interface {
	Listen(now time.Duration, localPort uint16) error
	Connect(now time.Duration, localPort, remotePort uint16) error
	Write(now time.Duration, p []byte) (int, error)
	Read(now time.Duration, p []byte) (int, error)
	Shutdown(now time.Duration) error
	Close(now time.Duration) error
	Abort(now time.Duration) error
	Handle(now time.Duration, seg *wire.Segment)
	HandleTimeout(now time.Duration)
	Poll(now time.Duration) (wire.Segment, bool)
	NextTimeout() (time.Duration, bool)
	State() tcp.State
	Err() error
	SoftErr() error
	Snapshot() tcp.Snapshot
	Readable() int
	Writable() int
}

// NewEndpointFunc makes the endpoint under test from the script's Config.
type NewEndpointFunc func(cfg tcp.Config) (Endpoint, error)

// NewTCPEndpoint makes a real tcpcore/tcp endpoint.
func NewTCPEndpoint(cfg tcp.Config) (Endpoint, error) {
	ep, err := tcp.New(cfg)
	if err != nil {
		return nil, err
	}
	return ep, nil
}

// Failure is a script that did not run as written: where, why, the line the
// script expected and what actually happened, in the script's own syntax.
type Failure struct {
	Script string
	Line   int    // 0 when the failure is not tied to a line
	Msg    string // what went wrong
	Want   string // the script line, if any
	Got    string // what the endpoint did instead, if anything
	// Transcript is what happened up to the failure, one line per event,
	// in script syntax with absolute times.
	Transcript []string
}

// transcriptTail is how many transcript lines Error prints.
const transcriptTail = 12

func (f *Failure) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: %s", f.Script, f.Line, f.Msg)
	if f.Want != "" {
		fmt.Fprintf(&b, "\n\tscript: %s", f.Want)
	}
	if f.Got != "" {
		fmt.Fprintf(&b, "\n\tactual: %s", f.Got)
	}
	if len(f.Transcript) > 0 {
		t := f.Transcript[max(0, len(f.Transcript)-transcriptTail):]
		fmt.Fprintf(&b, "\n\ttranscript (last %d events):\n\t\t%s", len(t), strings.Join(t, "\n\t\t"))
	}
	return b.String()
}

// Run parses a script and runs it against a new tcpcore/tcp endpoint.
func Run(script io.Reader, name string) error {
	s, err := Parse(script, name)
	if err != nil {
		return err
	}
	return s.Run(NewTCPEndpoint)
}

// RunFile runs the script in the file at path against a new tcpcore/tcp
// endpoint; errors name the file.
func RunFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Run(f, path)
}

// Config is the endpoint configuration the script's headers describe.
func (s *Script) Config() tcp.Config {
	cfg := tcp.DefaultConfig(s.Profile)
	for _, st := range s.Settings {
		st.apply(&cfg)
	}
	cfg.ISS = seq.Seq(s.ISS)
	return cfg
}

// maxTimerFirings bounds timer firings at one instant, so an endpoint whose
// NextTimeout never moves on fails instead of hanging the test.
const maxTimerFirings = 1000

type emitted struct {
	at  time.Duration
	seg wire.Segment
}

type runner struct {
	s   *Script
	ep  Endpoint
	now time.Duration
	// lineTime is the time of the previous line, the base of "+x".
	lineTime              time.Duration
	localPort, remotePort uint16
	written, read         uint32 // application bytes written and read so far
	queue                 []emitted
	transcript            []string
}

// Run runs the script against the endpoint newEndpoint makes. It returns
// nil, a *Failure, or the error newEndpoint returned.
func (s *Script) Run(newEndpoint NewEndpointFunc) error {
	_, err := s.Trace(newEndpoint)
	return err
}

// Trace is Run that also returns the transcript: every event of the run in
// script syntax with absolute times, what the endpoint sent included. It is
// the quickest way to see what an endpoint does while writing a script.
func (s *Script) Trace(newEndpoint NewEndpointFunc) (transcript []string, err error) {
	ep, err := newEndpoint(s.Config())
	if err != nil {
		return nil, fmt.Errorf("%s: new endpoint: %w", s.Name, err)
	}
	r := &runner{s: s, ep: ep, localPort: DefaultListenPort, remotePort: PeerPort}
	cur := 0
	defer func() {
		if p := recover(); p != nil {
			stack := strings.Split(string(debug.Stack()), "\n")
			err = r.fail(cur, fmt.Sprintf("endpoint panicked: %v\n%s", p, strings.Join(stack[:min(len(stack), 24)], "\n")), "")
		}
		transcript = r.transcript
	}()
	for i := range s.Lines {
		cur = i
		if err := r.step(i); err != nil {
			return nil, err
		}
	}
	cur = len(s.Lines) - 1
	return nil, r.finish()
}

// fail builds a Failure for line i (-1: none).
func (r *runner) fail(i int, msg, got string) *Failure {
	f := &Failure{Script: r.s.Name, Msg: msg, Got: got, Transcript: r.transcript}
	if i >= 0 && i < len(r.s.Lines) {
		f.Line = r.s.Lines[i].Num
		f.Want = r.s.Lines[i].Text
		if f.Want == "" {
			f.Want = r.s.Lines[i].String()
		}
	}
	return f
}

func (r *runner) log(at time.Duration, event string) {
	r.transcript = append(r.transcript, formatSeconds(at)+" "+event)
}

// drain collects what the endpoint wants to send now. Payloads are copied:
// Poll's may point into the endpoint's buffer.
func (r *runner) drain() {
	for range 1 << 16 {
		seg, ok := r.ep.Poll(r.now)
		if !ok {
			return
		}
		seg.Payload = append([]byte(nil), seg.Payload...)
		r.queue = append(r.queue, emitted{at: r.now, seg: seg})
		r.log(r.now, "> "+r.relString(&seg))
	}
}

func (r *runner) rel(seg *wire.Segment) SegmentSpec { return relative(seg, r.s.ISS, r.s.PeerISS) }

// relString prints an emitted segment with wire.Segment.String once its
// numbers are made relative, so options show as they went on the wire (NOPs
// included).
func (r *runner) relString(seg *wire.Segment) string {
	s := *seg
	s.Seq = seg.Seq - seq.Seq(r.s.ISS)
	if s.Flags.Has(wire.ACK) {
		s.Ack = seg.Ack - seq.Seq(r.s.PeerISS)
	}
	for i := range min(s.Options.NumSACK, wire.MaxSACKBlocks) {
		b := &s.Options.SACK[i]
		b.Left, b.Right = b.Left-seq.Seq(r.s.PeerISS), b.Right-seq.Seq(r.s.PeerISS)
	}
	return s.String()
}

// inString prints an injected segment the same way, its numbers relative
// to the peer's ISN (sequence) and our ISS (ACK, SACK blocks).
func (r *runner) inString(seg *wire.Segment) string {
	s := *seg
	s.Seq = seg.Seq - seq.Seq(r.s.PeerISS)
	if s.Flags.Has(wire.ACK) {
		s.Ack = seg.Ack - seq.Seq(r.s.ISS)
	}
	for i := range min(s.Options.NumSACK, wire.MaxSACKBlocks) {
		b := &s.Options.SACK[i]
		b.Left, b.Right = b.Left-seq.Seq(r.s.ISS), b.Right-seq.Seq(r.s.ISS)
	}
	return s.String()
}

// fireTimers calls HandleTimeout for every timer due by limit, in order,
// stopping early when stopOnEmit and something was emitted.
func (r *runner) fireTimers(limit time.Duration, stopOnEmit bool) error {
	firings := 0
	last := time.Duration(-1)
	for {
		if stopOnEmit && len(r.queue) > 0 {
			return nil
		}
		t, ok := r.ep.NextTimeout()
		if !ok || t > limit {
			return nil
		}
		t = max(t, r.now)
		if t == last {
			firings++
			if firings > maxTimerFirings {
				return fmt.Errorf("NextTimeout stays at %s after %d HandleTimeout calls", formatSeconds(t), maxTimerFirings)
			}
		} else {
			firings, last = 0, t
		}
		r.now = t
		r.ep.HandleTimeout(t)
		r.drain()
		if !stopOnEmit && len(r.queue) > 0 {
			return nil
		}
	}
}

// lineDeadline is the time line i names, or ok=false for "*".
func (r *runner) lineDeadline(i int) (time.Duration, bool) {
	t := r.s.Lines[i].Time
	switch t.Kind {
	case TimeRelative:
		return r.lineTime + t.D, true
	case TimeAbsolute:
		return t.D, true
	}
	return 0, false
}

func (r *runner) step(i int) error {
	l := r.s.Lines[i]
	if l.Kind == LineOutbound {
		return r.expectSegment(i)
	}
	if len(r.queue) > 0 {
		return r.unexpected(i, "unexpected segment before this line")
	}
	t, _ := r.lineDeadline(i)
	if t < r.now {
		return r.fail(i, fmt.Sprintf("time goes backwards: this line is at %s, already at %s", formatSeconds(t), formatSeconds(r.now)), "")
	}
	if err := r.fireTimers(t, false); err != nil {
		return r.fail(i, err.Error(), "")
	}
	if len(r.queue) > 0 {
		return r.unexpected(i, "unexpected segment before this line")
	}
	r.now, r.lineTime = t, t
	if l.Kind == LineInbound {
		seg := r.inbound(l.Seg)
		r.log(r.now, "< "+r.inString(&seg))
		r.ep.Handle(r.now, &seg)
	} else {
		r.log(r.now, l.Call.String())
		if err := callDefs[l.Call.Name].run(r, l.Call); err != nil {
			return r.fail(i, err.Error(), "")
		}
	}
	r.drain()
	return nil
}

func (r *runner) unexpected(i int, msg string) error {
	e := r.queue[0]
	return r.fail(i, msg, formatSeconds(e.at)+" > "+r.relString(&e.seg))
}

// inbound builds the segment the peer sends. Its payload is the peer's
// stream at the segment's offset, so reads can be checked byte for byte.
func (r *runner) inbound(s SegmentSpec) wire.Segment {
	seg := wire.Segment{
		SrcPort: r.remotePort,
		DstPort: r.localPort,
		Seq:     seq.Seq(r.s.PeerISS + s.Start),
		Flags:   s.Flags,
		Window:  65535,
		Options: s.Options,
	}
	if s.HasAck {
		seg.Ack = seq.Seq(r.s.ISS + s.Ack)
	}
	if s.HasWin {
		seg.Window = s.Win
	}
	for i := range min(seg.Options.NumSACK, wire.MaxSACKBlocks) {
		b := &seg.Options.SACK[i]
		b.Left, b.Right = b.Left+seq.Seq(r.s.ISS), b.Right+seq.Seq(r.s.ISS)
	}
	if s.Len > 0 {
		seg.Payload = make([]byte, s.Len)
		first := s.Start - 1
		if s.Flags.Has(wire.SYN) {
			first++
		}
		for i := range seg.Payload {
			seg.Payload[i] = streamByte(first + uint32(i))
		}
	}
	return seg
}

// horizon is how long "*" waits: until the next line with a fixed time,
// or a day of virtual time.
func (r *runner) horizon(i int) time.Duration {
	for _, l := range r.s.Lines[i+1:] {
		switch l.Time.Kind {
		case TimeAbsolute:
			return l.Time.D
		case TimeRelative:
			return r.now + maxScriptTime
		}
	}
	return r.now + maxScriptTime
}

func (r *runner) expectSegment(i int) error {
	l := r.s.Lines[i]
	want, fixed := r.lineDeadline(i)
	limit := want
	if !fixed {
		limit = r.horizon(i)
	}
	if fixed && want < r.now {
		return r.fail(i, fmt.Sprintf("time goes backwards: this line is at %s, already at %s", formatSeconds(want), formatSeconds(r.now)), "")
	}
	if err := r.fireTimers(limit, true); err != nil {
		return r.fail(i, err.Error(), "")
	}
	if len(r.queue) == 0 {
		next := "no timer pending"
		if t, ok := r.ep.NextTimeout(); ok {
			next = "next timer at " + formatSeconds(t)
		}
		return r.fail(i, fmt.Sprintf("missing segment: nothing sent by %s (%s)", formatSeconds(limit), next), "")
	}
	e := r.queue[0]
	gotLine := formatSeconds(e.at) + " > " + r.relString(&e.seg)
	if fixed && e.at != want {
		return r.fail(i, fmt.Sprintf("segment sent at %s, want at %s", formatSeconds(e.at), formatSeconds(want)), gotLine)
	}
	if diffs := r.compare(l.Seg, &e.seg); len(diffs) > 0 {
		return r.fail(i, "segment differs: "+strings.Join(diffs, "; "), gotLine)
	}
	r.queue = r.queue[1:]
	r.lineTime = e.at
	return nil
}

// compare lists how an emitted segment differs from the script's.
func (r *runner) compare(want SegmentSpec, seg *wire.Segment) []string {
	got := r.rel(seg)
	var d []string
	if got.Flags != want.Flags {
		d = append(d, fmt.Sprintf("flags %s, want %s", formatFlags(got.Flags), formatFlags(want.Flags)))
	}
	if got.Start != want.Start || got.Len != want.Len {
		d = append(d, fmt.Sprintf("seq %d:%d(%d), want %d:%d(%d)",
			got.Start, got.Start+uint32(got.Len), got.Len, want.Start, want.Start+uint32(want.Len), want.Len))
	}
	if want.HasAck && got.HasAck && got.Ack != want.Ack {
		d = append(d, fmt.Sprintf("ack %d, want %d", got.Ack, want.Ack))
	}
	if want.HasWin && got.Win != want.Win {
		d = append(d, fmt.Sprintf("win %d, want %d", got.Win, want.Win))
	}
	if !want.AnyOptions {
		if diff := compareOptions(want, got.Options); diff != "" {
			d = append(d, diff)
		}
	}
	if seg.SrcPort != r.localPort || seg.DstPort != r.remotePort {
		d = append(d, fmt.Sprintf("ports %d>%d, want %d>%d", seg.SrcPort, seg.DstPort, r.localPort, r.remotePort))
	}
	first := got.Start - 1
	if seg.Flags.Has(wire.SYN) {
		first++
	}
	for i, b := range seg.Payload {
		if w := streamByte(first + uint32(i)); b != w {
			d = append(d, fmt.Sprintf("payload byte %d (stream offset %d) is %d, want %d", i, first+uint32(i), b, w))
			break
		}
	}
	return d
}

func compareOptions(want SegmentSpec, got wire.Options) string {
	w := want.Options
	same := w.MSS == got.MSS && w.HasWScale == got.HasWScale && w.WScale == got.WScale &&
		w.SACKPermitted == got.SACKPermitted && w.HasTS == got.HasTS &&
		(want.TSValAny || w.TSVal == got.TSVal) && (want.TSEcrAny || w.TSEcr == got.TSEcr) &&
		w.NumSACK == got.NumSACK
	for i := 0; same && i < min(w.NumSACK, wire.MaxSACKBlocks); i++ {
		same = w.SACK[i] == got.SACK[i]
	}
	if same {
		return ""
	}
	// Print the expectation with the wildcards it had, so the two read alike.
	return fmt.Sprintf("options <%s>, want <%s>",
		formatOptions(got, false, false), formatOptions(w, want.TSValAny, want.TSEcrAny))
}

// finish checks that nothing more was sent at the script's last instant.
func (r *runner) finish() error {
	last := len(r.s.Lines) - 1
	if r.s.TailIgnore {
		return nil
	}
	if len(r.queue) == 0 {
		if err := r.fireTimers(r.now, false); err != nil {
			return r.fail(last, err.Error(), "")
		}
	}
	if len(r.queue) > 0 {
		return r.unexpected(last, "unexpected segment after the last line (add a '>' line, or '// tail: ignore')")
	}
	return nil
}
