package court_test

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Check a Danish payment claim, print what the court would reject, fix it, and print the
// court fee and the form's total.
func Example() {
	filing := date.MustParse("2025-03-01")
	claim := court.PaymentClaim{
		Creditor: dunning.Party{Name: "Anders Andersen ApS",
			Address:      dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "8000", City: "Aarhus C"},
			Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"}},
		Debtor: dunning.Party{Name: "Jens Jensen", Kind: dunning.Consumer,
			Address: dunning.Address{Lines: []string{"Nørregade 2"}, PostalCode: "2600", City: "Glostrup"}},
		Basis: "Levering af varer ifølge faktura 1001",
		Invoices: []court.Invoice{{Number: "1001", Issued: date.MustParse("2024-09-01"), Due: date.MustParse("2024-10-01"),
			Principal: money.MustNew("10000", money.DKK),
			Interest: []court.InterestLine{{Period: date.Period{From: date.MustParse("2024-10-01"), To: date.MustParse("2025-01-01")},
				Rate: decimal.RequireFromString("11.25"), Amount: money.MustNew("281.25", money.DKK)}}}},
		Costs:   []court.Cost{{Kind: court.CollectionCost, Date: date.MustParse("2025-01-15"), Amount: money.MustNew("2000", money.DKK)}},
		Warning: date.MustParse("2025-02-25"),
	}

	err := court.CheckPaymentClaim(claim, filing)
	fmt.Println("too early:", errors.Is(err, court.ErrTooEarly), "above cap:", errors.Is(err, court.ErrAboveCap))
	for _, p := range court.Problems(err) {
		fmt.Printf("%s %q\n", p.Field, p.Value)
	}

	claim.Debtor.Registration = dunning.Registration{Scheme: dunning.CPR, Number: "010180-1234"}
	claim.District = court.Glostrup
	claim.Costs[0].Amount = money.MustNew("1300", money.DKK)
	claim.Warning = date.MustParse("2025-01-15")
	form, err := court.NewPaymentClaimForm(claim, filing, date.Date{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("claimed:", form.Total, "court fee:", form.Fee.Amount, form.Fee.Rule.Status)
	// Output:
	// too early: true above cap: true
	// Debtor.Registration ""
	// District "District(0)"
	// Warning "2025-02-25"
	// Costs "2000.00 DKK"
	// claimed: 11581.25 DKK court fee: 750.00 DKK VERIFIED
}

// Court fees per jurisdiction and filing date, with the status of the figures.
func ExampleFeeFor() {
	for _, f := range []court.Filing{
		{Jurisdiction: dunning.DK, Proceeding: court.PaymentOrder, Claim: money.MustNew("25000", money.DKK), Date: date.MustParse("2025-03-01")},
		{Jurisdiction: dunning.DE, Proceeding: court.PaymentOrder, Claim: money.MustNew("3000", money.EUR), Date: date.MustParse("2025-07-01")},
		{Jurisdiction: dunning.NO, Proceeding: court.PaymentOrder, Claim: money.MustNew("5000", money.NOK), Date: date.MustParse("2024-03-01")},
		{Jurisdiction: dunning.DK, Proceeding: court.PaymentOrder, Claim: money.MustNew("25000", money.DKK), Date: date.MustParse("2021-09-30")},
	} {
		fee, err := court.FeeFor(f)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(fee.Rule.ID, fee.Amount, fee.Status)
	}
	// Output:
	// DK-2021-payment-order 750.00 DKK VERIFIED
	// DE-2025-payment-order 62.75 EUR SECONDARY
	// NO-2022-payment-order 1404.70 NOK VERIFIED
	// court: no fee rule for DK payment-order on 2021-09-30: before the first known rule (2021-10-01); the pre-2021 betalingspåkrav fee structure is UNVERIFIED (research §1.4)
}

// A payment claim through the court: filed, served, not objected to, endorsed, enforced.
func ExampleState() {
	s, fee, _ := court.File(court.Filing{Jurisdiction: dunning.DK, Proceeding: court.PaymentOrder,
		Claim: money.MustNew("10000", money.DKK), Date: date.MustParse("2025-01-10")}, court.FileOptions{District: court.Odense})
	fmt.Println(s.Stage, fee.Amount)
	s, _ = s.Serve(date.MustParse("2025-01-20"))
	fmt.Println(s.Stage, "until", s.Until)
	s, _, _ = s.Endorse(date.MustParse("2025-02-04"))
	s, fee, _ = s.Enforce(date.MustParse("2025-03-01"))
	fmt.Println(s.Stage, fee.Amount, "covered:", fee.Covered)
	// Output:
	// filed 750.00 DKK
	// objection-window until 2025-02-03
	// enforcing 0.00 DKK covered: true
}
