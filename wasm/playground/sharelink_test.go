package main

import "testing"

func TestLongLink(t *testing.T) {
	for _, tc := range []struct{ href, frag, want string }{
		{"https://tcp.example/", "p=handshake", "https://tcp.example/#p=handshake"},
		{"https://tcp.example/#s=1old", "s=1new", "https://tcp.example/#s=1new"},
		{"https://tcp.example/index.html?x=1#p=a#b", "p=teardown", "https://tcp.example/index.html?x=1#p=teardown"},
	} {
		if got := longLink(tc.href, tc.frag); got != tc.want {
			t.Errorf("longLink(%q, %q) = %q, want %q", tc.href, tc.frag, got, tc.want)
		}
	}
}
