package interest

import (
	"errors"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var act365 = Convention{DayCount: Actual365Fixed, Rounding: money.PolicyFor(money.DKK, money.HalfAwayFromZero)}

func dkk(s string) money.Money { return money.MustNew(s, money.DKK) }

func fieldErrors(t *testing.T, err error) map[string]*dunning.FieldError {
	t.Helper()
	require.Error(t, err)
	out := map[string]*dunning.FieldError{}
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			if fe, ok := e.(*dunning.FieldError); ok {
				out[fe.Field] = fe
				return
			}
			for _, x := range j.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return out
}

func TestAccrueBadInput(t *testing.T) {
	five := Fixed(dec("5"))
	t.Run("to before from", func(t *testing.T) {
		_, err := Accrue(dkk("100"), d("2025-02-01"), d("2025-01-01"), five, act365)
		require.ErrorIs(t, err, ErrPeriod)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorContains(t, err, `to "2025-01-01": is before from 2025-02-01`)
	})
	t.Run("negative opening balance", func(t *testing.T) {
		_, err := Accrue(dkk("-100"), d("2025-01-01"), d("2025-02-01"), five, act365)
		require.ErrorIs(t, err, ErrNegativeBalance)
		require.ErrorContains(t, err, "-100.00 DKK")
	})
	t.Run("payment below zero", func(t *testing.T) {
		tl := Timeline{Opening: dkk("100"), Changes: []Change{{On: d("2025-01-10"), Amount: dkk("150"), Kind: Payment}}}
		_, err := AccrueTimeline(tl, d("2025-01-01"), d("2025-02-01"), five, act365)
		require.ErrorIs(t, err, ErrNegativeBalance)
		require.ErrorContains(t, err, `Timeline.Changes[0].Amount "150.00 DKK": takes the balance below zero, to -50`)
	})
	t.Run("mixed currencies", func(t *testing.T) {
		tl := Timeline{Opening: dkk("100"), Changes: []Change{{On: d("2025-01-10"), Amount: money.MustNew("10", money.EUR), Kind: Addition}}}
		_, err := AccrueTimeline(tl, d("2025-01-01"), d("2025-02-01"), five, act365)
		require.ErrorIs(t, err, money.ErrCurrencyMismatch)
		require.ErrorContains(t, err, "10.00 EUR")
	})
	t.Run("date with no rate", func(t *testing.T) {
		tab, err := NewRateTable("contract", d("2025-01-31"), Row{From: d("2025-01-01"), Reference: dec("5")})
		require.NoError(t, err)
		_, err = Accrue(dkk("100"), d("2025-01-15"), d("2025-03-01"), tab, act365)
		require.ErrorIs(t, err, ErrNoRate)
		require.EqualError(t, err, "interest: no contract rate for 2025-02-01; the table ends 2025-01-31")
	})
	t.Run("everything at once", func(t *testing.T) {
		tl := Timeline{
			Opening: dkk("100"),
			Changes: []Change{
				{On: d("2025-01-10"), Amount: dkk("1"), Kind: 0},
				{On: d("2025-01-05"), Amount: dkk("-1"), Kind: Addition},
			},
			Excluded: []date.Period{{From: d("2025-01-10"), To: d("2025-01-01")}},
		}
		_, err := AccrueTimeline(tl, date.Date{}, d("2025-02-01"), nil, Convention{Compounding: 7, Rounding: money.RoundingPolicy{Mode: 9}})
		fe := fieldErrors(t, err)
		for _, f := range []string{"Convention.DayCount", "Convention.Compounding", "Convention.Rounding.Mode", "from", "rates",
			"Timeline.Changes[0].Kind", "Timeline.Changes[1].On", "Timeline.Changes[1].Amount", "Timeline.Excluded[0]"} {
			require.Contains(t, fe, f)
		}
	})
	t.Run("negative fixed rate", func(t *testing.T) {
		_, err := Accrue(dkk("100"), d("2025-01-01"), d("2025-02-01"), Fixed(dec("-1")), act365)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorContains(t, err, `"-1"`)
	})
}

func TestAccrueTimeline(t *testing.T) {
	// Implements L1: a pause waives interest for its days.
	t.Run("L1 excluded period, payment and addition", func(t *testing.T) {
		tl := Timeline{
			Opening: dkk("10000"),
			Changes: []Change{
				{On: d("2025-02-01"), Amount: dkk("4000"), Kind: Payment},
				{On: d("2025-04-01"), Amount: dkk("1000"), Kind: Addition},
			},
			Excluded: []date.Period{{From: d("2025-03-01"), To: d("2025-03-11")}},
		}
		res, err := AccrueTimeline(tl, d("2025-01-01"), d("2025-05-01"), Fixed(dec("10")), act365)
		require.NoError(t, err)
		type seg struct {
			from, to string
			days     int
			bal      string
		}
		var got []seg
		for _, s := range res.Segments {
			got = append(got, seg{s.From.String(), s.To.String(), s.Days, s.Balance.String()})
		}
		require.Equal(t, []seg{
			{"2025-01-01", "2025-02-01", 31, "10000"},
			{"2025-02-01", "2025-03-01", 28, "6000"},
			{"2025-03-11", "2025-04-01", 21, "6000"},
			{"2025-04-01", "2025-05-01", 30, "7000"},
		}, got)
		// 10000*.1*31/365 + 6000*.1*49/365 + 7000*.1*30/365 = (31000+29400+21000)/365
		require.True(t, res.Amount.Sub(dec("81400").DivRound(dec("365"), 28)).Abs().LessThan(dec("1e-26")))
		requireMoney(t, "223.01", res.Total)
	})
	t.Run("yearly compounding with a rate change inside the year", func(t *testing.T) {
		tab, err := NewRateTable("NL test", dateZero,
			Row{From: d("2021-01-01"), Reference: dec("2")},
			Row{From: d("2021-07-01"), Reference: dec("4")})
		require.NoError(t, err)
		conv := Convention{DayCount: Actual365Fixed, Compounding: Yearly, Rounding: cents(money.EUR)}
		res, err := Accrue(money.MustNew("10000", money.EUR), d("2021-03-01"), d("2022-09-01"), tab, conv)
		require.NoError(t, err)
		require.Len(t, res.Segments, 3) // rate change 2021-07-01 splits; anniversary 2022-03-01 compounds
		y1 := res.Segments[0].Amount.Add(res.Segments[1].Amount)
		require.True(t, res.Segments[1].Balance.Equal(dec("10000")), "a rate change does not compound")
		require.True(t, res.Segments[2].Balance.Equal(dec("10000").Add(y1)), "the anniversary adds the year's interest")
		require.Equal(t, "2022-03-01", res.Segments[2].From.String())
	})
	t.Run("ActualActualISDA splits at 1 January", func(t *testing.T) {
		res, err := Accrue(dkk("1000"), d("2023-12-30"), d("2024-01-11"), Fixed(dec("10")),
			Convention{DayCount: ActualActualISDA, Rounding: cents(money.DKK)})
		require.NoError(t, err)
		require.Len(t, res.Segments, 2)
		require.Equal(t, 365, res.Segments[0].YearBasis)
		require.Equal(t, 366, res.Segments[1].YearBasis)
	})
	t.Run("empty period", func(t *testing.T) {
		res, err := Accrue(dkk("1000"), d("2024-01-11"), d("2024-01-11"), Fixed(dec("10")), act365)
		require.NoError(t, err)
		require.Empty(t, res.Segments)
		requireMoney(t, "0", res.Total)
		inc := act365
		inc.EndInclusive = true
		res, err = Accrue(dkk("365"), d("2024-01-11"), d("2024-01-11"), Fixed(dec("100")), inc)
		require.NoError(t, err)
		require.Equal(t, 1, res.Days)
		requireMoney(t, "1", res.Total)
	})
}

// --- properties -------------------------------------------------------------

var allDayCounts = []DayCount{Thirty360E, Actual365Fixed, ActualActualISDA, Actual360}

// genDate favours month ends, year ends and leap days.
func genDate(t *rapid.T, label string) date.Date {
	base := date.MustNew(2023, 12, 31)
	switch rapid.IntRange(0, 3).Draw(t, label+"kind") {
	case 0:
		return base.AddDays(rapid.IntRange(-3, 3).Draw(t, label+"near"))
	case 1:
		y := rapid.IntRange(2020, 2026).Draw(t, label+"y")
		m := rapid.IntRange(1, 12).Draw(t, label+"m")
		return date.MustNew(y, 1, 1).AddMonths(m).AddDays(-rapid.IntRange(0, 1).Draw(t, label+"end"))
	}
	return date.MustNew(2020, 1, 1).AddDays(rapid.IntRange(0, 6*365).Draw(t, label+"days"))
}

func genRate(t *rapid.T, label string) decimal.Decimal {
	return decimal.New(rapid.Int64Range(0, 2000).Draw(t, label), -2) // 0.00 .. 20.00 %
}

func genConv(t *rapid.T) Convention {
	return Convention{DayCount: rapid.SampledFrom(allDayCounts).Draw(t, "dc"), Rounding: cents(money.EUR)}
}

func genAmount(t *rapid.T, label string) money.Money {
	m, err := money.FromMinorUnits(rapid.Int64Range(0, 100_000_00).Draw(t, label), money.EUR)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// tolerance for comparing sums of segment amounts each rounded at 28 places.
var tiny = dec("1e-25")

func TestPropertySplitAdditive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDate(t, "a")
		b := a.AddDays(rapid.IntRange(0, 400).Draw(t, "ab"))
		c := b.AddDays(rapid.IntRange(0, 400).Draw(t, "bc"))
		conv := genConv(t)
		rates, err := NewRateTable("t", dateZero,
			Row{From: date.MustNew(2000, 1, 1), Reference: genRate(t, "r1")},
			Row{From: genDate(t, "change"), Reference: genRate(t, "r2")})
		if err != nil {
			t.Skip("change on the first row's date")
		}
		p := genAmount(t, "p")
		whole, err := Accrue(p, a, c, rates, conv)
		require.NoError(t, err)
		left, err := Accrue(p, a, b, rates, conv)
		require.NoError(t, err)
		right, err := Accrue(p, b, c, rates, conv)
		require.NoError(t, err)
		diff := whole.Amount.Sub(left.Amount.Add(right.Amount)).Abs()
		if diff.GreaterThan(tiny) {
			t.Fatalf("[a,c) %s != [a,b) %s + [b,c) %s", whole.Amount, left.Amount, right.Amount)
		}
		require.Equal(t, whole.Days, left.Days+right.Days)
	})
}

func TestPropertyZeroBalanceZeroInterest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDate(t, "a")
		res, err := Accrue(money.Zero(money.EUR), a, a.AddDays(rapid.IntRange(0, 2000).Draw(t, "n")), Fixed(genRate(t, "r")), genConv(t))
		require.NoError(t, err)
		require.True(t, res.Amount.IsZero())
		require.True(t, res.Total.IsZero())
	})
}

func TestPropertyMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDate(t, "a")
		b := a.AddDays(rapid.IntRange(0, 800).Draw(t, "n"))
		later := b.AddDays(rapid.IntRange(0, 40).Draw(t, "more"))
		conv := genConv(t)
		conv.EndInclusive = rapid.Bool().Draw(t, "inclusive")
		conv.Compounding = rapid.SampledFrom([]Compounding{Simple, Yearly}).Draw(t, "comp")
		r := genRate(t, "r")
		higher := r.Add(decimal.New(rapid.Int64Range(0, 500).Draw(t, "dr"), -2))
		p := genAmount(t, "p")
		base, err := Accrue(p, a, b, Fixed(r), conv)
		require.NoError(t, err)
		hi, err := Accrue(p, a, b, Fixed(higher), conv)
		require.NoError(t, err)
		long, err := Accrue(p, a, later, Fixed(r), conv)
		require.NoError(t, err)
		require.False(t, hi.Amount.LessThan(base.Amount), "higher rate gave less")
		require.False(t, long.Amount.LessThan(base.Amount), "later end gave less")

		// A payment never increases interest.
		pay := money.Zero(money.EUR)
		if p.IsPositive() {
			pm, _ := money.FromMinorUnits(rapid.Int64Range(1, mustMinor(p)).Draw(t, "pay"), money.EUR)
			pay = pm
		}
		on := a.AddDays(rapid.IntRange(-5, 900).Draw(t, "payday"))
		paid, err := AccrueTimeline(Timeline{Opening: p, Changes: []Change{{On: on, Amount: pay, Kind: Payment}}}, a, b, Fixed(r), conv)
		require.NoError(t, err)
		require.False(t, paid.Amount.GreaterThan(base.Amount), "payment increased interest")
	})
}

func mustMinor(m money.Money) int64 {
	n, err := m.MinorUnits()
	if err != nil {
		panic(err)
	}
	return n
}

// Implements L1: excluded periods contribute nothing: accruing with an
// exclusion equals accruing without it minus the excluded part.
func TestPropertyExcludedContributesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDate(t, "a")
		c := a.AddDays(rapid.IntRange(0, 800).Draw(t, "n"))
		pf := a.AddDays(rapid.IntRange(-30, 800).Draw(t, "pf"))
		pt := pf.AddDays(rapid.IntRange(1, 200).Draw(t, "pn"))
		conv := genConv(t)
		r := Fixed(genRate(t, "r"))
		p := genAmount(t, "p")
		with, err := AccrueTimeline(Timeline{Opening: p, Excluded: []date.Period{{From: pf, To: pt}}}, a, c, r, conv)
		require.NoError(t, err)
		for _, s := range with.Segments {
			if s.From.Before(pt) && s.To.After(pf) {
				t.Fatalf("segment [%s,%s) overlaps the excluded [%s,%s)", s.From, s.To, pf, pt)
			}
		}
		// The whole = with exclusion + the excluded overlap accrued alone.
		whole, err := Accrue(p, a, c, r, conv)
		require.NoError(t, err)
		ov, ok := (date.Period{From: a, To: c}).Overlap(date.Period{From: pf, To: pt})
		part := decimal.Zero
		if ok {
			pr, err := Accrue(p, ov.From, ov.To, r, conv)
			require.NoError(t, err)
			part = pr.Amount
		}
		if whole.Amount.Sub(with.Amount.Add(part)).Abs().GreaterThan(tiny) {
			t.Fatalf("whole %s != with exclusion %s + excluded %s", whole.Amount, with.Amount, part)
		}
	})
}

func TestErrorsAreTyped(t *testing.T) {
	_, err := Accrue(dkk("1"), d("2025-01-02"), d("2025-01-01"), Fixed(dec("1")), act365)
	var fe *dunning.FieldError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, "to", fe.Field)
	require.Equal(t, "2025-01-01", fe.Value)
}

// The integer fast path of segment amounts equals decimal's DivRound at 28
// places, including operands that force the fallback.
func TestPropertySegmentAmountMatchesDivRound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bal := decimal.New(rapid.Int64Range(0, 1<<62).Draw(t, "bal"), -int32(rapid.IntRange(0, 30).Draw(t, "be")))
		pct := decimal.New(rapid.Int64Range(0, 100000).Draw(t, "pct"), -int32(rapid.IntRange(0, 6).Draw(t, "pe")))
		days := rapid.IntRange(1, 400).Draw(t, "days")
		basis := rapid.SampledFrom([]int{360, 365, 366}).Draw(t, "basis")
		want := bal.Mul(pct).Mul(decimal.NewFromInt(int64(days))).DivRound(decimal.NewFromInt(int64(100*basis)), 28)
		got := segmentAmount(bal, pct, days, basis)
		if !got.Equal(want) {
			t.Fatalf("got %s want %s", got, want)
		}
	})
}
