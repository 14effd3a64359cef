package scenario

import (
	"math"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/link"
	"tcpplayground/tcpcore/tcp"
)

// Version is the document version this package reads and writes.
const Version = 1

// Hard limits. Decode enforces the static ones; the simulator stops a run
// that reaches MaxDuration or MaxSegments with a notice and an error.
const (
	MaxInputBytes  = 256 << 10        // the JSON document
	MaxDuration    = 10 * time.Minute // simulated time
	MaxTotalBytes  = 64 << 20         // bytes written by all applications together
	MaxSegments    = 2_000_000        // segments sent by all endpoints together
	MaxEvents      = 16_000_000       // trace events: 24 bytes each, about 384 MB at most
	MaxConnections = 8
	MaxActions     = 256 // timeline entries per connection
	MaxFaults      = 256
	MaxOutages     = 100      // per link direction
	MaxTitleLen    = 200      // bytes, per language
	MaxDescLen     = 4000     // bytes, per language
	MaxTextWrite   = 4096     // bytes of a text write
	MaxBuffer      = 16 << 20 // send and receive buffer sizes
	maxDepth       = 16       // JSON nesting
)

// Side indexes the two hosts and a connection's two endpoints.
const (
	A = 0
	B = 1
)

// Scenario is a decoded, valid scenario. Build one with Decode, or in Go
// and check it with Validate.
type Scenario struct {
	Version     int
	Title       Text
	Description Text
	Seed        uint64
	// DurationMS, if not 0, ends the run at this time (a normal end);
	// otherwise it runs until nothing is left to happen or MaxDuration.
	DurationMS float64
	// Hosts holds the IPv4 addresses of A and B.
	Hosts [2][4]byte
	// Link holds the link A→B (Link[A]) and B→A (Link[B]).
	Link        [2]LinkDir
	Connections []Connection
	Faults      []Fault
}

// Text is a string in English and Chinese.
type Text struct{ EN, ZH string }

// Connection is one TCP connection between A and B: its two endpoints and
// the application timeline.
type Connection struct {
	Endpoints [2]Endpoint
	Timeline  []Action
}

// Endpoint is one end of a connection: its port, profile and overrides.
type Endpoint struct {
	Port    uint16
	Profile tcp.Profile
	Options Options
}

// Options overrides fields of tcp.DefaultConfig(Profile); nil leaves the
// profile's value. The JSON names are in the comments.
type Options struct {
	MSS              *int    // mss
	SendBuffer       *int    // sndbuf (bytes)
	RecvBuffer       *int    // rcvbuf (bytes)
	SACK             *bool   // sack
	Timestamps       *bool   // timestamps
	WindowScale      *bool   // wscale
	NoDelay          *bool   // nodelay
	DelayedACK       *bool   // delack
	DelayedACKMS     *int    // delack_ms
	CC               *string // cc: reno | cubic
	Recovery         *string // recovery: reno | newreno | sack
	LimitedTransmit  *bool   // limited_transmit
	RestartAfterIdle *bool   // restart_after_idle
	InitialWindow    *int    // iw (bytes; 0 is the profile's rule)
	InitialRTOMS     *int    // initial_rto_ms
	MinRTOMS         *int    // min_rto_ms
	MaxRTOMS         *int    // max_rto_ms
	SynRetries       *int    // syn_retries
	R1               *int    // r1
	R2               *int    // r2
	MSLMS            *int    // msl_ms
	Probe            *string // probe: new_byte | old_seq
	MaxPersistMS     *int    // max_persist_ms
	KeepAlive        *bool   // keepalive
	KeepAliveIdleMS  *int    // keepalive_idle_ms
	KeepAliveIntvlMS *int    // keepalive_interval_ms
	KeepAliveProbes  *int    // keepalive_probes
}

// LinkDir is one direction of the link in netem's vocabulary and units:
// milliseconds, bits per second, percentages.
type LinkDir struct {
	DelayMS      float64
	JitterMS     float64
	Distribution link.Distribution
	KeepOrder    bool
	RateBPS      int64
	QueueLimit   int
	Loss         float64 // %
	BurstLoss    BurstLoss
	Duplicate    float64 // %
	Reorder      float64 // %
	ReorderGap   int
	Corrupt      float64 // %
	Outages      []Outage
}

// BurstLoss is netem's "loss gemodel p r 1-h 1-k", in percentages.
type BurstLoss struct {
	P, R, OneMinusH, OneMinusK float64
}

// Outage is a span [FromMS, ToMS) in which the link is down.
type Outage struct{ FromMS, ToMS float64 }

// ActionKind is what a timeline entry does.
type ActionKind uint8

// The timeline actions (JSON names in the comments).
const (
	Listen        ActionKind = iota + 1 // listen
	Connect                             // connect
	Write                               // write: Bytes or Text
	StopReading                         // stop_reading
	ResumeReading                       // resume_reading
	Shutdown                            // shutdown
	Close                               // close
	Abort                               // abort
)

var actionNames = []string{"", "listen", "connect", "write", "stop_reading", "resume_reading", "shutdown", "close", "abort"}

func (k ActionKind) String() string {
	if int(k) < len(actionNames) && k > 0 {
		return actionNames[k]
	}
	return "?"
}

// Action is one timeline entry.
type Action struct {
	AtMS  float64
	Side  int // A or B
	Kind  ActionKind
	Bytes int    // Write: a count of filler bytes, or
	Text  string // Write: this text
}

// Len is the number of bytes a Write writes.
func (a *Action) Len() int {
	if a.Text != "" {
		return len(a.Text)
	}
	return a.Bytes
}

// FaultAction is what a scripted fault does to the segment it selects.
type FaultAction uint8

// The fault actions.
const (
	FaultDrop      FaultAction = iota + 1 // drop
	FaultDelay                            // delay: by DelayMS more
	FaultDuplicate                        // duplicate: deliver a second copy
	FaultCorrupt                          // corrupt: flip a bit, so the checksum fails
)

var faultActionNames = []string{"", "drop", "delay", "duplicate", "corrupt"}

// ParseFaultAction returns the action named as the JSON names it
// ("drop", "delay", "duplicate", "corrupt").
func ParseFaultAction(name string) (FaultAction, bool) {
	for i, n := range faultActionNames[1:] {
		if n == name {
			return FaultAction(i + 1), true
		}
	}
	return 0, false
}

func (f FaultAction) String() string {
	if int(f) < len(faultActionNames) && f > 0 {
		return faultActionNames[f]
	}
	return "?"
}

// Fault is a scripted fault: it selects segments that one side of one
// connection sends, and drops, delays, duplicates or corrupts them before
// they reach the link. Exactly one selector is set:
//
//   - Segment: the Nth segment the side sends (1-based, retransmissions
//     and pure ACKs included);
//   - Data: the Nth segment that carries data (retransmissions included),
//     or with Every, that one and every later one;
//   - Flags: segments having all these flags, in the letters F S R P A U
//     E W ("." is ACK too): the Nth such (default the first), or with
//     Every, all of them. "S" matches the SYN and the SYN-ACK alike; Dir
//     tells them apart.
type Fault struct {
	Conn    int
	Dir     int // the sending side: A for A>B
	Segment int
	Data    int
	Flags   string
	Nth     int
	Every   bool
	Action  FaultAction
	DelayMS float64
}

// Duration returns DurationMS as a time.Duration (0: not set).
func (s *Scenario) Duration() time.Duration { return msToDuration(s.DurationMS) }

func msToDuration(ms float64) time.Duration { return time.Duration(math.Round(ms * 1e6)) }

// MS converts a number of milliseconds as the scenario writes them to a
// time.Duration, rounded to the nanosecond.
func MS(ms float64) time.Duration { return msToDuration(ms) }

// LinkConfig returns the link.Config of a direction.
func (d *LinkDir) LinkConfig() link.Config {
	c := link.Config{
		Delay:        msToDuration(d.DelayMS),
		Jitter:       msToDuration(d.JitterMS),
		Distribution: d.Distribution,
		KeepOrder:    d.KeepOrder,
		Rate:         d.RateBPS,
		QueueLimit:   d.QueueLimit,
		Loss:         d.Loss / 100,
		BurstLoss: link.GilbertElliott{P: d.BurstLoss.P / 100, R: d.BurstLoss.R / 100,
			LossInBad: d.BurstLoss.OneMinusH / 100, LossInGood: d.BurstLoss.OneMinusK / 100},
		Duplicate:  d.Duplicate / 100,
		Reorder:    d.Reorder / 100,
		ReorderGap: d.ReorderGap,
		Corrupt:    d.Corrupt / 100,
	}
	for _, o := range d.Outages {
		c.Outages = append(c.Outages, link.Window{Start: msToDuration(o.FromMS), End: msToDuration(o.ToMS)})
	}
	return c
}

// Config returns the endpoint's tcp.Config: the profile's defaults with
// the overrides applied. ISS, TSOffset and Observer are the simulator's.
func (e *Endpoint) Config() tcp.Config {
	c := tcp.DefaultConfig(e.Profile)
	o := &e.Options
	setInt := func(dst *int, p *int) {
		if p != nil {
			*dst = *p
		}
	}
	setBool := func(dst *bool, p *bool) {
		if p != nil {
			*dst = *p
		}
	}
	setMS := func(dst *time.Duration, p *int) {
		if p != nil {
			*dst = time.Duration(*p) * time.Millisecond
		}
	}
	setInt(&c.MSS, o.MSS)
	setInt(&c.SendBufferSize, o.SendBuffer)
	setInt(&c.RecvBufferSize, o.RecvBuffer)
	setBool(&c.SACK, o.SACK)
	setBool(&c.Timestamps, o.Timestamps)
	setBool(&c.WindowScale, o.WindowScale)
	setBool(&c.NoDelay, o.NoDelay)
	setBool(&c.DelayedACK, o.DelayedACK)
	setMS(&c.DelayedACKTimeout, o.DelayedACKMS)
	if o.CC != nil {
		c.CongestionControl = cc.Reno
		if *o.CC == "cubic" {
			c.CongestionControl = cc.CUBIC
		}
	}
	if o.Recovery != nil {
		switch *o.Recovery {
		case "reno":
			c.Recovery = tcp.RecoveryReno
		case "newreno":
			c.Recovery = tcp.RecoveryNewReno
		case "sack":
			c.Recovery = tcp.RecoverySACK
		}
	}
	setBool(&c.LimitedTransmit, o.LimitedTransmit)
	setBool(&c.RestartAfterIdle, o.RestartAfterIdle)
	setInt(&c.InitialWindow, o.InitialWindow)
	setMS(&c.InitialRTO, o.InitialRTOMS)
	setMS(&c.MinRTO, o.MinRTOMS)
	setMS(&c.MaxRTO, o.MaxRTOMS)
	setInt(&c.SynRetries, o.SynRetries)
	setInt(&c.R1, o.R1)
	setInt(&c.R2, o.R2)
	setMS(&c.MSL, o.MSLMS)
	if o.Probe != nil {
		c.ProbeStyle = tcp.ProbeNewByte
		if *o.Probe == "old_seq" {
			c.ProbeStyle = tcp.ProbeOldSeq
		}
	}
	setMS(&c.MaxPersist, o.MaxPersistMS)
	setBool(&c.KeepAlive, o.KeepAlive)
	setMS(&c.KeepAliveIdle, o.KeepAliveIdleMS)
	setMS(&c.KeepAliveInterval, o.KeepAliveIntvlMS)
	setInt(&c.KeepAliveProbes, o.KeepAliveProbes)
	return c
}

// Int, Bool and String return pointers, for writing Options in Go.
func Int(v int) *int          { return &v }
func Bool(v bool) *bool       { return &v }
func String(v string) *string { return &v }
