package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// TestOutboxReaderWaitsForAnEarlierWriter: on PostgreSQL the writers of the
// outbox take no lock (migration 5), so a transaction can commit its letters
// while one that began writing earlier is still open. A reader by position
// must not see the later letters yet: its cursor would pass the earlier
// writer's positions, and their letters would never be read. Once the earlier
// writer commits, both are read, the earlier writer's first.
func TestOutboxReaderWaitsForAnEarlierWriter(t *testing.T) {
	dsn := pgSchema(t)
	db := openPG(t, dsn)
	s, err := sqlstore.New(t.Context(), db, sqlstore.Options{})
	require.NoError(t, err)
	ctx := t.Context()
	_, err = s.Save(ctx, caseFor("a"), nil, nil)
	require.NoError(t, err)

	// The earlier writer: a transaction that inserts a letter and stays open.
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback()
	doc, err := json.Marshal(letterFor("a/late"))
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, "INSERT INTO dunning_outbox (message_id, case_id, seq, doc) VALUES ('a/late', 'a', 2, $1::jsonb)", string(doc))
	require.NoError(t, err)

	// The later writer commits first, through the Store and through a batch.
	_, err = s.Save(ctx, caseFor("b"), nil, []letters.Message{letterFor("b/early")})
	require.NoError(t, err)
	a := caseFor("a")
	a.Version = 1
	errs, err := s.SaveBatch(ctx, []collection.Write{{Case: a, Outbox: []letters.Message{letterFor("a/batch")}}})
	require.NoError(t, err)
	require.NoError(t, errs[0])

	readers := map[string]func(context.Context, uint64) []collection.OutboxEntry{
		"Outbox": func(ctx context.Context, after uint64) []collection.OutboxEntry {
			return mustCollect(t, s.Outbox(ctx, after))
		},
		"Undelivered": func(ctx context.Context, after uint64) []collection.OutboxEntry {
			return mustCollect(t, s.Undelivered(ctx, after))
		},
	}
	for name, read := range readers {
		require.Empty(t, read(ctx, 0), "%s while an earlier writer is open", name)
	}
	require.NoError(t, tx.Commit())
	for name, read := range readers {
		got := read(ctx, 0)
		require.Equal(t, []string{"a/late", "b/early", "a/batch"}, messageIDs(got), name)
		require.Equal(t, []collection.OutboxEntry{got[2]}, read(ctx, got[1].Pos), "%s after the second position", name)
	}
}

// TestOutboxCursorMissesNothing: writers save letters concurrently (Save and
// SaveBatch, each its own transaction) while two readers follow the outbox
// with a cursor, as a Relay does: one by Outbox(after), one by
// Undelivered(after). Each reader sees every letter exactly once, at
// increasing positions. On PostgreSQL this is what migration 5's positions
// and horizon keep without a lock; on SQLite the one writer keeps it.
func TestOutboxCursorMissesNothing(t *testing.T) {
	stores(t, func(t *testing.T, s *sqlstore.Store) {
		const writers, rounds = 6, 40
		ctx := t.Context()
		// Cases that the batches update, one set per writer.
		for w := range writers {
			for i := range 4 {
				_, err := s.Save(ctx, caseFor(fmt.Sprintf("w%d-b%d", w, i)), nil, nil)
				require.NoError(t, err)
			}
		}
		var (
			done  atomic.Bool
			wg    sync.WaitGroup
			mu    sync.Mutex
			saved []string
		)
		for w := range writers {
			wg.Go(func() {
				version := collection.Version(1)
				for r := range rounds {
					var ids []string
					if r%2 == 0 {
						id := fmt.Sprintf("w%d-s%d", w, r)
						ids = []string{id + "/1", id + "/2"}
						_, err := s.Save(ctx, caseFor(id), nil, []letters.Message{letterFor(ids[0]), letterFor(ids[1])})
						if err != nil {
							t.Errorf("Save %s: %v", id, err)
							return
						}
					} else {
						var batch []collection.Write
						for i := range 4 {
							c := caseFor(fmt.Sprintf("w%d-b%d", w, i))
							c.Version = version
							id := fmt.Sprintf("%s/%d", c.ID, r)
							ids = append(ids, id)
							batch = append(batch, collection.Write{Case: c, Outbox: []letters.Message{letterFor(id)}})
						}
						errs, err := s.SaveBatch(ctx, batch)
						if err == nil {
							for _, e := range errs {
								if e != nil {
									err = e
								}
							}
						}
						if err != nil {
							t.Errorf("SaveBatch of writer %d: %v", w, err)
							return
						}
						version++
					}
					mu.Lock()
					saved = append(saved, ids...)
					mu.Unlock()
				}
			})
		}
		follow := func(read func(context.Context, uint64) []collection.OutboxEntry) []collection.OutboxEntry {
			var got []collection.OutboxEntry
			var cursor uint64
			for last := false; !last; {
				last = done.Load() // one more read after the writers are done
				for _, e := range read(ctx, cursor) {
					got = append(got, e)
					cursor = e.Pos
				}
			}
			return got
		}
		var byOutbox, byUndelivered []collection.OutboxEntry
		var readers sync.WaitGroup
		readers.Go(func() {
			byOutbox = follow(func(ctx context.Context, after uint64) []collection.OutboxEntry {
				return mustCollect(t, s.Outbox(ctx, after))
			})
		})
		readers.Go(func() {
			byUndelivered = follow(func(ctx context.Context, after uint64) []collection.OutboxEntry {
				return mustCollect(t, s.Undelivered(ctx, after))
			})
		})
		wg.Wait()
		done.Store(true)
		readers.Wait()
		require.Len(t, saved, writers*rounds/2*(2+4))
		for name, got := range map[string][]collection.OutboxEntry{"Outbox": byOutbox, "Undelivered": byUndelivered} {
			for i := 1; i < len(got); i++ {
				require.Greater(t, got[i].Pos, got[i-1].Pos, "%s: positions of %s and %s", name, got[i-1].Message.ID, got[i].Message.ID)
			}
			require.ElementsMatch(t, saved, messageIDs(got), "%s: the letters the cursor read", name)
		}
	})
}

func mustCollect(t *testing.T, seq iter.Seq2[collection.OutboxEntry, error]) []collection.OutboxEntry {
	t.Helper()
	out, err := collection.Collect(seq)
	if err != nil {
		t.Errorf("reading the outbox: %v", err)
	}
	return out
}

func messageIDs(es []collection.OutboxEntry) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.Message.ID
	}
	return ids
}
