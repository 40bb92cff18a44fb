package flow

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func rules(t testing.TB, j dunning.Jurisdiction, k dunning.PartyKind, on date.Date) fees.ReminderRule {
	t.Helper()
	r, err := fees.ReminderRules(j, k, on, on)
	require.NoError(t, err)
	return r
}

func factsFor(t testing.TB, j dunning.Jurisdiction, k dunning.PartyKind) Facts {
	return Facts{Due: d0, Jurisdiction: j, Party: k, Fees: rules(t, j, k, d0)}
}

func requireMoney(t *testing.T, want string, got money.Money, msg string) {
	t.Helper()
	require.Equal(t, want, got.String(), msg) // String has the fixed scale and currency
}

// TestDecideFeesDK walks the Standard flow in Denmark: three fee-bearing reminders of
// at most 100 DKK (renteloven § 9 b, research §1.1, VERIFIED).
func TestDecideFeesDK(t *testing.T) {
	f := Standard()
	facts := factsFor(t, dunning.DK, dunning.Consumer)
	p := Start(f)
	var got []string
	for n := 0; n < 100; n++ {
		d := Decide(f, p, facts, day(n))
		if d.Due {
			require.NoError(t, d.FeeErr)
			got = append(got, d.Fee.String())
			p = p.Take(d, day(n))
		}
	}
	require.Equal(t, []string{"100.00 DKK", "100.00 DKK", "100.00 DKK", "0", "0", "0"}, got) // Money{}: no fee
}

func TestDecideFeeReduced(t *testing.T) {
	f := Standard()
	facts := factsFor(t, dunning.DK, dunning.Consumer)

	// E2: an overridden fee above the cap is reduced to it.
	d := Decide(f, Start(f).WithFee(money.MustNew("150", money.DKK)), facts, day(3))
	requireMoney(t, "100.00 DKK", d.Fee, "override capped")
	require.Equal(t, fees.ReasonAboveCap, d.FeeReason.Code)

	// A disputed claim: no fee for the 2nd reminder (DK, research §1.1, SECONDARY).
	p := takeThrough(t, f, facts, 1)
	facts.Disputed = true
	d = Decide(f, p, facts, day(15))
	require.True(t, d.Fee.IsZero())
	require.Equal(t, fees.ReasonDisputed, d.FeeReason.Code)

	// Sweden without a fee agreement: no fee (lag 1981:739 2 §).
	se := factsFor(t, dunning.SE, dunning.Consumer)
	d = Decide(f, Start(f), se, day(3))
	require.Equal(t, fees.ReasonNotAgreed, d.FeeReason.Code)
	require.True(t, d.Fee.IsZero())
	se.FeeAgreed = true
	requireMoney(t, "60.00 SEK", Decide(f, Start(f), se, day(3)).Fee, "SE cap 60 SEK")

	// Germany: the first reminder, the one that puts the debtor in default, is free
	// (research §4.1, SECONDARY); the second may carry a fee.
	de := factsFor(t, dunning.DE, dunning.Consumer)
	d = Decide(f, Start(f), de, day(3))
	require.True(t, d.Fee.IsZero())
	require.Equal(t, fees.ReasonFirstReminder, d.FeeReason.Code)
	d = Decide(f, takeThrough(t, f, de, 1), de, day(15))
	require.True(t, d.Fee.IsPositive(), "second German reminder: %v", d.FeeReason)

	// No rule in Facts: FeeMax charges nothing and says why.
	d = Decide(f, Start(f), dkFacts(d0), day(3))
	require.True(t, d.Due)
	require.ErrorIs(t, d.FeeErr, fees.ErrNoRule)
	require.True(t, d.Fee.IsZero())
}

// TestFourthFeeDK: a custom Danish flow with four fee-bearing reminders. Decide charges
// no fee for the fourth, and Validate names it. Implements E4 via fees.
func TestFourthFeeDK(t *testing.T) {
	dkk := money.MustNew("100", money.DKK)
	var steps []Step
	for i := range 4 {
		steps = append(steps, Step{Kind: Reminder, Name: "Reminder " + string(rune('1'+i)), Days: 10,
			Fee: FeeRule{Mode: FeeFixed, Amount: dkk}})
	}
	f, err := New("Custom", steps...)
	require.NoError(t, err)

	err = Validate(f, dunning.DK, dunning.Consumer, d0)
	require.ErrorIs(t, err, ErrUnlawful)
	var se *StepError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 3, se.Index)
	require.Equal(t, "Reminder 4", se.Step)
	require.Equal(t, fees.ReasonTooMany, se.Problem.Reason.Code)
	require.Contains(t, err.Error(), `step 4 "Reminder 4"`)
	require.Len(t, joined(err), 1, "only the fourth breaks the law")

	p := takeThrough(t, f, factsFor(t, dunning.DK, dunning.Consumer), 3)
	d := Decide(f, p, factsFor(t, dunning.DK, dunning.Consumer), day(100))
	require.True(t, d.Fee.IsZero())
	require.Equal(t, fees.ReasonTooMany, d.FeeReason.Code)
}

func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestValidatePresetsEveryJurisdictionE1 (E1, E4, E5): every preset keeps the law in
// the six jurisdictions as shipped, for both debtor kinds: where a notice period is
// longer than the flow's spacing the step waits longer (Schedule), and FeeMax asks
// only for what the law allows on the day.
func TestValidatePresetsEveryJurisdictionE1(t *testing.T) {
	for _, f := range []Flow{Lenient(), Standard(), FastToCourt()} {
		for _, j := range []dunning.Jurisdiction{dunning.DK, dunning.SE, dunning.NO, dunning.DE, dunning.NL, dunning.FI} {
			for _, k := range []dunning.PartyKind{dunning.Consumer, dunning.Business} {
				for _, due := range []date.Date{d0, date.MustParse("2026-06-12")} {
					require.NoError(t, Validate(f, j, k, due), "%s %s %s %s", f.Name(), j, k, due)
					sched := Schedule(f, Facts{Due: due, Jurisdiction: j, Party: k})
					require.Len(t, sched, f.Len())
					for i, pl := range sched {
						if i > 0 {
							require.True(t, pl.On.After(sched[i-1].Deadline), "%s %s: step %d on %s, before the deadline %s", f.Name(), j, i, pl.On, sched[i-1].Deadline)
						}
						if pl.Notice.MinDays > 0 {
							require.False(t, pl.Deadline.Before(pl.Notice.Earliest(pl.On)), "%s %s step %d", f.Name(), j, i)
						}
					}
				}
			}
		}
	}
	// Norway: Standard's Reminder 1 on day 3 is too early for a fee
	// (inkassoforskriften § 1-2); FeeMax charges nothing then, which is lawful,
	// but a fixed fee there is reported.
	st := Standard()
	steps := make([]Step, st.Len())
	for i, s := range st.All() {
		steps[i] = s
	}
	steps[0].Fee = FeeRule{Mode: FeeFixed, Amount: money.MustNew("35", money.NOK)}
	fixed, err := New("Fixed", steps...)
	require.NoError(t, err)
	err = Validate(fixed, dunning.NO, dunning.Consumer, d0)
	require.ErrorIs(t, err, ErrUnlawful)
	var se *StepError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 0, se.Index)
	require.Equal(t, fees.ReasonTooEarly, se.Problem.Reason.Code)

	// No fee-bearing reminder: lawful everywhere, even where there is no rule.
	free, err := New("Free", Step{Kind: Reminder, Days: 1})
	require.NoError(t, err)
	require.NoError(t, Validate(free, dunning.EU, dunning.Business, d0))
	// A rule that does not exist is an error, not a guess.
	require.ErrorIs(t, Validate(Standard(), dunning.EU, dunning.Business, d0), fees.ErrNoRule)
	require.ErrorIs(t, Validate(Standard(), dunning.Jurisdiction("XX"), dunning.Business, d0), dunning.ErrInvalid)
}

// TestNoticeDeadlinesE5 (E5, finding 1 of issue 17): a step's deadline is never
// shorter than the law's notice for its letter, counted from the day it goes out,
// and the next step waits for the day after it. The cases are the ones found: the DK
// warning of FastToCourt (9 days → 10), a warning sent as the first reminder (E5),
// NO warning and demand letter (14 days), the NL 14-day letter (from the day after
// presumed receipt) and the FI warning (10 days).
func TestNoticeDeadlinesE5(t *testing.T) {
	warnFirst, err := New("WarningFirst",
		Step{Kind: CollectionWarning, Days: 1, Fee: FeeRule{Mode: FeeMax}},
		Step{Kind: DemandLetter, Days: 10},
		Step{Kind: PaymentClaim, Days: 10})
	require.NoError(t, err)
	due := date.MustParse("2025-03-03") // a Monday
	for _, c := range []struct {
		name  string
		f     Flow
		j     dunning.Jurisdiction
		k     dunning.PartyKind
		index int // the step whose deadline is checked
		days  int // the days from the step's day to its deadline
	}{
		{"DK FastToCourt warning: 10 days, not 9 (inkassoloven § 10)", FastToCourt(), dunning.DK, dunning.Consumer, 2, 10},
		{"DK warning as the first reminder (E5): 10 days", warnFirst, dunning.DK, dunning.Business, 0, 10},
		{"NO Standard warning: 14 days (inkassoloven § 9)", Standard(), dunning.NO, dunning.Consumer, 2, 14},
		{"NO Standard demand letter: 14 days (inkassoloven § 10)", Standard(), dunning.NO, dunning.Consumer, 3, 14},
		{"NO FastToCourt demand letter: 14 days", FastToCourt(), dunning.NO, dunning.Business, 3, 14},
		{"FI FastToCourt warning to a consumer: 10 days", FastToCourt(), dunning.FI, dunning.Consumer, 2, 10},
		{"SE FastToCourt warning: 9 days (the flow's own, above the 8 of god inkassosed)", FastToCourt(), dunning.SE, dunning.Consumer, 2, 9},
	} {
		t.Run(c.name, func(t *testing.T) {
			facts := Facts{Due: due, Jurisdiction: c.j, Party: c.k}
			sched := Schedule(c.f, facts)
			pl := sched[c.index]
			require.Equal(t, c.days, pl.On.DaysUntil(pl.Deadline))
			if c.index+1 < len(sched) {
				require.Equal(t, pl.Deadline.AddDays(1), sched[c.index+1].On, "the next step waits for the day after the deadline")
			}
		})
	}
	// NL: 14 days from the day after presumed receipt. FastToCourt's warning on
	// day 23 (2025-03-26, a Wednesday) is presumed delivered on Friday the 28th.
	sched := Schedule(FastToCourt(), Facts{Due: due, Jurisdiction: dunning.NL, Party: dunning.Consumer})
	w := sched[2]
	require.Equal(t, date.MustParse("2025-03-26"), w.On)
	require.Equal(t, fees.FromReceipt, w.Notice.Counting)
	require.Equal(t, date.MustParse("2025-04-11"), w.Deadline)
	require.Equal(t, date.MustParse("2025-04-12"), sched[3].On)
	// A business debtor in NL gets the flow's own spacing.
	b := Schedule(FastToCourt(), Facts{Due: due, Jurisdiction: dunning.NL, Party: dunning.Business})
	require.Equal(t, 9, b[2].On.DaysUntil(b[2].Deadline))

	// An override (E2) cannot shorten the law either.
	facts := Facts{Due: due, Jurisdiction: dunning.DK, Party: dunning.Consumer}
	p := takeThrough(t, FastToCourt(), facts, 2).WithDeadline(due.AddDays(25))
	d := Decide(FastToCourt(), p, facts, due.AddDays(23))
	require.Equal(t, CollectionWarning, d.Step.Kind)
	require.Equal(t, due.AddDays(33), d.Deadline)

	// A later send day (a catch-up run, or letters queued for tomorrow) counts
	// from that day.
	p = takeThrough(t, FastToCourt(), facts, 2)
	facts.SendOn = due.AddDays(40)
	d = Decide(FastToCourt(), p, facts, due.AddDays(30))
	require.Equal(t, due.AddDays(50), d.Deadline)
}

// TestValidateStepDeadline: a step's own deadline shorter than the law's notice is
// reported by Validate (a *NoticeError), though Decide gives the law's.
func TestValidateStepDeadline(t *testing.T) {
	f, err := New("Short",
		Step{Kind: Reminder, Days: 3},
		Step{Kind: CollectionWarning, Days: 12, Deadline: 7},
		Step{Kind: DemandLetter, Days: 20})
	require.NoError(t, err)
	require.NoError(t, Validate(f, dunning.DE, dunning.Consumer, d0))
	err = Validate(f, dunning.DK, dunning.Consumer, d0)
	require.ErrorIs(t, err, ErrUnlawful)
	var ne *NoticeError
	require.ErrorAs(t, err, &ne)
	require.Equal(t, 7, ne.Deadline)
	require.Equal(t, 10, ne.Earliest)
	require.Contains(t, err.Error(), "inkassoloven § 10")
	require.Contains(t, err.Error(), `step 2 "collection-warning"`)
	d := Decide(f, takeThrough(t, f, factsFor(t, dunning.DK, dunning.Consumer), 1), factsFor(t, dunning.DK, dunning.Consumer), d0.AddDays(15))
	require.Equal(t, 10, d.On.DaysUntil(d.Deadline))
}

// TestPropFeesLawful: walking any flow with any delays, dispute and agreement, the fees
// Decide proposes never break the law: never above what was asked or the cap, and the
// series actually charged passes fees.CheckSchedule.
func TestPropFeesLawful(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFlow(t)
		facts := genFacts(t)
		p := Start(f)
		cur := facts.Due
		var plan []fees.PlannedReminder
		for range f.Len() {
			if rapid.IntRange(0, 3).Draw(t, "override") == 0 {
				p = p.WithFee(money.MustNew(rapid.SampledFrom([]string{"0", "5", "35", "60", "100", "500"}).Draw(t, "fee"), facts.Fees.Cap.Currency()))
			}
			d := Decide(f, p, facts, cur)
			if d.Index < 0 {
				break
			}
			if !d.Due {
				cur = d.On
				if d.Reason == ReasonDecision {
					p = p.Proceed()
				}
				continue
			}
			if d.FeeErr != nil {
				t.Fatalf("fee error: %v", d.FeeErr)
			}
			if d.Fee.IsValid() {
				if c, err := d.Fee.Compare(facts.Fees.Cap); err != nil || c > 0 {
					t.Fatalf("fee %s above cap %s (%v)", d.Fee, facts.Fees.Cap, err)
				}
				plan = append(plan, fees.PlannedReminder{DaysAfterDue: facts.Due.DaysUntil(cur), Notice: notice(d.Step.Kind), Fee: d.Fee})
			} else if d.Step.Kind.IsReminder() {
				plan = append(plan, fees.PlannedReminder{DaysAfterDue: facts.Due.DaysUntil(cur), Notice: notice(d.Step.Kind), Fee: money.Zero(facts.Fees.Cap.Currency())})
			}
			p = p.Take(d, cur)
			cur = cur.AddDays(rapid.IntRange(0, 12).Draw(t, "late"))
		}
		if probs := fees.CheckSchedule(facts.Fees, plan); len(probs) > 0 {
			t.Fatalf("charged series breaks the law: %v", probs)
		}
	})
}
