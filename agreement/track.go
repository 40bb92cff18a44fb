package agreement

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Payment is a payment the debtor made, as the host recorded it.
type Payment struct {
	ID     string      // the host's id; the same payment given twice counts once
	Date   date.Date   // the day it was received
	Amount money.Money // positive, in the plan's currency
}

// Charge is a cost added on top of a plan, such as a plan fee or a reminder
// fee for a missed instalment. Payments pay it according to the Order.
type Charge struct {
	Due    date.Date   // the day it falls due
	Amount money.Money // positive, in the plan's currency
	What   string      // what it is, for the letter
}

// BreachRule says when a plan counts as breached (E13). The zero value
// breaches the plan the day after an instalment's due date if it is not
// fully paid by then.
type BreachRule struct {
	// GraceDays is how many days after its due date an instalment may stay
	// unpaid before it counts as missed.
	GraceDays int
	// Missed is how many instalments must be missed at the same time to
	// breach the plan; zero means one.
	Missed int
}

// Tracking sets how Track follows a plan. The zero value allocates in
// DefaultOrder, breaches on the first instalment unpaid after its due date,
// has no costs and no termination.
type Tracking struct {
	Order  Order      // allocation order; the zero value means DefaultOrder
	Breach BreachRule // when the plan counts as breached
	Costs  []Charge   // costs charged on top of the plan
	// Terminated, if set, is the day the creditor terminated the plan (E13).
	// Termination accelerates: everything unpaid falls due on that day, with
	// interest only up to it (the running period's interest pro rata by actual
	// days, later periods none, as Fineract's pay-off does).
	Terminated date.Date
}

// Amounts is an amount split by component.
type Amounts struct {
	Costs, Interest, Principal money.Money
}

// Total returns Costs + Interest + Principal.
func (a Amounts) Total() money.Money {
	s, _ := money.Sum(a.Costs, a.Interest, a.Principal) // one currency by construction
	return s
}

// State says how far an instalment is paid.
type State uint8

// Instalment states.
const (
	Unpaid     State = iota // nothing paid yet
	PartlyPaid              // something paid, not all
	Paid                    // paid in full
)

// String returns "unpaid", "partly paid" or "paid".
func (s State) String() string {
	switch s {
	case Unpaid:
		return "unpaid"
	case PartlyPaid:
		return "partly paid"
	case Paid:
		return "paid"
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// InstalmentStatus is one instalment as of a date.
type InstalmentStatus struct {
	Instalment            // as scheduled; after termination Due is the termination date and Interest is cut to it
	State       State     // unpaid, partly paid, paid
	Paid        Amounts   // what payments paid of it (Costs is always zero)
	Outstanding Amounts   // what is left of it
	PaidOn      date.Date // the day it was paid in full; zero if not
	Overdue     bool      // not paid in full and its due date has passed
	DaysLate    int       // days from the due date to PaidOn, or to the as-of date if overdue
}

// Status is a plan as of a date (E13): what is paid, what is due, what is
// outstanding, and whether the plan is breached.
type Status struct {
	AsOf        date.Date
	Paid        Amounts     // allocated so far
	Due         Amounts     // fallen due (due date on or before AsOf) and unpaid
	Outstanding Amounts     // everything unpaid, due or not
	Credit      money.Money // paid beyond everything owed
	Overdue     int         // instalments past their due date and not paid in full
	DaysLate    int         // the most days any instalment is or was late
	BreachedOn  date.Date   // the first day the breach rule was broken; zero if never
	Terminated  date.Date   // Tracking.Terminated if on or before AsOf

	items  []InstalmentStatus
	breach *BreachError
}

// All returns the instalments' status in due-date order, the down payment first.
func (s Status) All() iter.Seq[InstalmentStatus] {
	return func(yield func(InstalmentStatus) bool) {
		for _, it := range s.items {
			if !yield(it) {
				return
			}
		}
	}
}

// Breached reports whether the breach rule was broken on or before AsOf.
func (s Status) Breached() bool { return s.breach != nil }

// Err returns a *BreachError wrapping ErrDefaulted if the plan is breached,
// else nil.
func (s Status) Err() error {
	if s.breach == nil {
		return nil
	}
	return s.breach
}

// bucket is one component of one instalment or charge, being paid.
type bucket struct {
	due    date.Date
	owner  int // index into items, or -1 for a charge
	amount decimal.Decimal
	left   decimal.Decimal
	paidOn date.Date
}

// Track returns the status of plan p as of asOf given the payments (E13).
// Payments after asOf are ignored, and a payment whose ID appeared before
// counts once (the same ID with another date or amount is an error wrapping
// ErrPaymentConflict). Each day's payments are added up and paid, first to
// what has fallen due by that day, component by component in o.Order and
// oldest first within a component, then ahead to the next instalments in
// due-date order; anything beyond the whole plan is Credit, which pays costs
// that fall due later. Because only each day's total matters, the order of
// payments within a day, and of the slice, does not change the result.
// Early payments do not reduce the plan's interest.
//
// Implements E13.
func Track(p Plan, payments []Payment, asOf date.Date, o Tracking) (Status, error) {
	if len(p.items) == 0 {
		return Status{}, &dunning.FieldError{Field: "Plan", Value: "", Reason: "is the zero Plan; make one with NewPlan"}
	}
	cur := p.sum.Principal.Currency()
	order := o.Order
	if order.Sequence == ([3]Component{}) {
		order = DefaultOrder()
	}
	var errs []error
	if asOf.IsZero() {
		errs = append(errs, &dunning.FieldError{Field: "asOf", Value: "", Reason: "is required"})
	}
	if !order.valid() {
		errs = append(errs, &dunning.FieldError{Field: "Tracking.Order", Value: fmt.Sprint(order.Sequence),
			Reason: "must name costs, interest and principal once each"})
	}
	if o.Breach.GraceDays < 0 || o.Breach.Missed < 0 {
		errs = append(errs, &dunning.FieldError{Field: "Tracking.Breach",
			Value: fmt.Sprintf("%+v", o.Breach), Reason: "must not be negative"})
	}
	for i, c := range o.Costs {
		f := "Tracking.Costs[" + strconv.Itoa(i) + "]"
		if err := sameCurrency(f+".Amount", c.Amount, cur); err != nil {
			errs = append(errs, err)
		} else if !c.Amount.IsPositive() {
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: c.Amount.String(), Reason: "must be positive"})
		}
		if c.Due.IsZero() {
			errs = append(errs, &dunning.FieldError{Field: f + ".Due", Value: "", Reason: "is required"})
		}
	}
	days, err := paymentDays(payments, cur, asOf)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return Status{}, err
	}

	items := slices.Clone(p.items)
	s := Status{AsOf: asOf}
	if t := o.Terminated; !t.IsZero() && !t.After(asOf) {
		s.Terminated = t
		accelerate(p, items, t)
	}

	// Buckets per component, each in due-date order.
	var q [4][]bucket
	for i, it := range items {
		q[Interest] = append(q[Interest], bucket{due: it.Due, owner: i, amount: it.Interest.Amount(), left: it.Interest.Amount()})
		q[Principal] = append(q[Principal], bucket{due: it.Due, owner: i, amount: it.Principal.Amount(), left: it.Principal.Amount()})
	}
	for _, c := range o.Costs {
		q[Costs] = append(q[Costs], bucket{due: c.Due, owner: -1, amount: c.Amount.Amount(), left: c.Amount.Amount()})
	}
	slices.SortStableFunc(q[Costs], func(a, b bucket) int { return a.due.Compare(b.due) })
	for _, c := range o.Costs {
		if !c.Due.After(asOf) {
			days = append(days, payDay{day: c.Due})
		}
	}
	slices.SortStableFunc(days, func(a, b payDay) int { return a.day.Compare(b.day) })

	credit := decimal.Zero
	var ptr [4]int
	for _, pd := range days {
		x := credit.Add(pd.amount)
		// What has fallen due, component by component, oldest first.
		for _, c := range order.Sequence {
			for ptr[c] < len(q[c]) && x.IsPositive() {
				b := &q[c][ptr[c]]
				if b.due.After(pd.day) {
					break
				}
				x = pay(b, x, pd.day)
				if b.left.IsZero() {
					ptr[c]++
				}
			}
		}
		// Then ahead, instalment by instalment.
		for i := range items {
			if !x.IsPositive() {
				break
			}
			for _, c := range order.Sequence {
				if c == Costs {
					continue
				}
				if b := &q[c][i]; b.left.IsPositive() {
					x = pay(b, x, pd.day)
				}
			}
		}
		for _, c := range order.Sequence {
			for ptr[c] < len(q[c]) && q[c][ptr[c]].left.IsZero() {
				ptr[c]++
			}
		}
		credit = x
	}

	// Per instalment.
	zero := money.Zero(cur)
	mk := func(d decimal.Decimal) money.Money {
		m, _ := money.FromDecimal(d, cur, money.PolicyFor(cur, money.HalfEven))
		return m
	}
	var paid, due, out [4]decimal.Decimal
	for c := Costs; c <= Principal; c++ {
		for _, b := range q[c] {
			paid[c] = paid[c].Add(b.amount.Sub(b.left))
			out[c] = out[c].Add(b.left)
			if !b.due.After(asOf) {
				due[c] = due[c].Add(b.left)
			}
		}
	}
	s.items = make([]InstalmentStatus, len(items))
	for i, it := range items {
		bi, bp := q[Interest][i], q[Principal][i]
		st := InstalmentStatus{Instalment: it,
			Paid:        Amounts{Costs: zero, Interest: mk(bi.amount.Sub(bi.left)), Principal: mk(bp.amount.Sub(bp.left))},
			Outstanding: Amounts{Costs: zero, Interest: mk(bi.left), Principal: mk(bp.left)}}
		switch {
		case bi.left.IsZero() && bp.left.IsZero():
			st.State = Paid
			st.PaidOn = maxDate(bi.paidOn, bp.paidOn)
			if st.PaidOn.IsZero() { // nothing to pay (a zero instalment)
				st.PaidOn = it.Due
			}
			st.DaysLate = max(0, it.Due.DaysUntil(st.PaidOn))
		case bi.left.Cmp(bi.amount) < 0 || bp.left.Cmp(bp.amount) < 0:
			st.State = PartlyPaid
		}
		if st.State != Paid && it.Due.Before(asOf) {
			st.Overdue = true
			st.DaysLate = it.Due.DaysUntil(asOf)
			s.Overdue++
		}
		s.DaysLate = max(s.DaysLate, st.DaysLate)
		s.items[i] = st
	}
	s.Paid = Amounts{mk(paid[Costs]), mk(paid[Interest]), mk(paid[Principal])}
	s.Due = Amounts{mk(due[Costs]), mk(due[Interest]), mk(due[Principal])}
	s.Outstanding = Amounts{mk(out[Costs]), mk(out[Interest]), mk(out[Principal])}
	s.Credit = mk(credit)
	s.breach = breach(s.items, o.Breach, asOf)
	if s.breach != nil {
		s.BreachedOn = s.breach.Since
	}
	return s, nil
}

func pay(b *bucket, x decimal.Decimal, day date.Date) decimal.Decimal {
	if b.left.IsZero() {
		return x
	}
	if x.Cmp(b.left) >= 0 {
		x = x.Sub(b.left)
		b.left = decimal.Zero
		b.paidOn = day
		return x
	}
	b.left = b.left.Sub(x)
	return decimal.Zero
}

func maxDate(a, b date.Date) date.Date {
	if a.After(b) {
		return a
	}
	return b
}

type payDay struct {
	day    date.Date
	amount decimal.Decimal
}

// paymentDays checks the payments, drops repeats and those after asOf, and
// returns each day's total in date order.
func paymentDays(payments []Payment, cur money.Currency, asOf date.Date) ([]payDay, error) {
	var errs []error
	seen := make(map[string]Payment, len(payments))
	totals := make(map[date.Date]decimal.Decimal)
	for i, pm := range payments {
		f := "payments[" + strconv.Itoa(i) + "]"
		bad := false
		if pm.ID == "" {
			errs = append(errs, &dunning.FieldError{Field: f + ".ID", Value: "", Reason: "is required: it makes a repeated payment count once"})
			bad = true
		}
		if pm.Date.IsZero() {
			errs = append(errs, &dunning.FieldError{Field: f + ".Date", Value: "", Reason: "is required"})
			bad = true
		}
		if err := sameCurrency(f+".Amount", pm.Amount, cur); err != nil {
			errs = append(errs, err)
			bad = true
		} else if !pm.Amount.IsPositive() {
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: pm.Amount.String(), Reason: "must be positive"})
			bad = true
		}
		if bad {
			continue
		}
		if prev, ok := seen[pm.ID]; ok {
			if prev.Date != pm.Date || !prev.Amount.Equal(pm.Amount) {
				errs = append(errs, &dunning.FieldError{Field: f + ".ID", Value: pm.ID,
					Reason: fmt.Sprintf("was given before with %s on %s, now %s on %s", prev.Amount, prev.Date, pm.Amount, pm.Date),
					Err:    ErrPaymentConflict})
			}
			continue
		}
		seen[pm.ID] = pm
		if pm.Date.After(asOf) {
			continue
		}
		totals[pm.Date] = totals[pm.Date].Add(pm.Amount.Amount())
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	days := make([]payDay, 0, len(totals))
	for d, a := range totals {
		days = append(days, payDay{day: d, amount: a})
	}
	slices.SortFunc(days, func(a, b payDay) int { return a.day.Compare(b.day) })
	return days, nil
}

// accelerate moves every instalment due after t to t and cuts its interest
// to t: the running period's interest pro rata by actual days, later
// periods none.
func accelerate(p Plan, items []Instalment, t date.Date) {
	cur := p.sum.Principal.Currency()
	pol := p.terms.policy()
	off := len(items) - len(p.periods) // 1 with a down payment
	for i := range items {
		it := &items[i]
		if !it.Due.After(t) {
			continue
		}
		in := decimal.Zero
		if k := i - off; k >= 0 && p.periods[k].from.Before(t) {
			per := p.periods[k]
			full := per.from.DaysUntil(per.due)
			if full > 0 {
				// The balance the period's interest runs on: the balance
				// after the instalment before (the down payment's is the
				// financed debt), or the principal for the first period.
				before := p.sum.Principal.Amount()
				if i > 0 {
					before = p.items[i-1].Balance.Amount()
				}
				in = pol.Round(quo(before.Mul(p.factors[per.f]).Mul(decimal.NewFromInt(int64(per.from.DaysUntil(t)))),
					decimal.NewFromInt(int64(full))))
			}
		}
		im, _ := money.FromDecimal(in, cur, pol)
		it.Interest = im
		it.Amount = mustSum(it.Interest, it.Principal)
		it.Due = t
	}
}

func mustSum(a, b money.Money) money.Money {
	s, _ := a.Add(b) // one currency by construction
	return s
}

// breach applies the rule to the instalments: instalment i is missed from
// day Dᵢ = Dueᵢ + GraceDays + 1 unless paid before Dᵢ; the plan is breached
// on the first day on which Missed instalments (at least one) are missed
// and not yet paid.
//
// The instalments are in due-date order (after termination too), so the
// Dᵢ do not decrease and, for instalment j, every i ≤ j has Dᵢ ≤ Dⱼ. The
// number missed on Dⱼ is then j+1 less those i ≤ j paid before Dⱼ, and an
// instalment i paid on Pᵢ counts as paid from the first j ≥ i with Dⱼ > Pᵢ.
// That is counted in one pass after a binary search per paid instalment,
// O(n log n); breachQuadratic is the definition, used if the due dates are
// ever out of order and by the tests to check this one.
func breach(items []InstalmentStatus, r BreachRule, asOf date.Date) *BreachError {
	g := r.GraceDays + 1
	for j := 1; j < len(items); j++ {
		if items[j].Due.Before(items[j-1].Due) {
			return breachQuadratic(items, r, asOf)
		}
	}
	need := max(r.Missed, 1)
	from := make([]int, len(items)+1) // from[j]: instalments that count as paid from j on
	for i, x := range items {
		if x.State != Paid {
			continue
		}
		s := sort.Search(len(items), func(k int) bool { return items[k].Due.AddDays(g).After(x.PaidOn) })
		from[max(i, s)]++
	}
	paid := 0
	for j, it := range items {
		dj := it.Due.AddDays(g)
		if dj.After(asOf) {
			break
		}
		paid += from[j]
		if it.State == Paid && it.PaidOn.Before(dj) {
			continue
		}
		if n := j + 1 - paid; n >= need {
			return breachError(it, r, need, n, dj)
		}
	}
	return nil
}

func breachError(it InstalmentStatus, r BreachRule, need, n int, dj date.Date) *BreachError {
	rule := fmt.Sprintf("instalment %d unpaid %d days after its due date %s", it.Number, r.GraceDays, it.Due)
	if need > 1 {
		rule = fmt.Sprintf("%d instalments unpaid %d days after their due dates (the last, %d, due %s)",
			n, r.GraceDays, it.Number, it.Due)
	}
	return &BreachError{Since: dj, Number: it.Number, Rule: rule}
}

// breachQuadratic is breach by its definition, in O(n²).
func breachQuadratic(items []InstalmentStatus, r BreachRule, asOf date.Date) *BreachError {
	need := max(r.Missed, 1)
	for j, it := range items {
		dj := it.Due.AddDays(r.GraceDays + 1)
		if dj.After(asOf) {
			break
		}
		if it.State == Paid && it.PaidOn.Before(dj) {
			continue
		}
		n := 0
		for _, x := range items[:j+1] {
			di := x.Due.AddDays(r.GraceDays + 1)
			if !di.After(dj) && !(x.State == Paid && x.PaidOn.Before(dj)) {
				n++
			}
		}
		if n >= need {
			return breachError(it, r, need, n, dj)
		}
	}
	return nil
}
