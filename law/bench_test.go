package law_test

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
)

// The lookups the engine makes on its hot path (flow.Decide, the batch run): a
// shipped pack by code, a notice minimum, a host pack's reminder rule and its
// interest table. None allocates.

func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if law.Builtin(dunning.FI) == nil {
			b.Fatal("no pack")
		}
	}
}

func BenchmarkNoticeMinimum(b *testing.B) {
	p := law.Builtin(dunning.NL)
	sent := date.MustNew(2025, 3, 3)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := p.NoticeMinimum(dunning.Consumer, fees.CollectionWarning, sent); !ok {
			b.Fatal("no rule")
		}
	}
}

func BenchmarkHostReminderRule(b *testing.B) {
	p := law.MustNew(validSpec())
	on := date.MustNew(2025, 3, 3)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.ReminderRule(dunning.Consumer, on, on); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInterest(b *testing.B) {
	p := law.Builtin(dunning.DK)
	c := interest.ClaimDates{DueDate: date.MustNew(2025, 1, 31)}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := p.Interest(dunning.Consumer, c); err != nil {
			b.Fatal(err)
		}
	}
}
