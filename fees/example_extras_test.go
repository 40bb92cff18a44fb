package fees_test

import (
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/money"
)

// A German collection agency, instructed on 2025-07-01 for an undisputed 2,500 EUR claim,
// also paid for a credit report and an address lookup. The credit report is refused
// (courts are split on it); the address lookup is added at its cost and flagged
// UNVERIFIED.
func ExampleCollectionCostCapFor_extras() {
	c, err := fees.CollectionCostCapFor(fees.CostQuery{
		Jurisdiction: dunning.DE,
		Kind:         dunning.Consumer,
		Claim:        money.MustNew("2500", money.EUR),
		KeyDate:      date.MustParse("2025-07-01"),
		Extras: []fees.Expense{
			{Name: "SCHUFA-Auskunft", Amount: money.MustNew("25", money.EUR), Kind: fees.CreditCheck},
			{Name: "Melderegisterauskunft", Amount: money.MustNew("10", money.EUR), Kind: fees.AddressLookup},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Net, "+", c.ExtrasAllowed, "=", c.Amount, c.Status)
	for _, e := range c.Extras {
		fmt.Println(e.Kind, e.Claimed, "refused:", e.Refused, "allowed:", e.Allowed, e.Status)
	}
	// Output:
	// 231.95 EUR + 10.00 EUR = 241.95 EUR UNVERIFIED
	// CreditCheck 25.00 EUR refused: true allowed: 0.00 EUR SECONDARY
	// AddressLookup 10.00 EUR refused: false allowed: 10.00 EUR UNVERIFIED
}
