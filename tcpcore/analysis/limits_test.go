package analysis

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tcpplayground/tcpcore/trace"
)

// span sums the time each limit holds.
func span(iv []Interval) map[Limit]time.Duration {
	m := map[Limit]time.Duration{}
	for _, x := range iv {
		m[x.Limit] += x.To - x.From
	}
	return m
}

func TestLimitsIntervalsAreAStepFunction(t *testing.T) {
	for _, nt := range scenariosAndPresets(t) {
		f, tr := nt.name, nt.tr
		end := tr.Event(tr.Len() - 1).At
		for c := range tr.Conns() {
			for _, s := range []trace.Side{trace.A, trace.B} {
				iv := Limits(tr, c, s)
				if len(iv) == 0 {
					t.Errorf("%s c%d %s: Limits = none, want intervals covering the run", f, c, s)
					continue
				}
				if iv[0].From != 0 || iv[len(iv)-1].To != end {
					t.Errorf("%s c%d %s: Limits cover [%v, %v), want [0, %v)", f, c, s, iv[0].From, iv[len(iv)-1].To, end)
				}
				for i, x := range iv {
					if x.To <= x.From {
						t.Errorf("%s c%d %s: interval %d = %+v, want To > From", f, c, s, i, x)
					}
					if i > 0 && (iv[i-1].To != x.From || iv[i-1].Limit == x.Limit) {
						t.Errorf("%s c%d %s: intervals %d,%d = %+v %+v, want adjacent and different", f, c, s, i-1, i, iv[i-1], x)
					}
				}
			}
		}
	}
}

// TestLimitsPerScenario checks the limit each teaching scenario is about.
func TestLimitsPerScenario(t *testing.T) {
	for _, c := range []struct {
		file    string
		sender  trace.Side
		want    Limit         // must hold for at least
		atLeast time.Duration // this long
	}{
		// B stops reading: A's data waits on B's window for ~3 s.
		{"testdata/zero_window_new_byte.json", trace.A, LimitRwnd, 2900 * time.Millisecond},
		{"testdata/zero_window_old_seq.json", trace.A, LimitRwnd, 2900 * time.Millisecond},
		// A 2 Mbit/s bottleneck with a 10-packet queue: the link limits.
		{"../sim/testdata/lossy.json", trace.A, LimitLink, 50 * time.Millisecond},
		// IW10 sent at 30 ms over a 20 ms RTT, no bottleneck: cwnd limits
		// from the write until all 30000 bytes are out (70 ms).
		{"testdata/fast_retransmit.json", trace.A, LimitCwnd, 35 * time.Millisecond},
		// The keep-alive connection has nothing to send almost all the time.
		{"testdata/keepalive.json", trace.A, LimitApp, 5 * time.Second},
		// B never writes.
		{"testdata/fast_retransmit.json", trace.B, LimitApp, 500 * time.Millisecond},
	} {
		tr := run(t, c.file)
		iv := Limits(tr, 0, c.sender)
		if got := span(iv)[c.want]; got < c.atLeast {
			t.Errorf("Limits(%s, %s): %v for %v, want at least %v; steps:\n%s", c.file, c.sender, c.want, got, c.atLeast, formatIntervals(iv))
		}
	}
}

func formatIntervals(iv []Interval) string {
	var b strings.Builder
	for _, x := range iv {
		fmt.Fprintf(&b, "  %v..%v %v\n", x.From, x.To, x.Limit)
	}
	return b.String()
}
