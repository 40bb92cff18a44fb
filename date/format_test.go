package date_test

import (
	"database/sql/driver"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/date"
)

func TestParse(t *testing.T) {
	const wantISO = "is not an ISO 8601 date (want YYYY-MM-DD)"
	tests := []struct {
		in      string
		want    string // String() of the result
		wantErr string // exact message
	}{
		{"2025-01-31", "2025-01-31", ""},
		{"20250131", "2025-01-31", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2000-02-29", "2000-02-29", ""},
		{"0001-01-01", "0001-01-01", ""},
		{"9999-12-31", "9999-12-31", ""},
		{"99991231", "9999-12-31", ""},

		{"2025-02-30", "", `date: "2025-02-30" is not a valid date: February 2025 has 28 days`},
		{"2025-02-29", "", `date: "2025-02-29" is not a valid date: February 2025 has 28 days`},
		{"1900-02-29", "", `date: "1900-02-29" is not a valid date: February 1900 has 28 days`},
		{"20250229", "", `date: "20250229" is not a valid date: February 2025 has 28 days`},
		{"2025-06-31", "", `date: "2025-06-31" is not a valid date: June 2025 has 30 days`},
		{"2025-01-32", "", `date: "2025-01-32" is not a valid date: January 2025 has 31 days`},
		{"2025-01-00", "", `date: "2025-01-00" is not a valid date: there is no day 0 (days start at 1)`},
		{"2025-13-01", "", `date: "2025-13-01" is not a valid date: there is no month 13 (months are 1 to 12)`},
		{"2025-00-10", "", `date: "2025-00-10" is not a valid date: there is no month 0 (months are 1 to 12)`},
		{"0000-01-01", "", `date: "0000-01-01" is not a valid date: year 0 is outside the supported range 1 to 9999`},

		{"2025/01/31", "", `date: "2025/01/31" ` + wantISO},
		{"", "", `date: "" ` + wantISO},
		{"2025-1-31", "", `date: "2025-1-31" ` + wantISO},
		{"2025-01-1", "", `date: "2025-01-1" ` + wantISO},
		{"25-01-31", "", `date: "25-01-31" ` + wantISO},
		{"31-01-2025", "", `date: "31-01-2025" ` + wantISO},
		{"31.01.2025", "", `date: "31.01.2025" ` + wantISO},
		{"+2025-01-31", "", `date: "+2025-01-31" ` + wantISO},
		{"-2025-01-31", "", `date: "-2025-01-31" ` + wantISO},
		{"+20250131", "", `date: "+20250131" ` + wantISO},
		{"+0250131", "", `date: "+0250131" ` + wantISO},
		{"-0250131", "", `date: "-0250131" ` + wantISO},
		{"12025-01-31", "", `date: "12025-01-31" ` + wantISO},
		{" 2025-01-31", "", `date: " 2025-01-31" ` + wantISO},
		{"2025-01-31 ", "", `date: "2025-01-31 " ` + wantISO},
		{"2025-01-31\n", "", `date: "2025-01-31\n" ` + wantISO},
		{"2025-01-31T00:00:00Z", "", `date: "2025-01-31T00:00:00Z" ` + wantISO},
		{"2025-01-31Z", "", `date: "2025-01-31Z" ` + wantISO},
		{"2025-W05-5", "", `date: "2025-W05-5" ` + wantISO},
		{"2025-031", "", `date: "2025-031" ` + wantISO},
		{"2025031", "", `date: "2025031" ` + wantISO},
		{"2025-01", "", `date: "2025-01" ` + wantISO},
		{"202501-31", "", `date: "202501-31" ` + wantISO},
		{"2025-0131", "", `date: "2025-0131" ` + wantISO},
		{"2025_01_31", "", `date: "2025_01_31" ` + wantISO},
		{"2025-0a-31", "", `date: "2025-0a-31" ` + wantISO},
		{"２０２５-01-31", "", `date: "２０２５-01-31" ` + wantISO},
		{"null", "", `date: "null" ` + wantISO},
	}
	for _, tt := range tests {
		got, err := date.Parse(tt.in)
		if tt.wantErr != "" {
			require.EqualError(t, err, tt.wantErr, "input %q", tt.in)
			require.ErrorIs(t, err, date.ErrInvalid)
			pe, ok := err.(*date.ParseError)
			require.True(t, ok, "%T", err)
			require.Equal(t, tt.in, pe.Input)
			require.True(t, got.IsZero())
			require.Panics(t, func() { date.MustParse(tt.in) })
			continue
		}
		require.NoError(t, err, "input %q", tt.in)
		require.Equal(t, tt.want, got.String())
	}
}

func TestParseErrorLongInput(t *testing.T) {
	in := strings.Repeat("9", 1000)
	_, err := date.Parse(in)
	require.EqualError(t, err, `date: "`+strings.Repeat("9", 64)+`"... (1000 bytes) is not an ISO 8601 date (want YYYY-MM-DD)`)
	pe := err.(*date.ParseError)
	require.Equal(t, in, pe.Input)
}

func TestStringAndGoString(t *testing.T) {
	require.Equal(t, "2025-01-31", d("2025-01-31").String())
	require.Equal(t, "0001-01-01", first.String())
	require.Equal(t, "9999-12-31", last.String())
	require.Equal(t, "0987-06-05", date.MustNew(987, 6, 5).String())
	require.Equal(t, `date.MustParse("2025-01-31")`, d("2025-01-31").GoString())
}

func TestText(t *testing.T) {
	for _, dt := range []date.Date{{}, first, last, d("2025-01-31")} {
		b, err := dt.MarshalText()
		require.NoError(t, err)
		require.Equal(t, dt.String(), string(b))
		var back date.Date
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, dt, back)
		ab, err := dt.AppendText([]byte("x="))
		require.NoError(t, err)
		require.Equal(t, "x="+dt.String(), string(ab))
	}
	back := d("2025-01-01")
	require.NoError(t, back.UnmarshalText(nil))
	require.True(t, back.IsZero())

	back = d("2025-01-01")
	err := back.UnmarshalText([]byte("2025-02-30"))
	require.EqualError(t, err, `date: "2025-02-30" is not a valid date: February 2025 has 28 days`)
	require.Equal(t, d("2025-01-01"), back, "unchanged on error")

	// As a JSON map key, Date uses its text form.
	m := map[date.Date]int{d("2025-01-31"): 1}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	require.JSONEq(t, `{"2025-01-31":1}`, string(b))
	var mb map[date.Date]int
	require.NoError(t, json.Unmarshal(b, &mb))
	require.Equal(t, m, mb)
}

func TestJSON(t *testing.T) {
	type doc struct {
		Due  date.Date  `json:"due"`
		Paid date.Date  `json:"paid"`
		Ptr  *date.Date `json:"ptr,omitempty"`
	}
	dt := d("2025-01-31")
	b, err := json.Marshal(doc{Due: dt, Ptr: &dt})
	require.NoError(t, err)
	require.Equal(t, `{"due":"2025-01-31","paid":null,"ptr":"2025-01-31"}`, string(b))

	var got doc
	require.NoError(t, json.Unmarshal(b, &got))
	require.Equal(t, dt, got.Due)
	require.True(t, got.Paid.IsZero())
	require.Equal(t, dt, *got.Ptr)

	tests := []struct {
		in      string
		want    date.Date
		wantErr string
	}{
		{`"2025-01-31"`, d("2025-01-31"), ""},
		{`"20250131"`, d("2025-01-31"), ""},
		{`null`, date.Date{}, ""},
		{`""`, date.Date{}, ""},
		{`"\u0032025-01-31"`, d("2025-01-31"), ""},
		{`"2025-02-30"`, date.Date{}, `date: "2025-02-30" is not a valid date: February 2025 has 28 days`},
		{`"2025/01/31"`, date.Date{}, `date: "2025/01/31" is not an ISO 8601 date (want YYYY-MM-DD)`},
		{`"2025-01-31T10:00:00Z"`, date.Date{}, `date: "2025-01-31T10:00:00Z" is not an ISO 8601 date (want YYYY-MM-DD)`},
		{`20250131`, date.Date{}, `date: "20250131" is not a date: want a JSON string "YYYY-MM-DD" or null`},
		{`true`, date.Date{}, `date: "true" is not a date: want a JSON string "YYYY-MM-DD" or null`},
		{`{}`, date.Date{}, `date: "{}" is not a date: want a JSON string "YYYY-MM-DD" or null`},
		{`"`, date.Date{}, `date: "\"" is not a date: want a JSON string "YYYY-MM-DD" or null`},
		{`"\x"`, date.Date{}, `date: "\"\\x\"" is not a valid JSON string`},
	}
	for _, tt := range tests {
		var got date.Date
		err := got.UnmarshalJSON([]byte(tt.in))
		if tt.wantErr != "" {
			require.EqualError(t, err, tt.wantErr, "input %s", tt.in)
			require.ErrorIs(t, err, date.ErrInvalid)
			continue
		}
		require.NoError(t, err, "input %s", tt.in)
		require.Equal(t, tt.want, got, "input %s", tt.in)
	}

	// omitzero leaves out the zero Date.
	type opt struct {
		D date.Date `json:"d,omitzero"`
	}
	b, err = json.Marshal(opt{})
	require.NoError(t, err)
	require.Equal(t, `{}`, string(b))

	// Through encoding/json, the error still names the input and unwraps.
	err = json.Unmarshal([]byte(`{"due":"2025/01/31"}`), &got)
	require.ErrorContains(t, err, `date: "2025/01/31" is not an ISO 8601 date (want YYYY-MM-DD)`)
	require.ErrorIs(t, err, date.ErrInvalid)
}

func TestSQL(t *testing.T) {
	v, err := d("2025-01-31").Value()
	require.NoError(t, err)
	require.Equal(t, driver.Value("2025-01-31"), v)
	v, err = date.Date{}.Value()
	require.NoError(t, err)
	require.Nil(t, v)

	cph := loadLoc(t, "Europe/Copenhagen")
	tests := []struct {
		src     any
		want    date.Date
		wantErr string
	}{
		{nil, date.Date{}, ""},
		{"2025-01-31", d("2025-01-31"), ""},
		{[]byte("2025-01-31"), d("2025-01-31"), ""},
		{"", date.Date{}, ""},
		{time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), d("2025-01-31"), ""},
		{time.Date(2025, 2, 1, 0, 30, 0, 0, cph), d("2025-02-01"), ""},
		{time.Time{}, date.Date{}, ""},
		{"2025-02-30", date.Date{}, `date: "2025-02-30" is not a valid date: February 2025 has 28 days`},
		{int64(20250131), date.Date{}, `date: cannot scan int64 into a Date: date: invalid date`},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), date.Date{},
			`date: "10000-01-01 00:00:00 +0000 UTC" is outside the supported years 1 to 9999`},
	}
	for _, tt := range tests {
		got := d("2000-01-01")
		err := got.Scan(tt.src)
		if tt.wantErr != "" {
			require.EqualError(t, err, tt.wantErr)
			require.ErrorIs(t, err, date.ErrInvalid)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tt.want, got, "%#v", tt.src)
	}
}
