package interest_test

import (
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
)

// A Danish claim of 25,000 DKK due on 15 October 2023, with 10,000 DKK paid
// on 1 March 2024, accrued to 20 August 2024 at the statutory morarente
// (Nationalbanken's udlånsrente + 8 pp, 30E/360, simple). The 2024-07-01 row
// is flagged: the research could not verify it.
func Example_denmark() {
	rates, conv, err := interest.Statutory(dunning.DK, dunning.Business)
	if err != nil {
		panic(err)
	}
	tl := interest.Timeline{
		Opening: money.MustNew("25000", money.DKK),
		Changes: []interest.Change{{On: date.MustParse("2024-03-01"), Amount: money.MustNew("10000", money.DKK), Kind: interest.Payment}},
	}
	res, err := interest.AccrueTimeline(tl, date.MustParse("2023-10-15"), date.MustParse("2024-08-20"), rates, conv)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%-10s  %-10s  %4s  %6s  %9s  %8s\n", "from", "to", "days", "rate", "balance", "interest")
	for _, s := range res.Segments {
		note := ""
		if s.Status != dunning.Verified {
			note = " (" + s.Status.String() + ")"
		}
		fmt.Printf("%s  %s  %4d  %5s%%  %9s  %8s%s\n", s.From, s.To.AddDays(-1), s.Days,
			s.Rate.StringFixed(2), s.Balance.StringFixed(2), s.Amount.StringFixed(2), note)
	}
	fmt.Printf("total %d days (%s): %s\n", res.Days, conv.DayCount, res.Total)
	// Output:
	// from        to          days    rate    balance  interest
	// 2023-10-15  2023-12-31    76  11.25%   25000.00    593.75
	// 2024-01-01  2024-02-29    60  11.75%   25000.00    489.58
	// 2024-03-01  2024-06-30   120  11.75%   15000.00    587.50
	// 2024-07-01  2024-08-19    49  11.50%   15000.00    234.79 (UNVERIFIED)
	// total 305 days (30E/360): 1905.63 DKK
}

// Interest at a fixed contractual rate, counted as the Swiss calculators do:
// half-open [from, to), actual days over the calendar year's length.
func ExampleAccrue() {
	res, err := interest.Accrue(money.MustNew("15000", money.CHF), date.MustParse("2024-03-01"), date.MustParse("2024-04-15"),
		interest.Fixed(dec("5")), interest.Convention{DayCount: interest.ActualActualISDA, Rounding: money.PolicyFor(money.CHF, money.HalfAwayFromZero)})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Days, res.Total)
	// Output: 45 92.21 CHF
}

// An interest invoice (S7, S8) for two invoices paid late, at 8 % a year
// with a 5 DKK minimum per line.
func ExampleInvoiceInterest() {
	inv, err := interest.InvoiceInterest([]interest.LateInvoice{
		{ID: "F-1001", Due: date.MustParse("2025-03-01"), Paid: date.MustParse("2025-04-15"), Amount: money.MustNew("12000", money.DKK)},
		{ID: "F-1002", Due: date.MustParse("2025-03-10"), Paid: date.MustParse("2025-03-20"), Amount: money.MustNew("800", money.DKK)},
	}, interest.InvoiceOptions{
		Rates:      interest.Fixed(dec("8")),
		Convention: interest.Convention{DayCount: interest.Actual365Fixed, Rounding: money.PolicyFor(money.DKK, money.HalfAwayFromZero)},
		Minimum:    money.MustNew("5", money.DKK),
	})
	if err != nil {
		panic(err)
	}
	for _, l := range inv.Lines {
		line := fmt.Sprintf("%s  %3d days at %s%%  %s", l.Invoice.ID, l.Days, l.Rate, l.Charged)
		if l.Cut != interest.NotCut {
			line += "  cut: " + l.Cut.String()
		}
		fmt.Println(line)
	}
	fmt.Println("total", inv.Total)
	// Output:
	// F-1001   45 days at 8%  118.36 DKK
	// F-1002   10 days at 8%  0.00 DKK  cut: minimum
	// total 118.36 DKK
}
