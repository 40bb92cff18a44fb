package fees

import (
	"fmt"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// PlannedReminder is one step of a planned reminder series (a flow), relative to the
// claim's due date.
type PlannedReminder struct {
	DaysAfterDue int         // when the reminder is sent, in days after the due date
	Notice       Notice      // NO: purring, inkassovarsel or betalingsoppfordring
	Fee          money.Money // the fee the flow charges; zero for a free reminder
}

// Problem is one way a planned series breaks the law: the step (index into the plan and
// its day) and the Reason, whose dates are translated into days after the due date.
type Problem struct {
	Index        int // index of the planned reminder
	DaysAfterDue int // its day
	// AllowedFromDay is the first day after the due date a fee is allowed (TooEarly,
	// TooSoon); SinceDay the day of the previous fee-bearing reminder (TooSoon).
	AllowedFromDay, SinceDay int
	Reason                   Reason // Since and AllowedFrom are relative to an arbitrary anchor; use the day fields
}

// String returns a sentence such as "reminder 2 (day 19): DK: only 9 days since the
// fee-bearing reminder of day 10; a fee is allowed from day 20 (renteloven § 9 b)".
func (p Problem) String() string {
	r := p.Reason
	head := fmt.Sprintf("reminder %d (day %d): ", p.Index+1, p.DaysAfterDue)
	switch r.Code {
	case ReasonTooSoon:
		return head + fmt.Sprintf("%s: only %d days since the fee-bearing reminder of day %d; a fee is allowed from day %d (%s)",
			r.Jurisdiction, r.Days, p.SinceDay, p.AllowedFromDay, r.Source)
	case ReasonTooEarly:
		return head + fmt.Sprintf("%s: only %d days after the due date; a fee is allowed from day %d (%s)",
			r.Jurisdiction, r.Days, p.AllowedFromDay, r.Source)
	}
	return head + r.String()
}

// CheckSchedule returns every way the planned series breaks the reminder-fee law r, in
// plan order: too many fees, fees too close together, a fee above the cap, a fee too
// early after the due date, a fee on the first reminder (DE), a NO notice outside the
// § 1-3 set, a plan out of order or a fee in the wrong currency. An empty result means
// the plan is lawful under r. Implements S4.
//
// The check simulates the plan: each planned fee is assessed as Assess would, against
// the fees allowed before it, so a refused fee does not count towards later limits. It
// assumes the claim is undisputed and that any fee agreement the law needs (SE) is in
// place; Assess checks those per case. A plan that spans a change of the law is checked
// against r only.
func CheckSchedule(r ReminderRule, plan []PlannedReminder) []Problem {
	var problems []Problem
	if !r.Cap.IsValid() {
		return []Problem{{Index: -1, Reason: Reason{Code: ReasonInvalidFee, Jurisdiction: r.Jurisdiction,
			Source: "rule without a valid Cap; get it from ReminderRules"}}}
	}
	anchor := date.MustNew(2000, 1, 1)
	if !r.From.IsZero() {
		anchor = r.From
	}
	c := Claim{Due: anchor, FeeAgreed: true, History: make([]Charge, 0, len(plan))}
	prev := 0
	for i, step := range plan {
		if i > 0 && step.DaysAfterDue < prev {
			problems = append(problems, Problem{Index: i, DaysAfterDue: step.DaysAfterDue,
				Reason: Reason{Code: ReasonOutOfOrder, Jurisdiction: r.Jurisdiction, Notice: step.Notice}})
		}
		prev = step.DaysAfterDue
		p := Proposal{Date: anchor.AddDays(step.DaysAfterDue), Notice: step.Notice, Fee: step.Fee}
		if step.Fee.Currency() != r.Cap.Currency() || step.Fee.IsNegative() || step.Notice > PaymentDemand {
			problems = append(problems, Problem{Index: i, DaysAfterDue: step.DaysAfterDue,
				Reason: Reason{Code: ReasonInvalidFee, Jurisdiction: r.Jurisdiction, Notice: step.Notice, Requested: step.Fee}})
			c.Reminders++
			continue
		}
		a := assess(&r, &c, &p)
		if a.Reduced() {
			pr := Problem{Index: i, DaysAfterDue: step.DaysAfterDue, Reason: a.Reason}
			if !a.Reason.AllowedFrom.IsZero() {
				pr.AllowedFromDay = anchor.DaysUntil(a.Reason.AllowedFrom)
			}
			if !a.Reason.Since.IsZero() {
				pr.SinceDay = anchor.DaysUntil(a.Reason.Since)
			}
			problems = append(problems, pr)
		}
		if a.Fee.IsPositive() {
			c.History = append(c.History, Charge{Date: p.Date, Notice: p.Notice, Fee: a.Fee})
		}
		c.Reminders++
	}
	return problems
}
