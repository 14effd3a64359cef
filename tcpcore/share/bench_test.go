package share

import (
	"testing"

	"tcpplayground/tcpcore/presets"
)

// BenchmarkEncode: the page encodes the fragment after every edit.
func BenchmarkEncode(b *testing.B) {
	sc := presets.All()[0].Scenario()
	b.ReportAllocs()
	for b.Loop() {
		Encode(sc)
	}
}

// BenchmarkDecode: opening a link.
func BenchmarkDecode(b *testing.B) {
	f := Encode(presets.All()[0].Scenario())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(f); err != nil {
			b.Fatal(err)
		}
	}
}
