package date_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/date"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestToday(t *testing.T) {
	cph := loadLoc(t, "Europe/Copenhagen")
	ny := loadLoc(t, "America/New_York")
	tests := []struct {
		name    string
		instant string // RFC 3339
		loc     *time.Location
		want    string
	}{
		// Spring forward in Copenhagen: 2025-03-30 01:59:59 CET (UTC+1) is
		// followed by 03:00:00 CEST (UTC+2), at 01:00 UTC.
		{"last second of 03-29 in CPH", "2025-03-29T22:59:59Z", cph, "2025-03-29"},
		{"midnight CET starts 03-30", "2025-03-29T23:00:00Z", cph, "2025-03-30"},
		{"same instant in UTC", "2025-03-29T23:00:00Z", time.UTC, "2025-03-29"},
		{"01:59:59 CET before the jump", "2025-03-30T00:59:59Z", cph, "2025-03-30"},
		{"03:00 CEST after the jump", "2025-03-30T01:00:00Z", cph, "2025-03-30"},
		{"23:59:59 CEST", "2025-03-30T21:59:59Z", cph, "2025-03-30"},
		{"midnight CEST starts 03-31", "2025-03-30T22:00:00Z", cph, "2025-03-31"},
		// Fall back: 2025-10-26 02:59:59 CEST is followed by 02:00:00 CET, at 01:00 UTC.
		{"last second of 10-25 in CPH", "2025-10-25T21:59:59Z", cph, "2025-10-25"},
		{"midnight CEST starts 10-26", "2025-10-25T22:00:00Z", cph, "2025-10-26"},
		{"02:59:59 CEST before fall back", "2025-10-26T00:59:59Z", cph, "2025-10-26"},
		{"02:00 CET after fall back", "2025-10-26T01:00:00Z", cph, "2025-10-26"},
		{"23:59:59 CET", "2025-10-26T22:59:59Z", cph, "2025-10-26"},
		{"midnight CET starts 10-27", "2025-10-26T23:00:00Z", cph, "2025-10-27"},
		// A late-evening UTC instant is already the next day in Copenhagen.
		{"late evening UTC, CPH", "2025-01-31T23:30:00Z", cph, "2025-02-01"},
		{"late evening UTC, UTC", "2025-01-31T23:30:00Z", time.UTC, "2025-01-31"},
		{"late evening UTC, nil loc = UTC", "2025-01-31T23:30:00Z", nil, "2025-01-31"},
		{"year end in CPH", "2025-12-31T23:00:00Z", cph, "2026-01-01"},
		{"early UTC is the day before in New York", "2025-02-01T03:00:00Z", ny, "2025-01-31"},
		{"offset in the clock's own time is ignored", "2025-02-01T00:30:00+01:00", time.UTC, "2025-01-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			instant := utc(tt.instant)
			require.Equal(t, tt.want, date.Today(date.FixedClock(instant), tt.loc).String())
			// The same through a ClockFunc, and with the instant in another zone.
			fn := date.ClockFunc(func() time.Time { return instant.In(ny) })
			require.Equal(t, tt.want, date.Today(fn, tt.loc).String())
		})
	}
}

func TestClocks(t *testing.T) {
	instant := utc("2025-01-31T23:30:00Z")
	require.True(t, instant.Equal(date.FixedClock(instant).Now()))
	calls := 0
	c := date.ClockFunc(func() time.Time { calls++; return instant })
	require.True(t, instant.Equal(c.Now()))
	require.Equal(t, 1, calls)

	var _ date.Clock = date.SystemClock{}
	var _ date.Clock = date.FixedClock{}
	var _ date.Clock = date.ClockFunc(nil)

	// The system clock gives some real date; nothing is asserted about which.
	require.False(t, date.Today(date.SystemClock{}, time.UTC).IsZero())
	require.False(t, date.SystemClock{}.Now().IsZero())
}

func TestTodayNilClockPanics(t *testing.T) {
	require.PanicsWithValue(t,
		"date: Today called with a nil Clock (use date.SystemClock{} for the wall clock)",
		func() { date.Today(nil, time.UTC) })
}
