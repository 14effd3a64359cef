package share

// dictV1 is the preset dictionary of format version 1: text that canonical
// scenario JSON (scenario.Marshal) and preset descriptions often contain,
// so even a short fragment can refer back to it instead of spelling it
// out. DEFLATE (RFC 1951 §3.2) lets a stream refer up to 32 KiB back, and
// a preset dictionary is text treated as if it came just before the data;
// shorter distances cost fewer bits, so the most common text is last.
//
// dictV1 is part of the format: a v1 fragment can only be read with these
// exact bytes. It must NEVER change (TestDictV1Frozen pins its SHA-256); a
// better dictionary is a new format version with its own constant, and
// this one stays for reading old links.
const dictV1 = "" +
	// Glossary terms, English then Chinese (GLOSSARY.md), for descriptions.
	" connection-oriented reliable byte stream four-way teardown (connection release)" +
	" initial sequence number (ISN) cumulative acknowledgment selective acknowledgment (SACK)" +
	" checksum round-trip time (RTT), smoothed RTT sliding window flow control" +
	" send window window update window scaling timestamps option maximum segment size (MSS)" +
	" Nagle's algorithm silly window syndrome half-close simultaneous open, simultaneous close" +
	" maximum segment lifetime (MSL), 2MSL keepalive bottleneck link, queue, drop-tail" +
	" packet loss, reordering, duplication, corruption propagation delay, jitter, bandwidth" +
	" bufferbloat client server delayed ACK bytes in flight slow-start threshold (ssthresh)" +
	" congestion control congestion window (cwnd) congestion avoidance slow start" +
	" fast recovery fast retransmit zero-window probe, persist timer zero window" +
	" receive window (rwnd) retransmission timeout (RTO) retransmission duplicate ACK" +
	" acknowledgment number sequence number three-way handshake segment" +
	"面向连接可靠的字节流四次挥手（连接释放）初始序号（ISN）累积确认选择确认（SACK）校验和" +
	"往返时间（RTT），平滑往返时间滑动窗口流量控制发送窗口窗口更新窗口扩大选项时间戳选项" +
	"最大报文段长度（MSS）Nagle 算法糊涂窗口综合征半关闭同时打开同时关闭" +
	"最长报文段寿命（MSL），2MSL 等待复位（RST）保活瓶颈链路，队列，尾部丢弃" +
	"丢包，乱序，重复，损坏传播时延，抖动，带宽缓冲区膨胀客户端服务器延迟确认在途数据" +
	"慢开始门限（ssthresh）拥塞控制拥塞窗口（cwnd）拥塞避免慢开始（慢启动）快速恢复快速重传" +
	"零窗口探测，持续计时器零窗口接收窗口（rwnd）超时重传时间（RTO）重传重复确认" +
	"确认号序号三次握手报文段发送方接收方" +
	// Common phrasing of descriptions.
	" RFC 9293 RFC 5681 RFC 6298 RFC 6675 RFC 7323 RFC 8985 RFC 1122 §3." +
	" SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK," +
	" TIME-WAIT, CLOSED, LISTEN. SYN, SYN-ACK, ACK. FIN, ACK, RST the link loses" +
	" is lost, so A's B's the sender's the receiver's is retransmitted after" +
	" Watch how each side's state changes, and the other side answers the first the second" +
	"注意两端的状态变化，以及对方如何回应。A 的 B 的，然后在之后丢失了被重传第一个第二个" +
	// Rarer JSON: link impairments, options, faults.
	`"distribution":"paretonormal","keep_order":true,"burst_loss":{"p":1,"r":30,"1-h":100,"1-k":0},` +
	`"reorder_gap":5,"corrupt":1,"outages":[{"from_ms":100,"to_ms":200}],"jitter_ms":5,"distribution":"normal",` +
	`"sndbuf":65536,"rcvbuf":65536,"sack":false,"timestamps":false,"wscale":false,"nodelay":true,` +
	`"delack":false,"delack_ms":200,"cc":"cubic","cc":"reno","recovery":"newreno","recovery":"sack",` +
	`"limited_transmit":false,"restart_after_idle":false,"iw":14600,"initial_rto_ms":1000,` +
	`"min_rto_ms":200,"max_rto_ms":120000,"syn_retries":6,"r1":3,"r2":15,"msl_ms":1000,"probe":"old_seq",` +
	`"max_persist_ms":60000,"keepalive":true,"keepalive_idle_ms":1000,"keepalive_interval_ms":1000,` +
	`"keepalive_probes":9,"stop_reading"},"resume_reading"},"shutdown"},"abort"},` +
	`"faults":[{"conn":1,"dir":"A>B","flags":"S","nth":2,"every":true,"action":"duplicate"},` +
	`{"dir":"B>A","flags":"SA","action":"delay","delay_ms":100},{"dir":"A>B","data":1,"action":"drop"},` +
	`{"dir":"A>B","segment":3,"action":"drop"}]` +
	// The skeleton every scenario has, in Marshal's order.
	`{"version":1,"title":{"en":"","zh":""},"description":{"en":"","zh":""},"seed":1,"duration_ms":10000,` +
	`"hosts":{"a":"10.0.0.1","b":"10.0.0.2"},"link":{"a_to_b":{"delay_ms":10,"rate_bps":1000000,` +
	`"queue_limit":100,"loss":1,"duplicate":1,"reorder":1},"b_to_a":{"delay_ms":10}},` +
	`"connections":[{"a":{"port":40000,"profile":"linux","mss":1460},"b":{"port":80,"profile":"rfc","mss":536},` +
	`"timeline":[{"at_ms":0,"side":"B","action":"listen"},{"at_ms":0,"side":"A","action":"connect"},` +
	`{"at_ms":0,"side":"A","action":"write","text":"GET / HTTP/1.0\u000d\n\u000d\n"},{"at_ms":0,"side":"A","action":"write","bytes":10000},` +
	`{"at_ms":100,"side":"A","action":"close"},{"at_ms":100,"side":"B","action":"close"}]}]}`
