package agreement_test

import (
	"testing"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/interest"
)

func terms360() agreement.Terms {
	return agreement.Terms{Principal: eur("250000"), Rate: dec("4.5"), DayCount: interest.Actual365Fixed,
		Start: d("2025-01-15"), Count: 360, AdjustEMI: true}
}

// BenchmarkNewPlan360 computes a 360-instalment plan. Target (DESIGN.md):
// ≤ 150 µs.
func BenchmarkNewPlan360(b *testing.B) {
	t := terms360()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := agreement.NewPlan(t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrack360 tracks a 360-instalment plan with 360 payments (one per
// instalment, on its due date). DESIGN.md sets no target; it is reported
// beside the 150 µs of plan construction.
func BenchmarkTrack360(b *testing.B) {
	p, err := agreement.NewPlan(terms360())
	if err != nil {
		b.Fatal(err)
	}
	var pays []agreement.Payment
	for it := range p.All() {
		pays = append(pays, agreement.Payment{ID: it.Due.String(), Date: it.Due, Amount: it.Amount})
	}
	asOf := p.Summary().Last
	b.ReportAllocs()
	for b.Loop() {
		if _, err := agreement.Track(p, pays, asOf, agreement.Tracking{}); err != nil {
			b.Fatal(err)
		}
	}
}
