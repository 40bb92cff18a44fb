package memstore

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/letters"
)

// TestCompaction: saving cases again and again leaves their old records
// dead in the arena until a compaction copies the live ones; every case,
// event and outbox entry reads the same before and after, and an iterator
// that took its snapshot before the compaction still yields it.
func TestCompaction(t *testing.T) {
	ctx := t.Context()
	s := New()
	const cases = 8
	note := strings.Repeat("a long note ", 1<<13) // about 100 KB a record
	want := map[collection.CaseID]collection.Case{}
	events := map[collection.CaseID][]collection.Event{}
	var outbox []letters.Message
	for k := range cases {
		c := storetest.Full(collection.CaseID(fmt.Sprint("c", k)))
		c.Claims = c.Claims[:1]
		c.Claims[0].InvoiceID = fmt.Sprint("i", k)
		c.Notes[0].Text = note
		want[c.ID] = c
	}
	var early func(func(collection.OutboxEntry, error) bool)
	compactions := 0
	for round := range 40 {
		for k := range cases {
			id := collection.CaseID(fmt.Sprint("c", k))
			c := want[id]
			c.Notes[0].Actor = fmt.Sprint("round ", round)
			ev := collection.Event{CaseID: id, Seq: c.Version + 1, Type: collection.EventNoteAdded, Data: map[string]string{"round": fmt.Sprint(round)}}
			m := letters.Message{ID: fmt.Sprintf("%s/%d", id, round), CaseID: string(id), Text: fmt.Sprint("round ", round), HTML: "<style>p{}</style><p>" + fmt.Sprint(round)}
			used := s.a.used
			v, err := s.Save(ctx, c, []collection.Event{ev}, []letters.Message{m})
			if err != nil {
				t.Fatal(err)
			}
			if s.a.used < used {
				compactions++
			}
			c.Version = v
			want[id] = c
			events[id] = append(events[id], ev)
			outbox = append(outbox, m)
		}
		if round == 5 {
			early = s.Outbox(ctx, 0) // its snapshot is taken when it is ranged over
			n := 0
			for e, err := range early {
				if err != nil || e.Message.ID != outbox[n].ID {
					t.Fatalf("outbox before compacting: %v %v", e.Message.ID, err)
				}
				n++
				if n == 3 {
					// A compaction while the iterator holds its snapshot.
					for range 40 {
						for k := range cases {
							id := collection.CaseID(fmt.Sprint("c", k))
							c := want[id]
							v, err := s.Save(ctx, c, nil, nil)
							if err != nil {
								t.Fatal(err)
							}
							c.Version = v
							want[id] = c
						}
					}
				}
			}
			if n != len(outbox) {
				t.Fatalf("the iterator yielded %d entries across a compaction, want %d", n, len(outbox))
			}
		}
	}
	if compactions == 0 {
		t.Fatalf("no compaction: %d bytes used, %d dead", s.a.used, s.a.dead)
	}
	if s.a.dead > s.a.used/2+8*chunkSize {
		t.Errorf("%d bytes dead of %d", s.a.dead, s.a.used)
	}
	for id, c := range want {
		got, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := storetest.Equal(c, got); d != "" {
			t.Errorf("%s after compacting (-want +got):\n%s", id, d)
		}
		evs, err := collection.Collect(s.Events(ctx, id))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(events[id], evs); d != "" {
			t.Errorf("events of %s after compacting (-want +got):\n%s", id, d)
		}
	}
	entries, err := collection.Collect(s.Outbox(ctx, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(outbox) {
		t.Fatalf("%d outbox entries, want %d", len(entries), len(outbox))
	}
	for i, e := range entries {
		if d := cmp.Diff(outbox[i], e.Message, cmpOpts...); d != "" || e.Pos != uint64(i)+1 {
			t.Errorf("outbox entry %d (pos %d) after compacting (-want +got):\n%s", i, e.Pos, d)
		}
	}
	due, err := collection.Collect(s.Due(ctx, storetest.Full("x").NextDue))
	if err != nil || len(due) != cases || due[0].ID != "c0" || due[cases-1].ID != "c7" {
		t.Errorf("Due after compacting: %d cases, %v", len(due), err)
	}
}

// TestReadersAndWriters: readers of every kind run while writers save (and
// compact the arena); with -race this checks that a reader never reads
// memory a writer writes.
func TestReadersAndWriters(t *testing.T) {
	ctx := t.Context()
	s := New()
	const writers, rounds = 4, 60
	note := strings.Repeat("x", 64<<10)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			c := storetest.Full(collection.CaseID(fmt.Sprint("w", w)))
			c.Claims = c.Claims[:1]
			c.Claims[0].InvoiceID = fmt.Sprint("i", w)
			c.Notes[0].Text = note
			for r := range rounds {
				ev := collection.Event{CaseID: c.ID, Seq: c.Version + 1, Type: collection.EventNoteAdded}
				m := letters.Message{ID: fmt.Sprintf("%s/%d", c.ID, r), Text: note[:r], HTML: "<style>p{}</style>"}
				v, err := s.Save(ctx, c, []collection.Event{ev}, []letters.Message{m})
				if err != nil {
					t.Error(err)
					return
				}
				c.Version = v
				if r%7 == 0 {
					if err := s.MarkDelivered(ctx, uint64(r), time.Time{}); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	var readers sync.WaitGroup
	for r := range 4 {
		readers.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				id := collection.CaseID(fmt.Sprint("w", r))
				if _, err := s.Get(ctx, id); err != nil && !errors.Is(err, collection.ErrNotFound) {
					t.Error(err)
				}
				for _, seq := range []func(func(collection.Case, error) bool){s.Due(ctx, storetest.Full("x").NextDue), s.List(ctx, collection.Filter{})} {
					for _, err := range seq {
						if err != nil {
							t.Error(err)
						}
					}
				}
				for _, err := range s.Events(ctx, id) {
					if err != nil {
						t.Error(err)
					}
				}
				for _, err := range s.Undelivered(ctx, 0) {
					if err != nil {
						t.Error(err)
					}
				}
				if _, _, err := s.InvoiceHolder(ctx, "cr-1", "i0"); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	close(done)
	readers.Wait()
	if s.a.dead > s.a.used/2+8*chunkSize {
		t.Errorf("%d bytes dead of %d: no compaction", s.a.dead, s.a.used)
	}
}
