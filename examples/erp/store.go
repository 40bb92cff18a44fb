package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// Step 1 of embedding the SDK: persistence.
//
// The SDK never owns the host's data. A host implements collection.Store over its own
// database: Get, an atomic and optimistic Save (the case, its events and its outbox
// messages together, or nothing), Due (the cases whose next step is due) and List.
// Implementing collection.EventReader and collection.OutboxReader as well lets the
// Relay deliver the outbox and read the send times.
//
// fileStore keeps everything in memory and writes it all to one JSON file after each
// Save (to a temporary file, then renamed over the old one, so a crash leaves either
// the old file or the new). That is the whole of a Store; an ERP would write rows to
// its SQL database instead, in one transaction (or use collection/sqlstore). Rewriting
// the whole file is fine for a demo and wrong for a million cases.
//
// Whatever it is built on, a Store must pass the conformance suite: main_test.go runs
// storetest.Run on this one.
type fileStore struct {
	path string

	mu    sync.RWMutex
	state fileState
}

// fileState is what the file holds.
type fileState struct {
	Cases  map[collection.CaseID]collection.Case `json:"cases"`
	Events []collection.Event                    `json:"events"`
	Outbox []collection.OutboxEntry              `json:"outbox"`
	// Cancelled are the ids of outbox messages taken out by a message.cancelled
	// event (collection.Store's contract, E19).
	Cancelled []string `json:"cancelled,omitempty"`
}

var (
	_ collection.Store        = (*fileStore)(nil)
	_ collection.EventReader  = (*fileStore)(nil)
	_ collection.OutboxReader = (*fileStore)(nil)
)

// openFileStore opens the store kept in path, creating it on the first Save.
func openFileStore(path string) (*fileStore, error) {
	s := &fileStore{path: path, state: fileState{Cases: map[collection.CaseID]collection.Case{}}}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.state); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	if s.state.Cases == nil {
		s.state.Cases = map[collection.CaseID]collection.Case{}
	}
	return s, nil
}

// Get returns a copy of the stored case.
func (s *fileStore) Get(ctx context.Context, id collection.CaseID) (collection.Case, error) {
	if err := ctx.Err(); err != nil {
		return collection.Case{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.state.Cases[id]
	if !ok {
		return collection.Case{}, &collection.NotFoundError{CaseID: id}
	}
	return c.Clone(), nil
}

// Save stores c if its version is the stored one, with its events and messages, and
// writes the file; if the file cannot be written, nothing is changed.
func (s *fileStore) Save(ctx context.Context, c collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, exists := s.state.Cases[c.ID]
	if old.Version != c.Version {
		return 0, &collection.ConflictError{CaseID: c.ID, Want: c.Version, Have: old.Version}
	}
	nEvents, nOutbox := len(s.state.Events), len(s.state.Outbox)
	v := c.Version + 1
	stored := c.Clone()
	stored.Version = v
	s.state.Cases[c.ID] = stored
	for _, e := range events {
		s.state.Events = append(s.state.Events, e.Clone())
	}
	for _, m := range outbox {
		s.state.Outbox = append(s.state.Outbox, collection.OutboxEntry{
			Pos: uint64(len(s.state.Outbox) + 1), CaseID: c.ID, Seq: v, Message: cloneMessage(m)})
	}
	nCancelled := len(s.state.Cancelled)
	for _, e := range events {
		if e.Type == collection.EventMessageCancelled { // E19: the letter of a deleted action
			s.state.Cancelled = append(s.state.Cancelled, e.Data["message"])
		}
	}
	if err := s.write(); err != nil { // roll back: the Save did not happen
		if exists {
			s.state.Cases[c.ID] = old
		} else {
			delete(s.state.Cases, c.ID)
		}
		s.state.Events, s.state.Outbox, s.state.Cancelled = s.state.Events[:nEvents], s.state.Outbox[:nOutbox], s.state.Cancelled[:nCancelled]
		return 0, fmt.Errorf("store: save case %q: %w", string(c.ID), err)
	}
	return v, nil
}

// write writes the state to a temporary file and renames it over the store's file.
func (s *fileStore) write() error {
	if s.path == "" {
		return nil
	}
	b, err := json.Marshal(s.state)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".cases-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), s.path)
}

// Due yields the running cases whose NextDue is on or before day, by (NextDue, ID).
func (s *fileStore) Due(ctx context.Context, day date.Date) iter.Seq2[collection.Case, error] {
	return s.snapshot(ctx, func(c collection.Case) bool {
		return !c.NextDue.IsZero() && !c.NextDue.After(day)
	}, func(a, b collection.Case) int {
		return cmp.Or(a.NextDue.Compare(b.NextDue), cmp.Compare(a.ID, b.ID))
	})
}

// List yields the cases f matches, by ID.
func (s *fileStore) List(ctx context.Context, f collection.Filter) iter.Seq2[collection.Case, error] {
	return s.snapshot(ctx, f.Match, func(a, b collection.Case) int { return cmp.Compare(a.ID, b.ID) })
}

// snapshot copies the matching cases (never a deleted one) under the read lock,
// sorts them, and yields them after releasing it, following the Store's iterator
// contract: stop when the consumer stops, ctx.Err() last when ctx is cancelled.
func (s *fileStore) snapshot(ctx context.Context, match func(collection.Case) bool, order func(a, b collection.Case) int) iter.Seq2[collection.Case, error] {
	return func(yield func(collection.Case, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.Case{}, err)
			return
		}
		s.mu.RLock()
		var cs []collection.Case
		for _, c := range s.state.Cases {
			if c.Status != collection.StatusDeleted && match(c) {
				cs = append(cs, c.Clone())
			}
		}
		s.mu.RUnlock()
		slices.SortFunc(cs, order)
		for _, c := range cs {
			if err := ctx.Err(); err != nil {
				yield(collection.Case{}, err)
				return
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

// Events yields the events of case id in the order they were saved.
func (s *fileStore) Events(ctx context.Context, id collection.CaseID) iter.Seq2[collection.Event, error] {
	return func(yield func(collection.Event, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.Event{}, err)
			return
		}
		s.mu.RLock()
		var es []collection.Event
		for _, e := range s.state.Events {
			if e.CaseID == id {
				es = append(es, e.Clone())
			}
		}
		s.mu.RUnlock()
		for _, e := range es {
			if err := ctx.Err(); err != nil {
				yield(collection.Event{}, err)
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// Outbox yields the outbox entries after position after.
func (s *fileStore) Outbox(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return func(yield func(collection.OutboxEntry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.OutboxEntry{}, err)
			return
		}
		s.mu.RLock()
		var es []collection.OutboxEntry
		if after < uint64(len(s.state.Outbox)) {
			for _, e := range s.state.Outbox[after:] {
				if slices.Contains(s.state.Cancelled, e.Message.ID) {
					continue // taken out by a message.cancelled event
				}
				e.Message = cloneMessage(e.Message)
				es = append(es, e)
			}
		}
		s.mu.RUnlock()
		for _, e := range es {
			if err := ctx.Err(); err != nil {
				yield(collection.OutboxEntry{}, err)
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// cloneMessage copies m so that it shares no attachment data with it.
func cloneMessage(m letters.Message) letters.Message {
	if m.Attachments != nil {
		as := make([]letters.Attachment, len(m.Attachments))
		for i, a := range m.Attachments {
			a.Data = slices.Clone(a.Data)
			as[i] = a
		}
		m.Attachments = as
	}
	return m
}
