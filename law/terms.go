package law

import (
	"errors"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Terms are what a creditor's contract with its debtors says on top of the law: a
// reminder fee of its own and a contractual interest rate. The law caps the
// contract: Pack.CheckTerms refuses terms that ask for more than the pack allows,
// and whatever the terms ask, a fee is still assessed against the law on the day
// it is charged (fees.Assess). The zero Terms ask for nothing: the law's own
// figures apply.
type Terms struct {
	// ReminderFee is the fee the contract sets for a fee-bearing reminder.
	ReminderFee FeeTerms
	// InterestPercent is the contractual annual late-payment rate in percent (12
	// means 12 % a year); zero means the statutory rate.
	InterestPercent decimal.Decimal
}

// IsZero reports whether t asks for nothing.
func (t Terms) IsZero() bool { return t.ReminderFee.IsZero() && t.InterestPercent.IsZero() }

// FeeTerms is a contractual reminder fee: a fixed amount, or a percentage of the
// amount the reminder asks for, bounded by Min and Max. Set Fixed or Percent, not
// both. The zero FeeTerms sets no fee.
type FeeTerms struct {
	Fixed money.Money
	// Percent of the open amount the reminder asks for (2.5 means 2.5 %).
	Percent decimal.Decimal
	// Min and Max bound a percentage fee; the zero Money means no bound. A
	// percentage fee needs a Max no higher than the law's cap.
	Min, Max money.Money
}

// IsZero reports whether t sets no fee.
func (t FeeTerms) IsZero() bool {
	return t.Fixed == (money.Money{}) && t.Percent.IsZero() && t.Min == (money.Money{}) && t.Max == (money.Money{})
}

// Fee returns the fee the terms ask for a reminder on open: Fixed, or Percent of
// open within Min and Max, rounded to the minor unit half away from zero. The zero
// FeeTerms asks for the zero Money{} (no contractual fee).
func (t FeeTerms) Fee(open money.Money) money.Money {
	switch {
	case t.Fixed.IsValid():
		return t.Fixed
	case t.Percent.IsPositive() && open.IsValid():
		f := open.Percent(t.Percent, money.PolicyFor(open.Currency(), money.HalfAwayFromZero))
		if t.Min.IsValid() && t.Min.Currency() == f.Currency() {
			if c, _ := f.Compare(t.Min); c < 0 {
				f = t.Min
			}
		}
		if t.Max.IsValid() && t.Max.Currency() == f.Currency() {
			if c, _ := f.Compare(t.Max); c > 0 {
				f = t.Max
			}
		}
		return f
	}
	return money.Money{}
}

// ErrAboveLaw is what a *TermsError unwraps to (with dunning.ErrInvalid).
var ErrAboveLaw = errors.New("law: the contract asks for more than the law allows")

// TermsError says a contract term asks for more than the law allows: the field,
// what it asks, the law's limit and the law's source.
type TermsError struct {
	Field  string // such as "ReminderFee.Fixed"
	Value  string // what the terms ask, such as "150.00 DKK"
	Limit  string // what the law allows, such as "100.00 DKK"
	Source string // the law, with its research status
}

// Error returns a message such as
// `law: Terms.ReminderFee.Fixed 150.00 DKK exceeds the law's 100.00 DKK (renteloven § 9 b, VERIFIED): the law caps the contract`.
func (e *TermsError) Error() string {
	return "law: Terms." + e.Field + " " + e.Value + " exceeds the law's " + e.Limit + " (" + e.Source + "): the law caps the contract"
}

// Unwrap returns ErrAboveLaw and dunning.ErrInvalid.
func (e *TermsError) Unwrap() []error { return []error{ErrAboveLaw, dunning.ErrInvalid} }

// CheckTerms reports every way t asks for more than the pack allows a creditor
// to charge a debtor of kind k on day on, or is malformed:
//
//   - a fixed reminder fee above the law's cap (ReminderRule), or any fee where
//     the law allows none (NL, EU): a *TermsError;
//   - a percentage fee without a Max, or with a Max above the cap: a *TermsError;
//   - a contractual rate above the pack's MaxContractInterest: a *TermsError;
//   - both Fixed and Percent, a negative figure, an amount in another currency,
//     Min above Max: a *dunning.FieldError.
//
// nil means the terms are lawful on that day. Terms are checked again whenever a
// fee is charged: a cap that falls later reduces the fee then.
func (p *Pack) CheckTerms(t Terms, k dunning.PartyKind, on date.Date) error {
	var errs []error
	bad := func(field, value, reason string) {
		errs = append(errs, &dunning.FieldError{Field: "Terms." + field, Value: value, Reason: reason})
	}
	f := t.ReminderFee
	cur := p.Currency()
	for _, m := range []struct {
		name string
		m    money.Money
	}{{"ReminderFee.Fixed", f.Fixed}, {"ReminderFee.Min", f.Min}, {"ReminderFee.Max", f.Max}} {
		switch {
		case m.m == (money.Money{}):
		case !m.m.IsValid() || m.m.Currency() != cur:
			bad(m.name, m.m.String(), "is not an amount in "+string(cur)+", the currency of "+string(p.Code()))
		case m.m.IsNegative():
			bad(m.name, m.m.String(), "is negative")
		}
	}
	if f.Fixed.IsValid() && !f.Percent.IsZero() {
		bad("ReminderFee.Percent", f.Percent.String(), "is set with Fixed: a fee is fixed or a percentage, not both")
	}
	if f.Percent.IsNegative() {
		bad("ReminderFee.Percent", f.Percent.String(), "is negative")
	}
	if f.Min.IsValid() && f.Max.IsValid() && f.Min.Currency() == f.Max.Currency() {
		if c, _ := f.Min.Compare(f.Max); c > 0 {
			bad("ReminderFee.Min", f.Min.String(), "is above Max "+f.Max.String())
		}
	}
	if t.InterestPercent.IsNegative() {
		bad("InterestPercent", t.InterestPercent.String(), "is negative")
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if !f.IsZero() {
		errs = append(errs, p.checkFee(f, k, on)...)
	}
	if t.InterestPercent.IsPositive() {
		for _, l := range p.spec.MaxContractInterest {
			if (l.Kind == 0 || l.Kind == k) && t.InterestPercent.GreaterThan(l.Percent) {
				errs = append(errs, &TermsError{Field: "InterestPercent", Value: t.InterestPercent.String() + " %",
					Limit: l.Percent.String() + " %", Source: l.Source + ", " + l.Status.String()})
			}
		}
	}
	return errors.Join(errs...)
}

// checkFee checks a contractual fee against the reminder-fee cap on day on.
func (p *Pack) checkFee(f FeeTerms, k dunning.PartyKind, on date.Date) []error {
	rule, err := p.ReminderRule(k, on, on)
	capM, source := money.Zero(p.Currency()), "the law of "+string(p.Code())+" allows no reminder fee"
	if err == nil {
		capM, source = rule.Cap, rule.Source+", "+rule.Status.String()
	}
	above := func(m money.Money) bool {
		c, err := m.Compare(capM)
		return err == nil && c > 0
	}
	switch {
	case f.Fixed.IsValid() && above(f.Fixed):
		return []error{&TermsError{Field: "ReminderFee.Fixed", Value: f.Fixed.String(), Limit: capM.String(), Source: source}}
	case f.Percent.IsPositive() && !f.Max.IsValid():
		return []error{&TermsError{Field: "ReminderFee.Max", Value: "none", Limit: capM.String(), Source: source + "; a percentage fee needs a Max no higher than the cap"}}
	case f.Percent.IsPositive() && above(f.Max):
		return []error{&TermsError{Field: "ReminderFee.Max", Value: f.Max.String(), Limit: capM.String(), Source: source}}
	case f.Min.IsValid() && above(f.Min):
		return []error{&TermsError{Field: "ReminderFee.Min", Value: f.Min.String(), Limit: capM.String(), Source: source}}
	}
	return nil
}
