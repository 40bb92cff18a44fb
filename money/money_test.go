package money_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/money"
)

// requireMoney compares amounts with Equal: never ==, reflect.DeepEqual or
// assert.Equal, which compare the decimal's pointer and exponent.
func requireMoney(t testing.TB, want, got money.Money, msgAndArgs ...any) {
	t.Helper()
	if !got.Equal(want) {
		msg := ""
		if len(msgAndArgs) > 0 {
			msg = fmt.Sprintf(msgAndArgs[0].(string), msgAndArgs[1:]...) + ": "
		}
		t.Fatalf("%swant %#v, got %#v", msg, want, got)
	}
}

var (
	kwd = money.Currency("KWD")
	clf = money.Currency("CLF")
)

func TestNew(t *testing.T) {
	tests := []struct {
		amount string
		c      money.Currency
		want   string // String() of the result
	}{
		{"12.50", money.EUR, "12.50 EUR"},
		{"12.5", money.EUR, "12.50 EUR"},
		{"12", money.EUR, "12.00 EUR"},
		{"0", money.EUR, "0.00 EUR"},
		{"-0", money.EUR, "0.00 EUR"},
		{"-0.00", money.EUR, "0.00 EUR"},
		{"-0.5", money.EUR, "-0.50 EUR"},
		{"007.10", money.EUR, "7.10 EUR"},
		{"1000", money.JPY, "1000 JPY"},
		{"-1000", money.JPY, "-1000 JPY"},
		{"1", kwd, "1.000 KWD"},
		{"1.5", kwd, "1.500 KWD"},
		{"0.001", kwd, "0.001 KWD"},
		{"1.2345", clf, "1.2345 CLF"},
		{"-0.0001", clf, "-0.0001 CLF"},
		{"12345678901234567.89", money.DKK, "12345678901234567.89 DKK"},
		{"-12345678901234567.89", money.DKK, "-12345678901234567.89 DKK"},
		{"123456789012345678901234567890.12", money.SEK, "123456789012345678901234567890.12 SEK"},
		{"92233720368547758.07", money.EUR, "92233720368547758.07 EUR"}, // int64 max in cents
		{"92233720368547758.08", money.EUR, "92233720368547758.08 EUR"},
	}
	for _, tt := range tests {
		t.Run(tt.amount+" "+string(tt.c), func(t *testing.T) {
			m, err := money.New(tt.amount, tt.c)
			require.NoError(t, err)
			require.Equal(t, tt.want, m.String())
			require.Equal(t, tt.c, m.Currency())
			require.True(t, m.IsValid())
			digits, _ := tt.c.MinorUnits()
			require.Equal(t, -digits, m.Amount().Exponent(), "amount has exactly the minor units")
			require.True(t, dec(tt.amount).Equal(m.Amount()))
		})
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		amount  string
		c       money.Currency
		want    string
		wantErr error
	}{
		{"10.005", money.EUR, `money: "10.005" has 3 fraction digits, EUR allows 2`, money.ErrTooPrecise},
		{"10.500", money.EUR, `money: "10.500" has 3 fraction digits, EUR allows 2`, money.ErrTooPrecise},
		{"1.5", money.JPY, `money: "1.5" has 1 fraction digit, JPY allows 0`, money.ErrTooPrecise},
		{"1.0", money.JPY, `money: "1.0" has 1 fraction digit, JPY allows 0`, money.ErrTooPrecise},
		{"1.0001", kwd, `money: "1.0001" has 4 fraction digits, KWD allows 3`, money.ErrTooPrecise},
		{"1.00001", clf, `money: "1.00001" has 5 fraction digits, CLF allows 4`, money.ErrTooPrecise},
		{"", money.EUR, `money: "" is empty, want a decimal number such as "12.50"`, money.ErrInvalidAmount},
		{"-", money.EUR, `money: "-" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"abc", money.EUR, `money: "abc" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{".5", money.EUR, `money: ".5" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"5.", money.EUR, `money: "5." is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"1.2.3", money.EUR, `money: "1.2.3" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"--1", money.EUR, `money: "--1" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"1-", money.EUR, `money: "1-" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"1,234.50", money.EUR, `money: "1,234.50" contains ',': use '.' as the decimal point and no thousands separators, e.g. "1234.50"`, money.ErrInvalidAmount},
		{"12,50", money.EUR, `money: "12,50" contains ',': use '.' as the decimal point and no thousands separators, e.g. "1234.50"`, money.ErrInvalidAmount},
		{"1'234.50", money.CHF, `money: "1'234.50" contains '\'': use '.' as the decimal point and no thousands separators, e.g. "1234.50"`, money.ErrInvalidAmount},
		{"1_000", money.EUR, `money: "1_000" contains '_': use '.' as the decimal point and no thousands separators, e.g. "1234.50"`, money.ErrInvalidAmount},
		{"1e3", money.EUR, `money: "1e3" has an exponent: write the number out, e.g. "1500.00"`, money.ErrInvalidAmount},
		{"1.5E2", money.EUR, `money: "1.5E2" has an exponent: write the number out, e.g. "1500.00"`, money.ErrInvalidAmount},
		{"+1", money.EUR, `money: "+1" has a '+' sign: write positive amounts without a sign`, money.ErrInvalidAmount},
		{"1+", money.EUR, `money: "1+" has a '+' sign: write positive amounts without a sign`, money.ErrInvalidAmount},
		{" 1", money.EUR, `money: " 1" contains white space`, money.ErrInvalidAmount},
		{"1 ", money.EUR, `money: "1 " contains white space`, money.ErrInvalidAmount},
		{"1 000", money.EUR, `money: "1 000" contains white space`, money.ErrInvalidAmount},
		{"12.50 EUR", money.EUR, `money: "12.50 EUR" contains white space`, money.ErrInvalidAmount},
		{"NaN", money.EUR, `money: "NaN" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"١٢", money.EUR, `money: "١٢" is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`, money.ErrInvalidAmount},
		{"12.50", "EUX", `money: currency "EUX" is not in ISO 4217 (list of 2026-01-01)`, money.ErrUnknownCurrency},
		{"12.50", "", `money: currency "" is missing`, money.ErrUnknownCurrency},
		{"12.50", "XAU", `money: currency "XAU" has no minor unit in ISO 4217 ("N.A."), so it cannot hold an amount`, money.ErrUnknownCurrency},
	}
	for _, tt := range tests {
		t.Run(tt.amount+" "+string(tt.c), func(t *testing.T) {
			m, err := money.New(tt.amount, tt.c)
			require.EqualError(t, err, tt.want)
			require.ErrorIs(t, err, tt.wantErr)
			requireMoney(t, money.Money{}, m)
			if tt.wantErr == money.ErrUnknownCurrency {
				return
			}
			var ae *money.AmountError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, tt.amount, ae.Input)
			require.Equal(t, tt.c, ae.Currency)
			require.Same(t, tt.wantErr, ae.Err)
		})
	}
}

// The exact message a host shows its user for the most common mistake.
func TestNewTooPreciseMessage(t *testing.T) {
	_, err := money.New("10.005", money.EUR)
	require.EqualError(t, err, `money: "10.005" has 3 fraction digits, EUR allows 2`)
	require.True(t, errors.Is(err, money.ErrTooPrecise))
	require.False(t, errors.Is(err, money.ErrInvalidAmount))
	ae, ok := errors.AsType[*money.AmountError](err)
	require.True(t, ok)
	require.Equal(t, "10.005", ae.Input)
	require.Equal(t, money.EUR, ae.Currency)
}

func TestMustNew(t *testing.T) {
	requireMoney(t, money.MustNew("1.50", money.EUR), money.MustNew("1.5", money.EUR))
	require.PanicsWithError(t, `money: "1.505" has 3 fraction digits, EUR allows 2`, func() { money.MustNew("1.505", money.EUR) })
}

func TestFromMinorUnits(t *testing.T) {
	tests := []struct {
		n    int64
		c    money.Currency
		want string
	}{
		{1250, money.EUR, "12.50 EUR"},
		{-5, money.EUR, "-0.05 EUR"},
		{0, money.EUR, "0.00 EUR"},
		{1250, money.JPY, "1250 JPY"},
		{1, kwd, "0.001 KWD"},
		{-12345, clf, "-1.2345 CLF"},
		{math.MaxInt64, money.EUR, "92233720368547758.07 EUR"},
		{math.MinInt64, money.EUR, "-92233720368547758.08 EUR"},
	}
	for _, tt := range tests {
		m, err := money.FromMinorUnits(tt.n, tt.c)
		require.NoError(t, err)
		require.Equal(t, tt.want, m.String())
		back, err := m.MinorUnits()
		require.NoError(t, err)
		require.Equal(t, tt.n, back)
		digits, _ := tt.c.MinorUnits()
		requireMoney(t, money.MustNew(m.Amount().StringFixed(digits), tt.c), m)
	}
	_, err := money.FromMinorUnits(1, "EUX")
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
}

func TestMinorUnitsOverflow(t *testing.T) {
	m := money.MustNew("92233720368547758.08", money.EUR) // int64 max + 1 cent
	_, err := m.MinorUnits()
	require.EqualError(t, err, "money: 92233720368547758.08 EUR is 9223372036854775808 minor units, more than an int64 holds: money: overflow")
	require.ErrorIs(t, err, money.ErrOverflow)

	_, err = money.MustNew("-92233720368547758.09", money.EUR).MinorUnits()
	require.ErrorIs(t, err, money.ErrOverflow)

	n, err := money.MustNew("9223372036854775807", money.JPY).MinorUnits()
	require.NoError(t, err)
	require.Equal(t, int64(math.MaxInt64), n)

	_, err = money.Money{}.MinorUnits()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = money.Zero("EUX").MinorUnits()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
}

func TestZero(t *testing.T) {
	z := money.Zero(money.EUR)
	require.Equal(t, "0.00 EUR", z.String())
	require.True(t, z.IsValid())
	require.True(t, z.IsZero())
	requireMoney(t, money.MustNew("0", money.EUR), z)
	require.False(t, z.Equal(money.Zero(money.DKK)))
	require.False(t, z.Equal(money.Money{}))
	require.Equal(t, "0 JPY", money.Zero(money.JPY).String())
	require.Equal(t, "0.0000 CLF", money.Zero(clf).String())

	// Unknown currency: a zero that is not valid and cannot be written out.
	bad := money.Zero("EUX")
	require.False(t, bad.IsValid())
	require.True(t, bad.IsZero())
	require.Equal(t, money.Currency("EUX"), bad.Currency())
	require.Equal(t, "0 EUX", bad.String())
	require.Equal(t, `money.Zero("EUX")`, bad.GoString())
	_, err := bad.MarshalJSON()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = bad.MarshalText()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = bad.Add(money.Zero(money.EUR))
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
}

func TestZeroValue(t *testing.T) {
	var z money.Money
	require.False(t, z.IsValid())
	require.True(t, z.IsZero())
	require.Equal(t, 0, z.Sign())
	require.Equal(t, money.Currency(""), z.Currency())
	require.Equal(t, "0", z.String())
	require.Equal(t, "money.Money{}", z.GoString())
	require.True(t, z.Equal(money.Money{}))
	require.True(t, z.Amount().IsZero())
	requireMoney(t, z, z.Neg())
	requireMoney(t, z, z.Abs())
	requireMoney(t, z, z.Mul(dec("3"), money.RoundingPolicy{}))
	requireMoney(t, z, z.Percent(dec("3"), money.RoundingPolicy{}))
	requireMoney(t, z, z.Round(money.RoundingPolicy{}))
	d, err := z.Div(dec("3"), money.RoundingPolicy{})
	require.NoError(t, err)
	requireMoney(t, z, d)
	_, err = z.Split(2)
	require.EqualError(t, err, `money: currency "" is missing`)
	_, err = z.Allocate(1, 1)
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = z.MarshalText()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	b, err := z.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, "null", string(b))
}

func TestFromDecimal(t *testing.T) {
	tests := []struct {
		d    string
		c    money.Currency
		p    money.RoundingPolicy
		want string
	}{
		{"12.345", money.EUR, money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero}, "12.35 EUR"},
		{"12.345", money.EUR, money.RoundingPolicy{Scale: 2, Mode: money.HalfEven}, "12.34 EUR"},
		{"-12.345", money.EUR, money.RoundingPolicy{Scale: 2, Mode: money.HalfEven}, "-12.34 EUR"},
		{"12.341", money.EUR, money.RoundingPolicy{Scale: 2, Mode: money.Up}, "12.35 EUR"},
		{"-12.349", money.EUR, money.RoundingPolicy{Scale: 2, Mode: money.Down}, "-12.34 EUR"},
		// Scale above the currency's minor units is capped to them.
		{"12.345", money.EUR, money.RoundingPolicy{Scale: 4, Mode: money.HalfEven}, "12.34 EUR"},
		{"12.3456", money.EUR, money.RoundingPolicy{Scale: 10, Mode: money.Down}, "12.34 EUR"},
		{"2.5", money.JPY, money.RoundingPolicy{Scale: 2, Mode: money.HalfEven}, "2 JPY"},
		{"2.5", money.JPY, money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero}, "3 JPY"},
		// Scale below: coarser rounding, still whole minor units.
		{"12.345", money.EUR, money.RoundingPolicy{Scale: 0, Mode: money.HalfAwayFromZero}, "12.00 EUR"},
		{"12.5", money.DKK, money.RoundingPolicy{Scale: 0, Mode: money.HalfEven}, "12.00 DKK"},
		{"1234.56", money.NOK, money.RoundingPolicy{Scale: -2, Mode: money.HalfAwayFromZero}, "1200.00 NOK"},
		{"1.00049", kwd, money.RoundingPolicy{Scale: 3, Mode: money.HalfAwayFromZero}, "1.000 KWD"},
		{"1.00005", clf, money.RoundingPolicy{Scale: 4, Mode: money.HalfAwayFromZero}, "1.0001 CLF"},
		{"7", money.EUR, money.RoundingPolicy{Scale: 2}, "7.00 EUR"},
		{"7e3", money.EUR, money.RoundingPolicy{Scale: 2}, "7000.00 EUR"},
	}
	for _, tt := range tests {
		m, err := money.FromDecimal(dec(tt.d), tt.c, tt.p)
		require.NoError(t, err)
		require.Equal(t, tt.want, m.String(), "%s %s %+v", tt.d, tt.c, tt.p)
		digits, _ := tt.c.MinorUnits()
		require.Equal(t, -digits, m.Amount().Exponent())
	}
	_, err := money.FromDecimal(dec("1"), "EUX", money.RoundingPolicy{})
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = money.FromDecimal(dec("1"), money.EUR, money.RoundingPolicy{Mode: 4})
	require.ErrorIs(t, err, money.ErrInvalidArgument)
}

func TestParse(t *testing.T) {
	for _, s := range []string{"12.50 EUR", "-0.50 EUR", "1000 JPY", "1.000 KWD", "0.0001 CLF", "12345678901234567.89 DKK"} {
		m, err := money.Parse(s)
		require.NoError(t, err, s)
		require.Equal(t, s, m.String())
	}
	m, err := money.Parse("12.5 EUR")
	require.NoError(t, err)
	requireMoney(t, money.MustNew("12.50", money.EUR), m)

	tests := []struct {
		in, want string
		wantErr  error
	}{
		{"12.50EUR", `money: "12.50EUR" is not an amount, one space and a currency code, e.g. "12.50 EUR"`, money.ErrInvalidAmount},
		{"12.50  EUR", `money: "12.50  EUR" is not an amount, one space and a currency code, e.g. "12.50 EUR"`, money.ErrInvalidAmount},
		{"EUR 12.50", `money: currency "12.50" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`, money.ErrUnknownCurrency},
		{" 12.50 EUR", `money: " 12.50 EUR" is not an amount, one space and a currency code, e.g. "12.50 EUR"`, money.ErrInvalidAmount},
		{"12.50 EUR ", `money: "12.50 EUR " is not an amount, one space and a currency code, e.g. "12.50 EUR"`, money.ErrInvalidAmount},
		{"", `money: "" is not an amount, one space and a currency code, e.g. "12.50 EUR"`, money.ErrInvalidAmount},
		{"12.50 eur", `money: currency "eur" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`, money.ErrUnknownCurrency},
		{"10.005 EUR", `money: "10.005" has 3 fraction digits, EUR allows 2`, money.ErrTooPrecise},
		{"1,5 EUR", `money: "1,5" contains ',': use '.' as the decimal point and no thousands separators, e.g. "1234.50"`, money.ErrInvalidAmount},
	}
	for _, tt := range tests {
		_, err := money.Parse(tt.in)
		require.EqualError(t, err, tt.want, tt.in)
		require.ErrorIs(t, err, tt.wantErr, tt.in)
	}
}

func TestAddSub(t *testing.T) {
	eur := func(s string) money.Money { return money.MustNew(s, money.EUR) }
	tests := []struct {
		a, b     money.Money
		sum, dif money.Money
	}{
		{eur("12.50"), eur("0.75"), eur("13.25"), eur("11.75")},
		{eur("-0.50"), eur("0.50"), eur("0"), eur("-1")},
		{eur("0.01"), eur("-0.02"), eur("-0.01"), eur("0.03")},
		{eur("12345678901234567.89"), eur("0.11"), eur("12345678901234568.00"), eur("12345678901234567.78")},
		{money.MustNew("1000", money.JPY), money.MustNew("1", money.JPY), money.MustNew("1001", money.JPY), money.MustNew("999", money.JPY)},
		{money.MustNew("0.001", kwd), money.MustNew("0.999", kwd), money.MustNew("1", kwd), money.MustNew("-0.998", kwd)},
		// The zero value acts as zero in the other's currency.
		{money.Money{}, eur("5"), eur("5"), eur("-5")},
		{eur("5"), money.Money{}, eur("5"), eur("5")},
		{money.Money{}, money.Money{}, money.Money{}, money.Money{}},
	}
	for _, tt := range tests {
		sum, err := tt.a.Add(tt.b)
		require.NoError(t, err)
		requireMoney(t, tt.sum, sum, "%#v + %#v", tt.a, tt.b)
		dif, err := tt.a.Sub(tt.b)
		require.NoError(t, err)
		requireMoney(t, tt.dif, dif, "%#v - %#v", tt.a, tt.b)
	}
}

func TestAddSubMismatch(t *testing.T) {
	a, b := money.MustNew("1", money.EUR), money.MustNew("1", money.DKK)
	_, err := a.Add(b)
	require.EqualError(t, err, "money: cannot add DKK to EUR: currency mismatch")
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	var me *money.MismatchError
	require.ErrorAs(t, err, &me)
	require.Equal(t, money.EUR, me.A)
	require.Equal(t, money.DKK, me.B)
	require.Equal(t, "add", me.Op)

	_, err = a.Sub(b)
	require.EqualError(t, err, "money: cannot subtract DKK from EUR: currency mismatch")
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)

	_, err = a.Compare(b)
	require.EqualError(t, err, "money: cannot compare EUR with DKK: currency mismatch")
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)

	// Zero amounts of different currencies do not mix either.
	_, err = money.Zero(money.EUR).Add(money.Zero(money.DKK))
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
}

func TestSum(t *testing.T) {
	total, err := money.Sum(money.MustNew("1.10", money.EUR), money.MustNew("2.20", money.EUR), money.MustNew("-0.30", money.EUR))
	require.NoError(t, err)
	requireMoney(t, money.MustNew("3.00", money.EUR), total)

	total, err = money.Sum()
	require.NoError(t, err)
	requireMoney(t, money.Money{}, total)

	_, err = money.Sum(money.MustNew("1", money.EUR), money.MustNew("1", money.SEK))
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
}

func TestNegAbsSign(t *testing.T) {
	tests := []struct {
		in       string
		neg, abs string
		sign     int
	}{
		{"12.50", "-12.50", "12.50", 1},
		{"-12.50", "12.50", "12.50", -1},
		{"0", "0", "0", 0},
		{"-0.01", "0.01", "0.01", -1},
	}
	for _, tt := range tests {
		m := money.MustNew(tt.in, money.EUR)
		requireMoney(t, money.MustNew(tt.neg, money.EUR), m.Neg())
		requireMoney(t, money.MustNew(tt.abs, money.EUR), m.Abs())
		require.Equal(t, tt.sign, m.Sign())
		require.Equal(t, tt.sign < 0, m.IsNegative())
		require.Equal(t, tt.sign > 0, m.IsPositive())
		require.Equal(t, tt.sign == 0, m.IsZero())
	}
	require.Equal(t, "0.00 EUR", money.Zero(money.EUR).Neg().String(), "no negative zero")
}

func TestMul(t *testing.T) {
	tests := []struct {
		m    money.Money
		f    string
		p    money.RoundingPolicy
		want string
	}{
		{money.MustNew("10.00", money.EUR), "0.125", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "1.25 EUR"},
		{money.MustNew("0.10", money.EUR), "0.125", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "0.01 EUR"}, // 0.0125
		{money.MustNew("0.10", money.EUR), "0.25", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "0.03 EUR"},  // 0.025
		{money.MustNew("0.10", money.EUR), "0.25", money.PolicyFor(money.EUR, money.HalfEven), "0.02 EUR"},
		{money.MustNew("-0.10", money.EUR), "0.25", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "-0.03 EUR"},
		{money.MustNew("-0.10", money.EUR), "0.25", money.PolicyFor(money.EUR, money.HalfEven), "-0.02 EUR"},
		{money.MustNew("-0.10", money.EUR), "0.25", money.PolicyFor(money.EUR, money.Down), "-0.02 EUR"},
		{money.MustNew("-0.10", money.EUR), "0.21", money.PolicyFor(money.EUR, money.Up), "-0.03 EUR"},
		{money.MustNew("100", money.EUR), "-1.5", money.PolicyFor(money.EUR, money.HalfEven), "-150.00 EUR"},
		{money.MustNew("999", money.JPY), "0.5", money.PolicyFor(money.JPY, money.HalfEven), "500 JPY"}, // 499.5
		{money.MustNew("997", money.JPY), "0.5", money.PolicyFor(money.JPY, money.HalfEven), "498 JPY"}, // 498.5
		{money.MustNew("1.000", kwd), "0.0005", money.PolicyFor(kwd, money.HalfAwayFromZero), "0.001 KWD"},
		// Scale capped at the currency's minor units.
		{money.MustNew("1.00", money.EUR), "0.125", money.RoundingPolicy{Scale: 3, Mode: money.HalfEven}, "0.12 EUR"},
		// Coarser scale.
		{money.MustNew("10.00", money.DKK), "1.25", money.RoundingPolicy{Scale: 0, Mode: money.HalfAwayFromZero}, "13.00 DKK"},
		{money.MustNew("12345678901234567.89", money.DKK), "3", money.PolicyFor(money.DKK, money.HalfEven), "37037036703703703.67 DKK"},
	}
	for _, tt := range tests {
		got := tt.m.Mul(dec(tt.f), tt.p)
		require.Equal(t, tt.want, got.String(), "%#v × %s %+v", tt.m, tt.f, tt.p)
	}
	require.Panics(t, func() { money.MustNew("1", money.EUR).Mul(dec("1"), money.RoundingPolicy{Mode: 5}) })
}

func TestPercent(t *testing.T) {
	tests := []struct {
		m    money.Money
		pct  string
		p    money.RoundingPolicy
		want string
	}{
		{money.MustNew("1234.56", money.EUR), "8", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "98.76 EUR"}, // 98.7648
		{money.MustNew("1000", money.EUR), "0.05", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "0.50 EUR"},
		{money.MustNew("10.10", money.EUR), "5", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "0.51 EUR"}, // 0.505
		{money.MustNew("10.10", money.EUR), "5", money.PolicyFor(money.EUR, money.HalfEven), "0.50 EUR"},
		{money.MustNew("-10.10", money.EUR), "5", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "-0.51 EUR"},
		// Computed exactly and rounded once: 0.6 % of 1.00 is 0.006, not 0.01 × something.
		{money.MustNew("1.00", money.EUR), "0.6", money.PolicyFor(money.EUR, money.HalfAwayFromZero), "0.01 EUR"},
		{money.MustNew("1.00", money.EUR), "0.6", money.PolicyFor(money.EUR, money.Down), "0.00 EUR"},
		{money.MustNew("200", money.DKK), "100", money.PolicyFor(money.DKK, money.Down), "200.00 DKK"},
		{money.MustNew("100000", money.JPY), "14.6", money.PolicyFor(money.JPY, money.Down), "14600 JPY"},
		{money.MustNew("1.000", kwd), "33.33", money.PolicyFor(kwd, money.HalfAwayFromZero), "0.333 KWD"},
	}
	for _, tt := range tests {
		got := tt.m.Percent(dec(tt.pct), tt.p)
		require.Equal(t, tt.want, got.String(), "%s %% of %#v %+v", tt.pct, tt.m, tt.p)
	}
}

func TestDiv(t *testing.T) {
	m := money.MustNew("100.00", money.EUR)
	got, err := m.Div(dec("3"), money.PolicyFor(money.EUR, money.HalfAwayFromZero))
	require.NoError(t, err)
	requireMoney(t, money.MustNew("33.33", money.EUR), got)
	got, err = m.Div(dec("-3"), money.PolicyFor(money.EUR, money.Up))
	require.NoError(t, err)
	requireMoney(t, money.MustNew("-33.34", money.EUR), got)
	got, err = money.MustNew("0.05", money.EUR).Div(dec("2"), money.PolicyFor(money.EUR, money.HalfEven))
	require.NoError(t, err)
	requireMoney(t, money.MustNew("0.02", money.EUR), got)
	got, err = money.MustNew("365", money.JPY).Div(dec("730"), money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero})
	require.NoError(t, err)
	requireMoney(t, money.MustNew("1", money.JPY), got) // 0.5, capped to 0 places

	_, err = m.Div(decimal.Zero, money.PolicyFor(money.EUR, money.HalfEven))
	require.EqualError(t, err, "money: cannot divide 100.00 EUR by zero: money: division by zero")
	require.ErrorIs(t, err, money.ErrDivisionByZero)
	_, err = money.Money{}.Div(decimal.Zero, money.RoundingPolicy{})
	require.ErrorIs(t, err, money.ErrDivisionByZero)
	_, err = m.Div(dec("3"), money.RoundingPolicy{Mode: 4})
	require.ErrorIs(t, err, money.ErrInvalidArgument)
}

func TestRound(t *testing.T) {
	tests := []struct {
		in   money.Money
		p    money.RoundingPolicy
		want string
	}{
		{money.MustNew("12.50", money.DKK), money.RoundingPolicy{Scale: 0, Mode: money.HalfAwayFromZero}, "13.00 DKK"},
		{money.MustNew("12.50", money.DKK), money.RoundingPolicy{Scale: 0, Mode: money.HalfEven}, "12.00 DKK"},
		{money.MustNew("-12.50", money.DKK), money.RoundingPolicy{Scale: 0, Mode: money.HalfAwayFromZero}, "-13.00 DKK"},
		{money.MustNew("-12.50", money.DKK), money.RoundingPolicy{Scale: 0, Mode: money.HalfEven}, "-12.00 DKK"},
		{money.MustNew("1234.56", money.NOK), money.RoundingPolicy{Scale: -1, Mode: money.Down}, "1230.00 NOK"},
		{money.MustNew("-1234.56", money.NOK), money.RoundingPolicy{Scale: -1, Mode: money.Up}, "-1240.00 NOK"},
		{money.MustNew("12.34", money.EUR), money.RoundingPolicy{Scale: 5, Mode: money.Up}, "12.34 EUR"},
		{money.MustNew("1.2345", clf), money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero}, "1.2300 CLF"},
	}
	for _, tt := range tests {
		got := tt.in.Round(tt.p)
		require.Equal(t, tt.want, got.String())
		requireMoney(t, got, got.Round(tt.p), "idempotent")
	}
}

func TestEqualCompare(t *testing.T) {
	a := money.MustNew("12.50", money.EUR)
	require.True(t, a.Equal(money.MustNew("12.5", money.EUR)))
	fromUnits, err := money.FromMinorUnits(1250, money.EUR)
	require.NoError(t, err)
	require.True(t, a.Equal(fromUnits))
	require.False(t, a.Equal(money.MustNew("12.51", money.EUR)))
	require.False(t, a.Equal(money.MustNew("12.50", money.DKK)))
	require.False(t, a.Equal(money.Money{}))

	// go-cmp uses Equal; it would panic on the unexported fields otherwise.
	require.Empty(t, cmp.Diff(a, money.MustNew("12.5", money.EUR)))
	require.NotEmpty(t, cmp.Diff(a, money.MustNew("12.49", money.EUR)))
	require.Empty(t, cmp.Diff([]money.Money{a, money.Zero(money.JPY)}, []money.Money{money.MustNew("12.50", money.EUR), money.MustNew("0", money.JPY)}))

	tests := []struct {
		a, b money.Money
		want int
	}{
		{money.MustNew("1", money.EUR), money.MustNew("2", money.EUR), -1},
		{money.MustNew("2", money.EUR), money.MustNew("1", money.EUR), 1},
		{money.MustNew("-2", money.EUR), money.MustNew("-1", money.EUR), -1},
		{money.MustNew("1.00", money.EUR), money.MustNew("1", money.EUR), 0},
		{money.Money{}, money.MustNew("0.01", money.EUR), -1},
		{money.Money{}, money.MustNew("-0.01", money.EUR), 1},
		{money.MustNew("0", money.DKK), money.Money{}, 0},
		{money.Money{}, money.Money{}, 0},
	}
	for _, tt := range tests {
		got, err := tt.a.Compare(tt.b)
		require.NoError(t, err)
		require.Equal(t, tt.want, got, "%#v vs %#v", tt.a, tt.b)
	}
}

func TestGoString(t *testing.T) {
	require.Equal(t, `money.MustNew("12.50", "EUR")`, money.MustNew("12.5", money.EUR).GoString())
	require.Equal(t, `money.MustNew("-1000", "JPY")`, fmt.Sprintf("%#v", money.MustNew("-1000", money.JPY)))
	require.Equal(t, `money.MustNew("0.001", "KWD")`, fmt.Sprintf("%#v", money.MustNew("0.001", kwd)))
	require.Equal(t, "12.50 EUR", fmt.Sprint(money.MustNew("12.5", money.EUR)))
}
