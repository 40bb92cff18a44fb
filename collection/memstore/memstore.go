// Package memstore is the in-memory collection.Store: the embedded default for
// hosts that keep their cases elsewhere or not at all (tests, demos, a single
// process), and the reference implementation every other Store is checked
// against with storetest.Run.
//
// A Store is safe for concurrent use: one sync.RWMutex guards everything, so a
// Save (case, events and outbox messages) is atomic with respect to every reader.
// Cases, events and messages are deep-copied on the way in and on the way out,
// so nothing a caller holds shares memory with the store. Iterators take a
// snapshot of the matching cases under the read lock, sorted, and yield it after
// releasing the lock; they stop on ctx cancellation and yield ctx.Err() last.
//
// Due uses an index of the running cases by NextDue (a set of case ids per day),
// so a daily run over a million cases reads only the cases that are due, not
// every case.
//
// Nothing is ever removed: a deleted case stays (Get returns it with
// StatusDeleted, as the Store contract says; Due and List skip it), and so do
// its events.
package memstore

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"sync"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// Store is an in-memory collection.Store that also implements
// collection.EventReader and collection.OutboxReader. The zero Store is empty
// and ready to use; a Store must not be copied after first use.
type Store struct {
	mu     sync.RWMutex
	cases  map[collection.CaseID]collection.Case
	events map[collection.CaseID][]collection.Event
	outbox []collection.OutboxEntry
	// due indexes the cases with a NextDue that are not deleted, by NextDue.
	due map[date.Date]map[collection.CaseID]struct{}
}

// New returns an empty Store.
func New() *Store { return &Store{} }

var (
	_ collection.Store        = (*Store)(nil)
	_ collection.EventReader  = (*Store)(nil)
	_ collection.OutboxReader = (*Store)(nil)
)

// Get returns a copy of the stored case, or a *collection.NotFoundError.
func (s *Store) Get(ctx context.Context, id collection.CaseID) (collection.Case, error) {
	if err := ctx.Err(); err != nil {
		return collection.Case{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.cases[id]
	if !ok {
		return collection.Case{}, &collection.NotFoundError{CaseID: id}
	}
	return c.Clone(), nil
}

// Save stores a copy of c with version c.Version+1 if the stored version is
// c.Version, and appends copies of events and outbox in the same critical
// section. On a version mismatch it returns a *collection.ConflictError and
// stores nothing.
func (s *Store) Save(ctx context.Context, c collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var have collection.Version
	if old, ok := s.cases[c.ID]; ok {
		have = old.Version
	}
	if have != c.Version {
		return 0, &collection.ConflictError{CaseID: c.ID, Want: c.Version, Have: have}
	}
	if s.cases == nil {
		s.cases = make(map[collection.CaseID]collection.Case)
		s.events = make(map[collection.CaseID][]collection.Event)
	}
	c = c.Clone()
	c.Version++
	if old, ok := s.cases[c.ID]; ok {
		s.unindex(old)
	}
	s.cases[c.ID] = c
	s.index(c)
	for _, e := range events {
		s.events[c.ID] = append(s.events[c.ID], e.Clone())
	}
	for _, m := range outbox {
		s.outbox = append(s.outbox, collection.OutboxEntry{
			Pos: uint64(len(s.outbox)) + 1, CaseID: c.ID, Seq: c.Version, Message: cloneMessage(m),
		})
	}
	return c.Version, nil
}

// index adds c to the NextDue index; unindex removes it.
func (s *Store) index(c collection.Case) {
	if c.NextDue.IsZero() || c.Status == collection.StatusDeleted {
		return
	}
	if s.due == nil {
		s.due = make(map[date.Date]map[collection.CaseID]struct{})
	}
	ids := s.due[c.NextDue]
	if ids == nil {
		ids = make(map[collection.CaseID]struct{})
		s.due[c.NextDue] = ids
	}
	ids[c.ID] = struct{}{}
}

func (s *Store) unindex(c collection.Case) {
	ids, ok := s.due[c.NextDue]
	if !ok {
		return
	}
	delete(ids, c.ID)
	if len(ids) == 0 {
		delete(s.due, c.NextDue)
	}
}

// Due yields the cases with NextDue set and on or before day, by (NextDue, ID).
// It reads them through the NextDue index: the cost is that of the due cases and
// of the distinct NextDue days, not of every case.
func (s *Store) Due(ctx context.Context, day date.Date) iter.Seq2[collection.Case, error] {
	return func(yield func(collection.Case, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.Case{}, err)
			return
		}
		s.mu.RLock()
		var days []date.Date
		n := 0
		for d, ids := range s.due {
			if !d.After(day) {
				days = append(days, d)
				n += len(ids)
			}
		}
		slices.SortFunc(days, date.Date.Compare)
		hits := make([]collection.CaseID, 0, n)
		for _, d := range days {
			start := len(hits)
			for id := range s.due[d] {
				hits = append(hits, id)
			}
			slices.Sort(hits[start:])
		}
		s.mu.RUnlock()
		for _, id := range hits {
			if err := ctx.Err(); err != nil {
				yield(collection.Case{}, err)
				return
			}
			// The case may have changed since the snapshot: yield it as it is now,
			// if it is still due (the order is that of the snapshot).
			s.mu.RLock()
			c, ok := s.cases[id]
			if ok {
				c = c.Clone()
			}
			s.mu.RUnlock()
			if !ok || c.Status == collection.StatusDeleted || c.NextDue.IsZero() || c.NextDue.After(day) {
				continue
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

// List yields the cases that match f, by ID; never a deleted one.
func (s *Store) List(ctx context.Context, f collection.Filter) iter.Seq2[collection.Case, error] {
	return s.scan(ctx, f.Match, func(a, b collection.Case) int { return cmp.Compare(a.ID, b.ID) })
}

// scan snapshots the matching cases under the read lock, sorts them and yields
// copies, checking ctx between cases.
func (s *Store) scan(ctx context.Context, match func(collection.Case) bool, order func(a, b collection.Case) int) iter.Seq2[collection.Case, error] {
	return func(yield func(collection.Case, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.Case{}, err)
			return
		}
		s.mu.RLock()
		var hits []collection.Case
		for _, c := range s.cases {
			if match(c) {
				hits = append(hits, c)
			}
		}
		s.mu.RUnlock()
		slices.SortFunc(hits, order)
		for _, c := range hits {
			if err := ctx.Err(); err != nil {
				yield(collection.Case{}, err)
				return
			}
			if !yield(c.Clone(), nil) {
				return
			}
		}
	}
}

// Events yields the events of case id in the order they were saved.
func (s *Store) Events(ctx context.Context, id collection.CaseID) iter.Seq2[collection.Event, error] {
	return func(yield func(collection.Event, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.Event{}, err)
			return
		}
		s.mu.RLock()
		evs := slices.Clone(s.events[id])
		s.mu.RUnlock()
		for _, e := range evs {
			if err := ctx.Err(); err != nil {
				yield(collection.Event{}, err)
				return
			}
			if !yield(e.Clone(), nil) {
				return
			}
		}
	}
}

// Outbox yields the outbox entries after position after, in order.
func (s *Store) Outbox(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return func(yield func(collection.OutboxEntry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.OutboxEntry{}, err)
			return
		}
		s.mu.RLock()
		var entries []collection.OutboxEntry
		if after < uint64(len(s.outbox)) {
			entries = slices.Clone(s.outbox[after:])
		}
		s.mu.RUnlock()
		for _, e := range entries {
			if err := ctx.Err(); err != nil {
				yield(collection.OutboxEntry{}, err)
				return
			}
			e.Message = cloneMessage(e.Message)
			if !yield(e, nil) {
				return
			}
		}
	}
}

func cloneMessage(m letters.Message) letters.Message {
	m.Attachments = slices.Clone(m.Attachments)
	for i := range m.Attachments {
		m.Attachments[i].Data = slices.Clone(m.Attachments[i].Data)
	}
	return m
}
