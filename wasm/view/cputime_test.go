//go:build !js

package view

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time so far: on a shared
// machine, wall-clock ns/op counts the time other processes held the CPU,
// CPU time per op does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs f as the benchmark loop and reports CPU ns per op.
//
// f runs once first, untimed: what a view builds on first use (a graph's
// track, the ladder's classes, the limits) is built once per run, not per
// frame.
func reportCPU(b *testing.B, f func()) {
	f()
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
	}
}
