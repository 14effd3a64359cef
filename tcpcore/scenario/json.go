package scenario

import (
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads a JSON document (RFC 8259) into a tree of nodes. It
// replaces encoding/json's Decoder.Token, which pulled the reflection-based
// decoder and its dependencies into the page's wasm (about 100 KB brotli of
// DESIGN.md's 1.2 MB budget), while keeping every error message byte for
// byte: the messages and byte offsets are the ones Decoder.Token gives (its
// token-level "invalid character" errors, and its scanner's errors inside
// a string, number or literal), so share links and the editor report what
// they reported before. FuzzJSONAgainstStdlib checks the two agree.

// jsonReader is the state of one parse: the input, the read position, and
// the count encoding/json's scanner keeps of the bytes of the scalar values
// (strings, keys, numbers, literals) read so far, which is the offset its
// errors inside a scalar report.
type jsonReader struct {
	data    []byte
	pos     int
	scanned int64
}

// The contexts of an unexpected character, by where it was met (the
// Decoder's token states).
const (
	ctxValue      = " looking for beginning of value"
	ctxArrayComma = " after array element"
	ctxObjectKey  = " looking for beginning of object key string"
	ctxColon      = " after object key"
	ctxObjectNext = " after object key:value pair"
	ctxObjectOpen = "" // the Decoder gives no context after "{"
)

// parse reads one JSON document into a tree, rejecting duplicate keys,
// excessive nesting and trailing data.
func parse(data []byte) (*node, error) {
	if len(data) > MaxInputBytes {
		return nil, &Error{Kind: ErrDocTooBig, Args: []string{strconv.Itoa(len(data)), strconv.Itoa(MaxInputBytes)}}
	}
	if !utf8.Valid(data) {
		return nil, &Error{Kind: ErrUTF8}
	}
	r := &jsonReader{data: data}
	n, err := r.value("", 0)
	if err != nil {
		return nil, err
	}
	if _, ok := r.peek(); ok {
		return nil, &Error{Kind: ErrTrailing}
	}
	return n, nil
}

// peek skips white space (RFC 8259 §2) and returns the next byte; false at
// the end of the input.
func (r *jsonReader) peek() (byte, bool) {
	for ; r.pos < len(r.data); r.pos++ {
		switch c := r.data[r.pos]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c, true
		}
	}
	return 0, false
}

// unexpected is the error for a character that cannot stand where it is.
func (r *jsonReader) unexpected(path string, c byte, context string) error {
	return syntaxError(path, int64(r.pos), c, context)
}

// syntaxError is the error for character c at offset, where context (one
// of the ctx constants, or a scalar's context after a space) says where.
func syntaxError(path string, offset int64, c byte, context string) error {
	return &Error{Path: path, Kind: ErrSyntax, Args: []string{strconv.FormatInt(offset, 10), quoteChar(c), context}}
}

func endError(path string) error {
	return &Error{Path: path, Kind: ErrEnd}
}

// quoteChar quotes a byte as encoding/json's messages do: 'x', '\n', '"'.
func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// value reads the value starting at the next non-space byte.
func (r *jsonReader) value(path string, depth int) (*node, error) {
	c, ok := r.peek()
	if !ok {
		return nil, endError(path)
	}
	switch c {
	case '[', '{':
		r.pos++
		if depth >= maxDepth {
			return nil, &Error{Path: path, Kind: ErrDepth, Args: []string{strconv.Itoa(maxDepth)}}
		}
		if c == '[' {
			return r.array(path, depth)
		}
		return r.object(path, depth)
	case ']', '}', ':', ',':
		return nil, r.unexpected(path, c, ctxValue)
	}
	return r.scalar(path)
}

// array reads the elements after "[" and the closing "]".
func (r *jsonReader) array(path string, depth int) (*node, error) {
	n := &node{kind: 'a'}
	for {
		c, ok := r.peek()
		if !ok {
			return nil, endError(path)
		}
		context := ctxValue
		if len(n.elems) > 0 {
			context = ctxArrayComma
		}
		switch c {
		case ']':
			r.pos++
			return n, nil
		case '}':
			return nil, r.unexpected(path, c, context)
		}
		ep := path + "[" + strconv.Itoa(len(n.elems)) + "]"
		if len(n.elems) > 0 {
			if c != ',' {
				return nil, r.unexpected(ep, c, ctxArrayComma)
			}
			r.pos++
		}
		val, err := r.value(ep, depth+1)
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, val)
	}
}

// object reads the members after "{" and the closing "}"; a key given
// twice is an error.
func (r *jsonReader) object(path string, depth int) (*node, error) {
	n := &node{kind: 'o'}
	var seen map[string]bool // for large objects, so that duplicates are found in linear time
	for {
		c, ok := r.peek()
		if !ok {
			return nil, endError(path)
		}
		context := ctxObjectOpen
		if len(n.keys) > 0 {
			context = ctxObjectNext
		}
		switch c {
		case '}':
			r.pos++
			return n, nil
		case ']':
			return nil, r.unexpected(path, c, context)
		}
		if len(n.keys) > 0 {
			if c != ',' {
				return nil, r.unexpected(path, c, ctxObjectNext)
			}
			r.pos++
			if c, ok = r.peek(); !ok {
				return nil, endError(path)
			}
			context = ctxObjectKey
		}
		if c != '"' {
			return nil, r.unexpected(path, c, context)
		}
		k, err := r.scalar(path)
		if err != nil {
			return nil, err
		}
		key := k.text
		kp := joinKey(path, key)
		if n.hasKey(key, &seen) {
			return nil, &Error{Path: kp, Kind: ErrDuplicate}
		}
		if c, ok = r.peek(); !ok {
			return nil, endError(kp)
		}
		if c != ':' {
			return nil, r.unexpected(kp, c, ctxColon)
		}
		r.pos++
		val, err := r.value(kp, depth+1)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, val)
	}
}

// hasKey reports whether object n has key already. From 16 keys on it
// keeps them in *seen too, so that duplicates are found in linear time.
func (n *node) hasKey(key string, seen *map[string]bool) bool {
	if len(n.keys) < 16 {
		return slices.Contains(n.keys, key)
	}
	if *seen == nil {
		*seen = make(map[string]bool, 32)
		for _, k := range n.keys {
			(*seen)[k] = true
		}
	}
	dup := (*seen)[key]
	(*seen)[key] = true
	return dup
}

// The states of a scalar's grammar (RFC 8259 §§3, 6, 7), named as
// encoding/json's scanner names them.
const (
	sBegin = iota
	sString
	sEsc
	sEscU  // after \u
	sEscU1 // after \u and one hex digit
	sEscU2
	sEscU3
	sNeg
	s0     // "0" or "-0"
	s1     // a non-zero integer part
	sDot   // after "."
	sDot0  // fraction digits
	sE     // after "e"
	sESign // after the exponent's sign
	sE0    // exponent digits
	sEnd   // a complete string or literal
	sLit   // inside true, false or null; lit and litAt say where
)

// scalar reads a string, number, true, false or null starting at r.pos.
// It stops at the first byte that cannot continue the value (a complete
// value ends there); a byte that cannot continue an incomplete one is an
// error at the count of scalar bytes read, as encoding/json reports it.
func (r *jsonReader) scalar(path string) (*node, error) {
	start := r.pos
	state := sBegin
	var lit string
	for i := start; ; i++ {
		if i == len(r.data) {
			switch state {
			case s0, s1, sDot0, sE0, sEnd:
				return r.finish(start, i), nil
			}
			return nil, endError(path)
		}
		c := r.data[i]
		msg := ""
		switch state {
		case sBegin:
			switch {
			case c == '"':
				state = sString
			case c == '-':
				state = sNeg
			case c == '0':
				state = s0
			case '1' <= c && c <= '9':
				state = s1
			case c == 't':
				state, lit = sLit, "true"
			case c == 'f':
				state, lit = sLit, "false"
			case c == 'n':
				state, lit = sLit, "null"
			default:
				msg = "looking for beginning of value"
			}
		case sString:
			switch {
			case c == '"':
				state = sEnd
			case c == '\\':
				state = sEsc
			case c < 0x20:
				msg = "in string literal"
			}
		case sEsc:
			switch c {
			case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
				state = sString
			case 'u':
				state = sEscU
			default:
				msg = "in string escape code"
			}
		case sEscU, sEscU1, sEscU2, sEscU3:
			switch {
			case !isHex(c):
				msg = `in \u hexadecimal character escape`
			case state == sEscU3:
				state = sString
			default:
				state++
			}
		case sNeg:
			switch {
			case c == '0':
				state = s0
			case '1' <= c && c <= '9':
				state = s1
			default:
				msg = "in numeric literal"
			}
		case s0, s1, sDot0:
			switch {
			case isDigit(c) && state != s0:
			case c == '.' && state != sDot0:
				state = sDot
			case c == 'e' || c == 'E':
				state = sE
			default:
				return r.finish(start, i), nil
			}
		case sDot:
			if !isDigit(c) {
				msg = "after decimal point in numeric literal"
			}
			state = sDot0
		case sE, sESign:
			switch {
			case isDigit(c):
				state = sE0
			case state == sE && (c == '+' || c == '-'):
				state = sESign
			default:
				msg = "in exponent of numeric literal"
			}
		case sE0:
			if !isDigit(c) {
				return r.finish(start, i), nil
			}
		case sEnd:
			return r.finish(start, i), nil
		case sLit:
			want := lit[i-start]
			if c != want {
				return nil, &Error{Path: path, Kind: ErrSyntaxLiteral, Args: []string{
					strconv.FormatInt(r.scanned+int64(i-start)+1, 10), quoteChar(c), lit, quoteChar(want)}}
			} else if i-start == len(lit)-1 {
				state = sEnd
			}
		}
		if msg != "" {
			return nil, syntaxError(path, r.scanned+int64(i-start)+1, c, " "+msg)
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// finish makes the node of the complete scalar data[start:end].
func (r *jsonReader) finish(start, end int) *node {
	r.pos = end
	r.scanned += int64(end - start)
	v := r.data[start:end]
	switch v[0] {
	case '"':
		return &node{kind: 's', text: unquote(v[1 : len(v)-1])}
	case 't', 'f':
		return &node{kind: 'b', b: v[0] == 't'}
	case 'n':
		return &node{kind: 'z'}
	}
	return &node{kind: 'n', text: string(v)}
}

// unquote decodes the escapes of a string the scanner accepted (RFC 8259
// §7). A \u escape of half a surrogate pair that does not pair up becomes
// U+FFFD, as encoding/json decodes it.
func unquote(s []byte) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		switch c = s[i+1]; c {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			r := hex4(s[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					r2 = hex4(s[i+2:])
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
			continue
		}
		b = append(b, c)
		i += 2
	}
	return string(b)
}

// hex4 is the value of four hex digits the scanner checked.
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c >= 'a':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
