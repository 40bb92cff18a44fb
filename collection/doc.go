// Package collection is the host-facing API of the SDK: the Case aggregate and its
// lifecycle, the Service whose methods are every command a creditor can give, and
// the Store interface the host implements for persistence. It is the only
// imperative shell of the SDK: it loads a case, decides with the pure packages
// (flow, fees, interest, agreement, court, letters) and
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
// (S13), Published (visible to the debtor), NextDue and a Version. The records
// most cases never have (Plan, Offer, Court, Agency, and Interest terms other
// than the default) are pointers, nil when absent, so that a case stays small:
// the daily run keeps a million of them (Case is 896 bytes, a malloc size
// class; a test holds it there).
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
//	RecordFoundation                      E7, E8 a signed declaration or settlement (or other title)
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
//   - Open and Reopen check the invoices with Store.List before saving, and a
//     store that is an InvoiceGuard (memstore, sqlstore) enforces at most one
//     running case per (creditor, invoice) in Save itself: of two concurrent Opens
//     of one invoice exactly one wins, the other gets an *InvoiceError naming the
//     winner and nothing is saved (storetest races 16 Opens for 100 rounds). A
//     host's own Store that is no InvoiceGuard must serialise Opens per creditor.
//   - Deleted cases stay in the store with StatusDeleted so the audit trail
//     survives; the Service reports them as not found and List and Due never
//     return them (P5).
//   - "Steps taken" (P3) means at least one entry in Progress.Taken: a flow step or
//     a free letter was sent.
//   - Balance is the Open amounts of the claims that count toward the debt
//     (ClaimOpen, and ClaimPaid or ClaimWrittenOff: settled within the case), plus
//     the unwaived charges, minus the payments and the write-offs matched as
//     payment; negative means the debtor holds a credit (an overpayment).
//     Claim.Open is the amount open when the invoice joined the case, less its
//     credit notes; payments are not subtracted from it. What each payment paid
//     is derived, never stored: Case.Ledger allocates them (see below), and
//     Balance == Ledger.Outstanding − Ledger.Overpaid. Letters and every other view
//     of what is still owed per claim or charge should use Case.Ledger.
//   - Charge.Action links a fee to the action (position in Progress.Taken) that
//     charged it, so DeleteLastAction (E19) removes it.
//   - S5 (Blocked) looks at the steps taken in the flow they were taken in
//     (Step.BlocksCustomer) of every running case of the creditor and debtor.
//   - Today is date.Today(Options.Clock, Options.Location); nil Location means UTC,
//     so hosts should pass the creditor's location. The Clock defaults to
//     date.SystemClock; tests use date.FixedClock.
//   - Facts for flow.Decide come from the case: the earliest open due date,
//     jurisdiction, debtor kind, any disputed open claim, postal days, the fee
//     agreement (SE) and the law pack's ReminderRule for a reminder sent today (an error,
//     such as EU's missing rule, leaves the rule zero and Decide reports FeeErr).
//
// # Payments, credit notes and write-offs (N1, N7–N9)
//
// RecordPayment, Credit and WriteOff are idempotent on the host's id (the same id
// with other contents is an *IDConflictError, ErrIDConflict); a repeated payment
// reports PaymentResult.Duplicate. PaymentReference(id, jurisdiction) is the
// payment reference every letter of a case prints, in the jurisdiction's default
// scheme (letters.ReferenceForJurisdiction) on the digits of the case id: a
// function of the two alone, so the host can print it on its own invoice and
// match bank lines to cases by it (its doc says how; hosts should give cases
// ids with distinct digits). Case.Ledger
// allocates, in (date, id) order, write-offs matched as payment to their own
// claim's principal, then each payment to what had been charged by its date,
// component by component in the jurisdiction's order, oldest first; leftovers
// pay later charges; the rest is Ledger.Overpaid, reported in the result and a
// "payment.overpaid" event. The order (agreement.OrderFor):
//
//	NL      costs → interest → principal   art. 6:44 BW            VERIFIED
//	DE      costs → interest → principal   § 367 Abs. 1 BGB        UNVERIFIED
//	others  agreement.DefaultOrder (the SDK's default, not a statement of law)
//
// Because the allocation is a function of the recorded facts, the same payments
// in any order, or twice, give the same case (a rapid property). A payment
// changes the case by itself (N1): a claim paid in full becomes ClaimPaid, a
// case with nothing outstanding is closed (ReasonPaid, or ReasonSettled when
// settled without money or by an offer) and Archived (N5, N7). Payments are
// accepted on closed cases (as credit, or against an interest invoice), never on
// deactivated ones. Write-offs have two modes that are never confused (N9):
// OpenItem changes only the creditor's ledger (Ledger.WrittenOff,
// CreditorOutstanding) while the debtor and the agency still owe the amount;
// MatchedAsPayment settles it (Ledger.Settled).
//
// # Plans, offers, interest invoices (E11–E13, S8)
//
// StartPlan stores only the plan's terms (agreement.NewPlan recomputes the plan
// deterministically), adds the plan's interest as an interest charge, and queues
// the plan overview; CheckPlan tracks the payments since the start with
// agreement.Track and warns once on breach; TerminatePlan accelerates (the
// interest charge is cut to the termination day) and switches the case into a
// chosen flow. MakeOffer stores what pays the offer (agreement.Settle); the offer
// lapses by itself the day after it expires: on the plan and offer tracks NextDue
// is the plan's next check or the lapse day, and the first command on or after
// the lapse day (update runs it like the automatic resume) puts the case back on
// its main flow. Payments dated between the offer and its expiry that reach its
// amount settle the case: unpaid charges are waived and the rest of the
// principal is written off matched as payment. InterestInvoice (S8) charges
// interest.InvoiceInterest from the due date to the day each payment paid a
// claim. The Service's own letters (plan overview, breach warning, termination,
// offer, interest invoice, court submission) are rendered with Options.Letters
// and queued with the key "<case>/<kind>/<version>".
//
// # Court and agency (E8–E10, N2–N9)
//
// FileCourt files when the flow's next step is a due payment claim or
// enforcement request, on the route court.RouteFor gives; a payment claim that
// court.CheckPaymentClaim rejects makes the case wait (N6) with the problems in
// CourtRecord.Problems, a "court.not-ready" event and a *NotReadyError. The
// court fee (court.File) is added to the debt when the creditor chose so (E9);
// RecordCourtEvent moves court.State (served, objected, case number, endorsed,
// judgment, sued, enforced, withdrawn, E10). Only the Danish procedure is
// modelled. HandOverToAgency submits through the host's AgencyClient and stores
// the reference and link (N3); ApplyAgencyUpdate applies status changes,
// payments (To = PaidToAgency), closure (archived, N5) and withdrawal (back to
// the creditor, N2), each once per agency message id (Case.AgencyMessages): a
// repeated message changes nothing and reports AgencyUpdateResult.Duplicate, as
// RecordPayment reports a repeated payment.
//
// # The daily run, the relay and the digest
//
//	Preview, Commit                       E17, S9: the batch run; S12 balance statements
//	NewRelay, Relay.RunOnce, RecordReceipt E15, E16: delivery through a letters.Dispatcher
//	Digest                                E22: cases that need a person
//	Options.Creditors                     L3 holiday windows, letterhead, E6 compensation
//
// Their decisions:
//
//   - Commit takes at most one step per case and Save, decided again on every
//     attempt: a day committed twice changes nothing the second time, and a
//     missed day is caught up step by step, the next step counting from the day
//     the previous one was actually taken (flow.Decide), so no step the law needs
//     is skipped and the fee spacing holds. Steps are dated the day their letter
//     goes out: BatchRequest.Date (today by default; never after today), or today
//     for a run for a past day, or the day of the send time when that is later
//     (see "What a step does" below).
//   - Over a Store that is a BatchSaver (sqlstore), Commit saves the steps 256
//     cases at a time (SaveBatch: on a database one transaction and a few round
//     trips for the batch), with Save's version check per case; workers
//     (BatchRequest.Workers) decide and render while two writers save. A case
//     whose write the batch refuses, or every case of a batch that failed as a
//     whole, is taken again alone: reloaded, decided again and saved, so a batch
//     changes what a run costs, never what it does (TestCommitOverBatchSaver).
//     A batch whose commit succeeded but whose answer was lost leaves its steps
//     taken and its letters queued once; they are missing from
//     CommitResult.Steps, as after a Save whose outcome is unknown. Balance
//     statements (S12) are saved case by case.
//   - A step's letter has the id "<case id>/<step index>/<version>", version being
//     the case version of the Save that took it: the same on every retry of that
//     Save (a failed Save writes nothing, and after a Save whose outcome is unknown
//     the step is no longer due), and a new one when the step is taken again after
//     DeleteLastAction (E19), so the corrected letter is not mistaken for the first.
//     Balance statements are "<case id>/balance/<date>", the case being the
//     debtor's last due case, which is saved after the others.
//   - Every message the Service queues carries the case whose Save queued it
//     (letters.Message.CaseID, the case its ID starts with; for a balance
//     statement, the debtor's last due case) and that case's creditor
//     (CreditorID, Case.Creditor.ID), so a Dispatcher picks the sender or the
//     mailbox without parsing the ID.
//   - The send time is letters.Message.SendAt (zero: at once): Commit sets it,
//     the Store keeps it with the message, and the Relay holds the message back
//     until then; it needs no EventReader. The letter.queued event repeats it
//     ("sendAt") for the audit trail only.
//   - Letters are made from the case's Ledger (one allocation rule in the
//     package): the claim specification, the fees, costs and interest still
//     outstanding, and a total equal to Ledger.Outstanding. A claim paid or
//     settled in full is left off. After a step's charges the claim statuses are
//     brought in line with the Ledger, as after a payment.
//   - Cases on a payment plan (E13) are checked by the run on Plan.Check, their
//     NextDue: Preview shows a "plan check" row (or "plan breach warning" when
//     the plan is breached and not yet warned) in a group of its own, with the
//     zero Kind; Commit warns once (CommitResult.Plans) and then leaves the plan
//     to a person, whom the Digest tells (AttentionPlan, only for a breached
//     plan). A settlement offer that lapsed is saved as lapsed by the run.
//   - Interest (S7, S8): each committed step charges the late-payment interest
//     of Case.Interest accrued on each claim since the last such charge (see
//     Interest below).
//   - The batch run does not file court claims (E8) or hand cases to an agency
//     (S13): those steps are Held, and the Digest lists them for a person.
//   - Holiday windows (L3) come from Options.Creditors, once per creditor per
//     run, and hold a step back to the first day after the window. NextDue is
//     saved without them, so a held case is read by Due until the window ends.
//   - The Relay keeps its retry state in memory and delivers at least once: a
//     repeated id is the Dispatcher's to recognise. Receipts are events; a
//     repeated receipt is a no-op. Over a Store that is a DeliveryRecorder
//     (memstore, sqlstore) it records each message as soon as the Dispatcher
//     accepts it (the message.sent receipt, then the delivery mark), reads only
//     the unmarked messages after a restart and skips those with a receipt, so a
//     crash, kill -9 included, delivers again at most the messages in flight: at
//     most RelayOptions.Concurrency (1 by default); a cancelled ctx delivers
//     nothing twice. Over any other Store the host keeps Relay.Cursor to restart
//     from, and what was delivered after it is delivered again.
//
// # What a step does: the law end to end (E1, E4–E6, E11, E13, S12)
//
// A step's effects are decided once and used both for the case's new state and
// for its letter: the letter prints what the case records, never a figure
// computed beside it. In the order the batch run applies them (take, in
// batch.go; the rules in effects.go):
//
//   - The day. A step is dated the day its letter goes out (flow.Facts.SendOn):
//     a run for a past day (catching up missed days) dates its steps, letters
//     and deadlines today, and letters queued for a later send time count from
//     that day. No letter is queued whose deadline has already passed.
//   - The deadline: the flow's (the day before the next step, Step.Deadline or
//     an Override, E2), never earlier than the law's notice for the letter,
//     counted from the day it goes out (flow.LawfulDeadline over
//     fees.NoticeRules: DK inkassoloven § 10, 10 days; NO inkassoloven §§ 9, 10
//     and inkassoforskriften § 1-3, 14 days; SE god inkassosed, 8 days; NL
//     art. 6:96 lid 6 BW, 14 days from the day after presumed receipt, consumers;
//     FI KKV 2024, 10 days, consumers). The next step waits for the day after
//     the deadline, and after the deadline of any letter the Service sent
//     outside the flow (a plan's termination, E13). So every preset keeps the
//     law in every jurisdiction; flow.Schedule shows the days it runs on.
//   - The reminder fee flow.Decide allows (fees.Assess), counted per claim: the
//     reminders earlier cases sent for the same invoices (Claim.Earlier, read
//     from the store by Open and Reopen) count with the case's own, so a
//     re-opened invoice never gets a 4th fee in Denmark. Per claim (renteloven
//     § 9 b stk. 1, inkassoforskriften § 1-3: "per krav"): the number of
//     fee-bearing reminders and their spacing. Per letter: the fee itself — one
//     balance statement (S12) is one rykkerskrivelse and carries at most one
//     fee, however many cases and invoices it lists.
//   - The compensation fee of a business debtor (E6; CreditorProfile.
//     ClaimCompensation), once per invoice across cases, with the first step.
//     Where the law credits it (fees.Compensation.Offset: SE lag 1981:739 4 a §
//     against reminder fees and collection costs, DE § 288 Abs. 5 S. 3 BGB
//     against collection costs) those charges are reduced by what is left of it:
//     the debtor pays the larger, never both.
//   - Collection costs: the demand letter (flow.DemandLetter) charges the cap of
//     the law pack's CostCap for the creditor's CollectionCostStep on the
//     principal still owed, once per case (and not for an invoice an earlier
//     case charged; a cost waived since counts as charged: a forgiven cost is
//     not charged again), less the credited compensation. In DK, NO and for NL
//     consumers only after a collection warning whose deadline passed
//     (inkassoloven § 10, inkassoloven § 9, art. 6:96 lid 6 BW). The collection
//     warning's "costs if unpaid" is the same figure, decided by the same
//     function; CreditorProfile.NoCollectionCosts switches both off.
//   - Interest, as below.
//   - A settlement-offer step (E1) records an Offer as MakeOffer does (E11):
//     agreement.Settle on what is owed by component, the step's discount,
//     expiring with the step's deadline (OfferRecord.Flow: the case stays on its
//     main track). It replaces any earlier offer. Payments reaching its amount by
//     the deadline settle the case.
//
// A Danish collection warning goes out with the debtor declaration and the
// voluntary settlement enclosed (HTML attachments of the one message) for the
// debtor to sign (E7); RecordFoundation records the
// signed one as a foundation, and FileCourt then goes to the enforcement court.
//
// A plan terminated (E13) puts the case back into a flow with flow.Switch, which
// keeps every step taken, so the fee count goes on; its letter's deadline holds
// the next step back.
//
// # Lifecycle
//
// A case's lifecycle state on a day is Case.StateOn: exactly one of active,
// paused, closed, deactivated and deleted (its status, a pause ending by itself on
// its resume date), and any of manual (out of batch follow-up, E18), offer and
// plan (the tracks of E20), court (filed and not withdrawn) and agency (handed
// over, S13). Which command each state allows is this table, and nothing else:
// lifecycle in lifecycle.go is the table in code, every command asks it
// (Service.allow) before anything else about the case's state, and a test holds
// this text equal to it. A command refused is a *TransitionError
// (ErrInvalidTransition) saying which state refused it, and changes nothing.
//
//	command            needs       refused in                                     what it does
//	pause              -           closed+deactivated+deleted+agency              sets the pause date; interest runs on unless the creditor waives it (L1)
//	resume             paused      closed+deactivated+deleted+agency              ends the pause today (L2)
//	next               -           closed+deactivated+deleted+agency              query: flow.Decide with the creditor's holidays
//	batch              -           closed+deactivated+deleted+agency              takes the due step: letter, fee, interest, costs (E17)
//	switch flow        -           closed+deactivated+deleted+agency              replaces the pause (E21); keeps every step and fee
//	override           -           closed+deactivated+deleted+agency              changes the next step's deadline or fee (E2), within the law
//	delete last action -           closed+deactivated+deleted+agency              removes its charges, restores the pause; cancels its unsent letter (E19)
//	send letter        -           paused+closed+deactivated+deleted+agency       queues a free letter (E20)
//	set track          -           closed+deactivated+deleted+agency              moves the case to a track (E20)
//	set manual         -           closed+deactivated+deleted+agency              out of or back into batch follow-up (E18)
//	set disputed       -           closed+deactivated+deleted+agency              no further DK reminder fee
//	hand over          -           closed+deactivated+deleted+agency              the agency runs the case (S13)
//	await              -           closed+deactivated+deleted+agency              waits for a person (N6)
//	proceed            -           closed+deactivated+deleted+agency              ends the wait (N6)
//	record foundation  -           closed+deactivated+deleted+agency              routes a filing to the enforcement court (E7, E8)
//	start plan         -           closed+deactivated+deleted+plan+agency         plan track; letter with a deadline replaces the pause (E12, E21)
//	check plan         plan        closed+deactivated+deleted+agency              breach warning once, replacing the pause (E13, E21)
//	terminate plan     plan        closed+deactivated+deleted+agency              back into a flow; its deadline holds the next step (E13)
//	make offer         -           closed+deactivated+deleted+offer+plan+agency   offer track; letter replaces the pause (E11, E21)
//	file court         -           closed+deactivated+deleted+court+agency        court fee; case in court (E8, E9)
//	close              -           closed+deactivated+deleted                     waives costs and/or interest as asked (P1)
//	deactivate         -           deactivated+deleted                            locks open invoices; final (P2–P4)
//	delete             deactivated -                                              hidden, audit trail kept (P5)
//	publish            -           deactivated+deleted                            visible to the debtor
//	record payment     -           deactivated+deleted                            settles; may close the case as paid (N1)
//	credit             -           deactivated+deleted                            lowers a claim (N8)
//	write off          -           deactivated+deleted                            open item or matched as payment (N9)
//	interest invoice   -           deactivated+deleted                            charges interest on late payments (S8); its letter replaces the pause
//	court event        -           deactivated+deleted                            court state (E8–E10), on a case ever filed
//	agency update      agency      -                                              agency status and payments (N2–N9)
//
// What the commands do to the rest, in one place each:
//
//   - Pause dates: Pause sets one; Resume ends it today; it ends by itself on its
//     date (L2). A letter with a deadline the Service writes to the debtor
//     (offer, plan overview, breach warning, termination, interest invoice;
//     queueLetter) and a flow switch replace it (E21): the debtor is contacted, so the case is no
//     longer paused. The batch run never takes a step for a paused case (L1), and
//     SendLetter is refused on one.
//   - Queued letters: every letter is queued in the Save of the command that
//     writes it and delivered by the Relay. DeleteLastAction cancels the letter of
//     the action it deletes while it is unsent (E19): the outbox no longer holds
//     it, and a Relay that read it before never delivers it. Closing, deactivating or
//     handing a case over stops further letters (their commands are refused) but
//     does not call back letters already queued.
//   - Interest: charged with each step of the batch run (below); it runs through
//     a pause unless the creditor waives it (CreditorProfile.
//     WaiveInterestWhilePaused), stops during a payment plan (the plan charges its
//     own), and Close waives it when asked (P1).
//   - Fees: only a step of the batch run charges a reminder fee or collection
//     costs, within the law counted per claim across cases (see "What a step
//     does"); DeleteLastAction removes what its action charged; Close waives them
//     when asked.
//
// # Interest in the daily run (S7, S8)
//
// Case.Interest (InterestTerms; OpenRequest.Interest when the case is opened)
// says which interest the batch run charges: statutory (the zero value and the
// default for every case: the law lets interest run from the due date without
// an agreement, DK renteloven § 3 stk. 1, UNVERIFIED in detail in the research),
// a contract rate, or none. At each committed step, for each claim that counts
// toward the debt:
//
//   - the interest from the claim's due date to the step's day (half-open: the
//     step's day starts the next period) is accrued once with the law pack's statutory interest (law.Pack.Accrual)
//     (jurisdiction, debtor kind; DK claims due before 2013-03-01 keep the old
//     margin) or interest.Fixed, with interest.AccrueTimeline on the claim's
//     principal as Case.Ledger pays it off (each allocation to its principal is a
//     balance change on the payment's date); a payment plan's period is excluded
//     (the plan charges its own interest, E12);
//   - the charge is that total less the claim's earlier interest charges, and
//     covers Charge.Period, from the end of the claim's last charge to the step's
//     day: the periods of a claim tile without overlap, so repeated and caught-up
//     runs never charge an interest day twice, and the charges add up to the one
//     rounded calculation (a rapid property);
//   - across cases too: a re-opened invoice's charges run from the day the
//     cases before it stopped charging (ClaimHistory.InterestThrough), not from
//     its due date again; the accrual still starts at the due date, less what
//     those cases charged (ClaimHistory.InterestCharged), so the charges of
//     all of them add up to the one rounded calculation. What the case it is
//     re-opened from charged of interest and was not paid goes with it as a
//     charge of the new case (Reopen, P6; Charge.Period zero): the debtor pays
//     each day's interest once, and the creditor loses none
//     (TestLawful_S7_P6_ReopenedInvoiceChargesNoInterestDayTwice, and
//     invariants 8 and 9 of the lawful end-to-end property);
//   - the letter shows the calculation (letters.Data.Interest.Segments: from,
//     to, days, rate, balance, amount) and the interest still outstanding;
//   - a period that needs a rate the table does not have (the statutory tables
//     end on 2026-06-30, NL consumer on 2025-06-30) charges no new interest: the
//     step goes out, and an "interest.no-rate" event names the day and the table's
//     end. Nothing is guessed.
//
// The charge has the step's Action, so DeleteLastAction removes it with the
// step. An interest invoice (S8) does not charge again the days the run charged:
// its lines start at the end of the claim's last period. Where the law needs
// default (a reminder) before interest runs (DE § 286 BGB for a consumer without
// a calendar due date, NL consumers) the run still counts from the due date; a
// creditor for whom that is wrong chooses InterestNone. Pauses (L1) do not stop
// interest: the case does not record whether a pause waives it.
//
// # Input limits
//
// Every command on a case, Open and Reopen included, checks its input against
// these limits before it reads the store (validate.go), so the same bad input
// gives the same *dunning.FieldError (naming the field and the value, cut to 64
// bytes and "…" when longer, and unwrapping to dunning.ErrInvalid) whatever the
// Store, and saves nothing. The rules that need the case (a claim of it, its
// currency, the debtor's address, its state), and those reported together with
// them so that every problem is named at once (a payment's, credit note's or
// write-off's required fields, an override's deadline, a note's text), are
// checked on the loaded case, before any change.
//
//	text                 valid UTF-8, no NUL byte; one-line fields (ids, names,
//	                     address lines, e-mail addresses, phone numbers, subjects,
//	                     references, statuses, flow names) hold no control
//	                     character, so no CR or LF reaches a mail header
//	ids                  MaxIDBytes, 128 (case, invoice, payment, credit note,
//	                     write-off, party, agency message; invoice numbers);
//	                     message ids MaxMessageIDBytes, 256
//	one-line text        MaxLineBytes, 200 (names, address lines, postal code,
//	                     city, subject, phone, reference, status, partner, flow)
//	e-mail address       MaxEmailBytes, 254
//	short text           MaxShortTextBytes, 1000 (reasons, receipt detail, a
//	                     court claim's basis, a postal recipient)
//	long text            MaxTextBytes, 64 KiB (a letter's text, a note);
//	                     Letter.HTML MaxHTMLBytes, 512 KiB
//	address              at most MaxAddressLines, 8 lines
//	invoices             at most MaxInvoices, 1000, per Open or Reopen
//	amounts              at most MaxAmount, 10^12 in major units, either sign;
//	                     positive where an amount must be
//	rates                a contract rate or a plan's rate 0 to MaxPercent, 100 %
//	                     a year; a discount above 0 and below 100 %
//	postal days          0 to MaxPostalDays, 60
//	grace days           0 to MaxGraceDays, 366 (plan breach rule, interest invoice)
//	dates                MinYear-01-01 to MaxYear-12-31, 1970-01-01 to 2199-12-31;
//	                     a plan starts at most MaxPlanStartDaysPast, 31 days,
//	                     before today and MaxPlanStartDaysAhead, 366, after
//	recipients           per channel: a bare e-mail address (dunning.Party's
//	                     rule for Email); for SMS a phone number in E.164 form,
//	                     + and 8 to 15 digits (dunning.Party's rule for Phone);
//	                     for post and print a non-empty address, lines split by LF
//
// A receipt for a message its case never queued is a *dunning.FieldError
// wrapping ErrUnknownMessage (with a Store that is an EventReader). A command
// that would change nothing saves nothing: the same Pause (until and reason) as
// the active one, SwitchFlow to where the case already is, an Override already
// set, like the setters and the idempotent bookings.
//
// # Requirements
//
// L1, L2, L3, P1–P6, E1, E2, E3, E4, E5, E6, E8–E13, E15–E22, S5, S7, S8, S9, S11,
// S12, S13, N1–N9.
package collection
