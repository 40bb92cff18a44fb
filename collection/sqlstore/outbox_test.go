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
// honour the messages' SendAt and end with Delivered.
func TestClaimOutbox(t *testing.T) {
	stores(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := t.Context()
		now := time.Time(testClock)
		var msgs []letters.Message
		for i := range 6 {
			msgs = append(msgs, letterFor(fmt.Sprintf("m-%d", i)))
		}
		msgs[5].SendAt = now.Add(time.Hour)
		_, err := s.Save(ctx, caseFor("a"), nil, msgs)
		require.NoError(t, err)

		one, err := s.ClaimOutbox(ctx, "r1", 3, time.Minute)
		require.NoError(t, err)
		two, err := s.ClaimOutbox(ctx, "r2", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-0", "m-1", "m-2"}, ids(one))
		require.Equal(t, []string{"m-3", "m-4"}, ids(two), "m-5 is not to be sent before its sendAt")
		again, err := s.ClaimOutbox(ctx, "r1", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-0", "m-1", "m-2"}, ids(again), "an owner takes its own leases back")
		require.Equal(t, 2, again[0].Attempts)

		require.NoError(t, s.Delivered(ctx, one[0].Pos))
		require.NoError(t, s.Release(ctx, "r1", one[1].Pos, time.Time{}))
		three, err := s.ClaimOutbox(ctx, "r3", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-1"}, ids(three), "released at once; the rest is leased")

		// Two hours on, every lease has expired and m-5 may be sent; m-0 stays delivered.
		s2 := reclock(t, s, now.Add(2*time.Hour))
		four, err := s2.ClaimOutbox(ctx, "r4", 10, time.Minute)
		require.NoError(t, err)
		require.Equal(t, []string{"m-1", "m-2", "m-3", "m-4", "m-5"}, ids(four))
		_, err = s.ClaimOutbox(ctx, "", 0, 0)
		require.ErrorIs(t, err, sqlstore.ErrConfig)
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

// reclock returns a Store over s's database whose clock reads now.
func reclock(t *testing.T, s *sqlstore.Store, now time.Time) *sqlstore.Store {
	t.Helper()
	s2, err := sqlstore.New(context.Background(), s.DB(), sqlstore.Options{Dialect: s.Dialect(), Clock: fixed(now)})
	require.NoError(t, err)
	return s2
}

type fixed time.Time

func (f fixed) Now() time.Time { return time.Time(f) }
