package agreement

import (
	"errors"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Discount is what a settlement offer takes off the debt (E11). Set exactly
// one of its fields.
type Discount struct {
	// Percent takes this many percent off the whole debt owed now (0 < p < 100).
	Percent decimal.Decimal
	// Amount takes a fixed amount off the debt (less than the debt).
	Amount money.Money
	// WaiveInterestAndCosts lets the debtor settle by paying the principal.
	WaiveInterestAndCosts bool
}

// Escalation is what the debt grows to by Horizon if the debtor does not
// accept and the case goes on. The amounts are inputs, computed elsewhere:
// further interest (package interest), the collection-cost cap (package
// fees), the court fee (package court).
type Escalation struct {
	Horizon         date.Date   // the date the figures are for, e.g. the expected court date
	Interest        money.Money // further interest from now to Horizon
	CollectionCosts money.Money // collection costs up to the legal cap
	CourtFee        money.Money // the court fee the debtor would bear
}

// Offer is a settlement offer (akkord) on a debt (E11).
type Offer struct {
	Owed       Amounts    // what the debtor owes now, by component
	Discount   Discount   // what the offer takes off
	Expires    date.Date  // the last day the offer can be accepted; it lapses by itself the day after
	Escalation Escalation // what the debt grows to if the case escalates; optional
	// Rounding rounds a percentage discount; nil means the currency's minor
	// units, half even. A coarser policy (whole kroner, Down) rounds the
	// discount, so the amount to pay stays exact to the cent.
	Rounding *money.RoundingPolicy
}

// Settlement holds the figures a settlement-offer letter shows (E11).
type Settlement struct {
	Owed               money.Money // what is owed now
	Pay                money.Money // what the debtor pays to settle
	Saving             money.Money // Owed - Pay
	Escalated          money.Money // what the debt grows to by Horizon if the case escalates (Owed if no Escalation)
	SavingVsEscalation money.Money // Escalated - Pay
	Horizon            date.Date   // the date Escalated is for; zero if no Escalation
	Expires            date.Date   // the last day the offer can be accepted
}

// Lapsed reports whether the offer has lapsed on day: it lapses by itself
// the day after Expires.
func (s Settlement) Lapsed(day date.Date) bool { return day.After(s.Expires) }

// Settle computes the figures of offer o for the letter (E11). Invalid
// offers give every problem, joined.
//
// Implements E11.
func Settle(o Offer) (Settlement, error) {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	cur := o.Owed.Principal.Currency()
	if !o.Owed.Principal.IsValid() {
		add(&dunning.FieldError{Field: "Offer.Owed.Principal", Value: o.Owed.Principal.String(), Reason: "must be an amount in a known currency"})
	}
	check := func(field string, m money.Money) {
		if err := sameCurrency(field, m, cur); err != nil {
			add(err)
		} else if m.IsNegative() {
			add(&dunning.FieldError{Field: field, Value: m.String(), Reason: "must not be negative"})
		}
	}
	check("Offer.Owed.Principal", o.Owed.Principal)
	check("Offer.Owed.Interest", o.Owed.Interest)
	check("Offer.Owed.Costs", o.Owed.Costs)
	check("Offer.Escalation.Interest", o.Escalation.Interest)
	check("Offer.Escalation.CollectionCosts", o.Escalation.CollectionCosts)
	check("Offer.Escalation.CourtFee", o.Escalation.CourtFee)
	if o.Expires.IsZero() {
		add(&dunning.FieldError{Field: "Offer.Expires", Value: "", Reason: "is required: an offer lapses by itself"})
	}
	if o.Rounding != nil && !o.Rounding.Mode.IsValid() {
		add(&dunning.FieldError{Field: "Offer.Rounding", Value: o.Rounding.Mode.String(), Reason: "is not a rounding mode", Err: money.ErrInvalidArgument})
	}
	if err := errors.Join(errs...); err != nil {
		return Settlement{}, err
	}
	owed := o.Owed.Total()
	if !owed.IsPositive() {
		return Settlement{}, &dunning.FieldError{Field: "Offer.Owed", Value: owed.String(), Reason: "must be positive"}
	}
	kinds := 0
	disc := o.Discount
	if !disc.Percent.IsZero() {
		kinds++
	}
	if disc.Amount.IsValid() {
		kinds++
	}
	if disc.WaiveInterestAndCosts {
		kinds++
	}
	var pay money.Money
	switch {
	case kinds != 1:
		return Settlement{}, &dunning.FieldError{Field: "Offer.Discount", Value: "", Reason: "must set exactly one of Percent, Amount, WaiveInterestAndCosts"}
	case !disc.Percent.IsZero():
		if !disc.Percent.IsPositive() || disc.Percent.Cmp(decimal.NewFromInt(100)) >= 0 {
			return Settlement{}, &dunning.FieldError{Field: "Offer.Discount.Percent", Value: disc.Percent.String(), Reason: "must be more than 0 and less than 100"}
		}
		pol := money.PolicyFor(cur, money.HalfEven)
		if o.Rounding != nil {
			pol = *o.Rounding
		}
		pay = mustSub(owed, owed.Percent(disc.Percent, pol))
	case disc.Amount.IsValid():
		if err := sameCurrency("Offer.Discount.Amount", disc.Amount, cur); err != nil {
			return Settlement{}, err
		}
		if !disc.Amount.IsPositive() || cmpMoney(disc.Amount, owed) >= 0 {
			return Settlement{}, &dunning.FieldError{Field: "Offer.Discount.Amount", Value: disc.Amount.String(), Reason: "must be positive and less than the debt " + owed.String()}
		}
		pay = mustSub(owed, disc.Amount)
	default:
		pay = o.Owed.Principal
	}
	if !pay.IsPositive() {
		return Settlement{}, &dunning.FieldError{Field: "Offer.Discount", Value: pay.String(), Reason: "leaves nothing to pay; that is a write-off, not a settlement"}
	}
	esc, _ := money.Sum(owed, o.Escalation.Interest, o.Escalation.CollectionCosts, o.Escalation.CourtFee)
	return Settlement{Owed: owed, Pay: pay, Saving: mustSub(owed, pay), Escalated: esc,
		SavingVsEscalation: mustSub(esc, pay), Horizon: o.Escalation.Horizon, Expires: o.Expires}, nil
}

func mustSub(a, b money.Money) money.Money {
	s, _ := a.Sub(b) // one currency by construction
	return s
}

func cmpMoney(a, b money.Money) int {
	c, _ := a.Compare(b) // one currency, checked by the caller
	return c
}
