// Package tshark finds the tshark binary for tests that use Wireshark as an
// outside oracle. In CI a missing tshark fails the test (tests/run installs
// it, and a skip would hide the gap); elsewhere the test is skipped with a
// note on how to install it.
package tshark

import (
	"os"
	"os/exec"
	"testing"
)

// Path returns tshark's path, or ends the test: t.Fatal under CI, t.Skip otherwise.
func Path(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("tshark not found and CI is set (tests/run installs it): %v", err)
		}
		t.Skipf("tshark not found (apt-get install tshark): %v", err)
	}
	return path
}
