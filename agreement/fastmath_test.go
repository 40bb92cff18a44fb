package agreement

import (
	"math/big"
	"testing"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The fast paths of fastmath.go against the straightforward big.Int
// computations they replace (E12).

// bigBuilder returns a builder with just what interestBig needs.
func bigBuilder(unit int64, mode money.RoundingMode) *builder {
	b := &builder{unit: unit, maxQ: maxFast / unit, pol: money.RoundingPolicy{Mode: mode}}
	b.scale.Exp(big.NewInt(10), big.NewInt(workPlaces), nil)
	b.div.Mul(&b.scale, big.NewInt(unit))
	return b
}

// TestRoundFracMatchesBig: roundFrac, when it answers, rounds bal × rf
// exactly as interestBig does, including exact ties and whole results,
// which it must leave to interestBig.
func TestRoundFracMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		unit := rapid.SampledFrom([]int64{1, 10, 100, 10000}).Draw(t, "unit")
		mode := rapid.SampledFrom([]money.RoundingMode{money.HalfAwayFromZero, money.HalfEven, money.Down, money.Up}).Draw(t, "mode")
		b := bigBuilder(unit, mode)
		var bal int64
		r := new(big.Int)
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0: // any factor below div
			bal = rapid.OneOf(rapid.Int64Range(0, 1000), rapid.Int64Range(0, maxMinor)).Draw(t, "bal")
			for range 3 {
				r.Lsh(r, 64)
				r.Add(r, new(big.Int).SetUint64(rapid.Uint64().Draw(t, "word")))
			}
			r.Mod(r, &b.div)
		default: // bal × rf / unit is exactly q or q + 1/2: a tie or a whole number
			bal = int64(1)
			for range rapid.IntRange(0, 30).Draw(t, "twos") {
				bal *= 2
			}
			for range rapid.IntRange(0, 12).Draw(t, "fives") {
				bal *= 5
			}
			q := rapid.Int64Range(0, bal-1).Draw(t, "q")
			num := big.NewInt(2 * q)
			if rapid.Bool().Draw(t, "tie") {
				num.Add(num, big.NewInt(1))
			}
			r.Mul(&b.div, num)
			r.Quo(r, big.NewInt(2*bal)) // exact: 2·bal divides 10^40
			r.Add(r, big.NewInt(rapid.Int64Range(-1, 1).Draw(t, "nudge")))
		}
		if r.Sign() <= 0 || r.Cmp(&b.div) >= 0 {
			t.Skip("factor out of the fast path's range")
		}
		b.rate = decimal.NewFromInt(1) // not zero
		f := b.newFactor(decimal.NewFromBigInt(r, -workPlaces))
		if !f.fast || f.rf.Cmp(r) != 0 {
			t.Fatalf("newFactor(%v): fast %v, rf %v", r, f.fast, f.rf)
		}
		want, fits := b.interestBig(bal, f)
		if !fits {
			t.Skip("interest beyond the fast path's range")
		}
		if got, ok := roundFrac(uint64(bal), &f.frac, mode); ok && got*unit != want {
			t.Fatalf("bal %d, rf %v×10^-40, unit %d, %v: roundFrac %d, big %d", bal, r, unit, mode, got*unit, want)
		}
	})
}

// TestMulShiftMatchesBig: mulShift3 is floor(x × y / 2^binPlaces), or
// reports that it does not fit 192 bits.
func TestMulShiftMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var x, y [3]uint64
		for i := range 3 {
			x[i], y[i] = rapid.Uint64().Draw(t, "x"), rapid.Uint64().Draw(t, "y")
		}
		if rapid.Bool().Draw(t, "small") { // values near 2^binPlaces, as in a plan
			x[2], y[2] = x[2]>>50, 1<<(binPlaces-128)+y[2]>>60
		}
		bx, by := new(big.Int), new(big.Int)
		setWords(bx, &x)
		setWords(by, &y)
		want := new(big.Int).Rsh(bx.Mul(bx, by), binPlaces)
		z0, z1, z2, ok := mulShift3(x[0], x[1], x[2], y[0], y[1], y[2])
		got := [3]uint64{z0, z1, z2}
		if fits := want.BitLen() <= 192; ok != fits {
			t.Fatalf("mulShift3(%v, %v): ok %v, want %v", x, y, ok, fits)
		}
		if ok {
			g := new(big.Int)
			setWords(g, &got)
			if g.Cmp(want) != 0 {
				t.Fatalf("mulShift3(%v, %v) = %v, want %v", x, y, g, want)
			}
		}
	})
}

// TestEmiMatchesBig: emi with its 192-bit loop and memoised factors gives
// the instalment annuity gives over factors computed afresh per period.
func TestEmiMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := date.MustNew(2020, 1, 1).AddDays(rapid.IntRange(0, 2000).Draw(t, "start"))
		terms := Terms{
			Principal: money.MustNew("1", money.EUR),
			Rate:      decimal.New(rapid.OneOf(rapid.Int64Range(1, 30000), rapid.Int64Range(1, 10_000_000)).Draw(t, "rate"), -3),
			DayCount:  rapid.SampledFrom([]interest.DayCount{interest.Thirty360E, interest.Actual365Fixed, interest.ActualActualISDA, interest.Actual360}).Draw(t, "dc"),
			Start:     start,
			First:     start.AddDays(rapid.IntRange(0, 400).Draw(t, "first")),
			Frequency: rapid.SampledFrom([]Frequency{Monthly, Quarterly, Weekly, EveryDays(1), EveryMonths(12)}).Draw(t, "freq"),
			Count:     rapid.IntRange(1, 600).Draw(t, "count"),
		}
		terms.Principal, _ = money.FromMinorUnits(rapid.Int64Range(1, maxMinor).Draw(t, "principal"), money.EUR)
		n := terms.Count
		b, _ := newBuilder(&terms)
		b.grow(n)
		got, ok := b.emi(n)
		want := newExactBuilder(&terms).emi(n).Shift(2).IntPart()
		if ok && got != want {
			t.Fatalf("%+v: emi %d, annuity %d", terms, got, want)
		}
	})
}

// TestBreachMatchesDefinition: breach (one pass) decides as
// breachQuadratic, the rule as written (E13).
func TestBreachMatchesDefinition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		items := make([]InstalmentStatus, n)
		due := date.MustNew(2025, 1, 1)
		for i := range items {
			due = due.AddDays(rapid.IntRange(0, 40).Draw(t, "step")) // equal dues as after termination
			it := InstalmentStatus{Instalment: Instalment{Number: i + 1, Due: due}}
			it.State = State(rapid.IntRange(0, 2).Draw(t, "state"))
			if it.State == Paid {
				it.PaidOn = due.AddDays(rapid.IntRange(-40, 60).Draw(t, "paid"))
			}
			items[i] = it
		}
		if n > 1 && rapid.IntRange(0, 9).Draw(t, "shuffle") == 0 { // out of order: falls back
			i, j := rapid.IntRange(0, n-1).Draw(t, "i"), rapid.IntRange(0, n-1).Draw(t, "j")
			items[i].Due, items[j].Due = items[j].Due, items[i].Due
		}
		r := BreachRule{GraceDays: rapid.IntRange(0, 20).Draw(t, "grace"), Missed: rapid.IntRange(0, 4).Draw(t, "missed")}
		asOf := date.MustNew(2025, 1, 1).AddDays(rapid.IntRange(0, 1500).Draw(t, "asOf"))
		got, want := breach(items, r, asOf), breachQuadratic(items, r, asOf)
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Fatalf("breach = %+v, want %+v", got, want)
		}
	})
}

// TestNextDueMatchesDueAt: nextDue, stepping months without AddMonths,
// gives every due date dueAt (AddMonths from the anchor) gives, including
// month ends, leap days and the end of the supported calendar.
func TestNextDueMatchesDueAt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := rapid.SampledFrom([]date.Date{date.MustNew(2020, 1, 1), date.MustNew(1999, 12, 1), date.MustNew(9990, 1, 1)}).Draw(t, "base")
		start := base.AddDays(rapid.IntRange(0, 1500).Draw(t, "start"))
		terms := Terms{Start: start, Frequency: rapid.SampledFrom([]Frequency{Monthly, Quarterly, HalfYearly,
			EveryMonths(2), EveryMonths(5), EveryMonths(12), Weekly, EveryDays(31)}).Draw(t, "freq")}
		if rapid.Bool().Draw(t, "hasFirst") {
			terms.First = start.AddDays(rapid.IntRange(0, 70).Draw(t, "first"))
		}
		b := &builder{t: &terms}
		var prev date.Date
		for n := range rapid.IntRange(1, 400).Draw(t, "n") {
			got, want := b.nextDue(n, prev), terms.dueAt(n)
			if got != want {
				t.Fatalf("%+v: due date %d is %s, want %s", terms, n, got, want)
			}
			prev = got
		}
	})
}
