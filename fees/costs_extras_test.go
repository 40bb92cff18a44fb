package fees

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// deBase is the query of vector DE-03 (RVG from 2025-06-01, 2,500 EUR, undisputed):
// 0.9 × 235.50 + 20.00 = 231.95 EUR, DERIVED. "DE-03 ... without the Schufa check"
// (docs/research/jurisdictions.md § 9) is the case the extras extend.
func deBase() CostQuery {
	return CostQuery{Jurisdiction: dunning.DE, Kind: dunning.Consumer, Claim: money.MustNew("2500", money.EUR),
		KeyDate: date.MustParse("2025-07-01")}
}

func euro(s string) money.Money { return money.MustNew(s, money.EUR) }

// TestExtrasDE: the DE decisions by kind (§§ 280, 286 BGB). CreditCheck is refused as
// contested (AG Bremen 10 C 148/14 against AG Kehl 4 C 19/11, AG Stadthagen NJW-RR 2011,
// 1171); AddressLookup is allowed at its actual cost, UNVERIFIED; ReturnedDebit is
// allowed at the bank's charge, SECONDARY (LG Düsseldorf 14c O 169/15, AG Stuttgart
// 3 C 1829/20); OtherExpense is refused.
func TestExtrasDE(t *testing.T) {
	t.Run("credit check refused, address lookup and bank charge added", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{
			{Name: "SCHUFA-Auskunft", Amount: euro("25.00"), Kind: CreditCheck},
			{Name: "EMA Berlin", Amount: euro("10.00"), Kind: AddressLookup},
			{Name: "Rücklastschrift Sparkasse", Amount: euro("3.00"), Kind: ReturnedDebit},
			{Name: "Bearbeitungsgebühr", Amount: euro("5.00")},
		}
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		requireMoney(t, "244.95", c.Amount, c.Note) // 231.95 + 10.00 + 3.00
		requireMoney(t, "231.95", c.Net)
		requireMoney(t, "13.00", c.ExtrasAllowed)
		requireMoney(t, "0", c.VAT)
		require.Equal(t, dunning.Unverified, c.Status, "the address lookup is UNVERIFIED")
		require.Len(t, c.Extras, 4)

		cc := c.Extras[0]
		require.True(t, cc.Refused)
		require.Equal(t, CreditCheck, cc.Kind)
		require.Equal(t, "SCHUFA-Auskunft", cc.Name)
		requireMoney(t, "25.00", cc.Claimed)
		requireMoney(t, "0", cc.Allowed)
		require.Contains(t, cc.Reason, "contested")
		require.Contains(t, cc.Source, "10 C 148/14")
		require.Contains(t, cc.Source, "4 C 19/11")
		require.Equal(t, dunning.Secondary, cc.Status)

		al := c.Extras[1]
		require.False(t, al.Refused)
		requireMoney(t, "10.00", al.Allowed)
		require.Equal(t, dunning.Unverified, al.Status)
		require.Contains(t, al.Reason, "§§ 280 Abs. 1, 2, 286 BGB")

		rd := c.Extras[2]
		require.False(t, rd.Refused)
		requireMoney(t, "3.00", rd.Allowed)
		require.Equal(t, dunning.Secondary, rd.Status)
		require.Contains(t, rd.Source, "14c O 169/15")

		other := c.Extras[3]
		require.True(t, other.Refused)
		require.Equal(t, OtherExpense, other.Kind)
		require.Contains(t, other.Reason, "not decided")

		require.Contains(t, c.Note, `CreditCheck "SCHUFA-Auskunft" 25.00 EUR refused`)
		require.Contains(t, c.Note, `AddressLookup "EMA Berlin" +10.00 EUR (UNVERIFIED)`)
		require.Contains(t, c.Note, `ReturnedDebit "Rücklastschrift Sparkasse" +3.00 EUR (SECONDARY)`)
		require.Contains(t, c.Note, `OtherExpense "Bearbeitungsgebühr" 5.00 EUR refused`)
		require.Contains(t, c.Source, "extras: § 280 Abs. 1 BGB; LG Düsseldorf")
		require.NotContains(t, c.Source, "AG Bremen", "refused expenses add no source to the cap")
	})
	t.Run("only a refused credit check: the cap is unchanged", func(t *testing.T) {
		base, err := CollectionCostCapFor(deBase())
		require.NoError(t, err)
		q := deBase()
		q.Extras = []Expense{{Name: "Creditreform", Amount: euro("19.90"), Kind: CreditCheck}}
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		require.True(t, c.Amount.Equal(base.Amount))
		require.Equal(t, base.Status, c.Status)
		require.Equal(t, dunning.Derived, c.Status)
		require.Equal(t, base.Source, c.Source)
		require.True(t, c.ExtrasAllowed.IsZero())
		require.True(t, c.Extras[0].Refused)
	})
	t.Run("a bank charge alone: SECONDARY", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{{Amount: euro("7.50"), Kind: ReturnedDebit}}
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		requireMoney(t, "239.45", c.Amount)
		require.Equal(t, dunning.Secondary, c.Status)
		require.Contains(t, c.Note, "ReturnedDebit +7.50 EUR")
	})
	t.Run("extras get no VAT add-on; Net and VAT are the fee's", func(t *testing.T) {
		q := deBase()
		q.VATPercent = decimal.NewFromInt(19)
		q.Extras = []Expense{{Name: "EMA", Amount: euro("10"), Kind: AddressLookup}}
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		requireMoney(t, "231.95", c.Net)
		requireMoney(t, "44.07", c.VAT) // 19 % of 231.95 = 44.0705
		requireMoney(t, "10.00", c.ExtrasAllowed)
		requireMoney(t, "286.02", c.Amount)
		sum, err := money.Sum(c.Net, c.VAT, c.ExtrasAllowed)
		require.NoError(t, err)
		require.True(t, sum.Equal(c.Amount))
	})
	t.Run("two entries of one kind: one source, both added", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{{Amount: euro("1.50"), Kind: ReturnedDebit}, {Amount: euro("2.50"), Kind: ReturnedDebit}}
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		requireMoney(t, "4.00", c.ExtrasAllowed)
		requireMoney(t, "235.95", c.Amount)
		require.Equal(t, 1, countOf(c.Source, "LG Düsseldorf"))
	})
	t.Run("business debtor: the extras are added as for a consumer", func(t *testing.T) {
		q := deBase()
		q.Kind = dunning.Business
		q.Extras = []Expense{{Amount: euro("10"), Kind: AddressLookup}}
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		requireMoney(t, "241.95", c.Amount)
	})
	t.Run("a step with no cap is still an error", func(t *testing.T) {
		q := deBase()
		q.Step = PaymentPlan
		q.Extras = []Expense{{Amount: euro("10"), Kind: AddressLookup}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, ErrNoRule)
	})
}

func countOf(s, sub string) int {
	n := 0
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			n++
		}
	}
	return n
}

// TestExtrasRefusedWithoutResearch: where the research has no rule for extra expenses
// (DK, SE, NO, NL, FI), every kind is refused with a reason naming the research section,
// and the cap is the one without extras.
func TestExtrasRefusedWithoutResearch(t *testing.T) {
	d := date.MustParse
	cases := []struct {
		q       CostQuery
		section string
	}{
		{CostQuery{Jurisdiction: dunning.DK, Claim: money.MustNew("15000", money.DKK), KeyDate: d("2020-01-01")}, "DK § 1.3"},
		{CostQuery{Jurisdiction: dunning.SE, Claim: money.MustNew("5000", money.SEK), KeyDate: d("2025-01-01")}, "SE §§ 2.1, 2.3"},
		{CostQuery{Jurisdiction: dunning.NO, Claim: money.MustNew("5000", money.NOK), KeyDate: d("2025-03-01")}, "NO § 3.3"},
		{CostQuery{Jurisdiction: dunning.NL, Claim: money.MustNew("10000", money.EUR), KeyDate: d("2024-01-01")}, "NL § 5.3"},
		{CostQuery{Jurisdiction: dunning.FI, Claim: money.MustNew("500", money.EUR), KeyDate: d("2021-01-01")}, "FI § 6.1"},
	}
	for _, tc := range cases {
		t.Run(string(tc.q.Jurisdiction), func(t *testing.T) {
			tc.q.Kind = dunning.Consumer
			base, err := CollectionCostCapFor(tc.q)
			require.NoError(t, err)
			c0 := cur(tc.q.Jurisdiction)
			amt, _ := money.New("12.34", c0)
			for _, k := range []ExpenseKind{OtherExpense, CreditCheck, AddressLookup, ReturnedDebit} {
				tc.q.Extras = append(tc.q.Extras, Expense{Name: k.String(), Amount: amt, Kind: k})
			}
			c, err := CollectionCostCapFor(tc.q)
			require.NoError(t, err)
			require.True(t, c.Amount.Equal(base.Amount), "%s: %s, want %s", tc.q.Jurisdiction, c.Amount, base.Amount)
			require.True(t, c.ExtrasAllowed.IsZero())
			require.Equal(t, c0, c.ExtrasAllowed.Currency())
			require.Equal(t, base.Status, c.Status)
			require.Equal(t, base.Source, c.Source)
			require.Len(t, c.Extras, 4)
			for _, r := range c.Extras {
				require.True(t, r.Refused, r.Kind)
				require.True(t, r.Allowed.IsZero())
				require.Contains(t, r.Reason, tc.section)
				require.NotEmpty(t, r.Source)
				require.Equal(t, dunning.Unverified, r.Status)
			}
			require.Contains(t, c.Note, "refused")
		})
	}
}

// TestExtrasValidation: a negative amount, a wrong or missing currency and an unknown
// kind are *dunning.FieldError naming the field with its index; all are reported at once.
func TestExtrasValidation(t *testing.T) {
	t.Run("negative amount", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{{Amount: euro("1"), Kind: AddressLookup}, {Amount: euro("-2"), Kind: CreditCheck}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		var fe *dunning.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "Extras[1].Amount", fe.Field)
		require.Equal(t, "-2.00 EUR", fe.Value)
		require.ErrorContains(t, err, "negative")
	})
	t.Run("wrong currency", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{{Amount: money.MustNew("10", money.DKK), Kind: AddressLookup}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorIs(t, err, money.ErrCurrencyMismatch)
		var fe *dunning.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "Extras[0].Amount", fe.Field)
	})
	t.Run("no currency", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{{Kind: AddressLookup}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorContains(t, err, "Extras[0].Amount")
	})
	t.Run("unknown kind", func(t *testing.T) {
		q := deBase()
		q.Extras = []Expense{{Amount: euro("1"), Kind: ReturnedDebit + 1}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		var fe *dunning.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "Extras[0].Kind", fe.Field)
		require.Equal(t, "ExpenseKind(4)", (ReturnedDebit + 1).String())
	})
	t.Run("every problem at once, with the other fields", func(t *testing.T) {
		q := deBase()
		q.Claim = euro("-1")
		q.Extras = []Expense{{Amount: euro("-1"), Kind: CreditCheck}, {Amount: money.MustNew("1", money.SEK), Kind: 9}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		for _, f := range []string{"Claim", "Extras[0].Amount", "Extras[1].Amount", "Extras[1].Kind"} {
			require.ErrorContains(t, err, f)
		}
	})
	t.Run("a refused expense is still validated", func(t *testing.T) {
		q := CostQuery{Jurisdiction: dunning.SE, Kind: dunning.Consumer, Claim: money.MustNew("5000", money.SEK),
			KeyDate: date.MustParse("2025-01-01"), Extras: []Expense{{Amount: money.MustNew("-5", money.SEK), Kind: CreditCheck}}}
		_, err := CollectionCostCapFor(q)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.ErrorContains(t, err, "Extras[0].Amount")
	})
}

// TestExtrasZeroValue: no extras (nil or empty) leaves every field of the cap as before;
// Extras stays nil and ExtrasAllowed is zero in the claim's currency.
func TestExtrasZeroValue(t *testing.T) {
	for _, q := range []CostQuery{
		deBase(),
		{Jurisdiction: dunning.NO, Kind: dunning.Business, Claim: money.MustNew("5000", money.NOK), KeyDate: date.MustParse("2025-03-01")},
		{Jurisdiction: dunning.DK, Kind: dunning.Consumer, Claim: money.MustNew("15000", money.DKK), KeyDate: date.MustParse("2020-01-01")},
	} {
		c, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		q.Extras = []Expense{}
		e, err := CollectionCostCapFor(q)
		require.NoError(t, err)
		for _, x := range []Cap{c, e} {
			require.Nil(t, x.Extras)
			require.True(t, x.ExtrasAllowed.IsZero())
			require.Equal(t, cur(q.Jurisdiction), x.ExtrasAllowed.Currency())
			require.NotContains(t, x.Note, "extras")
			sum, err := money.Sum(x.Net, x.VAT)
			require.NoError(t, err)
			require.True(t, sum.Equal(x.Amount))
		}
		require.Equal(t, c, e)
	}
}

// TestExpenseKindString names every kind.
func TestExpenseKindString(t *testing.T) {
	require.Equal(t, "OtherExpense", OtherExpense.String())
	require.Equal(t, "CreditCheck", CreditCheck.String())
	require.Equal(t, "AddressLookup", AddressLookup.String())
	require.Equal(t, "ReturnedDebit", ReturnedDebit.String())
}
