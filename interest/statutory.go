package interest

import (
	"fmt"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// ClaimDates are the facts of a claim that select a statutory margin. Each
// field says which date it is; the zero Date means "not before the switch"
// (today's margin).
type ClaimDates struct {
	// ContractDate is the date the contract was concluded. DE § 288 Abs. 2
	// BGB: for business (Entgelt) claims from contracts concluded before
	// 2014-07-29 the margin is 8 pp, not 9 (Art. 229 § 34 EGBGB).
	ContractDate date.Date
	// DueDate is the date the claim fell due. DK renteloven § 5 stk. 1:
	// claims that fell due before 2013-03-01 keep the old margin of 7 pp.
	DueDate date.Date
}

// Statutory returns the statutory late-payment interest table of
// jurisdiction j for a debtor of kind k, and the convention practice uses
// there (see the package doc for the table and the sources). It is
// StatutoryFor with zero ClaimDates: today's margins.
//
// The table has one row per half-year (1 January, 1 July) from 2020-01-01 to
// the latest half-year the SDK's research gives, and ends on the last day of
// that half-year; a later (or earlier) day is a *NoRateError naming the day,
// never a guess. Each row carries the reference rate, the margin, the
// research status (rows that are not dunning.Verified are flagged in the package
// doc) and its source.
//
// Supported: DK, SE, NO, DE, NL, FI for both kinds, and EU (Directive
// 2011/7/EU: ECB rate + 8 pp) for Business only. Anything else is an error
// wrapping [ErrUnsupported] (and dunning.ErrInvalid for an invalid j or k).
func Statutory(j dunning.Jurisdiction, k dunning.PartyKind) (RateTable, Convention, error) {
	return StatutoryFor(j, k, ClaimDates{})
}

// StatutoryFor is [Statutory] with the claim's dates, which select the old
// margins: DE business claims from contracts concluded before 2014-07-29
// (+8 pp), and DK claims that fell due before 2013-03-01 (+7 pp).
func StatutoryFor(j dunning.Jurisdiction, k dunning.PartyKind, c ClaimDates) (RateTable, Convention, error) {
	if !j.IsValid() {
		return RateTable{}, Convention{}, &dunning.FieldError{Field: "Jurisdiction", Value: string(j), Reason: "is not a supported jurisdiction", Err: ErrUnsupported}
	}
	if !k.IsValid() {
		return RateTable{}, Convention{}, &dunning.FieldError{Field: "PartyKind", Value: k.String(), Reason: "is not consumer or business", Err: ErrUnsupported}
	}
	var (
		name = string(j) + " statutory"
		rows []Row
		end  = date.MustNew(2026, 6, 30)
		conv = Convention{Rounding: money.PolicyFor(money.Currency(j.CurrencyCode()), money.HalfAwayFromZero)}
	)
	switch j {
	case dunning.DK:
		margin := pp("8")
		if !c.DueDate.IsZero() && c.DueDate.Before(date.MustNew(2013, 3, 1)) {
			margin = pp("7")
		}
		rows = dkRows(margin)
		conv.DayCount = Thirty360E
	case dunning.SE:
		rows = seRows()
		conv.DayCount = Actual365Fixed
	case dunning.NO:
		rows = noRows()
		conv.DayCount = ActualActualISDA
	case dunning.DE:
		margin := pp("5")
		if k == dunning.Business {
			margin = pp("9")
			if !c.ContractDate.IsZero() && c.ContractDate.Before(date.MustNew(2014, 7, 29)) {
				margin = pp("8")
			}
		}
		name = fmt.Sprintf("DE %s statutory", k)
		rows = deRows(margin)
		conv.DayCount = Actual365Fixed
	case dunning.NL:
		name = fmt.Sprintf("NL %s statutory", k)
		if k == dunning.Consumer {
			rows = nlConsumerRows()
			end = date.MustNew(2025, 6, 30)
		} else {
			rows = ecbRows(pp("8"), nlCommercialStatus, "BW art. 6:119a (wettelijke handelsrente): ECB MRO rate + 8 pp")
		}
		conv.DayCount = Actual365Fixed
		conv.Compounding = Yearly
	case dunning.FI:
		margin := pp("7")
		if k == dunning.Business {
			margin = pp("8")
		}
		name = fmt.Sprintf("FI %s statutory", k)
		rows = fiRows(margin)
		conv.DayCount = Thirty360E
		conv.EndInclusive = true
	case dunning.EU:
		if k != dunning.Business {
			return RateTable{}, Convention{}, &dunning.FieldError{Field: "PartyKind", Value: k.String(),
				Reason: "is outside Directive 2011/7/EU, which covers commercial transactions only", Err: ErrUnsupported}
		}
		rows = ecbRows(pp("8"), func(int) dunning.Status { return dunning.Derived }, "Directive 2011/7/EU (article numbering UNVERIFIED): ECB MRO rate + 8 pp")
		conv.DayCount = Actual365Fixed
		conv.Rounding = money.PolicyFor(money.EUR, money.HalfAwayFromZero)
	default:
		return RateTable{}, Convention{}, &dunning.FieldError{Field: "Jurisdiction", Value: string(j), Reason: "has no statutory interest table", Err: ErrUnsupported}
	}
	t, err := NewRateTable(name, end, rows...)
	if err != nil { // the data is a literal; a failure here is a bug caught by the tests
		return RateTable{}, Convention{}, err
	}
	return t, conv, nil
}

// pp parses a literal percentage.
func pp(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// halfYear returns the first day of the i-th half-year from 2020-01-01.
func halfYear(i int) date.Date { return date.MustNew(2020+i/2, time.Month(1+6*(i%2)), 1) }

// The tables below are literals taken from docs/research/jurisdictions.md; each
// row is (reference rate, status), indexed by half-year from 2020-01-01.
// Functions build fresh slices, so no package state can be mutated.

type refRow struct {
	ref    string
	status dunning.Status
}

func build(data []refRow, margin decimal.Decimal, source func(i int) string) []Row {
	rows := make([]Row, len(data))
	for i, d := range data {
		rows[i] = Row{From: halfYear(i), Reference: pp(d.ref), Margin: margin, Status: d.status, Source: source(i)}
	}
	return rows
}

// dkRows: renteloven § 5 stk. 1, Nationalbanken's udlånsrente on 1 Jan / 1 Jul
// + 8 pp (research §1.2).
func dkRows(margin decimal.Decimal) []Row {
	data := []refRow{
		{"0.05", dunning.Verified}, {"0.05", dunning.Verified}, {"0.05", dunning.Verified}, {"-0.35", dunning.Verified}, // 2020-01 .. 2021-07
		{"-0.45", dunning.Verified}, {"-0.45", dunning.Verified}, {"1.90", dunning.Verified}, {"3.25", dunning.Verified}, // 2022-01 .. 2023-07
		{"3.75", dunning.Verified},   // 2024-01: selandiaadvokater.dk
		{"3.50", dunning.Unverified}, // 2024-07: DERIVED/UNVERIFIED (assumes a 25 bp cut in June 2024)
		{"2.75", dunning.Derived},    // 2025-01: tradingeconomics
		{"1.75", dunning.Derived},    // 2025-07: fx.co
		{"1.75", dunning.Unverified}, // 2026-01: assumes no change after June 2025
	}
	srcs := []string{
		8:  "renteloven § 5 stk. 1; udlånsrente per selandiaadvokater.dk (renteoplysninger)",
		9:  "renteloven § 5 stk. 1; udlånsrente UNVERIFIED (assumed 25 bp cut in June 2024)",
		10: "renteloven § 5 stk. 1; udlånsrente derived from tradingeconomics.com (cut from 2.75 % in late Jan 2025)",
		11: "renteloven § 5 stk. 1; udlånsrente derived from fx.co (lowered to 1.75 % on 5 Jun 2025)",
		12: "renteloven § 5 stk. 1; udlånsrente UNVERIFIED (assumes no change after June 2025)",
	}
	return build(data, margin, func(i int) string {
		if srcs[i] != "" {
			return srcs[i]
		}
		return "renteloven § 5 stk. 1; Nationalbanken udlånsrente per forbrug.dk (morarenten)"
	})
}

// seRows: räntelagen (1975:635) 6 § and 9 §, Riksbank referensränta + 8 pp (research §2.2).
func seRows() []Row {
	data := []refRow{
		{"0.00", dunning.Verified}, {"0.00", dunning.Verified}, {"0.00", dunning.Verified}, {"0.00", dunning.Verified}, {"0.00", dunning.Verified}, // 2020-01 .. 2022-01
		{"0.50", dunning.Verified}, {"2.50", dunning.Verified}, {"3.50", dunning.Verified}, {"4.00", dunning.Verified}, {"4.00", dunning.Verified}, // 2022-07 .. 2024-07
		{"3.00", dunning.Secondary}, {"2.00", dunning.Secondary}, {"2.00", dunning.Secondary}, // 2025-01 .. 2026-01: mystep.se only
	}
	return build(data, pp("8"), func(i int) string {
		if i >= 10 {
			return "räntelagen 6 §, 9 §; referensränta per mystep.se (SECONDARY; not confirmed by the Riksbank)"
		}
		return "räntelagen 6 §, 9 §; referensränta per riksbank.se"
	})
}

// noRows: forsinkelsesrenteloven § 3, the rate the Finansdepartementet sets
// each half-year (Norges Bank policy rate + 8 pp). The research gives the
// rates; the reference (styringsrente) is the rate minus 8 (research §3.2).
func noRows() []Row {
	rates := []refRow{
		{"9.50", dunning.Verified}, {"8.00", dunning.Verified}, {"8.00", dunning.Verified}, {"8.00", dunning.Verified}, {"8.50", dunning.Verified}, // 2020-01 .. 2022-01
		{"9.25", dunning.Verified}, {"10.75", dunning.Verified}, {"11.75", dunning.Verified}, {"12.50", dunning.Verified}, // 2022-07 .. 2024-01
		{"12.50", dunning.Derived},    // 2024-07: policy rate unchanged; FOR-2024-06-26-1320 text not seen
		{"12.50", dunning.Verified},   // 2025-01: FOR-2024-12-19-3279
		{"12.25", dunning.Unverified}, // 2025-07: derived from a cut to 4.25 %; FOR-2025-06-23-1321 text not seen
		{"12.00", dunning.Secondary},  // 2026-01: kred.no
	}
	eight := pp("8")
	rows := make([]Row, len(rates))
	for i, r := range rates {
		src := "forsinkelsesrenteloven § 3; rate per regjeringen.no / forsinkelsesrente.net"
		switch i {
		case 9:
			src = "forsinkelsesrenteloven § 3; DERIVED (policy rate unchanged; FOR-2024-06-26-1320 not seen)"
		case 10:
			src = "forsinkelsesrenteloven § 3; FOR-2024-12-19-3279"
		case 11:
			src = "forsinkelsesrenteloven § 3; UNVERIFIED (FOR-2025-06-23-1321 not seen; from Norges Bank cut to 4.25 %)"
		case 12:
			src = "forsinkelsesrenteloven § 3; rate per kred.no (SECONDARY)"
		}
		rows[i] = Row{From: halfYear(i), Reference: pp(r.ref).Sub(eight), Margin: eight, Status: r.status, Source: src}
	}
	return rows
}

// deRows: § 288 Abs. 1/2 BGB on the Basiszinssatz of § 247 BGB (research §4.2).
func deRows(margin decimal.Decimal) []Row {
	data := []refRow{
		{"-0.88", dunning.Verified}, {"-0.88", dunning.Verified}, {"-0.88", dunning.Verified}, {"-0.88", dunning.Verified}, {"-0.88", dunning.Verified}, {"-0.88", dunning.Verified}, // 2020-01 .. 2022-07
		{"1.62", dunning.Verified}, // 2023-01
		{"3.12", dunning.Derived},  // 2023-07: MRO 2.50 -> 4.00
		{"3.62", dunning.Derived},  // 2024-01: MRO 4.00 -> 4.50
		{"3.37", dunning.Derived},  // 2024-07: MRO 4.50 -> 4.25
		{"2.27", dunning.Derived},  // 2025-01: MRO 4.25 -> 3.15
		{"1.27", dunning.Verified}, // 2025-07: finanzmarktnachrichten.de
		{"1.27", dunning.Verified}, // 2026-01: Bundesbank release Dec 2025
	}
	return build(data, margin, func(i int) string {
		if data[i].status == dunning.Derived {
			return "§ 288 BGB; Basiszinssatz (§ 247 BGB) DERIVED from the ECB MRO path (Bundesbank notice not seen)"
		}
		return "§ 288 BGB; Basiszinssatz (§ 247 BGB) per Deutsche Bundesbank notices"
	})
}

// nlConsumerRows: BW art. 6:119/6:120, the wettelijke rente as published by
// Besluit; it is not reference + margin, so Reference is the rate and Margin 0.
// The rates from 2025-07-01 are UNVERIFIED (4 % or 5 %) and left out: the
// table ends 2025-06-30 (research §5.2).
func nlConsumerRows() []Row {
	data := []refRow{
		{"2.00", dunning.Verified}, {"2.00", dunning.Verified}, {"2.00", dunning.Verified}, {"2.00", dunning.Verified}, {"2.00", dunning.Verified}, {"2.00", dunning.Verified}, // 2020-01 .. 2022-07
		{"4.00", dunning.Verified}, {"6.00", dunning.Verified}, {"7.00", dunning.Verified}, {"7.00", dunning.Verified}, {"6.00", dunning.Verified}, // 2023-01 .. 2025-01
	}
	return build(data, decimal.Zero, func(int) string {
		return "BW art. 6:119 (wettelijke rente, Besluit vaststelling wettelijke rente) per rijksoverheid.nl"
	})
}

// ecbMRO is the ECB main refinancing rate on the last operation before each
// half-year from 2020-01-01 (research §7 "ECB MRO path"): the reference of
// NL 6:119a, FI korkolaki 12 § (rounded up) and Directive 2011/7/EU.
func ecbMRO() []string {
	return []string{"0.00", "0.00", "0.00", "0.00", "0.00", "0.00", // 2020-01 .. 2022-07
		"2.50", "4.00", "4.50", "4.25", "3.15", "2.15", "2.15"} // 2023-01 .. 2026-01
}

func nlCommercialStatus(i int) dunning.Status {
	if i >= 11 { // 2025-07, 2026-01: MRO 2.15 + 8
		return dunning.Derived
	}
	return dunning.Verified
}

func ecbRows(margin decimal.Decimal, status func(int) dunning.Status, source string) []Row {
	mro := ecbMRO()
	rows := make([]Row, len(mro))
	for i, r := range mro {
		rows[i] = Row{From: halfYear(i), Reference: pp(r), Margin: margin, Status: status(i), Source: source}
	}
	return rows
}

// fiRows: korkolaki 4 § (+7) and 4 a § (B2B +8) on the viitekorko of 12 §,
// the ECB MRO rate rounded up to the next 0.5 pp (research §6.2).
func fiRows(margin decimal.Decimal) []Row {
	status := []dunning.Status{
		dunning.Secondary, dunning.Secondary, dunning.Secondary, dunning.Secondary, dunning.Secondary, dunning.Secondary, // 2020-01 .. 2022-07: aamuset.fi
		dunning.Verified, dunning.Derived, dunning.Verified, dunning.Verified, dunning.Verified, dunning.Derived, dunning.Verified, // 2023-01 .. 2026-01
	}
	mro := ecbMRO()
	rows := make([]Row, len(mro))
	for i, r := range mro {
		rows[i] = Row{From: halfYear(i), Reference: ViitekorkoFromECB(pp(r)), Margin: margin, Status: status[i],
			Source: "korkolaki 4 §/4 a §, 12 §: viitekorko = ECB MRO " + r + " % rounded up to 0.5 (Suomen Pankki)"}
	}
	return rows
}

// ViitekorkoFromECB returns the Finnish reference rate (viitekorko,
// korkolaki 12 §) for an ECB main refinancing rate: the rate rounded up to
// the next multiple of 0.5 percentage points (4.25 gives 4.5, 2.5 stays 2.5).
func ViitekorkoFromECB(ecb decimal.Decimal) decimal.Decimal {
	two := decimal.NewFromInt(2)
	return ecb.Mul(two).Ceil().DivRound(two, 1)
}
