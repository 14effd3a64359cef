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

// spec is a field without its accessors: the key after the field's prefix
// (its JSON name), label, kind and ranges. The fields are tables walked by
// buildFields, and their values are read and written by one switch per
// table (linkGet/linkSet, epGet/epOption) rather than a pair of closures
// each, which kept the page's wasm small (DESIGN.md's page budget).
type spec struct {
	key, label             string
	kind                   FieldKind
	min, max, slider, step float64
	more                   bool
	choices                []string
}

// linkSpecs are each link direction's fields. Ranges: link.MaxDelay and
// link.MaxJitter (one minute), percentages, rate 0 (unlimited) or
// link.MinRate..link.MaxRate bits per second (edited here in kbit/s),
// link.MaxQueueLimit packets, link.MaxReorderGap. (Outages are a list:
// AddOutage and its kin.)
var linkSpecs = []spec{
	{key: "delay_ms", label: "delay", max: 60000, slider: 500, step: 1},
	{key: "jitter_ms", label: "jitter", max: 60000, slider: 100, step: 1},
	{key: "loss", label: "loss", max: 100, slider: 30, step: 0.5},
	{key: "rate_bps", label: "rate", max: 1e9, slider: 100000, step: 100},
	{key: "queue_limit", label: "queue", max: 100000, slider: 200, step: 1},
	{key: "distribution", label: "distribution", kind: Choice, more: true, choices: distributions},
	{key: "keep_order", label: "keep_order", kind: Toggle, more: true},
	// Gilbert-Elliott burst loss, netem's "loss gemodel p r 1-h 1-k".
	{key: "burst_loss.p", label: "ge.p", max: 100, slider: 20, step: 0.5, more: true},
	{key: "burst_loss.r", label: "ge.r", max: 100, slider: 100, step: 1, more: true},
	{key: "burst_loss.1-h", label: "ge.1h", max: 100, slider: 100, step: 1, more: true},
	{key: "burst_loss.1-k", label: "ge.1k", max: 100, slider: 20, step: 0.5, more: true},
	{key: "duplicate", label: "duplicate", max: 100, slider: 30, step: 0.5, more: true},
	{key: "reorder", label: "reorder", max: 100, slider: 50, step: 1, more: true},
	{key: "reorder_gap", label: "reorder_gap", max: 1e6, slider: 20, step: 1, more: true},
	{key: "corrupt", label: "corrupt", max: 100, slider: 30, step: 0.5, more: true},
}

// epSpecs are each endpoint's fields after its profile, with the ranges
// of scenario's option table: mss 64..65495 (RFC 9293 §3.7.1), buffers
// 1..scenario.MaxBuffer, the delayed ACK under 0.5 s (RFC 9293 §3.8.6.3),
// RTO bounds (RFC 6298), R1 and R2 (RFC 9293 §3.8.3), MSL, recovery,
// probes and keep-alive.
var epSpecs = []spec{
	{key: "cc", label: "cc", kind: Choice, choices: []string{"reno", "cubic"}},
	{key: "mss", label: "mss", min: 64, max: 65495, slider: 9000, step: 1},
	{key: "sndbuf", label: "sndbuf", min: 1, max: scenario.MaxBuffer, slider: 1 << 20, step: 1024},
	{key: "rcvbuf", label: "rcvbuf", min: 1, max: scenario.MaxBuffer, slider: 1 << 20, step: 1024},
	{key: "sack", label: "sack", kind: Toggle},
	{key: "timestamps", label: "timestamps", kind: Toggle},
	{key: "wscale", label: "wscale", kind: Toggle},
	// Shown as Nagle's algorithm, which is on unless nodelay
	// (TCP_NODELAY) is set: epGet and Set invert it.
	{key: "nodelay", label: "nagle", kind: Toggle},
	{key: "delack", label: "delack", kind: Toggle},
	{key: "delack_ms", label: "delack_ms", min: 1, max: 499, slider: 499, step: 1, more: true},
	{key: "initial_rto_ms", label: "initial_rto", min: 1, max: 3600000, slider: 5000, step: 10, more: true},
	{key: "min_rto_ms", label: "min_rto", min: 1, max: 600000, slider: 2000, step: 10, more: true},
	{key: "max_rto_ms", label: "max_rto", min: 1, max: 3600000, slider: 120000, step: 1000, more: true},
	{key: "syn_retries", label: "syn_retries", max: 255, slider: 10, step: 1, more: true},
	{key: "r1", label: "r1", max: 1000, slider: 20, step: 1, more: true},
	{key: "r2", label: "r2", min: 1, max: 1000, slider: 20, step: 1, more: true},
	{key: "msl_ms", label: "msl", min: 1, max: 600000, slider: 60000, step: 100, more: true},
	{key: "recovery", label: "recovery", kind: Choice, more: true, choices: []string{"reno", "newreno", "sack"}},
	{key: "limited_transmit", label: "limited_transmit", kind: Toggle, more: true},
	{key: "restart_after_idle", label: "restart_after_idle", kind: Toggle, more: true},
	{key: "iw", label: "iw", max: scenario.MaxBuffer, slider: 65536, step: 1, more: true},
	{key: "probe", label: "probe", kind: Choice, more: true, choices: []string{"new_byte", "old_seq"}},
	{key: "max_persist_ms", label: "max_persist", min: 1, max: 3600000, slider: 300000, step: 1000, more: true},
	{key: "keepalive", label: "keepalive", kind: Toggle, more: true},
	{key: "keepalive_idle_ms", label: "ka_idle", min: 1, max: 86400000, slider: 60000, step: 100, more: true},
	{key: "keepalive_interval_ms", label: "ka_interval", min: 1, max: 86400000, slider: 60000, step: 100, more: true},
	{key: "keepalive_probes", label: "ka_probes", min: 1, max: 1000, slider: 20, step: 1, more: true},
}

// distributions are the jitter distributions in link.Distribution's
// order, by their JSON names.
var distributions = []string{"uniform", "normal", "pareto", "paretonormal"}

func (sp *spec) field(id string) Field {
	return Field{ID: id, Label: sp.label, Kind: sp.kind, Min: sp.min, Max: sp.max, SliderMax: sp.slider, Step: sp.step,
		More: sp.more, Choices: sp.choices}
}

// parse checks v is a value of the field's kind: a number, true or
// false, or one of the choices.
func (sp *spec) parse(id, v string) (float64, error) {
	switch sp.kind {
	case Toggle:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return 0, &scenario.Error{Path: id, Kind: scenario.ErrNotBool, Args: []string{strconv.Quote(v)}}
		}
		return map[bool]float64{true: 1}[b], nil
	case Choice:
		i := slices.Index(sp.choices, v)
		if i < 0 {
			return 0, &scenario.Error{Path: id, Kind: scenario.ErrNotAllowed, Args: []string{strconv.Quote(v), strings.Join(sp.choices, ", ")}}
		}
		return float64(i), nil
	}
	return num(v, id)
}

func buildFields(conn int) []Field {
	var fs []Field
	for d, dir := range []string{"a_to_b", "b_to_a"} {
		for i := range linkSpecs {
			sp := &linkSpecs[i]
			f := sp.field("link." + dir + "." + sp.key)
			f.Get = func(sc *scenario.Scenario) string { return linkGet(&sc.Link[d], sp.key) }
			f.Set = func(sc *scenario.Scenario, v string) error {
				x, err := sp.parse(f.ID, v)
				if err == nil {
					linkSet(&sc.Link[d], sp.key, x)
				}
				return err
			}
			fs = append(fs, f)
		}
	}
	for side, name := range []string{"a", "b"} {
		p := "connections[" + strconv.Itoa(conn) + "]." + name + "."
		ep := func(sc *scenario.Scenario) *scenario.Endpoint { return &sc.Connections[conn].Endpoints[side] }
		profile := spec{key: "profile", label: "profile", kind: Choice, choices: []string{"rfc", "linux"}}
		f := profile.field(p + "profile")
		f.Get = func(sc *scenario.Scenario) string { return profile.choices[min(int(ep(sc).Profile), 1)] }
		f.Set = func(sc *scenario.Scenario, v string) error {
			x, err := profile.parse(f.ID, v)
			if err == nil {
				ep(sc).Profile = tcp.Profile(x)
			}
			return err
		}
		fs = append(fs, f)
		for i := range epSpecs {
			sp := &epSpecs[i]
			f := sp.field(p + sp.key)
			f.Get = func(sc *scenario.Scenario) string {
				c := ep(sc).Config()
				return epGet(&c, sp)
			}
			f.Set = func(sc *scenario.Scenario, v string) error {
				x, err := sp.parse(f.ID, v)
				if err != nil {
					return err
				}
				switch o := epOption(&ep(sc).Options, sp.key).(type) {
				case **int:
					*o = scenario.Int(int(x))
				case **bool:
					*o = scenario.Bool((x != 0) != (sp.key == "nodelay"))
				case **string:
					*o = scenario.String(v)
				}
				return nil
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// linkGet is the value of a link field as the editor shows it.
func linkGet(l *scenario.LinkDir, key string) string {
	var v float64
	switch key {
	case "distribution":
		return l.Distribution.String()
	case "keep_order":
		return strconv.FormatBool(l.KeepOrder)
	case "rate_bps":
		v = float64(l.RateBPS) / 1000
	case "queue_limit":
		v = float64(l.QueueLimit)
	case "reorder_gap":
		v = float64(l.ReorderGap)
	default:
		v = *linkFloat(l, key)
	}
	return fmtNum(v)
}

// linkFloat is the percentage or time in milliseconds key names.
func linkFloat(l *scenario.LinkDir, key string) *float64 {
	switch key {
	case "delay_ms":
		return &l.DelayMS
	case "jitter_ms":
		return &l.JitterMS
	case "loss":
		return &l.Loss
	case "burst_loss.p":
		return &l.BurstLoss.P
	case "burst_loss.r":
		return &l.BurstLoss.R
	case "burst_loss.1-h":
		return &l.BurstLoss.OneMinusH
	case "burst_loss.1-k":
		return &l.BurstLoss.OneMinusK
	case "duplicate":
		return &l.Duplicate
	case "reorder":
		return &l.Reorder
	}
	return &l.Corrupt
}

// linkSet sets a link field to x (a choice's index, 1 for true).
func linkSet(l *scenario.LinkDir, key string, x float64) {
	switch key {
	case "distribution":
		l.Distribution = lnk.Distribution(x)
	case "keep_order":
		l.KeepOrder = x != 0
	case "rate_bps":
		l.RateBPS = int64(x * 1000)
	case "queue_limit":
		l.QueueLimit = int(x)
	case "reorder_gap":
		l.ReorderGap = int(x)
	case "burst_loss.p":
		// Turning burst loss on by its p fills in what tc fills in
		// (r = 100 − p, 1−h = 100 %): with the format's zeros the bad
		// state would lose nothing and the edit would seem to do
		// nothing.
		if l.BurstLoss == (scenario.BurstLoss{}) && x > 0 {
			l.BurstLoss = scenario.BurstLoss{R: 100 - x, OneMinusH: 100}
		}
		l.BurstLoss.P = x
	default:
		*linkFloat(l, key) = x
	}
}

// epGet is the value of an endpoint field in the endpoint's effective
// configuration (the profile's default when the option is not set).
func epGet(c *tcp.Config, sp *spec) string {
	var n int
	var d time.Duration
	switch sp.key {
	case "cc":
		n = int(c.CongestionControl)
	case "recovery":
		n = int(c.Recovery)
	case "probe":
		n = int(c.ProbeStyle)
	case "sack":
		return strconv.FormatBool(c.SACK)
	case "timestamps":
		return strconv.FormatBool(c.Timestamps)
	case "wscale":
		return strconv.FormatBool(c.WindowScale)
	case "nodelay":
		return strconv.FormatBool(!c.NoDelay)
	case "delack":
		return strconv.FormatBool(c.DelayedACK)
	case "limited_transmit":
		return strconv.FormatBool(c.LimitedTransmit)
	case "restart_after_idle":
		return strconv.FormatBool(c.RestartAfterIdle)
	case "keepalive":
		return strconv.FormatBool(c.KeepAlive)
	case "mss":
		n = c.MSS
	case "sndbuf":
		n = c.SendBufferSize
	case "rcvbuf":
		n = c.RecvBufferSize
	case "iw":
		n = c.InitialWindow
	case "syn_retries":
		n = c.SynRetries
	case "r1":
		n = c.R1
	case "r2":
		n = c.R2
	case "keepalive_probes":
		n = c.KeepAliveProbes
	case "delack_ms":
		d = c.DelayedACKTimeout
	case "initial_rto_ms":
		d = c.InitialRTO
	case "min_rto_ms":
		d = c.MinRTO
	case "max_rto_ms":
		d = c.MaxRTO
	case "msl_ms":
		d = c.MSL
	case "max_persist_ms":
		d = c.MaxPersist
	case "keepalive_idle_ms":
		d = c.KeepAliveIdle
	case "keepalive_interval_ms":
		d = c.KeepAliveInterval
	}
	if sp.kind == Choice {
		return sp.choices[n]
	}
	return strconv.Itoa(n + int(d/time.Millisecond))
}

// epOption is where the option key is set: a **int, **bool or **string
// of o.
func epOption(o *scenario.Options, key string) any {
	switch key {
	case "cc":
		return &o.CC
	case "recovery":
		return &o.Recovery
	case "probe":
		return &o.Probe
	case "mss":
		return &o.MSS
	case "sndbuf":
		return &o.SendBuffer
	case "rcvbuf":
		return &o.RecvBuffer
	case "sack":
		return &o.SACK
	case "timestamps":
		return &o.Timestamps
	case "wscale":
		return &o.WindowScale
	case "nodelay":
		return &o.NoDelay
	case "delack":
		return &o.DelayedACK
	case "delack_ms":
		return &o.DelayedACKMS
	case "initial_rto_ms":
		return &o.InitialRTOMS
	case "min_rto_ms":
		return &o.MinRTOMS
	case "max_rto_ms":
		return &o.MaxRTOMS
	case "syn_retries":
		return &o.SynRetries
	case "r1":
		return &o.R1
	case "r2":
		return &o.R2
	case "msl_ms":
		return &o.MSLMS
	case "limited_transmit":
		return &o.LimitedTransmit
	case "restart_after_idle":
		return &o.RestartAfterIdle
	case "iw":
		return &o.InitialWindow
	case "max_persist_ms":
		return &o.MaxPersistMS
	case "keepalive":
		return &o.KeepAlive
	case "keepalive_idle_ms":
		return &o.KeepAliveIdleMS
	case "keepalive_interval_ms":
		return &o.KeepAliveIntvlMS
	}
	return &o.KeepAliveProbes
}
