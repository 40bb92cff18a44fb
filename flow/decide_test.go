package flow

import (
	"testing"

	"github.com/dunning-go/dunning/date"
	"github.com/stretchr/testify/require"
)

func day(n int) date.Date { return d0.AddDays(n) }

// takeThrough takes the first n steps of f, each on the day it becomes allowed.
func takeThrough(t testing.TB, f Flow, facts Facts, n int) Progress {
	t.Helper()
	p := Start(f)
	for range n {
		d := Decide(f, p, facts, d0.AddDays(-1000))
		require.GreaterOrEqual(t, d.Index, 0)
		p = p.Take(d, d.On)
	}
	return p
}

func TestWaitingReasonS10(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	p := Start(f)
	d := Decide(f, p, facts, day(1))
	require.False(t, d.Due)
	require.Equal(t, ReasonWaiting, d.Reason)
	require.Equal(t, day(3), d.On)
	require.Equal(t, "waiting on the due date 2025-03-01 until 2025-03-04 (3 days)", d.Explain())

	facts.PostalDays = 2
	require.Equal(t, "waiting on the due date 2025-03-01 until 2025-03-06 (3 days + 2 postal days)",
		Decide(f, p, facts, day(1)).Explain())

	p = takeThrough(t, f, dkFacts(d0), 1) // Reminder 1 on 2025-03-04
	d = Decide(f, p, dkFacts(d0), day(5))
	require.Equal(t, ReasonWaiting, d.Reason)
	require.Equal(t, "waiting on Reminder 1 until 2025-03-16 (12 days)", d.Explain())
	require.Equal(t, "Reminder 2", d.Step.Name)

	d = Decide(f, p, dkFacts(d0), day(15))
	require.True(t, d.Due)
	require.Equal(t, ReasonNone, d.Reason)
	require.Equal(t, "Reminder 2 is due", d.Explain())
	require.Equal(t, day(26), d.Deadline, "deadline defaults to the day before the next step")
}

func TestCatchUpOneStepAtATime(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	p := Start(f)
	today := day(60) // every step up to the offer is overdue
	d := Decide(f, p, facts, today)
	require.True(t, d.Due)
	require.Equal(t, 0, d.Index, "only the next step is proposed")
	require.Equal(t, day(3), d.On)
	require.Equal(t, "Reminder 1 is due (allowed since 2025-03-04)", d.Explain())
	p = p.Take(d, today)
	d = Decide(f, p, facts, today)
	require.False(t, d.Due, "spacing counts from the day the step was actually taken")
	require.Equal(t, today.AddDays(12), d.On)
	require.Equal(t, today.AddDays(11), p.Taken[0].Deadline)
}

func TestPauseL1L2(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	p := Start(f).WithPause(day(20), "debtor calls back")
	for n := 0; n < 20; n++ {
		d := Decide(f, p, facts, day(n))
		require.False(t, d.Due, "day %d: paused (L1)", n)
	}
	d := Decide(f, p, facts, day(10))
	require.Equal(t, ReasonPaused, d.Reason)
	require.Equal(t, "paused until 2025-03-21: debtor calls back", d.Explain())
	d = Decide(f, p, facts, day(20))
	require.True(t, d.Due, "resumes by itself on the resume date (L2)")
	require.Equal(t, day(20), d.On)

	require.True(t, Decide(f, p.Resume(), facts, day(10)).Due, "explicit resume (L2)")

	// A pause that ends before the step is allowed anyway does not delay it.
	short := Start(f).WithPause(day(2), "")
	require.Equal(t, day(3), Decide(f, short, facts, day(0)).On)
}

func TestHolidayL3(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	facts.Holidays = []date.Period{{From: day(2), To: day(10)}, {From: day(10), To: day(12)}}
	p := Start(f)
	d := Decide(f, p, facts, day(0))
	require.Equal(t, ReasonHoliday, d.Reason)
	require.Equal(t, day(12), d.On, "held back to the first day after the (touching) windows")
	require.Equal(t, "creditor holiday until 2025-03-13", d.Explain())
	for n := 0; n < 12; n++ {
		require.False(t, Decide(f, p, facts, day(n)).Due, "day %d", n)
	}
	d = Decide(f, p, facts, day(12))
	require.True(t, d.Due, "the held-back step is not skipped")
	require.Equal(t, 0, d.Index)

	// An overdue step is held back while today is in a window.
	facts.Holidays = []date.Period{{From: day(30), To: day(40)}}
	d = Decide(f, p, facts, day(35))
	require.False(t, d.Due)
	require.Equal(t, ReasonHoliday, d.Reason)
	require.Equal(t, day(40), d.On)
	require.True(t, Decide(f, p, facts, day(40)).Due)
}

func TestOverrideE2AndPauseReplacedE21(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	p := Start(f).WithDeadline(day(40)).WithPause(day(3), "")
	d := Decide(f, p, facts, day(3))
	require.True(t, d.Due)
	require.Equal(t, day(40), d.Deadline, "E2: deadline changed before sending")
	p = p.Take(d, day(3))
	require.Equal(t, Override{}, p.Override, "the override applies to one step")
	require.Equal(t, Pause{}, p.Pause, "E21: a step with a deadline replaces the pause")
	d = Decide(f, p, facts, day(16))
	require.False(t, d.Due)
	require.Equal(t, day(41), d.On, "the next step waits until the day after the longer deadline")

	// E21: switching flow replaces the pause.
	q := p.WithPause(day(100), "x")
	require.Equal(t, Pause{}, Switch(q, FastToCourt()).Pause)
}

func TestSwitchE2(t *testing.T) {
	facts := dkFacts(d0)
	p := takeThrough(t, Standard(), facts, 2) // R1 on day 3, R2 on day 15
	fast := FastToCourt()
	q := Switch(p, fast)
	require.Equal(t, "FastToCourt", q.Flow)
	require.Equal(t, 2, q.Next)
	d := Decide(fast, q, facts, day(0))
	require.Equal(t, CollectionWarning, d.Step.Kind)
	// Spacing counts from the last step taken (day 15 + 11 = 26), but Reminder 2
	// gave the debtor until day 26 (Standard: the day before its warning on 15 + 12),
	// so the warning comes the day after that deadline.
	require.Equal(t, day(27), d.On)
	require.Len(t, p.Taken, 2, "Switch does not touch the original")

	// Warning sent as the first reminder (E5), then a switch to a flow with reminders first.
	w, err := New("WarningFirst", Step{Kind: CollectionWarning, Days: 1, Fee: FeeRule{Mode: FeeMax}},
		Step{Kind: DemandLetter, Days: 10})
	require.NoError(t, err)
	p = takeThrough(t, w, facts, 1)
	q = Switch(p, Standard())
	require.Equal(t, 3, q.Next, "continues after the furthest step reached: the demand letter")

	// Nothing taken: start at the beginning.
	require.Equal(t, 0, Switch(Start(Standard()), Lenient()).Next)
	// Mismatch is reported when the wrong flow is passed.
	d = Decide(Lenient(), Start(Standard()), facts, day(10))
	require.Equal(t, ReasonFlowMismatch, d.Reason)
	require.Equal(t, -1, d.Index)
	require.Equal(t, `the progress is for flow "Standard", not "Lenient"`, d.Explain())
}

func TestRewindE19(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	p := takeThrough(t, f, facts, 3) // R1, R2, warning
	before := Rewind(p)
	d := Decide(f, before, facts, day(100))
	require.Equal(t, CollectionWarning, d.Step.Kind, "the deleted warning is proposed again")
	require.Len(t, p.Taken, 3, "Rewind does not touch the original")
	require.Equal(t, Start(f).Flow, Rewind(Start(f)).Flow)

	// Rewind, then take again: the original's slice is not overwritten.
	again := before.Take(Decide(f, before, facts, day(50)), day(50))
	require.Equal(t, day(27), p.Taken[2].On)
	require.Equal(t, day(50), again.Taken[2].On)
}

func TestManualActionsE20(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	p := takeThrough(t, f, facts, 1)
	want := Decide(f, p, facts, day(10))
	q := p.Letter(day(10))
	got := Decide(f, q, facts, day(10))
	require.Equal(t, want.Index, got.Index, "a free letter does not move the flow")
	require.Equal(t, want.On, got.On, "nor the spacing")
	require.Equal(t, want.Index, Decide(f, Rewind(q), facts, day(10)).Index)

	plan := p.WithTrack(TrackPlan)
	d := Decide(f, plan, facts, day(100))
	require.Equal(t, ReasonTrack, d.Reason)
	require.False(t, d.Due)
	require.Equal(t, "on the payment plan track: the plan decides what happens next", d.Explain())
	require.Equal(t, ReasonTrack, Decide(f, p.WithTrack(TrackOffer), facts, day(100)).Reason)
	require.True(t, Decide(f, Switch(plan, f), facts, day(100)).Due, "E13: back into a chosen flow")
}

func TestWaitN6(t *testing.T) {
	facts := dkFacts(d0)
	f := Standard()
	p := Start(f).Await()
	d := Decide(f, p, facts, day(10))
	require.False(t, d.Due)
	require.Equal(t, ReasonDecision, d.Reason)
	require.Equal(t, "waiting for a person to decide what happens next (next in the flow: Reminder 1)", d.Explain())
	require.True(t, Decide(f, p.Proceed(), facts, day(10)).Due)

	w, err := New("WithWait", Step{Kind: Reminder, Days: 1}, Step{Kind: Wait, Name: "Decide", Days: 5},
		Step{Kind: AgencyHandover, Days: 0})
	require.NoError(t, err)
	p = takeThrough(t, w, facts, 1)
	d = Decide(w, p, facts, day(30))
	require.Equal(t, ReasonDecision, d.Reason)
	require.False(t, d.Due)
	p = p.Take(d, day(30)) // the person decides to go on
	d = Decide(w, p, facts, day(30))
	require.True(t, d.Due)
	require.Equal(t, AgencyHandover, d.Step.Kind)
}

func TestFinishedAndNoDueDate(t *testing.T) {
	f := FastToCourt()
	facts := dkFacts(d0)
	p := takeThrough(t, f, facts, f.Len())
	d := Decide(f, p, facts, day(500))
	require.Equal(t, ReasonFinished, d.Reason)
	require.Equal(t, -1, d.Index)
	require.Equal(t, `flow "FastToCourt" finished`, d.Explain())
	require.Equal(t, p.Taken, p.Take(d, day(500)).Taken, "taking no step changes nothing")

	d = Decide(f, Start(f), Facts{}, day(0))
	require.Equal(t, ReasonNoDueDate, d.Reason)
	require.False(t, d.Due)

	require.Equal(t, ReasonFinished, Decide(Flow{}, Progress{}, facts, day(0)).Reason)
}

func TestBatchE18(t *testing.T) {
	f := Standard()
	facts := dkFacts(d0)
	d := Decide(f, Start(f), facts, day(3))
	require.True(t, d.Due && d.Batch)
	d = Decide(f, Start(f).WithManual(true), facts, day(3))
	require.True(t, d.Due)
	require.False(t, d.Batch)
}

// TestExplainNamesTheDeadlineS10: after a step whose deadline holds the next step
// back longer than its days (the DK warning gives 10 days, FastToCourt's demand
// letter comes +10), the explanation names that deadline, not the step's days.
func TestExplainNamesTheDeadlineS10(t *testing.T) {
	f := FastToCourt()
	facts := dkFacts(d0)
	p := takeThrough(t, f, facts, 3)
	d := Decide(f, p, facts, day(33))
	require.Equal(t, ReasonWaiting, d.Reason)
	require.Equal(t, day(34), d.On)
	require.Equal(t, "waiting for the deadline "+day(33).String()+" of Collection warning to pass: Demand letter from "+day(34).String(), d.Explain())
	// Without a longer deadline the days are named, as before.
	d = Decide(f, takeThrough(t, f, facts, 1), facts, day(5))
	require.Equal(t, "waiting on Reminder 1 until "+day(12).String()+" (11 days)", d.Explain())
}

// TestEndOfMonthLevel: a step with EndOfMonth comes on the last day of the month
// in which its Days run out, however the previous step fell in the month; a
// deadline, a pause or a holiday still holds it back from there, and the law's
// notice is kept.
func TestEndOfMonthLevel(t *testing.T) {
	f, err := New("month-end",
		Step{Kind: Reminder, Days: 5, EndOfMonth: true},
		Step{Kind: Reminder, Days: 10, EndOfMonth: true},
		Step{Kind: CollectionWarning, Days: 10})
	require.NoError(t, err)
	due := date.MustNew(2025, 1, 10)
	facts := dkFacts(due)
	p := Start(f)
	d := Decide(f, p, facts, due)
	require.Equal(t, date.MustNew(2025, 1, 31), d.On, "due + 5 is in January: the last day of January")
	p = p.Take(Decide(f, p, facts, d.On), d.On)
	d = Decide(f, p, facts, d.On)
	require.Equal(t, date.MustNew(2025, 2, 28), d.On, "31 Jan + 10 is in February")
	p = p.Take(Decide(f, p, facts, d.On), d.On)
	d = Decide(f, p, facts, d.On)
	require.Equal(t, date.MustNew(2025, 3, 10), d.On, "the warning has no EndOfMonth")

	// A pause holds it back from the month's end.
	pp := Start(f).WithPause(date.MustNew(2025, 2, 3), "disputed")
	require.Equal(t, date.MustNew(2025, 2, 3), Decide(f, pp, facts, due).On)

	// The flag survives JSON.
	b, err := f.MarshalJSON()
	require.NoError(t, err)
	var back Flow
	require.NoError(t, back.UnmarshalJSON(b))
	require.True(t, back.Step(0).EndOfMonth)
	require.False(t, back.Step(2).EndOfMonth)
}
