package narrate

import (
	"tcpplayground/tcpcore/cc"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// stateMeaning explains each RFC 9293 state in a few words (GLOSSARY.md:
// the name stays in English, the explanation beside it).
var stateMeaning = [...][2]string{
	tcp.Closed:      {"no connection", "无连接"},
	tcp.Listen:      {"waiting for a connection request", "等待连接请求"},
	tcp.SynSent:     {"connection request sent, waiting for the answer", "已发送连接请求，等待对方应答"},
	tcp.SynReceived: {"request received and answered, waiting for its ACK", "已收到连接请求并应答，等待确认"},
	tcp.Established: {"connection open: data can flow both ways", "连接已建立，双方可以传输数据"},
	tcp.FinWait1:    {"own FIN sent, waiting for its ACK", "已发送 FIN，等待对方确认"},
	tcp.FinWait2:    {"own FIN acknowledged, waiting for the peer's FIN", "FIN 已被确认，等待对方的 FIN"},
	tcp.CloseWait:   {"the peer has finished sending; waiting for the local application to close", "对方已结束发送，等待本地应用程序关闭"},
	tcp.Closing:     {"both sides sent FIN at once; waiting for the ACK of its own", "双方同时关闭，等待对方确认自己的 FIN"},
	tcp.LastAck:     {"own FIN sent after the peer's; waiting for the last ACK", "在对方之后发送了 FIN，等待最后的确认"},
	tcp.TimeWait:    {"waiting 2MSL so old segments die out and a lost last ACK can be sent again", "等待 2MSL，让网络中的旧报文段消失，并能重发丢失的最后一个 ACK"},
}

func (w *writer) stateName(st tcp.State) {
	w.raw(st.String())
	if int(st) < len(stateMeaning) && stateMeaning[st][0] != "" {
		w.s(" (", "（")
		w.s(stateMeaning[st][0], stateMeaning[st][1])
		w.s(")", "）")
		return
	}
	w.raw(unknownMark)
}

var causePhrases = [...][2]string{
	tcp.CauseUser:     {"at its application's request", "由应用程序的调用引起"},
	tcp.CauseSegment:  {"because of the segment arriving now", "由刚到达的报文段引起"},
	tcp.CauseTimeWait: {"because 2MSL has passed", "因为 2MSL 等待时间已到"},
	tcp.CauseTimeout:  {"because its retransmissions ran out", "因为重传次数已用尽"},
	tcp.CauseReset:    {"because of a reset (RST)", "因为收到了复位报文段（RST）"},
}

func (w *writer) state() {
	w.me()
	w.s(" moves from ", " 从 ")
	w.stateName(w.e.From())
	w.s(" to ", "进入 ")
	w.stateName(w.e.To())
	c := tcp.StateCause(w.e.Code)
	if int(c) < len(causePhrases) && causePhrases[c][0] != "" {
		w.s(", ", "，")
		w.s(causePhrases[c][0], causePhrases[c][1])
	} else {
		w.raw(unknownMark)
	}
	w.s(".", "。")
}

var timerPhrases = [...]struct {
	name, set, cancelled, fired [2]string
}{
	tcp.TimerRTO: {
		name:      [2]string{"retransmission timer", "超时重传计时器"},
		set:       [2]string{": if no acknowledgment comes by then, it retransmits", "：若到时仍未收到确认，就重传"},
		cancelled: [2]string{": nothing it sent is waiting for an acknowledgment now", "：目前没有等待确认的数据"},
		fired:     [2]string{": no acknowledgment came in time, so it retransmits the oldest unacknowledged segment and doubles the timeout (exponential backoff)", "：没有及时收到确认，因此重传最早的未确认报文段，并把超时时间加倍（指数退避）"},
	},
	tcp.TimerDelayedACK: {
		name:      [2]string{"delayed-ACK timer", "延迟确认计时器"},
		set:       [2]string{": it holds the ACK back a little, hoping to combine it with data or with the next segment's ACK", "：暂缓发送确认，希望与数据或下一个报文段的确认合并"},
		cancelled: [2]string{": the ACK is going out now", "：确认现在就发送"},
		fired:     [2]string{": it sends the ACK it was holding", "：发送之前暂缓的确认"},
	},
	tcp.TimerPersist: {
		name:      [2]string{"persist timer", "持续计时器"},
		set:       [2]string{": the peer's window is zero, so it will probe it then", "：对方的接收窗口为零，到时将发送零窗口探测"},
		cancelled: [2]string{": the peer's window has opened", "：对方的窗口已打开"},
		fired:     [2]string{": it sends a zero-window probe", "：发送零窗口探测报文段"},
	},
	tcp.TimerKeepAlive: {
		name:      [2]string{"keepalive timer", "保活计时器"},
		set:       [2]string{": if the connection stays idle until then, it checks that the peer is still there", "：若连接到时仍然空闲，就检查对方是否仍然在线"},
		cancelled: [2]string{"", ""},
		fired:     [2]string{": the connection has been idle, so it sends a keep-alive probe", "：连接一直空闲，因此发送保活探测报文段"},
	},
	tcp.TimerTimeWait: {
		name:      [2]string{"2MSL timer", " 2MSL 计时器"},
		set:       [2]string{": it stays in TIME-WAIT until then (2MSL is twice the maximum segment lifetime)", "：在此之前保持 TIME-WAIT 状态（2MSL 即最长报文段寿命 MSL 的两倍）"},
		cancelled: [2]string{"", ""},
		fired:     [2]string{": 2MSL has passed, so the connection is finally closed", "：2MSL 已过，连接最终关闭"},
	},
}

func (w *writer) timer() {
	k := tcp.TimerKind(w.e.Code)
	if int(k) >= len(timerPhrases) {
		w.me()
		w.s(" changes a timer"+unknownMark+".", " 的计时器发生变化"+unknownMark+"。")
		return
	}
	p := &timerPhrases[k]
	switch w.e.Kind {
	case trace.TimerSet:
		w.me()
		w.s(" starts its ", " 启动")
		w.s(p.name[0], p.name[1])
		w.s(" (", "（")
		w.dur(w.e.Deadline() - w.e.At)
		w.s(")", "）")
		w.s(p.set[0], p.set[1])
	case trace.TimerCancelled:
		w.me()
		w.s(" stops its ", " 停止")
		w.s(p.name[0], p.name[1])
		w.s(p.cancelled[0], p.cancelled[1])
	default:
		w.me()
		w.s("'s ", " 的")
		w.s(p.name[0], p.name[1])
		w.s(" expires", "到期")
		w.s(p.fired[0], p.fired[1])
	}
	w.s(".", "。")
}

func (w *writer) rtt() {
	r := w.tr.RTT(w.e)
	w.me()
	w.s(" measures a round-trip time (RTT) of ", " 测得一个往返时间（RTT）样本：")
	w.dur(r.RTT)
	w.s(". Smoothed RTT is now ", "。平滑往返时间现在为 ")
	w.dur(r.SRTT)
	w.s(" and RTT variation ", "，RTT 偏差为 ")
	w.dur(r.RTTVar)
	w.s(", so the retransmission timeout (RTO) becomes ", "，因此超时重传时间（RTO）变为 ")
	w.dur(r.RTO)
	w.s(" (RFC 6298: SRTT + 4·RTTVAR, within the minimum and maximum).",
		"（RFC 6298：SRTT + 4·RTTVAR，并限制在最小值和最大值之间）。")
}

// ssthreshUnset is where cc.Metrics' "arbitrarily high" ssthresh starts
// (RFC 5681 §3.1); the trace's text prints it as "inf".
const ssthreshUnset = 1 << 30

func (w *writer) bytesCount(n int) {
	w.num(int64(n))
	w.s(" bytes", " 字节")
}

func (w *writer) ssthresh(m cc.Metrics) {
	w.s("ssthresh ", "慢开始门限 ssthresh ")
	if m.Ssthresh >= ssthreshUnset {
		w.s("not set yet (infinite)", "尚未设定（无穷大）")
		return
	}
	w.s("", "为 ")
	w.bytesCount(m.Ssthresh)
}

// previousCC finds the endpoint's congestion event before this one, to say
// what changed.
func (w *writer) previousCC() (cc.Metrics, bool) {
	evs := w.tr.Events()
	for j := w.i - 1; j >= 0; j-- {
		e := evs[j]
		if e.Kind == trace.Congestion && e.Conn == w.e.Conn && e.Side == w.e.Side {
			return w.tr.Congestion(e), true
		}
	}
	return cc.Metrics{}, false
}

func (w *writer) algorithm(a cc.Algorithm) {
	switch a {
	case cc.Reno:
		w.raw("Reno")
	case cc.CUBIC:
		w.raw("CUBIC")
	default:
		w.raw(a.String() + unknownMark)
	}
}

func (w *writer) congestion() {
	m := w.tr.Congestion(w.e)
	prev, hasPrev := w.previousCC()
	entered := !hasPrev || prev.Phase != m.Phase
	w.me()
	w.s("'s congestion control (", " 的拥塞控制（")
	w.algorithm(m.Algorithm)
	w.s(")", "）")
	switch m.Phase {
	case cc.SlowStart:
		if entered {
			w.s(" is in slow start", "处于慢开始阶段")
		} else {
			w.s(", slow start", "，慢开始")
		}
		w.s(": cwnd ", "：拥塞窗口 cwnd ")
		w.cwndChange(prev, m, hasPrev)
		w.s(", ", "，")
		w.ssthresh(m)
		w.s(". Each ACK grows cwnd by the bytes it acknowledges, so it doubles every round trip.",
			"。每收到一个确认，cwnd 就增加被确认的字节数，因此每个往返时间翻一番。")
	case cc.CongestionAvoidance:
		if !entered {
			w.s(", congestion avoidance: cwnd ", "，拥塞避免：拥塞窗口 cwnd ")
			w.cwndChange(prev, m, hasPrev)
			w.s(", ", "，")
			w.ssthresh(m)
			if m.Algorithm == cc.CUBIC {
				w.s(" (following the cubic curve).", "（沿三次曲线增长）。")
			} else {
				w.s(" (about one segment more per round trip).", "（每个往返时间大约增加一个报文段）。")
			}
			break
		}
		w.s(" enters congestion avoidance: cwnd ", "进入拥塞避免阶段：拥塞窗口 cwnd ")
		w.cwndChange(prev, m, hasPrev)
		w.s(", ", "，")
		w.ssthresh(m)
		if m.Algorithm == cc.CUBIC {
			w.s(". From now on cwnd follows the cubic curve, growing slowly near the window of the last loss.",
				"。此后 cwnd 沿三次曲线增长，在上次丢包时的窗口附近增长缓慢。")
		} else {
			w.s(". From now on cwnd grows by about one segment per round trip.",
				"。此后 cwnd 每个往返时间大约只增加一个报文段。")
		}
	case cc.FastRecovery:
		if entered {
			w.s(" enters fast recovery: a loss was detected by duplicate ACKs or SACK, so ssthresh becomes ",
				"进入快速恢复阶段：通过重复确认或 SACK 发现了丢包，因此慢开始门限 ssthresh 变为 ")
			w.bytesCount(m.Ssthresh)
			w.s(" and cwnd ", "，拥塞窗口 cwnd ")
			w.cwndChange(prev, m, hasPrev)
			w.s(". Data keeps flowing while the loss is repaired.", "。在修复丢包的同时继续发送数据。")
		} else {
			w.s(", fast recovery: cwnd ", "，快速恢复：拥塞窗口 cwnd ")
			w.cwndChange(prev, m, hasPrev)
			w.s(", ", "，")
			w.ssthresh(m)
			w.s(".", "。")
		}
	case cc.RTORecovery:
		if entered {
			w.s(": the retransmission timeout signals heavy loss, so ssthresh becomes ", "：发生超时重传，说明网络可能严重拥塞，因此慢开始门限 ssthresh 变为 ")
			w.bytesCount(m.Ssthresh)
			w.s(" and cwnd ", "，拥塞窗口 cwnd ")
			w.cwndChange(prev, m, hasPrev)
			w.s("; slow start begins again.", "；重新开始慢开始。")
		} else {
			w.s(", slow start after a timeout: cwnd ", "，超时后的慢开始：拥塞窗口 cwnd ")
			w.cwndChange(prev, m, hasPrev)
			w.s(", ", "，")
			w.ssthresh(m)
			w.s(".", "。")
		}
	default:
		w.s(unknownMark+": cwnd ", unknownMark+"：拥塞窗口 cwnd ")
		w.bytesCount(m.Cwnd)
		w.s(", ", "，")
		w.ssthresh(m)
		w.s(".", "。")
	}
}

// cwndChange appends "grows from 2896 to 4344 bytes", "falls from … to …"
// or "is 14480 bytes".
func (w *writer) cwndChange(prev, m cc.Metrics, hasPrev bool) {
	switch {
	case hasPrev && m.Cwnd > prev.Cwnd:
		w.s("grows from ", "从 ")
		w.num(int64(prev.Cwnd))
		w.s(" to ", " 字节增大到 ")
	case hasPrev && m.Cwnd < prev.Cwnd:
		w.s("falls from ", "从 ")
		w.num(int64(prev.Cwnd))
		w.s(" to ", " 字节减小到 ")
	default:
		w.s("is ", "为 ")
	}
	w.bytesCount(m.Cwnd)
}

// space narrates the sequence spaces after a step: the variables of RFC
// 9293 §3.3.1, relative to the endpoint's own ISS and IRS as in the trace.
func (w *writer) space() {
	sp := w.tr.Space(w.e)
	w.me()
	w.s("'s variables now: SND.UNA ", " 的当前变量：SND.UNA = ")
	w.num(rel(sp.SndUna, sp.ISS))
	w.s(" (oldest unacknowledged), SND.NXT ", "（最早的未确认序号），SND.NXT = ")
	w.num(rel(sp.SndNxt, sp.ISS))
	w.s(" (next to send), send window ", "（下一个要发送的序号），发送窗口 ")
	w.bytesCount(sp.SndWnd)
	if sp.SendQueued > 0 {
		w.s(", ", "，")
		w.bytesCount(sp.SendQueued)
		w.s(" not yet acknowledged", "尚未被确认")
	}
	w.s("; RCV.NXT ", "；RCV.NXT = ")
	w.num(rel(sp.RcvNxt, sp.IRS))
	w.s(" (next expected), receive window ", "（期望收到的下一个序号），接收窗口 ")
	w.bytesCount(sp.RcvWnd)
	if sp.RecvBuffered > 0 {
		w.s(", ", "，")
		w.bytesCount(sp.RecvBuffered)
		w.s(" waiting for the application", "等待应用程序读取")
	}
	if sp.RecvOutOfOrder > 0 {
		w.s(", ", "，")
		w.bytesCount(sp.RecvOutOfOrder)
		w.s(" held out of order", "失序数据暂存")
	}
	w.s(".", "。")
}

// errorsZh translates the endpoint's error texts (tcp/api.go).
var errorsZh = [...][2]string{
	{"connection refused", "连接被拒绝"},
	{"connection reset", "连接被复位"},
	{"connection timed out", "连接超时"},
	{"connection aborted", "连接已中止"},
	{"connection closing", "连接正在关闭"},
	{"connection does not exist", "连接不存在"},
	{"call not valid in this state", "当前状态下不允许该调用"},
	{"retransmissions passed R1", "重传次数超过了 R1"},
}

// errText appends an error message, translated when it is one of the
// endpoint's; any prefix before the last ": " ("write: ") is kept.
func (w *writer) errText(msg string) {
	if !w.zh {
		w.raw(msg)
		return
	}
	prefix, tail := "", msg
	for i := len(msg) - 2; i >= 0; i-- {
		if msg[i] == ':' && msg[i+1] == ' ' {
			prefix, tail = msg[:i], msg[i+2:]
			break
		}
	}
	for _, p := range errorsZh {
		if p[0] == tail {
			if prefix != "" {
				w.raw(prefix)
				w.raw("：")
			}
			w.raw(p[1])
			return
		}
	}
	w.raw(msg)
}

func (w *writer) notice() {
	msg := w.tr.Interned(w.e.Ref)
	detail := w.tr.Detail(w.e)
	w.me()
	switch msg {
	case "retransmissions passed R1":
		w.s(" has retransmitted so often that it passed threshold R1: the network may be in trouble, but it keeps trying (RFC 9293 §3.8.3)",
			" 的重传次数已超过门限 R1：网络可能出现了问题，但它仍继续重试（RFC 9293 §3.8.3）")
	case "":
		w.s(" tells its application that the connection is over", " 通知应用程序：连接已结束")
	default:
		w.s(" tells its application: ", " 通知应用程序：")
		w.errText(msg)
	}
	if detail != "" && detail != msg {
		w.s(" (", "（")
		w.detailText(detail)
		w.s(")", "）")
	}
	w.s(".", "。")
}

// detailsZh translates the endpoint's notice details (tcp's terminate and
// notice calls); "RST received in STATE" is handled as a pattern.
var detailsZh = [...][2]string{
	{"Abort called by the application", "应用程序调用了 Abort"},
	{"our FIN acknowledged in LAST-ACK", "在 LAST-ACK 状态下自己的 FIN 已被确认"},
	{"RST received while closing", "关闭过程中收到 RST"},
	{"SYN unanswered after SynRetries retransmissions", "SYN 重传 SynRetries 次后仍无应答"},
	{"R2 retransmissions of one segment unacknowledged", "同一报文段重传 R2 次后仍未被确认"},
	{"R1 retransmissions of one segment", "同一报文段已重传 R1 次"},
	{"R2 zero-window probes unanswered", "R2 次零窗口探测均无应答"},
	{"2·MSL elapsed in TIME-WAIT", "TIME-WAIT 状态下 2MSL 时间已到"},
	{"keepalive probes unanswered", "保活探测均无应答"},
}

// detailText appends an endpoint's detail phrase, translated into Chinese
// when it is a known one; otherwise as the endpoint wrote it.
func (w *writer) detailText(d string) {
	if !w.zh {
		w.raw(d)
		return
	}
	const rstIn = "RST received in "
	if len(d) > len(rstIn) && d[:len(rstIn)] == rstIn {
		w.raw("在 ")
		w.raw(d[len(rstIn):])
		w.raw(" 状态下收到 RST")
		return
	}
	for _, p := range detailsZh {
		if p[0] == d {
			w.raw(p[1])
			return
		}
	}
	w.raw(d)
}
