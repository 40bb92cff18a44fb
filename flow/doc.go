// Package flow defines dunning flows and decides, for one case, what the next step is,
// from which day it may be taken, what it may cost, and, if it may not be taken now,
// why. It is a pure calculator: values in, values out, no clock, no I/O, no
// package-level mutable state. Decide allocates nothing and is meant to be called for
// every open case in the daily run.
//
// # The model
//
// A Flow is a name and a list of Steps. A Step has a Kind (reminder, collection
// warning, demand letter, settlement offer, missing-payment letter, payment claim to
// the court, enforcement request, hand-over to an agency, or Wait: a person must
// decide, N6), the Days after the previous step, a FeeRule (none, a fixed amount, or
// the law's maximum), a template name, a Channel, whether it blocks the customer from
// further invoicing (S5), a comment for the letter (S6), a deadline in days, and, for
// a settlement offer, the discount in percent. New validates a flow; Validate checks
// it against the law of a jurisdiction: its own deadlines against the notice
// periods (fees.NoticeRules) and its fixed fees through fees.CheckSchedule, on the
// days Schedule says it runs.
//
// The presets have exactly the days of E1 (all days after the previous step; the
// first after the due date plus postal days):
//
//	Lenient      R1 +5  R2 +15  warning +15  demand +15  offer 20 % +10  missing payment +30  payment claim +15
//	Standard     R1 +3  R2 +12  warning +12  demand +12  offer 20 % +10  payment claim +30
//	FastToCourt  R1 +1  R2 +11  warning +11  demand +10  payment claim +10
//
// Their two reminders and the warning ask for the law's maximum fee (FeeMax), three
// fee-bearing reminders as Danish law allows; ReminderModule builds the flow of the
// reminder module (S1–S6) from its settings.
//
// A Progress is where a case stands: the flow in use (by name), the index of the next
// step, the steps Taken (kind, index, flow, day, fee, deadline), an Override of the
// next step's deadline or fee (E2), a Pause (L1, L2), the Track (main, payment plan,
// settlement offer; E3, E20), the Awaiting mark (N6) and the Manual mark (out of
// batch follow-up, E18). It is a value; every method returns a new Progress and never
// writes to a Taken slice it shares with the receiver. Facts are the rest of what
// Decide needs: the due date, jurisdiction and debtor kind, a dispute, the creditor's
// holiday windows (L3), postal days and the reminder-fee rule in force
// (fees.ReminderRules).
//
// # Decisions
//
//   - Days count from the day the previous step was actually taken, not from when it
//     was allowed. A case that fell behind (a missed batch run) is caught up one step
//     at a time, and the spacing the law requires between fee-bearing reminders holds.
//   - A step's deadline is the debtor's last day to pay; the next step is allowed no
//     earlier than the day after it, and after the deadline of any letter recorded
//     with Progress.LetterWithDeadline. By default the deadline is the day before
//     the next step is due; an overridden (E2) or configured longer deadline holds
//     the next step back. Whatever the flow says, a deadline is never earlier than
//     the law's notice for the step's letter, counted from the day it goes out
//     (LawfulDeadline, Facts.SendOn): DK collection warning 10 days (inkassoloven
//     § 10), NO purring, inkassovarsel and betalingsoppfordring 14 days, SE warning
//     and demand 8 days, NL consumer 14-day letter 14 days from the day after
//     presumed receipt, FI consumer warning and demand 10 days. Where the law asks
//     for more than the flow's spacing, the step gives more and the next step
//     waits longer: FastToCourt's demand letter comes 11 days after the warning in
//     Denmark, not 10 (Schedule shows the days per jurisdiction).
//   - A pause holds every step until its resume date, on which the case resumes by
//     itself (L2). A step with a deadline, and Switch, replace the pause (E21).
//   - Holiday windows are half-open date.Periods. A step allowed inside one, or an
//     overdue step while today is inside one, becomes allowed on the first day after
//     the window (after chains of touching windows). Nothing is skipped (L3).
//   - Only reminders and collection warnings carry fees (Kind.IsReminder). Decide
//     asks fees.Assess for the fee of the step on the day it would go out, with the
//     fee history of the claim: the case's own steps and the reminders of earlier
//     cases of the same invoices (Facts.Earlier; the law counts per claim). FeeMax
//     asks for whatever the law allows that day, which may be nothing, so Validate
//     never reports it; a FeeFixed the law reduces is reported. The flow never
//     encodes fee law itself. Collection costs,
//     compensation fees and court fees are the fees and court packages' to compute.
//   - Switch continues after the furthest step of the new flow already reached, by
//     kind and count (see Switch). Rewind removes the last action and restores what
//     taking it replaced, so the same step is proposed again (E19). A free letter
//     (Progress.Letter) does not move the flow (E20); the plan and offer tracks stop
//     the flow until the case is switched back.
//   - The explanation of a Decision (S10) is built by Explain, not by Decide, so
//     deciding for a million cases builds no strings.
//
// # Reminder-fee law applied through the fees package
//
// The figures live in package fees, with their sources and statuses; this table only
// says what Decide and Validate will enforce (docs/research/jurisdictions.md §§1.1–6.1, 8):
//
//	DK  ≤ 100 DKK incl. VAT; ≤ 3 fee-bearing reminders, ≥ 10 days apart; no 2nd/3rd
//	    fee on a disputed claim            renteloven § 9 b        VERIFIED (dispute: SECONDARY)
//	SE  ≤ 60 SEK, only if agreed when the debt arose (Facts.FeeAgreed)
//	                                       lag 1981:739 2 §, 4 §   VERIFIED; no count limit found (UNVERIFIED)
//	NO  1/20 of the inkassosats (35 NOK); from 14 days after due; the § 1-3 notice set
//	                                       inkassoforskriften §§ 1-2, 1-3   VERIFIED
//	DE  the first reminder is free; actual costs only (2.50 EUR accepted)
//	                                       §§ 280, 286 BGB, case law        SECONDARY
//	NL  no per-reminder fee (WIK covers collection costs)   art. 6:96 BW  VERIFIED
//	FI  consumers 5 EUR, more than 14 days after due and apart (5 EUR after 2022-05-01:
//	    UNVERIFIED); business 12 EUR, 10 days apart   perintälaki 10 a–10 b §  SECONDARY
//	EU  no reminder-fee rule: Validate returns fees.ErrNoRule for a fee-bearing flow
//
// # Requirements
//
// E1 (presets), E2 (overrides, Switch), E3 and E20 (tracks, manual letters), E5 (the
// warning is a reminder and may come first), E18 (Manual), E19 (Rewind), E21 (pause
// replaced), S1–S6 (ReminderModule), S10 (Explain), L1–L3 (pause, resume, holidays),
// N6 (Wait, Await).
package flow
