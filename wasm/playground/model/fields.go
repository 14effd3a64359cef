package model

import (
	"strconv"
	"strings"

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
	Get       func(sc *scenario.Scenario) string
	Set       func(sc *scenario.Scenario, v string) error
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
		return 0, &scenario.Error{Path: id, Msg: strconv.Quote(v) + " is not a number"}
	}
	return x, nil
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func buildFields(conn int) []Field {
	var fs []Field
	for d, dir := range []string{"a_to_b", "b_to_a"} {
		p := "link." + dir + "."
		link := func(sc *scenario.Scenario) *scenario.LinkDir { return &sc.Link[d] }
		numField := func(key, label string, max, sliderMax, step float64, get func(*scenario.LinkDir) float64, set func(*scenario.LinkDir, float64)) {
			id := p + key
			fs = append(fs, Field{ID: id, Label: label, Kind: Number, Max: max, SliderMax: sliderMax, Step: step,
				Get: func(sc *scenario.Scenario) string { return fmtNum(get(link(sc))) },
				Set: func(sc *scenario.Scenario, v string) error {
					x, err := num(v, id)
					if err == nil {
						set(link(sc), x)
					}
					return err
				}})
		}
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
	}
	for side, name := range []string{"a", "b"} {
		p := "connections[" + strconv.Itoa(conn) + "]." + name + "."
		ep := func(sc *scenario.Scenario) *scenario.Endpoint { return &sc.Connections[conn].Endpoints[side] }
		cfg := func(sc *scenario.Scenario) tcp.Config { return ep(sc).Config() }
		fs = append(fs, Field{ID: p + "profile", Label: "profile", Kind: Choice, Choices: []string{"rfc", "linux"},
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
					return &scenario.Error{Path: p + "profile", Msg: strconv.Quote(v) + " is not one of rfc, linux"}
				}
				return nil
			}})
		choice := func(key, label string, choices []string, get func(tcp.Config) string, opt func(*scenario.Options) **string) {
			id := p + key
			fs = append(fs, Field{ID: id, Label: label, Kind: Choice, Choices: choices,
				Get: func(sc *scenario.Scenario) string { return get(cfg(sc)) },
				Set: func(sc *scenario.Scenario, v string) error {
					*opt(&ep(sc).Options) = scenario.String(v)
					return nil
				}})
		}
		choice("cc", "cc", []string{"reno", "cubic"}, func(c tcp.Config) string { return c.CongestionControl.String() },
			func(o *scenario.Options) **string { return &o.CC })
		intField := func(key, label string, lo, hi, sliderMax, step float64, get func(tcp.Config) int, opt func(*scenario.Options) **int) {
			id := p + key
			fs = append(fs, Field{ID: id, Label: label, Kind: Number, Min: lo, Max: hi, SliderMax: sliderMax, Step: step,
				Get: func(sc *scenario.Scenario) string { return strconv.Itoa(get(cfg(sc))) },
				Set: func(sc *scenario.Scenario, v string) error {
					x, err := num(v, id)
					if err == nil {
						*opt(&ep(sc).Options) = scenario.Int(int(x))
					}
					return err
				}})
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
			fs = append(fs, Field{ID: id, Label: label, Kind: Toggle,
				Get: func(sc *scenario.Scenario) string { return strconv.FormatBool(get(cfg(sc)) != invert) },
				Set: func(sc *scenario.Scenario, v string) error {
					b, err := strconv.ParseBool(v)
					if err != nil {
						return &scenario.Error{Path: id, Msg: strconv.Quote(v) + " is not true or false"}
					}
					*opt(&ep(sc).Options) = scenario.Bool(b != invert)
					return nil
				}})
		}
		toggle("sack", "sack", func(c tcp.Config) bool { return c.SACK }, func(o *scenario.Options) **bool { return &o.SACK }, false)
		toggle("timestamps", "timestamps", func(c tcp.Config) bool { return c.Timestamps }, func(o *scenario.Options) **bool { return &o.Timestamps }, false)
		toggle("wscale", "wscale", func(c tcp.Config) bool { return c.WindowScale }, func(o *scenario.Options) **bool { return &o.WindowScale }, false)
		// Nagle's algorithm is on unless nodelay (TCP_NODELAY) is set.
		toggle("nodelay", "nagle", func(c tcp.Config) bool { return c.NoDelay }, func(o *scenario.Options) **bool { return &o.NoDelay }, true)
		toggle("delack", "delack", func(c tcp.Config) bool { return c.DelayedACK }, func(o *scenario.Options) **bool { return &o.DelayedACK }, false)
	}
	return fs
}
