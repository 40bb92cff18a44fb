package collection_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	law "github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	lawpack "github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

// The table tests of issue 17, one per finding, each named after the requirement
// it keeps: what a letter promises is what the case does, and both keep the law.

var presets = []flow.Flow{flow.Standard(), flow.Lenient(), flow.FastToCourt()}

// openIn opens case id under jurisdiction j for a debtor of kind k on flow f,
// with one invoice of 1,000 in the jurisdiction's currency due 2025-01-31.
func (e *env) openIn(id collection.CaseID, j dunning.Jurisdiction, k dunning.PartyKind, f string, feeAgreed bool) collection.Case {
	e.t.Helper()
	r := openReq(id)
	r.Flow, r.Jurisdiction, r.Currency, r.FeeAgreed = f, j, money.Currency(j.CurrencyCode()), feeAgreed
	r.Debtor.Kind, r.Debtor.Jurisdiction = k, j
	r.Creditor.Jurisdiction = j
	for i := range r.Invoices {
		r.Invoices[i].Amount = money.MustNew("1000", money.Currency(j.CurrencyCode()))
	}
	c, err := e.svc.Open(e.t.Context(), r)
	require.NoError(e.t, err)
	return c
}

func charges(c collection.Case, k collection.ChargeKind) []collection.Charge {
	var out []collection.Charge
	for _, ch := range c.Charges {
		if ch.Kind == k && !ch.Waived {
			out = append(out, ch)
		}
	}
	return out
}

// TestLawful_E1_E5_DeadlinesKeepTheNotice (finding 1): every letter a preset flow
// sends in each jurisdiction gives at least the law's notice counted from the
// day it is sent, and the next step waits for the day after the deadline.
func TestLawful_E1_E5_DeadlinesKeepTheNotice(t *testing.T) {
	for _, j := range []dunning.Jurisdiction{dunning.DK, dunning.SE, dunning.NO, dunning.DE, dunning.NL, dunning.FI} {
		for _, f := range presets {
			t.Run(string(j)+"/"+f.Name(), func(t *testing.T) {
				e := newBatchEnv(t, jan31, collection.Options{Flows: presets})
				e.openIn("c1", j, dunning.Consumer, f.Name(), true)
				e.runDays(jan31, date.MustNew(2025, 6, 30), collection.BatchRequest{})
				c := e.get("c1")
				require.Len(t, c.Progress.Taken, f.Len()-1, "every step but the court filing")
				var prev flow.Taken
				for i, tk := range c.Progress.Taken {
					n, ok := map[flow.Kind]law.Notice{flow.Reminder: law.Reminder, flow.CollectionWarning: law.CollectionWarning, flow.DemandLetter: law.PaymentDemand}[tk.Kind]
					if ok {
						if law, rule, ok := law.EarliestDeadline(j, dunning.Consumer, n, tk.On); ok {
							require.False(t, tk.Deadline.Before(law), "%s gives %s, %s asks for %s", tk.Name, tk.Deadline, rule.Source, law)
						}
					}
					if i > 0 {
						require.True(t, tk.On.After(prev.Deadline), "%s on %s, before %s's deadline %s", tk.Name, tk.On, prev.Name, prev.Deadline)
					}
					prev = tk
				}
			})
		}
	}
}

// TestLawful_E1_E8_FastToCourtReachesAReadyPaymentClaimDK (finding 1): FastToCourt
// in Denmark gives its warning 10 days (inkassoloven § 10), so the payment claim it
// reaches is ready to file without edits.
func TestLawful_E1_E8_FastToCourtReachesAReadyPaymentClaimDK(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{Flows: presets})
	r := openReq("c1")
	r.Flow = "FastToCourt"
	r.Creditor.Registration = dunning.Registration{Scheme: dunning.CVR, Number: "24256790"}
	r.Debtor.Registration = dunning.Registration{Scheme: dunning.CPR, Number: "010180-1234"}
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	var held date.Date
	for d := jan31; d.Before(date.MustNew(2025, 6, 1)) && held.IsZero(); d = d.AddDays(1) {
		e.clock.set(d)
		res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
		require.NoError(t, err)
		if len(res.Held) > 0 {
			held = d
		}
	}
	require.False(t, held.IsZero(), "the payment claim became due")
	c := e.get("c1")
	w := c.Progress.Taken[2]
	require.Equal(t, flow.CollectionWarning, w.Kind)
	require.Equal(t, 10, w.On.DaysUntil(w.Deadline))
	c, err = e.svc.FileCourt(t.Context(), "c1", collection.FileRequest{District: court.Aarhus})
	require.NoError(t, err)
	require.True(t, c.Court.Filed())
}

// TestLawful_E4_P6_ReopenedInvoiceKeepsItsFeeCount (finding 2): after three
// fee-bearing reminders, a deactivation and a re-opening of the invoice in a new
// case, the new case charges no fourth reminder fee and no second compensation.
func TestLawful_E4_P6_ReopenedInvoiceKeepsItsFeeCount(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
	e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
	r := openReq("c1")
	r.Debtor.Kind = dunning.Business
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	e.runDays(jan31, date.MustNew(2025, 3, 1), collection.BatchRequest{})
	old := e.get("c1")
	require.Len(t, charges(old, collection.ChargeReminderFee), 3)
	require.Len(t, charges(old, collection.ChargeCompensation), 1)
	_, err = e.svc.Deactivate(t.Context(), "c1", collection.Acknowledgements{StepsTaken: true})
	require.NoError(t, err)
	c, err := e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c2", From: "c1", Flow: "Standard"})
	require.NoError(t, err)
	require.NotNil(t, c.Claims[0].Earlier)
	require.Equal(t, []collection.CaseID{"c1"}, c.Claims[0].Earlier.Cases)
	require.Len(t, c.Claims[0].Earlier.Steps, 3)
	require.True(t, c.Claims[0].Earlier.Compensated)
	e.runDays(date.MustNew(2025, 3, 2), date.MustNew(2025, 5, 30), collection.BatchRequest{})
	c = e.get("c2")
	require.GreaterOrEqual(t, len(c.Progress.Taken), 3, "the new case runs its flow")
	w := old.Progress.Taken[len(old.Progress.Taken)-1]
	require.True(t, c.Progress.Taken[0].On.After(w.Deadline), "the old case's %s gave until %s; the new case waits (first step %s)", w.Name, w.Deadline, c.Progress.Taken[0].On)
	require.Empty(t, charges(c, collection.ChargeReminderFee), "renteloven § 9 b: three fees per claim, across cases")
	require.Empty(t, charges(c, collection.ChargeCompensation), "renteloven § 9 a stk. 3: once per invoice")

	// A third case after a second deactivation still carries the history.
	_, err = e.svc.Deactivate(t.Context(), "c2", collection.Acknowledgements{StepsTaken: true})
	require.NoError(t, err)
	c3, err := e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c3", From: "c2", Flow: "Standard"})
	require.NoError(t, err)
	require.Equal(t, []collection.CaseID{"c1", "c2"}, c3.Claims[0].Earlier.Cases)
	require.Len(t, c3.Claims[0].Earlier.Steps, 3+countSteps(c), "each step once")
	require.True(t, c3.Claims[0].Earlier.Compensated)
}

// TestLawful_S7_P6_ReopenedInvoiceChargesNoInterestDayTwice: a case charges
// interest with its steps, the debtor pays all but 0.50 DKK of its charges, and
// the case is deactivated. The invoice re-opened in a new case carries what
// the old case charged of interest and was not paid, and the new case's
// interest runs from where the old one stopped: no day's interest is charged
// twice (the paid part again) or lost. The two cases together charge the
// statutory interest on the invoice from its due date to the new case's last
// step, to the cent that rounding each case's total may move.
func TestLawful_S7_P6_ReopenedInvoiceChargesNoInterestDayTwice(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	e.runDays(jan31, date.MustNew(2025, 3, 1), collection.BatchRequest{})
	old := e.get("c1")
	oldPeriods, oldInterest := interestOf(old)
	require.True(t, oldInterest.IsPositive(), "the old case charged interest")
	bal, err := old.Balance()
	require.NoError(t, err)
	principal := old.Claims[0].Open
	charged, _ := bal.Sub(principal)
	pay, _ := charged.Sub(dkk("0.50")) // every charge but 0.50 DKK; the principal stays as it was
	_, err = e.svc.RecordPayment(t.Context(), "c1", collection.Payment{ID: "p1", On: date.MustNew(2025, 3, 1), Amount: pay, To: collection.PaidToCreditor})
	require.NoError(t, err)
	_, err = e.svc.Deactivate(t.Context(), "c1", collection.Acknowledgements{StepsTaken: true})
	require.NoError(t, err)

	// What the old case's interest charges still owe, read as Reopen reads it
	// (the ledger with the locked claim counted as open).
	opened := e.get("c1").Clone()
	opened.Claims[0].Status = collection.ClaimOpen
	l, err := opened.Ledger()
	require.NoError(t, err)
	unpaid := dkk("0.00")
	for i, ch := range opened.Charges {
		if ch.Kind == collection.ChargeInterest {
			unpaid, _ = unpaid.Add(l.Charges[i].Outstanding)
		}
	}

	c2, err := e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c2", From: "c1", Flow: "Standard"})
	require.NoError(t, err)
	through := oldPeriods[len(oldPeriods)-1].To
	require.Equal(t, through, c2.Claims[0].Earlier.InterestThrough)
	require.True(t, c2.Claims[0].Open.Equal(principal), "the principal was not paid")
	carried := charges(c2, collection.ChargeInterest)
	if unpaid.IsPositive() {
		require.Len(t, carried, 1, "the unpaid interest goes with the invoice")
		require.True(t, carried[0].Amount.Equal(unpaid), "carried %s, unpaid %s", carried[0].Amount, unpaid)
		require.True(t, carried[0].Period.IsEmpty(), "a carried charge covers no days of its own")
	} else {
		require.Empty(t, carried)
	}

	end := date.MustNew(2025, 5, 30)
	e.runDays(date.MustNew(2025, 3, 2), end, collection.BatchRequest{})
	c2 = e.get("c2")
	newPeriods, newInterest := interestOf(c2)
	require.NotEmpty(t, newPeriods, "the new case charges interest with its steps")
	require.Equal(t, through, newPeriods[0].From, "the new case's interest runs from where the old case stopped")
	all := append(slices.Clone(oldPeriods), newPeriods...)
	for i := range all {
		for j := range i {
			if o, ok := all[i].Overlap(all[j]); ok && !o.IsEmpty() {
				t.Fatalf("interest over %s charged twice (%s and %s)", o, all[j], all[i])
			}
		}
	}
	// Paid in the old case + carried + charged in the new one = the old case's
	// charges + the new case's own = the statutory interest up to the last step.
	got, _ := oldInterest.Add(newInterest)
	got, _ = got.Sub(unpaid) // the carried charge is counted in both
	last := newPeriods[len(newPeriods)-1].To
	acc, err := lawpack.Builtin(dunning.DK).Accrual(dunning.Consumer, interest.ClaimDates{DueDate: jan31})
	require.NoError(t, err)
	src, err := acc.Source(jan31.AddDays(1))
	require.NoError(t, err)
	res, err := interest.Accrue(principal, jan31, last, src, acc.Convention)
	require.NoError(t, err)
	diff, _ := got.Sub(res.Total)
	n, err := diff.Abs().Compare(dkk("0.01"))
	require.NoError(t, err)
	require.LessOrEqual(t, n, 0, "the two cases charged %s of interest up to %s; the law's interest is %s", got, last, res.Total)
}

// interestOf returns the periods of c's interest charges of the batch
// run and the sum of all its interest charges.
func interestOf(c collection.Case) (periods []date.Period, total money.Money) {
	total = money.Zero(c.Currency)
	for _, ch := range charges(c, collection.ChargeInterest) {
		total, _ = total.Add(ch.Amount)
		if !ch.Period.IsEmpty() {
			periods = append(periods, ch.Period)
		}
	}
	return periods, total
}

func countSteps(c collection.Case) int {
	n := 0
	for _, t := range c.Progress.Taken {
		if t.Index >= 0 {
			n++
		}
	}
	return n
}

// TestLawful_E13_TerminatedPlanWaitsForItsDeadline (finding 2): a plan terminated
// after two fee-bearing reminders puts the case back into its flow, which waits for
// the day after the termination letter's deadline and charges no fee beyond the
// law's three for the claim.
func TestLawful_E13_TerminatedPlanWaitsForItsDeadline(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	e.runDays(jan31, feb15, collection.BatchRequest{})
	_, err := e.svc.StartPlan(t.Context(), "c1", collection.PlanRequest{Terms: agreement.Terms{Count: 3, Frequency: agreement.Monthly}})
	require.NoError(t, err)
	term := date.MustNew(2025, 4, 1)
	e.clock.set(term)
	c, err := e.svc.TerminatePlan(t.Context(), "c1", "Standard", collection.Delivery{})
	require.NoError(t, err)
	deadline := term.AddDays(14)
	last := c.Progress.Taken[len(c.Progress.Taken)-1]
	require.Equal(t, deadline, last.Deadline, "the termination letter's deadline is recorded")
	d, err := e.svc.Next(t.Context(), "c1")
	require.NoError(t, err)
	require.Equal(t, deadline.AddDays(1), d.On, "no step before the day after the letter's deadline")
	e.runDays(term.AddDays(1), date.MustNew(2025, 7, 30), collection.BatchRequest{})
	c = e.get("c1")
	for _, tk := range c.Progress.Taken {
		if tk.Index >= 0 && tk.On.After(term) {
			require.True(t, tk.On.After(deadline), "%s on %s", tk.Name, tk.On)
		}
	}
	require.LessOrEqual(t, len(charges(c, collection.ChargeReminderFee)), 3)
}

// TestLawful_E6_CompensationCreditedSE_DE (finding 4): SE förseningsersättning
// replaces the reminder fees and collection costs (lag 1981:739 4 a §); DE credits
// the 40 EUR against the collection costs (§ 288 Abs. 5 S. 3 BGB); DK charges
// both.
func TestLawful_E6_CompensationCreditedSE_DE(t *testing.T) {
	for _, c := range []struct {
		j                 dunning.Jurisdiction
		wantFees, wantCap bool // reminder fees charged; full collection-cost cap charged
	}{
		{dunning.SE, false, false},
		{dunning.DE, true, false},
		{dunning.DK, true, true},
	} {
		t.Run(string(c.j), func(t *testing.T) {
			cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
			e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
			e.openIn("c1", c.j, dunning.Business, "Standard", true)
			e.runDays(jan31, date.MustNew(2025, 4, 30), collection.BatchRequest{})
			cs := e.get("c1")
			comp := charges(cs, collection.ChargeCompensation)
			require.Len(t, comp, 1)
			feesCharged := charges(cs, collection.ChargeReminderFee)
			require.Equal(t, c.wantFees, len(feesCharged) > 0, "reminder fees %v", feesCharged)
			cp, err := law.CollectionCostCapFor(law.CostQuery{Jurisdiction: c.j, Kind: dunning.Business, Claim: money.MustNew("1000", money.Currency(c.j.CurrencyCode())),
				KeyDate: collectionKey(cs), Disputed: false})
			require.NoError(t, err)
			costs := charges(cs, collection.ChargeCollectionCost)
			switch {
			case c.wantCap:
				require.Len(t, costs, 1)
				require.True(t, costs[0].Amount.Equal(cp.Amount), "%s, cap %s", costs[0].Amount, cp.Amount)
			case c.j == dunning.SE:
				require.Empty(t, costs, "450 SEK covers the 180 SEK inkassokrav")
			default:
				want, _ := cp.Amount.Sub(comp[0].Amount)
				require.Len(t, costs, 1)
				require.True(t, costs[0].Amount.Equal(want), "%s, want %s", costs[0].Amount, want)
				require.Contains(t, costs[0].Source, "§ 288 Abs. 5 S. 3")
			}
		})
	}
}

// collectionKey is the key date of the demand letter's cost lookup in the DE
// test: the day the demand letter was taken.
func collectionKey(c collection.Case) date.Date {
	for _, tk := range c.Progress.Taken {
		if tk.Kind == flow.DemandLetter {
			return tk.On
		}
	}
	return c.Earliest()
}

// TestLawful_E4_CollectionCostsChargedAsAnnounced (finding 5): the demand letter
// charges the collection costs the warning announced, once, printed on its
// letter; a creditor can switch them off; without a warning first DK charges none.
func TestLawful_E4_CollectionCostsChargedAsAnnounced(t *testing.T) {
	for _, j := range []dunning.Jurisdiction{dunning.DK, dunning.SE, dunning.NO, dunning.DE, dunning.NL, dunning.FI} {
		t.Run(string(j), func(t *testing.T) {
			e := newBatchEnv(t, jan31, collection.Options{})
			e.openIn("c1", j, dunning.Consumer, "Standard", true)
			e.runDays(jan31, date.MustNew(2025, 5, 30), collection.BatchRequest{})
			c := e.get("c1")
			costs := charges(c, collection.ChargeCollectionCost)
			require.Len(t, costs, 1)
			var demand flow.Taken
			for _, tk := range c.Progress.Taken {
				if tk.Kind == flow.DemandLetter {
					demand = tk
				}
			}
			require.Equal(t, demand.On, costs[0].On, "charged with the demand letter")
			var warningText, demandText string
			for _, o := range e.outbox() {
				switch o.Message.Kind {
				case letters.CollectionWarning:
					warningText = o.Message.Text
				case letters.DemandLetter:
					demandText = o.Message.Text
				}
			}
			amount := costs[0].Amount.FormatNumber(j.Language()) // as the letters print it
			require.Contains(t, warningText, amount, "the warning announces what the demand charges")
			require.Contains(t, demandText, amount, "the demand letter prints the cost it charges")
		})
	}
	t.Run("off", func(t *testing.T) {
		e := newBatchEnv(t, jan31, collection.Options{Creditors: &testCreditors{profile: collection.CreditorProfile{NoCollectionCosts: true}}})
		e.open("c1")
		e.runDays(jan31, date.MustNew(2025, 5, 30), collection.BatchRequest{})
		require.Empty(t, charges(e.get("c1"), collection.ChargeCollectionCost))
	})
	t.Run("DK without a warning", func(t *testing.T) {
		f, err := flow.New("NoWarning", flow.Step{Kind: flow.Reminder, Days: 3}, flow.Step{Kind: flow.DemandLetter, Days: 12})
		require.NoError(t, err)
		e := newBatchEnv(t, jan31, collection.Options{Flows: []flow.Flow{f}})
		e.openIn("c1", dunning.DK, dunning.Consumer, "NoWarning", false)
		e.runDays(jan31, date.MustNew(2025, 4, 30), collection.BatchRequest{})
		c := e.get("c1")
		require.Len(t, c.Progress.Taken, 2)
		require.Empty(t, charges(c, collection.ChargeCollectionCost), "inkassoloven § 10: no costs without a påkravsskrivelse")
	})
}

// TestLawful_E4_P6_WaivedCollectionCostIsNotChargedAgain: a case charges the
// collection costs with its demand letter and is closed with its costs waived
// (settled by phone); the invoice, re-opened in a new case, runs its flow
// again, and neither charges nor announces the collection costs a second
// time: they are charged once per claim (inkassoloven § 10 with its
// bekendtgørelse), and a cost the creditor forgave is not charged again.
// Found by the lawful property (invariant 4).
func TestLawful_E4_P6_WaivedCollectionCostIsNotChargedAgain(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.openIn("c1", dunning.DK, dunning.Consumer, "Standard", false)
	e.runDays(jan31, date.MustNew(2025, 3, 31), collection.BatchRequest{})
	costs := charges(e.get("c1"), collection.ChargeCollectionCost)
	require.Len(t, costs, 1, "the demand letter charges the collection costs")
	_, err := e.svc.Close(t.Context(), "c1", collection.CloseRequest{Reason: "settled by phone", WaiveCosts: true})
	require.NoError(t, err)
	require.Empty(t, charges(e.get("c1"), collection.ChargeCollectionCost), "waived")
	_, err = e.svc.Deactivate(t.Context(), "c1", collection.Acknowledgements{StepsTaken: true})
	require.NoError(t, err)
	c, err := e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c2", From: "c1", Flow: "Standard"})
	require.NoError(t, err)
	require.NotNil(t, c.Claims[0].Earlier)
	require.True(t, c.Claims[0].Earlier.CollectionCosts, "the history says the costs were charged")
	e.runDays(date.MustNew(2025, 4, 1), date.MustNew(2025, 8, 31), collection.BatchRequest{})
	c = e.get("c2")
	require.True(t, slices.ContainsFunc(c.Progress.Taken, func(tk flow.Taken) bool { return tk.Kind == flow.DemandLetter }), "the new case sends its demand letter: %+v", c.Progress.Taken)
	for _, ch := range c.Charges {
		require.NotEqual(t, collection.ChargeCollectionCost, ch.Kind, "charged again: %+v", ch)
	}
	amount := costs[0].Amount.FormatNumber(dunning.DK.Language())
	for _, o := range e.outbox() {
		if o.CaseID == "c2" && (o.Message.Kind == letters.CollectionWarning || o.Message.Kind == letters.DemandLetter) {
			require.NotContains(t, o.Message.Text, amount, "%s announces collection costs", o.Message.Kind)
		}
	}
}

// TestLawful_E17_BackDatedRunCountsFromTheSendDay (finding 6): a run for a past
// day dates its steps and letters the day they go out and counts the deadlines
// from it; letters queued for a later day count from that day.
func TestLawful_E17_BackDatedRunCountsFromTheSendDay(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{Flows: presets})
	r := openReq("c1")
	r.Flow = "FastToCourt"
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	e.runDays(jan31, feb20, collection.BatchRequest{}) // R1 and R2
	today := date.MustNew(2025, 3, 20)
	e.clock.set(today)
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{Date: date.MustNew(2025, 2, 24)}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 1)
	c := e.get("c1")
	w := c.Progress.Taken[len(c.Progress.Taken)-1]
	require.Equal(t, flow.CollectionWarning, w.Kind)
	require.Equal(t, today, w.On, "dated the day it goes out")
	require.Equal(t, today.AddDays(10), w.Deadline, "10 days from the day it goes out (inkassoloven § 10)")
	out := e.outbox()
	require.Contains(t, out[len(out)-1].Message.Text, "Dato: 20. marts 2025", "dated the day it goes out")
	require.Contains(t, out[len(out)-1].Message.Text, "senest den 30. marts 2025", "the deadline counted from today")

	// Letters queued for a later day count from that day.
	e2 := newBatchEnv(t, jan31, collection.Options{})
	e2.open("c1")
	sendAt := time.Date(2025, 2, 5, 8, 0, 0, 0, time.UTC)
	e2.clock.set(feb3)
	_, err = e2.svc.Commit(t.Context(), collection.BatchRequest{}, sendAt)
	require.NoError(t, err)
	tk := e2.get("c1").Progress.Taken[0]
	require.Equal(t, date.MustNew(2025, 2, 5), tk.On)
	require.Equal(t, date.MustNew(2025, 2, 5).AddDays(11), tk.Deadline)
}

// TestLawful_E11_FlowOfferIsRecordedAndSettles (finding 7): the Standard flow's
// settlement offer records the same Offer as MakeOffer; paying it by the
// deadline settles the case; a lapsed manual offer is replaced by the flow's.
func TestLawful_E11_FlowOfferIsRecordedAndSettles(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	// A manual offer made after the warning lapses.
	e.runDays(jan31, feb27, collection.BatchRequest{})
	e.clock.set(date.MustNew(2025, 3, 1))
	_, err := e.svc.MakeOffer(t.Context(), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: dec("10")}, Expires: date.MustNew(2025, 3, 3)})
	require.NoError(t, err)
	e.runDays(date.MustNew(2025, 3, 4), mar21, collection.BatchRequest{})
	c := e.get("c1")
	require.NotNil(t, c.Offer)
	require.True(t, c.Offer.Flow, "the flow's offer replaced the lapsed manual one")
	require.Equal(t, mar21, c.Offer.Made)
	require.Equal(t, c.Progress.Taken[len(c.Progress.Taken)-1].Deadline, c.Offer.Expires)
	var text string
	for _, o := range e.outbox() {
		if o.Message.Kind == letters.SettlementOffer {
			text = o.Message.Text
		}
	}
	require.Contains(t, text, danish(c.Offer.Pay), "the letter prints the recorded amount")
	// Paying the offered amount by the deadline settles the case.
	e.clock.set(mar21.AddDays(2))
	_, err = e.svc.RecordPayment(t.Context(), "c1", collection.Payment{ID: "p1", On: mar21.AddDays(2), Amount: c.Offer.Pay, To: collection.PaidToCreditor})
	require.NoError(t, err)
	c = e.get("c1")
	require.False(t, c.Status.Running(), "status %s", c.Status)
	require.Equal(t, mar21.AddDays(2), c.Offer.Accepted)
	bal, err := c.Balance()
	require.NoError(t, err)
	require.True(t, bal.IsZero(), bal.String())
}

// TestNext_L3_AgreesWithTheBatchInAHolidayWindow: inside the creditor's holiday
// window Next says the step is held back until the window ends, as the batch
// run's Preview does.
func TestNext_L3_AgreesWithTheBatchInAHolidayWindow(t *testing.T) {
	window := date.Period{From: date.MustNew(2025, 2, 1), To: date.MustNew(2025, 2, 10)}
	cr := &testCreditors{holidays: map[string][]date.Period{"cr-1": {window}}}
	e := newBatchEnv(t, feb3, collection.Options{Creditors: cr})
	e.open("c1")
	d, err := e.svc.Next(t.Context(), "c1")
	require.NoError(t, err)
	require.False(t, d.Due)
	require.Equal(t, flow.ReasonHoliday, d.Reason)
	require.Equal(t, window.To, d.On)
	p, err := e.svc.Preview(t.Context(), collection.BatchRequest{})
	require.NoError(t, err)
	require.Zero(t, p.Count())
	require.Len(t, p.Held, 1)
	require.Equal(t, d.On, p.Held[0].Until)
}

// TestPlan_E13_LateButFullPaymentSendsNoEmptyBreachWarning: an instalment paid
// late but in full leaves nothing overdue, so the daily run sends no breach
// warning (which would list no missed instalment) and keeps running; found by
// TestPropLawfulEndToEnd.
func TestPlan_E13_LateButFullPaymentSendsNoEmptyBreachWarning(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	r := openReq("c1")
	r.Invoices[0].Amount = dkk("50.00")
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	e.runDays(jan31, feb3, collection.BatchRequest{})
	e.clock.set(date.MustNew(2025, 2, 6))
	c, err := e.svc.StartPlan(t.Context(), "c1", collection.PlanRequest{})
	require.NoError(t, err)
	check := c.Plan.Check
	pl, err := c.Plan.Plan()
	require.NoError(t, err)
	first := pl.At(0)
	e.clock.set(check)
	_, err = e.svc.RecordPayment(t.Context(), "c1", collection.Payment{ID: "p1", On: check, Amount: first.Amount, To: collection.PaidToCreditor})
	require.NoError(t, err)
	for d := check; d.Before(check.AddDays(40)); d = d.AddDays(1) {
		e.clock.set(d)
		res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
		require.NoError(t, err, "day %s", d)
		for _, pc := range res.Plans {
			require.False(t, pc.Warned && d.Before(first.Due.AddDays(30)), "warned on %s with nothing overdue", d)
		}
	}
	require.True(t, e.get("c1").Plan.Warned.IsZero() || !e.get("c1").Plan.Warned.Before(pl.At(1).Due))
}

// TestLawful_E6_P6_CompensationCreditFollowsTheInvoice: the förseningsersättning
// charged in a deactivated case is still credited against the reminder fees and
// collection costs of the case the invoice is re-opened in (SE 4 a §); found by
// TestPropLawfulEndToEnd.
func TestLawful_E6_P6_CompensationCreditFollowsTheInvoice(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
	e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
	e.openIn("c1", dunning.SE, dunning.Business, "Standard", true)
	e.runDays(jan31, date.MustNew(2025, 2, 12), collection.BatchRequest{})
	require.Len(t, charges(e.get("c1"), collection.ChargeCompensation), 1)
	_, err := e.svc.Deactivate(t.Context(), "c1", collection.Acknowledgements{StepsTaken: true})
	require.NoError(t, err)
	c, err := e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c2", From: "c1", Flow: "Standard", FeeAgreed: true})
	require.NoError(t, err)
	require.True(t, c.Claims[0].Earlier.CompensationLeft.Equal(money.MustNew("450", money.SEK)), c.Claims[0].Earlier.CompensationLeft.String())
	e.runDays(date.MustNew(2025, 2, 13), date.MustNew(2025, 6, 30), collection.BatchRequest{})
	c = e.get("c2")
	require.GreaterOrEqual(t, len(c.Progress.Taken), 4)
	require.Empty(t, charges(c, collection.ChargeCompensation))
	require.Empty(t, charges(c, collection.ChargeReminderFee), "60 SEK fees are covered by the 450 SEK")
	require.Empty(t, charges(c, collection.ChargeCollectionCost), "the 180 SEK inkassokrav too")
}

// TestReopen_P2_P6_PartlyPaidInvoiceKeepsItsPayment: an invoice of 1,000 with 300
// paid in the deactivated case is re-opened owing 700; one paid in full stays
// paid and cannot be re-opened.
func TestReopen_P2_P6_PartlyPaidInvoiceKeepsItsPayment(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1", "i1", "i2")
	_, err := e.svc.RecordPayment(t.Context(), "c1", collection.Payment{ID: "p1", On: jan31, Amount: dkk("1300.00"), To: collection.PaidToCreditor})
	require.NoError(t, err)
	c := e.get("c1")
	l, err := c.Ledger()
	require.NoError(t, err)
	require.True(t, l.Claims[0].Outstanding.IsZero(), "the first invoice is paid in full")
	require.True(t, l.Claims[1].Outstanding.Equal(dkk("700.00")), l.Claims[1].Outstanding.String())
	require.Equal(t, collection.ClaimPaid, c.Claims[0].Status)
	_, err = e.svc.Deactivate(t.Context(), "c1", collection.Acknowledgements{})
	require.NoError(t, err)
	_, err = e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c2", From: "c1", Invoices: []string{"i1"}, Flow: "Standard"})
	require.ErrorIs(t, err, dunning.ErrInvalid, "a paid invoice is not locked: nothing to re-open")
	c2, err := e.svc.Reopen(t.Context(), collection.ReopenRequest{ID: "c2", From: "c1", Invoices: []string{"i2"}, Flow: "Standard"})
	require.NoError(t, err)
	require.True(t, c2.Claims[0].Open.Equal(dkk("700.00")), c2.Claims[0].Open.String())
	require.True(t, c2.Claims[0].Original.Equal(dkk("1000.00")))
	bal, err := c2.Balance()
	require.NoError(t, err)
	require.True(t, bal.Equal(dkk("700.00")), "the payment is not lost: %s", bal)
}

// TestDigest_E18_E22_ManualCaseWithAStepDue: a case taken out of batch follow-up
// is left alone by the batch run, and the digest tells a person that its step is
// due; put back, the batch takes it.
func TestDigest_E18_E22_ManualCaseWithAStepDue(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	_, err := e.svc.SetManual(t.Context(), "c1", true)
	require.NoError(t, err)
	e.clock.set(feb3)
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Empty(t, res.Steps)
	dg, err := e.svc.Digest(t.Context(), "cr-1", feb3)
	require.NoError(t, err)
	require.Len(t, dg.Items, 1)
	require.Equal(t, collection.AttentionManual, dg.Items[0].Reason)
	require.Equal(t, feb3, dg.Items[0].Since)
	_, err = e.svc.SetManual(t.Context(), "c1", false)
	require.NoError(t, err)
	res, err = e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 1)
	dg, err = e.svc.Digest(t.Context(), "cr-1", feb3)
	require.NoError(t, err)
	require.Empty(t, dg.Items)
}

// TestPreview_S10_SelectedCasesNotDueSayWhy: a preview of selected cases lists
// those it would not take, each with why and from which day.
func TestPreview_S10_SelectedCasesNotDueSayWhy(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("due")
	e.open("paused")
	_, err := e.svc.Pause(t.Context(), "paused", date.MustNew(2025, 3, 1), "debtor on holiday")
	require.NoError(t, err)
	p, err := e.svc.Preview(t.Context(), collection.BatchRequest{Cases: []collection.CaseID{"due", "paused", "nope"}})
	require.NoError(t, err)
	require.Equal(t, 1, p.Count())
	require.Len(t, p.NotDue, 2)
	require.Equal(t, collection.NotDue{CaseID: "nope", Reason: "not found"}, p.NotDue[0])
	require.Equal(t, collection.CaseID("paused"), p.NotDue[1].CaseID)
	require.Equal(t, date.MustNew(2025, 3, 1), p.NotDue[1].On)
	require.Equal(t, "paused until 2025-03-01: debtor on holiday", p.NotDue[1].Reason)
	// Without a selection nothing is listed.
	p, err = e.svc.Preview(t.Context(), collection.BatchRequest{})
	require.NoError(t, err)
	require.Empty(t, p.NotDue)
}

// TestPause_E21_ActionWithADeadlineReplacesThePause: a settlement offer made on a
// paused case replaces the pause (E21): the case is active, its pause is gone,
// and the offer letter is the only contact.
func TestPause_E21_ActionWithADeadlineReplacesThePause(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	_, err := e.svc.Pause(t.Context(), "c1", date.MustNew(2025, 3, 1), "talking to the debtor")
	require.NoError(t, err)
	c, err := e.svc.MakeOffer(t.Context(), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: dec("10")}, Expires: feb15})
	require.NoError(t, err)
	require.Equal(t, collection.StatusActive, c.Status)
	require.True(t, c.Progress.Pause.Until.IsZero(), "the offer's deadline replaced the pause date")
	require.Equal(t, feb15.AddDays(1), c.NextDue, "the offer decides what happens next")
	types := eventTypes(e.events("c1"))
	require.Contains(t, types, collection.EventResumed)
	require.Len(t, e.outbox(), 1)
}

// TestPause_L1_InterestRunsUnlessTheCreditorWaivesIt: interest runs through a
// pause by default (the law lets it run); a creditor that waives it for pauses
// gets no interest for the paused days, and an early resume ends the waiver.
func TestPause_L1_InterestRunsUnlessTheCreditorWaivesIt(t *testing.T) {
	interestOf := func(waive, resumeEarly bool) money.Money {
		e := newBatchEnv(t, feb3, collection.Options{Creditors: &testCreditors{profile: collection.CreditorProfile{WaiveInterestWhilePaused: waive}}})
		e.open("c1")
		_, err := e.svc.Pause(t.Context(), "c1", date.MustNew(2025, 3, 5), "on holiday")
		require.NoError(t, err)
		if resumeEarly {
			e.clock.set(date.MustNew(2025, 2, 13))
			_, err = e.svc.Resume(t.Context(), "c1")
			require.NoError(t, err)
		}
		// One run after the pause: Reminder 1 is taken on 2025-03-05 with the
		// interest from the due date 2025-01-31 to that day.
		e.runDays(date.MustNew(2025, 3, 5), date.MustNew(2025, 3, 5), collection.BatchRequest{})
		c := e.get("c1")
		require.Len(t, c.Progress.Taken, 1)
		total := dkk("0")
		for _, ch := range charges(c, collection.ChargeInterest) {
			total, _ = total.Add(ch.Amount)
		}
		return total
	}
	full, waived, early := interestOf(false, false), interestOf(true, false), interestOf(true, true)
	// DK 10.75 % a year on 1,000 DKK, 30E/360 (2.986 DKK per 10 days): 35 days
	// from 2025-01-31 to 2025-03-05; the pause 2025-02-03 – 2025-03-05 is 32 of
	// them (30E/360), leaving 3; resumed on 2025-02-13, 10 days are waived.
	require.True(t, full.Equal(dkk("10.45")), full.String())
	require.True(t, waived.Equal(dkk("0.90")), waived.String())
	require.True(t, early.Equal(dkk("7.47")), early.String())
}

// TestLetters_E14_FreeLetterOnTheLetterheadWithTheLogo: a free letter is
// rendered on the creditor's letterhead, and the profile's logo and bank reach
// the HTML of every letter, also when the profile gives only those and the rest
// comes from the case's creditor.
func TestLetters_E14_FreeLetterOnTheLetterheadWithTheLogo(t *testing.T) {
	prof := collection.CreditorProfile{Letterhead: letters.Creditor{Logo: "https://tomrer-hansen.dk/logo.png",
		Bank: letters.Bank{IBAN: "DK50 0040 0440 1162 43"}}}
	e := newBatchEnv(t, feb3, collection.Options{Creditors: &testCreditors{profile: prof}})
	e.open("c1")
	_, err := e.svc.SendLetter(t.Context(), "c1", collection.Letter{Subject: "Din konto", Text: "Kære Jens\n\nVi har modtaget dit brev.", Channel: letters.Email})
	require.NoError(t, err)
	_, err = e.svc.MakeOffer(t.Context(), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: dec("10")}, Expires: feb15})
	require.NoError(t, err)
	out := e.outbox()
	require.Len(t, out, 2)
	for _, o := range out {
		m := o.Message
		require.Contains(t, m.Text, "Tømrer Hansen ApS", m.Kind.String())
		require.Contains(t, m.Text, "Vestergade 1", m.Kind.String())
		require.Contains(t, m.HTML, `<img class="logo" src="https://tomrer-hansen.dk/logo.png"`, m.Kind.String())
	}
	require.Equal(t, letters.FreeLetter, out[0].Message.Kind)
	require.Contains(t, out[0].Message.Text, "Vi har modtaget dit brev.")
	require.Contains(t, out[1].Message.Text, "DK50 0040 0440 1162 43", "the offer says where to pay")
}

// TestFoundation_E7_E8_SignedDeclarationGoesToTheEnforcementCourt: the Danish
// collection warning goes out with the debtor declaration and the voluntary
// settlement enclosed (E7); recorded as signed, the declaration is a foundation and the
// case is filed with the enforcement court instead of a payment claim (E8).
func TestFoundation_E7_E8_SignedDeclarationGoesToTheEnforcementCourt(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	e.runDays(jan31, feb27, collection.BatchRequest{})
	out := e.outbox()
	require.Len(t, out, 3, "one letter per step")
	w := out[2].Message
	require.Equal(t, letters.CollectionWarning, w.Kind)
	require.Len(t, w.Attachments, 2)
	require.Equal(t, "debtor-declaration.html", w.Attachments[0].Name)
	require.Equal(t, "voluntary-settlement.html", w.Attachments[1].Name)
	require.Contains(t, string(w.Attachments[1].Data), "Frivilligt forlig")
	require.Contains(t, string(w.Attachments[1].Data), "Jens Jensen")

	signed := court.Foundation{Kind: court.DebtorDeclaration, Date: date.MustNew(2025, 3, 3)}
	e.clock.set(date.MustNew(2025, 3, 4))
	_, err := e.svc.RecordFoundation(t.Context(), "c1", court.Foundation{Kind: court.DebtorDeclaration, Date: date.MustNew(2025, 3, 9)})
	require.ErrorIs(t, err, dunning.ErrInvalid, "signed in the future")
	c, err := e.svc.RecordFoundation(t.Context(), "c1", signed)
	require.NoError(t, err)
	require.Equal(t, []court.Foundation{signed}, c.Foundations)
	again, err := e.svc.RecordFoundation(t.Context(), "c1", signed)
	require.NoError(t, err)
	require.Equal(t, c.Version, again.Version, "the same foundation again changes nothing")

	e.runDays(date.MustNew(2025, 3, 4), date.MustNew(2025, 5, 30), collection.BatchRequest{})
	c, err = e.svc.FileCourt(t.Context(), "c1", collection.FileRequest{District: court.Aarhus})
	require.NoError(t, err)
	require.Equal(t, court.ByEnforcementRequest, c.Court.State.Route)
}

// TestOpen_L1_WaivedInterestPeriodsAreChecked: a waived period a host passes in
// must be a period.
func TestOpen_L1_WaivedInterestPeriodsAreChecked(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	r := openReq("c1")
	r.Interest = collection.InterestTerms{Waived: []date.Period{{From: feb15, To: feb3}}}
	_, err := e.svc.Open(t.Context(), r)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.ErrorContains(t, err, "Interest.Waived[0]")
	r.Interest = collection.InterestTerms{Waived: []date.Period{{From: feb3, To: feb15}}}
	c, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	require.Len(t, c.Interest.Waived, 1)
}

// TestRewind_E19_QueuedLetterOfADeletedActionIsNotSent: deleting the last action
// before its letter went out takes the letter out of the outbox, and a relay that
// had already read it (waiting for its send time) does not deliver it; the step
// taken again sends a new one; a letter already sent is not cancelled (it cannot
// be called back).
func TestRewind_E19_QueuedLetterOfADeletedActionIsNotSent(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	var sent []string
	relay, err := e.svc.NewRelay(letters.DispatcherFunc(func(_ context.Context, m letters.Message) error {
		sent = append(sent, m.ID)
		return nil
	}), collection.RelayOptions{})
	require.NoError(t, err)
	later := e.clock.now.Add(time.Hour)
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, later)
	require.NoError(t, err)
	first := res.Steps[0].MessageID
	rr, err := relay.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Equal(t, 1, rr.Waiting, "read, waiting for its send time")
	c, err := e.svc.DeleteLastAction(t.Context(), "c1")
	require.NoError(t, err)
	require.Empty(t, c.Progress.Taken)
	require.Contains(t, eventTypes(e.events("c1")), collection.EventMessageCancelled)
	require.Empty(t, e.outbox(), "the outbox holds no letter of a deleted action")
	rr, err = relay.RunOnce(t.Context(), later.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, []string{first}, rr.Cancelled)
	require.Empty(t, sent, "the deleted action's letter is never delivered")

	res, err = e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	second := res.Steps[0].MessageID
	require.NotEqual(t, first, second)
	_, err = relay.RunOnce(t.Context(), later.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, []string{second}, sent)

	// Sent already: deleting the action cannot call the letter back.
	n := len(e.events("c1"))
	_, err = e.svc.DeleteLastAction(t.Context(), "c1")
	require.NoError(t, err)
	evs := e.events("c1")[n:]
	require.NotContains(t, eventTypes(evs), collection.EventMessageCancelled)
	require.Equal(t, second, evs[0].Data["message"], "action.deleted names the letter that went out")
	require.Len(t, e.outbox(), 1, "a sent letter stays in the outbox")
}

// TestRewind_E19_N1_DeletingAFeeCanCompleteAPayment: a payment of the invoice's
// amount after a fee-bearing reminder leaves the fee open; deleting the reminder
// removes the fee, so the payment pays the debt and the case is closed as paid
// (found by the lifecycle state machine).
func TestRewind_E19_N1_DeletingAFeeCanCompleteAPayment(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	_, err = e.svc.RecordPayment(t.Context(), "c1", collection.Payment{ID: "p1", On: feb3, Amount: dkk("1000.00"), To: collection.PaidToCreditor})
	require.NoError(t, err)
	require.True(t, e.get("c1").Status.Running())
	c, err := e.svc.DeleteLastAction(t.Context(), "c1")
	require.NoError(t, err)
	require.Equal(t, collection.StatusClosed, c.Status)
	_, err = e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
}

// TestCredit_P1_NoOpenInvoiceNoStep: once every invoice is credited, nothing
// dates a next step: the batch run takes none (a reminder would have no claim to
// name) and the digest asks a person to close the case (found by the lifecycle
// state machine).
func TestCredit_P1_NoOpenInvoiceNoStep(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	_, err = e.svc.Credit(t.Context(), "c1", "inv-c1", collection.CreditNote{ID: "cn1", On: feb3, Amount: dkk("1000.00")})
	require.NoError(t, err)
	c := e.get("c1")
	require.True(t, c.Status.Running(), "the reminder fee is still open")
	e.runDays(feb3, date.MustNew(2025, 4, 30), collection.BatchRequest{})
	require.Len(t, e.get("c1").Progress.Taken, 1, "no further step")
	d, err := e.svc.Next(t.Context(), "c1")
	require.NoError(t, err)
	require.Equal(t, flow.ReasonNoDueDate, d.Reason)
	dg, err := e.svc.Digest(t.Context(), "cr-1", date.MustNew(2025, 4, 30))
	require.NoError(t, err)
	require.Len(t, dg.Items, 1)
	require.Equal(t, collection.AttentionDecision, dg.Items[0].Reason)
}
