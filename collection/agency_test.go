package collection_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/stretchr/testify/require"
)

// fakeAgency is an AgencyClient that remembers what it was sent.
type fakeAgency struct {
	submitted []collection.CaseID
	fail      error
}

func (a *fakeAgency) Submit(_ context.Context, c collection.Case) (collection.AgencyRef, error) {
	if a.fail != nil {
		return collection.AgencyRef{}, a.fail
	}
	a.submitted = append(a.submitted, c.ID)
	return collection.AgencyRef{Reference: "IK-" + string(c.ID), Link: "https://agency.example/" + string(c.ID)}, nil
}

func (e *env) handedOver(id collection.CaseID) collection.Case {
	e.t.Helper()
	e.open(id)
	c, err := e.svc.HandOverToAgency(ctx(e.t), id, "Inkasso A/S", &fakeAgency{})
	require.NoError(e.t, err)
	return c
}

func TestN3_HandOverRecordsTheAgencysReferenceAndLink(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	a := &fakeAgency{}
	c, err := e.svc.HandOverToAgency(ctx(t), "c1", "Inkasso A/S", a)
	require.NoError(t, err)
	require.Equal(t, []collection.CaseID{"c1"}, a.submitted)
	require.Equal(t, "IK-c1", c.Agency.Reference)
	require.Equal(t, "https://agency.example/c1", c.Agency.Link)
	require.Equal(t, collection.StageAgency, c.Stage)
	require.Equal(t, feb20, c.Agency.Since)

	_, err = e.svc.HandOverToAgency(ctx(t), "c1", "Other", a)
	require.ErrorIs(t, err, collection.ErrInvalidTransition, "already handed over")

	e.open("c2")
	before, n := e.get("c2"), len(e.events("c2"))
	boom := errors.New("agency down")
	_, err = e.svc.HandOverToAgency(ctx(t), "c2", "Inkasso A/S", &fakeAgency{fail: boom})
	require.ErrorIs(t, err, boom)
	e.unchanged("c2", before, n)
}

func TestN2_StatusChangesAndWithdrawalAreReportedBack(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.handedOver("c1")
	res, err := e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyStatusChanged, Status: "debtor contacted"})
	require.NoError(t, err)
	require.False(t, res.Duplicate)
	c := res.Case
	require.Equal(t, "debtor contacted", c.Agency.Status)
	// The same message again is a no-op.
	again, err := e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyStatusChanged, Status: "debtor contacted"})
	require.NoError(t, err)
	require.True(t, again.Duplicate)
	require.Equal(t, c.Version, again.Case.Version)

	res, err = e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m2", CaseID: "c1", Kind: collection.AgencyWithdrawn})
	require.NoError(t, err)
	c = res.Case
	require.True(t, c.Agency.IsZero(), "N2: withdrawn, the case returns to the creditor")
	require.Equal(t, collection.StatusActive, c.Status)
	require.NotEqual(t, collection.StageAgency, c.Stage)
	require.NotEqual(t, "", c.NextDue.String(), "the flow runs again")
	require.Equal(t, []string{"m1", "m2"}, c.AgencyMessages)
}

func TestN5_AgencyClosureArchivesTheCase(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.handedOver("c1")
	res, err := e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyClosed, Status: "uncollectable"})
	require.NoError(t, err)
	c := res.Case
	require.Equal(t, collection.StatusClosed, c.Status)
	require.True(t, c.Archived)
	require.Equal(t, "uncollectable", c.Agency.Status)
	require.Contains(t, eventTypes(e.events("c1")), collection.EventArchived)
}

func TestN7_PaymentToTheAgencyPaysAndArchivesTheCase(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.handedOver("c1")
	res, err := e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyPayment, Payment: pay("", "2025-02-18", "400.00")})
	require.NoError(t, err)
	c := res.Case
	require.Equal(t, collection.StatusActive, c.Status)
	require.Equal(t, collection.PaidToAgency, c.Payments[0].To)
	require.Equal(t, "m1", c.Payments[0].ID, "the message id identifies a payment without its own id")
	// Replayed message: nothing happens; no payment is counted twice.
	again, err := e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyPayment, Payment: pay("", "2025-02-18", "400.00")})
	require.NoError(t, err)
	require.True(t, again.Duplicate)
	require.Equal(t, c.Version, again.Case.Version)
	require.Len(t, again.Case.Payments, 1)

	res, err = e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m2", CaseID: "c1", Kind: collection.AgencyPayment, Payment: pay("bank-7", "2025-02-19", "600.00")})
	require.NoError(t, err)
	c = res.Case
	require.Equal(t, collection.StatusClosed, c.Status, "N7: the whole claim is paid")
	require.Equal(t, collection.ReasonPaid, c.CloseReason)
	require.True(t, c.Archived)
	l, _ := c.Ledger()
	requireMoney(t, "1000.00", l.Paid)
}

func TestN8_PaymentToTheCreditorOnAHandedOverCase(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.handedOver("c1")
	res, err := e.svc.RecordPayment(ctx(t), "c1", pay("p1", "2025-02-19", "300.00"))
	require.NoError(t, err)
	requireMoney(t, "700.00", res.Outstanding, "what the agency goes on collecting")
	require.Equal(t, collection.StageAgency, res.Case.Stage, "the remainder stays with the agency")
}

func TestAgencyUpdate_BadInputChangesNothing(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	before, n := e.get("c1"), len(e.events("c1"))
	_, err := e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{CaseID: "c1", Kind: collection.AgencyClosed})
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "AgencyUpdate.MessageID", fe.Field)
	_, err = e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyClosed})
	require.ErrorIs(t, err, collection.ErrInvalidTransition, "never handed over")
	_, err = e.svc.ApplyAgencyUpdate(ctx(t), collection.AgencyUpdate{MessageID: "m1", CaseID: "nope", Kind: collection.AgencyClosed})
	require.ErrorIs(t, err, collection.ErrNotFound)
	e.unchanged("c1", before, n)
}

// TestN2_N5_N7_RepeatedAgencyUpdateChangesNothingAndSaysSo: every kind of agency
// message, applied a second time (the feed re-sent), changes neither the case, nor
// its events, nor the outbox, and reports Duplicate, as RecordPayment does for a
// repeated payment. A repeat after a withdrawal (the case is no longer with the
// agency) is still a repeat, not an error. Implements N2, N5, N7.
func TestN2_N5_N7_RepeatedAgencyUpdateChangesNothingAndSaysSo(t *testing.T) {
	for _, u := range []collection.AgencyUpdate{
		{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyStatusChanged, Status: "debtor contacted"},
		{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyPayment, Payment: pay("", "2025-02-18", "400.00")},
		{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyPayment, Payment: pay("", "2025-02-18", "1000.00")},
		{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyClosed, Status: "uncollectable"},
		{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyWithdrawn},
	} {
		t.Run(u.Kind.String()+"/"+u.Payment.Amount.String(), func(t *testing.T) {
			e := newMoneyEnv(t, feb20)
			v := e.handedOver("c1").Version
			first, err := e.svc.ApplyAgencyUpdate(ctx(t), u)
			require.NoError(t, err)
			require.False(t, first.Duplicate, "the first time the message is new")
			require.Equal(t, v+1, first.Case.Version, "and applied")

			before, n, out := e.get("c1"), len(e.events("c1")), len(e.outbox())
			again, err := e.svc.ApplyAgencyUpdate(ctx(t), u)
			require.NoError(t, err)
			require.True(t, again.Duplicate, "the repeat is reported")
			if d := storetest.Equal(before, again.Case); d != "" {
				t.Errorf("the repeat returned another case (-stored +returned):\n%s", d)
			}
			e.unchanged("c1", before, n)
			require.Len(t, e.outbox(), out, "the repeat queued a letter")
		})
	}
}
