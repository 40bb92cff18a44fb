package law

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

// The shipped packs, built once when the program starts and only read afterwards.
var (
	dkPack = tablePack(dunning.DK, &CollectionCosts{WarningFirst: true, Status: dunning.Verified,
		Source: "inkassoloven § 10 (costs only after a påkravsskrivelse whose 10-day deadline passed); bek. 601/2002 as amended (caps)"})
	sePack = tablePack(dunning.SE, &CollectionCosts{KeyedOnStep: true, Status: dunning.Verified,
		Source: "lag (1981:739) 4 § 2 (the inkassokrav carries its cost)"})
	noPack = tablePack(dunning.NO, &CollectionCosts{WarningFirst: true, Status: dunning.Verified,
		Source: "inkassoloven § 9 (an inkassovarsel with a 14-day deadline before any collection step); inkassoforskriften ch. 2 (salær)"})
	dePack = tablePack(dunning.DE, &CollectionCosts{KeyedOnStep: true, Status: dunning.Secondary,
		Source: "§§ 280, 286 BGB with § 13e RDG (the Geschäftsgebühr of the collection demand, capped)"})
	nlPack = tablePack(dunning.NL, &CollectionCosts{WarningFirst: true, WarningFirstConsumersOnly: true, Status: dunning.Verified,
		Source: "art. 6:96 lid 6 BW (consumers: costs only after the 14-day letter expired); Besluit BIK (WIK scale)"})
	fiPack = tablePack(dunning.FI, &CollectionCosts{KeyedOnStep: true, Status: dunning.Verified,
		Source: "perintälaki 10 a § (the payment demand carries its cost)"})
	// EU: Directive 2011/7/EU Art. 6(3) allows reasonable recovery costs but sets no
	// cap, so the pack charges none.
	euPack = tablePack(dunning.EU, nil)
	gbPack = MustNew(gbSpec())
	frPack = MustNew(frSpec())
)

// Builtin returns the pack the SDK ships for j, or nil when it ships none: DK, SE,
// NO, DE, NL, FI, EU, GB and FR. It does not allocate.
func Builtin(j dunning.Jurisdiction) *Pack {
	switch j {
	case dunning.DK:
		return dkPack
	case dunning.SE:
		return sePack
	case dunning.NO:
		return noPack
	case dunning.DE:
		return dePack
	case dunning.NL:
		return nlPack
	case dunning.FI:
		return fiPack
	case dunning.EU:
		return euPack
	case dunning.GB:
		return gbPack
	case dunning.FR:
		return frPack
	}
	return nil
}

// Builtins returns every shipped pack, in the order DK, SE, NO, DE, NL, FI, EU, GB, FR.
func Builtins() []*Pack {
	return []*Pack{dkPack, sePack, noPack, dePack, nlPack, fiPack, euPack, gbPack, frPack}
}

// marginSwitch is a day before which a jurisdiction's statutory interest has an
// old margin: interest.StatutoryFor decides the margins, and these are the days
// its ClaimDates switch on (TestBuiltinInterestIsStatutory checks them).
type marginSwitch struct {
	j        dunning.Jurisdiction
	kind     dunning.PartyKind // 0: both
	due      date.Date         // renteloven § 5 stk. 1: DK claims due before 2013-03-01 keep + 7 pp
	contract date.Date         // Art. 229 § 34 EGBGB: DE business contracts before 2014-07-29 keep + 8 pp
}

var marginSwitches = []marginSwitch{
	{j: dunning.DK, due: date.MustNew(2013, 3, 1)},
	{j: dunning.DE, kind: dunning.Business, contract: date.MustNew(2014, 7, 29)},
}

// tablePack builds the pack of a jurisdiction whose law the fees and interest
// packages hold in their tables: its facts from dunning.Jurisdiction, its
// notice rules from fees.NoticeRules, its statutory interest from
// interest.StatutoryFor (every margin regime, as rows the pack selects by the
// claim's dates), the collection-cost law costs, and reminder fees,
// compensation and cost caps read from the fees package when asked.
func tablePack(j dunning.Jurisdiction, costs *CollectionCosts) *Pack {
	s := Spec{Code: j, Name: j.Name(), Currency: money.Currency(j.CurrencyCode()),
		Language: j.Language(), TimeZone: j.TimeZone(), Costs: costs}
	for _, r := range fees.NoticeRules() {
		if r.Jurisdiction == j {
			s.Notices = append(s.Notices, r)
		}
	}
	for _, k := range []dunning.PartyKind{dunning.Consumer, dunning.Business} {
		for _, sw := range marginSwitches {
			if sw.j != j || (sw.kind != 0 && sw.kind != k) {
				continue
			}
			var cd interest.ClaimDates
			if !sw.due.IsZero() {
				cd.DueDate = sw.due.AddDays(-1)
			}
			if !sw.contract.IsZero() {
				cd.ContractDate = sw.contract.AddDays(-1)
			}
			if r, ok := statutory(j, k, cd); ok {
				r.DueBefore, r.ContractBefore = sw.due, sw.contract
				s.Interest = append(s.Interest, r)
			}
		}
		if r, ok := statutory(j, k, interest.ClaimDates{}); ok {
			s.Interest = append(s.Interest, r)
		}
	}
	p := MustNew(s)
	p.builtin = true
	return p
}

// statutory is interest.StatutoryFor as a StatutoryInterest row, and false where
// the jurisdiction has no statutory interest for the kind (EU consumers).
func statutory(j dunning.Jurisdiction, k dunning.PartyKind, cd interest.ClaimDates) (StatutoryInterest, bool) {
	t, conv, err := interest.StatutoryFor(j, k, cd)
	if err != nil {
		return StatutoryInterest{}, false
	}
	return StatutoryInterest{Kind: k, Name: t.Name(), Rows: t.Rows(), End: t.End(), Convention: conv}, true
}

// lang is a language.Tag for a literal.
func lang(s string) language.Tag { return language.MustParse(s) }
