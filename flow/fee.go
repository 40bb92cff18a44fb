package flow

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
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
	for i := range p.Taken {
		t := &p.Taken[i]
		if t.Index < 0 || !t.Kind.IsReminder() {
			continue
		}
		c.Reminders++ // every reminder sent, with or without a fee (DE: the first is free)
		if t.Fee.IsPositive() {
			c.History = append(c.History, fees.Charge{Date: t.On, Notice: notice(t.Kind), Fee: t.Fee})
		}
	}
	a, err := fees.Assess(*rule, c, fees.Proposal{Date: at, Notice: notice(s.Kind), Fee: requested})
	if err != nil {
		d.FeeErr = err
		return
	}
	d.Fee, d.FeeReason = a.Fee, a.Reason
}

var errNoRules = &dunning.FieldError{Field: "Facts.Fees", Value: "", Reason: "has no reminder-fee rule (get it from fees.ReminderRules)", Err: fees.ErrNoRule}

// Validate returns every way flow f would break the reminder-fee law of jurisdiction j
// for a debtor of kind k, for a claim due on on (which also picks the version of the
// law), through fees.CheckSchedule: too many fee-bearing reminders, too little time
// between them or after the due date, a fee above the cap, a fee on the first reminder
// (DE), a Norwegian notice outside the § 1-3 set. Each problem is a *StepError naming
// the step, unwrapping to ErrUnlawful; they are joined with errors.Join. nil means the
// flow is lawful.
//
// The plan is the flow's reminders and collection warnings on their Offsets (every
// step taken on the day it is allowed, no postal days: postal days only move the whole
// series later), each asking for its fee (FeeMax: the cap). The law's conditions that
// depend on the case (a dispute, the Swedish fee agreement) are Decide's, per case.
//
// A flow without fee-bearing reminders is lawful everywhere. Otherwise the rule comes
// from fees.ReminderRules, and its error (a *dunning.FieldError, or a
// *fees.NoRuleError for a jurisdiction or date without a rule) is returned as is.
func Validate(f Flow, j dunning.Jurisdiction, k dunning.PartyKind, on date.Date) error {
	bearing := false
	for _, s := range f.steps {
		bearing = bearing || (s.Kind.IsReminder() && s.FeeBearing())
	}
	if !bearing {
		return nil
	}
	rule, err := fees.ReminderRules(j, k, on, on)
	if err != nil {
		return fmt.Errorf("flow %q: %w", f.name, err)
	}
	offsets := f.Offsets()
	var plan []fees.PlannedReminder
	var index []int // plan index -> step index
	for i, s := range f.steps {
		if !s.Kind.IsReminder() {
			continue
		}
		fee := money.Zero(rule.Cap.Currency())
		switch s.Fee.Mode {
		case FeeFixed:
			fee = s.Fee.Amount
		case FeeMax:
			fee = rule.Cap
		}
		plan = append(plan, fees.PlannedReminder{DaysAfterDue: offsets[i], Notice: notice(s.Kind), Fee: fee})
		index = append(index, i)
	}
	var errs []error
	for _, pr := range fees.CheckSchedule(rule, plan) {
		e := &StepError{Flow: f.name, Index: -1, Err: &lawError{pr}}
		if pr.Index >= 0 && pr.Index < len(index) {
			e.Index = index[pr.Index]
			e.Step = f.steps[e.Index].Name
		}
		e.Problem = pr
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// lawError is a fees.Problem as an error.
type lawError struct{ p fees.Problem }

func (e *lawError) Error() string { return e.p.String() }
