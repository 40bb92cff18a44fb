package agreement

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/shopspring/decimal"
)

// When says whether annuity payments fall at the end or the beginning of each
// period (the spreadsheet "type" argument, numpy-financial's "when").
type When uint8

const (
	// End: payments at the end of each period (type 0). The zero value.
	End When = iota
	// Begin: payments at the beginning of each period (type 1, an annuity due).
	Begin
)

// String returns "end" or "begin".
func (w When) String() string {
	if w == Begin {
		return "begin"
	}
	if w == End {
		return "end"
	}
	return "When(" + strconv.Itoa(int(w)) + ")"
}

// Precision is the number of decimal places the annuity functions return:
// results are rounded half away from zero to Precision places. Every
// intermediate product is truncated, and every quotient rounded, at
// workPlaces = Precision+12 places, and powers are taken by exact integer
// exponentiation (repeated squaring), so for nper up to [MaxPeriods] and
// ordinary rates the result is correct to within a few units in the last
// place. NPER and RATE, which need a logarithm or an iteration, are accurate
// to about 1e-25 relative. The published vectors ask for at most 1e-12.
const Precision = 28

// workPlaces is the number of decimal places carried in intermediates.
const workPlaces = Precision + 12

// MaxPeriods bounds nper (and the number of instalments of a plan) so that a
// mistyped input cannot make a calculation take unbounded time and memory.
const MaxPeriods = 10000

var (
	one = decimal.NewFromInt(1)
	two = decimal.NewFromInt(2)
)

// pow returns x^n for n >= 0 by repeated squaring, truncating every product
// at workPlaces.
func pow(x decimal.Decimal, n int) decimal.Decimal {
	r := one
	for n > 0 {
		if n&1 == 1 {
			r = r.Mul(x).Truncate(workPlaces)
		}
		n >>= 1
		if n > 0 {
			x = x.Mul(x).Truncate(workPlaces)
		}
	}
	return r
}

func quo(a, b decimal.Decimal) decimal.Decimal { return a.DivRound(b, workPlaces) }

func result(d decimal.Decimal) decimal.Decimal { return d.Round(Precision) }

func checkRate(rate decimal.Decimal) error {
	if rate.Cmp(one.Neg()) <= 0 {
		return &dunning.FieldError{Field: "rate", Value: rate.String(), Reason: "must be greater than -1 (-100 %)"}
	}
	return nil
}

func checkNper(nper int) error {
	if nper < 1 || nper > MaxPeriods {
		return &dunning.FieldError{Field: "nper", Value: strconv.Itoa(nper),
			Reason: "must be between 1 and " + strconv.Itoa(MaxPeriods)}
	}
	return nil
}

func checkWhen(w When) error {
	if w > Begin {
		return &dunning.FieldError{Field: "when", Value: w.String(), Reason: "must be End or Begin"}
	}
	return nil
}

func check(rate decimal.Decimal, nper int, w When) error {
	if err := checkRate(rate); err != nil {
		return err
	}
	if err := checkNper(nper); err != nil {
		return err
	}
	return checkWhen(w)
}

// annuityFactor returns (1+r*w) * ((1+r)^n - 1) / r and (1+r)^n, for r != 0.
func annuityFactor(rate decimal.Decimal, nper int, w When) (fac, t decimal.Decimal) {
	t = pow(one.Add(rate), nper)
	fac = quo(t.Sub(one), rate)
	if w == Begin {
		fac = fac.Mul(one.Add(rate)).Truncate(workPlaces)
	}
	return fac, t
}

// PMT returns the payment per period of an annuity (spreadsheet PMT,
// numpy-financial pmt): the payment that, made nper times at rate per period,
// turns present value pv into future value fv. It uses the spreadsheet sign
// convention: money paid out is negative, so PMT(1%, 6, 100, 0, End) is
// -17.2548... Implements the annuity arithmetic behind E12.
func PMT(rate decimal.Decimal, nper int, pv, fv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := check(rate, nper, when); err != nil {
		return decimal.Zero, err
	}
	return result(pmt(rate, nper, pv, fv, when)), nil
}

func pmt(rate decimal.Decimal, nper int, pv, fv decimal.Decimal, when When) decimal.Decimal {
	n := decimal.NewFromInt(int64(nper))
	if rate.IsZero() {
		return quo(fv.Add(pv), n).Neg()
	}
	fac, t := annuityFactor(rate, nper, when)
	return quo(fv.Add(pv.Mul(t)), fac).Neg()
}

// FV returns the future value after nper periods at rate of present value pv
// and a payment pmt per period (spreadsheet FV), in the spreadsheet sign
// convention.
func FV(rate decimal.Decimal, nper int, pmt, pv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := check(rate, nper, when); err != nil {
		return decimal.Zero, err
	}
	return result(fv(rate, nper, pmt, pv, when)), nil
}

func fv(rate decimal.Decimal, nper int, pmt, pv decimal.Decimal, when When) decimal.Decimal {
	if nper == 0 {
		return pv.Neg()
	}
	if rate.IsZero() {
		return pv.Add(pmt.Mul(decimal.NewFromInt(int64(nper)))).Neg()
	}
	fac, t := annuityFactor(rate, nper, when)
	return pv.Mul(t).Add(pmt.Mul(fac)).Truncate(workPlaces).Neg()
}

// PV returns the present value of nper payments pmt at rate plus a future
// value fv (spreadsheet PV), in the spreadsheet sign convention.
func PV(rate decimal.Decimal, nper int, pmt, fv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := check(rate, nper, when); err != nil {
		return decimal.Zero, err
	}
	if rate.IsZero() {
		return result(fv.Add(pmt.Mul(decimal.NewFromInt(int64(nper)))).Neg()), nil
	}
	fac, t := annuityFactor(rate, nper, when)
	return result(quo(fv.Add(pmt.Mul(fac)), t).Neg()), nil
}

// IPMT returns the interest part of payment number per (1-based) of the
// annuity PMT(rate, nper, pv, fv, when) (spreadsheet IPMT). In Begin mode the
// first payment carries no interest and later ones carry
// FV(rate, per-1, pmt, pv, Begin) * rate / (1+rate), as numpy-financial,
// Excel and LibreOffice agree (docs/research/vectors-public.md §0.2).
func IPMT(rate decimal.Decimal, per, nper int, pv, fv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := checkPer(rate, per, nper, when); err != nil {
		return decimal.Zero, err
	}
	return result(ipmt(rate, per, nper, pv, fv, when)), nil
}

func checkPer(rate decimal.Decimal, per, nper int, when When) error {
	if err := check(rate, nper, when); err != nil {
		return err
	}
	if per < 1 || per > nper {
		return &dunning.FieldError{Field: "per", Value: strconv.Itoa(per),
			Reason: "must be between 1 and nper (" + strconv.Itoa(nper) + ")"}
	}
	return nil
}

func ipmt(rate decimal.Decimal, per, nper int, pv, fvv decimal.Decimal, when When) decimal.Decimal {
	if when == Begin && per == 1 {
		return decimal.Zero
	}
	p := pmt(rate, nper, pv, fvv, when)
	i := fv(rate, per-1, p, pv, when).Mul(rate)
	if when == Begin {
		i = quo(i, one.Add(rate))
	}
	return i.Truncate(workPlaces)
}

// PPMT returns the principal part of payment number per (1-based) of the
// annuity PMT(rate, nper, pv, fv, when) (spreadsheet PPMT): PMT - IPMT.
func PPMT(rate decimal.Decimal, per, nper int, pv, fv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := checkPer(rate, per, nper, when); err != nil {
		return decimal.Zero, err
	}
	return result(pmt(rate, nper, pv, fv, when).Sub(ipmt(rate, per, nper, pv, fv, when))), nil
}

// CUMIPMT returns the interest paid from payment start to payment end
// (1-based, inclusive) of the annuity PMT(rate, nper, pv, 0, when)
// (spreadsheet CUMIPMT), in the spreadsheet sign convention.
func CUMIPMT(rate decimal.Decimal, nper int, pv decimal.Decimal, start, end int, when When) (decimal.Decimal, error) {
	return cum(rate, nper, pv, start, end, when, true)
}

// CUMPRINC returns the principal repaid from payment start to payment end
// (1-based, inclusive) of the annuity PMT(rate, nper, pv, 0, when)
// (spreadsheet CUMPRINC), in the spreadsheet sign convention.
func CUMPRINC(rate decimal.Decimal, nper int, pv decimal.Decimal, start, end int, when When) (decimal.Decimal, error) {
	return cum(rate, nper, pv, start, end, when, false)
}

func cum(rate decimal.Decimal, nper int, pv decimal.Decimal, start, end int, when When, interest bool) (decimal.Decimal, error) {
	if err := checkPer(rate, start, nper, when); err != nil {
		return decimal.Zero, err
	}
	if end < start || end > nper {
		return decimal.Zero, &dunning.FieldError{Field: "end", Value: strconv.Itoa(end),
			Reason: "must be between start (" + strconv.Itoa(start) + ") and nper (" + strconv.Itoa(nper) + ")"}
	}
	p := pmt(rate, nper, pv, decimal.Zero, when)
	sum := decimal.Zero
	for per := start; per <= end; per++ {
		i := ipmt(rate, per, nper, pv, decimal.Zero, when)
		if interest {
			sum = sum.Add(i)
		} else {
			sum = sum.Add(p.Sub(i))
		}
	}
	return result(sum), nil
}

// NPER returns the number of periods an annuity with payment pmt per period
// at rate needs to turn pv into fv (spreadsheet NPER). The answer is
// generally fractional, and negative when pmt and pv have the same sign
// (LibreOffice NPER(6%; 153.75; 2600) = -12.02). It is computed as
// ln((pmt(1+rate*w) - fv*rate) / (pmt(1+rate*w) + pv*rate)) / ln(1+rate)
// with decimal's correctly rounded Ln at workPlaces. When no number of
// periods solves the equation (a zero payment at a zero rate, or a logarithm
// of a non-positive number) it returns an error wrapping [ErrNoSolution].
func NPER(rate, pmt, pv, fv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := checkRate(rate); err != nil {
		return decimal.Zero, err
	}
	if err := checkWhen(when); err != nil {
		return decimal.Zero, err
	}
	if rate.IsZero() {
		if pmt.IsZero() {
			return decimal.Zero, &SolveError{Func: "NPER", Reason: "a zero payment at a zero rate never reaches fv"}
		}
		return result(quo(fv.Add(pv), pmt).Neg()), nil
	}
	z := quo(pmt, rate)
	if when == Begin {
		z = z.Mul(one.Add(rate))
	}
	den := pv.Add(z)
	if den.IsZero() {
		return decimal.Zero, &SolveError{Func: "NPER", Reason: "pv + pmt/rate is zero"}
	}
	a := quo(z.Sub(fv), den)
	if a.Sign() <= 0 {
		return decimal.Zero, &SolveError{Func: "NPER", Reason: "the payment cannot turn pv into fv at this rate"}
	}
	la, err := a.Ln(workPlaces)
	if err != nil {
		return decimal.Zero, &SolveError{Func: "NPER", Reason: err.Error()}
	}
	lb, err := one.Add(rate).Ln(workPlaces)
	if err != nil || lb.IsZero() {
		return decimal.Zero, &SolveError{Func: "NPER", Reason: "ln(1+rate) is zero"}
	}
	return result(quo(la, lb)), nil
}

// RATE returns the interest rate per period at which nper payments pmt turn
// pv into fv (spreadsheet RATE). It solves the annuity equation by Newton's
// method from 10 % (as numpy-financial and spreadsheets do), at workPlaces,
// until a step is below 1e-30, in at most 200 steps; a step that would leave
// (-1, ∞) is halved back. When the iteration does not settle on a root, as
// when pmt, pv and fv all have the same sign, it returns an error wrapping
// [ErrNoSolution].
func RATE(nper int, pmt, pv, fv decimal.Decimal, when When) (decimal.Decimal, error) {
	if err := checkNper(nper); err != nil {
		return decimal.Zero, err
	}
	if err := checkWhen(when); err != nil {
		return decimal.Zero, err
	}
	eps := decimal.New(1, -30)
	r := decimal.New(1, -1)
	for range 200 {
		f, df := rateEq(r, nper, pmt, pv, fv, when)
		if df.IsZero() {
			break
		}
		step := quo(f, df)
		next := r.Sub(step)
		for next.Cmp(one.Neg()) <= 0 {
			step = quo(step, two)
			next = r.Sub(step)
		}
		r = next
		if step.Abs().Cmp(eps) < 0 {
			// Confirm it is a root and not a stall.
			f, _ := rateEq(r, nper, pmt, pv, fv, when)
			scale := pv.Abs().Add(fv.Abs()).Add(pmt.Abs().Mul(decimal.NewFromInt(int64(nper))))
			if f.Abs().Cmp(scale.Mul(decimal.New(1, -20))) <= 0 {
				return result(r), nil
			}
			break
		}
	}
	return decimal.Zero, &SolveError{Func: "RATE", Reason: "no rate solves the annuity equation"}
}

// rateEq returns f(r) = pv(1+r)^n + pmt(1+rw)((1+r)^n-1)/r + fv and f'(r).
func rateEq(r decimal.Decimal, nper int, pmt, pv, fv decimal.Decimal, when When) (f, df decimal.Decimal) {
	n := decimal.NewFromInt(int64(nper))
	w := decimal.Zero
	if when == Begin {
		w = one
	}
	if r.IsZero() {
		f = pv.Add(pmt.Mul(n)).Add(fv)
		// d/dr at 0: pv n + pmt (n(n-1)/2 + w n)
		df = pv.Mul(n).Add(pmt.Mul(quo(n.Mul(n.Sub(one)), two).Add(w.Mul(n))))
		return f, df
	}
	tn1 := pow(one.Add(r), nper-1)
	t := tn1.Mul(one.Add(r)).Truncate(workPlaces)
	dt := n.Mul(tn1)
	g := quo(t.Sub(one), r)                        // ((1+r)^n - 1)/r
	dg := quo(dt.Mul(r).Sub(t.Sub(one)), r.Mul(r)) // its derivative
	h := one.Add(r.Mul(w))                         // 1 + r w
	f = pv.Mul(t).Add(pmt.Mul(h).Mul(g)).Add(fv).Truncate(workPlaces)
	df = pv.Mul(dt).Add(pmt.Mul(w.Mul(g).Add(h.Mul(dg)))).Truncate(workPlaces)
	return f, df
}
