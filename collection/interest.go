package collection

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// The event types of the interest the batch run charges (S7, S8, E16). Data
// keys are given after each.
const (
	// EventInterestNoRate says a step went out without new interest on a claim
	// because no rate could be found for the period: the statutory table ends
	// before the step's date (an *interest.NoRateError), or there is no statutory
	// rate for the jurisdiction and debtor kind. Nothing is guessed.
	EventInterestNoRate EventType = "interest.no-rate" // invoice, from, to, reason
)

// InterestMode is which late-payment interest the batch run charges on a case.
// The zero value is InterestStatutory, the law's default.
type InterestMode uint8

// The interest modes (S7).
const (
	// InterestStatutory charges the statutory late-payment rate of the case's
	// jurisdiction and debtor kind (its law pack: law.Pack.Accrual), counted as practice
	// there counts it. It is the zero value: the law lets interest run from the
	// due date without an agreement (DK renteloven § 3 stk. 1, SE räntelagen 6 §,
	// NO forsinkelsesrenteloven § 2).
	InterestStatutory InterestMode = iota
	// InterestContract charges the rate agreed in the contract,
	// InterestTerms.Percent a year.
	InterestContract
	// InterestNone charges no interest: the creditor waives it.
	InterestNone
)

var interestModeNames = [...]string{"statutory", "contract", "none"}

// String returns "statutory", "contract", "none", or "InterestMode(n)".
func (m InterestMode) String() string {
	if int(m) < len(interestModeNames) {
		return interestModeNames[m]
	}
	return fmt.Sprintf("InterestMode(%d)", uint8(m))
}

// IsValid reports whether m is one of the defined modes.
func (m InterestMode) IsValid() bool { return int(m) < len(interestModeNames) }

// MarshalText implements encoding.TextMarshaler; an undefined mode is an error.
func (m InterestMode) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, fmt.Errorf("collection: cannot marshal undefined %s", m)
	}
	return []byte(interestModeNames[m]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *InterestMode) UnmarshalText(b []byte) error {
	i := slices.Index(interestModeNames[:], string(b))
	if i < 0 {
		return &dunning.FieldError{Field: "InterestMode", Value: string(b), Reason: "is not statutory, contract or none"}
	}
	*m = InterestMode(i)
	return nil
}

// InterestTerms say which late-payment interest the batch run charges on the
// claims of a case (S7, S8). The zero InterestTerms is statutory interest from
// each claim's due date: the default for every case, which a creditor turns
// off with InterestNone or replaces with a contract rate.
//
// Statutory interest from the due date is the rule where the due date was
// fixed in advance (DK renteloven § 3 stk. 1, UNVERIFIED in detail in the
// research; SE räntelagen 6 §). Where default needs a reminder first (DE § 286
// BGB for a consumer without a calendar due date, NL consumers after the
// 14-day letter) the SDK still counts from the due date: a creditor who must
// count from default chooses InterestNone and charges interest by hand.
type InterestTerms struct {
	Mode InterestMode `json:"mode,omitzero"`
	// Percent is the annual contract rate in percent (12 means 12 % a year);
	// required for InterestContract and zero otherwise.
	Percent decimal.Decimal `json:"percent,omitzero"`
	// Waived are periods in which no interest runs: the pauses the creditor
	// waived interest for (L1, CreditorProfile.WaiveInterestWhilePaused). The
	// Service keeps them; a host leaves them empty.
	Waived []date.Period `json:"waived,omitempty"`
}

// validate reports what is wrong with t, naming field (such as "Interest").
func (t InterestTerms) validate(field string) error {
	var errs []error
	if !t.Mode.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: field + ".Mode", Value: t.Mode.String(), Reason: "is not statutory, contract or none"})
	}
	switch {
	case t.Mode == InterestContract && t.Percent.Sign() <= 0:
		errs = append(errs, &dunning.FieldError{Field: field + ".Percent", Value: t.Percent.String(), Reason: "must be positive for a contract rate"})
	case t.Mode != InterestContract && !t.Percent.IsZero():
		errs = append(errs, &dunning.FieldError{Field: field + ".Percent", Value: t.Percent.String(), Reason: "is set, but the mode is " + t.Mode.String() + ", not contract"})
	}
	for i, w := range t.Waived {
		if w.From.IsZero() || !w.From.Before(w.To) {
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("%s.Waived[%d]", field, i), Value: w.String(), Reason: "is not a period: From must be set and before To"})
		}
	}
	return joinErrs(errs)
}

// rateCache holds the Source texts of charges, so that a million charges citing
// the same rule share one string (the statutory tables themselves are built once
// by their law pack). It is shared by WithActor copies.
type rateCache struct {
	sources sync.Map // string → string
}

// source returns the Source text of a charge: rule + " (" + status + ")", one
// string per distinct text.
func (rc *rateCache) source(rule string, status dunning.Status) string {
	type key struct {
		rule   string
		status dunning.Status
	}
	k := key{rule, status}
	if v, ok := rc.sources.Load(k); ok {
		return v.(string)
	}
	v, _ := rc.sources.LoadOrStore(k, rule+" ("+status.String()+")")
	return v.(string)
}

// interestRates returns the rate source and convention for claim cl of c, and
// the periods before the interest starts to run, or the error that says why
// there is none. The statutory rates are the case's law pack's
// (law.Pack.Accrual): a rate fixed on the first day of interest where the law
// fixes it (GB), and no interest before a formal notice where the law starts
// it there (FR consumers: none before the day after the first collection
// warning or demand letter; until day when none was sent). A contract rate is
// counted as the jurisdiction's practice counts; where the pack has no
// statutory convention, actual days over 365, rounded to the currency's minor
// unit.
func (s *Service) interestRates(c *Case, cl *Claim, day date.Date) (interest.RateSource, interest.Convention, []date.Period, error) {
	acc, err := s.lawOf(c.Jurisdiction).Accrual(c.Debtor.Kind, interest.ClaimDates{DueDate: cl.Due})
	if c.InterestTerms().Mode == InterestContract {
		conv := acc.Convention
		if err != nil {
			conv = interest.Convention{DayCount: interest.Actual365Fixed, Rounding: money.PolicyFor(c.Currency, money.HalfAwayFromZero)}
		}
		return interest.Fixed(c.Interest.Percent), conv, nil, nil
	}
	if err != nil {
		return nil, interest.Convention{}, nil, err
	}
	var before []date.Period
	if acc.FromNotice {
		start := day
		for _, t := range c.Progress.Taken {
			if t.Index >= 0 && (t.Kind == flow.CollectionWarning || t.Kind == flow.DemandLetter) && t.On.Before(day) {
				start = t.On.AddDays(1)
				break
			}
		}
		if start.After(cl.Due) {
			before = []date.Period{{From: cl.Due, To: start}}
		}
	}
	rates, err := acc.Source(cl.Due.AddDays(1)) // the first day interest runs (GB: the day after the relevant day)
	return rates, acc.Convention, before, err
}

// claimInterest is the interest calculation of one claim up to a step.
type claimInterest struct {
	claim    int
	res      interest.Result
	charged  money.Money // what the claim's earlier period charges add up to
	chargeTo date.Date   // the end of its last period charge; zero if none
}

// chargeInterest charges, at a step taken on day with action number action,
// the interest accrued on the outstanding principal of each claim of c since
// what was charged before (Implements S7, S8 in the batch run; E17 "charges the
// fees and interest the law allows"):
//
//   - the interest of a claim is accrued once, from its due date to day
//     (half-open: day is the first day of the next period), on its principal
//     as the Ledger pays it off (each allocation to its principal is a balance
//     change on the payment's date; a credit note lowers the principal from the
//     start), with the rates of InterestTerms;
//   - the charge is that total less what the claim's earlier interest charges
//     (those with a Period, waived or not, and for a re-opened invoice those of
//     the cases before: ClaimHistory.InterestCharged) add up to, and covers the
//     days from the end of the last one to day, so no day is charged twice however often
//     the run is repeated or caught up, and rounding never drifts: the charges
//     of a claim add up to its rounded total;
//   - the days an interest invoice charged for the claim (its charges with a
//     Period and no Action) are left out of the accrual, so they are never
//     charged twice and the invoice's grace and minimum stand;
//   - no interest runs while a payment plan runs (from its start to its
//     termination), which charges its own (E12); only the case's current plan
//     is known;
//   - a claim whose rate is missing for a day of the period (an
//     *interest.NoRateError: the statutory table ends before day) gets no new
//     interest and an "interest.no-rate" event naming the reason; the step goes
//     out all the same.
//
// It returns the calculations, for the letter (interestSegments).
func (s *Service) chargeInterest(c *Case, l Ledger, day date.Date, action int, ch *change) ([]claimInterest, error) {
	if c.InterestTerms().Mode == InterestNone {
		return nil, nil
	}
	var out []claimInterest
	var changes []interest.Change
	var invoiced []date.Period
	for i := range c.Claims {
		cl := &c.Claims[i]
		acc := l.Claims[i]
		if !counts(cl.Status) || acc.Principal.Sign() <= 0 || !cl.Due.Before(day) {
			continue
		}
		ci := claimInterest{claim: i, charged: money.Zero(c.Currency), chargeTo: interestChargedTo(c, cl)}
		if e := cl.Earlier; e != nil && e.InterestCharged.Currency() == c.Currency {
			// What the cases before this one charged on the invoice counts as
			// charged (S7, P6): the accrual still runs from the due date, so the
			// charges of all the cases add up to the one rounded calculation
			// (a piecewise one would count a boundary day twice under an
			// inclusive convention such as FI's 30E/360).
			ci.charged = e.InterestCharged
		}
		invoiced = invoiced[:0]
		for _, chg := range c.Charges {
			if chg.Kind != ChargeInterest || chg.InvoiceID != cl.InvoiceID || chg.Period.IsEmpty() {
				continue
			}
			if chg.Action == 0 {
				// An interest invoice's days (S8): left out of the accrual, not
				// subtracted from it, so its grace, minimum and limits stand.
				invoiced = append(invoiced, chg.Period)
			} else {
				ci.charged, _ = ci.charged.Add(chg.Amount)
			}
		}
		if !day.After(ci.chargeTo) {
			continue // charged up to day already
		}
		from := cl.Due
		if ci.chargeTo.After(from) {
			from = ci.chargeTo
		}
		rates, conv, before, err := s.interestRates(c, cl, day)
		// The charge covers the days from from to end, half-open: under a
		// convention that counts the end date (FI), the step's day is one of
		// them, so the period runs to the day after.
		end := day
		if err == nil && conv.EndInclusive {
			end = day.AddDays(1)
		}
		if err == nil {
			changes = changes[:0]
			for _, a := range l.Allocations {
				if a.Component == agreement.Principal && a.InvoiceID == cl.InvoiceID {
					changes = append(changes, interest.Change{On: a.On, Amount: a.Amount, Kind: interest.Payment})
				}
			}
			slices.SortStableFunc(changes, func(a, b interest.Change) int { return a.On.Compare(b.On) })
			ci.res, err = interest.AccrueTimeline(interest.Timeline{Opening: acc.Principal, Changes: changes, Excluded: append(append(excludedPeriods(c, day), before...), invoiced...)}, cl.Due, day, rates, conv)
		}
		if err != nil {
			var nr *interest.NoRateError
			if !errors.As(err, &nr) && !errors.Is(err, interest.ErrUnsupported) {
				return nil, fmt.Errorf("collection: case %q: interest on invoice %s: %w", string(c.ID), cl.InvoiceID, err)
			}
			ch.add(EventInterestNoRate, "invoice", cl.InvoiceID, "from", from.String(), "to", day.String(), "reason", err.Error())
			continue
		}
		out = append(out, ci)
		amount, err := ci.res.Total.Sub(ci.charged)
		if err != nil {
			return nil, fmt.Errorf("collection: case %q: interest on invoice %s: %w", string(c.ID), cl.InvoiceID, err)
		}
		if amount.Sign() <= 0 {
			continue // nothing new (a payment dated back lowered the total)
		}
		chg := Charge{Kind: ChargeInterest, Amount: amount, On: day, InvoiceID: cl.InvoiceID, Action: action,
			Source: s.interestSource(c.InterestTerms(), ci.res), Period: date.Period{From: from, To: end}}
		c.Charges = append(c.Charges, chg)
		ch.add(EventCharged, "kind", chg.Kind.String(), "amount", amount.String(), "invoice", cl.InvoiceID, "action", strconv.Itoa(action),
			"source", chg.Source, "from", from.String(), "to", end.String())
	}
	return out, nil
}

// planPeriod is the period of the case's payment plan, up to day: the plan
// charges its own interest (E12), so the statutory or contract interest does
// not run then. Nil without a plan.
func planPeriod(c *Case, day date.Date) []date.Period {
	if c.Plan.IsZero() || !c.Plan.Terms.Start.Before(day) {
		return nil
	}
	to := day
	if t := c.Plan.Terminated; !t.IsZero() && t.Before(day) {
		to = t
	}
	if !c.Plan.Terms.Start.Before(to) {
		return nil
	}
	return []date.Period{{From: c.Plan.Terms.Start, To: to}}
}

// interestSource is the Source of an interest charge: the contract rate, or
// the statutory rate row in force at the end of the period with its source and
// research status.
func (s *Service) interestSource(t InterestTerms, r interest.Result) string {
	if t.Mode == InterestContract {
		return s.rates.source("contract rate "+t.Percent.String()+" % a year", dunning.Verified)
	}
	if n := len(r.Segments); n > 0 {
		last := r.Segments[n-1] // the rate in force on the step's eve
		return s.rates.source("statutory interest: "+last.Source, last.Status)
	}
	return "statutory interest"
}

// interestSegments maps the calculations of chargeInterest into the letter's
// interest segments (the calculation from each claim's due date to the step),
// naming the invoice when more than one claim has interest.
func interestSegments(c *Case, cis []claimInterest) []letters.Segment {
	n := 0
	for _, ci := range cis {
		n += len(ci.res.Segments)
	}
	if n == 0 {
		return nil
	}
	pol := money.PolicyFor(c.Currency, money.HalfAwayFromZero)
	segs := make([]letters.Segment, 0, n)
	for _, ci := range cis {
		inv := ""
		if len(cis) > 1 {
			inv = claimNumber(c.Claims[ci.claim])
		}
		for _, sg := range ci.res.Segments {
			bal, err1 := money.FromDecimal(sg.Balance, c.Currency, pol)
			amt, err2 := money.FromDecimal(sg.Amount, c.Currency, pol)
			if err1 != nil || err2 != nil {
				continue
			}
			segs = append(segs, letters.Segment{Invoice: inv, From: sg.From, To: sg.To, Days: sg.Days, Rate: sg.Rate, Balance: bal, Amount: amt})
		}
	}
	return segs
}

// interestChargedTo is the day up to which interest on claim cl of c was
// charged (exclusive): the end of the case's last period charge of it (the
// batch run's or an interest invoice's), or of the earlier cases'
// (ClaimHistory.InterestThrough) when that is later. Zero for none. The batch
// run, the interest invoice and the history a re-opened case carries all ask
// it.
func interestChargedTo(c *Case, cl *Claim) date.Date {
	var to date.Date
	if cl.Earlier != nil {
		to = cl.Earlier.InterestThrough
	}
	for _, chg := range c.Charges {
		if chg.Kind == ChargeInterest && chg.InvoiceID == cl.InvoiceID && !chg.Period.IsEmpty() && chg.Period.To.After(to) {
			to = chg.Period.To
		}
	}
	return to
}
