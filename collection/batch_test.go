package collection_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
	"pgregory.net/rapid"
)

// batchLetters is one letters.Renderer for the whole test binary (building one
// parses and checks every template).
var batchLetters = sync.OnceValues(func() (*letters.Renderer, error) { return letters.New(letters.Options{}) })

// testCreditors is a collection.Creditors with one profile for everybody and
// holiday windows per creditor.
type testCreditors struct {
	profile  collection.CreditorProfile
	holidays map[string][]date.Period
	err      error
}

func (tc *testCreditors) Profile(context.Context, string) (collection.CreditorProfile, error) {
	p := tc.profile
	if p.Letterhead.Bank == (letters.Bank{}) {
		p.Letterhead.Bank = testBank
	}
	return p, tc.err
}

func (tc *testCreditors) Holidays(_ context.Context, id string) ([]date.Period, error) {
	return tc.holidays[id], tc.err
}

// newBatchEnv is newEnv with the shared renderer and opts (Clock and Letters are set here).
func newBatchEnv(t testing.TB, day date.Date, opts collection.Options) *env {
	t.Helper()
	cl := &clock{}
	cl.set(day)
	r, err := batchLetters()
	require.NoError(t, err)
	opts.Clock, opts.Letters = cl, r
	if opts.Creditors == nil {
		opts.Creditors = withBank
	}
	st := memstore.New()
	svc, err := collection.New(st, opts)
	require.NoError(t, err)
	tt, _ := t.(*testing.T)
	return &env{t: tt, store: st, svc: svc, clock: cl}
}

// runDays commits the batch of every day from..to (inclusive) at 09:00 and
// returns the results.
func (e *env) runDays(from, to date.Date, r collection.BatchRequest) []collection.CommitResult {
	e.t.Helper()
	var out []collection.CommitResult
	for d := from; !d.After(to); d = d.AddDays(1) {
		e.clock.set(d)
		res, err := e.svc.Commit(e.t.Context(), r, e.clock.now)
		require.NoError(e.t, err)
		out = append(out, res)
	}
	return out
}

func (e *env) messageIDs() []string {
	var ids []string
	for _, o := range e.outbox() {
		ids = append(ids, o.Message.ID)
	}
	return ids
}

type takenStep struct {
	Kind flow.Kind
	On   date.Date
	Fee  string
}

func taken(c collection.Case) []takenStep {
	var out []takenStep
	for _, t := range c.Progress.Taken {
		fee := ""
		if t.Fee.IsValid() {
			fee = t.Fee.String()
		}
		out = append(out, takenStep{t.Kind, t.On, fee})
	}
	return out
}

// fees lists the unwaived charges that are not interest (interest has tests of
// its own: interest_test.go).
func fees(t *testing.T, c collection.Case) []string {
	t.Helper()
	var out []string
	for _, ch := range c.Charges {
		if !ch.Waived && ch.Kind != collection.ChargeInterest {
			out = append(out, ch.Kind.String()+" "+ch.Amount.String()+" "+ch.On.String())
		}
	}
	return out
}

// reminderFees lists the unwaived reminder fees.
func reminderFees(t *testing.T, c collection.Case) []string {
	t.Helper()
	var out []string
	for _, ch := range c.Charges {
		if !ch.Waived && ch.Kind == collection.ChargeReminderFee {
			out = append(out, ch.Amount.String()+" "+ch.On.String())
		}
	}
	return out
}

var (
	feb3  = date.MustNew(2025, 2, 3)
	feb15 = date.MustNew(2025, 2, 15)
	feb27 = date.MustNew(2025, 2, 27)
	mar11 = date.MustNew(2025, 3, 11)
	mar21 = date.MustNew(2025, 3, 21)
)

// The Standard flow run daily: each step on the day it becomes due, with the
// reminder fee the DK law allows on the two reminders and the warning, one
// letter per step with the id <case>/<index>/<version>. Implements E17, S9.
func TestCommit_E17_DailyRunTakesEachStepOnItsDay(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	e.runDays(jan31, date.MustNew(2025, 4, 30), collection.BatchRequest{})
	c := e.get("c1")
	require.Equal(t, []takenStep{
		{flow.Reminder, feb3, "100.00 DKK"},
		{flow.Reminder, feb15, "100.00 DKK"},
		{flow.CollectionWarning, feb27, "100.00 DKK"},
		{flow.DemandLetter, mar11, ""},
		{flow.SettlementOffer, mar21, ""},
	}, taken(c))
	// The demand letter charges the collection costs the warning announced
	// (bilag 1 cap on 1,000 DKK, inkassoloven § 10: after the warning's deadline).
	require.Equal(t, []string{"reminder-fee 100.00 DKK 2025-02-03", "reminder-fee 100.00 DKK 2025-02-15", "reminder-fee 100.00 DKK 2025-02-27",
		"collection-cost 400.00 DKK 2025-03-11"}, fees(t, c))
	require.Equal(t, []string{"c1/0/2", "c1/1/3", "c1/2/4", "c1/3/5", "c1/4/6"}, e.messageIDs())
	kinds := []letters.Kind{}
	for _, o := range e.outbox() {
		kinds = append(kinds, o.Message.Kind)
		require.NotEmpty(t, o.Message.Text)
		require.Contains(t, o.Message.Text, "Jens Jensen")
	}
	require.Equal(t, []letters.Kind{letters.Reminder, letters.Reminder, letters.CollectionWarning, letters.DemandLetter, letters.SettlementOffer}, kinds)
	bal, err := c.Balance()
	require.NoError(t, err)
	// 1000.00 + three fees + 400.00 collection costs + statutory interest (DK
	// 10.75 % on 1000.00, 30E/360) from the due date to the last step, 2025-01-31
	// to 2025-03-21: 51 days, 15.23.
	require.True(t, bal.Equal(dkk("1715.23")), bal.String())
	// The settlement offer of the flow is recorded like a manual one (E11): 20 %
	// off what is owed on the day, expiring with the step's deadline.
	require.NotNil(t, c.Offer)
	require.True(t, c.Offer.Flow)
	require.Equal(t, mar21, c.Offer.Made)
	require.True(t, c.Offer.Pay.Equal(dkk("1372.18")), c.Offer.Pay.String())
	// The payment claim is due from 2025-04-20 and held for a person (E8).
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Held, 1)
	require.Equal(t, flow.PaymentClaim, res.Held[0].Kind)
}

// Complaint (anchors-systems.md): "duplicate late fees" when a run is repeated.
// A run repeated every hour of the day charges one fee and queues one letter.
// Implements E17.
func TestCommit_E17_RunRepeatedHourlyChargesOneFee(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	for h := range 24 {
		e.clock.now = time.Date(2025, 2, 3, h, 0, 0, 0, time.UTC)
		res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
		require.NoError(t, err)
		if h == 0 {
			require.Len(t, res.Steps, 1)
		} else {
			require.Empty(t, res.Steps, "hour %d", h)
		}
	}
	c := e.get("c1")
	require.Equal(t, []string{"reminder-fee 100.00 DKK 2025-02-03"}, fees(t, c))
	require.Len(t, e.outbox(), 1)
	require.Equal(t, collection.Version(2), c.Version, "the repeated runs saved nothing")
}

// Complaint: "missed days never caught up" and levels skipped. After a week
// (and then a month) without runs, the next runs take the missed steps one at a
// time, in order, the warning included, and each step counts its days from the
// day the previous one was actually taken, so the DK fee spacing (10 days) holds.
// Implements E17, S9.
func TestCommit_E17_MissedWeekIsCaughtUpStepByStep(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{Flows: []flow.Flow{flow.FastToCourt()}})
	r := openReq("c1")
	r.Flow = flow.FastToCourt().Name()
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	// Runs until 2025-02-01 (R1), then none for a week, then a month gap.
	e.runDays(jan31, date.MustNew(2025, 2, 1), collection.BatchRequest{})
	e.runDays(date.MustNew(2025, 2, 19), date.MustNew(2025, 3, 1), collection.BatchRequest{})
	e.runDays(date.MustNew(2025, 4, 1), date.MustNew(2025, 4, 30), collection.BatchRequest{})
	c := e.get("c1")
	steps := taken(c)
	require.Equal(t, []takenStep{
		{flow.Reminder, date.MustNew(2025, 2, 1), "100.00 DKK"},
		{flow.Reminder, date.MustNew(2025, 2, 19), "100.00 DKK"},         // due 02-12: caught up by the first run after the week
		{flow.CollectionWarning, date.MustNew(2025, 4, 1), "100.00 DKK"}, // due 03-02 (02-19 + 11): not skipped after the month
		{flow.DemandLetter, date.MustNew(2025, 4, 12), ""},               // the day after the warning's 10-day deadline 04-11 (inkassoloven § 10), counted from the day taken
	}, steps)
	for i := 1; i < len(steps); i++ {
		require.GreaterOrEqual(t, steps[i-1].On.DaysUntil(steps[i].On), 10, "fee spacing between %v and %v", steps[i-1], steps[i])
	}
	require.Len(t, reminderFees(t, c), 3, "at most three fees (renteloven § 9 b)")
	require.Len(t, e.outbox(), 4, "one letter per step")
}

// Complaint: "levels skipped after partial payments". A partial payment after
// Reminder 1 leaves the case on its level: the next step is Reminder 2, not the
// warning.
func TestCommit_PartialPaymentDoesNotSkipALevel(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	e.runDays(feb3, feb3, collection.BatchRequest{})
	e.clock.set(date.MustNew(2025, 2, 10))
	_, err := e.svc.RecordPayment(t.Context(), "c1", collection.Payment{ID: "p1", On: date.MustNew(2025, 2, 10), Amount: dkk("400.00"), To: collection.PaidToCreditor})
	require.NoError(t, err)
	e.runDays(date.MustNew(2025, 2, 10), feb27, collection.BatchRequest{})
	c := e.get("c1")
	require.Equal(t, []flow.Kind{flow.Reminder, flow.Reminder, flow.CollectionWarning}, []flow.Kind{c.Progress.Taken[0].Kind, c.Progress.Taken[1].Kind, c.Progress.Taken[2].Kind})
	require.Equal(t, feb15, c.Progress.Taken[1].On)
	// Reminder 2 shows the payment as the ledger allocated it (DK: costs, then
	// interest, then principal): of the 400.00, 100.00 paid the first fee and
	// 0.90 its interest, so 299.10 is paid on the invoice and 700.90 is open; the
	// letter's total is the ledger's outstanding.
	out := e.outbox()
	require.Contains(t, out[1].Message.Text, "299,10")
	require.Contains(t, out[1].Message.Text, "700,90")
	c1 := e.get("c1")
	c1.Charges = slices.DeleteFunc(c1.Charges, func(ch collection.Charge) bool { return ch.On.After(feb15) })
	l, err := c1.Ledger()
	require.NoError(t, err)
	require.Contains(t, out[1].Message.Text, danish(l.Outstanding))
}

// Preview groups the due steps by flow and kind, with counts and rows; kinds
// can be included or excluded, and Limit caps the rows. Committing a preview
// takes exactly its rows. Implements E17.
func TestPreview_E17_GroupsCountsRowsAndFilters(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	for _, id := range []collection.CaseID{"c1", "c2", "c3"} {
		e.open(id)
	}
	lenient := openReq("c4")
	lenient.Flow = flow.Lenient().Name()
	_, err := e.svc.Open(t.Context(), lenient)
	require.NoError(t, err)
	e.clock.set(feb15) // c1..c3 due for Reminder 1 since 02-03; c4 (Lenient, +5) since 02-05
	p, err := e.svc.Preview(t.Context(), collection.BatchRequest{CreditorID: "cr-1"})
	require.NoError(t, err)
	require.Equal(t, 4, p.Count())
	require.Len(t, p.Groups, 2)
	require.Equal(t, flow.Lenient().Name(), p.Groups[0].Flow)
	g := p.Groups[1]
	require.Equal(t, "Standard", g.Flow)
	require.Equal(t, flow.Reminder, g.Kind)
	require.Equal(t, letters.Reminder, g.Document)
	require.Equal(t, 3, g.Count)
	row := g.Rows[0]
	require.Equal(t, collection.CaseID("c1"), row.CaseID)
	require.Equal(t, "d-1", row.DebtorID)
	require.Equal(t, "Jens Jensen", row.Debtor)
	require.Equal(t, feb3, row.FollowUp)
	require.True(t, row.Principal.Equal(dkk("1000.00")))
	require.True(t, row.Fee.Equal(dkk("100.00")))

	p2, err := e.svc.Preview(t.Context(), collection.BatchRequest{ExcludeKinds: []flow.Kind{flow.Reminder}})
	require.NoError(t, err)
	require.Zero(t, p2.Count())
	p3, err := e.svc.Preview(t.Context(), collection.BatchRequest{IncludeKinds: []flow.Kind{flow.Reminder}, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, 2, p3.Count())
	p4, err := e.svc.Preview(t.Context(), collection.BatchRequest{CreditorID: "someone else"})
	require.NoError(t, err)
	require.Zero(t, p4.Count())

	// The preview changed nothing; committing p3 takes its two rows only.
	require.Empty(t, e.outbox())
	res, err := e.svc.Commit(t.Context(), p3, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 2)
	require.Len(t, e.outbox(), 2)
	res, err = e.svc.Commit(t.Context(), p3, e.clock.now)
	require.NoError(t, err)
	require.Empty(t, res.Steps, "committing a preview twice changes nothing")
}

// Bad requests are *dunning.FieldErrors naming the value, and change nothing.
func TestCommit_BadRequest(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	before := e.get("c1")
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{Date: feb15, Limit: -1, IncludeKinds: []flow.Kind{0}}, e.clock.now)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.ErrorContains(t, err, "2025-02-15")
	require.ErrorContains(t, err, "BatchRequest.Limit")
	require.ErrorContains(t, err, "IncludeKinds[0]")
	_, err = e.svc.Commit(t.Context(), nil, e.clock.now)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	e.unchanged("c1", before, 1)
	require.Empty(t, e.outbox())
}

// A step that falls in a creditor's holiday window is held back to the first
// day after it, never skipped (L3); Preview lists it as held. Implements L3.
func TestCommit_L3_HolidayHoldsStepBack(t *testing.T) {
	hol := date.Period{From: date.MustNew(2025, 2, 1), To: date.MustNew(2025, 2, 10)}
	cr := &testCreditors{holidays: map[string][]date.Period{"cr-1": {hol}}}
	e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
	e.open("c1")
	e.clock.set(feb3)
	p, err := e.svc.Preview(t.Context(), collection.BatchRequest{})
	require.NoError(t, err)
	require.Zero(t, p.Count())
	require.Len(t, p.Held, 1)
	require.Equal(t, hol.To, p.Held[0].Until)
	e.runDays(jan31, feb27, collection.BatchRequest{})
	steps := taken(e.get("c1"))
	require.Equal(t, hol.To, steps[0].On, "taken on the first day after the window")
	require.Equal(t, hol.To.AddDays(12), steps[1].On, "the next step counts from the day taken")
}

// A case out of batch follow-up (E18) and a paused case (L1) are left alone.
// Implements E18, L1.
func TestCommit_E18_ManualAndPausedCasesAreLeftAlone(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("manual")
	e.open("paused")
	_, err := e.svc.SetManual(t.Context(), "manual", true)
	require.NoError(t, err)
	_, err = e.svc.Pause(t.Context(), "paused", date.MustNew(2025, 2, 10), "called")
	require.NoError(t, err)
	e.runDays(feb3, date.MustNew(2025, 2, 9), collection.BatchRequest{})
	require.Empty(t, e.outbox())
	e.runDays(date.MustNew(2025, 2, 10), date.MustNew(2025, 2, 10), collection.BatchRequest{})
	ids := e.messageIDs()
	require.Len(t, ids, 1)
	require.Regexp(t, "^paused/0/", ids[0], "the paused case resumes by itself (L2) and is caught up")
}

// With BalanceStatement, a debtor with several due cases gets one statement
// listing them all; each case still takes its step, but the statement is one
// letter (one rykkerskrivelse) and carries one reminder fee, charged on the case
// whose Save queues it. Repeating the run queues nothing. Implements S12.
func TestCommit_S12_OneBalanceStatementPerDebtor(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("a1")
	e.open("a2")
	other := openReq("b1")
	other.Debtor = debtor("d-2")
	_, err := e.svc.Open(t.Context(), other)
	require.NoError(t, err)
	e.clock.set(feb3)
	p, err := e.svc.Preview(t.Context(), collection.BatchRequest{BalanceStatement: true})
	require.NoError(t, err)
	shown := map[collection.CaseID]string{}
	for _, g := range p.Groups {
		for _, row := range g.Rows {
			shown[row.CaseID] = row.Fee.String()
		}
	}
	require.Equal(t, map[collection.CaseID]string{"a1": "0", "a2": "100.00 DKK", "b1": "100.00 DKK"}, shown, "the preview shows the one fee per statement")
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{BalanceStatement: true}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 3)
	require.Equal(t, []string{"a2/balance/2025-02-03", "b1/balance/2025-02-03"}, res.Statements)
	out := e.outbox()
	require.Len(t, out, 2)
	require.Equal(t, letters.BalanceStatement, out[0].Message.Kind)
	require.Contains(t, out[0].Message.Text, "N-inv-a1")
	require.Contains(t, out[0].Message.Text, "N-inv-a2")
	require.Empty(t, fees(t, e.get("a1")), "the statement's one fee is charged on a2")
	for _, id := range []collection.CaseID{"a2", "b1"} {
		require.Len(t, fees(t, e.get(id)), 1, string(id))
	}
	require.Contains(t, out[0].Message.Text, "100,00", "the statement lists its one fee")
	res, err = e.svc.Commit(t.Context(), collection.BatchRequest{BalanceStatement: true}, e.clock.now)
	require.NoError(t, err)
	require.Empty(t, res.Steps)
	require.Len(t, e.outbox(), 2)
}

// A creditor that claims compensation gets the fixed fee of a business debtor
// once per invoice, with the first step (E6: 310 DKK, renteloven § 9 a).
// Implements E6.
func TestCommit_E6_CompensationOncePerInvoice(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{ClaimCompensation: true}}
	e := newBatchEnv(t, jan31, collection.Options{Creditors: cr})
	r := openReq("c1", "i1", "i2")
	r.Debtor.Kind = dunning.Business
	r.Debtor.Registration = dunning.Registration{Scheme: dunning.CVR, Number: "12345674"}
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	e.runDays(feb3, feb27, collection.BatchRequest{})
	var comp []string
	for _, ch := range e.get("c1").Charges {
		if ch.Kind == collection.ChargeCompensation {
			comp = append(comp, ch.InvoiceID+" "+ch.Amount.String())
		}
	}
	require.Equal(t, []string{"i1 310.00 DKK", "i2 310.00 DKK"}, comp)
}

// Deleting the last action (E19) removes its fee and takes its unsent letter out
// of the outbox; the next run takes the step again with a new message id, so the
// corrected letter is not mistaken for the first. Implements E19.
func TestCommit_E19_DeletedStepIsTakenAgainWithNewID(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	e.runDays(feb3, feb3, collection.BatchRequest{})
	_, err := e.svc.DeleteLastAction(t.Context(), "c1")
	require.NoError(t, err)
	require.Empty(t, fees(t, e.get("c1")))
	e.runDays(feb3, feb3, collection.BatchRequest{})
	require.Equal(t, []string{"c1/0/4"}, e.messageIDs())
	require.Len(t, fees(t, e.get("c1")), 1)
}

// Two batch runners committing the same days on one store at the same time end
// in the same state as one runner: every step once, one fee each, one letter each
// (run with -race).
func TestCommit_TwoRunnersGiveTheSameResultAsOne(t *testing.T) {
	ids := []collection.CaseID{}
	for i := range 40 {
		ids = append(ids, collection.CaseID("c"+string(rune('a'+i/10))+string(rune('0'+i%10))))
	}
	run := func(runners int) (*env, []collection.Case) {
		e := newBatchEnv(t, jan31, collection.Options{MaxConflictRetries: 50})
		for _, id := range ids {
			e.open(id)
		}
		for d := jan31; !d.After(date.MustNew(2025, 4, 1)); d = d.AddDays(1) {
			e.clock.set(d)
			var wg sync.WaitGroup
			for w := range runners {
				wg.Go(func() {
					_, err := e.svc.Commit(context.Background(), collection.BatchRequest{Workers: 1 + w}, e.clock.now)
					if err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
		}
		var cs []collection.Case
		for _, id := range ids {
			cs = append(cs, e.get(id))
		}
		return e, cs
	}
	e1, one := run(1)
	e2, two := run(2)
	for i := range one {
		if d := storetest.Equal(one[i], two[i]); d != "" {
			t.Fatalf("case %s differs (-one +two):\n%s", one[i].ID, d)
		}
	}
	require.ElementsMatch(t, e1.messageIDs(), e2.messageIDs())
	require.Len(t, e2.messageIDs(), len(ids)*5)
}

// Property: whatever days the batch runs on (any gaps, any repeats), every
// step is taken at most once and in order, a run repeated the same day changes
// nothing, and the fees never break the DK law (at most 3, at most 100 DKK, at
// least 10 days apart). Implements E17.
func TestCommit_Property_ReplayChangesNothingAndFeesStayLawful(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newBatchEnv(t, jan31, collection.Options{})
		e.t = nil
		ctx := context.Background()
		r := openReq("c1")
		r.Flow = rapid.SampledFrom([]string{"Standard", flow.Lenient().Name(), flow.FastToCourt().Name()}).Draw(rt, "flow")
		if _, err := e.svc.Open(ctx, r); err != nil {
			rt.Fatal(err)
		}
		day := jan31
		for range rapid.IntRange(1, 12).Draw(rt, "runs") {
			day = day.AddDays(rapid.IntRange(0, 20).Draw(rt, "gap"))
			e.clock.set(day)
			repeats := rapid.IntRange(1, 3).Draw(rt, "repeats")
			var first collection.Case
			for i := range repeats {
				if _, err := e.svc.Commit(ctx, collection.BatchRequest{}, e.clock.now); err != nil {
					rt.Fatal(err)
				}
				c, err := e.store.Get(ctx, "c1")
				if err != nil {
					rt.Fatal(err)
				}
				if i == 0 {
					first = c
				} else if d := storetest.Equal(first, c); d != "" {
					rt.Fatalf("repeating the run on %s changed the case:\n%s", day, d)
				}
			}
		}
		c, _ := e.store.Get(ctx, "c1")
		var feeDays []date.Date
		for i, tk := range c.Progress.Taken {
			if tk.Index != i {
				rt.Fatalf("step %d taken at position %d", tk.Index, i)
			}
		}
		for _, ch := range c.Charges {
			if ch.Kind != collection.ChargeReminderFee {
				continue // interest_test.go checks interest; collection costs have their own tests
			}
			if n, _ := ch.Amount.Compare(dkk("100.00")); n > 0 {
				rt.Fatalf("fee %s above the cap", ch.Amount)
			}
			feeDays = append(feeDays, ch.On)
		}
		if len(feeDays) > 3 {
			rt.Fatalf("%d fees", len(feeDays))
		}
		for i := 1; i < len(feeDays); i++ {
			if feeDays[i-1].DaysUntil(feeDays[i]) < 10 {
				rt.Fatalf("fees on %s and %s", feeDays[i-1], feeDays[i])
			}
		}
		out, _ := collection.Collect(e.store.Outbox(ctx, 0))
		if len(out) != len(c.Progress.Taken) {
			rt.Fatalf("%d letters for %d steps", len(out), len(c.Progress.Taken))
		}
	})
}

// A failure to look up the creditor fails the cases, saves nothing, and the
// next run takes the steps.
func TestCommit_CreditorLookupFailure(t *testing.T) {
	cr := &testCreditors{}
	e := newBatchEnv(t, feb3, collection.Options{Creditors: cr})
	e.open("c1")
	cr.err = errors.New("crm down")
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.ErrorContains(t, err, "crm down")
	require.Len(t, res.Failed, 1)
	require.Empty(t, e.outbox())
	cr.err = nil
	res, err = e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 1)
}

var _ = money.DKK

// danish formats m as a Danish letter prints it, such as "804,03".
func danish(m money.Money) string { return m.FormatNumber(language.Danish) }
