// WebAssembly cannot start processes, so the tshark oracle runs natively only.

//go:build !js

package capture

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"tcpplayground/tcpcore/internal/tshark"
	"testing"

	"tcpplayground/tcpcore/presets"
	"tcpplayground/tcpcore/sim"
	"tcpplayground/tcpcore/trace"
)

// expertError is Wireshark's PI_ERROR severity (_ws.expert.severity), the
// level of a bad checksum or a malformed packet.
const expertError = "8388608"

// TestTsharkReadsEveryVantage has tshark dissect every golden scenario and
// every preset from every vantage with checksum validation on: no packet
// is malformed, every
// IPv4 and TCP checksum is good (status 1; 0 is bad, 2 unverified) and no
// packet has an error-level expert note, except the packets a host
// received corrupted, which show a bad checksum (the scripted ones of the
// golden faults scenario and of the corruption preset, and those of a
// link that corrupts 20 % of the packets).
func TestTsharkReadsEveryVantage(t *testing.T) {
	tshark := tshark.Path(t)
	dir := t.TempDir()
	traces := goldenTraces(t)
	for _, p := range presets.All() {
		tr, err := sim.Run(p.Scenario())
		if err != nil {
			t.Fatalf("preset %s: %v", p.Name, err)
		}
		traces = append(traces, golden{"preset-" + p.Name, tr})
	}
	for seed := uint64(1); seed <= 3; seed++ {
		traces = append(traces, golden{"corrupting-link-" + strconv.FormatUint(seed, 10), corruptingTrace(t, seed)})
	}
	for _, g := range traces {
		name, tr := g.name, g.trace
		for _, v := range vantages {
			t.Run(name+"/"+v.String(), func(t *testing.T) {
				t.Parallel() // tshark processes, one per core
				var file bytes.Buffer
				if _, err := Write(&file, tr, v); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(dir, name+"-"+v.String()+".pcap")
				if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				var corrupted []bool
				for _, e := range tr.Events() {
					if Captured(e, v) {
						corrupted = append(corrupted, e.Kind == trace.Dropped &&
							(trace.Drop(e.Code) == trace.DropBadChecksum || trace.Drop(e.Code) == trace.DropMalformed))
					}
				}
				cmd := exec.Command(tshark, "-n", "-r", path, "-T", "fields", "-E", "separator=/t",
					"-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "_ws.malformed", "-e", "_ws.expert.severity",
					"-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE")
				cmd.Env = append(os.Environ(), "HOME="+dir) // no user profile, no stale preferences
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("tshark: %v\n%s", err, stderr.String())
				}
				lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
				if len(out) == 0 {
					lines = nil
				}
				if len(lines) != len(corrupted) {
					t.Fatalf("tshark printed %d lines, want %d", len(lines), len(corrupted))
				}
				for i, line := range lines {
					f := strings.Split(line, "\t")
					if len(f) != 4 {
						t.Errorf("packet %d: tshark printed %q, want 4 fields", i+1, line)
						continue
					}
					ipStatus, tcpStatus, malformed, severities := f[0], f[1], f[2], f[3]
					// Only a packet whose corruption hit a length field may
					// be malformed (the simulator's receiver said so too).
					if malformed != "" && !corrupted[i] {
						t.Errorf("packet %d: malformed (%q)", i+1, line)
					}
					hasError := strings.Contains(severities, expertError)
					if corrupted[i] {
						if ipStatus != "0" && tcpStatus != "0" {
							t.Errorf("packet %d arrived corrupted: ip.checksum.status %q, tcp.checksum.status %q, want one bad (0)", i+1, ipStatus, tcpStatus)
						}
						if !hasError {
							t.Errorf("packet %d arrived corrupted: expert severities %q, want an error", i+1, severities)
						}
						continue
					}
					if ipStatus != "1" || tcpStatus != "1" {
						t.Errorf("packet %d: ip.checksum.status %q, tcp.checksum.status %q, want both good (1)", i+1, ipStatus, tcpStatus)
					}
					if hasError {
						t.Errorf("packet %d: expert severities %q include an error", i+1, severities)
					}
				}
				if v == VantageB && (name == "faults" || name == "preset-corruption") && !contains(corrupted, true) {
					t.Errorf("%s from B: no corrupted packet, want the scripted one", name)
				}
			})
		}
	}
}

func contains(s []bool, v bool) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
