package collection_test

import (
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

// requireField asserts that err is a *dunning.FieldError (the first of a
// join) naming field, unwrapping to dunning.ErrInvalid.
func requireField(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, field, fe.Field, "%v", err)
}

// TestL1_TheSamePauseAgainSavesNothing: repeating an identical Pause is a no-op
// (the Service doc: a command that would change nothing saves nothing and
// returns the case); another until or reason is a new pause.
func TestL1_TheSamePauseAgainSavesNothing(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	until := feb20.AddDays(10)
	c, err := e.svc.Pause(ctx(t), "c1", until, "holiday")
	require.NoError(t, err)
	n := len(e.events("c1"))

	again, err := e.svc.Pause(ctx(t), "c1", until, "holiday")
	require.NoError(t, err)
	require.Equal(t, c.Version, again.Version, "the same pause saves nothing")
	require.Equal(t, collection.StatusPaused, again.Status)
	e.unchanged("c1", e.get("c1"), n)

	c, err = e.svc.Pause(ctx(t), "c1", until, "holiday, longer")
	require.NoError(t, err)
	require.Equal(t, again.Version+1, c.Version, "another reason is another pause")
	c, err = e.svc.Pause(ctx(t), "c1", until.AddDays(1), "holiday, longer")
	require.NoError(t, err)
	require.Equal(t, again.Version+2, c.Version, "another date is another pause")
}

// TestE2_SwitchingToTheSameFlowAndTheSameOverrideSaveNothing: a flow switch or
// an override that changes nothing saves nothing; one that changes something
// (a pause the switch replaces) is saved.
func TestE2_SwitchingToTheSameFlowAndTheSameOverrideSaveNothing(t *testing.T) {
	e := newEnv(t, feb20)
	c := e.open("c1")
	same, err := e.svc.SwitchFlow(ctx(t), "c1", "Standard")
	require.NoError(t, err)
	require.Equal(t, c.Version, same.Version, "the case is on Standard already")

	o := flow.Override{Deadline: feb20.AddDays(14), Fee: dkk("60.00")}
	c, err = e.svc.Override(ctx(t), "c1", o)
	require.NoError(t, err)
	for _, again := range []flow.Override{o, {Deadline: o.Deadline}, {Fee: dkk("60.00")}} {
		got, err := e.svc.Override(ctx(t), "c1", again)
		require.NoError(t, err)
		require.Equal(t, c.Version, got.Version, "%+v is set already", again)
	}
	c, err = e.svc.Override(ctx(t), "c1", flow.Override{Fee: dkk("50.00")})
	require.NoError(t, err)
	require.True(t, c.Progress.Override.Fee.Equal(dkk("50.00")))

	// A switch to the same flow replaces the override: that is a change.
	c2, err := e.svc.SwitchFlow(ctx(t), "c1", "Standard")
	require.NoError(t, err)
	require.Equal(t, c.Version+1, c2.Version)
	require.Equal(t, flow.Override{}, c2.Progress.Override)
}

// TestInputLimits_AtTheLimitIsAccepted: the limits are inclusive, as the
// package doc gives them, and one past each is refused.
func TestInputLimits_AtTheLimitIsAccepted(t *testing.T) {
	e := newEnv(t, feb20)
	r := openReq(collection.CaseID(strings.Repeat("c", collection.MaxIDBytes)), strings.Repeat("i", collection.MaxIDBytes))
	r.Invoices[0].Number = "N-1"
	r.Debtor.Name = strings.Repeat("n", collection.MaxLineBytes)
	r.PostalDays = collection.MaxPostalDays
	r.Invoices[0].Issued = date.MustNew(collection.MinYear, 1, 1)
	r.Invoices[0].Amount = money.MustNew("1000000000000.00", money.DKK)
	r.Invoices = append(r.Invoices, collection.Invoice{ID: "late", Due: date.MustNew(collection.MaxYear, 12, 31), Amount: dkk("1.00")})
	c, err := e.svc.Open(ctx(t), r)
	require.NoError(t, err)
	_, err = c.Ledger()
	require.NoError(t, err)

	over := r
	over.ID = "c2"
	over.Invoices = []collection.Invoice{{ID: "x", Due: jan31, Amount: money.MustNew("1000000000000.01", money.DKK)}}
	_, err = e.svc.Open(ctx(t), over)
	requireField(t, err, "Invoices[0].Amount")
	over = openReq("c2")
	over.PostalDays = collection.MaxPostalDays + 1
	_, err = e.svc.Open(ctx(t), over)
	requireField(t, err, "PostalDays")
	over = openReq("c2")
	over.Debtor.Name += strings.Repeat("n", collection.MaxLineBytes)
	_, err = e.svc.Open(ctx(t), over)
	requireField(t, err, "Debtor.Name")
	over = openReq("c3")
	over.Invoices[0].Issued = date.MustNew(collection.MinYear-1, 12, 31)
	_, err = e.svc.Open(ctx(t), over)
	requireField(t, err, "Invoices[0].Issued")
}

// TestE12_APlanStartsAtMostAMonthAgo: a plan's start is relative to today.
func TestE12_APlanStartsAtMostAMonthAgo(t *testing.T) {
	for _, tt := range []struct {
		daysAgo int
		ok      bool
	}{{collection.MaxPlanStartDaysPast, true}, {collection.MaxPlanStartDaysPast + 1, false}, {-collection.MaxPlanStartDaysAhead - 1, false}} {
		e := newMoneyEnv(t, feb20)
		e.open("c1")
		_, err := e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{Terms: agreement.Terms{Start: feb20.AddDays(-tt.daysAgo), Count: 4}})
		if tt.ok {
			require.NoError(t, err, "%d days ago", tt.daysAgo)
			continue
		}
		requireField(t, err, "Terms.Start")
	}
}

// TestE20_RecipientsPerChannel: a free letter's recipient is checked for its
// channel: e-mail syntax, E.164 for SMS, a postal address for post.
func TestE20_RecipientsPerChannel(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	for _, tt := range []struct {
		ch        letters.Channel
		recipient string
		ok        bool
	}{
		{letters.Email, "anna@example.dk", true},
		{letters.Email, "Anna <anna@example.dk>", false},
		{letters.Email, "anna@example.dk\nBcc: x@y", false},
		{letters.SMS, "+4512345678", true},
		{letters.SMS, "+45 12 34 56 78", true},
		{letters.SMS, "+45 1234", false},
		{letters.SMS, "12345678", false},
		{letters.Post, "Anna Hansen\nNørregade 7\n8000 Aarhus C", true},
		{letters.Post, "Anna Hansen\r\nNørregade 7", false},
		{letters.Print, "\n", false},
	} {
		before, n := e.get("c1"), len(e.events("c1"))
		_, err := e.svc.SendLetter(ctx(t), "c1", collection.Letter{Subject: "Hello", Text: "Text.", Channel: tt.ch, Recipient: tt.recipient})
		if tt.ok {
			require.NoError(t, err, "%s %q", tt.ch, tt.recipient)
			continue
		}
		requireField(t, err, "Letter.Recipient")
		e.unchanged("c1", before, n)
	}
}

// TestN1_AnAbsurdPaymentIsTyped: a payment of 10^30, which the Ledger cannot
// count, is a *dunning.FieldError before the case is read, as the same amount
// on an invoice is at Open.
func TestN1_AnAbsurdPaymentIsTyped(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	huge := money.MustNew("1000000000000000000000000000000", money.DKK)
	_, err := e.svc.RecordPayment(ctx(t), "c1", collection.Payment{ID: "p", On: feb20, Amount: huge, To: collection.PaidToCreditor})
	requireField(t, err, "Payment.Amount")
	_, err = e.svc.RecordPayment(ctx(t), "nope", collection.Payment{ID: "p", On: feb20, Amount: huge, To: collection.PaidToCreditor})
	requireField(t, err, "Payment.Amount") // before the store: no *NotFoundError
	r := openReq("c2")
	r.Invoices[0].Amount = huge
	_, err = e.svc.Open(ctx(t), r)
	requireField(t, err, "Invoices[0].Amount")
}

// TestOpenNamesOnlyTheFieldsAtFault (issue 22): a currency mismatch in Open names
// the invoice's Amount, not the Open the caller never set; a flow name matches in
// any letter case, and an unknown one is refused with the configured names.
func TestOpenNamesOnlyTheFieldsAtFault(t *testing.T) {
	e := newEnv(t, feb20)
	r := openReq("c1")
	r.Invoices[0].Amount = money.MustNew("100", money.EUR)
	_, err := e.svc.Open(t.Context(), r)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	require.Contains(t, err.Error(), "Invoices[0].Amount")
	require.NotContains(t, err.Error(), "Invoices[0].Open")

	r = openReq("c2")
	r.Flow = "standard"
	c, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	require.Equal(t, "Standard", c.Progress.Flow, "stored under its configured name")

	r = openReq("c3")
	r.Flow = "Stnadard"
	_, err = e.svc.Open(t.Context(), r)
	require.ErrorIs(t, err, collection.ErrUnknownFlow)
	require.Contains(t, err.Error(), "configured: Lenient, Standard, FastToCourt")
}
