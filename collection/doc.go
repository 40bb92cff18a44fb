// Package collection is the host-facing API of the SDK: the Case aggregate and its
// lifecycle, the Service whose methods are every command a creditor can give, and
// the Store interface the host implements for persistence. It is the only
// imperative shell of the SDK: it loads a case, decides with the pure packages
// (flow, fees, and in the next issue interest, agreement, court, letters) and
// saves the result atomically with its events and outgoing messages.
//
// # The model
//
// A Case holds one debtor's claims (one or more invoices, N4) for one creditor,
// in one currency under one jurisdiction: its Status (active, paused, closed with a
// reason, deactivated, deleted), its Stage (reminders, collection, agreement,
// settlement, court, agency), its flow.Progress (steps taken, overrides, pause,
// track, the wait mark of N6 and the batch flag of E18), the ledger of Charges
// (each waivable), Payments, Notes (S11), Foundations (E8), the Agency hand-over
// (S13), Published (visible to the debtor), NextDue and a Version.
//
// A Store persists cases. Save is atomic and optimistic: it writes the case only
// if the stored version is the one the case was loaded at, and in the same step
// appends the command's Events (the audit trail, E16) and its outbox messages
// (letters.Message, delivered later by a relay through a letters.Dispatcher). Due
// streams the cases whose next step is due, by (NextDue, ID); List answers the
// look-ups the commands need (by creditor, debtor, invoice, status). EventReader
// and OutboxReader are optional capabilities. memstore is the in-memory Store;
// storetest.Run is the conformance suite every Store must pass.
//
// The Service's commands each load, decide, save with the version check and
// retry on a conflict (Options.MaxConflictRetries):
//
//	Open, Reopen                          open a case (E1, N4); re-open locked invoices (P6)
//	Pause, Resume                         L1, L2 (a pause also ends by itself on its resume date)
//	Close                                 P1: waive costs and/or interest, optionally credit
//	Deactivate, Delete                    P2–P5: acknowledgements, final, delete after deactivation
//	Publish                               the case became visible to the debtor
//	SwitchFlow, Override                  E2 (and E21: switching replaces the pause)
//	DeleteLastAction                      E19
//	SendLetter, SetTrack, Pause           E20 manual actions: free letter, plan/offer track, pause
//	SetManual                             E18 out of / back into batch follow-up
//	SetDisputed, AddNote                  disputes; notes on the case or a claim (S11)
//	HandOver                              S13 external partner with its reference
//	Await, Proceed                        N6 wait for a person's decision
//	Blocked                               S5 is the customer blocked from invoicing
//	Get, List, Next, Events               queries; Next is flow.Decide for today
//
// # Decisions
//
//   - The host chooses case ids, so opening is idempotent: a second Open with the
//     same id fails with ErrExists and saves nothing.
//   - A command that breaks a rule fails with a typed error (errors.Is/As:
//     *dunning.FieldError for bad input, naming the field and the value and joining
//     every problem; *TransitionError (ErrInvalidTransition) for a command the case's
//     state forbids; *AcknowledgementError (ErrAcknowledgementRequired) naming each
//     missing acknowledgement of P3; *InvoiceError (ErrInvoiceInUse);
//     *NotFoundError; *ConflictError) and saves nothing. A command that would change
//     nothing (setting what is already set) saves nothing and logs nothing; every
//     other command appends at least one Event, and all events of one Save carry the
//     version it produced as Seq.
//   - Status paused is derived from the pause in the Progress: the case is saved
//     as paused, and StatusOn(day) reports it active again from the resume date
//     (L2); the next command on the case saves the automatic resume with a
//     "case.resumed" event (auto=true). NextDue of a paused case is its resume
//     date, so Due finds it on that day.
//   - NextDue is flow.Decide's Decision.On for the case when it was saved; zero when
//     nothing is pending (finished flow, waiting for a person, plan or offer track,
//     closed, deactivated, deleted, handed to an agency). Stores index it.
//   - A paused case is never contacted: SendLetter fails on it (L1).
//   - Deactivation (P2) keeps the claims in the case as a record but marks every
//     open one ClaimLocked ("collection deactivated"), which is what unlinks it:
//     Open refuses a locked invoice (P6) and only Reopen, from the deactivated case,
//     puts it in a new case. Paid, credited and written-off claims are left as they
//     are. Deactivation clears Published and is final (P4): every later command but
//     AddNote and Delete is a *TransitionError. Close and Deactivate are both
//     possible on an active or paused case; a closed case can still be deactivated.
//   - Open and Reopen check the invoices with Store.List before saving, so two
//     concurrent Opens of the same invoice in different cases can both pass: hosts
//     that open cases concurrently should serialise per creditor or enforce a
//     unique (creditor, invoice) index over running cases in their Store.
//   - Deleted cases stay in the store with StatusDeleted so the audit trail
//     survives; the Service reports them as not found and List and Due never
//     return them (P5).
//   - "Steps taken" (P3) means at least one entry in Progress.Taken: a flow step or
//     a free letter was sent.
//   - Balance is the open amounts of the ClaimOpen claims, plus the unwaived
//     charges, minus the payments. Claim.Open is the amount open when the invoice
//     joined the case (or as the host last reported it); payments recorded on the
//     case are not subtracted from it.
//   - Charge.Action links a fee to the action (position in Progress.Taken) that
//     charged it, so DeleteLastAction (E19) removes it.
//   - S5 (Blocked) looks at the steps taken in the flow they were taken in
//     (Step.BlocksCustomer) of every running case of the creditor and debtor.
//   - Today is date.Today(Options.Clock, Options.Location); nil Location means UTC,
//     so hosts should pass the creditor's location. The Clock defaults to
//     date.SystemClock; tests use date.FixedClock.
//   - Facts for flow.Decide come from the case: the earliest open due date,
//     jurisdiction, debtor kind, any disputed open claim, postal days, the fee
//     agreement (SE) and fees.ReminderRules for a reminder sent today (an error,
//     such as EU's missing rule, leaves the rule zero and Decide reports FeeErr).
//
// # Not in this package yet
//
// The daily batch (Preview/Commit, E17), the outbox relay, payment recording and
// allocation (N1, N7, N8), payment plans and settlement offers (E11–E13, beyond the
// track switch), court filing (E8–E10) and agency sync (N2, N5) come with the next
// issue; the Case already carries Payments, Charges, Foundations, Agency and
// CourtRef for them, and Store.Due and OutboxReader exist for the batch and relay.
// Creditor holiday windows (L3) are not yet passed to Decide.
//
// # Requirements
//
// L1, L2, P1–P6, E2, E3, E16, E18–E21, S5, S11, S13, N4, N6.
package collection
