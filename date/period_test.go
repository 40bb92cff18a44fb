package date_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/date"
)

func p(from, to string) date.Period {
	var pp date.Period
	if from != "" {
		pp.From = d(from)
	}
	if to != "" {
		pp.To = d(to)
	}
	return pp
}

func TestNewPeriod(t *testing.T) {
	got, err := date.NewPeriod(d("2025-01-01"), d("2025-02-01"))
	require.NoError(t, err)
	require.Equal(t, p("2025-01-01", "2025-02-01"), got)

	got, err = date.NewPeriod(d("2025-01-01"), d("2025-01-01"))
	require.NoError(t, err)
	require.True(t, got.IsEmpty())

	tests := []struct {
		from, to date.Date
		wantErr  string
	}{
		{d("2025-02-01"), d("2025-01-01"), "date: period [2025-02-01, 2025-01-01) ends before it starts"},
		{d("2025-01-02"), d("2025-01-01"), "date: period [2025-01-02, 2025-01-01) ends before it starts"},
		{date.Date{}, d("2025-01-01"), "date: period [(no date), 2025-01-01) needs both dates"},
		{d("2025-01-01"), date.Date{}, "date: period [2025-01-01, (no date)) needs both dates"},
		{date.Date{}, date.Date{}, "date: period [(no date), (no date)) needs both dates"},
	}
	for _, tt := range tests {
		got, err := date.NewPeriod(tt.from, tt.to)
		require.EqualError(t, err, tt.wantErr)
		require.ErrorIs(t, err, date.ErrInvalid)
		var pe *date.PeriodError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, tt.from, pe.From)
		require.Equal(t, tt.to, pe.To)
		require.Equal(t, date.Period{}, got)
	}
}

func TestPeriodDaysContainsEmpty(t *testing.T) {
	tests := []struct {
		p     date.Period
		days  int
		empty bool
		in    []string
		out   []string
	}{
		{p("2025-01-01", "2025-02-01"), 31, false,
			[]string{"2025-01-01", "2025-01-15", "2025-01-31"},
			[]string{"2024-12-31", "2025-02-01", "2025-02-02"}},
		{p("2024-02-01", "2024-03-01"), 29, false, []string{"2024-02-29"}, []string{"2024-03-01"}},
		{p("2025-02-01", "2025-03-01"), 28, false, []string{"2025-02-28"}, []string{"2025-03-01"}},
		{p("2025-03-29", "2025-03-31"), 2, false, []string{"2025-03-29", "2025-03-30"}, []string{"2025-03-31"}},
		{p("2024-12-31", "2025-01-01"), 1, false, []string{"2024-12-31"}, []string{"2025-01-01"}},
		{p("2025-01-01", "2025-01-01"), 0, true, nil, []string{"2025-01-01"}},
		{p("2025-02-01", "2025-01-01"), 0, true, nil, []string{"2025-01-15", "2025-02-01", "2025-01-01"}},
		{p("", "2025-01-01"), 0, true, nil, []string{"2024-01-01"}},
		{p("2025-01-01", ""), 0, true, nil, []string{"2025-06-01"}},
		{date.Period{}, 0, true, nil, []string{"2025-01-01"}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.days, tt.p.Days(), tt.p.String())
		require.Equal(t, tt.empty, tt.p.IsEmpty(), tt.p.String())
		for _, s := range tt.in {
			require.True(t, tt.p.Contains(d(s)), "%s contains %s", tt.p, s)
		}
		for _, s := range tt.out {
			require.False(t, tt.p.Contains(d(s)), "%s does not contain %s", tt.p, s)
		}
		require.False(t, tt.p.Contains(date.Date{}))
		require.Len(t, slices.Collect(tt.p.All()), tt.days)
	}
}

func TestPeriodOverlap(t *testing.T) {
	tests := []struct {
		a, b date.Period
		want date.Period
		ok   bool
	}{
		{p("2025-01-01", "2025-02-01"), p("2025-01-15", "2025-03-01"), p("2025-01-15", "2025-02-01"), true},
		{p("2025-01-15", "2025-03-01"), p("2025-01-01", "2025-02-01"), p("2025-01-15", "2025-02-01"), true},
		{p("2025-01-01", "2025-12-31"), p("2025-03-01", "2025-04-01"), p("2025-03-01", "2025-04-01"), true},
		{p("2025-03-01", "2025-04-01"), p("2025-01-01", "2025-12-31"), p("2025-03-01", "2025-04-01"), true},
		{p("2025-01-01", "2025-02-01"), p("2025-01-01", "2025-02-01"), p("2025-01-01", "2025-02-01"), true},
		{p("2025-01-01", "2025-02-01"), p("2025-01-31", "2025-02-10"), p("2025-01-31", "2025-02-01"), true},
		// Adjacent half-open periods share no day.
		{p("2025-01-01", "2025-02-01"), p("2025-02-01", "2025-03-01"), date.Period{}, false},
		{p("2025-02-01", "2025-03-01"), p("2025-01-01", "2025-02-01"), date.Period{}, false},
		{p("2025-01-01", "2025-02-01"), p("2025-05-01", "2025-06-01"), date.Period{}, false},
		// Empty periods overlap nothing, even when their From is inside.
		{p("2025-01-01", "2025-02-01"), p("2025-01-10", "2025-01-10"), date.Period{}, false},
		{p("2025-01-01", "2025-02-01"), p("2025-01-20", "2025-01-10"), date.Period{}, false},
		{p("2025-01-01", "2025-02-01"), date.Period{}, date.Period{}, false},
		{p("", "2025-02-01"), p("2025-01-01", "2025-02-01"), date.Period{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.a.Overlap(tt.b)
		require.Equal(t, tt.ok, ok, "%s ∩ %s", tt.a, tt.b)
		require.Equal(t, tt.want, got, "%s ∩ %s", tt.a, tt.b)
	}
}

func TestPeriodAll(t *testing.T) {
	got := slices.Collect(p("2024-02-27", "2024-03-02").All())
	require.Equal(t, []date.Date{d("2024-02-27"), d("2024-02-28"), d("2024-02-29"), d("2024-03-01")}, got)
	// Stops early when the loop breaks.
	n := 0
	for range p("2025-01-01", "2026-01-01").All() {
		n++
		if n == 3 {
			break
		}
	}
	require.Equal(t, 3, n)
	// The last supported day can be in a period only as From of [last, ...), which
	// cannot be built; a period ending at 9999-12-31 iterates to the day before.
	got = slices.Collect(date.Period{From: last.AddDays(-2), To: last}.All())
	require.Equal(t, []date.Date{last.AddDays(-2), last.AddDays(-1)}, got)
}

func TestPeriodStringAndParse(t *testing.T) {
	require.Equal(t, "[2025-01-01, 2025-02-01)", p("2025-01-01", "2025-02-01").String())
	require.Equal(t, "[, )", date.Period{}.String())

	got, err := date.ParsePeriod("[2025-01-01, 2025-02-01)")
	require.NoError(t, err)
	require.Equal(t, p("2025-01-01", "2025-02-01"), got)

	const want = "is not a period (want [YYYY-MM-DD, YYYY-MM-DD))"
	tests := []struct{ in, wantErr string }{
		{"[2025-02-01, 2025-01-01)", "date: period [2025-02-01, 2025-01-01) ends before it starts"},
		{"[2025-01-01, 2025-02-30)", `date: "2025-02-30" is not a valid date: February 2025 has 28 days`},
		{"[2025-01-01,2025-02-01)", `date: "[2025-01-01,2025-02-01)" ` + want},
		{"[2025-01-01, 2025-02-01]", `date: "[2025-01-01, 2025-02-01]" ` + want},
		{"2025-01-01/2025-02-01", `date: "2025-01-01/2025-02-01" ` + want},
		{"[20250101, 20250201)", `date: "[20250101, 20250201)" ` + want},
		{"[, )", `date: "[, )" ` + want},
		{"", `date: "" ` + want},
	}
	for _, tt := range tests {
		_, err := date.ParsePeriod(tt.in)
		require.EqualError(t, err, tt.wantErr, tt.in)
		require.ErrorIs(t, err, date.ErrInvalid)
	}
}

func TestPeriodJSON(t *testing.T) {
	in := p("2025-01-01", "2025-02-01")
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.Equal(t, `{"from":"2025-01-01","to":"2025-02-01"}`, string(b))
	var got date.Period
	require.NoError(t, json.Unmarshal(b, &got))
	require.Equal(t, in, got)

	b, err = json.Marshal(date.Period{})
	require.NoError(t, err)
	require.Equal(t, `{"from":null,"to":null}`, string(b))
	got = in
	require.NoError(t, json.Unmarshal(b, &got))
	require.Equal(t, date.Period{}, got)

	err = json.Unmarshal([]byte(`{"from":"2025-02-01","to":"2025-01-01"}`), &got)
	require.EqualError(t, err, "date: period [2025-02-01, 2025-01-01) ends before it starts")
	err = json.Unmarshal([]byte(`{"from":"2025-02-01"}`), &got)
	require.EqualError(t, err, "date: period [2025-02-01, (no date)) needs both dates")
	err = json.Unmarshal([]byte(`{"from":"2025-02-31","to":"2025-03-01"}`), &got)
	require.ErrorContains(t, err, `date: "2025-02-31" is not a valid date: February 2025 has 28 days`)
	require.ErrorIs(t, err, date.ErrInvalid)
}
