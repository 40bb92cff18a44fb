package fees_test

import (
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/money"
)

// A Danish creditor asks whether a second reminder nine days after the first may carry
// the 100 DKK fee.
func ExampleAssess() {
	due := date.MustParse("2025-02-20")
	sent := date.MustParse("2025-03-10")
	rule, err := fees.ReminderRules(dunning.DK, dunning.Consumer, due, sent)
	if err != nil {
		panic(err)
	}
	claim := fees.Claim{Due: due, History: []fees.Charge{
		{Date: date.MustParse("2025-03-01"), Fee: money.MustNew("100", money.DKK)},
	}}
	a, err := fees.Assess(rule, claim, fees.Proposal{Date: sent, Fee: money.MustNew("100", money.DKK)})
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Fee, a.Reason.Code)
	fmt.Println(a.Reason)
	// Output:
	// 0.00 DKK TooSoon
	// DK: only 9 days since the fee-bearing reminder of 2025-03-01; a fee is allowed from 2025-03-11 (renteloven § 9 b)
}

// The cap on a collection agency's fee for a Danish claim of 15,000 DKK that arose in
// 2024: bilag 1 of the 2016 bekendtgørelse.
func ExampleCollectionCostCap() {
	c, err := fees.CollectionCostCap(dunning.DK, dunning.Consumer, money.MustNew("15000", money.DKK), date.MustParse("2024-05-01"))
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Amount, c.Status)
	fmt.Println(c.Note)
	// Output:
	// 1700.00 DKK VERIFIED
	// bilag 1 (fremmedinkasso) from 2016-07-01: claim over 10,000 up to 25,000 DKK: 1700, ex VAT
}

// A flow charging a fee on reminders 7 days apart: the second fee is too soon (the third,
// 14 days after the first fee-bearing one, is lawful again).
func ExampleCheckSchedule() {
	rule, err := fees.ReminderRules(dunning.DK, dunning.Business, date.MustParse("2025-01-01"), date.MustParse("2025-01-10"))
	if err != nil {
		panic(err)
	}
	fee := money.MustNew("100", money.DKK)
	plan := []fees.PlannedReminder{{DaysAfterDue: 7, Fee: fee}, {DaysAfterDue: 14, Fee: fee}, {DaysAfterDue: 21, Fee: fee}}
	for _, p := range fees.CheckSchedule(rule, plan) {
		fmt.Println(p)
	}
	// Output:
	// reminder 2 (day 14): DK: only 7 days since the fee-bearing reminder of day 7; a fee is allowed from day 17 (renteloven § 9 b)
}

// A business debtor in Germany owes 40 EUR per late invoice; a consumer owes nothing.
func ExampleCompensationFee() {
	b, _ := fees.CompensationFee(dunning.DE, dunning.Business, date.MustParse("2025-01-31"))
	total, _ := b.Total(3)
	fmt.Println(b.Amount, "per", b.Per, "→", total)
	c, _ := fees.CompensationFee(dunning.DE, dunning.Consumer, date.MustParse("2025-01-31"))
	fmt.Println(c.Amount)
	// Output:
	// 40.00 EUR per overdue invoice → 120.00 EUR
	// 0.00 EUR
}
