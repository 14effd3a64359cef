package scenario

// MarshalIndent returns Marshal's document laid out for people: one field
// or element per line, indented by two spaces, "key": value, empty objects
// and arrays as {} and []. It is byte for byte what
// encoding/json.Indent(dst, Marshal(sc), "", "  ") writes, without the
// page carrying encoding/json for it (about 10 KB brotli of its wasm).
// Decode reads it back to sc.
func MarshalIndent(sc *Scenario) []byte {
	src := Marshal(sc)
	b := make([]byte, 0, 2*len(src))
	depth := 0
	newline := func() {
		b = append(b, '\n')
		for range depth {
			b = append(b, "  "...)
		}
	}
	inString := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inString {
			b = append(b, c)
			switch c {
			case '\\':
				i++
				b = append(b, src[i])
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			b = append(b, c)
		case '{', '[':
			b = append(b, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				i++
				b = append(b, src[i])
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			b = append(b, c)
		case ',':
			b = append(b, c)
			newline()
		case ':':
			b = append(b, ':', ' ')
		default:
			b = append(b, c)
		}
	}
	return b
}
