//go:build !unix

package proccpu

import "time"

// CPU is not measured on this system: it is always 0.
func CPU() time.Duration { return 0 }
