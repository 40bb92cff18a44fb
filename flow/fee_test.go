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

func TestValidatePresets(t *testing.T) {
	for _, f := range []Flow{Lenient(), Standard(), FastToCourt()} {
		require.NoError(t, Validate(f, dunning.DK, dunning.Consumer, d0), f.Name())
		require.NoError(t, Validate(f, dunning.DK, dunning.Business, d0), f.Name())
	}
	// Norway: a fee-bearing purring at earliest 14 days after the due date
	// (inkassoforskriften § 1-2), so Standard's Reminder 1 on day 3 breaks it.
	err := Validate(Standard(), dunning.NO, dunning.Consumer, d0)
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
