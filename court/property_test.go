package court

import (
	"fmt"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// boundaries are the values where the tables change, so the generators hit them.
var boundaries = []int64{0, 1, 300, 500, 1500, 2000, 2500, 3000, 5000, 10_000, 12_500, 25_000,
	50_000, 100_000, 200_000, 250_000, 500_000, 1_000_000, 6_000_000}

// genCents draws an amount in minor units, favouring small values and the boundaries ±1.
func genCents(t *rapid.T, label string) int64 {
	switch rapid.IntRange(0, 2).Draw(t, label+"-kind") {
	case 0:
		b := rapid.SampledFrom(boundaries).Draw(t, label+"-boundary")
		return max(0, b*100+rapid.Int64Range(-1, 1).Draw(t, label+"-delta"))
	case 1:
		return rapid.Int64Range(0, 1_000_000).Draw(t, label+"-small")
	}
	return rapid.Int64Range(0, 1_000_000_000).Draw(t, label+"-large")
}

// genDateIn draws a filing date the rule covers (before 2031 for open rows).
func genDateIn(t *rapid.T, r Rule) date.Date {
	end := r.To
	if end.IsZero() {
		end = date.MustNew(2031, 1, 1)
	}
	n := r.From.DaysUntil(end)
	return r.From.AddDays(rapid.IntRange(0, n-1).Draw(t, "day"))
}

func currencyOf(j dunning.Jurisdiction) money.Currency { return money.Currency(j.CurrencyCode()) }

// TestPropertyFeeNonDecreasing: within one regime, a larger claim never costs less. E9.
func TestPropertyFeeNonDecreasing(t *testing.T) {
	rules := Rules()
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.SampledFrom(rules).Draw(t, "rule")
		on := genDateIn(t, r)
		c := currencyOf(r.Jurisdiction)
		a, b := genCents(t, "a"), genCents(t, "b")
		if a > b {
			a, b = b, a
		}
		f := Filing{Jurisdiction: r.Jurisdiction, Proceeding: r.Proceeding, Date: on,
			NaturalPerson: rapid.Bool().Draw(t, "natural"), Rettsgebyr: money.MustNew("1200", money.NOK)}
		if r.Jurisdiction != dunning.NO {
			f.Rettsgebyr = money.Money{}
		}
		f.Claim, _ = money.FromMinorUnits(a, c)
		fa, errA := FeeFor(f)
		f.Claim, _ = money.FromMinorUnits(b, c)
		fb, errB := FeeFor(f)
		if errB != nil {
			if errA == nil && r.Jurisdiction != dunning.NL && r.Jurisdiction != dunning.DE {
				t.Fatalf("%s: fee for %d but none for %d: %v", r.ID, a, b, errB)
			}
			return // beyond the table's range (NL kanton limit, GKG 2004)
		}
		if errA != nil {
			t.Fatalf("%s: no fee for smaller claim %d: %v", r.ID, a, errA)
		}
		if fa.Rule.ID != r.ID || fb.Rule.ID != r.ID {
			t.Fatalf("date %s in %s gave rules %s, %s", on, r.ID, fa.Rule.ID, fb.Rule.ID)
		}
		if cmp, _ := fa.Amount.Compare(fb.Amount); cmp > 0 {
			t.Fatalf("%s on %s: fee(%s) = %s > fee(%s) = %s", r.ID, on, fa.Filed, fa.Amount, fb.Filed, fb.Amount)
		}
	})
}

// TestPropertyOneRegime: from the first rule of a (jurisdiction, proceeding) on, exactly
// one rule applies on any filing date up to the last rule's end, and before the first
// rule the fee is an error, never a guess.
func TestPropertyOneRegime(t *testing.T) {
	rules := Rules()
	rapid.Check(t, func(t *rapid.T) {
		pick := rapid.SampledFrom(rules).Draw(t, "rule")
		var first, last Rule
		n := 0
		for _, r := range rules {
			if r.Jurisdiction == pick.Jurisdiction && r.Proceeding == pick.Proceeding {
				if n == 0 {
					first = r
				}
				last = r
				n++
			}
		}
		span := Rule{From: first.From, To: last.To}
		on := genDateIn(t, span)
		covering := 0
		for _, r := range rules {
			if r.Jurisdiction == pick.Jurisdiction && r.Proceeding == pick.Proceeding && r.Covers(on) {
				covering++
			}
		}
		if covering != 1 {
			t.Fatalf("%s %s on %s: %d rules apply", pick.Jurisdiction, pick.Proceeding, on, covering)
		}
		c := currencyOf(pick.Jurisdiction)
		f := Filing{Jurisdiction: pick.Jurisdiction, Proceeding: pick.Proceeding, Claim: money.MustNew("1000", c), Date: on}
		if pick.Jurisdiction == dunning.NO {
			f.Rettsgebyr = money.MustNew("1200", money.NOK)
		}
		if _, err := FeeFor(f); err != nil {
			t.Fatalf("%s: %v", on, err)
		}
		f.Date = first.From.AddDays(-rapid.IntRange(1, 5000).Draw(t, "before"))
		if _, err := FeeFor(f); err == nil {
			t.Fatalf("%s %s: a fee before the first rule (%s) on %s", pick.Jurisdiction, pick.Proceeding, first.From, f.Date)
		}
	})
}

// genClaim draws a complete, valid payment claim for filing on filing.
func genClaim(t *rapid.T) PaymentClaim {
	c := validClaim()
	n := rapid.IntRange(1, 3).Draw(t, "invoices")
	c.Invoices = nil
	for i := range n {
		due := date.MustNew(2024, 6, 1).AddDays(rapid.IntRange(0, 150).Draw(t, "due"))
		principal, _ := money.FromMinorUnits(rapid.Int64Range(1, 50_000_00).Draw(t, "principal"), money.DKK)
		days := rapid.IntRange(1, 60).Draw(t, "days")
		rate := decimal.New(rapid.Int64Range(1, 2000).Draw(t, "rate"), -2)
		ceil := interestCeiling(principal, rate, days)
		amt, _ := money.FromMinorUnits(rapid.Int64Range(0, mustMinor(ceil)).Draw(t, "interest"), money.DKK)
		c.Invoices = append(c.Invoices, Invoice{Number: fmt.Sprint(1000 + i), Issued: due.AddDays(-30), Due: due, Principal: principal,
			Interest: []InterestLine{{Period: date.Period{From: due, To: due.AddDays(days)}, Rate: rate, Amount: amt}}})
	}
	c.Costs = []Cost{
		{Kind: ReminderFee, Date: d("2024-11-10"), Amount: dkk("100")},
		{Kind: CollectionCost, Date: d("2025-01-15"), Amount: dkk("400")},
		{Kind: OtherCost, Date: d("2025-01-15"), Amount: dkk("25")},
	}
	return c
}

func mustMinor(m money.Money) int64 { n, _ := m.MinorUnits(); return n }

// remover removes one required field and names the field the problem must name.
type remover struct {
	field string
	apply func(*PaymentClaim)
}

func removers(c PaymentClaim) []remover {
	rs := []remover{
		{"Creditor.Name", func(c *PaymentClaim) { c.Creditor.Name = "" }},
		{"Creditor.Address", func(c *PaymentClaim) { c.Creditor.Address = dunning.Address{} }},
		{"Creditor.Address.Lines", func(c *PaymentClaim) { c.Creditor.Address.Lines = nil }},
		{"Creditor.Address.PostalCode", func(c *PaymentClaim) { c.Creditor.Address.PostalCode = "" }},
		{"Creditor.Address.City", func(c *PaymentClaim) { c.Creditor.Address.City = "" }},
		{"Creditor.Registration", func(c *PaymentClaim) { c.Creditor.Registration = dunning.Registration{} }},
		{"Creditor.Registration.Number", func(c *PaymentClaim) { c.Creditor.Registration.Number = "" }},
		{"Debtor.Name", func(c *PaymentClaim) { c.Debtor.Name = " " }},
		{"Debtor.Address", func(c *PaymentClaim) { c.Debtor.Address = dunning.Address{} }},
		{"Debtor.Address.Lines", func(c *PaymentClaim) { c.Debtor.Address.Lines = []string{""} }},
		{"Debtor.Address.PostalCode", func(c *PaymentClaim) { c.Debtor.Address.PostalCode = "" }},
		{"Debtor.Address.City", func(c *PaymentClaim) { c.Debtor.Address.City = "" }},
		{"Debtor.Registration", func(c *PaymentClaim) { c.Debtor.Registration = dunning.Registration{} }},
		{"Debtor.Kind", func(c *PaymentClaim) { c.Debtor.Kind = 0 }},
		{"District", func(c *PaymentClaim) { c.District = 0 }},
		{"Basis", func(c *PaymentClaim) { c.Basis = "" }},
		{"Invoices", func(c *PaymentClaim) { c.Invoices = nil }},
		{"Warning", func(c *PaymentClaim) { c.Warning = date.Date{} }},
	}
	for i := range c.Invoices {
		p := fmt.Sprintf("Invoices[%d]", i)
		rs = append(rs,
			remover{p + ".Number", func(c *PaymentClaim) { c.Invoices[i].Number = "" }},
			remover{p + ".Issued", func(c *PaymentClaim) { c.Invoices[i].Issued = date.Date{} }},
			remover{p + ".Due", func(c *PaymentClaim) { c.Invoices[i].Due = date.Date{} }},
			remover{p + ".Principal", func(c *PaymentClaim) { c.Invoices[i].Principal = money.Money{} }},
			remover{p + ".Interest[0].Period", func(c *PaymentClaim) { c.Invoices[i].Interest[0].Period.To = date.Date{} }},
			remover{p + ".Interest[0].Rate", func(c *PaymentClaim) { c.Invoices[i].Interest[0].Rate = decimal.Decimal{} }},
			remover{p + ".Interest[0].Amount", func(c *PaymentClaim) { c.Invoices[i].Interest[0].Amount = money.Money{} }},
		)
	}
	for i := range c.Costs {
		p := fmt.Sprintf("Costs[%d]", i)
		rs = append(rs,
			remover{p + ".Kind", func(c *PaymentClaim) { c.Costs[i].Kind = 0 }},
			remover{p + ".Date", func(c *PaymentClaim) { c.Costs[i].Date = date.Date{} }},
			remover{p + ".Amount", func(c *PaymentClaim) { c.Costs[i].Amount = money.Money{} }},
		)
	}
	return rs
}

// TestPropertyCheckPaymentClaim: a complete, valid claim has no problem, and removing any
// one required field gives exactly the one problem naming it. Implements E8.
func TestPropertyCheckPaymentClaim(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genClaim(t)
		on := date.MustNew(2025, 3, 1).AddDays(rapid.IntRange(0, 500).Draw(t, "filing"))
		if err := CheckPaymentClaim(c, on); err != nil {
			t.Fatalf("valid claim on %s: %v", on, err)
		}
		r := rapid.SampledFrom(removers(c)).Draw(t, "remove")
		broken := c
		broken.Creditor.Address.Lines = append([]string(nil), c.Creditor.Address.Lines...)
		broken.Debtor.Address.Lines = append([]string(nil), c.Debtor.Address.Lines...)
		broken.Invoices = make([]Invoice, len(c.Invoices))
		for i, inv := range c.Invoices {
			inv.Interest = append([]InterestLine(nil), inv.Interest...)
			broken.Invoices[i] = inv
		}
		broken.Costs = append([]Cost(nil), c.Costs...)
		r.apply(&broken)
		ps := Problems(CheckPaymentClaim(broken, on))
		if len(ps) != 1 || ps[0].Field != r.field {
			t.Fatalf("removing %s gave %d problems: %v", r.field, len(ps), ps)
		}
		if err := CheckPaymentClaim(c, on); err != nil {
			t.Fatalf("the original claim was changed: %v", err)
		}
	})
}
