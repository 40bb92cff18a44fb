package money

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an exact amount in one currency, always a whole number of the currency's
// minor units (12.50 EUR, 1000 JPY, 1.000 KWD). It is an immutable value: pass it and
// store it by value; every operation returns a new Money.
//
// Compare two amounts with Equal or Compare, never with ==, reflect.DeepEqual or
// testify's assert.Equal: the decimal inside holds a pointer, so == compares
// identities, not amounts. go-cmp uses the Equal method.
//
// The zero value Money{} has no currency and is not a valid amount (IsValid is
// false). It exists so that a sum can start from "var total money.Money": Add and
// Sub treat it as zero in the other operand's currency, and Compare compares it as
// zero. Equal is strict: Money{} equals only Money{}.
type Money struct {
	amount   decimal.Decimal // exponent is -minor units for every valid Money
	currency Currency
}

// New returns amount in currency c. The amount is a plain decimal number: digits,
// an optional leading '-', and optionally '.' followed by fraction digits. It has no
// exponent, no '+', no spaces and no thousands separators, and at most as many
// fraction digits as c has minor units: "12.5" EUR is 12.50 EUR, but "10.005" EUR
// fails with `money: "10.005" has 3 fraction digits, EUR allows 2` (even "10.500"
// fails: the digits are counted, not their value). New never rounds.
//
// Errors are a *CurrencyError (ErrUnknownCurrency) or an *AmountError
// (ErrInvalidAmount, ErrTooPrecise).
func New(amount string, c Currency) (Money, error) {
	digits, ok := c.MinorUnits()
	if !ok {
		return Money{}, currencyError(string(c))
	}
	d, err := parseAmount(amount, c, digits)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: d, currency: c}, nil
}

// MustNew is New that panics on error. Use it for constants and in tests, the way
// regexp.MustCompile is used; never on data from outside the program.
func MustNew(amount string, c Currency) Money {
	m, err := New(amount, c)
	if err != nil {
		panic(err)
	}
	return m
}

// FromMinorUnits returns n minor units of c: FromMinorUnits(1250, EUR) is 12.50 EUR,
// FromMinorUnits(1250, JPY) is 1250 JPY. It fails only for an unknown currency.
func FromMinorUnits(n int64, c Currency) (Money, error) {
	digits, ok := c.MinorUnits()
	if !ok {
		return Money{}, currencyError(string(c))
	}
	if n == 0 {
		return Money{amount: zero(digits), currency: c}, nil
	}
	return Money{amount: decimal.New(n, -digits), currency: c}, nil
}

// zero is zero with digits fraction digits: one of zeros.
func zero(digits int32) decimal.Decimal {
	if int(digits) < len(zeros) {
		return zeros[digits]
	}
	return decimal.New(0, -digits)
}

// zeros are zero with 0 to 4 fraction digits (the minor units of every
// currency), shared by every zero amount: a decimal never changes its
// coefficient, so sharing one spares the big.Int each zero would allocate.
// Read only.
var zeros = [...]decimal.Decimal{decimal.New(0, 0), decimal.New(0, -1), decimal.New(0, -2), decimal.New(0, -3), decimal.New(0, -4)}

// Zero returns zero in currency c, e.g. 0.00 EUR. It does not fail: for a currency
// that is not known it returns a zero amount that is not valid (IsValid is false),
// which marshals with an error and does not mix with other currencies. Use
// ParseCurrency first when c comes from outside the program.
func Zero(c Currency) Money {
	digits, _ := c.MinorUnits()
	return Money{amount: zero(digits), currency: c}
}

// FromDecimal returns d in currency c, rounded once with p. p.Scale is capped to the
// currency's minor units (see RoundingPolicy), so the result is always a whole
// number of minor units: FromDecimal(12.345, EUR, {2, HalfEven}) is 12.34 EUR and
// with {0, HalfAwayFromZero} it is 12.00 EUR. It fails for an unknown currency or an
// undefined rounding mode.
func FromDecimal(d decimal.Decimal, c Currency, p RoundingPolicy) (Money, error) {
	digits, ok := c.MinorUnits()
	if !ok {
		return Money{}, currencyError(string(c))
	}
	if !p.Mode.IsValid() {
		return Money{}, fmt.Errorf("money: RoundingPolicy with undefined mode %s: %w", p.Mode, ErrInvalidArgument)
	}
	return Money{amount: canonical(p.capped(digits).Round(d), digits), currency: c}, nil
}

// canonical returns d, which must be a multiple of 10^-digits, with exponent -digits.
func canonical(d decimal.Decimal, digits int32) decimal.Decimal {
	if d.Exponent() == -digits {
		return d
	}
	return d.RoundDown(digits) // exact: only adds trailing zeros
}

// scale returns the minor units of m's currency, 0 for the zero value and unknown
// currencies (whose amount is always zero).
func (m Money) scale() int32 {
	digits, _ := m.currency.MinorUnits()
	return digits
}

// Amount returns the amount as a decimal with exactly as many fraction digits as the
// currency has minor units.
func (m Money) Amount() decimal.Decimal { return m.amount }

// Currency returns the currency, "" for the zero value Money{}.
func (m Money) Currency() Currency { return m.currency }

// IsValid reports whether m has a known currency. Every Money returned without error
// by this package is valid, except Money{} and Zero of an unknown currency.
func (m Money) IsValid() bool { return m.currency.IsKnown() }

// Add returns m + o. Amounts in different currencies fail with a *MismatchError
// wrapping ErrCurrencyMismatch, except that the zero value Money{} on either side
// acts as zero in the other's currency, so a sum can start from "var total Money".
func (m Money) Add(o Money) (Money, error) {
	if m.currency != o.currency {
		switch {
		case m.currency == "":
			return o, nil
		case o.currency == "":
			return m, nil
		}
		return Money{}, &MismatchError{Op: "add", A: m.currency, B: o.currency}
	}
	if m.currency == "" {
		return Money{}, nil
	}
	return Money{amount: m.amount.Add(o.amount), currency: m.currency}, nil
}

// Sub returns m - o, with the same currency rules as Add.
func (m Money) Sub(o Money) (Money, error) {
	if m.currency != o.currency {
		switch {
		case m.currency == "":
			return o.Neg(), nil
		case o.currency == "":
			return m, nil
		}
		return Money{}, &MismatchError{Op: "subtract", A: m.currency, B: o.currency}
	}
	if m.currency == "" {
		return Money{}, nil
	}
	return Money{amount: m.amount.Sub(o.amount), currency: m.currency}, nil
}

// Sum returns the sum of ms; Money{} when ms is empty. It fails like Add when the
// amounts are in different currencies.
func Sum(ms ...Money) (Money, error) {
	var total Money
	for _, m := range ms {
		var err error
		if total, err = total.Add(m); err != nil {
			return Money{}, err
		}
	}
	return total, nil
}

// Neg returns -m.
func (m Money) Neg() Money {
	if m.currency == "" || m.amount.IsZero() {
		return m
	}
	return Money{amount: m.amount.Neg(), currency: m.currency}
}

// Abs returns |m|.
func (m Money) Abs() Money {
	if m.amount.IsNegative() {
		return m.Neg()
	}
	return m
}

// Mul returns m × f, computed exactly and rounded once with p (Scale capped to the
// currency's minor units, see RoundingPolicy). Money{} stays Money{}. Mul panics if
// p.Mode is undefined, like RoundingPolicy.Round.
func (m Money) Mul(f decimal.Decimal, p RoundingPolicy) Money {
	if m.currency == "" {
		return m
	}
	digits := m.scale()
	return Money{amount: canonical(p.capped(digits).Round(m.amount.Mul(f)), digits), currency: m.currency}
}

// Percent returns pct percent of m, m × pct / 100, computed exactly and rounded once
// with p (Scale capped to the currency's minor units): 8 % of 1234.56 EUR with
// {2, HalfAwayFromZero} is 98.76 EUR (98.7648). It panics if p.Mode is undefined.
func (m Money) Percent(pct decimal.Decimal, p RoundingPolicy) Money {
	return m.Mul(pct.Shift(-2), p)
}

// Div returns m / d, computed exactly and rounded once with p (Scale capped to the
// currency's minor units; see RoundingPolicy.Quo). It fails with an error wrapping
// ErrDivisionByZero when d is zero and ErrInvalidArgument for an undefined mode. To
// divide an amount into parts that add up to it, use Split or Allocate instead.
func (m Money) Div(d decimal.Decimal, p RoundingPolicy) (Money, error) {
	if d.IsZero() {
		return Money{}, fmt.Errorf("money: cannot divide %s by zero: %w", m, ErrDivisionByZero)
	}
	if m.currency == "" {
		return m, nil
	}
	digits := m.scale()
	q, err := p.capped(digits).Quo(m.amount, d)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: canonical(q, digits), currency: m.currency}, nil
}

// Round returns m rounded with p, whose Scale is capped to the currency's minor
// units: with {0, HalfAwayFromZero}, 12.50 DKK becomes 13.00 DKK; with {-1, Down},
// 1234.56 NOK becomes 1230.00 NOK. It panics if p.Mode is undefined.
func (m Money) Round(p RoundingPolicy) Money {
	if m.currency == "" {
		return m
	}
	digits := m.scale()
	return Money{amount: canonical(p.capped(digits).Round(m.amount), digits), currency: m.currency}
}

// Equal reports whether m and o have the same currency and the same amount. It is
// strict: Money{} equals only Money{}, and 0.00 EUR does not equal 0.00 DKK.
func (m Money) Equal(o Money) bool {
	return m.currency == o.currency && m.amount.Equal(o.amount)
}

// Compare returns -1, 0 or +1 as m is less than, equal to or greater than o. Amounts
// in different currencies fail with a *MismatchError wrapping ErrCurrencyMismatch,
// except that the zero value Money{} compares as zero with any amount (as in Add).
func (m Money) Compare(o Money) (int, error) {
	if m.currency != o.currency && m.currency != "" && o.currency != "" {
		return 0, &MismatchError{Op: "compare", A: m.currency, B: o.currency}
	}
	return m.amount.Cmp(o.amount), nil
}

// IsZero reports whether the amount is zero, in any currency (Money{} included).
// Note that encoding/json's omitzero option uses this method, so it omits 0.00 EUR as
// well as Money{}; use IsValid to tell an absent amount from a zero one.
func (m Money) IsZero() bool { return m.amount.IsZero() }

// Sign returns -1, 0 or +1 for a negative, zero or positive amount.
func (m Money) Sign() int { return m.amount.Sign() }

// IsNegative reports whether the amount is less than zero.
func (m Money) IsNegative() bool { return m.amount.IsNegative() }

// IsPositive reports whether the amount is greater than zero.
func (m Money) IsPositive() bool { return m.amount.IsPositive() }

// MinorUnits returns the amount as an integer number of minor units, for hosts that
// store amounts as BIGINT: 12.50 EUR is 1250, 1000 JPY is 1000, -1.000 KWD is -1000.
// It fails with ErrOverflow when the number does not fit in an int64 and with
// ErrUnknownCurrency for Money{} and amounts in an unknown currency.
func (m Money) MinorUnits() (int64, error) {
	digits, ok := m.currency.MinorUnits()
	if !ok {
		return 0, currencyError(string(m.currency))
	}
	units := m.amount.Shift(digits)
	if units.Exponent() == 0 {
		if v := units.Coefficient(); v.IsInt64() {
			return v.Int64(), nil
		}
	}
	return 0, fmt.Errorf("money: %s is %s minor units, more than an int64 holds: %w", m, units.String(), ErrOverflow)
}

// String returns the amount with exactly the currency's minor units, a space and the
// code: "12.50 EUR", "-0.50 EUR", "1000 JPY", "1.000 KWD". Parse reads it back.
// Money{} prints as "0"; an amount in an unknown currency as "0 XYZ".
func (m Money) String() string {
	if m.currency == "" {
		return "0"
	}
	b := make([]byte, 0, 24+len(m.currency))
	b = m.appendAmount(b)
	b = append(b, ' ')
	b = append(b, m.currency...)
	return string(b)
}

// appendAmount appends the amount with exactly the currency's minor units,
// "-1234.50", as decimal's StringFixed(m.scale()) writes it. An amount whose
// coefficient fits in an int64 at that scale (every amount New, FromMinorUnits,
// FromDecimal and the arithmetic make, short of 10^18 minor units) is written
// from its digits without a big.Int; any other by StringFixed.
func (m Money) appendAmount(b []byte) []byte {
	scale := m.scale()
	if m.amount.Exponent() != -scale || m.amount.NumDigits() > 18 {
		return append(b, m.amount.StringFixed(scale)...)
	}
	c := m.amount.CoefficientInt64()
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	var buf [24]byte
	ds := strconv.AppendInt(buf[:0], c, 10)
	if n := int(scale) + 1 - len(ds); n > 0 { // 5 cents: "5" is "005"
		ds = append(buf[:0], "000000000000000000000"[:n]...)
		ds = strconv.AppendInt(ds, c, 10)
	}
	cut := len(ds) - int(scale)
	b = append(b, ds[:cut]...)
	if scale > 0 {
		b = append(b, '.')
		b = append(b, ds[cut:]...)
	}
	return b
}

// GoString returns Go syntax for m, such as money.MustNew("12.50", "EUR"), so that
// failing tests and property-test logs show amounts readably.
func (m Money) GoString() string {
	switch {
	case m.currency == "":
		return "money.Money{}"
	case !m.IsValid():
		return "money.Zero(" + strconv.Quote(string(m.currency)) + ")"
	}
	return "money.MustNew(" + strconv.Quote(string(m.appendAmount(nil))) + ", " + strconv.Quote(string(m.currency)) + ")"
}

// Parse reads the String form of a Money: an amount as New accepts it, one space and
// a currency code, e.g. "12.50 EUR". Errors are those of New and ParseCurrency, or
// an *AmountError wrapping ErrInvalidAmount when s is not of that form.
func Parse(s string) (Money, error) {
	amount, code, ok := strings.Cut(s, " ")
	if !ok || amount == "" || code == "" || strings.Contains(code, " ") {
		return Money{}, &AmountError{
			Input:  s,
			Reason: `is not an amount, one space and a currency code, e.g. "12.50 EUR"`,
			Err:    ErrInvalidAmount,
		}
	}
	c, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return New(amount, c)
}

// parseAmount parses a plain decimal amount with at most digits fraction digits into
// a decimal with exponent -digits.
func parseAmount(s string, c Currency, digits int32) (decimal.Decimal, error) {
	invalid := func(reason string) error {
		return &AmountError{Input: s, Currency: c, Reason: reason, Err: ErrInvalidAmount}
	}
	if s == "" {
		return decimal.Decimal{}, invalid(`is empty, want a decimal number such as "12.50"`)
	}
	i := 0
	neg := s[0] == '-'
	if neg {
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intDigits := s[intStart:i]
	frac := ""
	hasPoint := i < len(s) && s[i] == '.'
	if hasPoint {
		i++
		fracStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		frac = s[fracStart:i]
	}
	if i < len(s) || intDigits == "" || (hasPoint && frac == "") {
		if i < len(s) {
			switch s[i] {
			case ',', '\'', '_':
				return decimal.Decimal{}, invalid("contains " + strconv.QuoteRune(rune(s[i])) + `: use '.' as the decimal point and no thousands separators, e.g. "1234.50"`)
			case 'e', 'E':
				return decimal.Decimal{}, invalid(`has an exponent: write the number out, e.g. "1500.00"`)
			case '+':
				return decimal.Decimal{}, invalid(`has a '+' sign: write positive amounts without a sign`)
			case ' ', '\t', '\n', '\r':
				return decimal.Decimal{}, invalid(`contains white space`)
			}
		}
		return decimal.Decimal{}, invalid(`is not a plain decimal number: want digits, an optional leading '-' and '.' with fraction digits, e.g. "-1234.50"`)
	}
	if int64(len(frac)) > int64(digits) {
		unit := "digits"
		if len(frac) == 1 {
			unit = "digit"
		}
		return decimal.Decimal{}, &AmountError{
			Input:    s,
			Currency: c,
			Reason:   fmt.Sprintf("has %d fraction %s, %s allows %d", len(frac), unit, c, digits),
			Err:      ErrTooPrecise,
		}
	}
	coef := intDigits + frac + strings.Repeat("0", int(digits)-len(frac))
	if len(coef) <= 18 {
		v, _ := strconv.ParseInt(coef, 10, 64) // cannot fail: at most 18 ASCII digits
		if neg {
			v = -v
		}
		return decimal.New(v, -digits), nil
	}
	v, _ := new(big.Int).SetString(coef, 10) // cannot fail: ASCII digits only
	if neg {
		v.Neg(v)
	}
	return decimal.NewFromBigInt(v, -digits), nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
