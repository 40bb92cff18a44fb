package date_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/date"
)

// easter2025 holds some Danish bank holidays of 2025, as a host would supply.
func easter2025() *date.Holidays {
	return date.NewHolidays(nil,
		d("2025-04-17"), d("2025-04-18"), d("2025-04-21"), // Maundy Thursday, Good Friday, Easter Monday
		d("2025-12-24"), d("2025-12-25"), d("2025-12-26"), d("2025-12-31"), d("2026-01-01"),
	)
}

func TestWeekends(t *testing.T) {
	tests := []struct {
		date string
		want bool
	}{
		{"2025-01-31", true},  // Friday
		{"2025-02-01", false}, // Saturday
		{"2025-02-02", false}, // Sunday
		{"2025-02-03", true},  // Monday
		{"2025-12-25", true},  // Weekends knows no holidays
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, date.Weekends{}.IsBusinessDay(d(tt.date)), tt.date)
	}
	require.False(t, date.Weekends{}.IsBusinessDay(date.Date{}))
}

func TestHolidays(t *testing.T) {
	days := []date.Date{d("2025-12-25"), d("2025-12-24"), {}}
	h := date.NewHolidays(nil, days...)
	days[0] = d("2025-06-02") // the calendar keeps its own copy
	require.False(t, h.IsBusinessDay(d("2025-12-24")))
	require.False(t, h.IsBusinessDay(d("2025-12-25")))
	require.True(t, h.IsBusinessDay(d("2025-06-02")))
	require.True(t, h.IsBusinessDay(d("2025-12-23")))
	require.False(t, h.IsBusinessDay(d("2025-12-27")), "Saturday from the nil (Weekends) base")
	require.True(t, h.IsHoliday(d("2025-12-24")))
	require.False(t, h.IsHoliday(d("2025-12-27")))
	require.False(t, h.IsHoliday(date.Date{}))
	require.False(t, h.IsBusinessDay(date.Date{}))
	require.Equal(t, []date.Date{d("2025-12-24"), d("2025-12-25")}, slices.Collect(h.All()))

	// A custom base: a six-day week, with holidays on top; holidays stack.
	sixDays := date.CalendarFunc(func(x date.Date) bool { return !x.IsZero() && x.Weekday() != time.Sunday })
	h2 := date.NewHolidays(date.NewHolidays(sixDays, d("2025-12-25")), d("2025-12-26"))
	require.True(t, h2.IsBusinessDay(d("2025-12-27")))
	require.False(t, h2.IsBusinessDay(d("2025-12-28")))
	require.False(t, h2.IsBusinessDay(d("2025-12-25")))
	require.False(t, h2.IsBusinessDay(d("2025-12-26")))

	// Calendars stay comparable, so structs holding one can use ==.
	var c1, c2 date.Calendar = h, h
	require.True(t, c1 == c2)

	// A nil *Holidays is Weekends.
	var z *date.Holidays
	require.True(t, z.IsBusinessDay(d("2025-12-25")))
	require.False(t, z.IsBusinessDay(d("2025-12-27")))
	require.Empty(t, slices.Collect(z.All()))
}

func TestBusinessDays(t *testing.T) {
	dk := easter2025()
	none := date.CalendarFunc(func(date.Date) bool { return false })
	tests := []struct {
		name                        string
		cal                         date.Calendar
		from                        string
		next, prev, fwd, back       string // "" = zero Date
		plus1, plus3, minus1, plus0 string
	}{
		{"Friday, weekends", date.Weekends{}, "2025-01-31",
			"2025-02-03", "2025-01-30", "2025-01-31", "2025-01-31",
			"2025-02-03", "2025-02-05", "2025-01-30", "2025-01-31"},
		{"Saturday, nil calendar", nil, "2025-02-01",
			"2025-02-03", "2025-01-31", "2025-02-03", "2025-01-31",
			"2025-02-03", "2025-02-05", "2025-01-31", "2025-02-01"},
		{"Sunday, weekends", date.Weekends{}, "2025-02-02",
			"2025-02-03", "2025-01-31", "2025-02-03", "2025-01-31",
			"2025-02-03", "2025-02-05", "2025-01-31", "2025-02-02"},
		{"Wednesday before Easter", dk, "2025-04-16",
			"2025-04-22", "2025-04-15", "2025-04-16", "2025-04-16",
			"2025-04-22", "2025-04-24", "2025-04-15", "2025-04-16"},
		{"Good Friday", dk, "2025-04-18",
			"2025-04-22", "2025-04-16", "2025-04-22", "2025-04-16",
			"2025-04-22", "2025-04-24", "2025-04-16", "2025-04-18"},
		{"over Christmas and New Year", dk, "2025-12-23",
			"2025-12-29", "2025-12-22", "2025-12-23", "2025-12-23",
			"2025-12-29", "2026-01-02", "2025-12-22", "2025-12-23"},
		{"calendar without business days", none, "2025-01-01",
			"", "", "", "",
			"", "", "", "2025-01-01"},
		{"last supported day", date.Weekends{}, "9999-12-31",
			"", "9999-12-30", "9999-12-31", "9999-12-31",
			"", "", "9999-12-30", "9999-12-31"},
		{"first supported day", date.Weekends{}, "0001-01-01",
			"0001-01-02", "", "0001-01-01", "0001-01-01",
			"0001-01-02", "0001-01-04", "", "0001-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := d(tt.from)
			require.Equal(t, tt.next, date.NextBusinessDay(tt.cal, from).String(), "next")
			require.Equal(t, tt.prev, date.PreviousBusinessDay(tt.cal, from).String(), "previous")
			require.Equal(t, tt.fwd, date.AdjustForward(tt.cal, from).String(), "forward")
			require.Equal(t, tt.back, date.AdjustBackward(tt.cal, from).String(), "backward")
			require.Equal(t, tt.plus1, date.AddBusinessDays(tt.cal, from, 1).String(), "+1")
			require.Equal(t, tt.plus3, date.AddBusinessDays(tt.cal, from, 3).String(), "+3")
			require.Equal(t, tt.minus1, date.AddBusinessDays(tt.cal, from, -1).String(), "-1")
			require.Equal(t, tt.plus0, date.AddBusinessDays(tt.cal, from, 0).String(), "+0")
		})
	}
}

func TestBusinessDaysZeroAndBounds(t *testing.T) {
	var z date.Date
	require.True(t, date.NextBusinessDay(nil, z).IsZero())
	require.True(t, date.PreviousBusinessDay(nil, z).IsZero())
	require.True(t, date.AdjustForward(nil, z).IsZero())
	require.True(t, date.AdjustBackward(nil, z).IsZero())
	require.True(t, date.AddBusinessDays(nil, z, 5).IsZero())
	require.True(t, date.AddBusinessDays(nil, z, 0).IsZero())

	// The search gives up after MaxBusinessDaySearch days and no more.
	calls := 0
	farAway := d("2025-01-01").AddDays(date.MaxBusinessDaySearch)
	cal := date.CalendarFunc(func(x date.Date) bool { calls++; return x == farAway })
	require.Equal(t, farAway, date.NextBusinessDay(cal, d("2025-01-01")))
	require.Equal(t, date.MaxBusinessDaySearch, calls)
	calls = 0
	require.True(t, date.NextBusinessDay(cal, d("2025-01-01").AddDays(-1)).IsZero())
	require.Equal(t, date.MaxBusinessDaySearch, calls)

	// Huge n stops at the end of the supported range instead of looping.
	require.True(t, date.AddBusinessDays(nil, d("2025-01-01"), 1<<62).IsZero())
	require.True(t, date.AddBusinessDays(nil, d("2025-01-01"), -1<<62).IsZero())
	// 261 business days in 2025 (365 days minus 104 weekend days).
	require.Equal(t, d("2026-01-01"), date.AddBusinessDays(nil, d("2024-12-31"), 262))
}
