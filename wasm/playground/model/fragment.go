package model

import (
	"strconv"
	"strings"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/scenario"
	"tcpplayground/tcpcore/share"
)

// FromFragment returns the scenario a URL fragment names, with or without
// its '#': "p=<preset>" a built-in preset, "s=<…>" a shared scenario
// (tcpcore/share), "" the first preset. preset is the preset's name for
// "p=" and "". The error says what is wrong in words a user can act on.
func FromFragment(frag string) (sc *scenario.Scenario, preset string, err error) {
	frag = strings.TrimPrefix(frag, "#")
	// A link passed through a tool that escaped the whole fragment
	// arrives as "s%3D…": the '=' is the only character of either form
	// that gets escaped (base64url and preset names need none).
	if len(frag) >= 4 && (frag[0] == 's' || frag[0] == 'p') && strings.EqualFold(frag[1:4], "%3D") {
		frag = frag[:1] + "=" + frag[4:]
	}
	switch {
	case frag == "":
		p := presets.All()[0]
		return p.Scenario(), p.Name, nil
	case strings.HasPrefix(frag, "p="):
		name := frag[2:]
		p, ok := presets.Lookup(name)
		if !ok {
			var names []string
			for _, q := range presets.All() {
				names = append(names, q.Name)
			}
			return nil, "", &scenario.Error{Kind: scenario.ErrNoPreset, Args: []string{strconv.Quote(name), strings.Join(names, ", ")}}
		}
		return p.Scenario(), p.Name, nil
	case strings.HasPrefix(frag, "s="):
		sc, err := share.Decode(frag[2:])
		if err != nil {
			return nil, "", &scenario.Error{Kind: scenario.ErrBadShareLink, Err: err}
		}
		return sc, "", nil
	}
	return nil, "", &scenario.Error{Kind: scenario.ErrBadFragment, Args: []string{clip(frag, 40)}}
}

// Fragment is the URL fragment (without '#') that reproduces the current
// scenario: the preset's name while it is unedited, else the shared form.
func (m *Model) Fragment() string {
	if m.Preset != "" {
		return "p=" + m.Preset
	}
	return "s=" + share.Encode(m.Scenario)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
