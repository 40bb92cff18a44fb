package flow

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// benchCase is a typical open case: Standard flow, two fee-bearing reminders taken,
// an expired pause, two holiday windows, Danish fee law.
func benchCase(tb testing.TB) (Flow, Progress, Facts, date.Date) {
	f := Standard()
	facts := factsFor(tb, dunning.DK, dunning.Consumer)
	facts.Holidays = []date.Period{{From: day(100), To: day(110)}, {From: day(200), To: day(220)}}
	p := takeThrough(tb, f, facts, 2).WithPause(day(20), "called")
	return f, p, facts, day(27)
}

// BenchmarkDecide measures Decide for one case that is due, with a fee to assess.
// Target (docs/design.md): ≤ 200 ns and 0 allocations per case.
func BenchmarkDecide(b *testing.B) {
	f, p, facts, today := benchCase(b)
	if d := Decide(f, p, facts, today); !d.Due || d.Fee.IsZero() {
		b.Fatalf("bench case not due with a fee: %v", d)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Decide(f, p, facts, today)
	}
}

// BenchmarkDecideWaiting measures Decide for a case that is not due (the common case in
// a daily run). Target (docs/design.md): ≤ 200 ns and 0 allocations per case.
func BenchmarkDecideWaiting(b *testing.B) {
	f, p, facts, _ := benchCase(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = Decide(f, p, facts, day(20))
	}
}

// TestDecideAllocatesNothing asserts the 0-allocation target of docs/design.md for Decide,
// due and not due, with and without a fee.
func TestDecideAllocatesNothing(t *testing.T) {
	f, p, facts, today := benchCase(t)
	for _, tc := range []struct {
		name  string
		p     Progress
		today date.Date
	}{
		{"due with fee", p, today},
		{"waiting", p, day(20)},
		{"held by holiday", p, day(105)},
		{"first step", Start(f), day(3)},
		{"finished", takeThrough(t, f, facts, f.Len()), day(300)},
	} {
		if n := testing.AllocsPerRun(100, func() { _ = Decide(f, tc.p, facts, tc.today) }); n != 0 {
			t.Errorf("%s: Decide allocates %v times, want 0", tc.name, n)
		}
	}
}

// BenchmarkDecideHostPack is BenchmarkDecide with the law given as a pack in
// Facts.Law (a host's variant of the Danish pack), as the collection package
// passes it: the pack lookup adds nothing measurable.
func BenchmarkDecideHostPack(b *testing.B) {
	f, p, facts, today := benchCase(b)
	facts.Law = law.MustNew(law.Spec{Code: dunning.DK, Name: "Denmark (variant)", Currency: money.DKK, Base: law.Builtin(dunning.DK)})
	if d := Decide(f, p, facts, today); !d.Due || d.Fee.IsZero() {
		b.Fatalf("bench case not due with a fee: %v", d)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Decide(f, p, facts, today)
	}
}
