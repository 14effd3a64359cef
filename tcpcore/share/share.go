package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strconv"
	"strings"

	"tcpplayground/tcpcore/deflate"
	"tcpplayground/tcpcore/scenario"
)

// Version is the format version Encode writes: the first character of
// every fragment it makes. Version 1 (compress/flate's compressor) and
// version 2 (tcpcore/deflate's) differ only in the compressor, so Decode
// reads both alike; each version's encoder is canonical.
const Version = 2

// Limits Decode checks, each before the work it bounds.
const (
	// MaxDecompressed is the largest canonical JSON a fragment may inflate
	// to: the scenario document limit itself, so nothing Decode inflates
	// is larger than what a pasted JSON file could be.
	MaxDecompressed = scenario.MaxInputBytes
	// maxCompressed bounds the deflate stream of a valid scenario: both
	// versions' compressors fall back to stored blocks for incompressible
	// input, which costs 5 bytes per 64 KiB block (RFC 1951 §3.2.4).
	maxCompressed = MaxDecompressed + 1024
	// MaxFragmentLen is the longest fragment Decode reads, in characters:
	// the version, then the base64url of the checksum and the largest
	// deflate stream a valid scenario can need. Every fragment Encode
	// makes of a valid scenario fits.
	MaxFragmentLen = 1 + (4*(crcLen+maxCompressed)+2)/3
)

const crcLen = 4

// Error is a fragment that is not a share link Decode can read: empty, too
// long, from a newer format, not base64url, truncated or corrupted. A
// fragment that decodes but whose scenario is invalid gives the
// validator's *scenario.Error instead, naming the JSON path.
// Msg is in English and ZH the same in Chinese, for a page shown in
// Chinese.
type Error struct{ Msg, ZH string }

func (e *Error) Error() string { return "share link: " + e.Msg }

// Chinese is the message in Chinese.
func (e *Error) Chinese() string { return "分享链接：" + e.ZH }

func fail(msg, zh string) error { return &Error{msg, zh} }

var b64 = base64.RawURLEncoding

// Encode returns the fragment for sc (the text after "#s=", without '#'):
// the version character '2', then base64url without padding of the CRC-32
// of the canonical JSON and the JSON compressed by tcpcore/deflate with
// the v1 dictionary. Equal scenarios give equal fragments. Encode does
// not validate; Decode does.
func Encode(sc *scenario.Scenario) string { return encodeDoc(scenario.Marshal(sc)) }

// encodeDoc encodes a JSON document as it is.
func encodeDoc(doc []byte) string {
	bin := binary.BigEndian.AppendUint32(make([]byte, 0, crcLen+len(doc)/2), crc32.ChecksumIEEE(doc))
	bin = deflate.Compress(bin, []byte(dictV1), doc)
	return strconv.Itoa(Version) + b64.EncodeToString(bin)
}

// Decode reads a fragment made by Encode (of this or an earlier format
// version) and runs the full scenario validator on it. Its errors say what
// is wrong with the link: *Error for the encoding, *scenario.Error for the
// scenario it holds.
func Decode(fragment string) (*scenario.Scenario, error) {
	if fragment == "" {
		return nil, fail("empty: there is no scenario after \"#s=\"", "为空：\"#s=\" 之后没有场景")
	}
	if len(fragment) > MaxFragmentLen {
		n, lim := strconv.Itoa(len(fragment)), strconv.Itoa(MaxFragmentLen)
		return nil, fail(n+" characters, more than the limit of "+lim, "有 "+n+" 个字符，超过上限 "+lim)
	}
	switch v := fragment[0]; {
	case v == '1' || v == '2':
		return decodeDeflate(fragment[1:])
	case v >= '3' && v <= '9':
		return nil, fail("made by a newer TCP Playground (format version "+string(v)+
			"; this page reads version "+strconv.Itoa(Version)+" and older): reload the page to update it",
			"由更新的 TCP 实验台生成（格式版本 "+string(v)+"；本页面只能读取版本 "+strconv.Itoa(Version)+" 及更早的版本）：请重新加载页面以更新")
	default:
		return nil, fail("starts with "+strconv.QuoteRune(rune(v))+", not a format version (1 or 2)",
			"以 "+strconv.QuoteRune(rune(v))+" 开头，不是格式版本号（1 或 2）")
	}
}

// decodeDeflate reads the text after the version character '1' or '2':
// base64url of the checksum and the deflate stream with dictV1.
func decodeDeflate(text string) (*scenario.Scenario, error) {
	if i := IndexNotBase64URL(text); i >= 0 {
		if ellipsis(text[i:]) {
			return nil, fail("truncated: the link ends in \"…\" where it was shortened for display (as chat apps and e-mail do); copy the whole link",
				"不完整：链接以 \"…\" 结尾，显示时被缩短了（聊天软件和邮件常这样做）；请复制完整的链接")
		}
		// Characters count from 1, the version character included.
		n, c := strconv.Itoa(i+2), strconv.QuoteRune(rune(text[i]))
		return nil, fail("character "+n+" ("+c+") is not allowed (base64url: A-Z a-z 0-9 - _, no padding); was the link changed?",
			"第 "+n+" 个字符（"+c+"）不允许出现（base64url：A-Z a-z 0-9 - _，无填充）；链接是否被改动过？")
	}
	bin, err := b64.DecodeString(text)
	if err != nil {
		// Only the length can be wrong now: a length of 4n+1 is impossible
		// for base64, which is what a link cut one character short gives.
		n := strconv.Itoa(len(text) + 1)
		return nil, fail("truncated: "+n+" characters is not a length a share link can have; was the link cut off?",
			"不完整：分享链接不可能是 "+n+" 个字符；链接是否被截断了？")
	}
	if len(bin) < crcLen+1 {
		return nil, fail("truncated: too short to hold a scenario; was the link cut off?", "不完整：太短，装不下一个场景；链接是否被截断了？")
	}
	want := binary.BigEndian.Uint32(bin)
	r := bytes.NewReader(bin[crcLen:])
	zr := flate.NewReaderDict(r, []byte(dictV1))
	doc, err := io.ReadAll(io.LimitReader(zr, MaxDecompressed+1))
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fail("truncated: the compressed scenario ends early; was the link cut off?", "不完整：压缩的场景提前结束；链接是否被截断了？")
	case errors.As(err, &corrupt):
		n := strconv.FormatInt(int64(corrupt)+crcLen, 10)
		return nil, fail("corrupted: invalid compressed data at byte "+n+"; was the link changed?", "已损坏：第 "+n+" 字节处的压缩数据无效；链接是否被改动过？")
	case err != nil:
		return nil, fail("corrupted: "+err.Error(), "已损坏："+err.Error())
	case len(doc) > MaxDecompressed:
		lim := strconv.Itoa(MaxDecompressed)
		return nil, fail("decompresses to more than the limit of "+lim+" bytes", "解压后超过上限 "+lim+" 字节")
	}
	// The reader stops at the end of the final block (it reads a
	// bytes.Reader byte by byte), so anything left is not part of the link.
	if r.Len() > 0 {
		n := strconv.Itoa(r.Len())
		return nil, fail("corrupted: "+n+" bytes after the end of the compressed scenario; was the link changed?", "已损坏：压缩的场景结束后还有 "+n+" 字节；链接是否被改动过？")
	}
	if crc32.ChecksumIEEE(doc) != want {
		return nil, fail("corrupted: the checksum does not match the scenario; was the link changed?", "已损坏：校验和与场景不符；链接是否被改动过？")
	}
	return scenario.Decode(doc)
}

// ellipsis reports whether tail, the end of a link from its first
// character outside base64url, is an ellipsis: "…" as typed, or as the
// browser's location.hash escapes it (%E2%80%A6), or "...". A chat app or
// an e-mail program shortens a long link's text so; copying that text
// gives a truncated link, not a changed one.
func ellipsis(tail string) bool {
	return tail == "…" || tail == "..." || strings.EqualFold(tail, "%E2%80%A6")
}

// IndexNotBase64URL returns the index of the first byte of s outside the
// base64url alphabet without padding (RFC 4648 §5: A-Z a-z 0-9 - _), or -1.
// Checking first matters: encoding/base64's decoder skips CR and LF, so it
// alone would accept a link with a line break in it. The short-link worker
// checks its IDs, which are base64url too, with it.
func IndexNotBase64URL(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return i
		}
	}
	return -1
}
