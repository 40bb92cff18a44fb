package agreement_test

import (
	"fmt"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// A plan as the debtor's letter shows it: the table of instalments and the
// figures E12 says the debtor must be told.
func ExampleNewPlan() {
	p, err := agreement.NewPlan(agreement.Terms{
		Principal:   money.MustNew("5000", money.DKK),
		Rate:        decimal.RequireFromString("10"),
		DayCount:    interest.Thirty360E,
		Start:       date.MustParse("2025-01-31"),
		Count:       4,
		DownPayment: money.MustNew("1000", money.DKK),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	da := language.Danish
	fmt.Printf("%-3s %-10s %12s %10s %12s %12s\n", "Nr.", "Forfald", "Beløb", "Rente", "Afdrag", "Restgæld")
	for it := range p.All() {
		nr := fmt.Sprint(it.Number)
		if it.IsDownPayment() {
			nr = "Udb"
		}
		fmt.Printf("%-3s %-10s %12s %10s %12s %12s\n", nr, it.Due,
			it.Amount.FormatNumber(da), it.Interest.FormatNumber(da), it.Principal.FormatNumber(da), it.Balance.FormatNumber(da))
	}
	s := p.Summary()
	fmt.Printf("%d instalments %s, %s to %s, %s %% a year: interest %s, total %s (DKK)\n",
		s.Count, s.Frequency, s.First, s.Last, s.Rate, s.TotalInterest.FormatNumber(da), s.TotalPaid.FormatNumber(da))
	// Output:
	// Nr. Forfald           Beløb      Rente       Afdrag     Restgæld
	// Udb 2025-01-31     1.000,00       0,00     1.000,00     4.000,00
	// 1   2025-02-28     1.020,92      33,33       987,59     3.012,41
	// 2   2025-03-31     1.020,92      25,10       995,82     2.016,59
	// 3   2025-04-30     1.020,92      16,80     1.004,12     1.012,47
	// 4   2025-05-31     1.020,91       8,44     1.012,47         0,00
	// 4 instalments monthly, 2025-02-28 to 2025-05-31, 10 % a year: interest 83,67, total 5.083,67 (DKK)
}

// A settlement offer: what is owed now, what the debt grows to if the case
// goes to court, the offer and the saving (E11).
func ExampleSettle() {
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }
	s, err := agreement.Settle(agreement.Offer{
		Owed:     agreement.Amounts{Principal: dkk("10000"), Interest: dkk("812.50"), Costs: dkk("1450")},
		Discount: agreement.Discount{WaiveInterestAndCosts: true},
		Expires:  date.MustParse("2025-03-31"),
		Escalation: agreement.Escalation{Horizon: date.MustParse("2025-09-30"),
			Interest: dkk("600"), CollectionCosts: dkk("1700"), CourtFee: dkk("750")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("owed now:", s.Owed)
	fmt.Println("by", s.Horizon, "if escalated:", s.Escalated)
	fmt.Println("pay by", s.Expires, "to settle:", s.Pay, "saving", s.Saving, "or", s.SavingVsEscalation)
	fmt.Println("lapsed on 2025-04-01:", s.Lapsed(date.MustParse("2025-04-01")))
	// Output:
	// owed now: 12262.50 DKK
	// by 2025-09-30 if escalated: 15312.50 DKK
	// pay by 2025-03-31 to settle: 10000.00 DKK saving 2262.50 DKK or 5312.50 DKK
	// lapsed on 2025-04-01: true
}

// Tracking a plan: one instalment paid late, the next one missed.
func ExampleTrack() {
	p, _ := agreement.NewPlan(agreement.Terms{
		Principal: money.MustNew("1200", money.EUR), Start: date.MustParse("2025-01-01"), Count: 3,
	})
	pays := []agreement.Payment{{ID: "bank-17", Date: date.MustParse("2025-02-05"), Amount: money.MustNew("400", money.EUR)}}
	s, _ := agreement.Track(p, pays, date.MustParse("2025-03-20"), agreement.Tracking{Breach: agreement.BreachRule{GraceDays: 14}})
	for it := range s.All() {
		fmt.Println(it.Number, it.Due, it.State, "days late:", it.DaysLate)
	}
	fmt.Println("due:", s.Due.Total(), "breached:", s.Err())
	// Output:
	// 1 2025-02-01 paid days late: 4
	// 2 2025-03-01 unpaid days late: 19
	// 3 2025-04-01 unpaid days late: 0
	// due: 400.00 EUR breached: agreement: plan breached since 2025-03-16: instalment 2 unpaid 14 days after its due date 2025-03-01
}
