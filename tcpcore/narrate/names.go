package narrate

import (
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// The short names the views label a ladder and its timers with: English is
// package trace's own (what the trace text prints), Chinese is GLOSSARY.md's
// term. A value with no Chinese here keeps its English name.
var (
	dropZH = [...]string{
		trace.DropOutage: "链路中断", trace.DropRandomLoss: "随机丢包", trace.DropBurstLoss: "突发丢包",
		trace.DropQueueOverflow: "队列溢出", trace.DropScripted: "脚本丢弃", trace.DropBadChecksum: "校验和错误",
		trace.DropNoSocket: "无对应连接", trace.DropMalformed: "报文损坏",
	}
	reasonZH = [...]string{
		tcp.SendSYN: "SYN", tcp.SendSYNACK: "SYN-ACK", tcp.SendSYNRetransmit: "SYN 重传",
		tcp.SendNewData: "新数据", tcp.SendRTORetransmit: "超时重传",
		tcp.SendFastRetransmit: "快速重传", tcp.SendPartialAckRetransmit: "部分确认重传",
		tcp.SendSACKRetransmit: "SACK 重传", tcp.SendLimitedTransmit: "有限传输",
		tcp.SendZeroWindowProbe: "零窗口探测", tcp.SendKeepAlive: "保活",
		tcp.SendWindowUpdate: "窗口更新", tcp.SendDelayedACK: "延迟确认",
		tcp.SendImmediateACK: "立即确认", tcp.SendChallengeACK: "挑战确认",
		tcp.SendFIN: "FIN", tcp.SendFINRetransmit: "FIN 重传", tcp.SendRST: "RST",
		tcp.SendTimeWaitACK: "TIME-WAIT 确认",
	}
	timerZH = [...]string{
		tcp.TimerRTO: "RTO", tcp.TimerDelayedACK: "延迟确认", tcp.TimerPersist: "持续计时器",
		tcp.TimerKeepAlive: "保活", tcp.TimerTimeWait: "TIME-WAIT",
	}
	appZH = [...]string{
		trace.AppListen: "listen", trace.AppConnect: "connect", trace.AppWrite: "写入",
		trace.AppStopReading: "停止读取", trace.AppResumeReading: "恢复读取",
		trace.AppShutdown: "shutdown", trace.AppClose: "close", trace.AppAbort: "abort",
		trace.AppWriteDone: "写入完成", trace.AppReadEOF: "读到 EOF", trace.AppFailed: "失败",
	}
)

// zhName is zh[i], or "" past the table's end.
func zhName(zh []string, i int) string {
	if i < 0 || i >= len(zh) {
		return ""
	}
	return zh[i]
}

// DropName is the short name of why the link or a host dropped a packet.
func DropName(l Lang, d trace.Drop) string { return l.Pick(d.String(), zhName(dropZH[:], int(d))) }

// ReasonName is the short name of why an endpoint sent a segment.
func ReasonName(l Lang, r tcp.SendReason) string {
	return l.Pick(trace.SendReasonName(r), zhName(reasonZH[:], int(r)))
}

// TimerName is the short name of an endpoint's timer.
func TimerName(l Lang, k tcp.TimerKind) string {
	return l.Pick(trace.TimerName(k), zhName(timerZH[:], int(k)))
}

// AppName is the short name of an application's action.
func AppName(l Lang, a trace.AppAction) string { return l.Pick(a.String(), zhName(appZH[:], int(a))) }
