package fees

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

func TestAssessRules(t *testing.T) {
	due := date.MustParse("2025-03-01")
	eur := func(s string) money.Money { return money.MustNew(s, money.EUR) }
	t.Run("DE first reminder is free (E4)", func(t *testing.T) {
		r, err := ReminderRules(dunning.DE, dunning.Business, due, due.AddDays(5))
		require.NoError(t, err)
		a, err := Assess(r, Claim{Due: due}, Proposal{Date: due.AddDays(5), Fee: eur("2.50")})
		require.NoError(t, err)
		require.Equal(t, ReasonFirstReminder, a.Reason.Code)
		require.True(t, a.Fee.IsZero())
		a, err = Assess(r, Claim{Due: due, Reminders: 1}, Proposal{Date: due.AddDays(15), Fee: eur("5")})
		require.NoError(t, err)
		require.Equal(t, ReasonAboveCap, a.Reason.Code)
		requireMoney(t, "2.50", a.Fee)
	})
	t.Run("SE needs a prior agreement", func(t *testing.T) {
		r, err := ReminderRules(dunning.SE, dunning.Consumer, due, due.AddDays(5))
		require.NoError(t, err)
		a, err := Assess(r, Claim{Due: due}, Proposal{Date: due.AddDays(5), Fee: money.MustNew("60", money.SEK)})
		require.NoError(t, err)
		require.Equal(t, ReasonNotAgreed, a.Reason.Code)
		a, err = Assess(r, Claim{Due: due, FeeAgreed: true}, Proposal{Date: due.AddDays(5), Fee: money.MustNew("60", money.SEK)})
		require.NoError(t, err)
		require.False(t, a.Reduced())
	})
	t.Run("DK dispute blocks the 2nd fee", func(t *testing.T) {
		r, err := ReminderRules(dunning.DK, dunning.Consumer, due, due.AddDays(5))
		require.NoError(t, err)
		c := Claim{Due: due, Disputed: true, History: []Charge{{Date: due.AddDays(5), Fee: money.MustNew("100", money.DKK)}}}
		a, err := Assess(r, c, Proposal{Date: due.AddDays(30), Fee: money.MustNew("100", money.DKK)})
		require.NoError(t, err)
		require.Equal(t, ReasonDisputed, a.Reason.Code)
	})
	t.Run("NO too early after the due date", func(t *testing.T) {
		r, err := ReminderRules(dunning.NO, dunning.Consumer, due, due.AddDays(10))
		require.NoError(t, err)
		a, err := Assess(r, Claim{Due: due}, Proposal{Date: due.AddDays(10), Fee: money.MustNew("35", money.NOK)})
		require.NoError(t, err)
		require.Equal(t, ReasonTooEarly, a.Reason.Code)
		require.Equal(t, due.AddDays(14), a.Reason.AllowedFrom)
		require.Contains(t, a.Reason.String(), "a fee is allowed from 2025-03-15")
	})
	t.Run("NL charges no reminder fee", func(t *testing.T) {
		r, err := ReminderRules(dunning.NL, dunning.Consumer, due, due.AddDays(10))
		require.NoError(t, err)
		a, err := Assess(r, Claim{Due: due}, Proposal{Date: due.AddDays(10), Fee: eur("5")})
		require.NoError(t, err)
		require.Equal(t, ReasonNoFee, a.Reason.Code)
	})
}

func TestCheckSchedule(t *testing.T) {
	due := date.MustParse("2025-03-01")
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }
	r, err := ReminderRules(dunning.DK, dunning.Consumer, due, due.AddDays(10))
	require.NoError(t, err)
	plan := []PlannedReminder{
		{DaysAfterDue: 0, Fee: dkk("100")},  // too early: on the due date
		{DaysAfterDue: 10, Fee: dkk("150")}, // above the cap
		{DaysAfterDue: 19, Fee: dkk("100")}, // 9 days after the previous fee
		{DaysAfterDue: 25, Fee: dkk("100")}, // ok (2nd fee)
		{DaysAfterDue: 35, Fee: dkk("100")}, // ok (3rd fee)
		{DaysAfterDue: 45, Fee: dkk("100")}, // 4th fee: too many
		{DaysAfterDue: 40, Fee: dkk("0")},   // out of order
		{DaysAfterDue: 60, Fee: money.MustNew("1", money.EUR)},
	}
	problems := CheckSchedule(r, plan)
	var codes []ReasonCode
	for _, p := range problems {
		codes = append(codes, p.Reason.Code)
	}
	require.Equal(t, []ReasonCode{ReasonTooEarly, ReasonAboveCap, ReasonTooSoon, ReasonTooMany, ReasonOutOfOrder, ReasonInvalidFee}, codes)
	require.Equal(t, "reminder 3 (day 19): DK: only 9 days since the fee-bearing reminder of day 10; a fee is allowed from day 20 (renteloven § 9 b)",
		problems[2].String())
	require.Equal(t, 1, problems[0].AllowedFromDay)

	de, err := ReminderRules(dunning.DE, dunning.Business, due, due.AddDays(10))
	require.NoError(t, err)
	problems = CheckSchedule(de, []PlannedReminder{{DaysAfterDue: 7, Fee: money.MustNew("2.50", money.EUR)}})
	require.Len(t, problems, 1)
	require.Equal(t, ReasonFirstReminder, problems[0].Reason.Code)

	require.Empty(t, CheckSchedule(r, []PlannedReminder{{DaysAfterDue: 5, Fee: dkk("100")}, {DaysAfterDue: 15, Fee: dkk("100")}}))
}

// TestAssessAllocs: Assess does not allocate, allowed or refused (target: 0 allocations,
// so flow.Decide can stay within its 200 ns / 0 allocs budget).
func TestAssessAllocs(t *testing.T) {
	due := date.MustParse("2025-03-01")
	r, err := ReminderRules(dunning.DK, dunning.Consumer, due, due.AddDays(5))
	require.NoError(t, err)
	c := Claim{Due: due, History: []Charge{
		{Date: due.AddDays(5), Fee: money.MustNew("100", money.DKK)},
		{Date: due.AddDays(15), Fee: money.MustNew("100", money.DKK)},
	}}
	for _, p := range []Proposal{
		{Date: due.AddDays(25), Fee: money.MustNew("100", money.DKK)}, // allowed
		{Date: due.AddDays(20), Fee: money.MustNew("100", money.DKK)}, // too soon
		{Date: due.AddDays(25), Fee: money.MustNew("150", money.DKK)}, // above cap
	} {
		var sink Assessment
		allocs := testing.AllocsPerRun(200, func() {
			sink, _ = Assess(r, c, p)
		})
		require.Zero(t, allocs, "Assess allocated for %v (%v)", p.Fee, sink.Reason.Code)
	}
	allocs := testing.AllocsPerRun(200, func() {
		_, _ = ReminderRules(dunning.DK, dunning.Consumer, due, due.AddDays(5))
		_, _ = ReminderRules(dunning.NO, dunning.Consumer, due, due.AddDays(20))
	})
	require.Zero(t, allocs, "ReminderRules allocated")
}

func TestAssessAllocsNO(t *testing.T) {
	due := date.MustParse("2025-03-01")
	r, err := ReminderRules(dunning.NO, dunning.Consumer, due, due.AddDays(20))
	require.NoError(t, err)
	c := Claim{Due: due, History: []Charge{{Date: due.AddDays(14), Fee: money.MustNew("35", money.NOK)}}}
	p := Proposal{Date: due.AddDays(40), Notice: PaymentDemand, Fee: money.MustNew("105", money.NOK)}
	require.Zero(t, testing.AllocsPerRun(200, func() { _, _ = Assess(r, c, p) }))
	require.Zero(t, testing.AllocsPerRun(200, func() { _, _ = ReminderRules(dunning.NO, dunning.Business, due, due.AddDays(20)) }))
}
