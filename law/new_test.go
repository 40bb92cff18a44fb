package law_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

func chf(s string) money.Money { return money.MustNew(s, money.CHF) }

// validSpec is a small complete pack of an invented country.
func validSpec() law.Spec {
	d := date.MustNew(2020, 1, 1)
	return law.Spec{
		Code: "XL", Name: "Lilliput", Currency: money.CHF,
		Reminders:    []fees.ReminderRule{{From: d, Cap: chf("15"), MaxFees: 2, MinDaysBetween: 10, Source: "Act § 3", Status: dunning.Verified}},
		Compensation: []law.CompensationFee{{From: d, Amount: chf("25"), Source: "Act § 7", Status: dunning.Verified}},
		Interest: []law.StatutoryInterest{{Rows: []interest.Row{{From: d, Reference: decimal.NewFromInt(1), Margin: decimal.NewFromInt(5), Status: dunning.Verified}},
			Convention: interest.Convention{DayCount: interest.Actual365Fixed}}},
		Costs: &law.CollectionCosts{Schedules: []law.CostSchedule{{From: d,
			Bands: []law.CostBand{{UpTo: chf("500"), Fixed: chf("50")}, {Fixed: chf("100"), Percent: decimal.NewFromInt(2)}}, Min: chf("40"), Max: chf("400")}}},
		Notices: []fees.NoticeRule{{Notice: fees.CollectionWarning, MinDays: 21, Counting: fees.FromDispatch}},
	}
}

// fields returns the Field of every *dunning.FieldError in err.
func fields(t *testing.T, err error) []string {
	t.Helper()
	var pe *law.PackError
	require.ErrorAs(t, err, &pe)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var out []string
	for _, e := range pe.Err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *dunning.FieldError
		require.True(t, errors.As(e, &fe), "%v is a *dunning.FieldError", e)
		out = append(out, fe.Field)
	}
	return out
}

// TestNewRefusesBadPacks: every problem of a Spec at once, each naming its field.
func TestNewRefusesBadPacks(t *testing.T) {
	_, err := law.New(validSpec())
	require.NoError(t, err)

	tests := []struct {
		name   string
		change func(*law.Spec)
		want   []string
	}{
		{"bad code", func(s *law.Spec) { s.Code = "xl" }, []string{"Code"}},
		{"no name or currency", func(s *law.Spec) { s.Name, s.Currency = "", "" }, []string{"Name", "Currency"}},
		{"negative fee", func(s *law.Spec) { s.Reminders[0].Cap = chf("-1") }, []string{"Reminders[0].Cap"}},
		{"fee in another currency", func(s *law.Spec) { s.Reminders[0].Cap = money.MustNew("15", money.EUR) }, []string{"Reminders[0].Cap"}},
		{"negative count", func(s *law.Spec) { s.Reminders[0].MaxFees = -1 }, []string{"Reminders[0].MaxFees"}},
		{"reminder rows out of order", func(s *law.Spec) {
			r := s.Reminders[0]
			r.From = date.MustNew(2019, 1, 1)
			s.Reminders = append(s.Reminders, r)
		}, []string{"Reminders[1].From"}},
		{"rate table out of order", func(s *law.Spec) {
			rows := &s.Interest[0].Rows
			*rows = append(*rows, interest.Row{From: date.MustNew(2019, 7, 1), Reference: decimal.NewFromInt(1), Status: dunning.Verified})
		}, []string{"Interest[0].rows[1].From"}},
		{"negative rate", func(s *law.Spec) { s.Interest[0].Rows[0].Margin = decimal.NewFromInt(-9) }, []string{"Interest[0].rows[0].Rate"}},
		{"no day count", func(s *law.Spec) { s.Interest[0].Convention.DayCount = 0 }, []string{"Interest[0].Convention.DayCount"}},
		{"zero notice period", func(s *law.Spec) { s.Notices[0].MinDays = 0 }, []string{"Notices[0].MinDays"}},
		{"notice counted no way", func(s *law.Spec) { s.Notices[0].Counting = 0 }, []string{"Notices[0].Counting"}},
		{"two rules for one notice", func(s *law.Spec) { s.Notices = append(s.Notices, s.Notices[0]) }, []string{"Notices[1].Notice"}},
		{"cost bands out of order", func(s *law.Spec) {
			s.Costs.Schedules[0].Bands = []law.CostBand{{UpTo: chf("500"), Fixed: chf("50")}, {UpTo: chf("400"), Fixed: chf("60")}, {Fixed: chf("70")}}
		}, []string{"Costs.Schedules[0].Bands[1].UpTo"}},
		{"last cost band closed", func(s *law.Spec) { s.Costs.Schedules[0].Bands[1].UpTo = chf("9000") }, []string{"Costs.Schedules[0].Bands[1].UpTo"}},
		{"min above max", func(s *law.Spec) { s.Costs.Schedules[0].Min = chf("500") }, []string{"Costs.Schedules[0].Min"}},
		{"no bands", func(s *law.Spec) { s.Costs.Schedules[0].Bands = nil }, []string{"Costs.Schedules[0].Bands"}},
		{"compensation without amount", func(s *law.Spec) { s.Compensation[0].Amount = money.Money{} }, []string{"Compensation[0].Amount"}},
		{"bad status", func(s *law.Spec) { s.Reminders[0].Status = 9 }, []string{"Reminders[0].Status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpec()
			tt.change(&s)
			p, err := law.New(s)
			require.Nil(t, p)
			require.Equal(t, tt.want, fields(t, err))
			require.Contains(t, err.Error(), "law: pack "+string(s.Code)+":")
		})
	}
}

// TestNewCopiesTheSpec: changing the Spec after New changes nothing of the pack.
func TestNewCopiesTheSpec(t *testing.T) {
	s := validSpec()
	p, err := law.New(s)
	require.NoError(t, err)
	s.Reminders[0].Cap = chf("999")
	s.Notices[0].MinDays = 99
	r, err := p.ReminderRule(dunning.Consumer, date.MustNew(2025, 1, 1), date.MustNew(2025, 1, 1))
	require.NoError(t, err)
	require.Equal(t, "15.00 CHF", r.Cap.String())
	require.Equal(t, dunning.Jurisdiction("XL"), r.Jurisdiction)
	n, ok := p.Notice(dunning.Business, fees.CollectionWarning)
	require.True(t, ok)
	require.Equal(t, 21, n.MinDays)
	got := p.Spec()
	got.Reminders[0].Cap = chf("1")
	r, _ = p.ReminderRule(dunning.Consumer, date.MustNew(2025, 1, 1), date.MustNew(2025, 1, 1))
	require.Equal(t, "15.00 CHF", r.Cap.String(), "Spec returns a copy")
}

// TestHostPackLookups: what a host pack answers, and what it answers where it
// has no rule.
func TestHostPackLookups(t *testing.T) {
	p := law.MustNew(validSpec())
	on := date.MustNew(2025, 3, 1)

	_, err := p.ReminderRule(dunning.Consumer, on, date.MustNew(2019, 12, 31))
	var nr *fees.NoRuleError
	require.ErrorAs(t, err, &nr)
	require.Equal(t, dunning.Jurisdiction("XL"), nr.Jurisdiction)

	c, err := p.Compensation(dunning.Business, on, chf("100"))
	require.NoError(t, err)
	require.Equal(t, "25.00 CHF", c.Amount.String())
	c, err = p.Compensation(dunning.Consumer, on, chf("100"))
	require.NoError(t, err)
	require.True(t, c.Amount.IsZero(), "no compensation from a consumer")

	tab, conv, err := p.Interest(dunning.Consumer, interest.ClaimDates{DueDate: on})
	require.NoError(t, err)
	require.Equal(t, interest.Actual365Fixed, conv.DayCount)
	require.Equal(t, money.PolicyFor(money.CHF, money.HalfAwayFromZero), conv.Rounding, "the zero rounding means cents")
	res, err := interest.Accrue(chf("1000"), date.MustNew(2025, 1, 1), date.MustNew(2026, 1, 1), tab, conv)
	require.NoError(t, err)
	require.Equal(t, "60.00 CHF", res.Total.String())

	for _, tt := range []struct{ claim, want string }{{"100", "50.00"}, {"500", "50.00"}, {"1000", "110.00"}, {"40000", "400.00"}} {
		cp, err := p.CostCap(fees.CostQuery{Kind: dunning.Consumer, Claim: chf(tt.claim), KeyDate: on})
		require.NoError(t, err)
		require.Equal(t, tt.want+" CHF", cp.Amount.String(), tt.claim)
	}
	_, err = p.CostCap(fees.CostQuery{Kind: dunning.Consumer, Claim: chf("100"), KeyDate: on, VATPercent: decimal.NewFromInt(8)})
	require.ErrorIs(t, err, dunning.ErrInvalid, "the pack lets no VAT be added")
	_, err = p.CostCap(fees.CostQuery{Kind: dunning.Consumer, Claim: money.MustNew("100", money.EUR), KeyDate: on})
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	_, err = p.CostCap(fees.CostQuery{Kind: dunning.Consumer, Claim: chf("100"), KeyDate: on, Step: fees.HeavyCollection})
	require.ErrorIs(t, err, fees.ErrNoRule)

	_, ok := p.Notice(dunning.Consumer, fees.PaymentDemand)
	require.False(t, ok)
	d, ok := p.NoticeMinimum(dunning.Consumer, fees.CollectionWarning, on)
	require.True(t, ok)
	require.Equal(t, on.AddDays(21), d)
}

// TestSet: the host's packs over the shipped ones; a code without either is a
// *law.NoPackError listing the codes.
func TestSet(t *testing.T) {
	xl := law.MustNew(validSpec())
	dkVariant := law.MustNew(law.Spec{Code: dunning.DK, Name: "Denmark (variant)", Currency: money.DKK, Base: law.Builtin(dunning.DK)})
	s, err := law.NewSet(xl, dkVariant)
	require.NoError(t, err)
	p, err := s.Pack("XL")
	require.NoError(t, err)
	require.Same(t, xl, p)
	p, err = s.Pack(dunning.DK)
	require.NoError(t, err)
	require.Same(t, dkVariant, p)
	require.False(t, p.Builtin())
	p, err = s.Pack(dunning.SE)
	require.NoError(t, err)
	require.Same(t, law.Builtin(dunning.SE), p)
	_, err = s.Pack("BE")
	var np *law.NoPackError
	require.ErrorAs(t, err, &np)
	require.ErrorIs(t, err, law.ErrNoPack)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.Equal(t, `law: no law pack for "BE" (packs: DK, SE, NO, DE, NL, FI, EU, GB, FR, XL; a host brings its own with law.New)`, err.Error())

	var none *law.Set
	p, err = none.Pack(dunning.GB)
	require.NoError(t, err)
	require.Same(t, law.Builtin(dunning.GB), p)

	_, err = law.NewSet(xl, xl)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	_, err = law.NewSet(nil)
	require.ErrorIs(t, err, dunning.ErrInvalid)

	// The variant keeps its base's rules where it sets none.
	r1, _ := dkVariant.ReminderRule(dunning.Consumer, date.MustNew(2025, 1, 1), date.MustNew(2025, 3, 1))
	r2, _ := law.Builtin(dunning.DK).ReminderRule(dunning.Consumer, date.MustNew(2025, 1, 1), date.MustNew(2025, 3, 1))
	require.Equal(t, r2.Cap, r1.Cap)
	n, ok := dkVariant.Notice(dunning.Consumer, fees.CollectionWarning)
	require.True(t, ok)
	require.Equal(t, 10, n.MinDays)
}

// TestVariantFromSpec: the Spec of a shipped pack builds a variant that keeps
// reading the shipped tables where it changes nothing.
func TestVariantFromSpec(t *testing.T) {
	s := law.Builtin(dunning.SE).Spec()
	s.Name = "Sweden (no costs)"
	s.Costs = nil
	v, err := law.New(s)
	require.NoError(t, err)
	on := date.MustNew(2025, 3, 3)
	r1, err := v.ReminderRule(dunning.Consumer, on, on)
	require.NoError(t, err)
	r2, _ := law.Builtin(dunning.SE).ReminderRule(dunning.Consumer, on, on)
	require.Equal(t, r2.Cap, r1.Cap)
	c, err := v.Compensation(dunning.Business, on, money.MustNew("1", money.SEK))
	require.NoError(t, err)
	require.Equal(t, "450.00 SEK", c.Amount.String())
	_, ok := v.CollectionCosts()
	require.True(t, ok, "Costs nil keeps the base's (a Spec part left empty is the Base's)")
}
