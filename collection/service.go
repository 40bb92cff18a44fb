package collection

import (
	"context"
	"errors"
	"fmt"
	"golang.org/x/text/language"
	"iter"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
)

// Options configure a Service. The zero Options are usable: the system clock,
// UTC, no logging, 3 retries on conflict and the three preset flows.
type Options struct {
	// Clock is the only source of "now": event times and "today". Nil means
	// date.SystemClock{}; tests pass a date.FixedClock.
	Clock date.Clock
	// Location is where "today" is read off the calendar: the creditor's location.
	// Nil means UTC.
	Location *time.Location
	// Logger receives debug records of retries and info records of commands, with
	// case ids only (no names or amounts). Nil discards them.
	Logger *slog.Logger
	// MaxConflictRetries is how many times a command reloads and decides again
	// after a version conflict before it returns the *ConflictError. 0 means 3;
	// a negative value means no retry.
	MaxConflictRetries int
	// Flows are the flows cases may use, found by their names. Nil means the
	// presets flow.Lenient, flow.Standard and flow.FastToCourt (E1).
	Flows []flow.Flow
	// Letters renders the letters the Service queues. Nil means a Renderer with
	// the default templates, built on first use (letters.New takes a while, so
	// hosts and tests that make many Services should share one).
	Letters *letters.Renderer
	// QRCode draws a payment QR code for an EPC payload (the SEPA credit transfer
	// QR, EPC069-12) as PNG: letters/payslip/qrcode.PNG, say. With it every EUR
	// letter that asks for payment to an IBAN carries the code in its HTML payment
	// box (letters.Data.PaymentQR). Nil means no QR code; the payment line (DK FIK,
	// FI virtual bar code) is printed either way.
	QRCode func(payload string) ([]byte, error)
	// PDF renders a letter to PDF (letters/pdf.Render, say): with it every message
	// for the post or print channel carries the PDF as an attachment, ready for a
	// printing house. Nil means none.
	PDF func(l letters.Letter, d letters.Data) ([]byte, error)
	// Laws are the host's law packs (law.New): for jurisdictions the SDK ships no
	// pack for, or a creditor-specific variant of one it does, which then takes
	// the shipped pack's place. Nil means the shipped packs only (law.Builtins).
	// Every rule a case's steps, fees, interest, costs and letters follow comes
	// from its jurisdiction's pack.
	Laws []*law.Pack
	// Creditors looks up creditor profiles (letterhead, default channel) and
	// holiday windows (L3) for the batch run, the relay and the digest. Nil means
	// the letterhead comes from Case.Creditor and no creditor has holidays.
	Creditors Creditors
}

// Service is the host-facing API: every command on a case is a method. Each one
// loads the case, decides with the pure packages, and saves it with the version
// it was loaded at, together with its events and outbox messages; on a version
// conflict it reloads and decides again (Options.MaxConflictRetries). A command
// that would break a rule fails with an error a caller can branch on (errors.Is,
// errors.As) and saves nothing. A command that would change nothing (setting
// what is already set) saves nothing and returns the case.
//
// A Service is safe for concurrent use. WithActor returns a Service that signs
// the events it writes.
type Service struct {
	store   Store
	clock   date.Clock
	loc     *time.Location
	log     *slog.Logger
	retries int
	flows   map[string]flow.Flow
	// flowNames are the flows' names in the order configured, for errors.
	flowNames []string
	actor     string
	letters   *renderer
	// creditors serves the batch run, the relay and the digest (creditors.go).
	creditors Creditors
	// rates caches the Source texts of charges (interest.go).
	rates *rateCache
	// laws are the law packs cases run under (Options.Laws over the shipped ones).
	laws *law.Set
	// qr and pdf are Options.QRCode and Options.PDF.
	qr  func(string) ([]byte, error)
	pdf func(letters.Letter, letters.Data) ([]byte, error)
}

// renderer holds the Service's letters.Renderer, built on first use when
// Options.Letters is nil. It is shared by the copies WithActor makes.
type renderer struct {
	once sync.Once
	r    *letters.Renderer
	err  error
}

// renderer returns the Service's letters.Renderer.
func (s *Service) renderer() (*letters.Renderer, error) {
	s.letters.once.Do(func() {
		if s.letters.r == nil {
			s.letters.r, s.letters.err = letters.New(letters.Options{})
		}
	})
	return s.letters.r, s.letters.err
}

// New returns a Service over store. It fails on a nil store and on flows without
// a name or with the same name.
func New(store Store, opts Options) (*Service, error) {
	var errs []error
	if store == nil {
		errs = append(errs, &dunning.FieldError{Field: "store", Value: "<nil>", Reason: "is required"})
	}
	s := &Service{store: store, clock: opts.Clock, loc: opts.Location, log: opts.Logger, retries: opts.MaxConflictRetries, letters: &renderer{r: opts.Letters}, creditors: opts.Creditors, rates: &rateCache{}}
	if s.clock == nil {
		s.clock = date.SystemClock{}
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler) // no formatting of records nobody reads
	}
	switch {
	case s.retries == 0:
		s.retries = 3
	case s.retries < 0:
		s.retries = 0
	}
	flows := opts.Flows
	if flows == nil {
		flows = []flow.Flow{flow.Lenient(), flow.Standard(), flow.FastToCourt()}
	}
	s.flows = make(map[string]flow.Flow, len(flows))
	for i, f := range flows {
		_, dup := s.flowNamed(f.Name())
		switch {
		case f.Name() == "":
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("Options.Flows[%d]", i), Value: f.String(), Reason: "has no name"})
		case dup:
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("Options.Flows[%d]", i), Value: f.Name(), Reason: "has the name of an earlier flow (names match in any letter case)"})
		default:
			s.flows[f.Name()] = f
			s.flowNames = append(s.flowNames, f.Name())
		}
	}
	laws, err := law.NewSet(opts.Laws...)
	if err != nil {
		errs = append(errs, fmt.Errorf("Options: %w", err))
	}
	s.laws = laws
	s.qr, s.pdf = opts.QRCode, opts.PDF
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// lawOf returns the law pack of jurisdiction j: the host's (Options.Laws), else
// the shipped one, else nil (a nil pack has no rule for anything; Open refuses a
// case without a pack, so only a case stored by an older configuration meets it).
func (s *Service) lawOf(j dunning.Jurisdiction) *law.Pack {
	p, _ := s.laws.Pack(j)
	return p
}

// payment fills the ways to pay of a letter of kind k about case c that asks for
// payment (payslip.For decides them): the payment line — the Danish FIK +71 line where
// the creditor's bank has its FI creditor number (letters.Bank.FIKCreditor), the
// Finnish virtual bar code for a Finnish IBAN — and, with Options.QRCode, the EPC
// QR code of a EUR letter to an IBAN. Each is made from the figures the letter
// prints (its total, deadline and the case's payment reference); one the payslip
// package refuses (an IBAN that is not one, an amount out of range) is left out,
// and the letter still shows the account and reference.
func (s *Service) payment(d *letters.Data, c *Case, k letters.Kind) {
	if !k.AsksForPayment() {
		return
	}
	ref, err := caseReference(c.ID, c.Jurisdiction)
	if err != nil {
		return
	}
	f := payslip.For(*d, ref)
	d.PaymentLine = f.Line
	if s.qr == nil || f.EPC == "" {
		return
	}
	if png, err := s.qr(f.EPC); err == nil {
		d.PaymentQR = png
	}
}

// message makes the outbox message of letter l with data d, for channel ch to
// rcpt: with Options.PDF, a message for the post or print channel carries the
// letter as a PDF attachment (a failure to render it fails the message, so
// nothing is posted without it).
func (s *Service) message(l letters.Letter, d *letters.Data, id string, ch letters.Channel, rcpt string) (letters.Message, error) {
	m := l.Message(id, ch, rcpt)
	if s.pdf != nil && (ch == letters.Post || ch == letters.Print) {
		pdf, err := s.pdf(l, *d)
		if err != nil {
			return letters.Message{}, fmt.Errorf("collection: message %s: PDF: %w", id, err)
		}
		m.Attachments = append(m.Attachments, letters.Attachment{Name: pdfName(id), ContentType: "application/pdf", Data: pdf})
	}
	return m, nil
}

// pdfName is the file name of a message's PDF: its id with "/" as "-", ".pdf".
func pdfName(id string) string { return strings.ReplaceAll(id, "/", "-") + ".pdf" }

// letterLanguage is the language of a letter to debtor under law pack pk: the
// debtor's own, else that of the debtor's jurisdiction, else the pack's (a
// debtor in a host pack's jurisdiction); letters.Render falls back to English
// for a language it has no templates in.
func letterLanguage(debtor dunning.Party, pk *law.Pack) language.Tag {
	if t := debtor.LetterLanguage(); t != language.Und {
		return t
	}
	return pk.Language()
}

// WithActor returns a Service that records actor (a user or system name) on the
// events and notes it writes. It shares everything else with s.
func (s *Service) WithActor(actor string) *Service {
	c := *s
	c.actor = actor
	return &c
}

// Flow returns the configured flow called name, matched in any letter case
// ("standard" is Standard).
func (s *Service) Flow(name string) (flow.Flow, bool) { return s.flowNamed(name) }

// mustFlow is flowNamed for a name checkFlow accepted.
func (s *Service) mustFlow(name string) flow.Flow {
	f, _ := s.flowNamed(name)
	return f
}

// flowNamed is the one lookup of a flow by a name a caller gave: the exact name,
// else the configured name equal to it in any letter case (New refuses two
// names that differ only in case, so at most one matches).
func (s *Service) flowNamed(name string) (flow.Flow, bool) {
	if f, ok := s.flows[name]; ok {
		return f, true
	}
	for _, n := range s.flowNames {
		if strings.EqualFold(n, name) {
			return s.flows[n], true
		}
	}
	return flow.Flow{}, false
}

// Today returns the Service's "today": the Clock's date in Options.Location.
func (s *Service) Today() date.Date { return date.Today(s.clock, s.loc) }

// Get returns the case with id. A deleted case is not found (P5).
func (s *Service) Get(ctx context.Context, id CaseID) (Case, error) {
	return s.load(ctx, id)
}

// List yields the cases that match f, as Store.List does: deleted cases never
// (P5); the deactivated ones with Filter{Statuses: []Status{StatusDeactivated}}.
func (s *Service) List(ctx context.Context, f Filter) iter.Seq2[Case, error] {
	return s.store.List(ctx, f)
}

// Events yields the audit trail of case id (E16), if the Store implements
// EventReader; otherwise it yields one error wrapping ErrUnsupported.
func (s *Service) Events(ctx context.Context, id CaseID) iter.Seq2[Event, error] {
	r, ok := s.store.(EventReader)
	if !ok {
		return func(yield func(Event, error) bool) {
			yield(Event{}, fmt.Errorf("collection: events of case %q: %w", string(id), ErrUnsupported))
		}
	}
	return r.Events(ctx, id)
}

// Next returns what flow.Decide says comes next for the case today (from the
// Clock in Options.Location): the next step, the day it may be taken, its fee, and
// if it may not be taken today, why (S10). The creditor's holiday windows
// (Options.Creditors, L3) hold the step back as they do in the batch run. A case that is not run by its flow
// (closed, deactivated, handed to an agency) is a *TransitionError.
func (s *Service) Next(ctx context.Context, id CaseID) (flow.Decision, error) {
	c, err := s.load(ctx, id)
	if err != nil {
		return flow.Decision{}, err
	}
	today := s.Today()
	if err := s.allow(c, "next", today); err != nil {
		return flow.Decision{}, err
	}
	f, ok := s.flows[c.Progress.Flow]
	if !ok {
		return flow.Decision{}, &dunning.FieldError{Field: "Progress.Flow", Value: c.Progress.Flow, Reason: "is not a configured flow", Err: ErrUnknownFlow}
	}
	facts := s.facts(c, today)
	// L3: the creditor's holiday windows hold the step back here as in the batch
	// run, so Next and Preview agree.
	ci := s.creditor(ctx, c.Creditor.ID, nil)
	if ci.err != nil {
		return flow.Decision{}, fmt.Errorf("collection: creditor %q: %w", c.Creditor.ID, ci.err)
	}
	creditorFacts(&facts, &c, ci)
	return flow.Decide(f, c.Progress, facts, today), nil
}

// facts builds the flow.Facts of a case: the earliest open due date, the law and
// debtor kind, a dispute, postal days and the reminder-fee rule for a reminder sent
// today (no rule, as for EU, means no fee may be charged; Decide reports it).
func (s *Service) facts(c Case, today date.Date) flow.Facts {
	due := c.Earliest()
	f := flow.Facts{
		Due:          due,
		Jurisdiction: c.Jurisdiction,
		Law:          s.lawOf(c.Jurisdiction),
		Party:        c.Debtor.Kind,
		Disputed:     c.Disputed(),
		PostalDays:   c.PostalDays,
		FeeAgreed:    c.FeeAgreed,
		Earlier:      earlierSteps(&c), // E4: the fee law counts per claim, across cases
	}
	if r, err := f.Law.ReminderRule(c.Debtor.Kind, due, today); err == nil {
		f.Fees = r
	}
	return f
}

// load gets a case, hiding deleted ones.
func (s *Service) load(ctx context.Context, id CaseID) (Case, error) {
	c, err := s.store.Get(ctx, id)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Case{}, err
		}
		return Case{}, fmt.Errorf("collection: get case %q: %w", string(id), err)
	}
	if c.Status == StatusDeleted {
		return Case{}, &NotFoundError{CaseID: id}
	}
	return c, nil
}

// change collects what a command does besides changing the case: its events and
// outbox messages.
type change struct {
	events []Event
	outbox []letters.Message
}

// add appends an event of type t with the data given as key, value pairs.
func (ch *change) add(t EventType, kv ...string) {
	e := Event{Type: t}
	if len(kv) > 0 {
		e.Data = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			e.Data[kv[i]] = kv[i+1]
		}
	}
	ch.events = append(ch.events, e)
}

// command is the body of a command: it checks and changes c (a deep copy of the
// stored case) and records its events in ch. It returns an error to change nothing.
type command func(c *Case, now time.Time, today date.Date, ch *change) error

// update runs a command: load, decide, save with the version check, and on a
// conflict reload and decide again.
func (s *Service) update(ctx context.Context, id CaseID, op string, cmd command) (Case, error) {
	return s.updateFrom(ctx, id, nil, op, cmd)
}

// updateFrom is update starting from first, a case the caller has just read from
// the store (the batch run's Due), instead of loading it; nil loads it. The
// caller gives first up: the command works on it without a deep copy, so its
// slices may change, and the caller must not use it afterwards (nor the Case
// returned when nothing was to do). On a conflict it reloads like update.
func (s *Service) updateFrom(ctx context.Context, id CaseID, first *Case, op string, cmd command) (Case, error) {
	for attempt := 0; ; attempt++ {
		var stored Case
		var err error
		own := attempt == 0 && first != nil
		if own {
			stored = *first
		} else if stored, err = s.load(ctx, id); err != nil {
			return Case{}, err
		}
		c, ch, changed, err := s.apply(stored, own, cmd)
		if err != nil {
			return Case{}, err
		}
		if !changed {
			return stored, nil // nothing to do
		}
		v, err := s.store.Save(ctx, c, ch.events, ch.outbox)
		if errors.Is(err, ErrConflict) && attempt < s.retries {
			s.log.DebugContext(ctx, "collection: version conflict, retrying", "case", string(id), "op", op, "attempt", attempt+1)
			continue
		}
		if err != nil {
			if errors.Is(err, ErrConflict) {
				return Case{}, err
			}
			return Case{}, fmt.Errorf("collection: %s case %q: save: %w", op, string(id), err)
		}
		c.Version = v
		s.log.InfoContext(ctx, "collection: "+op, "case", string(id), "version", uint64(v))
		return c, nil
	}
}

// apply runs cmd on stored, the case as read from the store, and returns the
// case to save with its events and messages, each stamped (case, Seq, time,
// actor; the messages' case and creditor), and whether there is anything to
// save. Every command, saved alone (updateFrom) or in a batch (the daily run
// over a BatchSaver), is applied by it. own says the caller gives stored up:
// the command then works on it without a deep copy.
func (s *Service) apply(stored Case, own bool, cmd command) (Case, change, bool, error) {
	now := s.clock.Now()
	today := date.Today(s.clock, s.loc)
	c := stored
	if !own {
		c = stored.Clone()
	}
	var ch change
	if c.Status == StatusPaused && !c.Progress.Pause.Active(today) {
		// L2: the pause ended by itself on its resume date; saved with this change.
		ch.add(EventResumed, "auto", "true", "until", c.Progress.Pause.Until.String())
		c.Status = StatusActive
	}
	auto := len(ch.events)
	// E11: a settlement offer lapses by itself the day after it expires; the
	// lapse is saved with this command even if the command changes nothing else.
	lapseOffer(&c, today, &ch)
	if err := cmd(&c, now, today, &ch); err != nil {
		return Case{}, change{}, false, err
	}
	if len(ch.events) == auto {
		return Case{}, change{}, false, nil
	}
	s.refresh(&c, today)
	next := stored.Version + 1
	for i := range ch.events {
		ch.events[i].CaseID, ch.events[i].Seq, ch.events[i].At, ch.events[i].Actor = c.ID, next, now, s.actor
	}
	for i := range ch.outbox {
		// Every message names the case whose Save queues it, and its creditor,
		// for the Dispatcher (letters.Message.CaseID, CreditorID).
		ch.outbox[i].CaseID, ch.outbox[i].CreditorID = string(c.ID), c.Creditor.ID
	}
	return c, ch, true, nil
}

// refresh brings the derived fields up to date after a change: the paused status
// from the pause in the Progress, the Stage, and NextDue from flow.Decide.
func (s *Service) refresh(c *Case, today date.Date) {
	if c.Status.Running() {
		if c.Progress.Pause.Active(today) {
			c.Status = StatusPaused
		} else {
			c.Status = StatusActive
		}
	}
	c.Stage = stageOf(*c)
	c.NextDue = date.Date{}
	if !c.Status.Running() || !c.Agency.IsZero() {
		return
	}
	if due, ok := trackDue(*c); ok {
		c.NextDue = due // the plan's next check (E13) or the day the offer lapses (E11)
		return
	}
	f, ok := s.flows[c.Progress.Flow]
	if !ok {
		s.log.Warn("collection: case uses a flow that is not configured", "case", string(c.ID), "flow", c.Progress.Flow)
		return
	}
	d := flow.Decide(f, c.Progress, s.facts(*c, today), today)
	if d.Index >= 0 && d.Reason != flow.ReasonDecision && d.Reason != flow.ReasonNoDueDate {
		c.NextDue = d.On
	}
}

// stageOf derives the stage of a case: the agency once handed over, the plan or
// offer track, court once a claim was filed, collection once a demand letter or
// a later step was sent, else reminders.
func stageOf(c Case) Stage {
	if !c.Agency.IsZero() {
		return StageAgency
	}
	switch c.Progress.Track {
	case flow.TrackPlan:
		return StageAgreement
	case flow.TrackOffer:
		return StageSettlement
	}
	st := StageReminders
	for _, t := range c.Progress.Taken {
		switch t.Kind {
		case flow.PaymentClaim, flow.EnforcementRequest:
			return StageCourt
		case flow.DemandLetter, flow.SettlementOffer, flow.MissingPaymentLetter, flow.AgencyHandover:
			st = StageCollection
		}
	}
	return st
}

func notRunning(st Status) string {
	switch st {
	case StatusClosed:
		return "the case is closed (P1)"
	case StatusDeactivated:
		return "a deactivated case can never be reactivated (P4)"
	default:
		return "the case is " + st.String()
	}
}
