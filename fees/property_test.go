package fees

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

type ruleCase struct {
	j dunning.Jurisdiction
	k dunning.PartyKind
}

var ruleCases = []ruleCase{
	{dunning.DK, dunning.Consumer}, {dunning.DK, dunning.Business}, {dunning.SE, dunning.Consumer},
	{dunning.NO, dunning.Consumer}, {dunning.NO, dunning.Business}, {dunning.DE, dunning.Business},
	{dunning.NL, dunning.Consumer}, {dunning.FI, dunning.Consumer}, {dunning.FI, dunning.Business},
}

// TestPropertyAssessNeverExceedsLaw simulates random reminder sequences, feeding the
// fees Assess allows back into the history, and checks that the allowed fees never
// exceed the rule's count, spacing or cap. Implements E4, S4.
func TestPropertyAssessNeverExceedsLaw(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rc := rapid.SampledFrom(ruleCases).Draw(t, "case")
		due := date.MustNew(2025, 1, 1).AddDays(rapid.IntRange(0, 300).Draw(t, "dueOffset"))
		r, err := ReminderRules(rc.j, rc.k, due, due.AddDays(20))
		if err != nil {
			t.Fatalf("rules: %v", err)
		}
		c := Claim{Due: due, Disputed: rapid.Bool().Draw(t, "disputed"), FeeAgreed: rapid.Bool().Draw(t, "agreed")}
		capUnits, _ := r.Cap.MinorUnits()
		if d, _ := r.DemandCap.MinorUnits(); d > capUnits {
			capUnits = d
		}
		day := rapid.IntRange(-3, 20).Draw(t, "firstDay") // may start before the due date
		steps := rapid.IntRange(1, 12).Draw(t, "steps")
		for i := range steps {
			if i > 0 {
				day += rapid.SampledFrom([]int{0, 1, 9, 10, 11, 14, 15, 16, 30}).Draw(t, "gap")
			}
			units := rapid.Int64Range(0, 2*capUnits+200).Draw(t, "fee")
			fee, _ := money.FromMinorUnits(units, r.Cap.Currency())
			p := Proposal{Date: due.AddDays(day), Notice: rapid.SampledFrom([]Notice{Reminder, CollectionWarning, PaymentDemand}).Draw(t, "notice"), Fee: fee}
			if !r.NoticeSet {
				p.Notice = Reminder
			}
			a, err := Assess(r, c, p)
			if err != nil {
				t.Fatalf("assess: %v", err)
			}
			capAmt := r.Cap
			if r.NoticeSet && p.Notice == PaymentDemand {
				capAmt = r.DemandCap
			}
			if cmp, _ := a.Fee.Compare(capAmt); cmp > 0 {
				t.Fatalf("fee %s above cap %s", a.Fee, capAmt)
			}
			if cmp, _ := a.Fee.Compare(p.Fee); cmp > 0 || a.Fee.IsNegative() {
				t.Fatalf("fee %s above requested %s or negative", a.Fee, p.Fee)
			}
			if !a.Fee.Equal(p.Fee) && !a.Reduced() {
				t.Fatalf("fee reduced without a reason")
			}
			if a.Fee.IsPositive() {
				if n := len(c.History); n > 0 && r.MinDaysBetween > 0 {
					if gap := c.History[n-1].Date.DaysUntil(p.Date); gap < r.MinDaysBetween {
						t.Fatalf("fees %d days apart, rule says %d", gap, r.MinDaysBetween)
					}
				}
				if due.DaysUntil(p.Date) < r.MinDaysAfterDue {
					t.Fatalf("fee %d days after due, rule says %d", due.DaysUntil(p.Date), r.MinDaysAfterDue)
				}
				c.History = append(c.History, Charge{Date: p.Date, Notice: p.Notice, Fee: a.Fee})
			}
			c.Reminders++
			if r.MaxFees > 0 && len(c.History) > r.MaxFees {
				t.Fatalf("%d fees, rule allows %d", len(c.History), r.MaxFees)
			}
			if r.DisputeBlocks && c.Disputed && len(c.History) > 1 {
				t.Fatalf("%d fees on a disputed claim", len(c.History))
			}
			if r.NeedsAgreement && !c.FeeAgreed && len(c.History) > 0 {
				t.Fatalf("fee without agreement")
			}
		}
	})
}

type capCase struct {
	j    dunning.Jurisdiction
	k    dunning.PartyKind
	step Step
	key  string
	max  int64 // largest claim with a rule (major units); 0: none
}

var capCases = []capCase{
	{dunning.DK, dunning.Consumer, Collection, "2020-01-01", 0},
	{dunning.DK, dunning.Consumer, Collection, "2014-01-01", 0},
	{dunning.DK, dunning.Consumer, Collection, "2005-01-01", 0},
	{dunning.DK, dunning.Business, OwnCollection, "2005-01-01", 0},
	{dunning.SE, dunning.Consumer, Collection, "2025-01-01", 0},
	{dunning.NO, dunning.Consumer, Collection, "2025-01-01", 0},
	{dunning.NO, dunning.Business, HeavyCollection, "2025-01-01", 0},
	{dunning.NO, dunning.Consumer, Collection, "2019-01-01", 0},
	{dunning.DE, dunning.Consumer, Collection, "2025-07-01", 50000},
	{dunning.DE, dunning.Consumer, Collection, "2022-07-01", 50000},
	{dunning.DE, dunning.Consumer, Collection, "2016-07-01", 500},
	{dunning.NL, dunning.Consumer, Collection, "2025-01-01", 0},
	{dunning.FI, dunning.Consumer, Collection, "2025-01-01", 0},
	{dunning.FI, dunning.Business, Collection, "2025-01-01", 0},
}

// boundaries are the band limits of every table; claims near them are drawn often.
var boundaries = []int64{0, 50, 100, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 10000, 13000, 25000,
	30000, 50000, 100000, 200000, 250000, 500000, 1000000}

func claimUnits(t *rapid.T, label string, max int64) int64 {
	var u int64
	if rapid.Bool().Draw(t, label+"Boundary") {
		u = rapid.SampledFrom(boundaries).Draw(t, label+"B")*100 + rapid.Int64Range(-1, 1).Draw(t, label+"D")
	} else {
		u = rapid.Int64Range(0, 200_000_000).Draw(t, label+"R")
	}
	if u < 0 {
		u = 0
	}
	if max > 0 && u > max*100 {
		u = max * 100
	}
	return u
}

// TestPropertyCapsNonDecreasing: every cap table is non-decreasing in the claim.
func TestPropertyCapsNonDecreasing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cc := rapid.SampledFrom(capCases).Draw(t, "case")
		a, b := claimUnits(t, "a", cc.max), claimUnits(t, "b", cc.max)
		if a > b {
			a, b = b, a
		}
		q := CostQuery{Jurisdiction: cc.j, Kind: cc.k, Step: cc.step, KeyDate: date.MustParse(cc.key),
			Disputed: rapid.Bool().Draw(t, "disputed")}
		q.Claim, _ = money.FromMinorUnits(a, cur(cc.j))
		ca, err := CollectionCostCapFor(q)
		if err != nil {
			t.Fatalf("cap(%s): %v", q.Claim, err)
		}
		q.Claim, _ = money.FromMinorUnits(b, cur(cc.j))
		cb, err := CollectionCostCapFor(q)
		if err != nil {
			t.Fatalf("cap(%s): %v", q.Claim, err)
		}
		if cmp, _ := ca.Amount.Compare(cb.Amount); cmp > 0 {
			t.Fatalf("cap(%d) = %s > cap(%d) = %s", a, ca.Amount, b, cb.Amount)
		}
	})
}

// TestPropertyWIKBounds: the WIK amount stays within [40, 6,775] EUR before VAT.
func TestPropertyWIKBounds(t *testing.T) {
	lo, hi := decimal.NewFromInt(40), decimal.NewFromInt(6775)
	rapid.Check(t, func(t *rapid.T) {
		claim, _ := money.FromMinorUnits(claimUnits(t, "c", 0)*rapid.Int64Range(1, 10).Draw(t, "scale"), money.EUR)
		c, err := CollectionCostCap(dunning.NL, rapid.SampledFrom([]dunning.PartyKind{dunning.Consumer, dunning.Business}).Draw(t, "k"),
			claim, date.MustNew(2024, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		if v := c.Amount.Amount(); v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
			t.Fatalf("WIK(%s) = %s outside [40, 6775]", claim, c.Amount)
		}
	})
}

// TestPropertyScheduleMatchesAssess: a plan CheckSchedule accepts charges every planned
// fee in full when assessed step by step.
func TestPropertyScheduleMatchesAssess(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rc := rapid.SampledFrom(ruleCases).Draw(t, "case")
		due := date.MustNew(2025, 3, 1)
		r, err := ReminderRules(rc.j, rc.k, due, due.AddDays(20))
		if err != nil {
			t.Fatal(err)
		}
		var plan []PlannedReminder
		day := 0
		for range rapid.IntRange(1, 6).Draw(t, "n") {
			day += rapid.IntRange(0, 20).Draw(t, "gap")
			units, _ := r.Cap.MinorUnits()
			fee, _ := money.FromMinorUnits(rapid.Int64Range(0, units+50).Draw(t, "fee"), r.Cap.Currency())
			plan = append(plan, PlannedReminder{DaysAfterDue: day, Fee: fee})
		}
		problems := CheckSchedule(r, plan)
		c := Claim{Due: due, FeeAgreed: true}
		allOK := true
		for _, p := range plan {
			a, err := Assess(r, c, Proposal{Date: due.AddDays(p.DaysAfterDue), Fee: p.Fee})
			if err != nil {
				t.Fatal(err)
			}
			if a.Reduced() {
				allOK = false
			}
			if a.Fee.IsPositive() {
				c.History = append(c.History, Charge{Date: due.AddDays(p.DaysAfterDue), Fee: a.Fee})
			}
			c.Reminders++
		}
		if allOK != (len(problems) == 0) {
			t.Fatalf("Assess all ok = %v, CheckSchedule problems = %v", allOK, problems)
		}
	})
}
