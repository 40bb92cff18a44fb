package date_test

import (
	"testing"

	"github.com/dunning-go/dunning/date"
)

// Results are stored in package variables so the compiler cannot drop the work.
var (
	sinkDate   date.Date
	sinkInt    int
	sinkString string
)

// TestHotPathsDoNotAllocate asserts the allocation counts the benchmarks
// report; it measures allocations, not time.
func TestHotPathsDoNotAllocate(t *testing.T) {
	a, b := d("2025-01-31"), d("2026-03-15")
	tests := []struct {
		name string
		fn   func()
	}{
		{"AddDays", func() { sinkDate = a.AddDays(45) }},
		{"DaysUntil", func() { sinkInt = a.DaysUntil(b) }},
		{"Compare", func() { sinkInt = a.Compare(b) }},
		{"AddMonths", func() { sinkDate = a.AddMonths(13) }},
		{"Parse", func() { sinkDate, _ = date.Parse("2025-01-31") }},
		{"AdjustForward", func() { sinkDate = date.AdjustForward(nil, d("2025-02-01")) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(1000, tt.fn); n != 0 {
			t.Errorf("%s: %v allocations per call, want 0", tt.name, n)
		}
	}
}

// BenchmarkAddDays measures Date.AddDays, a bounds check and an integer add.
// Target: under 5 ns/op, 0 allocs/op.
func BenchmarkAddDays(b *testing.B) {
	b.ReportAllocs()
	dt := d("2025-01-31")
	n := 0
	for b.Loop() {
		sinkDate = dt.AddDays(n & 1023)
		n++
	}
}

// BenchmarkDaysUntil measures Date.DaysUntil, the day count used for overdue
// days and interest segments. Target: a few ns/op, 0 allocs/op.
func BenchmarkDaysUntil(b *testing.B) {
	b.ReportAllocs()
	a, c := d("2025-01-31"), d("2026-03-15")
	for b.Loop() {
		sinkInt = a.DaysUntil(c)
	}
}

// BenchmarkCompare measures Date.Compare, as used by slices.SortFunc.
// Target: a few ns/op, 0 allocs/op.
func BenchmarkCompare(b *testing.B) {
	b.ReportAllocs()
	a, c := d("2025-01-31"), d("2026-03-15")
	for b.Loop() {
		sinkInt = a.Compare(c)
	}
}

// BenchmarkAddMonths measures Date.AddMonths with a month-end clamp (two
// civil conversions). Target: under 50 ns/op, 0 allocs/op.
func BenchmarkAddMonths(b *testing.B) {
	b.ReportAllocs()
	anchor := d("2025-01-31")
	k := 0
	for b.Loop() {
		sinkDate = anchor.AddMonths(k % 360)
		k++
	}
}

// BenchmarkParse measures Parse of an extended-format date, as done for every
// date in a JSON document. Target: under 50 ns/op, 0 allocs/op.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkDate, _ = date.Parse("2025-01-31")
	}
}

// BenchmarkString measures Date.String, which allocates its 10-byte result
// once. Target: under 50 ns/op, 1 alloc/op.
func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	dt := d("2025-01-31")
	for b.Loop() {
		sinkString = dt.String()
	}
}
