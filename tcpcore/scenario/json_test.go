package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// stdlibParse is the reader this package had before json.go: encoding/json's
// Decoder.Token building the same tree. It is the reference json.go must
// agree with, error for error.
func stdlibParse(data []byte) (*node, error) {
	if len(data) > MaxInputBytes {
		return nil, &Error{Path: "", Msg: "document is " + strconv.Itoa(len(data)) + " bytes, more than the limit of " + strconv.Itoa(MaxInputBytes)}
	}
	if !utf8.Valid(data) {
		return nil, &Error{Path: "", Msg: "document is not valid UTF-8"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := stdlibValue(dec, "", 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &Error{Path: "", Msg: "unexpected data after the document"}
	}
	return n, nil
}

func stdlibSyntaxError(path string, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{Path: path, Msg: "invalid JSON at byte " + strconv.FormatInt(se.Offset, 10) + ": " + se.Error()}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Path: path, Msg: "invalid JSON: unexpected end of the document"}
	}
	return &Error{Path: path, Msg: "invalid JSON: " + err.Error()}
}

func stdlibValue(dec *json.Decoder, path string, depth int) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, stdlibSyntaxError(path, err)
	}
	return stdlibToken(dec, tok, path, depth)
}

func stdlibToken(dec *json.Decoder, tok json.Token, path string, depth int) (*node, error) {
	switch v := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			return nil, &Error{Path: path, Msg: "nested more than " + strconv.Itoa(maxDepth) + " levels deep"}
		}
		switch v {
		case '{':
			n := &node{kind: 'o'}
			var seen map[string]bool // for large objects, so that duplicates are found in linear time
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, stdlibSyntaxError(path, err)
				}
				key, ok := kt.(string)
				if !ok {
					return nil, &Error{Path: path, Msg: "invalid JSON: object key is not a string"}
				}
				kp := joinKey(path, key)
				if n.hasKey(key, &seen) {
					return nil, &Error{Path: kp, Msg: "duplicate field"}
				}
				val, err := stdlibValue(dec, kp, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.vals = append(n.vals, val)
			}
			if _, err := dec.Token(); err != nil {
				return nil, stdlibSyntaxError(path, err)
			}
			return n, nil
		case '[':
			n := &node{kind: 'a'}
			for dec.More() {
				val, err := stdlibValue(dec, path+"["+strconv.Itoa(len(n.elems))+"]", depth+1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, val)
			}
			if _, err := dec.Token(); err != nil {
				return nil, stdlibSyntaxError(path, err)
			}
			return n, nil
		}
		return nil, &Error{Path: path, Msg: "invalid JSON"}
	case string:
		return &node{kind: 's', text: v}, nil
	case json.Number:
		return &node{kind: 'n', text: string(v)}, nil
	case bool:
		return &node{kind: 'b', b: v}, nil
	case nil:
		return &node{kind: 'z'}, nil
	}
	return nil, &Error{Path: path, Msg: "invalid JSON"}
}

// FuzzJSONAgainstStdlib: the package's JSON reader and encoding/json's
// Decoder.Token accept the same documents, read them into the same tree,
// and reject the others with the same error, byte offset and path. The
// committed corpus is in testdata/fuzz/FuzzJSONAgainstStdlib.
func FuzzJSONAgainstStdlib(f *testing.F) {
	for _, s := range jsonCases {
		f.Add([]byte(s))
	}
	f.Add([]byte(minimal))
	f.Add([]byte(full))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstStdlib(t, data)
	})
}

// jsonCases reach every error of the reader: each context of an unexpected
// character, each state of a scalar, the end of the input in each.
var jsonCases = []string{
	``, ` `, `{}`, `[]`, `1`, `-0.5e+10`, `0`, `01`, `-`, `-x`, `1.`, `1.x`, `1e`, `1e+`, `1e+x`, `1E5`, `2.50`,
	`true`, `tru`, `trux`, `truex`, `false`, `fals`, `falsy`, `null`, `nul`, `nulL`, `nux`,
	`"a"`, `"a`, `"\n\t\b\f\r\/\\\""`, `"\x"`, `"\u00e9"`, `"\u00g9"`, `"\u12"`, "\"\x01\"", "\"a\nb\"",
	`"\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\ude00\ud83d"`, `"\ud83d\u0041"`, `"\ud83d\ud83d\ude00"`, `"é中"`,
	`x`, `]`, `}`, `:`, `,`, `'`, `"`, "\xe4", `{"a":1}x`, `1 2`, `{} {}`, `[1] x`,
	`[`, `[1`, `[1,`, `[1,]`, `[,]`, `[1 2]`, `[1:2]`, `[1}`, `[}`, `[[[]]]`, `[1,,2]`, `[1,"a",[true,null]]`, `[1 "a"]`,
	`{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,`, `{"a":1,}`, `{,}`, `{1}`, `{"a"1}`, `{"a":1 "b":2}`, `{"a":1]`, `{]`,
	`{"a":1,"a":2}`, `{"a":1,1}`, `{"a":}`, `{"a":,}`, `{"a"::1}`, `{"a":1,"b":[1,{"c":"d"}]}`, `{"a" : 1 , "b" : 2 }`,
	`[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]`, `{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}}}}}}}}}}}`,
	`["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"a":18}`,
	"\t\r\n {\"a\"\n:\t[ ]\r}\n", "[1,\"x\u0000\"]", `{"k\u00e9y":"v"}`, `{"a":[1,2,3}`, `{"a":1,"b"}`, `[1,2}`,
}

func checkAgainstStdlib(t *testing.T, data []byte) {
	t.Helper()
	got, err := parse(data)
	want, wantErr := stdlibParse(data)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("parse(%q) error\n got: %v\nwant: %v", data, err, wantErr)
	}
	if err == nil && !sameNode(got, want) {
		t.Fatalf("parse(%q) = %s, encoding/json reads %s", data, dumpNode(got), dumpNode(want))
	}
}

// TestJSONAgainstStdlib runs the cases natively too, without the fuzzer.
func TestJSONAgainstStdlib(t *testing.T) {
	for _, s := range jsonCases {
		checkAgainstStdlib(t, []byte(s))
	}
}

func sameNode(a, b *node) bool {
	return dumpNode(a) == dumpNode(b)
}

// dumpNode writes a tree with every field, so that two trees compare.
func dumpNode(n *node) string {
	var b strings.Builder
	var walk func(n *node)
	walk = func(n *node) {
		b.WriteByte(n.kind)
		b.WriteString(strconv.Quote(n.text))
		b.WriteString(strconv.FormatBool(n.b))
		b.WriteByte('(')
		for i, k := range n.keys {
			b.WriteString(strconv.Quote(k))
			walk(n.vals[i])
		}
		b.WriteByte('|')
		for _, e := range n.elems {
			walk(e)
		}
		b.WriteByte(')')
	}
	walk(n)
	return b.String()
}
