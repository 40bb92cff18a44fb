package date_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dunning-go/dunning/date"
)

// A monthly instalment plan anchored on 31 January: every due date is
// computed from the anchor, so the day comes back to the 31st whenever the
// month has one. Chaining one month at a time would stick at the 28th.
func ExampleDate_AddMonths() {
	anchor := date.MustParse("2025-01-31")
	for k := range 4 {
		fmt.Println(anchor.AddMonths(k))
	}
	fmt.Println("chained:", anchor.AddMonths(1).AddMonths(1))
	fmt.Println("leap year:", date.MustParse("2024-01-31").AddMonths(1))
	// Output:
	// 2025-01-31
	// 2025-02-28
	// 2025-03-31
	// 2025-04-30
	// chained: 2025-03-28
	// leap year: 2024-02-29
}

// Today is the date in the creditor's zone, from an injected clock.
func ExampleToday() {
	copenhagen, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		panic(err)
	}
	clock := date.FixedClock(time.Date(2025, 1, 31, 23, 30, 0, 0, time.UTC))
	fmt.Println(date.Today(clock, copenhagen))
	fmt.Println(date.Today(clock, time.UTC))
	// Output:
	// 2025-02-01
	// 2025-01-31
}

func ExamplePeriod_Overlap() {
	january := date.Period{From: date.MustParse("2025-01-01"), To: date.MustParse("2025-02-01")}
	pause := date.Period{From: date.MustParse("2025-01-20"), To: date.MustParse("2025-03-01")}
	both, ok := january.Overlap(pause)
	fmt.Println(both, both.Days(), ok)

	february := date.Period{From: date.MustParse("2025-02-01"), To: date.MustParse("2025-03-01")}
	_, ok = january.Overlap(february)
	fmt.Println("January and February overlap:", ok)
	// Output:
	// [2025-01-20, 2025-02-01) 12 true
	// January and February overlap: false
}

// A due date that falls on a weekend or holiday moves to the next business
// day; the holidays come from the host.
func ExampleNextBusinessDay() {
	easter := date.NewHolidays(date.Weekends{},
		date.MustParse("2025-04-17"), // Maundy Thursday
		date.MustParse("2025-04-18"), // Good Friday
		date.MustParse("2025-04-21"), // Easter Monday
	)
	fmt.Println(date.NextBusinessDay(easter, date.MustParse("2025-04-16")))
	fmt.Println(date.AdjustForward(easter, date.MustParse("2025-04-18")))
	fmt.Println(date.AdjustForward(easter, date.MustParse("2025-04-16")))
	fmt.Println(date.NextBusinessDay(nil, date.MustParse("2025-01-31"))) // nil = weekends only
	// Output:
	// 2025-04-22
	// 2025-04-22
	// 2025-04-16
	// 2025-02-03
}

func ExampleParse() {
	d, err := date.Parse("20250131")
	fmt.Println(d, err)

	_, err = date.Parse("2025-02-30")
	fmt.Println(err)
	fmt.Println(errors.Is(err, date.ErrInvalid))

	_, err = date.Parse("2025/01/31")
	fmt.Println(err)
	// Output:
	// 2025-01-31 <nil>
	// date: "2025-02-30" is not a valid date: February 2025 has 28 days
	// true
	// date: "2025/01/31" is not an ISO 8601 date (want YYYY-MM-DD)
}

// The zero Date is "no date": empty text, JSON null.
func ExampleDate_MarshalJSON() {
	type invoice struct {
		Due  date.Date `json:"due"`
		Paid date.Date `json:"paid"`
	}
	b, _ := json.Marshal(invoice{Due: date.MustParse("2025-01-31")})
	fmt.Println(string(b))
	// Output:
	// {"due":"2025-01-31","paid":null}
}

func ExampleDate_DaysUntil() {
	due := date.MustParse("2025-03-29")
	paid := date.MustParse("2025-03-31") // across the DST change in Europe
	fmt.Println(due.DaysUntil(paid), "days late")
	// Output:
	// 2 days late
}
