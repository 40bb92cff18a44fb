// Command quickstart runs the dunning SDK the way an ERP would, for four months of a
// Danish creditor's invoices, in a few seconds.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -invoices 5000 -days 180 -out /tmp/quickstart -quiet
//	go run ./examples/quickstart -db /tmp/quickstart.db    # keep the SQLite file
//	go run ./examples/quickstart -memstore                 # the in-memory store instead
//
// The cases live where a real host starts: SQLite (collection/sqlstore over
// database/sql, the pure-Go modernc.org/sqlite driver) in a temporary file that is
// removed at the end, or the file -db names; -memstore keeps them in memory
// (collection/memstore), which is faster and forgets them on exit.
//
// Nordhavn VVS ApS, a plumbing firm in Hellerup, has 1,000 invoices (generated from a
// fixed seed: realistic amounts, due dates, about 10 % business debtors and a few who
// read English, Swedish or German). Its debtors behave as debtors do: most pay on
// time, some a day or two late, some after the first or second reminder, some pay
// part, some only after the collection warning (inkassovarsel), a few agree a payment
// plan (and some of those break it), accept a settlement offer, or dispute the
// invoice; a few never pay.
//
// Every morning the program does what the host's daily job does:
//
//  1. opens a case (Service.Open, the Standard flow of E1) for every invoice that is
//     overdue and unpaid;
//  2. records the day's bank payments (RecordPayment) and what the creditor's staff
//     did: payment plans (StartPlan, CheckPlan, TerminatePlan), settlement offers
//     (MakeOffer), disputes (SetDisputed, Pause, Credit, AddNote), and on the first
//     of the month interest invoices for invoices paid late (InterestInvoice, S8);
//  3. runs the batch (Service.Commit): reminders, the warning, the demand letter and
//     the flow's settlement offer, with the fees Danish law allows (renteloven § 9 b)
//     and the compensation fee of business debtors (E6); court claims are held for a
//     person and listed in the Digest (E22);
//  4. runs the relay (Relay.RunOnce), which hands the letters to the host's
//     Dispatcher.
//
// It prints one line per day and a report at the end, and writes every letter as
// HTML under -out with an index.html to browse them. The clock is the program's own
// (the SDK never calls time.Now), so the same seed gives the same run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Copenhagen on machines without a zone database

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// start is the first day of the run, a Monday.
var start = date.MustParse("2025-03-03")

// run parses args, runs the simulation and writes the letters.
func run(args []string, stdout io.Writer) error {
	began := time.Now() // only to report the wall time; the SDK gets the simulated clock
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(stdout)
	n := fs.Int("invoices", 1000, "number of invoices to generate")
	days := fs.Int("days", 120, "number of days to run the daily batch")
	out := fs.String("out", filepath.Join(".", "out", "quickstart"), "folder to write the letters and index.html to")
	dbPath := fs.String("db", "", "SQLite database file for the cases (collection/sqlstore); empty: a temporary file, removed at the end")
	inMemory := fs.Bool("memstore", false, "keep the cases in memory (collection/memstore) instead of SQLite")
	seed := fs.Uint64("seed", 1, "seed of the invoice generator")
	quiet := fs.Bool("quiet", false, "print only the report, not the line per day")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 {
		return fmt.Errorf("-invoices %d: want at least 1", *n)
	}
	if *days < 1 {
		return fmt.Errorf("-days %d: want at least 1", *days)
	}
	ctx := context.Background()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return err
	}

	store, storeName, closeStore, err := openStore(ctx, *dbPath, *inMemory)
	if err != nil {
		return err
	}
	defer closeStore()

	clk := &clock{}
	clk.set(at(start, 7, loc))
	svc, err := collection.New(store, collection.Options{Clock: clk, Location: loc, Creditors: creditors{}})
	if err != nil {
		return err
	}
	ob := newOutbox(clk, loc)
	relay, err := svc.NewRelay(ob, collection.RelayOptions{})
	if err != nil {
		return err
	}
	rates, conv, err := interest.Statutory(dunning.DK, dunning.Consumer)
	if err != nil {
		return err
	}
	s := &sim{ctx: ctx, svc: svc, relay: relay, clock: clk, loc: loc, rates: rates, conv: conv,
		invs: generate(*n, *seed, start), byCase: map[collection.CaseID]*invoice{}}

	fmt.Fprintf(stdout, "%s: %d invoices, the Standard flow, a daily batch for %d days from %s (store: %s, seed %d)\n",
		nordhavn.Name, len(s.invs), *days, start, storeName, *seed)
	if !*quiet {
		fmt.Fprintln(stdout, "  day  date        opened  steps  letters  payments  open")
	}
	last := start
	for i := range *days {
		day := start.AddDays(i)
		st, err := s.runDay(day)
		if err != nil {
			return fmt.Errorf("%s: %w", day, err)
		}
		last = day
		if !*quiet {
			fmt.Fprintf(stdout, "  %3d  %s  %6d  %5d  %7d  %8d  %4d\n", i+1, day, st.opened, st.steps, st.letters, st.payments, st.open)
		}
	}
	if err := s.report(stdout, last, ob); err != nil {
		return err
	}
	written, err := ob.write(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nWrote %d letters to %s and the index %s\n", written,
		filepath.Join(*out, "letters"), filepath.Join(*out, "index.html"))
	fmt.Fprintf(stdout, "Wall time: %.1fs\n", time.Since(began).Seconds())
	return nil
}

// openStore returns the Store: memstore when inMemory, else collection/sqlstore
// over the SQLite file path, or over a temporary file removed by the returned
// close function when path is empty (see store_sqlite.go).
func openStore(ctx context.Context, path string, inMemory bool) (collection.Store, string, func(), error) {
	if inMemory {
		if path != "" {
			return nil, "", nil, errors.New("-memstore and -db: choose one store")
		}
		return memstore.New(), "memstore", func() {}, nil
	}
	if openSQL == nil {
		return nil, "", nil, errors.New("this build has no SQLite store: run with -memstore")
	}
	if path != "" {
		return openSQL(ctx, path)
	}
	dir, err := os.MkdirTemp("", "dunning-quickstart-*")
	if err != nil {
		return nil, "", nil, err
	}
	s, _, closeDB, err := openSQL(ctx, filepath.Join(dir, "cases.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", nil, err
	}
	return s, "SQLite (temporary file)", func() { closeDB(); os.RemoveAll(dir) }, nil
}

// openSQL opens the SQLite store; nil when it is not built in.
var openSQL func(ctx context.Context, path string) (collection.Store, string, func(), error)

// at is hour o'clock on day in loc.
func at(day date.Date, hour int, loc *time.Location) time.Time {
	y, m, d := day.YMD()
	return time.Date(y, m, d, hour, 0, 0, 0, loc)
}

// sim is the simulated host: its invoices and what it did with them.
type sim struct {
	ctx   context.Context
	svc   *collection.Service
	relay *collection.Relay
	clock *clock
	loc   *time.Location
	rates interest.RateSource
	conv  interest.Convention

	invs   []*invoice
	byCase map[collection.CaseID]*invoice

	opened, onTime     int
	payments, credits  int
	plans, terminated  int
	offers             int
	interestInvoices   int
	disputes, warnings int
}

// dayStats is one line of progress.
type dayStats struct {
	opened, steps, letters, payments, open int
}

// runDay is one morning of the host's daily job.
func (s *sim) runDay(day date.Date) (dayStats, error) {
	ctx := s.ctx
	s.clock.set(at(day, 7, s.loc))
	var st dayStats
	payments := s.payments

	// 1. Open a case for every invoice that fell due before today and is unpaid.
	for _, inv := range s.invs {
		if inv.opened || !inv.Due.Before(day) {
			continue
		}
		inv.opened = true
		if inv.Behaviour == onTime {
			s.onTime++
			inv.done = true
			continue
		}
		_, err := s.svc.Open(ctx, collection.OpenRequest{
			ID: inv.caseID(), Creditor: nordhavn, Debtor: inv.Debtor, Flow: "Standard",
			Invoices: []collection.Invoice{{ID: inv.ID, Number: inv.Number, Issued: inv.Issued, Due: inv.Due, Amount: inv.Amount}},
		})
		if err != nil {
			return st, fmt.Errorf("open %s: %w", inv.ID, err)
		}
		s.byCase[inv.caseID()] = inv
		s.opened++
		st.opened++
	}

	// 2. The debtors and the creditor's staff act.
	for _, inv := range s.invs {
		if inv.opened && !inv.done {
			if err := s.act(inv, day); err != nil {
				return st, fmt.Errorf("case %s (%s): %w", inv.caseID(), inv.Behaviour, err)
			}
		}
	}
	if day.Day() == 1 {
		if err := s.sendInterestInvoices(day); err != nil {
			return st, err
		}
	}

	// 3. The batch run: every due step, its fee and its letter, sent at 10:00.
	sendAt := at(day, 10, s.loc)
	res, err := s.svc.Commit(ctx, collection.BatchRequest{Date: day, Workers: 4}, sendAt)
	if err != nil {
		return st, fmt.Errorf("batch: %w", err)
	}
	for _, step := range res.Steps {
		if inv := s.byCase[step.CaseID]; inv != nil {
			inv.steps = append(inv.steps, takenStep{day, step.Kind})
		}
	}
	st.steps = len(res.Steps)

	// 4. The relay delivers what is due at 10:00 through the Dispatcher.
	s.clock.set(sendAt)
	rr, err := s.relay.RunOnce(ctx, sendAt)
	if err != nil {
		return st, fmt.Errorf("relay: %w", err)
	}
	st.letters = len(rr.Delivered)
	st.payments = s.payments - payments
	for _, err := range s.svc.List(ctx, collection.Filter{Statuses: []collection.Status{collection.StatusActive, collection.StatusPaused}}) {
		if err != nil {
			return st, err
		}
		st.open++
	}
	return st, nil
}

// takenStep is a step the batch took on a case.
type takenStep struct {
	On   date.Date
	Kind flow.Kind
}

// stepOn returns the day the n-th step of kind was taken on the invoice's case, or the
// zero Date.
func (inv *invoice) stepOn(kind flow.Kind, n int) date.Date {
	for _, t := range inv.steps {
		if t.Kind == kind {
			if n--; n == 0 {
				return t.On
			}
		}
	}
	return date.Date{}
}

// reached reports whether day is at least days after d (a non-zero date).
func reached(d date.Date, days int, day date.Date) bool {
	return !d.IsZero() && !day.Before(d.AddDays(days))
}

// act plays the invoice's behaviour on day.
func (s *sim) act(inv *invoice, day date.Date) error {
	switch inv.Behaviour {
	case graceLate:
		if reached(inv.Due, inv.Delay, day) {
			return s.payAll(inv, day)
		}
	case afterR1:
		if reached(inv.stepOn(flow.Reminder, 1), inv.Delay, day) {
			return s.payAll(inv, day)
		}
	case afterR2:
		if reached(inv.stepOn(flow.Reminder, 2), inv.Delay, day) {
			return s.payAll(inv, day)
		}
	case afterWarning:
		if reached(inv.stepOn(flow.CollectionWarning, 1), inv.Delay, day) {
			return s.payAll(inv, day)
		}
	case partial:
		if !inv.paidPart && reached(inv.stepOn(flow.Reminder, 1), inv.Delay, day) {
			inv.paidPart = true
			part := inv.Amount.Percent(decimal.NewFromInt(int64(30+5*inv.Delay)), money.PolicyFor(money.DKK, money.HalfEven))
			if err := s.pay(inv, day, part); err != nil {
				return err
			}
			inv.done = !inv.Finish // the rest is never paid: the flow goes on to the court claim
		}
		if inv.paidPart && reached(inv.stepOn(flow.CollectionWarning, 1), inv.Delay2, day) {
			return s.payAll(inv, day)
		}
	case plan:
		return s.actPlan(inv, day)
	case offer:
		return s.actOffer(inv, day)
	case dispute:
		return s.actDispute(inv, day)
	case never:
		inv.done = true // the flow does the rest
	}
	return nil
}

// actPlan: after the second reminder the debtor calls and agrees a plan of three to
// six monthly instalments at the statutory rate; a debtor who does not keep it pays
// the first instalment only. The plan is checked on its follow-up day; a breached
// plan gets its warning (E13), and two weeks later it is terminated and the case goes
// back into the Standard flow.
func (s *sim) actPlan(inv *invoice, day date.Date) error {
	ctx := s.ctx
	id := inv.caseID()
	switch {
	case inv.planDue == nil && inv.planPaid == 0:
		if !reached(inv.stepOn(flow.Reminder, 2), inv.Delay, day) {
			return nil
		}
		r, err := s.rates.RateAt(day)
		if err != nil {
			return err
		}
		c, err := s.svc.StartPlan(ctx, id, collection.PlanRequest{
			Terms:  agreement.Terms{Count: 3 + inv.Delay%4, Rate: r.Percent, DayCount: s.conv.DayCount, First: day.AddDays(14)},
			Breach: agreement.BreachRule{GraceDays: 5},
		})
		if err != nil {
			return err
		}
		p, err := c.Plan.Plan()
		if err != nil {
			return err
		}
		for in := range p.All() {
			inv.planDue = append(inv.planDue, instalment{Due: in.Due, Amount: in.Amount})
		}
		s.plans++
		return nil
	case !inv.planWarned.IsZero():
		if reached(inv.planWarned, 14, day) {
			if _, err := s.svc.TerminatePlan(ctx, id, "Standard", collection.Delivery{}); err != nil {
				return err
			}
			s.terminated++
			inv.done = true
		}
		return nil
	}
	// Pay the instalment that falls due today, if the debtor keeps the plan.
	if len(inv.planDue) > 0 && inv.planDue[0].Due == day && (inv.Finish || inv.planPaid == 0) {
		in := inv.planDue[0]
		inv.planDue = inv.planDue[1:]
		inv.planPaid++
		if err := s.pay(inv, day, in.Amount); err != nil {
			return err
		}
		if inv.done { // the last instalment closed the case
			return nil
		}
	} else if len(inv.planDue) > 0 && inv.planDue[0].Due.Before(day) {
		inv.planDue = inv.planDue[1:] // missed
	}
	c, err := s.svc.Get(ctx, id)
	if err != nil {
		return err
	}
	if c.Progress.Track != flow.TrackPlan || c.NextDue.IsZero() || c.NextDue.After(day) {
		return nil
	}
	ps, err := s.svc.CheckPlan(ctx, id, collection.Delivery{})
	if err != nil {
		return err
	}
	if ps.Warned || (ps.Status.Breached() && !ps.Case.Plan.Warned.IsZero()) {
		inv.planWarned = ps.Case.Plan.Warned
		if ps.Warned {
			s.warnings++
		}
	}
	return nil
}

// actOffer: after the demand letter a person offers 15 % off if the debtor pays within
// 14 days (E11); the debtor pays the offer's amount a few days later, which settles
// the case.
func (s *sim) actOffer(inv *invoice, day date.Date) error {
	ctx := s.ctx
	if inv.offerDay.IsZero() {
		if !reached(inv.stepOn(flow.DemandLetter, 1), inv.Delay, day) {
			return nil
		}
		c, err := s.svc.MakeOffer(ctx, inv.caseID(), collection.OfferRequest{
			Discount: agreement.Discount{Percent: decimal.NewFromInt(15)}, Expires: day.AddDays(14),
		})
		if err != nil {
			return err
		}
		inv.offerDay, inv.offerPay = day, c.Offer.Pay
		s.offers++
		return nil
	}
	if reached(inv.offerDay, 1+inv.Delay2%10, day) {
		return s.pay(inv, day, inv.offerPay)
	}
	return nil
}

// actDispute: two days after the first reminder the debtor disputes the invoice; the
// case is paused for two weeks while the creditor looks into it (L1), then the
// creditor credits a quarter of the invoice (N8), lifts the dispute, and the debtor
// pays the rest three days later.
func (s *sim) actDispute(inv *invoice, day date.Date) error {
	ctx := s.ctx
	id := inv.caseID()
	switch {
	case inv.disputedOn.IsZero():
		if !reached(inv.stepOn(flow.Reminder, 1), 2, day) {
			return nil
		}
		if _, err := s.svc.SetDisputed(ctx, id, inv.ID, true); err != nil {
			return err
		}
		if _, err := s.svc.AddNote(ctx, id, inv.ID, "The debtor says the boiler was not repaired; the fitter will call."); err != nil {
			return err
		}
		if _, err := s.svc.Pause(ctx, id, day.AddDays(14), "invoice disputed"); err != nil {
			return err
		}
		inv.disputedOn = day
		s.disputes++
	case !inv.credited && reached(inv.disputedOn, 14, day):
		inv.credited = true
		credit := inv.Amount.Percent(decimal.NewFromInt(25), money.PolicyFor(money.DKK, money.HalfEven))
		if _, err := s.svc.Credit(ctx, id, inv.ID, collection.CreditNote{ID: "CN-" + inv.Number, On: day, Amount: credit}); err != nil {
			return err
		}
		if _, err := s.svc.SetDisputed(ctx, id, inv.ID, false); err != nil {
			return err
		}
		s.credits++
	case inv.credited && reached(inv.disputedOn, 17, day):
		return s.payAll(inv, day)
	}
	return nil
}

// payAll pays everything the case's ledger says is outstanding.
func (s *sim) payAll(inv *invoice, day date.Date) error {
	c, err := s.svc.Get(s.ctx, inv.caseID())
	if err != nil {
		return err
	}
	l, err := c.Ledger()
	if err != nil {
		return err
	}
	inv.done = true
	if !l.Outstanding.IsPositive() {
		return nil
	}
	return s.pay(inv, day, l.Outstanding)
}

// pay records a bank payment with the case's payment reference; a payment that
// closes the case ends the invoice's story.
func (s *sim) pay(inv *invoice, day date.Date, amount money.Money) error {
	res, err := s.svc.RecordPayment(s.ctx, inv.caseID(), collection.Payment{
		ID: fmt.Sprintf("BANK-%s-%s", day, inv.Number), On: day, Amount: amount, To: collection.PaidToCreditor,
	})
	if err != nil {
		return err
	}
	s.payments++
	if !res.Case.Status.Running() {
		inv.done = true
	}
	return nil
}

// sendInterestInvoices sends, on the first of the month, an interest invoice (S8) for
// every case closed as paid whose invoice was paid late: the statutory rate from the
// due date to the day it was paid, less the interest the batch already charged on
// the reminders, lines under 20 kr. not charged.
func (s *sim) sendInterestInvoices(day date.Date) error {
	for _, inv := range s.invs {
		if !inv.done || inv.Behaviour == onTime || !s.late(inv, day) {
			continue
		}
		res, err := s.svc.InterestInvoice(s.ctx, inv.caseID(), collection.InterestRequest{
			Invoice: interest.InvoiceOptions{Minimum: money.MustNew("20.00", money.DKK)},
		})
		if err != nil {
			if errors.Is(err, collection.ErrInvalidTransition) || errors.Is(err, dunning.ErrInvalid) {
				continue // nothing to invoice
			}
			return fmt.Errorf("interest invoice %s: %w", inv.caseID(), err)
		}
		if !res.Invoice.Total.IsZero() {
			s.interestInvoices++
		}
	}
	return nil
}

// late reports whether the invoice's case was closed as paid and its claim was paid
// after the due date, without an interest invoice so far.
func (s *sim) late(inv *invoice, day date.Date) bool {
	c, err := s.svc.Get(s.ctx, inv.caseID())
	if err != nil || c.Status != collection.StatusClosed || c.CloseReason != collection.ReasonPaid {
		return false
	}
	cl, ok := c.Claim(inv.ID)
	if !ok || !cl.InterestInvoiced.IsZero() {
		return false
	}
	l, err := c.Ledger()
	if err != nil || len(l.Claims) == 0 {
		return false
	}
	paid := l.Claims[0].PaidOn
	return !paid.IsZero() && paid.Before(day) && inv.Due.Before(paid)
}

// report prints what the run did: cases by status and stage, letters by kind and
// language, what was charged and recovered, plans and offers, and what is left for a
// person.
func (s *sim) report(w io.Writer, last date.Date, ob *outbox) error {
	ctx := s.ctx
	all, err := collection.Collect(s.svc.List(ctx, collection.Filter{Statuses: []collection.Status{
		collection.StatusActive, collection.StatusPaused, collection.StatusClosed, collection.StatusDeactivated}}))
	if err != nil {
		return err
	}
	en := language.English
	var total money.Money = money.Zero(money.DKK)
	for _, inv := range s.invs {
		total, _ = total.Add(inv.Amount)
	}
	fmt.Fprintf(w, "\nReport on %s, after %d days\n", last, start.DaysUntil(last)+1)
	fmt.Fprintf(w, "Invoices: %d, %s; paid on time without a case: %d; not overdue yet: %d\n",
		len(s.invs), total.Format(en), s.onTime, len(s.invs)-s.onTime-len(all))

	byStatus := map[collection.Status]int{}
	byStage := map[collection.Stage]int{}
	charged := map[collection.ChargeKind]money.Money{}
	waived := map[collection.ChargeKind]money.Money{}
	counts := map[collection.ChargeKind]int{}
	var paidCreditor, paidAgency, credited, settled, owed money.Money = money.Zero(money.DKK), money.Zero(money.DKK),
		money.Zero(money.DKK), money.Zero(money.DKK), money.Zero(money.DKK)
	var nPay, plansPaidOff, plansRunning, offersAccepted, offersLapsed, archived int
	for _, c := range all {
		byStatus[c.Status]++
		byStage[c.Stage]++
		if c.Archived {
			archived++
		}
		for _, ch := range c.Charges {
			m := charged
			if ch.Waived {
				m = waived
			} else {
				counts[ch.Kind]++
			}
			if m[ch.Kind], err = add(m[ch.Kind], ch.Amount); err != nil {
				return err
			}
		}
		for _, p := range c.Payments {
			nPay++
			if p.To == collection.PaidToAgency {
				paidAgency, _ = paidAgency.Add(p.Amount)
			} else {
				paidCreditor, _ = paidCreditor.Add(p.Amount)
			}
		}
		for _, cn := range c.Credits {
			credited, _ = credited.Add(cn.Amount)
		}
		l, err := c.Ledger()
		if err != nil {
			return err
		}
		settled, _ = settled.Add(l.Settled)
		if c.Status.Running() {
			owed, _ = owed.Add(l.Outstanding)
		}
		if !c.Plan.IsZero() {
			switch {
			case c.Status == collection.StatusClosed && c.Plan.Terminated.IsZero():
				plansPaidOff++
			case c.Progress.Track == flow.TrackPlan:
				plansRunning++
			}
		}
		if !c.Offer.IsZero() {
			switch {
			case !c.Offer.Accepted.IsZero():
				offersAccepted++
			case !c.Offer.Lapsed.IsZero():
				offersLapsed++
			}
		}
	}
	fmt.Fprintf(w, "Cases opened: %d\n", len(all))
	fmt.Fprintf(w, "  by status: %s\n", joinCounts(byStatus, []collection.Status{collection.StatusActive,
		collection.StatusPaused, collection.StatusClosed, collection.StatusDeactivated}))
	fmt.Fprintf(w, "  by stage:  %s\n", joinCounts(byStage, []collection.Stage{collection.StageReminders,
		collection.StageCollection, collection.StageAgreement, collection.StageSettlement, collection.StageCourt, collection.StageAgency}))
	fmt.Fprintf(w, "  archived (paid or settled): %d\n", archived)

	sent := ob.letters()
	fmt.Fprintf(w, "Letters sent: %d (repeated deliveries recognised by id: %d)\n", len(sent), ob.repeats)
	printLetterTable(w, sent)

	fmt.Fprintln(w, "Charged (not waived):")
	for _, k := range []collection.ChargeKind{collection.ChargeReminderFee, collection.ChargeCompensation,
		collection.ChargeInterest, collection.ChargeCollectionCost, collection.ChargeCourtFee} {
		line := fmt.Sprintf("  %-16s %4d  %16s", k, counts[k], format(charged[k], en))
		if m := waived[k]; m.IsValid() && !m.IsZero() {
			line += "  (waived " + format(m, en) + ")"
		}
		fmt.Fprintln(w, line)
	}
	recovered, _ := paidCreditor.Add(paidAgency)
	fmt.Fprintf(w, "Recovered: %s in %d payments (to the creditor %s, to an agency %s)\n",
		recovered.Format(en), nPay, paidCreditor.Format(en), paidAgency.Format(en))
	fmt.Fprintf(w, "  credit notes %s (%d); settled by offers %s; still owed on running cases %s\n",
		credited.Format(en), s.credits, settled.Format(en), owed.Format(en))
	fmt.Fprintf(w, "Plans: %d made, %d paid off, %d running, %d breach warnings, %d terminated\n",
		s.plans, plansPaidOff, plansRunning, s.warnings, s.terminated)
	fmt.Fprintf(w, "Offers: %d made by a person, %d accepted, %d lapsed; disputes %d; interest invoices %d\n",
		s.offers, offersAccepted, offersLapsed, s.disputes, s.interestInvoices)

	dg, err := s.svc.Digest(ctx, nordhavn.ID, last)
	if err != nil {
		return err
	}
	reasons := map[collection.Attention]int{}
	for _, it := range dg.Items {
		reasons[it.Reason]++
	}
	var parts []string
	for _, a := range []collection.Attention{collection.AttentionCourt, collection.AttentionHandover, collection.AttentionDecision,
		collection.AttentionPlan, collection.AttentionBounced, collection.AttentionUndelivered} {
		if reasons[a] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", a, reasons[a]))
		}
	}
	if len(parts) == 0 {
		parts = []string{"nothing"}
	}
	fmt.Fprintf(w, "For a person (Digest, E22): %d cases: %s\n", len(dg.Items), strings.Join(parts, ", "))
	return nil
}

func add(sum, m money.Money) (money.Money, error) {
	if !sum.IsValid() {
		return m, nil
	}
	return sum.Add(m)
}

func format(m money.Money, tag language.Tag) string {
	if !m.IsValid() {
		m = money.Zero(money.DKK)
	}
	return m.Format(tag)
}

// joinCounts prints "active 12, closed 30" in the order given, leaving out zeros
// except the first, and returns the sum as the check " (= n)".
func joinCounts[K comparable](m map[K]int, order []K) string {
	var parts []string
	sum := 0
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%v %d", k, m[k]))
		sum += m[k]
	}
	return strings.Join(parts, ", ") + fmt.Sprintf("  (= %d)", sum)
}

// printLetterTable prints the letters as a table of kind by language.
func printLetterTable(w io.Writer, sent []sentLetter) {
	byKind := map[letters.Kind]map[string]int{}
	langSet := map[string]bool{}
	for _, s := range sent {
		if byKind[s.Msg.Kind] == nil {
			byKind[s.Msg.Kind] = map[string]int{}
		}
		l := s.Msg.Lang.String()
		byKind[s.Msg.Kind][l]++
		langSet[l] = true
	}
	langs := make([]string, 0, len(langSet))
	for l := range langSet {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	head := fmt.Sprintf("  %-22s", "kind \\ language")
	for _, l := range langs {
		head += fmt.Sprintf(" %5s", l)
	}
	fmt.Fprintln(w, head+"  total")
	for _, k := range letters.Kinds() {
		if byKind[k] == nil {
			continue
		}
		line := fmt.Sprintf("  %-22s", k)
		n := 0
		for _, l := range langs {
			line += fmt.Sprintf(" %5d", byKind[k][l])
			n += byKind[k][l]
		}
		fmt.Fprintf(w, "%s  %5d\n", line, n)
	}
}
