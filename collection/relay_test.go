package collection_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// sink is a Dispatcher that keeps what it received, de-duplicated by message id
// as the Dispatcher contract asks, and counts every call.
type sink struct {
	mu        sync.Mutex
	delivered map[string]letters.Message
	order     []string
	calls     map[string]int
	fail      func(letters.Message) error // nil: always succeeds
}

func newSink() *sink {
	return &sink{delivered: map[string]letters.Message{}, calls: map[string]int{}}
}

func (s *sink) Deliver(_ context.Context, m letters.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[m.ID]++
	if s.fail != nil {
		if err := s.fail(m); err != nil {
			return err
		}
	}
	if _, dup := s.delivered[m.ID]; !dup {
		s.delivered[m.ID] = m
		s.order = append(s.order, m.ID)
	}
	return nil
}

func (s *sink) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.order...)
}

// The relay delivers a message when its send time has come, not before, and
// records a message.sent receipt on the case. Implements E15, E16.
func TestRelay_E15_DeliversAtSendTimeAndRecordsReceipt(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	sendAt := time.Date(2025, 2, 3, 14, 0, 0, 0, time.UTC)
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, sendAt)
	require.NoError(t, err)
	sk := newSink()
	r, err := e.svc.NewRelay(sk, collection.RelayOptions{})
	require.NoError(t, err)
	res, err := r.RunOnce(t.Context(), sendAt.Add(-time.Minute))
	require.NoError(t, err)
	require.Empty(t, res.Delivered)
	require.Equal(t, 1, res.Waiting)
	require.Zero(t, r.Cursor())
	res, err = r.RunOnce(t.Context(), sendAt)
	require.NoError(t, err)
	require.Equal(t, []string{"c1/0/2"}, res.Delivered)
	require.Equal(t, []string{"c1/0/2"}, sk.ids())
	require.Equal(t, uint64(1), r.Cursor())
	evs := e.events("c1")
	last := evs[len(evs)-1]
	require.Equal(t, collection.EventMessageSent, last.Type)
	require.Equal(t, "c1/0/2", last.Data["message"])
	// Nothing more to do.
	res, err = r.RunOnce(t.Context(), sendAt.Add(time.Hour))
	require.NoError(t, err)
	require.Empty(t, res.Delivered)
}

// A failed delivery is retried with exponential backoff and the same id; after
// MaxAttempts the relay gives up, records message.failed and the digest shows
// it. Implements E15, E22.
func TestRelay_RetriesWithBackoffThenGivesUp(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("ok")
	e.open("bad")
	now := e.clock.now
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, now)
	require.NoError(t, err)
	sk := newSink()
	sk.fail = func(m letters.Message) error {
		if m.ID[:3] == "bad" {
			return errors.New("smtp: 451 try again")
		}
		return nil
	}
	r, err := e.svc.NewRelay(sk, collection.RelayOptions{MaxAttempts: 4, Backoff: time.Minute})
	require.NoError(t, err)
	at := func(d time.Duration) collection.RelayResult {
		res, err := r.RunOnce(t.Context(), now.Add(d))
		require.NoError(t, err)
		return res
	}
	res := at(0)
	require.Equal(t, []string{"ok/0/2"}, res.Delivered)
	require.Equal(t, []string{"bad/0/2"}, res.Retrying)
	require.Equal(t, 1, at(59*time.Second).Waiting, "first retry after 1 minute")
	require.Equal(t, []string{"bad/0/2"}, at(time.Minute).Retrying)
	require.Equal(t, 1, at(2*time.Minute).Waiting, "second retry after 2 more minutes")
	require.Equal(t, []string{"bad/0/2"}, at(3*time.Minute).Retrying)
	require.Equal(t, []string{"bad/0/2"}, at(7*time.Minute).Failed, "gives up after 4 attempts")
	require.Equal(t, 4, sk.calls["bad/0/2"])
	require.Equal(t, uint64(2), r.Cursor())
	dg, err := e.svc.Digest(t.Context(), "cr-1", feb3)
	require.NoError(t, err)
	require.Len(t, dg.Items, 1)
	require.Equal(t, collection.AttentionUndelivered, dg.Items[0].Reason)
	require.Equal(t, collection.CaseID("bad"), dg.Items[0].CaseID)
	require.Contains(t, dg.Items[0].Detail, "451")
}

// A court submission is also sent to the creditor as a copy with a derived,
// stable id. Implements E15.
func TestRelay_E15_CourtSubmissionCopiedToCreditor(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{CopyTo: "legal@hansen.dk"}}
	e := newBatchEnv(t, feb3, collection.Options{Creditors: cr})
	e.open("c1")
	c := e.get("c1")
	// The court filing command queues the payment claim; here it is written directly.
	claim := letters.Message{ID: "c1/court/2", Kind: letters.PaymentClaim, Channel: letters.Email, Recipient: "court@example.dk", Text: "betalingspåkrav"}
	_, err := e.store.Save(t.Context(), c, nil, []letters.Message{claim})
	require.NoError(t, err)
	sk := newSink()
	r, err := e.svc.NewRelay(sk, collection.RelayOptions{})
	require.NoError(t, err)
	res, err := r.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Equal(t, []string{"c1/court/2", "c1/court/2/creditor-copy"}, res.Delivered)
	cp := sk.delivered["c1/court/2/creditor-copy"]
	require.Equal(t, "legal@hansen.dk", cp.Recipient)
	require.Equal(t, "betalingspåkrav", cp.Text)
	res, err = r.RunOnce(t.Context(), e.clock.now.Add(time.Hour))
	require.NoError(t, err)
	require.Empty(t, res.Delivered, "the copy is sent once")
}

// Receipts from the transport are events; recording one twice is a no-op; a
// bounce puts the case in the digest until a later delivery. Implements E15,
// E16, E22.
func TestRecordReceipt_E16_BounceInDigestUntilDelivered(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	e.open("c1")
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	bounce := collection.Receipt{Kind: collection.ReceiptBounced, Detail: "550 mailbox unknown"}
	require.NoError(t, e.svc.RecordReceipt(t.Context(), "c1/0/2", bounce))
	n := len(e.events("c1"))
	require.NoError(t, e.svc.RecordReceipt(t.Context(), "c1/0/2", bounce))
	require.Len(t, e.events("c1"), n, "a repeated receipt is a no-op")
	dg, err := e.svc.Digest(t.Context(), "cr-1", feb3)
	require.NoError(t, err)
	require.Len(t, dg.Items, 1)
	require.Equal(t, collection.AttentionBounced, dg.Items[0].Reason)
	require.Contains(t, dg.Items[0].Detail, "550")
	require.NoError(t, e.svc.RecordReceipt(t.Context(), "c1/0/2", collection.Receipt{Kind: collection.ReceiptDelivered}))
	dg, err = e.svc.Digest(t.Context(), "cr-1", feb3)
	require.NoError(t, err)
	require.Empty(t, dg.Items)

	err = e.svc.RecordReceipt(t.Context(), "nonsense", collection.Receipt{Kind: 9})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.ErrorContains(t, err, "nonsense")
	require.ErrorContains(t, err, "ReceiptKind(9)")
	require.ErrorIs(t, e.svc.RecordReceipt(t.Context(), "nobody/0/1", bounce), collection.ErrNotFound)
}

// The digest lists cases waiting for a decision (N6) with their reason and
// cases whose court step is due (held by the batch run). Implements E22, N6.
func TestDigest_E22_WaitingAndCourtDue(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("court")
	e.open("wait")
	e.open("fine")
	_, err := e.svc.Await(t.Context(), "wait", "court readiness: the warning is too recent")
	require.NoError(t, err)
	e.runDays(jan31, date.MustNew(2025, 4, 25), collection.BatchRequest{CreditorID: "cr-1", Cases: []collection.CaseID{"court"}})
	e.runDays(date.MustNew(2025, 4, 26), date.MustNew(2025, 4, 26), collection.BatchRequest{Cases: []collection.CaseID{"fine"}})
	dg, err := e.svc.Digest(t.Context(), "cr-1", date.MustNew(2025, 4, 26))
	require.NoError(t, err)
	require.Len(t, dg.Items, 2)
	require.Equal(t, collection.CaseID("court"), dg.Items[0].CaseID)
	require.Equal(t, collection.AttentionCourt, dg.Items[0].Reason)
	require.Equal(t, date.MustNew(2025, 4, 20), dg.Items[0].Since)
	require.Equal(t, collection.AttentionDecision, dg.Items[1].Reason)
	require.Equal(t, "court readiness: the warning is too recent", dg.Items[1].Detail)
}

// parallelSink records the order of deliveries and the most it had at once.
type parallelSink struct {
	mu             sync.Mutex
	order          []string
	now, maxAtOnce int
}

func (s *parallelSink) Deliver(_ context.Context, m letters.Message) error {
	s.mu.Lock()
	s.now++
	s.maxAtOnce = max(s.maxAtOnce, s.now)
	s.mu.Unlock()
	time.Sleep(2 * time.Millisecond)
	s.mu.Lock()
	s.now--
	s.order = append(s.order, m.ID)
	s.mu.Unlock()
	return nil
}

// With Concurrency the relay hands that many messages to the Dispatcher at
// once, never more, and the messages of one case one at a time in outbox
// order; the result lists them in outbox order. Over memstore every message is
// marked delivered, and a new Relay finds nothing to send. Implements E15.
func TestRelay_ConcurrencyKeepsTheOrderOfACase(t *testing.T) {
	e := newBatchEnv(t, feb3, collection.Options{})
	var want []string
	for i := range 12 {
		id := collection.CaseID(fmt.Sprintf("c%02d", i))
		c := e.open(id)
		var msgs []letters.Message
		var queued []collection.Event
		for j := range 3 {
			msgs = append(msgs, letters.Message{ID: fmt.Sprintf("%s/letter/%d", id, j), Channel: letters.Email, Recipient: "jens@example.dk", Text: "x"})
			queued = append(queued, collection.Event{CaseID: id, Seq: c.Version + 1, Type: collection.EventLetterQueued, Data: map[string]string{"message": msgs[j].ID}})
			want = append(want, msgs[j].ID)
		}
		_, err := e.store.Save(t.Context(), c, queued, msgs)
		require.NoError(t, err)
	}
	sk := &parallelSink{}
	r, err := e.svc.NewRelay(sk, collection.RelayOptions{Concurrency: 4})
	require.NoError(t, err)
	res, err := r.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Equal(t, want, res.Delivered, "the result is in outbox order")
	require.Zero(t, res.Pending)
	require.LessOrEqual(t, sk.maxAtOnce, 4)
	require.Greater(t, sk.maxAtOnce, 1, "deliveries ran in parallel")
	last := map[string]int{}
	for _, id := range sk.order {
		c, n := id[:3], int(id[len(id)-1]-'0')
		require.Equal(t, last[c], n, "case %s: %s out of order", c, id)
		last[c] = n + 1
	}
	undelivered, err := collection.Collect(e.store.Undelivered(t.Context(), 0))
	require.NoError(t, err)
	require.Empty(t, undelivered, "every message is marked delivered")
	r2, err := e.svc.NewRelay(newSink(), collection.RelayOptions{})
	require.NoError(t, err)
	res, err = r2.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Empty(t, res.Delivered, "a restarted relay has nothing to send")

	_, err = e.svc.NewRelay(newSink(), collection.RelayOptions{Concurrency: -1})
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

// A court submission is marked delivered only once its creditor's copy went
// too: a relay restarted after the submission went and its copy did not sends
// the copy alone. Implements E15.
func TestRelay_E15_RestartSendsTheCopyNotTheSubmission(t *testing.T) {
	cr := &testCreditors{profile: collection.CreditorProfile{CopyTo: "legal@hansen.dk"}}
	e := newBatchEnv(t, feb3, collection.Options{Creditors: cr})
	c := e.open("c1")
	claim := letters.Message{ID: "c1/court/2", Kind: letters.PaymentClaim, Channel: letters.Email, Recipient: "court@example.dk", Text: "betalingspåkrav"}
	queued := []collection.Event{{CaseID: "c1", Seq: c.Version + 1, Type: collection.EventLetterQueued, Data: map[string]string{"message": claim.ID}}}
	_, err := e.store.Save(t.Context(), c, queued, []letters.Message{claim})
	require.NoError(t, err)
	sk := newSink()
	sk.fail = func(m letters.Message) error {
		if m.ID == "c1/court/2/creditor-copy" {
			return errors.New("smtp: 451 try again")
		}
		return nil
	}
	r, err := e.svc.NewRelay(sk, collection.RelayOptions{})
	require.NoError(t, err)
	res, err := r.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Equal(t, []string{"c1/court/2"}, res.Delivered)
	require.Equal(t, []string{"c1/court/2/creditor-copy"}, res.Retrying)
	left, err := collection.Collect(e.store.Undelivered(t.Context(), 0))
	require.NoError(t, err)
	require.Len(t, left, 1, "not marked while its copy is to go")

	// The process stops here; a new relay takes over.
	sk.fail = nil
	r2, err := e.svc.NewRelay(sk, collection.RelayOptions{})
	require.NoError(t, err)
	res, err = r2.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Equal(t, []string{"c1/court/2/creditor-copy"}, res.Delivered)
	require.Equal(t, 1, sk.calls["c1/court/2"], "the submission is not sent again")
	left, err = collection.Collect(e.store.Undelivered(t.Context(), 0))
	require.NoError(t, err)
	require.Empty(t, left)
}
