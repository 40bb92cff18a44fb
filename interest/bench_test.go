package interest

import (
	"time"

	"testing"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// BenchmarkAccrueTimeline: 10 years, 20 rate changes (half-yearly), 5
// payments, ACT/ACT ISDA (so year ends split too). docs/design.md target: ≤ 10 µs
// per call on the 2-core reference machine.
func BenchmarkAccrueTimeline(b *testing.B) {
	rows := make([]Row, 20)
	for i := range rows {
		rows[i] = Row{From: date.MustNew(2015+i/2, time.Month(1+6*(i%2)), 1), Reference: decimal.New(int64(50*i), -2), Margin: decimal.NewFromInt(8)}
	}
	tab, err := NewRateTable("bench", date.MustNew(2024, 12, 31), rows...)
	if err != nil {
		b.Fatal(err)
	}
	tl := Timeline{Opening: money.MustNew("100000", money.EUR)}
	for i := range 5 {
		tl.Changes = append(tl.Changes, Change{On: date.MustNew(2016+2*i, 3, 15), Amount: money.MustNew("10000", money.EUR), Kind: Payment})
	}
	conv := Convention{DayCount: ActualActualISDA, Rounding: money.PolicyFor(money.EUR, money.HalfAwayFromZero)}
	from, to := date.MustNew(2015, 1, 1), date.MustNew(2025, 1, 1)
	if r, err := AccrueTimeline(tl, from, to, tab, conv); err != nil || len(r.Segments) != 25 {
		b.Fatalf("setup: %v, %d segments", err, len(r.Segments))
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = AccrueTimeline(tl, from, to, tab, conv)
	}
}
