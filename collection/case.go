package collection

import (
	"fmt"
	"slices"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/money"
)

// CaseID identifies a case. The host chooses it (its own case number), so that
// opening a case is naturally idempotent: a second Open with the same ID fails.
type CaseID string

// Version is the optimistic-concurrency version of a stored case. 0 means the
// case was never stored; each successful Save adds one.
type Version uint64

// Case is one debtor's claims for one creditor and everything done to collect
// them: the aggregate the Service loads, changes and saves as a whole.
//
// Case is a value. Its slices are owned by whoever holds the value: the Service
// and the Store hand out deep copies (Clone), so changing a Case you got back
// never changes stored state. Change a case only through the Service's commands;
// a Store only persists it.
type Case struct {
	// ID is the host's identifier of the case.
	ID CaseID `json:"id"`
	// Version is the version the case was loaded at (0 for a new case).
	Version Version `json:"version"`

	// Creditor is the creditor, for the letterhead and court forms (E14). Its ID is
	// the creditor id Filter.CreditorID matches.
	Creditor dunning.Party `json:"creditor"`
	// Debtor is the debtor.
	Debtor dunning.Party `json:"debtor"`
	// Currency is the currency of every claim, charge and payment of the case.
	Currency money.Currency `json:"currency"`
	// Jurisdiction is the law the case is run under (fees, interest, court).
	Jurisdiction dunning.Jurisdiction `json:"jurisdiction"`

	// Claims are the invoices of the case, at least one (N4).
	Claims []Claim `json:"claims"`

	// Status is the lifecycle status as last saved. A pause ends by itself on its
	// resume date (L2) without a save, so read the status of a given day with StatusOn.
	Status Status `json:"status"`
	// Stage is the phase of collection, kept up to date by the Service.
	Stage Stage `json:"stage"`
	// Archived says the case was archived: closed as paid or settled, or closed
	// by the agency (N5).
	Archived bool `json:"archived,omitempty"`
	// Published says the case is visible to the debtor (in the host's portal). It
	// stays set when the case is closed (P1: visible as closed), makes deactivation
	// need an acknowledgement (P3), and is cleared by deactivation.
	Published bool `json:"published,omitempty"`
	// FeeAgreed says a reminder fee was agreed when the debt arose (SE).
	FeeAgreed bool `json:"feeAgreed,omitempty"`
	// NextDue is the first day the next step of the flow may be taken, as flow.Decide
	// said when the case was last saved; zero when no step is pending (finished,
	// waiting for a person, on another track, closed, deactivated, with an agency).
	// Stores index it for Due.
	NextDue date.Date `json:"nextDue,omitempty"`
	// CloseReason is the reason given when the case was closed (P1).
	CloseReason string `json:"closeReason,omitempty"`
	// Progress is where the case stands in its flow: the flow's name, the steps
	// taken, overrides, pause, track, the wait mark (N6) and the batch flag (E18).
	Progress flow.Progress `json:"progress"`
	// PostalDays are added to the earliest due date before the first step (S2).
	PostalDays int `json:"postalDays,omitempty"`
	// Interest is the late-payment interest the batch run charges on the claims
	// (S7, S8); nil is the zero InterestTerms, the statutory rate (see
	// InterestTerms and Case.InterestTerms).
	Interest *InterestTerms `json:"interest,omitempty"`

	// Charges is the ledger of what was added to the debt: fees, interest,
	// compensation, collection costs and court fees, each waivable.
	Charges []Charge `json:"charges,omitempty"`
	// Payments are the payments recorded on the case, each with the host's id,
	// in (date, id) order (RecordPayment, N1, N7, N8). Case.Ledger says what
	// each one paid.
	Payments []Payment `json:"payments,omitempty"`
	// Credits are the credit notes recorded on the claims (N8); each already
	// lowered its claim's Open amount.
	Credits []CreditNote `json:"credits,omitempty"`
	// WriteOffs are the write-offs of claims, in (date, id) order, each in one of
	// the two modes of N9.
	WriteOffs []WriteOff `json:"writeOffs,omitempty"`
	// Plan is the payment plan agreed on the case (E12, E13); nil if none.
	Plan *PlanRecord `json:"plan,omitempty"`
	// Offer is the settlement offer made on the case (E11); nil if none.
	Offer *OfferRecord `json:"offer,omitempty"`
	// Notes are free-text notes on the case or one of its claims (S11).
	Notes []Note `json:"notes,omitempty"`
	// Foundations are the enforceable bases the creditor holds (E8).
	Foundations []court.Foundation `json:"foundations,omitempty"`
	// Agency is the external collection partner the case was handed to (S13, N3);
	// nil if none.
	Agency *Agency `json:"agency,omitempty"`
	// CourtRef is the court's case number once a claim was filed (E8).
	CourtRef string `json:"courtRef,omitempty"`
	// Court is where the case stands in court (E8–E10); nil if it never went
	// there (neither filed nor found not ready to file).
	Court *CourtRecord `json:"court,omitempty"`
	// AgencyMessages are the ids of the agency's messages already applied
	// (ApplyAgencyUpdate is idempotent on them).
	AgencyMessages []string `json:"agencyMessages,omitempty"`
}

// Claim is one invoice of a case (N4).
type Claim struct {
	// InvoiceID is the host's id of the invoice; unique within the case.
	InvoiceID string `json:"invoiceId"`
	// Number is the invoice number printed on letters.
	Number string `json:"number,omitempty"`
	// Issued is the invoice date; Due its due date (required).
	Issued date.Date `json:"issued,omitempty"`
	Due    date.Date `json:"due"`
	// Original is the invoiced amount; Open the amount still open on the invoice when
	// it joined the case (or as the host last reported it). Payments recorded on the
	// case are kept in Case.Payments and are not subtracted from Open.
	Original money.Money `json:"original"`
	Open     money.Money `json:"open"`
	// Status is the claim's status; only ClaimOpen claims count in the balance.
	Status ClaimStatus `json:"status"`
	// Disputed says the debtor disputes the claim (DK: no further reminder fees).
	Disputed bool `json:"disputed,omitempty"`
	// InterestInvoiced is the day an interest invoice was made for the claim,
	// paid late (S8); zero if none.
	InterestInvoiced date.Date `json:"interestInvoiced,omitempty"`
	// Earlier is what earlier cases of the creditor did to the invoice, read from
	// the store when the case was opened (Open, Reopen): the reminders and
	// one-time charges the fee law counts per claim (E4, E6); nil if none.
	Earlier *ClaimHistory `json:"earlier,omitempty"`
}

// Charge is one line of the case's ledger: something added to the debt.
type Charge struct {
	// Kind is what the charge is for.
	Kind ChargeKind `json:"kind"`
	// Amount is the amount charged, in the case's currency; positive.
	Amount money.Money `json:"amount"`
	// On is the day it was charged (for a fee: the day the step was taken).
	On date.Date `json:"on"`
	// InvoiceID names the claim it belongs to; empty for the case as a whole.
	InvoiceID string `json:"invoiceId,omitempty"`
	// Action is the 1-based position in Progress.Taken of the action that charged
	// it, so that deleting that action (E19) removes it; 0 for none.
	Action int `json:"action,omitempty"`
	// Source is where the figure comes from: the rule and its status, as the fees,
	// interest or court package reported it.
	Source string `json:"source,omitempty"`
	// Period is the days an interest charge covers, half-open [From, To): for
	// the batch run's (Action > 0), from the claim's due date, or the end of the
	// claim's previous such charge, to the day of the step (to the day after it
	// where the convention counts the end date, interest.Convention.EndInclusive:
	// FI); for an interest
	// invoice's (Action 0, S8), the days its lines for the claim charged. The
	// periods of one claim never overlap, in one case or across the cases that
	// held it (no interest day is charged twice). Zero for every other charge.
	Period date.Period `json:"period,omitzero"`
	// Waived says the charge was waived (P1); WaivedOn is the day.
	Waived   bool      `json:"waived,omitempty"`
	WaivedOn date.Date `json:"waivedOn,omitempty"`
}

// Payment is a payment recorded on the case.
type Payment struct {
	// ID is the host's id of the payment; recording the same id twice is a no-op.
	ID string `json:"id"`
	// On is the day the money was received.
	On date.Date `json:"on"`
	// Amount is the amount paid, in the case's currency; positive.
	Amount money.Money `json:"amount"`
	// Reference is the payment reference the debtor used, if any.
	Reference string `json:"reference,omitempty"`
	// To says who received it: the creditor (N8) or the agency (N7). Required
	// by RecordPayment.
	To PaidTo `json:"to,omitempty"`
}

// Note is a free-text note on a case or one of its claims (S11).
type Note struct {
	// At is when it was written, from the Service's Clock.
	At time.Time `json:"at"`
	// Actor is who wrote it, if known.
	Actor string `json:"actor,omitempty"`
	// InvoiceID names the claim the note is about; empty for the case.
	InvoiceID string `json:"invoiceId,omitempty"`
	// Text is the note.
	Text string `json:"text"`
}

// Agency is the external collection partner a case was handed to (S13, N3).
type Agency struct {
	// Partner names the partner.
	Partner string `json:"partner"`
	// Reference is the partner's case reference (N3).
	Reference string `json:"reference,omitempty"`
	// Since is the day of the hand-over.
	Since date.Date `json:"since"`
	// Link is the partner's link to the case in its portal, if any (N3).
	Link string `json:"link,omitempty"`
	// Status is the partner's last reported status of the case (N2).
	Status string `json:"status,omitempty"`
}

// IsZero reports whether no hand-over happened: a is nil or empty.
func (a *Agency) IsZero() bool { return a == nil || *a == Agency{} }

// Clone returns a deep copy of c: no slice or record (Plan, Offer, Court,
// Agency, Interest) of the copy is shared with c.
func (c Case) Clone() Case {
	c.Creditor = cloneParty(c.Creditor)
	c.Debtor = cloneParty(c.Debtor)
	c.Claims = slices.Clone(c.Claims)
	c.Charges = slices.Clone(c.Charges)
	c.Payments = slices.Clone(c.Payments)
	c.Credits = slices.Clone(c.Credits)
	c.WriteOffs = slices.Clone(c.WriteOffs)
	c.AgencyMessages = slices.Clone(c.AgencyMessages)
	if c.Court != nil {
		cr := *c.Court
		cr.Problems = slices.Clone(cr.Problems)
		c.Court = &cr
	}
	if c.Plan != nil {
		p := *c.Plan
		if r := p.Terms.Rounding; r != nil {
			rc := *r
			p.Terms.Rounding = &rc
		}
		c.Plan = &p
	}
	if c.Offer != nil {
		o := *c.Offer
		c.Offer = &o
	}
	if c.Agency != nil {
		a := *c.Agency
		c.Agency = &a
	}
	if c.Interest != nil {
		it := *c.Interest
		it.Waived = slices.Clone(it.Waived)
		c.Interest = &it
	}
	for i := range c.Claims {
		c.Claims[i].Earlier = c.Claims[i].Earlier.clone()
	}
	c.Notes = slices.Clone(c.Notes)
	c.Foundations = slices.Clone(c.Foundations)
	c.Progress.Taken = slices.Clone(c.Progress.Taken)
	return c
}

func cloneParty(p dunning.Party) dunning.Party {
	p.Address.Lines = slices.Clone(p.Address.Lines)
	return p
}

// InterestTerms returns the case's interest terms: *Interest, or the zero
// InterestTerms (statutory interest) when Interest is nil.
func (c Case) InterestTerms() InterestTerms {
	if c.Interest == nil {
		return InterestTerms{}
	}
	return *c.Interest
}

// StatusOn returns the status of the case on day: a paused case whose resume
// date has come is active again (L2), though that is saved only with its next change.
func (c Case) StatusOn(day date.Date) Status {
	if c.Status == StatusPaused && !c.Progress.Pause.Active(day) {
		return StatusActive
	}
	return c.Status
}

// Claim returns the claim for invoiceID and whether the case holds it.
func (c Case) Claim(invoiceID string) (Claim, bool) {
	i := c.claimIndex(invoiceID)
	if i < 0 {
		return Claim{}, false
	}
	return c.Claims[i], true
}

func (c Case) claimIndex(invoiceID string) int {
	return slices.IndexFunc(c.Claims, func(cl Claim) bool { return cl.InvoiceID == invoiceID })
}

// Principal returns the sum of the open amounts of the claims with status ClaimOpen.
// It fails only on a case holding amounts in another currency than Currency,
// which the Service never stores.
func (c Case) Principal() (money.Money, error) {
	total := money.Zero(c.Currency)
	for _, cl := range c.Claims {
		if cl.Status != ClaimOpen {
			continue
		}
		var err error
		if total, err = total.Add(cl.Open); err != nil {
			return money.Money{}, fmt.Errorf("collection: case %s: claim %s: %w", c.ID, cl.InvoiceID, err)
		}
	}
	return total, nil
}

// Balance returns what the debtor owes on the case: the Open amounts of the
// claims that count toward the debt (status ClaimOpen, or ClaimPaid or
// ClaimWrittenOff: paid or settled within the case), plus the charges that are
// not waived, minus the payments and the write-offs matched as payment (N9).
// Credit notes already lowered Open; open-item write-offs do not change it (N9).
// A negative balance is a credit the debtor holds (an overpayment). It equals
// Ledger().Outstanding − Ledger().Overpaid. It fails only on a case holding
// amounts in another currency than Currency, which the Service never stores.
func (c Case) Balance() (money.Money, error) {
	total := money.Zero(c.Currency)
	var err error
	for _, cl := range c.Claims {
		if !counts(cl.Status) {
			continue
		}
		if total, err = total.Add(cl.Open); err != nil {
			return money.Money{}, fmt.Errorf("collection: case %s: claim %s: %w", c.ID, cl.InvoiceID, err)
		}
	}
	for _, w := range c.WriteOffs {
		if w.Mode != MatchedAsPayment {
			continue
		}
		if i := c.claimIndex(w.InvoiceID); i < 0 || !counts(c.Claims[i].Status) {
			continue
		}
		if total, err = total.Sub(w.Amount); err != nil {
			return money.Money{}, fmt.Errorf("collection: case %s: write-off %s: %w", c.ID, w.ID, err)
		}
	}
	for _, ch := range c.Charges {
		if ch.Waived {
			continue
		}
		if total, err = total.Add(ch.Amount); err != nil {
			return money.Money{}, fmt.Errorf("collection: case %s: %s charge: %w", c.ID, ch.Kind, err)
		}
	}
	for _, p := range c.Payments {
		if total, err = total.Sub(p.Amount); err != nil {
			return money.Money{}, fmt.Errorf("collection: case %s: payment %s: %w", c.ID, p.ID, err)
		}
	}
	return total, nil
}

// Earliest returns the earliest due date of the claims that are open, or the
// zero Date when none is: the date the flow counts from (flow.Facts.Due).
func (c Case) Earliest() date.Date {
	var d date.Date
	for _, cl := range c.Claims {
		if cl.Status == ClaimOpen && (d == date.Date{} || cl.Due.Before(d)) {
			d = cl.Due
		}
	}
	return d
}

// Disputed reports whether any open claim is disputed.
func (c Case) Disputed() bool {
	for _, cl := range c.Claims {
		if cl.Status == ClaimOpen && cl.Disputed {
			return true
		}
	}
	return false
}

// StepsTaken reports whether at least one letter was sent on the case (a flow
// step or a manual letter): the debtor has been told about it (P3).
func (c Case) StepsTaken() bool { return len(c.Progress.Taken) > 0 }
