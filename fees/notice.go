package fees

import (
	"strconv"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
)

// Counting says from which day a notice period runs.
type Counting uint8

// The ways a notice period is counted.
const (
	// FromDispatch counts the days from the day the letter is sent.
	FromDispatch Counting = iota + 1
	// FromReceipt counts the days from the day after the letter is presumed
	// delivered (NL: the 2nd day after dispatch, not counting Sundays and Mondays;
	// PresumedDelivery).
	FromReceipt
)

// String returns "from dispatch" or "from receipt".
func (c Counting) String() string {
	switch c {
	case FromDispatch:
		return "from dispatch"
	case FromReceipt:
		return "from receipt"
	}
	return "Counting(" + strconv.Itoa(int(c)) + ")"
}

// NoticeRule is the shortest deadline the law lets a notice give the debtor in one
// jurisdiction: how many days, counted how, and whether the notice must state the
// costs that follow if the debtor does not pay. Every rule carries its source and
// research status. The deadline is the last day the debtor may pay without the next
// step; the next step comes the day after it at the earliest.
//
// Which rules exist is in NoticeRules. The flow package gives every step at least
// this deadline (flow.Decide) and the letters package checks it (CheckStatutory), so
// the notice law is decided here once.
type NoticeRule struct {
	Jurisdiction dunning.Jurisdiction
	// Notice is the notice the rule is for: the collection warning (DK
	// påkravsskrivelse, NO inkassovarsel, NL 14-dagenbrief, SE and FI warnings),
	// the payment demand (NO betalingsoppfordring, SE inkassokrav, FI
	// maksuvaatimus), or a reminder (NO purring).
	Notice Notice
	// ConsumerOnly restricts the rule to consumer debtors.
	ConsumerOnly bool
	// MinDays is the shortest period the debtor must be given, counted as Counting says.
	MinDays  int
	Counting Counting
	// Costs says the notice must state the amount added if the debtor does not pay.
	Costs  bool
	Source string
	Status dunning.Status
	// Note records what the rule does not check, and the status of its parts.
	Note string
}

// noticeRules are the notice periods of docs/research/jurisdictions.md §§ 1.5, 2.5, 3.1,
// 3.5, 5.1 and 6.1. DE and the EU baseline set no deadline for a reminder or a
// warning (§ 4.1: no statutory minimum interval), so they have no rule. Read only.
var noticeRules = [...]NoticeRule{
	{Jurisdiction: dunning.DK, Notice: CollectionWarning, MinDays: 10, Counting: FromDispatch, Costs: true,
		Source: "inkassoloven § 10 (påkravsskrivelse before collection: at least 10 days from dispatch to pay without further costs)", Status: dunning.Verified},
	{Jurisdiction: dunning.NO, Notice: Reminder, MinDays: 14, Counting: FromDispatch,
		Source: "inkassoforskriften § 1-3 (a further fee-bearing notice only after the debtor missed a deadline of at least 14 days set in the purring)", Status: dunning.Verified,
		Note: "the law does not forbid a shorter purring deadline, but the next notice's fee then is not chargeable: every purring gives 14 days"},
	{Jurisdiction: dunning.NO, Notice: CollectionWarning, MinDays: 14, Counting: FromDispatch, Costs: true,
		Source: "inkassoloven § 9 (inkassovarsel: at least 14 days from dispatch)", Status: dunning.Verified},
	{Jurisdiction: dunning.NO, Notice: PaymentDemand, MinDays: 14, Counting: FromDispatch, Costs: true,
		Source: "inkassoloven § 10 (betalingsoppfordring: at least 14 days)", Status: dunning.Verified},
	{Jurisdiction: dunning.SE, Notice: CollectionWarning, MinDays: 8, Counting: FromDispatch, Costs: true,
		Source: "god inkassosed, IMY guidance on inkassokrav (inkassolagen 5 §): at least 8 days from dispatch", Status: dunning.Verified,
		Note: "the guidance also asks for at least 4 bank days after presumed receipt; that needs the host's bank calendar and is not checked"},
	{Jurisdiction: dunning.SE, Notice: PaymentDemand, MinDays: 8, Counting: FromDispatch, Costs: true,
		Source: "god inkassosed, IMY guidance on inkassokrav (inkassolagen 5 §): at least 8 days from dispatch", Status: dunning.Verified,
		Note: "the guidance also asks for at least 4 bank days after presumed receipt; that needs the host's bank calendar and is not checked"},
	{Jurisdiction: dunning.NL, Notice: CollectionWarning, ConsumerOnly: true, MinDays: 14, Counting: FromReceipt, Costs: true,
		Source: "art. 6:96 lid 6 BW; HR 25 Nov 2016, ECLI:NL:HR:2016:2704 (14-dagenbrief: 14 days from the day after receipt, consequences, exact costs incl. VAT)", Status: dunning.Verified,
		Note: "presumed delivery on the 2nd day after dispatch not counting Sundays and Mondays is SECONDARY; public holidays are not counted out"},
	{Jurisdiction: dunning.FI, Notice: CollectionWarning, ConsumerOnly: true, MinDays: 10, Counting: FromDispatch, Costs: true,
		Source: "KKV decision of 21 Oct 2024 (at least 10 days to pay, counted from presumed receipt)", Status: dunning.Verified,
		Note: "the research gives no presumed-receipt rule, so only the necessary 10 days from dispatch are given"},
	{Jurisdiction: dunning.FI, Notice: PaymentDemand, ConsumerOnly: true, MinDays: 10, Counting: FromDispatch,
		Source: "KKV decision of 21 Oct 2024 (a collection letter gives a consumer at least 10 days to pay, counted from presumed receipt)", Status: dunning.Verified,
		Note: "the research gives no presumed-receipt rule, so only the necessary 10 days from dispatch are given"},
}

// NoticeRules returns every notice rule, a fresh copy each call.
func NoticeRules() []NoticeRule {
	out := make([]NoticeRule, len(noticeRules))
	copy(out, noticeRules[:])
	return out
}

// NoticeRuleFor returns the notice rule for notice n to a debtor of kind k under
// jurisdiction j, and false when the law sets none (then any deadline is lawful as
// far as this package knows). It does not allocate.
func NoticeRuleFor(j dunning.Jurisdiction, k dunning.PartyKind, n Notice) (NoticeRule, bool) {
	if r := noticeRule(j, k, n); r != nil {
		return *r, true
	}
	return NoticeRule{}, false
}

// noticeRule is the one lookup of the notice table: the rule for notice n to a
// debtor of kind k under j, or nil. The table is read-only; callers copy.
func noticeRule(j dunning.Jurisdiction, k dunning.PartyKind, n Notice) *NoticeRule {
	for i := range noticeRules {
		r := &noticeRules[i]
		if r.Notice == n && r.Jurisdiction == j && (!r.ConsumerOnly || k == dunning.Consumer) {
			return r
		}
	}
	return nil
}

// NoticeMinimum is EarliestDeadline without the rule: the earliest deadline, and
// false when no rule applies. It copies nothing, for hot paths (flow.Decide).
func NoticeMinimum(j dunning.Jurisdiction, k dunning.PartyKind, n Notice, sent date.Date) (date.Date, bool) {
	if r := noticeRule(j, k, n); r != nil {
		return r.Earliest(sent), true
	}
	return date.Date{}, false
}

// Earliest returns the earliest deadline r allows for a notice sent on sent: sent
// plus MinDays, or for FromReceipt, the presumed delivery day plus MinDays (the
// period runs from the day after delivery). A zero sent gives the zero Date.
func (r NoticeRule) Earliest(sent date.Date) date.Date {
	if sent.IsZero() {
		return date.Date{}
	}
	if r.Counting == FromReceipt {
		return PresumedDelivery(sent).AddDays(r.MinDays)
	}
	return sent.AddDays(r.MinDays)
}

// EarliestDeadline returns the earliest deadline the law allows for notice n sent
// on sent to a debtor of kind k under jurisdiction j, with the rule it comes from;
// ok is false when no rule applies. It does not allocate.
func EarliestDeadline(j dunning.Jurisdiction, k dunning.PartyKind, n Notice, sent date.Date) (deadline date.Date, rule NoticeRule, ok bool) {
	rule, ok = NoticeRuleFor(j, k, n)
	if !ok {
		return date.Date{}, rule, false
	}
	return rule.Earliest(sent), rule, true
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
