package law

import (
	"errors"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// scheduleCap is CostCap from the pack's CostSchedules: the schedule for the
// debtor kind and step in force on q.KeyDate, its band for q.Claim, bounded by
// Min and Max, rounded to the minor unit half away from zero, with VAT on top
// where the schedule allows it.
func (p *Pack) scheduleCap(q fees.CostQuery) (fees.Cap, error) {
	cur := p.spec.Currency
	var errs []error
	bad := func(field, value, reason string) {
		errs = append(errs, &dunning.FieldError{Field: field, Value: value, Reason: reason})
	}
	switch {
	case !q.Claim.IsValid():
		bad("Claim", q.Claim.String(), "has no currency")
	case q.Claim.Currency() != cur:
		errs = append(errs, &dunning.FieldError{Field: "Claim", Value: q.Claim.String(),
			Reason: "is not in " + string(cur) + ", the currency of " + string(p.spec.Code), Err: money.ErrCurrencyMismatch})
	case q.Claim.IsNegative():
		bad("Claim", q.Claim.String(), "is negative")
	}
	if !q.Kind.IsValid() {
		bad("Kind", q.Kind.String(), "is not Consumer or Business")
	}
	if q.KeyDate.IsZero() {
		bad("KeyDate", "", "is required")
	}
	if q.VATPercent.IsNegative() {
		bad("VATPercent", q.VATPercent.String(), "is negative")
	}
	if len(errs) > 0 {
		return fees.Cap{}, errors.Join(errs...)
	}
	var s *CostSchedule
	for i := range p.spec.Costs.Schedules {
		c := &p.spec.Costs.Schedules[i]
		if (c.Kind == 0 || c.Kind == q.Kind) && c.Step == q.Step && !q.KeyDate.Before(c.From) {
			if s == nil || c.From.After(s.From) {
				s = c
			}
		}
	}
	if s == nil {
		return fees.Cap{}, noRule(p.spec.Code, "collection-cost cap", "key date", q.KeyDate,
			"the pack has no "+q.Step.String()+" schedule for "+q.Kind.String()+" debtors in force then")
	}
	if q.VATPercent.IsPositive() && !s.VAT {
		return fees.Cap{}, &dunning.FieldError{Field: "VATPercent", Value: q.VATPercent.String(),
			Reason: "is set, but the law of " + string(p.spec.Code) + " lets no VAT be added to collection costs"}
	}
	net, note := scheduleFee(s, q.Claim.Amount())
	if s.Min.IsValid() && net.LessThan(s.Min.Amount()) {
		net, note = s.Min.Amount(), note+"; raised to the minimum "+s.Min.String()
	}
	if s.Max.IsValid() && !s.Max.IsZero() && net.GreaterThan(s.Max.Amount()) {
		net, note = s.Max.Amount(), note+"; lowered to the maximum "+s.Max.String()
	}
	policy := money.PolicyFor(cur, money.HalfAwayFromZero)
	netM, err := money.FromDecimal(net, cur, policy)
	if err != nil {
		return fees.Cap{}, err
	}
	vat := money.Zero(cur)
	if q.VATPercent.IsPositive() {
		vat = netM.Percent(q.VATPercent, policy)
		note += "; VAT " + q.VATPercent.String() + " % added"
	}
	total, err := netM.Add(vat)
	if err != nil {
		return fees.Cap{}, err
	}
	return fees.Cap{Amount: total, Net: netM, VAT: vat, Source: s.Source, Status: s.Status, Note: note}, nil
}

// scheduleFee returns the exact fee of s's band for claim, and how it was found.
func scheduleFee(s *CostSchedule, claim decimal.Decimal) (decimal.Decimal, string) {
	lower := decimal.Zero
	for i, b := range s.Bands {
		if i < len(s.Bands)-1 && claim.GreaterThan(b.UpTo.Amount()) {
			lower = b.UpTo.Amount()
			continue
		}
		fee := decimal.Zero
		if b.Fixed.IsValid() {
			fee = b.Fixed.Amount()
		}
		note := "band " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(s.Bands))
		if b.Percent.IsPositive() {
			fee = fee.Add(claim.Sub(lower).Mul(b.Percent).Shift(-2))
			note += " (" + b.Percent.String() + " % of the claim above " + lower.String() + ")"
		}
		return fee, note
	}
	return decimal.Zero, "no band" // New refuses a schedule without bands
}

// KeyDate returns the date the cap's table is keyed on for a demand letter sent on
// day for a case whose earliest open due date is earliest: the step's day where
// the law keys it so (SE, FI, DE: the day the collector is instructed), the due
// date otherwise (DK: the day the claim arose; NO: the due date; NL: default).
func (c CollectionCosts) KeyDate(earliest, day date.Date) date.Date {
	if c.KeyedOnStep {
		return day
	}
	return earliest
}

// NeedsWarning reports whether the law lets a demand letter to a debtor of kind k
// charge costs only after a collection warning whose deadline passed.
func (c CollectionCosts) NeedsWarning(k dunning.PartyKind) bool {
	return c.WarningFirst && (!c.WarningFirstConsumersOnly || k == dunning.Consumer)
}
