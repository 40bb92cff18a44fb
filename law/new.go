package law

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
)

// PackError is what New returns for a Spec it cannot build a pack from: the code
// and every problem found, each a *dunning.FieldError naming the field (such as
// "Reminders[1].Cap") and the value, joined with errors.Join. It unwraps to them,
// so errors.Is(err, dunning.ErrInvalid) holds.
type PackError struct {
	Code dunning.Jurisdiction
	Err  error
}

// Error returns "law: pack XX: " and the problems.
func (e *PackError) Error() string { return "law: pack " + string(e.Code) + ": " + e.Err.Error() }

// Unwrap returns the joined problems.
func (e *PackError) Unwrap() error { return e.Err }

// New checks s and returns the pack it describes. Every problem is reported at
// once in a *PackError: a malformed code, a missing name or currency, an amount in
// another currency or negative, rows out of date order, a rate table out of order
// or with a negative rate, a convention without a day count, a notice period of
// zero days, bands out of order, a Min above the Max, a status that is not one.
//
// A Convention whose Rounding is the zero value rounds to the currency's minor
// unit, half away from zero (as every shipped pack does). s is copied: changing it
// afterwards does not change the pack.
func New(s Spec) (*Pack, error) {
	v := &checker{cur: s.Currency}
	if !s.Code.IsValid() {
		v.add("Code", string(s.Code), "is not a jurisdiction code (two upper-case letters such as BE, or EU)")
	}
	if s.Name == "" {
		v.add("Name", "", "is required")
	}
	if _, err := money.ParseCurrency(string(s.Currency)); err != nil {
		v.add("Currency", string(s.Currency), "is not an ISO 4217 currency")
		v.cur = ""
	}
	p := &Pack{spec: s}
	p.spec = p.Spec() // own copies of every slice
	v.reminders(p)
	v.compensation(s.Compensation)
	v.interest(p)
	v.costs(s.Costs)
	v.notices(p)
	for i, r := range s.Court {
		f := "Court[" + strconv.Itoa(i) + "]"
		if r.Name == "" {
			v.add(f+".Name", "", "is required")
		}
		v.amount(f+".MaxClaim", r.MaxClaim, true)
		v.bands(f+".Fees", r.Fees)
		v.status(f+".Status", r.Status)
	}
	for i, l := range s.MaxContractInterest {
		f := "MaxContractInterest[" + strconv.Itoa(i) + "]"
		v.kind(f+".Kind", l.Kind)
		if l.Percent.Sign() <= 0 {
			v.add(f+".Percent", l.Percent.String(), "must be positive")
		}
		v.status(f+".Status", l.Status)
	}
	if len(v.errs) > 0 {
		return nil, &PackError{Code: s.Code, Err: errors.Join(v.errs...)}
	}
	return p, nil
}

// MustNew is New for packs written as literals: it panics on an error.
func MustNew(s Spec) *Pack {
	p, err := New(s)
	if err != nil {
		panic(err)
	}
	return p
}

// checker collects the problems of a Spec.
type checker struct {
	cur  money.Currency // "" when the Spec's currency is invalid
	errs []error
}

func (v *checker) add(field, value, reason string) {
	v.errs = append(v.errs, &dunning.FieldError{Field: field, Value: value, Reason: reason})
}

// amount checks an amount of the pack; optional lets the zero Money through.
func (v *checker) amount(field string, m money.Money, optional bool) {
	switch {
	case !m.IsValid():
		if !optional || m != (money.Money{}) {
			v.add(field, m.String(), "is not an amount with a currency")
		}
	case v.cur != "" && m.Currency() != v.cur:
		v.add(field, m.String(), "is not in "+string(v.cur)+", the currency of the pack")
	case m.IsNegative():
		v.add(field, m.String(), "is negative")
	}
}

func (v *checker) status(field string, s dunning.Status) {
	if !s.IsValid() {
		v.add(field, s.String(), "is not a research status")
	}
}

func (v *checker) kind(field string, k dunning.PartyKind) {
	if k != 0 && !k.IsValid() {
		v.add(field, k.String(), "is not 0 (both), Consumer or Business")
	}
}

// order checks that from is set and, per debtor kind, after the previous row's.
func (v *checker) order(field string, from date.Date, last map[dunning.PartyKind]date.Date, k dunning.PartyKind) {
	if from.IsZero() {
		v.add(field, "", "is required")
		return
	}
	if prev, ok := last[k]; ok && !from.After(prev) {
		v.add(field, from.String(), "is not after the previous row's "+prev.String()+" (rows must be in date order)")
	}
	last[k] = from
}

func (v *checker) reminders(p *Pack) {
	last := map[dunning.PartyKind]date.Date{}
	for i := range p.spec.Reminders {
		r := &p.spec.Reminders[i]
		f := "Reminders[" + strconv.Itoa(i) + "]"
		v.kind(f+".Kind", r.Kind)
		v.order(f+".From", r.From, last, r.Kind)
		v.amount(f+".Cap", r.Cap, false)
		v.amount(f+".DemandCap", r.DemandCap, true)
		v.amount(f+".Rate", r.Rate, true)
		v.count(f+".MaxFees", r.MaxFees)
		v.count(f+".MinDaysBetween", r.MinDaysBetween)
		v.count(f+".MinDaysAfterDue", r.MinDaysAfterDue)
		v.status(f+".Status", r.Status)
		r.Jurisdiction = p.spec.Code
	}
	p.reminders = p.spec.Reminders
}

func (v *checker) count(field string, n int) {
	if n < 0 {
		v.add(field, strconv.Itoa(n), "is negative")
	}
}

func (v *checker) compensation(rows []CompensationFee) {
	last := map[dunning.PartyKind]date.Date{}
	for i, r := range rows {
		f := "Compensation[" + strconv.Itoa(i) + "]"
		v.order(f+".From", r.From, last, 0)
		if len(r.Bands) == 0 {
			v.amount(f+".Amount", r.Amount, false)
		} else {
			v.bands(f+".Bands", r.Bands)
		}
		v.status(f+".Status", r.Status)
	}
}

// bands checks a table keyed on an amount: Below ascending, the last open.
func (v *checker) bands(field string, bands []Band) {
	for i, b := range bands {
		f := field + "[" + strconv.Itoa(i) + "]"
		if b.Percent.IsNegative() {
			v.add(f+".Percent", b.Percent.String(), "is negative")
		}
		if !b.Percent.IsPositive() {
			v.amount(f+".Amount", b.Amount, false)
		}
		lastBand := i == len(bands)-1
		switch {
		case lastBand && b.Below != (money.Money{}):
			v.add(f+".Below", b.Below.String(), "must be the zero Money on the last band (it has no upper limit)")
		case !lastBand:
			v.amount(f+".Below", b.Below, false)
			if i > 0 && b.Below.IsValid() && bands[i-1].Below.IsValid() {
				if c, err := b.Below.Compare(bands[i-1].Below); err == nil && c <= 0 {
					v.add(f+".Below", b.Below.String(), "is not above the previous band's "+bands[i-1].Below.String())
				}
			}
		}
	}
}

func (v *checker) interest(p *Pack) {
	p.interest = make([]compiledInterest, 0, len(p.spec.Interest))
	for i := range p.spec.Interest {
		r := &p.spec.Interest[i]
		f := "Interest[" + strconv.Itoa(i) + "]"
		v.kind(f+".Kind", r.Kind)
		if r.Convention.Rounding == (money.RoundingPolicy{}) && v.cur != "" {
			r.Convention.Rounding = money.PolicyFor(v.cur, money.HalfAwayFromZero)
		}
		if err := r.Convention.Validate(); err != nil {
			v.prefixed(f, err)
		}
		name := r.Name
		if name == "" {
			name = string(p.spec.Code) + " statutory"
		}
		t, err := interest.NewRateTable(name, r.End, r.Rows...)
		if err != nil {
			v.prefixed(f, err)
			continue
		}
		p.interest = append(p.interest, compiledInterest{StatutoryInterest: *r, table: t, source: t})
	}
}

// prefixed adds the *dunning.FieldErrors of err with prefix + "." before their field.
func (v *checker) prefixed(prefix string, err error) {
	list := []error{err}
	if _, leaf := err.(*dunning.FieldError); !leaf {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			list = j.Unwrap()
		}
	}
	for _, e := range list {
		var fe *dunning.FieldError
		if errors.As(e, &fe) {
			c := *fe
			c.Field = prefix + "." + c.Field
			v.errs = append(v.errs, &c)
			continue
		}
		v.errs = append(v.errs, fmt.Errorf("%s: %w", prefix, e))
	}
}

func (v *checker) costs(c *CollectionCosts) {
	if c == nil {
		return
	}
	v.status("Costs.Status", c.Status)
	type key struct {
		k    dunning.PartyKind
		step fees.Step
	}
	last := map[key]date.Date{}
	for i, s := range c.Schedules {
		f := "Costs.Schedules[" + strconv.Itoa(i) + "]"
		v.kind(f+".Kind", s.Kind)
		if s.Step > fees.PaymentPlan {
			v.add(f+".Step", s.Step.String(), "is not a collection step")
		}
		k := key{s.Kind, s.Step}
		if s.From.IsZero() {
			v.add(f+".From", "", "is required")
		} else if prev, ok := last[k]; ok && !s.From.After(prev) {
			v.add(f+".From", s.From.String(), "is not after the previous schedule's "+prev.String()+" for the same kind and step")
		}
		last[k] = s.From
		if len(s.Bands) == 0 {
			v.add(f+".Bands", "", "is empty: a schedule needs at least one band")
		}
		for j, b := range s.Bands {
			bf := fmt.Sprintf("%s.Bands[%d]", f, j)
			v.amount(bf+".Fixed", b.Fixed, true)
			if b.Percent.IsNegative() {
				v.add(bf+".Percent", b.Percent.String(), "is negative")
			}
			if j == len(s.Bands)-1 {
				if b.UpTo != (money.Money{}) {
					v.add(bf+".UpTo", b.UpTo.String(), "must be the zero Money on the last band (it has no upper limit)")
				}
				continue
			}
			v.amount(bf+".UpTo", b.UpTo, false)
			if j > 0 && b.UpTo.IsValid() && s.Bands[j-1].UpTo.IsValid() {
				if c, err := b.UpTo.Compare(s.Bands[j-1].UpTo); err == nil && c <= 0 {
					v.add(bf+".UpTo", b.UpTo.String(), "is not above the previous band's "+s.Bands[j-1].UpTo.String())
				}
			}
		}
		v.amount(f+".Min", s.Min, true)
		v.amount(f+".Max", s.Max, true)
		if s.Min.IsValid() && s.Max.IsValid() {
			if c, err := s.Min.Compare(s.Max); err == nil && c > 0 {
				v.add(f+".Min", s.Min.String(), "is above Max "+s.Max.String())
			}
		}
		v.status(f+".Status", s.Status)
	}
}

func (v *checker) notices(p *Pack) {
	type key struct {
		n        fees.Notice
		consumer bool
	}
	seen := map[key]bool{}
	for i := range p.spec.Notices {
		r := &p.spec.Notices[i]
		f := "Notices[" + strconv.Itoa(i) + "]"
		if r.Notice > fees.PaymentDemand {
			v.add(f+".Notice", r.Notice.String(), "is not a notice")
		}
		if r.MinDays <= 0 {
			v.add(f+".MinDays", strconv.Itoa(r.MinDays), "must be at least 1: a notice the law gives a period needs one (leave the rule out where the law sets none)")
		}
		if r.Counting != fees.FromDispatch && r.Counting != fees.FromReceipt {
			v.add(f+".Counting", r.Counting.String(), "is not FromDispatch or FromReceipt")
		}
		if k := (key{r.Notice, r.ConsumerOnly}); seen[k] {
			v.add(f+".Notice", r.Notice.String(), "has a rule already")
		} else {
			seen[k] = true
		}
		v.status(f+".Status", r.Status)
		r.Jurisdiction = p.spec.Code
	}
	// Consumer-only rules first, so that the lookup finds them before a rule for both.
	for _, consumer := range []bool{true, false} {
		for _, r := range p.spec.Notices {
			if r.ConsumerOnly == consumer {
				p.notices = append(p.notices, r)
			}
		}
	}
}
