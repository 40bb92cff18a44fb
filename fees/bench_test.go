package fees

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// BenchmarkAssess measures one Assess on a DK claim with two earlier fees. Target
// (docs/design.md, part of the flow.Decide budget): ≤ 200 ns and 0 allocations.
func BenchmarkAssess(b *testing.B) {
	due := date.MustParse("2025-03-01")
	r, err := ReminderRules(dunning.DK, dunning.Consumer, due, due.AddDays(5))
	if err != nil {
		b.Fatal(err)
	}
	c := Claim{Due: due, History: []Charge{
		{Date: due.AddDays(5), Fee: money.MustNew("100", money.DKK)},
		{Date: due.AddDays(15), Fee: money.MustNew("100", money.DKK)},
	}}
	p := Proposal{Date: due.AddDays(25), Fee: money.MustNew("100", money.DKK)}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Assess(r, c, p)
	}
}

// BenchmarkReminderRules measures a rule lookup. Target: 0 allocations, well under
// 200 ns, so a caller may look up the rule per case.
func BenchmarkReminderRules(b *testing.B) {
	due := date.MustParse("2025-03-01")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = ReminderRules(dunning.DK, dunning.Consumer, due, due.AddDays(5))
	}
}

// BenchmarkCollectionCostCap measures one DK cap lookup. No docs/design.md target (not on
// the per-case hot path); it allocates its result amounts.
func BenchmarkCollectionCostCap(b *testing.B) {
	claim, key := money.MustNew("15000", money.DKK), date.MustParse("2020-01-01")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = CollectionCostCap(dunning.DK, dunning.Consumer, claim, key)
	}
}
