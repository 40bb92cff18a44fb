package collection_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// interestCharges returns the interest charges of claim invoice, in order.
func interestCharges(c collection.Case, invoice string) []collection.Charge {
	var out []collection.Charge
	for _, ch := range c.Charges {
		if ch.Kind == collection.ChargeInterest && ch.InvoiceID == invoice {
			out = append(out, ch)
		}
	}
	return out
}

// statutoryDK is the DK consumer statutory interest on amount from..to.
func statutoryDK(t testing.TB, amount money.Money, from, to date.Date) money.Money {
	t.Helper()
	tab, conv, err := interest.Statutory(dunning.DK, dunning.Consumer)
	require.NoError(t, err)
	r, err := interest.Accrue(amount, from, to, tab, conv)
	require.NoError(t, err)
	return r.Total
}

// Each committed step charges the statutory interest accrued since the last
// one (DK: udlånsrente + 8 pp = 10.75 % in 2025 H1, 30E/360, renteloven § 5),
// on the claim's outstanding principal, from the due date; the periods tile
// without gaps or overlap and add up to one calculation from the due date; the
// letter shows the calculation. Implements S7, S8, E17.
func TestCommit_S7_StatutoryInterestPerStep(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	e.runDays(jan31, date.MustNew(2025, 3, 21), collection.BatchRequest{})
	c := e.get("c1")
	chs := interestCharges(c, "inv-c1")
	require.Len(t, chs, 5, "one interest charge per step")
	from := jan31
	for i, ch := range chs {
		require.Equal(t, from, ch.Period.From, "charge %d starts where the last ended", i)
		require.Equal(t, ch.On, ch.Period.To, "charge %d runs to its step's day", i)
		require.Equal(t, c.Progress.Taken[i].On, ch.On)
		require.Equal(t, i+1, ch.Action, "DeleteLastAction removes it with its step")
		require.Contains(t, ch.Source, "renteloven")
		from = ch.Period.To
	}
	// Reminder 1 on 2025-02-03: 1000.00 × 10.75 % × 3/360 = 0.90 (30E/360: Jan 31
	// counts as the 30th, so 3 days).
	requireMoney(t, "0.90", chs[0].Amount)
	sum := money.Zero(money.DKK)
	for _, ch := range chs {
		sum, _ = sum.Add(ch.Amount)
	}
	want := statutoryDK(t, dkk("1000.00"), jan31, date.MustNew(2025, 3, 21))
	require.True(t, sum.Equal(want), "the charges add up to one calculation: %s, want %s", sum, want)
	requireMoney(t, "15.23", sum)
	// The letter of Reminder 2 (2025-02-15) shows the calculation from the due
	// date and the interest owed.
	out := e.outbox()
	text := out[1].Message.Text
	require.Contains(t, text, "31-01-2025–14-02-2025")
	require.Contains(t, text, "10,75")
	require.Contains(t, text, "Morarenter")
	require.Contains(t, text, danish(statutoryDK(t, dkk("1000.00"), jan31, feb15)))
}

// A payment lowers the interest-bearing balance from its date; what it paid of
// the interest is the ledger's (costs → interest → principal).
func TestCommit_S7_InterestFollowsPayments(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	e.runDays(feb3, feb3, collection.BatchRequest{})
	e.clock.set(date.MustNew(2025, 2, 10))
	_, err := e.svc.RecordPayment(t.Context(), "c1", pay("p1", "2025-02-10", "400.00"))
	require.NoError(t, err)
	e.runDays(date.MustNew(2025, 2, 10), feb15, collection.BatchRequest{})
	c := e.get("c1")
	chs := interestCharges(c, "inv-c1")
	require.Len(t, chs, 2)
	// 400.00 paid the 100.00 fee, the 0.90 interest and 299.10 of the principal:
	// 1000.00 for Jan 31–Feb 9 (10 days), 700.90 for Feb 10–14 (5 days).
	tab, conv, err := interest.Statutory(dunning.DK, dunning.Consumer)
	require.NoError(t, err)
	r, err := interest.AccrueTimeline(interest.Timeline{Opening: dkk("1000.00"), Changes: []interest.Change{{On: date.MustNew(2025, 2, 10), Amount: dkk("299.10"), Kind: interest.Payment}}}, jan31, feb15, tab, conv)
	require.NoError(t, err)
	total, _ := chs[0].Amount.Add(chs[1].Amount)
	require.True(t, total.Equal(r.Total), "%s, want %s", total, r.Total)
	requireMoney(t, "4.03", total)
}

// InterestNone charges nothing; a contract rate charges its percent.
func TestCommit_S7_InterestModes(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	r := openReq("none")
	r.Interest = collection.InterestTerms{Mode: collection.InterestNone}
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	r = openReq("contract")
	r.Interest = collection.InterestTerms{Mode: collection.InterestContract, Percent: dec("36")}
	_, err = e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	e.runDays(feb3, feb3, collection.BatchRequest{})
	require.Empty(t, interestCharges(e.get("none"), "inv-none"))
	chs := interestCharges(e.get("contract"), "inv-contract")
	require.Len(t, chs, 1)
	requireMoney(t, "3.00", chs[0].Amount, "1000.00 × 36 % × 3/360 (DK's 30E/360)")
	require.Contains(t, chs[0].Source, "contract rate 36 %")
}

// A step whose interest period reaches beyond the statutory table (it ends on
// 2026-06-30) still goes out, without new interest, and the case gets an
// event naming the day with no rate: never a guess.
func TestCommit_S7_NoRateBeyondTheTable(t *testing.T) {
	jul5 := date.MustNew(2026, 7, 5)
	e := newBatchEnv(t, jul5, collection.Options{})
	r := openReq("c1")
	r.Invoices[0].Due = date.MustNew(2026, 6, 20)
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 1, "the step goes out")
	require.Len(t, e.outbox(), 1)
	require.Empty(t, interestCharges(e.get("c1"), "inv-c1"))
	var found bool
	for _, ev := range e.events("c1") {
		if ev.Type == collection.EventInterestNoRate {
			found = true
			require.Equal(t, "inv-c1", ev.Data["invoice"])
			require.Contains(t, ev.Data["reason"], "2026-07-01")
			require.Contains(t, ev.Data["reason"], "2026-06-30")
		}
	}
	require.True(t, found, "an interest.no-rate event: %v", eventTypes(e.events("c1")))
}

// DeleteLastAction (E19) removes the step's interest with it; the step taken
// again charges the period once.
func TestCommit_E19_DeletedStepTakesItsInterest(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	e.runDays(feb3, feb3, collection.BatchRequest{})
	_, err := e.svc.DeleteLastAction(t.Context(), "c1")
	require.NoError(t, err)
	require.Empty(t, interestCharges(e.get("c1"), "inv-c1"))
	e.runDays(date.MustNew(2025, 2, 4), date.MustNew(2025, 2, 4), collection.BatchRequest{})
	chs := interestCharges(e.get("c1"), "inv-c1")
	require.Len(t, chs, 1)
	require.Equal(t, date.Period{From: jan31, To: date.MustNew(2025, 2, 4)}, chs[0].Period)
}

// An interest invoice (S8) does not charge again the days the batch run
// charged: its line runs from the end of the claim's last interest period to
// the payment.
func TestInterestInvoice_S8_DoesNotRechargeBatchInterest(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	e.runDays(feb3, feb3, collection.BatchRequest{}) // interest Jan 31 – Feb 2
	e.clock.set(feb20)
	_, err := e.svc.RecordPayment(t.Context(), "c1", pay("p1", "2025-02-20", "1100.90"))
	require.NoError(t, err)
	res, err := e.svc.InterestInvoice(t.Context(), "c1", collection.InterestRequest{})
	require.NoError(t, err)
	require.Len(t, res.Invoice.Lines, 1)
	line := res.Invoice.Lines[0]
	require.Equal(t, feb3, line.Invoice.Due, "from the end of the batch's period")
	want := statutoryDK(t, dkk("1000.00"), feb3, feb20)
	require.True(t, res.Invoice.Total.Equal(want), "%s, want %s", res.Invoice.Total, want)
}

// The reverse: the days an interest invoice (S8) charged for a claim are not
// charged again by the batch run that goes on with the case's other claims.
// The invoice's charge is the claim's, with the days it covers as its Period.
func TestInterestInvoice_S8_BatchDoesNotRechargeInvoicedDays(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1", "a", "b")
	paidOn := date.MustNew(2025, 2, 10)
	e.clock.set(paidOn)
	_, err := e.svc.RecordPayment(t.Context(), "c1", pay("p1", "2025-02-10", "1000.00")) // claim a, late
	require.NoError(t, err)
	res, err := e.svc.InterestInvoice(t.Context(), "c1", collection.InterestRequest{})
	require.NoError(t, err)
	require.True(t, res.Invoice.Total.IsPositive())
	inv := interestCharges(e.get("c1"), "a")
	require.Len(t, inv, 1)
	require.Equal(t, date.Period{From: jan31, To: paidOn}, inv[0].Period, "the days the invoice charged")
	require.True(t, inv[0].Amount.Equal(res.Invoice.Total))

	e.runDays(paidOn, date.MustNew(2025, 3, 30), collection.BatchRequest{})
	c := e.get("c1")
	require.NotEmpty(t, interestCharges(c, "b"), "the run charges the open claim's interest")
	for _, ch := range interestCharges(c, "a")[1:] {
		require.False(t, ch.Period.From.Before(paidOn), "the run charged claim a's interest over %s, which the interest invoice charged", ch.Period)
	}
}

// Property: however the daily runs fall (gaps, repeats of the same day,
// catch-up) and whatever is paid on the way, no interest day of a claim is
// charged twice: the claim's interest periods tile from its due date without
// overlap, each ends on its step's day, and without payments they add up to
// one calculation from the due date to the last step. Implements S7, E17.
func TestCommit_Property_NoInterestDayChargedTwice(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newBatchEnv(t, jan31, collection.Options{})
		e.t = nil
		ctx := context.Background()
		r := openReq("c1", "a", "b")
		r.Invoices[1].Due = jan31.AddDays(rapid.IntRange(-40, 20).Draw(rt, "second due"))
		r.Invoices[1].Issued = date.Date{}
		if _, err := e.svc.Open(ctx, r); err != nil {
			rt.Fatal(err)
		}
		paid := false
		day := jan31
		for i := range rapid.IntRange(1, 10).Draw(rt, "runs") {
			day = day.AddDays(rapid.IntRange(0, 25).Draw(rt, "gap"))
			e.clock.set(day)
			if rapid.IntRange(0, 4).Draw(rt, "pay?") == 0 {
				amount := money.MustNew(fmt.Sprintf("%d.00", rapid.IntRange(1, 400).Draw(rt, "amount")), money.DKK)
				if _, err := e.svc.RecordPayment(ctx, "c1", collection.Payment{ID: fmt.Sprint("p", i), On: day, Amount: amount, To: collection.PaidToCreditor}); err != nil {
					rt.Fatal(err)
				}
				paid = true
			}
			for range rapid.IntRange(1, 2).Draw(rt, "repeats") {
				if _, err := e.svc.Commit(ctx, collection.BatchRequest{}, e.clock.now); err != nil {
					rt.Fatal(err)
				}
			}
		}
		c, err := e.store.Get(ctx, "c1")
		if err != nil {
			rt.Fatal(err)
		}
		for _, cl := range c.Claims {
			chs := interestCharges(c, cl.InvoiceID)
			from := cl.Due
			sum := money.Zero(money.DKK)
			for _, ch := range chs {
				if ch.Period.From != from || !ch.Period.From.Before(ch.Period.To) || ch.Period.To != ch.On {
					rt.Fatalf("claim %s: period %s after %s (charges %v)", cl.InvoiceID, ch.Period, from, chs)
				}
				if ch.Amount.Sign() <= 0 {
					rt.Fatalf("claim %s: charge %s", cl.InvoiceID, ch.Amount)
				}
				from = ch.Period.To
				sum, _ = sum.Add(ch.Amount)
			}
			if len(chs) > 0 && !paid {
				want := statutoryDK(t, cl.Open, cl.Due, from)
				if !sum.Equal(want) {
					rt.Fatalf("claim %s: charged %s, one calculation gives %s", cl.InvoiceID, sum, want)
				}
			}
		}
		takenDays := map[date.Date]bool{}
		for _, tk := range c.Progress.Taken {
			takenDays[tk.On] = true
		}
		for _, ch := range c.Charges {
			if ch.Kind == collection.ChargeInterest && !takenDays[ch.On] {
				rt.Fatalf("interest charged on %s, a day without a step", ch.On)
			}
		}
	})
}
