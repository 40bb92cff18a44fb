package date_test

import (
	"encoding/json"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/dunning-go/dunning/date"
)

// maxOffset is the day offset of 9999-12-31 from 0001-01-01.
const maxOffset = 3652058

// genDate draws any supported date.
func genDate() *rapid.Generator[date.Date] {
	return rapid.Custom(func(t *rapid.T) date.Date {
		return first.AddDays(rapid.IntRange(0, maxOffset).Draw(t, "offset"))
	})
}

// genMonthEndish draws dates biased to the ends of months, where clamping bites.
func genMonthEndish() *rapid.Generator[date.Date] {
	return rapid.Custom(func(t *rapid.T) date.Date {
		y := rapid.IntRange(1, 9999).Draw(t, "year")
		m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		day := rapid.OneOf(rapid.IntRange(1, 31), rapid.IntRange(28, 31)).Draw(t, "day")
		return date.MustNew(y, m, min(day, date.DaysInMonth(y, m)))
	})
}

func TestPropAddDaysDaysUntil(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dt := genDate().Draw(t, "d")
		n := rapid.IntRange(-maxOffset, maxOffset).Draw(t, "n")
		moved := dt.AddDays(n)
		if moved.IsZero() {
			// Only when the result leaves the supported range.
			off := first.DaysUntil(dt) + n
			if off >= 0 && off <= maxOffset {
				t.Fatalf("%s + %d gave the zero Date", dt, n)
			}
			return
		}
		if got := moved.DaysUntil(dt); got != -n {
			t.Fatalf("(%s + %d).DaysUntil(%s) = %d, want %d", dt, n, dt, got, -n)
		}
		if got := dt.DaysUntil(moved); got != n {
			t.Fatalf("%s.DaysUntil(%s) = %d, want %d", dt, moved, got, n)
		}
		if back := moved.AddDays(-n); back != dt {
			t.Fatalf("%s + %d - %d = %s", dt, n, n, back)
		}
	})
}

func TestPropCompareMatchesDaysUntil(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDate().Draw(t, "a")
		b := rapid.OneOf(genDate(), rapid.Just(a), rapid.Custom(func(t *rapid.T) date.Date {
			return a.AddDays(rapid.IntRange(-2, 2).Draw(t, "near"))
		})).Filter(func(x date.Date) bool { return !x.IsZero() }).Draw(t, "b")
		diff := a.DaysUntil(b) // b - a
		want := 0
		switch {
		case diff > 0:
			want = -1
		case diff < 0:
			want = +1
		}
		if got := a.Compare(b); got != want {
			t.Fatalf("%s.Compare(%s) = %d, but DaysUntil = %d", a, b, got, diff)
		}
		if a.Before(b) != (want < 0) || a.After(b) != (want > 0) || (a == b) != (want == 0) || a.Equal(b) != (want == 0) {
			t.Fatalf("Before/After/Equal disagree with Compare for %s, %s", a, b)
		}
		if b.Compare(a) != -want {
			t.Fatalf("Compare is not antisymmetric for %s, %s", a, b)
		}
	})
}

func TestPropAddMonthsFromAnchor(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		anchor := genMonthEndish().Draw(t, "anchor")
		k := rapid.IntRange(-1200, 1200).Draw(t, "k")
		got := anchor.AddMonths(k)

		ay, am, ad := anchor.YMD()
		total := ay*12 + int(am) - 1 + k
		wantY, wantM := total/12, time.Month(total%12+1)
		if total < 12 || wantY > 9999 {
			if !got.IsZero() {
				t.Fatalf("%s %+d months = %s, want zero (out of range)", anchor, k, got)
			}
			return
		}
		gy, gm, gd := got.YMD()
		if gy != wantY || gm != wantM {
			t.Fatalf("%s %+d months = %s, want %04d-%02d", anchor, k, got, wantY, wantM)
		}
		if gd > ad {
			t.Fatalf("%s %+d months = %s: day grew", anchor, k, got)
		}
		if want := min(ad, date.DaysInMonth(wantY, wantM)); gd != want {
			t.Fatalf("%s %+d months = %s, want day %d", anchor, k, got, want)
		}
		// AddMonths(0) is the identity, and AddYears is 12 months.
		if anchor.AddMonths(0) != anchor {
			t.Fatalf("%s + 0 months changed", anchor)
		}
		if k%12 == 0 && anchor.AddYears(k/12) != got {
			t.Fatalf("%s AddYears(%d) != AddMonths(%d)", anchor, k/12, k)
		}
	})
}

func TestPropParseStringRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dt := genDate().Draw(t, "d")
		s := dt.String()
		back, err := date.Parse(s)
		if err != nil || back != dt {
			t.Fatalf("Parse(%q) = %s, %v; want %s", s, back, err, dt)
		}
		basic := s[0:4] + s[5:7] + s[8:10]
		back, err = date.Parse(basic)
		if err != nil || back != dt {
			t.Fatalf("Parse(%q) = %s, %v; want %s", basic, back, err, dt)
		}
		if got := dt.Time(time.UTC).Format(time.DateOnly); got != s {
			t.Fatalf("String() = %q, time formats %q", s, got)
		}
	})
}

func TestPropTextAndJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dt := rapid.OneOf(genDate(), rapid.Just(date.Date{})).Draw(t, "d")

		text, err := dt.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var fromText date.Date
		if err := fromText.UnmarshalText(text); err != nil || fromText != dt {
			t.Fatalf("text %q -> %s, %v; want %s", text, fromText, err, dt)
		}

		type wrap struct {
			D date.Date `json:"d"`
		}
		b, err := json.Marshal(wrap{dt})
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON wrap
		if err := json.Unmarshal(b, &fromJSON); err != nil || fromJSON.D != dt {
			t.Fatalf("JSON %s -> %s, %v; want %s", b, fromJSON.D, err, dt)
		}

		v, err := dt.Value()
		if err != nil {
			t.Fatal(err)
		}
		var fromSQL date.Date
		if err := fromSQL.Scan(v); err != nil || fromSQL != dt {
			t.Fatalf("SQL %v -> %s, %v; want %s", v, fromSQL, err, dt)
		}
	})
}

// TestPropAgreesWithTime cross-checks the day-number conversion with the
// time package: first + n days must be time.Date(1, 1, 1).AddDate(0, 0, n).
func TestPropAgreesWithTime(t *testing.T) {
	base := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, maxOffset).Draw(t, "n")
		dt := first.AddDays(n)
		tm := base.AddDate(0, 0, n)
		y, m, day := tm.Date()
		gy, gm, gd := dt.YMD()
		if gy != y || gm != m || gd != day {
			t.Fatalf("first + %d = %04d-%02d-%02d, time says %s", n, gy, gm, gd, tm.Format(time.DateOnly))
		}
		if dt.Weekday() != tm.Weekday() || dt.YearDay() != tm.YearDay() {
			t.Fatalf("%s: weekday/yearday %v/%d, time says %v/%d", dt, dt.Weekday(), dt.YearDay(), tm.Weekday(), tm.YearDay())
		}
		if back, err := date.New(y, m, day); err != nil || back != dt {
			t.Fatalf("New(%d, %d, %d) = %s, %v; want %s", y, m, day, back, err, dt)
		}
		// Noon, because Of maps the zero time.Time (0001-01-01 00:00 UTC) to
		// the zero Date.
		if date.Of(tm.Add(12*time.Hour)) != dt || !dt.Time(time.UTC).Equal(tm) {
			t.Fatalf("Of/Time disagree with time for %s", dt)
		}
		if dt.EndOfMonth() != date.Of(time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("EndOfMonth(%s) = %s", dt, dt.EndOfMonth())
		}
	})
}

func TestPropBusinessDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dt := genDate().Filter(func(x date.Date) bool {
			return x.After(first.AddDays(30)) && x.Before(last.AddDays(-30))
		}).Draw(t, "d")
		n := rapid.IntRange(0, 20).Draw(t, "n")
		got := date.AddBusinessDays(nil, dt, n)
		count := 0
		for x := dt.AddDays(1); !x.After(got); x = x.AddDays(1) {
			if (date.Weekends{}).IsBusinessDay(x) {
				count++
			}
		}
		if count != n || (n > 0 && !(date.Weekends{}).IsBusinessDay(got)) {
			t.Fatalf("AddBusinessDays(%s, %d) = %s spans %d business days", dt, n, got, count)
		}
		if back := date.AddBusinessDays(nil, got, -n); n > 0 && back != date.AdjustBackward(nil, dt) {
			t.Fatalf("AddBusinessDays(%s, %d) then -%d = %s", dt, n, n, back)
		}
		if f := date.AdjustForward(nil, dt); f.Before(dt) || f.DaysUntil(date.NextBusinessDay(nil, dt)) < 0 {
			t.Fatalf("AdjustForward(%s) = %s out of order", dt, f)
		}
	})
}

func TestPropPeriodOverlap(t *testing.T) {
	genPeriod := rapid.Custom(func(t *rapid.T) date.Period {
		from := d("2025-01-01").AddDays(rapid.IntRange(0, 60).Draw(t, "from"))
		return date.Period{From: from, To: from.AddDays(rapid.IntRange(-3, 30).Draw(t, "len"))}
	})
	rapid.Check(t, func(t *rapid.T) {
		a, b := genPeriod.Draw(t, "a"), genPeriod.Draw(t, "b")
		got, ok := a.Overlap(b)
		back, ok2 := b.Overlap(a)
		if got != back || ok != ok2 {
			t.Fatalf("Overlap not symmetric: %s, %s", a, b)
		}
		n := 0
		for x := d("2024-12-01"); x.Before(d("2025-05-01")); x = x.AddDays(1) {
			both := a.Contains(x) && b.Contains(x)
			if both != got.Contains(x) {
				t.Fatalf("%s ∩ %s = %s, %v, wrong at %s", a, b, got, ok, x)
			}
			if both {
				n++
			}
		}
		if ok != (n > 0) || got.Days() != n {
			t.Fatalf("%s ∩ %s = %s, %v; %d common days", a, b, got, ok, n)
		}
	})
}
