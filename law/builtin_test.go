package law_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// sameErr compares two lookups' errors: both nil, or the same message.
func sameErr(t *rapid.T, a, b error) {
	if (a == nil) != (b == nil) || (a != nil && a.Error() != b.Error()) {
		t.Fatalf("errors differ: %v / %v", a, b)
	}
}

var cmpOpts = []cmp.Option{cmpopts.EquateComparable(date.Date{}), cmp.Comparer(func(a, b money.Money) bool { return a.Currency() == b.Currency() && a.Amount().Equal(b.Amount()) }), cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmp.AllowUnexported(fees.ReminderRule{}, interest.RateTable{})}

// TestBuiltinPacksAreTheTables: for the seven jurisdictions whose law the fees and
// interest packages hold, every lookup through the pack answers what the package's
// own function answers, for any kind, dates and claim: the packs change nothing.
func TestBuiltinPacksAreTheTables(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		j := rapid.SampledFrom(dunning.Jurisdictions()).Draw(t, "j")
		k := rapid.SampledFrom([]dunning.PartyKind{dunning.Consumer, dunning.Business}).Draw(t, "kind")
		day := func(name string) date.Date {
			return date.MustNew(2001, 1, 1).AddDays(rapid.IntRange(0, 27*365).Draw(t, name))
		}
		due, sent := day("due"), day("sent")
		p := law.Builtin(j)
		require.NotNil(t, p)
		require.Equal(t, j, p.Code())
		require.Equal(t, money.Currency(j.CurrencyCode()), p.Currency())
		require.Equal(t, j.Language(), p.Language())

		r1, e1 := p.ReminderRule(k, due, sent)
		r2, e2 := fees.ReminderRules(j, k, due, sent)
		sameErr(t, e1, e2)
		if d := cmp.Diff(r2, r1, cmpOpts...); d != "" {
			t.Fatalf("reminder rule differs (-fees +pack):\n%s", d)
		}

		c1, e1 := p.Compensation(k, due, money.MustNew("1000", p.Currency()))
		c2, e2 := fees.CompensationFee(j, k, due)
		sameErr(t, e1, e2)
		if d := cmp.Diff(c2, c1, cmpOpts...); d != "" {
			t.Fatalf("compensation differs:\n%s", d)
		}

		dates := interest.ClaimDates{DueDate: due}
		if rapid.Bool().Draw(t, "contract") {
			dates.ContractDate = day("contractDate")
		}
		t1, v1, e1 := p.Interest(k, dates)
		t2, v2, e2 := interest.StatutoryFor(j, k, dates)
		require.Equal(t, e2 == nil, e1 == nil, "interest error: %v / %v", e1, e2)
		if e2 != nil {
			require.ErrorIs(t, e1, interest.ErrUnsupported)
		} else {
			require.Equal(t, v2, v1)
			require.Equal(t, t2.Name(), t1.Name())
			require.Equal(t, t2.End(), t1.End())
			if d := cmp.Diff(t2.Rows(), t1.Rows(), cmpOpts...); d != "" {
				t.Fatalf("interest rows differ:\n%s", d)
			}
		}

		q := fees.CostQuery{Jurisdiction: j, Kind: k, KeyDate: sent,
			Claim: money.MustNew(rapid.SampledFrom([]string{"0", "99.99", "1000", "2500.50", "9999", "10000", "50000", "300000"}).Draw(t, "claim"), p.Currency()),
			Step:  fees.Step(rapid.IntRange(0, int(fees.PaymentPlan)).Draw(t, "step"))}
		cap1, e1 := p.CostCap(q)
		cap2, e2 := fees.CollectionCostCapFor(q)
		sameErr(t, e1, e2)
		if d := cmp.Diff(cap2, cap1, cmpOpts...); d != "" {
			t.Fatalf("cost cap differs:\n%s", d)
		}

		for _, n := range []fees.Notice{fees.Reminder, fees.CollectionWarning, fees.PaymentDemand} {
			n1, ok1 := p.Notice(k, n)
			n2, ok2 := fees.NoticeRuleFor(j, k, n)
			require.Equal(t, ok2, ok1)
			require.Equal(t, n2, n1)
			m1, ok1 := p.NoticeMinimum(k, n, sent)
			m2, ok2 := fees.NoticeMinimum(j, k, n, sent)
			require.Equal(t, ok2, ok1)
			require.Equal(t, m2, m1)
		}
	})
}

// TestBuiltinInterestSwitches: the margin regimes the packs select by the claim's
// dates are the ones interest.StatutoryFor switches on (DK claims due before
// 2013-03-01: + 7 pp; DE business contracts before 2014-07-29: + 8 pp).
func TestBuiltinInterestSwitches(t *testing.T) {
	margin := func(j dunning.Jurisdiction, k dunning.PartyKind, c interest.ClaimDates) string {
		tab, _, err := law.Builtin(j).Interest(k, c)
		require.NoError(t, err)
		return tab.Rows()[0].Margin.String()
	}
	require.Equal(t, "7", margin(dunning.DK, dunning.Consumer, interest.ClaimDates{DueDate: date.MustNew(2013, 2, 28)}))
	require.Equal(t, "8", margin(dunning.DK, dunning.Consumer, interest.ClaimDates{DueDate: date.MustNew(2013, 3, 1)}))
	require.Equal(t, "8", margin(dunning.DE, dunning.Business, interest.ClaimDates{ContractDate: date.MustNew(2014, 7, 28)}))
	require.Equal(t, "9", margin(dunning.DE, dunning.Business, interest.ClaimDates{ContractDate: date.MustNew(2014, 7, 29)}))
	require.Equal(t, "5", margin(dunning.DE, dunning.Consumer, interest.ClaimDates{ContractDate: date.MustNew(2014, 7, 28)}))
}

func TestBuiltins(t *testing.T) {
	codes := []dunning.Jurisdiction{}
	for _, p := range law.Builtins() {
		codes = append(codes, p.Code())
		require.Same(t, p, law.Builtin(p.Code()))
		require.True(t, p.Builtin())
		require.True(t, p.Code().Builtin())
		require.Equal(t, p.Code().Name(), p.Name())
		require.Equal(t, p.Code().CurrencyCode(), string(p.Currency()))
		require.Equal(t, p.Code().TimeZone(), p.TimeZone())
	}
	require.Equal(t, []dunning.Jurisdiction{"DK", "SE", "NO", "DE", "NL", "FI", "EU", "GB", "FR"}, codes)
	require.Nil(t, law.Builtin("BE"))
	var none *law.Pack
	_, err := none.ReminderRule(dunning.Consumer, date.MustNew(2025, 1, 1), date.MustNew(2025, 1, 1))
	require.ErrorIs(t, err, fees.ErrNoRule)
	_, ok := none.CollectionCosts()
	require.False(t, ok)
	require.Equal(t, "<no law pack>", none.String())
	require.Equal(t, "DK (Denmark)", law.Builtin(dunning.DK).String())
}

// TestBuiltinCostRules: when a demand letter may charge costs, per jurisdiction
// (moved from the collection package; its lawful tests drive them end to end).
func TestBuiltinCostRules(t *testing.T) {
	for _, tt := range []struct {
		j                  dunning.Jurisdiction
		consumer, business bool // NeedsWarning
		onStep             bool
	}{
		{dunning.DK, true, true, false}, {dunning.NO, true, true, false}, {dunning.NL, true, false, false},
		{dunning.SE, false, false, true}, {dunning.DE, false, false, true}, {dunning.FI, false, false, true},
	} {
		c, ok := law.Builtin(tt.j).CollectionCosts()
		require.True(t, ok, tt.j)
		require.Equal(t, tt.consumer, c.NeedsWarning(dunning.Consumer), tt.j)
		require.Equal(t, tt.business, c.NeedsWarning(dunning.Business), tt.j)
		due, day := date.MustNew(2025, 1, 1), date.MustNew(2025, 3, 1)
		want := due
		if tt.onStep {
			want = day
		}
		require.Equal(t, want, c.KeyDate(due, day), tt.j)
		require.NotEmpty(t, c.Source)
	}
	for _, j := range []dunning.Jurisdiction{dunning.EU, dunning.GB, dunning.FR} {
		_, ok := law.Builtin(j).CollectionCosts()
		require.False(t, ok, j)
		_, err := law.Builtin(j).CostCap(fees.CostQuery{Kind: dunning.Business, Claim: money.MustNew("100", law.Builtin(j).Currency()), KeyDate: date.MustNew(2025, 1, 1)})
		require.True(t, errors.Is(err, fees.ErrNoRule), "%s: %v", j, err)
	}
}
