package presets

import (
	_ "embed" // the documents below
	"slices"

	"tcpplayground/tcpcore/scenario"
)

// Topic is a group of presets in the menu: its name (used by Preset.Topic)
// and its title in English and Chinese.
type Topic struct {
	Name  string
	Title scenario.Text
}

// Preset is a built-in scenario: its name (as in "#p=handshake" and
// "tcpsim run handshake"), its topic's name and its scenario document
// (shared by every caller: do not modify it).
type Preset struct {
	Name  string
	Topic string
	JSON  []byte
}

// Scenario decodes the preset's document into a new Scenario, which the
// caller may edit (the page's edits start from it). Every preset is tested
// to decode, so a failure here is a broken build and panics.
func (p Preset) Scenario() *scenario.Scenario {
	sc, err := scenario.Decode(p.JSON)
	if err != nil {
		panic("presets: " + p.Name + ": " + err.Error())
	}
	return sc
}

// Each preset's document, embedded one file at a time: an embed.FS would
// bring io/fs and time's formatting into the page (about 22 KB brotli).
// TestMenu checks that no file in data/ is left out.
var (
	//go:embed data/handshake.json
	handshakeJSON []byte
	//go:embed data/simultaneous-open.json
	simultaneousOpenJSON []byte
	//go:embed data/refused.json
	refusedJSON []byte
	//go:embed data/lost-syn.json
	lostSynJSON []byte
	//go:embed data/lost-syn-ack.json
	lostSynAckJSON []byte
	//go:embed data/lost-handshake-ack.json
	lostHandshakeAckJSON []byte
	//go:embed data/teardown.json
	teardownJSON []byte
	//go:embed data/simultaneous-close.json
	simultaneousCloseJSON []byte
	//go:embed data/half-close.json
	halfCloseJSON []byte
	//go:embed data/lost-fin.json
	lostFinJSON []byte
	//go:embed data/lost-last-ack.json
	lostLastAckJSON []byte
	//go:embed data/fast-retransmit.json
	fastRetransmitJSON []byte
	//go:embed data/losses-newreno.json
	lossesNewrenoJSON []byte
	//go:embed data/losses-sack.json
	lossesSackJSON []byte
	//go:embed data/rto-backoff.json
	rtoBackoffJSON []byte
	//go:embed data/link-dies.json
	linkDiesJSON []byte
	//go:embed data/reordering.json
	reorderingJSON []byte
	//go:embed data/duplication.json
	duplicationJSON []byte
	//go:embed data/corruption.json
	corruptionJSON []byte
	//go:embed data/zero-window.json
	zeroWindowJSON []byte
	//go:embed data/silly-window.json
	sillyWindowJSON []byte
	//go:embed data/nagle-delayed-ack.json
	nagleDelayedAckJSON []byte
	//go:embed data/window-scaling.json
	windowScalingJSON []byte
	//go:embed data/slow-start.json
	slowStartJSON []byte
	//go:embed data/bufferbloat.json
	bufferbloatJSON []byte
	//go:embed data/two-flows.json
	twoFlowsJSON []byte
	//go:embed data/cubic-vs-reno.json
	cubicVsRenoJSON []byte
)

// documents maps a preset's name to its document.
var documents = map[string][]byte{
	"handshake":          handshakeJSON,
	"simultaneous-open":  simultaneousOpenJSON,
	"refused":            refusedJSON,
	"lost-syn":           lostSynJSON,
	"lost-syn-ack":       lostSynAckJSON,
	"lost-handshake-ack": lostHandshakeAckJSON,
	"teardown":           teardownJSON,
	"simultaneous-close": simultaneousCloseJSON,
	"half-close":         halfCloseJSON,
	"lost-fin":           lostFinJSON,
	"lost-last-ack":      lostLastAckJSON,
	"fast-retransmit":    fastRetransmitJSON,
	"losses-newreno":     lossesNewrenoJSON,
	"losses-sack":        lossesSackJSON,
	"rto-backoff":        rtoBackoffJSON,
	"link-dies":          linkDiesJSON,
	"reordering":         reorderingJSON,
	"duplication":        duplicationJSON,
	"corruption":         corruptionJSON,
	"zero-window":        zeroWindowJSON,
	"silly-window":       sillyWindowJSON,
	"nagle-delayed-ack":  nagleDelayedAckJSON,
	"window-scaling":     windowScalingJSON,
	"slow-start":         slowStartJSON,
	"bufferbloat":        bufferbloatJSON,
	"two-flows":          twoFlowsJSON,
	"cubic-vs-reno":      cubicVsRenoJSON,
}

// topics is the menu: each topic and its presets, in order. A preset's
// document is data/<name>.json.
var topics = []struct {
	Topic
	presets []string
}{
	{Topic{"setup", scenario.Text{EN: "Connection setup", ZH: "连接建立"}},
		[]string{"handshake", "simultaneous-open", "refused", "lost-syn", "lost-syn-ack", "lost-handshake-ack"}},
	{Topic{"teardown", scenario.Text{EN: "Connection release", ZH: "连接释放"}},
		[]string{"teardown", "simultaneous-close", "half-close", "lost-fin", "lost-last-ack"}},
	{Topic{"reliability", scenario.Text{EN: "Reliable delivery", ZH: "可靠传输"}},
		[]string{"fast-retransmit", "losses-newreno", "losses-sack", "rto-backoff", "link-dies"}},
	{Topic{"link", scenario.Text{EN: "When the link misbehaves", ZH: "链路出错时"}},
		[]string{"reordering", "duplication", "corruption"}},
	{Topic{"flow", scenario.Text{EN: "Flow control", ZH: "流量控制"}},
		[]string{"zero-window", "silly-window", "nagle-delayed-ack", "window-scaling"}},
	{Topic{"congestion", scenario.Text{EN: "Congestion control", ZH: "拥塞控制"}},
		[]string{"slow-start", "bufferbloat", "two-flows", "cubic-vs-reno"}},
}

var all = load()

func load() []Preset {
	var ps []Preset
	for _, t := range topics {
		for _, name := range t.presets {
			b, ok := documents[name]
			if !ok {
				panic("presets: no document for " + name)
			}
			ps = append(ps, Preset{Name: name, Topic: t.Name, JSON: b})
		}
	}
	return ps
}

// Topics returns the topics in menu order.
func Topics() []Topic {
	ts := make([]Topic, len(topics))
	for i, t := range topics {
		ts[i] = t.Topic
	}
	return ts
}

// All returns every preset in menu order: by topic, then within it.
func All() []Preset { return slices.Clone(all) }

// Lookup returns the preset of that name.
func Lookup(name string) (Preset, bool) {
	i := slices.IndexFunc(all, func(p Preset) bool { return p.Name == name })
	if i < 0 {
		return Preset{}, false
	}
	return all[i], true
}
