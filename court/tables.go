package court

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// This file holds the court-fee tables: read-only literals, never mutated. Each row is
// one regime for one (jurisdiction, proceeding), keyed on the filing date; the rows of a
// pair are ordered by From and do not overlap (a test checks it). Sources and statuses
// are those of docs/research/jurisdictions.md §§1.4, 2.4, 3.4, 4.4, 5.4 and
// docs/research/vectors-public.md §5.4.

// calc names the formula of a row.
type calc uint8

const (
	calcFlat          calc = iota + 1 // amount whole units
	calcDKUdlaeg                      // 300 + 0.5 % above 3,000, up to 10 DKK
	calcDKCivilOld                    // 500 up to 50,000; 750 + 1.2 % above, up to 10, cap 75,000
	calcDKHearingOld                  // 0 up to 50,000; 750 + 1.2 % above, up to 10
	calcDKCivil2021                   // 750 up to 100,000; 1,500 above
	calcDKHearing2021                 // value bands
	calcNO                            // mult × rettsgebyr
	calcDE                            // mult × GKG simple fee, with a minimum
	calcNL                            // griffierecht bands
)

type row struct {
	id           string
	j            dunning.Jurisdiction
	p            Proceeding
	from, to     date.Date
	status       dunning.Status
	source, note string
	calc         calc
	amount       int64 // calcFlat: whole units of the currency
	cover        bool  // DK: a fee paid within 12 months covers the step
	mult         int64 // calcNO, calcDE: multiple in hundredths (110 = 1.1)
	min          int64 // calcDE: minimum fee in cents
	roundDown    bool  // calcNO: round down to the whole krone (rettsgebyrloven § 6 a)
	nl           int   // calcNL: index into nlTariffs
}

func (r *row) rule() Rule {
	return Rule{ID: r.id, Jurisdiction: r.j, Proceeding: r.p, From: r.from, To: r.to,
		Source: r.source, Status: r.status, Note: r.note}
}

var (
	dk2013    = date.MustNew(2013, 1, 1)
	dk2021    = date.MustNew(2021, 10, 1)
	se2020    = date.MustNew(2020, 1, 1)
	no2017    = date.MustNew(2017, 1, 1)
	no2022    = date.MustNew(2022, 1, 1)
	no2024    = date.MustNew(2024, 7, 1)
	de2004    = date.MustNew(2004, 7, 1)
	de2013    = date.MustNew(2013, 8, 1)
	de2021    = date.MustNew(2021, 1, 1)
	de2025    = date.MustNew(2025, 6, 1)
	nl2022    = date.MustNew(2022, 1, 1)
	nl2023    = date.MustNew(2023, 1, 1)
	nl2024    = date.MustNew(2024, 1, 1)
	dkOldNote = "From (2013-01-01) is the earliest date the research's sources attest the pre-2021 rule for, not the date it took effect; earlier filings are refused"
)

const (
	srcDK2021 = "retsafgiftsloven as amended by lov nr. 425 af 16.03.2021 (elov.dk, lovguiden.dk, domstol.dk)"
	srcDKOld  = "retsafgiftsloven before 1 Oct 2021 (domstol.dk 'Retsafgifter'; penta.dk; lovguiden.dk)"
	srcSE     = "förordning (1992:1094) om avgifter vid Kronofogdemyndigheten (kronofogden.se)"
	noteSE    = "From (2020-01-01) is where the research's coverage starts, not the date the fee took effect; earlier filings are refused"
	srcNO     = "rettsgebyrloven (lov 17.12.1982 nr. 86) kap. 2 (lovdata.no); Prop. 80 L (2023–2024)"
	srcDEMB   = "GKG § 34 + Anlage 2, KV 1100 (amtsgericht-uelzen.niedersachsen.de; confidentia-inkasso.de; KostRÄG 2025)"
	srcNL     = "Wet griffierechten burgerlijke zaken, kanton tariffs"
)

var feeRows = [...]row{
	// Denmark.
	{id: "DK-2021-payment-order", j: dunning.DK, p: PaymentOrder, from: dk2021, status: dunning.Verified,
		source: "retsafgiftsloven § 12 (lov nr. 425 af 16.03.2021; elov.dk)", calc: calcFlat, amount: 750, cover: true,
		note: "one 750 DKK fee covers the payment claim, udlæg and politifremstilling requested within 12 months of payment; the pre-2021 betalingspåkrav fee is UNVERIFIED and not in the table"},
	{id: "DK-2013-enforcement", j: dunning.DK, p: Enforcement, from: dk2013, to: dk2021, status: dunning.Verified,
		source: srcDKOld + "; udlæg 300 DKK + 0.5 % of the claim above 3,000 DKK, rounded up to 10 DKK", calc: calcDKUdlaeg,
		note: dkOldNote + "; the extra 400 DKK for an udkørende forretning or politifremstilling is not included"},
	{id: "DK-2021-enforcement", j: dunning.DK, p: Enforcement, from: dk2021, status: dunning.Verified,
		source: srcDK2021, calc: calcFlat, amount: 750, cover: true,
		note: "one 750 DKK fee covers the fogedret steps requested within 12 months of payment"},
	{id: "DK-2013-civil-case", j: dunning.DK, p: CivilCase, from: dk2013, to: dk2021, status: dunning.Secondary,
		source: srcDKOld + "; 500 DKK up to 50,000, above that 500 + 250 + 1.2 % of the part above 50,000, rounded up to 10 DKK, at most 75,000", calc: calcDKCivilOld,
		note: dkOldNote},
	{id: "DK-2021-civil-case", j: dunning.DK, p: CivilCase, from: dk2021, status: dunning.Verified,
		source: "retsafgiftsloven § 1 (lov nr. 425 af 16.03.2021; lovguiden.dk)", calc: calcDKCivil2021},
	{id: "DK-2013-hearing", j: dunning.DK, p: Hearing, from: dk2013, to: dk2021, status: dunning.Unverified,
		source: srcDKOld + "; hearing fee above 50,000 DKK: 750 + 1.2 % of the part above 50,000", calc: calcDKHearingOld,
		note: dkOldNote + "; the formula is SECONDARY, its rounding up to 10 DKK (as for the filing fee) is UNVERIFIED"},
	{id: "DK-2021-hearing", j: dunning.DK, p: Hearing, from: dk2021, status: dunning.Verified,
		source: "retsafgiftsloven § 2 stk. 4 (lov nr. 425 af 16.03.2021; lovguiden.dk)", calc: calcDKHearing2021,
		note: "due only above 100,000 DKK; refunded if the case ends at least 2 weeks before the hearing"},
	{id: "DK-2021-conversion", j: dunning.DK, p: Conversion, from: dk2021, status: dunning.Unverified,
		source: "E8 / seed 003 (e-inkasso help article: 'meget billigt (kr. 100,-)'); not found in retsafgiftsloven", calc: calcFlat, amount: 100,
		note: "UNVERIFIED: retsafgiftsloven § 12 stk. 3 applies §§ 7–9 'tilsvarende', whose text the research did not retrieve (research §1.4, §10)"},

	// Sweden.
	{id: "SE-payment-order", j: dunning.SE, p: PaymentOrder, from: se2020, status: dunning.Verified,
		source: srcSE + " 1 §: ansökningsavgift betalningsföreläggande", calc: calcFlat, amount: 300,
		note: noteSE + "; the fee is payable even if the application is withdrawn"},
	{id: "SE-enforcement", j: dunning.SE, p: Enforcement, from: se2020, status: dunning.Verified,
		source: srcSE + ": grundavgift verkställighet", calc: calcFlat, amount: 600,
		note: noteSE + "; for private creditors usually charged once per debt per year, which is not modelled"},

	// Norway.
	{id: "NO-2022-payment-order", j: dunning.NO, p: PaymentOrder, from: no2022, to: no2024, status: dunning.Verified,
		source: srcNO + ": forliksklage 1.1 R", calc: calcNO, mult: 110},
	{id: "NO-2024-payment-order", j: dunning.NO, p: PaymentOrder, from: no2024, status: dunning.Unverified,
		source: srcNO + ": forliksklage 1.54 R (proposed), rounded down to the whole krone (§ 6 a)", calc: calcNO, mult: 154, roundDown: true,
		note: "UNVERIFIED: 1.54 R from 1 Jul 2024 was proposed in Prop. 80 L (2023–2024); its enactment, and the in-force date of the § 6 a rounding, are not confirmed (research §3.4, §10)"},
	{id: "NO-2017-enforcement", j: dunning.NO, p: Enforcement, from: no2017, to: no2022, status: dunning.Verified,
		source: srcNO + ": begjæring om utlegg 1.7 R", calc: calcNO, mult: 170,
		note: "From (2017-01-01) is the first year of the research's rettsgebyr table, not the date the multiple took effect"},
	{id: "NO-2022-enforcement", j: dunning.NO, p: Enforcement, from: no2022, to: no2024, status: dunning.Verified,
		source: srcNO + ": begjæring om utlegg 1.21 R", calc: calcNO, mult: 121},
	{id: "NO-2024-enforcement", j: dunning.NO, p: Enforcement, from: no2024, status: dunning.Unverified,
		source: srcNO + ": begjæring om utlegg 1.21 R, rounded down to the whole krone (§ 6 a)", calc: calcNO, mult: 121, roundDown: true,
		note: "the multiple is VERIFIED; the § 6 a rounding is VERIFIED but its in-force date (assumed 1 Jul 2024, with Prop. 80 L) is UNVERIFIED"},

	// Germany.
	{id: "DE-2013-payment-order", j: dunning.DE, p: PaymentOrder, from: de2013, to: de2021, status: dunning.Unverified,
		source: srcDEMB + ": 0.5 fee, minimum 32 EUR", calc: calcDE, mult: 50, min: 3200,
		note: "UNVERIFIED: the research gives the 32 EUR minimum without status or start date; From is the start of the GKG 2013 table"},
	{id: "DE-2021-payment-order", j: dunning.DE, p: PaymentOrder, from: de2021, to: de2025, status: dunning.Secondary,
		source: srcDEMB + ": 0.5 fee, minimum 36 EUR", calc: calcDE, mult: 50, min: 3600,
		note: "the 36 EUR minimum is VERIFIED, its start date (2021-01-01) SECONDARY"},
	{id: "DE-2025-payment-order", j: dunning.DE, p: PaymentOrder, from: de2025, status: dunning.Secondary,
		source: srcDEMB + ": 0.5 fee, minimum 38 EUR (KostRÄG 2025)", calc: calcDE, mult: 50, min: 3800,
		note: "SECONDARY: one collection-agency page, consistent with the 0.5 rate and the GKG 2025 table"},
	{id: "DE-civil-case", j: dunning.DE, p: CivilCase, from: de2013, status: dunning.Secondary,
		source: "GKG § 34 + Anlage 2, KV 1210: 3.0 fee (docs/research/vectors-public.md §5.4)", calc: calcDE, mult: 300,
		note: "From is the start of the GKG 2013 table; the fee follows the GKG version in force on the filing date"},
	{id: "DE-conversion", j: dunning.DE, p: Conversion, from: de2013, status: dunning.Verified,
		source: "GKG KV 1210 after Widerspruch: a further 2.5 fee, making 3.0 with the Mahnbescheid fee (ordentliche-gerichtsbarkeit.hessen.de)", calc: calcDE, mult: 250,
		note: "From is the start of the GKG 2013 table; the fee follows the GKG version in force on the filing date"},

	// Netherlands.
	{id: "NL-2022-civil-case", j: dunning.NL, p: CivilCase, from: nl2022, to: nl2023, status: dunning.Verified,
		source: srcNL + " 2022 (weersinkincasso.nl 'Tarieven 2022')", calc: calcNL, nl: 0,
		note: "kanton only (claims up to 25,000 EUR); the onvermogenden tariff is not modelled"},
	{id: "NL-2023-civil-case", j: dunning.NL, p: CivilCase, from: nl2023, to: nl2024, status: dunning.Unverified,
		source: srcNL + " (wvhl.nl; year not printed, ≈ +1.8 % on 2022)", calc: calcNL, nl: 1,
		note: "UNVERIFIED: the year of these tariffs is inferred (probably 2023); 2024–2026 tariffs are not known and are refused"},
}

// nlBand is one griffierecht band: claims up to upTo EUR (inclusive).
type nlBand struct{ upTo, legal, natural int64 }

// nlTariffs are the kanton bands (research §5.4); claims above the last band (25,000 EUR,
// the kanton limit) are refused.
var nlTariffs = [...][6]nlBand{
	{{500, 128, 86}, {1500, 322, 214}, {2500, 365, 244}, {5000, 487, 244}, {12500, 514, 244}, {25000, 1384, 693}},
	{{500, 130, 87}, {1500, 328, 218}, {2500, 372, 248}, {5000, 496, 248}, {12500, 524, 248}, {25000, 1409, 706}},
}

// dkHearingBands are the DK hearing fees from 2021-10-01 (retsafgiftsloven § 2 stk. 4):
// values above over (DKK) pay fee, the last band open-ended.
var dkHearingBands = [...]struct{ over, fee int64 }{
	{6_000_000, 160_000}, {5_000_000, 135_000}, {4_000_000, 110_000}, {3_000_000, 85_000},
	{2_000_000, 60_000}, {1_000_000, 35_000}, {500_000, 14_000}, {250_000, 8_000}, {100_000, 3_000},
}

// noRettsgebyr is the NO rettsgebyr R per calendar year (research §3.4). Years the
// research lacks (2022, 2023, 2026) are absent: a filing in them is refused unless the
// host supplies Filing.Rettsgebyr.
var noRettsgebyr = [...]struct {
	year   int
	amount int64
	status dunning.Status
}{
	{2017, 1049, dunning.Verified}, {2018, 1130, dunning.Verified}, {2019, 1150, dunning.Verified}, {2020, 1172, dunning.Verified},
	{2021, 1199, dunning.Verified}, {2024, 1277, dunning.Verified}, {2025, 1314, dunning.Secondary},
}

var (
	roundUp10  = money.RoundingPolicy{Scale: -1, Mode: money.Up}
	roundCents = money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero}
	roundKrone = money.RoundingPolicy{Scale: 0, Mode: money.Down}
)

func whole(n int64, c money.Currency) money.Money {
	m, _ := money.FromDecimal(decimal.New(n, 0), c, roundCents)
	return m
}

// compute applies r's formula to f, which has been validated and matches r.
func (r *row) compute(f Filing) (Fee, error) {
	c := f.Claim.Currency()
	v := f.Claim.Amount()
	// The status starts at the strongest; the rule and the figures used can only lower it.
	fee := Fee{Status: dunning.Verified}
	switch r.calc {
	case calcFlat:
		fee.Amount = whole(r.amount, c)
	case calcDKUdlaeg:
		fee.Amount = whole(300, c)
		if over := v.Sub(decimal.New(3000, 0)); over.IsPositive() {
			fee.Amount = dkRoundUp10(decimal.New(300, 0).Add(over.Mul(decimal.New(5, -3))))
		}
	case calcDKCivilOld:
		fee.Amount = whole(500, c)
		if over := v.Sub(decimal.New(50_000, 0)); over.IsPositive() {
			d := decimal.New(750, 0).Add(over.Mul(decimal.New(12, -3)))
			fee.Amount = dkRoundUp10(decimal.Min(d, decimal.New(75_000, 0)))
		}
	case calcDKHearingOld:
		fee.Amount = whole(0, c)
		if over := v.Sub(decimal.New(50_000, 0)); over.IsPositive() {
			fee.Amount = dkRoundUp10(decimal.New(750, 0).Add(over.Mul(decimal.New(12, -3))))
		}
	case calcDKCivil2021:
		fee.Amount = whole(750, c)
		if v.GreaterThan(decimal.New(100_000, 0)) {
			fee.Amount = whole(1500, c)
		}
	case calcDKHearing2021:
		fee.Amount = whole(0, c)
		for _, b := range dkHearingBands {
			if v.GreaterThan(decimal.New(b.over, 0)) {
				fee.Amount = whole(b.fee, c)
				break
			}
		}
	case calcNO:
		rg, st, err := rettsgebyr(f)
		if err != nil {
			return Fee{}, err
		}
		p := roundCents
		if r.roundDown {
			p = roundKrone
		}
		fee.Base = rg
		fee.Amount = rg.Mul(decimal.New(r.mult, -2), p)
		fee.Status = st
	case calcDE:
		simple, v, err := gkgLookup(f.Claim, f.Date)
		if err != nil {
			return Fee{}, &NoRuleError{Jurisdiction: f.Jurisdiction, Proceeding: f.Proceeding, Date: f.Date, Reason: err.Error()}
		}
		fee.Base = simple
		// mult is in hundredths: cents × mult / 100, rounded half up to the cent (the
		// 2025 text: 0.5 ct rounded up); integers only.
		sc, _ := simple.MinorUnits()
		fee.Amount, _ = money.FromMinorUnits(max((sc*r.mult+50)/100, r.min), money.EUR)
		fee.Status = v.statusFor(f.Claim)
	case calcNL:
		bands := &nlTariffs[r.nl]
		for _, b := range bands {
			if !v.GreaterThan(decimal.New(b.upTo, 0)) {
				n := b.legal
				if f.NaturalPerson {
					n = b.natural
				}
				fee.Amount = whole(n, c)
				break
			}
		}
		if !fee.Amount.IsValid() {
			return Fee{}, &NoRuleError{Jurisdiction: f.Jurisdiction, Proceeding: f.Proceeding, Date: f.Date,
				Reason: "claim " + f.Claim.String() + " is above the kanton limit of 25000.00 EUR; rechtbank tariffs are not in the tables"}
		}
	}
	if r.cover && !f.FeePaid.IsZero() && f.Date.Before(f.FeePaid.AddMonths(12)) {
		fee.Amount = money.Zero(c)
		fee.Covered = true
	}
	return fee, nil
}

func dkRoundUp10(d decimal.Decimal) money.Money {
	m, _ := money.FromDecimal(d, money.DKK, roundUp10)
	return m
}

// rettsgebyr returns the NO rettsgebyr for the filing year, or the host's figure.
func rettsgebyr(f Filing) (money.Money, dunning.Status, error) {
	if f.Rettsgebyr.IsValid() {
		return f.Rettsgebyr, dunning.Verified, nil
	}
	y := f.Date.Year()
	for _, r := range noRettsgebyr {
		if r.year == y {
			return whole(r.amount, money.NOK), r.status, nil
		}
	}
	return money.Money{}, 0, &NoRuleError{Jurisdiction: dunning.NO, Proceeding: f.Proceeding, Date: f.Date,
		Reason: "the rettsgebyr for " + strconv.Itoa(y) + " is not known (research §3.4 lacks 2022, 2023 and 2026); pass Filing.Rettsgebyr"}
}
