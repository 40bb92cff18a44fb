package court

import (
	"testing"

	"github.com/dunning-go/dunning"
)

// docs/design.md sets no target for court; the fee functions are called by flow.Decide for
// each case, whose target is ≤ 200 ns and 0 allocations, so we hold FeeFor to ≤ 200 ns.
// (Decimal arithmetic allocates; the allocation count is reported, not asserted.)
func BenchmarkFeeForDK(b *testing.B) {
	f := Filing{Jurisdiction: dunning.DK, Proceeding: PaymentOrder, Claim: dkk("25000"), Date: d("2025-03-01")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FeeFor(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFeeForDE: the GKG step table and the 0.5 multiple; target ≤ 200 ns as above.
func BenchmarkFeeForDE(b *testing.B) {
	f := Filing{Jurisdiction: dunning.DE, Proceeding: PaymentOrder, Claim: eur("95000"), Date: d("2025-07-01")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FeeFor(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPaymentClaim: the readiness check with the fees caps; no docs/design.md
// target (it runs once per filing, not per case per day).
func BenchmarkCheckPaymentClaim(b *testing.B) {
	c := validClaim()
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckPaymentClaim(c, filing); err != nil {
			b.Fatal(err)
		}
	}
}
