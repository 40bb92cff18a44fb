package collection_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
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
)

// errInjected is the error the fault wrappers inject.
var errInjected = errors.New("injected fault")

// faults draws deterministic faults from a seeded generator: each call fails
// with probability rate.
type faults struct {
	mu   sync.Mutex
	rng  *rand.Rand
	rate float64
	n    map[string]int // injected, by kind
}

func newFaults(seed uint64, rate float64) *faults {
	return &faults{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), rate: rate, n: map[string]int{}}
}

// draw returns "" (no fault) or one of kinds, and counts it.
func (f *faults) draw(kinds ...string) string {
	if f == nil {
		return ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rng.Float64() >= f.rate {
		return ""
	}
	k := kinds[f.rng.IntN(len(kinds))]
	f.n[k]++
	return k
}

// faultStore wraps a Store (with its EventReader and OutboxReader) and injects
// errors, timeouts and conflicts:
//   - Get: an error, or a timeout (context.DeadlineExceeded);
//   - Save: an error before writing, a timeout after writing (the caller cannot
//     tell that the Save happened), or a conflict without writing;
//   - Due, List, Events, Outbox: an error as the first element.
type faultStore struct {
	inner interface {
		collection.Store
		collection.EventReader
		collection.OutboxReader
	}
	f *faults
}

func (s *faultStore) Get(ctx context.Context, id collection.CaseID) (collection.Case, error) {
	switch s.f.draw("error", "timeout") {
	case "error":
		return collection.Case{}, fmt.Errorf("get %s: %w", id, errInjected)
	case "timeout":
		return collection.Case{}, fmt.Errorf("get %s: %w", id, context.DeadlineExceeded)
	}
	return s.inner.Get(ctx, id)
}

func (s *faultStore) Save(ctx context.Context, c collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	switch s.f.draw("error", "timeout-after-write", "conflict") {
	case "error":
		return 0, fmt.Errorf("save %s: %w", c.ID, errInjected)
	case "timeout-after-write":
		if _, err := s.inner.Save(ctx, c, events, outbox); err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("save %s: %w", c.ID, context.DeadlineExceeded)
	case "conflict":
		return 0, &collection.ConflictError{CaseID: c.ID, Want: c.Version, Have: c.Version + 1}
	}
	return s.inner.Save(ctx, c, events, outbox)
}

func failing[T any](what string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, fmt.Errorf("%s: %w", what, errInjected))
	}
}

func (s *faultStore) Due(ctx context.Context, day date.Date) iter.Seq2[collection.Case, error] {
	if s.f.draw("error") != "" {
		return failing[collection.Case]("due")
	}
	return s.inner.Due(ctx, day)
}

func (s *faultStore) List(ctx context.Context, f collection.Filter) iter.Seq2[collection.Case, error] {
	if s.f.draw("error") != "" {
		return failing[collection.Case]("list")
	}
	return s.inner.List(ctx, f)
}

func (s *faultStore) Events(ctx context.Context, id collection.CaseID) iter.Seq2[collection.Event, error] {
	if s.f.draw("error") != "" {
		return failing[collection.Event]("events")
	}
	return s.inner.Events(ctx, id)
}

func (s *faultStore) Outbox(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	if s.f.draw("error") != "" {
		return failing[collection.OutboxEntry]("outbox")
	}
	return s.inner.Outbox(ctx, after)
}

// faultDispatcher wraps a Dispatcher and injects an error before delivering, or
// a timeout after delivering (the relay cannot tell that it was delivered).
type faultDispatcher struct {
	inner letters.Dispatcher
	f     *faults
}

func (d *faultDispatcher) Deliver(ctx context.Context, m letters.Message) error {
	switch d.f.draw("error", "timeout-after-delivery") {
	case "error":
		return fmt.Errorf("deliver %s: %w", m.ID, errInjected)
	case "timeout-after-delivery":
		if err := d.inner.Deliver(ctx, m); err != nil {
			return err
		}
		return fmt.Errorf("deliver %s: %w", m.ID, context.DeadlineExceeded)
	}
	return d.inner.Deliver(ctx, m)
}

// simPayment is a payment the simulation records on a day.
type simPayment struct {
	caseID collection.CaseID
	pay    collection.Payment
}

// simulation is the daily run of many cases over many days, with or without
// faults: every day the payments of the day are recorded, the batch is
// committed (repeated until it reports no failure, as a host's scheduler would
// retry), and the relay delivers until nothing is pending for the day.
type simulation struct {
	cases, days int
	rate        float64
}

type simResult struct {
	cases  []collection.Case
	outbox []collection.OutboxEntry
	sink   *sink
	faults map[string]int
	paid   int // payments generated
}

func (sm simulation) run(t *testing.T, seed uint64, withFaults bool) simResult {
	t.Helper()
	ctx := context.Background()
	start := date.MustNew(2025, 1, 1)
	cl := &clock{}
	cl.set(start)
	mem := memstore.New()
	var f *faults
	if withFaults {
		f = newFaults(seed, sm.rate)
	}
	store := &faultStore{inner: mem, f: f}
	r, err := batchLetters()
	require.NoError(t, err)
	svc, err := collection.New(store, collection.Options{Clock: cl, Letters: r, MaxConflictRetries: 10, Creditors: withBank})
	require.NoError(t, err)
	sk := newSink()
	relay, err := svc.NewRelay(&faultDispatcher{inner: sk, f: f}, collection.RelayOptions{MaxAttempts: 1000, Backoff: time.Minute, MaxBackoff: 4 * time.Minute})
	require.NoError(t, err)

	// The cases and payments come from their own generator, the same with and
	// without faults.
	gen := rand.New(rand.NewPCG(seed, 1))
	flows := []string{"Standard", flow.Lenient().Name(), flow.FastToCourt().Name()}
	payments := map[date.Date][]simPayment{}
	ids := make([]collection.CaseID, sm.cases)
	for i := range sm.cases {
		id := collection.CaseID(fmt.Sprintf("c%06d", i))
		ids[i] = id
		due := start.AddDays(gen.IntN(30))
		req := collection.OpenRequest{
			ID: id, Creditor: creditor(), Debtor: debtor(fmt.Sprintf("d-%d", i%(sm.cases/2+1))), Flow: flows[gen.IntN(len(flows))],
			Invoices: []collection.Invoice{{ID: "inv-" + string(id), Number: fmt.Sprint(10000 + i), Due: due, Amount: minor(int64(10000 + gen.IntN(500000)))}},
		}
		if gen.IntN(4) == 0 {
			req.Debtor.Kind = dunning.Business
			req.Debtor.Registration = dunning.Registration{Scheme: dunning.CVR, Number: "12345674"}
		}
		for attempt := 0; ; attempt++ {
			_, err := svc.Open(ctx, req)
			if err == nil {
				break
			}
			// A retried Open after a Save that timed out but happened finds the case
			// (ErrExists) or its invoice (ErrInvoiceInUse); an injected conflict is
			// also reported as ErrExists, so look.
			if _, gerr := mem.Get(ctx, id); gerr == nil && withFaults {
				break
			}
			if !withFaults || attempt > 50 {
				t.Fatal(err)
			}
		}
		for p := range gen.IntN(3) {
			on := due.AddDays(gen.IntN(sm.days))
			payments[on] = append(payments[on], simPayment{id, collection.Payment{ID: fmt.Sprintf("%s-p%d", id, p), On: on, To: collection.PaidToCreditor, Amount: minor(int64(1000 + gen.IntN(20000)))}})
		}
	}

	for day := start; day.Before(start.AddDays(sm.days)); day = day.AddDays(1) {
		cl.set(day)
		for _, p := range payments[day] {
			recordPayment(t, svc, p)
		}
		for attempt := 0; ; attempt++ {
			_, err := svc.Commit(ctx, collection.BatchRequest{Workers: 2}, cl.now)
			if err == nil {
				break
			}
			if !withFaults || attempt > 50 {
				t.Fatalf("%s: commit: %v", day, err)
			}
		}
		now := cl.now
		for attempt := 0; ; attempt++ {
			res, err := relay.RunOnce(ctx, now)
			if err == nil && res.Pending == 0 {
				break
			}
			if (!withFaults && err != nil) || attempt > 200 {
				t.Fatalf("%s: relay: %v, %+v", day, err, res)
			}
			now = now.Add(time.Minute)
		}
	}
	var res simResult
	for on, ps := range payments {
		if on.Before(start.AddDays(sm.days)) {
			res.paid += len(ps)
		}
	}
	for _, id := range ids {
		c, err := mem.Get(ctx, id)
		require.NoError(t, err)
		res.cases = append(res.cases, c)
	}
	res.outbox, err = collection.Collect(mem.Outbox(ctx, 0))
	require.NoError(t, err)
	res.sink = sk
	if f != nil {
		res.faults = f.n
	}
	return res
}

// recordPayment records p with Service.RecordPayment (idempotent on the
// payment id), retrying through faults as a host would.
func recordPayment(t *testing.T, svc *collection.Service, p simPayment) {
	var err error
	for range 100 {
		if _, err = svc.RecordPayment(context.Background(), p.caseID, p.pay); err == nil {
			return
		}
	}
	t.Fatalf("payment %s not recorded after 100 attempts: %v", p.pay.ID, err)
}

// TestFaults_DailyRunSurvivesFaults runs 10,000 cases over 120 days with 5 % of
// the store and dispatcher calls failing (errors, timeouts after the write or the
// delivery, conflicts), and checks that it ends exactly where the run without
// faults ends: every case in the same state (steps, fees, payments, version),
// every step's letter queued once and delivered exactly once per message id at
// the sink, no payment lost and no fee charged twice. With -short or under the race
// detector it runs 1,000 cases; CI's plain `go test ./...` runs all 10,000.
// Implements E15, E17.
func TestFaults_DailyRunSurvivesFaults(t *testing.T) {
	sm := simulation{cases: 10000, days: 120, rate: 0.05}
	if testing.Short() || raceEnabled {
		sm.cases = 1000
	}
	clean := sm.run(t, 42, false)
	faulty := sm.run(t, 42, true)
	t.Logf("injected faults: %v", faulty.faults)
	require.NotEmpty(t, faulty.faults)

	for i := range clean.cases {
		if d := storetest.Equal(clean.cases[i], faulty.cases[i]); d != "" {
			t.Fatalf("case %s differs (-clean +faulty):\n%s", clean.cases[i].ID, d)
		}
	}
	steps, paid := 0, 0
	for _, c := range faulty.cases {
		// No fee charged twice: one reminder fee per fee-bearing action at most.
		actions := map[int]int{}
		for _, ch := range c.Charges {
			if ch.Kind == collection.ChargeReminderFee {
				actions[ch.Action]++
				require.Equal(t, 1, actions[ch.Action], "case %s: two fees for action %d", c.ID, ch.Action)
			}
		}
		steps += len(c.Progress.Taken)
		paid += len(c.Payments)
	}
	require.Equal(t, faulty.paid, paid, "no payment lost")

	// Every step queued one letter, once, and the sink got each exactly once.
	ids := func(out []collection.OutboxEntry) []string {
		var s []string
		for _, e := range out {
			s = append(s, e.Message.ID)
		}
		return s
	}
	queued := ids(faulty.outbox)
	require.Len(t, queued, steps, "one letter per step")
	seen := map[string]bool{}
	for _, id := range queued {
		require.False(t, seen[id], "message %s queued twice", id)
		seen[id] = true
	}
	require.ElementsMatch(t, ids(clean.outbox), queued)
	require.ElementsMatch(t, queued, faulty.sink.ids(), "every queued message delivered")
	require.ElementsMatch(t, clean.sink.ids(), faulty.sink.ids())
	retried := 0
	for _, n := range faulty.sink.calls {
		if n > 1 {
			retried++
		}
	}
	t.Logf("%d cases, %d steps, %d payments, %d messages delivered (%d after retries)", len(faulty.cases), steps, paid, len(faulty.sink.ids()), retried)
}

// minor returns n øre in DKK.
func minor(n int64) money.Money {
	m, err := money.FromMinorUnits(n, money.DKK)
	if err != nil {
		panic(err)
	}
	return m
}
