package fees

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Notice is the kind of notice a fee is charged for. Only Norway distinguishes them
// (inkassoforskriften §§ 1-2, 1-3); elsewhere every kind is a reminder. The zero value
// is Reminder.
type Notice uint8

const (
	// Reminder is a written payment reminder: rykkerskrivelse, påminnelse, purring,
	// Mahnung, maksumuistutus.
	Reminder Notice = iota
	// CollectionWarning is the NO inkassovarsel (1/20 of the inkassosats).
	CollectionWarning
	// PaymentDemand is the NO betalingsoppfordring sent by the creditor itself (3/20).
	PaymentDemand
)

// String returns the notice's name.
func (n Notice) String() string {
	switch n {
	case Reminder:
		return "reminder"
	case CollectionWarning:
		return "collection warning"
	case PaymentDemand:
		return "payment demand"
	}
	return "Notice(" + strconv.Itoa(int(n)) + ")"
}

// ReminderRule is the reminder-fee law for one jurisdiction, debtor kind and date. Get
// it from ReminderRules; a ReminderRule built by hand works with Assess as long as Cap
// is a valid amount.
type ReminderRule struct {
	Jurisdiction dunning.Jurisdiction
	Kind         dunning.PartyKind
	// From is the first date (the date a reminder is sent) this version applies to.
	From date.Date
	// Cap is the most a reminder may cost (NO: a purring or an inkassovarsel). Zero
	// means no fee may be charged for a reminder (NL).
	Cap money.Money
	// DemandCap is, for NO, the most a betalingsoppfordring may cost (3/20 of the
	// inkassosats, or 3/10 for claims due before 2020-10-01); zero elsewhere.
	DemandCap money.Money
	// Rate is, for NO, the inkassosats the caps are fractions of; zero elsewhere.
	Rate money.Money
	// IncludesVAT is true where the research says the cap includes VAT (DK).
	IncludesVAT bool
	// MaxFees is the most fee-bearing reminders per claim; 0 means no statutory limit
	// (SE, DE, FI: none found, UNVERIFIED for SE and FI consumers).
	MaxFees int
	// MinDaysBetween is the least number of days from the previous fee-bearing reminder
	// to the next; 0 means no rule.
	MinDaysBetween int
	// MinDaysAfterDue is the least number of days from the due date to a fee-bearing
	// reminder: the fee is allowed on due date + MinDaysAfterDue at the earliest.
	MinDaysAfterDue int
	// FirstFree: the first reminder may not carry a fee (DE: it is the one that puts
	// the debtor in default).
	FirstFree bool
	// NeedsAgreement: a fee may be charged only if it was agreed no later than when the
	// debt arose (SE, lag 1981:739 2 §).
	NeedsAgreement bool
	// DisputeBlocks: once the debtor disputes the claim, no fee after the first (DK).
	DisputeBlocks bool
	// NoticeSet: the NO either/or set of § 1-3: at most 2 purringer + 1
	// betalingsoppfordring, or 1 purring + 1 inkassovarsel + 1 betalingsoppfordring.
	NoticeSet bool
	// Source is the law and section the rule comes from, as the research cites it.
	Source string
	// Status is the status of Cap, MaxFees and MinDaysBetween; Note names any part of
	// the rule with a weaker status.
	Status dunning.Status
	// Note explains parts of the rule with their status.
	Note string

	zero money.Money // a zero amount in the rule's currency, so Assess need not allocate one
}

// reminderRow is one effective-dated row of the reminder-fee table.
type reminderRow struct {
	j    dunning.Jurisdiction
	kind dunning.PartyKind // 0: both kinds
	from date.Date
	to   date.Date // exclusive; zero: open
	rule ReminderRule
}

func mustMoney(s string, c money.Currency) money.Money { return money.MustNew(s, c) }

const (
	dkk = money.DKK
	sek = money.SEK
	eur = money.EUR
)

// reminderRows is the table of reminder-fee rules other than NO (built by noReminder).
// Each row's Source and Status are the research's (docs/research/jurisdictions.md §§ 1.1, 2.1, 4.1,
// 5.1, 6.1, 8.5).
var reminderRows = []reminderRow{
	{j: dunning.DK, from: date.MustNew(2002, 8, 1), rule: ReminderRule{
		Cap: mustMoney("100", dkk), zero: money.Zero(dkk), IncludesVAT: true,
		MaxFees: 3, MinDaysBetween: 10, MinDaysAfterDue: 1, DisputeBlocks: true,
		Source: "renteloven § 9 b", Status: dunning.Verified,
		Note: "100 DKK incl. VAT, 3 fees, 10 days apart: VERIFIED (renteloven § 9 b stk. 2, 2001 act); " +
			"no fee for the 2nd and 3rd reminder once disputed: SECONDARY; a fee-bearing reminder " +
			"only after the due date: DERIVED. Since 2002-08-01 for all private-law claims.",
	}},
	{j: dunning.SE, from: date.MustNew(2013, 3, 16), rule: ReminderRule{
		Cap: mustMoney("60", sek), zero: money.Zero(sek), MinDaysAfterDue: 1, NeedsAgreement: true,
		Source: "lag (1981:739) 4 § 1, 2 §", Status: dunning.Verified,
		Note: "60 SEK påminnelseavgift, only if agreed no later than when the debt arose: VERIFIED; " +
			"no statutory number or interval, fees must be skäligen påkallade: any hard cap UNVERIFIED.",
	}},
	{j: dunning.DE, from: date.MustNew(2007, 1, 1), rule: ReminderRule{
		Cap: mustMoney("2.50", eur), zero: money.Zero(eur), MinDaysAfterDue: 1, FirstFree: true,
		Source: "§§ 280, 286 BGB; AG Brandenburg 31 C 190/06 (NJW 2007, 2268)", Status: dunning.Secondary,
		Note: "no statutory amount: only actual costs; courts accept about 2.50 EUR (SECONDARY); " +
			"the first, default-creating reminder is not reimbursable (SECONDARY); no statutory " +
			"number or interval. The row starts with the cited 2007 decision.",
	}},
	{j: dunning.NL, from: date.MustNew(2012, 7, 1), rule: ReminderRule{
		Cap: mustMoney("0", eur), zero: money.Zero(eur),
		Source: "art. 6:96 BW; Besluit vergoeding voor buitengerechtelijke incassokosten", Status: dunning.Verified,
		Note: "no fee per reminder: extrajudicial costs are the WIK amount (see CollectionCostCap).",
	}},
	{j: dunning.FI, kind: dunning.Consumer, from: date.MustNew(2020, 1, 1), to: date.MustNew(2022, 5, 1), rule: ReminderRule{
		Cap: mustMoney("5", eur), zero: money.Zero(eur), MinDaysBetween: 15, MinDaysAfterDue: 15,
		Source: "perintälaki 10 a §, 10 b §", Status: dunning.Verified,
		Note: "5 EUR: VERIFIED as in force in 2020; at least 14 days after the due date and between " +
			"chargeable steps, the 14th day excluded (KKV 2024): DERIVED as day 15; limits on the " +
			"number of steps (10 c §) and the total cap (10 d §): UNVERIFIED, not applied.",
	}},
	{j: dunning.FI, kind: dunning.Consumer, from: date.MustNew(2022, 5, 1), rule: ReminderRule{
		Cap: mustMoney("5", eur), zero: money.Zero(eur), MinDaysBetween: 15, MinDaysAfterDue: 15,
		Source: "perintälaki 10 a §, 10 b § (as amended by 299/2022)", Status: dunning.Unverified,
		Note: "5 EUR after law 299/2022 amended 10 a § item 1: UNVERIFIED (amended text not retrieved); " +
			"timing as before (DERIVED); limits on the number of steps (10 c §): UNVERIFIED, not applied.",
	}},
	{j: dunning.FI, kind: dunning.Business, from: date.MustNew(2022, 5, 1), rule: ReminderRule{
		Cap: mustMoney("12", eur), zero: money.Zero(eur), MinDaysBetween: 10, MinDaysAfterDue: 1,
		Source: "perintälaki as amended by 299/2022 (HE 241/2021)", Status: dunning.Secondary,
		Note: "12 EUR, at least 10 days since the previous reminder or demand: SECONDARY; a reminder " +
			"may follow the due date at once: SECONDARY.",
	}},
}

// NO notice fees: fractions of the inkassosats (inkassoforskriften § 1-2).
var (
	noFracNew    = dec("0.05") // 1/20, claims due from 2020-10-01
	noFracOld    = dec("0.10") // 1/10, claims due before
	noDemandNew  = dec("0.15") // 3/20
	noDemandOld  = dec("0.30") // 3/10
	noNoticeFrom = date.MustNew(2017, 1, 1)
)

// ReminderRules returns the reminder-fee rule for a debtor of kind k in jurisdiction j,
// for a claim that fell due on due and a reminder sent on sent. Which date decides:
//
//   - the version of the law is the one in force on sent, the date the reminder is sent;
//   - NO: the fraction of the inkassosats (1/20, or 1/10 for claims due before
//     2020-10-01) is keyed on due; the inkassosats itself on sent (§ 1-2 last paragraph).
//     The 750 NOK inkassosats from 2026-01-01 is UNVERIFIED and the rule then says so
//     in its Status.
//
// due is used only for NO; the other jurisdictions accept a zero due.
//
// It does not allocate on success: the tables are package-level values built once
// and only read afterwards.
// Errors: *dunning.FieldError for an unknown jurisdiction, invalid kind or zero sent;
// *NoRuleError when sent is before the first rule, or for EU (the directive has no
// reminder fee).
func ReminderRules(j dunning.Jurisdiction, k dunning.PartyKind, due, sent date.Date) (ReminderRule, error) {
	if err := checkParties(j, k); err != nil {
		return ReminderRule{}, err
	}
	if sent.IsZero() {
		return ReminderRule{}, fieldErr("sent", "", "is required", nil)
	}
	switch j {
	case dunning.EU:
		return ReminderRule{}, noRule(j, "reminder fee", "", date.Date{},
			"Directive 2011/7/EU sets no reminder fee; use the national rule")
	case dunning.NO:
		return noReminder(k, due, sent)
	}
	var first date.Date
	for i := range reminderRows {
		row := &reminderRows[i]
		if row.j != j || (row.kind != 0 && row.kind != k) {
			continue
		}
		if first.IsZero() || row.from.Before(first) {
			first = row.from
		}
		if sent.Before(row.from) || (!row.to.IsZero() && !sent.Before(row.to)) {
			continue
		}
		r := row.rule
		r.Jurisdiction, r.Kind, r.From = j, k, row.from
		return r, nil
	}
	reason := "the research has no reminder-fee rule for " + k.String() + " debtors"
	if !first.IsZero() {
		reason = "the first rule applies from " + first.String()
	}
	return ReminderRule{}, noRule(j, "reminder-fee rule", "reminder sent", sent, reason)
}

// noNoticeRules are the NO rules, one per inkassosats row and fraction regime,
// computed once from noSatsTable and only read afterwards.
var noNoticeRules = buildNoNoticeRules()

type noNoticeRow struct {
	satsFrom date.Date
	oldClaim bool // for claims due before 2020-10-01
	rule     ReminderRule
}

func buildNoNoticeRules() []noNoticeRow {
	nok := money.NOK
	rows := make([]noNoticeRow, 0, 2*len(noSatsTable))
	for _, sats := range noSatsTable {
		for _, old := range []bool{false, true} {
			frac, demand, which := noFracNew, noDemandNew, "1/20 and 3/20 (claims due from 2020-10-01)"
			if old {
				frac, demand, which = noFracOld, noDemandOld, "1/10 and 3/10 (claims due before 2020-10-01)"
			}
			note := "purring and inkassovarsel " + which + " of the inkassosats " + sats.amount.String() +
				" NOK (" + sats.status.String() + "): VERIFIED (§ 1-2); purring at earliest 14 days after the due date: " +
				"VERIFIED; either 2 purringer + 1 betalingsoppfordring or 1 purring + 1 inkassovarsel + 1 " +
				"betalingsoppfordring (§ 1-3): VERIFIED; a further notice only after a missed deadline of at " +
				"least 14 days: DERIVED as 15 days after the previous fee-bearing notice."
			rows = append(rows, noNoticeRow{satsFrom: sats.from, oldClaim: old, rule: ReminderRule{
				Jurisdiction: dunning.NO,
				Cap:          mustDec(money.FromDecimal(sats.amount.Mul(frac), nok, centPolicy)),
				DemandCap:    mustDec(money.FromDecimal(sats.amount.Mul(demand), nok, centPolicy)),
				Rate:         mustDec(money.FromDecimal(sats.amount, nok, centPolicy)),
				zero:         money.Zero(nok),
				MaxFees:      3, MinDaysBetween: 15, MinDaysAfterDue: 14, NoticeSet: true,
				Source: "inkassoforskriften §§ 1-2, 1-3; " + sats.source,
				Status: dunning.Verified.Weaker(sats.status), Note: note,
			}})
		}
	}
	return rows
}

func noReminder(k dunning.PartyKind, due, sent date.Date) (ReminderRule, error) {
	if due.IsZero() {
		return ReminderRule{}, fieldErr("due", "", "is required for NO (the fee fraction is keyed on the due date)", nil)
	}
	if due.Before(noNoticeFrom) {
		return ReminderRule{}, noRule(dunning.NO, "reminder-fee rule", "claim due", due,
			"the research has the notice fees for claims due from "+noNoticeFrom.String()+" only")
	}
	if sent.Before(noNoticeFrom) {
		return ReminderRule{}, noRule(dunning.NO, "reminder-fee rule", "reminder sent", sent,
			"the research has the inkassosats from "+noNoticeFrom.String()+" only")
	}
	old := due.Before(noCut)
	var found *noNoticeRow
	for i := range noNoticeRules {
		row := &noNoticeRules[i]
		if row.oldClaim == old && !sent.Before(row.satsFrom) {
			found = row
		}
	}
	r := found.rule
	r.Kind = k
	r.From = found.satsFrom
	if !old && noCut.After(r.From) {
		r.From = noCut
	}
	return r, nil
}

// mustDec unwraps a FromDecimal on a constant of the tables; an error is a bug in the
// tables, found by every test run.
func mustDec(m money.Money, err error) money.Money {
	if err != nil {
		panic("fees: bad table amount: " + err.Error())
	}
	return m
}
