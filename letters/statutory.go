package letters

import (
	"errors"
	"strconv"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
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

// Counting says from which day a notice period runs.
type Counting uint8

// The ways a notice period is counted.
const (
	// FromDispatch counts the days from the letter's date (its dispatch).
	FromDispatch Counting = iota + 1
	// FromReceipt counts the days from the day after the letter is presumed
	// delivered (NL: the 2nd day after dispatch, not counting Sundays and Mondays).
	FromReceipt
)

// NoticeRule is what the law of one jurisdiction requires of a warning letter: the
// shortest deadline, how it is counted, and whether the letter must state the costs
// that follow if the debtor does not pay. Every rule carries its source and status.
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

// noticeRules returns the notice rules, from research/jurisdictions.md §§ 1.5, 2.5,
// 3.5, 4.1, 5.1 and 6.1. DE and the EU baseline set no deadline for a reminder or a
// warning (§ 4.1: no statutory minimum interval), so they have no rule.
func noticeRules() []NoticeRule {
	return []NoticeRule{
		{Jurisdiction: dunning.DK, Kind: CollectionWarning, MinDays: 10, Counting: FromDispatch, Costs: true,
			Source: "inkassoloven § 10 (påkravsskrivelse before collection: at least 10 days from dispatch to pay without further costs)", Status: Verified},
		{Jurisdiction: dunning.NO, Kind: CollectionWarning, MinDays: 14, Counting: FromDispatch, Costs: true,
			Source: "inkassoloven § 9 (inkassovarsel: at least 14 days from dispatch)", Status: Verified},
		{Jurisdiction: dunning.NO, Kind: DemandLetter, MinDays: 14, Counting: FromDispatch, Costs: true,
			Source: "inkassoloven § 10 (betalingsoppfordring: at least 14 days)", Status: Verified},
		{Jurisdiction: dunning.SE, Kind: CollectionWarning, MinDays: 8, Counting: FromDispatch, Costs: true,
			Source: "god inkassosed, IMY guidance on inkassokrav (inkassolagen 5 §): at least 8 days from dispatch", Status: Verified,
			Note: "the guidance also asks for at least 4 bank days after presumed receipt; that needs the host's bank calendar and is not checked"},
		{Jurisdiction: dunning.SE, Kind: DemandLetter, MinDays: 8, Counting: FromDispatch, Costs: true,
			Source: "god inkassosed, IMY guidance on inkassokrav (inkassolagen 5 §): at least 8 days from dispatch", Status: Verified,
			Note: "the guidance also asks for at least 4 bank days after presumed receipt; that needs the host's bank calendar and is not checked"},
		{Jurisdiction: dunning.NL, Kind: CollectionWarning, ConsumerOnly: true, MinDays: 14, Counting: FromReceipt, Costs: true,
			Source: "art. 6:96 lid 6 BW; HR 25 Nov 2016, ECLI:NL:HR:2016:2704 (14-dagenbrief: 14 days from the day after receipt, consequences, exact costs incl. VAT)", Status: Verified,
			Note: "presumed delivery on the 2nd day after dispatch not counting Sundays and Mondays is SECONDARY; public holidays are not counted out"},
		{Jurisdiction: dunning.FI, Kind: CollectionWarning, ConsumerOnly: true, MinDays: 10, Counting: FromDispatch, Costs: true,
			Source: "KKV decision of 21 Oct 2024 (at least 10 days to pay, counted from presumed receipt)", Status: Verified,
			Note: "the research gives no presumed-receipt rule, so only the necessary 10 days from dispatch are checked"},
	}
}

// NoticeRules returns the notice rules CheckStatutory applies, a fresh copy each call.
func NoticeRules() []NoticeRule { return noticeRules() }

// ruleFor returns the rule for a letter, if any.
func ruleFor(kind Kind, j dunning.Jurisdiction, debtor dunning.PartyKind) (NoticeRule, bool) {
	for _, r := range noticeRules() {
		if r.Kind == kind && r.Jurisdiction == j && (!r.ConsumerOnly || debtor == dunning.Consumer) {
			return r, true
		}
	}
	return NoticeRule{}, false
}

// PresumedDelivery returns the day a Dutch letter sent on sent is presumed delivered:
// the 2nd day after dispatch, not counting Sundays and Mondays (SECONDARY; public
// holidays are not counted out, which only makes the presumption earlier than a
// court would, so a deadline computed from it errs on the short side: add the
// holidays of the period yourself).
func PresumedDelivery(sent date.Date) date.Date {
	if sent.IsZero() {
		return sent
	}
	d, n := sent, 0
	for n < 2 {
		d = d.AddDays(1)
		if wd := d.Weekday(); wd != time.Sunday && wd != time.Monday {
			n++
		}
	}
	return d
}

// EarliestDeadline returns the earliest deadline the law allows for a letter of the
// given kind sent on sent, to a debtor of the given kind under jurisdiction j, and
// the rule it comes from; ok is false when no rule applies (then any deadline is
// lawful as far as this package knows).
func EarliestDeadline(kind Kind, j dunning.Jurisdiction, debtor dunning.PartyKind, sent date.Date) (deadline date.Date, rule NoticeRule, ok bool) {
	rule, ok = ruleFor(kind, j, debtor)
	if !ok || sent.IsZero() {
		return date.Date{}, rule, ok
	}
	if rule.Counting == FromReceipt {
		return PresumedDelivery(sent).AddDays(rule.MinDays), rule, true
	}
	return sent.AddDays(rule.MinDays), rule, true
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
	rule, ok := ruleFor(kind, d.Jurisdiction, d.Debtor.Kind)
	if !ok {
		return errors.Join(errs...)
	}
	src := string(d.Jurisdiction) + " " + rule.Source
	if d.Date.IsZero() {
		add("Data.Date", "", "is required: the deadline is counted from the dispatch date ("+src+")")
		return errors.Join(errs...)
	}
	earliest, _, _ := EarliestDeadline(kind, d.Jurisdiction, d.Debtor.Kind, d.Date)
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
