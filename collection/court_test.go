package collection_test

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

var apr22 = date.MustNew(2025, 4, 22)

// courtCase opens a Danish case on the Standard flow with complete parties and
// takes its first five steps (two reminders and the warning with 100.00 fees,
// the demand letter, the offer), so the payment claim is due from 2025-04-20.
func (e *env) courtCase(id collection.CaseID, withCPR bool) collection.Case {
	e.t.Helper()
	r := openReq(id)
	r.Creditor.Registration = dunning.Registration{Scheme: dunning.CVR, Number: "24256790"}
	if withCPR {
		r.Debtor.Registration = dunning.Registration{Scheme: dunning.CPR, Number: "010180-1234"}
	}
	_, err := e.svc.Open(ctx(e.t), r)
	require.NoError(e.t, err)
	return e.stepsOnTime(id, 5)
}

func TestE8_NotReadyPaymentClaimWaitsWithTheProblemsListed(t *testing.T) {
	e := newMoneyEnv(t, apr22)
	e.courtCase("c1", false)
	c, err := e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus})
	require.ErrorIs(t, err, court.ErrNotReady)
	require.ErrorIs(t, err, court.ErrIncomplete)
	var nr *collection.NotReadyError
	require.ErrorAs(t, err, &nr)
	problems := court.Problems(err)
	require.Len(t, problems, 1)
	require.Contains(t, problems[0].Field, "Debtor.Registration")
	require.True(t, c.Progress.Awaiting, "N6: the case waits for a person")
	require.Equal(t, date.Date{}, c.NextDue)
	require.Len(t, c.Court.Problems, 1)
	require.False(t, c.Court.Filed())
	require.Equal(t, collection.EventCourtNotReady, eventTypes(e.events("c1"))[len(e.events("c1"))-1])

	// Asking again without fixing anything saves nothing.
	again, err := e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus})
	require.ErrorIs(t, err, court.ErrNotReady)
	require.Equal(t, c.Version, again.Version)

	// Fixed by the host, the claim is filed.
	c.Debtor.Registration = dunning.Registration{Scheme: dunning.CPR, Number: "010180-1234"}
	_, err = e.store.Save(ctx(t), c, nil, nil)
	require.NoError(t, err)
	c, err = e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus})
	require.NoError(t, err)
	require.True(t, c.Court.Filed())
	require.False(t, c.Progress.Awaiting)
	require.Empty(t, c.Court.Problems)
}

func TestE8_E9_FileAPaymentClaimAndChargeTheFee(t *testing.T) {
	e := newMoneyEnv(t, apr22)
	e.courtCase("c1", true)
	before, _ := e.get("c1").Balance()
	c, err := e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus, AddFeeToDebt: true, CivilCaseOnObjection: true,
		Submission: collection.Delivery{Channel: letters.Email, Recipient: "aarhus@domstol.example"}})
	require.NoError(t, err)
	require.Equal(t, court.ByPaymentClaim, c.Court.State.Route)
	require.Equal(t, court.Filed, c.Court.State.Stage)
	require.Equal(t, collection.StageCourt, c.Stage)
	last, ok := c.Progress.Last()
	require.True(t, ok)
	require.Equal(t, flow.PaymentClaim, last.Kind)
	// Vector DK-07 (docs/research/jurisdictions.md §9; retsafgiftsloven § 12): a betalingspåkrav
	// filed from 2021-10-01 for a claim ≤ 100,000 DKK costs 750 DKK; added to the debt (E9).
	requireMoney(t, "750.00", c.Court.Fee)
	fee := c.Charges[len(c.Charges)-1]
	require.Equal(t, collection.ChargeCourtFee, fee.Kind)
	requireMoney(t, "750.00", fee.Amount)
	require.Equal(t, len(c.Progress.Taken), fee.Action, "deleting the filing removes the fee (E19)")
	after, _ := c.Balance()
	diff, _ := after.Sub(before)
	requireMoney(t, "750.00", diff)
	out := e.outbox()
	require.Equal(t, letters.PaymentClaim, out[len(out)-1].Message.Kind)
	require.Equal(t, "aarhus@domstol.example", out[len(out)-1].Message.Recipient)

	// E8: the debtor objects within the window; the court's case number.
	c, err = e.svc.RecordCourtEvent(ctx(t), "c1", collection.CourtEvent{Kind: collection.CourtServed, On: apr22})
	require.NoError(t, err)
	require.Equal(t, court.ObjectionWindow, c.Court.State.Stage)
	e.clock.set(date.MustNew(2025, 5, 10))
	before2, n := e.get("c1"), len(e.events("c1"))
	_, err = e.svc.RecordCourtEvent(ctx(t), "c1", collection.CourtEvent{Kind: collection.CourtObjected, On: date.MustNew(2025, 5, 10)})
	require.ErrorIs(t, err, court.ErrTransition, "the window closed on 2025-05-06")
	e.unchanged("c1", before2, n)
	c, err = e.svc.RecordCourtEvent(ctx(t), "c1", collection.CourtEvent{Kind: collection.CourtObjected, On: date.MustNew(2025, 5, 5)})
	require.NoError(t, err)
	require.Equal(t, court.InCivilCourt, c.Court.State.Stage, "a civil case was asked for in advance")
	c, err = e.svc.RecordCourtEvent(ctx(t), "c1", collection.CourtEvent{Kind: collection.CourtCaseNumber, On: date.MustNew(2025, 5, 6), Reference: "BS-42/2025"})
	require.NoError(t, err)
	require.Equal(t, "BS-42/2025", c.CourtRef)
}

func TestE8_EnforcementRequestWithAFoundation(t *testing.T) {
	e := newMoneyEnv(t, apr22)
	c := e.courtCase("c1", false) // no CPR: an enforcement request is not a payment claim
	c.Foundations = []court.Foundation{{Kind: court.DebtorDeclaration, Date: date.MustNew(2025, 3, 1)}}
	_, err := e.store.Save(ctx(t), c, nil, nil)
	require.NoError(t, err)
	c, err = e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus})
	require.NoError(t, err)
	require.Equal(t, court.ByEnforcementRequest, c.Court.State.Route)
	require.Equal(t, court.Enforcing, c.Court.State.Stage)
	require.Equal(t, collection.ChargeReminderFee, c.Charges[len(c.Charges)-1].Kind, "the fee was not added to the debt")
}

func TestE8_NotAtTheCourtStepYet(t *testing.T) {
	e := newMoneyEnv(t, apr22)
	e.open("c1")
	before, n := e.get("c1"), len(e.events("c1"))
	_, err := e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus})
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
	_, err = e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{})
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "District", fe.Field)
	e.unchanged("c1", before, n)
}

func TestE10_WithdrawAfterTheDebtorPaid(t *testing.T) {
	e := newMoneyEnv(t, apr22)
	e.courtCase("c1", true)
	_, err := e.svc.FileCourt(ctx(t), "c1", collection.FileRequest{District: court.Aarhus, AddFeeToDebt: true})
	require.NoError(t, err)
	bal, _ := e.get("c1").Balance()
	res, err := e.svc.RecordPayment(ctx(t), "c1", collection.Payment{ID: "p1", On: apr22, Amount: bal, To: collection.PaidToCreditor})
	require.NoError(t, err)
	require.Equal(t, collection.StatusClosed, res.Case.Status)
	c, err := e.svc.RecordCourtEvent(ctx(t), "c1", collection.CourtEvent{Kind: collection.CourtWithdrawn, On: apr22})
	require.NoError(t, err)
	require.Equal(t, court.Withdrawn, c.Court.State.Stage)
	_, err = e.svc.RecordCourtEvent(ctx(t), "c1", collection.CourtEvent{Kind: collection.CourtWithdrawn, On: apr22})
	require.ErrorIs(t, err, court.ErrTransition, "withdrawn is final")
}
