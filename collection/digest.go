package collection

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
)

// Attention is why a case needs a person (E22).
type Attention uint8

// The reasons a case is in the digest.
const (
	AttentionDecision    Attention = iota + 1 // waiting for a person's decision (N6), e.g. court readiness problems
	AttentionCourt                            // a court filing is due: file it (E8)
	AttentionHandover                         // a hand-over to an agency is due (S13)
	AttentionBounced                          // a letter bounced (E15)
	AttentionUndelivered                      // the relay gave up delivering a letter (E15)
	AttentionPlan                             // the payment plan is breached: warn, wait or terminate it (E13)
	AttentionManual                           // a case out of batch follow-up has a step due: take it by hand (E18)
)

var attentionNames = [...]string{"", "decision", "court", "hand-over", "bounced", "undelivered", "plan", "manual"}

// String returns the reason's text form, such as "bounced", or "Attention(n)".
func (a Attention) String() string { return enumString(attentionNames[:], uint8(a), "Attention") }

// DigestItem is one case that needs a person, and why.
type DigestItem struct {
	CaseID CaseID
	// Debtor is the debtor's name.
	Debtor string
	Reason Attention
	// Detail says more: the reason given when the case was set waiting, the step
	// due, the message that bounced and the transport's text.
	Detail string
	// Since is the day the item arose, when known (the step's due day, the day of
	// the event); zero otherwise.
	Since date.Date
}

// Digest is the list of a creditor's cases that need a person's attention on a
// day (E22).
type Digest struct {
	CreditorID string
	Day        date.Date
	// Items are by case id, then reason.
	Items []DigestItem
}

// Digest returns the running cases of the creditor that need a person on day
// (E22): waiting for a decision (N6, with the reason given, such as court
// readiness problems), with a court filing or an agency hand-over due (the batch
// run holds those), with a breached payment plan (E13: agreement.Track on day;
// a plan that is on time needs nobody), out of batch follow-up with a step due
// (E18: the batch run leaves it to a person),
// and, when the Store is an EventReader, with a letter that bounced and was not
// delivered since, or that the relay gave up on. Implements E22.
func (s *Service) Digest(ctx context.Context, creditorID string, day date.Date) (Digest, error) {
	if day.IsZero() {
		day = s.Today()
	}
	dg := Digest{CreditorID: creditorID, Day: day}
	ci := s.creditor(ctx, creditorID, nil)
	if ci.err != nil {
		return Digest{}, fmt.Errorf("collection: digest for creditor %q: %w", creditorID, ci.err)
	}
	er, _ := s.store.(EventReader)
	for c, err := range s.store.List(ctx, Filter{CreditorID: creditorID, Statuses: []Status{StatusActive, StatusPaused}}) {
		if err != nil {
			return Digest{}, fmt.Errorf("collection: digest for creditor %q: %w", creditorID, err)
		}
		if !c.Agency.IsZero() {
			continue
		}
		add := func(r Attention, detail string, since date.Date) {
			dg.Items = append(dg.Items, DigestItem{CaseID: c.ID, Debtor: c.Debtor.Name, Reason: r, Detail: detail, Since: since})
		}
		var events []Event
		if er != nil {
			if events, err = Collect(er.Events(ctx, c.ID)); err != nil {
				return Digest{}, fmt.Errorf("collection: digest: events of case %q: %w", string(c.ID), err)
			}
		}
		if c.Progress.Awaiting {
			reason := "waiting for a decision"
			for _, e := range slices.Backward(events) {
				if e.Type == EventAwaiting {
					if e.Data["reason"] != "" {
						reason = e.Data["reason"]
					}
					break
				}
			}
			add(AttentionDecision, reason, date.Date{})
		}
		if c.Progress.Track == flow.TrackPlan && !c.Plan.IsZero() && c.Plan.Terminated.IsZero() {
			_, st, err := trackPlan(c, day, date.Date{})
			if err != nil {
				return Digest{}, fmt.Errorf("collection: digest: plan of case %q: %w", string(c.ID), err)
			}
			if st.Breached() {
				detail := "the payment plan is breached"
				var be *agreement.BreachError
				if errors.As(st.Err(), &be) && be.Rule != "" {
					detail += " (" + be.Rule + ")"
				}
				if w := c.Plan.Warned; !w.IsZero() {
					detail += "; warned on " + w.String() + ": terminate it or let it go on"
				} else {
					detail += "; not warned yet: the next batch run warns"
				}
				add(AttentionPlan, detail, st.BreachedOn)
			}
		}
		if f, ok := s.flows[c.Progress.Flow]; ok && !c.Progress.Awaiting {
			facts := s.facts(c, day)
			creditorFacts(&facts, &c, ci)
			d := flow.Decide(f, c.Progress, facts, day)
			switch {
			case d.Due && (d.Step.Kind == flow.PaymentClaim || d.Step.Kind == flow.EnforcementRequest):
				add(AttentionCourt, d.Step.Name+" is due", d.On)
			case d.Due && d.Step.Kind == flow.AgencyHandover:
				add(AttentionHandover, d.Step.Name+" is due", d.On)
			case d.Index >= 0 && d.Reason == flow.ReasonDecision:
				add(AttentionDecision, d.Step.Name+": a person decides the next step", d.On)
			case d.Reason == flow.ReasonNoDueDate && c.StepsTaken():
				// Every invoice was paid, credited or locked, but charges are left:
				// nothing dates a next step, so a person decides (close it, P1).
				add(AttentionDecision, "no open invoice is left to collect: close the case or waive what is left (P1)", date.Date{})
			case d.Due && c.Progress.Manual:
				// E18: the batch run leaves a manual case alone, so a person must
				// take its step.
				add(AttentionManual, d.Step.Name+" is due; the case is out of batch follow-up", d.On)
			}
		}
		// The last receipt of each message decides: a bounce followed by a
		// delivery (a corrected address) needs nobody.
		type last struct {
			t      EventType
			detail string
			on     date.Date
		}
		msgs := map[string]last{}
		var order []string
		for _, e := range events {
			if _, ok := receiptOf(e.Type); !ok && e.Type != EventMessageFailed {
				continue
			}
			id := e.Data["message"]
			if _, seen := msgs[id]; !seen {
				order = append(order, id)
			}
			if e.Type == EventMessageSent && msgs[id].t != "" {
				continue // a re-send receipt does not clear a bounce
			}
			msgs[id] = last{e.Type, e.Data["detail"], date.Today(date.FixedClock(e.At), s.loc)}
		}
		for _, id := range order {
			switch l := msgs[id]; l.t {
			case EventMessageBounced:
				add(AttentionBounced, id+": "+l.detail, l.on)
			case EventMessageFailed:
				add(AttentionUndelivered, id+": "+l.detail, l.on)
			}
		}
	}
	slices.SortStableFunc(dg.Items, func(a, b DigestItem) int {
		return cmp.Or(cmp.Compare(a.CaseID, b.CaseID), cmp.Compare(a.Reason, b.Reason))
	})
	return dg, nil
}
