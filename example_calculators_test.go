package dunning_test

import (
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
)

// Example_calculators is the README's "calculators underneath": the pure packages
// used on their own, without the collection Service.
func Example_calculators() {
	due, sent := date.MustParse("2025-01-31"), date.MustParse("2025-02-10")
	rates, conv, err := interest.Statutory(dunning.DK, dunning.Consumer) // Nationalbank rate + 8 pp, 30E/360
	if err != nil {
		panic(err)
	}
	res, err := interest.Accrue(money.MustNew("1250.00", money.DKK), due, date.MustParse("2025-04-30"), rates, conv)
	if err != nil {
		panic(err)
	}
	fmt.Println("interest:", res.Total, "at", res.Segments[0].Rate, "%:", res.Segments[0].Source)

	rule, err := fees.ReminderRules(dunning.DK, dunning.Consumer, due, sent) // 100 DKK, max 3, 10 days apart
	if err != nil {
		panic(err)
	}
	a, err := fees.Assess(rule, fees.Claim{Due: due}, fees.Proposal{Date: sent, Fee: money.MustNew("150.00", money.DKK)})
	if err != nil {
		panic(err)
	}
	fmt.Println("fee:", a.Fee, "-", a.Reason) // what may be charged, and why not more

	facts := flow.Facts{Due: due, Jurisdiction: dunning.DK, Party: dunning.Consumer, Fees: rule}
	d := flow.Decide(flow.Standard(), flow.Start(flow.Standard()), facts, sent) // the next step, when, what it costs
	fmt.Println("next:", d.Step.Name, "on", d.On, "fee", d.Fee)

	fee, err := court.FeeFor(court.Filing{Jurisdiction: dunning.DK, Proceeding: court.PaymentOrder,
		Claim: money.MustNew("1250.00", money.DKK), Date: date.MustParse("2025-06-02")})
	if err != nil {
		panic(err)
	}
	fmt.Println("court fee:", fee.Amount)
	// Output:
	// interest: 33.59 DKK at 10.75 %: renteloven § 5 stk. 1; udlånsrente derived from tradingeconomics.com (cut from 2.75 % in late Jan 2025)
	// fee: 100.00 DKK - DK: the fee 150.00 DKK is above the cap of 100.00 DKK (renteloven § 9 b)
	// next: Reminder 1 on 2025-02-03 fee 100.00 DKK
	// court fee: 750.00 DKK
}
