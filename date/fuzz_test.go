package date_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dunning-go/dunning/date"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2025-01-31", "20250131", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31",
		"0001-01-01", "2025/01/31", "", "+2025-01-31", "2025-01-31T00:00:00Z", " 2025-01-31",
		"2025-13-01", "2025-00-00", "99999999", "1900-02-29", "2025-W05-5", "２０２５-01-31",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := date.Parse(in)
		if err != nil {
			if !got.IsZero() {
				t.Fatalf("Parse(%q) returned %s with error %v", in, got, err)
			}
			var pe *date.ParseError
			if !errors.As(err, &pe) || pe.Input != in || !errors.Is(err, date.ErrInvalid) {
				t.Fatalf("Parse(%q): error %v is not a *ParseError for the input", in, err)
			}
			if !strings.HasPrefix(err.Error(), "date: ") {
				t.Fatalf("Parse(%q): error %q lacks the package prefix", in, err)
			}
			return
		}
		if got.IsZero() {
			t.Fatalf("Parse(%q) accepted the input but returned the zero Date", in)
		}
		s := got.String()
		back, err := date.Parse(s)
		if err != nil || back != got {
			t.Fatalf("Parse(%q) = %s, but Parse(%q) = %s, %v", in, got, s, back, err)
		}
		switch len(in) {
		case 10:
			if s != in {
				t.Fatalf("Parse(%q).String() = %q", in, s)
			}
		case 8:
			if basic := strings.ReplaceAll(s, "-", ""); basic != in {
				t.Fatalf("Parse(%q).String() = %q", in, s)
			}
		default:
			t.Fatalf("Parse accepted %q, which is neither YYYY-MM-DD nor YYYYMMDD", in)
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"2025-01-31"`, `null`, `""`, `"20250131"`, `"\u0032025-01-31"`, `123`, `"`, `"\x"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var got date.Date
		if err := got.UnmarshalJSON(in); err != nil {
			if !errors.Is(err, date.ErrInvalid) {
				t.Fatalf("UnmarshalJSON(%q): %v does not wrap ErrInvalid", in, err)
			}
			return
		}
		b, err := got.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back date.Date
		if err := back.UnmarshalJSON(b); err != nil || back != got {
			t.Fatalf("UnmarshalJSON(%q) = %s, re-marshalled %s gives %s, %v", in, got, b, back, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"[2025-01-01, 2025-02-01)", "[2025-02-01, 2025-01-01)", "[, )", "", "[2025-01-01, 2025-01-01)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := date.ParsePeriod(in)
		if err != nil {
			if !errors.Is(err, date.ErrInvalid) || got != (date.Period{}) {
				t.Fatalf("ParsePeriod(%q) = %s, %v", in, got, err)
			}
			return
		}
		if got.String() != in {
			t.Fatalf("ParsePeriod(%q).String() = %q", in, got.String())
		}
		if got.To.Before(got.From) || got.Days() != got.From.DaysUntil(got.To) {
			t.Fatalf("ParsePeriod(%q) = %s is not a valid period", in, got)
		}
	})
}
