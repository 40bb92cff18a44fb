package collection

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
)

// The event types of agency sync (N2–N9, E16). Data keys are given after each.
const (
	EventAgencyStatus    EventType = "agency.status"    // message, status
	EventAgencyClosed    EventType = "agency.closed"    // message, status
	EventAgencyWithdrawn EventType = "agency.withdrawn" // message, partner, reference
)

// AgencyRef is what an agency answers when a case is submitted (N3): its case
// reference and, if it has one, a link to the case in its portal.
type AgencyRef struct {
	Reference string
	Link      string
}

// AgencyClient is the host's connection to an external collection agency
// (N2–N9). Submit hands a case over and returns the agency's reference. It may
// be called again for the same case after a failure (the Service saves the
// hand-over only after Submit returned), so an implementation must treat a
// repeated Case.ID as the same submission and return the same reference.
type AgencyClient interface {
	Submit(ctx context.Context, c Case) (AgencyRef, error)
}

// HandOverToAgency submits a running case to an agency through client and
// records the hand-over with the agency's reference and link (S13, N3): the
// case moves to StageAgency and its flow stops; the agency collects what
// Ledger.Outstanding says. When the flow's next step is the hand-over
// (flow.AgencyHandover), it is taken. A case already handed over is a
// *TransitionError, and so is an error of Submit (wrapped) — nothing is saved.
// The case id and the partner (at most MaxLineBytes on one line) are checked
// before the case is read. Implements S13, N3.
func (s *Service) HandOverToAgency(ctx context.Context, id CaseID, partner string, client AgencyClient) (Case, error) {
	var p problems
	p.caseID(id)
	p.required("partner", partner, MaxLineBytes, oneLine)
	if client == nil {
		p.add("client", "<nil>", "is required", nil)
	}
	if err := p.err(); err != nil {
		return Case{}, err
	}
	c, err := s.load(ctx, id)
	if err != nil {
		return Case{}, err
	}
	if err := s.allow(c, "hand over", s.Today()); err != nil {
		return Case{}, err
	}
	ref, err := client.Submit(ctx, c.Clone())
	if err != nil {
		return Case{}, fmt.Errorf("collection: hand case %q over to %s: %w", string(id), partner, err)
	}
	return s.update(ctx, id, "hand over", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "hand over", today); err != nil {
			return err
		}
		if f, ok := s.flows[c.Progress.Flow]; ok {
			if d := flow.Decide(f, c.Progress, s.facts(*c, today), today); d.Index >= 0 && d.Step.Kind == flow.AgencyHandover && d.Due {
				c.Progress = c.Progress.Take(d, today)
			}
		}
		c.Agency = &Agency{Partner: partner, Reference: ref.Reference, Link: ref.Link, Since: today}
		ch.add(EventHandedOver, "partner", partner, "reference", ref.Reference, "link", ref.Link)
		return nil
	})
}

// AgencyUpdateKind is what an agency reports about a case (N2, N5, N7).
type AgencyUpdateKind uint8

// The kinds of agency updates.
const (
	AgencyStatusChanged AgencyUpdateKind = iota + 1 // the agency's status of the case changed (N2)
	AgencyPayment                                   // the debtor paid the agency (N7)
	AgencyClosed                                    // the agency closed the case: it is archived (N5)
	AgencyWithdrawn                                 // the case was withdrawn at the agency and returns to the creditor (N2)
)

var agencyUpdateNames = [...]string{"", "status", "payment", "closed", "withdrawn"}

// String returns the kind's text form, such as "payment".
func (k AgencyUpdateKind) String() string {
	return enumString(agencyUpdateNames[:], uint8(k), "AgencyUpdateKind")
}

// IsValid reports whether k is one of the defined kinds.
func (k AgencyUpdateKind) IsValid() bool { return k > 0 && int(k) < len(agencyUpdateNames) }

// AgencyUpdate is one message from an agency about a case.
type AgencyUpdate struct {
	// MessageID is the agency's id of the message: applying it again is a no-op.
	// Required.
	MessageID string
	// CaseID is the case it is about. Required.
	CaseID CaseID
	Kind   AgencyUpdateKind
	// Status is the agency's status text (AgencyStatusChanged, AgencyClosed).
	Status string
	// Payment is the payment the agency received (AgencyPayment). Its To is set
	// to PaidToAgency and an empty ID is the MessageID.
	Payment Payment
}

// AgencyUpdateResult is what ApplyAgencyUpdate did.
type AgencyUpdateResult struct {
	// Case is the case after the update.
	Case Case
	// Duplicate says the update's MessageID had been applied before: nothing
	// changed.
	Duplicate bool
}

// ApplyAgencyUpdate applies a message from the agency a case was handed to
// (N2–N9). It is idempotent on AgencyUpdate.MessageID, as RecordPayment is on
// Payment.ID: every message is applied once, its MessageID kept in
// Case.AgencyMessages, and the same message again changes nothing and returns
// the case with Duplicate set. (The message's content is not kept, so a repeat
// is recognised by its id alone.) By kind:
//
//   - AgencyStatusChanged records the agency's status (Agency.Status, N2);
//   - AgencyPayment records the payment through RecordPayment's path with
//     To = PaidToAgency (N7): allocated, and a case paid in full is closed as
//     paid and archived;
//   - AgencyClosed closes the case with the agency's status as reason and
//     archives it (N5);
//   - AgencyWithdrawn returns the case to the creditor (N2): the hand-over is
//     cleared and the flow runs again from where it was.
//
// A message about a case that was never handed over is a *TransitionError.
// The message is checked before the case is read (ids, kind, a Status of at
// most MaxLineBytes on one line, and for AgencyPayment the payment's limits as
// RecordPayment checks them), each problem a *dunning.FieldError.
// Implements N2, N5, N7.
func (s *Service) ApplyAgencyUpdate(ctx context.Context, u AgencyUpdate) (AgencyUpdateResult, error) {
	if err := checkAgencyUpdate(u); err != nil {
		return AgencyUpdateResult{}, err
	}
	dup := false
	c, err := s.update(ctx, u.CaseID, "agency update", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		dup = slices.Contains(c.AgencyMessages, u.MessageID)
		if dup {
			return nil // applied before (N2–N9: idempotent on the message id)
		}
		if err := s.allow(*c, "agency update", today); err != nil {
			return err
		}
		switch u.Kind {
		case AgencyStatusChanged:
			if strings.TrimSpace(u.Status) == "" {
				return &dunning.FieldError{Field: "AgencyUpdate.Status", Value: u.Status, Reason: "is required"}
			}
			c.Agency.Status = u.Status
			ch.add(EventAgencyStatus, "message", u.MessageID, "status", u.Status)
		case AgencyPayment:
			p := u.Payment
			if p.ID == "" {
				p.ID = u.MessageID
			}
			p.To = PaidToAgency
			dup, err := s.recordPayment(c, p, today, ch)
			if err != nil {
				return err
			}
			if dup {
				ch.add(EventAgencyStatus, "message", u.MessageID, "status", "payment "+p.ID+" already recorded")
			}
		case AgencyClosed:
			if u.Status != "" {
				c.Agency.Status = u.Status
			}
			ch.add(EventAgencyClosed, "message", u.MessageID, "status", u.Status)
			if c.Status.Running() {
				c.Status = StatusClosed
				c.CloseReason = "closed by " + c.Agency.Partner
				ch.add(EventClosed, "reason", c.CloseReason, "waivedCosts", "false", "waivedInterest", "false", "credited", "false")
			}
			if !c.Archived {
				c.Archived = true
				ch.add(EventArchived, "reason", c.CloseReason)
			}
		case AgencyWithdrawn:
			ch.add(EventAgencyWithdrawn, "message", u.MessageID, "partner", c.Agency.Partner, "reference", c.Agency.Reference)
			c.Agency = nil
		}
		c.AgencyMessages = append(c.AgencyMessages, u.MessageID)
		return nil
	})
	if err != nil {
		return AgencyUpdateResult{}, err
	}
	return AgencyUpdateResult{Case: c, Duplicate: dup}, nil
}
