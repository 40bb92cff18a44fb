package date

import (
	"time"
)

// The supported range of years. Dates outside 0001-01-01..9999-12-31 cannot
// be constructed, parsed or produced by arithmetic; see [Date].
const (
	MinYear = 1    // the first supported year (proleptic Gregorian)
	MaxYear = 9999 // the last supported year; ISO 8601 dates have 4-digit years
)

const (
	// civilShift is days_from_civil(0001-01-01) measured from 0000-03-01, minus
	// one, so that day number 1 is 0001-01-01 and 0 is left for "no date".
	civilShift = 305
	// maxN is the day number of 9999-12-31.
	maxN = 3652059
)

// Date is a civil calendar date (year, month, day) in the proleptic Gregorian
// calendar, with no time of day and no time zone. It is a value: pass it by
// value, compare it with == or [Date.Compare], and use it as a map key.
//
// A Date occupies 4 bytes: it holds a day number counted from 0001-01-01.
// Arithmetic (AddDays, DaysUntil, Compare) is O(1) and does not allocate.
//
// The zero value means "no date". It is never a valid calendar date, sorts
// before every other date, prints as "" and marshals to empty text or JSON
// null. Operations on the zero Date return the zero Date (or 0, false, "" as
// documented on each method); they never panic.
//
// Supported years are [MinYear]..[MaxYear]. Arithmetic whose result would
// fall outside 0001-01-01..9999-12-31 returns the zero Date.
type Date struct {
	n int32 // days since 0001-01-01, plus 1; 0 = no date
}

// New returns the date y-m-d. It does not normalise: New(2025, 2, 30) is an
// error, not March 2. The error is a [*ParseError] that unwraps to
// [ErrInvalid] and names the values, for example
//
//	date: "2025-02-30" is not a valid date: February 2025 has 28 days
func New(y int, m time.Month, d int) (Date, error) {
	if reason := validate(y, m, d); reason != "" {
		return Date{}, &ParseError{Input: formatYMD(y, m, d), Reason: reason}
	}
	return fromCivil(y, m, d), nil
}

// MustNew is like [New] but panics if the date is invalid. Use it for
// constants in code and tests, never for user input.
func MustNew(y int, m time.Month, d int) Date {
	dt, err := New(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// Of returns the date of the instant t in t's own location. The zero
// time.Time (an unset time) and years outside [MinYear]..[MaxYear] give the
// zero Date; so the one instant 0001-01-01 00:00:00 UTC, which is the zero
// time.Time, gives the zero Date rather than 0001-01-01.
func Of(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	if y < MinYear || y > MaxYear {
		return Date{}
	}
	return fromCivil(y, m, d)
}

// In returns the date of the instant t as seen in loc. A nil loc means UTC.
// As with [Of], the zero time.Time gives the zero Date.
// The same instant can be a different date in different locations: 2025-01-31
// 23:30 UTC is 2025-02-01 in Europe/Copenhagen.
func In(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	return Of(t.In(loc))
}

// Time returns the first instant of d in loc (midnight, or the end of a DST
// gap in zones whose clocks skip midnight). A nil loc means UTC. The zero Date
// gives the zero time.Time.
//
// A civil day is not always 24 hours long: in Europe/Copenhagen,
// 2025-03-30 has 23. Count days with [Date.DaysUntil], never with time.Sub.
func (d Date) Time(loc *time.Location) time.Time {
	if d.n == 0 {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	y, m, day := d.YMD()
	t := time.Date(y, m, day, 0, 0, 0, 0, loc)
	if Of(t) != d {
		// Midnight does not exist in loc on this day (the clocks jump from
		// 23:59:59 to 01:00) and time.Date resolved it into the day before.
		// The day starts at the transition, which ends t's zone period.
		_, end := t.ZoneBounds()
		if !end.IsZero() {
			t = end
		}
	}
	return t
}

// IsZero reports whether d is the zero Date, meaning "no date". Every other
// Date value is a valid calendar date, so there is no separate IsValid.
func (d Date) IsZero() bool { return d.n == 0 }

// YMD returns the year, month and day of d. The zero Date gives (0, 0, 0).
func (d Date) YMD() (year int, month time.Month, day int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	return toCivil(d.n)
}

// Year returns the year of d, or 0 for the zero Date.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Month returns the month of d, or 0 for the zero Date.
func (d Date) Month() time.Month { _, m, _ := d.YMD(); return m }

// Day returns the day of the month of d (1..31), or 0 for the zero Date.
func (d Date) Day() int { _, _, day := d.YMD(); return day }

// Weekday returns the day of the week of d. The zero Date has no weekday and
// gives time.Sunday (the zero time.Weekday); check [Date.IsZero] first.
func (d Date) Weekday() time.Weekday {
	if d.n == 0 {
		return time.Sunday
	}
	// Day number 1, 0001-01-01, was a Monday.
	return time.Weekday(d.n % 7)
}

// YearDay returns the day of the year of d, 1..365 or 1..366 in leap years,
// or 0 for the zero Date.
func (d Date) YearDay() int {
	if d.n == 0 {
		return 0
	}
	return int(d.n-fromCivil(d.Year(), time.January, 1).n) + 1
}

// AddDays returns d plus n days (n may be negative). It returns the zero Date
// if d is zero or the result is outside the supported range.
func (d Date) AddDays(n int) Date {
	if d.n == 0 || n > maxN || n < -maxN {
		return Date{}
	}
	r := int(d.n) + n
	if r < 1 || r > maxN {
		return Date{}
	}
	return Date{n: int32(r)}
}

// AddMonths returns d plus n months (n may be negative), clamping the day to
// the last day of the target month:
//
//	2025-01-31 +1 = 2025-02-28    2024-01-31 +1 = 2024-02-29
//	2025-03-31 -1 = 2025-02-28    2025-01-31 +3 = 2025-04-30
//
// time.Time.AddDate would normalise 2025-02-31 to 2025-03-03 instead.
//
// Because of the clamp, AddMonths does not chain: 2025-01-31 +1 +1 is
// 2025-03-28, while 2025-01-31 +2 is 2025-03-31. A monthly schedule must
// compute every date from its anchor, anchor.AddMonths(k) for k = 0, 1, 2, ...,
// never by adding one month to the previous date.
//
// AddMonths returns the zero Date if d is zero or the result is outside the
// supported range.
func (d Date) AddMonths(n int) Date {
	const maxMonths = 12 * (MaxYear + 1)
	if d.n == 0 || n > maxMonths || n < -maxMonths {
		return Date{}
	}
	y, m, day := toCivil(d.n)
	total := y*12 + int(m) - 1 + n // months since year 0; y >= 1 keeps it >= 0 when in range
	if total < MinYear*12 || total >= (MaxYear+1)*12 {
		return Date{}
	}
	ny, nm := total/12, time.Month(total%12+1)
	return fromCivil(ny, nm, min(day, DaysInMonth(ny, nm)))
}

// AddYears returns d plus n years, clamping 29 February to 28 February in
// non-leap years. It is AddMonths(12*n), with the same anchor rule and range.
func (d Date) AddYears(n int) Date {
	if n > MaxYear+1 || n < -(MaxYear+1) {
		return Date{}
	}
	return d.AddMonths(12 * n)
}

// DaysUntil returns the number of calendar days from d to o: o minus d,
// negative if o is before d. It counts civil days, so a DST change between
// them makes no difference. It returns 0 if either date is zero.
func (d Date) DaysUntil(o Date) int {
	if d.n == 0 || o.n == 0 {
		return 0
	}
	return int(o.n) - int(d.n)
}

// Compare returns -1 if d is before o, 0 if they are equal and +1 if d is
// after o. The zero Date sorts before every other date. It fits
// slices.SortFunc(dates, Date.Compare).
func (d Date) Compare(o Date) int {
	switch {
	case d.n < o.n:
		return -1
	case d.n > o.n:
		return +1
	}
	return 0
}

// Before reports whether d is before o. The zero Date is before every other date.
func (d Date) Before(o Date) bool { return d.n < o.n }

// After reports whether d is after o. Every other date is after the zero Date.
func (d Date) After(o Date) bool { return d.n > o.n }

// Equal reports whether d and o are the same date; it is the same as d == o
// and exists for go-cmp and symmetry with time.Time.
func (d Date) Equal(o Date) bool { return d.n == o.n }

// StartOfMonth returns the first day of d's month, or the zero Date for zero.
func (d Date) StartOfMonth() Date {
	if d.n == 0 {
		return Date{}
	}
	return Date{n: d.n - int32(d.Day()) + 1}
}

// EndOfMonth returns the last day of d's month, or the zero Date for zero.
func (d Date) EndOfMonth() Date {
	if d.n == 0 {
		return Date{}
	}
	y, m, day := toCivil(d.n)
	return Date{n: d.n + int32(DaysInMonth(y, m)-day)}
}

// IsLeapYear reports whether year is a leap year in the Gregorian calendar:
// divisible by 4, except centuries not divisible by 400 (1900 is not, 2000 is).
func IsLeapYear(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// DaysInMonth returns the number of days in month m of year, or 0 if m is not
// in January..December.
func DaysInMonth(year int, m time.Month) int {
	switch m {
	case time.February:
		if IsLeapYear(year) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	case time.January, time.March, time.May, time.July, time.August, time.October, time.December:
		return 31
	}
	return 0
}

// validate returns "" if y-m-d is a supported date, else the reason it is not,
// phrased to follow "is not a valid date".
func validate(y int, m time.Month, d int) string {
	switch {
	case y < MinYear || y > MaxYear:
		return "is not a valid date: year " + itoa(y) + " is outside the supported range 1 to 9999"
	case m < time.January || m > time.December:
		return "is not a valid date: there is no month " + itoa(int(m)) + " (months are 1 to 12)"
	case d < 1:
		return "is not a valid date: there is no day " + itoa(d) + " (days start at 1)"
	case d > DaysInMonth(y, m):
		return "is not a valid date: " + m.String() + " " + itoa(y) + " has " + itoa(DaysInMonth(y, m)) + " days"
	}
	return ""
}

// fromCivil converts a valid y-m-d to a Date (Howard Hinnant's
// days_from_civil, http://howardhinnant.github.io/date_algorithms.html).
// Years are >= 1, so the era arithmetic needs no negative-division care.
func fromCivil(y int, m time.Month, d int) Date {
	if m <= time.February {
		y--
	}
	era := y / 400
	yoe := y - era*400 // [0, 399]
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1            // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return Date{n: int32(era*146097 + doe - civilShift)}
}

// toCivil converts a non-zero day number to y-m-d (Hinnant's civil_from_days).
func toCivil(n int32) (int, time.Month, int) {
	z := int(n) + civilShift // days since 0000-03-01, >= 306
	era := z / 146097
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	d := doy - (153*mp+2)/5 + 1              // [1, 31]
	m := mp + 3
	if m > 12 {
		m -= 12
		y++
	}
	return y, time.Month(m), d
}
