package narrate

import (
	"strconv"
	"time"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// Lang is a narration language.
type Lang uint8

// The languages.
const (
	English Lang = iota
	Chinese
	NumLangs
)

func (l Lang) String() string {
	switch l {
	case English:
		return "en"
	case Chinese:
		return "zh"
	}
	return "Lang(?)"
}

// Pick returns zh in Chinese and en otherwise, en too when zh is empty (a
// scenario text with no Chinese, say): the one place a caller turns a pair
// of phrases into the language asked for.
func (l Lang) Pick(en, zh string) string {
	if l == Chinese && zh != "" {
		return zh
	}
	return en
}

// unknownMark ends the fallback phrase of a value the narration has no
// sentence for; the tests fail on it, so a new enum value must be narrated.
const unknownMark = " (?)"

// ParseLang returns the language a code names: "en" or "zh" (as Lang's
// String prints them, and as tcpsim's -lang flag takes them).
func ParseLang(code string) (Lang, bool) {
	switch code {
	case "en":
		return English, true
	case "zh":
		return Chinese, true
	}
	return 0, false
}

// Event returns the narration of event i of tr in lang.
func Event(tr *trace.Trace, i int, lang Lang) string {
	return string(AppendEvent(nil, tr, i, lang))
}

// AppendEvent appends the narration of event i of tr in lang to b.
func AppendEvent(b []byte, tr *trace.Trace, i int, lang Lang) []byte {
	w := writer{b: b, zh: lang == Chinese, tr: tr, i: i, e: tr.Event(i)}
	w.event()
	return w.b
}

// writer builds one narration; every phrase is given in both languages
// side by side so neither can be forgotten.
type writer struct {
	b  []byte
	zh bool
	tr *trace.Trace
	i  int
	e  trace.Event
}

// The phrase writers below are kept out of line (go:noinline): they are
// called from several hundred places, and each inlined append is a few
// hundred bytes of wasm, which made this package 440 KB of the page's code
// instead of 87 KB (DESIGN.md's page budget). The narration of one event is
// a few dozen calls, so the calls cost nothing anyone can see.

// s appends the phrase of the writer's language.
//
//go:noinline
func (w *writer) s(en, zh string) {
	if w.zh {
		w.b = append(w.b, zh...)
	} else {
		w.b = append(w.b, en...)
	}
}

// raw appends a phrase that reads the same in both languages.
//
//go:noinline
func (w *writer) raw(s string) { w.b = append(w.b, s...) }

// num appends a decimal integer.
//
//go:noinline
func (w *writer) num(n int64) { w.b = strconv.AppendInt(w.b, n, 10) }

// me appends the event's side ("A" or "B").
//
//go:noinline
func (w *writer) me() { w.raw(w.e.Side.String()) }

// peer appends the other side's name.
//
//go:noinline
func (w *writer) peer() { w.raw(w.e.Side.Peer().String()) }

// dur appends a duration as a lecturer says it: "1 s", "200 ms", "1.5 s".
func (w *writer) dur(d time.Duration) {
	if d < 0 {
		w.raw("-")
		d = -d
	}
	unitEn, unitZh, scale := " s", " 秒", time.Second
	if d < time.Second {
		unitEn, unitZh, scale = " ms", " 毫秒", time.Millisecond
	}
	if d < time.Millisecond {
		unitEn, unitZh, scale = " µs", " 微秒", time.Microsecond
	}
	w.decimal(int64(d), int64(scale))
	w.s(unitEn, unitZh)
}

// at appends an instant in seconds with the trailing zeros cut ("1.24 s").
func (w *writer) at(t time.Duration) {
	w.decimal(int64(t/time.Microsecond), 1e6)
	w.s(" s", " 秒")
}

// decimal appends v/scale with at most three decimals, trailing zeros cut.
func (w *writer) decimal(v, scale int64) {
	w.num(v / scale)
	frac := v % scale * 1000 / scale
	if frac == 0 {
		return
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	w.raw(".")
	w.b = append(w.b, digits[:n]...)
}

// conn prefixes the connection when the run has several, as Format does.
func (w *writer) conn() {
	if len(w.tr.Conns()) > 1 && w.e.Kind != trace.End {
		w.s("Connection ", "连接 ")
		w.num(int64(w.e.Conn))
		w.s(": ", "：")
	}
}

func (w *writer) event() {
	w.conn()
	switch w.e.Kind {
	case trace.Sent:
		w.sent()
	case trace.Received:
		w.received()
	case trace.State:
		w.state()
	case trace.TimerSet, trace.TimerCancelled, trace.TimerFired:
		w.timer()
	case trace.RTT:
		w.rtt()
	case trace.Congestion:
		w.congestion()
	case trace.Space:
		w.space()
	case trace.Notice:
		w.notice()
	case trace.Enqueued, trace.Duplicated, trace.Dropped, trace.Corrupted, trace.Delayed:
		w.link()
	case trace.App:
		w.app()
	case trace.End:
		w.end()
	default:
		w.s("An event this narration does not know"+unknownMark+".", "未知事件"+unknownMark+"。")
	}
}

// seg is what the narration needs of the segment an event refers to, with
// sequence numbers relative as the trace text prints them.
type seg struct {
	h           trace.Header
	from        trace.Side
	seq, ack    int64 // relative SEQ (sender's ISS) and ACK (receiver's ISS)
	first       int64 // relative number of the first payload byte
	n           int64 // payload bytes
	syn, fin    bool
	rst, hasAck bool
}

func (w *writer) segment() seg {
	h := w.tr.Header(w.e)
	from := w.e.Sender()
	iss := w.tr.Conns()[w.e.Conn].ISS
	s := seg{h: h, from: from,
		seq: rel(h.Seq, iss[from]), ack: rel(h.Ack, iss[from.Peer()]),
		n: int64(h.PayloadLen), syn: h.Flags&wire.SYN != 0, fin: h.Flags&wire.FIN != 0,
		rst: h.Flags&wire.RST != 0, hasAck: h.Flags&wire.ACK != 0}
	s.first = s.seq
	if s.syn {
		s.first++
	}
	return s
}

// bytes appends "bytes 1–1448 (1448 bytes)", or "byte 4001" for one.
func (w *writer) bytes(s seg) {
	if s.n == 0 {
		w.what(s)
		return
	}
	if s.n == 1 {
		w.s("byte ", "第 ")
		w.num(s.first)
		w.s("", " 字节")
		return
	}
	w.s("bytes ", "第 ")
	w.num(s.first)
	w.s("–", "～")
	w.num(s.first + s.n - 1)
	w.s(" (", " 字节（共 ")
	w.num(s.n)
	w.s(" bytes)", " 字节）")
}

// what appends what a segment carries: its bytes and FIN, a FIN alone, or
// an empty segment with its sequence number.
func (w *writer) what(s seg) {
	switch {
	case s.n > 0:
		w.bytes(s)
		if s.fin {
			w.s(" and the FIN", "以及 FIN")
		}
	case s.fin:
		w.s("the FIN (sequence number ", " FIN 报文段（序号为 ")
		w.num(s.seq)
		w.s(")", "）")
	case s.syn && s.hasAck:
		w.s("the SYN-ACK", " SYN-ACK 报文段")
	case s.syn:
		w.s("the SYN", " SYN 报文段")
	default:
		w.s("an empty segment (sequence number ", "一个不含数据的报文段（序号为 ")
		w.num(s.seq)
		w.s(")", "）")
	}
}

// ackNo appends "acknowledgment number N".
func (w *writer) ackNo(s seg) {
	w.s("acknowledgment number ", "确认号为 ")
	w.num(s.ack)
}

// window appends the window a segment advertises, in bytes.
func (w *writer) window(s seg) {
	w.num(w.windowBytes(s))
	w.s(" bytes", " 字节")
}

// windowBytes is the segment's window in bytes: the raw field shifted by
// the sender's scale once both SYNs carried the option; never in a SYN
// (RFC 7323 §2.2).
func (w *writer) windowBytes(s seg) int64 {
	win := int64(s.h.Window)
	if s.syn {
		return win
	}
	var has [2]bool
	var shift [2]uint8
	var seen [2]bool
	evs := w.tr.Events()
	for j := 0; j < len(evs) && j <= w.i && !(seen[0] && seen[1]); j++ {
		e := evs[j]
		if e.Kind != trace.Sent || e.Conn != w.e.Conn || seen[e.Side] {
			continue
		}
		h := w.tr.Header(e)
		if h.Flags&wire.SYN == 0 {
			continue
		}
		seen[e.Side] = true
		o := w.tr.Segment(e).Options
		has[e.Side], shift[e.Side] = o.HasWScale, o.WScale
	}
	if has[0] && has[1] {
		win <<= min(shift[s.from], 14)
	}
	return win
}

// sackBlocks appends what the SACK option reports: a D-SACK first block
// (RFC 2883 §4: below the cumulative ACK or inside the second block) as a
// duplicate, then the blocks held above the ACK.
func (w *writer) sackBlocks(s seg) {
	sg := w.tr.Segment(w.e)
	o := &sg.Options
	if o.NumSACK == 0 {
		return
	}
	base := w.tr.Conns()[w.e.Conn].ISS[s.from.Peer()]
	first := 0
	b0 := o.SACK[0]
	if rel(b0.Right, base) <= s.ack ||
		(o.NumSACK > 1 && !b0.Left.LessThan(o.SACK[1].Left) && !o.SACK[1].Right.LessThan(b0.Right)) {
		w.s("; with D-SACK it reports that bytes ", "；并用 D-SACK 报告第 ")
		w.blockRange(b0, base)
		w.s(" arrived twice", " 字节收到了两次")
		first = 1
	}
	if first == o.NumSACK {
		return
	}
	if first == 0 {
		w.s("; with SACK it reports that it also holds bytes ", "；并用选择确认（SACK）报告它还收到了第 ")
	} else {
		w.s(", and that it also holds bytes ", "，还收到了第 ")
	}
	for k := first; k < o.NumSACK; k++ {
		if k > first {
			if k == o.NumSACK-1 {
				w.s(" and ", " 和 ")
			} else {
				w.s(", ", "、")
			}
		}
		w.blockRange(o.SACK[k], base)
	}
	w.s("", " 字节")
}

// blockRange appends a SACK block as the bytes it covers, "2897–4000".
func (w *writer) blockRange(b wire.SACKBlock, base seq.Seq) {
	w.num(rel(b.Left, base))
	w.s("–", "～")
	w.num(rel(b.Right, base) - 1)
}

// options appends the options a SYN or SYN-ACK offers:
// "MSS 1460, SACK, timestamps and window scaling (×4)" /
// "MSS 为 1460、使用 SACK、时间戳选项和窗口扩大选项（扩大因子 4）".
func (w *writer) options() {
	sg := w.tr.Segment(w.e)
	o := &sg.Options
	const (
		optSACK = iota
		optTS
		optWS
	)
	var items [3]int
	n := 0
	if o.SACKPermitted {
		items[n] = optSACK
		n++
	}
	if o.HasTS {
		items[n] = optTS
		n++
	}
	if o.HasWScale {
		items[n] = optWS
		n++
	}
	total := n
	if o.MSS != 0 {
		total++
		w.s("MSS ", "MSS 为 ")
		w.num(int64(o.MSS))
		if n > 0 {
			w.s("", "、使用 ")
		}
	} else if n > 0 {
		w.s("", "使用 ")
	}
	for k := range n {
		pos := k + total - n // position in the whole list
		switch {
		case pos == 0:
		case pos == total-1:
			w.s(" and ", "和")
		case w.zh && k == 0:
		default:
			w.s(", ", "、")
		}
		switch items[k] {
		case optSACK:
			w.raw("SACK")
		case optTS:
			w.s("timestamps", "时间戳选项")
		case optWS:
			w.s("window scaling (×", "窗口扩大选项（扩大因子 ")
			w.num(1 << min(o.WScale, 14))
			w.s(")", "）")
		}
	}
}

// rel is a sequence number relative to a base, as trace.Format prints it
// (an unsigned 32-bit distance, like Wireshark's relative numbers).
func rel(s, base seq.Seq) int64 { return int64(uint32(s - base)) }

// hasOptions reports whether the event's segment offers any option a SYN
// negotiates.
func (w *writer) hasOptions() bool {
	sg := w.tr.Segment(w.e)
	o := &sg.Options
	return o.MSS != 0 || o.SACKPermitted || o.HasTS || o.HasWScale
}
