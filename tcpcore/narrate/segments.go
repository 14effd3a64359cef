package narrate

import (
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
	"tcpplayground/tcpcore/wire"
)

// sent narrates a segment an endpoint sent, by its send reason.
func (w *writer) sent() {
	s := w.segment()
	switch tcp.SendReason(w.e.Code) {
	case tcp.SendSYN:
		w.me()
		w.s(" sends a SYN with sequence number ", " 发送 SYN 报文段，序号为 ")
		w.num(s.seq)
		w.s(": it asks ", "：请求与 ")
		w.peer()
		if w.hasOptions() {
			w.s(" to open a connection and proposes ", " 建立连接，并提议 ")
			w.options()
		} else {
			w.s(" to open a connection, without options", " 建立连接，不带任何选项")
		}
		w.s(".", "。")
	case tcp.SendSYNACK:
		w.me()
		w.s(" answers with a SYN-ACK: sequence number ", " 回复 SYN-ACK 报文段，序号为 ")
		w.num(s.seq)
		w.s(", ", "，")
		w.ackNo(s)
		w.s(" (it has received ", "（表示已收到 ")
		w.peer()
		w.s("'s SYN and expects byte ", " 的 SYN，期望收到的下一个字节是 ")
		w.num(s.ack)
		if w.hasOptions() {
			w.s(" next). It accepts the connection and offers ", "）。它同意建立连接，并给出自己的选项：")
			w.options()
		} else {
			w.s(" next). It accepts the connection, without options", "）。它同意建立连接，不带任何选项")
		}
		w.s(".", "。")
	case tcp.SendSYNRetransmit:
		w.me()
		if s.hasAck {
			w.s(" sends its SYN-ACK again (sequence number ", " 重传 SYN-ACK 报文段（序号为 ")
			w.num(s.seq)
			w.s(", ", "，")
			w.ackNo(s)
			w.s("): its SYN has not been acknowledged yet.", "）：它的 SYN 尚未得到确认。")
		} else {
			w.s(" sends its SYN again (sequence number ", " 重传 SYN 报文段（序号为 ")
			w.num(s.seq)
			w.s("): no answer came before its retransmission timer expired.",
				"）：在超时重传计时器到期前没有收到应答。")
		}
	case tcp.SendNewData:
		w.me()
		w.s(" sends new data: ", " 发送新数据：")
		w.bytes(s)
		w.s(", sequence number ", "，序号为 ")
		w.num(s.seq)
		if s.fin {
			w.s(", together with its FIN: it has no more data to send", "，并带上 FIN：它已没有更多数据要发送")
		}
		w.s(". Both the congestion window and ", "。拥塞窗口和 ")
		w.peer()
		w.s("'s receive window allow it.", " 的接收窗口都允许发送这些数据。")
		if s.fin {
			w.teardownStep()
		}
	case tcp.SendRTORetransmit:
		w.me()
		w.s(" retransmits ", " 超时重传")
		w.what(s)
		w.pron(": its retransmission timer expired with no acknowledgment for ", s)
		w.s(".",
			"：超时重传计时器已到期，仍未收到确认。")
	case tcp.SendFastRetransmit:
		w.me()
		w.s(" fast-retransmits ", " 快速重传")
		w.what(s)
		w.s(": three duplicate ACKs say ", "：收到了三个重复确认，说明 ")
		w.peer()
		w.pron(" is missing ", s)
		w.s(", so it resends at once instead of waiting for the timer (RFC 5681 §3.2).",
			" 缺少这部分数据，因此不等计时器到期就立即重传（RFC 5681 §3.2）。")
	case tcp.SendPartialAckRetransmit:
		w.me()
		w.s(" retransmits ", " 重传")
		w.what(s)
		w.s(": the ACK it just received covers only part of the data sent before the loss (a partial ACK), so this next hole was lost too (NewReno, RFC 6582).",
			"：刚收到的确认只确认了丢包前所发数据的一部分（部分确认），说明下一个缺口处的数据也丢失了（NewReno，RFC 6582）。")
	case tcp.SendSACKRetransmit:
		w.me()
		w.s(" retransmits ", " 重传")
		w.what(s)
		w.s(": ", "：")
		w.peer()
		w.pron("'s SACK blocks show that data beyond ", s)
		w.s(" has arrived, so ", "")
		if !w.zh {
			w.me()
		}
		w.pron(" considers ", s)
		w.s(" lost (RFC 6675).",
			" 的选择确认（SACK）表明其后的数据已经到达，因此判定这部分数据已丢失（RFC 6675）。")
	case tcp.SendLimitedTransmit:
		w.me()
		w.s(" sends new data on a duplicate ACK: ", " 在收到重复确认时发送新数据：")
		w.bytes(s)
		w.s(", by limited transmit (RFC 3042): each duplicate ACK means one segment has left the network, so one new segment may enter it.",
			"，这是限制传输（RFC 3042）：每个重复确认说明有一个报文段离开了网络，因此可以再发送一个新报文段。")
	case tcp.SendZeroWindowProbe:
		w.me()
		if s.n > 0 {
			w.s(" sends a zero-window probe carrying ", " 发送零窗口探测报文段，携带")
			w.bytes(s)
			w.s(": ", "：")
		} else {
			w.s(" sends a zero-window probe (sequence number ", " 发送零窗口探测报文段（序号为 ")
			w.num(s.seq)
			w.s("): ", "）：")
		}
		w.peer()
		w.s("'s receive window is zero, and the probe asks whether it has opened again.",
			" 的接收窗口为零，探测报文段用来询问窗口是否已重新打开。")
	case tcp.SendKeepAlive:
		w.me()
		w.s(" sends a keep-alive (sequence number ", " 发送保活报文段（序号为 ")
		w.num(s.seq)
		w.s("): the connection has been idle for a long time, and an answer will show that ",
			"）：连接已空闲很长时间，对方的应答可以证明 ")
		w.peer()
		w.s(" is still there.", " 仍然在线。")
	case tcp.SendWindowUpdate:
		w.me()
		w.s(" sends a window update with ", " 发送窗口更新报文段，")
		w.ackNo(s)
		w.s(": its receive window has opened to ", "：它的接收窗口已增大到 ")
		w.window(s)
		w.s(", enough to be worth telling ", "，值得告诉 ")
		w.peer()
		w.s(" (RFC 9293 §3.8.6.2.2).", "（RFC 9293 §3.8.6.2.2）。")
	case tcp.SendDelayedACK:
		w.me()
		w.s(" sends its delayed ACK: ", " 发送延迟确认：")
		w.ackNo(s)
		w.ackMeaning(s)
		w.s(", receive window ", "，接收窗口为 ")
		w.window(s)
		w.sackBlocks(s)
		w.s(".", "。")
		w.zeroWindow(s, w.e.Side)
	case tcp.SendImmediateACK:
		w.me()
		w.s(" sends an ACK at once with ", " 立即发送确认，")
		w.ackNo(s)
		w.ackMeaning(s)
		w.sackBlocks(s)
		w.s(".", "。")
		w.zeroWindow(s, w.e.Side)
	case tcp.SendChallengeACK:
		w.me()
		w.s(" sends a challenge ACK with ", " 发送挑战确认（challenge ACK），")
		w.ackNo(s)
		w.s(": the segment it received was suspicious (a RST or SYN not at the exact expected number), so instead of obeying it, it tells the real peer where it stands (RFC 5961).",
			"：刚收到的报文段可疑（序号不完全符合预期的 RST 或 SYN），因此不照办，而是把自己的当前位置告诉真正的对方（RFC 5961）。")
	case tcp.SendFIN:
		w.me()
		w.s(" sends a FIN with sequence number ", " 发送 FIN 报文段，序号为 ")
		w.num(s.seq)
		w.s(": its application has closed, and ", "：应用程序已关闭连接，")
		w.me()
		w.s(" has no more data to send.", " 不再发送数据。")
		w.teardownStep()
	case tcp.SendFINRetransmit:
		w.me()
		w.s(" sends its FIN again (sequence number ", " 重传 FIN 报文段（序号为 ")
		w.num(s.seq)
		w.s("): it has not been acknowledged.", "）：它尚未得到确认。")
	case tcp.SendRST:
		w.me()
		w.s(" sends a reset (RST)", " 发送复位报文段（RST）")
		switch c := w.e.RSTCause(); c {
		case 0:
			w.s(": its application aborted the connection.", "：应用程序中止了连接。")
		case tcp.RecvNoConnection:
			w.s(": no connection matches the segment it received (nothing is listening on that port).",
				"：收到的报文段没有对应的连接（该端口上没有进程在监听）。")
		default:
			w.s(" in answer to a segment it could not accept (", "，回应一个无法接受的报文段（")
			w.outcomeName(c)
			w.s(").", "）。")
		}
	case tcp.SendTimeWaitACK:
		w.me()
		w.s(", in TIME-WAIT, acknowledges ", " 处于 TIME-WAIT 状态，再次确认 ")
		w.peer()
		w.s("'s retransmitted FIN again (", " 重传的 FIN（")
		w.ackNo(s)
		w.s("): its last ACK must have been lost. This is why TIME-WAIT lasts 2MSL.",
			"）：说明上一次发出的最后一个 ACK 丢失了。这正是 TIME-WAIT 要等待 2MSL 的原因之一。")
	default:
		w.me()
		w.s(" sends a segment"+unknownMark+".", " 发送一个报文段"+unknownMark+"。")
	}
}

// outcomeName appends a short phrase for a receive outcome.
func (w *writer) outcomeName(o tcp.RecvOutcome) {
	if int(o) < len(outcomePhrases) && outcomePhrases[o][0] != "" {
		w.s(outcomePhrases[o][0], outcomePhrases[o][1])
		return
	}
	w.s("an unexpected segment"+unknownMark, "意外的报文段"+unknownMark)
}

var outcomePhrases = [...][2]string{
	tcp.RecvAccepted:        {"accepted", "已接受"},
	tcp.RecvOutOfOrder:      {"out of order", "失序"},
	tcp.RecvDuplicate:       {"a duplicate", "重复的报文段"},
	tcp.RecvOutsideWindow:   {"outside the receive window", "在接收窗口之外"},
	tcp.RecvPAWSRejected:    {"an old timestamp, PAWS", "时间戳过旧，PAWS"},
	tcp.RecvRST:             {"a reset", "复位"},
	tcp.RecvRSTIgnored:      {"an inexact reset", "序号不准确的复位"},
	tcp.RecvSYNChallenged:   {"a SYN on an open connection", "已建立连接上的 SYN"},
	tcp.RecvAckOnly:         {"an ACK", "确认"},
	tcp.RecvAckUnacceptable: {"an ACK of data never sent", "确认了尚未发送的数据"},
	tcp.RecvDupAck:          {"a duplicate ACK", "重复确认"},
	tcp.RecvNoConnection:    {"no connection", "没有对应的连接"},
	tcp.RecvDropped:         {"discarded", "被丢弃"},
	tcp.RecvWindowUpdate:    {"a window update", "窗口更新"},
}

// received narrates a segment an endpoint processed, by its outcome.
func (w *writer) received() {
	s := w.segment()
	out := tcp.RecvOutcome(w.e.Code)
	switch out {
	case tcp.RecvAccepted:
		switch {
		case s.syn && !s.hasAck:
			w.me()
			w.s(" receives ", " 收到 ")
			w.peer()
			w.s("'s SYN (sequence number ", " 的 SYN 报文段（序号为 ")
			w.num(s.seq)
			w.s(") and accepts it: ", "）并接受：")
			w.peer()
			w.s(" wants to open a connection.", " 请求建立连接。")
		case s.syn:
			w.me()
			w.s(" receives ", " 收到 ")
			w.peer()
			w.s("'s SYN-ACK: ", " 的 SYN-ACK 报文段：")
			w.peer()
			w.s(" agrees to the connection, and acknowledgment number ", " 同意建立连接，确认号 ")
			w.num(s.ack)
			w.s(" confirms ", " 表示 ")
			w.me()
			w.s("'s SYN.", " 的 SYN 已被收到。")
		case s.n > 0:
			w.me()
			w.s(" receives ", " 按序收到")
			w.bytes(s)
			if s.fin {
				w.s(" in order and puts them in its receive buffer for the application. The FIN says ",
					"，放入接收缓存交给应用程序。FIN 表示 ")
				w.peer()
				w.s(" has no more data to send; it takes one sequence number, so the next acknowledgment number is ",
					" 已没有更多数据要发送；FIN 占用一个序号，因此下一个确认号为 ")
				w.num(s.first + s.n + 1)
			} else if w.fillsGap(s) {
				w.s(" in order: they fill the gap before the data it held out of order", "，填补了之前暂存的失序数据前面的缺口")
				if nxt, ok := w.rcvNxtAfter(); ok && nxt > s.first+s.n {
					w.s(", so ", "：")
					w.me()
					w.s(" now expects sequence number ", " 现在期望收到的序号（RCV.NXT）为 ")
					w.num(nxt)
					w.s(" (RCV.NXT)", "")
				}
			} else {
				w.s(" in order and puts them in its receive buffer for the application; it now expects byte ",
					"，放入接收缓存交给应用程序；下一个期望收到的字节是 ")
				w.num(s.first + s.n)
			}
			w.s(".", "。")
		case s.fin:
			w.finReceived()
		default:
			w.me()
			w.s(" receives and accepts a segment with ", " 收到并接受一个报文段，")
			w.ackNo(s)
			w.s(".", "。")
		}
	case tcp.RecvOutOfOrder:
		w.me()
		w.s(" receives ", " 收到失序的")
		w.what(s)
		w.s(" out of order: an earlier segment is missing or late, leaving a gap before this one. ",
			"：前面的报文段丢失或迟到，形成了缺口。")
		w.me()
		w.s(" keeps the data, acknowledges at once and can report it with SACK.",
			" 先保存这些数据，立即发送确认，并可以用 SACK 报告它们。")
	case tcp.RecvDuplicate:
		w.me()
		w.s(" receives ", " 再次收到")
		w.what(s)
		w.pron(" again: it already has ", s)
		w.s(" (a retransmission or a duplicated packet), so it discards the copy",
			"：之前已经收到过（重传或重复的分组），因此丢弃这个副本")
		w.detailEn()
		w.s(".", "。")
	case tcp.RecvOutsideWindow:
		w.me()
		w.s(" discards a segment with sequence number ", " 丢弃序号为 ")
		w.num(s.seq)
		if s.n > 0 && w.lastWindowZero() {
			w.s(": its receive window is zero, so not even one byte fits (RFC 9293 §3.10.7.4). ",
				" 的报文段：它的接收窗口为零，连一个字节也放不下（RFC 9293 §3.10.7.4）。")
			w.me()
			w.s(" answers with an ACK that repeats its window: the answer a zero-window probe waits for.",
				" 回复一个确认，再次通告当前窗口：这正是零窗口探测所等待的应答。")
			break
		}
		w.s(": it lies outside the receive window (RFC 9293 §3.10.7.4's acceptability test), so ",
			" 的报文段：它落在接收窗口之外（未通过 RFC 9293 §3.10.7.4 的可接受性检查），因此 ")
		w.me()
		w.s(" answers with an ACK saying what it expects.", " 回复一个确认，告诉对方自己期望收到什么。")
	case tcp.RecvPAWSRejected:
		w.me()
		w.s(" discards a segment with sequence number ", " 丢弃序号为 ")
		w.num(s.seq)
		w.s(": its timestamp is older than the last one accepted, so it may be an old duplicate from long ago (PAWS, RFC 7323 §5).",
			" 的报文段：它的时间戳比上次接受的更旧，可能是很久以前的旧重复报文段（PAWS，RFC 7323 §5）。")
	case tcp.RecvRST:
		w.me()
		w.s(" receives a reset (RST) from ", " 收到 ")
		w.peer()
		w.s(": the connection is aborted at once.", " 的复位报文段（RST）：连接立即中止。")
	case tcp.RecvRSTIgnored:
		w.me()
		w.s(" ignores a reset (RST) with sequence number ", " 忽略序号为 ")
		w.num(s.seq)
		w.s(": it is not exactly the number expected (it could be forged), so at most it asks with a challenge ACK (RFC 5961 §3).",
			" 的复位报文段（RST）：序号与期望值不完全相同（可能是伪造的），最多只回复一个挑战确认（RFC 5961 §3）。")
	case tcp.RecvSYNChallenged:
		w.me()
		w.s(" receives a SYN on a connection that is already open: it does not reset the connection but answers with a challenge ACK (RFC 5961 §4).",
			" 在已建立的连接上收到 SYN：它不复位连接，而是回复一个挑战确认（RFC 5961 §4）。")
	case tcp.RecvAckOnly:
		if s.fin {
			w.finReceived()
			break
		}
		w.me()
		w.s(" receives an ACK with ", " 收到确认报文段，")
		w.ackNo(s)
		switch {
		case s.ack <= 1:
			w.s(": it confirms ", "：表示 ")
			w.me()
			w.s("'s SYN.", " 的 SYN 已被收到。")
		case w.finAcked(w.e.Side, s.ack):
			w.s(": ", "：")
			w.peer()
			w.s(" has received all of ", " 已收到 ")
			w.me()
			w.s("'s data and its FIN.", " 的全部数据和 FIN。")
		default:
			w.s(": ", "：")
			w.peer()
			w.s(" has received every byte before ", " 已收到 ")
			w.num(s.ack)
			w.s(", so they can leave the retransmission queue.", " 之前的所有字节，这些字节可以从重传队列中删除。")
		}
		w.zeroWindow(s, w.e.Side.Peer())
	case tcp.RecvAckUnacceptable:
		w.me()
		w.s(" receives an ACK with ", " 收到确认报文段，")
		w.ackNo(s)
		w.s(", which acknowledges something it never sent (or is far too old): it discards the segment and answers with an ACK (RFC 9293 §3.10.7.4, RFC 5961 §5).",
			"，它确认了从未发送过的数据（或过于陈旧）：因此丢弃该报文段并回复一个确认（RFC 9293 §3.10.7.4，RFC 5961 §5）。")
	case tcp.RecvDupAck:
		k := int64(w.e.DupAcks())
		w.me()
		w.s(" receives duplicate ACK #", " 收到第 ")
		w.num(k)
		w.s(": the acknowledgment number is still ", " 个重复确认：确认号仍为 ")
		w.num(s.ack)
		w.s(", so ", "，说明 ")
		w.peer()
		w.s(" is still missing byte ", " 仍缺少从第 ")
		w.num(s.ack)
		w.s(" while later segments arrive.", " 字节开始的数据，而后面的报文段已经到达。")
		switch {
		case k < 3:
			w.s(" At the third duplicate ACK, the sender takes it as a loss and retransmits.",
				"收到三个重复确认时，发送方将判定丢包并进行快速重传。")
		case k == 3:
			w.s(" This is the third: the sender takes that segment as lost and fast-retransmits it.",
				"这是第三个重复确认：发送方判定该报文段已丢失，并进行快速重传。")
		default:
			w.s(" The sender is already repairing that loss; each further duplicate ACK says one more segment has left the network, so it may keep sending.",
				"发送方已在修复该丢包；每多一个重复确认，说明又有一个报文段离开了网络，因此可以继续发送。")
		}
	case tcp.RecvNoConnection:
		w.me()
		w.s(" has no connection for this segment (nothing listens on port ", " 没有与该报文段对应的连接（端口 ")
		w.num(int64(w.tr.Conns()[w.e.Conn].Port[w.e.Side]))
		w.s(", or the connection is closed), so it answers with a reset (RST).",
			" 上没有进程在监听，或连接已关闭），因此回复复位报文段（RST）。")
	case tcp.RecvDropped:
		w.me()
		w.s(" discards the segment", " 丢弃该报文段")
		if d := w.tr.Detail(w.e); d != "" {
			w.s(": ", "（")
			w.detailText(d)
			w.s("", "）")
		}
		w.s(".", "。")
	case tcp.RecvWindowUpdate:
		w.me()
		w.s(" receives a window update: ", " 收到窗口更新：")
		w.peer()
		w.s("'s receive window is now ", " 的接收窗口现在为 ")
		w.window(s)
		w.s(" (nothing new acknowledged).", "（没有确认新的数据）。")
	default:
		w.me()
		w.s(" receives a segment"+unknownMark+".", " 收到一个报文段"+unknownMark+"。")
	}
}

// detailEn appends the endpoint's English detail phrase, in English only:
// the endpoint writes it in English, and the Chinese sentence already says
// what happened.
func (w *writer) detailEn() {
	if d := w.tr.Detail(w.e); d != "" && !w.zh {
		w.raw(" (")
		w.raw(d)
		w.raw(")")
	}
}

// ackMeaning appends what a pure ACK's number says: "(it confirms B's
// SYN)" for the handshake's ACK (relative ACK 1 with nothing else sent),
// else "(it has received every byte before N)": a cumulative ACK.
func (w *writer) ackMeaning(s seg) {
	if s.ack == 1 && s.n == 0 {
		w.s(" (it confirms ", "（确认 ")
		w.peer()
		if w.firstPlainSegment() {
			w.s("'s SYN: the last step of the three-way handshake)", " 的 SYN，这是三次握手的最后一步）")
		} else {
			w.s("'s SYN)", " 的 SYN）")
		}
		return
	}
	if w.finAcked(w.e.Side.Peer(), s.ack) {
		w.s(" (it has received all the data and the FIN; the FIN takes one sequence number, so the acknowledgment number is the FIN's plus one)",
			"（已收到全部数据和 FIN；FIN 占用一个序号，所以确认号是 FIN 的序号加 1）")
		return
	}
	w.s(" (it has received every byte before ", "（")
	w.num(s.ack)
	w.s(")", " 之前的字节都已收到）")
}

// finReceived narrates the arrival of a FIN without data.
func (w *writer) finReceived() {
	s := w.segment()
	w.me()
	w.s(" receives ", " 收到 ")
	w.peer()
	w.s("'s FIN (sequence number ", " 的 FIN（序号为 ")
	w.num(s.seq)
	w.s("): ", "）：")
	w.peer()
	if w.sentFIN() {
		w.s(" has finished sending, and ", " 的数据已发送完毕；")
		w.me()
		w.s(" has sent its own FIN already, so both directions are finished.",
			" 也已发送过自己的 FIN，两个方向的数据传输都已结束。")
		return
	}
	w.s(" has finished sending (", " 的数据已发送完毕（")
	w.me()
	w.s(" may still send: this is a half-close).", " 仍然可以发送数据，即半关闭）。")
}

// sentFIN reports whether this event's side sent a FIN on the connection
// before this event.
func (w *writer) sentFIN() bool { return w.sideSentFIN(w.e.Side) }

// sideSentFIN reports whether side sent a FIN on the connection before
// this event.
func (w *writer) sideSentFIN(side trace.Side) bool {
	evs := w.tr.Events()
	for j := w.i - 1; j >= 0; j-- {
		e := evs[j]
		if e.Kind == trace.Sent && e.Conn == w.e.Conn && e.Side == side && w.tr.Header(e).Flags&wire.FIN != 0 {
			return true
		}
	}
	return false
}

// finScanLimit bounds the backward search for the FIN an ACK acknowledges:
// the FIN is at most a few round trips back.
const finScanLimit = 512

// finAcked reports whether ack (relative) acknowledges a FIN that side sent
// on this connection: the FIN's sequence number plus one.
func (w *writer) finAcked(side trace.Side, ack int64) bool {
	evs := w.tr.Events()
	iss := w.tr.Conns()[w.e.Conn].ISS[side]
	for j := w.i - 1; j >= 0 && j >= w.i-finScanLimit; j-- {
		e := evs[j]
		if e.Kind != trace.Sent || e.Conn != w.e.Conn || e.Side != side {
			continue
		}
		h := w.tr.Header(e)
		if h.Flags&wire.FIN == 0 {
			continue
		}
		return rel(h.Seq, iss)+int64(h.PayloadLen)+1 == ack
	}
	return false
}

// firstPlainSegment reports whether this Sent event is the first segment
// without SYN its endpoint sent: the third segment of the handshake. The
// scan stops at that first segment, early in the trace.
func (w *writer) firstPlainSegment() bool {
	evs := w.tr.Events()
	for j := 0; j <= w.i; j++ {
		e := evs[j]
		if e.Kind == trace.Sent && e.Conn == w.e.Conn && e.Side == w.e.Side && w.tr.Header(e).Flags&wire.SYN == 0 {
			return j == w.i
		}
	}
	return false
}

// pron appends an English phrase ending in "it" or "them" for the segment's
// content (bytes are "them"); the Chinese sentences need no pronoun.
func (w *writer) pron(en string, s seg) {
	if w.zh {
		return
	}
	w.raw(en)
	if s.n > 0 {
		w.raw("them")
	} else {
		w.raw("it")
	}
}

// zeroWindow adds, for a segment advertising a zero window, what that
// means: owner's buffer is full and its peer must stop sending (flow
// control, RFC 9293 §3.8.6.1).
func (w *writer) zeroWindow(s seg, owner trace.Side) {
	if s.rst || w.windowBytes(s) != 0 {
		return
	}
	w.s(" ", "")
	w.raw(owner.String())
	w.s("'s receive window is zero: its buffer is full, so ", " 的接收窗口为零（零窗口）：接收缓存已满，")
	w.raw(owner.Peer().String())
	w.s(" must stop sending new data and probe the window from time to time (flow control).",
		" 必须暂停发送新数据，并不时探测窗口（流量控制）。")
}

// lastWindowZero reports whether the last segment this event's side sent
// on the connection advertised a zero window.
func (w *writer) lastWindowZero() bool {
	evs := w.tr.Events()
	for j := w.i - 1; j >= 0; j-- {
		e := evs[j]
		if e.Kind == trace.Sent && e.Conn == w.e.Conn && e.Side == w.e.Side {
			h := w.tr.Header(e)
			return h.Window == 0 && h.Flags&(wire.SYN|wire.RST) == 0
		}
	}
	return false
}

// receivedFIN reports whether this event's side has received a FIN on the
// connection before this event.
func (w *writer) receivedFIN() bool {
	evs := w.tr.Events()
	for j := w.i - 1; j >= 0; j-- {
		e := evs[j]
		if e.Kind == trace.Received && e.Conn == w.e.Conn && e.Side == w.e.Side && w.tr.Header(e).Flags&wire.FIN != 0 {
			return true
		}
	}
	return false
}

// teardownStep says where a first FIN stands in the four-way teardown:
// the first step, or the third when the peer's FIN has arrived already (in
// a simultaneous close both FINs are first steps).
func (w *writer) teardownStep() {
	if w.sentFIN() {
		return // a FIN sent again: the step was named the first time
	}
	if w.receivedFIN() {
		w.s(" This is the third step of the four-way teardown (connection release).",
			"这是四次挥手（连接释放）的第三步。")
		return
	}
	w.s(" This is the first step of the four-way teardown (connection release).",
		"这是四次挥手（连接释放）的第一步。")
}

// fillsGap reports whether data starting at s.first arrives exactly at
// RCV.NXT while the receiver holds data out of order: the hole is filled.
// It reads the receiver's previous Space event.
func (w *writer) fillsGap(s seg) bool {
	evs := w.tr.Events()
	for j := w.i - 1; j >= 0; j-- {
		e := evs[j]
		if e.Kind == trace.Space && e.Conn == w.e.Conn && e.Side == w.e.Side {
			sp := w.tr.Space(e)
			return sp.RecvOutOfOrder > 0 && rel(sp.RcvNxt, sp.IRS) == s.first
		}
	}
	return false
}

// rcvNxtAfter is this event's side's RCV.NXT (relative to its IRS) after
// the step, from its Space event at the same instant (the trace records it
// after the step's other events); not known if another segment arrives at
// the side before that Space event.
func (w *writer) rcvNxtAfter() (int64, bool) {
	evs := w.tr.Events()
	for j := w.i + 1; j < len(evs) && evs[j].At == w.e.At; j++ {
		e := evs[j]
		if e.Conn != w.e.Conn || e.Side != w.e.Side {
			continue
		}
		switch e.Kind {
		case trace.Received:
			return 0, false
		case trace.Space:
			sp := w.tr.Space(e)
			return rel(sp.RcvNxt, sp.IRS), true
		}
	}
	return 0, false
}
