package collection

import (
	"context"
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Creditors is implemented by the host: it knows each creditor's profile and
// holiday windows. The batch run (Preview, Commit), the relay and the digest ask
// it once per creditor per run. A Creditors must be safe for concurrent use.
type Creditors interface {
	// Profile returns the profile of the creditor with id creditorID
	// (Case.Creditor.ID). An error stops the run for that creditor's cases.
	Profile(ctx context.Context, creditorID string) (CreditorProfile, error)
	// Holidays returns the creditor's holiday windows (L3): half-open periods in
	// which no step is taken. A step they hold back is taken on the first day
	// after the window, never skipped.
	Holidays(ctx context.Context, creditorID string) ([]date.Period, error)
}

// CreditorProfile is what the SDK needs to know about a creditor besides the
// case's Creditor party. The zero CreditorProfile is usable: the letterhead is
// made from Case.Creditor, letters go by e-mail when the debtor has an address
// and by post otherwise, and no compensation fee is claimed.
type CreditorProfile struct {
	// Letterhead is printed on every letter the Service writes, from the batch
	// run and from every command (E14): with its bank and logo. The fields it
	// leaves empty are taken from Case.Creditor (name and address when Name is
	// empty, registration, e-mail, phone).
	Letterhead letters.Creditor
	// Channel is how a step's letter is sent when its flow step sets no channel;
	// zero means e-mail when the debtor has an e-mail address, else post.
	Channel letters.Channel
	// ClaimCompensation says the creditor claims the fixed compensation fee of a
	// business debtor (E6; the law pack's Compensation), once per invoice, with the
	// first step the batch run takes on the case.
	ClaimCompensation bool
	// NoCollectionCosts says the creditor charges no collection costs: the demand
	// letter adds none and the collection warning announces none. By default the
	// demand letter charges the law's cap once (see collectionCost in the package
	// doc: "Collection costs").
	NoCollectionCosts bool
	// CollectionCostStep is the collection step whose cap the creditor charges
	// (fees.CostQuery.Step): the zero value, fees.Collection, is the ordinary
	// third-party demand (DK fremmedinkasso, NO lett salær, …); fees.OwnCollection
	// is a creditor collecting itself (DK egeninkasso, UNVERIFIED table).
	CollectionCostStep fees.Step
	// WaiveInterestWhilePaused says the creditor waives late-payment interest for
	// the days a case is paused (L1): the law lets it run (see Pause), so the
	// default is that it does.
	WaiveInterestWhilePaused bool
	// Terms are the creditor's contract terms on top of the law (law.Terms): a
	// reminder fee of its own (fixed, or a percentage of the open amount with a
	// minimum and maximum) that fee-bearing steps ask for instead of their own,
	// and a contractual interest rate that cases opened with the statutory
	// default run at. The law caps the contract: Open refuses terms above what
	// the case's law pack allows (*law.TermsError), and every fee is still
	// assessed against the law on the day it is charged.
	Terms law.Terms
	// CopyTo is the e-mail address that receives the creditor's copy of a court
	// submission (E15); empty means Case.Creditor.Email, and the postal address
	// when that is empty too.
	CopyTo string
}

// creditorFacts completes the flow facts of case c with what its creditor's
// profile decides: the holiday windows (L3) and the reminder fee its contract
// terms ask for on the case's open amount (CreditorProfile.Terms; Decide still
// assesses it against the law).
func creditorFacts(f *flow.Facts, c *Case, ci *creditorInfo) {
	f.Holidays = ci.holidays
	if t := ci.profile.Terms.ReminderFee; !t.IsZero() {
		open := money.Zero(c.Currency)
		for _, cl := range c.Claims {
			if cl.Status == ClaimOpen && cl.Open.Currency() == c.Currency {
				open, _ = open.Add(cl.Open)
			}
		}
		f.ContractFee = t.Fee(open)
	}
}

// creditorInfo is one creditor's profile and holidays, looked up once per run.
type creditorInfo struct {
	profile  CreditorProfile
	holidays []date.Period
	err      error
}

// creditor looks up the profile and holidays of creditorID, caching them in
// cache (one run's lookups; nil means no caching).
func (s *Service) creditor(ctx context.Context, creditorID string, cache map[string]*creditorInfo) *creditorInfo {
	if ci, ok := cache[creditorID]; ok {
		return ci
	}
	ci := &creditorInfo{}
	if s.creditors != nil {
		ci.profile, ci.err = s.creditors.Profile(ctx, creditorID)
		if ci.err == nil {
			ci.holidays, ci.err = s.creditors.Holidays(ctx, creditorID)
		}
		if ci.err == nil {
			ci.err = checkProfile(ci.profile, ci.holidays)
		}
	}
	if cache != nil {
		cache[creditorID] = ci
	}
	return ci
}

// checkProfile checks what the host's Creditors gave for a creditor: a Channel
// or CollectionCostStep that is not one, or a holiday window without both
// dates or that ends before it starts, is a *dunning.FieldError naming the
// field and the value (all of them, joined). The run then leaves the
// creditor's cases alone and reports each as a failure, and a command on one
// of them is refused, before anything is written: a profile is checked where
// it comes in, not when a letter is rendered with it.
func checkProfile(p CreditorProfile, holidays []date.Period) error {
	var errs []error
	if p.Channel != 0 && !p.Channel.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "CreditorProfile.Channel", Value: p.Channel.String(), Reason: "is not a channel (zero, email, sms, post or print)"})
	}
	if !p.CollectionCostStep.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "CreditorProfile.CollectionCostStep", Value: p.CollectionCostStep.String(), Reason: "is not a collection step of package fees"})
	}
	for i, h := range holidays {
		if _, err := date.NewPeriod(h.From, h.To); err != nil {
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("Holidays[%d]", i), Value: h.String(), Reason: "is not a holiday window: " + err.Error(), Err: err})
		}
	}
	return errors.Join(errs...)
}

// StaticCreditors is a Creditors with fixed profiles, for a host with a handful of
// creditors, tests and examples: Profiles by creditor id, Default for any other,
// and Closed as each creditor's holiday windows (L3). Its zero value gives every
// creditor the zero profile, whose letters have no account to pay to and are
// refused (letters.ErrNoWayToPay): give at least Default.Letterhead.Bank.
type StaticCreditors struct {
	Default  CreditorProfile
	Profiles map[string]CreditorProfile
	Closed   map[string][]date.Period
}

// Profile returns the profile of creditorID, or Default.
func (s StaticCreditors) Profile(_ context.Context, creditorID string) (CreditorProfile, error) {
	if p, ok := s.Profiles[creditorID]; ok {
		return p, nil
	}
	return s.Default, nil
}

// Holidays returns the holiday windows of creditorID.
func (s StaticCreditors) Holidays(_ context.Context, creditorID string) ([]date.Period, error) {
	return s.Closed[creditorID], nil
}
