package date_test

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // zone data for CI machines without /usr/share/zoneinfo
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/date"
)

// d is shorthand for date.MustParse in tables.
func d(s string) date.Date { return date.MustParse(s) }

// The first and last supported dates.
var (
	first = date.MustNew(1, time.January, 1)
	last  = date.MustNew(9999, time.December, 31)
)

func loadLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestDateSize(t *testing.T) {
	require.LessOrEqual(t, unsafe.Sizeof(date.Date{}), uintptr(8))
}

func TestDateIsComparableMapKey(t *testing.T) {
	m := map[date.Date]string{d("2025-01-31"): "a", {}: "none"}
	require.Equal(t, "a", m[date.MustNew(2025, time.January, 31)])
	require.Equal(t, "none", m[date.Date{}])
	require.True(t, d("2025-01-31") == date.MustNew(2025, 1, 31))
	require.False(t, d("2025-01-31") == d("2025-02-01"))
}

func TestNew(t *testing.T) {
	tests := []struct {
		y       int
		m       time.Month
		d       int
		want    string // String() of the result, or "" on error
		wantErr string
	}{
		{2025, time.January, 31, "2025-01-31", ""},
		{2024, time.February, 29, "2024-02-29", ""},
		{2000, time.February, 29, "2000-02-29", ""},
		{1, time.January, 1, "0001-01-01", ""},
		{9999, time.December, 31, "9999-12-31", ""},
		{2025, time.February, 29, "", `date: "2025-02-29" is not a valid date: February 2025 has 28 days`},
		{1900, time.February, 29, "", `date: "1900-02-29" is not a valid date: February 1900 has 28 days`},
		{2025, time.February, 30, "", `date: "2025-02-30" is not a valid date: February 2025 has 28 days`},
		{2025, time.April, 31, "", `date: "2025-04-31" is not a valid date: April 2025 has 30 days`},
		{2025, time.January, 0, "", `date: "2025-01-00" is not a valid date: there is no day 0 (days start at 1)`},
		{2025, time.January, -3, "", `date: "2025-01--3" is not a valid date: there is no day -3 (days start at 1)`},
		{2025, 13, 1, "", `date: "2025-13-01" is not a valid date: there is no month 13 (months are 1 to 12)`},
		{2025, 0, 1, "", `date: "2025-00-01" is not a valid date: there is no month 0 (months are 1 to 12)`},
		{0, time.January, 1, "", `date: "0000-01-01" is not a valid date: year 0 is outside the supported range 1 to 9999`},
		{10000, time.January, 1, "", `date: "10000-01-01" is not a valid date: year 10000 is outside the supported range 1 to 9999`},
		{-1, time.January, 1, "", `date: "-001-01-01" is not a valid date: year -1 is outside the supported range 1 to 9999`},
	}
	for _, tt := range tests {
		got, err := date.New(tt.y, tt.m, tt.d)
		if tt.wantErr != "" {
			require.EqualError(t, err, tt.wantErr)
			require.ErrorIs(t, err, date.ErrInvalid)
			var pe *date.ParseError
			require.ErrorAs(t, err, &pe)
			require.True(t, got.IsZero())
			require.Panics(t, func() { date.MustNew(tt.y, tt.m, tt.d) })
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tt.want, got.String())
		y, m, day := got.YMD()
		require.Equal(t, []int{tt.y, int(tt.m), tt.d}, []int{y, int(m), day})
		require.Equal(t, tt.y, got.Year())
		require.Equal(t, tt.m, got.Month())
		require.Equal(t, tt.d, got.Day())
	}
}

func TestZeroValue(t *testing.T) {
	var z date.Date
	require.True(t, z.IsZero())
	require.False(t, d("2025-01-01").IsZero())
	require.False(t, first.IsZero())
	y, m, day := z.YMD()
	require.Equal(t, []int{0, 0, 0}, []int{y, int(m), day})
	require.Zero(t, z.Year())
	require.Zero(t, z.Month())
	require.Zero(t, z.Day())
	require.Zero(t, z.YearDay())
	require.Equal(t, time.Sunday, z.Weekday())
	require.Equal(t, "", z.String())
	require.Equal(t, "date.Date{}", z.GoString())
	require.True(t, z.AddDays(1).IsZero())
	require.True(t, z.AddDays(0).IsZero())
	require.True(t, z.AddMonths(1).IsZero())
	require.True(t, z.AddYears(1).IsZero())
	require.True(t, z.EndOfMonth().IsZero())
	require.True(t, z.StartOfMonth().IsZero())
	require.Zero(t, z.DaysUntil(d("2025-01-01")))
	require.Zero(t, d("2025-01-01").DaysUntil(z))
	require.True(t, z.Time(time.UTC).IsZero())
	// The zero Date sorts first.
	require.Equal(t, -1, z.Compare(first))
	require.Equal(t, +1, first.Compare(z))
	require.Equal(t, 0, z.Compare(date.Date{}))
	require.True(t, z.Before(first))
	require.True(t, first.After(z))
	// Only the zero time.Time maps to the zero Date.
	require.True(t, date.Of(time.Time{}).IsZero())
	require.True(t, date.In(time.Time{}, time.UTC).IsZero())
}

func TestLeapYears(t *testing.T) {
	tests := []struct {
		year int
		leap bool
	}{
		{1900, false}, {2000, true}, {2024, true}, {2025, false}, {2100, false}, {2400, true}, {4, true}, {1, false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.leap, date.IsLeapYear(tt.year), tt.year)
		want := 28
		if tt.leap {
			want = 29
		}
		require.Equal(t, want, date.DaysInMonth(tt.year, time.February), tt.year)
		_, err := date.New(tt.year, time.February, 29)
		require.Equal(t, tt.leap, err == nil, tt.year)
	}
	require.Equal(t, 31, date.DaysInMonth(2025, time.January))
	require.Equal(t, 30, date.DaysInMonth(2025, time.April))
	require.Equal(t, 31, date.DaysInMonth(2025, time.December))
	require.Equal(t, 0, date.DaysInMonth(2025, 13))
	require.Equal(t, 0, date.DaysInMonth(2025, 0))
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string // "" = zero Date
	}{
		{"2025-01-31", 1, "2025-02-01"},
		{"2025-01-31", 0, "2025-01-31"},
		{"2025-12-31", 1, "2026-01-01"},
		{"2026-01-01", -1, "2025-12-31"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2024-02-29", 1, "2024-03-01"},
		{"2025-02-28", 1, "2025-03-01"},
		{"1900-02-28", 1, "1900-03-01"},
		{"2000-02-28", 1, "2000-02-29"},
		{"2025-03-29", 2, "2025-03-31"}, // across the Copenhagen DST change: still 2 days
		{"2025-01-01", 365, "2026-01-01"},
		{"2024-01-01", 366, "2025-01-01"},
		{"2025-01-01", -365, "2024-01-02"},
		{"0001-01-01", -1, ""},
		{"9999-12-31", 1, ""},
		{"0001-01-01", 3652058, "9999-12-31"},
		{"9999-12-31", -3652058, "0001-01-01"},
		{"2025-01-01", math.MaxInt, ""},
		{"2025-01-01", math.MinInt, ""},
		{"2025-01-01", math.MaxInt32, ""},
		{"2025-01-01", math.MinInt32, ""},
	}
	for _, tt := range tests {
		got := d(tt.from).AddDays(tt.n)
		require.Equal(t, tt.want, got.String(), "%s %+d", tt.from, tt.n)
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string // "" = zero Date
	}{
		{"2025-01-31", 0, "2025-01-31"},
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-01-31", 2, "2025-03-31"},
		{"2025-01-31", 3, "2025-04-30"},
		{"2025-01-31", 13, "2026-02-28"},
		{"2025-01-31", 12, "2026-01-31"},
		{"2025-01-30", 1, "2025-02-28"},
		{"2025-01-28", 1, "2025-02-28"},
		{"2025-01-15", 1, "2025-02-15"},
		{"2025-03-31", -1, "2025-02-28"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2025-05-31", -1, "2025-04-30"},
		{"2025-03-31", -13, "2024-02-29"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2025-12-31", 1, "2026-01-31"},
		{"2025-11-30", 1, "2025-12-30"},
		{"2025-12-15", -12, "2024-12-15"},
		{"2025-01-15", -25, "2022-12-15"},
		{"1900-01-31", 1, "1900-02-28"},
		{"2000-01-31", 1, "2000-02-29"},
		{"0001-01-31", -1, ""},
		{"0001-02-28", -1, "0001-01-28"},
		{"9999-12-31", 1, ""},
		{"9999-11-30", 1, "9999-12-30"},
		{"2025-01-01", math.MaxInt, ""},
		{"2025-01-01", math.MinInt, ""},
		{"2025-01-01", 12 * 10000, ""},
		{"2025-01-01", -12 * 10000, ""},
	}
	for _, tt := range tests {
		got := d(tt.from).AddMonths(tt.n)
		require.Equal(t, tt.want, got.String(), "%s %+d months", tt.from, tt.n)
	}
}

// TestAddMonthsAnchorRule shows why schedules compute from the anchor.
func TestAddMonthsAnchorRule(t *testing.T) {
	anchor := d("2025-01-31")
	var fromAnchor, chained []string
	c := anchor
	for k := range 5 {
		fromAnchor = append(fromAnchor, anchor.AddMonths(k).String())
		chained = append(chained, c.String())
		c = c.AddMonths(1)
	}
	require.Equal(t, []string{"2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"}, fromAnchor)
	require.Equal(t, []string{"2025-01-31", "2025-02-28", "2025-03-28", "2025-04-28", "2025-05-28"}, chained)
	// time.Time normalises instead of clamping.
	require.Equal(t, "2025-03-03", anchor.Time(time.UTC).AddDate(0, 1, 0).Format(time.DateOnly))
}

func TestAddYears(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2024-02-29", -1, "2023-02-28"},
		{"2024-02-29", 76, "2100-02-28"},
		{"2025-06-15", 10, "2035-06-15"},
		{"9999-01-01", 1, ""},
		{"0001-12-31", -1, ""},
		{"2025-01-01", math.MaxInt, ""},
		{"2025-01-01", math.MinInt, ""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, d(tt.from).AddYears(tt.n).String(), "%s %+d years", tt.from, tt.n)
	}
}

func TestDaysUntil(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2025-01-01", "2025-01-01", 0},
		{"2025-01-01", "2025-01-02", 1},
		{"2025-01-02", "2025-01-01", -1},
		{"2025-01-01", "2026-01-01", 365},
		{"2024-01-01", "2025-01-01", 366},
		{"2024-02-28", "2024-03-01", 2},
		{"2025-02-28", "2025-03-01", 1},
		{"1900-02-28", "1900-03-01", 1},
		{"2000-02-28", "2000-03-01", 2},
		{"2025-03-29", "2025-03-31", 2}, // spring DST in Europe
		{"2025-10-25", "2025-10-27", 2}, // autumn DST in Europe
		{"0001-01-01", "9999-12-31", 3652058},
		{"9999-12-31", "0001-01-01", -3652058},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, d(tt.from).DaysUntil(d(tt.to)), "%s..%s", tt.from, tt.to)
	}
}

// TestDaysUntilAcrossDST: counting hours between zoned midnights is off by
// one across a DST change; DaysUntil counts calendar days.
func TestDaysUntilAcrossDST(t *testing.T) {
	cph := loadLoc(t, "Europe/Copenhagen")
	a, b := d("2025-03-29"), d("2025-03-31")
	hours := b.Time(cph).Sub(a.Time(cph))
	require.Equal(t, 47*time.Hour, hours)
	require.Equal(t, 1, int(hours/(24*time.Hour)), "the pitfall this type avoids")
	require.Equal(t, 2, a.DaysUntil(b))

	a, b = d("2025-10-25"), d("2025-10-27")
	require.Equal(t, 49*time.Hour, b.Time(cph).Sub(a.Time(cph)))
	require.Equal(t, 2, a.DaysUntil(b))
}

func TestCompare(t *testing.T) {
	a, b := d("2025-01-31"), d("2025-02-01")
	require.Equal(t, -1, a.Compare(b))
	require.Equal(t, +1, b.Compare(a))
	require.Equal(t, 0, a.Compare(d("2025-01-31")))
	require.True(t, a.Before(b))
	require.False(t, b.Before(a))
	require.False(t, a.Before(a))
	require.True(t, b.After(a))
	require.False(t, a.After(b))
	require.False(t, a.After(a))
	require.True(t, a.Equal(d("2025-01-31")))
	require.False(t, a.Equal(b))

	ds := []date.Date{d("2025-03-01"), {}, d("2024-12-31"), d("2025-01-01"), first, last}
	slices.SortFunc(ds, date.Date.Compare)
	require.Equal(t, []date.Date{{}, first, d("2024-12-31"), d("2025-01-01"), d("2025-03-01"), last}, ds)
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		date string
		want time.Weekday
	}{
		{"0001-01-01", time.Monday},
		{"0001-01-07", time.Sunday},
		{"1970-01-01", time.Thursday},
		{"2000-02-29", time.Tuesday},
		{"2025-01-31", time.Friday},
		{"2025-02-01", time.Saturday},
		{"2025-02-02", time.Sunday},
		{"9999-12-31", time.Friday},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, d(tt.date).Weekday(), tt.date)
		require.Equal(t, d(tt.date).Time(time.UTC).Weekday(), d(tt.date).Weekday(), tt.date)
	}
}

func TestMonthBoundsAndYearDay(t *testing.T) {
	tests := []struct {
		date, start, end string
		yday             int
	}{
		{"2025-01-15", "2025-01-01", "2025-01-31", 15},
		{"2025-02-10", "2025-02-01", "2025-02-28", 41},
		{"2024-02-10", "2024-02-01", "2024-02-29", 41},
		{"1900-02-28", "1900-02-01", "1900-02-28", 59},
		{"2000-02-01", "2000-02-01", "2000-02-29", 32},
		{"2024-12-31", "2024-12-01", "2024-12-31", 366},
		{"2025-12-31", "2025-12-01", "2025-12-31", 365},
		{"2025-04-30", "2025-04-01", "2025-04-30", 120},
		{"9999-12-31", "9999-12-01", "9999-12-31", 365},
		{"0001-01-01", "0001-01-01", "0001-01-31", 1},
	}
	for _, tt := range tests {
		require.Equal(t, tt.start, d(tt.date).StartOfMonth().String(), tt.date)
		require.Equal(t, tt.end, d(tt.date).EndOfMonth().String(), tt.date)
		require.Equal(t, tt.yday, d(tt.date).YearDay(), tt.date)
	}
}

func TestOfAndIn(t *testing.T) {
	cph := loadLoc(t, "Europe/Copenhagen")
	ny := loadLoc(t, "America/New_York")
	late := time.Date(2025, 1, 31, 23, 30, 0, 0, time.UTC)
	require.Equal(t, d("2025-01-31"), date.Of(late))
	require.Equal(t, d("2025-01-31"), date.In(late, time.UTC))
	require.Equal(t, d("2025-01-31"), date.In(late, nil))
	require.Equal(t, d("2025-02-01"), date.In(late, cph))
	require.Equal(t, d("2025-02-01"), date.Of(late.In(cph)))
	require.Equal(t, d("2025-01-31"), date.In(late, ny))
	// 00:30 on 31 March in Berlin/Copenhagen is still 30 March in UTC.
	early := time.Date(2025, 3, 31, 0, 30, 0, 0, cph)
	require.Equal(t, d("2025-03-31"), date.Of(early))
	require.Equal(t, d("2025-03-30"), date.In(early, time.UTC))
	// Out-of-range years give the zero Date.
	require.True(t, date.Of(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero())
	require.True(t, date.Of(time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)).IsZero())
	require.Equal(t, first, date.Of(time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)))
}

func TestTime(t *testing.T) {
	cph := loadLoc(t, "Europe/Copenhagen")
	havana := loadLoc(t, "America/Havana")

	got := d("2025-03-30").Time(cph)
	require.Equal(t, "2025-03-30T00:00:00+01:00", got.Format(time.RFC3339))
	require.Equal(t, cph, got.Location())
	require.Equal(t, 23*time.Hour, d("2025-03-31").Time(cph).Sub(got))
	require.Equal(t, 25*time.Hour, d("2025-10-27").Time(cph).Sub(d("2025-10-26").Time(cph)))
	require.Equal(t, "2025-01-31T00:00:00Z", d("2025-01-31").Time(nil).Format(time.RFC3339))
	require.Equal(t, "2025-01-31T00:00:00Z", d("2025-01-31").Time(time.UTC).Format(time.RFC3339))

	// In Havana the clocks went from 2025-03-08 23:59:59 CST to
	// 2025-03-09 01:00 CDT: that day starts at 01:00. time.Date alone gives
	// 23:00 on the day before.
	require.Equal(t, "2025-03-08T23:00:00-05:00",
		time.Date(2025, 3, 9, 0, 0, 0, 0, havana).Format(time.RFC3339))
	got = d("2025-03-09").Time(havana)
	require.Equal(t, "2025-03-09T01:00:00-04:00", got.Format(time.RFC3339))
	require.Equal(t, d("2025-03-08"), date.Of(got.Add(-time.Nanosecond)))
}

// TestTimeRoundTripAllZones checks, for several zones and every day of
// 2015..2026, that Time gives the first instant of the day in that zone.
func TestTimeRoundTripAllZones(t *testing.T) {
	for _, name := range []string{"UTC", "Europe/Copenhagen", "America/Havana", "America/Santiago",
		"Asia/Beirut", "America/Asuncion", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kolkata"} {
		loc := loadLoc(t, name)
		for dt := d("2015-01-01"); dt.Before(d("2027-01-01")); dt = dt.AddDays(1) {
			start := dt.Time(loc)
			require.Equal(t, dt, date.Of(start), "%s %s", name, dt)
			require.Equal(t, dt.AddDays(-1), date.Of(start.Add(-time.Nanosecond)), "%s %s", name, dt)
		}
	}
}

// TestConversionExhaustive compares every supported date with the time
// package's calendar.
func TestConversionExhaustive(t *testing.T) {
	if testing.Short() {
		t.Skip("walks all 3.6 million dates")
	}
	tm := time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC)
	n := 0
	for dt := first; !dt.IsZero(); dt = dt.AddDays(1) {
		y, m, day := tm.Date()
		gy, gm, gd := dt.YMD()
		if gy != y || gm != m || gd != day || dt.Weekday() != tm.Weekday() || dt.YearDay() != tm.YearDay() {
			t.Fatalf("day %d: got %04d-%02d-%02d %v yday %d, time says %s yday %d",
				n, gy, gm, gd, dt.Weekday(), dt.YearDay(), tm.Format("2006-01-02 Monday"), tm.YearDay())
		}
		if back := date.MustNew(y, m, day); back != dt {
			t.Fatalf("New(%d, %d, %d) = %s, want %s", y, m, day, back, dt)
		}
		tm = tm.Add(24 * time.Hour)
		n++
	}
	require.Equal(t, 3652059, n)
	require.Equal(t, 10000, tm.Year(), "the loop ended at 9999-12-31")
}

func TestErrorsAreMatchable(t *testing.T) {
	_, err := date.Parse("2025-02-30")
	require.True(t, errors.Is(err, date.ErrInvalid))
	pe, ok := errors.AsType[*date.ParseError](err)
	require.True(t, ok)
	require.Equal(t, "2025-02-30", pe.Input)
	require.Equal(t, "is not a valid date: February 2025 has 28 days", pe.Reason)
}
