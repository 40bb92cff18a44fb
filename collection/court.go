package collection

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// The event types of court steps (E8–E10, E16). Data keys are given after each.
const (
	EventCourtFiled    EventType = "court.filed"     // route, proceeding, district, fee, addedToDebt, message
	EventCourtNotReady EventType = "court.not-ready" // problems (joined with "; ")
	EventCourtUpdated  EventType = "court.updated"   // kind, on, stage, fee, reference
	// EventFoundationRecorded: the creditor holds a foundation (E7, E8).
	EventFoundationRecorded EventType = "foundation.recorded" // kind, date, reference
)

// CourtRecord is where a case stands in court (E8–E10).
type CourtRecord struct {
	// State is the court case as package court models it; the zero State means
	// nothing was filed.
	State court.State `json:"state,omitzero"`
	// Fee is the court fee paid on filing; AddFeeToDebt says the creditor added
	// the court fees to the debtor's debt (E9).
	Fee          money.Money `json:"fee"`
	AddFeeToDebt bool        `json:"addFeeToDebt,omitempty"`
	// Problems are why the payment claim could not be filed, as the last
	// FileCourt found them; the case then waits for a person (N6, E22).
	Problems []string `json:"problems,omitempty"`
}

// Filed reports whether a payment claim or enforcement request was filed; false
// for a nil record.
func (r *CourtRecord) Filed() bool { return r != nil && r.State.Stage.IsValid() }

// NotReadyError says that a case's payment claim would be rejected by the
// court as it stands: the case waits (N6) until a person fixes what Err lists.
// It unwraps to Err, which holds every problem as a *dunning.FieldError
// wrapping court.ErrNotReady (list them with court.Problems).
type NotReadyError struct {
	CaseID CaseID
	Err    error
}

// Error returns a message such as `collection: case "c1": payment claim not ready: ...`.
func (e *NotReadyError) Error() string {
	return fmt.Sprintf("collection: case %q: payment claim not ready: %v", string(e.CaseID), e.Err)
}

// Unwrap returns the problems.
func (e *NotReadyError) Unwrap() error { return e.Err }

// FileRequest says how to file a case with the court (E8, E9).
type FileRequest struct {
	// District is the court the case is filed at (the debtor's district court;
	// finding it from the address is the host's data). Required.
	District court.District
	// AddFeeToDebt adds the court fee to the debtor's debt as a ChargeCourtFee (E9).
	AddFeeToDebt bool
	// CivilCaseOnObjection asks the court, in advance, to turn the payment claim
	// into a civil case if the debtor objects (E8).
	CivilCaseOnObjection bool
	// Basis says what the claim is for ("kravets grundlag"); empty means
	// "Ubetalte fakturaer" and the invoice numbers.
	Basis string
	// Submission, when its Recipient is set (the court's or the host's filing
	// address), queues the payment claim or enforcement request as a letter
	// ("<case>/court/<version>"); the relay sends the creditor a copy (E15).
	Submission Delivery
}

// FileCourt files a case with the court when its flow has reached the payment
// claim or enforcement request step and that step is due (E8). The route comes
// from the creditor's foundations (court.RouteFor): with a valid foundation an
// enforcement request, otherwise a payment claim, which must pass
// court.CheckPaymentClaim on today's filing date. When it does not, the case
// waits for a person (N6: Progress.Await), the problems are stored
// (CourtRecord.Problems) and logged in a "court.not-ready" event, and FileCourt
// returns the saved case with a *NotReadyError listing them; calling FileCourt
// again after fixing them files the case. Otherwise the step is taken, the court
// fee is computed (court.File, court.FeeFor) and, when AddFeeToDebt is set,
// charged to the debtor (E9), and the court state is recorded.
// Only the Danish procedure is modelled (package court). The request (district,
// Basis of at most MaxShortTextBytes, Submission) is checked before the case is
// read. Implements E8, E9.
func (s *Service) FileCourt(ctx context.Context, id CaseID, r FileRequest) (Case, error) {
	if err := checkFile(id, r); err != nil {
		return Case{}, err
	}
	var notReady error
	c, err := s.update(ctx, id, "file court", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		var err error
		notReady, err = s.fileCourt(ctx, c, r, today, ch)
		return err
	})
	if err != nil {
		return Case{}, err
	}
	return c, notReady
}

// fileCourt is the body of FileCourt; the daily run may call it for a due
// PaymentClaim or EnforcementRequest step. notReady is the *NotReadyError when
// the case was set to wait instead.
func (s *Service) fileCourt(ctx context.Context, c *Case, r FileRequest, today date.Date, ch *change) (notReady error, err error) {
	if !r.District.IsValid() {
		return nil, &dunning.FieldError{Field: "District", Value: r.District.String(), Reason: "is required: one of the district courts"}
	}
	if err := s.allow(*c, "file court", today); err != nil {
		return nil, err
	}
	f, ok := s.flows[c.Progress.Flow]
	if !ok {
		return nil, &dunning.FieldError{Field: "Progress.Flow", Value: c.Progress.Flow, Reason: "is not a configured flow", Err: ErrUnknownFlow}
	}
	p := c.Progress
	waiting := p.Awaiting && c.Court != nil && len(c.Court.Problems) > 0
	if waiting {
		p = p.Proceed() // the case waits for exactly this: try again
	}
	d := flow.Decide(f, p, s.facts(*c, today), today)
	if d.Index < 0 || (d.Step.Kind != flow.PaymentClaim && d.Step.Kind != flow.EnforcementRequest) || !d.Due {
		return nil, &TransitionError{CaseID: c.ID, Op: "file court", Status: c.StatusOn(today), Reason: "the flow has not reached a due court step: " + d.Explain()}
	}
	l, err := c.Ledger()
	if err != nil {
		return nil, err
	}
	route, foundation := court.RouteFor(today, c.Foundations...)
	pc := paymentClaim(*c, l, r)
	if route == court.ByPaymentClaim {
		if err := court.CheckPaymentClaim(pc, today); err != nil {
			var problems []string
			for _, fe := range court.Problems(err) {
				problems = append(problems, fe.Error())
			}
			notReady = &NotReadyError{CaseID: c.ID, Err: err}
			if waiting && slices.Equal(problems, c.Court.Problems) {
				return notReady, nil // nothing new: save nothing
			}
			if c.Court == nil {
				c.Court = &CourtRecord{}
			}
			c.Court.Problems = problems
			if !c.Progress.Awaiting {
				c.Progress = c.Progress.Await()
			}
			ch.add(EventCourtNotReady, "problems", strings.Join(problems, "; "))
			return notReady, nil
		}
	}
	claim := money.Zero(c.Currency)
	for _, acc := range l.Claims {
		claim, _ = claim.Add(acc.Outstanding)
	}
	st, fee, err := court.File(court.Filing{Jurisdiction: c.Jurisdiction, Proceeding: route.Proceeding(), Claim: claim, Date: today, FeePaid: feePaid(c.Court)},
		court.FileOptions{District: r.District, CivilCaseOnObjection: r.CivilCaseOnObjection})
	if err != nil {
		return nil, err
	}
	c.Progress = p.Take(d, today)
	c.Court = &CourtRecord{State: st, Fee: fee.Amount, AddFeeToDebt: r.AddFeeToDebt}
	added := s.chargeCourtFee(c, fee, today, len(c.Progress.Taken), ch)
	msg := ""
	if r.Submission.Recipient != "" {
		data, err := s.letterData(ctx, *c, today)
		if err != nil {
			return nil, err
		}
		data.Filing = letters.Filing{Court: r.District.String(), Claim: pc.Basis, WarningSent: pc.Warning, CourtFee: fee.Amount, CivilCase: r.CivilCaseOnObjection}
		kind := letters.PaymentClaim
		if route == court.ByEnforcementRequest {
			kind = letters.EnforcementRequest
			data.Filing.Foundation = fmt.Sprintf("%s %s %s", foundation.Kind, foundation.Date, foundation.Reference)
		}
		if msg, err = s.queueLetter(c, kind, data, "court", r.Submission, ch); err != nil {
			return nil, err
		}
		c.Progress.Taken[len(c.Progress.Taken)-1].Message = msg
	}
	ch.add(EventCourtFiled, "route", route.String(), "proceeding", route.Proceeding().String(), "district", r.District.String(),
		"fee", fee.Amount.String(), "feeRule", fee.Rule.ID, "feeStatus", string(fee.Status), "addedToDebt", fmt.Sprint(added), "message", msg)
	return nil, nil
}

// feePaid is the day the court fee of an earlier filing was paid, if any.
func feePaid(r *CourtRecord) date.Date {
	if r == nil {
		return date.Date{}
	}
	return r.State.FeePaid
}

// chargeCourtFee adds a court fee to the debt when the creditor chose so (E9).
func (s *Service) chargeCourtFee(c *Case, fee court.Fee, on date.Date, action int, ch *change) bool {
	if c.Court == nil || !c.Court.AddFeeToDebt || !fee.Amount.IsValid() || fee.Amount.Sign() <= 0 || fee.Amount.Currency() != c.Currency {
		return false
	}
	src := fmt.Sprintf("%s: %s (%s)", fee.Rule.ID, fee.Rule.Source, fee.Status)
	c.Charges = append(c.Charges, Charge{Kind: ChargeCourtFee, Amount: fee.Amount, On: on, Action: action, Source: src})
	ch.add(EventChargeAdded, "kind", ChargeCourtFee.String(), "amount", fee.Amount.String(), "on", on.String(), "source", fee.Rule.ID)
	return true
}

// paymentClaim maps a case into the data of a Danish payment claim (E8): the
// parties, the outstanding principal per invoice, the outstanding fees and
// costs, and the collection warning the flow sent. Interest charged on the case
// is claimed as an other cost: the case does not keep the rate and period lines
// the form's interest specification needs.
func paymentClaim(c Case, l Ledger, r FileRequest) court.PaymentClaim {
	pc := court.PaymentClaim{Creditor: c.Creditor, Debtor: c.Debtor, District: r.District, Basis: r.Basis, CivilCaseOnObjection: r.CivilCaseOnObjection}
	var numbers []string
	for i, cl := range c.Claims {
		acc := l.Claims[i]
		if !counts(cl.Status) || acc.Outstanding.Sign() <= 0 {
			continue
		}
		pc.Invoices = append(pc.Invoices, court.Invoice{Number: claimNumber(cl), Issued: cl.Issued, Due: cl.Due, Principal: acc.Outstanding})
		numbers = append(numbers, claimNumber(cl))
	}
	if pc.Basis == "" && len(numbers) > 0 {
		pc.Basis = "Ubetalte fakturaer " + strings.Join(numbers, ", ")
	}
	for j, chg := range c.Charges {
		out := l.Charges[j].Outstanding
		if chg.Waived || out.Sign() <= 0 {
			continue
		}
		cost := court.Cost{Date: chg.On, Amount: out}
		switch chg.Kind {
		case ChargeReminderFee:
			cost.Kind = court.ReminderFee
		case ChargeCompensation:
			cost.Kind = court.CompensationFee
		case ChargeCollectionCost:
			cost.Kind = court.CollectionCost
		case ChargeInterest:
			cost.Kind, cost.Text = court.OtherCost, "Renter"
		default:
			continue // court fees are not claimed on the form
		}
		pc.Costs = append(pc.Costs, cost)
	}
	for _, t := range slices.Backward(c.Progress.Taken) {
		if t.Kind == flow.CollectionWarning {
			pc.Warning, pc.WarningDeadline = t.On, t.Deadline
			break
		}
	}
	return pc
}

// RecordFoundation records a foundation (fundament) the creditor holds for the
// claims of a running case (E7, E8): above all the debtor declaration
// (skyldnererklæring) or voluntary settlement (frivilligt forlig) that the
// debtor signed and returned after the collection warning (the batch run sends
// both with a Danish warning), or a promissory note, mortgage deed or judgment.
// It must be usable on today (court.Foundation.Validate: a known kind, dated, not
// in the future, not older than court.FoundationYears), else a
// *dunning.FieldError. From then on FileCourt takes the case to the enforcement
// court by an enforcement request (fogedrekvisition) instead of a payment claim
// (court.RouteFor). Recording the same foundation again changes nothing. The
// foundation (and its Reference, at most MaxLineBytes on one line) is checked
// before the case is read. Implements E7, E8.
func (s *Service) RecordFoundation(ctx context.Context, id CaseID, f court.Foundation) (Case, error) {
	if err := checkFoundation(id, f, s.Today()); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "record foundation", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := f.Validate(today); err != nil { // the day may have turned since the check
			return err
		}
		if err := s.allow(*c, "record foundation", today); err != nil {
			return err
		}
		if slices.Contains(c.Foundations, f) {
			return nil
		}
		c.Foundations = append(c.Foundations, f)
		ch.add(EventFoundationRecorded, "kind", f.Kind.String(), "date", f.Date.String(), "reference", f.Reference)
		return nil
	})
}

// CourtEventKind is what the court reported (E8, E10).
type CourtEventKind uint8

// The court events RecordCourtEvent records.
const (
	CourtServed     CourtEventKind = iota + 1 // the payment claim was served: the objection window runs
	CourtObjected                             // the debtor objected in time
	CourtCaseNumber                           // the court gave its case number (CourtEvent.Reference)
	CourtEndorsed                             // the payment claim was endorsed: a title (foundation)
	CourtJudgment                             // the civil court gave judgment: a title (foundation)
	CourtSued                                 // the objected claim was taken to the civil court
	CourtEnforced                             // enforcement (udlæg) was requested on the title
	CourtWithdrawn                            // the creditor withdrew the case (E10)
)

var courtEventNames = [...]string{"", "served", "objected", "case-number", "endorsed", "judgment", "sued", "enforced", "withdrawn"}

// String returns the kind's text form, such as "objected".
func (k CourtEventKind) String() string {
	return enumString(courtEventNames[:], uint8(k), "CourtEventKind")
}

// IsValid reports whether k is one of the defined kinds.
func (k CourtEventKind) IsValid() bool { return k > 0 && int(k) < len(courtEventNames) }

// CourtEvent is something the court reported about a filed case.
type CourtEvent struct {
	Kind CourtEventKind
	// On is the day it happened. Required.
	On date.Date
	// Reference is the court's case number (CourtCaseNumber, required there).
	Reference string
}

// RecordCourtEvent records what the court reported about a filed case, moving
// its court.State (E8, E10): service, objection (with the conversion fee when
// a civil case was asked for in advance), the court's case number (Case.CourtRef),
// endorsement or judgment (the title is added to Case.Foundations), the civil
// suit and enforcement (with their fees, charged to the debtor when the
// creditor chose so at filing, E9), and withdrawal (E10), which is also possible
// after the case was closed as paid. A step the court state does not allow is
// the court package's *court.TransitionError and changes nothing. The event
// (kind, a day not after today and within MinYear..MaxYear, a Reference of at
// most MaxLineBytes on one line, required for the case number) is checked before
// the case is read. Implements E8, E9, E10.
func (s *Service) RecordCourtEvent(ctx context.Context, id CaseID, e CourtEvent) (Case, error) {
	if err := checkCourtEvent(id, e, s.Today()); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "court event", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "court event", today); err != nil {
			return err
		}
		if !c.Court.Filed() { // a withdrawn filing is still the court's record (E10)
			return &TransitionError{CaseID: c.ID, Op: "court event", Status: c.StatusOn(today), Reason: "nothing was filed with the court"}
		}
		st := c.Court.State
		var (
			next court.State
			fee  court.Fee
			fd   court.Foundation
			err  error
		)
		switch e.Kind {
		case CourtServed:
			next, err = st.Serve(e.On)
		case CourtObjected:
			next, fee, err = st.Object(e.On)
		case CourtCaseNumber:
			if c.CourtRef == e.Reference {
				return nil
			}
			next = st
			c.CourtRef = e.Reference
		case CourtEndorsed:
			next, fd, err = st.Endorse(e.On)
		case CourtJudgment:
			next, fd, err = st.Judge(e.On)
		case CourtSued:
			next, fee, err = st.Sue(e.On)
		case CourtEnforced:
			next, fee, err = st.Enforce(e.On)
		case CourtWithdrawn:
			next, err = st.Withdraw(e.On)
		}
		if err != nil {
			return err
		}
		if fd.Kind.IsValid() {
			if fd.Reference == "" {
				fd.Reference = c.CourtRef
			}
			c.Foundations = append(c.Foundations, fd)
		}
		c.Court.State = next
		s.chargeCourtFee(c, fee, e.On, 0, ch)
		feeText := ""
		if fee.Amount.IsValid() {
			feeText = fee.Amount.String()
		}
		ch.add(EventCourtUpdated, "kind", e.Kind.String(), "on", e.On.String(), "stage", next.Stage.String(), "fee", feeText, "reference", e.Reference)
		return nil
	})
}
