package collection_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// errDied is what everything a crashed process tries after its crash gets.
var errDied = errors.New("the process died")

// crashStore is a memstore whose writes fail once the process it stands for
// has died: what a Relay recorded before the crash is in the memstore, what it
// would have recorded after it is not.
type crashStore struct {
	*memstore.Store
	dead atomic.Bool
}

func (s *crashStore) Save(ctx context.Context, c collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	if s.dead.Load() {
		return 0, errDied
	}
	return s.Store.Save(ctx, c, events, outbox)
}

func (s *crashStore) MarkDelivered(ctx context.Context, pos uint64, at time.Time) error {
	if s.dead.Load() {
		return errDied
	}
	return s.Store.MarkDelivered(ctx, pos, at)
}

// countingSink is a Dispatcher that counts the deliveries of each message id
// (every call: repeats included) and, on call killAt, kills the process: it
// calls kill, and from then on delivers nothing (a dead process sends no
// mail). Each delivery takes delay, so that other workers are in flight when
// the kill comes.
type countingSink struct {
	mu     sync.Mutex
	calls  map[string]int
	n      int
	killAt int
	kill   func()
	dead   bool
	delay  time.Duration
}

func (s *countingSink) Deliver(_ context.Context, m letters.Message) error {
	s.mu.Lock()
	if s.dead {
		s.mu.Unlock()
		return errDied
	}
	s.n++
	s.calls[m.ID]++ // delivered; what the relay records after this is in flight
	if s.n == s.killAt {
		s.dead = true
		s.kill()
	}
	s.mu.Unlock()
	time.Sleep(s.delay)
	return nil
}

// relayCrash opens cases many cases, commits their first step (one letter
// each), and runs a Relay with concurrency over store(m) that is killed on its
// killAt-th delivery (store returns the Store the process sees, the kill, and
// the Store the restarted process sees). Then a new Relay (the restarted
// process) delivers the rest, from the Cursor saved before the run or from
// after(the dead relay). It returns the deliveries per message id, over both
// processes.
func relayCrash(t *testing.T, cases, concurrency, killAt int, store func(m *memstore.Store) (collection.Store, func(), collection.Store), after func(r *collection.Relay) uint64) map[string]int {
	t.Helper()
	e := newBatchEnv(t, feb3, collection.Options{})
	for i := range cases {
		e.open(collection.CaseID(fmt.Sprintf("c%02d", i)))
	}
	_, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, e.outbox(), cases)
	letters, err := batchLetters()
	require.NoError(t, err)
	opts := collection.Options{Clock: e.clock, Letters: letters, Creditors: withBank}

	// The first process: killed on its killAt-th delivery.
	st, die, restarted := store(e.store)
	svc, err := collection.New(st, opts)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	first := &countingSink{calls: map[string]int{}, killAt: killAt, delay: 2 * time.Millisecond, kill: func() { die(); cancel() }}
	r, err := svc.NewRelay(first, collection.RelayOptions{Concurrency: concurrency})
	require.NoError(t, err)
	cursor := r.Cursor() // what the host saved before the run
	_, err = r.RunOnce(ctx, e.clock.now)
	require.ErrorIs(t, err, context.Canceled)

	// The restart: a new Service and Relay over what the store holds.
	svc2, err := collection.New(restarted, opts)
	require.NoError(t, err)
	if after != nil {
		cursor = after(r)
	}
	second := &countingSink{calls: map[string]int{}}
	r2, err := svc2.NewRelay(second, collection.RelayOptions{Concurrency: concurrency, After: cursor})
	require.NoError(t, err)
	res, err := r2.RunOnce(t.Context(), e.clock.now)
	require.NoError(t, err)
	require.Zero(t, res.Pending)

	calls := map[string]int{}
	for _, s := range []*countingSink{first, second} {
		for id, n := range s.calls {
			calls[id] += n
		}
	}
	for _, o := range e.outbox() {
		require.Positive(t, calls[o.Message.ID], "message %s was never delivered", o.Message.ID)
	}
	require.Len(t, calls, cases)
	return calls
}

func repeats(calls map[string]int) int {
	n := 0
	for _, c := range calls {
		n += c - 1
	}
	return n
}

// A relay over a DeliveryRecorder (memstore) killed in the middle of a batch
// and restarted delivers again at most the messages that were in flight: at
// most its concurrency, whatever the kill point, and each message has one
// message.sent receipt. Implements E15.
func TestRelay_CrashRedeliversAtMostInFlight(t *testing.T) {
	const cases = 40
	for _, concurrency := range []int{1, 4} {
		for _, killAt := range []int{1, 9, 22, 39} {
			t.Run(fmt.Sprintf("concurrency=%d/kill=%d", concurrency, killAt), func(t *testing.T) {
				var events *memstore.Store
				calls := relayCrash(t, cases, concurrency, killAt, func(m *memstore.Store) (collection.Store, func(), collection.Store) {
					events = m
					cs := &crashStore{Store: m}
					return cs, func() { cs.dead.Store(true) }, m
				}, nil)
				dups := repeats(calls)
				t.Logf("killed on delivery %d of %d: %d delivered again (bound %d)", killAt, cases, dups, concurrency)
				require.LessOrEqual(t, dups, concurrency, "more messages delivered twice than were in flight")
				// Every message has exactly one message.sent receipt.
				for id := range calls {
					n := 0
					for e, err := range events.Events(t.Context(), collection.CaseID(id[:3])) {
						require.NoError(t, err)
						if e.Type == collection.EventMessageSent && e.Data["message"] == id {
							n++
						}
					}
					require.Equal(t, 1, n, "message.sent receipts of %s", id)
				}
			})
		}
	}
}

// A relay whose ctx is cancelled in the middle of a batch (a shutdown, the
// process alive) records what the Dispatcher accepted before it returns: the
// restart delivers nothing twice.
func TestRelay_CancelledRunDeliversNothingTwice(t *testing.T) {
	for _, concurrency := range []int{1, 4} {
		calls := relayCrash(t, 30, concurrency, 11, func(m *memstore.Store) (collection.Store, func(), collection.Store) {
			return m, func() {}, m
		}, nil)
		require.Zero(t, repeats(calls), "concurrency %d", concurrency)
	}
}

// A Store without delivery marks or events (outboxOnly, integrate_test.go)
// keeps the cursor behaviour: the
// restart resumes from the Cursor the host saved before the run and delivers
// again every message after it, and loses none.
func TestRelay_CrashWithoutDeliveryRecorderResumesFromCursor(t *testing.T) {
	plain := func(m *memstore.Store) (collection.Store, func(), collection.Store) {
		return outboxOnly{m, m}, func() {}, outboxOnly{m, m}
	}
	calls := relayCrash(t, 20, 1, 8, plain, nil)
	require.Equal(t, 8, repeats(calls), "the 8 messages delivered before the kill are delivered again")
	// With the cursor the dead relay had reached, only what it had in flight.
	calls = relayCrash(t, 20, 1, 8, plain, func(r *collection.Relay) uint64 { return r.Cursor() })
	require.LessOrEqual(t, repeats(calls), 1)
}
