package deflate

import "sort"

// Alphabet sizes and code length limits, RFC 1951 §3.2.5–3.2.7.
const (
	endOfBlock = 256
	numLitLen  = 286 // literal/length codes used (286 and 287 never occur)
	numDist    = 30
	maxBits    = 15 // longest literal/length or distance code
	maxCLBits  = 7  // longest code-length code
)

// clOrder is the order code-length code lengths are sent in, §3.2.7.
var clOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// fixedLit and fixedDist are the fixed Huffman codes' lengths, §3.2.6.
var fixedLit, fixedDist = func() ([]uint8, []uint8) {
	lit := make([]uint8, 288)
	for i := range lit {
		switch {
		case i < 144:
			lit[i] = 8
		case i < 256:
			lit[i] = 9
		case i < 280:
			lit[i] = 7
		default:
			lit[i] = 8
		}
	}
	dist := make([]uint8, 30)
	for i := range dist {
		dist[i] = 5
	}
	return lit, dist
}()

// writeBlock writes toks (which encode src) as the stream's one final
// block in whichever of the three block types is smallest: dynamic
// Huffman codes built for these tokens, the fixed codes, or stored bytes
// (src split in blocks of at most 65535, §3.2.4).
func writeBlock(w *bitWriter, toks []token, src []byte) {
	var litFreq [numLitLen]int
	var distFreq [numDist]int
	for _, t := range toks {
		if t.dist == 0 {
			litFreq[t.length]++
			continue
		}
		litFreq[257+int(lengthCode[t.length])]++
		distFreq[distCode(int(t.dist))]++
	}
	litFreq[endOfBlock] = 1
	// Every alphabet gets at least two codes, so each code is a complete
	// prefix code (a lone code would need the special case inflaters
	// treat differently); the extra codes are never written.
	atLeastTwo(litFreq[:])
	atLeastTwo(distFreq[:])
	litLen := codeLengths(litFreq[:], maxBits)
	distLen := codeLengths(distFreq[:], maxBits)
	hdr := newDynamicHeader(litLen, distLen)

	dynamic := 3 + hdr.bits() + tokenBits(toks, litLen, distLen)
	fixed := 3 + tokenBits(toks, fixedLit, fixedDist)
	stored := 0
	for n := len(src); ; n -= 65535 {
		stored += (5 + min(n, 65535)) * 8 // header, padding, LEN, NLEN, bytes
		if n <= 65535 {
			break
		}
	}
	switch {
	case stored < dynamic && stored < fixed:
		for {
			n := min(len(src), 65535)
			final := uint64(0)
			if n == len(src) {
				final = 1
			}
			w.bits(final, 1)
			w.bits(0, 2)
			w.align()
			w.bits(uint64(n), 16)
			w.bits(uint64(^uint16(n)), 16)
			w.b = append(w.b, src[:n]...)
			src = src[n:]
			if final == 1 {
				return
			}
		}
	case fixed <= dynamic:
		w.bits(1, 1) // final
		w.bits(1, 2) // fixed Huffman codes
		writeTokens(w, toks, canonical(fixedLit), canonical(fixedDist))
	default:
		w.bits(1, 1) // final
		w.bits(2, 2) // dynamic Huffman codes
		hdr.write(w)
		writeTokens(w, toks, canonical(litLen), canonical(distLen))
	}
}

// atLeastTwo gives the first one or two symbols a count of 1 when fewer
// than two have any.
func atLeastTwo(freq []int) {
	used := 0
	for _, f := range freq {
		if f > 0 {
			used++
		}
	}
	for i := 0; used < 2; i++ {
		if freq[i] == 0 {
			freq[i] = 1
			used++
		}
	}
}

// tokenBits is the size of the tokens and the end of block in bits with
// the given code lengths.
func tokenBits(toks []token, litLen, distLen []uint8) int {
	n := int(litLen[endOfBlock])
	for _, t := range toks {
		if t.dist == 0 {
			n += int(litLen[t.length])
			continue
		}
		lc, dc := lengthCode[t.length], distCode(int(t.dist))
		n += int(litLen[257+int(lc)]) + int(lengthExtra[lc]) + int(distLen[dc]) + int(distExtra[dc])
	}
	return n
}

func writeTokens(w *bitWriter, toks []token, lit, dist []code) {
	for _, t := range toks {
		if t.dist == 0 {
			w.code(lit[t.length])
			continue
		}
		lc := lengthCode[t.length]
		w.code(lit[257+int(lc)])
		w.bits(uint64(t.length-lengthBase[lc]), uint(lengthExtra[lc]))
		dc := distCode(int(t.dist))
		w.code(dist[dc])
		w.bits(uint64(int(t.dist)-int(distBase[dc])), uint(distExtra[dc]))
	}
	w.code(lit[endOfBlock])
}

// dynamicHeader is a dynamic block's description of its codes, §3.2.7:
// the code lengths run-length encoded with the code-length alphabet
// (16: repeat the previous 3–6 times, 17: 3–10 zeros, 18: 11–138 zeros),
// and that alphabet's own code lengths.
type dynamicHeader struct {
	nLit, nDist, nCL int
	syms             []clSym
	clLen            []uint8
}

type clSym struct{ sym, extra uint8 }

var clExtraBits = [19]uint8{16: 2, 17: 3, 18: 7}

func newDynamicHeader(litLen, distLen []uint8) *dynamicHeader {
	h := &dynamicHeader{nLit: 257, nDist: 1}
	for i, l := range litLen {
		if l > 0 {
			h.nLit = max(h.nLit, i+1)
		}
	}
	for i, l := range distLen {
		if l > 0 {
			h.nDist = max(h.nDist, i+1)
		}
	}
	all := append(append([]uint8(nil), litLen[:h.nLit]...), distLen[:h.nDist]...)
	for i := 0; i < len(all); {
		v, run := all[i], 1
		for i+run < len(all) && all[i+run] == v {
			run++
		}
		i += run
		if v == 0 {
			for ; run >= 11; run -= min(run, 138) {
				h.syms = append(h.syms, clSym{18, uint8(min(run, 138) - 11)})
			}
			for ; run >= 3; run -= min(run, 10) {
				h.syms = append(h.syms, clSym{17, uint8(min(run, 10) - 3)})
			}
		} else {
			h.syms = append(h.syms, clSym{v, 0})
			for run--; run >= 3; run -= min(run, 6) {
				h.syms = append(h.syms, clSym{16, uint8(min(run, 6) - 3)})
			}
		}
		for ; run > 0; run-- {
			h.syms = append(h.syms, clSym{v, 0})
		}
	}
	var freq [19]int
	for _, s := range h.syms {
		freq[s.sym]++
	}
	atLeastTwo(freq[:])
	h.clLen = codeLengths(freq[:], maxCLBits)
	h.nCL = 4
	for i, s := range clOrder {
		if h.clLen[s] > 0 {
			h.nCL = max(h.nCL, i+1)
		}
	}
	return h
}

// bits is the header's size after the block type.
func (h *dynamicHeader) bits() int {
	n := 5 + 5 + 4 + 3*h.nCL
	for _, s := range h.syms {
		n += int(h.clLen[s.sym]) + int(clExtraBits[s.sym])
	}
	return n
}

func (h *dynamicHeader) write(w *bitWriter) {
	w.bits(uint64(h.nLit-257), 5)
	w.bits(uint64(h.nDist-1), 5)
	w.bits(uint64(h.nCL-4), 4)
	for _, s := range clOrder[:h.nCL] {
		w.bits(uint64(h.clLen[s]), 3)
	}
	codes := canonical(h.clLen)
	for _, s := range h.syms {
		w.code(codes[s.sym])
		w.bits(uint64(s.extra), uint(clExtraBits[s.sym]))
	}
}

// codeLengths returns Huffman code lengths for the symbol counts, none
// longer than limit: a Huffman code (two-queue construction, ties taken
// by the lower symbol, so the result is deterministic), and where it is
// too deep, the counts halved (rounding up) until it fits. Halving loses
// little: it only happens for skewed counts over many symbols.
func codeLengths(freq []int, limit int) []uint8 {
	f := append([]int(nil), freq...)
	for {
		lengths, deepest := huffman(f)
		if deepest <= limit {
			return lengths
		}
		for i := range f {
			if f[i] > 0 {
				f[i] = (f[i] + 1) / 2
			}
		}
	}
}

// huffman returns the code length of each symbol with a nonzero count
// (at least two) and the longest.
func huffman(freq []int) ([]uint8, int) {
	type node struct{ weight, parent int }
	var syms []int
	for s, f := range freq {
		if f > 0 {
			syms = append(syms, s)
		}
	}
	sort.SliceStable(syms, func(i, j int) bool { return freq[syms[i]] < freq[syms[j]] })
	nodes := make([]node, 0, 2*len(syms))
	for _, s := range syms {
		nodes = append(nodes, node{freq[s], -1})
	}
	// Leaves are nodes[:n] in order of weight; internal nodes are made in
	// order of weight too, so the two lightest are at the two queues'
	// fronts.
	n := len(syms)
	leaf, inner := 0, n
	take := func() int {
		if leaf < n && (inner >= len(nodes) || nodes[leaf].weight <= nodes[inner].weight) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for range n - 1 {
		a, b := take(), take()
		nodes = append(nodes, node{nodes[a].weight + nodes[b].weight, -1})
		nodes[a].parent, nodes[b].parent = len(nodes)-1, len(nodes)-1
	}
	// Depths, from the root (the last node) down: a parent comes after
	// its children.
	depth := make([]int, len(nodes))
	for i := len(nodes) - 2; i >= 0; i-- {
		depth[i] = depth[nodes[i].parent] + 1
	}
	lengths := make([]uint8, len(freq))
	deepest := 0
	for i, s := range syms {
		lengths[s] = uint8(depth[i])
		deepest = max(deepest, depth[i])
	}
	return lengths, deepest
}
