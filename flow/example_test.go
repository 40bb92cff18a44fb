package flow_test

import (
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/money"
)

// The Standard flow's schedule for a Danish consumer invoice due on 1 March 2025, each
// step taken on the first day it is allowed.
func Example() {
	due := date.MustParse("2025-03-01")
	rule, err := fees.ReminderRules(dunning.DK, dunning.Consumer, due, due)
	if err != nil {
		panic(err)
	}
	facts := flow.Facts{Due: due, Jurisdiction: dunning.DK, Party: dunning.Consumer, Fees: rule}

	f := flow.Standard()
	p := flow.Start(f)
	for {
		d := flow.Decide(f, p, facts, due)
		if d.Index < 0 {
			fmt.Println(d.Explain())
			break
		}
		fee := "no fee"
		if d.Fee.IsPositive() {
			fee = "fee " + d.Fee.String()
		}
		fmt.Printf("%s  day %2d  %-21s %s\n", d.On, due.DaysUntil(d.On), d.Step.Name, fee)
		p = p.Take(d, d.On)
	}
	// Output:
	// 2025-03-04  day  3  Reminder 1            fee 100.00 DKK
	// 2025-03-16  day 15  Reminder 2            fee 100.00 DKK
	// 2025-03-28  day 27  Collection warning    fee 100.00 DKK
	// 2025-04-09  day 39  Demand letter         no fee
	// 2025-04-19  day 49  Settlement offer 20 % no fee
	// 2025-05-19  day 79  Payment claim         no fee
	// flow "Standard" finished
}

// Decide says why a step may not be taken yet, and from which day it can (S10).
func ExampleDecision_Explain() {
	due := date.MustParse("2025-03-01")
	facts := flow.Facts{Due: due, Jurisdiction: dunning.DK, Party: dunning.Consumer}
	f := flow.Standard()
	p := flow.Start(f)
	p = p.Take(flow.Decide(f, p, facts, due.AddDays(3)), due.AddDays(3))

	fmt.Println(flow.Decide(f, p, facts, due.AddDays(5)).Explain())
	fmt.Println(flow.Decide(f, p.WithPause(date.MustParse("2025-04-01"), "debtor pays on the 1st"), facts, due.AddDays(20)).Explain())
	facts.Holidays = []date.Period{{From: date.MustParse("2025-03-14"), To: date.MustParse("2025-03-24")}}
	fmt.Println(flow.Decide(f, p, facts, due.AddDays(15)).Explain())
	// Output:
	// waiting on Reminder 1 until 2025-03-16 (12 days)
	// paused until 2025-04-01: debtor pays on the 1st
	// creditor holiday until 2025-03-24
}

// Validate checks a flow against the law: Danish law allows three fee-bearing
// reminders (renteloven § 9 b), so a fixed fee on a fourth is reported.
func ExampleValidate() {
	var steps []flow.Step
	for _, name := range []string{"Reminder 1", "Reminder 2", "Reminder 3", "Reminder 4"} {
		steps = append(steps, flow.Step{Kind: flow.Reminder, Name: name, Days: 10,
			Fee: flow.FeeRule{Mode: flow.FeeFixed, Amount: money.MustNew("100", money.DKK)}})
	}
	f, err := flow.New("Four reminders", steps...)
	if err != nil {
		panic(err)
	}
	fmt.Println(flow.Validate(f, dunning.DK, dunning.Consumer, date.MustParse("2025-03-01")))
	fmt.Println(flow.Validate(flow.Standard(), dunning.DK, dunning.Consumer, date.MustParse("2025-03-01")))
	// Output:
	// flow "Four reminders": step 4 "Reminder 4": reminder 4 (day 40): DK: 3 fee-bearing reminders already sent (renteloven § 9 b)
	// <nil>
}

// Schedule shows the days a flow runs on in a jurisdiction: in Denmark the
// collection warning gives 10 days (inkassoloven § 10), so FastToCourt's demand
// letter waits one day longer than its +10; in Germany the law sets no notice.
func ExampleSchedule() {
	due := date.MustParse("2025-03-03")
	for _, j := range []dunning.Jurisdiction{dunning.DK, dunning.DE} {
		for _, p := range flow.Schedule(flow.FastToCourt(), flow.Facts{Due: due, Jurisdiction: j, Party: dunning.Consumer}) {
			pay := "no deadline"
			if !p.Deadline.IsZero() {
				pay = fmt.Sprintf("pay by day %d", due.DaysUntil(p.Deadline))
			}
			fmt.Printf("%s %-18s day %2d, %s\n", j, p.Step, due.DaysUntil(p.On), pay)
		}
	}
	// Output:
	// DK Reminder 1         day  1, pay by day 11
	// DK Reminder 2         day 12, pay by day 22
	// DK Collection warning day 23, pay by day 33
	// DK Demand letter      day 34, pay by day 43
	// DK Payment claim      day 44, no deadline
	// DE Reminder 1         day  1, pay by day 11
	// DE Reminder 2         day 12, pay by day 22
	// DE Collection warning day 23, pay by day 32
	// DE Demand letter      day 33, pay by day 42
	// DE Payment claim      day 43, no deadline
}
