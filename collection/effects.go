package collection

import (
	"context"
	"fmt"
	"slices"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// This file holds the rules that decide what a step does besides moving the flow,
// beyond its deadline (flow.Decide, flow.LawfulDeadline) and its reminder fee
// (flow.Decide with fees.Assess): the law counted per claim across cases, the
// compensation credited against fees and costs, and the collection costs. Each is
// one function; the batch run's take applies them to the case and the letter
// prints what take recorded, so no figure on a letter is computed beside the state
// it announces.

// ClaimHistory is what earlier cases of the same creditor did to one invoice, read
// from the store when a case holding it is opened (Open, Reopen). The fee law
// counts per claim, not per case (E4, E6; see the package doc, "What a step
// does"): a re-opened invoice keeps its count and spacing of fee-bearing
// reminders, and is never charged the one-time compensation fee or the collection
// costs twice.
type ClaimHistory struct {
	// Cases are the earlier cases that held the invoice, by id.
	Cases []CaseID `json:"cases,omitempty"`
	// Steps are the flow steps those cases took (flow.Taken, in date order),
	// which flow.Decide takes with the case's own (flow.Facts.Earlier): the
	// reminders count for the fee law, and the deadlines they gave still hold.
	Steps []flow.Taken `json:"steps,omitempty"`
	// Compensated says one of them charged the compensation fee for the invoice (E6).
	Compensated bool `json:"compensated,omitempty"`
	// CollectionCosts says one of them charged collection costs, waived
	// afterwards or not: a cost the creditor forgave is not charged again.
	CollectionCosts bool `json:"collectionCosts,omitempty"`
	// CompensationLeft is the compensation charged for the invoice in those
	// cases that the law credits against later fees and costs (SE, DE;
	// fees.Compensation.Offset) and that their own fees and costs did not use
	// up: the new case's fees and costs are credited against it as they would
	// have been in the old one. Money{} for none.
	CompensationLeft money.Money `json:"compensationLeft"`
	// InterestThrough is the day up to which those cases charged late-payment
	// interest on the invoice (the end of their last interest period,
	// Charge.Period, waived or not; exclusive): the new case's interest runs
	// from there, so no day's interest is charged twice (S7). What the case
	// the invoice is re-opened from charged and was not paid goes with the
	// invoice as a charge of the new case (Reopen). Zero for none.
	InterestThrough date.Date `json:"interestThrough,omitzero"`
	// InterestCharged is what those cases charged of late-payment interest on
	// the invoice up to InterestThrough (their period charges, waived or not):
	// the new case accrues from the due date as one case would and charges
	// the rest. Money{} for none.
	InterestCharged money.Money `json:"interestCharged"`
}

func (h *ClaimHistory) clone() *ClaimHistory {
	if h == nil {
		return nil
	}
	c := *h
	c.Cases, c.Steps = slices.Clone(h.Cases), slices.Clone(h.Steps)
	return &c
}

// earlierHistory reads from the store what the creditor's other cases did to each
// invoice of c (ClaimHistory) and records it on the claim: every case that holds
// one of the invoices is read once; the history an earlier case carried over is
// added only when one of the cases it names is no longer found (a deleted case,
// P5), so nothing is counted twice and the count follows an invoice through any
// number of re-openings.
func (s *Service) earlierHistory(ctx context.Context, c *Case) error {
	others := map[CaseID]Case{}
	var ids []CaseID
	for _, cl := range c.Claims {
		for other, err := range s.store.List(ctx, Filter{CreditorID: c.Creditor.ID, InvoiceID: cl.InvoiceID}) {
			if err != nil {
				return fmt.Errorf("collection: look up invoice %q: %w", cl.InvoiceID, err)
			}
			if _, seen := others[other.ID]; other.ID == c.ID || seen {
				continue
			}
			others[other.ID] = other
			ids = append(ids, other.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	// The fees and costs the earlier cases charged of the kinds their
	// compensation is credited against: set against the claims' compensation in
	// claim order (E6; SE 4 a §, DE § 288 Abs. 5 S. 3 BGB).
	covers, _ := compensationCovers(c, s.lawOf(c.Jurisdiction))
	pool := money.Zero(c.Currency)
	for _, id := range ids {
		for _, chg := range others[id].Charges {
			if !chg.Waived && covers(chg.Kind) && chg.Amount.Currency() == c.Currency {
				pool, _ = pool.Add(chg.Amount)
			}
		}
	}
	for i := range c.Claims {
		cl := &c.Claims[i]
		var h ClaimHistory
		comp, interestCharged := money.Zero(c.Currency), money.Zero(c.Currency)
		for _, id := range ids {
			other := others[id]
			ocl, ok := other.Claim(cl.InvoiceID)
			if !ok {
				continue
			}
			h.Cases = append(h.Cases, other.ID)
			if to := interestChargedTo(&other, &ocl); to.After(h.InterestThrough) {
				h.InterestThrough = to
			}
			if e := ocl.Earlier; e != nil {
				h.Compensated = h.Compensated || e.Compensated
				h.CollectionCosts = h.CollectionCosts || e.CollectionCosts
				if slices.ContainsFunc(e.Cases, func(id CaseID) bool { _, found := others[id]; return !found }) {
					h.Steps = append(h.Steps, e.Steps...)
					if e.CompensationLeft.Currency() == c.Currency {
						comp, _ = comp.Add(e.CompensationLeft)
					}
					if e.InterestCharged.Currency() == c.Currency {
						interestCharged, _ = interestCharged.Add(e.InterestCharged)
					}
				}
			}
			for _, t := range other.Progress.Taken {
				if t.Index >= 0 {
					h.Steps = append(h.Steps, t)
				}
			}
			for _, chg := range other.Charges {
				if chg.Kind == ChargeInterest && chg.InvoiceID == cl.InvoiceID && !chg.Period.IsEmpty() && chg.Amount.Currency() == c.Currency {
					interestCharged, _ = interestCharged.Add(chg.Amount)
				}
				if chg.Kind == ChargeCompensation && chg.InvoiceID == cl.InvoiceID {
					h.Compensated = true
					if !chg.Waived && chg.Amount.Currency() == c.Currency {
						comp, _ = comp.Add(chg.Amount)
					}
				}
				// Waived or not: a cost the creditor forgave is not charged again.
				h.CollectionCosts = h.CollectionCosts || chg.Kind == ChargeCollectionCost
			}
		}
		if len(h.Cases) == 0 {
			continue
		}
		if interestCharged.IsPositive() {
			h.InterestCharged = interestCharged
		}
		if covers(ChargeReminderFee) || covers(ChargeCollectionCost) {
			used := pool
			if n, _ := used.Compare(comp); n > 0 {
				used = comp
			}
			pool, _ = pool.Sub(used)
			if left, _ := comp.Sub(used); left.IsPositive() {
				h.CompensationLeft = left
			}
		}
		slices.SortStableFunc(h.Steps, func(a, b flow.Taken) int { return a.On.Compare(b.On) })
		cl.Earlier = &h
	}
	return nil
}

// earlierSteps returns the steps earlier cases took for the open claims of c
// (flow.Facts.Earlier): one claim's list as it is, or the union of several, each
// step once. A letter about several claims may carry a fee only as far as the law
// allows it for the claim reminded most, so the union is the conservative
// history. It allocates only when two claims have different histories.
func earlierSteps(c *Case) []flow.Taken {
	var out []flow.Taken
	shared := true
	for i := range c.Claims {
		cl := &c.Claims[i]
		if cl.Status != ClaimOpen || cl.Earlier == nil || len(cl.Earlier.Steps) == 0 {
			continue
		}
		if out == nil {
			out = cl.Earlier.Steps
			continue
		}
		for _, t := range cl.Earlier.Steps {
			if !slices.ContainsFunc(out, func(o flow.Taken) bool {
				return o.On == t.On && o.Kind == t.Kind && o.Index == t.Index && o.Flow == t.Flow && o.Name == t.Name
			}) {
				if shared {
					out, shared = slices.Clone(out), false
				}
				out = append(out, t)
			}
		}
	}
	if !shared {
		slices.SortStableFunc(out, func(a, b flow.Taken) int { return a.On.Compare(b.On) })
	}
	return out
}

// hasCompensation reports whether the compensation fee was charged for the
// invoice, in this case or an earlier one (E6: once per invoice).
func hasCompensation(c Case, invoiceID string) bool {
	if slices.ContainsFunc(c.Charges, func(ch Charge) bool { return ch.Kind == ChargeCompensation && ch.InvoiceID == invoiceID }) {
		return true
	}
	cl, ok := c.Claim(invoiceID)
	return ok && cl.Earlier != nil && cl.Earlier.Compensated
}

// hasCollectionCost reports whether collection costs were charged on the case or
// an earlier case of one of its open invoices, waived afterwards or not: they
// are charged once, and a cost the creditor forgave is not charged again.
func hasCollectionCost(c Case) bool {
	if slices.ContainsFunc(c.Charges, func(ch Charge) bool { return ch.Kind == ChargeCollectionCost }) {
		return true
	}
	return slices.ContainsFunc(c.Claims, func(cl Claim) bool {
		return cl.Status == ClaimOpen && cl.Earlier != nil && cl.Earlier.CollectionCosts
	})
}

// compensationCovers returns whether the compensation fee of a business debtor
// of c is credited against charges of a kind (fees.Compensation.Offset: SE 4 a §
// reminder fees and collection costs, DE § 288 Abs. 5 S. 3 BGB collection
// costs), and the law that credits it. For a consumer, or where nothing is
// credited, it is false for every kind.
func compensationCovers(c *Case, pk *law.Pack) (func(ChargeKind) bool, string) {
	var o fees.Offset
	if c.Debtor.Kind == dunning.Business {
		if comp, err := pk.Compensation(dunning.Business, c.Earliest(), money.Money{}); err == nil {
			o = comp.Offset
		}
	}
	return func(k ChargeKind) bool {
		return (k == ChargeReminderFee && o.ReminderFees) || (k == ChargeCollectionCost && o.CollectionCosts)
	}, o.Source
}

// compensationOffset returns amount (a charge of kind k about to be added to c)
// less what is left of the compensation fees charged for c's invoices that the
// law credits against such charges (compensationCovers), and the law's source
// when it credited anything. The compensation counts whether this case charged it
// or an earlier case of the invoice did (ClaimHistory.CompensationLeft); what
// earlier charges of the credited kinds used up is not credited twice. An
// earlier case's compensation counts for every claim that counts toward the
// debt, paid ones too, as this case's own compensation charges do: a claim paid
// after a reopen does not take back the credit its compensation gave.
func compensationOffset(c *Case, pk *law.Pack, k ChargeKind, amount money.Money) (money.Money, string) {
	covers, source := compensationCovers(c, pk)
	if !amount.IsPositive() || !covers(k) {
		return amount, ""
	}
	left := money.Zero(c.Currency)
	for _, cl := range c.Claims {
		if counts(cl.Status) && cl.Earlier != nil && cl.Earlier.CompensationLeft.Currency() == c.Currency {
			left, _ = left.Add(cl.Earlier.CompensationLeft)
		}
	}
	for _, chg := range c.Charges {
		if chg.Waived {
			continue
		}
		switch {
		case chg.Kind == ChargeCompensation:
			left, _ = left.Add(chg.Amount)
		case covers(chg.Kind):
			left, _ = left.Sub(chg.Amount)
		}
	}
	if !left.IsPositive() {
		return amount, ""
	}
	rest, _ := amount.Sub(left)
	if rest.IsNegative() {
		rest = money.Zero(c.Currency)
	}
	return rest, source
}

// collectionCost decides the collection costs the demand letter of c adds under law
// pack pk (law.Pack.CollectionCosts: when costs may be charged; CostCap: the most) when it
// is taken on day (announce false), or that a collection warning announces for the
// demand letter that follows it (announce true): the law's cap for the creditor's
// collection step on the principal still owed (law.Pack.CostCap, keyed as
// the law keys it), less the compensation the law credits against it, once per
// case (and not again for an invoice whose costs an earlier case charged), and
// nothing when the creditor charges none (CreditorProfile.NoCollectionCosts), the
// law has no cap (EU, a date outside the tables), or the law needs a warning first
// and none was sent. The zero Money (not Money{}) when nothing is charged; source
// says where the figure comes from. Every place that prints or charges collection
// costs calls it: the warning's "costs if unpaid", the demand letter's charge, the
// settlement offer's escalation.
func collectionCost(c *Case, pk *law.Pack, l Ledger, prof *CreditorProfile, day date.Date, announce bool) (money.Money, string) {
	none := money.Zero(c.Currency)
	rule, ok := pk.CollectionCosts()
	if !ok || prof.NoCollectionCosts || hasCollectionCost(*c) {
		return none, ""
	}
	if !announce && rule.NeedsWarning(c.Debtor.Kind) &&
		!slices.ContainsFunc(c.Progress.Taken, func(t flow.Taken) bool { return t.Kind == flow.CollectionWarning && t.Index >= 0 }) {
		return none, ""
	}
	key := rule.KeyDate(c.Earliest(), day)
	if key.IsZero() {
		return none, ""
	}
	cp, err := pk.CostCap(fees.CostQuery{Kind: c.Debtor.Kind,
		Claim: outstandingPrincipal(*c, l), KeyDate: key, Step: prof.CollectionCostStep, Disputed: c.Disputed()})
	if err != nil || !cp.Amount.IsValid() || cp.Amount.Currency() != c.Currency || !cp.Amount.IsPositive() {
		return none, ""
	}
	amount, offset := compensationOffset(c, pk, ChargeCollectionCost, cp.Amount)
	source := cp.Source + " (" + cp.Status.String() + "); " + rule.Source
	if offset != "" {
		source += "; less the compensation: " + offset
	}
	return amount, source
}
