package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

func letterFor(id string) letters.Message {
	return letters.Message{ID: id, Channel: letters.Email, Recipient: "d@example.dk", Subject: "Rykker", Text: "Betal venligst.", Lang: language.Danish, Kind: letters.FreeLetter}
}

func caseFor(id string) collection.Case {
	amt := money.MustNew("10.00", money.DKK)
	return collection.Case{ID: collection.CaseID(id), Creditor: dunning.Party{ID: "cr"}, Debtor: dunning.Party{ID: "d"}, Currency: money.DKK,
		Jurisdiction: dunning.DK, Status: collection.StatusActive, Stage: collection.StageReminders,
		Claims: []collection.Claim{{InvoiceID: "i-" + id, Original: amt, Open: amt, Status: collection.ClaimOpen}}}
}

// stores runs fn on SQLite and, with DUNNING_PG_DSN, on PostgreSQL.
func stores(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newPG(t)) })
}

// TestDuplicateIDs: a message id already in the outbox, or a payment id twice
// in one case, is refused with ErrDuplicate and nothing of that Save is
// stored.
func TestDuplicateIDs(t *testing.T) {
	stores(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := t.Context()
		a := caseFor("a")
		_, err := s.Save(ctx, a, nil, []letters.Message{letterFor("m-1")})
		require.NoError(t, err)
		b := caseFor("b")
		_, err = s.Save(ctx, b, []collection.Event{{CaseID: "b", Seq: 1, Type: collection.EventOpened}}, []letters.Message{letterFor("m-2"), letterFor("m-1")})
		var de *sqlstore.DuplicateError
		require.ErrorAs(t, err, &de)
		require.ErrorIs(t, err, sqlstore.ErrDuplicate)
		require.Equal(t, "m-1", de.ID)
		_, err = s.Get(ctx, "b")
		require.ErrorIs(t, err, collection.ErrNotFound, "the refused Save stored the case")
		out, err := collection.Collect(s.Outbox(ctx, 0))
		require.NoError(t, err)
		require.Len(t, out, 1)

		a.Version = 1
		p := collection.Payment{ID: "pay-1", Amount: money.MustNew("1.00", money.DKK)}
		a.Payments = []collection.Payment{p, p}
		_, err = s.Save(ctx, a, nil, nil)
		require.ErrorIs(t, err, sqlstore.ErrDuplicate)
		a.Payments = a.Payments[:1]
		_, err = s.Save(ctx, a, nil, nil)
		require.NoError(t, err)
	})
}

// TestClaimOutbox: leases are disjoint, expire, come back to their owner,
// honour the messages' SendAt and end with Delivered. The database's clock
// times them: the test waits for a short lease to expire and for a send time
// to come.
func TestClaimOutbox(t *testing.T) {
	stores(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := t.Context()
		var msgs []letters.Message
		for i := range 7 {
			msgs = append(msgs, letterFor(fmt.Sprintf("m-%d", i)))
		}
		msgs[5].SendAt = time.Now().Add(time.Hour)
		msgs[6].SendAt = time.Now().Add(1500 * time.Millisecond)
		_, err := s.Save(ctx, caseFor("a"), nil, msgs)
		require.NoError(t, err)

		one, err := s.ClaimOutbox(ctx, "r1", 3, time.Minute)
		require.NoError(t, err)
		two, err := s.ClaimOutbox(ctx, "r2", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-0", "m-1", "m-2"}, ids(one))
		require.Equal(t, []string{"m-3", "m-4"}, ids(two), "m-5 and m-6 are not to be sent before their sendAt")
		again, err := s.ClaimOutbox(ctx, "r1", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-0", "m-1", "m-2"}, ids(again), "an owner takes its own leases back")
		require.Equal(t, 2, again[0].Attempts)

		require.NoError(t, s.Delivered(ctx, one[0].Pos))
		require.NoError(t, s.Release(ctx, "r1", one[1].Pos, time.Time{}))
		three, err := s.ClaimOutbox(ctx, "r3", 10, 300*time.Millisecond)
		require.NoError(t, err)
		require.Equal(t, []string{"m-1"}, ids(three), "released at once; the rest is leased")
		require.NoError(t, s.ReleaseAfter(ctx, "r2", two[0].Pos, 0))
		require.NoError(t, s.ReleaseAfter(ctx, "r2", two[1].Pos, time.Hour))
		require.NoError(t, s.ReleaseAfter(ctx, "r1", two[0].Pos, 0), "not r1's lease: no-op")

		// After the send time of m-6 and the end of r3's short lease, r4 gets
		// m-1 (lease expired), m-3 (released at once) and m-6; m-0 stays
		// delivered, m-4 waits an hour, m-2 is still r1's and m-5 not yet due.
		time.Sleep(time.Until(msgs[6].SendAt) + 100*time.Millisecond)
		four, err := s.ClaimOutbox(ctx, "r4", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-1", "m-3", "m-6"}, ids(four))
		_, err = s.ClaimOutbox(ctx, "", 0, 0)
		require.ErrorIs(t, err, sqlstore.ErrConfig)
		require.ErrorIs(t, s.ReleaseAfter(ctx, "r4", four[0].Pos, -time.Second), sqlstore.ErrConfig)
	})
}

// TestClaimOutboxConcurrent: relays claiming (and marking delivered) at the
// same time never get the same message.
func TestClaimOutboxConcurrent(t *testing.T) {
	stores(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := t.Context()
		for i := range 40 {
			_, err := s.Save(ctx, caseFor(fmt.Sprint(i)), nil, []letters.Message{letterFor(fmt.Sprintf("m-%d-a", i)), letterFor(fmt.Sprintf("m-%d-b", i))})
			require.NoError(t, err)
		}
		var mu sync.Mutex
		seen := map[string]string{}
		var wg sync.WaitGroup
		var errs []error
		for r := range 4 {
			owner := fmt.Sprint("r", r)
			wg.Go(func() {
				for {
					ls, err := s.ClaimOutbox(ctx, owner, 3, time.Hour)
					mu.Lock()
					if err != nil {
						errs = append(errs, err)
					}
					for _, l := range ls {
						if prev, dup := seen[l.Message.ID]; dup {
							errs = append(errs, fmt.Errorf("%s leased to %s and %s", l.Message.ID, prev, owner))
						}
						seen[l.Message.ID] = owner
					}
					mu.Unlock()
					for _, l := range ls {
						if err := s.Delivered(ctx, l.Pos); err != nil {
							mu.Lock()
							errs = append(errs, err)
							mu.Unlock()
							return
						}
					}
					if err != nil || len(ls) == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		require.NoError(t, errors.Join(errs...))
		require.Len(t, seen, 80)
	})
}

func ids(ls []sqlstore.Lease) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Message.ID)
	}
	return out
}

// countSink is a Dispatcher that counts the deliveries of each message id.
type countSink struct {
	mu    sync.Mutex
	calls map[string]int
}

func (c *countSink) Deliver(_ context.Context, m letters.Message) error {
	time.Sleep(time.Millisecond)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[m.ID]++
	return nil
}

// TestLeasesIgnoreCallerClocks: two relays whose stores were given clocks a
// day apart (Options.Clock, which the store now ignores) deliver 200 messages
// at once with 1-hour leases: none is delivered twice, because the leases run
// on the database's clock. (With the caller's clock, the relay a day ahead
// found every lease of the other expired: 110 of 200 delivered twice in one
// run of this test on the code before.)
func TestLeasesIgnoreCallerClocks(t *testing.T) {
	stores(t, func(t *testing.T, a *sqlstore.Store) {
		now := time.Now()
		var views []*sqlstore.Store
		for _, at := range []time.Time{now, now.Add(24 * time.Hour)} {
			s, err := sqlstore.New(t.Context(), a.DB(), sqlstore.Options{Dialect: a.Dialect(), Clock: date.FixedClock(at)})
			require.NoError(t, err)
			views = append(views, s)
		}
		for i := range 20 {
			var msgs []letters.Message
			for j := range 10 {
				msgs = append(msgs, letterFor(fmt.Sprintf("m-%d-%d", i, j)))
			}
			_, err := a.Save(t.Context(), caseFor(fmt.Sprint(i)), nil, msgs)
			require.NoError(t, err)
		}
		sink := &countSink{calls: map[string]int{}}
		var wg sync.WaitGroup
		errs := make([]error, len(views))
		for i, s := range views {
			wg.Go(func() {
				for {
					res, err := s.Deliver(t.Context(), sink, sqlstore.DeliverOptions{Owner: fmt.Sprint("w", i), Max: 10, Lease: time.Hour})
					if err != nil || len(res.Delivered) == 0 {
						errs[i] = err
						return
					}
				}
			})
		}
		wg.Wait()
		require.NoError(t, errors.Join(errs...))
		require.Len(t, sink.calls, 200)
		for id, n := range sink.calls {
			require.Equal(t, 1, n, "deliveries of %s", id)
		}
	})
}
