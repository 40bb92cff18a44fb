package court

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/stretchr/testify/require"
)

func fileDK(t *testing.T, on string, civil bool) (State, Fee) {
	t.Helper()
	s, fee, err := File(Filing{Jurisdiction: dunning.DK, Proceeding: PaymentOrder, Claim: dkk("10000"), Date: d(on)},
		FileOptions{District: Glostrup, CivilCaseOnObjection: civil})
	require.NoError(t, err)
	return s, fee
}

// TestStateE8PaymentClaimToEnforcement: filed, served, no objection in 14 days, endorsed,
// enforced within 12 months at no further fee. Implements E8.
func TestStateE8PaymentClaimToEnforcement(t *testing.T) {
	s, fee := fileDK(t, "2025-01-10", false)
	require.Equal(t, Filed, s.Stage)
	require.True(t, fee.Amount.Equal(dkk("750")))
	s, err := s.Serve(d("2025-01-20"))
	require.NoError(t, err)
	require.Equal(t, ObjectionWindow, s.Stage)
	require.Equal(t, d("2025-02-03"), s.Until)

	_, _, err = s.Endorse(d("2025-02-03"))
	require.ErrorIs(t, err, ErrTransition, "the window is still open on its last day")
	s, found, err := s.Endorse(d("2025-02-04"))
	require.NoError(t, err)
	require.Equal(t, Enforceable, s.Stage)
	require.Equal(t, EndorsedPaymentClaim, found.Kind)
	route, _ := RouteFor(d("2025-03-01"), found)
	require.Equal(t, ByEnforcementRequest, route)

	s, fee, err = s.Enforce(d("2025-03-01"))
	require.NoError(t, err)
	require.Equal(t, Enforcing, s.Stage)
	require.True(t, fee.Covered)
	require.True(t, fee.Amount.Equal(dkk("0")), "udlæg within 12 months is covered: %s", fee.Amount)
}

// TestStateE8Objection: an objection in the window stops the claim, or converts it when
// asked in advance (UNVERIFIED 100 DKK); late objections are refused. Implements E8.
func TestStateE8Objection(t *testing.T) {
	s, _ := fileDK(t, "2025-01-10", false)
	s, _ = s.Serve(d("2025-01-20"))
	late, _, err := s.Object(d("2025-02-04"))
	require.ErrorIs(t, err, ErrTransition)
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	require.Equal(t, ObjectionWindow, te.Stage)
	require.Equal(t, s, late, "a refused step changes nothing")

	obj, fee, err := s.Object(d("2025-02-03"))
	require.NoError(t, err)
	require.Equal(t, Objected, obj.Stage)
	require.True(t, fee.IsZero())
	civil, fee, err := obj.Sue(d("2025-03-01"))
	require.NoError(t, err)
	require.Equal(t, InCivilCourt, civil.Stage)
	require.True(t, fee.Amount.Equal(dkk("750")))
	require.Equal(t, CivilCase, fee.Proceeding)

	s2, _ := fileDK(t, "2025-01-10", true)
	s2, _ = s2.Serve(d("2025-01-20"))
	conv, fee, err := s2.Object(d("2025-01-25"))
	require.NoError(t, err)
	require.Equal(t, InCivilCourt, conv.Stage)
	require.True(t, fee.Amount.Equal(dkk("100")))
	require.Equal(t, dunning.Unverified, fee.Status)

	enf, found, err := conv.Judge(d("2025-06-01"))
	require.NoError(t, err)
	require.Equal(t, Enforceable, enf.Stage)
	require.Equal(t, Judgment, found.Kind)
}

// TestStateE10Withdraw: a case can be withdrawn from any stage, once, at no cost. E10.
func TestStateE10Withdraw(t *testing.T) {
	s, _ := fileDK(t, "2025-01-10", false)
	served, _ := s.Serve(d("2025-01-20"))
	for _, st := range []State{s, served} {
		w, err := st.Withdraw(d("2025-01-25"))
		require.NoError(t, err)
		require.Equal(t, Withdrawn, w.Stage)
		_, err = w.Withdraw(d("2025-01-26"))
		require.ErrorIs(t, err, ErrTransition)
		_, err = w.Serve(d("2025-01-26"))
		require.ErrorIs(t, err, ErrTransition)
	}
	_, err := s.Withdraw(d("2025-01-09"))
	require.ErrorIs(t, err, ErrTransition, "a date before the stage began")
	_, err = s.Withdraw(date.Date{})
	require.ErrorIs(t, err, ErrTransition)
}

// TestStateFileRefused: only DK, only payment orders or enforcement, a district required.
func TestStateFileRefused(t *testing.T) {
	f := Filing{Jurisdiction: dunning.DK, Proceeding: PaymentOrder, Claim: dkk("10"), Date: d("2025-01-10")}
	_, _, err := File(f, FileOptions{})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	f.Proceeding = Hearing
	_, _, err = File(f, FileOptions{District: Odense})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	_, _, err = File(Filing{Jurisdiction: dunning.SE, Proceeding: PaymentOrder, Claim: sek("10"), Date: d("2025-01-10")}, FileOptions{District: Odense})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	s, fee, err := File(Filing{Jurisdiction: dunning.DK, Proceeding: Enforcement, Claim: dkk("10"), Date: d("2025-01-10")}, FileOptions{District: Odense})
	require.NoError(t, err)
	require.Equal(t, Enforcing, s.Stage)
	require.True(t, fee.Amount.Equal(dkk("750")))
	_, err = s.Serve(d("2025-01-11"))
	require.ErrorIs(t, err, ErrTransition)
}

// TestFoundationRoute: E8 — a valid foundation routes to the enforcement court.
func TestFoundationRoute(t *testing.T) {
	on := d("2025-01-10")
	r, f := RouteFor(on)
	require.Equal(t, ByPaymentClaim, r)
	require.Equal(t, Foundation{}, f)
	require.Equal(t, PaymentOrder, r.Proceeding())
	old := Foundation{Kind: Judgment, Date: d("2015-01-10")}
	require.ErrorIs(t, old.Validate(on), ErrTimeBarred)
	decl := Foundation{Kind: DebtorDeclaration, Date: d("2024-12-01")}
	r, f = RouteFor(on, Foundation{}, old, decl)
	require.Equal(t, ByEnforcementRequest, r)
	require.Equal(t, decl, f)
	require.Equal(t, Enforcement, r.Proceeding())
	for _, k := range []FoundationKind{EndorsedPaymentClaim, Settlement, DebtorDeclaration, PromissoryNote, MortgageDeed, Judgment} {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back FoundationKind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
	}
}

// TestDistricts: the 24 district courts, round-tripping through text.
func TestDistricts(t *testing.T) {
	ds := Districts()
	require.Len(t, ds, 24)
	for _, x := range ds {
		b, err := x.MarshalText()
		require.NoError(t, err)
		got, err := ParseDistrict(string(b))
		require.NoError(t, err)
		require.Equal(t, x, got)
	}
	require.Equal(t, "Retten i Glostrup", Glostrup.String())
	_, err := ParseDistrict("Retten i Vejle")
	require.ErrorIs(t, err, dunning.ErrInvalid)
	_, err = District(0).MarshalText()
	require.Error(t, err)
}

// TestTransferList: fees grouped per district with totals and the part added to the
// debtors' debts. Implements E9.
func TestTransferList(t *testing.T) {
	fee := func(s string) Fee { return Fee{Proceeding: PaymentOrder, Amount: dkk(s)} }
	l, err := NewTransferList([]Transfer{
		{CaseID: "A", District: Odense, Fee: fee("750"), AddToDebt: true},
		{CaseID: "B", District: Glostrup, Fee: fee("750")},
		{CaseID: "C", District: Odense, Fee: fee("0"), AddToDebt: true},
		{CaseID: "D", District: Odense, Fee: fee("750")},
	})
	require.NoError(t, err)
	require.Len(t, l.Districts, 2)
	require.Equal(t, Glostrup, l.Districts[0].District)
	require.Equal(t, Odense, l.Districts[1].District)
	require.Equal(t, "1500.00 DKK", l.Districts[1].Total.String())
	require.Equal(t, "750.00 DKK", l.Districts[1].AddedToDebt.String())
	require.Equal(t, "2250.00 DKK", l.Total.String())
	require.Equal(t, "750.00 DKK", l.AddedToDebt.String())
	require.Equal(t, []string{"A", "C", "D"}, []string{l.Districts[1].Items[0].CaseID, l.Districts[1].Items[1].CaseID, l.Districts[1].Items[2].CaseID})

	_, err = NewTransferList([]Transfer{{District: 0, Fee: fee("1")}, {District: Odense}, {District: Odense, Fee: Fee{Amount: eur("1")}}})
	ps := Problems(err)
	require.Len(t, ps, 3)
	require.Equal(t, "items[0].District", ps[0].Field)
	require.Equal(t, "items[1].Fee.Amount", ps[1].Field)
	require.Equal(t, "items[2].Fee.Amount", ps[2].Field)

	empty, err := NewTransferList(nil)
	require.NoError(t, err)
	require.Empty(t, empty.Districts)
}

// TestEnumText: every enumeration round-trips through text and rejects unknown names.
func TestEnumText(t *testing.T) {
	for _, p := range []Proceeding{PaymentOrder, Enforcement, CivilCase, Hearing, Conversion} {
		got, err := ParseProceeding(p.String())
		require.NoError(t, err)
		require.Equal(t, p, got)
	}
	for _, s := range []Stage{Filed, ObjectionWindow, Objected, InCivilCourt, Enforceable, Enforcing, Withdrawn} {
		got, err := ParseStage(s.String())
		require.NoError(t, err)
		require.Equal(t, s, got)
	}
	for _, s := range []dunning.Status{dunning.Verified, dunning.Derived, dunning.Secondary, dunning.Unverified} {
		var got dunning.Status
		require.NoError(t, got.UnmarshalText([]byte(s.String())))
		require.Equal(t, s, got)
	}
	for _, k := range []CostKind{ReminderFee, CompensationFee, CollectionCost, OtherCost} {
		got, err := ParseCostKind(k.String())
		require.NoError(t, err)
		require.Equal(t, k, got)
	}
	for _, r := range []Route{ByPaymentClaim, ByEnforcementRequest} {
		got, err := ParseRoute(r.String())
		require.NoError(t, err)
		require.Equal(t, r, got)
	}
	_, err := ParseStage("nope")
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "nope", fe.Value)
	require.Equal(t, "Proceeding(9)", Proceeding(9).String())
}

// FuzzParseDistrict: the parser never panics and accepts only what round-trips.
func FuzzParseDistrict(f *testing.F) {
	f.Add("Retten i Glostrup")
	f.Add("KØBENHAVNS BYRET")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		x, err := ParseDistrict(s)
		if err != nil {
			return
		}
		back, err := ParseDistrict(x.String())
		if err != nil || back != x {
			t.Fatalf("%q → %v does not round-trip", s, x)
		}
	})
}
