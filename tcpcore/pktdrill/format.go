package pktdrill

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/wire"
)

func seqOf(v uint32) seq.Seq { return seq.Seq(v) }

// formatSeconds prints a duration as seconds with at least three decimals
// and every further digit it needs ("0.200", "1.0000005").
func formatSeconds(d time.Duration) string {
	frac := strings.TrimRight(fmt.Sprintf("%09d", int64(d%time.Second)), "0")
	for len(frac) < 3 {
		frac += "0"
	}
	return fmt.Sprintf("%d.%s", int64(d/time.Second), frac)
}

func (t Time) String() string {
	switch t.Kind {
	case TimeAny:
		return "*"
	case TimeRelative:
		return "+" + formatSeconds(t.D)
	default:
		return formatSeconds(t.D)
	}
}

func formatFlags(f wire.Flags) string {
	var b strings.Builder
	for i := 0; i < len(flagLetters); i++ {
		if f.Has(flagBits[flagLetters[i]]) {
			b.WriteByte(flagLetters[i])
		}
	}
	return b.String()
}

// String prints the segment in script syntax, relative numbers as written.
func (s SegmentSpec) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d:%d(%d)", formatFlags(s.Flags), s.Start, s.Start+uint32(s.Len), s.Len)
	if s.HasAck {
		fmt.Fprintf(&b, " ack %d", s.Ack)
	}
	if s.HasWin {
		fmt.Fprintf(&b, " win %d", s.Win)
	}
	if s.AnyOptions {
		b.WriteString(" <...>")
	} else if o := formatOptions(s.Options, s.TSValAny, s.TSEcrAny); o != "" {
		b.WriteString(" <" + o + ">")
	}
	return b.String()
}

// formatOptions prints options in one canonical order (wire.Options keeps
// none); SACK blocks are printed as stored.
func formatOptions(o wire.Options, valAny, ecrAny bool) string {
	var parts []string
	if o.MSS != 0 {
		parts = append(parts, fmt.Sprintf("mss %d", o.MSS))
	}
	if o.SACKPermitted {
		parts = append(parts, "sackOK")
	}
	if o.HasTS {
		val, ecr := strconv.FormatUint(uint64(o.TSVal), 10), strconv.FormatUint(uint64(o.TSEcr), 10)
		if valAny {
			val = "*"
		}
		if ecrAny {
			ecr = "*"
		}
		parts = append(parts, "TS val "+val+" ecr "+ecr)
	}
	if o.HasWScale {
		parts = append(parts, fmt.Sprintf("wscale %d", o.WScale))
	}
	if o.NumSACK > 0 {
		blocks := make([]string, 0, o.NumSACK)
		for _, blk := range o.SACK[:min(o.NumSACK, wire.MaxSACKBlocks)] {
			blocks = append(blocks, fmt.Sprintf("%d:%d", uint32(blk.Left), uint32(blk.Right)))
		}
		parts = append(parts, "sack "+strings.Join(blocks, " "))
	}
	return strings.Join(parts, ",")
}

func (c CallSpec) String() string {
	s := c.Name + "(" + strings.Join(c.Args, ", ") + ")"
	if c.HasResult {
		s += " = " + formatResult(c.Result, c.Errno)
	}
	return s
}

func (l Line) String() string {
	switch l.Kind {
	case LineInbound:
		return l.Time.String() + " < " + l.Seg.String()
	case LineOutbound:
		return l.Time.String() + " > " + l.Seg.String()
	default:
		return l.Time.String() + " " + l.Call.String()
	}
}

// String prints the script back in canonical syntax; Parse of the result
// gives an equal script (the fuzz test checks this).
func (s *Script) String() string {
	var b strings.Builder
	if s.Description != "" {
		fmt.Fprintf(&b, "// description: %s\n", s.Description)
	}
	if s.Profile == tcp.ProfileLinux {
		b.WriteString("// profile: linux\n")
	} else {
		b.WriteString("// profile: rfc\n")
	}
	if len(s.Settings) > 0 {
		kv := make([]string, len(s.Settings))
		for i, st := range s.Settings {
			kv[i] = st.Key + "=" + st.Value
		}
		fmt.Fprintf(&b, "// config: %s\n", strings.Join(kv, " "))
	}
	fmt.Fprintf(&b, "// iss: %d\n// peer-iss: %d\n", s.ISS, s.PeerISS)
	if s.KnownFailure != "" {
		fmt.Fprintf(&b, "// known-failure: %s\n", s.KnownFailure)
	}
	if s.TailIgnore {
		b.WriteString("// tail: ignore\n")
	}
	for _, l := range s.Lines {
		b.WriteString(l.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// relative converts a segment the endpoint emitted into script form:
// sequence numbers relative to our ISS, ACK and SACK blocks relative to the
// peer's ISN, payload length without SYN and FIN.
func relative(seg *wire.Segment, ourISS, peerISS uint32) SegmentSpec {
	s := SegmentSpec{
		Flags:   seg.Flags,
		Start:   uint32(seg.Seq) - ourISS,
		Len:     len(seg.Payload),
		HasWin:  true,
		Win:     seg.Window,
		Options: seg.Options,
	}
	if seg.Flags.Has(wire.ACK) {
		s.HasAck, s.Ack = true, uint32(seg.Ack)-peerISS
	}
	n := min(s.Options.NumSACK, wire.MaxSACKBlocks)
	for i := range n {
		b := &s.Options.SACK[i]
		b.Left, b.Right = b.Left-seq.Seq(peerISS), b.Right-seq.Seq(peerISS)
	}
	return s
}
