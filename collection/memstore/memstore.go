// Package memstore is the in-memory collection.Store: the embedded default for
// hosts that keep their cases elsewhere or not at all (tests, demos, a single
// process), and the reference implementation every other Store is checked
// against with storetest.Run.
//
// A Store is safe for concurrent use: one sync.RWMutex guards everything, so a
// Save (case, events and outbox messages) is atomic with respect to every reader.
// Cases, events and messages are deep-copied on the way in and on the way out,
// so nothing a caller holds shares memory with the store; events are kept
// packed (their data as one string), which a daily run over a million cases
// notices. Iterators take a
// snapshot of the matching cases under the read lock, sorted, and yield it after
// releasing the lock; they stop on ctx cancellation and yield ctx.Err() last.
//
// Due uses an index of the running cases by NextDue (a set of case ids per day),
// so a daily run over a million cases reads only the cases that are due, not
// every case.
//
// Save keeps each invoice in at most one running case of its creditor
// (collection.InvoiceGuard): an index of the invoices the running cases hold
// (Case.HeldInvoices) is checked and updated under the same lock as the case,
// so of two Saves that race for one invoice exactly one wins; the other gets a
// *collection.InvoiceError naming the winner and writes nothing.
//
// The Relay's delivery marks (collection.DeliveryRecorder) are kept with the
// outbox: Undelivered skips the marked messages.
//
// Nothing is ever removed: a deleted case stays (Get returns it with
// StatusDeleted, as the Store contract says; Due and List skip it), and so do
// its events.
package memstore

import (
	"cmp"
	"context"
	"encoding/binary"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// Store is an in-memory collection.Store that also implements
// collection.EventReader, collection.OutboxReader,
// collection.DeliveryRecorder and collection.InvoiceGuard. The zero Store is
// empty and ready to use; a Store must not be copied after first use.
type Store struct {
	mu sync.RWMutex
	// pos is the position of each case in cases, chunks of chunk cases each: a
	// case costs its own size and a map slot, without the allocation and the
	// map's slack per case that map[CaseID]Case has. Nothing is ever removed.
	pos    map[collection.CaseID]int
	cases  [][]collection.Case
	n      int // cases stored
	events map[collection.CaseID][]event
	outbox []collection.OutboxEntry
	// cancelled are the outbox messages a message.cancelled event took out (E19).
	cancelled map[string]bool
	// due indexes the cases with a NextDue that are not deleted, by NextDue.
	due map[date.Date]map[collection.CaseID]struct{}
	// holds are the invoices the running cases hold (collection.InvoiceGuard).
	holds map[holdKey]collection.CaseID
	// delivered are the delivery marks of the outbox, by position
	// (collection.DeliveryRecorder).
	delivered map[uint64]time.Time
}

// holdKey is an invoice of a creditor.
type holdKey struct{ creditor, invoice string }

// New returns an empty Store.
func New() *Store { return &Store{} }

var (
	_ collection.Store            = (*Store)(nil)
	_ collection.EventReader      = (*Store)(nil)
	_ collection.OutboxReader     = (*Store)(nil)
	_ collection.DeliveryRecorder = (*Store)(nil)
	_ collection.InvoiceGuard     = (*Store)(nil)
)

// Get returns a copy of the stored case, or a *collection.NotFoundError.
func (s *Store) Get(ctx context.Context, id collection.CaseID) (collection.Case, error) {
	if err := ctx.Err(); err != nil {
		return collection.Case{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.get(id)
	if c == nil {
		return collection.Case{}, &collection.NotFoundError{CaseID: id}
	}
	return c.Clone(), nil
}

// Save stores a copy of c with version c.Version+1 if the stored version is
// c.Version, and appends copies of events and outbox in the same critical
// section. On a version mismatch it returns a *collection.ConflictError and
// stores nothing; so it does, with a *collection.InvoiceError naming the
// holder, when c would hold an invoice another case holds
// (collection.InvoiceGuard).
func (s *Store) Save(ctx context.Context, c collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var have collection.Version
	old := s.get(c.ID)
	if old != nil {
		have = old.Version
	}
	if have != c.Version {
		return 0, &collection.ConflictError{CaseID: c.ID, Want: c.Version, Have: have}
	}
	held := c.HeldInvoices()
	for _, inv := range held {
		if h, ok := s.holds[holdKey{c.Creditor.ID, inv}]; ok && h != c.ID {
			return 0, &collection.InvoiceError{InvoiceID: inv, CaseID: h}
		}
	}
	if s.pos == nil {
		s.pos = make(map[collection.CaseID]int)
		s.events = make(map[collection.CaseID][]event)
	}
	c = c.Clone()
	c.Version++
	if old != nil {
		s.unindex(*old)
		for _, inv := range old.HeldInvoices() {
			delete(s.holds, holdKey{old.Creditor.ID, inv})
		}
		*old = c
	} else {
		if s.n%chunk == 0 {
			s.cases = append(s.cases, make([]collection.Case, chunk))
		}
		s.cases[s.n/chunk][s.n%chunk] = c
		s.pos[c.ID] = s.n
		s.n++
	}
	s.index(c)
	if len(held) > 0 && s.holds == nil {
		s.holds = make(map[holdKey]collection.CaseID)
	}
	for _, inv := range held {
		s.holds[holdKey{c.Creditor.ID, inv}] = c.ID
	}
	if len(events) > 0 {
		s.events[c.ID] = slices.Grow(s.events[c.ID], len(events))
		for _, e := range events {
			s.events[c.ID] = append(s.events[c.ID], pack(e))
		}
	}
	for _, e := range events {
		if e.Type == collection.EventMessageCancelled && !s.deliveredID(e.Data["message"]) {
			if s.cancelled == nil {
				s.cancelled = map[string]bool{}
			}
			s.cancelled[e.Data["message"]] = true
		}
	}
	for _, m := range outbox {
		s.outbox = append(s.outbox, collection.OutboxEntry{
			Pos: uint64(len(s.outbox)) + 1, CaseID: c.ID, Seq: c.Version, Message: cloneMessage(m),
		})
	}
	return c.Version, nil
}

// deliveredID reports whether the outbox message with id is marked delivered:
// a cancel (E19) keeps such a message. The caller holds the lock.
func (s *Store) deliveredID(id string) bool {
	if len(s.delivered) == 0 {
		return false
	}
	for i := len(s.outbox) - 1; i >= 0; i-- {
		if s.outbox[i].Message.ID == id {
			_, done := s.delivered[s.outbox[i].Pos]
			return done
		}
	}
	return false
}

// chunk is the number of cases in one chunk of Store.cases.
const chunk = 1024

// get returns the stored case id, or nil. The caller holds the lock.
func (s *Store) get(id collection.CaseID) *collection.Case {
	i, ok := s.pos[id]
	if !ok {
		return nil
	}
	return &s.cases[i/chunk][i%chunk]
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
			var c collection.Case
			p := s.get(id)
			ok := p != nil
			if ok {
				c = p.Clone()
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
		for i := range s.n {
			if c := &s.cases[i/chunk][i%chunk]; match(*c) {
				hits = append(hits, *c)
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
			if !yield(e.unpack(id), nil) {
				return
			}
		}
	}
}

// InvoiceHolder returns the running case that holds invoice invoiceID of
// creditor creditorID (collection.InvoiceGuard).
func (s *Store) InvoiceHolder(ctx context.Context, creditorID, invoiceID string) (collection.CaseID, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.holds[holdKey{creditorID, invoiceID}]
	return id, ok, nil
}

// MarkDelivered records that the relay is done with the message at outbox
// position pos (collection.DeliveryRecorder); a second mark keeps the first,
// and a position not in the outbox changes nothing.
func (s *Store) MarkDelivered(ctx context.Context, pos uint64, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if pos == 0 || pos > uint64(len(s.outbox)) {
		return nil
	}
	if _, done := s.delivered[pos]; done {
		return nil
	}
	if s.delivered == nil {
		s.delivered = make(map[uint64]time.Time)
	}
	s.delivered[pos] = at
	return nil
}

// Undelivered yields the outbox entries after position after that are not
// marked delivered, in order (collection.DeliveryRecorder).
func (s *Store) Undelivered(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return s.outboxAfter(ctx, after, true)
}

// Outbox yields the outbox entries after position after, in order.
func (s *Store) Outbox(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return s.outboxAfter(ctx, after, false)
}

// outboxAfter yields the outbox entries after position after, without the
// cancelled ones and, if undelivered, without the marked ones.
func (s *Store) outboxAfter(ctx context.Context, after uint64, undelivered bool) iter.Seq2[collection.OutboxEntry, error] {
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
		if len(s.cancelled) > 0 {
			entries = slices.DeleteFunc(entries, func(e collection.OutboxEntry) bool { return s.cancelled[e.Message.ID] })
		}
		if undelivered && len(s.delivered) > 0 {
			entries = slices.DeleteFunc(entries, func(e collection.OutboxEntry) bool {
				_, done := s.delivered[e.Pos]
				return done
			})
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

// event is a stored collection.Event, packed: its data map as one string of
// length-prefixed keys and values, a few hundred bytes less per event than a
// map (the daily run writes four events per step). The case id is the key it
// is stored under.
type event struct {
	seq   collection.Version
	at    time.Time
	typ   collection.EventType
	actor string
	data  string // uvarint(len(k)) k uvarint(len(v)) v ..., sorted by key
	// hasData tells an empty map from a nil one.
	hasData bool
}

func pack(e collection.Event) event {
	p := event{seq: e.Seq, at: e.At, typ: e.Type, actor: e.Actor, hasData: e.Data != nil}
	if len(e.Data) == 0 {
		return p
	}
	keys := make([]string, 0, len(e.Data))
	n := 0
	for k, v := range e.Data {
		keys = append(keys, k)
		n += len(k) + len(v) + 2*binary.MaxVarintLen16
	}
	slices.Sort(keys)
	b := make([]byte, 0, n)
	for _, k := range keys {
		v := e.Data[k]
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	p.data = string(b)
	return p
}

func (p event) unpack(id collection.CaseID) collection.Event {
	e := collection.Event{CaseID: id, Seq: p.seq, At: p.at, Type: p.typ, Actor: p.actor}
	if !p.hasData {
		return e
	}
	e.Data = map[string]string{}
	for d := p.data; d != ""; {
		k, rest := next(d)
		v, rest := next(rest)
		e.Data[k] = v
		d = rest
	}
	return e
}

// next splits a length-prefixed string off the front of d.
func next(d string) (string, string) {
	n, w := binary.Uvarint([]byte(d[:min(len(d), binary.MaxVarintLen64)]))
	d = d[w:]
	return d[:n], d[n:]
}
