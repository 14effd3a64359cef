package pktdrill

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

// ParseError is a syntax or semantic error in a script, with its place.
type ParseError struct {
	Name string // the script's name (its file name)
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg) }

// maxLineLen bounds one script line; longer ones are an error, not a crash.
const maxLineLen = 4096

// maxScriptTime bounds any time a script names, so that the arithmetic on
// virtual time can never overflow.
const maxScriptTime = 24 * time.Hour

// Parse reads a script. name is used in error messages (usually the file
// name). The header comments ("// profile: linux") may appear anywhere before
// or between lines; any other comment is ignored.
func Parse(r io.Reader, name string) (*Script, error) {
	s := &Script{Name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), maxLineLen)
	num := 0
	for sc.Scan() {
		num++
		text := sc.Text()
		perr := func(format string, args ...any) error {
			return &ParseError{Name: name, Line: num, Msg: fmt.Sprintf(format, args...)}
		}
		body, comment, hasComment := strings.Cut(text, "//")
		if hasComment {
			if err := s.parseHeader(comment); err != nil {
				return nil, perr("%v", err)
			}
		}
		body = strings.TrimSpace(body)
		if body == "" {
			continue
		}
		line, err := parseLine(body)
		if err != nil {
			return nil, perr("%v", err)
		}
		line.Num, line.Text = num, body
		s.Lines = append(s.Lines, line)
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{Name: name, Line: num + 1, Msg: err.Error()}
	}
	return s, nil
}

// parseHeader handles a comment; only the known "key: value" forms are
// headers, everything else is a plain comment.
func (s *Script) parseHeader(comment string) error {
	key, value, ok := strings.Cut(strings.TrimSpace(comment), ":")
	if !ok {
		return nil
	}
	value = strings.TrimSpace(value)
	switch strings.TrimSpace(key) {
	case "profile":
		switch value {
		case "rfc":
			s.Profile = tcp.ProfileRFC
		case "linux":
			s.Profile = tcp.ProfileLinux
		default:
			return fmt.Errorf("profile %q: want rfc or linux", value)
		}
	case "config":
		for _, kv := range strings.Fields(value) {
			st, err := parseSetting(kv)
			if err != nil {
				return err
			}
			s.Settings = append(s.Settings, st)
		}
	case "iss":
		n, err := parseUint32(value)
		if err != nil {
			return fmt.Errorf("iss: %v", err)
		}
		s.ISS = n
	case "peer-iss":
		n, err := parseUint32(value)
		if err != nil {
			return fmt.Errorf("peer-iss: %v", err)
		}
		s.PeerISS = n
	case "description":
		s.Description = value
	case "known-failure":
		if value == "" {
			return fmt.Errorf("known-failure needs a reason")
		}
		s.KnownFailure = value
	case "tail":
		if value != "ignore" {
			return fmt.Errorf("tail %q: want ignore", value)
		}
		s.TailIgnore = true
	}
	return nil
}

func parseUint32(v string) (uint32, error) {
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number in 0..4294967295", v)
	}
	return uint32(n), nil
}

// parseSetting parses one "key=value" of a config header into a function
// that applies it to a tcp.Config.
func parseSetting(kv string) (Setting, error) {
	key, value, ok := strings.Cut(kv, "=")
	if !ok {
		return Setting{}, fmt.Errorf("config %q: want key=value", kv)
	}
	st := Setting{Key: key, Value: value}
	onOff := func(set func(c *tcp.Config, v bool)) error {
		switch value {
		case "on":
			st.apply = func(c *tcp.Config) { set(c, true) }
		case "off":
			st.apply = func(c *tcp.Config) { set(c, false) }
		default:
			return fmt.Errorf("config %s=%q: want on or off", key, value)
		}
		return nil
	}
	integer := func(set func(c *tcp.Config, n int)) error {
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > 1<<30 {
			return fmt.Errorf("config %s=%q: want a non-negative integer", key, value)
		}
		st.apply = func(c *tcp.Config) { set(c, n) }
		return nil
	}
	duration := func(set func(c *tcp.Config, d time.Duration)) error {
		d, err := parseDuration(value)
		if err != nil {
			return fmt.Errorf("config %s=%q: %v", key, value, err)
		}
		st.apply = func(c *tcp.Config) { set(c, d) }
		return nil
	}
	var err error
	switch key {
	case "mss":
		err = integer(func(c *tcp.Config, n int) { c.MSS = n })
	case "sndbuf":
		err = integer(func(c *tcp.Config, n int) { c.SendBufferSize = n })
	case "rcvbuf":
		err = integer(func(c *tcp.Config, n int) { c.RecvBufferSize = n })
	case "sack":
		err = onOff(func(c *tcp.Config, v bool) { c.SACK = v })
	case "ts":
		err = onOff(func(c *tcp.Config, v bool) { c.Timestamps = v })
	case "wscale":
		err = onOff(func(c *tcp.Config, v bool) { c.WindowScale = v })
	case "nodelay":
		err = onOff(func(c *tcp.Config, v bool) { c.NoDelay = v })
	case "delack":
		err = onOff(func(c *tcp.Config, v bool) { c.DelayedACK = v })
	case "delacktime":
		err = duration(func(c *tcp.Config, d time.Duration) { c.DelayedACKTimeout = d })
	case "cc":
		switch value {
		case "reno":
			st.apply = func(c *tcp.Config) { c.CongestionControl = cc.Reno }
		case "cubic":
			st.apply = func(c *tcp.Config) { c.CongestionControl = cc.CUBIC }
		default:
			err = fmt.Errorf("config cc=%q: want reno or cubic", value)
		}
	case "recovery":
		switch value {
		case "reno":
			st.apply = func(c *tcp.Config) { c.Recovery = tcp.RecoveryReno }
		case "newreno":
			st.apply = func(c *tcp.Config) { c.Recovery = tcp.RecoveryNewReno }
		case "sack":
			st.apply = func(c *tcp.Config) { c.Recovery = tcp.RecoverySACK }
		default:
			err = fmt.Errorf("config recovery=%q: want reno, newreno or sack", value)
		}
	case "lt":
		err = onOff(func(c *tcp.Config, v bool) { c.LimitedTransmit = v })
	case "idle":
		err = onOff(func(c *tcp.Config, v bool) { c.RestartAfterIdle = v })
	case "iw":
		err = integer(func(c *tcp.Config, n int) { c.InitialWindow = n })
	case "initrto":
		err = duration(func(c *tcp.Config, d time.Duration) { c.InitialRTO = d })
	case "minrto":
		err = duration(func(c *tcp.Config, d time.Duration) { c.MinRTO = d })
	case "maxrto":
		err = duration(func(c *tcp.Config, d time.Duration) { c.MaxRTO = d })
	case "synretries":
		err = integer(func(c *tcp.Config, n int) { c.SynRetries = n })
	case "r1":
		err = integer(func(c *tcp.Config, n int) { c.R1 = n })
	case "r2":
		err = integer(func(c *tcp.Config, n int) { c.R2 = n })
	case "msl":
		err = duration(func(c *tcp.Config, d time.Duration) { c.MSL = d })
	case "probe":
		switch value {
		case "newbyte":
			st.apply = func(c *tcp.Config) { c.ProbeStyle = tcp.ProbeNewByte }
		case "oldseq":
			st.apply = func(c *tcp.Config) { c.ProbeStyle = tcp.ProbeOldSeq }
		default:
			err = fmt.Errorf("config probe=%q: want newbyte or oldseq", value)
		}
	case "maxpersist":
		err = duration(func(c *tcp.Config, d time.Duration) { c.MaxPersist = d })
	case "keepalive":
		err = onOff(func(c *tcp.Config, v bool) { c.KeepAlive = v })
	case "kaidle":
		err = duration(func(c *tcp.Config, d time.Duration) { c.KeepAliveIdle = d })
	case "kaintvl":
		err = duration(func(c *tcp.Config, d time.Duration) { c.KeepAliveInterval = d })
	case "kaprobes":
		err = integer(func(c *tcp.Config, n int) { c.KeepAliveProbes = n })
	case "tsoffset":
		n, perr := parseUint32(value)
		if perr != nil {
			err = fmt.Errorf("config tsoffset: %v", perr)
		}
		st.apply = func(c *tcp.Config) { c.TSOffset = n }
	default:
		err = fmt.Errorf("config: unknown key %q", key)
	}
	return st, err
}

// parseDuration reads seconds written as a decimal ("0.2", "1") or a Go
// duration ("200ms").
func parseDuration(v string) (time.Duration, error) {
	if strings.ContainsAny(v, "hmnuµs") {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > maxScriptTime {
			return 0, fmt.Errorf("want seconds (0.2) or a duration (200ms) up to 24h")
		}
		return d, nil
	}
	return parseSeconds(v)
}

// parseSeconds reads a non-negative decimal number of seconds exactly (no
// floating point), to the nanosecond.
func parseSeconds(v string) (time.Duration, error) {
	whole, frac, _ := strings.Cut(v, ".")
	if whole == "" && frac == "" || len(frac) > 9 || strings.ContainsAny(whole+frac, "+-_") {
		return 0, fmt.Errorf("%q: want seconds like 0.25", v)
	}
	var secs uint64
	if whole != "" {
		n, err := strconv.ParseUint(whole, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("%q: want seconds like 0.25", v)
		}
		secs = n
	}
	var nanos uint64
	if frac != "" {
		n, err := strconv.ParseUint(frac, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("%q: want seconds like 0.25", v)
		}
		nanos = n
		for i := len(frac); i < 9; i++ {
			nanos *= 10
		}
	}
	d := time.Duration(secs)*time.Second + time.Duration(nanos)
	if d > maxScriptTime {
		return 0, fmt.Errorf("%q: more than 24 hours", v)
	}
	return d, nil
}

// parseLine parses one event line (comments already stripped).
func parseLine(body string) (Line, error) {
	var l Line
	timeTok, rest := body, ""
	if i := strings.IndexAny(body, " \t"); i >= 0 {
		timeTok, rest = body[:i], strings.TrimSpace(body[i:])
	}
	switch {
	case timeTok == "*":
		l.Time.Kind = TimeAny
	case strings.HasPrefix(timeTok, "+"):
		d, err := parseSeconds(timeTok[1:])
		if err != nil {
			return l, fmt.Errorf("time: %v", err)
		}
		l.Time = Time{Kind: TimeRelative, D: d}
	default:
		d, err := parseSeconds(timeTok)
		if err != nil {
			return l, fmt.Errorf("time: %v", err)
		}
		l.Time = Time{Kind: TimeAbsolute, D: d}
	}
	if rest == "" {
		return l, fmt.Errorf("nothing after the time")
	}
	switch rest[0] {
	case '<', '>':
		l.Kind = LineInbound
		if rest[0] == '>' {
			l.Kind = LineOutbound
		}
		seg, err := parseSegment(strings.TrimSpace(rest[1:]), l.Kind == LineOutbound)
		if err != nil {
			return l, err
		}
		l.Seg = seg
	default:
		if l.Time.Kind == TimeAny {
			return l, fmt.Errorf("time * is only for outbound segments")
		}
		l.Kind = LineCall
		call, err := parseCall(rest)
		if err != nil {
			return l, err
		}
		l.Call = call
	}
	return l, nil
}

const flagLetters = "SFRP.EWU"

var flagBits = map[byte]wire.Flags{
	'S': wire.SYN, 'F': wire.FIN, 'R': wire.RST, 'P': wire.PSH,
	'.': wire.ACK, 'E': wire.ECE, 'W': wire.CWR, 'U': wire.URG,
}

// parseSegment parses "S. 0:0(0) ack 1 win 65535 <mss 1460,nop,wscale 7>".
func parseSegment(s string, outbound bool) (SegmentSpec, error) {
	var seg SegmentSpec
	head, opts, hasOpts := strings.Cut(s, "<")
	if hasOpts {
		if !strings.HasSuffix(opts, ">") {
			return seg, fmt.Errorf("options: missing '>' at the end")
		}
		if err := parseOptions(&seg, strings.TrimSuffix(opts, ">"), outbound); err != nil {
			return seg, err
		}
	}
	f := strings.Fields(head)
	if len(f) < 2 {
		return seg, fmt.Errorf("segment: want flags and start:end(len)")
	}
	if f[0] == "" || strings.Trim(f[0], flagLetters) != "" {
		return seg, fmt.Errorf("flags %q: want letters from %q", f[0], flagLetters)
	}
	for i := 0; i < len(f[0]); i++ {
		bit := flagBits[f[0][i]]
		if seg.Flags.Has(bit) {
			return seg, fmt.Errorf("flags %q: %c twice", f[0], f[0][i])
		}
		seg.Flags |= bit
	}
	start, end, n, err := parseRange(f[1])
	if err != nil {
		return seg, err
	}
	if end-start != uint32(n) {
		return seg, fmt.Errorf("%s: end - start is %d, not the length %d", f[1], end-start, n)
	}
	seg.Start, seg.Len = start, n
	for i := 2; i < len(f); i += 2 {
		if i+1 >= len(f) {
			return seg, fmt.Errorf("%q needs a value", f[i])
		}
		switch f[i] {
		case "ack":
			if seg.HasAck {
				return seg, fmt.Errorf("ack twice")
			}
			v, err := parseRel(f[i+1])
			if err != nil {
				return seg, fmt.Errorf("ack: %v", err)
			}
			seg.HasAck, seg.Ack = true, v
		case "win":
			if seg.HasWin {
				return seg, fmt.Errorf("win twice")
			}
			v, err := strconv.ParseUint(f[i+1], 10, 16)
			if err != nil {
				return seg, fmt.Errorf("win %q: want 0..65535", f[i+1])
			}
			seg.HasWin, seg.Win = true, uint16(v)
		default:
			return seg, fmt.Errorf("unknown field %q (want ack, win or <options>)", f[i])
		}
	}
	if seg.HasAck != seg.Flags.Has(wire.ACK) && !outbound {
		return seg, fmt.Errorf("an inbound segment has an ack number exactly when it has the ACK flag '.'")
	}
	if seg.HasAck && !seg.Flags.Has(wire.ACK) {
		return seg, fmt.Errorf("ack number without the ACK flag '.'")
	}
	return seg, nil
}

// parseRange parses "start:end(len)".
func parseRange(s string) (start, end uint32, n int, err error) {
	open := strings.IndexByte(s, '(')
	colon := strings.IndexByte(s, ':')
	if colon < 0 || open < colon || !strings.HasSuffix(s, ")") {
		return 0, 0, 0, fmt.Errorf("%q: want start:end(len)", s)
	}
	if start, err = parseRel(s[:colon]); err != nil {
		return 0, 0, 0, err
	}
	if end, err = parseRel(s[colon+1 : open]); err != nil {
		return 0, 0, 0, err
	}
	n, err = strconv.Atoi(s[open+1 : len(s)-1])
	if err != nil || n < 0 || n > math.MaxUint16 {
		return 0, 0, 0, fmt.Errorf("%q: length must be 0..65535", s)
	}
	return start, end, n, nil
}

// parseRel parses a relative sequence number: 0..2^32-1, or a negative
// number meaning before the ISN (taken modulo 2^32).
func parseRel(s string) (uint32, error) {
	if strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("%q: no '+' on sequence numbers", s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < -(1<<32) || n >= 1<<32 {
		return 0, fmt.Errorf("%q: want a sequence number", s)
	}
	return uint32(n), nil
}

// parseOptions parses the text between '<' and '>'.
func parseOptions(seg *SegmentSpec, s string, outbound bool) error {
	if strings.TrimSpace(s) == "..." {
		if !outbound {
			return fmt.Errorf("<...> is only for outbound segments")
		}
		seg.AnyOptions = true
		return nil
	}
	o := &seg.Options
	for _, item := range strings.Split(s, ",") {
		f := strings.Fields(item)
		if len(f) == 0 {
			return fmt.Errorf("options: empty option")
		}
		want := func(n int) error {
			if len(f) != n {
				return fmt.Errorf("option %q: want %d words", strings.TrimSpace(item), n)
			}
			return nil
		}
		switch f[0] {
		case "nop", "eol":
			if err := want(1); err != nil {
				return err
			}
		case "sackOK":
			if err := want(1); err != nil {
				return err
			}
			if o.SACKPermitted {
				return fmt.Errorf("sackOK twice")
			}
			o.SACKPermitted = true
		case "mss":
			if err := want(2); err != nil {
				return err
			}
			v, err := strconv.ParseUint(f[1], 10, 16)
			if err != nil || v == 0 {
				return fmt.Errorf("mss %q: want 1..65535", f[1])
			}
			if o.MSS != 0 {
				return fmt.Errorf("mss twice")
			}
			o.MSS = uint16(v)
		case "wscale":
			if err := want(2); err != nil {
				return err
			}
			v, err := strconv.ParseUint(f[1], 10, 8)
			if err != nil {
				return fmt.Errorf("wscale %q: want 0..255", f[1])
			}
			if o.HasWScale {
				return fmt.Errorf("wscale twice")
			}
			o.HasWScale, o.WScale = true, uint8(v)
		case "TS":
			if err := want(5); err != nil {
				return err
			}
			if f[1] != "val" || f[3] != "ecr" {
				return fmt.Errorf("option %q: want TS val X ecr Y", strings.TrimSpace(item))
			}
			if o.HasTS {
				return fmt.Errorf("TS twice")
			}
			o.HasTS = true
			var err error
			if o.TSVal, seg.TSValAny, err = parseTSValue(f[2], outbound); err != nil {
				return err
			}
			if o.TSEcr, seg.TSEcrAny, err = parseTSValue(f[4], outbound); err != nil {
				return err
			}
		case "sack":
			if len(f) < 2 || len(f) > 1+wire.MaxSACKBlocks {
				return fmt.Errorf("sack: want 1 to %d blocks a:b", wire.MaxSACKBlocks)
			}
			if o.NumSACK != 0 {
				return fmt.Errorf("sack twice")
			}
			for _, b := range f[1:] {
				l, r, ok := strings.Cut(b, ":")
				if !ok {
					return fmt.Errorf("sack block %q: want left:right", b)
				}
				lv, err := parseRel(l)
				if err != nil {
					return fmt.Errorf("sack block: %v", err)
				}
				rv, err := parseRel(r)
				if err != nil {
					return fmt.Errorf("sack block: %v", err)
				}
				o.SACK[o.NumSACK] = wire.SACKBlock{Left: seqOf(lv), Right: seqOf(rv)}
				o.NumSACK++
			}
		default:
			return fmt.Errorf("unknown option %q", f[0])
		}
	}
	return nil
}

func parseTSValue(s string, outbound bool) (v uint32, any bool, err error) {
	if s == "*" {
		if !outbound {
			return 0, false, fmt.Errorf("TS value * is only for outbound segments")
		}
		return 0, true, nil
	}
	v, err = parseUint32(s)
	if err != nil {
		return 0, false, fmt.Errorf("TS: %v", err)
	}
	return v, false, nil
}

// parseCall parses "write(1000) = 1000", "read(10) = -1 ECONNRESET" or a
// check such as "state(ESTABLISHED)".
func parseCall(s string) (CallSpec, error) {
	var c CallSpec
	open := strings.IndexByte(s, '(')
	closing := strings.IndexByte(s, ')')
	if open <= 0 || closing < open {
		return c, fmt.Errorf("%q: want a segment (< or >) or a call like write(1000) = 1000", s)
	}
	c.Name = s[:open]
	if args := strings.TrimSpace(s[open+1 : closing]); args != "" {
		for _, a := range strings.Split(args, ",") {
			a = strings.TrimSpace(a)
			if a == "" || strings.ContainsAny(a, " \t=") {
				return c, fmt.Errorf("%s: bad argument %q", c.Name, a)
			}
			c.Args = append(c.Args, a)
		}
	}
	rest := strings.TrimSpace(s[closing+1:])
	if rest != "" {
		if !strings.HasPrefix(rest, "=") {
			return c, fmt.Errorf("%s: want '= result' after the call, got %q", c.Name, rest)
		}
		f := strings.Fields(rest[1:])
		if len(f) == 0 || len(f) > 2 {
			return c, fmt.Errorf("%s: want '= N' or '= -1 ERRNO'", c.Name)
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n < -1 || n > 1<<30 {
			return c, fmt.Errorf("%s: result %q: want a count or -1", c.Name, f[0])
		}
		c.HasResult, c.Result = true, n
		if n == -1 {
			if len(f) != 2 {
				return c, fmt.Errorf("%s: -1 needs an error name such as ECONNRESET", c.Name)
			}
			if _, ok := errnoByName[f[1]]; !ok {
				return c, fmt.Errorf("%s: unknown error name %q", c.Name, f[1])
			}
			c.Errno = f[1]
		} else if len(f) == 2 {
			return c, fmt.Errorf("%s: an error name goes only with -1", c.Name)
		}
	}
	if err := checkCall(c); err != nil {
		return c, err
	}
	return c, nil
}
