package agreement

import (
	"errors"
	"strconv"
	"testing"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genAnyTerms draws valid plan terms over the whole input space the fast
// path must handle or hand over: currencies with 0, 2, 3 and 4 decimals;
// principals from one minor unit to far beyond maxMinor; rates from zero
// and round figures (which make exact ties) to absurd ones whose interest
// overflows int64; every day count, frequency, rounding policy (including a
// rounding unit too large for int64), down payments, multiples, a count or
// a chosen instalment.
func genAnyTerms(t *rapid.T) Terms {
	cur := rapid.SampledFrom([]money.Currency{money.EUR, money.JPY, money.Currency("KWD"), money.Currency("CLF"), money.DKK}).Draw(t, "cur")
	mu, _ := cur.MinorUnits()
	var units decimal.Decimal // the principal in minor units
	switch rapid.IntRange(0, 3).Draw(t, "size") {
	case 0:
		units = decimal.NewFromInt(rapid.Int64Range(1, 200).Draw(t, "small"))
	case 1:
		units = decimal.NewFromInt(rapid.Int64Range(1, 100_000_000).Draw(t, "medium"))
	case 2:
		units = decimal.NewFromInt(rapid.Int64Range(maxMinor-1000, maxMinor+1000).Draw(t, "edge"))
	default: // beyond the fast path
		units = decimal.New(rapid.Int64Range(1, 1<<62).Draw(t, "huge"), rapid.Int32Range(0, 12).Draw(t, "exp"))
	}
	principal, err := money.FromDecimal(units.Shift(-mu), cur, money.PolicyFor(cur, money.HalfEven))
	if err != nil {
		t.Fatal(err)
	}
	rate := decimal.Zero
	switch rapid.IntRange(0, 4).Draw(t, "rateKind") {
	case 1:
		rate = decimal.New(rapid.Int64Range(1, 30000).Draw(t, "rate"), -3) // 0.001 .. 30 %
	case 2:
		rate = decimal.New(rapid.SampledFrom([]int64{1, 5, 6, 10, 12, 24, 36, 73, 100}).Draw(t, "round"), 0)
	case 3:
		rate = decimal.New(rapid.Int64Range(1, 1000).Draw(t, "absurd"), rapid.Int32Range(2, 20).Draw(t, "absurdExp"))
	case 4:
		rate = decimal.New(rapid.Int64Range(1, 9).Draw(t, "tiny"), -rapid.Int32Range(4, 30).Draw(t, "tinyExp"))
	}
	dc := rapid.SampledFrom([]interest.DayCount{interest.Thirty360E, interest.Actual365Fixed, interest.ActualActualISDA, interest.Actual360}).Draw(t, "dc")
	start := date.MustNew(2020, 1, 1).AddDays(rapid.IntRange(0, 2500).Draw(t, "start"))
	terms := Terms{
		Principal: principal, Rate: rate, DayCount: dc,
		SplitAtDec31: dc == interest.ActualActualISDA && rapid.Bool().Draw(t, "split"),
		Start:        start,
		Frequency: rapid.SampledFrom([]Frequency{Monthly, Quarterly, HalfYearly, EveryMonths(12), Weekly, Biweekly,
			EveryDays(1), EveryDays(15), EveryDays(30)}).Draw(t, "freq"),
		AdjustEMI: rapid.Bool().Draw(t, "adjust"),
	}
	if rapid.Bool().Draw(t, "hasFirst") {
		terms.First = start.AddDays(rapid.IntRange(0, 90).Draw(t, "first"))
	}
	if units.GreaterThan(decimal.NewFromInt(1)) && rapid.IntRange(0, 3).Draw(t, "down") == 0 {
		dp := units.Mul(decimal.New(rapid.Int64Range(1, 999).Draw(t, "downShare"), -3)).Floor()
		if dp.IsPositive() {
			terms.DownPayment, _ = money.FromDecimal(dp.Shift(-mu), cur, money.PolicyFor(cur, money.HalfEven))
		}
	}
	if rapid.IntRange(0, 4).Draw(t, "rounding") == 0 {
		terms.Rounding = &money.RoundingPolicy{
			Scale: rapid.SampledFrom([]int32{-20, -14, -2, -1, 0, 1, 2, 3, 4}).Draw(t, "scale"),
			Mode:  rapid.SampledFrom([]money.RoundingMode{money.HalfAwayFromZero, money.HalfEven, money.Down, money.Up}).Draw(t, "mode"),
		}
	}
	if rapid.IntRange(0, 2).Draw(t, "chosen") == 0 {
		// A chosen instalment: a share of the principal, so that plans have
		// from one to thousands of instalments, or are too small.
		share := decimal.New(rapid.Int64Range(1, 1000).Draw(t, "share"), -rapid.Int32Range(0, 4).Draw(t, "shareExp"))
		inst := units.Mul(share).Floor()
		if !inst.IsPositive() {
			inst = decimal.NewFromInt(1)
		}
		terms.Instalment, _ = money.FromDecimal(inst.Shift(-mu), cur, money.PolicyFor(cur, money.HalfEven))
		return terms
	}
	terms.Count = rapid.OneOf(rapid.IntRange(1, 3), rapid.IntRange(1, 60), rapid.IntRange(1, 400)).Draw(t, "count")
	if mu > 0 && rapid.IntRange(0, 4).Draw(t, "multiple") == 0 {
		terms.Multiple = money.MustNew(rapid.SampledFrom([]string{"0.05", "1", "10", "1000"}).Draw(t, "mult"), cur)
	}
	return terms
}

// samePlan reports how two results of a plan computation differ, or ""
// if they are the same to the cent: the same error text and *TooSmallError
// fields, or the same instalments, periods and summary.
func samePlan(p Plan, err error, q Plan, qerr error) string {
	if (err == nil) != (qerr == nil) {
		return "error " + errString(err) + " vs " + errString(qerr)
	}
	if err != nil {
		var a, b *TooSmallError
		if err.Error() != qerr.Error() || errors.As(err, &a) != errors.As(qerr, &b) {
			return "error " + err.Error() + " vs " + qerr.Error()
		}
		if a != nil && (!a.Instalment.Equal(b.Instalment) || !a.Interest.Equal(b.Interest) || a.Period != b.Period || a.Due != b.Due) {
			return "TooSmallError differs"
		}
		return ""
	}
	if p.Len() != q.Len() || len(p.periods) != len(q.periods) {
		return "length differs"
	}
	for i := range p.Len() {
		a, b := p.At(i), q.At(i)
		if a.Number != b.Number || a.Due != b.Due || !a.Amount.Equal(b.Amount) || !a.Interest.Equal(b.Interest) ||
			!a.Principal.Equal(b.Principal) || !a.Balance.Equal(b.Balance) {
			return "instalment " + show(a) + " vs " + show(b)
		}
	}
	for k := range p.periods {
		a, b := p.periods[k], q.periods[k]
		if a.from != b.from || a.due != b.due || !p.factors[a.f].Equal(q.factors[b.f]) {
			return "period differs"
		}
	}
	s, r := p.sum, q.sum
	if !s.Principal.Equal(r.Principal) || !s.DownPayment.Equal(r.DownPayment) || s.DownPaymentDate != r.DownPaymentDate ||
		s.Count != r.Count || s.Frequency != r.Frequency || !s.Instalment.Equal(r.Instalment) ||
		!s.LastInstalment.Equal(r.LastInstalment) || s.First != r.First || s.Last != r.Last || !s.Rate.Equal(r.Rate) ||
		s.DayCount != r.DayCount || !s.TotalInterest.Equal(r.TotalInterest) || !s.TotalPaid.Equal(r.TotalPaid) {
		return "summary differs"
	}
	return ""
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// show writes an instalment for a failure message.
func show(i Instalment) string {
	return strconv.Itoa(i.Number) + " " + i.Due.String() + " " + i.Amount.String() + " = " + i.Interest.String() + " + " +
		i.Principal.String() + ", balance " + i.Balance.String()
}

// TestE12_FastPathMatchesExact: for any valid terms, the int64 fast path
// (builder) either gives exactly the plan, or exactly the error, of the
// reference exactPlan (decimal arithmetic, every factor computed afresh),
// or reports that a value does not fit; and NewPlan, which then falls back
// to exactPlan, always matches it. Implements E12 (exact to the cent).
func TestE12_FastPathMatchesExact(t *testing.T) {
	var fast, fallback int
	rapid.Check(t, func(t *rapid.T) {
		terms := genAnyTerms(t)
		if err := terms.Validate(); err != nil {
			t.Fatalf("generator made invalid terms: %v", err)
		}
		want, werr := exactPlan(&terms)
		if b, ok := newBuilder(&terms); ok {
			if got, err := b.build(); err != errOverflow {
				fast++
				if d := samePlan(got, err, want, werr); d != "" {
					t.Fatalf("fast path differs from exactPlan for %+v: %s", terms, d)
				}
			} else {
				fallback++
			}
		} else {
			fallback++
		}
		got, err := NewPlan(terms)
		if d := samePlan(got, err, want, werr); d != "" {
			t.Fatalf("NewPlan differs from exactPlan for %+v: %s", terms, d)
		}
	})
	if fast == 0 || fallback == 0 {
		t.Errorf("the generator reached the fast path %d times and the fallback %d times; want both", fast, fallback)
	}
}
