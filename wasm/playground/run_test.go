package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var payloadLen = regexp.MustCompile(`:\d+\((\d+)\)`)

// TestFirstLightShowsAWholeConnection checks the page's list: the handshake
// opens it, data flows from A, and both FINs close it.
func TestFirstLightShowsAWholeConnection(t *testing.T) {
	lines, err := firstLightLines(4000, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		t.Log(l)
	}
	if len(lines) < 5 {
		t.Fatalf("got %d segments, want at least 5 (SYN, SYN-ACK, data, 2 FINs)", len(lines))
	}
	want := []string{"A > S ", "B > S. ", "A > . "}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("segment %d = %q, want it to contain %q", i, lines[i], w)
		}
	}
	var finA, finB bool
	sent := 0
	for _, l := range lines {
		finA = finA || strings.Contains(l, "A > F")
		finB = finB || strings.Contains(l, "B > F")
		if m := payloadLen.FindStringSubmatch(l); m != nil && strings.Contains(l, "A > ") {
			n, _ := strconv.Atoi(m[1])
			sent += n
		}
	}
	if sent != 4000 || !finA || !finB {
		t.Errorf("A sent %d bytes, FIN from A: %v, FIN from B: %v; want 4000 bytes and both FINs", sent, finA, finB)
	}
}
