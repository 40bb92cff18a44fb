package fees

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
)

// ---- SE ---------------------------------------------------------------------------

// seFrom is the start of the caps of lag (1981:739) as amended by SFS 2013:56. The
// pre-2013 caps (inkassokrav 160, amorteringsplan 150 SEK) are VERIFIED but their start
// date is not in the research, so earlier dates are an error.
var seFrom = date.MustNew(2013, 3, 16)

const seSource = "lag (1981:739) om ersättning för inkassokostnader m.m. 4 § (SFS 2013:56), riksdagen.se"

func seCost(q CostQuery) (Cap, error) {
	if q.KeyDate.Before(seFrom) {
		return Cap{}, noRule(dunning.SE, "collection-cost cap", "step taken", q.KeyDate,
			"the caps of SFS 2013:56 apply from "+seFrom.String()+"; earlier start dates are not in the research")
	}
	var fee, note string
	switch q.Step {
	case Collection:
		fee, note = "180", "inkassokrav, 4 § 2"
	case PaymentPlan:
		fee, note = "170", "amorteringsplan, 4 § 3"
	default:
		return Cap{}, noRule(dunning.SE, "collection-cost cap for step "+q.Step.String(), "", date.Date{},
			"SE caps only the inkassokrav (Collection) and the amorteringsplan (PaymentPlan)")
	}
	if q.Kind == dunning.Business {
		note += "; B2B: the 450 SEK förseningsersättning (4 a §) replaces these fees, the debtor does not pay both"
	}
	c := Cap{Source: seSource, Status: dunning.Verified, Note: note}
	return finish(q, dec(fee), false, "SE caps are absolute amounts; the research has no VAT add-on for SE", c)
}

// ---- NO ---------------------------------------------------------------------------

// noSats is one row of the inkassosats (forskrift om inkassosatsen). A zero amount marks
// a period whose inkassosats is not in the research: a lookup in it is a *NoRuleError.
type noSats struct {
	from   date.Date
	amount decimal.Decimal
	status dunning.Status
	source string
}

// noSatsTable: 700 NOK since 2017-01-01 (VERIFIED). 750 NOK from 2026-01-01 is reported
// by one industry source only and the stored statute still says 700: UNVERIFIED
// (docs/research/jurisdictions.md §0.6, §10.3). Results using it carry status dunning.Unverified.
// The reminder rules (reminder.go) are built from this table only.
var noSatsTable = []noSats{
	{date.MustNew(2017, 1, 1), dec("700"), dunning.Verified, "forskrift om inkassosatsen (lovdata.no SF/forskrift/2002-12-13-1641)"},
	{date.MustNew(2026, 1, 1), dec("750"), dunning.Unverified, "kred.no, nye satser 2026 (one industry source; UNVERIFIED)"},
}

// noSatsEarly is the inkassosats before 2017, used only by the collection-cost cap
// (the salær of claims due 2010-01-01 to 2016-12-31 whose inkassosats date falls before
// 2017). From 2003 to 2017 the inkassosats was indexed to the consumer price index each
// 1 January by an amending regulation every December (lovdata.no lists FOR-2002-12-13-
// 1641 as amended on 18 Dec 2009, 22 Dec 2010, 15 Dec 2011, 18 Dec 2012, 16 Dec 2013,
// 19 Dec 2014, 15 Dec 2015 and 14 Dec 2016, each in force on the next 1 January). The
// amounts of 2011 to 2014 were not found in any stored source: that row has no amount.
var noSatsEarly = []noSats{
	{date.MustNew(2010, 1, 1), dec("600"), dunning.Secondary,
		"forskrift om inkassosatsen as amended by FOR-2009-12-18-1664: 600 NOK from 2010-01-01 (dinside.dagbladet.no, 'Nytt fra nyttår' 2010, quoting the ministry; one source)"},
	{date.MustNew(2011, 1, 1), decimal.Decimal{}, dunning.Unverified,
		"the inkassosats of 2011-2014 (FOR-2010-12-22-1816, FOR-2011-12-15-1390, FOR-2012-12-18-1367, FOR-2013-12-16-1561) is not in the research"},
	{date.MustNew(2015, 1, 1), dec("650"), dunning.Verified,
		"forskrift om inkassosatsen as amended by FOR-2014-12-19-1891: 650 NOK from 2015-01-01 (opas.no 2015-01; faktura.no; sergel.no and kontraktadvokat.no: 650 until 2015-12-31)"},
	{date.MustNew(2016, 1, 1), dec("670"), dunning.Verified,
		"forskrift om inkassosatsen as amended by FOR-2015-12-15-1682: 670 NOK from 2016-01-01 (sergel.no 2016-01-04; kontraktadvokat.no; forliksraadet.no; advokat.asker.no: 670 until 2016-12-31)"},
}

// noSatsOn returns the inkassosats on d. ok is false when d is before every row or in a
// period whose amount is not known; r is then the row that says why (zero when none).
func noSatsOn(d date.Date) (r noSats, ok bool) {
	for _, t := range [2][]noSats{noSatsEarly, noSatsTable} {
		for _, s := range t {
			if !d.Before(s.from) {
				r, ok = s, true
			}
		}
	}
	return r, ok && !r.amount.IsZero()
}

// noCut is the due date from which the 2020 multiples apply (claims falling due on or
// after 2020-10-01).
var noCut = date.MustNew(2020, 10, 1)

// noSalarOldFrom is the due date from which the pre-2020 salær table applies: the
// amendment of inkassoforskriften in force on 2010-01-01 split consumer and business
// rates and applies to claims falling due from then (totalkapital.no: "på krav som er
// forfalt til betaling 1.1.2010 eller senere"; sergel.no: "avvikende salærsatser for
// krav med forfall før 01.01.10"; dinside.dagbladet.no, inkassoguiden.no on the 2010
// reform). The table before it is not in the research.
var noSalarOldFrom = date.MustNew(2010, 1, 1)

// noSalar are the lett-salær multiples of the inkassosats by claim (inkassoforskriften
// § 2-2). noSalarNew applies to claims due from 2020-10-01, noSalarOld to claims due
// 2010-01-01 to 2020-09-30: lett 0.5 / 1 / 2 / 4 / 8 × inkassosats up to 2,500 /
// 10,000 / 50,000 / 250,000 / above (advokatwulff.no, VERIFIED in docs/research/jurisdictions.md
// §3.3; the published tables of totalkapital.no (2019) and sergel.no agree).
var (
	noSalarNew = []band{
		{upTo: 500, fee: dec("0.25")}, {upTo: 1000, fee: dec("0.35")}, {upTo: 2500, fee: dec("0.40")},
		{upTo: 10000, fee: dec("0.80")}, {upTo: 50000, fee: dec("1.60")}, {upTo: 250000, fee: dec("3.60")},
		{fee: dec("7.20")},
	}
	noSalarOld = []band{
		{upTo: 2500, fee: dec("0.5")}, {upTo: 10000, fee: dec("1")}, {upTo: 50000, fee: dec("2")},
		{upTo: 250000, fee: dec("4")}, {fee: dec("8")},
	}
)

const (
	noSalarSource = "inkassoforskriften kap. 2 (§§ 2-2, 2-3, 2-4), regjeringen.no press release 2020; bahs.no (×1.5 for business debtors)"
	// noSalarOldSource: the table for claims due 2010-01-01 to 2020-09-30, with the
	// ×1.5 outside consumer relations ("Utenfor forbrukerforhold er satsene tillagt
	// 50%", sergel.no; totalkapital.no's business table; inkassoguiden.no).
	noSalarOldSource = "inkassoforskriften §§ 2-2, 2-3 as in force for claims due 2010-01-01 to 2020-09-30 (advokatwulff.no; " +
		"totalkapital.no 'Inkassosalærene 2019'; sergel.no 'Satser inkassosalær': ×1.5 outside consumer relations)"
)

func noCost(q CostQuery) (Cap, error) {
	const rule = "collection-cost cap"
	if q.KeyDate.Before(noSalarOldFrom) {
		return Cap{}, noRule(dunning.NO, rule, "claim due", q.KeyDate,
			"the salær table for claims due before "+noSalarOldFrom.String()+" differs and is not in the research")
	}
	rateDate := q.RateDate
	if rateDate.IsZero() {
		rateDate = q.KeyDate
	}
	sats, ok := noSatsOn(rateDate)
	if !ok {
		reason := "the research has the inkassosats from " + noSatsEarly[0].from.String() + " only"
		if sats.source != "" {
			reason = sats.source
		}
		return Cap{}, noRule(dunning.NO, rule, "inkassosats date", rateDate, reason)
	}
	if q.Step != Collection && q.Step != HeavyCollection {
		return Cap{}, noRule(dunning.NO, "collection-cost cap for step "+q.Step.String(), "", date.Date{},
			"NO caps the lett salær (Collection) and the tungt salær (HeavyCollection)")
	}
	table, which, src := noSalarNew, "table for claims due from 2020-10-01", noSalarSource
	if q.KeyDate.Before(noCut) {
		table, which, src = noSalarOld, "table for claims due 2010-01-01 to 2020-09-30", noSalarOldSource
	}
	mult, b, lower := bandFee(table, q.Claim.Amount())
	note := "lett salær " + mult.String() + " × inkassosats " + sats.amount.String() + " (" + which + ", " + bandNote(b, lower, "NOK") + "×)"
	if q.Step == HeavyCollection {
		mult = mult.Mul(decimal.NewFromInt(2))
		note += "; tungt salær = 2 × lett (§ 2-3)"
	}
	if q.Kind == dunning.Business {
		mult = mult.Mul(dec("1.5"))
		note += "; ×1.5 for a business debtor"
	}
	c := Cap{Source: src + "; " + sats.source, Status: dunning.Verified.Weaker(sats.status), Note: note}
	return finish(q, mult.Mul(sats.amount), true, "", c)
}

// ---- DE ---------------------------------------------------------------------------

// rvgStep: from the previous limit up to upTo, add inc for every started `per` EUR.
type rvgStep struct {
	upTo, per int64
	inc       decimal.Decimal
}

// rvgTable is one version of the 1.0 fee table of Anlage 2 zu § 13 RVG, for
// instructions from `from`, known up to maxValue EUR.
type rvgTable struct {
	from     date.Date
	base     decimal.Decimal // the fee for values up to 500 EUR
	steps    []rvgStep
	maxValue int64
	status   dunning.Status
	source   string
}

// rvgTables. The 2021 and 2025 tables are VERIFIED at the band limits the research lists
// (500, 1,000, 1,500, 2,000, 3,000, 4,000, 5,000, 10,000, 25,000, 50,000 EUR); the step
// rule of § 13 RVG reproduces all of them and gives the values in between. Values
// above 50,000 EUR are not in the research and are an error. Of the 2013–2020 table
// the research has only the first band (45 EUR, DE-06); its start on 2013-08-01 (2.
// KostRMoG) is not stated in the research and is UNVERIFIED.
var rvgTables = []rvgTable{
	{
		from: date.MustNew(2013, 8, 1), base: dec("45"), maxValue: 500, status: dunning.Secondary,
		source: "RVG Anlage 2 (2013–2020), first band only (haufe.de FoVo 12/2017); start date UNVERIFIED",
	},
	{
		from: date.MustNew(2021, 1, 1), base: dec("49"), maxValue: 50000, status: dunning.Verified,
		steps: []rvgStep{
			{2000, 500, dec("39")}, {10000, 1000, dec("56")}, {25000, 3000, dec("52")}, {50000, 5000, dec("81")},
		},
		source: "RVG Anlage 2 zu § 13 (until 2025-05-31), buzer.de",
	},
	{
		from: date.MustNew(2025, 6, 1), base: dec("51.50"), maxValue: 50000, status: dunning.Verified,
		steps: []rvgStep{
			{2000, 500, dec("41.50")}, {10000, 1000, dec("59.50")}, {25000, 3000, dec("55")}, {50000, 5000, dec("86")},
		},
		source: "RVG Anlage 2 zu § 13 (from 2025-06-01, KostRÄG 2025), buzer.de",
	},
}

// oneFee returns the 1.0 fee for value v (v ≤ maxValue).
func (t rvgTable) oneFee(v decimal.Decimal) decimal.Decimal {
	fee := t.base
	lower := int64(500)
	for _, s := range t.steps {
		if v.Cmp(decimal.NewFromInt(lower)) <= 0 {
			break
		}
		top := decimal.Min(v, decimal.NewFromInt(s.upTo))
		span := top.Sub(decimal.NewFromInt(lower))
		// number of started `per` blocks: ceil(span / per)
		n, r := span.QuoRem(decimal.NewFromInt(s.per), 0)
		if r.IsPositive() {
			n = n.Add(decimal.NewFromInt(1))
		}
		fee = fee.Add(s.inc.Mul(n))
		lower = s.upTo
	}
	return fee
}

var (
	deReform      = date.MustNew(2021, 10, 1) // § 13e RDG in force, 0.9 fee for undisputed claims
	deFeeOld      = dec("1.3")                // threshold Geschäftsgebühr, Nr. 2300 VV RVG
	deFeeUndisp   = dec("0.9")                // § 13e RDG, Nr. 2300 VV RVG from 2021-10-01
	deSmallBase   = dec("30")                 // § 13 Abs. 2 RVG: undisputed claims up to 50 EUR
	deSmallLimit  = decimal.NewFromInt(50)
	dePauschPct   = dec("20") // Nr. 7002 VV RVG
	dePauschMax   = dec("20")
	deKostRAG2025 = date.MustNew(2025, 6, 1)
)

func deCost(q CostQuery) (Cap, error) {
	const rule = "collection-cost cap"
	if q.Step != Collection {
		return Cap{}, noRule(dunning.DE, "collection-cost cap for step "+q.Step.String(), "", date.Date{},
			"DE caps the collector's Geschäftsgebühr (Collection); the creditor's own reminder costs are reminder fees")
	}
	if q.KeyDate.Before(rvgTables[0].from) {
		return Cap{}, noRule(dunning.DE, rule, "collector instructed", q.KeyDate,
			"the research has RVG tables from "+rvgTables[0].from.String())
	}
	t := rvgTables[0]
	for _, r := range rvgTables {
		if !q.KeyDate.Before(r.from) {
			t = r
		}
	}
	v := q.Claim.Amount()
	if v.Cmp(decimal.NewFromInt(t.maxValue)) > 0 {
		return Cap{}, noRule(dunning.DE, rule+" for a claim of "+q.Claim.String(), "collector instructed", q.KeyDate,
			"the research has the RVG table from "+t.from.String()+" up to "+groupInt(t.maxValue)+" EUR only")
	}
	status := t.status.Weaker(dunning.Derived)
	src := t.source + "; § 13e RDG (from 2021-10-01) / § 4 Abs. 5 RDGEG (before); Nr. 2300, 7002 VV RVG"
	one, factor := t.oneFee(v), deFeeOld
	note := ""
	if !q.KeyDate.Before(deReform) && !q.Disputed {
		factor = deFeeUndisp
		if v.Cmp(deSmallLimit) <= 0 {
			one = deSmallBase
			note = "undisputed claim up to 50 EUR: 1.0 fee base 30 EUR (§ 13 Abs. 2 RVG); "
			if !q.KeyDate.Before(deKostRAG2025) {
				status = dunning.Unverified
				note += "whether the 30 EUR base changed on 2025-06-01 is UNVERIFIED; "
			}
		}
	}
	fee := centPolicy.Round(one.Mul(factor))
	pausch := centPolicy.Round(fee.Mul(dePauschPct).Shift(-2))
	if pausch.Cmp(dePauschMax) > 0 {
		pausch = dePauschMax
	}
	note += factor.String() + " × " + one.StringFixed(2) + " = " + fee.StringFixed(2) +
		" Geschäftsgebühr + " + pausch.StringFixed(2) + " Auslagenpauschale (20 %, max 20 EUR)"
	if q.Kind == dunning.Business {
		note += "; the 40 EUR Verzugspauschale is credited against these costs (§ 288 Abs. 5 S. 3 BGB)"
	}
	c := Cap{Source: src, Status: status, Note: note}
	return finish(q, fee.Add(pausch), true, "", c)
}

// ---- NL ---------------------------------------------------------------------------

var (
	nlFrom  = date.MustNew(2012, 7, 1)
	nlTiers = []struct {
		width int64 // 0: the rest
		pct   decimal.Decimal
	}{{2500, dec("15")}, {2500, dec("10")}, {5000, dec("5")}, {190000, dec("1")}, {0, dec("0.5")}}
	nlMin = dec("40")
	nlMax = dec("6775")
)

const nlSource = "Besluit vergoeding voor buitengerechtelijke incassokosten (Stb. 2012, 141) art. 2; art. 6:96 BW"

// wik returns the WIK amount for principal p, exact (unrounded), within [40, 6,775].
func wik(p decimal.Decimal) decimal.Decimal {
	total := decimal.Zero
	rest := p
	for _, t := range nlTiers {
		if !rest.IsPositive() {
			break
		}
		part := rest
		if t.width > 0 {
			part = decimal.Min(rest, decimal.NewFromInt(t.width))
		}
		total = total.Add(part.Mul(t.pct).Shift(-2))
		rest = rest.Sub(part)
	}
	return decimal.Min(decimal.Max(total, nlMin), nlMax)
}

func nlCost(q CostQuery) (Cap, error) {
	if q.KeyDate.Before(nlFrom) {
		return Cap{}, noRule(dunning.NL, "collection-cost cap", "default", q.KeyDate,
			"the WIK scale applies to claims in default from "+nlFrom.String())
	}
	if q.Step != Collection {
		return Cap{}, noRule(dunning.NL, "collection-cost cap for step "+q.Step.String(), "", date.Date{},
			"the WIK amount covers every extrajudicial collection action (Collection)")
	}
	note := "WIK scale on the principal: 15/10/5/1/0.5 %, min 40, max 6,775 EUR"
	if q.Kind == dunning.Consumer {
		note += "; consumers: due only after a compliant 14-dagenbrief (art. 6:96 lid 6 BW)"
	} else {
		note += "; B2B: default law, parties may agree otherwise"
	}
	c := Cap{Source: nlSource, Status: dunning.Verified, Note: note}
	return finish(q, wik(q.Claim.Amount()), true, "", c)
}

// ---- FI ---------------------------------------------------------------------------

var (
	fiConsumerFrom = date.MustNew(2020, 1, 1) // 10 a § verified as in force in 2020
	fiBusinessFrom = date.MustNew(2022, 5, 1) // law 299/2022
	fiConsumerDem  = []band{{upTo: 100, fee: dec("14")}, {upTo: 1000, fee: dec("24")}, {fee: dec("50")}}
	half           = dec("0.5")
	fiBusinessDem  = []band{{upTo: 500, fee: dec("50")}, {upTo: 2500, fee: dec("70")}, {upTo: 10000, fee: dec("90")}, {fee: dec("110")}}
)

const (
	fiConsumerSource = "laki saatavien perinnästä (513/1999) 10 a § (KK 667/2020; cash-in.com)"
	fiBusinessSource = "laki saatavien perinnästä as amended by 299/2022 (HE 241/2021); yrittajat.fi, procountor.fi"
)

func fiCost(q CostQuery) (Cap, error) {
	const rule = "collection-cost cap"
	v := q.Claim.Amount()
	var (
		fee  decimal.Decimal
		c    Cap
		note string
	)
	if q.Kind == dunning.Consumer {
		if q.KeyDate.Before(fiConsumerFrom) {
			return Cap{}, noRule(dunning.FI, rule, "demand sent", q.KeyDate,
				"the research verifies 10 a § as in force in 2020; earlier versions are not covered")
		}
		c = Cap{Source: fiConsumerSource, Status: dunning.Verified}
		switch {
		case q.Step == Collection && q.DirectlyEnforceable:
			fee, note = dec("14"), "maksuvaatimus on a directly enforceable claim"
		case q.Step == Collection:
			var b band
			var lower int64
			fee, b, lower = bandFee(fiConsumerDem, v)
			note = "maksuvaatimus, " + bandNote(b, lower, "EUR")
		case q.Step == PaymentPlan:
			if q.Instalments == 0 {
				return Cap{}, fieldErr("Instalments", "0", "is required for an FI payment plan", nil)
			}
			switch {
			case q.Instalments <= 4 || v.Cmp(decimal.NewFromInt(100)) <= 0:
				fee = dec("20")
			case v.Cmp(decimal.NewFromInt(1000)) <= 0:
				fee = dec("30")
			default:
				fee = dec("50")
			}
			note = "maksusuunnitelma with " + strconv.Itoa(q.Instalments) + " instalments"
		default:
			return Cap{}, noRule(dunning.FI, "consumer collection-cost cap for step "+q.Step.String(), "", date.Date{},
				"FI consumer caps cover the payment demand (Collection) and the payment plan (PaymentPlan)")
		}
	} else {
		if q.KeyDate.Before(fiBusinessFrom) {
			return Cap{}, noRule(dunning.FI, rule, "demand sent", q.KeyDate,
				"the B2B caps of law 299/2022 apply from "+fiBusinessFrom.String())
		}
		c = Cap{Source: fiBusinessSource, Status: dunning.Secondary}
		switch {
		case q.Step == Collection && q.DirectlyEnforceable:
			fee, note = dec("50"), "collector's maksuvaatimus on a directly enforceable claim"
		case q.Step == Collection:
			var b band
			var lower int64
			fee, b, lower = bandFee(fiBusinessDem, v)
			note = "collector's maksuvaatimus, " + bandNote(b, lower, "EUR")
		case q.Step == OwnCollection:
			fee, note = dec("12"), "maksuvaatimus sent by the creditor itself"
		default:
			return Cap{}, noRule(dunning.FI, "business collection-cost cap for step "+q.Step.String(), "", date.Date{},
				"FI B2B caps cover the collector's (Collection) and the creditor's own (OwnCollection) payment demand")
		}
	}
	if q.Repeat && q.Step != PaymentPlan {
		fee = fee.Mul(half)
		note += "; repeated demand: half"
	}
	c.Note = note
	return finish(q, fee, false, "the research has no VAT add-on for FI collection costs", c)
}
