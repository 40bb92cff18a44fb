package agreement_test

import (
	"slices"
	"testing"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genTerms draws plan terms favouring small and boundary values.
func genTerms(t *rapid.T) agreement.Terms {
	cur := rapid.SampledFrom([]money.Currency{money.EUR, money.DKK, money.JPY}).Draw(t, "cur")
	mu, _ := cur.MinorUnits()
	cents := rapid.OneOf(rapid.Int64Range(1, 200), rapid.Int64Range(1, 100_000_000)).Draw(t, "principal")
	principal, _ := money.FromMinorUnits(cents, cur)
	rate := decimal.Zero
	if !rapid.Bool().Draw(t, "free") {
		rate = decimal.New(rapid.Int64Range(0, 30000).Draw(t, "rate"), -3) // 0 .. 30 %
	}
	start := date.MustNew(2020, 1, 1).AddDays(rapid.IntRange(0, 2000).Draw(t, "start"))
	terms := agreement.Terms{
		Principal: principal, Rate: rate,
		DayCount:  rapid.SampledFrom([]interest.DayCount{interest.Thirty360E, interest.Actual365Fixed, interest.ActualActualISDA, interest.Actual360}).Draw(t, "dc"),
		Start:     start,
		First:     start.AddDays(rapid.IntRange(0, 60).Draw(t, "first")),
		Frequency: rapid.SampledFrom([]agreement.Frequency{agreement.Monthly, agreement.Quarterly, agreement.Weekly, agreement.Biweekly, agreement.EveryDays(15)}).Draw(t, "freq"),
		AdjustEMI: rapid.Bool().Draw(t, "adjust"),
	}
	if rapid.Bool().Draw(t, "down") && cents > 1 {
		dp, _ := money.FromMinorUnits(rapid.Int64Range(1, cents-1).Draw(t, "downpayment"), cur)
		terms.DownPayment = dp
	}
	if mu > 0 && rapid.Bool().Draw(t, "multiple") {
		terms.Multiple = money.MustNew(rapid.SampledFrom([]string{"1", "5", "10", "0.05"}).Draw(t, "mult"), cur)
	}
	terms.Count = rapid.OneOf(rapid.IntRange(1, 3), rapid.IntRange(1, 120)).Draw(t, "count")
	return terms
}

// TestE12_PlanProperties: principal parts sum to principal minus down payment;
// the balance never increases and ends at exactly zero; all instalments but
// the last are equal; interest-free plans charge no interest; no more than
// Count instalments; due dates strictly increase.
func TestE12_PlanProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := genTerms(t)
		p, err := agreement.NewPlan(terms)
		if err != nil {
			t.Fatalf("NewPlan(%+v): %v", terms, err)
		}
		cur := terms.Principal.Currency()
		financed := terms.Principal
		if terms.DownPayment.IsValid() {
			financed = mustSub(financed, terms.DownPayment)
		}
		sum := money.Zero(cur)
		prevBal := financed
		var regular []money.Money
		var last agreement.Instalment
		var prevDue date.Date
		n := 0
		for it := range p.All() {
			if it.IsDownPayment() {
				continue
			}
			n++
			sum = mustAdd(sum, it.Principal)
			if c, _ := it.Balance.Compare(prevBal); c > 0 || it.Balance.IsNegative() {
				t.Fatalf("balance rose or went negative at %d: %s after %s", it.Number, it.Balance, prevBal)
			}
			if !it.Amount.Equal(mustAdd(it.Interest, it.Principal)) {
				t.Fatalf("amount != interest + principal at %d", it.Number)
			}
			if terms.Rate.IsZero() && !it.Interest.IsZero() {
				t.Fatalf("interest-free plan charges %s", it.Interest)
			}
			if !it.Due.After(prevDue) {
				t.Fatalf("due dates not increasing at %d", it.Number)
			}
			prevDue = it.Due
			prevBal = it.Balance
			regular = append(regular, it.Amount)
			last = it
		}
		if !sum.Equal(financed) {
			t.Fatalf("principal parts sum to %s, want %s", sum, financed)
		}
		if !last.Balance.IsZero() {
			t.Fatalf("final balance %s", last.Balance)
		}
		if n > terms.Count {
			t.Fatalf("%d instalments > Count %d", n, terms.Count)
		}
		for _, a := range regular[:len(regular)-1] {
			if !a.Equal(regular[0]) {
				t.Fatalf("instalments differ: %s vs %s", a, regular[0])
			}
		}
		if terms.Multiple.IsValid() && len(regular) > 1 {
			if _, r := regular[0].Amount().QuoRem(terms.Multiple.Amount(), 0); !r.IsZero() {
				t.Fatalf("instalment %s not a multiple of %s", regular[0], terms.Multiple)
			}
		}
		s := p.Summary()
		if !s.TotalPaid.Equal(mustAdd(terms.Principal, s.TotalInterest)) {
			t.Fatalf("total paid %s", s.TotalPaid)
		}
	})
}

// TestE13_TrackingProperties: allocation never pays a component more than
// is due; paid + outstanding is the whole plan; and permuting the payments
// (so same-day payments come in another order of ids) gives the same status.
func TestE13_TrackingProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := genTerms(t)
		p, err := agreement.NewPlan(terms)
		if err != nil {
			t.Fatal(err)
		}
		cur := terms.Principal.Currency()
		s := p.Summary()
		var pays []agreement.Payment
		for i := range rapid.IntRange(0, 12).Draw(t, "npay") {
			amt, _ := money.FromMinorUnits(rapid.Int64Range(1, 2*s.Instalment.Amount().Shift(2).IntPart()+2).Draw(t, "amt"), cur)
			if amt.Sign() <= 0 {
				continue
			}
			pays = append(pays, agreement.Payment{ID: string(rune('a' + i)),
				Date: s.First.AddDays(rapid.IntRange(-5, 400).Draw(t, "day") / 30 * 30), Amount: amt})
		}
		asOf := s.First.AddDays(rapid.IntRange(0, 500).Draw(t, "asof"))
		o := agreement.Tracking{Breach: agreement.BreachRule{GraceDays: rapid.IntRange(0, 30).Draw(t, "grace"), Missed: rapid.IntRange(0, 3).Draw(t, "missed")}}
		if rapid.Bool().Draw(t, "terminate") {
			o.Terminated = s.First.AddDays(rapid.IntRange(0, 400).Draw(t, "term"))
		}
		st, err := agreement.Track(p, pays, asOf, o)
		if err != nil {
			t.Fatal(err)
		}
		for it := range st.All() {
			for _, x := range []money.Money{it.Paid.Interest, it.Paid.Principal, it.Outstanding.Interest, it.Outstanding.Principal} {
				if x.IsNegative() {
					t.Fatalf("negative component in %+v", it)
				}
			}
			if c, _ := it.Paid.Interest.Compare(it.Interest); c > 0 {
				t.Fatalf("interest overpaid: %s > %s", it.Paid.Interest, it.Interest)
			}
			if c, _ := it.Paid.Principal.Compare(it.Principal); c > 0 {
				t.Fatalf("principal overpaid: %s > %s", it.Paid.Principal, it.Principal)
			}
			if !mustAdd(it.Paid.Total(), it.Outstanding.Total()).Equal(it.Amount) {
				t.Fatalf("paid + outstanding != amount for %d", it.Number)
			}
		}
		shuffled := slices.Clone(pays)
		perm := rapid.Permutation(shuffled).Draw(t, "perm")
		st2, err := agreement.Track(p, perm, asOf, o)
		if err != nil {
			t.Fatal(err)
		}
		same := st.Paid.Total().Equal(st2.Paid.Total()) && st.Due.Total().Equal(st2.Due.Total()) &&
			st.Credit.Equal(st2.Credit) && st.BreachedOn == st2.BreachedOn && st.Overdue == st2.Overdue
		a, b := slices.Collect(st.All()), slices.Collect(st2.All())
		for i := range a {
			same = same && a[i].PaidOn == b[i].PaidOn && a[i].Outstanding.Total().Equal(b[i].Outstanding.Total())
		}
		if !same {
			t.Fatalf("status depends on the order of payments")
		}
	})
}

func mustSub(a, b money.Money) money.Money {
	s, err := a.Sub(b)
	if err != nil {
		panic(err)
	}
	return s
}
