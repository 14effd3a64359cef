package scenario

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"tcpplayground/tcpcore/link"
	"tcpplayground/tcpcore/tcp"
)

// node is a parsed JSON value. Objects keep their keys in document order.
type node struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	keys  []string
	vals  []*node
	elems []*node
	text  string // string value, or the number as written
	b     bool
}

// joinKey is the path of a field of the object at path.
//
//go:noinline
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe names a JSON value for an error message: its text when short.
func describe(n *node) string {
	switch n.kind {
	case 's':
		s := n.text
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return strconv.Quote(s)
	case 'n':
		return n.text
	case 'b':
		return strconv.FormatBool(n.b)
	case 'z':
		return "null"
	case 'o':
		return "an object"
	}
	return "an array"
}

// decoder walks the tree; the first error sticks and later calls do nothing.
type decoder struct{ err error }

// fail records the first error. It and required and joinKey are kept out
// of line (go:noinline): inlined at their many call sites they were about
// 3 KB brotli of the page's wasm (DESIGN.md's page budget).
//
//go:noinline
func (d *decoder) fail(path string, kind ErrKind, args ...string) {
	if d.err == nil {
		for i, a := range args {
			args[i] = clipNumber(a)
		}
		d.err = &Error{Path: clipText(path, maxErrPath), Kind: kind, Args: args}
	}
}

// An error quotes what the document says, clipped: a hostile document's
// 60 000-digit number or 60 000-byte key would otherwise come back whole
// in the error, in the page's error box and the short-link worker's
// answer. Every real path and number fits.
const (
	maxErrPath   = 120
	maxErrNumber = 40
)

// clipNumber clips the text of a JSON number longer than maxErrNumber.
// Other arguments (lists of allowed names, limits) stay whole; quoted
// strings are already clipped by describe.
func clipNumber(a string) string {
	if len(a) <= maxErrNumber || strings.TrimLeft(a, "0123456789+-.eE") != "" {
		return a
	}
	return a[:maxErrNumber-3] + "..."
}

// clipText clips s to at most n bytes, at a UTF-8 character boundary.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

// object checks n is an object with only the allowed keys and returns a
// lookup for them; absent keys give nil.
func (d *decoder) object(n *node, path string, allowed ...string) func(string) *node {
	none := func(string) *node { return nil }
	if d.err != nil {
		return none
	}
	if n.kind != 'o' {
		d.fail(path, ErrNotObject, describe(n))
		return none
	}
	for _, k := range n.keys {
		if !slices.Contains(allowed, k) {
			d.fail(joinKey(path, k), ErrUnknownField, strings.Join(allowed, ", "))
			return none
		}
	}
	return func(key string) *node {
		if i := slices.Index(n.keys, key); i >= 0 {
			return n.vals[i]
		}
		return nil
	}
}

// required fails when n is absent.
//
//go:noinline
func (d *decoder) required(n *node, path string) bool {
	if n == nil && d.err == nil {
		d.fail(path, ErrMissing)
	}
	return n != nil && d.err == nil
}

func (d *decoder) array(n *node, path string, max int) []*node {
	if n == nil || d.err != nil {
		return nil
	}
	if n.kind != 'a' {
		d.fail(path, ErrNotArray, describe(n))
		return nil
	}
	if len(n.elems) > max {
		d.fail(path, ErrTooMany, strconv.Itoa(len(n.elems)), strconv.Itoa(max))
		return nil
	}
	return n.elems
}

// integer reads a whole number in lo..hi; absent gives def.
func (d *decoder) integer(n *node, path string, lo, hi int64, def int64) int64 {
	if n == nil || d.err != nil {
		return def
	}
	l, h := strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10)
	if n.kind != 'n' {
		d.fail(path, ErrWantInt, describe(n), l, h)
		return def
	}
	v, err := strconv.ParseInt(n.text, 10, 64)
	if err != nil {
		d.fail(path, ErrNotInt, n.text, l, h)
		return def
	}
	if v < lo || v > hi {
		d.fail(path, ErrRange, n.text, l, h)
		return def
	}
	return v
}

// number reads a finite number in lo..hi; absent gives 0.
func (d *decoder) number(n *node, path string, lo, hi float64) float64 {
	if n == nil || d.err != nil {
		return 0
	}
	l, h := formatFloat(lo), formatFloat(hi)
	if n.kind != 'n' {
		d.fail(path, ErrWantNumber, describe(n), l, h)
		return 0
	}
	v, err := strconv.ParseFloat(n.text, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		d.fail(path, ErrNotNumberIn, n.text, l, h)
		return 0
	}
	if v < lo || v > hi {
		d.fail(path, ErrRange, n.text, l, h)
		return 0
	}
	if v == 0 {
		v = 0 // no negative zero: it would not round-trip as "0"
	}
	return v
}

func (d *decoder) boolean(n *node, path string) bool {
	if n == nil || d.err != nil {
		return false
	}
	if n.kind != 'b' {
		d.fail(path, ErrNotBool, describe(n))
		return false
	}
	return n.b
}

func (d *decoder) str(n *node, path string, maxLen int) string {
	if n == nil || d.err != nil {
		return ""
	}
	if n.kind != 's' {
		d.fail(path, ErrNotString, describe(n))
		return ""
	}
	if len(n.text) > maxLen {
		d.fail(path, ErrTooLong, strconv.Itoa(len(n.text)), strconv.Itoa(maxLen))
		return ""
	}
	return n.text
}

// enum reads one of names and returns its index; absent gives -1.
func (d *decoder) enum(n *node, path string, names []string) int {
	if n == nil || d.err != nil {
		return -1
	}
	want := strings.Join(names, ", ")
	if n.kind != 's' {
		d.fail(path, ErrWantString, describe(n), want)
		return -1
	}
	i := slices.Index(names, n.text)
	if i < 0 {
		d.fail(path, ErrNotAllowed, describe(n), want)
	}
	return i
}

// Decode parses and validates a scenario document.
func Decode(data []byte) (*Scenario, error) {
	root, err := parse(data)
	if err != nil {
		return nil, err
	}
	d := &decoder{}
	sc := d.scenario(root)
	if d.err != nil {
		return nil, d.err
	}
	return sc, nil
}

func (d *decoder) scenario(root *node) *Scenario {
	get := d.object(root, "", "version", "title", "description", "seed", "duration_ms", "hosts", "link", "connections", "faults")
	sc := &Scenario{}
	if d.required(get("version"), "version") {
		// A document from a newer page (a link or a file made after the
		// format moved on) asks for a reload, not for a smaller number.
		if n := get("version"); n.kind == 'n' {
			if v, err := strconv.ParseInt(n.text, 10, 64); err == nil && v > Version {
				d.fail("version", ErrNewerVersion, n.text, strconv.Itoa(Version))
			}
		}
		sc.Version = int(d.integer(get("version"), "version", Version, Version, 0))
	}
	if d.required(get("title"), "title") {
		sc.Title = d.text(get("title"), "title", MaxTitleLen, true)
	}
	if n := get("description"); n != nil {
		sc.Description = d.text(n, "description", MaxDescLen, false)
	}
	if n := get("seed"); n != nil && d.err == nil {
		if n.kind != 'n' {
			d.fail("seed", ErrWantInt, describe(n), "0", maxSeed)
		} else if v, err := strconv.ParseUint(n.text, 10, 64); err != nil {
			d.fail("seed", ErrRangeInt, n.text, "0", maxSeed)
		} else {
			sc.Seed = v
		}
	}
	sc.DurationMS = d.number(get("duration_ms"), "duration_ms", 0, float64(MaxDuration.Milliseconds()))
	if sc.DurationMS == 0 && get("duration_ms") != nil && d.err == nil {
		d.fail("duration_ms", ErrDurationZero)
	}
	sc.Hosts = [2][4]byte{{10, 0, 0, 1}, {10, 0, 0, 2}}
	if n := get("hosts"); n != nil {
		h := d.object(n, "hosts", "a", "b")
		for i, k := range []string{"a", "b"} {
			if v := h(k); v != nil {
				sc.Hosts[i] = d.addr(v, "hosts."+k)
			}
		}
		if d.err == nil && sc.Hosts[A] == sc.Hosts[B] {
			ip := sc.Hosts[B]
			d.fail("hosts.b", ErrSameHost, strconv.Quote(ipString(ip)))
		}
	}
	if n := get("link"); n != nil {
		l := d.object(n, "link", "a_to_b", "b_to_a")
		for i, k := range []string{"a_to_b", "b_to_a"} {
			if v := l(k); v != nil {
				sc.Link[i] = d.linkDir(v, "link."+k)
			}
		}
	}
	if d.required(get("connections"), "connections") {
		conns := d.array(get("connections"), "connections", MaxConnections)
		if len(conns) == 0 && d.err == nil {
			d.fail("connections", ErrNoConnections, strconv.Itoa(MaxConnections))
		}
		for i, c := range conns {
			sc.Connections = append(sc.Connections, d.connection(c, "connections["+strconv.Itoa(i)+"]"))
		}
	}
	for i, f := range d.array(get("faults"), "faults", MaxFaults) {
		sc.Faults = append(sc.Faults, d.fault(f, "faults["+strconv.Itoa(i)+"]", len(sc.Connections)))
	}
	d.crossChecks(sc)
	return sc
}

func (d *decoder) text(n *node, path string, maxLen int, needEN bool) Text {
	get := d.object(n, path, "en", "zh")
	if needEN {
		d.required(get("en"), path+".en")
	}
	return Text{EN: d.str(get("en"), path+".en", maxLen), ZH: d.str(get("zh"), path+".zh", maxLen)}
}

func (d *decoder) addr(n *node, path string) [4]byte {
	s := d.str(n, path, 15)
	if d.err != nil {
		return [4]byte{}
	}
	a, ok := parseIPv4(s)
	if !ok {
		d.fail(path, ErrNotIPv4, describe(n))
	}
	return a
}

var distributionNames = []string{"uniform", "normal", "pareto", "paretonormal"}

func (d *decoder) linkDir(n *node, path string) LinkDir {
	get := d.object(n, path, "delay_ms", "jitter_ms", "distribution", "keep_order", "rate_bps", "queue_limit",
		"loss", "burst_loss", "duplicate", "reorder", "reorder_gap", "corrupt", "outages")
	p := func(k string) string { return path + "." + k }
	maxDelay := float64(link.MaxDelay.Milliseconds())
	var l LinkDir
	l.DelayMS = d.number(get("delay_ms"), p("delay_ms"), 0, maxDelay)
	l.JitterMS = d.number(get("jitter_ms"), p("jitter_ms"), 0, float64(link.MaxJitter.Milliseconds()))
	if i := d.enum(get("distribution"), p("distribution"), distributionNames); i > 0 {
		l.Distribution = link.Distribution(i)
	}
	l.KeepOrder = d.boolean(get("keep_order"), p("keep_order"))
	if n := get("rate_bps"); n != nil {
		l.RateBPS = d.integer(n, p("rate_bps"), 0, link.MaxRate, 0)
		if l.RateBPS != 0 && l.RateBPS < link.MinRate && d.err == nil {
			d.fail(p("rate_bps"), ErrRate, n.text, strconv.Itoa(link.MinRate), strconv.FormatInt(link.MaxRate, 10))
		}
	}
	l.QueueLimit = int(d.integer(get("queue_limit"), p("queue_limit"), 0, link.MaxQueueLimit, 0))
	l.Loss = d.number(get("loss"), p("loss"), 0, 100)
	if n := get("burst_loss"); n != nil {
		g := d.object(n, p("burst_loss"), "p", "r", "1-h", "1-k")
		bp := p("burst_loss")
		l.BurstLoss = BurstLoss{
			P:         d.number(g("p"), bp+".p", 0, 100),
			R:         d.number(g("r"), bp+".r", 0, 100),
			OneMinusH: d.number(g("1-h"), bp+".1-h", 0, 100),
			OneMinusK: d.number(g("1-k"), bp+".1-k", 0, 100),
		}
	}
	l.Duplicate = d.number(get("duplicate"), p("duplicate"), 0, 100)
	l.Reorder = d.number(get("reorder"), p("reorder"), 0, 100)
	if l.Reorder > 0 && l.DelayMS == 0 && d.err == nil {
		d.fail(p("reorder"), ErrReorderNoDelay, describe(get("reorder")))
	}
	l.ReorderGap = int(d.integer(get("reorder_gap"), p("reorder_gap"), 0, link.MaxReorderGap, 0))
	l.Corrupt = d.number(get("corrupt"), p("corrupt"), 0, 100)
	maxMSf := float64(MaxDuration.Milliseconds())
	for i, o := range d.array(get("outages"), p("outages"), MaxOutages) {
		op := p("outages") + "[" + strconv.Itoa(i) + "]"
		g := d.object(o, op, "from_ms", "to_ms")
		d.required(g("from_ms"), op+".from_ms")
		d.required(g("to_ms"), op+".to_ms")
		w := Outage{FromMS: d.number(g("from_ms"), op+".from_ms", 0, maxMSf), ToMS: d.number(g("to_ms"), op+".to_ms", 0, maxMSf)}
		if d.err == nil && w.ToMS <= w.FromMS {
			d.fail(op+".to_ms", ErrNotAfter, g("to_ms").text, g("from_ms").text)
		}
		if d.err == nil && i > 0 && w.FromMS < l.Outages[i-1].ToMS {
			d.fail(op+".from_ms", ErrOverlap, g("from_ms").text)
		}
		l.Outages = append(l.Outages, w)
	}
	if d.err == nil {
		c := l.LinkConfig()
		if err := c.Validate(); err != nil && d.err == nil {
			d.err = &Error{Path: path, Kind: ErrLink, Err: err}
		}
	}
	return l
}

var profileNames = []string{"rfc", "linux"}

func (d *decoder) endpoint(n *node, path string) Endpoint {
	keys := []string{"port", "profile"}
	for _, o := range optSpecs {
		keys = append(keys, o.name)
	}
	get := d.object(n, path, keys...)
	var e Endpoint
	if d.required(get("port"), path+".port") {
		e.Port = uint16(d.integer(get("port"), path+".port", 1, 65535, 0))
	}
	if i := d.enum(get("profile"), path+".profile", profileNames); i > 0 {
		e.Profile = tcp.Profile(i)
	}
	for _, o := range optSpecs {
		v := get(o.name)
		if v == nil {
			continue
		}
		op := path + "." + o.name
		switch {
		case o.i != nil:
			x := int(d.integer(v, op, o.lo, o.hi, 0))
			*o.i(&e.Options) = &x
		case o.b != nil:
			x := d.boolean(v, op)
			*o.b(&e.Options) = &x
		case o.s != nil:
			if i := d.enum(v, op, o.enum); i >= 0 {
				x := o.enum[i]
				*o.s(&e.Options) = &x
			}
		}
	}
	if d.err != nil {
		return e
	}
	// Relations between fields, checked here so that the message names
	// the JSON field rather than tcp.Config's.
	c := e.Config()
	ms := func(v interface{ Milliseconds() int64 }) string { return strconv.FormatInt(v.Milliseconds(), 10) }
	switch {
	case c.R1 > c.R2:
		d.fail(path+".r1", ErrR1, strconv.Itoa(c.R1), strconv.Itoa(c.R2))
	case c.MaxRTO < c.MinRTO:
		d.fail(path+".max_rto_ms", ErrBelowMinRTO, ms(c.MaxRTO), ms(c.MinRTO))
	case c.InitialRTO < c.MinRTO || c.InitialRTO > c.MaxRTO:
		d.fail(path+".initial_rto_ms", ErrInitialRTO, ms(c.InitialRTO), ms(c.MinRTO), ms(c.MaxRTO))
	}
	return e
}

var actionJSON = actionNames[1:]

func (d *decoder) connection(n *node, path string) Connection {
	get := d.object(n, path, "a", "b", "timeline")
	var c Connection
	for i, k := range []string{"a", "b"} {
		if d.required(get(k), path+"."+k) {
			c.Endpoints[i] = d.endpoint(get(k), path+"."+k)
		}
	}
	maxMSf := float64(MaxDuration.Milliseconds())
	for i, a := range d.array(get("timeline"), path+".timeline", MaxActions) {
		ap := path + ".timeline[" + strconv.Itoa(i) + "]"
		g := d.object(a, ap, "at_ms", "side", "action", "bytes", "text")
		var act Action
		d.required(g("at_ms"), ap+".at_ms")
		act.AtMS = d.number(g("at_ms"), ap+".at_ms", 0, maxMSf)
		if d.required(g("side"), ap+".side") {
			act.Side = d.enum(g("side"), ap+".side", []string{"A", "B"})
		}
		if d.required(g("action"), ap+".action") {
			act.Kind = ActionKind(d.enum(g("action"), ap+".action", actionJSON) + 1)
		}
		if act.Kind == Write {
			switch {
			case g("bytes") != nil && g("text") != nil:
				d.fail(ap, ErrWriteBoth)
			case g("bytes") != nil:
				act.Bytes = int(d.integer(g("bytes"), ap+".bytes", 1, MaxTotalBytes, 0))
			case g("text") != nil:
				act.Text = d.str(g("text"), ap+".text", MaxTextWrite)
				if act.Text == "" {
					d.fail(ap+".text", ErrEmptyText, strconv.Itoa(MaxTextWrite))
				}
			default:
				d.fail(ap, ErrWriteNeither)
			}
		} else if d.err == nil {
			for _, k := range []string{"bytes", "text"} {
				if g(k) != nil {
					d.fail(ap+"."+k, ErrOnlyWrite, k)
				}
			}
		}
		if d.err == nil && i > 0 && act.AtMS < c.Timeline[i-1].AtMS {
			d.fail(ap+".at_ms", ErrTimeOrder, g("at_ms").text, formatFloat(c.Timeline[i-1].AtMS))
		}
		c.Timeline = append(c.Timeline, act)
	}
	if d.err == nil {
		d.checkTimeline(&c, path)
	}
	return c
}

// checkTimeline rejects impossible programs: each side opens (listen or
// connect) once, before anything that needs a connection; nothing follows
// close or abort; nothing is written after shutdown.
func (d *decoder) checkTimeline(c *Connection, path string) {
	var opened, shut, closed, stopped [2]bool
	for i, a := range c.Timeline {
		ap := path + ".timeline[" + strconv.Itoa(i) + "]"
		s := a.Side
		bad := func(k ErrKind) { d.fail(ap+".action", k, strconv.Quote(a.Kind.String())) }
		switch {
		case closed[s]:
			bad(ErrAfterClose)
		case a.Kind == Listen || a.Kind == Connect:
			if opened[s] {
				bad(ErrOpenTwice)
			}
			opened[s] = true
		case a.Kind == StopReading || a.Kind == ResumeReading:
			if stopped[s] == (a.Kind == StopReading) {
				bad(map[bool]ErrKind{true: ErrStoppedAlready, false: ErrReadingAlready}[stopped[s]])
			}
			stopped[s] = a.Kind == StopReading
		case !opened[s]:
			bad(ErrNotOpen)
		case a.Kind == Write && shut[s]:
			bad(ErrAfterShutdown)
		case a.Kind == Shutdown:
			if shut[s] {
				bad(ErrTwice)
			}
			shut[s] = true
		case a.Kind == Close || a.Kind == Abort:
			closed[s] = true
		}
		if d.err != nil {
			return
		}
	}
}

var flagLetters = "FSRPAUEW."

func (d *decoder) fault(n *node, path string, conns int) Fault {
	get := d.object(n, path, "conn", "dir", "segment", "data", "flags", "nth", "every", "action", "delay_ms")
	var f Fault
	f.Conn = int(d.integer(get("conn"), path+".conn", 0, int64(max(conns-1, 0)), 0))
	if d.required(get("dir"), path+".dir") {
		f.Dir = d.enum(get("dir"), path+".dir", []string{"A>B", "B>A"})
	}
	selectors := 0
	for _, k := range []string{"segment", "data", "flags"} {
		if get(k) != nil {
			selectors++
		}
	}
	if selectors != 1 && d.err == nil {
		d.fail(path, ErrOneSelector)
	}
	f.Segment = int(d.integer(get("segment"), path+".segment", 1, MaxSegments, 0))
	f.Data = int(d.integer(get("data"), path+".data", 1, MaxSegments, 0))
	if n := get("flags"); n != nil {
		f.Flags = d.str(n, path+".flags", 9)
		if d.err == nil && f.Flags == "" {
			d.fail(path+".flags", ErrFlagsEmpty)
		}
		for _, r := range f.Flags {
			if !strings.ContainsRune(flagLetters, r) && d.err == nil {
				d.fail(path+".flags", ErrFlagsBad, describe(n), strconv.QuoteRune(r))
			}
		}
	}
	f.Every = d.boolean(get("every"), path+".every")
	if get("nth") != nil {
		if f.Flags == "" && d.err == nil {
			d.fail(path+".nth", ErrNthNoFlags)
		}
		if f.Every && d.err == nil {
			d.fail(path+".nth", ErrNthEvery)
		}
		f.Nth = int(d.integer(get("nth"), path+".nth", 1, MaxSegments, 1))
	}
	if f.Every && f.Segment != 0 && d.err == nil {
		d.fail(path+".every", ErrEverySegment)
	}
	if d.required(get("action"), path+".action") {
		f.Action = FaultAction(d.enum(get("action"), path+".action", faultActionNames[1:]) + 1)
	}
	if f.Action == FaultDelay {
		if d.required(get("delay_ms"), path+".delay_ms") {
			f.DelayMS = d.number(get("delay_ms"), path+".delay_ms", 0, float64(link.MaxDelay.Milliseconds()))
			if f.DelayMS == 0 && d.err == nil {
				d.fail(path+".delay_ms", ErrDelayZero)
			}
		}
	} else if get("delay_ms") != nil && d.err == nil {
		d.fail(path+".delay_ms", ErrOnlyDelay)
	}
	return f
}

// crossChecks are the checks that span connections.
func (d *decoder) crossChecks(sc *Scenario) {
	if d.err != nil {
		return
	}
	total := 0
	for i, c := range sc.Connections {
		for j := range i {
			o := sc.Connections[j]
			if c.Endpoints[A].Port == o.Endpoints[A].Port && c.Endpoints[B].Port == o.Endpoints[B].Port {
				d.fail("connections["+strconv.Itoa(i)+"]", ErrSamePorts, strconv.Itoa(int(c.Endpoints[A].Port)),
					strconv.Itoa(int(c.Endpoints[B].Port)), strconv.Itoa(j))
				return
			}
		}
		for k, a := range c.Timeline {
			total += a.Len()
			if total > MaxTotalBytes {
				d.fail("connections["+strconv.Itoa(i)+"].timeline["+strconv.Itoa(k)+"]", ErrTotalBytes, strconv.Itoa(MaxTotalBytes))
				return
			}
		}
	}
}

// maxSeed is the largest seed, math.MaxUint64.
const maxSeed = "18446744073709551615"

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
