package tcp

import (
	"flag"
	"testing"
)

// TestZZEveryTransitionTaken runs last (files and tests run in order): the
// tests before it must have made every arrow of the state table, so the
// table holds no transition the endpoint cannot make. (Each state change is
// also checked against the table as it happens.)
func TestZZEveryTransitionTaken(t *testing.T) {
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		t.Skip("only meaningful when every test ran")
	}
	for _, tr := range Transitions {
		if !transitionsTaken[[2]State{tr.From, tr.To}] {
			t.Errorf("no test made the transition %v → %v (%s)", tr.From, tr.To, tr.Event)
		}
	}
}
