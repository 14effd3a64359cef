package deflate

import "math/bits"

// The settings of the match search: part of the output (see the package
// comment), so they never change.
const (
	windowSize = 1 << 15 // RFC 1951 §3.2: distances reach back 32 KiB
	minMatch   = 3
	maxMatch   = 258
	maxChain   = 4096 // earlier positions tried per search, as zlib's level 9
	hashBits   = 15
)

// token is a literal byte (dist 0, length the byte) or a copy of length
// bytes from dist back.
type token struct{ length, dist uint16 }

// Compress appends to dst the raw DEFLATE stream of src, compressed as if
// dict came just before it (the preset dictionary an inflater is given:
// compress/flate's NewReaderDict), and returns the extended slice. Only
// the last 32 KiB of dict can be referred to.
func Compress(dst, dict, src []byte) []byte {
	if len(dict) > windowSize {
		dict = dict[len(dict)-windowSize:]
	}
	buf := make([]byte, 0, len(dict)+len(src))
	buf = append(append(buf, dict...), src...)
	toks := tokenize(buf, len(dict))
	w := bitWriter{b: dst}
	writeBlock(&w, toks, src)
	return w.flush()
}

// matcher finds earlier occurrences of the bytes at a position: hash
// chains over three-byte prefixes (RFC 1951 §4).
type matcher struct {
	buf  []byte
	head []int32 // per hash: the latest position with it, -1 for none
	prev []int32 // per position: the previous one with the same hash
	next int     // positions below it are in the chains
}

func hash3(b []byte) uint32 {
	return (uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])) * 0x9E3779B1 >> (32 - hashBits)
}

// insertUpTo puts every position below p that has three bytes after it
// into its chain.
func (m *matcher) insertUpTo(p int) {
	for ; m.next < p && m.next+minMatch <= len(m.buf); m.next++ {
		h := hash3(m.buf[m.next:])
		m.prev[m.next] = m.head[h]
		m.head[h] = int32(m.next)
	}
	m.next = max(m.next, min(p, len(m.buf)))
}

// longest returns the longest match for the bytes at p among the earlier
// positions in the window (the nearest of equally long ones), or 0.
func (m *matcher) longest(p int) (length, dist int) {
	if p+minMatch > len(m.buf) {
		return 0, 0
	}
	m.insertUpTo(p)
	limit := min(maxMatch, len(m.buf)-p)
	cur := m.buf[p : p+limit]
	for c, n := m.head[hash3(m.buf[p:])], 0; c >= 0 && n < maxChain; c, n = m.prev[c], n+1 {
		d := p - int(c)
		if d > windowSize {
			break
		}
		cand := m.buf[c:]
		// Only a candidate that beats the best so far at its last byte
		// can be longer: check that byte first.
		if length > 0 && cand[length] != cur[length] {
			continue
		}
		l := 0
		for l < limit && cand[l] == cur[l] {
			l++
		}
		if l > length {
			length, dist = l, d
			if l == limit {
				break
			}
		}
	}
	if length < minMatch {
		return 0, 0
	}
	return length, dist
}

// tokenize turns buf[start:] into literals and copies, with lazy
// matching: a match is taken only if the next position has no longer
// one, else the byte goes as a literal and the search moves on.
func tokenize(buf []byte, start int) []token {
	m := matcher{buf: buf, head: make([]int32, 1<<hashBits), prev: make([]int32, len(buf))}
	for i := range m.head {
		m.head[i] = -1
	}
	toks := make([]token, 0, (len(buf)-start)/3+1)
	p := start
	l, d := m.longest(p)
	for p < len(buf) {
		if l == 0 {
			toks = append(toks, token{length: uint16(buf[p])})
			p++
			l, d = m.longest(p)
			continue
		}
		if l2, d2 := m.longest(p + 1); l2 > l {
			toks = append(toks, token{length: uint16(buf[p])})
			p++
			l, d = l2, d2
			continue
		}
		toks = append(toks, token{length: uint16(l), dist: uint16(d)})
		p += l
		l, d = m.longest(p)
	}
	return toks
}

// Length and distance codes, RFC 1951 §3.2.5: the first length or
// distance of each code and its count of extra bits.
var (
	lengthBase  [29]uint16
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    [30]uint16
	distExtra   [30]uint8
	lengthCode  [maxMatch + 1]uint8 // length → code - 257
)

func init() {
	// Each code after the first covers 2^extra lengths (distances) more
	// than the one before; length 258 has a code of its own (285).
	b := uint16(minMatch)
	for c := range lengthBase {
		lengthBase[c] = b
		b += 1 << lengthExtra[c]
	}
	lengthBase[28] = maxMatch
	for l := minMatch; l <= maxMatch; l++ {
		c := 0
		for c+1 < len(lengthBase) && int(lengthBase[c+1]) <= l {
			c++
		}
		lengthCode[l] = uint8(c)
	}
	b = 1
	for c := range distBase {
		distExtra[c] = uint8(max(c/2-1, 0))
		distBase[c] = b
		b += 1 << distExtra[c]
	}
}

func distCode(d int) int {
	// The code is two per power of two above 4.
	if d <= 4 {
		return d - 1
	}
	hi := bits.Len(uint(d-1)) - 1 // d-1 in [2^hi, 2^(hi+1))
	return 2*hi + int((d-1)>>(hi-1)&1)
}

// bitWriter packs bits least significant first, as DEFLATE streams do
// (RFC 1951 §3.1.1).
type bitWriter struct {
	b    []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.b = append(w.b, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// align pads to a byte boundary with zero bits.
func (w *bitWriter) align() {
	if w.nacc > 0 {
		w.bits(0, 8-w.nacc)
	}
}

func (w *bitWriter) flush() []byte {
	w.align()
	return w.b
}

// code is a Huffman code ready to write: its bits reversed (codes are
// defined most significant bit first, §3.1.1) and its length.
type code struct {
	bits uint16
	len  uint8
}

// canonical gives the codes of the lengths, §3.2.2.
func canonical(lengths []uint8) []code {
	var count [16]uint16
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	c := uint16(0)
	for n := 1; n < 16; n++ {
		c = (c + count[n-1]) << 1
		next[n] = c
	}
	codes := make([]code, len(lengths))
	for i, l := range lengths {
		if l > 0 {
			codes[i] = code{bits.Reverse16(next[l]) >> (16 - l), l}
			next[l]++
		}
	}
	return codes
}

func (w *bitWriter) code(c code) { w.bits(uint64(c.bits), uint(c.len)) }
