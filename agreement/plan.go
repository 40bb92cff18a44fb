package agreement

import (
	"errors"
	"iter"
	"math/big"
	"strconv"
	"time"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// Instalment is one line of a plan. Amount = Interest + Principal.
type Instalment struct {
	Number    int         // 1, 2, ...; 0 for the down payment
	Due       date.Date   // due date
	Amount    money.Money // what the debtor pays
	Interest  money.Money // interest of the period ending on Due
	Principal money.Money // debt repaid
	Balance   money.Money // debt outstanding after this instalment
}

// IsDownPayment reports whether i is the down payment (Number 0).
func (i Instalment) IsDownPayment() bool { return i.Number == 0 }

// Summary is what the debtor must be told about a plan (E12): the term, the
// down payment, the first and last instalment dates, the rate and the total
// interest.
type Summary struct {
	Principal       money.Money       // the debt the plan settles, down payment included
	DownPayment     money.Money       // zero if none
	DownPaymentDate date.Date         // zero if none
	Count           int               // number of instalments, down payment not counted
	Frequency       Frequency         // how often they fall due
	Instalment      money.Money       // the regular instalment
	LastInstalment  money.Money       // the last one, which absorbs the remainder
	First, Last     date.Date         // due dates of the first and last instalment
	Rate            decimal.Decimal   // annual nominal rate in percent; zero: interest-free
	DayCount        interest.DayCount // how interest was counted (zero if interest-free)
	TotalInterest   money.Money
	TotalPaid       money.Money // Principal + TotalInterest
}

// InterestFree reports whether the plan charges no interest.
func (s Summary) InterestFree() bool { return s.Rate.IsZero() }

// Plan is a computed payment plan: an immutable value, safe to share.
type Plan struct {
	terms   Terms
	items   []Instalment      // down payment (if any) first
	periods []period          // one per instalment after the down payment
	factors []decimal.Decimal // the periods' interest factors: Rate/100 × year fraction
	sum     Summary
}

// period is the interest period ending on an instalment's due date. It
// holds no pointer, so a slice of them is cheap to allocate and fill.
type period struct {
	from, due date.Date
	f         int32 // index of the period's interest factor (Plan.factors)
}

// Terms returns the terms the plan was made from.
func (p Plan) Terms() Terms { return p.terms }

// Summary returns the figures the debtor must be told (E12).
func (p Plan) Summary() Summary { return p.sum }

// Len returns the number of instalments, down payment included.
func (p Plan) Len() int { return len(p.items) }

// At returns instalment i (0-based, down payment included); it panics if i
// is out of range, like a slice index.
func (p Plan) At(i int) Instalment { return p.items[i] }

// All returns the instalments in due-date order, the down payment first.
func (p Plan) All() iter.Seq[Instalment] {
	return func(yield func(Instalment) bool) {
		for _, it := range p.items {
			if !yield(it) {
				return
			}
		}
	}
}

// NewPlan computes the plan for t (E12): every instalment with its due
// date, amount, interest, principal and the balance after it, and the
// Summary. Interest of each period is balance × rate × year fraction,
// rounded with t.Rounding; a computed instalment is the annuity for the
// actual period lengths (Fineract's variable-rate annuity,
// EMI = P·∏(1+rfᵢ)/fnₙ with fn₁ = 1, fnᵢ = 1 + fnᵢ₋₁·(1+rfᵢ)), rounded
// once; the last instalment is the remaining balance plus its interest, so
// the balance ends at exactly zero. Invalid terms give every problem
// joined; an instalment that never repays gives a *TooSmallError.
//
// NewPlan computes in int64 minor units and, for amounts beyond 10^15 minor
// units or rates so high that an interest overflows, in decimal
// arithmetic; both give the same plan to the cent (see the package doc,
// Performance).
//
// Implements E12.
func NewPlan(t Terms) (Plan, error) {
	if err := t.Validate(); err != nil {
		return Plan{}, err
	}
	if b, ok := newBuilder(&t); ok {
		if p, err := b.build(); err != errOverflow {
			return p, err
		}
	}
	return exactPlan(&t)
}

// errOverflow says that the int64 fast path cannot compute a plan; NewPlan
// then computes it with exactPlan. It never leaves the package.
var errOverflow = errors.New("agreement: plan does not fit int64")

// Limits of the int64 fast path. Amounts (principal, instalment, multiple)
// and the rounding unit are at most maxMinor minor units, and every
// computed interest and instalment at most maxFast, so that no sum or
// product the builder forms overflows int64; anything larger goes to
// exactPlan.
const (
	maxMinor = 1e15
	maxFast  = 1 << 62
)

// builder computes a plan in int64 minor units (the fast path). Every
// result equals exactPlan's; where a value would not fit, a method reports
// it and build returns errOverflow.
type builder struct {
	t        *Terms
	cur      money.Currency
	pol      money.RoundingPolicy
	unit     int64 // one rounding unit in minor units (1 for cents with Scale 2)
	maxQ     int64 // the most rounding units a computed amount may have: maxFast/unit
	rate     decimal.Decimal
	financed int64 // in minor units
	periods  []period
	facs     []*factor // the distinct factors; period.f indexes them
	// anchorDay and dueMonth (year×12 + month-1 of the last due date) let
	// nextDue step months without AddMonths.
	anchorDay, dueMonth int
	// memo maps a memoKey to the index of its factor. A plan has only a
	// handful of keys (28 to 31 days for a monthly plan, and the first
	// period), so a slice scanned from the start beats a map.
	memo []memoEntry
	// scratch for the big.Int paths, reused to avoid allocation
	x, y, z, q, r, scale, div big.Int
}

// line is one instalment in minor units.
type line struct{ interest, principal, amount, balance int64 }

// newBuilder returns the fast-path builder for valid terms t, or false if
// an amount or the rounding unit is too large for it.
func newBuilder(t *Terms) (*builder, bool) {
	b := &builder{t: t, cur: t.currency(), pol: t.policy()}
	mu, _ := b.cur.MinorUnits()
	if mu-b.pol.Scale > 15 { // unit > maxMinor
		return nil, false
	}
	b.unit = pow10i(mu - b.pol.Scale)
	b.maxQ = maxFast / b.unit
	var ok bool
	if b.financed, ok = minor(t.Principal); !ok {
		return nil, false
	}
	if t.DownPayment.IsValid() {
		dp, _ := minor(t.DownPayment) // less than the principal (Validate)
		b.financed -= dp
	}
	for _, m := range [...]money.Money{t.Instalment, t.Multiple} {
		if !m.IsValid() {
			continue // not set
		}
		if _, ok := minor(m); !ok {
			return nil, false
		}
	}
	b.rate = t.Rate.Shift(-2)
	b.scale.Exp(big.NewInt(10), big.NewInt(workPlaces), nil)
	b.div.Mul(&b.scale, big.NewInt(b.unit))
	// With Count the number of periods is known; with Instalment it is
	// usually small, and append grows the slices if it is not.
	hint := t.Count
	if hint <= 0 {
		hint = 64
	}
	b.periods = make([]period, 0, hint)
	return b, true
}

// minor returns m in minor units if it is at most maxMinor.
func minor(m money.Money) (int64, bool) {
	v, err := m.MinorUnits()
	return v, err == nil && v <= maxMinor
}

func pow10i(e int32) int64 {
	n := int64(1)
	for ; e > 0; e-- {
		n *= 10
	}
	return n
}

// build computes the plan, or returns errOverflow.
func (b *builder) build() (Plan, error) {
	var emi int64
	var n int
	var err error
	if b.t.Count > 0 {
		emi, n, err = b.byCount()
	} else {
		emi, n, err = b.byInstalment()
	}
	if err != nil {
		return Plan{}, err
	}
	return b.plan(emi, n)
}

// binPlaces is the binary precision of the annuity factors in emi
// (2^-136 ≈ 1e-41, finer than workPlaces).
const binPlaces = 136

// memoKey identifies the factor of a period when it depends only on a few
// day counts (see builder.memoKey).
type memoKey struct{ a, b int }

type memoEntry struct {
	key memoKey
	f   int32
}

// lookup returns the factor memoised for key.
func (b *builder) lookup(key memoKey) (int32, bool) {
	for _, e := range b.memo {
		if e.key == key {
			return e.f, true
		}
	}
	return 0, false
}

// memoKey says whether the factor of [from, due) depends only on a few day
// counts, and returns them as the key: the length in days for ACT/365F,
// ACT/360 and 30E/360 periods counted in days; one key for every regular
// 30E/360 month period; the days in common and in leap years for ACT/ACT
// ISDA (interest.DayCount.YearFraction is a function of those two); and
// the (days, year length) of each of at most two pieces for Fineract's
// ACT/ACT (fineractActAct is a sum over the pieces).
func (b *builder) memoKey(from, due date.Date, regular bool) (memoKey, bool) {
	switch b.t.DayCount {
	case interest.Actual365Fixed, interest.Actual360:
		return memoKey{a: from.DaysUntil(due)}, true
	case interest.Thirty360E:
		if b.t.Frequency.Days() > 0 {
			return memoKey{a: from.DaysUntil(due)}, true
		}
		if regular {
			return memoKey{a: -1}, true
		}
	case interest.ActualActualISDA:
		if b.t.SplitAtDec31 {
			var k memoKey
			n := 0
			ok := fineractPieces(from, due, func(days, basis int) bool {
				p := days*2 + basis - 365 // basis is 365 or 366
				if n++; n == 1 {
					k.a = p
				} else {
					k.b = p
				}
				return n < 2
			})
			return k, ok
		}
		// As interest.DayCount.YearFraction counts them.
		var n365, n366 int
		y1, y2 := from.Year(), due.Year()
		for y := y1; y <= y2; y++ {
			a, z := from, due
			if y > y1 {
				a = date.MustNew(y, 1, 1)
			}
			if y < y2 {
				z = date.MustNew(y+1, 1, 1)
			}
			if date.IsLeapYear(y) {
				n366 += a.DaysUntil(z)
			} else {
				n365 += a.DaysUntil(z)
			}
		}
		return memoKey{n365, n366}, true
	}
	return memoKey{}, false
}

// grow computes the periods up to period k (1-based) and their factors.
func (b *builder) grow(k int) {
	for len(b.periods) < k {
		n := len(b.periods) // 0-based index of the period to add
		from := b.t.Start
		if n > 0 {
			from = b.periods[n-1].due
		}
		due := b.nextDue(n, from)
		regular := n > 0 || b.t.dueAt(-1) == b.t.Start
		key, memo := b.memoKey(from, due, regular)
		if memo {
			if f, ok := b.lookup(key); ok {
				b.periods = append(b.periods, period{from: from, due: due, f: f})
				continue
			}
		}
		f := int32(len(b.facs))
		b.facs = append(b.facs, b.newFactor(periodFactor(b.t, b.rate, from, due, regular)))
		b.periods = append(b.periods, period{from: from, due: due, f: f})
		if memo {
			b.memo = append(b.memo, memoEntry{key, f})
		}
	}
}

// nextDue returns t.dueAt(n), given prev = t.dueAt(n-1) for n > 0. For a
// step in months it does what AddMonths from the anchor does, without
// converting dates to year, month and day and back: the due date is in the
// month n steps from the anchor's, on the anchor's day of the month clamped
// to the month's length, found as prev plus the days between the two. Every
// due date is still computed from the anchor's day, so nothing drifts;
// TestNextDueMatchesDueAt checks it against dueAt.
func (b *builder) nextDue(n int, prev date.Date) date.Date {
	step := b.t.Frequency.Months()
	if n == 0 || step == 0 {
		due := b.t.dueAt(n)
		if n == 0 && step > 0 {
			anchor := b.t.First
			if anchor.IsZero() {
				anchor = b.t.Start
			}
			b.anchorDay = anchor.Day()
			y, m, _ := due.YMD()
			b.dueMonth = y*12 + int(m) - 1
		}
		return due
	}
	y, m := b.dueMonth/12, time.Month(b.dueMonth%12+1)
	days := -min(b.anchorDay, date.DaysInMonth(y, m)) // back to the 1st of prev's month
	for range step {
		days += date.DaysInMonth(y, m)
		if m++; m > time.December {
			y, m = y+1, time.January
		}
	}
	b.dueMonth += step
	return prev.AddDays(days + min(b.anchorDay, date.DaysInMonth(y, m)))
}

// periodFactor returns rate (a fraction, not percent) × the year fraction
// of [from, due), the interest factor of a period (see NewPlan).
func periodFactor(t *Terms, rate decimal.Decimal, from, due date.Date, regular bool) decimal.Decimal {
	if rate.IsZero() {
		return decimal.Zero
	}
	var yf decimal.Decimal
	dc := t.DayCount
	switch {
	case dc == interest.Thirty360E && t.Frequency.Months() > 0 && regular:
		// Every regular month is 30/360: months/12 exactly.
		return quo(rate.Mul(decimal.NewFromInt(int64(t.Frequency.Months()))), decimal.NewFromInt(12))
	case dc == interest.Thirty360E && t.Frequency.Days() > 0:
		yf = interest.Actual360.YearFraction(from, due)
	case dc == interest.ActualActualISDA && t.SplitAtDec31:
		return rate.Mul(fineractActAct(from, due)).Truncate(workPlaces)
	default:
		yf = dc.YearFraction(from, due)
	}
	return rate.Mul(yf).Truncate(workPlaces)
}

// fineractActAct is Apache Fineract's Actual/Actual year fraction: the
// days of a span are counted per year from 31 December of the year before
// to 31 December of the year, each in that year's length (365 or 366), so
// 2023-12-12 to 2024-01-12 is 19/365 + 12/366 (ISDA splits at 1 January:
// 20/365 + 11/366).
func fineractActAct(from, to date.Date) decimal.Decimal {
	sum := decimal.Zero
	fineractPieces(from, to, func(days, basis int) bool {
		sum = sum.Add(quo(decimal.NewFromInt(int64(days)), decimal.NewFromInt(int64(basis))))
		return true
	})
	return sum
}

// fineractPieces calls piece with the days and the year length of each
// piece of [from, to) in Fineract's Actual/Actual, in order, while piece
// returns true; it reports whether it saw every piece.
func fineractPieces(from, to date.Date, piece func(days, basis int) bool) bool {
	for from.Before(to) {
		y := from.Year()
		if from.Month() == 12 && from.Day() == 31 {
			y++
		}
		end := date.MustNew(y, 12, 31)
		if end.After(to) {
			end = to
		}
		basis := 365
		if date.IsLeapYear(y) {
			basis = 366
		}
		days := from.DaysUntil(end)
		from = end
		if !piece(days, basis) {
			return !from.Before(to)
		}
	}
	return true
}

// roundQuo returns num/den (both non-negative) rounded to an integer with
// the policy's mode, and whether it is at most maxQ. It overwrites num.
func (b *builder) roundQuo(num, den *big.Int) (int64, bool) {
	q, r := b.q.QuoRem(num, den, &b.r)
	if !q.IsInt64() || q.Int64() >= b.maxQ {
		return 0, false
	}
	v := q.Int64()
	if roundsUp(r, den, v, b.pol.Mode) {
		v++
	}
	return v, true
}

// roundsUp reports whether the quotient q with remainder r of a division
// by den (all non-negative) rounds up to q+1 with mode. It overwrites r.
func roundsUp(r, den *big.Int, q int64, mode money.RoundingMode) bool {
	switch mode {
	case money.Up:
		return r.Sign() > 0
	case money.Down:
		return false
	}
	c := r.Lsh(r, 1).Cmp(den)
	return c > 0 || c == 0 && (mode == money.HalfAwayFromZero || q&1 == 1)
}

// interest returns the rounded interest, in minor units, of balance bal
// (positive) over a period with factor f, and whether it fits.
func (b *builder) interest(bal int64, f *factor) (int64, bool) {
	if f.fast {
		if q, ok := roundFrac(uint64(bal), &f.frac, b.pol.Mode); ok {
			return q * b.unit, q <= b.maxQ
		}
	} else if f.zero {
		return 0, true
	}
	return b.interestBig(bal, f)
}

// interestBig is interest computed exactly in big.Int: bal × rf × 10^40
// divided by 10^40 × unit, rounded once.
func (b *builder) interestBig(bal int64, f *factor) (int64, bool) {
	b.y.SetInt64(bal)
	b.x.Mul(&b.y, f.rf)
	q, ok := b.roundQuo(&b.x, &b.div)
	return q * b.unit, ok
}

// emi returns the annuity instalment for n periods, rounded, in minor
// units, and whether it fits. The periods must have been grown to n.
func (b *builder) emi(n int) (int64, bool) {
	if b.rate.IsZero() {
		b.x.SetInt64(b.financed)
		b.y.SetInt64(int64(n) * b.unit)
		q, ok := b.roundQuo(&b.x, &b.y)
		return q * b.unit, ok
	}
	prod, fn, ok := emiProducts(b.periods[:n], b.facs)
	if !ok {
		bins := make([]*big.Int, n)
		for k, p := range b.periods[:n] {
			bins[k] = b.facs[p.f].bin
		}
		v := annuity(big.NewInt(b.financed), bins, big.NewInt(b.unit), b.pol.Mode)
		if !v.IsInt64() || v.Int64() > maxFast {
			return 0, false
		}
		return v.Int64(), true
	}
	setWords(&b.x, &prod)
	b.y.SetInt64(b.financed)
	b.x.Mul(&b.x, &b.y)
	setWords(&b.z, &fn)
	b.y.SetInt64(b.unit)
	b.z.Mul(&b.z, &b.y)
	q, ok := b.roundQuo(&b.x, &b.z)
	return q * b.unit, ok
}

// annuity returns the instalment EMI = financed·∏gₖ/fnₙ (gₖ = 1 + rfₖ)
// in minor units, rounded with mode to a multiple of unit: bins are the
// factors rfₖ × 2^binPlaces, truncated, and every product is truncated to
// binPlaces binary places, fn₁ = 1, fnₖ = 1 + fnₖ₋₁·gₖ. This is the
// definition; emiProducts computes the same products in 192 bits.
func annuity(financed *big.Int, bins []*big.Int, unit *big.Int, mode money.RoundingMode) *big.Int {
	unity := new(big.Int).Lsh(big.NewInt(1), binPlaces)
	prod := new(big.Int).Set(unity)
	fn := new(big.Int).Set(unity)
	g, t := new(big.Int), new(big.Int)
	for k, bin := range bins {
		g.Add(unity, bin)
		t.Mul(prod, g)
		prod.Rsh(t, binPlaces)
		if k > 0 {
			t.Mul(fn, g)
			fn.Rsh(t, binPlaces).Add(fn, unity)
		}
	}
	num := new(big.Int).Mul(financed, prod)
	den := fn.Mul(fn, unit)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	c := new(big.Int).Lsh(r, 1).Cmp(den)
	up := false
	switch mode {
	case money.Up:
		up = r.Sign() > 0
	case money.Down:
	default:
		up = c > 0 || c == 0 && (mode == money.HalfAwayFromZero || q.Bit(0) == 1)
	}
	if up {
		q.Add(q, big.NewInt(1))
	}
	return q.Mul(q, unit)
}

// shortfall says why a walk stopped without a plan: the instalment did not
// exceed the interest in of period k (k == 0: it did not stop), tooLong
// that MaxPeriods instalments did not repay the debt, overflow that a
// value did not fit.
type shortfall struct {
	k        int
	in       int64
	tooLong  bool
	overflow bool
}

func (s shortfall) ok() bool { return s.k == 0 && !s.overflow }

// walk steps through the plan for instalment emi one line at a time: n
// instalments (the last absorbing the remainder), or with n == 0 as many
// as it takes; a plan ends early when an instalment covers the whole rest.
// It stores nothing: run walks to learn how a plan ends, plan walks the
// chosen one again to build its instalments.
type walk struct {
	b        *builder
	emi      int64
	n, limit int
	k        int   // the number of the last line returned
	bal      int64 // the balance after it
}

func (b *builder) walk(emi int64, n int) walk {
	limit := n
	if limit == 0 {
		limit = MaxPeriods
	}
	return walk{b: b, emi: emi, n: n, limit: limit, bal: b.financed}
}

// next returns the next line and whether it is the last; if the plan
// cannot go on, it returns a shortfall that is not ok.
func (w *walk) next() (l line, last bool, s shortfall) {
	b := w.b
	w.k++
	k := w.k
	if k > len(b.periods) {
		b.grow(k)
	}
	in, ok := b.interest(w.bal, b.facs[b.periods[k-1].f])
	if !ok {
		return line{}, true, shortfall{overflow: true}
	}
	if k == w.n || w.bal+in <= w.emi {
		l = line{interest: in, principal: w.bal, amount: w.bal + in}
		w.bal = 0
		return l, true, shortfall{}
	}
	if in >= w.emi || k == w.limit {
		return line{}, true, shortfall{k: k, in: in, tooLong: k == w.limit}
	}
	w.bal -= w.emi - in
	return line{interest: in, principal: w.emi - in, amount: w.emi, balance: w.bal}, false, shortfall{}
}

// run walks the plan for instalment emi and returns how many lines it has
// and the amount of the last, or why it cannot be made.
func (b *builder) run(emi int64, n int) (count int, lastAmount int64, s shortfall) {
	w := b.walk(emi, n)
	for {
		l, last, s := w.next()
		if last {
			return w.k, l.amount, s
		}
	}
}

// byCount returns the instalment for Terms.Count (the annuity, raised if
// rounding left it at or below a period's interest, and adjusted by
// AdjustEMI) and the number of instalments it makes.
func (b *builder) byCount() (int64, int, error) {
	n := b.t.Count
	b.grow(n)
	emi, ok := b.emi(n)
	if !ok {
		return 0, 0, errOverflow
	}
	emi = b.toMultiple(max(emi, b.unit))
	count, last, s := b.run(emi, n)
	// Rounding can leave a tiny annuity at or below a period's rounded
	// interest; then raise it just above that interest and try again.
	for tries := 0; s.k > 0 && !s.overflow && tries < 100; tries++ {
		emi = b.toMultiple(s.in + b.unit)
		count, last, s = b.run(emi, n)
	}
	if !s.ok() {
		return 0, 0, b.fail(emi, s)
	}
	if b.t.AdjustEMI && !b.t.Multiple.IsPositive() && !b.rate.IsZero() && count == n {
		diff := last - emi
		if diff != 0 {
			alt := emi + b.unit
			if diff < 0 {
				alt = emi - b.unit
			}
			if alt > 0 {
				count2, last2, s := b.run(alt, n)
				if s.overflow {
					return 0, 0, errOverflow
				}
				if s.ok() && count2 == n && abs64(last2-alt) < abs64(diff) {
					emi = alt
				}
			}
		}
	}
	return emi, count, nil
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// toMultiple rounds emi up to a multiple of Terms.Multiple, if set.
func (b *builder) toMultiple(emi int64) int64 {
	m, _ := b.t.Multiple.MinorUnits()
	if m <= 0 {
		return emi
	}
	return (emi + m - 1) / m * m
}

// byInstalment checks that Terms.Instalment repays the debt and returns
// it and the number of instalments it makes.
func (b *builder) byInstalment() (int64, int, error) {
	emi, _ := b.t.Instalment.MinorUnits()
	count, _, s := b.run(emi, 0)
	if !s.ok() {
		return 0, 0, b.fail(emi, s)
	}
	return emi, count, nil
}

func (b *builder) money(minor int64) money.Money {
	m, _ := money.FromMinorUnits(minor, b.cur) // the currency was validated
	return m
}

// fail returns the error for a run that stopped short: errOverflow, or
// the *TooSmallError.
func (b *builder) fail(emi int64, s shortfall) error {
	if s.overflow {
		return errOverflow
	}
	first, ok := b.interest(b.financed, b.facs[b.periods[0].f])
	if !ok {
		return errOverflow
	}
	return tooSmall(b.money(emi), b.money(s.in), b.money(first), s.k, b.periods[s.k-1].due, s.tooLong)
}

// tooSmall returns the error for an instalment emi that does not exceed the
// interest in of period k (due on due), or with tooLong does not repay the
// debt within MaxPeriods instalments; first is the first period's interest.
func tooSmall(emi, in, first money.Money, k int, due date.Date, tooLong bool) error {
	e := &TooSmallError{Instalment: emi, Interest: in, Period: k, Due: due}
	reason := "does not exceed the interest of instalment " + strconv.Itoa(k) + " (" + in.String() +
		"); the first period's interest is " + first.String()
	if tooLong {
		reason = "does not repay the debt within " + strconv.Itoa(MaxPeriods) + " instalments"
	}
	return fieldErr("Instalment", emi.String(), reason, e)
}

// plan walks the plan for instalment emi, which byCount or byInstalment
// found to make n instalments, and builds them. A Money is immutable, so equal
// amounts share one value: the regular instalment is built once, and a
// zero interest or balance, and a principal equal to the instalment (no
// interest), reuse the zero and the instalment; every other amount is built
// once with money.FromMinorUnits, the cheapest constructor.
func (b *builder) plan(emi int64, n int) (Plan, error) {
	t := b.t
	zero := money.Zero(b.cur)
	off := 0
	if t.DownPayment.IsPositive() {
		off = 1
	}
	items := make([]Instalment, off+n)
	if off == 1 {
		items[0] = Instalment{Number: 0, Due: t.downDate(), Amount: t.DownPayment,
			Interest: zero, Principal: t.DownPayment, Balance: b.money(b.financed)}
	}
	total := int64(0)
	var amount money.Money
	amountMinor := int64(-1)
	w := b.walk(emi, t.Count)
	for k := range n {
		l, _, _ := w.next()
		if l.amount != amountMinor {
			amount, amountMinor = b.money(l.amount), l.amount
		}
		it := &items[off+k]
		it.Number, it.Due, it.Amount = k+1, b.periods[k].due, amount
		if l.interest != 0 {
			it.Interest, it.Principal = b.money(l.interest), b.money(l.principal)
		} else {
			it.Interest, it.Principal = zero, amount
		}
		if l.balance != 0 {
			it.Balance = b.money(l.balance)
		} else {
			it.Balance = zero
		}
		if total += l.interest; total > maxFast {
			return Plan{}, errOverflow
		}
	}
	factors := make([]decimal.Decimal, len(b.facs))
	for i, f := range b.facs {
		factors[i] = f.dec
	}
	return finish(t, items, b.periods[:n:n], factors, b.money(total)), nil
}

// finish returns the Plan of terms t with its instalments (the down
// payment first, if any), the periods of the others, their factors and the
// total interest.
func finish(t *Terms, items []Instalment, periods []period, factors []decimal.Decimal, totalInterest money.Money) Plan {
	p := Plan{terms: *t, items: items, periods: periods, factors: factors}
	if t.Rounding != nil {
		r := *t.Rounding
		p.terms.Rounding = &r
	}
	n := len(periods)
	first, last := items[len(items)-n], items[len(items)-1]
	s := Summary{
		Principal: t.Principal, DownPayment: money.Zero(t.currency()), Count: n, Frequency: t.Frequency,
		Instalment: first.Amount, LastInstalment: last.Amount,
		First: periods[0].due, Last: periods[n-1].due, Rate: t.Rate,
		TotalInterest: totalInterest, TotalPaid: mustSum(t.Principal, totalInterest),
	}
	if t.DownPayment.IsPositive() {
		s.DownPayment, s.DownPaymentDate = t.DownPayment, t.downDate()
	}
	if !t.Rate.IsZero() {
		s.DayCount = t.DayCount
	}
	p.sum = s
	return p
}
