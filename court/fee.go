package court

import (
	"errors"
	"slices"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Filing is what a court fee is computed from. Implements E9 (the fee is computed by
// the system from the claim).
type Filing struct {
	// Jurisdiction whose court is asked. Required.
	Jurisdiction dunning.Jurisdiction
	// Proceeding is the step filed. Required.
	Proceeding Proceeding
	// Claim is the value the law bases the fee on, in the jurisdiction's currency: DK the
	// claim (collection costs excluded, retsplejeloven § 401), DE the Streitwert (main
	// claim without interest and costs), NL the amount claimed, NO and SE not used (flat
	// fees) but still required and checked. Required, not negative.
	Claim money.Money
	// Date is the filing date: the date the request reaches the court. Every fee table is
	// keyed on it. Required.
	Date date.Date
	// NaturalPerson says the claimant is a natural person (NL griffierecht has a lower
	// tariff for them). The zero value, false, means a legal person.
	NaturalPerson bool
	// FeePaid is the date a DK fogedret fee (750 DKK, from 2021-10-01) for the same claim
	// was last paid; zero if none. Payment orders and enforcement steps filed within 12
	// months of it are covered by that fee and cost nothing (retsafgiftsloven, research
	// §1.4).
	FeePaid date.Date
	// Rettsgebyr overrides the table's NO rettsgebyr (R) for the filing year, for a host
	// that knows the current figure (the research lacks 2022, 2023 and 2026). Zero means
	// use the table; a year the table lacks is then an error.
	Rettsgebyr money.Money
}

// Fee is a computed court fee.
type Fee struct {
	Proceeding Proceeding
	// Amount is what the creditor pays the court; 0 when Covered or when no fee is due
	// (the DK hearing fee for claims up to 100,000 DKK).
	Amount money.Money
	// Filed is the filing date the fee was computed for.
	Filed date.Date
	// Rule is the table row applied.
	Rule Rule
	// Status is the weakest status among the figures used: the rule's, and for NO the
	// rettsgebyr's (a host-supplied rettsgebyr is taken as given).
	Status dunning.Status
	// Base is the unit the fee is a multiple of: the NO rettsgebyr or the DE simple GKG
	// fee; the zero Money otherwise.
	Base money.Money
	// Covered is true when a DK fee paid within the last 12 months covers this step.
	Covered bool
}

// IsZero reports whether f is the zero Fee, which the State steps return for a step that
// costs nothing.
func (f Fee) IsZero() bool { return f.Proceeding == 0 && !f.Amount.IsValid() }

// Validate checks f and returns every problem, each a *dunning.FieldError, joined.
func (f Filing) Validate() error {
	var errs []error
	tables := slices.Contains(dunning.Jurisdictions(), f.Jurisdiction)
	if !tables {
		errs = append(errs, fieldErr("Filing.Jurisdiction", string(f.Jurisdiction), "is not a jurisdiction with court-fee tables here (DK, SE, NO, DE, NL, FI, EU; other packs list their routes in law.Pack.Court)", nil))
	}
	if !f.Proceeding.IsValid() {
		errs = append(errs, fieldErr("Filing.Proceeding", f.Proceeding.String(), "is not a proceeding", nil))
	}
	switch {
	case !f.Claim.IsValid():
		errs = append(errs, fieldErr("Filing.Claim", f.Claim.String(), "is required", nil))
	case f.Claim.IsNegative():
		errs = append(errs, fieldErr("Filing.Claim", f.Claim.String(), "must not be negative", nil))
	case tables && string(f.Claim.Currency()) != f.Jurisdiction.CurrencyCode():
		errs = append(errs, fieldErr("Filing.Claim", f.Claim.String(), "must be in "+f.Jurisdiction.CurrencyCode()+", the currency of "+string(f.Jurisdiction), nil))
	}
	if f.Date.IsZero() {
		errs = append(errs, fieldErr("Filing.Date", "", "is required", nil))
	}
	if !f.FeePaid.IsZero() && !f.Date.IsZero() && f.FeePaid.After(f.Date) {
		errs = append(errs, fieldErr("Filing.FeePaid", f.FeePaid.String(), "is after the filing date "+f.Date.String(), nil))
	}
	if f.Rettsgebyr.IsValid() && (f.Rettsgebyr.Currency() != money.NOK || !f.Rettsgebyr.IsPositive()) {
		errs = append(errs, fieldErr("Filing.Rettsgebyr", f.Rettsgebyr.String(), "must be a positive NOK amount", nil))
	}
	return errors.Join(errs...)
}

// FeeFor returns the court fee for f under the rule in force on the filing date.
// Implements E9.
//
// It fails with a *dunning.FieldError (dunning.ErrInvalid) for bad input, and with a
// *NoRuleError (ErrNoRule) when the tables hold no rule for the jurisdiction,
// proceeding and date, or the claim lies outside the table. It never guesses.
func FeeFor(f Filing) (Fee, error) {
	if err := f.Validate(); err != nil {
		return Fee{}, err
	}
	r, err := lookup(f.Jurisdiction, f.Proceeding, f.Date)
	if err != nil {
		return Fee{}, err
	}
	fee, err := r.compute(f)
	if err != nil {
		return Fee{}, err
	}
	fee.Proceeding = f.Proceeding
	fee.Filed = f.Date
	fee.Rule = r.rule()
	fee.Status = fee.Status.Weaker(r.status)
	return fee, nil
}

// Rules returns every row of the court-fee tables, ordered by jurisdiction, proceeding
// and From. The slice is new on every call; changing it changes nothing in the package.
func Rules() []Rule {
	out := make([]Rule, 0, len(feeRows))
	for i := range feeRows {
		out = append(out, feeRows[i].rule())
	}
	return out
}

// lookup finds the one row covering day.
func lookup(j dunning.Jurisdiction, p Proceeding, day date.Date) (*row, error) {
	var first, last *row
	for i := range feeRows {
		r := &feeRows[i]
		if r.j != j || r.p != p {
			continue
		}
		if first == nil {
			first = r
		}
		last = r
		if !day.Before(r.from) && (r.to.IsZero() || day.Before(r.to)) {
			return r, nil
		}
	}
	e := &NoRuleError{Jurisdiction: j, Proceeding: p, Date: day}
	switch {
	case first == nil:
		e.Reason = "the tables have no such fee for " + string(j) + noRuleHint(j, p)
	case day.Before(first.from):
		e.Reason = "before the first known rule (" + first.from.String() + ")" + noRuleHint(j, p)
	default:
		e.Reason = "after the last known rule (ended " + last.to.String() + ")" + noRuleHint(j, p)
	}
	return nil, e
}

// noRuleHint explains the known gaps of the research.
func noRuleHint(j dunning.Jurisdiction, p Proceeding) string {
	switch {
	case j == dunning.DK && p == PaymentOrder:
		return "; the pre-2021 betalingspåkrav fee structure is UNVERIFIED (research §1.4)"
	case j == dunning.SE && p == Conversion:
		return "; the tingsrätt tilläggsavgift (förordning 1987:452) amount is UNVERIFIED (research §2.4)"
	case j == dunning.NL:
		return "; NL kanton griffierecht is known for 2022 and (probably) 2023 only (research §5.4)"
	case j == dunning.FI:
		return "; FI court fees are UNVERIFIED (research §6.3)"
	}
	return ""
}
