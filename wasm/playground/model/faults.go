package model

import (
	"slices"
	"strconv"

	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/trace"
)

// SegmentFault scripts a fault on exactly segment n that side sends on
// connection conn (numbered as SegmentNumber numbers it): drop, delay by
// delayMS, duplicate or corrupt. Action 0 lets the segment through again:
// it removes every fault scripted on exactly that segment. A segment
// carries at most one such fault: a new one replaces the old.
func SegmentFault(conn int, side trace.Side, n int, action scenario.FaultAction, delayMS float64) Edit {
	return func(sc *scenario.Scenario) error {
		sc.Faults = slices.DeleteFunc(sc.Faults, func(f scenario.Fault) bool {
			return f.Conn == conn && f.Dir == int(side) && f.Segment == n
		})
		if action != 0 {
			f := scenario.Fault{Conn: conn, Dir: int(side), Segment: n, Action: action}
			if action == scenario.FaultDelay {
				f.DelayMS = delayMS
			}
			sc.Faults = append(sc.Faults, f)
		}
		return nil
	}
}

// SegmentFaultOf returns the fault scripted on exactly segment n of side
// on conn: its action, or 0 for none.
func SegmentFaultOf(sc *scenario.Scenario, conn int, side trace.Side, n int) scenario.FaultAction {
	for _, f := range sc.Faults {
		if f.Conn == conn && f.Dir == int(side) && f.Segment == n {
			return f.Action
		}
	}
	return 0
}

// FaultDelayMS is how long "delay this segment" holds a segment back on
// the link direction it crosses: as long again as its one-way delay, and
// at least 10 ms, so it arrives after the segments sent just after it.
func FaultDelayMS(sc *scenario.Scenario, side trace.Side) float64 {
	return max(sc.Link[side].DelayMS, 10)
}

// AddFault appends a scripted fault to the scenario.
func AddFault(f scenario.Fault) Edit {
	return func(sc *scenario.Scenario) error {
		sc.Faults = append(sc.Faults, f)
		return nil
	}
}

// DeleteFault removes scripted fault i (an index into Scenario.Faults).
func DeleteFault(i int) Edit {
	return func(sc *scenario.Scenario) error {
		if i < 0 || i >= len(sc.Faults) {
			return &scenario.Error{Path: "faults", Kind: scenario.ErrNoEntry}
		}
		sc.Faults = slices.Delete(sc.Faults, i, i+1)
		return nil
	}
}

// FaultTarget says in words which segments fault f selects, as the
// editor lists them: "segment 3", "data segment 10 and every later one",
// "the 2nd SYN", "every FIN".
func FaultTarget(l narrate.Lang, f scenario.Fault) string {
	n := strconv.Itoa
	switch {
	case f.Segment > 0:
		return l.Pick("segment "+n(f.Segment), "第 "+n(f.Segment)+" 个报文段")
	case f.Data > 0 && f.Every:
		return l.Pick("data segment "+n(f.Data)+" and every later one", "第 "+n(f.Data)+" 个数据报文段及其后的每一个")
	case f.Data > 0:
		return l.Pick("data segment "+n(f.Data), "第 "+n(f.Data)+" 个数据报文段")
	}
	name := FlagsName(f.Flags)
	if f.Every {
		return l.Pick("every "+name, "每个 "+name)
	}
	nth := max(f.Nth, 1)
	return l.Pick("the "+ordinal(nth)+" "+name, "第 "+n(nth)+" 个 "+name)
}

// FlagsName names a fault's flags selector as a first course does:
// "S" is the SYN (or, sent by B, the SYN-ACK: it has S too), "SA" the
// SYN-ACK, "F" a FIN, "R" a RST; other sets are written as flags.
func FlagsName(flags string) string {
	switch flags {
	case "S":
		return "SYN"
	case "SA", "AS":
		return "SYN-ACK"
	case "F":
		return "FIN"
	case "R":
		return "RST"
	}
	return "[" + flags + "]"
}

// FaultEffect says in words what fault f does: "drop", "delay 15 ms", …
func FaultEffect(l narrate.Lang, f scenario.Fault) string {
	switch f.Action {
	case scenario.FaultDrop:
		return l.Pick("drop", "丢弃")
	case scenario.FaultDelay:
		ms := strconv.FormatFloat(f.DelayMS, 'f', -1, 64)
		return l.Pick("delay "+ms+" ms", "延迟 "+ms+" 毫秒")
	case scenario.FaultDuplicate:
		return l.Pick("duplicate", "复制")
	case scenario.FaultCorrupt:
		return l.Pick("corrupt a bit", "翻转一个比特")
	}
	return f.Action.String()
}

// ordinal writes 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st.
func ordinal(n int) string {
	s := strconv.Itoa(n)
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return s + "th"
	case n%10 == 1:
		return s + "st"
	case n%10 == 2:
		return s + "nd"
	case n%10 == 3:
		return s + "rd"
	}
	return s + "th"
}
