package scenario

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var han = regexp.MustCompile(`\p{Han}`)

// TestEveryErrorKindHasBothLanguages: each kind has an English sentence
// with no Chinese in it and a Chinese one, and both name the same
// arguments, so that no value or limit is lost in translation.
func TestEveryErrorKindHasBothLanguages(t *testing.T) {
	holes := regexp.MustCompile(`\{[0-9me]\}`)
	for k := ErrKind(1); k < numErrKinds; k++ {
		en, zh := errText[k][0], errText[k][1]
		if en == "" || zh == "" || han.MatchString(en) || !han.MatchString(zh) {
			t.Errorf("kind %d: English %q, Chinese %q", k, en, zh)
		}
		// {c} is ErrSyntax's {2} (a context) worded in Chinese.
		a, b := holes.FindAllString(en, -1), holes.FindAllString(strings.ReplaceAll(zh, "{c}", "{2}"), -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("kind %d: English names %v, Chinese %v", k, a, b)
		}
	}
}

// TestChineseErrorsKeepPathAndValues: for invalid documents, the Chinese
// message starts with the same JSON path and carries every value and
// limit of the English one.
func TestChineseErrorsKeepPathAndValues(t *testing.T) {
	for doc, want := range map[string][]string{
		edit(t, `"port":40000`, `"port":40000,"mss":20`):                     {"connections[0].a.mss：", "20 超出范围 64..65495"},
		edit(t, `"version":1`, `"version":1,"link":{"a_to_b":{"loss":150}}`): {"link.a_to_b.loss：", "150", "0..100"},
		edit(t, `"port":40000`, `"port":40000,"cc":"bbr"`):                   {"connections[0].a.cc：", `"bbr"`, "reno, cubic"},
		edit(t, `"port":40000`, `"port":40000,"r1":9,"r2":4`):                {"connections[0].a.r1：", "9", "0..4"},
		`{"version":1,`: {"JSON 无效"},
	} {
		_, err := Decode([]byte(doc))
		var se *Error
		if !errors.As(err, &se) {
			t.Fatalf("Decode(%s) = %v", doc, err)
		}
		zh := se.Chinese()
		for _, w := range want {
			if !strings.Contains(zh, w) || !han.MatchString(zh) {
				t.Errorf("Decode(%s): Chinese %q, want it to contain %q", doc, zh, w)
			}
		}
	}
	// A wrapped error is worded in the same language.
	inner := &Error{Path: "link.a_to_b.delay_ms", Kind: ErrRange, Args: []string{"-1", "0", "60000"}}
	outer := &Error{Kind: ErrBadShareLink, Err: inner}
	if got, want := outer.Error(), "the link's scenario (#s=…) cannot be read: link.a_to_b.delay_ms: -1 is out of range 0..60000"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := outer.Chinese(), "无法读取链接中的场景（#s=…）：link.a_to_b.delay_ms：-1 超出范围 0..60000"; got != want {
		t.Errorf("Chinese() = %q, want %q", got, want)
	}
	if !errors.Is(outer, inner) {
		t.Error("the wrapped error is not reachable with errors.Is")
	}
	if got := (&Error{Path: "x", Msg: "free text"}).Chinese(); got != "x：free text" {
		t.Errorf("an ErrOther's Chinese = %q", got)
	}
}

// TestJSONSyntaxErrorsInChinese: every place the reader can meet a wrong
// character is worded in Chinese, with the byte offset and the character.
func TestJSONSyntaxErrorsInChinese(t *testing.T) {
	for _, doc := range []string{`{"a" 1}`, `[1 2]`, `{1:2}`, `{"a":1 "b":2}`, `{"a":}`, "\"\x01\"", `"\q"`,
		`"\u12x4"`, `-x`, `1.x`, `1ex`, `trux`, `nul`, `{"a":1,}`, `[,]`} {
		_, err := Decode([]byte(doc))
		var se *Error
		if !errors.As(err, &se) || se.Kind != ErrSyntax && se.Kind != ErrSyntaxLiteral && se.Kind != ErrEnd {
			t.Errorf("Decode(%s) = %v, want a syntax error", doc, err)
			continue
		}
		zh := se.Chinese()
		if !han.MatchString(zh) || regexp.MustCompile(`looking|after|in |expecting`).MatchString(zh) ||
			se.Kind != ErrEnd && !strings.Contains(zh, se.Args[0]) {
			t.Errorf("Decode(%s): Chinese %q (English %q)", doc, zh, se.Error())
		}
	}
}
