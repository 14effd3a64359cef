package model

import (
	"cmp"
	"slices"
	"strconv"

	"tcpplayground/tcpcore/scenario"
)

// The outages of a link direction, edited as a list: the format keeps
// them in time order and refuses an overlap (naming the later outage's
// from_ms), so AddOutage and SetOutage put each where its start belongs
// and leave an overlap for the validator to report.

// AddOutage adds the outage o to link direction dir (scenario.A: A to B).
func AddOutage(dir int, o scenario.Outage) Edit {
	return func(sc *scenario.Scenario) error {
		l, err := linkDir(sc, dir)
		if err != nil {
			return err
		}
		l.Outages = append(l.Outages, o)
		sortOutages(l.Outages)
		return nil
	}
}

// SetOutage replaces outage i of link direction dir with o.
func SetOutage(dir, i int, o scenario.Outage) Edit {
	return func(sc *scenario.Scenario) error {
		l, err := outageAt(sc, dir, i)
		if err != nil {
			return err
		}
		l.Outages[i] = o
		sortOutages(l.Outages)
		return nil
	}
}

// DeleteOutage removes outage i of link direction dir.
func DeleteOutage(dir, i int) Edit {
	return func(sc *scenario.Scenario) error {
		l, err := outageAt(sc, dir, i)
		if err != nil {
			return err
		}
		l.Outages = slices.Delete(l.Outages, i, i+1)
		return nil
	}
}

// OutagePath is the JSON path of outage i of direction dir, as the
// validator names it.
func OutagePath(dir, i int) string {
	return linkPath(dir) + ".outages[" + strconv.Itoa(i) + "]"
}

func linkPath(dir int) string { return "link." + [2]string{"a_to_b", "b_to_a"}[dir&1] }

func linkDir(sc *scenario.Scenario, dir int) (*scenario.LinkDir, error) {
	if dir != scenario.A && dir != scenario.B {
		return nil, &scenario.Error{Path: "link", Kind: scenario.ErrNoEntry}
	}
	return &sc.Link[dir], nil
}

func outageAt(sc *scenario.Scenario, dir, i int) (*scenario.LinkDir, error) {
	l, err := linkDir(sc, dir)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= len(l.Outages) {
		return nil, &scenario.Error{Path: linkPath(dir) + ".outages", Kind: scenario.ErrNoEntry}
	}
	return l, nil
}

// sortOutages orders outages by their start, stably: two with the same
// start keep the order they were given, and the validator reports the
// overlap.
func sortOutages(o []scenario.Outage) {
	slices.SortStableFunc(o, func(a, b scenario.Outage) int { return cmp.Compare(a.FromMS, b.FromMS) })
}
