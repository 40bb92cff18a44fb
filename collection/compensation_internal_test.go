package collection

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// TestCompensationOffsetCountsPaidClaimsOfAReopenedCase: § 288 Abs. 5 S. 3
// BGB credits a business debtor's 40 EUR compensation fees against the
// collection costs. In one case, every compensation charge counts, whether
// its claim was paid since or not; so must the compensation an earlier case
// charged for the invoices of a reopened one (ClaimHistory.CompensationLeft).
// Found by TestPropLawfulEndToEnd: deactivate, reopen, a payment that clears
// the first invoice, a demand letter that charged 52.92 - 40 EUR.
func TestCompensationOffsetCountsPaidClaimsOfAReopenedCase(t *testing.T) {
	forty := money.MustNew("40.00", money.EUR)
	cap := money.MustNew("52.92", money.EUR)
	claim := func(id string, st ClaimStatus, earlier *ClaimHistory) Claim {
		return Claim{InvoiceID: id, Status: st, Due: date.MustNew(2025, 1, 30), Original: money.MustNew("50.00", money.EUR), Open: money.MustNew("50.00", money.EUR), Earlier: earlier}
	}
	reopened := Case{Currency: money.EUR, Jurisdiction: dunning.DE, Debtor: dunning.Party{Kind: dunning.Business},
		Claims: []Claim{
			claim("inv-1", ClaimPaid, &ClaimHistory{Compensated: true, CompensationLeft: forty}),
			claim("inv-2", ClaimOpen, &ClaimHistory{Compensated: true, CompensationLeft: forty}),
		}}
	own := Case{Currency: money.EUR, Jurisdiction: dunning.DE, Debtor: dunning.Party{Kind: dunning.Business},
		Claims: []Claim{claim("inv-1", ClaimPaid, nil), claim("inv-2", ClaimOpen, nil)},
		Charges: []Charge{
			{Kind: ChargeCompensation, InvoiceID: "inv-1", Amount: forty},
			{Kind: ChargeCompensation, InvoiceID: "inv-2", Amount: forty},
		}}
	pk := law.Builtin(dunning.DE)
	for name, c := range map[string]Case{"reopened": reopened, "one case": own} {
		got, src := compensationOffset(&c, pk, ChargeCollectionCost, cap)
		if !got.IsZero() || src == "" {
			t.Errorf("%s: collection costs %s less two compensation fees = %s (%q), want 0.00 EUR", name, cap, got, src)
		}
	}
	// A credited claim does not count toward the debt: its earlier
	// compensation is not credited.
	reopened.Claims[0].Status = ClaimCredited
	if got, _ := compensationOffset(&reopened, pk, ChargeCollectionCost, cap); !got.Equal(money.MustNew("12.92", money.EUR)) {
		t.Errorf("with the first claim credited: %s, want 12.92 EUR", got)
	}
}
