package letters

import (
	"errors"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/law"
)

// Status is how well the research backs a rule (see the package doc).
type Status string

// The research statuses.
const (
	Verified   Status = "VERIFIED"   // seen in a primary text, or two agreeing secondary sources
	Secondary  Status = "SECONDARY"  // one practitioner or authority page
	Derived    Status = "DERIVED"    // computed from verified inputs
	Unverified Status = "UNVERIFIED" // not confirmed by any stored source: check before relying on it
)

// Counting says from which day a notice period runs: fees.FromDispatch or
// fees.FromReceipt.
type Counting = fees.Counting

// The ways a notice period is counted (see package fees).
const (
	FromDispatch = fees.FromDispatch
	FromReceipt  = fees.FromReceipt
)

// NoticeRule is what the law of one jurisdiction requires of a warning letter: the
// shortest deadline, how it is counted, and whether the letter must state the costs
// that follow if the debtor does not pay. Every rule carries its source and status.
// The rules themselves are the fees package's (fees.NoticeRules): the same law gives
// the flow its deadlines and the letter its check.
type NoticeRule struct {
	Jurisdiction dunning.Jurisdiction
	Kind         Kind
	// ConsumerOnly restricts the rule to consumer debtors.
	ConsumerOnly bool
	// MinDays is the shortest period the debtor must be given, counted as Counting says.
	MinDays  int
	Counting Counting
	// Costs says the letter must state the amount added if the debtor does not pay
	// (Data.CostIfUnpaid), including VAT where VAT is charged.
	Costs  bool
	Source string
	Status Status
	// Note records what the rule does not check.
	Note string
}

// NoticeOf returns the notice of the fees package a letter of kind k is, for the
// notice law (fees.NoticeRuleFor): a Reminder is a reminder, a CollectionWarning a
// collection warning, a DemandLetter a payment demand; other kinds are not notices.
func NoticeOf(k Kind) (fees.Notice, bool) {
	switch k {
	case Reminder:
		return fees.Reminder, true
	case CollectionWarning:
		return fees.CollectionWarning, true
	case DemandLetter:
		return fees.PaymentDemand, true
	}
	return 0, false
}

func letterKindOf(n fees.Notice) Kind {
	switch n {
	case fees.CollectionWarning:
		return CollectionWarning
	case fees.PaymentDemand:
		return DemandLetter
	}
	return Reminder
}

func noticeRule(r fees.NoticeRule) NoticeRule {
	return NoticeRule{Jurisdiction: r.Jurisdiction, Kind: letterKindOf(r.Notice), ConsumerOnly: r.ConsumerOnly,
		MinDays: r.MinDays, Counting: r.Counting, Costs: r.Costs, Source: r.Source, Status: Status(r.Status.String()), Note: r.Note}
}

// NoticeRules returns the notice rules CheckStatutory applies (fees.NoticeRules as
// letter kinds), a fresh copy each call.
func NoticeRules() []NoticeRule {
	rs := fees.NoticeRules()
	out := make([]NoticeRule, len(rs))
	for i, r := range rs {
		out[i] = noticeRule(r)
	}
	return out
}

// ruleFor returns the rule of law pack p for a letter, if any.
func ruleFor(kind Kind, p *law.Pack, debtor dunning.PartyKind) (NoticeRule, bool) {
	n, ok := NoticeOf(kind)
	if !ok {
		return NoticeRule{}, false
	}
	r, ok := p.Notice(debtor, n)
	if !ok {
		return NoticeRule{}, false
	}
	return noticeRule(r), true
}

// PresumedDelivery returns the day a Dutch letter sent on sent is presumed delivered:
// fees.PresumedDelivery.
func PresumedDelivery(sent date.Date) date.Date { return fees.PresumedDelivery(sent) }

// EarliestDeadline returns the earliest deadline the law allows for a letter of the
// given kind sent on sent, to a debtor of the given kind under jurisdiction j, and
// the rule it comes from; ok is false when no rule applies (then any deadline is
// lawful as far as this package knows). It is fees.EarliestDeadline for the
// letter's notice (NoticeOf).
func EarliestDeadline(kind Kind, j dunning.Jurisdiction, debtor dunning.PartyKind, sent date.Date) (deadline date.Date, rule NoticeRule, ok bool) {
	return earliestDeadline(kind, law.Builtin(j), debtor, sent)
}

// earliestDeadline is EarliestDeadline under law pack p.
func earliestDeadline(kind Kind, p *law.Pack, debtor dunning.PartyKind, sent date.Date) (date.Date, NoticeRule, bool) {
	n, isNotice := NoticeOf(kind)
	if !isNotice {
		return date.Date{}, NoticeRule{}, false
	}
	r, ok := p.Notice(debtor, n)
	if !ok {
		return date.Date{}, NoticeRule{}, false
	}
	return r.Earliest(sent), noticeRule(r), true
}

// CheckStatutory returns every statutory element a warning letter (CollectionWarning,
// DemandLetter) lacks under the law of d.Jurisdiction, each a *dunning.FieldError
// unwrapping to ErrStatutory, joined with errors.Join; nil when the letter is lawful
// as far as the rules encoded here go (NoticeRules). It checks:
//
//   - the creditor's identity: name and postal address;
//   - the debtor's name and the letter's date (the dispatch date deadlines count from);
//   - the deadline: at least the jurisdiction's minimum, counted from dispatch (DK 10
//     days, NO 14, SE 8, FI consumers 10) or from the day after presumed receipt (NL
//     consumers, 14 days; the letter then states the period in the accepted words and
//     Data.Deadline may be left zero);
//   - the amount added if the debtor does not pay (Data.CostIfUnpaid), where the rule
//     says the letter must state it.
//
// Other kinds, and jurisdictions without a rule (DE, EU), are only checked for the
// creditor's identity. CheckStatutory does not read the rendered text: the default
// templates print every element it checks, as the package's tests assert.
func CheckStatutory(kind Kind, d Data) error {
	var errs []error
	add := func(field, value, reason string) {
		errs = append(errs, &dunning.FieldError{Field: field, Value: value, Reason: reason, Err: ErrStatutory})
	}
	if d.Creditor.Name == "" {
		add("Data.Creditor.Name", "", "is required: the letter must identify the creditor")
	}
	if len(d.Creditor.Address.Lines) == 0 || d.Creditor.Address.City == "" {
		add("Data.Creditor.Address", "", "is required: the letter must give the creditor's address")
	}
	if !kind.isWarning() {
		return errors.Join(errs...)
	}
	if d.Debtor.Name == "" {
		add("Data.Debtor.Name", "", "is required")
	}
	rule, ok := ruleFor(kind, d.pack(), d.Debtor.Kind)
	if !ok {
		return errors.Join(errs...)
	}
	src := string(d.Jurisdiction) + " " + rule.Source
	if d.Date.IsZero() {
		add("Data.Date", "", "is required: the deadline is counted from the dispatch date ("+src+")")
		return errors.Join(errs...)
	}
	earliest, _, _ := earliestDeadline(kind, d.pack(), d.Debtor.Kind, d.Date)
	switch {
	case d.Deadline.IsZero() && rule.Counting == FromReceipt:
		// the letter states the period in words
	case d.Deadline.IsZero():
		add("Data.Deadline", "", "is required ("+src+")")
	case d.Deadline.Before(earliest):
		add("Data.Deadline", d.Deadline.String(), "is "+strconv.Itoa(d.Date.DaysUntil(d.Deadline))+
			" days after the letter date "+d.Date.String()+"; the earliest lawful deadline is "+earliest.String()+" ("+src+")")
	}
	if rule.Costs && !d.CostIfUnpaid.IsValid() {
		add("Data.CostIfUnpaid", "", "is required: the letter must state the amount added if the debtor does not pay ("+src+")")
	}
	return errors.Join(errs...)
}
