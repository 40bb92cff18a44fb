package collection_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	feelaw "github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// The tests of issue 19: a host's own law pack drives a case end to end, and a
// creditor's contract terms sit on top of the law, capped by it.

const lilliput dunning.Jurisdiction = "XL"

func chf(s string) money.Money { return money.MustNew(s, money.CHF) }

// lilliputPack is the law of an invented country, built by the test as a host
// builds its own: fees, compensation, interest, collection costs and a notice
// period that differ from every shipped pack.
func lilliputPack(t testing.TB) *law.Pack {
	t.Helper()
	p, err := law.New(law.Spec{
		Code: lilliput, Name: "Lilliput", Currency: money.CHF, Language: language.German, TimeZone: "Europe/Zurich",
		Reminders: []feelaw.ReminderRule{{From: date.MustNew(2020, 1, 1), Cap: chf("15"), MaxFees: 2, MinDaysBetween: 10,
			MinDaysAfterDue: 5, Source: "Lilliput Dunning Act § 3", Status: dunning.Verified}},
		Compensation: []law.CompensationFee{{From: date.MustNew(2020, 1, 1), Amount: chf("25"), Per: "overdue invoice",
			Source: "Lilliput Late Payment Act § 7", Status: dunning.Verified}},
		Interest: []law.StatutoryInterest{{Name: "XL statutory", End: date.MustNew(2030, 12, 31),
			Rows: []interest.Row{
				{From: date.MustNew(2020, 1, 1), Reference: decimal.RequireFromString("1"), Margin: decimal.NewFromInt(5), Status: dunning.Verified, Source: "Lilliput Interest Act § 2 (Blefuscu Bank rate + 5)"},
				{From: date.MustNew(2025, 4, 1), Reference: decimal.RequireFromString("2"), Margin: decimal.NewFromInt(5), Status: dunning.Verified, Source: "Lilliput Interest Act § 2 (Blefuscu Bank rate + 5)"},
			},
			Convention: interest.Convention{DayCount: interest.Actual365Fixed}}},
		Costs: &law.CollectionCosts{WarningFirst: true, Source: "Lilliput Collection Act § 9", Status: dunning.Verified,
			Schedules: []law.CostSchedule{{From: date.MustNew(2020, 1, 1),
				Bands:  []law.CostBand{{UpTo: chf("500"), Fixed: chf("50")}, {Fixed: chf("100"), Percent: decimal.NewFromInt(2)}},
				Max:    chf("400"),
				Source: "Lilliput Collection Tariff", Status: dunning.Verified}}},
		Notices: []feelaw.NoticeRule{{Notice: feelaw.CollectionWarning, MinDays: 21, Counting: feelaw.FromDispatch, Costs: true,
			Source: "Lilliput Collection Act § 8 (21 days)", Status: dunning.Verified}},
	})
	require.NoError(t, err)
	return p
}

func lilliputReq(id collection.CaseID, k dunning.PartyKind) collection.OpenRequest {
	r := openReq(id, "inv-a-"+string(id), "inv-b-"+string(id))
	r.Jurisdiction = lilliput
	r.Creditor.Jurisdiction, r.Debtor.Jurisdiction, r.Debtor.Kind = lilliput, lilliput, k
	r.Debtor.Address.Country, r.Creditor.Address.Country = "CH", "CH"
	r.Invoices[0].Amount = chf("1200.00")
	r.Invoices[1].Amount = chf("800.00")
	r.Invoices[1].Due = jan31.AddDays(10)
	return r
}

// TestLawPack_HostPackDrivesACaseEndToEnd: a case under an invented country's
// pack, given to the Service as a host would, runs through the daily batch with
// the pack's currency, reminder-fee cap and count, compensation, interest,
// notice period, collection costs after the warning, and letters in its
// language; a code without a pack is refused at Open naming the known codes.
func TestLawPack_HostPackDrivesACaseEndToEnd(t *testing.T) {
	pk := lilliputPack(t)
	cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
	e := newBatchEnv(t, jan31, collection.Options{Laws: []*law.Pack{pk}, Creditors: cr, Flows: presets})
	r := lilliputReq("xl-1", dunning.Business)
	r.Currency = "" // the pack's
	c, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	require.Equal(t, money.CHF, c.Currency)

	e.runDays(jan31, date.MustNew(2025, 8, 31), collection.BatchRequest{})
	c = e.get("xl-1")
	require.NotEmpty(t, c.Progress.Taken)

	fees := charges(c, collection.ChargeReminderFee)
	require.NotEmpty(t, fees, "the flow's fee-bearing reminders charge the pack's fee")
	require.LessOrEqual(t, len(fees), 2, "the pack allows two fees per claim")
	for i, f := range fees {
		require.Equal(t, "15.00 CHF", f.Amount.String(), "the pack's cap")
		require.Contains(t, f.Source, "Lilliput Dunning Act § 3")
		if i > 0 {
			require.GreaterOrEqual(t, fees[i-1].On.DaysUntil(f.On), 10)
		}
	}
	comp := charges(c, collection.ChargeCompensation)
	require.Len(t, comp, 2, "once per invoice")
	for _, ch := range comp {
		require.Equal(t, "25.00 CHF", ch.Amount.String())
	}
	intr := charges(c, collection.ChargeInterest)
	require.NotEmpty(t, intr)
	for _, ch := range intr {
		require.True(t, ch.Amount.IsPositive())
		require.Contains(t, ch.Source, "Lilliput Interest Act")
	}
	var warned, demanded bool
	for i, tk := range c.Progress.Taken {
		switch tk.Kind {
		case flow.CollectionWarning:
			warned = true
			require.GreaterOrEqual(t, tk.On.DaysUntil(tk.Deadline), 21, "the pack's notice period")
			if i+1 < len(c.Progress.Taken) {
				require.True(t, c.Progress.Taken[i+1].On.After(tk.Deadline))
			}
		case flow.DemandLetter:
			demanded = true
		}
	}
	require.True(t, warned && demanded, "the flow reached the demand letter: %v", c.Progress.Taken)
	costs := charges(c, collection.ChargeCollectionCost)
	require.Len(t, costs, 1)
	// 100 + 2 % of the 2,000 principal above 500 = 130.
	require.Equal(t, "130.00 CHF", costs[0].Amount.String())
	require.Contains(t, costs[0].Source, "Lilliput Collection Tariff")

	var kinds []letters.Kind
	for _, o := range e.outbox() {
		m := o.Message
		require.Equal(t, language.German, m.Lang, "%s: the pack's language", m.ID)
		require.Contains(t, m.Text, "CHF")
		kinds = append(kinds, m.Kind)
		if m.Kind == letters.CollectionWarning {
			require.Contains(t, m.Text, "130,00", "the warning announces the costs the demand letter charges")
		}
	}
	require.Contains(t, kinds, letters.CollectionWarning)

	// The same flows are lawful under the pack as Validate sees them.
	require.NoError(t, flow.ValidateLaw(flow.Lenient(), pk, dunning.Business, jan31))

	// A code no pack covers is refused, naming the codes that have one.
	_, err = e.svc.Open(t.Context(), func() collection.OpenRequest {
		r := lilliputReq("xx-1", dunning.Business)
		r.Jurisdiction, r.Debtor.Jurisdiction = "XB", "XB"
		return r
	}())
	var np *law.NoPackError
	require.ErrorAs(t, err, &np)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.Contains(t, err.Error(), "XL")
}

// TestLawPack_ConsumerWithoutCompensationAndWarningFirst: under the same pack a
// consumer owes no compensation, and a flow without a warning charges no costs.
func TestLawPack_ConsumerWithoutCompensation(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
	e := newBatchEnv(t, jan31, collection.Options{Laws: []*law.Pack{lilliputPack(t)}, Creditors: cr, Flows: presets})
	_, err := e.svc.Open(t.Context(), lilliputReq("xl-2", dunning.Consumer))
	require.NoError(t, err)
	e.runDays(jan31, date.MustNew(2025, 5, 31), collection.BatchRequest{})
	c := e.get("xl-2")
	require.Empty(t, charges(c, collection.ChargeCompensation))
	require.NotEmpty(t, charges(c, collection.ChargeReminderFee))
}

// TestLawPack_ContractTermsCappedByLaw: a creditor's contractual reminder fee
// replaces the flow's, within the law; terms above the law's cap are refused at
// Open with a *law.TermsError naming the term, the cap and the law.
func TestLawPack_ContractTermsCappedByLaw(t *testing.T) {
	t.Run("lower fee and contract rate", func(t *testing.T) {
		cr := &testCreditors{profile: collection.CreditorProfile{Terms: law.Terms{
			ReminderFee:     law.FeeTerms{Fixed: dkk("60")},
			InterestPercent: decimal.RequireFromString("9.5"),
		}}}
		e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
		c := e.open("dk-1")
		require.Equal(t, collection.InterestContract, c.InterestTerms().Mode)
		require.Equal(t, "9.5", c.InterestTerms().Percent.String())
		e.runDays(jan31, date.MustNew(2025, 4, 30), collection.BatchRequest{})
		c = e.get("dk-1")
		fs := charges(c, collection.ChargeReminderFee)
		require.NotEmpty(t, fs)
		for _, f := range fs {
			require.Equal(t, "60.00 DKK", f.Amount.String(), "the contract's fee, below the law's 100 DKK")
		}
		for _, ch := range charges(c, collection.ChargeInterest) {
			require.Contains(t, ch.Source, "contract rate 9.5 %")
		}
	})
	t.Run("percentage fee", func(t *testing.T) {
		cr := &testCreditors{profile: collection.CreditorProfile{Terms: law.Terms{
			ReminderFee: law.FeeTerms{Percent: decimal.NewFromInt(5), Min: dkk("20"), Max: dkk("80")}}}}
		e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
		e.open("dk-2") // 1,000 DKK: 5 % is 50
		e.runDays(jan31, date.MustNew(2025, 3, 31), collection.BatchRequest{})
		fs := charges(e.get("dk-2"), collection.ChargeReminderFee)
		require.NotEmpty(t, fs)
		require.Equal(t, "50.00 DKK", fs[0].Amount.String())
	})
	t.Run("above the law", func(t *testing.T) {
		cr := &testCreditors{profile: collection.CreditorProfile{Terms: law.Terms{ReminderFee: law.FeeTerms{Fixed: dkk("150")}}}}
		e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
		_, err := e.svc.Open(t.Context(), openReq("dk-3"))
		var te *law.TermsError
		require.ErrorAs(t, err, &te)
		require.ErrorIs(t, err, law.ErrAboveLaw)
		require.ErrorIs(t, err, dunning.ErrInvalid)
		require.Equal(t, "ReminderFee.Fixed", te.Field)
		require.Equal(t, "100.00 DKK", te.Limit)
		require.Contains(t, err.Error(), "renteloven § 9 b")
		_, err = e.svc.Get(t.Context(), "dk-3")
		require.True(t, errors.Is(err, collection.ErrNotFound), "nothing saved")
	})
	t.Run("contract rate above a pack's cap", func(t *testing.T) {
		s := lilliputPack(t).Spec()
		s.MaxContractInterest = []law.RateLimit{{Percent: decimal.NewFromInt(12), Source: "Lilliput Usury Act § 1", Status: dunning.Verified}}
		pk, err := law.New(s)
		require.NoError(t, err)
		e := newBatchEnv(t, jan31, collection.Options{Laws: []*law.Pack{pk}})
		r := lilliputReq("xl-3", dunning.Consumer)
		r.Interest = collection.InterestTerms{Mode: collection.InterestContract, Percent: decimal.NewFromInt(18)}
		_, err = e.svc.Open(t.Context(), r)
		var te *law.TermsError
		require.ErrorAs(t, err, &te)
		require.Equal(t, "InterestPercent", te.Field)
		require.True(t, strings.Contains(err.Error(), "Lilliput Usury Act § 1"), err.Error())
	})
}

// TestLawPack_VariantOfAShippedPack: a creditor-specific variant of the Danish
// pack with a lower reminder-fee cap takes the shipped pack's place, and keeps
// everything else of it (notice periods, interest, costs).
func TestLawPack_VariantOfAShippedPack(t *testing.T) {
	dk := law.Builtin(dunning.DK)
	v, err := law.New(law.Spec{Code: dunning.DK, Name: "Denmark (Hansen's terms)", Currency: money.DKK, Language: language.Danish, Base: dk,
		Reminders: []feelaw.ReminderRule{{From: date.MustNew(2002, 8, 1), Cap: dkk("50"), MaxFees: 3, MinDaysBetween: 10,
			MinDaysAfterDue: 1, DisputeBlocks: true, IncludesVAT: true, Source: "renteloven § 9 b; the creditor charges at most 50 DKK", Status: dunning.Verified}}})
	require.NoError(t, err)
	e := newBatchEnv(t, jan31, collection.Options{Laws: []*law.Pack{v}})
	e.open("dk-v")
	e.runDays(jan31, date.MustNew(2025, 5, 31), collection.BatchRequest{})
	c := e.get("dk-v")
	fs := charges(c, collection.ChargeReminderFee)
	require.NotEmpty(t, fs)
	for _, f := range fs {
		require.Equal(t, "50.00 DKK", f.Amount.String())
	}
	for _, tk := range c.Progress.Taken {
		if tk.Kind == flow.CollectionWarning {
			require.GreaterOrEqual(t, tk.On.DaysUntil(tk.Deadline), 10, "the base pack's notice (inkassoloven § 10)")
		}
	}
	require.NotEmpty(t, charges(c, collection.ChargeInterest), "the base pack's interest")
}

// TestLawPack_GBAndFRThroughTheBatch: the two data-only shipped packs run through
// the daily batch like the others: in the UK a business debtor owes the fixed sum
// by debt size and interest at the rate of the half-year it started in; in
// France a consumer owes legal interest only from the formal notice (the
// collection warning), a business the 40 € indemnity.
func TestLawPack_GBAndFRThroughTheBatch(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
	open := func(e *env, id collection.CaseID, j dunning.Jurisdiction, k dunning.PartyKind, amount money.Money) {
		r := openReq(id)
		r.Jurisdiction, r.Currency = j, ""
		r.Creditor.Jurisdiction, r.Debtor.Jurisdiction, r.Debtor.Kind = j, j, k
		r.Invoices[0].Amount = amount
		r.Invoices[0].Due = date.MustNew(2025, 6, 20)
		_, err := e.svc.Open(t.Context(), r)
		require.NoError(t, err)
	}
	e := newBatchEnv(t, date.MustNew(2025, 6, 20), collection.Options{Creditors: cr, Flows: presets})
	open(e, "gb-1", dunning.GB, dunning.Business, money.MustNew("2500", money.GBP))
	open(e, "fr-c", dunning.FR, dunning.Consumer, money.MustNew("1000", money.EUR))
	open(e, "fr-b", dunning.FR, dunning.Business, money.MustNew("1000", money.EUR))
	e.runDays(date.MustNew(2025, 6, 20), date.MustNew(2025, 11, 30), collection.BatchRequest{})

	gb := e.get("gb-1")
	require.Equal(t, money.GBP, gb.Currency)
	comp := charges(gb, collection.ChargeCompensation)
	require.Len(t, comp, 1)
	require.Equal(t, "70.00 GBP", comp[0].Amount.String(), "s. 5A(2)(b): £1,000 or more but less than £10,000")
	require.Empty(t, charges(gb, collection.ChargeReminderFee), "the Act sets no reminder fee")
	intr := charges(gb, collection.ChargeInterest)
	require.NotEmpty(t, intr)
	for _, ch := range intr {
		require.Contains(t, ch.Source, "fixed for the debt")
		require.Contains(t, ch.Source, "the rate of 2025-06-21", "interest started in the first half-year: Bank Rate of 31 Dec 2024 + 8")
	}

	frc := e.get("fr-c")
	require.Empty(t, charges(frc, collection.ChargeCompensation), "no indemnity from a consumer")
	require.Empty(t, charges(frc, collection.ChargeReminderFee))
	var notice date.Date
	for _, tk := range frc.Progress.Taken {
		if notice.IsZero() && (tk.Kind == flow.CollectionWarning || tk.Kind == flow.DemandLetter) {
			notice = tk.On
		}
	}
	require.False(t, notice.IsZero(), "the flow sent a formal notice: %v", frc.Progress.Taken)
	require.NotEmpty(t, charges(frc, collection.ChargeInterest), "legal interest after the notice")
	for _, ch := range charges(frc, collection.ChargeInterest) {
		require.True(t, ch.On.After(notice), "legal interest is charged only after the notice of %s (charged %s)", notice, ch.On)
	}
	frb := e.get("fr-b")
	comp = charges(frb, collection.ChargeCompensation)
	require.Len(t, comp, 1)
	require.Equal(t, "40.00 EUR", comp[0].Amount.String())
	require.NotEmpty(t, charges(frb, collection.ChargeInterest), "penalties run from the due date")
}
