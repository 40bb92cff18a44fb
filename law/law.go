package law

import (
	"slices"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

// Pack is the law of one jurisdiction as the engine asks it: reminder fees,
// compensation, statutory interest, collection costs, notice periods and court
// routes, each with its source and research status. Get a shipped one from
// [Builtin] and build one of your own with [New]. A Pack is immutable and safe
// for concurrent use; its lookups do not allocate unless they say so.
//
// The methods are nil-safe: a nil *Pack is the law of nowhere, with no rule for
// anything.
type Pack struct {
	spec Spec
	// builtin is set for the seven jurisdictions whose reminder-fee,
	// compensation and collection-cost tables live in the fees package next to
	// their calculators and law vectors; the pack reads them from there.
	builtin bool
	// interest are Spec.Interest with their tables built once.
	interest []compiledInterest
	// reminders are Spec.Reminders with Jurisdiction set.
	reminders []fees.ReminderRule
	notices   []fees.NoticeRule
}

type compiledInterest struct {
	StatutoryInterest
	table  interest.RateTable
	source interest.RateSource // table as a RateSource, boxed once so Accrual.Source does not allocate
}

// Code returns the jurisdiction the pack is for.
func (p *Pack) Code() dunning.Jurisdiction {
	if p == nil {
		return ""
	}
	return p.spec.Code
}

// Name returns the jurisdiction's English name.
func (p *Pack) Name() string {
	if p == nil {
		return ""
	}
	return p.spec.Name
}

// Currency returns the currency of the pack's amounts and of its cases.
func (p *Pack) Currency() money.Currency {
	if p == nil {
		return ""
	}
	return p.spec.Currency
}

// Language returns the language letters are written in when the debtor states none.
func (p *Pack) Language() language.Tag {
	if p == nil || p.spec.Language == (language.Tag{}) {
		return language.English
	}
	return p.spec.Language
}

// TimeZone returns the IANA name of the time zone "today" is read in; "" means UTC.
func (p *Pack) TimeZone() string {
	if p == nil {
		return ""
	}
	return p.spec.TimeZone
}

// Builtin reports whether the SDK ships the pack (rather than a host building it).
func (p *Pack) Builtin() bool { return p != nil && p == Builtin(p.spec.Code) }

// String returns the code and name, such as "DK (Denmark)".
func (p *Pack) String() string {
	if p == nil {
		return "<no law pack>"
	}
	return string(p.spec.Code) + " (" + p.spec.Name + ")"
}

// Spec returns a copy of the values the pack was built from, to build a variant
// with New: change what differs and keep the rest. A shipped pack whose tables
// live in the fees package (DK, SE, NO, DE, NL, FI, EU) has its Reminders and
// Compensation empty and Base set to itself, so the variant keeps reading them.
func (p *Pack) Spec() Spec {
	if p == nil {
		return Spec{}
	}
	s := p.spec
	if p.builtin {
		s.Base = p
	}
	s.Reminders = slices.Clone(s.Reminders)
	s.Compensation = slices.Clone(s.Compensation)
	s.Interest = slices.Clone(s.Interest)
	s.Notices = slices.Clone(s.Notices)
	s.Court = slices.Clone(s.Court)
	s.MaxContractInterest = slices.Clone(s.MaxContractInterest)
	if s.Costs != nil {
		c := *s.Costs
		c.Schedules = slices.Clone(c.Schedules)
		s.Costs = &c
	}
	return s
}

// ReminderRule returns the reminder-fee rule for a debtor of kind k, for a claim
// due on due and a reminder sent on sent (E4, E5): the shipped tables for DK, SE,
// NO, DE, NL, FI and EU (fees.ReminderRules), the Spec's rows otherwise. No rule
// is a *fees.NoRuleError: no fee may be charged.
func (p *Pack) ReminderRule(k dunning.PartyKind, due, sent date.Date) (fees.ReminderRule, error) {
	switch {
	case p == nil:
		return fees.ReminderRule{}, noRule("", "reminder-fee rule", "", date.Date{}, "no law pack")
	case len(p.reminders) > 0:
		if sent.IsZero() {
			return fees.ReminderRule{}, &dunning.FieldError{Field: "sent", Reason: "is required"}
		}
		var found *fees.ReminderRule
		for i := range p.reminders {
			r := &p.reminders[i]
			if (r.Kind == 0 || r.Kind == k) && !sent.Before(r.From) {
				found = r
			}
		}
		if found == nil {
			return fees.ReminderRule{}, noRule(p.spec.Code, "reminder-fee rule", "reminder sent", sent,
				"the pack's first rule for "+k.String()+" debtors applies from "+p.first(k).String())
		}
		r := *found
		r.Kind = k
		return r, nil
	case p.spec.Base != nil:
		return p.spec.Base.ReminderRule(k, due, sent)
	case p.builtin:
		return fees.ReminderRules(p.spec.Code, k, due, sent)
	}
	return fees.ReminderRule{}, noRule(p.spec.Code, "reminder-fee rule", "", date.Date{}, "the pack has no reminder fee")
}

func (p *Pack) first(k dunning.PartyKind) date.Date {
	for _, r := range p.reminders {
		if r.Kind == 0 || r.Kind == k {
			return r.From
		}
	}
	return date.Date{}
}

// Compensation returns the fixed compensation a debtor of kind k owes for an
// invoice of amount debt that fell due on due (E6). A consumer owes none: the
// result has a zero Amount and a Note, and no error. No rule is a
// *fees.NoRuleError.
func (p *Pack) Compensation(k dunning.PartyKind, due date.Date, debt money.Money) (fees.Compensation, error) {
	switch {
	case p == nil:
		return fees.Compensation{}, noRule("", "compensation fee", "", date.Date{}, "no law pack")
	case len(p.spec.Compensation) > 0:
		if due.IsZero() {
			return fees.Compensation{}, &dunning.FieldError{Field: "due", Reason: "is required"}
		}
		if k == dunning.Consumer {
			return fees.Compensation{Amount: money.Zero(p.spec.Currency), Per: "overdue invoice",
				Source: "Directive 2011/7/EU Art. 1-2 (commercial transactions only)", Status: dunning.Verified,
				Note: string(p.spec.Code) + ": no compensation fee from a consumer"}, nil
		}
		var row *CompensationFee
		for i := range p.spec.Compensation {
			if r := &p.spec.Compensation[i]; !due.Before(r.From) {
				row = r
			}
		}
		if row == nil {
			return fees.Compensation{}, noRule(p.spec.Code, "compensation fee", "claim due", due,
				"the first row applies to claims due from "+p.spec.Compensation[0].From.String())
		}
		amount := row.Amount
		if len(row.Bands) > 0 {
			amount = BandAmount(row.Bands, debt)
		}
		return fees.Compensation{Amount: amount, Per: row.Per, From: row.From, Source: row.Source,
			Status: row.Status, Note: row.Note, Offset: row.Offset}, nil
	case p.spec.Base != nil:
		return p.spec.Base.Compensation(k, due, debt)
	case p.builtin:
		return fees.CompensationFee(p.spec.Code, k, due)
	}
	return fees.Compensation{}, noRule(p.spec.Code, "compensation fee", "", date.Date{}, "the pack has no compensation fee")
}

// BandAmount returns what bands give for debt: the first band whose Below debt is
// under (the last band when none is), its Amount or its Percent of debt rounded
// down to the minor unit.
func BandAmount(bands []Band, debt money.Money) money.Money {
	if len(bands) == 0 {
		return money.Money{}
	}
	b := bands[len(bands)-1]
	for _, x := range bands {
		if c, err := debt.Compare(x.Below); err == nil && x.Below.IsValid() && c < 0 {
			b = x
			break
		}
	}
	if b.Percent.IsPositive() && debt.IsValid() {
		return debt.Percent(b.Percent, money.PolicyFor(debt.Currency(), money.Down))
	}
	return b.Amount
}

// Interest returns the statutory interest table and its convention for a debtor
// of kind k and a claim with the given dates (S7): the first of the pack's rows
// that matches. It does not allocate (the tables are built when the pack is).
// No statutory interest is an error wrapping interest.ErrUnsupported.
func (p *Pack) Interest(k dunning.PartyKind, c interest.ClaimDates) (interest.RateTable, interest.Convention, error) {
	if r := p.interestRule(k, c); r != nil {
		return r.table, r.Convention, nil
	}
	return interest.RateTable{}, interest.Convention{}, noInterest(p.Code(), k)
}

// interestRule is the one lookup of a pack's statutory interest: the first row
// for the kind whose date conditions the claim meets, the Base's when the pack
// has no rows, nil when none applies.
func (p *Pack) interestRule(k dunning.PartyKind, c interest.ClaimDates) *compiledInterest {
	if p == nil {
		return nil
	}
	for i := range p.interest {
		r := &p.interest[i]
		if r.Kind != 0 && r.Kind != k {
			continue
		}
		if !r.DueBefore.IsZero() && (c.DueDate.IsZero() || !c.DueDate.Before(r.DueBefore)) {
			continue
		}
		if !r.ContractBefore.IsZero() && (c.ContractDate.IsZero() || !c.ContractDate.Before(r.ContractBefore)) {
			continue
		}
		return r
	}
	if p.spec.Base != nil && len(p.spec.Interest) == 0 {
		return p.spec.Base.interestRule(k, c)
	}
	return nil
}

// Accrual is how statutory interest runs on one claim under a pack: its rate
// table and convention, and the rules of StatutoryInterest on when it runs.
type Accrual struct {
	Rates        interest.RateTable
	Convention   interest.Convention
	FixedAtStart bool
	FromNotice   bool

	source interest.RateSource // Rates, boxed once when the pack was built
}

// Accrual is Interest with the rules on when the interest runs.
func (p *Pack) Accrual(k dunning.PartyKind, c interest.ClaimDates) (Accrual, error) {
	if r := p.interestRule(k, c); r != nil {
		return Accrual{Rates: r.table, Convention: r.Convention, FixedAtStart: r.FixedAtStart, FromNotice: r.FromNotice, source: r.source}, nil
	}
	_, _, err := p.Interest(k, c)
	return Accrual{}, err
}

// Source returns the rates interest starting on start runs at: the table, or,
// when the rate is fixed at the start, its row in force on start for every day
// after (an open table of one row). A start outside the table is the table's
// *interest.NoRateError.
func (a Accrual) Source(start date.Date) (interest.RateSource, error) {
	if !a.FixedAtStart {
		if a.source != nil {
			return a.source, nil
		}
		return a.Rates, nil
	}
	row, err := a.Rates.Lookup(start)
	if err != nil {
		return nil, err
	}
	row.Source += " (the rate of " + start.String() + ", fixed for the debt)"
	return interest.NewRateTable(a.Rates.Name()+" fixed at "+start.String(), date.Date{}, row)
}

func noInterest(j dunning.Jurisdiction, k dunning.PartyKind) error {
	return &dunning.FieldError{Field: "PartyKind", Value: k.String(),
		Reason: "has no statutory interest in the law pack of " + string(j), Err: interest.ErrUnsupported}
}

// CollectionCosts returns when the pack lets the demand letter charge collection
// costs, and false when it charges none (EU). Its Schedules are the host's
// tables; a shipped pack's caps are the fees package's (CostCap).
func (p *Pack) CollectionCosts() (CollectionCosts, bool) {
	switch {
	case p == nil:
		return CollectionCosts{}, false
	case p.spec.Costs != nil:
		return *p.spec.Costs, true
	case p.spec.Base != nil:
		return p.spec.Base.CollectionCosts()
	}
	return CollectionCosts{}, false
}

// CostCap returns the most a creditor may recover for the collection step of q
// (q.Jurisdiction is the pack's; it need not be set): the fees package's tables
// for a shipped pack (fees.CollectionCostCapFor), the pack's CostSchedules
// otherwise. No cap is a *fees.NoRuleError: nothing may be charged.
func (p *Pack) CostCap(q fees.CostQuery) (fees.Cap, error) {
	if p == nil {
		return fees.Cap{}, noRule("", "collection-cost cap", "", date.Date{}, "no law pack")
	}
	q.Jurisdiction = p.spec.Code
	if p.spec.Costs != nil && len(p.spec.Costs.Schedules) > 0 {
		return p.scheduleCap(q)
	}
	if p.spec.Base != nil {
		return p.spec.Base.CostCap(q)
	}
	if p.builtin {
		return fees.CollectionCostCapFor(q)
	}
	return fees.Cap{}, noRule(p.spec.Code, "collection-cost cap", "", date.Date{}, "the pack has no collection-cost table")
}

// Notice returns the notice rule for notice n to a debtor of kind k, and false
// when the law sets none (any deadline is lawful as far as the pack knows). It
// does not allocate.
func (p *Pack) Notice(k dunning.PartyKind, n fees.Notice) (fees.NoticeRule, bool) {
	if r := p.notice(k, n); r != nil {
		return *r, true
	}
	return fees.NoticeRule{}, false
}

func (p *Pack) notice(k dunning.PartyKind, n fees.Notice) *fees.NoticeRule {
	if p == nil {
		return nil
	}
	for i := range p.notices {
		r := &p.notices[i]
		if r.Notice == n && (!r.ConsumerOnly || k == dunning.Consumer) {
			return r
		}
	}
	if p.spec.Base != nil && len(p.spec.Notices) == 0 {
		return p.spec.Base.notice(k, n)
	}
	return nil
}

// NoticeMinimum returns the earliest deadline notice n sent on sent may give a
// debtor of kind k, and false when no rule applies. It copies nothing, for hot
// paths (flow.Decide).
func (p *Pack) NoticeMinimum(k dunning.PartyKind, n fees.Notice, sent date.Date) (date.Date, bool) {
	if r := p.notice(k, n); r != nil {
		return r.Earliest(sent), true
	}
	return date.Date{}, false
}

// Notices returns every notice rule of the pack, a fresh copy.
func (p *Pack) Notices() []fees.NoticeRule {
	if p == nil {
		return nil
	}
	if len(p.notices) == 0 && p.spec.Base != nil {
		return p.spec.Base.Notices()
	}
	return slices.Clone(p.notices)
}

// Court returns the pack's routes to a court order, a fresh copy.
func (p *Pack) Court() []CourtRoute {
	if p == nil {
		return nil
	}
	if len(p.spec.Court) == 0 && p.spec.Base != nil {
		return p.spec.Base.Court()
	}
	return slices.Clone(p.spec.Court)
}

func noRule(j dunning.Jurisdiction, rule, dateName string, d date.Date, reason string) error {
	return &fees.NoRuleError{Jurisdiction: j, Rule: rule, DateName: dateName, Date: d, Reason: reason}
}
