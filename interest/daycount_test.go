package interest

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func TestDayCountDaysAndYearFraction(t *testing.T) {
	d := date.MustParse
	tests := []struct {
		dc       DayCount
		from, to string
		days     int
		frac     string
	}{
		{Thirty360E, "2025-01-31", "2025-02-28", 28, "0.0777777777777777777777777778"},
		{Thirty360E, "2025-01-30", "2025-03-31", 60, "0.1666666666666666666666666667"},
		{Thirty360E, "2025-01-01", "2026-01-01", 360, "1"},
		{Thirty360E, "2024-02-29", "2024-03-31", 31, "0.0861111111111111111111111111"},
		{Actual365Fixed, "2024-01-01", "2025-01-01", 366, "1.0027397260273972602739726027"},
		{Actual365Fixed, "2025-01-01", "2025-01-01", 0, "0"},
		{Actual360, "2025-01-01", "2025-04-01", 90, "0.25"},
		{ActualActualISDA, "2024-01-01", "2025-01-01", 366, "1"},
		{ActualActualISDA, "2023-01-01", "2025-01-01", 731, "2"},
		// 2 days in 2023 (30, 31 Dec) over 365 + 10 days in 2024 over 366 = 4382/133590.
		{ActualActualISDA, "2023-12-30", "2024-01-11", 12, "0.032801856426379220001497118"},
		// Reversed: -(2/366 + 10/365) = -4390/133590.
		{ActualActualISDA, "2025-01-11", "2024-12-30", -12, "-0.0328617411482895426304364099"},
	}
	for _, tt := range tests {
		t.Run(tt.dc.String()+" "+tt.from+".."+tt.to, func(t *testing.T) {
			require.Equal(t, tt.days, tt.dc.Days(d(tt.from), d(tt.to)))
			got := tt.dc.YearFraction(d(tt.from), d(tt.to))
			require.True(t, got.Equal(decimal.RequireFromString(tt.frac)), "got %s want %s", got, tt.frac)
		})
	}
}

func TestDayCountText(t *testing.T) {
	for _, dc := range []DayCount{Thirty360E, Actual365Fixed, ActualActualISDA, Actual360} {
		b, err := dc.MarshalText()
		require.NoError(t, err)
		var back DayCount
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, dc, back)
	}
	for s, want := range map[string]DayCount{"act/365": Actual365Fixed, "Actual/Actual": ActualActualISDA, " 30e/360 ": Thirty360E, "ACT/360": Actual360} {
		got, err := ParseDayCount(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
	_, err := ParseDayCount("30/365")
	require.ErrorIs(t, err, ErrDayCount)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.ErrorContains(t, err, `"30/365"`)
	require.False(t, DayCount(0).IsValid())
	_, err = DayCount(9).MarshalText()
	require.ErrorIs(t, err, ErrDayCount)
}

func FuzzParseDayCount(f *testing.F) {
	for _, s := range []string{"30E/360", "ACT/365F", "act/act", "ACT/360", "", "30/365", "actual / 360"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dc, err := ParseDayCount(s)
		if err != nil {
			require.ErrorIs(t, err, ErrDayCount)
			require.Zero(t, dc)
			return
		}
		require.True(t, dc.IsValid())
		back, err := ParseDayCount(dc.String())
		require.NoError(t, err)
		require.Equal(t, dc, back)
	})
}
