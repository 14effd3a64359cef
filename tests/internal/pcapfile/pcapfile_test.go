package pcapfile_test

import (
	"bytes"
	"encoding/hex"
	"testing"
	"time"

	"tcpplayground/tests/internal/pcapfile"
)

// TestWriterBytes pins the exact layout: a reader that disagrees with it
// (tshark) would show garbage timestamps or a wrong link type.
func TestWriterBytes(t *testing.T) {
	var buf bytes.Buffer
	w, err := pcapfile.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Unix(0x01020304, 0x05060708)
	if err := w.WritePacket(at, []byte{0x45, 0xaa}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "65000000" +
		"04030201" + "08070605" + "02000000" + "02000000" + "45aa"
	if got := hex.EncodeToString(buf.Bytes()); got != want {
		t.Errorf("pcap bytes = %s, want %s", got, want)
	}
}
