package interest

import (
	"fmt"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Compounding says whether accrued interest is itself interest-bearing.
type Compounding uint8

const (
	// Simple interest (the zero value): interest never bears interest. The
	// rule everywhere except the Netherlands (DK renteloven, SE räntelagen,
	// NO Rt. 1994 s. 25, DE § 289 BGB, FI, Directive 2011/7/EU).
	Simple Compounding = iota
	// Yearly compounding on the anniversary of the accrual start (NL art.
	// 6:119 lid 2 BW): at the end of each full year from the start date the
	// interest accrued in that year is added to the interest-bearing
	// balance. A rate change splits a year into segments but does not
	// compound. The added interest is not rounded; only the total is.
	Yearly
)

// String returns "simple" or "yearly"; other values print as "Compounding(n)".
func (c Compounding) String() string {
	switch c {
	case Simple:
		return "simple"
	case Yearly:
		return "yearly"
	}
	return fmt.Sprintf("Compounding(%d)", uint8(c))
}

// IsValid reports whether c is Simple or Yearly.
func (c Compounding) IsValid() bool { return c <= Yearly }

// Convention is how interest is counted: the day count, whether the end date
// is an interest day, compounding, and the rounding of the result. Its zero
// value is invalid (the DayCount must be chosen); [Statutory] returns the
// convention each jurisdiction uses in practice.
type Convention struct {
	// DayCount counts the days of each segment and gives its year basis.
	DayCount DayCount
	// EndInclusive counts the end date as an interest day too. Accrual over
	// (from, to) then covers the days from through to, both included, which
	// for the actual conventions is the half-open [from, to+1) and one day
	// more than the default. The default (false) is half-open [from, to):
	// from is an interest day and to is not, so interest from the due date
	// to the payment date counts paid−due days, and consecutive periods
	// share no day. With Thirty360E the last segment counts
	// Days(start, to)+1, so 1 January to 30 July inclusive is 210 days.
	EndInclusive bool
	// Compounding is Simple or Yearly.
	Compounding Compounding
	// Rounding rounds the total once (never a segment; segment amounts are
	// kept unrounded). Like money.RoundingPolicy its zero value rounds to
	// whole units; use money.PolicyFor(currency, mode) to round to cents.
	Rounding money.RoundingPolicy
}

// Validate reports every problem with c as a *dunning.FieldError, joined.
func (c Convention) Validate() error {
	var errs []error
	if !c.DayCount.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "Convention.DayCount", Value: c.DayCount.String(), Reason: "is not a day count", Err: ErrDayCount})
	}
	if !c.Compounding.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "Convention.Compounding", Value: c.Compounding.String(), Reason: "is not a compounding rule"})
	}
	if !c.Rounding.Mode.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "Convention.Rounding.Mode", Value: c.Rounding.Mode.String(), Reason: "is not a rounding mode"})
	}
	if len(errs) == 0 {
		return nil
	}
	return joinErrors(errs)
}

// ChangeKind says which way a [Change] moves the balance.
type ChangeKind uint8

const (
	// Payment reduces the interest-bearing balance (a partial payment
	// applied to principal). The zero ChangeKind is invalid.
	Payment ChangeKind = iota + 1
	// Addition increases it (principal added to the claim).
	Addition
)

// String returns "payment" or "addition"; other values print as "ChangeKind(n)".
func (k ChangeKind) String() string {
	switch k {
	case Payment:
		return "payment"
	case Addition:
		return "addition"
	}
	return fmt.Sprintf("ChangeKind(%d)", uint8(k))
}

// Change is a dated change of the interest-bearing balance. Amounts are
// positive; Kind gives the direction.
type Change struct {
	// On is the date the change takes effect (the payment's value date):
	// interest accrues on the new balance from On, On included.
	On     date.Date
	Amount money.Money // positive
	Kind   ChangeKind
}

// Timeline is an interest-bearing balance over time: an opening balance,
// dated changes, and periods in which no interest accrues.
//
// Only the interest-bearing principal belongs here: which part of a payment
// reduces principal (rather than costs or interest, as NL art. 6:44 BW
// allocates it) is the caller's decision (see package agreement).
type Timeline struct {
	// Opening is the balance at the start of the accrual. Changes dated on
	// or before the start are applied to it.
	Opening money.Money
	// Changes are the balance changes, sorted by On (equal dates keep their
	// order). The balance may never go below zero.
	Changes []Change
	// Excluded are periods (half-open, both ends set) in which interest is
	// waived, such as a pause of the case (L1). They may overlap. Excluded
	// days produce no segment and no interest, and need no rate.
	Excluded []date.Period
}

// Segment is one line of an interest calculation: a run of days with one
// rate, one balance and one year basis.
type Segment struct {
	// From and To are the half-open range [From, To) of calendar days the
	// segment covers. With Convention.EndInclusive the last segment's To is
	// the day after the end date. Print To.AddDays(-1) as the inclusive end.
	From, To date.Date
	// Days is the number of interest days under the day count (30E/360 days
	// for Thirty360E, calendar days otherwise).
	Days int
	// YearBasis is the denominator of the year fraction: 360, 365 or 366.
	YearBasis int
	// Rate is the annual rate in percent.
	Rate decimal.Decimal
	// Status and Source are those of the rate (see [Rate]); check dunning.Status
	// before presenting a figure as established fact.
	Status dunning.Status
	Source string
	// Balance is the interest-bearing balance, unrounded when it includes
	// compounded interest.
	Balance decimal.Decimal
	// Amount is Balance × Rate/100 × Days/YearBasis, unrounded (exact, or
	// rounded half-up at 28 decimal places where the quotient does not
	// terminate).
	Amount decimal.Decimal
}

// Result is an interest calculation: the total and every segment, so a letter
// can print how it was computed.
type Result struct {
	// Total is Amount rounded once with Convention.Rounding.
	Total money.Money
	// Amount is the unrounded sum of the segment amounts.
	Amount decimal.Decimal
	// Days is the sum of the segments' Days.
	Days int
	// Segments lists the calculation in date order. Excluded periods and
	// days that count zero under the day count have no segment.
	Segments []Segment
}

// Accrue returns the interest on principal from `from` to `to` at the rates
// of rates, counted by conv. It is AccrueTimeline with an opening balance and
// no changes; see there.
func Accrue(principal money.Money, from, to date.Date, rates RateSource, conv Convention) (Result, error) {
	return AccrueTimeline(Timeline{Opening: principal}, from, to, rates, conv)
}

// AccrueTimeline returns the interest on the balance of tl from `from` to
// `to` (half-open [from, to) by default; [from, to] with
// conv.EndInclusive).
//
// The period is split into segments at every rate change the source reports
// (rate.Until), every balance change, both ends of every excluded period,
// every 1 January for ActualActualISDA (so each segment has one year basis),
// and every anniversary of from under Yearly compounding. Each segment's
// amount is Balance × Rate/100 × Days/YearBasis, kept unrounded; the total is
// rounded once with conv.Rounding.
//
// Bad input is reported, and nothing computed, as *dunning.FieldError values
// (joined) naming the field and value: an invalid conv; a zero from or to,
// or to before from (Err ErrPeriod); a nil rates; an opening balance or
// change that is not valid money, is in another currency than the opening
// balance (Err money.ErrCurrencyMismatch), or is negative, or a payment that
// would take the balance below zero (Err ErrNegativeBalance); changes out of
// order; an excluded period without both ends or reversed. A day that needs
// a rate the source does not have returns the source's error (a
// *NoRateError for a RateTable), naming the day.
//
// The docs/design.md target for 10 years with 20 rate changes and 5 payments is
// 10 µs (see BenchmarkAccrueTimeline).
func AccrueTimeline(tl Timeline, from, to date.Date, rates RateSource, conv Convention) (Result, error) {
	if err := validate(tl, from, to, rates, conv); err != nil {
		return Result{}, err
	}
	dc := conv.DayCount
	end := to
	if conv.EndInclusive {
		end = to.AddDays(1)
	}
	cur := tl.Opening.Currency()
	bal := tl.Opening.Amount()
	ci := 0
	apply := func(upTo date.Date) {
		for ci < len(tl.Changes) && !tl.Changes[ci].On.After(upTo) {
			if tl.Changes[ci].Kind == Payment {
				bal = bal.Sub(tl.Changes[ci].Amount.Amount())
			} else {
				bal = bal.Add(tl.Changes[ci].Amount.Amount())
			}
			ci++
		}
	}
	apply(from)

	var (
		segs     []Segment
		total    decimal.Decimal // the sum, once it is no longer exact in sum
		sum      u128            // the sum in units of 10^-28
		sc       scratch         // for turning a u128 into a decimal
		exact    = true
		year     decimal.Decimal // interest accrued since the last anniversary
		days     int
		k        = 1
		anniv    date.Date
		yearly   = conv.Compounding == Yearly
		isda     = dc == ActualActualISDA
		excluded = tl.Excluded
	)
	if yearly {
		anniv = from.AddYears(1)
	}
	for c := from; c.Before(end); {
		next := end
		if ci < len(tl.Changes) && tl.Changes[ci].On.Before(next) {
			next = tl.Changes[ci].On
		}
		skip := false
		for _, p := range excluded {
			if p.Contains(c) {
				skip = true
			}
			if p.From.After(c) && p.From.Before(next) {
				next = p.From
			}
			if p.To.After(c) && p.To.Before(next) {
				next = p.To
			}
		}
		if isda {
			if ye := date.MustNew(c.Year()+1, 1, 1); ye.Before(next) {
				next = ye
			}
		}
		if yearly && anniv.Before(next) {
			next = anniv
		}
		if !skip {
			r, err := rates.RateAt(c)
			if err != nil {
				return Result{}, err
			}
			if r.Percent.IsNegative() {
				return Result{}, &dunning.FieldError{Field: "rate on " + c.String(), Value: r.Percent.String(), Reason: "is a negative interest rate"}
			}
			if !r.Until.IsZero() {
				if !r.Until.After(c) {
					return Result{}, &dunning.FieldError{Field: "rate on " + c.String() + ".Until", Value: r.Until.String(), Reason: "is not after the day asked for (a broken RateSource)"}
				}
				if r.Until.Before(next) {
					next = r.Until
				}
			}
			var n int
			if conv.EndInclusive && next == end {
				n = dc.Days(c, to) + 1
			} else {
				n = dc.Days(c, next)
			}
			if n > 0 {
				basis := dc.yearBasis(c.Year())
				var amt decimal.Decimal
				q, fast := fastAmount(bal, r.Percent, uint64(n), uint64(100*basis))
				if fast {
					amt = q.decimal(&sc)
				} else {
					amt = segmentAmount(bal, r.Percent, n, basis)
				}
				if segs == nil {
					// One allocation in the common case: a segment per balance
					// change, per excluded edge, and up to three a year (two
					// half-year rates and the year end or anniversary).
					segs = make([]Segment, 0, 2+len(tl.Changes)+2*len(excluded)+3*(end.Year()-c.Year()))
				}
				segs = append(segs, Segment{From: c, To: next, Days: n, YearBasis: basis, Rate: r.Percent,
					Status: r.Status, Source: r.Source, Balance: bal, Amount: amt})
				// The total is summed in integers while every amount is on the
				// fast path, and in decimal from the first that is not.
				if exact && fast {
					if s, ok := sum.add(q); ok {
						sum = s
					} else {
						exact, total = false, sum.decimal(&sc).Add(amt)
					}
				} else {
					if exact {
						exact, total = false, sum.decimal(&sc)
					}
					total = total.Add(amt)
				}
				if yearly {
					year = year.Add(amt)
				}
				days += n
			}
		}
		c = next
		apply(c)
		if yearly && c == anniv {
			bal = bal.Add(year)
			year = decimal.Zero
			k++
			anniv = from.AddYears(k)
		}
	}
	if exact {
		total = sum.decimal(&sc)
	}
	t, err := money.FromDecimal(total, cur, conv.Rounding)
	if err != nil {
		return Result{}, err
	}
	return Result{Total: t, Amount: total, Days: days, Segments: segs}, nil
}

func validate(tl Timeline, from, to date.Date, rates RateSource, conv Convention) error {
	var errs []error
	if err := conv.Validate(); err != nil {
		errs = append(errs, err)
	}
	switch {
	case from.IsZero():
		errs = append(errs, &dunning.FieldError{Field: "from", Value: "", Reason: "is missing", Err: ErrPeriod})
	case to.IsZero():
		errs = append(errs, &dunning.FieldError{Field: "to", Value: "", Reason: "is missing", Err: ErrPeriod})
	case to.Before(from):
		errs = append(errs, &dunning.FieldError{Field: "to", Value: to.String(), Reason: "is before from " + from.String(), Err: ErrPeriod})
	}
	if rates == nil {
		errs = append(errs, &dunning.FieldError{Field: "rates", Value: "nil", Reason: "is missing"})
	}
	cur := tl.Opening.Currency()
	switch {
	case !tl.Opening.IsValid():
		errs = append(errs, &dunning.FieldError{Field: "Timeline.Opening", Value: tl.Opening.String(), Reason: "is not a valid amount (no currency)"})
	case tl.Opening.IsNegative():
		errs = append(errs, &dunning.FieldError{Field: "Timeline.Opening", Value: tl.Opening.String(), Reason: "is negative", Err: ErrNegativeBalance})
	}
	bal := newRunning(tl.Opening)
	for i, ch := range tl.Changes {
		f := "Timeline.Changes[" + strconv.Itoa(i) + "]"
		switch {
		case ch.On.IsZero():
			errs = append(errs, &dunning.FieldError{Field: f + ".On", Value: "", Reason: "is missing"})
		case i > 0 && ch.On.Before(tl.Changes[i-1].On):
			errs = append(errs, &dunning.FieldError{Field: f + ".On", Value: ch.On.String(),
				Reason: "is before the previous change's date " + tl.Changes[i-1].On.String() + " (changes must be sorted)"})
		}
		switch {
		case !ch.Amount.IsValid():
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: ch.Amount.String(), Reason: "is not a valid amount (no currency)"})
			continue
		case tl.Opening.IsValid() && ch.Amount.Currency() != cur:
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: ch.Amount.String(),
				Reason: "is not in the opening balance's currency " + string(cur), Err: money.ErrCurrencyMismatch})
			continue
		case ch.Amount.IsNegative():
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: ch.Amount.String(), Reason: "is negative (Kind gives the direction)", Err: ErrNegativeBalance})
			continue
		}
		switch ch.Kind {
		case Payment:
			bal.add(ch.Amount.Amount(), true)
			if bal.isNegative() && tl.Opening.IsValid() {
				errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: ch.Amount.String(),
					Reason: "takes the balance below zero, to " + bal.decimal().String(), Err: ErrNegativeBalance})
				bal = running{dec: decimal.Zero, isDec: true}
			}
		case Addition:
			bal.add(ch.Amount.Amount(), false)
		default:
			errs = append(errs, &dunning.FieldError{Field: f + ".Kind", Value: ch.Kind.String(), Reason: "is not a change kind (want payment or addition)"})
		}
	}
	for i, p := range tl.Excluded {
		if p.From.IsZero() || p.To.IsZero() || !p.To.After(p.From) {
			errs = append(errs, &dunning.FieldError{Field: "Timeline.Excluded[" + strconv.Itoa(i) + "]", Value: "[" + p.From.String() + ", " + p.To.String() + ")",
				Reason: "is not a period with both ends and To after From"})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return joinErrors(errs)
}

// running is the running balance validate checks: in int64 units of
// 10^exp while every amount has the opening balance's exponent and fits
// (as for valid Money in one currency, so validate allocates nothing for
// it), and in decimal from the first amount that does not.
type running struct {
	exp   int32
	units int64
	dec   decimal.Decimal
	isDec bool
}

func newRunning(opening money.Money) running {
	d := opening.Amount()
	if !opening.IsValid() || d.NumDigits() > 18 {
		return running{dec: d, isDec: true}
	}
	return running{exp: d.Exponent(), units: d.CoefficientInt64()}
}

// add adds d to the balance, or subtracts it if sub is set.
func (r *running) add(d decimal.Decimal, sub bool) {
	if !r.isDec && d.Exponent() == r.exp && d.NumDigits() <= 18 {
		v := d.CoefficientInt64() // |v| < 10^18
		if sub {
			v = -v
		}
		// |units| < 2^62 and |v| < 2^60: the sum cannot overflow.
		if s := r.units + v; s > -1<<62 && s < 1<<62 {
			r.units = s
			return
		}
	}
	if !r.isDec {
		r.dec, r.isDec = r.decimal(), true
	}
	if sub {
		r.dec = r.dec.Sub(d)
	} else {
		r.dec = r.dec.Add(d)
	}
}

func (r *running) isNegative() bool {
	if r.isDec {
		return r.dec.IsNegative()
	}
	return r.units < 0
}

// decimal returns the balance as a decimal: units × 10^exp, the same value
// and exponent decimal's Add and Sub give.
func (r *running) decimal() decimal.Decimal {
	if r.isDec {
		return r.dec
	}
	return decimal.New(r.units, r.exp)
}
