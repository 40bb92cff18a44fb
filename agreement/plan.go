package agreement

import (
	"errors"
	"iter"
	"math/big"
	"strconv"

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
	items   []Instalment // down payment (if any) first
	periods []period     // one per instalment after the down payment
	sum     Summary
}

// period is the interest period ending on an instalment's due date.
type period struct {
	from, due date.Date
	rf        decimal.Decimal // interest factor: Rate/100 × year fraction
	before    int64           // balance at the start of the period, in minor units
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
// Implements E12.
func NewPlan(t Terms) (Plan, error) {
	if err := t.Validate(); err != nil {
		return Plan{}, err
	}
	for _, m := range []money.Money{t.Principal, t.Instalment, t.Multiple} {
		if v, err := m.MinorUnits(); m.IsValid() && (err != nil || v > maxMinor) {
			return Plan{}, fieldErr("Principal", m.String(), "is too large for a payment plan", nil)
		}
	}
	b := newBuilder(&t)
	var err error
	if t.Count > 0 {
		err = b.byCount()
	} else {
		emi, _ := t.Instalment.MinorUnits()
		err = b.byInstalment(emi)
	}
	if err != nil {
		return Plan{}, err
	}
	return b.plan()
}

type builder struct {
	t        *Terms
	cur      money.Currency
	pol      money.RoundingPolicy
	mu       int32 // the currency's minor units
	unit     int64 // one rounding unit in minor units (1 for cents with Scale 2)
	rate     decimal.Decimal
	financed int64 // in minor units
	periods  []period
	facs     []*factor // per period; periods with the same factor share one
	// memo maps a period length in days to a period with that factor. A
	// plan has only a handful of lengths (28 to 31 days for a monthly plan,
	// and the first period), so a slice scanned from the start beats a map.
	memo  []memoEntry
	lines []line
	// scratch for the hot loops, reused to avoid allocation
	x, y, z, q, r, scale, div *big.Int
}

// line is one instalment in minor units.
type line struct{ interest, principal, amount, balance int64 }

// maxMinor bounds amounts (in minor units) so that no sum overflows int64.
const maxMinor = 1e15

func newBuilder(t *Terms) *builder {
	b := &builder{t: t, cur: t.currency(), pol: t.policy()}
	b.mu, _ = b.cur.MinorUnits()
	b.unit = pow10i(b.mu - b.pol.Scale)
	b.rate = t.Rate.Shift(-2)
	b.financed, _ = t.Principal.MinorUnits()
	if t.DownPayment.IsValid() {
		dp, _ := t.DownPayment.MinorUnits()
		b.financed -= dp
	}
	b.x, b.y, b.z, b.q, b.r = new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	b.scale = new(big.Int).Exp(big.NewInt(10), big.NewInt(workPlaces), nil)
	b.div = new(big.Int).Mul(b.scale, big.NewInt(b.unit))
	// With Count the number of periods is known; with Instalment it is
	// usually small, and append grows the slices if it is not.
	hint := t.Count
	if hint <= 0 {
		hint = 64
	}
	b.periods = make([]period, 0, hint)
	b.facs = make([]*factor, 0, hint)
	return b
}

// binPlaces is the binary precision of the annuity factors in emi
// (2^-136 ≈ 1e-41, finer than workPlaces).
const binPlaces = 136

type memoEntry struct{ key, period int }

// lookup returns the period memoised for key.
func (b *builder) lookup(key int) (int, bool) {
	for _, e := range b.memo {
		if e.key == key {
			return e.period, true
		}
	}
	return 0, false
}

// memoKey says whether the factor of [from, due) depends only on its length
// in days, as it does for ACT/365F, ACT/360 and regular 30/360 periods, and
// returns that length as the key.
func (b *builder) memoKey(from, due date.Date, regular bool) (int, bool) {
	switch b.t.DayCount {
	case interest.Actual365Fixed, interest.Actual360:
		return from.DaysUntil(due), true
	case interest.Thirty360E:
		if b.t.Frequency.Days() > 0 {
			return from.DaysUntil(due), true
		}
		if regular {
			return -1, true
		}
	}
	return 0, false
}

func pow10i(e int32) int64 {
	n := int64(1)
	for ; e > 0; e-- {
		n *= 10
	}
	return n
}

// period returns interest period k (1-based), computing and caching it.
func (b *builder) period(k int) period {
	for len(b.periods) < k {
		n := len(b.periods) // 0-based index of the period to add
		due := b.t.dueAt(n)
		from := b.t.Start
		if n > 0 {
			from = b.periods[n-1].due
		}
		regular := n > 0 || b.t.dueAt(-1) == b.t.Start
		key, memo := b.memoKey(from, due, regular)
		if j, ok := b.lookup(key); memo && ok {
			b.periods = append(b.periods, period{from: from, due: due, rf: b.periods[j].rf})
			b.facs = append(b.facs, b.facs[j])
			continue
		}
		rf := b.factor(from, due, regular)
		b.periods = append(b.periods, period{from: from, due: due, rf: rf})
		b.facs = append(b.facs, b.newFactor(rf))
		if memo {
			b.memo = append(b.memo, memoEntry{key, n})
		}
	}
	return b.periods[k-1]
}

// factor returns Rate/100 × the year fraction of [from, due).
func (b *builder) factor(from, due date.Date, regular bool) decimal.Decimal {
	if b.rate.IsZero() {
		return decimal.Zero
	}
	var yf decimal.Decimal
	dc := b.t.DayCount
	switch {
	case dc == interest.Thirty360E && b.t.Frequency.Months() > 0 && regular:
		// Every regular month is 30/360: months/12 exactly.
		return quo(b.rate.Mul(decimal.NewFromInt(int64(b.t.Frequency.Months()))), decimal.NewFromInt(12))
	case dc == interest.Thirty360E && b.t.Frequency.Days() > 0:
		yf = interest.Actual360.YearFraction(from, due)
	case dc == interest.ActualActualISDA && b.t.SplitAtDec31:
		return b.rate.Mul(fineractActAct(from, due)).Truncate(workPlaces)
	default:
		yf = dc.YearFraction(from, due)
	}
	return b.rate.Mul(yf).Truncate(workPlaces)
}

// fineractActAct is Apache Fineract's Actual/Actual year fraction: the
// days of a span are counted per year from 31 December of the year before
// to 31 December of the year, each in that year's length (365 or 366), so
// 2023-12-12 to 2024-01-12 is 19/365 + 12/366 (ISDA splits at 1 January:
// 20/365 + 11/366).
func fineractActAct(from, to date.Date) decimal.Decimal {
	sum := decimal.Zero
	for from.Before(to) {
		y := from.Year()
		if from.Month() == 12 && from.Day() == 31 {
			y++
		}
		end := date.MustNew(y, 12, 31)
		if end.After(to) {
			end = to
		}
		basis := int64(365)
		if date.IsLeapYear(y) {
			basis = 366
		}
		sum = sum.Add(quo(decimal.NewFromInt(int64(from.DaysUntil(end))), decimal.NewFromInt(basis)))
		from = end
	}
	return sum
}

// roundQuo returns num/den (both non-negative) rounded to an integer with
// the policy's mode. It overwrites num.
func (b *builder) roundQuo(num, den *big.Int) int64 {
	q, r := b.q.QuoRem(num, den, b.r)
	up := false
	switch b.pol.Mode {
	case money.Up:
		up = r.Sign() > 0
	case money.Down:
	default:
		c := r.Lsh(r, 1).Cmp(den)
		up = c > 0 || c == 0 && (b.pol.Mode == money.HalfAwayFromZero || q.Bit(0) == 1)
	}
	v := q.Int64()
	if up {
		v++
	}
	return v
}

// interest returns the rounded interest, in minor units, of balance bal
// over period k (1-based).
func (b *builder) interest(bal int64, k int) int64 {
	b.period(k)
	f := b.facs[k-1]
	if f.zero {
		return 0
	}
	if f.fast && bal >= 0 {
		if q, ok := roundFrac(uint64(bal), &f.frac, b.pol.Mode); ok {
			return q * b.unit
		}
	}
	return b.interestBig(bal, f)
}

// interestBig is interest computed exactly in big.Int: bal × rf × 10^40
// divided by 10^40 × unit, rounded once.
func (b *builder) interestBig(bal int64, f *factor) int64 {
	b.y.SetInt64(bal)
	b.x.Mul(b.y, f.rf)
	return b.roundQuo(b.x, b.div) * b.unit
}

// emi returns the annuity instalment for n periods, rounded, in minor units.
func (b *builder) emi(n int) int64 {
	if b.rate.IsZero() {
		b.x.SetInt64(b.financed)
		b.y.SetInt64(int64(n) * b.unit)
		return b.roundQuo(b.x, b.y) * b.unit
	}
	if prod, fn, ok := b.emiProducts(n); ok {
		setWords(b.x, &prod)
		b.y.SetInt64(b.financed)
		b.x.Mul(b.x, b.y)
		setWords(b.z, &fn)
		b.y.SetInt64(b.unit)
		b.z.Mul(b.z, b.y)
		return b.roundQuo(b.x, b.z) * b.unit
	}
	return b.emiBig(n)
}

// emiBig is the loop of emi in big.Int, for factors too large for
// emiProducts.
func (b *builder) emiBig(n int) int64 {
	unity := new(big.Int).Lsh(big.NewInt(1), binPlaces)
	prod := new(big.Int).Set(unity)
	fn := new(big.Int).Set(unity)
	g := new(big.Int)
	for k := 1; k <= n; k++ {
		b.period(k)
		g.Add(unity, b.facs[k-1].bin)
		b.y.Mul(prod, g)
		prod.Rsh(b.y, binPlaces)
		if k > 1 {
			b.y.Mul(fn, g)
			fn.Rsh(b.y, binPlaces).Add(fn, unity)
		}
	}
	b.x.SetInt64(b.financed)
	b.x.Mul(b.x, prod)
	fn.Mul(fn, big.NewInt(b.unit))
	return b.roundQuo(b.x, fn) * b.unit
}

func (b *builder) byCount() error {
	n := b.t.Count
	emi := b.toMultiple(max(b.emi(n), b.unit))
	lines, err := b.run(emi, n)
	// Rounding can leave a tiny annuity at or below a period's rounded
	// interest; then raise it just above that interest and try again.
	for tries := 0; err != nil && tries < 100; tries++ {
		var ts *TooSmallError
		if !errors.As(err, &ts) {
			return err
		}
		in, _ := ts.Interest.MinorUnits()
		emi = b.toMultiple(in + b.unit)
		lines, err = b.run(emi, n)
	}
	if err != nil {
		return err
	}
	if b.t.AdjustEMI && !b.t.Multiple.IsPositive() && !b.rate.IsZero() && len(lines) == n {
		diff := lines[n-1].amount - emi
		if diff != 0 {
			alt := emi + b.unit
			if diff < 0 {
				alt = emi - b.unit
			}
			if alt > 0 {
				if l2, err := b.run(alt, n); err == nil && len(l2) == n && abs64(l2[n-1].amount-alt) < abs64(diff) {
					lines = l2
				}
			}
		}
	}
	b.lines = lines
	return nil
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

func (b *builder) byInstalment(emi int64) error {
	lines, err := b.run(emi, 0)
	if err != nil {
		return err
	}
	b.lines = lines
	return nil
}

// run builds the lines for instalment emi: n instalments (the last absorbing
// the remainder), or with n == 0 as many as it takes. A plan ends early when
// an instalment covers the whole rest.
func (b *builder) run(emi int64, n int) ([]line, error) {
	limit := n
	if limit == 0 {
		limit = MaxPeriods
	}
	lines := make([]line, 0, min(limit, 512))
	bal := b.financed
	for k := 1; ; k++ {
		in := b.interest(bal, k)
		if k == n || bal+in <= emi {
			lines = append(lines, line{interest: in, principal: bal, amount: bal + in})
			return lines, nil
		}
		if in >= emi || k == limit {
			return nil, b.tooSmall(emi, in, k, b.periods[k-1].due, k == limit)
		}
		bal -= emi - in
		lines = append(lines, line{interest: in, principal: emi - in, amount: emi, balance: bal})
	}
}

func (b *builder) money(minor int64) money.Money {
	m, _ := money.FromMinorUnits(minor, b.cur) // the currency was validated
	return m
}

func (b *builder) tooSmall(emi, in int64, k int, due date.Date, tooLong bool) error {
	e := &TooSmallError{Instalment: b.money(emi), Interest: b.money(in), Period: k, Due: due}
	reason := "does not exceed the interest of instalment " + strconv.Itoa(k) + " (" + e.Interest.String() +
		"); the first period's interest is " + b.money(b.interest(b.financed, 1)).String()
	if tooLong {
		reason = "does not repay the debt within " + strconv.Itoa(MaxPeriods) + " instalments"
	}
	return fieldErr("Instalment", e.Instalment.String(), reason, e)
}

func (b *builder) plan() (Plan, error) {
	t := b.t
	p := Plan{terms: *t}
	if t.Rounding != nil {
		r := *t.Rounding
		p.terms.Rounding = &r
	}
	n := len(b.lines)
	hasDown := t.DownPayment.IsPositive()
	p.items = make([]Instalment, 0, n+1)
	zero := money.Zero(b.cur)
	if hasDown {
		p.items = append(p.items, Instalment{Number: 0, Due: t.downDate(), Amount: t.DownPayment,
			Interest: zero, Principal: t.DownPayment, Balance: b.money(b.financed)})
	}
	totalInterest := int64(0)
	// A Money is immutable, so lines with the same amount (all but the last,
	// usually) share one value: each distinct amount is built once.
	var amount money.Money
	amountMinor := int64(-1)
	for k, l := range b.lines {
		if l.amount != amountMinor {
			amount, amountMinor = b.money(l.amount), l.amount
		}
		p.items = append(p.items, Instalment{Number: k + 1, Due: b.periods[k].due, Amount: amount,
			Interest: b.money(l.interest), Principal: b.money(l.principal), Balance: b.money(l.balance)})
		totalInterest += l.interest
	}
	p.periods = b.periods[:n:n]
	bal := b.financed
	for k := range p.periods {
		p.periods[k].before = bal
		bal = b.lines[k].balance
	}
	first, last := p.items[len(p.items)-n], p.items[len(p.items)-1]
	total := b.money(totalInterest)
	s := Summary{
		Principal: t.Principal, DownPayment: zero, Count: n, Frequency: t.Frequency,
		Instalment: first.Amount, LastInstalment: last.Amount,
		First: b.periods[0].due, Last: b.periods[n-1].due, Rate: t.Rate,
		TotalInterest: total, TotalPaid: mustSum(t.Principal, total),
	}
	if hasDown {
		s.DownPayment, s.DownPaymentDate = t.DownPayment, t.downDate()
	}
	if !t.Rate.IsZero() {
		s.DayCount = t.DayCount
	}
	p.sum = s
	return p, nil
}
