package collection

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/money"
)

// The event types of payments, credit notes and write-offs (E16). Data keys
// are given after each.
const (
	EventPaymentRecorded EventType = "payment.recorded"  // payment, amount, on, to, overpaid
	EventOverpaid        EventType = "payment.overpaid"  // payment, amount (the credit it added)
	EventClaimPaid       EventType = "claim.paid"        // invoice, on
	EventClaimReopened   EventType = "claim.reopened"    // invoice (a later allocation left it unpaid)
	EventCreditRecorded  EventType = "credit.recorded"   // credit, invoice, amount, on
	EventWrittenOff      EventType = "claim.written-off" // writeOff, invoice, amount, on, mode
	EventArchived        EventType = "case.archived"     // reason
)

// Close reasons the Service sets by itself.
const (
	// ReasonPaid closes a case whose debt was paid in full (N1, N5, N7).
	ReasonPaid = "paid"
	// ReasonSettled closes a case whose debt was settled without being paid in
	// full in money: by an accepted settlement offer (E11), write-offs matched as
	// payment (N9) or credit notes (N8).
	ReasonSettled = "settled"
)

// ErrIDConflict: a payment, credit note, write-off or agency message was given
// again with the same id but different contents, so which one was meant cannot
// be known. See IDConflictError.
var ErrIDConflict = errors.New("collection: same id, different contents")

// IDConflictError says which record was repeated with other contents. It
// unwraps to ErrIDConflict.
type IDConflictError struct {
	CaseID CaseID
	What   string // "payment", "credit note", "write-off"
	ID     string
	Have   string // the recorded contents, such as "100.00 DKK on 2025-03-01 to creditor"
	Got    string // the contents given now
}

// Error returns a message such as `collection: case "c1": payment "p1" is recorded as 100.00 DKK on 2025-03-01, not 90.00 DKK on 2025-03-01`.
func (e *IDConflictError) Error() string {
	return fmt.Sprintf("collection: case %q: %s %q is recorded as %s, not %s", string(e.CaseID), e.What, e.ID, e.Have, e.Got)
}

// Unwrap returns ErrIDConflict.
func (e *IDConflictError) Unwrap() error { return ErrIDConflict }

// PaidTo says who received a payment (N7, N8). A Payment whose To is left zero
// was paid to the creditor (PaidToCreditor), as almost every payment a host
// records is; the agency's payments come through ApplyAgencyUpdate.
type PaidTo uint8

// Who received a payment.
const (
	PaidToCreditor PaidTo = iota + 1 // paid to the creditor and posted in its ledger (N8)
	PaidToAgency                     // paid to the collection agency, which reported it (N7)
)

var paidToNames = [...]string{"", "creditor", "agency"}

// String returns "creditor", "agency", or "PaidTo(n)".
func (p PaidTo) String() string { return enumString(paidToNames[:], uint8(p), "PaidTo") }

// IsValid reports whether p is one of the defined values.
func (p PaidTo) IsValid() bool { return p > 0 && int(p) < len(paidToNames) }

// MarshalText implements encoding.TextMarshaler; an undefined value is an error.
func (p PaidTo) MarshalText() ([]byte, error) { return enumMarshal(paidToNames[:], uint8(p), "PaidTo") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *PaidTo) UnmarshalText(b []byte) error {
	v, err := enumParse(paidToNames[:], string(b), "PaidTo")
	if err == nil {
		*p = PaidTo(v)
	}
	return err
}

// CreditNote is a credit note on one invoice of a case (N8): the creditor
// reduces the claim. Recording it lowers the claim's Open amount.
type CreditNote struct {
	// ID is the host's id of the credit note; recording it twice is a no-op.
	ID string `json:"id"`
	// InvoiceID is the claim it credits (set by Service.Credit).
	InvoiceID string `json:"invoiceId"`
	// On is the credit note's date.
	On date.Date `json:"on"`
	// Amount is positive, in the case's currency, and at most the claim's
	// unpaid principal.
	Amount money.Money `json:"amount"`
}

// WriteOffMode is how an invoice is written off (N9). The two modes have
// opposite effects on the debtor and the agency, so the zero value is invalid:
// a write-off always says which one it is.
type WriteOffMode uint8

// The write-off modes of N9.
const (
	// OpenItem writes the amount off in the creditor's ledger only (through the
	// open-item list): the claim stays alive, the debtor still owes it, and an
	// agency goes on collecting it. It does not look like a settlement.
	OpenItem WriteOffMode = iota + 1
	// MatchedAsPayment writes the amount off as if it had been paid: it settles
	// that part of the claim, toward the debtor and the agency, and a claim (or
	// case) settled this way is closed.
	MatchedAsPayment
)

var writeOffModeNames = [...]string{"", "open-item", "matched-as-payment"}

// String returns "open-item", "matched-as-payment", or "WriteOffMode(n)".
func (m WriteOffMode) String() string {
	return enumString(writeOffModeNames[:], uint8(m), "WriteOffMode")
}

// IsValid reports whether m is one of the two modes.
func (m WriteOffMode) IsValid() bool { return m > 0 && int(m) < len(writeOffModeNames) }

// MarshalText implements encoding.TextMarshaler; an undefined mode is an error.
func (m WriteOffMode) MarshalText() ([]byte, error) {
	return enumMarshal(writeOffModeNames[:], uint8(m), "WriteOffMode")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *WriteOffMode) UnmarshalText(b []byte) error {
	v, err := enumParse(writeOffModeNames[:], string(b), "WriteOffMode")
	if err == nil {
		*m = WriteOffMode(v)
	}
	return err
}

// WriteOff is a write-off of part or all of one invoice of a case (N9).
type WriteOff struct {
	// ID is the host's id of the write-off; recording it twice is a no-op.
	ID string `json:"id"`
	// InvoiceID is the claim written off (set by Service.WriteOff).
	InvoiceID string `json:"invoiceId"`
	// On is the day of the write-off.
	On date.Date `json:"on"`
	// Amount is positive, in the case's currency, and at most the claim's unpaid
	// principal (less what was already written off in the same mode).
	Amount money.Money `json:"amount"`
	// Mode says whether the claim stays alive (OpenItem) or is settled
	// (MatchedAsPayment). Required.
	Mode WriteOffMode `json:"mode"`
}

// Allocation is the part of a payment (or of a write-off matched as payment)
// that paid one component of the debt.
type Allocation struct {
	// Payment is the id of the payment, or of the write-off matched as payment.
	Payment string
	// WriteOff says Payment names a write-off matched as payment, not money.
	WriteOff bool
	// On is the payment's date.
	On date.Date
	// Component is costs, interest or principal.
	Component agreement.Component
	// InvoiceID is the claim paid (principal), or the claim the charge belongs to.
	InvoiceID string
	// Charge is the index in Case.Charges of the charge paid; -1 for principal.
	Charge int
	// Amount is positive.
	Amount money.Money
}

// ClaimAccount is one claim in the Ledger.
type ClaimAccount struct {
	InvoiceID string
	// Principal is the claim's Open amount when it counts toward the debt (status
	// open, paid or written off); zero for a credited or locked claim.
	Principal money.Money
	// Paid is what payments paid of it; Settled what write-offs matched as
	// payment settled of it.
	Paid, Settled money.Money
	// Outstanding is Principal − Paid − Settled: what the debtor (and an agency)
	// still collects on the claim.
	Outstanding money.Money
	// WrittenOff is what was written off in the creditor's ledger only (OpenItem):
	// it is part of Outstanding toward the debtor and the agency (N9).
	WrittenOff money.Money
	// PaidOn is the day its principal was paid in full; zero while Outstanding > 0.
	PaidOn date.Date
}

// ChargeAccount is one charge of the case in the Ledger, by the charge's index.
type ChargeAccount struct {
	// Due is the charge's amount (zero when it was waived); Paid what payments paid
	// of it; Outstanding the rest.
	Due, Paid, Outstanding money.Money
}

// Ledger is what the payments of a case paid: every payment and every write-off
// matched as payment allocated to the debt in the jurisdiction's order (N1, N7,
// N8, N9). Case.Ledger computes it from the case's records, so it never goes
// stale and does not depend on the order the payments were recorded in.
//
// The allocation rule, applied to the payments in (date, id) order: write-offs
// matched as payment first settle their own claim's principal; then each
// payment pays, component by component in Order, what had been charged by its
// date (costs and interest charged later are not paid by an earlier payment),
// oldest first within a component (charges by date, claims by due date); what a
// payment leaves over then pays, in the same order, anything charged later; the
// rest is Overpaid, a credit the debtor holds, reported and never dropped.
//
// Invariants (tested): no component is paid more than is due; the allocations
// of each payment plus its share of Overpaid equal the payment; Balance ==
// Outstanding − Overpaid.
type Ledger struct {
	// Order is the allocation order used, with its source: agreement.OrderFor the
	// case's jurisdiction, or agreement.DefaultOrder where the research has no rule.
	Order agreement.Order
	// Allocations lists what each payment paid, payments in (date, id) order.
	Allocations []Allocation
	// Claims are in Case.Claims order; Charges in Case.Charges order.
	Claims  []ClaimAccount
	Charges []ChargeAccount
	// Paid is the sum of the payments; Settled of the write-offs matched as
	// payment; WrittenOff of the open-item write-offs.
	Paid, Settled, WrittenOff money.Money
	// Outstanding is what the debtor still owes, ≥ 0: what an agency collects.
	Outstanding money.Money
	// Overpaid is what was paid beyond the whole debt: a credit, ≥ 0.
	Overpaid money.Money
	// PaymentCredit is, per payment id, the part of that payment in Overpaid.
	PaymentCredit map[string]money.Money
}

// CreditorOutstanding is what the creditor's ledger shows as still open:
// Outstanding less the open-item write-offs (never below zero). An agency sees
// Outstanding (N9).
func (l Ledger) CreditorOutstanding() money.Money {
	m, err := l.Outstanding.Sub(l.WrittenOff)
	if err != nil || m.Sign() < 0 {
		return money.Zero(l.Outstanding.Currency())
	}
	return m
}

// PaymentAllocations returns the allocations of payment id.
func (l Ledger) PaymentAllocations(id string) []Allocation {
	var out []Allocation
	for _, a := range l.Allocations {
		if a.Payment == id && !a.WriteOff {
			out = append(out, a)
		}
	}
	return out
}

// counts reports whether a claim with status s counts toward the debt: it is
// open, or was paid or written off (matched as payment) within the case.
// Credited and locked claims do not.
func counts(s ClaimStatus) bool {
	return s == ClaimOpen || s == ClaimPaid || s == ClaimWrittenOff
}

// allocationOrder returns the order payments are allocated in for j.
func allocationOrder(j dunning.Jurisdiction) agreement.Order {
	if o, err := agreement.OrderFor(j); err == nil {
		return o
	}
	return agreement.DefaultOrder()
}

// ledgerItem is one thing a payment can pay, in minor units.
type ledgerItem struct {
	comp    agreement.Component
	on      date.Date // charged on (charges); zero for principal: owed from the start
	due     date.Date // sort key within the component
	invoice string
	claim   int // index in Claims, or -1
	charge  int // index in Charges, or -1
	left    int64
}

// Ledger allocates the case's payments and write-offs (see Ledger). It fails
// only on amounts in another currency than the case's, which the Service never
// stores, or amounts too large for 64-bit minor units.
func (c Case) Ledger() (Ledger, error) {
	cur := c.Currency
	zero := money.Zero(cur)
	l := Ledger{Order: allocationOrder(c.Jurisdiction), Paid: zero, Settled: zero, WrittenOff: zero, Outstanding: zero, Overpaid: zero}
	units := func(m money.Money, what string) (int64, error) {
		if m.Currency() != cur {
			return 0, fmt.Errorf("collection: case %s: %s %s: %w", c.ID, what, m, money.ErrCurrencyMismatch)
		}
		return m.MinorUnits()
	}
	// mon is n minor units. The amounts of a ledger repeat (a claim's
	// principal is what is outstanding of it, a fee is owed in full), so the
	// last few it made are shared: a decimal never changes, and each one made
	// costs a big.Int.
	var made [8]money.Money
	var madeOf [8]int64
	nmade := 0
	mon := func(n int64) money.Money {
		for i := range min(nmade, len(made)) {
			if madeOf[i] == n {
				return made[i]
			}
		}
		m, _ := money.FromMinorUnits(n, cur)
		made[nmade%len(made)], madeOf[nmade%len(made)] = m, n
		nmade++
		return m
	}

	type claimAcc struct{ principal, paid, settled, writtenOff int64 }
	claims := make([]claimAcc, len(c.Claims))
	items := make([]ledgerItem, 0, len(c.Claims)+len(c.Charges))
	for i, cl := range c.Claims {
		if !counts(cl.Status) {
			continue
		}
		n, err := units(cl.Open, "claim "+cl.InvoiceID)
		if err != nil {
			return Ledger{}, err
		}
		claims[i].principal = n
		items = append(items, ledgerItem{comp: agreement.Principal, due: cl.Due, invoice: cl.InvoiceID, claim: i, charge: -1, left: n})
	}
	chargeDue := make([]int64, len(c.Charges))
	for j, ch := range c.Charges {
		if ch.Waived {
			continue
		}
		n, err := units(ch.Amount, ch.Kind.String()+" charge")
		if err != nil {
			return Ledger{}, err
		}
		chargeDue[j] = n
		comp := agreement.Costs
		if ch.Kind == ChargeInterest {
			comp = agreement.Interest
		}
		items = append(items, ledgerItem{comp: comp, on: ch.On, due: ch.On, invoice: ch.InvoiceID, claim: -1, charge: j, left: n})
	}
	rank := func(comp agreement.Component) int {
		for i, x := range l.Order.Sequence {
			if x == comp {
				return i
			}
		}
		return len(l.Order.Sequence)
	}
	slices.SortStableFunc(items, func(a, b ledgerItem) int {
		return cmp.Or(cmp.Compare(rank(a.comp), rank(b.comp)), a.due.Compare(b.due), cmp.Compare(a.invoice, b.invoice), cmp.Compare(a.charge, b.charge))
	})

	// Write-offs: open-item ones are only counted; matched ones settle their claim first.
	wos := slices.Clone(c.WriteOffs)
	slices.SortFunc(wos, func(a, b WriteOff) int { return cmp.Or(a.On.Compare(b.On), cmp.Compare(a.ID, b.ID)) })
	var settledTotal, writtenTotal int64
	for _, w := range wos {
		n, err := units(w.Amount, "write-off "+w.ID)
		if err != nil {
			return Ledger{}, err
		}
		i := c.claimIndex(w.InvoiceID)
		if i < 0 || !counts(c.Claims[i].Status) {
			continue
		}
		if w.Mode == OpenItem {
			claims[i].writtenOff += n
			writtenTotal += n
			continue
		}
		for k := range items {
			it := &items[k]
			if it.claim != i || it.left == 0 {
				continue
			}
			take := min(n, it.left)
			it.left -= take
			claims[i].settled += take
			settledTotal += take
			l.Allocations = append(l.Allocations, Allocation{Payment: w.ID, WriteOff: true, On: w.On, Component: agreement.Principal, InvoiceID: w.InvoiceID, Charge: -1, Amount: mon(take)})
		}
	}

	pays := slices.Clone(c.Payments)
	slices.SortFunc(pays, func(a, b Payment) int { return cmp.Or(a.On.Compare(b.On), cmp.Compare(a.ID, b.ID)) })
	left := make([]int64, len(pays))
	var paidTotal int64
	paidOn := make([]date.Date, len(c.Claims))
	pay := func(p int, it *ledgerItem) {
		take := min(left[p], it.left)
		if take == 0 {
			return
		}
		left[p] -= take
		it.left -= take
		if it.claim >= 0 {
			claims[it.claim].paid += take
			if it.left == 0 {
				paidOn[it.claim] = pays[p].On
			}
		}
		l.Allocations = append(l.Allocations, Allocation{Payment: pays[p].ID, On: pays[p].On, Component: it.comp, InvoiceID: it.invoice, Charge: it.charge, Amount: mon(take)})
	}
	for p, py := range pays {
		n, err := units(py.Amount, "payment "+py.ID)
		if err != nil {
			return Ledger{}, err
		}
		left[p] = n
		paidTotal += n
		for k := range items {
			if items[k].on.After(py.On) {
				continue // charged after the payment was made
			}
			pay(p, &items[k])
		}
	}
	// What earlier payments left over pays what was charged after them.
	for p := range pays {
		for k := range items {
			pay(p, &items[k])
		}
	}

	var outstanding, overpaid int64
	for _, it := range items {
		outstanding += it.left
	}
	l.PaymentCredit = make(map[string]money.Money)
	for p := range pays {
		overpaid += left[p]
		if left[p] > 0 {
			l.PaymentCredit[pays[p].ID] = mon(left[p])
		}
	}
	l.Claims = make([]ClaimAccount, len(c.Claims))
	for i, cl := range c.Claims {
		a := claims[i]
		out := a.principal - a.paid - a.settled
		acc := ClaimAccount{InvoiceID: cl.InvoiceID, Principal: mon(a.principal), Paid: mon(a.paid), Settled: mon(a.settled), Outstanding: mon(out), WrittenOff: mon(min(a.writtenOff, out))}
		if out == 0 && a.principal > 0 {
			acc.PaidOn = paidOn[i]
			if a.paid == 0 || acc.PaidOn == (date.Date{}) {
				acc.PaidOn = latestWriteOff(wos, cl.InvoiceID)
			}
		}
		l.Claims[i] = acc
	}
	l.Charges = make([]ChargeAccount, len(c.Charges))
	for _, it := range items {
		if it.charge >= 0 {
			due := chargeDue[it.charge]
			l.Charges[it.charge] = ChargeAccount{Due: mon(due), Paid: mon(due - it.left), Outstanding: mon(it.left)}
		}
	}
	for j := range l.Charges {
		if c.Charges[j].Waived {
			l.Charges[j] = ChargeAccount{Due: zero, Paid: zero, Outstanding: zero}
		}
	}
	l.Paid, l.Settled, l.WrittenOff = mon(paidTotal), mon(settledTotal), mon(writtenTotal)
	l.Outstanding, l.Overpaid = mon(outstanding), mon(overpaid)
	return l, nil
}

func latestWriteOff(wos []WriteOff, invoice string) date.Date {
	var d date.Date
	for _, w := range wos {
		if w.InvoiceID == invoice && w.Mode == MatchedAsPayment && w.On.After(d) {
			d = w.On
		}
	}
	return d
}

// PaymentResult is what RecordPayment did.
type PaymentResult struct {
	// Case is the case after the payment.
	Case Case
	// Duplicate says the payment had been recorded before: nothing changed.
	Duplicate bool
	// Allocations are what the payment paid (Ledger.PaymentAllocations).
	Allocations []Allocation
	// Overpaid is the part of the payment beyond the whole debt: a credit the
	// debtor holds, reported here and in a "payment.overpaid" event, never dropped.
	Overpaid money.Money
	// Outstanding is what the debtor still owes on the case.
	Outstanding money.Money
}

// RecordPayment records a payment on a case (N1, N7, N8) and allocates it in
// the jurisdiction's order (see Ledger). It is idempotent on Payment.ID: the
// same payment again changes nothing and returns the same result with
// Duplicate set; the same id with another date, amount or recipient is an
// *IDConflictError. Bad input (a missing id or date, a date after today, an
// amount that is not positive or not in the case's currency, an undefined To)
// is a *dunning.FieldError naming the value, and changes nothing; so is input
// beyond the limits (an id or Reference too long or not one line of UTF-8, a
// date outside MinYear..MaxYear, an amount beyond MaxAmount), which is checked
// before the case is read.
//
// A payment changes the case by itself (N1): claims whose principal is paid
// become ClaimPaid; a case whose whole debt is paid is closed with ReasonPaid
// and archived (N5, N7); a payment of a settlement offer's amount by its expiry
// settles the case (E11); on a plan the plan's follow-up date moves (E13).
// Payments are also accepted on a closed case, where they are overpayments or
// pay an interest invoice; a deactivated case takes none (P4).
// Implements N1, N7, N8.
func (s *Service) RecordPayment(ctx context.Context, id CaseID, p Payment) (PaymentResult, error) {
	if err := checkPayment(id, p); err != nil {
		return PaymentResult{}, err
	}
	dup := false
	c, err := s.update(ctx, id, "record payment", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		var err error
		dup, err = s.recordPayment(c, p, today, ch)
		return err
	})
	if err != nil {
		return PaymentResult{}, err
	}
	l, err := c.Ledger()
	if err != nil {
		return PaymentResult{}, err
	}
	over, ok := l.PaymentCredit[p.ID]
	if !ok {
		over = money.Zero(c.Currency)
	}
	return PaymentResult{Case: c, Duplicate: dup, Allocations: l.PaymentAllocations(p.ID), Overpaid: over, Outstanding: l.Outstanding}, nil
}

// recordPayment is the body of RecordPayment, shared with ApplyAgencyUpdate.
// It reports whether the payment was already recorded.
func (s *Service) recordPayment(c *Case, p Payment, today date.Date, ch *change) (bool, error) {
	if p.To == 0 {
		p.To = PaidToCreditor // the zero value's meaning (PaidTo)
	}
	var errs []error
	if p.ID == "" {
		errs = append(errs, &dunning.FieldError{Field: "Payment.ID", Value: "", Reason: "is required"})
	}
	if p.On == (date.Date{}) {
		errs = append(errs, &dunning.FieldError{Field: "Payment.On", Value: "", Reason: "is required"})
	} else if p.On.After(today) {
		errs = append(errs, &dunning.FieldError{Field: "Payment.On", Value: p.On.String(), Reason: "is after today, " + today.String()})
	}
	checkAmount(&errs, "Payment.Amount", p.Amount, c.Currency, false)
	if !p.To.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "Payment.To", Value: p.To.String(), Reason: "is not PaidToCreditor, PaidToAgency or zero (the creditor)"})
	}
	if err := joinErrs(errs); err != nil {
		return false, err
	}
	if i := slices.IndexFunc(c.Payments, func(x Payment) bool { return x.ID == p.ID }); i >= 0 {
		have := c.Payments[i]
		if have.On != p.On || !have.Amount.Equal(p.Amount) || have.To != p.To {
			return false, &IDConflictError{CaseID: c.ID, What: "payment", ID: p.ID, Have: paymentText(have), Got: paymentText(p)}
		}
		return true, nil
	}
	if err := s.allow(*c, "record payment", today); err != nil {
		return false, err
	}
	before, err := c.Ledger()
	if err != nil {
		return false, err
	}
	c.Payments = append(c.Payments, p)
	sortPayments(c.Payments)
	after, err := c.Ledger()
	if err != nil {
		return false, err
	}
	ch.add(EventPaymentRecorded, "payment", p.ID, "amount", p.Amount.String(), "on", p.On.String(), "to", p.To.String(), "overpaid", after.Overpaid.String())
	if d, _ := after.Overpaid.Sub(before.Overpaid); d.Sign() > 0 {
		ch.add(EventOverpaid, "payment", p.ID, "amount", d.String())
	}
	return false, s.settle(c, today, ch)
}

func paymentText(p Payment) string {
	return fmt.Sprintf("%s on %s to %s", p.Amount, p.On, p.To)
}

// sortPayments keeps Case.Payments in (date, id) order, so the same payments
// recorded in any order give the same case.
func sortPayments(ps []Payment) {
	slices.SortFunc(ps, func(a, b Payment) int { return cmp.Or(a.On.Compare(b.On), cmp.Compare(a.ID, b.ID)) })
}

// settle brings a case in line with its ledger after money or a write-off was
// booked (N1): claim statuses, an accepted settlement offer (E11), the plan's
// follow-up date (E13), and closing and archiving a case whose debt is paid
// (N5, N7).
func (s *Service) settle(c *Case, today date.Date, ch *change) error {
	if err := s.acceptOffer(c, today, ch); err != nil {
		return err
	}
	l, err := c.Ledger()
	if err != nil {
		return err
	}
	syncClaims(c, l, ch)
	if c.Progress.Track == flow.TrackPlan {
		if err := s.planCheckDate(c, today); err != nil {
			return err
		}
	}
	if c.Status.Running() && l.Outstanding.IsZero() {
		reason := ReasonPaid
		if l.Paid.IsZero() || (c.Offer != nil && c.Offer.Accepted != (date.Date{})) {
			reason = ReasonSettled
		}
		s.closeSettled(c, reason, ch)
	}
	return nil
}

// syncClaims sets the status of each claim that counts toward the debt from the
// ledger l: paid (or written off) when nothing of its principal is outstanding,
// open again when a later allocation left some of it unpaid (a charge added on
// the day of the payment is paid first, in the jurisdiction's order).
func syncClaims(c *Case, l Ledger, ch *change) {
	for i := range c.Claims {
		cl := &c.Claims[i]
		acc := l.Claims[i]
		if !counts(cl.Status) || acc.Principal.IsZero() {
			continue
		}
		switch settled := acc.Outstanding.IsZero(); {
		case settled && cl.Status == ClaimOpen:
			if acc.Paid.IsZero() {
				cl.Status = ClaimWrittenOff
				ch.add(EventClaimPaid, "invoice", cl.InvoiceID, "on", acc.PaidOn.String(), "by", "write-off")
			} else {
				cl.Status = ClaimPaid
				ch.add(EventClaimPaid, "invoice", cl.InvoiceID, "on", acc.PaidOn.String(), "by", "payment")
			}
		case !settled && cl.Status != ClaimOpen:
			cl.Status = ClaimOpen
			ch.add(EventClaimReopened, "invoice", cl.InvoiceID)
		}
	}
}

// closeSettled closes a case whose debt is settled and archives it (N5).
func (s *Service) closeSettled(c *Case, reason string, ch *change) {
	c.Status = StatusClosed
	c.CloseReason = reason
	c.Archived = true
	ch.add(EventClosed, "reason", reason, "waivedCosts", "false", "waivedInterest", "false", "credited", "false")
	ch.add(EventArchived, "reason", reason)
}

// Credit records a credit note on invoice invoiceID of a case (N8): the claim's
// Open amount is reduced by the credit's amount, which may not exceed the
// claim's unpaid principal. A claim credited in full becomes ClaimCredited; a
// case left with nothing to pay is closed as paid (or settled) and archived.
// Idempotent on CreditNote.ID (the same id with other contents is an
// *IDConflictError). The limits of the ids, the date (within MinYear..MaxYear)
// and the amount (at most MaxAmount) are checked before the case is read, each
// a *dunning.FieldError. Implements N8.
func (s *Service) Credit(ctx context.Context, id CaseID, invoiceID string, n CreditNote) (Case, error) {
	if err := checkBookingInput(id, invoiceID, n.ID, n.On, n.Amount, "CreditNote"); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "credit", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		n.InvoiceID = invoiceID
		if k := slices.IndexFunc(c.Credits, func(x CreditNote) bool { return x.ID == n.ID }); k >= 0 && sameCredit(c.Credits[k], n) {
			return nil // recorded before; the claim it credited may no longer count
		}
		i, err := s.checkBooking(c, invoiceID, n.ID, n.On, n.Amount, "CreditNote", today)
		if err != nil {
			return err
		}
		if k := slices.IndexFunc(c.Credits, func(x CreditNote) bool { return x.ID == n.ID }); k >= 0 {
			if have := c.Credits[k]; !sameCredit(have, n) {
				return &IDConflictError{CaseID: c.ID, What: "credit note", ID: n.ID, Have: bookingText(have.InvoiceID, have.Amount, have.On), Got: bookingText(n.InvoiceID, n.Amount, n.On)}
			}
			return nil
		}
		if err := s.allow(*c, "credit", today); err != nil {
			return err
		}
		l, err := c.Ledger()
		if err != nil {
			return err
		}
		if err := notAbove(n.Amount, l.Claims[i].Outstanding, "CreditNote.Amount", "the unpaid principal of invoice "+invoiceID); err != nil {
			return err
		}
		cl := &c.Claims[i]
		cl.Open, _ = cl.Open.Sub(n.Amount)
		c.Credits = append(c.Credits, n)
		ch.add(EventCreditRecorded, "credit", n.ID, "invoice", invoiceID, "amount", n.Amount.String(), "on", n.On.String())
		if cl.Open.IsZero() {
			cl.Status = ClaimCredited
			ch.add(EventClaimCredited, "invoice", invoiceID)
		}
		return s.settle(c, today, ch)
	})
}

// WriteOff writes off part or all of invoice invoiceID of a case in one of the
// two modes of N9, which are never confused:
//
//   - OpenItem: the creditor's ledger writes the amount off (Ledger.WrittenOff,
//     CreditorOutstanding), but the claim stays alive: its status, the case's
//     Balance and Ledger.Outstanding — what the debtor owes and an agency
//     collects — do not change, and the flow or the agency goes on.
//   - MatchedAsPayment: the amount is settled as if paid (Ledger.Settled): the
//     debtor and the agency no longer owe it; a claim settled in full becomes
//     ClaimWrittenOff, and a case with nothing left to pay is closed as settled
//     and archived.
//
// The amount may not exceed the claim's unpaid principal (for OpenItem, less
// what is already written off in the creditor's ledger). Idempotent on
// WriteOff.ID. Its input is checked as Credit's is, before the case is read.
// Implements N9.
func (s *Service) WriteOff(ctx context.Context, id CaseID, invoiceID string, w WriteOff) (Case, error) {
	if err := checkBookingInput(id, invoiceID, w.ID, w.On, w.Amount, "WriteOff"); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "write off", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		w.InvoiceID = invoiceID
		if k := slices.IndexFunc(c.WriteOffs, func(x WriteOff) bool { return x.ID == w.ID }); k >= 0 && sameWriteOff(c.WriteOffs[k], w) {
			return nil // recorded before; the claim it wrote off may no longer count
		}
		i, err := s.checkBooking(c, invoiceID, w.ID, w.On, w.Amount, "WriteOff", today)
		var errs []error
		if err != nil {
			errs = append(errs, err)
		}
		if !w.Mode.IsValid() {
			errs = append(errs, &dunning.FieldError{Field: "WriteOff.Mode", Value: w.Mode.String(), Reason: "must be OpenItem or MatchedAsPayment (N9)"})
		}
		if err := joinErrs(errs); err != nil {
			return err
		}
		if k := slices.IndexFunc(c.WriteOffs, func(x WriteOff) bool { return x.ID == w.ID }); k >= 0 {
			have := c.WriteOffs[k]
			if !sameWriteOff(have, w) {
				return &IDConflictError{CaseID: c.ID, What: "write-off", ID: w.ID, Have: bookingText(have.InvoiceID, have.Amount, have.On) + " " + have.Mode.String(), Got: bookingText(w.InvoiceID, w.Amount, w.On) + " " + w.Mode.String()}
			}
			return nil
		}
		if err := s.allow(*c, "write off", today); err != nil {
			return err
		}
		l, err := c.Ledger()
		if err != nil {
			return err
		}
		acc := l.Claims[i]
		limit, what := acc.Outstanding, "the unpaid principal of invoice "+invoiceID
		if w.Mode == OpenItem {
			limit, _ = acc.Outstanding.Sub(acc.WrittenOff)
			what += " not yet written off"
		}
		if err := notAbove(w.Amount, limit, "WriteOff.Amount", what); err != nil {
			return err
		}
		c.WriteOffs = append(c.WriteOffs, w)
		slices.SortFunc(c.WriteOffs, func(a, b WriteOff) int { return cmp.Or(a.On.Compare(b.On), cmp.Compare(a.ID, b.ID)) })
		ch.add(EventWrittenOff, "writeOff", w.ID, "invoice", invoiceID, "amount", w.Amount.String(), "on", w.On.String(), "mode", w.Mode.String())
		if w.Mode == OpenItem {
			return nil // the claim stays alive toward the debtor and the agency (N9)
		}
		return s.settle(c, today, ch)
	})
}

// checkBooking validates the common fields of a credit note or write-off and
// returns the index of the claim.
func (s *Service) checkBooking(c *Case, invoiceID, id string, on date.Date, amount money.Money, what string, today date.Date) (int, error) {
	var errs []error
	i := c.claimIndex(invoiceID)
	if i < 0 {
		errs = append(errs, &dunning.FieldError{Field: "invoiceID", Value: shown(invoiceID), Reason: fmt.Sprintf("is not a claim of case %q", string(c.ID))})
	} else if !counts(c.Claims[i].Status) {
		errs = append(errs, &dunning.FieldError{Field: "invoiceID", Value: invoiceID, Reason: "is " + c.Claims[i].Status.String() + ", not part of the debt"})
	}
	if id == "" {
		errs = append(errs, &dunning.FieldError{Field: what + ".ID", Value: "", Reason: "is required"})
	}
	if on == (date.Date{}) {
		errs = append(errs, &dunning.FieldError{Field: what + ".On", Value: "", Reason: "is required"})
	} else if on.After(today) {
		errs = append(errs, &dunning.FieldError{Field: what + ".On", Value: on.String(), Reason: "is after today, " + today.String()})
	}
	checkAmount(&errs, what+".Amount", amount, c.Currency, false)
	return i, joinErrs(errs)
}

// sameCredit reports whether a and b are the same credit note.
func sameCredit(a, b CreditNote) bool {
	return a.ID == b.ID && a.InvoiceID == b.InvoiceID && a.On == b.On && a.Amount.Equal(b.Amount)
}

// sameWriteOff reports whether a and b are the same write-off.
func sameWriteOff(a, b WriteOff) bool {
	return a.ID == b.ID && a.InvoiceID == b.InvoiceID && a.On == b.On && a.Amount.Equal(b.Amount) && a.Mode == b.Mode
}

func bookingText(invoice string, m money.Money, on date.Date) string {
	return fmt.Sprintf("%s on invoice %s on %s", m, invoice, on)
}

// notAbove returns a *dunning.FieldError when m exceeds limit.
func notAbove(m, limit money.Money, field, what string) error {
	if n, err := m.Compare(limit); err != nil || n > 0 {
		return &dunning.FieldError{Field: field, Value: m.String(), Reason: "is more than " + what + ", " + limit.String()}
	}
	return nil
}
