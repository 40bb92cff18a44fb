// Package proccpu reads the CPU time this process has used, for the
// benchmarks that report CPU per step besides the wall-clock rate
// (collection's and collection/sqlstore's BenchmarkDailyRun).
package proccpu
