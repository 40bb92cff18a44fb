package flow

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// notice maps a reminder kind to the notice the fees package assesses: only Norway
// tells a purring from an inkassovarsel (inkassoforskriften §§ 1-2, 1-3).
func notice(k Kind) fees.Notice {
	if k == CollectionWarning {
		return fees.CollectionWarning
	}
	return fees.Reminder
}

// noticeOf maps a step kind to the notice whose deadline the law regulates
// (fees.NoticeRuleFor): a reminder, the collection warning, or the demand letter
// (NO betalingsoppfordring, SE inkassokrav, FI maksuvaatimus). Other kinds are
// not notices.
func noticeOf(k Kind) (fees.Notice, bool) {
	switch k {
	case Reminder:
		return fees.Reminder, true
	case CollectionWarning:
		return fees.CollectionWarning, true
	case DemandLetter:
		return fees.PaymentDemand, true
	}
	return 0, false
}

// historyBuf is how many earlier fees Decide passes to fees.Assess without allocating;
// a case with more fee-bearing reminders (no law allows that many) allocates.
const historyBuf = 8

// assessFee sets d.Fee, d.FeeReason and d.FeeErr for step s going out on day at.
func (d *Decision) assessFee(s Step, p Progress, facts Facts, at date.Date) {
	override := p.Override.Fee.IsValid()
	if !s.Kind.IsReminder() || (s.Fee.Mode == FeeNone && !override) {
		return
	}
	rule := &facts.Fees
	var requested money.Money
	switch {
	case override:
		requested = p.Override.Fee
	case facts.ContractFee.IsValid():
		requested = facts.ContractFee
	case s.Fee.Mode == FeeFixed:
		requested = s.Fee.Amount
	default: // FeeMax
		if !rule.Cap.IsValid() {
			d.FeeErr = errNoRules
			return
		}
		requested = rule.Cap
	}
	var buf [historyBuf]fees.Charge
	c := fees.Claim{Due: facts.Due, Disputed: facts.Disputed, FeeAgreed: facts.FeeAgreed, History: buf[:0]}
	count := func(taken []Taken) {
		for i := range taken {
			t := &taken[i]
			if t.Index < 0 || !t.Kind.IsReminder() {
				continue
			}
			c.Reminders++ // every reminder sent, with or without a fee (DE: the first is free)
			if t.Fee.IsPositive() {
				c.History = append(c.History, fees.Charge{Date: t.On, Notice: notice(t.Kind), Fee: t.Fee})
			}
		}
	}
	count(facts.Earlier) // E4: the fee law counts per claim, across cases
	count(p.Taken)
	a, err := fees.Assess(*rule, c, fees.Proposal{Date: at, Notice: notice(s.Kind), Fee: requested})
	if err != nil {
		d.FeeErr = err
		return
	}
	d.Fee, d.FeeReason = a.Fee, a.Reason
}

var errNoRules = &dunning.FieldError{Field: "Facts.Fees", Value: "", Reason: "has no reminder-fee rule (get it from the law pack: law.Pack.ReminderRule)", Err: fees.ErrNoRule}

// Validate returns every way flow f would break the law of jurisdiction j for a
// debtor of kind k, for a claim due on on (which also picks the version of the law),
// when the flow runs as Decide runs it (Schedule: every step on the first day it is
// allowed, each deadline at least the law's notice, the next step after it):
//
//   - a step whose own Deadline (Step.Deadline) is shorter than the law's notice
//     for its letter (DK inkassoloven § 10, NO inkassoloven §§ 9, 10, NL art. 6:96
//     lid 6 BW, SE and FI guidance; fees.NoticeRules): Decide gives the law's
//     deadline instead, so the flow does not run as written (*NoticeError);
//   - a fixed fee (FeeFixed) the reminder-fee law does not allow on the day the
//     step comes (fees.CheckSchedule): too many fee-bearing reminders, too little
//     time between them or after the due date, a fee above the cap, a fee on the
//     first reminder (DE), a Norwegian notice outside the § 1-3 set.
//
// A FeeMax step asks for whatever the law allows on its day, which may be nothing,
// so it is never reported itself; the fees it does charge count towards the limits
// of the steps after it. A deadline left to the flow (Step.Deadline 0) is never
// reported either: Decide lengthens it to the law's notice and the next step waits
// (the preset flows keep the law in every jurisdiction this way: Schedule shows the
// days). Each problem is a *StepError naming the step, unwrapping to ErrUnlawful;
// they are joined with errors.Join. nil means the flow is lawful.
//
// The law's conditions that depend on the case (a dispute, the Swedish fee
// agreement, fees of earlier cases) are Decide's, per case. A flow with fee-bearing
// steps needs a reminder-fee rule: its error (a *dunning.FieldError, or a
// *fees.NoRuleError for a jurisdiction or date without a rule) is returned as is.
func Validate(f Flow, j dunning.Jurisdiction, k dunning.PartyKind, on date.Date) error {
	p := law.Builtin(j)
	if p == nil {
		return fmt.Errorf("flow %q: %w", f.name, &dunning.FieldError{Field: "Jurisdiction", Value: string(j),
			Reason: "has no shipped law pack (use ValidateLaw with the host's pack)"})
	}
	return ValidateLaw(f, p, k, on)
}

// ValidateLaw is Validate under law pack p: a host's own pack, or a shipped one.
func ValidateLaw(f Flow, p *law.Pack, k dunning.PartyKind, on date.Date) error {
	bearing := false
	for _, s := range f.steps {
		bearing = bearing || (s.Kind.IsReminder() && s.FeeBearing())
	}
	var rule fees.ReminderRule
	if bearing {
		var err error
		if rule, err = p.ReminderRule(k, on, on); err != nil {
			return fmt.Errorf("flow %q: %w", f.name, err)
		}
	}
	facts := Facts{Due: on, Jurisdiction: p.Code(), Law: p, Party: k, Fees: rule}
	sched := Schedule(f, facts)
	var errs []error
	for i, pl := range sched {
		s := f.steps[i]
		if s.Deadline <= 0 {
			continue
		}
		asked := pl.On.AddDays(s.Deadline)
		if lawful, r := facts.LawfulDeadline(s.Kind, pl.On, asked); lawful != asked {
			errs = append(errs, &StepError{Flow: f.name, Index: i, Step: s.Name,
				Err: &NoticeError{Deadline: s.Deadline, Earliest: pl.On.DaysUntil(lawful), Rule: r}})
		}
	}
	if !bearing {
		return errors.Join(errs...)
	}
	var plan []fees.PlannedReminder
	var index []int // plan index -> step index
	for i, s := range f.steps {
		if !s.Kind.IsReminder() || i >= len(sched) {
			continue
		}
		fee := money.Zero(rule.Cap.Currency())
		switch s.Fee.Mode {
		case FeeFixed:
			fee = s.Fee.Amount
		case FeeMax:
			fee = rule.Cap
		}
		plan = append(plan, fees.PlannedReminder{DaysAfterDue: on.DaysUntil(sched[i].On), Notice: notice(s.Kind), Fee: fee})
		index = append(index, i)
	}
	for _, pr := range fees.CheckSchedule(rule, plan) {
		e := &StepError{Flow: f.name, Index: -1, Err: &lawError{pr}}
		if pr.Index >= 0 && pr.Index < len(index) {
			e.Index = index[pr.Index]
			e.Step = f.steps[e.Index].Name
			if f.steps[e.Index].Fee.Mode == FeeMax && pr.Reason.Code != fees.ReasonInvalidFee {
				continue // the law's maximum on that day, whatever it is: lawful
			}
		}
		e.Problem = pr
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// NoticeError is a step whose own deadline is shorter than the law's notice for its
// letter (Validate).
type NoticeError struct {
	Deadline int             // the days the step gives (Step.Deadline)
	Earliest int             // the days the law asks for, counted from the day the step is sent
	Rule     fees.NoticeRule // the law
}

// Error returns a sentence such as "the deadline of 7 days is shorter than the
// 10 days DK law asks for (inkassoloven § 10 …)".
func (e *NoticeError) Error() string {
	return "the deadline of " + plural(e.Deadline, "day") + " is shorter than the " + plural(e.Earliest, "day") +
		" " + string(e.Rule.Jurisdiction) + " law asks for, " + e.Rule.Counting.String() + " (" + e.Rule.Source + ")"
}

// Planned is one step of a flow as Schedule plans it.
type Planned struct {
	Index int       // the step's index in the flow
	Step  string    // the step's name
	On    date.Date // the first day Decide allows it
	// Deadline is the deadline it gives (Decision.Deadline); Notice the notice law
	// that set its minimum (MinDays 0 for none).
	Deadline date.Date
	Notice   fees.NoticeRule
}

// Schedule returns the flow's steps for a case with facts when every step is taken on
// the first day Decide allows it, with no pause, override or letter between: the
// flow's Offsets where the law asks for nothing more, later where a notice period
// makes a deadline longer than the flow's spacing (the next step waits for the day
// after it). It runs Decide itself, so it is what the daily run does. Holidays in
// facts move steps as they would.
func Schedule(f Flow, facts Facts) []Planned {
	out := make([]Planned, 0, len(f.steps))
	p := Start(f)
	for range f.steps {
		d := Decide(f, p, facts, date.Date{})
		if d.Index < 0 || (d.Reason != ReasonWaiting && d.Reason != ReasonHoliday && d.Reason != ReasonDecision && d.Reason != ReasonNone) {
			break
		}
		d = Decide(f, p, facts, d.On)
		_, rule := facts.LawfulDeadline(d.Step.Kind, d.On, d.Deadline)
		out = append(out, Planned{Index: d.Index, Step: d.Step.Name, On: d.On, Deadline: d.Deadline, Notice: rule})
		p = p.Take(d, d.On)
	}
	return out
}

// lawError is a fees.Problem as an error.
type lawError struct{ p fees.Problem }

func (e *lawError) Error() string { return e.p.String() }
