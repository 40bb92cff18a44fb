package agreement

import (
	"math/big"

	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// This file holds the plan computed the plain way, in decimal and big.Int
// arithmetic: no int64 minor units, no fixed-width shortcuts, no memo of
// period factors. NewPlan uses it when the int64 fast path (builder) cannot
// hold a value: an amount above maxMinor minor units, a rounding unit above
// maxMinor, or an interest or instalment above maxFast, which only absurd
// rates reach. The tests use it as the reference: for any terms, NewPlan
// must give exactly the plan exactPlan gives (TestE12_FastPathMatchesExact).

// exactLine is one instalment in the currency's major units.
type exactLine struct{ interest, principal, amount, balance decimal.Decimal }

// exactBuilder is the plan builder in decimal arithmetic.
type exactBuilder struct {
	t        *Terms
	cur      money.Currency
	mu       int32
	pol      money.RoundingPolicy // rounds interest and the computed instalment
	minor    money.RoundingPolicy // the currency's minor units: exact for every amount of a plan
	unit     decimal.Decimal      // one rounding unit: 10^-Scale
	rate     decimal.Decimal      // Rate/100
	financed decimal.Decimal      // Principal less the down payment
	periods  []period
	factors  []decimal.Decimal // one per period
}

// exactPlan computes the plan for valid terms t (see NewPlan) in decimal
// arithmetic.
func exactPlan(t *Terms) (Plan, error) {
	b := newExactBuilder(t)
	var lines []exactLine
	var s *exactShortfall
	if t.Count > 0 {
		lines, s = b.byCount()
	} else {
		lines, s = b.run(t.Instalment.Amount(), 0)
	}
	if s != nil {
		return Plan{}, s.err
	}
	return b.plan(lines), nil
}

func newExactBuilder(t *Terms) *exactBuilder {
	b := &exactBuilder{t: t, cur: t.currency(), pol: t.policy(), rate: t.Rate.Shift(-2), financed: t.Principal.Amount()}
	b.mu, _ = b.cur.MinorUnits()
	b.minor = money.PolicyFor(b.cur, money.HalfEven)
	b.unit = decimal.New(1, -b.pol.Scale)
	if t.DownPayment.IsValid() {
		b.financed = b.financed.Sub(t.DownPayment.Amount())
	}
	return b
}

// factor returns the interest factor of period k (1-based), computing the
// periods up to it, each with its own factor.
func (b *exactBuilder) factor(k int) decimal.Decimal {
	for n := len(b.periods); n < k; n++ {
		due := b.t.dueAt(n)
		from := b.t.Start
		if n > 0 {
			from = b.periods[n-1].due
		}
		regular := n > 0 || b.t.dueAt(-1) == b.t.Start
		b.periods = append(b.periods, period{from: from, due: due, f: int32(n)})
		b.factors = append(b.factors, periodFactor(b.t, b.rate, from, due, regular))
	}
	return b.factors[k-1]
}

// interest returns the interest of balance bal over period k, rounded once
// with the policy.
func (b *exactBuilder) interest(bal decimal.Decimal, k int) decimal.Decimal {
	return b.pol.Round(bal.Mul(b.factor(k)))
}

// emi returns the annuity instalment for n periods, rounded once with the
// policy: the debt split evenly without interest, else annuity over the
// periods' factors.
func (b *exactBuilder) emi(n int) decimal.Decimal {
	if b.rate.IsZero() {
		q, _ := b.pol.Quo(b.financed, decimal.NewFromInt(int64(n))) // n > 0, mode valid
		return q
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(workPlaces), nil)
	bins := make([]*big.Int, n)
	for k := range bins {
		bin := b.factor(k + 1).Shift(workPlaces).BigInt()
		bins[k] = bin.Quo(bin.Lsh(bin, binPlaces), scale)
	}
	unit := b.unit.Shift(b.mu).BigInt()
	v := annuity(b.financed.Shift(b.mu).BigInt(), bins, unit, b.pol.Mode)
	return decimal.NewFromBigInt(v, -b.mu)
}

// toMultiple rounds emi up to a multiple of Terms.Multiple, if set.
func (b *exactBuilder) toMultiple(emi decimal.Decimal) decimal.Decimal {
	m := b.t.Multiple.Amount()
	if !m.IsPositive() {
		return emi
	}
	q, r := emi.QuoRem(m, 0)
	if r.IsPositive() {
		q = q.Add(one)
	}
	return q.Mul(m)
}

func (b *exactBuilder) byCount() ([]exactLine, *exactShortfall) {
	n := b.t.Count
	emi := b.emi(n)
	if emi.Cmp(b.unit) < 0 {
		emi = b.unit
	}
	emi = b.toMultiple(emi)
	lines, s := b.run(emi, n)
	for tries := 0; s != nil && tries < 100; tries++ {
		emi = b.toMultiple(s.in.Add(b.unit))
		lines, s = b.run(emi, n)
	}
	if s != nil {
		return nil, s
	}
	if b.t.AdjustEMI && !b.t.Multiple.IsPositive() && !b.rate.IsZero() && len(lines) == n {
		diff := lines[n-1].amount.Sub(emi)
		if !diff.IsZero() {
			alt := emi.Add(b.unit)
			if diff.IsNegative() {
				alt = emi.Sub(b.unit)
			}
			if alt.IsPositive() {
				if l2, s := b.run(alt, n); s == nil && len(l2) == n && l2[n-1].amount.Sub(alt).Abs().Cmp(diff.Abs()) < 0 {
					lines = l2
				}
			}
		}
	}
	return lines, nil
}

// exactShortfall says why run stopped without a plan: the instalment does
// not exceed the interest in of a period, or does not repay the debt within
// MaxPeriods instalments; err is the error NewPlan returns for it.
type exactShortfall struct {
	err error
	in  decimal.Decimal
}

// run builds the lines for instalment emi: n instalments (the last
// absorbing the remainder), or with n == 0 as many as it takes. A plan
// ends early when an instalment covers the whole rest.
func (b *exactBuilder) run(emi decimal.Decimal, n int) ([]exactLine, *exactShortfall) {
	limit := n
	if limit == 0 {
		limit = MaxPeriods
	}
	var lines []exactLine
	bal := b.financed
	for k := 1; ; k++ {
		in := b.interest(bal, k)
		if k == n || bal.Add(in).Cmp(emi) <= 0 {
			return append(lines, exactLine{interest: in, principal: bal, amount: bal.Add(in), balance: decimal.Zero}), nil
		}
		if in.Cmp(emi) >= 0 || k == limit {
			err := tooSmall(b.money(emi), b.money(in), b.money(b.interest(b.financed, 1)), k, b.periods[k-1].due, k == limit)
			return nil, &exactShortfall{err: err, in: in}
		}
		p := emi.Sub(in)
		bal = bal.Sub(p)
		lines = append(lines, exactLine{interest: in, principal: p, amount: emi, balance: bal})
	}
}

// money returns d (a whole number of minor units) as Money.
func (b *exactBuilder) money(d decimal.Decimal) money.Money {
	m, _ := money.FromDecimal(d, b.cur, b.minor) // exact: nothing to round
	return m
}

func (b *exactBuilder) plan(lines []exactLine) Plan {
	t := b.t
	items := make([]Instalment, 0, len(lines)+1)
	if t.DownPayment.IsPositive() {
		items = append(items, Instalment{Number: 0, Due: t.downDate(), Amount: t.DownPayment,
			Interest: money.Zero(b.cur), Principal: t.DownPayment, Balance: b.money(b.financed)})
	}
	total := decimal.Zero
	for k, l := range lines {
		items = append(items, Instalment{Number: k + 1, Due: b.periods[k].due, Amount: b.money(l.amount),
			Interest: b.money(l.interest), Principal: b.money(l.principal), Balance: b.money(l.balance)})
		total = total.Add(l.interest)
	}
	n := len(lines)
	return finish(t, items, b.periods[:n:n], b.factors[:n:n], b.money(total))
}
