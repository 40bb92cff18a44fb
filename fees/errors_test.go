package fees

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

func TestBadInput(t *testing.T) {
	d := date.MustParse("2025-01-01")
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }
	t.Run("negative claim", func(t *testing.T) {
		_, err := CollectionCostCap(dunning.DK, dunning.Consumer, dkk("-5"), d)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		var fe *dunning.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "Claim", fe.Field)
		require.Equal(t, "-5.00 DKK", fe.Value)
	})
	t.Run("wrong currency", func(t *testing.T) {
		_, err := CollectionCostCap(dunning.DK, dunning.Consumer, money.MustNew("5", money.EUR), d)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorIs(t, err, money.ErrCurrencyMismatch)
		require.ErrorContains(t, err, "5.00 EUR")
	})
	t.Run("unknown jurisdiction and kind: both reported", func(t *testing.T) {
		_, err := CollectionCostCap("XX", 0, dkk("5"), d)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorContains(t, err, `Jurisdiction "XX"`)
		require.ErrorContains(t, err, `Kind "0"`)
	})
	t.Run("date before the first rule", func(t *testing.T) {
		_, err := CollectionCostCap(dunning.DK, dunning.Consumer, dkk("5"), date.MustParse("2001-05-01"))
		require.ErrorIs(t, err, ErrNoRule)
		var nr *NoRuleError
		require.ErrorAs(t, err, &nr)
		require.Equal(t, date.MustParse("2001-05-01"), nr.Date)
		require.ErrorContains(t, err, "claim arose 2001-05-01")
	})
	t.Run("DK 2009 in-force gap is an error, not a guess", func(t *testing.T) {
		_, err := CollectionCostCap(dunning.DK, dunning.Consumer, dkk("5"), date.MustParse("2009-06-15"))
		require.ErrorIs(t, err, ErrNoRule)
	})
	t.Run("DE above the verified RVG range", func(t *testing.T) {
		_, err := CollectionCostCap(dunning.DE, dunning.Consumer, money.MustNew("60000", money.EUR), d)
		require.ErrorIs(t, err, ErrNoRule)
	})
	t.Run("EU has no cap and no reminder fee", func(t *testing.T) {
		_, err := CollectionCostCap(dunning.EU, dunning.Business, money.MustNew("60", money.EUR), d)
		require.ErrorIs(t, err, ErrNoRule)
		_, err = ReminderRules(dunning.EU, dunning.Business, d, d)
		require.ErrorIs(t, err, ErrNoRule)
	})
	t.Run("reminder rule before the first rule", func(t *testing.T) {
		_, err := ReminderRules(dunning.SE, dunning.Consumer, d, date.MustParse("2010-01-01"))
		require.ErrorIs(t, err, ErrNoRule)
		require.ErrorContains(t, err, "2010-01-01")
	})
	t.Run("VAT where the law has no add-on", func(t *testing.T) {
		q := CostQuery{Jurisdiction: dunning.SE, Kind: dunning.Consumer, Claim: money.MustNew("5", money.SEK), KeyDate: d}
		q.VATPercent = q.VATPercent.Add(mustDecimal("25"))
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
	})
	t.Run("Assess: wrong currency, negative fee, zero dates; nothing changes", func(t *testing.T) {
		r, err := ReminderRules(dunning.DK, dunning.Consumer, d, d)
		require.NoError(t, err)
		hist := []Charge{{Date: d, Fee: dkk("100")}}
		c := Claim{Due: d, History: hist}
		for _, p := range []Proposal{
			{Date: d.AddDays(20), Fee: money.MustNew("1", money.EUR)},
			{Date: d.AddDays(20), Fee: dkk("-1")},
			{Fee: dkk("1")},
		} {
			_, err := Assess(r, c, p)
			require.ErrorIs(t, err, dunning.ErrInvalid)
			var fe *dunning.FieldError
			require.True(t, errors.As(err, &fe))
		}
		_, err = Assess(r, Claim{}, Proposal{Date: d, Fee: dkk("1")})
		require.ErrorContains(t, err, "Claim.Due")
		_, err = Assess(ReminderRule{}, c, Proposal{Date: d, Fee: dkk("1")})
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.Len(t, hist, 1)
	})
}

func mustDecimal(s string) decimalT { return decimalFrom(s) }

type decimalT = decimal.Decimal

func decimalFrom(s string) decimal.Decimal { return decimal.RequireFromString(s) }
