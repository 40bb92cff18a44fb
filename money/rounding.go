package money

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// RoundingMode says which way a value that lies between two representable values is
// rounded. The zero value is HalfAwayFromZero, the commercial rounding of the Nordic
// and German-speaking countries ("kaufmännisches Runden").
type RoundingMode uint8

// Rounding modes. The examples round to 0 places.
const (
	// HalfAwayFromZero rounds to the nearest value, ties away from zero:
	// 2.5 → 3, -2.5 → -3, 2.4 → 2. It is decimal.Round.
	HalfAwayFromZero RoundingMode = iota
	// HalfEven rounds to the nearest value, ties to the even neighbour (banker's
	// rounding): 2.5 → 2, 3.5 → 4, -2.5 → -2. It is decimal.RoundBank.
	HalfEven
	// Down truncates toward zero: 2.9 → 2, -2.9 → -2. It is decimal.RoundDown.
	Down
	// Up rounds away from zero: 2.1 → 3, -2.1 → -3. It is decimal.RoundUp.
	Up
)

// String returns the constant's name, e.g. "HalfEven", or "RoundingMode(7)" for a
// value that is not one of the constants.
func (m RoundingMode) String() string {
	switch m {
	case HalfAwayFromZero:
		return "HalfAwayFromZero"
	case HalfEven:
		return "HalfEven"
	case Down:
		return "Down"
	case Up:
		return "Up"
	}
	return "RoundingMode(" + strconv.Itoa(int(m)) + ")"
}

// IsValid reports whether m is one of the defined modes.
func (m RoundingMode) IsValid() bool { return m <= Up }

// ParseRoundingMode returns the mode whose String is s. Other input, including
// different case, fails with an error wrapping ErrInvalidArgument.
func ParseRoundingMode(s string) (RoundingMode, error) {
	for m := HalfAwayFromZero; m <= Up; m++ {
		if m.String() == s {
			return m, nil
		}
	}
	return 0, fmt.Errorf("money: rounding mode %q is not one of HalfAwayFromZero, HalfEven, Down, Up: %w", s, ErrInvalidArgument)
}

// MarshalText returns the mode's name; it fails for an undefined mode.
func (m RoundingMode) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, fmt.Errorf("money: cannot marshal %s: %w", m, ErrInvalidArgument)
	}
	return []byte(m.String()), nil
}

// UnmarshalText sets m from its name, as ParseRoundingMode does.
func (m *RoundingMode) UnmarshalText(text []byte) error {
	parsed, err := ParseRoundingMode(string(text))
	if err != nil {
		return err
	}
	*m = parsed
	return nil
}

// RoundingPolicy is an explicit rounding rule: round to Scale fraction digits with
// Mode. Scale may be negative to round to tens (-1), hundreds (-2) and so on.
//
// Where a policy is applied to Money (FromDecimal, Mul, Percent, Div, Round), a
// Scale larger than the currency's minor units is capped to the minor units, because
// a Money always holds a whole number of minor units: {Scale: 4, Mode: HalfEven}
// applied to EUR rounds half-even to 2 places. A smaller Scale rounds more coarsely
// (for example to whole kroner), and the result is still a valid amount. To keep
// more digits for an intermediate result, work on decimal.Decimal (Money.Amount)
// and convert once with FromDecimal.
//
// The zero value rounds to whole units, half away from zero.
type RoundingPolicy struct {
	Scale int32        // fraction digits to keep; negative rounds to 10^-Scale
	Mode  RoundingMode // how to break the remainder
}

// PolicyFor returns the policy that rounds to the minor units of c with mode m,
// e.g. {2, m} for EUR and {0, m} for JPY. For a currency that is not known, Scale
// is 0; check the currency first with ParseCurrency.
func PolicyFor(c Currency, m RoundingMode) RoundingPolicy {
	digits, _ := c.MinorUnits()
	return RoundingPolicy{Scale: digits, Mode: m}
}

// Round returns d rounded to p.Scale fraction digits with p.Mode. A d that already
// has no more than p.Scale fraction digits is returned unchanged. Round panics if
// p.Mode is not one of the defined modes: that is a programming error, since
// ParseRoundingMode and UnmarshalText accept only defined modes.
func (p RoundingPolicy) Round(d decimal.Decimal) decimal.Decimal {
	if !p.Mode.IsValid() {
		panic("money: RoundingPolicy with undefined mode " + p.Mode.String())
	}
	if int64(d.Exponent()) >= -int64(p.Scale) {
		return d // already a multiple of 10^-Scale
	}
	switch p.Mode {
	case HalfEven:
		return d.RoundBank(p.Scale)
	case Down:
		return d.RoundDown(p.Scale)
	case Up:
		return d.RoundUp(p.Scale)
	default:
		return d.Round(p.Scale)
	}
}

// Quo returns a / b rounded once, exactly, to p.Scale fraction digits with p.Mode:
// the quotient is never rounded to an intermediate precision first. It fails with an
// error wrapping ErrDivisionByZero when b is zero, and with ErrInvalidArgument for an
// undefined mode. Use it instead of decimal's Div, which rounds to a global precision.
func (p RoundingPolicy) Quo(a, b decimal.Decimal) (decimal.Decimal, error) {
	if !p.Mode.IsValid() {
		return decimal.Decimal{}, fmt.Errorf("money: RoundingPolicy with undefined mode %s: %w", p.Mode, ErrInvalidArgument)
	}
	if b.IsZero() {
		return decimal.Decimal{}, fmt.Errorf("money: cannot divide %s by zero: %w", a.String(), ErrDivisionByZero)
	}
	// q is a/b truncated toward zero to Scale places; r has the sign of a.
	q, r := a.QuoRem(b, p.Scale)
	if r.IsZero() {
		return q, nil
	}
	away := false
	switch p.Mode {
	case Down:
	case Up:
		away = true
	default:
		// Compare the dropped part, r/b, with half a unit in the last place:
		// 2|r| against |b|·10^-Scale.
		c := r.Abs().Add(r.Abs()).Cmp(b.Abs().Shift(-p.Scale))
		switch {
		case c > 0:
			away = true
		case c == 0:
			away = p.Mode == HalfAwayFromZero || q.Shift(p.Scale).BigInt().Bit(0) == 1
		}
	}
	if !away {
		return q, nil
	}
	ulp := decimal.New(1, -p.Scale)
	if a.Sign()*b.Sign() < 0 {
		return q.Sub(ulp), nil
	}
	return q.Add(ulp), nil
}

// capped returns p with Scale no larger than digits: the rule for applying a policy
// to Money (see RoundingPolicy).
func (p RoundingPolicy) capped(digits int32) RoundingPolicy {
	if p.Scale > digits {
		p.Scale = digits
	}
	return p
}
