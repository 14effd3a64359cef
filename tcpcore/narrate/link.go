package narrate

import "tcpplayground/tcpcore/trace"

// segRef appends "segment #n from A to B" / "A→B 方向的报文段 #n".
func (w *writer) segRef() {
	if w.zh {
		w.me()
		w.raw("→")
		w.peer()
		w.raw(" 方向的报文段 #")
		w.num(int64(w.e.Ref))
		return
	}
	w.raw("segment #")
	w.num(int64(w.e.Ref))
	w.raw(" from ")
	w.me()
	w.raw(" to ")
	w.peer()
}

// link narrates the link's own events; Side is the sending side.
func (w *writer) link() {
	scripted := w.e.Code == 1
	switch w.e.Kind {
	case trace.Enqueued, trace.Duplicated:
		if w.e.Kind == trace.Duplicated {
			if scripted {
				w.s("The scenario duplicates ", "场景按设定复制了 ")
			} else {
				w.s("The link duplicates ", "链路复制了 ")
			}
			w.segRef()
			w.s(": a second copy follows the first", "：第二个副本紧随其后")
		} else {
			w.s("The link takes ", "链路接收 ")
			w.segRef()
		}
		q := w.e.QueueLen()
		if q == 0 && w.e.Dequeued() == w.e.At {
			w.s("; there is no queue, so it goes straight out.", "；没有排队，立即发出。")
			return
		}
		w.s("; the bottleneck queue now holds ", "；瓶颈队列中现有 ")
		w.num(int64(q))
		if q == 1 {
			w.s(" packet, and this one leaves it at ", " 个分组，它将在 ")
		} else {
			w.s(" packets, and this one leaves it at ", " 个分组，它将在 ")
		}
		w.at(w.e.Dequeued())
		w.s(".", "离开队列。")
	case trace.Dropped:
		w.dropped()
	case trace.Corrupted:
		if scripted {
			w.s("The scenario flips bit ", "场景按设定翻转了 ")
		} else {
			w.s("The link flips bit ", "链路翻转了 ")
		}
		if w.zh {
			w.segRef()
			w.raw(" 的第 ")
			w.num(int64(w.e.Bit()))
			w.raw(" 位（数据损坏）：接收方主机的校验和检查会发现它。")
			return
		}
		w.num(int64(w.e.Bit()))
		w.raw(" of ")
		w.segRef()
		w.raw(" (corruption): the receiving host's checksum check will catch it.")
	case trace.Delayed:
		w.s("The scenario holds ", "场景按设定将 ")
		w.segRef()
		w.s(" back by ", " 延迟 ")
		w.dur(w.e.Delay())
		w.s(", so it may arrive after segments sent later (reordering).", "，它可能在之后发送的报文段之后到达（乱序）。")
	}
}

func (w *writer) dropped() {
	switch trace.Drop(w.e.Code) {
	case trace.DropOutage:
		w.s("The link is down (an outage): ", "链路中断：")
		w.segRef()
		w.s(" is lost.", " 丢失。")
	case trace.DropRandomLoss:
		w.s("The link loses ", "链路丢失了 ")
		w.segRef()
		w.s(" (random loss).", "（随机丢包）。")
	case trace.DropBurstLoss:
		w.s("The link loses ", "链路丢失了 ")
		w.segRef()
		w.s(" in a burst of losses (Gilbert-Elliott model).", "（突发丢包，Gilbert-Elliott 模型）。")
	case trace.DropQueueOverflow:
		w.s("The bottleneck queue is full, so ", "瓶颈队列已满，")
		w.segRef()
		w.s(" is dropped (drop-tail).", " 被丢弃（尾部丢弃）。")
	case trace.DropScripted:
		w.s("The scenario drops ", "场景按设定丢弃了 ")
		w.segRef()
		w.s(" on purpose (a scripted fault).", "（脚本故障）。")
	case trace.DropBadChecksum:
		w.hostOf()
		w.s(" discards ", "丢弃 ")
		w.segRef()
		w.s(": the packet was corrupted on the way, so its checksum is wrong; TCP never sees it.",
			"：分组在传输中损坏，校验和错误；TCP 根本收不到它。")
	case trace.DropNoSocket:
		w.hostOf()
		w.s(" discards ", "丢弃 ")
		w.segRef()
		w.s(": no socket there has its ports.", "：该主机上没有与其端口对应的套接字。")
	case trace.DropMalformed:
		w.hostOf()
		w.s(" discards ", "丢弃 ")
		w.segRef()
		w.s(": the corruption hit a length field, so the packet cannot be parsed.",
			"：损坏发生在长度字段上，分组无法解析。")
	default:
		w.segRef()
		w.s(" is dropped"+unknownMark+".", " 被丢弃"+unknownMark+"。")
	}
}

// hostOf appends "B's host" / "B 所在的主机": the receiving host drops a
// packet TCP never gets.
func (w *writer) hostOf() {
	w.peer()
	w.s("'s host", " 所在的主机")
}

func (w *writer) app() {
	w.me()
	w.s("'s application", " 的应用程序")
	switch trace.AppAction(w.e.Code) {
	case trace.AppListen:
		w.s(" listens: ", "调用 listen：")
		w.me()
		w.s(" waits for connection requests.", " 等待连接请求。")
	case trace.AppConnect:
		w.s(" calls connect: ", "调用 connect：")
		w.me()
		w.s(" opens a connection to ", " 主动与 ")
		w.peer()
		w.s(".", " 建立连接。")
	case trace.AppWrite:
		w.s(" writes ", "写入 ")
		w.bytesCount(int(w.e.Bytes()))
		w.s(" into the connection.", "数据。")
	case trace.AppWriteDone:
		w.s(" has handed over all ", "写入的 ")
		w.bytesCount(int(w.e.Bytes()))
		w.s(" of its write: they are all in the send buffer now.", "已全部进入发送缓存。")
	case trace.AppStopReading:
		w.s(" stops reading: data piles up in the receive buffer, and the window ",
			"停止读取：数据在接收缓存中堆积，")
		w.me()
		w.s(" advertises shrinks.", " 通告的接收窗口随之减小。")
	case trace.AppResumeReading:
		w.s(" reads again: the receive buffer drains and the window opens.",
			"恢复读取：接收缓存中的数据被取走，接收窗口重新打开。")
	case trace.AppShutdown:
		w.s(" shuts down its sending direction: ", "关闭发送方向（shutdown）：")
		w.me()
		w.s(" will send a FIN after its data but can still receive (half-close).",
			" 发送完数据后将发送 FIN，但仍可以接收数据（半关闭）。")
	case trace.AppClose:
		w.s(" closes the connection: ", "关闭连接（close）：")
		w.me()
		w.s(" will send a FIN after any data still queued.", " 将在发送完剩余数据后发送 FIN。")
	case trace.AppAbort:
		w.s(" aborts the connection: ", "中止连接（abort）：")
		w.me()
		w.s(" sends a reset (RST) and forgets the connection.", " 发送复位报文段（RST）并立即丢弃该连接。")
	case trace.AppReadEOF:
		if w.e.Bytes() == 0 {
			w.s(" reaches the end of the stream: ", "读到流的末尾：")
			w.peer()
			w.s(" has closed its sending direction without sending any data.", " 没有发送任何数据就关闭了它的发送方向。")
			break
		}
		w.s(" reaches the end of the stream after ", "在读取 ")
		w.bytesCount(int(w.e.Bytes()))
		w.s(": ", "后读到流的末尾：")
		w.peer()
		w.s(" has closed its sending direction.", " 已关闭它的发送方向。")
	case trace.AppFailed:
		w.s("'s call fails: ", "的调用失败：")
		w.errText(w.tr.Interned(w.e.Ref))
		w.s(".", "。")
	default:
		w.s(" acts"+unknownMark+".", "执行了一个操作"+unknownMark+"。")
	}
}

func (w *writer) end() {
	switch trace.EndReason(w.e.Code) {
	case trace.EndQuiet:
		w.s("The run ends: nothing is left to happen (no packet in flight, no timer, no action pending).",
			"运行结束：已没有任何待发生的事件（没有在途分组、计时器或待执行的操作）。")
	case trace.EndDuration:
		w.s("The run ends: the scenario's duration is reached.", "运行结束：已到达场景设定的时长。")
	case trace.EndTimeLimit:
		w.s("The run stops early: it hit the hard limit on simulated time.", "运行提前停止：达到了模拟时间的上限。")
	case trace.EndSegmentLimit:
		w.s("The run stops early: it hit the hard limit on the number of segments.", "运行提前停止：达到了报文段数量的上限。")
	case trace.EndEventLimit:
		w.s("The run stops early: it hit the hard limit on the number of trace events.", "运行提前停止：达到了跟踪事件数量的上限。")
	default:
		w.s("The run ends"+unknownMark+".", "运行结束"+unknownMark+"。")
	}
}
