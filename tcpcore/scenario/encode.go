package scenario

import (
	"strconv"

	"tcpplayground/tcpcore/link"
)

// Marshal returns the canonical encoding of sc: compact JSON with fields in
// a fixed order, optional fields left out when absent or zero, numbers in
// their shortest form. Decode(Marshal(sc)) gives back sc for any valid sc,
// and equal scenarios have equal bytes.
func Marshal(sc *Scenario) []byte {
	w := &writer{}
	w.open('{')
	w.key("version")
	w.int(int64(sc.Version))
	w.key("title")
	w.text(sc.Title)
	if sc.Description != (Text{}) {
		w.key("description")
		w.text(sc.Description)
	}
	w.key("seed")
	w.sep()
	w.b = strconv.AppendUint(w.b, sc.Seed, 10)
	if sc.DurationMS != 0 {
		w.key("duration_ms")
		w.float(sc.DurationMS)
	}
	w.key("hosts")
	w.open('{')
	w.key("a")
	w.addr(sc.Hosts[A])
	w.key("b")
	w.addr(sc.Hosts[B])
	w.close('}')
	w.key("link")
	w.open('{')
	w.key("a_to_b")
	w.linkDir(&sc.Link[A])
	w.key("b_to_a")
	w.linkDir(&sc.Link[B])
	w.close('}')
	w.key("connections")
	w.open('[')
	for i := range sc.Connections {
		w.connection(&sc.Connections[i])
	}
	w.close(']')
	if len(sc.Faults) > 0 {
		w.key("faults")
		w.open('[')
		for i := range sc.Faults {
			w.fault(&sc.Faults[i])
		}
		w.close(']')
	}
	w.close('}')
	return w.b
}

// Validate checks a scenario built in Go by the rules Decode applies to a
// document, returning the same *Error with JSON paths.
func (sc *Scenario) Validate() error {
	_, err := Decode(Marshal(sc))
	return err
}

// writer appends compact JSON, putting commas between members.
type writer struct {
	b     []byte
	comma bool
}

// sep writes the comma before a value that follows another. It, open,
// close and bool are kept out of line (go:noinline) for the size of the
// page's wasm, as decoder.fail is.
//
//go:noinline
func (w *writer) sep() {
	if w.comma {
		w.b = append(w.b, ',')
	}
	w.comma = true
}

//go:noinline
func (w *writer) open(c byte) {
	w.sep()
	w.b = append(w.b, c)
	w.comma = false
}

//go:noinline
func (w *writer) close(c byte) {
	w.b = append(w.b, c)
	w.comma = true
}

func (w *writer) key(k string) {
	w.sep()
	w.b = strconv.AppendQuote(w.b, k)
	w.b = append(w.b, ':')
	w.comma = false
}

func (w *writer) int(v int64) {
	w.sep()
	w.b = strconv.AppendInt(w.b, v, 10)
}

func (w *writer) float(v float64) {
	w.sep()
	w.b = strconv.AppendFloat(w.b, v, 'f', -1, 64)
}

//go:noinline
func (w *writer) bool(v bool) {
	w.sep()
	w.b = strconv.AppendBool(w.b, v)
}

// str writes a JSON string. strconv.AppendQuote's escapes (\x, \U) are
// not JSON, so this escapes by hand: quote, backslash and control
// characters; everything else is written as UTF-8.
func (w *writer) str(s string) {
	w.sep()
	const hex = "0123456789abcdef"
	w.b = append(w.b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.b = append(w.b, '\\', c)
		case c == '\n':
			w.b = append(w.b, '\\', 'n')
		case c < 0x20:
			w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			w.b = append(w.b, c)
		}
	}
	w.b = append(w.b, '"')
}

func (w *writer) text(t Text) {
	w.open('{')
	w.key("en")
	w.str(t.EN)
	if t.ZH != "" {
		w.key("zh")
		w.str(t.ZH)
	}
	w.close('}')
}

func (w *writer) addr(a [4]byte) { w.str(ipString(a)) }

// ipString writes an IPv4 address in dotted decimal (RFC 791 §3.2's
// notation, as net/netip prints it).
func ipString(a [4]byte) string {
	return strconv.Itoa(int(a[0])) + "." + strconv.Itoa(int(a[1])) + "." + strconv.Itoa(int(a[2])) + "." + strconv.Itoa(int(a[3]))
}

// parseIPv4 reads the dotted decimal form ipString writes: four decimal
// fields 0..255 without leading zeros, what net/netip.ParseAddr accepts as
// an IPv4 address (this package does not import net/netip, whose tables
// cost the page's wasm about 9 KB brotli).
func parseIPv4(s string) ([4]byte, bool) {
	var a [4]byte
	field, digits := 0, 0
	v := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || field == 3 && i < len(s) {
				return [4]byte{}, false
			}
			a[field] = byte(v)
			field, digits, v = field+1, 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits > 0 && v == 0 {
			return [4]byte{}, false
		}
		v = v*10 + int(c-'0')
		digits++
		if v > 255 {
			return [4]byte{}, false
		}
	}
	if field != 4 {
		return [4]byte{}, false
	}
	return a, true
}

func (w *writer) optFloat(k string, v float64) {
	if v != 0 {
		w.key(k)
		w.float(v)
	}
}

func (w *writer) linkDir(l *LinkDir) {
	w.open('{')
	w.optFloat("delay_ms", l.DelayMS)
	w.optFloat("jitter_ms", l.JitterMS)
	if l.Distribution != link.Uniform {
		w.key("distribution")
		w.str(l.Distribution.String())
	}
	if l.KeepOrder {
		w.key("keep_order")
		w.bool(true)
	}
	if l.RateBPS != 0 {
		w.key("rate_bps")
		w.int(l.RateBPS)
	}
	if l.QueueLimit != 0 {
		w.key("queue_limit")
		w.int(int64(l.QueueLimit))
	}
	w.optFloat("loss", l.Loss)
	if l.BurstLoss != (BurstLoss{}) {
		w.key("burst_loss")
		w.open('{')
		w.optFloat("p", l.BurstLoss.P)
		w.optFloat("r", l.BurstLoss.R)
		w.optFloat("1-h", l.BurstLoss.OneMinusH)
		w.optFloat("1-k", l.BurstLoss.OneMinusK)
		w.close('}')
	}
	w.optFloat("duplicate", l.Duplicate)
	w.optFloat("reorder", l.Reorder)
	if l.ReorderGap != 0 {
		w.key("reorder_gap")
		w.int(int64(l.ReorderGap))
	}
	w.optFloat("corrupt", l.Corrupt)
	if len(l.Outages) > 0 {
		w.key("outages")
		w.open('[')
		for _, o := range l.Outages {
			w.open('{')
			w.key("from_ms")
			w.float(o.FromMS)
			w.key("to_ms")
			w.float(o.ToMS)
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func (w *writer) endpoint(e *Endpoint) {
	w.open('{')
	w.key("port")
	w.int(int64(e.Port))
	if int(e.Profile) != 0 {
		w.key("profile")
		if int(e.Profile) < len(profileNames) {
			w.str(profileNames[e.Profile])
		} else {
			w.str("?")
		}
	}
	for _, o := range optSpecs {
		switch {
		case o.i != nil:
			if p := *o.i(&e.Options); p != nil {
				w.key(o.name)
				w.int(int64(*p))
			}
		case o.b != nil:
			if p := *o.b(&e.Options); p != nil {
				w.key(o.name)
				w.bool(*p)
			}
		case o.s != nil:
			if p := *o.s(&e.Options); p != nil {
				w.key(o.name)
				w.str(*p)
			}
		}
	}
	w.close('}')
}

func (w *writer) connection(c *Connection) {
	w.open('{')
	w.key("a")
	w.endpoint(&c.Endpoints[A])
	w.key("b")
	w.endpoint(&c.Endpoints[B])
	w.key("timeline")
	w.open('[')
	for _, a := range c.Timeline {
		w.open('{')
		w.key("at_ms")
		w.float(a.AtMS)
		w.key("side")
		w.str([]string{"A", "B", "?"}[min(uint(a.Side), 2)])
		w.key("action")
		w.str(a.Kind.String())
		if a.Kind == Write {
			if a.Text != "" {
				w.key("text")
				w.str(a.Text)
			} else {
				w.key("bytes")
				w.int(int64(a.Bytes))
			}
		}
		w.close('}')
	}
	w.close(']')
	w.close('}')
}

func (w *writer) fault(f *Fault) {
	w.open('{')
	if f.Conn != 0 {
		w.key("conn")
		w.int(int64(f.Conn))
	}
	w.key("dir")
	w.str([]string{"A>B", "B>A", "?"}[min(uint(f.Dir), 2)])
	switch {
	case f.Segment != 0:
		w.key("segment")
		w.int(int64(f.Segment))
	case f.Data != 0:
		w.key("data")
		w.int(int64(f.Data))
	default:
		w.key("flags")
		w.str(f.Flags)
	}
	if f.Nth != 0 {
		w.key("nth")
		w.int(int64(f.Nth))
	}
	if f.Every {
		w.key("every")
		w.bool(true)
	}
	w.key("action")
	w.str(f.Action.String())
	if f.Action == FaultDelay {
		w.key("delay_ms")
		w.float(f.DelayMS)
	}
	w.close('}')
}
