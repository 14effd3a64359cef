package model

import (
	"slices"
	"strconv"
	"strings"
	"time"

	lnk "tcpplayground/tcpcore/link"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/tcp"
)

// FieldKind is how the editor shows a field.
type FieldKind uint8

// The field kinds.
const (
	Number FieldKind = iota // a slider and a number box
	Toggle                  // a checkbox
	Choice                  // a select
)

// Field is one control of the scenario editor. Its ID is the JSON path of
// the value it edits (for a connection's endpoint, connection 0), so the
// validator's error, which names that path, can be shown beside it.
//
// Min and Max are the validator's range (scenario's decode tables and
// link.Config's limits); SliderMax is the part of it a slider covers
// usefully (a delay of a minute is valid, but a slider to 60 000 ms would
// make 10 ms impossible to pick). The number box takes the whole range, and
// the validator rejects what is outside it with a message naming the path
// and the limit.
type Field struct {
	ID        string
	Label     string // key into the interface strings
	Kind      FieldKind
	Min, Max  float64
	SliderMax float64
	Step      float64
	Choices   []string
	// More puts the field among the advanced settings, folded away
	// until asked for.
	More bool
	Get  func(sc *scenario.Scenario) string
	Set  func(sc *scenario.Scenario, v string) error
}

// Fields are the editor's controls for connection 0, in the order the
// panel shows them: each link direction, then each endpoint.
var Fields = FieldsFor(0)

// FieldsFor returns the editor's controls with the endpoints of
// connection conn.
func FieldsFor(conn int) []Field { return buildFields(conn) }

// connOf returns the connection a field ID names (0 for the link's), or
// -1 for an impossible index.
func connOf(id string) int {
	rest, ok := strings.CutPrefix(id, "connections[")
	if !ok {
		return 0
	}
	i := strings.IndexByte(rest, ']')
	n, err := strconv.Atoi(rest[:max(i, 0)])
	if i <= 0 || err != nil || n < 0 || n >= scenario.MaxConnections {
		return -1
	}
	return n
}

// FieldByID returns the field with this ID (of any connection).
func FieldByID(id string) (Field, bool) {
	conn := connOf(id)
	if conn < 0 {
		return Field{}, false
	}
	for _, f := range FieldsFor(conn) {
		if f.ID == id {
			return f, true
		}
	}
	return Field{}, false
}

func num(v string, id string) (float64, error) {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, &scenario.Error{Path: id, Kind: scenario.ErrNotNumber, Args: []string{strconv.Quote(v)}}
	}
	return x, nil
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func buildFields(conn int) []Field {
	var fs []Field
	// more marks the fields appended from here on as advanced: the panel
	// folds them under "More … settings" so that a student sees the few
	// that matter first.
	more := false
	add := func(f Field) {
		f.More = more
		fs = append(fs, f)
	}
	for d, dir := range []string{"a_to_b", "b_to_a"} {
		p := "link." + dir + "."
		link := func(sc *scenario.Scenario) *scenario.LinkDir { return &sc.Link[d] }
		numField := func(key, label string, max, sliderMax, step float64, get func(*scenario.LinkDir) float64, set func(*scenario.LinkDir, float64)) {
			id := p + key
			add(Field{ID: id, Label: label, Kind: Number, Max: max, SliderMax: sliderMax, Step: step,
				Get: func(sc *scenario.Scenario) string { return fmtNum(get(link(sc))) },
				Set: func(sc *scenario.Scenario, v string) error {
					x, err := num(v, id)
					if err == nil {
						set(link(sc), x)
					}
					return err
				}})
		}
		more = false
		// Ranges: link.MaxDelay and link.MaxJitter (one minute), loss in
		// percent, rate 0 (unlimited) or link.MinRate..link.MaxRate bits
		// per second (edited here in kbit/s), link.MaxQueueLimit packets.
		numField("delay_ms", "delay", 60000, 500, 1,
			func(l *scenario.LinkDir) float64 { return l.DelayMS }, func(l *scenario.LinkDir, v float64) { l.DelayMS = v })
		numField("jitter_ms", "jitter", 60000, 100, 1,
			func(l *scenario.LinkDir) float64 { return l.JitterMS }, func(l *scenario.LinkDir, v float64) { l.JitterMS = v })
		numField("loss", "loss", 100, 30, 0.5,
			func(l *scenario.LinkDir) float64 { return l.Loss }, func(l *scenario.LinkDir, v float64) { l.Loss = v })
		numField("rate_bps", "rate", 1e9, 100000, 100,
			func(l *scenario.LinkDir) float64 { return float64(l.RateBPS) / 1000 },
			func(l *scenario.LinkDir, v float64) { l.RateBPS = int64(v * 1000) })
		numField("queue_limit", "queue", 100000, 200, 1,
			func(l *scenario.LinkDir) float64 { return float64(l.QueueLimit) }, func(l *scenario.LinkDir, v float64) { l.QueueLimit = int(v) })
		more = true
		add(Field{ID: p + "distribution", Label: "distribution", Kind: Choice, Choices: distributions,
			Get: func(sc *scenario.Scenario) string { return link(sc).Distribution.String() },
			Set: func(sc *scenario.Scenario, v string) error {
				i := slices.Index(distributions, v)
				if i < 0 {
					return &scenario.Error{Path: p + "distribution", Kind: scenario.ErrNotAllowed, Args: []string{strconv.Quote(v), strings.Join(distributions, ", ")}}
				}
				link(sc).Distribution = lnk.Distribution(i)
				return nil
			}})
		add(boolField(p+"keep_order", "keep_order", func(sc *scenario.Scenario) *bool { return &link(sc).KeepOrder }))
		// Gilbert-Elliott burst loss, netem's "loss gemodel p r 1-h 1-k"
		// in percent. Turning it on by its p fills in what tc fills in
		// (r = 100 − p, 1−h = 100 %): with the format's zeros the bad
		// state would lose nothing and the edit would seem to do nothing.
		numField("burst_loss.p", "ge.p", 100, 20, 0.5,
			func(l *scenario.LinkDir) float64 { return l.BurstLoss.P }, func(l *scenario.LinkDir, v float64) {
				if l.BurstLoss == (scenario.BurstLoss{}) && v > 0 {
					l.BurstLoss = scenario.BurstLoss{R: 100 - v, OneMinusH: 100}
				}
				l.BurstLoss.P = v
			})
		numField("burst_loss.r", "ge.r", 100, 100, 1,
			func(l *scenario.LinkDir) float64 { return l.BurstLoss.R }, func(l *scenario.LinkDir, v float64) { l.BurstLoss.R = v })
		numField("burst_loss.1-h", "ge.1h", 100, 100, 1,
			func(l *scenario.LinkDir) float64 { return l.BurstLoss.OneMinusH }, func(l *scenario.LinkDir, v float64) { l.BurstLoss.OneMinusH = v })
		numField("burst_loss.1-k", "ge.1k", 100, 20, 0.5,
			func(l *scenario.LinkDir) float64 { return l.BurstLoss.OneMinusK }, func(l *scenario.LinkDir, v float64) { l.BurstLoss.OneMinusK = v })
		numField("duplicate", "duplicate", 100, 30, 0.5,
			func(l *scenario.LinkDir) float64 { return l.Duplicate }, func(l *scenario.LinkDir, v float64) { l.Duplicate = v })
		numField("reorder", "reorder", 100, 50, 1,
			func(l *scenario.LinkDir) float64 { return l.Reorder }, func(l *scenario.LinkDir, v float64) { l.Reorder = v })
		numField("reorder_gap", "reorder_gap", 1e6, 20, 1,
			func(l *scenario.LinkDir) float64 { return float64(l.ReorderGap) }, func(l *scenario.LinkDir, v float64) { l.ReorderGap = int(v) })
		numField("corrupt", "corrupt", 100, 30, 0.5,
			func(l *scenario.LinkDir) float64 { return l.Corrupt }, func(l *scenario.LinkDir, v float64) { l.Corrupt = v })
		// The first outage (the format allows scenario.MaxOutages; the
		// editor shows one, and keeps the others as they are). "until" 0
		// removes it; "from" on a link without one adds a second of
		// outage, which "until" then adjusts.
		numField("outages[0].from_ms", "down.from", 600000, 5000, 10,
			func(l *scenario.LinkDir) float64 {
				if len(l.Outages) == 0 {
					return 0
				}
				return l.Outages[0].FromMS
			}, func(l *scenario.LinkDir, v float64) {
				switch {
				case len(l.Outages) > 0:
					l.Outages[0].FromMS = v
				case v != 0:
					l.Outages = []scenario.Outage{{FromMS: v, ToMS: v + 1000}}
				}
			})
		numField("outages[0].to_ms", "down.to", 600000, 5000, 10,
			func(l *scenario.LinkDir) float64 {
				if len(l.Outages) == 0 {
					return 0
				}
				return l.Outages[0].ToMS
			}, func(l *scenario.LinkDir, v float64) {
				switch {
				case v == 0 && len(l.Outages) > 0:
					l.Outages = slices.Delete(l.Outages, 0, 1)
				case len(l.Outages) > 0:
					l.Outages[0].ToMS = v
				case v != 0:
					l.Outages = []scenario.Outage{{ToMS: v}}
				}
			})
	}
	for side, name := range []string{"a", "b"} {
		p := "connections[" + strconv.Itoa(conn) + "]." + name + "."
		ep := func(sc *scenario.Scenario) *scenario.Endpoint { return &sc.Connections[conn].Endpoints[side] }
		cfg := func(sc *scenario.Scenario) tcp.Config { return ep(sc).Config() }
		more = false
		add(Field{ID: p + "profile", Label: "profile", Kind: Choice, Choices: []string{"rfc", "linux"},
			Get: func(sc *scenario.Scenario) string {
				if ep(sc).Profile == tcp.ProfileLinux {
					return "linux"
				}
				return "rfc"
			},
			Set: func(sc *scenario.Scenario, v string) error {
				switch v {
				case "rfc":
					ep(sc).Profile = tcp.ProfileRFC
				case "linux":
					ep(sc).Profile = tcp.ProfileLinux
				default:
					return &scenario.Error{Path: p + "profile", Kind: scenario.ErrNotAllowed, Args: []string{strconv.Quote(v), "rfc, linux"}}
				}
				return nil
			}})
		choice := func(key, label string, choices []string, get func(tcp.Config) int, opt func(*scenario.Options) **string) {
			id := p + key
			add(Field{ID: id, Label: label, Kind: Choice, Choices: choices,
				Get: func(sc *scenario.Scenario) string { return choices[get(cfg(sc))] },
				Set: func(sc *scenario.Scenario, v string) error {
					if !slices.Contains(choices, v) {
						return &scenario.Error{Path: id, Kind: scenario.ErrNotAllowed, Args: []string{strconv.Quote(v), strings.Join(choices, ", ")}}
					}
					*opt(&ep(sc).Options) = scenario.String(v)
					return nil
				}})
		}
		choice("cc", "cc", []string{"reno", "cubic"}, func(c tcp.Config) int { return int(c.CongestionControl) },
			func(o *scenario.Options) **string { return &o.CC })
		intField := func(key, label string, lo, hi, sliderMax, step float64, get func(tcp.Config) int, opt func(*scenario.Options) **int) {
			id := p + key
			add(Field{ID: id, Label: label, Kind: Number, Min: lo, Max: hi, SliderMax: sliderMax, Step: step,
				Get: func(sc *scenario.Scenario) string { return strconv.Itoa(get(cfg(sc))) },
				Set: func(sc *scenario.Scenario, v string) error {
					x, err := num(v, id)
					if err == nil {
						*opt(&ep(sc).Options) = scenario.Int(int(x))
					}
					return err
				}})
		}
		// msField edits a duration option in whole milliseconds.
		msField := func(key, label string, lo, hi, sliderMax, step float64, get func(tcp.Config) time.Duration, opt func(*scenario.Options) **int) {
			intField(key, label, lo, hi, sliderMax, step, func(c tcp.Config) int { return int(get(c) / time.Millisecond) }, opt)
		}
		// Ranges from scenario's option table: mss 64..65495 (RFC 9293
		// §3.7.1), buffers 1..scenario.MaxBuffer.
		intField("mss", "mss", 64, 65495, 9000, 1, func(c tcp.Config) int { return c.MSS },
			func(o *scenario.Options) **int { return &o.MSS })
		intField("sndbuf", "sndbuf", 1, scenario.MaxBuffer, 1<<20, 1024, func(c tcp.Config) int { return c.SendBufferSize },
			func(o *scenario.Options) **int { return &o.SendBuffer })
		intField("rcvbuf", "rcvbuf", 1, scenario.MaxBuffer, 1<<20, 1024, func(c tcp.Config) int { return c.RecvBufferSize },
			func(o *scenario.Options) **int { return &o.RecvBuffer })
		toggle := func(key, label string, get func(tcp.Config) bool, opt func(*scenario.Options) **bool, invert bool) {
			id := p + key
			add(Field{ID: id, Label: label, Kind: Toggle,
				Get: func(sc *scenario.Scenario) string { return strconv.FormatBool(get(cfg(sc)) != invert) },
				Set: func(sc *scenario.Scenario, v string) error {
					b, err := parseBool(v, id)
					if err == nil {
						*opt(&ep(sc).Options) = scenario.Bool(b != invert)
					}
					return err
				}})
		}
		toggle("sack", "sack", func(c tcp.Config) bool { return c.SACK }, func(o *scenario.Options) **bool { return &o.SACK }, false)
		toggle("timestamps", "timestamps", func(c tcp.Config) bool { return c.Timestamps }, func(o *scenario.Options) **bool { return &o.Timestamps }, false)
		toggle("wscale", "wscale", func(c tcp.Config) bool { return c.WindowScale }, func(o *scenario.Options) **bool { return &o.WindowScale }, false)
		// Nagle's algorithm is on unless nodelay (TCP_NODELAY) is set.
		toggle("nodelay", "nagle", func(c tcp.Config) bool { return c.NoDelay }, func(o *scenario.Options) **bool { return &o.NoDelay }, true)
		toggle("delack", "delack", func(c tcp.Config) bool { return c.DelayedACK }, func(o *scenario.Options) **bool { return &o.DelayedACK }, false)
		// The rest of scenario's option table: timers (RFC 6298 for the
		// RTO, RFC 9293 §3.8.6.3 for the delayed ACK's < 0.5 s), retry
		// limits (§3.8.3's R1 and R2), MSL, loss recovery, probes and
		// keep-alive, with the validator's ranges.
		more = true
		msField("delack_ms", "delack_ms", 1, 499, 499, 1, func(c tcp.Config) time.Duration { return c.DelayedACKTimeout },
			func(o *scenario.Options) **int { return &o.DelayedACKMS })
		msField("initial_rto_ms", "initial_rto", 1, 3600000, 5000, 10, func(c tcp.Config) time.Duration { return c.InitialRTO },
			func(o *scenario.Options) **int { return &o.InitialRTOMS })
		msField("min_rto_ms", "min_rto", 1, 600000, 2000, 10, func(c tcp.Config) time.Duration { return c.MinRTO },
			func(o *scenario.Options) **int { return &o.MinRTOMS })
		msField("max_rto_ms", "max_rto", 1, 3600000, 120000, 1000, func(c tcp.Config) time.Duration { return c.MaxRTO },
			func(o *scenario.Options) **int { return &o.MaxRTOMS })
		intField("syn_retries", "syn_retries", 0, 255, 10, 1, func(c tcp.Config) int { return c.SynRetries },
			func(o *scenario.Options) **int { return &o.SynRetries })
		intField("r1", "r1", 0, 1000, 20, 1, func(c tcp.Config) int { return c.R1 },
			func(o *scenario.Options) **int { return &o.R1 })
		intField("r2", "r2", 1, 1000, 20, 1, func(c tcp.Config) int { return c.R2 },
			func(o *scenario.Options) **int { return &o.R2 })
		msField("msl_ms", "msl", 1, 600000, 60000, 100, func(c tcp.Config) time.Duration { return c.MSL },
			func(o *scenario.Options) **int { return &o.MSLMS })
		choice("recovery", "recovery", []string{"reno", "newreno", "sack"}, func(c tcp.Config) int { return int(c.Recovery) },
			func(o *scenario.Options) **string { return &o.Recovery })
		toggle("limited_transmit", "limited_transmit", func(c tcp.Config) bool { return c.LimitedTransmit },
			func(o *scenario.Options) **bool { return &o.LimitedTransmit }, false)
		toggle("restart_after_idle", "restart_after_idle", func(c tcp.Config) bool { return c.RestartAfterIdle },
			func(o *scenario.Options) **bool { return &o.RestartAfterIdle }, false)
		intField("iw", "iw", 0, scenario.MaxBuffer, 65536, 1, func(c tcp.Config) int { return c.InitialWindow },
			func(o *scenario.Options) **int { return &o.InitialWindow })
		choice("probe", "probe", []string{"new_byte", "old_seq"}, func(c tcp.Config) int { return int(c.ProbeStyle) },
			func(o *scenario.Options) **string { return &o.Probe })
		msField("max_persist_ms", "max_persist", 1, 3600000, 300000, 1000, func(c tcp.Config) time.Duration { return c.MaxPersist },
			func(o *scenario.Options) **int { return &o.MaxPersistMS })
		toggle("keepalive", "keepalive", func(c tcp.Config) bool { return c.KeepAlive },
			func(o *scenario.Options) **bool { return &o.KeepAlive }, false)
		msField("keepalive_idle_ms", "ka_idle", 1, 86400000, 60000, 100, func(c tcp.Config) time.Duration { return c.KeepAliveIdle },
			func(o *scenario.Options) **int { return &o.KeepAliveIdleMS })
		msField("keepalive_interval_ms", "ka_interval", 1, 86400000, 60000, 100, func(c tcp.Config) time.Duration { return c.KeepAliveInterval },
			func(o *scenario.Options) **int { return &o.KeepAliveIntvlMS })
		intField("keepalive_probes", "ka_probes", 1, 1000, 20, 1, func(c tcp.Config) int { return c.KeepAliveProbes },
			func(o *scenario.Options) **int { return &o.KeepAliveProbes })
	}
	return fs
}

// distributions are the jitter distributions in link.Distribution's
// order, by their JSON names.
var distributions = []string{"uniform", "normal", "pareto", "paretonormal"}

func parseBool(v, id string) (bool, error) {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, &scenario.Error{Path: id, Kind: scenario.ErrNotBool, Args: []string{strconv.Quote(v)}}
	}
	return b, nil
}

// boolField is a checkbox for a plain bool of the scenario.
func boolField(id, label string, ptr func(*scenario.Scenario) *bool) Field {
	return Field{ID: id, Label: label, Kind: Toggle,
		Get: func(sc *scenario.Scenario) string { return strconv.FormatBool(*ptr(sc)) },
		Set: func(sc *scenario.Scenario, v string) error {
			b, err := parseBool(v, id)
			if err == nil {
				*ptr(sc) = b
			}
			return err
		}}
}
