package money_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/money"
)

// amounts parses "a b c" in currency c.
func amounts(c money.Currency, s string) []money.Money {
	var ms []money.Money
	for f := range strings.FieldsSeq(s) {
		ms = append(ms, money.MustNew(f, c))
	}
	return ms
}

func TestSplit(t *testing.T) {
	tests := []struct {
		m    money.Money
		n    int
		want string
	}{
		{money.MustNew("100.00", money.EUR), 3, "33.34 33.33 33.33"},
		{money.MustNew("-100.00", money.EUR), 3, "-33.34 -33.33 -33.33"},
		{money.MustNew("100.00", money.EUR), 1, "100.00"},
		{money.MustNew("0.05", money.EUR), 3, "0.02 0.02 0.01"},
		{money.MustNew("-0.05", money.EUR), 3, "-0.02 -0.02 -0.01"},
		{money.MustNew("0.02", money.EUR), 5, "0.01 0.01 0 0 0"},
		{money.MustNew("-0.02", money.EUR), 5, "-0.01 -0.01 0 0 0"},
		{money.MustNew("0", money.EUR), 3, "0 0 0"},
		{money.MustNew("0.23", money.EUR), 24, "0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0.01 0"}, // the go-style §4.1 bug
		{money.MustNew("10", money.JPY), 3, "4 3 3"},
		{money.MustNew("-10", money.JPY), 4, "-3 -3 -2 -2"},
		{money.MustNew("1.000", money.Currency("KWD")), 3, "0.334 0.333 0.333"},
		{money.MustNew("1", money.Currency("CLF")), 3, "0.3334 0.3333 0.3333"},
		{money.MustNew("1200.00", money.DKK), 12, "100 100 100 100 100 100 100 100 100 100 100 100"},
		{money.MustNew("12345678901234567.89", money.DKK), 2, "6172839450617283.95 6172839450617283.94"},
	}
	for _, tt := range tests {
		got, err := tt.m.Split(tt.n)
		require.NoError(t, err)
		if d := cmp.Diff(amounts(tt.m.Currency(), tt.want), got); d != "" {
			t.Errorf("%#v.Split(%d) (-want +got):\n%s", tt.m, tt.n, d)
		}
	}
}

func TestSplitErrors(t *testing.T) {
	m := money.MustNew("10.00", money.EUR)
	for _, n := range []int{0, -1, math.MinInt, money.MaxParts + 1, math.MaxInt} {
		_, err := m.Split(n)
		require.ErrorIs(t, err, money.ErrInvalidArgument)
	}
	_, err := m.Split(0)
	require.EqualError(t, err, "money: cannot split 10.00 EUR into 0 parts, want 1 to 1048576: money: invalid argument")
	parts, err := money.MustNew("0.01", money.EUR).Split(money.MaxParts)
	require.NoError(t, err)
	require.Len(t, parts, money.MaxParts)
	_, err = money.Zero("EUX").Split(2)
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		m      money.Money
		ratios []int64
		want   string
	}{
		{money.MustNew("100.00", money.EUR), []int64{1, 1, 1}, "33.34 33.33 33.33"},
		{money.MustNew("100.00", money.EUR), []int64{70, 30}, "70.00 30.00"},
		{money.MustNew("100.00", money.EUR), []int64{1, 2, 3}, "16.67 33.33 50.00"},     // 16.666 33.333 50
		{money.MustNew("-100.00", money.EUR), []int64{1, 2, 3}, "-16.67 -33.33 -50.00"}, // symmetric
		{money.MustNew("0.05", money.EUR), []int64{3, 7}, "0.02 0.03"},                  // shares 0.015 0.035: the tie goes to the first
		{money.MustNew("0.05", money.EUR), []int64{7, 3}, "0.04 0.01"},                  // shares 0.035 0.015: the tie goes to the first
		{money.MustNew("0.01", money.EUR), []int64{1, 1}, "0.01 0"},                     // shares 0.005 0.005
		{money.MustNew("0.01", money.EUR), []int64{1, 2}, "0 0.01"},                     // shares 0.0033 0.0067: largest remainder
		{money.MustNew("0.02", money.EUR), []int64{1, 1, 1}, "0.01 0.01 0"},             // shares 0.0067 each
		{money.MustNew("10.00", money.EUR), []int64{0, 1, 0}, "0 10.00 0"},              // zero ratios get nothing
		{money.MustNew("0.03", money.EUR), []int64{0, 1, 0, 1}, "0 0.02 0 0.01"},        // shares 0.015 0.015
		{money.MustNew("10", money.JPY), []int64{1, 1, 1}, "4 3 3"},
		{money.MustNew("1.000", money.Currency("KWD")), []int64{1, 1, 1}, "0.334 0.333 0.333"},
		{money.MustNew("0", money.EUR), []int64{5, 5}, "0 0"},
		{money.MustNew("100.00", money.EUR), []int64{math.MaxInt64, math.MaxInt64}, "50.00 50.00"}, // sum overflows int64
		{money.MustNew("12345678901234567.89", money.DKK), []int64{1, 1}, "6172839450617283.95 6172839450617283.94"},
	}
	for _, tt := range tests {
		got, err := tt.m.Allocate(tt.ratios...)
		require.NoError(t, err)
		if d := cmp.Diff(amounts(tt.m.Currency(), tt.want), got); d != "" {
			t.Errorf("%#v.Allocate(%v) (-want +got):\n%s", tt.m, tt.ratios, d)
		}
	}
}

func TestAllocateErrors(t *testing.T) {
	m := money.MustNew("10.00", money.EUR)
	tests := []struct {
		ratios []int64
		want   string
	}{
		{nil, "money: cannot allocate 10.00 EUR to 0 ratios, want 1 to 1048576: money: invalid argument"},
		{make([]int64, money.MaxParts+1), "money: cannot allocate 10.00 EUR to 1048577 ratios, want 1 to 1048576: money: invalid argument"},
		{[]int64{1, -1}, "money: cannot allocate 10.00 EUR: ratio 1 is -1, ratios must not be negative: money: invalid argument"},
		{[]int64{0, 0}, "money: cannot allocate 10.00 EUR: all 2 ratios are zero: money: invalid argument"},
	}
	for _, tt := range tests {
		_, err := m.Allocate(tt.ratios...)
		require.EqualError(t, err, tt.want)
		require.ErrorIs(t, err, money.ErrInvalidArgument)
	}
	_, err := money.Money{}.Allocate(1)
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
}
