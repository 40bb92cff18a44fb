package flow

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// Facts are what Decide needs to know about a case besides its Progress.
type Facts struct {
	// Due is the due date of the claim; the first step counts from it.
	Due date.Date
	// Jurisdiction and Party are the law that applies and the debtor's kind.
	Jurisdiction dunning.Jurisdiction
	Party        dunning.PartyKind
	// Law is the law pack the case runs under (its notice periods); nil means the
	// shipped pack of Jurisdiction (law.Builtin). A host's own pack goes here.
	Law *law.Pack
	// Disputed says the debtor disputes the claim (DK: no fee for the 2nd and 3rd
	// reminder, as the fees package applies it).
	Disputed bool
	// Holidays are the creditor's holiday windows (L3), half-open periods in which
	// no step is taken; a step they hold back becomes allowed on the first day
	// after the window. Order does not matter; windows may touch or overlap.
	Holidays []date.Period
	// PostalDays are added to the due date before the first step (S2).
	PostalDays int
	// Fees is the reminder-fee law in force for the case on the day the step goes
	// out: the law pack's ReminderRule(Party, Due, today). Decide assesses
	// every fee-bearing reminder with it (fees.Assess). A zero rule lets steps
	// with a fixed fee fail assessment and steps with FeeMax charge nothing; both
	// are reported in Decision.FeeErr.
	Fees fees.ReminderRule
	// ContractFee is the fee the creditor's contract asks for each fee-bearing
	// reminder (law.FeeTerms.Fee) in place of the step's own FeeRule; the zero
	// Money{} means the step's. The law still caps it: Decide assesses it like any
	// fee (fees.Assess) and charges what the law allows on the day.
	ContractFee money.Money
	// FeeAgreed says a reminder fee was agreed no later than when the debt arose
	// (SE, lag 1981:739 2 §; fees.Claim.FeeAgreed).
	FeeAgreed bool
	// Earlier are the steps taken for the same claims before this Progress
	// began: in an earlier case that held the invoices (a case re-opened after a
	// deactivation, P6). The reminder-fee law counts per claim (E4: at most three
	// fee-bearing reminders, ten days apart, however many cases the invoice went
	// through), so Decide assesses every fee against the reminders among them and
	// in Progress.Taken together; and a deadline one of them gave the debtor
	// still holds: no step comes before the day after it.
	Earlier []Taken
	// SendOn is the day the step's letter goes out when that is later than today
	// (a batch run for a past day, or letters queued for a later send time); zero
	// means today. The deadline is counted, and the fee assessed, from the later
	// of the two: a letter never gives less notice than the law asks from the day
	// it is actually sent.
	SendOn date.Date
}

// Reason says why a Decision proposes no step for today.
type Reason uint8

// The reasons. ReasonNone means the step is due today.
const (
	ReasonNone         Reason = iota // the step is due: it may be taken today
	ReasonWaiting                    // the case has not stayed long enough on its level (S10)
	ReasonPaused                     // the case is paused (L1)
	ReasonHoliday                    // the creditor's holiday window holds the step back (L3)
	ReasonDecision                   // a person must decide the next step (N6)
	ReasonTrack                      // the case is on the plan or offer track (E20)
	ReasonFinished                   // every step of the flow was taken
	ReasonFlowMismatch               // the Progress belongs to another flow
	ReasonNoDueDate                  // Facts.Due is missing: no open claim dates the step
)

var reasonNames = [...]string{"none", "waiting", "paused", "holiday", "decision", "track",
	"finished", "flow-mismatch", "no-due-date"}

// String returns the reason's text form, such as "paused".
func (r Reason) String() string { return enumString(reasonNames[:], uint8(r), "Reason", true) }

// MarshalText implements encoding.TextMarshaler.
func (r Reason) MarshalText() ([]byte, error) {
	return enumMarshal(reasonNames[:], uint8(r), "Reason", true)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Reason) UnmarshalText(b []byte) error {
	v, err := enumParse(reasonNames[:], string(b), "Reason", "is not a reason", true)
	if err != nil {
		return err
	}
	*r = Reason(v)
	return nil
}

// Decision is Decide's answer: the next step of a case, from which day it may be taken,
// whether that is today, what it may cost and what deadline it gives, and, when it may
// not be taken today, why.
type Decision struct {
	// Index is the index of the next step in the flow; -1 when there is none
	// (finished, wrong flow, other track).
	Index int
	// Step is the next step (the zero Step when Index is -1).
	Step Step
	// On is the first day the step may be taken: the previous step's day (or the
	// due date plus postal days) plus the step's Days, no earlier than the day
	// after the previous deadline or the end of a pause, and moved past holiday
	// windows.
	// When a step is overdue (catch-up) On is in the past and Due is true.
	On date.Date
	// Due reports whether the step may be taken today.
	Due bool
	// Batch reports whether the daily batch run may take it: Due and the case is
	// in batch follow-up (E18).
	Batch bool
	// Fee is the fee the step may charge if taken on Max(On, today), as the fees
	// package assessed it; Money{} when the step is not fee-bearing.
	Fee money.Money
	// FeeReason says why Fee is less than the step asked for (fees.Assess); its
	// Code is fees.ReasonNone when it is not.
	FeeReason fees.Reason
	// FeeErr is set when the fee could not be assessed (no rule in Facts.Fees,
	// a fee in the wrong currency); Fee is then Money{} and nothing may be
	// charged.
	FeeErr error
	// Deadline is the last day the step gives the debtor to pay; zero for none.
	// It is never earlier than the law's notice for the step's letter, counted
	// from the day it goes out (LawfulDeadline, which also names the rule; DK
	// inkassoloven § 10, NO inkassoloven §§ 9, 10, NL art. 6:96 lid 6 BW, SE and
	// FI guidance). The next step is not proposed before the day after it.
	Deadline date.Date
	// Reason says why the step may not be taken today; ReasonNone when Due.
	Reason Reason

	// for Explain, copied without allocating
	today  date.Date
	since  date.Date // the date the wait counts from
	prev   string    // the step waited on; "" for the due date
	dl     date.Date // the deadline waited on, when it holds the step back longer than its days
	dlName string    // what gave that deadline
	days   int       // the days the step needs after since
	pause  string    // the pause reason
	flow   string    // the flow's name
	pflow  string    // the progress's flow name (mismatch)
	track  Track
	postal int
}

// Decide returns what comes next for a case with progress p in flow f, on day today.
// It is pure and allocates nothing; the sentence explaining the decision is built
// only when Explain is called.
//
// The rules, in order:
//   - a Progress for another flow, or a case on the plan or offer track, gets no step;
//   - after the last step the flow is finished;
//   - without a due date (Facts.Due zero: no open claim left) there is no step;
//   - the next step is allowed its Days after the day the previous flow step was
//     actually taken (so a late step pushes the following ones and the spacing laws
//     hold; catch-up proposes one step at a time), or after the due date plus
//     postal days for the first step (E1, S2, S10), and not before the day after
//     any deadline a step or letter gave the debtor (E2, E21); a step with
//     EndOfMonth comes on the last day of that day's month;
//   - the deadline the step gives is the flow's (Step.Deadline, else the day
//     before the next step), an Override's (E2), and never earlier than the law's
//     notice for the step's letter counted from the day it goes out: where the law
//     asks for more, the step gives more and the next step waits longer;
//   - a pause moves that day to its resume date (L1, L2);
//   - a holiday window holds the step back to the first day after the window,
//     without skipping it (L3);
//   - a Wait step, or a case marked by Await, waits for a person (N6);
//   - the fee is assessed by the fees package for the day the step would go out.
func Decide(f Flow, p Progress, facts Facts, today date.Date) Decision {
	d := Decision{Index: -1, today: today, flow: f.name, pflow: p.Flow, track: p.Track}
	switch {
	case p.Flow != f.name:
		d.Reason = ReasonFlowMismatch
		return d
	case p.Track != TrackMain:
		d.Reason = ReasonTrack
		return d
	case p.Next < 0 || p.Next >= len(f.steps):
		d.Reason = ReasonFinished
		return d
	}
	s := f.steps[p.Next]
	d.Index, d.Step, d.days = p.Next, s, s.Days
	if facts.Due.IsZero() {
		// No due date: before the first step nothing dates it; after it, no
		// claim is left to collect (every invoice paid, credited or locked).
		d.Reason = ReasonNoDueDate
		return d
	}

	// The latest deadline the debtor was given for the claims, in this flow or
	// before it (Facts.Earlier): no step comes before the day after it.
	dl, dlName := lastDeadline(p.Taken)
	if edl, name := lastDeadline(facts.Earlier); edl.After(dl) {
		dl, dlName = edl, name
	}
	// The day the step is allowed by the schedule.
	var on date.Date
	if li := p.lastStep(); li >= 0 {
		last := &p.Taken[li]
		d.since, d.prev = last.On, last.Name
		on = last.On.AddDays(s.Days)
		if dl.AddDays(1).After(on) {
			on, d.dl, d.dlName = dl.AddDays(1), dl, dlName
		}
	} else {
		d.since, d.postal = facts.Due, facts.PostalDays
		on = facts.Due.AddDays(facts.PostalDays + s.Days)
		if !dl.IsZero() && !dl.Before(on) {
			// a letter's deadline (a plan's termination, E13), or one an earlier
			// case gave for the same claims
			on, d.dl, d.dlName = dl.AddDays(1), dl, dlName
		}
	}
	if s.EndOfMonth {
		on = on.EndOfMonth() // a level that fires at the end of the month
	}
	reason := ReasonWaiting
	if p.Pause.Until.After(on) {
		on, reason = p.Pause.Until, ReasonPaused
		d.pause = p.Pause.Reason
	}
	if out := afterHolidays(on, facts.Holidays); out != on {
		on, reason = out, ReasonHoliday
	}
	if on.Before(today) {
		// Overdue (catch-up): held back while today is in a window.
		if out := afterHolidays(today, facts.Holidays); out != today {
			on, reason = out, ReasonHoliday
		}
	}
	d.On = on

	// The deadline and fee, for the day the step would go out.
	at := on
	if today.After(at) {
		at = today
	}
	if facts.SendOn.After(at) {
		at = facts.SendOn
	}
	switch {
	case !p.Override.Deadline.IsZero():
		d.Deadline = p.Override.Deadline
	case s.Deadline > 0:
		d.Deadline = at.AddDays(s.Deadline)
	case p.Next+1 < len(f.steps) && f.steps[p.Next+1].Days > 0:
		d.Deadline = at.AddDays(f.steps[p.Next+1].Days - 1)
	}
	d.Deadline = lawfulDeadline(s.Kind, facts.pack(), facts.Party, at, d.Deadline)
	d.assessFee(s, p, facts, at)

	switch {
	case p.Awaiting || s.Kind == Wait:
		d.Reason = ReasonDecision
	case on.After(today):
		d.Reason = reason
	default:
		d.Due = true
		d.Batch = !p.Manual
	}
	return d
}

// LawfulDeadline returns deadline, or the law's earliest deadline for a step of
// kind k sent on sent to a debtor of kind party under jurisdiction j when that is
// later. It is Facts.LawfulDeadline for the shipped pack of j.
func LawfulDeadline(k Kind, j dunning.Jurisdiction, party dunning.PartyKind, sent, deadline date.Date) (date.Date, fees.NoticeRule) {
	return Facts{Jurisdiction: j, Party: party}.LawfulDeadline(k, sent, deadline)
}

// LawfulDeadline returns deadline, or the law's earliest deadline for a step of
// kind k sent on sent under the facts' law pack and debtor kind when that is later
// (law.Pack.NoticeMinimum; a zero deadline, "none", becomes the law's where the
// law sets one), with the notice rule applied (MinDays 0 when none applies). It is
// the one place a step's deadline meets the notice law: Decide, Validate and the
// collection package call it. It does not allocate.
func (f Facts) LawfulDeadline(k Kind, sent, deadline date.Date) (date.Date, fees.NoticeRule) {
	p := f.pack()
	deadline = lawfulDeadline(k, p, f.Party, sent, deadline)
	n, ok := noticeOf(k)
	if !ok {
		return deadline, fees.NoticeRule{}
	}
	r, _ := p.Notice(f.Party, n)
	return deadline, r
}

// pack returns the law pack of the facts: Law, or the shipped pack of Jurisdiction.
func (f *Facts) pack() *law.Pack {
	if f.Law != nil {
		return f.Law
	}
	return law.Builtin(f.Jurisdiction)
}

// lawfulDeadline is LawfulDeadline without the rule, for Decide (it copies
// nothing): the one place a deadline meets the notice law.
func lawfulDeadline(k Kind, p *law.Pack, party dunning.PartyKind, sent, deadline date.Date) date.Date {
	n, ok := noticeOf(k)
	if !ok {
		return deadline
	}
	if e, ok := p.NoticeMinimum(party, n, sent); ok && (deadline.IsZero() || deadline.Before(e)) {
		return e
	}
	return deadline
}

// afterHolidays returns d, or if d is in one of the windows, the first day after it
// (and after any window that day falls into, and so on).
func afterHolidays(d date.Date, windows []date.Period) date.Date {
	for moved := true; moved; {
		moved = false
		for _, w := range windows {
			if w.Contains(d) {
				d, moved = w.To, true
			}
		}
	}
	return d
}

// Explain returns a sentence a person can read that says what the decision is and, if
// the step may not be taken today, why and from which day it can (S10), such as
// "waiting on Reminder 1 until 2025-03-11 (10 days)".
func (d Decision) Explain() string {
	switch d.Reason {
	case ReasonNone:
		if d.Index < 0 {
			return "no step"
		}
		s := d.Step.Name + " is due"
		if d.On.Before(d.today) {
			s += " (allowed since " + d.On.String() + ")"
		}
		return s
	case ReasonWaiting:
		if !d.dl.IsZero() {
			// The deadline a letter gave the debtor holds the step back (S10).
			return "waiting for the deadline " + d.dl.String() + " of " + d.dlName + " to pass: " +
				d.Step.Name + " from " + d.On.String()
		}
		if d.prev == "" {
			s := "waiting on the due date " + d.since.String() + " until " + d.On.String() +
				" (" + plural(d.days, "day")
			if d.postal != 0 {
				s += " + " + plural(d.postal, "postal day")
			}
			return s + ")"
		}
		return "waiting on " + d.prev + " until " + d.On.String() + " (" + plural(d.days, "day") + ")"
	case ReasonPaused:
		s := "paused until " + d.On.String()
		if d.pause != "" {
			s += ": " + d.pause
		}
		return s
	case ReasonHoliday:
		return "creditor holiday until " + d.On.String()
	case ReasonDecision:
		return "waiting for a person to decide what happens next (next in the flow: " + d.Step.Name + ")"
	case ReasonTrack:
		if d.track == TrackPlan {
			return "on the payment plan track: the plan decides what happens next"
		}
		return "on the settlement offer track: the offer decides what happens next"
	case ReasonFinished:
		return "flow " + strconv.Quote(d.flow) + " finished"
	case ReasonFlowMismatch:
		return "the progress is for flow " + strconv.Quote(d.pflow) + ", not " + strconv.Quote(d.flow)
	case ReasonNoDueDate:
		return "no due date: no open claim dates the next step"
	}
	return d.Reason.String()
}

// String returns Explain.
func (d Decision) String() string { return d.Explain() }

func plural(n int, unit string) string {
	s := strconv.Itoa(n) + " " + unit
	if n != 1 {
		s += "s"
	}
	return s
}
