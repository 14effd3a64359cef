package scenario

import "strings"

// Error is a validation error: the JSON path of the offending value
// ("connections[0].a.mss", "" for the document itself) and what is wrong.
//
// Kind says what is wrong and Args are the values the message names, as
// written (the offending value, the limits, a list of allowed names), so
// that the message can be worded in English (Error) or Chinese (Chinese)
// from the same facts; no one parses the text. An Error built with only
// Msg (Kind ErrOther) is a message in English alone. Err, when set, is an
// underlying error the message ends with (a share link's scenario that is
// invalid, say).
type Error struct {
	Path string
	Msg  string // ErrOther: the whole message
	Kind ErrKind
	Args []string
	Err  error
}

// ErrKind is what is wrong, one per sentence of errText.
type ErrKind uint8

// The kinds of validation error. The comments give the English; errText
// holds both languages, {0}… standing for Args and {e} for Err.
const (
	ErrOther          ErrKind = iota // Msg
	ErrNotObject                     // {0} is not an object
	ErrUnknownField                  // unknown field (want one of {0})
	ErrMissing                       // missing
	ErrNotArray                      // {0} is not an array
	ErrTooMany                       // {0} entries, more than the limit of {1}
	ErrWantInt                       // {0} is not a number (want a whole number in {1}..{2})
	ErrNotInt                        // {0} is not a whole number in {1}..{2}
	ErrRange                         // {0} is out of range {1}..{2}
	ErrRangeInt                      // {0} is out of range {1}..{2} (a whole number)
	ErrWantNumber                    // {0} is not a number (want {1}..{2})
	ErrNotNumberIn                   // {0} is not a number in {1}..{2}
	ErrNotNumber                     // {0} is not a number
	ErrNotBool                       // {0} is not true or false
	ErrNotString                     // {0} is not a string
	ErrTooLong                       // string of {0} bytes, more than the limit of {1}
	ErrWantString                    // {0} is not a string (want {1})
	ErrNotAllowed                    // {0} is not allowed (want {1})
	ErrDurationZero                  // 0 is out of range: leave it out …
	ErrSameHost                      // {0} is the address of A too …
	ErrNoConnections                 // empty; want 1..{0} connections
	ErrNotIPv4                       // {0} is not an IPv4 address (want a.b.c.d)
	ErrRate                          // {0} is out of range: want 0 (unlimited) or {1}..{2}
	ErrReorderNoDelay                // {0} needs a delay_ms above 0 …
	ErrNotAfter                      // {0} is not after from_ms {1}
	ErrOverlap                       // {0} is before the end of the previous outage …
	ErrLink                          // the link's own check: {e}
	ErrR1                            // {0} is out of range 0..{1} (at most r2)
	ErrBelowMinRTO                   // {0} is below min_rto_ms {1}
	ErrInitialRTO                    // {0} is out of range {1}..{2} (min_rto_ms..max_rto_ms)
	ErrWriteBoth                     // a write has bytes or text, not both
	ErrWriteNeither                  // a write needs bytes or text
	ErrEmptyText                     // empty; want 1..{0} bytes
	ErrOnlyWrite                     // only a write has {0}
	ErrTimeOrder                     // {0} is before the previous entry's {1} …
	ErrAfterClose                    // {0} after the side's close or abort
	ErrOpenTwice                     // {0} when the side already listened or connected
	ErrStoppedAlready                // {0} when reading is already stopped
	ErrReadingAlready                // {0} when reading is already going on
	ErrNotOpen                       // {0} before the side listened or connected
	ErrAfterShutdown                 // {0} after the side's shutdown
	ErrTwice                         // {0} twice
	ErrOneSelector                   // want exactly one of segment, data or flags …
	ErrFlagsEmpty                    // "" is empty (want letters of FSRPAUEW …)
	ErrFlagsBad                      // {0} has {1} (want letters of FSRPAUEW …)
	ErrNthNoFlags                    // nth counts the segments that match flags …
	ErrNthEvery                      // nth and every exclude each other
	ErrEverySegment                  // segment names one segment; every needs …
	ErrDelayZero                     // 0 is out of range: want above 0
	ErrOnlyDelay                     // only a delay has delay_ms
	ErrSamePorts                     // ports {0} and {1} are those of connections[{2}] …
	ErrTotalBytes                    // writes more than the limit of {0} bytes in all
	ErrDocTooBig                     // document is {0} bytes, more than the limit of {1}
	ErrFileTooBig                    // {0} bytes, more than the limit of {1}
	ErrUTF8                          // document is not valid UTF-8
	ErrTrailing                      // unexpected data after the document
	ErrSyntax                        // invalid JSON at byte {0}: invalid character {1}{2}
	ErrSyntaxLiteral                 // … invalid character {1} in literal {2} (expecting {3})
	ErrEnd                           // invalid JSON: unexpected end of the document
	ErrDepth                         // nested more than {0} levels deep
	ErrDuplicate                     // duplicate field
	ErrBadFile                       // the file {0} is not a scenario this page can run: {e}
	ErrNoPreset                      // link names the preset {0}, which does not exist …
	ErrBadShareLink                  // the link's scenario (#s=…) cannot be read: {e}
	ErrBadFragment                   // the link ends in #{0}, which is neither …
	ErrNoField                       // no such field
	ErrNoConn                        // no connection {0}
	ErrNoEntry                       // no such entry (in the list the path names)
	ErrNewerVersion                  // {0} is from a newer TCP Playground …
	numErrKinds
)

// errText is every kind's sentence in English and Chinese. Paths, values,
// limits and JSON names stay verbatim in both (a user types them back).
var errText = [numErrKinds][2]string{
	ErrOther:          {"{m}", "{m}"},
	ErrNotObject:      {"{0} is not an object", "{0} 不是对象"},
	ErrUnknownField:   {"unknown field (want one of {0})", "未知字段（应为 {0} 之一）"},
	ErrMissing:        {"missing", "缺少此项"},
	ErrNotArray:       {"{0} is not an array", "{0} 不是数组"},
	ErrTooMany:        {"{0} entries, more than the limit of {1}", "有 {0} 项，超过上限 {1}"},
	ErrWantInt:        {"{0} is not a number (want a whole number in {1}..{2})", "{0} 不是数字（应为 {1}..{2} 之间的整数）"},
	ErrNotInt:         {"{0} is not a whole number in {1}..{2}", "{0} 不是 {1}..{2} 之间的整数"},
	ErrRange:          {"{0} is out of range {1}..{2}", "{0} 超出范围 {1}..{2}"},
	ErrRangeInt:       {"{0} is out of range {1}..{2} (a whole number)", "{0} 超出范围 {1}..{2}（应为整数）"},
	ErrWantNumber:     {"{0} is not a number (want {1}..{2})", "{0} 不是数字（应为 {1}..{2}）"},
	ErrNotNumberIn:    {"{0} is not a number in {1}..{2}", "{0} 不是 {1}..{2} 之间的数字"},
	ErrNotNumber:      {"{0} is not a number", "{0} 不是数字"},
	ErrNotBool:        {"{0} is not true or false", "{0} 不是 true 或 false"},
	ErrNotString:      {"{0} is not a string", "{0} 不是字符串"},
	ErrTooLong:        {"string of {0} bytes, more than the limit of {1}", "字符串长 {0} 字节，超过上限 {1}"},
	ErrWantString:     {"{0} is not a string (want {1})", "{0} 不是字符串（应为 {1} 之一）"},
	ErrNotAllowed:     {"{0} is not allowed (want {1})", "{0} 不是允许的取值（应为 {1} 之一）"},
	ErrDurationZero:   {"0 is out of range: leave it out to run until nothing is left to happen", "0 超出范围：若要一直运行到没有事件发生，请省略此项"},
	ErrSameHost:       {"{0} is the address of A too; the hosts need two addresses", "{0} 也是 A 的地址；两台主机需要两个不同的地址"},
	ErrNoConnections:  {"empty; want 1..{0} connections", "为空；应有 1..{0} 个连接"},
	ErrNotIPv4:        {"{0} is not an IPv4 address (want a.b.c.d)", "{0} 不是 IPv4 地址（应为 a.b.c.d）"},
	ErrRate:           {"{0} is out of range: want 0 (unlimited) or {1}..{2}", "{0} 超出范围：应为 0（不限）或 {1}..{2}"},
	ErrReorderNoDelay: {"{0} needs a delay_ms above 0 (a reordered packet skips the delay)", "{0} 需要 delay_ms 大于 0（乱序的分组跳过传播时延）"},
	ErrNotAfter:       {"{0} is not after from_ms {1}", "{0} 不晚于 from_ms {1}"},
	ErrOverlap:        {"{0} is before the end of the previous outage (outages must be in order and not overlap)", "{0} 早于上一次中断的结束（中断须按时间顺序且互不重叠）"},
	ErrLink:           {"{e}", "链路设置无效：{e}"},
	ErrR1:             {"{0} is out of range 0..{1} (at most r2)", "{0} 超出范围 0..{1}（不能大于 r2）"},
	ErrBelowMinRTO:    {"{0} is below min_rto_ms {1}", "{0} 小于 min_rto_ms {1}"},
	ErrInitialRTO:     {"{0} is out of range {1}..{2} (min_rto_ms..max_rto_ms)", "{0} 超出范围 {1}..{2}（min_rto_ms..max_rto_ms）"},
	ErrWriteBoth:      {"a write has bytes or text, not both", "写入（write）只能有 bytes 或 text 之一，不能两者都有"},
	ErrWriteNeither:   {"a write needs bytes or text", "写入（write）需要 bytes 或 text"},
	ErrEmptyText:      {"empty; want 1..{0} bytes", "为空；应为 1..{0} 字节"},
	ErrOnlyWrite:      {"only a write has {0}", "只有写入（write）才有 {0}"},
	ErrTimeOrder:      {"{0} is before the previous entry's {1} (the timeline must be in time order)", "{0} 早于上一项的 {1}（时间线须按时间顺序）"},
	ErrAfterClose:     {"{0} after the side's close or abort", "{0} 出现在该端关闭或中止之后"},
	ErrOpenTwice:      {"{0} when the side already listened or connected", "{0} 出现时该端已经监听或连接"},
	ErrStoppedAlready: {"{0} when reading is already stopped", "{0} 出现时读取已经停止"},
	ErrReadingAlready: {"{0} when reading is already going on", "{0} 出现时读取仍在进行"},
	ErrNotOpen:        {"{0} before the side listened or connected", "{0} 出现在该端监听或连接之前"},
	ErrAfterShutdown:  {"{0} after the side's shutdown", "{0} 出现在该端半关闭（shutdown）之后"},
	ErrTwice:          {"{0} twice", "{0} 出现了两次"},
	ErrOneSelector:    {"want exactly one of segment, data or flags to choose the segment", "须用 segment、data、flags 中的恰好一个来选择报文段"},
	ErrFlagsEmpty:     {`"" is empty (want letters of FSRPAUEW, "." for ACK)`, `"" 为空（应为 FSRPAUEW 中的字母，"." 表示 ACK）`},
	ErrFlagsBad:       {`{0} has {1} (want letters of FSRPAUEW, "." for ACK)`, `{0} 含有 {1}（应为 FSRPAUEW 中的字母，"." 表示 ACK）`},
	ErrNthNoFlags:     {"nth counts the segments that match flags; segment and data already name one", "nth 用于对匹配 flags 的报文段计数；segment 和 data 已经指定了一个报文段"},
	ErrNthEvery:       {"nth and every exclude each other", "nth 与 every 不能同时使用"},
	ErrEverySegment:   {"segment names one segment; every needs data or flags", "segment 只指定一个报文段；every 需要 data 或 flags"},
	ErrDelayZero:      {"0 is out of range: want above 0", "0 超出范围：应大于 0"},
	ErrOnlyDelay:      {"only a delay has delay_ms", "只有延迟（delay）才有 delay_ms"},
	ErrSamePorts:      {"ports {0} and {1} are those of connections[{2}] (each connection needs its own pair)", "端口 {0} 和 {1} 与 connections[{2}] 相同（每个连接需要自己的一对端口）"},
	ErrTotalBytes:     {"writes more than the limit of {0} bytes in all", "写入总量超过上限 {0} 字节"},
	ErrDocTooBig:      {"document is {0} bytes, more than the limit of {1}", "文档有 {0} 字节，超过上限 {1}"},
	ErrFileTooBig:     {"{0} bytes, more than the limit of {1}", "{0} 字节，超过上限 {1}"},
	ErrUTF8:           {"document is not valid UTF-8", "文档不是有效的 UTF-8"},
	ErrTrailing:       {"unexpected data after the document", "文档之后还有多余的数据"},
	ErrSyntax:         {"invalid JSON at byte {0}: invalid character {1}{2}", "JSON 无效（第 {0} 字节）：无效字符 {1}{c}"},
	ErrSyntaxLiteral:  {"invalid JSON at byte {0}: invalid character {1} in literal {2} (expecting {3})", "JSON 无效（第 {0} 字节）：字面量 {2} 中的无效字符 {1}（应为 {3}）"},
	ErrEnd:            {"invalid JSON: unexpected end of the document", "JSON 无效：文档意外结束"},
	ErrDepth:          {"nested more than {0} levels deep", "嵌套超过 {0} 层"},
	ErrDuplicate:      {"duplicate field", "字段重复"},
	ErrBadFile:        {"the file {0} is not a scenario this page can run: {e}", "文件 {0} 不是本页面可以运行的场景：{e}"},
	ErrNoPreset:       {"link names the preset {0}, which does not exist (presets: {1})", "链接指定的预设 {0} 不存在（预设：{1}）"},
	ErrBadShareLink:   {"the link's scenario (#s=…) cannot be read: {e}", "无法读取链接中的场景（#s=…）：{e}"},
	ErrBadFragment:    {"the link ends in #{0}, which is neither #p=<preset> nor #s=<shared scenario>", "链接以 #{0} 结尾，既不是 #p=<预设> 也不是 #s=<共享场景>"},
	ErrNoField:        {"no such field", "没有这个字段"},
	ErrNoConn:         {"no connection {0}", "没有连接 {0}"},
	ErrNoEntry:        {"no such entry", "没有这一项"},
	ErrNewerVersion:   {"{0} is from a newer TCP Playground (this page reads version {1}): reload the page to update it", "{0} 来自更新的 TCP 实验台（本页面只能读取版本 {1}）：请重新加载页面以更新"},
}

// syntaxContextZH words in Chinese where an invalid character of a JSON
// document was met (json.go's contexts, as encoding/json words them).
var syntaxContextZH = map[string]string{
	ctxValue:                              "（此处应为一个值）",
	ctxArrayComma:                         "（在数组元素之后）",
	ctxObjectKey:                          "（此处应为对象的键，一个字符串）",
	ctxColon:                              "（在对象的键之后）",
	ctxObjectNext:                         "（在对象的键值对之后）",
	ctxObjectOpen:                         "",
	" in string literal":                  "（在字符串中）",
	" in string escape code":              "（在字符串的转义序列中）",
	` in \u hexadecimal character escape`: "（在 \\u 十六进制转义中）",
	" in numeric literal":                 "（在数字中）",
	" after decimal point in numeric literal": "（在数字的小数点之后）",
	" in exponent of numeric literal":         "（在数字的指数部分）",
}

func (e *Error) Error() string { return e.text(0) }

// Chinese is the message in Chinese, with the same path, values and
// limits.
func (e *Error) Chinese() string { return e.text(1) }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) text(zh int) string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString([2]string{": ", "："}[zh])
	}
	t := "{m}"
	if e.Kind < numErrKinds {
		t = errText[e.Kind][zh]
	}
	for {
		i := strings.IndexByte(t, '{')
		j := strings.IndexByte(t[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j < i {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		switch k := t[i+1 : j]; {
		case k == "c" && len(e.Args) > 2:
			// ErrSyntax's context, one of json.go's, in Chinese.
			if zh, ok := syntaxContextZH[e.Args[2]]; ok {
				b.WriteString(zh)
			} else {
				b.WriteString(e.Args[2])
			}
		case k == "m":
			b.WriteString(e.Msg)
		case k == "e" && e.Err != nil:
			// A wrapped error worded in Chinese too (this package's
			// or, say, a share link's) is shown in Chinese.
			if c, ok := e.Err.(interface{ Chinese() string }); ok && zh == 1 {
				b.WriteString(c.Chinese())
			} else {
				b.WriteString(e.Err.Error())
			}
		case len(k) == 1 && k[0] >= '0' && k[0] <= '9' && int(k[0]-'0') < len(e.Args):
			b.WriteString(e.Args[k[0]-'0'])
		default:
			b.WriteString(t[i : j+1])
		}
		t = t[j+1:]
	}
}
