package collection_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// Two invoices, the older paid in full: the batch letter shows the younger
// one as owed, and its claim specification, charges and total are the
// ledger's (one allocation rule). Implements E17, N1.
func TestCommit_N1_LetterAgreesWithLedger(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	r := openReq("c1", "old", "young")
	r.Invoices[0].Due = date.MustNew(2025, 1, 20)
	r.Invoices[1].Amount = dkk("600.00")
	r.Interest = collection.InterestTerms{Mode: collection.InterestNone}
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	res, err := e.svc.RecordPayment(t.Context(), "c1", pay("p1", "2025-02-01", "1000.00"))
	require.NoError(t, err)
	require.Equal(t, collection.ClaimPaid, res.Case.Claims[0].Status, "the older invoice is paid in full")
	requireMoney(t, "600.00", res.Outstanding)

	e.runDays(feb3, feb3, collection.BatchRequest{})
	c := e.get("c1")
	l, err := c.Ledger()
	require.NoError(t, err)
	requireMoney(t, "700.00", l.Outstanding, "the younger invoice and the first fee")
	out := e.outbox()
	require.Len(t, out, 1)
	text := out[0].Message.Text
	require.Contains(t, text, "N-young")
	require.NotContains(t, text, "N-old", "a paid invoice is not on the letter")
	require.Contains(t, text, "700,00", "the letter's total is the ledger's outstanding")
	require.Contains(t, text, "600,00")
}

// outboxOnly is a Store with an outbox but no event reader: the relay must
// not need the events to know when to send.
type outboxOnly struct {
	collection.Store
	collection.OutboxReader
}

// Commit puts the send time on the message (letters.Message.SendAt); the
// relay honours it from the outbox alone. Implements E15, E17.
func TestRelay_E15_SendAtIsOnTheMessage(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	sendAt := time.Date(2025, 2, 3, 14, 0, 0, 0, time.UTC)
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, sendAt)
	require.NoError(t, err)
	out := e.outbox()
	require.Len(t, out, 1)
	require.True(t, out[0].Message.SendAt.Equal(sendAt), "SendAt %v", out[0].Message.SendAt)

	r, err := batchLetters()
	require.NoError(t, err)
	svc, err := collection.New(outboxOnly{e.store, e.store}, collection.Options{Clock: e.clock, Letters: r, Creditors: withBank})
	require.NoError(t, err)
	sk := newSink()
	relay, err := svc.NewRelay(sk, collection.RelayOptions{})
	require.NoError(t, err)
	res, err := relay.RunOnce(t.Context(), sendAt.Add(-time.Minute))
	require.NoError(t, err)
	require.Empty(t, res.Delivered, "not before its send time")
	require.Equal(t, 1, res.Waiting)
	res, err = relay.RunOnce(t.Context(), sendAt)
	require.NoError(t, err)
	require.Equal(t, []string{"c1/0/2"}, res.Delivered)
}

// A case on a payment plan is checked by the daily run on its check date: a
// breached plan gets its breach warning once, Preview shows the check, and
// the digest lists the plan only once it is breached. Implements E13, E17, E22.
func TestCommit_E13_DailyRunChecksPlans(t *testing.T) {
	e := newBatchEnv(t, feb20, collection.Options{})
	e.open("c1")
	_, err := e.svc.StartPlan(t.Context(), "c1", collection.PlanRequest{
		Terms:  agreement.Terms{Count: 4, First: date.MustNew(2025, 3, 1)},
		Breach: agreement.BreachRule{GraceDays: 5},
	})
	require.NoError(t, err)
	e.clock.set(date.MustNew(2025, 3, 1))
	_, err = e.svc.RecordPayment(t.Context(), "c1", pay("p1", "2025-03-01", "250.00"))
	require.NoError(t, err)
	e.runDays(date.MustNew(2025, 3, 1), date.MustNew(2025, 4, 6), collection.BatchRequest{})
	require.NotContains(t, strings.Join(e.outboxIDs(), " "), "plan-breach-warning")
	dg, err := e.svc.Digest(t.Context(), "cr-1", date.MustNew(2025, 4, 6))
	require.NoError(t, err)
	require.Empty(t, dg.Items, "a plan on time needs nobody")

	apr7 := date.MustNew(2025, 4, 7)
	e.clock.set(apr7)
	p, err := e.svc.Preview(t.Context(), collection.BatchRequest{})
	require.NoError(t, err)
	require.Len(t, p.Groups, 1)
	g := p.Groups[0]
	require.Equal(t, flow.Kind(0), g.Kind)
	require.Equal(t, "plan breach warning", g.Rows[0].Step)
	require.Equal(t, letters.PlanBreachWarning, g.Rows[0].Document)
	require.Equal(t, -1, g.Rows[0].Index)
	dg, err = e.svc.Digest(t.Context(), "cr-1", apr7)
	require.NoError(t, err)
	require.Len(t, dg.Items, 1)
	require.Equal(t, collection.AttentionPlan, dg.Items[0].Reason)
	require.Contains(t, dg.Items[0].Detail, "not warned yet")

	res, err := e.svc.Commit(t.Context(), p, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Plans, 1)
	require.True(t, res.Plans[0].Warned)
	require.Equal(t, "c1/plan-breach-warning/"+res.Plans[0].MessageID[len("c1/plan-breach-warning/"):], res.Plans[0].MessageID)
	again, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Empty(t, again.Plans, "warned once: a person decides now")
	e.runDays(apr7, date.MustNew(2025, 4, 20), collection.BatchRequest{})
	warnings := 0
	for _, id := range e.outboxIDs() {
		if strings.Contains(id, "plan-breach-warning") {
			warnings++
		}
	}
	require.Equal(t, 1, warnings)
	dg, err = e.svc.Digest(t.Context(), "cr-1", apr7)
	require.NoError(t, err)
	require.Len(t, dg.Items, 1)
	require.Contains(t, dg.Items[0].Detail, "warned on 2025-04-07")
}

// A settlement offer that lapsed is saved as lapsed by the daily run even when
// no flow step is due that day. Implements E11, E17.
func TestCommit_E11_RunSavesALapsedOffer(t *testing.T) {
	e := newBatchEnv(t, feb20, collection.Options{})
	e.open("c1")
	_, err := e.svc.MakeOffer(t.Context(), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: dec("10")}, Expires: date.MustNew(2025, 2, 25)})
	require.NoError(t, err)
	e.runDays(date.MustNew(2025, 2, 26), date.MustNew(2025, 2, 26), collection.BatchRequest{IncludeKinds: []flow.Kind{flow.DemandLetter}})
	c := e.get("c1")
	require.Equal(t, flow.TrackMain, c.Progress.Track)
	require.Equal(t, date.MustNew(2025, 2, 26), c.Offer.Lapsed)
	require.Contains(t, eventTypes(e.events("c1")), collection.EventOfferLapsed)
}

// Plan, Offer and Court are pointers: nil when absent (left out of JSON),
// deep-copied by Clone.
func TestCase_RecordsArePointers(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	c := e.open("c1")
	b, err := json.Marshal(c)
	require.NoError(t, err)
	for _, k := range []string{`"plan"`, `"offer"`, `"court"`, `"agency"`, `"interest"`} {
		require.NotContains(t, string(b), k)
	}
	c.Plan = &collection.PlanRecord{Terms: agreement.Terms{Start: feb20, Principal: dkk("10.00"), Count: 1}}
	c.Offer = &collection.OfferRecord{Made: feb20}
	c.Court = &collection.CourtRecord{Problems: []string{"x"}}
	cp := c.Clone()
	cp.Plan.Check = feb3
	cp.Offer.Lapsed = feb3
	cp.Court.Problems[0] = "y"
	c.Agency = &collection.Agency{Partner: "p"}
	c.Interest = &collection.InterestTerms{Mode: collection.InterestNone}
	cp = c.Clone()
	cp.Agency.Partner = "q"
	cp.Interest.Mode = collection.InterestContract
	require.Equal(t, "p", c.Agency.Partner)
	require.Equal(t, collection.InterestNone, c.InterestTerms().Mode)
	require.True(t, (*collection.Agency)(nil).IsZero())
	require.True(t, c.Plan.Check.IsZero())
	require.True(t, c.Offer.Lapsed.IsZero())
	require.Equal(t, "x", c.Court.Problems[0])
	require.True(t, (*collection.PlanRecord)(nil).IsZero())
	require.False(t, (*collection.CourtRecord)(nil).Filed())
	// The daily-run heap target (BenchmarkDailyRun) needs a small Case.
	// 896 bytes is a malloc size class: one byte more costs 128 bytes a case.
	require.LessOrEqual(t, unsafe.Sizeof(c), uintptr(896))
}

// InterestTerms are validated on Open: a contract rate needs a positive
// percent, and a percent needs the contract mode.
func TestOpen_S7_InterestTermsValidated(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	for _, it := range []collection.InterestTerms{
		{Mode: collection.InterestContract},
		{Mode: collection.InterestStatutory, Percent: dec("5")},
		{Mode: collection.InterestMode(9)},
	} {
		r := openReq("c1")
		r.Interest = it
		_, err := e.svc.Open(t.Context(), r)
		require.ErrorIs(t, err, dunning.ErrInvalid, "%+v", it)
	}
	cs, err := collection.Collect(e.store.List(t.Context(), collection.Filter{}))
	require.NoError(t, err)
	require.Empty(t, cs, "bad input saves nothing")
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
