//go:build unix

package proccpu

import (
	"syscall"
	"time"
)

// CPU is the CPU time this process has used, user and system, or 0 when the
// system does not say.
func CPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
