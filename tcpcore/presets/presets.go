package presets

import (
	"embed"
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

//go:embed data/*.json
var data embed.FS

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
			b, err := data.ReadFile("data/" + name + ".json")
			if err != nil {
				panic("presets: " + err.Error())
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
