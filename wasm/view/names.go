package view

import (
	"tcpplayground/tcpcore/narrate"
	"tcpplayground/tcpcore/tcp"
	"tcpplayground/tcpcore/trace"
)

// The Chinese for the short names the trace gives in English
// (GLOSSARY.md's terms); English comes from package trace itself.
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

func pick(l narrate.Lang, en string, zh []string, i int) string {
	if i < 0 || i >= len(zh) {
		return en
	}
	return l.Pick(en, zh[i])
}

func dropName(l narrate.Lang, d trace.Drop) string { return pick(l, d.String(), dropZH[:], int(d)) }
func reasonName(l narrate.Lang, r tcp.SendReason) string {
	return pick(l, trace.SendReasonName(r), reasonZH[:], int(r))
}
func timerName(l narrate.Lang, k tcp.TimerKind) string {
	return pick(l, trace.TimerName(k), timerZH[:], int(k))
}
func appName(l narrate.Lang, a trace.AppAction) string { return pick(l, a.String(), appZH[:], int(a)) }
