package fees

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Compensation is the fixed compensation for recovery costs a business debtor owes for
// a late payment, without any reminder (Directive 2011/7/EU Art. 6; E6). Consumers owe
// none: then Amount is zero and Note says why.
type Compensation struct {
	Amount money.Money // per Per; zero for consumers
	// Per says what the amount is due for: "overdue invoice" (DK, DE, SE, NO, NL, FI) or
	// "late payment" (EU: each late instalment, C-78/22). A continuing arrears (rent,
	// subscriptions) counts once in DK.
	Per string
	// From is the first due date the row applies to.
	From   date.Date
	Source string
	Status dunning.Status
	Note   string
	// Offset says what the compensation is credited against for the same claim:
	// the debtor pays the compensation or those costs, whichever is more, never
	// both (SE lag 1981:739 4 a §: reminder and collection fees; DE § 288 Abs. 5
	// S. 3 BGB: external collection costs). The zero Offset credits nothing (DK:
	// the compensation comes on top of reminder fees and collection costs).
	Offset Offset
}

// Offset says which charges a compensation fee is credited against.
type Offset struct {
	ReminderFees    bool   // reminder fees (påminnelseavgift)
	CollectionCosts bool   // collection costs (inkassokostnader, Inkassokosten)
	Source          string // the law that credits them
	Status          dunning.Status
}

// Total returns n times the compensation, for n overdue invoices or late payments.
func (c Compensation) Total(n int) (money.Money, error) {
	if n < 0 {
		return money.Money{}, fieldErr("n", strconv.Itoa(n), "is negative", nil)
	}
	total := money.Zero(c.Amount.Currency())
	for range n {
		var err error
		if total, err = total.Add(c.Amount); err != nil {
			return money.Money{}, err
		}
	}
	return total, nil
}

type compRow struct {
	offset   Offset
	j        dunning.Jurisdiction
	from, to date.Date // due dates; to exclusive, zero open
	amount   money.Money
	per      string
	source   string
	status   dunning.Status
	note     string
}

// directive is the transposition deadline of Directive 2011/7/EU (2013-03-16). Rows that
// start on it are flagged: the research does not state each national start date.
var directive = date.MustNew(2013, 3, 16)

func nokRow(from, to string, amount string, st dunning.Status) compRow {
	return compRow{j: dunning.NO, from: date.MustParse(from), to: date.MustParse(to),
		amount: mustMoney(amount, money.NOK), per: "overdue invoice",
		source: "forsinkelsesrenteloven § 3a; kred.no half-year notices", status: st,
		note: "40 EUR converted to NOK for the half-year in which the claim fell due; other half-years UNVERIFIED"}
}

// compRows: amounts keyed on the due date of the invoice (docs/research/jurisdictions.md §§ 1.1, 2.1,
// 3.1, 4.1, 5.3, 6.1, 7).
var compRows = []compRow{
	{j: dunning.DK, from: date.MustNew(2013, 3, 1), amount: mustMoney("310", dkk), per: "overdue invoice",
		source: "renteloven § 9 a stk. 3; bek. nr. 105 af 31. januar 2013 § 2 stk. 2", status: dunning.Verified,
		note: "due without a reminder, once per overdue invoice (Østre Landsret) or per continuous arrears, on top of reminder fees and collection costs; claims due from 2013-03-01"},
	{j: dunning.SE, from: date.MustNew(2013, 3, 16), amount: mustMoney("450", sek), per: "overdue invoice",
		source: "lag (1981:739) 4 a § (SFS 2013:56)", status: dunning.Verified,
		note: "förseningsersättning, due once dröjsmålsränta is due; replaces the reminder and collection fees (not both)",
		offset: Offset{ReminderFees: true, CollectionCosts: true, Status: dunning.Verified,
			Source: "lag (1981:739) 4 a § (the debtor does not pay both the förseningsersättning and the fees of 1-4 §§ for the same claim; docs/research/jurisdictions.md § 2.1)"}},
	nokRow("2020-01-01", "2020-07-01", "400", dunning.Secondary),
	nokRow("2020-07-01", "2021-01-01", "430", dunning.Verified),
	nokRow("2021-07-01", "2022-01-01", "400", dunning.Secondary),
	nokRow("2022-01-01", "2022-07-01", "390", dunning.Secondary),
	nokRow("2022-07-01", "2023-01-01", "400", dunning.Verified),
	nokRow("2023-01-01", "2023-07-01", "410", dunning.Verified),
	nokRow("2024-01-01", "2024-07-01", "470", dunning.Verified),
	nokRow("2025-01-01", "2025-07-01", "470", dunning.Verified),
	nokRow("2026-01-01", "2026-07-01", "460", dunning.Secondary),
	{j: dunning.DE, from: date.MustNew(2014, 7, 29), amount: mustMoney("40", eur), per: "overdue invoice",
		source: "§ 288 Abs. 5 BGB", status: dunning.Verified,
		note: "Verzugspauschale for Entgeltforderungen, once per claim in default; credited against external collection costs (§ 288 Abs. 5 S. 3); in force 2014-07-29 (the transitional rule by contract date is UNVERIFIED)",
		offset: Offset{CollectionCosts: true, Status: dunning.Verified,
			Source: "§ 288 Abs. 5 S. 3 BGB (the 40 EUR are credited against external collection costs; debated as possibly contrary to Directive Art. 6(3))"}},
	{j: dunning.NL, from: directive, amount: mustMoney("40", eur), per: "overdue invoice",
		source: "art. 6:96 lid 4 BW (Directive 2011/7/EU Art. 6)", status: dunning.Secondary,
		note: "the 40 EUR minimum for B2B claims (wording SECONDARY); start date taken as the directive's transposition deadline: UNVERIFIED"},
	{j: dunning.FI, from: directive, amount: mustMoney("40", eur), per: "overdue invoice",
		source: "perintälaki (HE 57/2012)", status: dunning.Verified,
		note: "fixed compensation when a business or contracting authority pays late; start date taken as the directive's transposition deadline: UNVERIFIED"},
	{j: dunning.EU, from: directive, amount: mustMoney("40", eur), per: "late payment",
		source: "Directive 2011/7/EU Art. 6(1)-(2); CJEU C-287/17, C-78/22", status: dunning.Verified,
		note: "due without a reminder, for each late payment incl. each late instalment (C-78/22); start date = transposition deadline (article numbering UNVERIFIED)"},
}

// CompensationFee returns the fixed compensation a debtor of kind k owes in jurisdiction
// j for an invoice that fell due on due (the key date in every jurisdiction; for NO it
// picks the half-year's NOK amount). Implements E6.
//
// A consumer owes none: the result has a zero Amount and a Note with the reason, and no
// error. Errors: *dunning.FieldError for bad input, *NoRuleError for a due date outside
// every row (NO half-years not in the research are such gaps).
func CompensationFee(j dunning.Jurisdiction, k dunning.PartyKind, due date.Date) (Compensation, error) {
	if err := checkParties(j, k); err != nil {
		return Compensation{}, err
	}
	if due.IsZero() {
		return Compensation{}, fieldErr("due", "", "is required", nil)
	}
	if k == dunning.Consumer {
		return Compensation{
			Amount: money.Zero(currencyOf(j)), Per: "overdue invoice",
			Source: "Directive 2011/7/EU Art. 1-2 (commercial transactions only)", Status: dunning.Verified,
			Note: string(j) + ": no compensation fee from a consumer; the Late Payment Directive and its transpositions cover business and public-authority debtors only",
		}, nil
	}
	var first date.Date
	for _, r := range compRows {
		if r.j != j {
			continue
		}
		if first.IsZero() || r.from.Before(first) {
			first = r.from
		}
		if due.Before(r.from) || (!r.to.IsZero() && !due.Before(r.to)) {
			continue
		}
		return Compensation{Amount: r.amount, Per: r.per, From: r.from, Source: r.source, Status: r.status, Note: r.note, Offset: r.offset}, nil
	}
	reason := "the first row applies to claims due from " + first.String()
	if !due.Before(first) {
		reason = "the research has no amount for this period"
	}
	return Compensation{}, noRule(j, "compensation fee", "claim due", due, reason)
}
