package court

import (
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// The German simple (1.0) court fee of GKG § 34 + Anlage 2: a base fee up to a first
// value, then "+increment per started step" within each bracket (docs/research/vectors-public.md §5.4).
// Court fees are multiples of it: 0.5 for a Mahnbescheid (KV 1100, with a minimum),
// 3.0 for a Klage (KV 1210), a further 2.5 after a Widerspruch.

type gkgStep struct {
	upTo  int64 // bracket end in EUR; 0 = open-ended
	per   int64 // step width in EUR
	cents int64 // increment per started step, in cents
}

type gkgVersion struct {
	id       string
	from, to date.Date
	status   dunning.Status
	source   string
	note     string
	base     int64 // cents
	baseUpTo int64 // EUR
	steps    []gkgStep
	// limit is the highest value the research's table reaches; 0 = none.
	limit int64
	// doubtAbove is a value above which the research reports conflicting results, so the
	// fee is returned as UNVERIFIED; 0 = none.
	doubtAbove int64
}

var gkgVersions = [...]gkgVersion{
	{id: "DE-GKG-2004", from: de2004, to: de2013, status: dunning.Unverified,
		source: "GKG 2004 Anlage 2 (kanzlei-rml.de extract; rechtswoerterbuch.de/gesetze/gkg/34/)",
		note:   "UNVERIFIED: the start date 2004-07-01 is not in the research (only 'valid until 31.07.2013'); the research's steps end at 25,000 EUR, higher values are refused",
		base:   2500, baseUpTo: 300, limit: 25_000,
		steps: []gkgStep{{1500, 300, 1000}, {5000, 500, 800}, {10_000, 1000, 1500}, {25_000, 3000, 2300}}},
	{id: "DE-GKG-2013", from: de2013, to: de2021, status: dunning.Derived,
		source: "GKG § 34 (2013-08-01 to 2020-12-31) (norm.bverwg.de)",
		base:   3500, baseUpTo: 500,
		steps: []gkgStep{{2000, 500, 1800}, {10_000, 1000, 1900}, {25_000, 3000, 2600}, {50_000, 5000, 3500},
			{200_000, 15_000, 12_000}, {500_000, 30_000, 17_900}, {0, 50_000, 18_000}}},
	{id: "DE-GKG-2021", from: de2021, to: de2025, status: dunning.Derived,
		source: "GKG § 34 (2021-01-01 to 2025-05-31) (deubner-steuern.de, § 34 GKG Stand 2022)",
		base:   3800, baseUpTo: 500,
		steps: []gkgStep{{2000, 500, 2000}, {10_000, 1000, 2100}, {25_000, 3000, 2900}, {50_000, 5000, 3800},
			{200_000, 15_000, 13_200}, {500_000, 30_000, 19_800}, {0, 50_000, 19_800}}},
	{id: "DE-GKG-2025", from: de2025, status: dunning.Derived,
		source: "GKG § 34 from 2025-06-01, KostBRÄG 2025 Art. 5 Nr. 6 (buzer.de)",
		note:   "values above 500,000 EUR are UNVERIFIED: a third-party calculator gives 4,498.00 for 600,000 where the quoted text gives 4,558.00",
		base:   4000, baseUpTo: 500, doubtAbove: 500_000,
		steps: []gkgStep{{2000, 500, 2100}, {10_000, 1000, 2250}, {25_000, 3000, 3050}, {50_000, 5000, 4050},
			{200_000, 15_000, 14_000}, {500_000, 30_000, 21_000}, {0, 50_000, 21_000}}},
}

func (v *gkgVersion) rule() Rule {
	return Rule{ID: v.id, Jurisdiction: dunning.DE, From: v.from, To: v.to, Source: v.source, Status: v.status, Note: v.note}
}

func (v *gkgVersion) statusFor(value money.Money) dunning.Status {
	if cents, err := value.MinorUnits(); v.doubtAbove > 0 && (err != nil || cents > v.doubtAbove*100) {
		return dunning.Unverified
	}
	return v.status
}

// GKG returns the German simple (1.0) court fee of GKG § 34 + Anlage 2 for a Streitwert
// value (EUR, not negative) under the table in force on the filing date, with the table's
// Rule (its Proceeding is zero; its Status is lowered to UNVERIFIED where the research
// reports conflicting values). Court fees are multiples of it; FeeFor applies them.
//
// A date before 2004-07-01, or a value above the range the research gives for the table,
// is an error wrapping ErrNoRule; bad input is a *dunning.FieldError.
func GKG(value money.Money, filing date.Date) (money.Money, Rule, error) {
	if !value.IsValid() || value.Currency() != money.EUR || value.IsNegative() {
		return money.Money{}, Rule{}, fieldErr("value", value.String(), "must be a non-negative EUR amount", nil)
	}
	if filing.IsZero() {
		return money.Money{}, Rule{}, fieldErr("filing", "", "is required", nil)
	}
	fee, v, err := gkgLookup(value, filing)
	if err != nil {
		return money.Money{}, Rule{}, &NoRuleError{Jurisdiction: dunning.DE, Date: filing, Reason: err.Error()}
	}
	r := v.rule()
	r.Status = v.statusFor(value)
	return fee, r, nil
}

// gkgLookup finds the GKG version for the filing date and computes the simple fee.
func gkgLookup(value money.Money, filing date.Date) (money.Money, *gkgVersion, error) {
	for i := range gkgVersions {
		v := &gkgVersions[i]
		if !filing.Before(v.from) && (v.to.IsZero() || filing.Before(v.to)) {
			cents, err := value.MinorUnits()
			if err != nil {
				return money.Money{}, nil, err
			}
			fee, err := v.simpleFee(cents)
			if err != nil {
				return money.Money{}, nil, err
			}
			m, err := money.FromMinorUnits(fee, money.EUR)
			return m, v, err
		}
	}
	return money.Money{}, nil, fmt.Errorf("no GKG fee table before %s", gkgVersions[0].from)
}

// simpleFee computes base + Σ increment × ⌈(part of value in bracket) / step⌉ in cents,
// with integers only (value is in cents).
func (v *gkgVersion) simpleFee(value int64) (int64, error) {
	if v.limit > 0 && value > v.limit*100 {
		return 0, fmt.Errorf("value %d.%02d EUR is above %d EUR, where the research's %s table ends", value/100, value%100, v.limit, v.id)
	}
	fee := v.base
	lower := v.baseUpTo * 100
	for _, s := range v.steps {
		if value <= lower {
			break
		}
		hi := value
		if s.upTo > 0 {
			hi = min(value, s.upTo*100)
		}
		per := s.per * 100
		fee += (hi - lower + per - 1) / per * s.cents
		if s.upTo == 0 {
			break
		}
		lower = s.upTo * 100
	}
	return fee, nil
}
