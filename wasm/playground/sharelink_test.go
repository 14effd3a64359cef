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

func TestPageLink(t *testing.T) {
	for _, tc := range []struct{ href, public, link, note string }{
		{"https://tcp.example/#p=a", "", "https://tcp.example/#s=1x", "share.long"},
		// A served page gives its own address even where the build
		// named a public one.
		{"http://127.0.0.1:8080/", "https://tcp.example/", "http://127.0.0.1:8080/#s=1x", "share.long"},
		{"file:///media/usb/tcp-playground.html#p=a", "https://tcp.example/play/", "https://tcp.example/play/#s=1x", "share.public"},
		{"file:///media/usb/tcp-playground.html", "", "file:///media/usb/tcp-playground.html#s=1x", "share.file"},
	} {
		if link, note := pageLink(tc.href, tc.public, "s=1x"); link != tc.link || note != tc.note {
			t.Errorf("pageLink(%q, %q) = %q, %q; want %q, %q", tc.href, tc.public, link, note, tc.link, tc.note)
		}
	}
}
