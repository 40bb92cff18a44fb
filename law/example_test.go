package law_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// A host builds the law of a jurisdiction the SDK does not ship, and asks it
// what the engine asks.
func ExampleNew() {
	from := date.MustNew(2024, 1, 1)
	be, err := law.New(law.Spec{
		Code: "BE", Name: "Belgium", Currency: money.EUR, TimeZone: "Europe/Brussels",
		Reminders: []fees.ReminderRule{{From: from, Cap: money.MustNew("7.50", money.EUR), MaxFees: 3, MinDaysBetween: 14,
			Source: "the host's reading of the law", Status: dunning.Unverified}},
		Compensation: []law.CompensationFee{{From: from, Amount: money.MustNew("40", money.EUR), Per: "overdue invoice",
			Source: "Directive 2011/7/EU Art. 6", Status: dunning.Verified}},
		Interest: []law.StatutoryInterest{{Kind: dunning.Business, End: date.MustNew(2024, 12, 31),
			Rows:       []interest.Row{{From: from, Reference: decimal.RequireFromString("4.5"), Margin: decimal.NewFromInt(8), Status: dunning.Verified}},
			Convention: interest.Convention{DayCount: interest.Actual365Fixed}}},
		Notices: []fees.NoticeRule{{Notice: fees.CollectionWarning, ConsumerOnly: true, MinDays: 14, Counting: fees.FromDispatch}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sent := date.MustNew(2024, 3, 1)
	r, _ := be.ReminderRule(dunning.Consumer, sent, sent)
	fmt.Println("reminder fee cap:", r.Cap, "status", r.Status)
	c, _ := be.Compensation(dunning.Business, sent, money.MustNew("500", money.EUR))
	fmt.Println("compensation:", c.Amount)
	tab, conv, _ := be.Interest(dunning.Business, interest.ClaimDates{})
	res, _ := interest.Accrue(money.MustNew("1000", money.EUR), date.MustNew(2024, 1, 1), date.MustNew(2024, 7, 1), tab, conv)
	fmt.Println("interest for half a year:", res.Total)
	d, _ := be.NoticeMinimum(dunning.Consumer, fees.CollectionWarning, sent)
	fmt.Println("a warning sent", sent, "gives until", d)
	// Output:
	// reminder fee cap: 7.50 EUR status UNVERIFIED
	// compensation: 40.00 EUR
	// interest for half a year: 62.33 EUR
	// a warning sent 2024-03-01 gives until 2024-03-15
}

// A bad Spec is refused with every problem named.
func ExampleNew_invalid() {
	_, err := law.New(law.Spec{Code: "BE", Name: "Belgium", Currency: money.EUR,
		Reminders: []fees.ReminderRule{{From: date.MustNew(2024, 1, 1), Cap: money.MustNew("-5", money.EUR)}},
		Notices:   []fees.NoticeRule{{Notice: fees.CollectionWarning, Counting: fees.FromDispatch}},
	})
	fmt.Println(err)
	// Output:
	// law: pack BE: Reminders[0].Cap "-5.00 EUR": is negative
	// Notices[0].MinDays "0": must be at least 1: a notice the law gives a period needs one (leave the rule out where the law sets none)
}

// A creditor's contract may ask for less than the law allows, never more.
func ExamplePack_CheckTerms() {
	dk := law.Builtin(dunning.DK)
	on := date.MustNew(2025, 3, 1)
	ok := law.Terms{ReminderFee: law.FeeTerms{Fixed: money.MustNew("60", money.DKK)}}
	fmt.Println(dk.CheckTerms(ok, dunning.Consumer, on))
	tooMuch := law.Terms{ReminderFee: law.FeeTerms{Fixed: money.MustNew("150", money.DKK)}}
	fmt.Println(dk.CheckTerms(tooMuch, dunning.Consumer, on))
	// Output:
	// <nil>
	// law: Terms.ReminderFee.Fixed 150.00 DKK exceeds the law's 100.00 DKK (renteloven § 9 b, VERIFIED): the law caps the contract
}

// The shipped packs, with what the United Kingdom's law asks of a £2,500 debt.
func ExampleBuiltin() {
	var codes []dunning.Jurisdiction
	for _, p := range law.Builtins() {
		codes = append(codes, p.Code())
	}
	fmt.Println(codes)
	gb := law.Builtin(dunning.GB)
	c, _ := gb.Compensation(dunning.Business, date.MustNew(2025, 5, 1), money.MustNew("2500", money.GBP))
	fmt.Println(c.Amount, "-", c.Source)
	// Output:
	// [DK SE NO DE NL FI EU GB FR]
	// 70.00 GBP - Late Payment of Commercial Debts (Interest) Act 1998 s. 5A(2) (SI 2002/1674)
}
