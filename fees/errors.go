package fees

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// ErrNoRule is returned (wrapped in a *NoRuleError) when the research has no rule for
// the request: a date before the first row of a table or in a gap between rows, a
// jurisdiction that has no such rule (the EU directive has no reminder fee), or a
// combination (party kind, collection step) that the research does not cover. The
// package never guesses a figure.
var ErrNoRule = errors.New("fees: no rule")

// NoRuleError says which rule is missing, for which jurisdiction and, where a date
// was the reason, which date (and what that date means).
type NoRuleError struct {
	Jurisdiction dunning.Jurisdiction
	Rule         string    // "reminder fee", "collection-cost cap", "compensation fee"
	DateName     string    // what Date is: "claim arose", "reminder sent", ...; "" if no date
	Date         date.Date // the date that fell outside every row; zero if not a date problem
	Reason       string    // why there is no rule, e.g. "first table applies from 2002-08-01"
}

// Error returns a message such as
// "fees: no DK collection-cost cap for claim arose 2001-05-01: first table applies from 2002-08-01".
func (e *NoRuleError) Error() string {
	s := "fees: no " + string(e.Jurisdiction) + " " + e.Rule
	if !e.Date.IsZero() {
		s += " for " + e.DateName + " " + e.Date.String()
	}
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}

// Unwrap returns ErrNoRule.
func (e *NoRuleError) Unwrap() error { return ErrNoRule }

func noRule(j dunning.Jurisdiction, rule, dateName string, d date.Date, reason string) error {
	return &NoRuleError{Jurisdiction: j, Rule: rule, DateName: dateName, Date: d, Reason: reason}
}

// fieldErr builds the SDK's *dunning.FieldError, which unwraps to dunning.ErrInvalid
// and to cause when cause is not nil.
func fieldErr(field, value, reason string, cause error) error {
	return &dunning.FieldError{Field: field, Value: value, Reason: reason, Err: cause}
}

// checkParties validates the jurisdiction and party kind every lookup takes.
func checkParties(j dunning.Jurisdiction, k dunning.PartyKind) error {
	var errs []error
	if !known(j) {
		errs = append(errs, fieldErr("Jurisdiction", string(j), "is not a known jurisdiction", nil))
	}
	if !k.IsValid() {
		errs = append(errs, fieldErr("Kind", fmt.Sprint(uint8(k)), "is not Consumer or Business", nil))
	}
	return errors.Join(errs...)
}

// checkAmount validates an amount that must be in j's currency and not negative.
func checkAmount(field string, m money.Money, j dunning.Jurisdiction) error {
	if !m.IsValid() {
		return fieldErr(field, m.String(), "has no currency", nil)
	}
	if want := currencyOf(j); m.Currency() != want {
		return fieldErr(field, m.String(), "is not in "+string(want)+", the currency of "+string(j),
			money.ErrCurrencyMismatch)
	}
	if m.IsNegative() {
		return fieldErr(field, m.String(), "is negative", nil)
	}
	return nil
}

// checkDate validates a date that is required.
func checkDate(field string, d date.Date) error {
	if d.IsZero() {
		return fieldErr(field, "", "is required", nil)
	}
	return nil
}

// known reports whether j is a jurisdiction of the SDK. It is dunning.Jurisdiction.IsValid
// without its allocation (IsValid builds a language.Tag for NO), so that lookups and
// Assess stay allocation-free.
func known(j dunning.Jurisdiction) bool {
	switch j {
	case dunning.DK, dunning.SE, dunning.NO, dunning.DE, dunning.NL, dunning.FI, dunning.EU:
		return true
	}
	return false
}

// currencyOf is the currency of j's amounts (dunning.Jurisdiction.CurrencyCode without
// its allocation).
func currencyOf(j dunning.Jurisdiction) money.Currency {
	switch j {
	case dunning.DK:
		return money.DKK
	case dunning.SE:
		return money.SEK
	case dunning.NO:
		return money.NOK
	case dunning.DE, dunning.NL, dunning.FI, dunning.EU:
		return money.EUR
	}
	return ""
}
