package agreement

import (
	"errors"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Frequency is how often instalments fall due: every n calendar months or
// every n days. The zero value is Monthly.
type Frequency int

// Common frequencies. Others come from EveryMonths and EveryDays.
const (
	Monthly    Frequency = 0   // every calendar month (the zero value)
	Quarterly  Frequency = -3  // every three calendar months
	HalfYearly Frequency = -6  // every six calendar months
	Weekly     Frequency = 7   // every 7 days
	Biweekly   Frequency = 14  // every two weeks (14 days)
	maxMonths            = 12  // the longest month step
	maxDays              = 366 // the longest day step
)

// EveryMonths returns the frequency of one instalment every n calendar months.
func EveryMonths(n int) Frequency {
	if n == 1 {
		return Monthly
	}
	return Frequency(-n)
}

// EveryDays returns the frequency of one instalment every n days.
func EveryDays(n int) Frequency { return Frequency(n) }

// Months returns the step in calendar months, or 0 for a step in days.
func (f Frequency) Months() int {
	switch {
	case f == 0:
		return 1
	case f < 0:
		return int(-f)
	}
	return 0
}

// Days returns the step in days, or 0 for a step in months.
func (f Frequency) Days() int {
	if f > 0 {
		return int(f)
	}
	return 0
}

// IsValid reports whether f is a step of 1 to 12 months or 1 to 366 days.
func (f Frequency) IsValid() bool { return f >= -maxMonths && f <= maxDays }

// String returns "monthly", "quarterly", "every 2 months", "weekly",
// "every 14 days" and so on.
func (f Frequency) String() string {
	switch f {
	case Monthly, -1:
		return "monthly"
	case Quarterly:
		return "quarterly"
	case HalfYearly:
		return "half-yearly"
	case Weekly:
		return "weekly"
	}
	if m := f.Months(); m > 0 {
		return "every " + strconv.Itoa(m) + " months"
	}
	return "every " + strconv.Itoa(f.Days()) + " days"
}

// due returns the due date of instalment k (0-based) counted from the
// anchor first: first.AddMonths(k*m) or first.AddDays(k*d), never chained.
func (f Frequency) due(first date.Date, k int) date.Date {
	if m := f.Months(); m > 0 {
		return first.AddMonths(k * m)
	}
	return first.AddDays(k * f.Days())
}

// Terms are what a payment plan is agreed on (E12). Set either Instalment
// (the creditor picks the instalment, the plan finds how many) or Count (the
// plan finds the instalment), not both.
type Terms struct {
	// Principal is the whole debt the plan settles, down payment included.
	// It must be positive; its currency is the plan's currency.
	Principal money.Money

	// Rate is the annual nominal interest rate in percent (12.3 means
	// 12.3 % a year). Zero makes the plan interest-free.
	Rate decimal.Decimal

	// DayCount turns a period into a fraction of a year. Required when Rate
	// is not zero. With Thirty360E a regular monthly period is exactly
	// months/12 of a year and a period counted in days is actual days/360,
	// as Apache Fineract does (docs/research/vectors-public.md §0.4); other periods use
	// DayCount.YearFraction.
	DayCount interest.DayCount

	// SplitAtDec31 makes ActualActualISDA split a period that crosses the
	// year end at 31 December instead of 1 January, as Apache Fineract does:
	// 2023-12-12 to 2024-01-12 is 19/365 + 12/366 rather than 20/365 + 11/366
	// (docs/research/vectors-public.md §0.4). Only for reproducing Fineract schedules.
	SplitAtDec31 bool

	// Start is the date interest runs from (the agreement date). Required.
	Start date.Date

	// First is the due date of the first instalment. It must not be before
	// Start. The zero value means one Frequency step after Start.
	First date.Date

	// Frequency is how often instalments fall due; the zero value is
	// monthly. Due dates are computed from First, never chained, so a plan
	// anchored on 31 January falls due on 28/29 February, 31 March, 30 April.
	Frequency Frequency

	// Instalment is the amount of each instalment, chosen by the creditor;
	// the last instalment is smaller and absorbs the remainder. It must
	// exceed the first period's interest (see TooSmallError).
	Instalment money.Money

	// Count is the number of instalments (down payment not counted), 1 to
	// MaxPeriods; the instalment is computed as an annuity.
	Count int

	// DownPayment, if positive, is paid on DownPaymentDate and reduces the
	// debt before interest runs: interest runs from Start on Principal
	// minus DownPayment. It must be less than Principal.
	DownPayment money.Money

	// DownPaymentDate is when the down payment falls due, between Start
	// and First; the zero value means Start.
	DownPaymentDate date.Date

	// Rounding rounds each period's interest and the computed instalment,
	// its Scale capped to the currency's minor units. Nil means
	// money.PolicyFor(currency, money.HalfEven), Fineract's rule
	// (docs/research/vectors-public.md §0.3).
	Rounding *money.RoundingPolicy

	// Multiple, if positive, rounds a computed instalment up to a multiple
	// of it (whole 10 DKK: 10.00 DKK), so that the plan never gets longer;
	// the last instalment absorbs the remainder, and the plan may then need
	// fewer than Count instalments. It does not change a chosen Instalment.
	Multiple money.Money

	// AdjustEMI applies Fineract's EMI adjustment to a computed instalment:
	// also try the instalment one minor unit higher (if the last instalment
	// came out larger) or lower (if smaller), and keep it only if the last
	// instalment then differs strictly less from the others
	// (docs/research/vectors-public.md §0.3). Not applied with Multiple.
	AdjustEMI bool
}

func (t *Terms) currency() money.Currency { return t.Principal.Currency() }

// policy returns the rounding policy with Scale capped to the minor units.
func (t *Terms) policy() money.RoundingPolicy {
	c := t.currency()
	p := money.PolicyFor(c, money.HalfEven)
	if t.Rounding != nil {
		mu := p.Scale
		p = *t.Rounding
		p.Scale = min(p.Scale, mu)
	}
	return p
}

func (t *Terms) first() date.Date { return t.dueAt(0) }

// dueAt returns the due date of instalment k (0-based), from the anchor:
// First, or Start one step earlier when First is not set.
func (t *Terms) dueAt(k int) date.Date {
	if !t.First.IsZero() {
		return t.Frequency.due(t.First, k)
	}
	return t.Frequency.due(t.Start, k+1)
}

func (t *Terms) downDate() date.Date {
	if !t.DownPaymentDate.IsZero() {
		return t.DownPaymentDate
	}
	return t.Start
}

func fieldErr(field, value, reason string, err error) error {
	return &dunning.FieldError{Field: "Terms." + field, Value: value, Reason: reason, Err: err}
}

// sameCurrency checks that m is in currency c (or the zero Money{}, which is
// "not set" and is accepted).
func sameCurrency(field string, m money.Money, c money.Currency) error {
	if m.IsValid() && m.Currency() != c {
		return &dunning.FieldError{Field: field, Value: m.String(),
			Reason: "is not in the plan's currency " + string(c), Err: money.ErrCurrencyMismatch}
	}
	return nil
}

// Validate returns every problem with t, each a *dunning.FieldError naming
// the field and the value, joined with errors.Join; nil if t can make a plan.
func (t Terms) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	c := t.currency()
	switch {
	case !t.Principal.IsValid():
		add(fieldErr("Principal", t.Principal.String(), "must be an amount in a known currency", nil))
	case !t.Principal.IsPositive():
		add(fieldErr("Principal", t.Principal.String(), "must be positive", nil))
	}
	if t.Rate.IsNegative() {
		add(fieldErr("Rate", t.Rate.String(), "must not be negative", nil))
	}
	if !t.Rate.IsZero() && !t.DayCount.IsValid() {
		add(fieldErr("DayCount", t.DayCount.String(), "must be set for a plan with interest", interest.ErrDayCount))
	}
	if t.Start.IsZero() {
		add(fieldErr("Start", "", "is required: the date interest runs from", nil))
	}
	if !t.Frequency.IsValid() {
		add(fieldErr("Frequency", strconv.Itoa(int(t.Frequency)), "must be a step of 1 to 12 months or 1 to 366 days", nil))
	}
	if !t.Start.IsZero() && t.Frequency.IsValid() && t.first().Before(t.Start) {
		add(fieldErr("First", t.First.String(), "is before the start date "+t.Start.String(), nil))
	}
	hasInst := t.Instalment.IsValid() || !t.Instalment.IsZero()
	switch {
	case hasInst && t.Count != 0:
		add(fieldErr("Count", strconv.Itoa(t.Count), "must be 0 when Instalment is set: give one or the other", nil))
	case hasInst:
		add(sameCurrency("Terms.Instalment", t.Instalment, c))
		if !t.Instalment.IsPositive() {
			add(fieldErr("Instalment", t.Instalment.String(), "must be positive", nil))
		}
	case t.Count < 1 || t.Count > MaxPeriods:
		add(fieldErr("Count", strconv.Itoa(t.Count), "must be between 1 and "+strconv.Itoa(MaxPeriods)+" (or set Instalment)", nil))
	}
	if t.DownPayment.IsValid() || !t.DownPayment.IsZero() {
		add(sameCurrency("Terms.DownPayment", t.DownPayment, c))
		if t.DownPayment.IsNegative() {
			add(fieldErr("DownPayment", t.DownPayment.String(), "must not be negative", nil))
		} else if cmp, err := t.DownPayment.Compare(t.Principal); err == nil && cmp >= 0 && t.Principal.IsPositive() {
			add(fieldErr("DownPayment", t.DownPayment.String(), "must be less than the principal "+t.Principal.String(), nil))
		}
	}
	if !t.DownPaymentDate.IsZero() && !t.Start.IsZero() && t.Frequency.IsValid() &&
		(t.DownPaymentDate.Before(t.Start) || t.DownPaymentDate.After(t.first())) {
		add(fieldErr("DownPaymentDate", t.DownPaymentDate.String(), "must be between the start date and the first instalment", nil))
	}
	if t.Multiple.IsValid() || !t.Multiple.IsZero() {
		add(sameCurrency("Terms.Multiple", t.Multiple, c))
		if !t.Multiple.IsPositive() {
			add(fieldErr("Multiple", t.Multiple.String(), "must be positive", nil))
		}
	}
	if t.Rounding != nil && !t.Rounding.Mode.IsValid() {
		add(fieldErr("Rounding", t.Rounding.Mode.String(), "is not a rounding mode", money.ErrInvalidArgument))
	}
	return errors.Join(errs...)
}
