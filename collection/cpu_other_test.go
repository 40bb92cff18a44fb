//go:build !unix

package collection_test

import "time"

// processCPU is not measured here: BenchmarkDailyRun leaves cpuµs/step out.
func processCPU() time.Duration { return 0 }
