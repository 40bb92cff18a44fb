package fees

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Step is the collection step whose cost is capped. The zero value, Collection, is
// the ordinary third-party collection demand in every jurisdiction.
type Step uint8

const (
	// Collection is the ordinary demand by a collection agency or lawyer: DK
	// fremmedinkasso (bilag 1), SE inkassokrav (4 § 2), NO lett salær (§ 2-2), DE
	// Geschäftsgebühr under RVG (§ 13e RDG), NL WIK amount, FI collector's maksuvaatimus.
	Collection Step = iota
	// OwnCollection is collection by the creditor itself: DK egeninkasso (bilag 2,
	// including VAT), FI creditor's own maksuvaatimus to a business (12 EUR).
	OwnCollection
	// HeavyCollection is the NO tungt salær (§ 2-3), twice the lett salær, due after the
	// debtor overruns the betalingsoppfordring deadline by more than 28 days.
	HeavyCollection
	// PaymentPlan is a written instalment plan agreed with the debtor: SE
	// amorteringsplan (4 § 3), FI maksusuunnitelma (10 a §, consumers).
	PaymentPlan
)

// IsValid reports whether s is one of the steps above.
func (s Step) IsValid() bool { return s <= PaymentPlan }

// String returns the step's name.
func (s Step) String() string {
	switch s {
	case Collection:
		return "Collection"
	case OwnCollection:
		return "OwnCollection"
	case HeavyCollection:
		return "HeavyCollection"
	case PaymentPlan:
		return "PaymentPlan"
	}
	return "Step(" + strconv.Itoa(int(s)) + ")"
}

// CostQuery asks for the cap on collection costs for one claim. Jurisdiction, Kind,
// Claim and KeyDate are required; the other fields have useful zero values.
type CostQuery struct {
	Jurisdiction dunning.Jurisdiction
	Kind         dunning.PartyKind // the debtor's kind
	// Claim is the amount the table is looked up with, in the jurisdiction's currency.
	// What it includes is the law's: DK principal incl. VAT plus interest before the due
	// date plus fees (not morarente); NO principal plus interest before the due date;
	// NL principal only; DE the value of the claim (Gegenstandswert); FI principal.
	Claim money.Money
	// KeyDate selects the version of the law. Which date it is differs:
	//   DK: the date the payment claim arose (bek. 601/2002 § 6 and its amendments)
	//   NO: the due date of the claim (the 2020-10-01 fee cut applies to claims due from then)
	//   DE: the date the collector was instructed (RVG/RDG versions)
	//   NL: the date the debtor went into default (WIK applies from 2012-07-01)
	//   SE, FI: the date the step (demand, plan) is taken
	KeyDate date.Date
	// RateDate is, for NO only, the date whose inkassosats applies (the day the main
	// claim is paid, inkassoforskriften); the zero value means KeyDate.
	RateDate date.Date
	// Step is the collection step; the zero value is the ordinary third-party demand.
	Step Step
	// Disputed is, for DE, whether the claim is disputed: an undisputed claim is capped
	// at a 0.9 fee (from 2021-10-01), a disputed one at the 1.3 threshold fee.
	Disputed bool
	// Repeat is, for FI, a repeated payment demand for the same claim (half the cap).
	Repeat bool
	// DirectlyEnforceable is, for FI, a demand on a directly enforceable claim.
	DirectlyEnforceable bool
	// Instalments is, for an FI payment plan, the number of instalments.
	Instalments int
	// VATPercent is the VAT rate to add, in percent (25, 19, 21), when the creditor
	// cannot deduct VAT; zero adds none. The law allows the add-on in DK
	// (fremmedinkasso), NO, DE and NL; elsewhere a non-zero value is an error.
	VATPercent decimal.Decimal
	// Extras are extra collection expenses the creditor incurred besides the capped
	// fee, e.g. a credit check (Bonitätsauskunft at an Auskunftei) or an address
	// lookup. Each is decided by the law of the jurisdiction and its Kind: an allowed
	// one is added to Cap.Amount, listed in Cap.Note and Cap.Extras with its source and
	// status; a refused one is listed in Cap.Extras with the reason and never added.
	// Where the research has no rule for extra expenses they are refused. A negative
	// amount or one in another currency is a *dunning.FieldError naming the field and
	// index ("Extras[1].Amount"). The zero value (nil) means no extras: the cap is
	// unchanged. See Expense and ExpenseKind.
	Extras []Expense
}

// Cap is the most a creditor may recover from the debtor for a collection step.
// Amount is Net + VAT + ExtrasAllowed.
type Cap struct {
	Amount money.Money    // the cap, VAT and allowed extra expenses included
	Net    money.Money    // the cap before the VAT add-on, without extra expenses
	VAT    money.Money    // the VAT add-on; zero when none
	Source string         // law and section, or the authority's page, as the research cites it
	Status dunning.Status // the weakest status of the figures used (allowed extras included)
	Note   string         // how the cap was found, e.g. "bilag 1 (2016): 10,001–25,000 DKK"
	// ExtrasAllowed is the sum of the extra expenses (CostQuery.Extras) the law allows,
	// included in Amount; zero when there are none or all were refused.
	ExtrasAllowed money.Money
	// Extras is the decision on each CostQuery.Extras entry, in the same order: what
	// was allowed and what was refused, and why; nil when the query had no extras.
	Extras []ExpenseResult
}

// CollectionCostCap returns the cap on the costs of the ordinary third-party collection
// demand (Step Collection, undisputed, no VAT add-on) for a claim of the given amount.
// It is CollectionCostCapFor with only the four required fields set; see CostQuery for
// what claim and keyDate mean in each jurisdiction. For DK, keyDate is the date the
// payment claim arose, and the cap is the bilag 1 (fremmedinkasso) amount excluding VAT.
//
// Errors: a *dunning.FieldError (unwrapping to dunning.ErrInvalid) for an unknown
// jurisdiction, an invalid kind, a negative claim or one in the wrong currency, a zero
// keyDate; a *NoRuleError (unwrapping to ErrNoRule) when keyDate is outside every table
// or the research has no cap for the jurisdiction (EU).
func CollectionCostCap(j dunning.Jurisdiction, k dunning.PartyKind, claim money.Money, keyDate date.Date) (Cap, error) {
	return CollectionCostCapFor(CostQuery{Jurisdiction: j, Kind: k, Claim: claim, KeyDate: keyDate})
}

// CollectionCostCapFor returns the cap on collection costs for q. It returns every input
// problem at once (errors.Join of *dunning.FieldError), and a *NoRuleError when the
// research has no rule for q.
func CollectionCostCapFor(q CostQuery) (Cap, error) {
	if err := q.validate(); err != nil {
		return Cap{}, err
	}
	var (
		c   Cap
		err error
	)
	switch q.Jurisdiction {
	case dunning.DK:
		c, err = dkCost(q)
	case dunning.SE:
		c, err = seCost(q)
	case dunning.NO:
		c, err = noCost(q)
	case dunning.DE:
		c, err = deCost(q)
	case dunning.NL:
		c, err = nlCost(q)
	case dunning.FI:
		c, err = fiCost(q)
	default:
		return Cap{}, noRule(q.Jurisdiction, "collection-cost cap", "", date.Date{},
			"Directive 2011/7/EU Art. 6(3) allows reasonable recovery costs but sets no cap; use the national rule")
	}
	if err != nil || len(q.Extras) == 0 {
		return c, err
	}
	return applyExtras(q, c)
}

func (q CostQuery) validate() error {
	var errs []error
	if err := checkParties(q.Jurisdiction, q.Kind); err != nil {
		errs = append(errs, err)
	}
	if known(q.Jurisdiction) {
		if err := checkAmount("Claim", q.Claim, q.Jurisdiction); err != nil {
			errs = append(errs, err)
		}
	}
	if err := checkDate("KeyDate", q.KeyDate); err != nil {
		errs = append(errs, err)
	}
	if q.Step > PaymentPlan {
		errs = append(errs, fieldErr("Step", strconv.Itoa(int(q.Step)), "is not a known step", nil))
	}
	if q.VATPercent.IsNegative() {
		errs = append(errs, fieldErr("VATPercent", q.VATPercent.String(), "is negative", nil))
	}
	if q.Instalments < 0 {
		errs = append(errs, fieldErr("Instalments", strconv.Itoa(q.Instalments), "is negative", nil))
	}
	for i, e := range q.Extras {
		errs = append(errs, e.validate(i, q.Jurisdiction)...)
	}
	return errors.Join(errs...)
}

// ---- shared table machinery ------------------------------------------------------

// band is one row of a step table: claims up to and including upTo (major units) cost
// fee. The last band of a table has upTo zero (no upper limit) and may add a
// percentage of the part of the claim above the previous band's limit.
type band struct {
	upTo    int64
	fee     decimal.Decimal
	pctOver decimal.Decimal // for the open last band: percent of the excess
}

// lookup returns the band for claim and, for an open last band, the excess it applies
// the percentage to.
func lookup(bands []band, claim decimal.Decimal) (b band, lower int64) {
	for i, b := range bands {
		if b.upTo == 0 || claim.Cmp(decimal.NewFromInt(b.upTo)) <= 0 {
			if i > 0 {
				lower = bands[i-1].upTo
			}
			return b, lower
		}
	}
	return bands[len(bands)-1], bands[len(bands)-2].upTo
}

// bandFee returns the fee of the band for claim, exact (unrounded).
func bandFee(bands []band, claim decimal.Decimal) (fee decimal.Decimal, b band, lower int64) {
	b, lower = lookup(bands, claim)
	fee = b.fee
	if b.upTo == 0 && !b.pctOver.IsZero() {
		excess := claim.Sub(decimal.NewFromInt(lower))
		if excess.IsPositive() {
			fee = fee.Add(excess.Mul(b.pctOver).Shift(-2))
		}
	}
	return fee, b, lower
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// centPolicy rounds a final amount to the currency's minor units, half away from zero
// (the usual commercial rule; RVG § 2 Abs. 2 for DE).
var centPolicy = money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero}

// finish rounds the exact net cap once, adds VAT if asked, and fills the Cap.
func finish(q CostQuery, net decimal.Decimal, vatAllowed bool, vatWhy string, c Cap) (Cap, error) {
	cur := q.Claim.Currency()
	n, err := money.FromDecimal(net, cur, centPolicy)
	if err != nil {
		return Cap{}, err
	}
	zero := money.Zero(cur) // Money is immutable: VAT and ExtrasAllowed may share it
	c.Net, c.Amount, c.VAT, c.ExtrasAllowed = n, n, zero, zero
	if !q.VATPercent.IsZero() {
		if !vatAllowed {
			return Cap{}, fieldErr("VATPercent", q.VATPercent.String(), vatWhy, ErrNoRule)
		}
		c.VAT = n.Percent(q.VATPercent, centPolicy)
		if c.Amount, err = n.Add(c.VAT); err != nil {
			return Cap{}, err
		}
	}
	return c, nil
}

// ---- DK ---------------------------------------------------------------------------

// dkTable is one version of the tables of the bekendtgørelse om udenretlige
// inddrivelsesomkostninger, for payment claims arising from `from`.
type dkTable struct {
	from    date.Date
	source  string
	status  dunning.Status
	foreign []band // bilag 1, fremmedinkasso, ex VAT
	own     []band // bilag 2, egeninkasso, incl. VAT; nil when not known
}

func dkBands(fees [9]string, last string, pct string) []band {
	limits := [9]int64{1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000}
	bs := make([]band, 0, 10)
	for i, f := range fees {
		bs = append(bs, band{upTo: limits[i], fee: dec(f)})
	}
	return append(bs, band{fee: dec(last), pctOver: dec(pct)})
}

// dkCostTables are the DK versions, oldest first. Note on the research: docs/research/jurisdictions.md
// §1.3 calls the 300-series table "2009" and the 350-series "2013"; the stored
// amendment texts show that bek. 423/2009 replaced the 300-series of the original bek.
// 601/2002 by the 350-series, and bek. 105/2013 (in force 2013-03-01) did not change
// the tables. The figures are VERIFIED either way; only the 2009 switch date is not
// (bek. 423 is dated 2009-05-28, its in-force date was not seen): claims arising from
// 2009-05-28 to 2009-06-30 get an error rather than a guess.
var dkCostTables = []dkTable{
	{
		from:    date.MustNew(2002, 8, 1),
		source:  "bek. nr. 601 af 12. juli 2002 bilag 1 og 2 (retsinformation.dk id=125006 shows the original tables)",
		status:  dunning.Verified,
		foreign: dkBands([9]string{"300", "500", "700", "900", "1200", "1600", "2000", "2700", "4500"}, "4500", "1"),
		// Bilag 2 before 2009: research says only this pre-2013 table was seen; flagged
		// UNVERIFIED as the research asks (docs/research/jurisdictions.md §1.3, §10.1).
		own: dkBands([9]string{"200", "350", "450", "600", "800", "1000", "1300", "1800", "3000"}, "3000", "0.67"),
	},
	{
		// Gap: bek. 423 of 2009-05-28, in-force date UNVERIFIED (see dkGap).
		from:    date.MustNew(2009, 7, 1),
		source:  "bek. nr. 423 af 28. maj 2009 bilag 1 (retsinformation.dk id=125006); unchanged by bek. 105/2013",
		status:  dunning.Verified,
		foreign: dkBands([9]string{"350", "600", "850", "1100", "1450", "1950", "2450", "3300", "5500"}, "5500", "1"),
	},
	{
		from:    date.MustNew(2016, 7, 1),
		source:  "bek. nr. 476 af 24. maj 2016 bilag 1 (retsinformation.dk id=180226)",
		status:  dunning.Verified,
		foreign: dkBands([9]string{"400", "700", "1000", "1300", "1700", "2250", "2850", "3850", "6400"}, "6400", "1"),
	},
}

// dkGap is the period in which it is not known whether the 2002 or the 2009 table
// applies: from the date of bek. 423/2009 to the assumed latest in-force date.
var dkGap = date.Period{From: date.MustNew(2009, 5, 28), To: date.MustNew(2009, 7, 1)}

func dkCost(q CostQuery) (Cap, error) {
	const rule = "collection-cost cap"
	first := dkCostTables[0].from
	if q.KeyDate.Before(first) {
		return Cap{}, noRule(dunning.DK, rule, "claim arose", q.KeyDate,
			"bek. 601/2002 applies to payment claims arising from "+first.String())
	}
	if dkGap.Contains(q.KeyDate) {
		return Cap{}, noRule(dunning.DK, rule, "claim arose", q.KeyDate,
			"the in-force date of bek. 423/2009 (dated 2009-05-28) is UNVERIFIED, so the table for claims arising before 2009-07-01 is not known")
	}
	t := dkCostTables[0]
	for _, r := range dkCostTables {
		if !q.KeyDate.Before(r.from) {
			t = r
		}
	}
	switch q.Step {
	case Collection:
		fee, b, lower := bandFee(t.foreign, q.Claim.Amount())
		c := Cap{Source: t.source + "; renteloven § 9 a", Status: t.status,
			Note: "bilag 1 (fremmedinkasso) from " + t.from.String() + ": " + bandNote(b, lower, "DKK") + ", ex VAT"}
		return finish(q, fee, true, "", c)
	case OwnCollection:
		if t.own == nil {
			return Cap{}, noRule(dunning.DK, "own-collection (egeninkasso) cap", "claim arose", q.KeyDate,
				"the bilag 2 table after bek. 423/2009 is UNVERIFIED (research §10.1); only the 2002 table was seen")
		}
		fee, b, lower := bandFee(t.own, q.Claim.Amount())
		c := Cap{Source: t.source + "; renteloven § 9 a", Status: dunning.Unverified,
			Note: "bilag 2 (egeninkasso) from " + t.from.String() + ": " + bandNote(b, lower, "DKK") + ", incl. VAT (UNVERIFIED)"}
		return finish(q, fee, false, "DK egeninkasso amounts already include VAT", c)
	}
	return Cap{}, noRule(dunning.DK, "collection-cost cap for step "+q.Step.String(), "", date.Date{},
		"DK caps only fremmedinkasso (Collection) and egeninkasso (OwnCollection)")
}

func bandNote(b band, lower int64, cur string) string {
	if b.upTo == 0 {
		return "claim above " + groupInt(lower) + " " + cur + ": " + b.fee.String() + " + " + b.pctOver.String() + " % of the excess"
	}
	from := "0"
	if lower > 0 {
		from = groupInt(lower)
	}
	return "claim over " + from + " up to " + groupInt(b.upTo) + " " + cur + ": " + b.fee.String()
}

// groupInt writes n with "," thousands separators.
func groupInt(n int64) string {
	s := strconv.Itoa(int(n))
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
