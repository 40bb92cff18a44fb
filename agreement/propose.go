package agreement

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/money"
)

// Proposal sets how Propose chooses the default plan (E12). The zero value
// proposes the longest plan within 12 months with no minimum instalment.
type Proposal struct {
	// Months is the horizon: the last instalment falls due at most this many
	// months after Terms.Start. Zero means 12 ("pays the debt within one
	// year", E12).
	Months int

	// MinInstalment is the smallest regular instalment the creditor accepts.
	// Propose shortens the plan until the instalment reaches it; a debt
	// smaller than it is one instalment. Zero means no minimum.
	MinInstalment money.Money
}

// Propose returns the default plan of E12: t with the number of instalments
// chosen as the largest count whose last instalment falls due within
// p.Months months of t.Start and whose regular instalment is at least
// p.MinInstalment. t.Count and t.Instalment must be unset; everything else
// (rate, first instalment date, down payment, rounding) is taken from t.
//
// Implements E12.
func Propose(t Terms, p Proposal) (Plan, error) {
	if t.Count != 0 || t.Instalment.IsValid() {
		return Plan{}, &dunning.FieldError{Field: "Terms.Count", Value: strconv.Itoa(t.Count),
			Reason: "must be unset for Propose, which chooses the number of instalments"}
	}
	months := p.Months
	if months == 0 {
		months = 12
	}
	if months < 0 || months > MaxPeriods/12 {
		return Plan{}, &dunning.FieldError{Field: "Proposal.Months", Value: strconv.Itoa(p.Months),
			Reason: "must be between 1 and " + strconv.Itoa(MaxPeriods/12)}
	}
	if err := sameCurrency("Proposal.MinInstalment", p.MinInstalment, t.currency()); err != nil && t.Principal.IsValid() {
		return Plan{}, err
	}
	t.Count = 1
	if err := t.Validate(); err != nil {
		return Plan{}, err
	}
	horizon := t.Start.AddMonths(months)
	n := 0
	for n < MaxPeriods && !t.dueAt(n).After(horizon) {
		n++
	}
	n = max(n, 1)
	// The instalment falls as the count grows, so search for the largest
	// count whose instalment still reaches the minimum.
	lo, hi := 1, n
	var best Plan
	for lo <= hi {
		mid := (lo + hi) / 2
		t.Count = mid
		plan, err := NewPlan(t)
		if err != nil {
			return Plan{}, err
		}
		if mid == 1 || !p.MinInstalment.IsPositive() || plan.sum.Instalment.Amount().Cmp(p.MinInstalment.Amount()) >= 0 {
			best = plan
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	return best, nil
}
