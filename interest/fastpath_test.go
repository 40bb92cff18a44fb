package interest

import (
	"math/big"
	"testing"

	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestRunningMatchesDecimal: validate's running balance, kept in integers
// while it can, has the value, exponent and sign that decimal's Add and Sub
// give, also when an amount has another exponent or is too large.
func TestRunningMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		genAmount := func(label string) decimal.Decimal {
			exp := rapid.SampledFrom([]int32{-2, -2, -2, 0, -3}).Draw(t, label+".exp")
			c := rapid.OneOf(rapid.Int64Range(0, 100_000), rapid.Int64Range(0, 999_999_999_999_999_999)).Draw(t, label)
			if rapid.IntRange(0, 9).Draw(t, label+".huge") == 0 {
				return decimal.New(c, exp).Mul(decimal.New(c+1, 0)) // beyond 18 digits
			}
			return decimal.New(c, exp)
		}
		opening, _ := money.FromMinorUnits(rapid.Int64Range(-1000, 999_999_999_999_999_999).Draw(t, "opening"), money.EUR)
		r, want := newRunning(opening), opening.Amount()
		for range rapid.IntRange(0, 12).Draw(t, "changes") {
			d := genAmount("amount")
			sub := rapid.Bool().Draw(t, "sub")
			r.add(d, sub)
			if sub {
				want = want.Sub(d)
			} else {
				want = want.Add(d)
			}
			got := r.decimal()
			if !got.Equal(want) || got.Exponent() != want.Exponent() || r.isNegative() != want.IsNegative() {
				t.Fatalf("running = %v (exp %d, negative %v), want %v (exp %d)", got, got.Exponent(), r.isNegative(), want, want.Exponent())
			}
		}
	})
}

// TestU128DecimalScratch: one scratch serves many conversions; each result
// is its own value (NewFromBigInt copies the scratch).
func TestU128DecimalScratch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var sc scratch
		a := u128{rapid.Uint64().Draw(t, "ahi"), rapid.Uint64().Draw(t, "alo")}
		b := u128{rapid.Uint64().Draw(t, "bhi"), rapid.Uint64().Draw(t, "blo")}
		da := a.decimal(&sc)
		before := da.String()
		db := b.decimal(&sc)
		if da.String() != before {
			t.Fatalf("converting %v changed the earlier result %s to %s", b, before, da)
		}
		for _, c := range []struct {
			u u128
			d decimal.Decimal
		}{{a, da}, {b, db}} {
			want := decimal.NewFromBigInt(u128Big(c.u), -amountPlaces)
			if !c.d.Equal(want) || c.d.Exponent() != -amountPlaces {
				t.Fatalf("%v.decimal() = %v, want %v", c.u, c.d, want)
			}
		}
	})
}

func u128Big(u u128) *big.Int {
	b := new(big.Int).SetUint64(u.hi)
	return b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(u.lo))
}
