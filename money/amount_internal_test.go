package money

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestAppendAmountIsStringFixed checks the int64 fast path of appendAmount
// (String, MarshalJSON, GoString, Format) against decimal's StringFixed, for
// amounts of every known currency with any coefficient (up to 30 digits, so
// both paths run) and any exponent, canonical or not.
func TestAppendAmountIsStringFixed(t *testing.T) {
	codes := Currencies()
	rapid.Check(t, func(t *rapid.T) {
		c := rapid.SampledFrom(codes).Draw(t, "currency")
		digits := rapid.StringMatching(`-?[0-9]{1,30}`).Draw(t, "coefficient")
		v, _ := new(big.Int).SetString(digits, 10)
		exp := int32(rapid.IntRange(-8, 3).Draw(t, "exp"))
		if rapid.Bool().Draw(t, "canonical") {
			d, _ := c.MinorUnits()
			exp = -d
		}
		m := Money{amount: decimal.NewFromBigInt(v, exp), currency: c}
		want := m.amount.StringFixed(m.scale())
		if got := string(m.appendAmount(nil)); got != want {
			t.Fatalf("appendAmount(%s e%d %s) = %q, want %q", digits, exp, c, got, want)
		}
		if got := m.String(); got != want+" "+string(c) {
			t.Fatalf("String = %q, want %q", got, want+" "+string(c))
		}
	})
}
