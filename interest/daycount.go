package interest

import (
	"fmt"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/shopspring/decimal"
)

// DayCount is a day-count convention: how the days between two dates are
// counted and turned into a fraction of a year.
//
// The zero value is deliberately invalid (like [dunning.PartyKind]): which
// convention applies is a legal decision per jurisdiction (see the package
// doc), so a Convention left at its zero value is rejected by [Accrue] rather
// than silently counted on some default basis. [DayCount.IsValid] reports it.
type DayCount uint8

// The supported day-count conventions.
const (
	// Thirty360E is 30E/360 (Eurobond basis): every month has 30 days, a
	// 31st counts as the 30th (on both dates), the year has 360 days. Danish
	// practice for renteloven interest.
	Thirty360E DayCount = iota + 1
	// Actual365Fixed counts actual calendar days over a year of 365 days,
	// leap years included (ACT/365F).
	Actual365Fixed
	// ActualActualISDA counts actual calendar days; the days falling in each
	// calendar year are divided by that year's length (365 or 366) and the
	// fractions summed (ACT/ACT ISDA).
	ActualActualISDA
	// Actual360 counts actual calendar days over a year of 360 days.
	Actual360
)

// IsValid reports whether dc is one of the defined conventions.
func (dc DayCount) IsValid() bool { return dc >= Thirty360E && dc <= Actual360 }

// String returns the market name: "30E/360", "ACT/365F", "ACT/ACT-ISDA" or
// "ACT/360"; other values print as "DayCount(n)".
func (dc DayCount) String() string {
	switch dc {
	case Thirty360E:
		return "30E/360"
	case Actual365Fixed:
		return "ACT/365F"
	case ActualActualISDA:
		return "ACT/ACT-ISDA"
	case Actual360:
		return "ACT/360"
	}
	return fmt.Sprintf("DayCount(%d)", uint8(dc))
}

// ParseDayCount returns the convention named by s. It accepts the names
// String returns and the common aliases (case-insensitive, blanks ignored):
// "30E/360", "30/360E", "EUROBOND"; "ACT/365F", "ACT/365", "ACT/365 FIXED",
// "ACTUAL/365"; "ACT/ACT-ISDA", "ACT/ACT", "ACT/ACT ISDA", "ACTUAL/ACTUAL";
// "ACT/360", "ACTUAL/360". Anything else is a *dunning.FieldError for field
// "DayCount" that unwraps to [ErrDayCount].
func ParseDayCount(s string) (DayCount, error) {
	k := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	k = strings.ReplaceAll(k, "ACTUAL", "ACT")
	switch k {
	case "30E/360", "30/360E", "EUROBOND", "30E/360EUROBOND":
		return Thirty360E, nil
	case "ACT/365F", "ACT/365", "ACT/365FIXED":
		return Actual365Fixed, nil
	case "ACT/ACT-ISDA", "ACT/ACT", "ACT/ACTISDA", "ACT/ACT(ISDA)":
		return ActualActualISDA, nil
	case "ACT/360":
		return Actual360, nil
	}
	return 0, &dunning.FieldError{Field: "DayCount", Value: s,
		Reason: `is not a day count (want "30E/360", "ACT/365F", "ACT/ACT-ISDA" or "ACT/360")`, Err: ErrDayCount}
}

// MarshalText implements encoding.TextMarshaler with the name String returns.
// The zero value marshals to empty text; other invalid values are an error.
func (dc DayCount) MarshalText() ([]byte, error) {
	if dc == 0 {
		return []byte{}, nil
	}
	if !dc.IsValid() {
		return nil, &dunning.FieldError{Field: "DayCount", Value: dc.String(), Reason: "is not a day count", Err: ErrDayCount}
	}
	return []byte(dc.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting what
// [ParseDayCount] accepts, and empty text as the zero value.
func (dc *DayCount) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*dc = 0
		return nil
	}
	v, err := ParseDayCount(string(b))
	if err != nil {
		return err
	}
	*dc = v
	return nil
}

// Days returns the number of days from `from` to `to` under the convention,
// counted half-open: from is counted, to is not, so Days(d, d) is 0 and
// Days(a, b)+Days(b, c) == Days(a, c) for the actual conventions. If to is
// before from the result is negative. For an end-inclusive count (the day
// `to` counted too) pass to.AddDays(1); see [Convention.EndInclusive].
//
// Thirty360E uses 30E/360 day arithmetic: with day-of-month 31 replaced by 30
// on both dates, 360*(Y2-Y1) + 30*(M2-M1) + (D2-D1). The actual conventions,
// and an invalid DayCount, return the calendar days between the dates. Zero
// dates give 0.
func (dc DayCount) Days(from, to date.Date) int {
	if from.IsZero() || to.IsZero() {
		return 0
	}
	if dc == Thirty360E {
		y1, m1, d1 := from.YMD()
		y2, m2, d2 := to.YMD()
		d1 = min(d1, 30)
		d2 = min(d2, 30)
		return 360*(y2-y1) + 30*(int(m2)-int(m1)) + (d2 - d1)
	}
	return from.DaysUntil(to)
}

// YearFraction returns the fraction of a year from `from` to `to` (half-open,
// as [DayCount.Days]): Days/360 for Thirty360E and Actual360, Days/365 for
// Actual365Fixed, and for ActualActualISDA the days in each calendar year
// divided by that year's length (365 or 366), summed, which equals
// (n365*366 + n366*365) / (365*366) and is computed as that single quotient.
// The result is exact when the quotient terminates within 28 decimal places
// and otherwise rounded half-up at 28 places (DivRound). A negative span
// gives a negative fraction; an invalid DayCount or a zero date gives 0.
func (dc DayCount) YearFraction(from, to date.Date) decimal.Decimal {
	if !dc.IsValid() || from.IsZero() || to.IsZero() {
		return decimal.Zero
	}
	switch dc {
	case Thirty360E, Actual360:
		return quo(int64(dc.Days(from, to)), 360)
	case Actual365Fixed:
		return quo(int64(dc.Days(from, to)), 365)
	}
	// ActualActualISDA.
	neg := false
	if to.Before(from) {
		from, to = to, from
		neg = true
	}
	var n365, n366 int64
	for y := from.Year(); y <= to.Year(); y++ {
		a, b := from, to
		if y > from.Year() {
			a = date.MustNew(y, 1, 1)
		}
		if y < to.Year() {
			b = date.MustNew(y+1, 1, 1)
		}
		if date.IsLeapYear(y) {
			n366 += int64(a.DaysUntil(b))
		} else {
			n365 += int64(a.DaysUntil(b))
		}
	}
	var f decimal.Decimal
	switch {
	case n366 == 0:
		f = quo(n365, 365)
	case n365 == 0:
		f = quo(n366, 366)
	default:
		f = quo(n365*366+n366*365, 365*366)
	}
	if neg {
		f = f.Neg()
	}
	return f
}

// yearBasis returns the denominator the convention uses for a segment that
// lies within calendar year y: 360, 365, or 365/366 for ActualActualISDA.
func (dc DayCount) yearBasis(y int) int {
	switch dc {
	case Thirty360E, Actual360:
		return 360
	case ActualActualISDA:
		if date.IsLeapYear(y) {
			return 366
		}
	}
	return 365
}

// quo returns n/d exactly when it terminates within 28 places, else rounded
// at 28 places. d must not be 0.
func quo(n, d int64) decimal.Decimal {
	return decimal.NewFromInt(n).DivRound(decimal.NewFromInt(d), 28)
}
