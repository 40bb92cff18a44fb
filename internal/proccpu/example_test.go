package proccpu_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dunning-go/dunning/internal/proccpu"
)

// A benchmark reads the CPU before and after the work it measures.
func Example() {
	before := proccpu.CPU()
	n := 0
	for i := range 1_000_000 {
		n += i % 7
	}
	used := proccpu.CPU() - before
	fmt.Println(n, used < time.Minute)
	// Output: 2999997 true
}

// TestCPUCountsWork: on a system that reports it, the CPU time grows while the
// process works (the clock's granularity is a few milliseconds, so it works
// until it does, for at most two seconds of wall time).
func TestCPUCountsWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no process CPU time here")
	}
	before := proccpu.CPU()
	if before <= 0 {
		t.Fatalf("CPU() = %v before any work, want the time the process has used", before)
	}
	n := 0
	for start := time.Now(); time.Since(start) < 2*time.Second; {
		for i := range 100_000 {
			n += i & 3
		}
		if proccpu.CPU() > before {
			return
		}
	}
	t.Fatalf("CPU() stayed at %v through 2 s of work (%d)", before, n)
}
