package agreement_test

import (
	"errors"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

func plan7(t *testing.T) agreement.Plan {
	t.Helper()
	p, err := agreement.NewPlan(agreement.Terms{Principal: eur("100"), Rate: dec("7"), DayCount: interest.Thirty360E,
		Start: d("2024-01-01"), First: d("2024-02-01"), Count: 6})
	require.NoError(t, err)
	return p
}

func requireMoney(t *testing.T, want string, got money.Money, msg string) {
	t.Helper()
	require.True(t, got.Equal(money.MustNew(want, got.Currency())), "%s: got %s, want %s", msg, got, want)
}

// TestE13_PayoffVectorFineract is vector fin-payoff-360-30-7pct-midperiod
// (apache/fineract Loan.feature, "Early pay-off loan with interest,
// TILL_PRECLOSE"): instalment 1 paid on its due date, the plan settled on
// 2024-02-15: 83.57 principal + 83.57 × 7%/12 × 14/29 = 0.24 interest.
func TestE13_PayoffVectorFineract(t *testing.T) {
	p := plan7(t)
	pays := []agreement.Payment{{ID: "p1", Date: d("2024-02-01"), Amount: eur("17.01")}}
	s, err := agreement.Track(p, pays, d("2024-02-15"), agreement.Tracking{Terminated: d("2024-02-15")})
	require.NoError(t, err)
	requireMoney(t, "83.81", s.Due.Total(), "pay-off")
	requireMoney(t, "0.24", s.Due.Interest, "pay-off interest")
	requireMoney(t, "83.57", s.Due.Principal, "pay-off principal")
	for it := range s.All() {
		if it.Number >= 3 {
			requireMoney(t, "0.00", it.Interest, "later instalments carry no interest")
		}
	}
}

func TestE13_TrackPartlyPaidOverdueBreach(t *testing.T) {
	p := plan7(t)
	pays := []agreement.Payment{
		{ID: "a", Date: d("2024-02-01"), Amount: eur("17.01")},
		{ID: "a", Date: d("2024-02-01"), Amount: eur("17.01")}, // repeated: counts once
		{ID: "b", Date: d("2024-03-10"), Amount: eur("10.00")},
		{ID: "c", Date: d("2024-09-01"), Amount: eur("50.00")}, // after asOf: ignored
	}
	s, err := agreement.Track(p, pays, d("2024-04-20"), agreement.Tracking{Breach: agreement.BreachRule{GraceDays: 14}})
	require.NoError(t, err)
	var st []agreement.InstalmentStatus
	for it := range s.All() {
		st = append(st, it)
	}
	require.Equal(t, agreement.Paid, st[0].State)
	require.Equal(t, 0, st[0].DaysLate)
	require.Equal(t, agreement.PartlyPaid, st[1].State)
	require.True(t, st[1].Overdue)
	require.Equal(t, 50, st[1].DaysLate) // 2024-03-01 .. 2024-04-20
	// 10.00 pays interest 0.49 first, then 9.51 principal.
	requireMoney(t, "0.00", st[1].Outstanding.Interest, "interest first")
	requireMoney(t, "7.01", st[1].Outstanding.Principal, "principal rest")
	require.Equal(t, agreement.Unpaid, st[2].State)
	require.Equal(t, 2, s.Overdue)
	requireMoney(t, "27.01", s.Paid.Total(), "paid")
	requireMoney(t, "24.02", s.Due.Total(), "due: 7.01 + 17.01")
	require.Equal(t, d("2024-03-16"), s.BreachedOn) // instalment 2 unpaid 14 days after 2024-03-01
	var be *agreement.BreachError
	require.True(t, errors.As(s.Err(), &be))
	require.ErrorIs(t, s.Err(), agreement.ErrDefaulted)
	require.Equal(t, 2, be.Number)

	// Two instalments missed at once: breached when the second one is missed.
	s2, err := agreement.Track(p, pays, d("2024-04-20"), agreement.Tracking{Breach: agreement.BreachRule{GraceDays: 14, Missed: 2}})
	require.NoError(t, err)
	require.Equal(t, d("2024-04-16"), s2.BreachedOn)

	// Payment with a conflicting repeat of an id.
	_, err = agreement.Track(p, append(pays, agreement.Payment{ID: "b", Date: d("2024-03-10"), Amount: eur("11.00")}), d("2024-04-20"), agreement.Tracking{})
	require.ErrorIs(t, err, agreement.ErrPaymentConflict)
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

func TestE13_CostsFirstAndCredit(t *testing.T) {
	p := plan7(t)
	costs := []agreement.Charge{{Due: d("2024-02-05"), Amount: eur("5.00"), What: "reminder fee"}}
	pays := []agreement.Payment{{ID: "1", Date: d("2024-02-10"), Amount: eur("17.01")}}
	s, err := agreement.Track(p, pays, d("2024-02-10"), agreement.Tracking{Costs: costs})
	require.NoError(t, err)
	requireMoney(t, "5.00", s.Paid.Costs, "costs first")
	requireMoney(t, "5.00", s.Due.Principal, "instalment 1 short by the fee")

	nl, err := agreement.OrderFor(dunning.NL)
	require.NoError(t, err)
	require.Equal(t, dunning.Verified, nl.Status)
	de, err := agreement.OrderFor(dunning.DE)
	require.NoError(t, err)
	require.Equal(t, dunning.Unverified, de.Status)
	_, err = agreement.OrderFor(dunning.DK)
	require.ErrorIs(t, err, agreement.ErrNoRule)

	// Principal before interest, if a host configures it.
	po := agreement.Order{Sequence: [3]agreement.Component{agreement.Costs, agreement.Principal, agreement.Interest}}
	s, err = agreement.Track(p, []agreement.Payment{{ID: "1", Date: d("2024-02-01"), Amount: eur("16.50")}}, d("2024-02-01"), agreement.Tracking{Order: po})
	require.NoError(t, err)
	requireMoney(t, "0.51", s.Due.Interest, "interest left")

	// Paying more than the whole plan leaves a credit.
	s, err = agreement.Track(p, []agreement.Payment{{ID: "x", Date: d("2024-01-15"), Amount: eur("200")}}, d("2024-08-01"), agreement.Tracking{})
	require.NoError(t, err)
	requireMoney(t, "97.95", s.Credit, "credit")
	require.False(t, s.Breached())
}

func TestE12_Propose(t *testing.T) {
	terms := agreement.Terms{Principal: dkk("6000"), Rate: dec("10"), DayCount: interest.Thirty360E, Start: d("2025-01-31")}
	p, err := agreement.Propose(terms, agreement.Proposal{})
	require.NoError(t, err)
	s := p.Summary()
	require.Equal(t, 12, s.Count)
	require.Equal(t, d("2025-02-28"), s.First)
	require.Equal(t, d("2026-01-31"), s.Last) // within 12 months of the start, from the anchor
	p, err = agreement.Propose(terms, agreement.Proposal{MinInstalment: dkk("1000")})
	require.NoError(t, err)
	require.Equal(t, 6, p.Summary().Count)
	require.True(t, p.Summary().Instalment.Amount().GreaterThanOrEqual(dec("1000")))
}

func TestE11_Settlement(t *testing.T) {
	o := agreement.Offer{
		Owed:     agreement.Amounts{Principal: dkk("10000"), Interest: dkk("812.50"), Costs: dkk("1450")},
		Discount: agreement.Discount{Percent: dec("20")},
		Expires:  d("2025-03-31"),
		Escalation: agreement.Escalation{Horizon: d("2025-09-30"), Interest: dkk("600"),
			CollectionCosts: dkk("1700"), CourtFee: dkk("750")},
	}
	s, err := agreement.Settle(o)
	require.NoError(t, err)
	requireMoney(t, "12262.50", s.Owed, "owed")
	requireMoney(t, "9810.00", s.Pay, "pay")
	requireMoney(t, "2452.50", s.Saving, "saving")
	requireMoney(t, "15312.50", s.Escalated, "escalated")
	requireMoney(t, "5502.50", s.SavingVsEscalation, "saving vs escalation")
	require.False(t, s.Lapsed(d("2025-03-31")))
	require.True(t, s.Lapsed(d("2025-04-01")))

	o.Discount = agreement.Discount{WaiveInterestAndCosts: true}
	s, err = agreement.Settle(o)
	require.NoError(t, err)
	requireMoney(t, "10000.00", s.Pay, "waive")
	o.Discount = agreement.Discount{Amount: dkk("262.50")}
	s, err = agreement.Settle(o)
	require.NoError(t, err)
	requireMoney(t, "12000.00", s.Pay, "fixed")

	o.Discount = agreement.Discount{Amount: eur("1")}
	_, err = agreement.Settle(o)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	o.Discount = agreement.Discount{Percent: dec("100")}
	_, err = agreement.Settle(o)
	requireField(t, err, "Offer.Discount.Percent", "100")
	o.Discount, o.Expires = agreement.Discount{}, d("0001-01-01")
	_, err = agreement.Settle(o)
	requireField(t, err, "Offer.Discount", "")
}

// TestE12_BadTerms: every problem is reported, each naming the field and value.
func TestE12_BadTerms(t *testing.T) {
	cases := []struct {
		name         string
		terms        agreement.Terms
		field, value string
	}{
		{"non-positive principal", agreement.Terms{Principal: eur("0"), Start: d("2025-01-01"), Count: 3}, "Terms.Principal", "0.00 EUR"},
		{"negative rate", agreement.Terms{Principal: eur("100"), Rate: dec("-1"), DayCount: interest.Actual365Fixed, Start: d("2025-01-01"), Count: 3}, "Terms.Rate", "-1"},
		{"zero instalments", agreement.Terms{Principal: eur("100"), Start: d("2025-01-01")}, "Terms.Count", "0"},
		{"first before start", agreement.Terms{Principal: eur("100"), Start: d("2025-01-01"), First: d("2024-12-31"), Count: 3}, "Terms.First", "2024-12-31"},
		{"mixed currencies", agreement.Terms{Principal: eur("100"), Start: d("2025-01-01"), Instalment: dkk("10")}, "Terms.Instalment", "10.00 DKK"},
		{"down payment too big", agreement.Terms{Principal: eur("100"), DownPayment: eur("100"), Start: d("2025-01-01"), Count: 3}, "Terms.DownPayment", "100.00 EUR"},
		{"rate without day count", agreement.Terms{Principal: eur("100"), Rate: dec("5"), Start: d("2025-01-01"), Count: 3}, "Terms.DayCount", "DayCount(0)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := agreement.NewPlan(c.terms)
			requireField(t, err, c.field, c.value)
		})
	}
	// Several problems at once.
	_, err := agreement.NewPlan(agreement.Terms{Principal: eur("-5"), Rate: dec("-1")})
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 5) // principal, rate, day count, start, count
}

// TestE12_InstalmentTooSmall: the error says how small is too small.
func TestE12_InstalmentTooSmall(t *testing.T) {
	_, err := agreement.NewPlan(agreement.Terms{Principal: dkk("10000"), Rate: dec("12"), DayCount: interest.Thirty360E,
		Start: d("2025-01-01"), Instalment: dkk("100")})
	require.ErrorIs(t, err, agreement.ErrInstalmentTooSmall)
	var ts *agreement.TooSmallError
	require.True(t, errors.As(err, &ts))
	requireMoney(t, "100.00", ts.Interest, "first period's interest")
	require.Equal(t, 1, ts.Period)
	requireField(t, err, "Terms.Instalment", "100.00 DKK")
	// One minor unit more repays.
	p, err := agreement.NewPlan(agreement.Terms{Principal: dkk("10000"), Rate: dec("12"), DayCount: interest.Thirty360E,
		Start: d("2025-01-01"), Instalment: dkk("400")})
	require.NoError(t, err)
	require.Equal(t, 29, p.Summary().Count) // NPER(1 %, -400, 10000) = 28.9
}

// TestE12_TextbookActActDiffers shows why Terms.SplitAtDec31 exists: with the
// ISDA split the first interest of fin-actact-9.4822pct is 80.46, not 80.45.
func TestE12_TextbookActActDiffers(t *testing.T) {
	p, err := agreement.NewPlan(agreement.Terms{Principal: eur("10000"), Rate: dec("9.4822"), DayCount: interest.ActualActualISDA,
		Start: d("2023-12-12"), First: d("2024-01-12"), Count: 6, AdjustEMI: true})
	require.NoError(t, err)
	requireMoney(t, "80.46", p.At(0).Interest, "ISDA split")
}

func TestE12_MultipleAndMonthEnd(t *testing.T) {
	p, err := agreement.NewPlan(agreement.Terms{Principal: dkk("1000"), Start: d("2025-01-01"), First: d("2025-01-31"),
		Count: 7, Multiple: dkk("10")})
	require.NoError(t, err)
	var dues []string
	for it := range p.All() {
		dues = append(dues, it.Due.String())
	}
	require.Equal(t, []string{"2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31"}, dues)
	requireMoney(t, "150.00", p.Summary().Instalment, "rounded up to 10")
	requireMoney(t, "100.00", p.Summary().LastInstalment, "last absorbs")
}
