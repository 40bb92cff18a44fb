package collection

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Pause pauses a running case until the resume date until, for reason (L1, E20):
// no step is proposed and no letter or fee goes out before until, on which the
// case resumes by itself (L2). It replaces an earlier pause. until must be after
// today and reason must not be empty (*dunning.FieldError naming the value).
// An action with a deadline (a settlement offer, a payment plan, an interest
// invoice) or a flow switch replaces the pause (E21). Late-payment interest runs
// on through a pause, as the law lets it in every jurisdiction covered, unless
// the creditor waives it (CreditorProfile.WaiveInterestWhilePaused; see pause.go
// and the package doc). The same pause again (the active pause has this until
// and reason) changes nothing and saves nothing. Implements L1.
func (s *Service) Pause(ctx context.Context, id CaseID, until date.Date, reason string) (Case, error) {
	if err := checkPause(id, until, reason, s.Today()); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "pause", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if !until.After(today) { // the day turned since the check
			return &dunning.FieldError{Field: "until", Value: until.String(), Reason: "is not after today, " + today.String()}
		}
		if err := s.allow(*c, "pause", today); err != nil {
			return err
		}
		if p := c.Progress.Pause; p.Active(today) && p.Until == until && p.Reason == reason {
			return nil // the same pause: nothing to do
		}
		ci := s.creditor(ctx, c.Creditor.ID, nil)
		if ci.err != nil {
			return fmt.Errorf("collection: creditor %q: %w", c.Creditor.ID, ci.err)
		}
		startPause(c, today, until, reason, ci.profile.WaiveInterestWhilePaused)
		kv := []string{"until", until.String(), "reason", reason}
		if ci.profile.WaiveInterestWhilePaused {
			kv = append(kv, "interestWaived", "true")
		}
		ch.add(EventPaused, kv...)
		return nil
	})
}

// Resume ends the pause of a paused case now (L2: "or earlier by an explicit
// resume"). A case that is not paused is a *TransitionError. Implements L2.
func (s *Service) Resume(ctx context.Context, id CaseID) (Case, error) {
	if err := checkID(id); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "resume", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "resume", today); err != nil {
			return err
		}
		endPause(c, today)
		ch.add(EventResumed, "auto", "false")
		return nil
	})
}

// CloseRequest says how to close a case (P1).
type CloseRequest struct {
	// Reason is why the case is closed. Required.
	Reason string
	// WaiveCosts waives every charge that is not interest: reminder fees,
	// compensation, collection costs and court fees.
	WaiveCosts bool
	// WaiveInterest waives the interest charges.
	WaiveInterest bool
	// Credit credits the open invoices (ClaimCredited).
	Credit bool
}

// Close closes a running case with a reason, waiving collection costs and
// interest as asked and optionally crediting its open invoices (P1). The case
// stays as it is otherwise, visible to the debtor as closed if it was published.
// Implements P1.
func (s *Service) Close(ctx context.Context, id CaseID, r CloseRequest) (Case, error) {
	if err := checkClose(id, r); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "close", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "close", today); err != nil {
			return err
		}
		c.Status = StatusClosed
		c.CloseReason = r.Reason
		ch.add(EventClosed, "reason", r.Reason, "waivedCosts", strconv.FormatBool(r.WaiveCosts),
			"waivedInterest", strconv.FormatBool(r.WaiveInterest), "credited", strconv.FormatBool(r.Credit))
		for i := range c.Charges {
			chg := &c.Charges[i]
			interest := chg.Kind == ChargeInterest
			if chg.Waived || (interest && !r.WaiveInterest) || (!interest && !r.WaiveCosts) {
				continue
			}
			chg.Waived, chg.WaivedOn = true, today
			ch.add(EventChargeWaived, "kind", chg.Kind.String(), "amount", chg.Amount.String(), "on", chg.On.String())
		}
		if r.Credit {
			for i := range c.Claims {
				if c.Claims[i].Status == ClaimOpen {
					c.Claims[i].Status = ClaimCredited
					ch.add(EventClaimCredited, "invoice", c.Claims[i].InvoiceID)
				}
			}
		}
		return nil
	})
}

// Acknowledgements are the confirmations deactivating a case may need (P3).
type Acknowledgements struct {
	// Published acknowledges that the case was visible to the debtor.
	Published bool
	// StepsTaken acknowledges that the debtor was already sent at least one letter.
	StepsTaken bool
}

// Deactivate deactivates an active, paused or closed case (P2). It is final: a
// deactivated case can never be reactivated (P4). Its open invoices are unlinked
// and locked with the status "collection deactivated" (ClaimLocked), to be put in
// a new case with Reopen (P6); paid, credited and written-off ones stay as they
// are. The case is hidden from the debtor (Published is cleared) but stays
// findable with the filter Statuses: {StatusDeactivated} (P5).
//
// When the case was published, or at least one letter was sent, each of those
// must be acknowledged (P3); otherwise Deactivate fails with an
// *AcknowledgementError naming each missing acknowledgement, and changes nothing.
// Implements P2, P3, P4, P6.
func (s *Service) Deactivate(ctx context.Context, id CaseID, ack Acknowledgements) (Case, error) {
	if err := checkID(id); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "deactivate", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "deactivate", today); err != nil {
			return err
		}
		missing := AcknowledgementError{CaseID: c.ID, Published: c.Published && !ack.Published, StepsTaken: c.StepsTaken() && !ack.StepsTaken}
		if missing.Published || missing.StepsTaken {
			return &missing
		}
		ch.add(EventDeactivated, "ackPublished", strconv.FormatBool(ack.Published), "ackStepsTaken", strconv.FormatBool(ack.StepsTaken))
		c.Status = StatusDeactivated
		c.Published = false
		for i := range c.Claims {
			if c.Claims[i].Status == ClaimOpen {
				c.Claims[i].Status = ClaimLocked
				ch.add(EventClaimLocked, "invoice", c.Claims[i].InvoiceID)
			}
		}
		return nil
	})
}

// Delete deletes a deactivated case (P5): from then on it is not found by Get
// and never listed; its events stay in the store's audit trail. Any other case is
// a *TransitionError. Implements P5.
func (s *Service) Delete(ctx context.Context, id CaseID) error {
	if err := checkID(id); err != nil {
		return err
	}
	_, err := s.update(ctx, id, "delete", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "delete", today); err != nil {
			return err
		}
		c.Status = StatusDeleted
		ch.add(EventDeleted)
		return nil
	})
	return err
}

// Publish records that the case is visible to the debtor (in the host's portal).
// A deactivated case cannot be published again (P4).
func (s *Service) Publish(ctx context.Context, id CaseID) (Case, error) {
	if err := checkID(id); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "publish", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "publish", today); err != nil {
			return err
		}
		if !c.Published {
			c.Published = true
			ch.add(EventPublished)
		}
		return nil
	})
}

// SwitchFlow moves a running case to the flow called name, keeping what was done
// (flow.Switch: the case continues after the furthest step of the new flow it has
// already reached). The pause is replaced (E21), overrides and the wait mark are
// cleared, and the case returns to the main track. Switching to the flow the
// case is on when that changes nothing (no pause, override or wait mark, main
// track, same position) saves nothing. Implements E2, E21.
func (s *Service) SwitchFlow(ctx context.Context, id CaseID, name string) (Case, error) {
	var p problems
	p.caseID(id)
	s.checkFlow(&p, "flow", name)
	if err := p.err(); err != nil {
		return Case{}, err
	}
	to := s.mustFlow(name)
	return s.update(ctx, id, "switch flow", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "switch flow", today); err != nil {
			return err
		}
		if sameProgress(flow.Switch(c.Progress, to), c.Progress) {
			return nil // already there: nothing to do
		}
		from := c.Progress.Flow
		switchFlow(c, to, today)
		ch.add(EventFlowSwitched, "from", from, "to", name)
		return nil
	})
}

// Override changes the next step of a running case before it is sent (E2): its
// deadline (the debtor's last day to pay; not before today) and the fee it asks
// for (in the case's currency, not negative, at most MaxAmount; the law still
// caps it). The zero Override is an error, as is a case with no next step. The
// override already set again changes nothing and saves nothing. Implements E2.
func (s *Service) Override(ctx context.Context, id CaseID, o flow.Override) (Case, error) {
	if err := checkOverride(id, o); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "override", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		var errs []error
		if o == (flow.Override{}) {
			errs = append(errs, &dunning.FieldError{Field: "Override", Value: "", Reason: "changes nothing: set Deadline or Fee"})
		}
		if o.Deadline != (date.Date{}) && o.Deadline.Before(today) {
			errs = append(errs, &dunning.FieldError{Field: "Override.Deadline", Value: o.Deadline.String(), Reason: "is before today, " + today.String()})
		}
		if o.Fee != (money.Money{}) {
			checkAmount(&errs, "Override.Fee", o.Fee, c.Currency, true)
		}
		if err := joinErrs(errs); err != nil {
			return err
		}
		if err := s.allow(*c, "override", today); err != nil {
			return err
		}
		f, ok := s.flows[c.Progress.Flow]
		if !ok {
			return &dunning.FieldError{Field: "Progress.Flow", Value: c.Progress.Flow, Reason: "is not a configured flow", Err: ErrUnknownFlow}
		}
		if d := flow.Decide(f, c.Progress, s.facts(*c, today), today); d.Index < 0 {
			return &TransitionError{CaseID: c.ID, Op: "override", Status: c.StatusOn(today), Reason: "there is no next step to change: " + d.Explain()}
		}
		have := c.Progress.Override
		if (o.Deadline.IsZero() || o.Deadline == have.Deadline) && (o.Fee == (money.Money{}) || (have.Fee.IsValid() && o.Fee.Equal(have.Fee))) {
			return nil // already overridden so: nothing to do
		}
		var kv []string
		if o.Deadline != (date.Date{}) {
			c.Progress = c.Progress.WithDeadline(o.Deadline)
			kv = append(kv, "deadline", o.Deadline.String())
		}
		if o.Fee != (money.Money{}) {
			c.Progress = c.Progress.WithFee(o.Fee)
			kv = append(kv, "fee", o.Fee.String())
		}
		ch.add(EventStepOverridden, kv...)
		return nil
	})
}

// DeleteLastAction deletes the last action of a running case (E19): the next
// proposed step is that action again, what taking it replaced (override, pause,
// wait mark) is restored, and the charges it added are removed. Its letter, if
// the relay has not sent it yet, is cancelled: a "message.cancelled" event, which
// takes it out of the outbox in the same Save (the Store contract) and which a
// Relay that already read it honours by never delivering it (a letter already
// sent cannot be called back; the "action.deleted" event names it). Deleting a free
// letter leaves the flow where it is. A case with no action is a
// *TransitionError. Implements E19.
func (s *Service) DeleteLastAction(ctx context.Context, id CaseID) (Case, error) {
	if err := checkID(id); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "delete last action", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "delete last action", today); err != nil {
			return err
		}
		n := len(c.Progress.Taken)
		if n == 0 {
			return &TransitionError{CaseID: c.ID, Op: "delete last action", Status: c.StatusOn(today), Reason: "no action was taken"}
		}
		last := c.Progress.Taken[n-1]
		c.Progress = flow.Rewind(c.Progress)
		kept := c.Charges[:0]
		for _, chg := range c.Charges {
			if chg.Action != n {
				kept = append(kept, chg)
			}
		}
		c.Charges = kept
		ch.add(EventActionDeleted, "kind", last.Kind.String(), "name", last.Name, "on", last.On.String(), "message", last.Message)
		if last.Message != "" {
			// E19: the letter of the deleted action is not sent, unless it already
			// was (a letter that went out cannot be called back).
			sent, err := s.hasEvent(ctx, c.ID, EventMessageSent, last.Message)
			if err != nil {
				return err
			}
			if !sent {
				ch.add(EventMessageCancelled, "message", last.Message, "reason", "the action was deleted (E19)")
			}
		}
		// Without the action's charges, the payments may pay more of the claims
		// (or all of them: then the case is closed as paid, N1).
		return s.settle(c, today, ch)
	})
}

// Letter is a free letter (E14, E20): free text on the creditor's letterhead.
type Letter struct {
	// Subject and Text are required. Text is printed on the creditor's
	// letterhead (letters.FreeLetter), one paragraph per block of lines
	// separated by an empty line.
	Subject, Text string
	// HTML, when set, is the host's own HTML body, sent as it is instead of the
	// rendered letter's HTML (then the host places the letterhead).
	HTML string
	// Channel is how it is sent. Required.
	Channel letters.Channel
	// Recipient is the address for the channel; empty means the debtor's e-mail
	// address (Email), phone (SMS), or name and postal address (Post, Print).
	Recipient string
}

// SendLetter queues a free letter to the debtor of a running case (E20): it goes
// to the outbox in the same Save, with the idempotency key "<case>/letter/<version>",
// and does not move the flow (the next step's days still count from the last flow
// step). A paused case is not contacted (L1): that is a *TransitionError.
// The letter is checked before the case is read: a subject on one line (no CR
// or LF: it becomes a mail header) of at most MaxLineBytes, a text of at most
// MaxTextBytes, a channel, and a recipient for it (an e-mail address, a phone
// number in E.164 form, a postal address), each a *dunning.FieldError.
// Implements E20.
func (s *Service) SendLetter(ctx context.Context, id CaseID, l Letter) (Case, error) {
	if err := checkLetter(id, l); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "send letter", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "send letter", today); err != nil {
			return err
		}
		recipient := l.Recipient
		if recipient == "" {
			recipient = defaultRecipient(c.Debtor, l.Channel)
		}
		if recipient == "" {
			return &dunning.FieldError{Field: "Letter.Recipient", Value: "", Reason: "is required: the debtor has no address for " + l.Channel.String()}
		}
		msgID := fmt.Sprintf("%s/letter/%d", c.ID, c.Version+1)
		d, err := s.letterData(ctx, *c, today)
		if err != nil {
			return err
		}
		d.Subject, d.Paragraphs = l.Subject, paragraphs(l.Text)
		r, err := s.renderer()
		if err != nil {
			return fmt.Errorf("collection: letters: %w", err)
		}
		letter, err := r.RenderFor(letters.FreeLetter, letterLanguage(c.Debtor, d.Law), d, l.Channel)
		if err != nil {
			return fmt.Errorf("collection: case %q: render free letter: %w", string(c.ID), err)
		}
		msg, err := s.message(letter, &d, msgID, l.Channel, recipient)
		if err != nil {
			return err
		}
		if l.HTML != "" {
			msg.HTML = l.HTML
		}
		c.Progress = c.Progress.Letter(today)
		c.Progress.Taken[len(c.Progress.Taken)-1].Message = msgID // Letter gave c a Taken of its own
		ch.outbox = append(ch.outbox, msg)
		ch.add(EventLetterQueued, "message", msgID, "channel", l.Channel.String())
		return nil
	})
}

// paragraphs splits text into paragraphs at empty lines, each paragraph's lines
// joined by spaces.
func paragraphs(text string) []string {
	var out []string
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func defaultRecipient(p dunning.Party, chn letters.Channel) string {
	switch chn {
	case letters.Email:
		return p.Email
	case letters.SMS:
		return p.Phone
	case letters.Post, letters.Print:
		parts := append([]string{p.Name}, p.Address.Lines...)
		parts = append(parts, strings.TrimSpace(p.Address.PostalCode+" "+p.Address.City), p.Address.Country)
		return strings.Join(parts, "\n")
	}
	return ""
}

// SetTrack moves a running case to track t (E3, E20): flow.TrackPlan when a
// payment plan is agreed, flow.TrackOffer when a settlement offer is made (the
// flow then proposes nothing), flow.TrackMain to go back to the flow where it was.
// The plan or offer itself is recorded by the agreement commands. Implements E20.
func (s *Service) SetTrack(ctx context.Context, id CaseID, t flow.Track) (Case, error) {
	var p problems
	p.caseID(id)
	if !t.IsValid() {
		p.add("track", t.String(), "is not a track", nil)
	}
	if err := p.err(); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "set track", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "set track", today); err != nil {
			return err
		}
		if c.Progress.Track != t {
			ch.add(EventTrackChanged, "from", c.Progress.Track.String(), "to", t.String())
			c.Progress = c.Progress.WithTrack(t)
		}
		return nil
	})
}

// SetManual takes a running case out of batch follow-up (true: it is handled by
// hand) or puts it back (false) (E18). Implements E18.
func (s *Service) SetManual(ctx context.Context, id CaseID, manual bool) (Case, error) {
	if err := checkID(id); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "set manual", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "set manual", today); err != nil {
			return err
		}
		if c.Progress.Manual != manual {
			c.Progress = c.Progress.WithManual(manual)
			ch.add(EventBatchChanged, "manual", strconv.FormatBool(manual))
		}
		return nil
	})
}

// SetDisputed marks a claim of a running case as disputed by the debtor, or no
// longer disputed. A dispute stops further reminder fees where the law says so
// (DK, through flow.Facts.Disputed).
func (s *Service) SetDisputed(ctx context.Context, id CaseID, invoiceID string, disputed bool) (Case, error) {
	var p problems
	p.caseID(id)
	p.text("invoiceID", invoiceID, MaxIDBytes, oneLine)
	if err := p.err(); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "set disputed", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		i := c.claimIndex(invoiceID)
		if i < 0 {
			return &dunning.FieldError{Field: "invoiceID", Value: invoiceID, Reason: fmt.Sprintf("is not a claim of case %q", string(c.ID))}
		}
		if err := s.allow(*c, "set disputed", today); err != nil {
			return err
		}
		if c.Claims[i].Disputed != disputed {
			c.Claims[i].Disputed = disputed
			ch.add(EventClaimDisputed, "invoice", invoiceID, "disputed", strconv.FormatBool(disputed))
		}
		return nil
	})
}

// AddNote attaches a note to the case, or to its claim invoiceID when that is not
// empty (S11). Notes can be added in any status, a deleted case aside.
// Implements S11.
func (s *Service) AddNote(ctx context.Context, id CaseID, invoiceID, text string) (Case, error) {
	if err := checkNote(id, invoiceID, text); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "add note", func(c *Case, now time.Time, _ date.Date, ch *change) error {
		var errs []error
		if invoiceID != "" && c.claimIndex(invoiceID) < 0 {
			errs = append(errs, &dunning.FieldError{Field: "invoiceID", Value: invoiceID, Reason: fmt.Sprintf("is not a claim of case %q", string(c.ID))})
		}
		if strings.TrimSpace(text) == "" {
			errs = append(errs, &dunning.FieldError{Field: "text", Value: shown(text), Reason: "is required"})
		}
		if err := joinErrs(errs); err != nil {
			return err
		}
		c.Notes = append(c.Notes, Note{At: now, Actor: s.actor, InvoiceID: invoiceID, Text: text})
		ch.add(EventNoteAdded, "invoice", invoiceID)
		return nil
	})
}

// HandOver hands a running case to an external collection partner instead of
// running it in-house (S13), with the partner's case reference (N3). The case
// moves to StageAgency and its flow stops. Implements S13.
func (s *Service) HandOver(ctx context.Context, id CaseID, partner, reference string) (Case, error) {
	var p problems
	p.caseID(id)
	p.required("partner", partner, MaxLineBytes, oneLine)
	p.text("reference", reference, MaxLineBytes, oneLine)
	if err := p.err(); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "hand over", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "hand over", today); err != nil {
			return err
		}
		c.Agency = &Agency{Partner: partner, Reference: reference, Since: today}
		ch.add(EventHandedOver, "partner", partner, "reference", reference)
		return nil
	})
}

// Await marks a running case as waiting for a person to decide what happens
// next (N6), as when its invoice was rejected from the draft or approved list:
// the flow proposes nothing until Proceed. Implements N6.
func (s *Service) Await(ctx context.Context, id CaseID, reason string) (Case, error) {
	var p problems
	p.caseID(id)
	p.text("reason", reason, MaxShortTextBytes, multiLine)
	if err := p.err(); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "await", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "await", today); err != nil {
			return err
		}
		if !c.Progress.Awaiting {
			c.Progress = c.Progress.Await()
			ch.add(EventAwaiting, "reason", reason)
		}
		return nil
	})
}

// Proceed records a person's decision to go on with the flow of a case that was
// waiting (N6). A case that is not waiting is a *TransitionError. Implements N6.
func (s *Service) Proceed(ctx context.Context, id CaseID) (Case, error) {
	if err := checkID(id); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "proceed", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "proceed", today); err != nil {
			return err
		}
		if !c.Progress.Awaiting {
			return &TransitionError{CaseID: c.ID, Op: "proceed", Status: c.StatusOn(today), Reason: "the case is not waiting for a decision"}
		}
		c.Progress = c.Progress.Proceed()
		ch.add(EventReleased)
		return nil
	})
}

// Blocked reports whether the debtor may not be invoiced again by the creditor
// (S5, "customer has unpaid invoices"): a running case of theirs has taken a step
// whose flow marks it as blocking the customer. Implements S5.
func (s *Service) Blocked(ctx context.Context, creditorID, debtorID string) (bool, error) {
	var p problems
	p.text("creditorID", creditorID, MaxIDBytes, oneLine)
	p.text("debtorID", debtorID, MaxIDBytes, oneLine)
	if err := p.err(); err != nil {
		return false, err
	}
	f := Filter{CreditorID: creditorID, DebtorID: debtorID, Statuses: []Status{StatusActive, StatusPaused}}
	for c, err := range s.store.List(ctx, f) {
		if err != nil {
			return false, fmt.Errorf("collection: blocked %q/%q: %w", creditorID, debtorID, err)
		}
		if s.blocks(c) {
			return true, nil
		}
	}
	return false, nil
}

// blocks reports whether a step taken on c blocks the customer (S5).
func (s *Service) blocks(c Case) bool {
	for _, t := range c.Progress.Taken {
		f, ok := s.flows[t.Flow]
		if ok && t.Index >= 0 && t.Index < f.Len() && f.Step(t.Index).BlocksCustomer {
			return true
		}
	}
	return false
}

// sameProgress reports whether a and b are the same Progress (Taken compared by
// length: a flow switch keeps it).
func sameProgress(a, b flow.Progress) bool {
	return a.Flow == b.Flow && a.Next == b.Next && len(a.Taken) == len(b.Taken) && a.Pause == b.Pause &&
		a.Override.Deadline == b.Override.Deadline && a.Override.Fee.Equal(b.Override.Fee) &&
		a.Track == b.Track && a.Awaiting == b.Awaiting && a.Manual == b.Manual
}

func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}
