package i18n

import "tcpplayground/tcpcore/narrate"

// T returns the interface string key in lang; an unknown key is returned
// as itself, which the tests reject for every key the page uses.
func T(lang narrate.Lang, key string) string {
	s, ok := table[key]
	if !ok {
		return key
	}
	return s[min(int(lang), 1)]
}

// Has reports whether key is in the table.
func Has(key string) bool {
	_, ok := table[key]
	return ok
}

// Keys lists every key, for the tests.
func Keys() []string {
	ks := make([]string, 0, len(table))
	for k := range table {
		ks = append(ks, k)
	}
	return ks
}

var table = map[string][2]string{
	"app.title":        {"TCP Playground", "TCP 实验台"},
	"app.tagline":      {"Two real TCP endpoints over a link you control", "两个真实的 TCP 端点，经过一条由你控制的链路"},
	"scenario":         {"Scenario", "场景"},
	"scenario.edited":  {"(edited)", "（已修改）"},
	"scenario.custom":  {"Your scenario", "你的场景"},
	"undo":             {"Undo", "撤销"},
	"redo":             {"Redo", "重做"},
	"language":         {"Language", "语言"},
	"theme":            {"Theme", "主题"},
	"theme.light":      {"Light", "浅色"},
	"theme.dark":       {"Dark", "深色"},
	"presentation":     {"Presentation", "演示模式"},
	"presentation.off": {"Leave presentation", "退出演示模式"},
	"export":           {"Export", "导出"},
	"help":             {"Keyboard shortcuts (?)", "键盘快捷键（?）"},
	"error.dismiss":    {"Dismiss", "关闭"},

	"play":     {"Play", "播放"},
	"pause":    {"Pause", "暂停"},
	"home":     {"To the start", "到开头"},
	"end":      {"To the end", "到结尾"},
	"back":     {"Back one event", "后退一个事件"},
	"forward":  {"Forward one event", "前进一个事件"},
	"segback":  {"Back one segment", "后退一个报文段"},
	"segfwd":   {"Forward one segment", "前进一个报文段"},
	"speed":    {"Speed", "速度"},
	"realtime": {"real time", "实时"},
	"timeline": {"Timeline (drops and retransmissions marked)", "时间轴（标出丢包和重传）"},
	"event":    {"Event", "事件"},

	"view.ladder": {"Ladder diagram", "报文段时序图（梯形图）"},
	"view.ladder.hint": {"Click a segment (or press Enter here for the segment at the cursor) to inspect it, drop, delay, duplicate or corrupt it, or act at the cursor. Ctrl + wheel or pinch zooms; drag to move in time.",
		"点击一个报文段（或在此按回车键选择光标处的报文段）可查看它，丢弃、延迟、复制或损坏它，或在光标时刻执行操作。Ctrl + 滚轮或双指缩放；拖动可在时间上移动。"},
	// The ladder's zoom (wasm/playground/zoom_js.go).
	"zoom.group":     {"Ladder zoom", "梯形图缩放"},
	"zoom.in":        {"Zoom in around the cursor (+)", "以光标为中心放大（+）"},
	"zoom.out":       {"Zoom out around the cursor (−)", "以光标为中心缩小（−）"},
	"zoom.reset":     {"Automatic view: the whole exchange, or the part around the cursor (0)", "自动视图：整个交互过程，或光标附近的部分（0）"},
	"zoom.auto":      {"Auto", "自动"},
	"view.states":    {"State machines (RFC 9293)", "状态机（RFC 9293）"},
	"view.buffers":   {"Send and receive buffers as sequence space", "以序号空间表示的发送与接收缓冲区"},
	"view.graphs":    {"Over time: cwnd, ssthresh, windows, in flight, RTT, queue", "随时间变化：cwnd、ssthresh、窗口、在途数据、RTT、队列"},
	"view.timeseq":   {"Time-sequence graph (Stevens / tcptrace)", "时间-序号图（Stevens / tcptrace）"},
	"view.window":    {"Windows of the data sender: cwnd, ssthresh, peer's window, bytes in flight, and what limits it", "数据发送方的窗口：cwnd、ssthresh、对方窗口、在途数据，以及受什么限制"},
	"view.rtt":       {"RTT samples, SRTT and RTO", "RTT 样本、平滑往返时间和 RTO"},
	"view.queue":     {"Bottleneck queue", "瓶颈队列"},
	"view.inspector": {"Segment inspector", "报文段检查器"},
	"view.narration": {"What is happening", "正在发生什么"},
	"view.events":    {"Every event (text version of the ladder)", "全部事件（梯形图的文字版本）"},
	"view.editor":    {"Scenario editor", "场景编辑器"},

	"inspect.none":  {"Step to a segment, or click one on the ladder, to see its header fields and bytes.", "前进到一个报文段，或在梯形图上点击一个报文段，即可看到它的首部字段和字节。"},
	"inspect.field": {"Field", "字段"},
	"inspect.value": {"Value", "值"},
	"inspect.bytes": {"Bytes", "字节"},
	"inspect.data":  {"data", "数据"},
	"inspect.size":  {"bytes", "字节"},
	"inspect.raw":   {"Raw bytes (hover a field to highlight it)", "原始字节（将鼠标悬停在字段上以高亮）"},

	"seg.title":   {"Segment", "报文段"},
	"seg.drop":    {"Drop this segment", "丢弃这个报文段"},
	"seg.restore": {"Let this segment through again", "不再丢弃这个报文段"},
	"seg.undo":    {"Let this segment through unharmed again", "不再干扰这个报文段"},
	// {ms} is the delay in milliseconds.
	"seg.delay":     {"Delay it by {ms} ms (it arrives out of order)", "把它延迟 {ms} 毫秒（它会乱序到达）"},
	"seg.duplicate": {"Duplicate it", "复制它（多送一份）"},
	"seg.corrupt":   {"Corrupt a bit (the checksum catches it)", "翻转一个比特（校验和会发现）"},
	"seg.inspect": {"Inspect", "查看"},
	"now.title":   {"At the cursor", "在光标时刻"},
	"now.writeA":  {"A writes 1000 bytes now", "A 现在写入 1000 字节"},
	"now.writeB":  {"B writes 1000 bytes now", "B 现在写入 1000 字节"},
	"now.closeA":  {"A closes now", "A 现在关闭连接"},
	"now.closeB":  {"B closes now", "B 现在关闭连接"},
	"menu.close":  {"Close", "关闭"},

	"ed.linkAB":  {"Link A→B", "链路 A→B"},
	"ed.linkBA":  {"Link B→A", "链路 B→A"},
	"ed.epA":     {"Endpoint A", "端点 A"},
	"ed.epB":     {"Endpoint B", "端点 B"},
	"delay":      {"Delay (ms)", "传播时延（毫秒）"},
	"jitter":     {"Jitter (ms)", "抖动（毫秒）"},
	"loss":       {"Loss (%)", "丢包率（%）"},
	"rate":       {"Rate (kbit/s, 0: unlimited)", "带宽（kbit/s，0 表示不限）"},
	"queue":      {"Queue limit (packets, 0: none)", "队列上限（分组，0 表示不限）"},
	"profile":    {"Profile", "配置"},
	"cc":         {"Congestion control", "拥塞控制"},
	"mss":        {"MSS (bytes)", "最大报文段长度 MSS（字节）"},
	"sndbuf":     {"Send buffer (bytes)", "发送缓冲区（字节）"},
	"rcvbuf":     {"Receive buffer (bytes)", "接收缓冲区（字节）"},
	"sack":       {"SACK", "选择确认（SACK）"},
	"timestamps": {"Timestamps", "时间戳选项"},
	"wscale":     {"Window scale", "窗口扩大选项"},
	"nagle":      {"Nagle's algorithm", "Nagle 算法"},
	"delack":     {"Delayed ACK", "延迟确认"},
	// The advanced settings (model.Field.More), folded under a summary
	// per box; a key with ".hint" is the control's title, read out as its
	// description.
	"ed.moreLink":        {"More link settings", "更多链路设置"},
	"ed.moreEp":          {"Timers, retries and more", "计时器、重试次数及更多设置"},
	"distribution":       {"Jitter distribution", "抖动分布"},
	"keep_order":         {"Keep order despite jitter", "有抖动时仍保持顺序"},
	"ge.p":               {"Burst loss p: good→bad (%)", "突发丢包 p：好→坏（%）"},
	"ge.p.hint":          {"Gilbert-Elliott burst loss (netem's loss gemodel p r 1-h 1-k): the link is in a good or a bad state and moves between them packet by packet. p is the chance of going from good to bad. Setting p first also sets r = 100 − p and 1−h = 100, as tc does.", "Gilbert-Elliott 突发丢包（netem 的 loss gemodel p r 1-h 1-k）：链路处于“好”或“坏”状态，每个分组之后可能切换。p 是从好变坏的概率。先设置 p 时，会像 tc 一样同时设置 r = 100 − p、1−h = 100。"},
	"ge.r":               {"Burst loss r: bad→good (%)", "突发丢包 r：坏→好（%）"},
	"ge.r.hint":          {"Chance of leaving the bad state after a packet: a burst lasts 100/r packets on average.", "每个分组之后离开坏状态的概率：一次突发平均持续 100/r 个分组。"},
	"ge.1h":              {"Burst loss 1−h: loss when bad (%)", "突发丢包 1−h：坏状态下的丢包率（%）"},
	"ge.1h.hint":         {"Chance that a packet is lost while the link is in the bad state.", "链路处于坏状态时分组丢失的概率。"},
	"ge.1k":              {"Burst loss 1−k: loss when good (%)", "突发丢包 1−k：好状态下的丢包率（%）"},
	"ge.1k.hint":         {"Chance that a packet is lost while the link is in the good state (usually 0).", "链路处于好状态时分组丢失的概率（通常为 0）。"},
	"duplicate":          {"Duplication (%)", "重复（%）"},
	"reorder":            {"Reordering (%, needs a delay)", "乱序（%，需要传播时延）"},
	"reorder.hint":       {"A reordered packet skips the delay and overtakes those sent before it (netem's reorder).", "乱序的分组跳过传播时延，超过先发出的分组（netem 的 reorder）。"},
	"reorder_gap":        {"Reorder gap (every Nth packet; 0: any)", "乱序间隔（每第 N 个分组；0 表示任意）"},
	"corrupt":            {"Corruption (%)", "损坏（%）"},
	"corrupt.hint":       {"One bit of the packet is flipped, so the receiver's checksum fails and it drops the segment.", "分组中有一位被翻转，接收方校验和出错并丢弃该报文段。"},
	"down.from":          {"Link down from (ms)", "链路中断开始（毫秒）"},
	"down.to":            {"Link down until (ms; 0: never down)", "链路中断结束（毫秒；0 表示不中断）"},
	"down.from.hint":     {"Every packet sent while the link is down is lost. Setting the start adds one second of outage, which the end then adjusts.", "链路中断期间发出的分组全部丢失。设置开始时刻会加入一秒的中断，可再调整结束时刻。"},
	"delack_ms":          {"Delayed ACK timeout (ms)", "延迟确认超时（毫秒）"},
	"initial_rto":        {"Initial RTO (ms)", "初始超时重传时间 RTO（毫秒）"},
	"min_rto":            {"Minimum RTO (ms)", "RTO 下限（毫秒）"},
	"max_rto":            {"Maximum RTO (ms)", "RTO 上限（毫秒）"},
	"syn_retries":        {"SYN retransmissions before giving up", "放弃前 SYN 的重传次数"},
	"r1":                 {"R1: retransmissions before warning the application", "R1：通知应用程序前的重传次数"},
	"r2":                 {"R2: retransmissions before aborting", "R2：中止连接前的重传次数"},
	"msl":                {"MSL (ms; TIME-WAIT lasts 2MSL)", "最长报文段寿命 MSL（毫秒；TIME-WAIT 持续 2MSL）"},
	"recovery":           {"Loss recovery", "丢包恢复"},
	"limited_transmit":   {"Limited transmit (RFC 3042)", "有限发送（RFC 3042）"},
	"restart_after_idle": {"Slow start again after idle", "空闲后重新慢开始"},
	"iw":                 {"Initial window (bytes; 0: the profile's rule)", "初始窗口（字节；0 表示按配置的规则）"},
	"probe":              {"Zero-window probe", "零窗口探测方式"},
	"max_persist":        {"Persist timer backoff cap (ms)", "持续计时器退避上限（毫秒）"},
	"keepalive":          {"Keepalive", "保活"},
	"ka_idle":            {"Keepalive idle time (ms)", "保活空闲时间（毫秒）"},
	"ka_interval":        {"Keepalive interval (ms)", "保活探测间隔（毫秒）"},
	"ka_probes":          {"Keepalive probes", "保活探测次数"},
	// A menu's choices: "opt."+value where the JSON name is not words
	// a reader knows; other values show as the JSON has them.
	"opt.uniform":        {"uniform", "均匀分布"},
	"opt.normal":         {"normal", "正态分布"},
	"opt.pareto":         {"Pareto", "帕累托分布"},
	"opt.paretonormal":   {"Pareto-normal", "帕累托-正态分布"},
	"opt.new_byte":       {"one new byte", "发送一个新字节"},
	"opt.old_seq":        {"old sequence number (Linux)", "旧序号（Linux）"},
	"ed.timeline":        {"Application timeline", "应用程序时间线"},
	"ed.conn":            {"Connection", "连接"},
	"ed.at":              {"At (ms)", "时刻（毫秒）"},
	"ed.side":            {"Side", "端"},
	"ed.action":          {"Action", "动作"},
	"ed.bytes":           {"Bytes", "字节数"},
	"ed.delete":          {"Delete", "删除"},
	"ed.add":             {"Add", "添加"},
	"ed.note":            {"Every change re-runs the simulation and updates the link in the address bar.", "每次修改都会重新运行模拟，并更新地址栏中的链接。"},
	"act.listen":         {"listen", "监听（listen）"},
	"act.connect":        {"connect", "连接（connect）"},
	"act.write":          {"write", "写入（write）"},
	"act.stop_reading":   {"stop reading", "停止读取"},
	"act.resume_reading": {"resume reading", "恢复读取"},
	"act.shutdown":       {"shutdown (half-close)", "半关闭（shutdown）"},
	"act.close":          {"close", "关闭（close）"},
	"act.abort":          {"abort (RST)", "中止（RST）"},

	"ex.pcapA":     {"pcap captured at A", "pcap（在 A 处抓包）"},
	"ex.pcapB":     {"pcap captured at B", "pcap（在 B 处抓包）"},
	"ex.pcapLink":  {"pcap captured on the link", "pcap（在链路上抓包）"},
	"ex.ladderSVG": {"Ladder as SVG", "梯形图（SVG）"},
	"ex.ladderPNG": {"Ladder as PNG", "梯形图（PNG）"},
	"ex.graphsSVG": {"Graphs as SVG", "曲线图（SVG）"},
	"ex.graphsPNG": {"Graphs as PNG", "曲线图（PNG）"},
	"ex.json":      {"Scenario as JSON", "场景（JSON）"},
	"ex.open":      {"Open a scenario file… (or drop one on the page)", "打开场景文件…（或拖放到页面上）"},
	"ex.offline":   {"The playground as one file, for offline use (a lecture hall with no network)", "整个页面存为单个文件，离线使用（适合没有网络的教室）"},

	"help.title": {"Keyboard shortcuts", "键盘快捷键"},
	"k.space":    {"Play or pause", "播放或暂停"},
	"k.arrows":   {"Step one event back or forward", "后退或前进一个事件"},
	"k.shift":    {"Step one segment back or forward", "后退或前进一个报文段"},
	"k.homeend":  {"First or last event", "第一个或最后一个事件"},
	"k.undo":     {"Undo, redo", "撤销、重做"},
	"k.present":  {"Presentation mode", "演示模式"},
	"k.lang":     {"English / 中文", "English / 中文"},
	"k.help":     {"This help", "本帮助"},
	"k.esc":      {"Close a menu or this help; leave presentation mode", "关闭菜单或本帮助；退出演示模式"},
	"k.zoom":     {"Zoom the ladder in or out around the cursor", "以光标为中心放大或缩小梯形图"},
	"k.zoom0":    {"The ladder's automatic view again", "梯形图恢复自动视图"},
	"k.pan":      {"Move the ladder earlier or later in time (while it has the focus)", "在时间上向前或向后移动梯形图（梯形图获得焦点时）"},
	"k.mouse":    {"Ctrl + wheel, pinch · drag · Shift + wheel", "Ctrl + 滚轮、双指缩放 · 拖动 · Shift + 滚轮"},
	"k.mouse.do": {"On the ladder: zoom at the pointer · move in time · move in time", "在梯形图上：在指针处缩放 · 在时间上移动 · 在时间上移动"},

	"run.limit": {"The run stopped at a limit; what happened until then is shown", "模拟在达到上限时停止；页面显示此前发生的一切"},

	// The share button and its box (wasm/playground/sharelink_js.go).
	"share.copy":     {"Copy link", "复制链接"},
	"share.short":    {"Copy short link", "复制短链接"},
	"share.url":      {"Link", "链接"},
	"share.making":   {"Making a short link…", "正在生成短链接…"},
	"share.made":     {"Short link ready.", "短链接已生成。"},
	"share.long":     {"Link to this scenario.", "本场景的链接。"},
	"share.public":   {"Link to this scenario on the online playground.", "在线实验台上本场景的链接。"},
	"share.file":     {"This page is a file on this computer, so the link opens only here, where the file is. To share the scenario, export it as JSON.", "本页面是这台电脑上的文件，此链接只能在这里（文件所在处）打开。要分享本场景，请将其导出为 JSON。"},
	"share.fallback": {"No short link, so here is the long link: it opens the same run.", "无法生成短链接，这是长链接：打开的是同一次运行。"},
	"share.copied":   {"Copied.", "已复制。"},
	"share.select":   {"The browser did not allow copying: the link is selected, press Ctrl+C.", "浏览器不允许复制：链接已选中，请按 Ctrl+C。"},
}
