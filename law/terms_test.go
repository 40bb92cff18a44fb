package law_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

func dkk(s string) money.Money { return money.MustNew(s, money.DKK) }

// TestCheckTerms: the law caps the contract, and the error says so.
func TestCheckTerms(t *testing.T) {
	dk := law.Builtin(dunning.DK)
	on := date.MustNew(2025, 3, 1)
	tests := []struct {
		name  string
		terms law.Terms
		field string // "" for lawful; the *TermsError's or *dunning.FieldError's field
		limit string
	}{
		{"none", law.Terms{}, "", ""},
		{"fixed below the cap", law.Terms{ReminderFee: law.FeeTerms{Fixed: dkk("60")}}, "", ""},
		{"fixed at the cap", law.Terms{ReminderFee: law.FeeTerms{Fixed: dkk("100")}}, "", ""},
		{"fixed above the cap", law.Terms{ReminderFee: law.FeeTerms{Fixed: dkk("100.01")}}, "ReminderFee.Fixed", "100.00 DKK"},
		{"percentage with a lawful max", law.Terms{ReminderFee: law.FeeTerms{Percent: decimal.NewFromInt(5), Max: dkk("100")}}, "", ""},
		{"percentage without max", law.Terms{ReminderFee: law.FeeTerms{Percent: decimal.NewFromInt(5)}}, "ReminderFee.Max", "100.00 DKK"},
		{"percentage with a max above the cap", law.Terms{ReminderFee: law.FeeTerms{Percent: decimal.NewFromInt(5), Max: dkk("150")}}, "ReminderFee.Max", "100.00 DKK"},
		{"contract rate (no cap in DK)", law.Terms{InterestPercent: decimal.NewFromInt(30)}, "", ""},
		{"both fixed and percent", law.Terms{ReminderFee: law.FeeTerms{Fixed: dkk("10"), Percent: decimal.NewFromInt(1)}}, "Terms.ReminderFee.Percent", ""},
		{"wrong currency", law.Terms{ReminderFee: law.FeeTerms{Fixed: money.MustNew("10", money.EUR)}}, "Terms.ReminderFee.Fixed", ""},
		{"min above max", law.Terms{ReminderFee: law.FeeTerms{Percent: decimal.NewFromInt(1), Min: dkk("50"), Max: dkk("40")}}, "Terms.ReminderFee.Min", ""},
		{"negative rate", law.Terms{InterestPercent: decimal.NewFromInt(-1)}, "Terms.InterestPercent", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := dk.CheckTerms(tt.terms, dunning.Consumer, on)
			if tt.field == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, dunning.ErrInvalid)
			if tt.limit != "" {
				var te *law.TermsError
				require.ErrorAs(t, err, &te)
				require.ErrorIs(t, err, law.ErrAboveLaw)
				require.Equal(t, tt.field, te.Field)
				require.Equal(t, tt.limit, te.Limit)
				require.Contains(t, err.Error(), "renteloven § 9 b")
				require.Contains(t, err.Error(), "the law caps the contract")
				return
			}
			var fe *dunning.FieldError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, tt.field, fe.Field)
		})
	}
	// Where the law allows no reminder fee at all, any contractual fee is above it.
	err := law.Builtin(dunning.NL).CheckTerms(law.Terms{ReminderFee: law.FeeTerms{Fixed: money.MustNew("5", money.EUR)}}, dunning.Consumer, on)
	var te *law.TermsError
	require.ErrorAs(t, err, &te)
	require.Equal(t, "0.00 EUR", te.Limit)
}

// TestFeeTermsFee: a percentage fee stays within its bounds, a fixed fee is itself.
func TestFeeTermsFee(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		open := dkk(decimal.NewFromInt(rapid.Int64Range(0, 10_000_000).Draw(t, "open")).Shift(-2).String())
		ft := law.FeeTerms{Percent: decimal.NewFromInt(rapid.Int64Range(1, 1000).Draw(t, "percent")).Shift(-1), Min: dkk("20"), Max: dkk("80")}
		f := ft.Fee(open)
		lo, _ := f.Compare(ft.Min)
		hi, _ := f.Compare(ft.Max)
		require.True(t, lo >= 0 && hi <= 0, "%s of %s is %s", ft.Percent, open, f)
		require.Equal(t, dkk("55"), law.FeeTerms{Fixed: dkk("55")}.Fee(open))
	})
	require.Equal(t, money.Money{}, law.FeeTerms{}.Fee(dkk("100")))
}
