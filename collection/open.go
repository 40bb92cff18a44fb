package collection

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/money"
)

// OpenRequest is what Open needs to open a case (E1, N4).
type OpenRequest struct {
	// ID is the host's id for the new case. Required.
	ID CaseID
	// Creditor and Debtor must pass dunning.Party.Validate.
	Creditor dunning.Party
	Debtor   dunning.Party
	// Invoices are the claims, at least one, each with its own id (N4).
	Invoices []Invoice
	// Currency is the currency of every invoice; empty means the currency of
	// Jurisdiction.
	Currency money.Currency
	// Jurisdiction is the law the case is run under; empty means the debtor's.
	Jurisdiction dunning.Jurisdiction
	// Flow names the flow (Options.Flows), chosen when the case is created (E1).
	Flow string
	// PostalDays are added to the earliest due date before the first step (S2).
	PostalDays int
	// FeeAgreed says a reminder fee was agreed when the debt arose (SE).
	FeeAgreed bool
	// Interest is the late-payment interest the batch run charges (S7). The zero
	// value is statutory interest from each invoice's due date, the law's default
	// (see InterestTerms); InterestNone waives it.
	Interest InterestTerms
	// Published says the case is visible to the debtor from the start.
	Published bool
}

// Invoice is an invoice to collect.
type Invoice struct {
	ID     string    // the host's invoice id; required and unique
	Number string    // the invoice number printed on letters
	Issued date.Date // the invoice date; optional
	Due    date.Date // the due date; required
	Amount money.Money
	// Open is the amount still open; Money{} means all of Amount.
	Open money.Money
}

// Open opens a case from invoices with a chosen flow (E1). It checks the whole
// request before it reads the store and returns every problem as a
// *dunning.FieldError (joined): the parties, the jurisdiction, the currency of
// every amount, positive amounts with Open no more than Amount, due dates,
// duplicate invoice ids, the flow, and the input limits of every field (text
// lengths, UTF-8, no NUL, no line break in one-line fields such as names;
// MaxAmount, MaxPostalDays, MaxPercent, dates from MinYear to MaxYear). An
// invoice already in a running case of the creditor is an *InvoiceError; so is
// one locked by a deactivation, which only Reopen may put in a new case (P6).
// An existing id is an *ExistsError. Open reads the creditor's profile
// (Options.Creditors) for its contract terms (CreditorProfile.Terms): terms the
// case's law pack does not allow are a *law.TermsError, and a failed lookup fails
// Open; either way nothing is saved.
func (s *Service) Open(ctx context.Context, r OpenRequest) (Case, error) {
	c, err := s.newCase(r)
	if err != nil {
		return Case{}, err
	}
	for _, cl := range c.Claims {
		if err := s.checkInvoiceFree(ctx, c.Creditor.ID, cl.InvoiceID, ""); err != nil {
			// The same request again finds its invoice in the case it opened: that is
			// an existing id, as documented, not an invoice in another case.
			var ie *InvoiceError
			if errors.As(err, &ie) && ie.CaseID == c.ID {
				return Case{}, &ExistsError{CaseID: c.ID}
			}
			return Case{}, err
		}
	}
	if err := s.applyTerms(ctx, &c); err != nil {
		return Case{}, err
	}
	if err := s.earlierHistory(ctx, &c); err != nil {
		return Case{}, err
	}
	var invoices []string
	for _, cl := range c.Claims {
		invoices = append(invoices, cl.InvoiceID)
	}
	return s.create(ctx, c, "open", "flow", r.Flow, "currency", string(c.Currency), "jurisdiction", string(c.Jurisdiction), "invoices", strings.Join(invoices, ","))
}

// ReopenRequest is what Reopen needs to put invoices locked by a deactivation in a
// new case (P6).
type ReopenRequest struct {
	// ID is the host's id for the new case. Required.
	ID CaseID
	// From is the deactivated case that holds the locked invoices.
	From CaseID
	// Invoices are the ids of the locked invoices to re-open; empty means all of them.
	Invoices []string
	// Flow, PostalDays and FeeAgreed are as in OpenRequest. The new case keeps
	// the Interest terms of case From.
	Flow       string
	PostalDays int
	FeeAgreed  bool
}

// Reopen re-opens invoices that a deactivation locked ("collection deactivated")
// in a new case with the same creditor, debtor, currency and jurisdiction (P6):
// the way collection continues after a deactivation (P4 keeps the old case
// deactivated). Each invoice must be locked in case From and in no running case.
// An invoice is re-opened with what is still outstanding of it: what case From's
// payments and write-offs paid of it stays paid (P2, P6); one paid in full is a
// *dunning.FieldError. Its history in earlier cases goes with it (Claim.Earlier),
// and so does the late-payment interest case From charged on it and was not
// paid, as an interest charge of the new case (with no Period: its days are
// From's); the new case charges interest from where From stopped
// (ClaimHistory.InterestThrough), so no day's interest is charged twice (S7).
// The request is checked against the input limits before case From is read.
func (s *Service) Reopen(ctx context.Context, r ReopenRequest) (Case, error) {
	if err := s.checkReopen(r); err != nil {
		return Case{}, err
	}
	from, err := s.load(ctx, r.From)
	if err != nil {
		return Case{}, err
	}
	if from.Status != StatusDeactivated {
		return Case{}, &TransitionError{CaseID: from.ID, Op: "reopen from", Status: from.Status, Reason: "only invoices of a deactivated case are locked and can be re-opened (P6)"}
	}
	ids := r.Invoices
	if len(ids) == 0 {
		for _, cl := range from.Claims {
			if cl.Status == ClaimLocked {
				ids = append(ids, cl.InvoiceID)
			}
		}
	}
	// P2, P6: what the deactivated case's payments and write-offs paid of each
	// invoice stays paid. Its Ledger leaves locked claims out, so the amounts are
	// read from the Ledger the case had while the claims were open.
	open, interestLeft, err := lockedOutstanding(from)
	if err != nil {
		return Case{}, err
	}
	var errs []error
	var invoices []Invoice
	for i, id := range ids {
		cl, ok := from.Claim(id)
		if !ok || cl.Status != ClaimLocked {
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("Invoices[%d]", i), Value: shown(id), Reason: fmt.Sprintf("is not a locked invoice of case %q", string(from.ID))})
			continue
		}
		owed := open[id]
		if !owed.IsPositive() {
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("Invoices[%d]", i), Value: id, Reason: fmt.Sprintf("was paid in full in case %q: nothing to collect", string(from.ID))})
			continue
		}
		invoices = append(invoices, Invoice{ID: cl.InvoiceID, Number: cl.Number, Issued: cl.Issued, Due: cl.Due, Amount: cl.Original, Open: owed})
	}
	if len(ids) == 0 {
		errs = append(errs, &dunning.FieldError{Field: "Invoices", Value: "", Reason: fmt.Sprintf("case %q has no locked invoices", string(from.ID))})
	}
	if err := errors.Join(errs...); err != nil {
		return Case{}, err
	}
	c, err := s.newCase(OpenRequest{
		ID: r.ID, Creditor: from.Creditor, Debtor: from.Debtor, Invoices: invoices,
		Currency: from.Currency, Jurisdiction: from.Jurisdiction, Flow: r.Flow,
		PostalDays: r.PostalDays, FeeAgreed: r.FeeAgreed, Interest: from.InterestTerms(),
	})
	if err != nil {
		return Case{}, err
	}
	for _, cl := range c.Claims {
		if err := s.checkInvoiceFree(ctx, c.Creditor.ID, cl.InvoiceID, from.ID); err != nil {
			return Case{}, err
		}
	}
	// E4, E6: the fee law counts per claim, so the new case carries what the
	// deactivated case (and any before it) did to its invoices.
	if err := s.applyTerms(ctx, &c); err != nil {
		return Case{}, err
	}
	if err := s.earlierHistory(ctx, &c); err != nil {
		return Case{}, err
	}
	// S7, P6: the interest case From charged on an invoice and was not paid
	// goes with it (the new case charges from where From stopped:
	// ClaimHistory.InterestThrough), so no day's interest is lost or charged
	// twice.
	today := date.Today(s.clock, s.loc)
	kv := []string{"flow", r.Flow, "currency", string(c.Currency), "jurisdiction", string(c.Jurisdiction), "invoices", strings.Join(ids, ","), "reopenedFrom", string(from.ID)}
	var carried []string
	for _, cl := range c.Claims {
		left := interestLeft[cl.InvoiceID]
		if !left.IsPositive() {
			continue
		}
		through := cl.Due
		if cl.Earlier != nil {
			through = cl.Earlier.InterestThrough
		}
		c.Charges = append(c.Charges, Charge{Kind: ChargeInterest, Amount: left, On: today, InvoiceID: cl.InvoiceID,
			Source: fmt.Sprintf("late-payment interest case %q charged up to %s and was not paid, carried over (P6)", string(from.ID), through)})
		carried = append(carried, cl.InvoiceID+" "+left.String())
	}
	if len(carried) > 0 {
		kv = append(kv, "interestCarried", strings.Join(carried, "; "))
	}
	return s.create(ctx, c, "reopen", kv...)
}

// lockedOutstanding returns, per invoice locked in the deactivated case c, the
// principal still outstanding after what c's payments and write-offs matched as
// payment paid of it, and the late-payment interest c charged on it (its own
// period charges and what it carried over itself, not waived) that is still
// outstanding (Case.Ledger with the locked claims counted as open).
func lockedOutstanding(c Case) (principal, interest map[string]money.Money, err error) {
	c = c.Clone()
	for i := range c.Claims {
		if c.Claims[i].Status == ClaimLocked {
			c.Claims[i].Status = ClaimOpen
		}
	}
	l, err := c.Ledger()
	if err != nil {
		return nil, nil, err
	}
	principal = make(map[string]money.Money, len(c.Claims))
	for i, acc := range l.Claims {
		principal[c.Claims[i].InvoiceID] = acc.Outstanding
	}
	interest = map[string]money.Money{}
	for i, chg := range c.Charges {
		if chg.Kind != ChargeInterest || chg.Waived || chg.InvoiceID == "" || !l.Charges[i].Outstanding.IsPositive() {
			continue
		}
		sum := l.Charges[i].Outstanding
		if have, ok := interest[chg.InvoiceID]; ok {
			sum, _ = have.Add(sum)
		}
		interest[chg.InvoiceID] = sum
	}
	return principal, interest, nil
}

// create saves a new case with its opening event.
func (s *Service) create(ctx context.Context, c Case, op string, kv ...string) (Case, error) {
	now := s.clock.Now()
	today := date.Today(s.clock, s.loc)
	s.refresh(&c, today)
	var ch change
	ch.add(EventOpened, kv...)
	ch.events[0].CaseID, ch.events[0].Seq, ch.events[0].At, ch.events[0].Actor = c.ID, 1, now, s.actor
	v, err := s.store.Save(ctx, c, ch.events, nil)
	if errors.Is(err, ErrConflict) {
		return Case{}, &ExistsError{CaseID: c.ID}
	}
	if err != nil {
		return Case{}, fmt.Errorf("collection: %s case %q: save: %w", op, string(c.ID), err)
	}
	c.Version = v
	s.log.InfoContext(ctx, "collection: "+op, "case", string(c.ID), "version", uint64(v))
	return c, nil
}

// newCase validates an OpenRequest and builds the case it describes. It reads
// no store: Open and Reopen call it before their look-ups.
func (s *Service) newCase(r OpenRequest) (Case, error) {
	var errs []error
	bad := func(field, value, reason string, cause error) {
		errs = append(errs, &dunning.FieldError{Field: field, Value: shown(value), Reason: reason, Err: cause})
	}
	lim := (*problems)(&errs)
	if r.ID == "" {
		bad("ID", "", "is required", nil)
	} else {
		lim.text("ID", string(r.ID), MaxIDBytes, oneLine)
	}
	for _, party := range []struct {
		who string
		p   dunning.Party
	}{{"Creditor", r.Creditor}, {"Debtor", r.Debtor}} {
		var own problems
		own.party(party.who, party.p)
		errs = append(errs, own...)
		errs = append(errs, partyProblems(party.who, party.p, own)...)
	}
	j := r.Jurisdiction
	if j == "" {
		j = r.Debtor.Jurisdiction
	}
	pk, perr := s.laws.Pack(j)
	switch {
	case !j.IsValid():
		bad("Jurisdiction", string(j), "is not a jurisdiction code", nil)
	case perr != nil:
		bad("Jurisdiction", string(j), "has no law pack (packs: "+joinCodes(s.laws.Codes())+"; give one in Options.Laws)", perr)
	}
	cur := r.Currency
	if cur == "" && pk != nil {
		cur = pk.Currency()
	}
	if _, err := money.ParseCurrency(string(cur)); err != nil {
		if r.Currency != "" || pk != nil { // without a pack, the jurisdiction's error says it all
			bad("Currency", string(cur), "is not a known currency", err)
		}
		cur = "" // the amounts are then checked for validity and sign only
	}
	s.checkFlow(lim, "Flow", r.Flow)
	if r.PostalDays < 0 {
		bad("PostalDays", strconv.Itoa(r.PostalDays), "is negative", nil)
	}
	if err := r.Interest.validate("Interest"); err != nil {
		errs = append(errs, err)
	}
	lim.openLimits(r)
	if len(r.Invoices) == 0 {
		bad("Invoices", "", "at least one invoice is required (N4)", nil)
	}
	seen := make(map[string]bool, len(r.Invoices))
	claims := make([]Claim, 0, min(len(r.Invoices), MaxInvoices))
	for i, inv := range r.Invoices {
		if i == MaxInvoices {
			break // openLimits refused the rest
		}
		f := func(name string) string { return fmt.Sprintf("Invoices[%d].%s", i, name) }
		lim.invoiceLimits(f, inv)
		if inv.ID == "" {
			bad(f("ID"), "", "is required", nil)
		} else if seen[inv.ID] {
			bad(f("ID"), inv.ID, "is a duplicate invoice id", nil)
		}
		seen[inv.ID] = true
		if inv.Due == (date.Date{}) {
			bad(f("Due"), "", "is required", nil)
		}
		if inv.Issued != (date.Date{}) && inv.Due != (date.Date{}) && inv.Issued.After(inv.Due) {
			bad(f("Issued"), inv.Issued.String(), "is after the due date "+inv.Due.String(), nil)
		}
		open := inv.Open
		if open == (money.Money{}) {
			open = inv.Amount
		}
		amountOK := checkAmount(&errs, f("Amount"), inv.Amount, cur, false) && lim.bounded(f("Amount"), inv.Amount)
		// Open left unset is the Amount: its problems are the Amount's, reported once.
		openOK := amountOK
		if inv.Open != (money.Money{}) {
			openOK = checkAmount(&errs, f("Open"), open, cur, false) && lim.bounded(f("Open"), open)
		}
		if amountOK && openOK {
			if n, _ := open.Compare(inv.Amount); n > 0 {
				bad(f("Open"), open.String(), "is more than the invoice amount "+inv.Amount.String(), nil)
			}
		}
		claims = append(claims, Claim{InvoiceID: inv.ID, Number: inv.Number, Issued: inv.Issued, Due: inv.Due, Original: inv.Amount, Open: open, Status: ClaimOpen})
	}
	if err := errors.Join(errs...); err != nil {
		return Case{}, err
	}
	c := Case{
		ID:           r.ID,
		Creditor:     cloneParty(r.Creditor),
		Debtor:       cloneParty(r.Debtor),
		Currency:     cur,
		Jurisdiction: j,
		Claims:       claims,
		Status:       StatusActive,
		Stage:        StageReminders,
		Progress:     flow.Start(s.mustFlow(r.Flow)),
		PostalDays:   r.PostalDays,
		FeeAgreed:    r.FeeAgreed,
		Published:    r.Published,
	}
	if r.Interest.Mode != InterestStatutory || !r.Interest.Percent.IsZero() || len(r.Interest.Waived) > 0 {
		it := r.Interest
		it.Waived = slices.Clone(it.Waived)
		c.Interest = &it
	}
	return c, nil
}

// applyTerms checks the creditor's contract terms (CreditorProfile.Terms) and
// the case's own contract rate against its law pack for its debtor on the day it
// opens: the law caps the contract, so terms that ask for more are refused with
// a *law.TermsError naming the term, the law's limit and its source. A case
// opened with the statutory default gets the creditor's contractual rate.
func (s *Service) applyTerms(ctx context.Context, c *Case) error {
	ci := s.creditor(ctx, c.Creditor.ID, nil)
	if ci.err != nil {
		return fmt.Errorf("collection: creditor %q: %w", c.Creditor.ID, ci.err)
	}
	t := ci.profile.Terms
	it := c.InterestTerms()
	if it.Mode == InterestContract {
		t.InterestPercent = it.Percent
	}
	if t.IsZero() {
		return nil
	}
	if err := s.lawOf(c.Jurisdiction).CheckTerms(t, c.Debtor.Kind, s.Today()); err != nil {
		return fmt.Errorf("collection: case %q: creditor %q: %w", string(c.ID), c.Creditor.ID, err)
	}
	if c.Interest == nil && t.InterestPercent.IsPositive() {
		c.Interest = &InterestTerms{Mode: InterestContract, Percent: t.InterestPercent}
	}
	return nil
}

// checkAmount appends a *dunning.FieldError when m is not a valid amount in cur
// (any currency when cur is "": the case's is unknown), is negative, or is zero
// when zeroOK is false. It reports whether m was fine.
func checkAmount(errs *[]error, field string, m money.Money, cur money.Currency, zeroOK bool) bool {
	switch {
	case !m.IsValid():
		*errs = append(*errs, &dunning.FieldError{Field: field, Value: m.String(), Reason: "is required"})
	case cur != "" && m.Currency() != cur:
		*errs = append(*errs, &dunning.FieldError{Field: field, Value: m.String(), Reason: "is not in the case's currency " + string(cur), Err: money.ErrCurrencyMismatch})
	case m.Sign() < 0 || (!zeroOK && m.Sign() == 0):
		*errs = append(*errs, &dunning.FieldError{Field: field, Value: m.String(), Reason: "must be positive"})
	default:
		return true
	}
	return false
}

// joinCodes returns the codes separated by ", ".
func joinCodes(codes []dunning.Jurisdiction) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// prefixFields renames the fields of the *dunning.FieldErrors of a Party's
// validation from "Party.X" to "<who>.X", so the caller can tell creditor from debtor.
func prefixFields(who string, err error) []error {
	if err == nil {
		return nil
	}
	var leaves []error
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			if _, isField := e.(*dunning.FieldError); !isField {
				for _, x := range j.Unwrap() {
					walk(x)
				}
				return
			}
		}
		if fe, ok := e.(*dunning.FieldError); ok {
			c := *fe
			c.Field = who + "." + strings.TrimPrefix(c.Field, "Party.")
			leaves = append(leaves, &c)
			return
		}
		leaves = append(leaves, fmt.Errorf("%s: %w", who, e))
	}
	walk(err)
	return leaves
}

// checkInvoiceFree fails when invoice id is in a running case of the creditor, or
// locked in a deactivated case other than reopenFrom (P6) that no later case
// re-opened (a case re-opened from it lists it in Claim.Earlier).
func (s *Service) checkInvoiceFree(ctx context.Context, creditor, id string, reopenFrom CaseID) error {
	var locked []CaseID
	reopened := map[CaseID]bool{}
	for other, err := range s.store.List(ctx, Filter{CreditorID: creditor, InvoiceID: id}) {
		if err != nil {
			return fmt.Errorf("collection: look up invoice %q: %w", id, err)
		}
		cl, _ := other.Claim(id)
		switch {
		case other.Status.Running() && cl.Status == ClaimOpen:
			return &InvoiceError{InvoiceID: id, CaseID: other.ID}
		case other.Status == StatusDeactivated && cl.Status == ClaimLocked && other.ID != reopenFrom:
			locked = append(locked, other.ID)
		}
		if cl.Earlier != nil {
			for _, from := range cl.Earlier.Cases {
				reopened[from] = true
			}
		}
	}
	for _, l := range locked {
		if !reopened[l] {
			return &InvoiceError{InvoiceID: id, CaseID: l, Locked: true}
		}
	}
	return nil
}
