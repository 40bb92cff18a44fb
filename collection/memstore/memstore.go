// Package memstore is the in-memory collection.Store: the embedded default for
// hosts that keep their cases elsewhere or not at all (tests, demos, a single
// process), and the reference implementation every other Store is checked
// against with storetest.Run.
//
// A Store is safe for concurrent use: a sync.RWMutex guards the cases, their
// events and the outbox, so a Save (case, events and outbox messages) is
// atomic with respect to every reader. Saves pack what they store before they
// take it, so that packing (most of a Save's work) runs in parallel. Iterators
// take a snapshot under the read lock, sorted, and yield it after releasing
// the lock; they stop on ctx cancellation and yield ctx.Err() last.
//
// # Packed representation
//
// The Store keeps every case, event and outbox message packed, in a compact
// binary encoding, and unpacks it on the way out (Get, Due, List, Events,
// Outbox). A reflection codec, built once per type, packs every field of
// collection.Case, collection.Event and letters.Message: integers as varints,
// a struct as a bitmap of its non-zero fields and those fields, slices, maps
// and pointers with nil kept apart from empty, amounts and dates in their
// binary form (money.Money.MarshalBinary, date.Date.MarshalBinary), times with
// their location. A field it cannot pack exactly (an unexported field of a
// type without a binary or text form, an interface) is an error of the codec,
// which the package's tests catch, never a field dropped. Save packs through
// fast encoders built from the same codec: they read each field at its offset
// instead of through reflect.Value, and a rapid property
// (TestFastEncoderAgrees) holds their bytes to the reflection codec's.
//
// What repeats across cases is kept once, in tables of the Store, and packed
// as an index: the creditor and the debtor (the whole dunning.Party), language
// tags, currencies and jurisdictions, flow and step names, the law sources of
// charges, event types, the keys of event data and the values that repeat
// (kinds, channels, amounts, dates). A letter keeps only what is its own: the
// <style> blocks of its HTML are interned, and its text and HTML are packed
// line by line against the first letter of its kind (its creditor, kind,
// channel and language): a line that letter has, near where the last one
// matched, is a reference to it, a line that differs in a name or a number
// keeps only the part that differs.
//
// The records lie one after the other in large byte chunks (an arena), and a
// hash table without pointers finds a case by its ID, so a million cases are
// a few hundred objects to the garbage collector, not millions. A case saved
// again leaves its old record dead in the arena; once the dead records take as
// much memory as the live ones, Save copies the live ones into a new arena
// (a pause in proportion to the size of the store, at most once for every byte
// saved since the last one).
//
// Nothing a caller holds shares memory with the store: a case comes back with
// fresh slices, maps and pointers, and its strings are parts of a copy of its
// record or of the tables (strings are immutable).
//
// What it costs: a case of one claim takes about 150 bytes (its record, about
// 80, and its place in the indexes); an event 30 to 60; a letter of the daily
// run about 220 bytes besides its reference letter. BenchmarkDailyRun in
// package collection keeps a million such cases, a tenth of them with a step
// taken (two charges, four events, a letter), in about 250 bytes per case.
// Each Get, and each case Due and List yield, unpacks the case: a few
// microseconds and a few allocations per case, some more than a deep copy of
// the struct. A Save packs the case, its events and its letters (3 to 20
// microseconds, under a read lock of the tables, or their write lock when it
// adds to them) and then stores them under the write lock (about a
// microsecond). The tables only grow: a value interned once (a debtor who
// left, a letter of a kind no longer sent) stays until the Store is dropped.
//
// # Indexes
//
// Due uses an index of the cases by NextDue (the cases of each day), so a
// daily run over a million cases reads only the cases that are due. List with
// an InvoiceID reads only the cases with a claim for that invoice (an index
// of the claims' invoices); any other List looks at every case but unpacks
// only those that pass the creditor, debtor and status filter.
//
// Save keeps each invoice in at most one running case of its creditor
// (collection.InvoiceGuard): the record of each case says which invoices it
// holds (Case.HeldInvoices), and Save looks at the cases the index gives for
// each invoice the case would hold, under the same lock as the case, so of
// two Saves that race for one invoice exactly one wins; the other gets a
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
	"bytes"
	"context"
	"encoding/binary"
	"hash/maphash"
	"iter"
	"slices"
	"strings"
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
	once sync.Once // init
	// mu guards the cases, the arena and the indexes; tmu the tables. Saves
	// pack under tmu's read lock (its write lock when they add to the
	// tables), not holding mu, and take mu to check and store what they
	// packed; readers take mu, then tmu for a view of the tables.
	mu  sync.RWMutex
	tmu sync.RWMutex
	t   tables
	// packers are the *packer values Saves pack with; unpackers the
	// *unpacker values that Get, Due, List, Events and the outbox iterators
	// unpack into.
	packers, unpackers sync.Pool

	// a holds the records: the cases, the blocks of events and the outbox.
	a arena
	// ids finds the slot of a case by its ID.
	ids   index
	slots []slot

	// due indexes the cases with a NextDue that are not deleted, by NextDue.
	due map[date.Date]*dueDay
	// invoices indexes the cases by the invoices of their claims: by the
	// hash of the invoice id, the first case, and in invoicesX any others
	// (one invoice in several cases, or two invoices with one hash). Which
	// of them hold an invoice (collection.InvoiceGuard) their headers say.
	invoices  map[uint64]int32
	invoicesX map[uint64][]int32

	outbox []ref // position i+1
	// cancelled are the outbox messages a message.cancelled event took out (E19).
	cancelled map[string]bool
	// delivered are the delivery marks of the outbox, by position
	// (collection.DeliveryRecorder).
	delivered map[uint64]time.Time
}

// slot is one case: where its record and its events are, and what the Store
// reads without unpacking it. It has no pointers (see arena).
type slot struct {
	rec    ref // the packed case (see header)
	events ref // its last block of events (see pack), 0 if none
	due    date.Date
	// creditor and debtor index the party table.
	creditor, debtor uint32
	status           collection.Status
}

// dueDay is the index of one NextDue day: the slots whose due is the day, and
// also some that moved away (or are in it twice) since, which readers skip and
// a compaction drops once they are as many as the live ones.
type dueDay struct {
	slots []int32
	live  int
}

// New returns an empty Store.
func New() *Store { return &Store{} }

var (
	_ collection.Store            = (*Store)(nil)
	_ collection.EventReader      = (*Store)(nil)
	_ collection.OutboxReader     = (*Store)(nil)
	_ collection.DeliveryRecorder = (*Store)(nil)
	_ collection.InvoiceGuard     = (*Store)(nil)
)

// init makes the maps of a zero Store; every method calls it first, through
// s.once.
func (s *Store) init() {
	s.t.init()
	s.ids.seed = maphash.MakeSeed()
	s.due = make(map[date.Date]*dueDay)
	s.invoices = make(map[uint64]int32)
}

// view returns a view of the tables. The caller holds mu (so the records it
// reads were stored after what they refer to was added to the tables).
func (s *Store) view() view {
	s.tmu.RLock()
	defer s.tmu.RUnlock()
	return s.t.view()
}

// slot returns slot i, valid until a slot is added. The caller holds the
// lock.
func (s *Store) slot(i int32) *slot { return &s.slots[i] }

// rec returns the record of slot i. The caller holds the lock.
func (s *Store) rec(i int32) []byte { return s.a.get(s.slot(i).rec) }

// idAt returns the ID of the case in slot i. The caller holds the lock.
func (s *Store) idAt(i int32) []byte { return idOf(s.rec(i)) }

// find returns the slot of case id. The caller holds the lock.
func (s *Store) find(id collection.CaseID) (int32, bool) {
	return s.ids.find(string(id), s.idAt)
}

// Get returns a copy of the stored case, or a *collection.NotFoundError.
func (s *Store) Get(ctx context.Context, id collection.CaseID) (collection.Case, error) {
	if err := ctx.Err(); err != nil {
		return collection.Case{}, err
	}
	cs, err := compiled()
	if err != nil {
		return collection.Case{}, err
	}
	s.once.Do(s.init)
	s.mu.RLock()
	i, ok := s.find(id)
	var rec []byte
	var v view
	if ok {
		rec, v = s.rec(i), s.view()
	}
	s.mu.RUnlock()
	if !ok {
		return collection.Case{}, &collection.NotFoundError{CaseID: id}
	}
	return s.unpackCase(cs, rec, &v)
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
	cs, err := compiled()
	if err != nil {
		return 0, err
	}
	s.once.Do(s.init)
	v := c.Version + 1
	pk := s.packer()
	defer func() {
		clear(pk.invoices) // the caller's strings
		s.packers.Put(pk)
	}()
	s.claimInvoices(pk, &c)

	// Pack, without the store's lock: under the tables' read lock, and
	// again under their write lock if something must be added to them. The
	// parties of the stored case are tried first.
	var hints []uint64
	s.mu.RLock()
	if i, ok := s.find(c.ID); ok {
		h := readHeader(s.rec(i))
		hints = []uint64{h.creditor, h.debtor}
	}
	s.mu.RUnlock()
	for _, ro := range []bool{true, false} {
		if ro {
			s.tmu.RLock()
		} else {
			s.tmu.Lock()
		}
		miss, err := s.pack(cs, pk, &c, events, outbox, v, ro, hints...)
		if ro {
			s.tmu.RUnlock()
		} else {
			s.tmu.Unlock()
		}
		if err != nil {
			return 0, err
		}
		if !miss {
			break
		}
	}
	cred, debt := pk.creditor, pk.debtor

	// Check and store.
	s.mu.Lock()
	defer s.mu.Unlock()
	i, exists := s.find(c.ID)
	var old header
	self := int32(-1)
	if exists {
		old, self = readHeader(s.rec(i)), i
	}
	if old.version != c.Version {
		return 0, &collection.ConflictError{CaseID: c.ID, Want: c.Version, Have: old.version}
	}
	for j, inv := range pk.invoices {
		if !pk.held[j] {
			continue
		}
		if h, ok := s.holder(cs, c.Creditor.ID, inv, pk.hashes[j], self); ok {
			return 0, &collection.InvoiceError{InvoiceID: inv, CaseID: collection.CaseID(s.idAt(h))}
		}
	}
	rec := s.a.put(pk.rec)
	var evs ref
	if exists {
		evs = s.slot(i).events
	}
	if len(events) > 0 {
		binary.LittleEndian.PutUint64(pk.evs, uint64(evs))
		evs = s.a.put(pk.evs)
	}
	entries := make([]ref, len(outbox))
	for j := range outbox {
		entries[j] = s.a.put(pk.out[j])
	}

	if !exists {
		i = int32(len(s.slots))
		s.slots = append(s.slots, slot{rec: rec})
		s.ids.add(string(c.ID), i, s.idAt)
	} else {
		s.a.dead += size(len(s.rec(i)))
	}
	p := s.slot(i)
	p.rec, p.events, p.status, p.creditor, p.debtor = rec, evs, c.Status, uint32(cred), uint32(debt)
	due := c.NextDue
	if c.Status == collection.StatusDeleted {
		due = date.Date{}
	}
	s.setDue(i, p, due)
	if !exists || !bytes.Equal(old.invoices, readHeader(s.rec(i)).invoices) {
		for j := range len(old.invoices) / 8 {
			h, _ := old.invoice(j)
			s.unindexInvoice(h, i)
		}
		for _, h := range pk.hashes {
			s.indexInvoice(h, i)
		}
	}
	for _, e := range events {
		if id := e.Data["message"]; e.Type == collection.EventMessageCancelled && !s.deliveredID(id) {
			if s.cancelled == nil {
				s.cancelled = map[string]bool{}
			}
			s.cancelled[strings.Clone(id)] = true
		}
	}
	s.outbox = append(s.outbox, entries...)
	if s.a.dead > s.a.used/2 && s.a.dead > 8*chunkSize {
		s.compact()
	}
	return v, nil
}

// compact copies the live records into a new arena, so that the memory of
// the dead ones (cases saved again since) can go. It takes time in
// proportion to the live records, and happens when the dead ones are as many
// bytes as the live ones: at most once for every byte saved. The caller
// holds the write lock.
func (s *Store) compact() {
	var a arena
	var blocks []ref
	for i := range s.slots {
		p := &s.slots[i]
		p.rec = a.put(s.a.get(p.rec))
		blocks = blocks[:0]
		for b := p.events; b != 0; b = prevBlock(s.a.get(b)) {
			blocks = append(blocks, b)
		}
		var prev ref
		for _, b := range slices.Backward(blocks) {
			block := slices.Clone(s.a.get(b))
			binary.LittleEndian.PutUint64(block, uint64(prev))
			prev = a.put(block)
		}
		p.events = prev
	}
	for j, r := range s.outbox {
		s.outbox[j] = a.put(s.a.get(r))
	}
	s.a = a
}

// deliveredID reports whether the outbox message with id is marked delivered:
// a cancel (E19) keeps such a message. The caller holds the lock.
func (s *Store) deliveredID(id string) bool {
	if len(s.delivered) == 0 {
		return false
	}
	for i := len(s.outbox) - 1; i >= 0; i-- {
		if string(messageID(s.a.get(s.outbox[i]))) == id {
			_, done := s.delivered[uint64(i)+1]
			return done
		}
	}
	return false
}

// claimInvoices sets pk.invoices to the distinct invoice ids of the claims
// of c, in order, pk.hashes to their hashes and pk.held to whether c holds
// each (Case.HeldInvoices).
func (s *Store) claimInvoices(pk *packer, c *collection.Case) {
	pk.invoices, pk.hashes, pk.held = pk.invoices[:0], pk.hashes[:0], pk.held[:0]
	held := c.HeldInvoices()
	for _, cl := range c.Claims {
		if !slices.Contains(pk.invoices, cl.InvoiceID) {
			pk.invoices = append(pk.invoices, cl.InvoiceID)
			pk.hashes = append(pk.hashes, s.invoiceHash(cl.InvoiceID))
			pk.held = append(pk.held, slices.Contains(held, cl.InvoiceID))
		}
	}
}

// invoiceHash is the key of an invoice id in Store.invoices.
func (s *Store) invoiceHash(invoice string) uint64 { return maphash.String(s.ids.seed, invoice) }

// indexInvoice records that slot i has a claim for the invoice with hash h;
// unindexInvoice that it has none. The caller holds the write lock.
func (s *Store) indexInvoice(h uint64, i int32) {
	if j, ok := s.invoices[h]; !ok {
		s.invoices[h] = i
		return
	} else if j == i {
		return
	}
	if s.invoicesX == nil {
		s.invoicesX = map[uint64][]int32{}
	}
	if !slices.Contains(s.invoicesX[h], i) {
		s.invoicesX[h] = append(s.invoicesX[h], i)
	}
}

func (s *Store) unindexInvoice(h uint64, i int32) {
	xs := s.invoicesX[h]
	if j, ok := s.invoices[h]; ok && j == i {
		if len(xs) == 0 {
			delete(s.invoices, h)
			return
		}
		s.invoices[h], xs = xs[len(xs)-1], xs[:len(xs)-1]
	} else if k := slices.Index(xs, i); k >= 0 {
		xs = slices.Delete(xs, k, k+1)
	}
	if len(xs) == 0 {
		delete(s.invoicesX, h)
	} else {
		s.invoicesX[h] = xs
	}
}

// withInvoice returns the slots of the cases with a claim for an invoice
// with hash h (and maybe others with that hash), each once. The caller holds
// the lock.
func (s *Store) withInvoice(h uint64) []int32 {
	i, ok := s.invoices[h]
	if !ok {
		return nil
	}
	return append([]int32{i}, s.invoicesX[h]...)
}

// holder returns the slot of the case other than slot self that holds
// invoice of creditor, whose hash is h. The caller holds the lock.
func (s *Store) holder(cs *codecs, creditor, invoice string, h uint64, self int32) (int32, bool) {
	for _, i := range s.withInvoice(h) {
		if i == self {
			continue
		}
		hdr := readHeader(s.rec(i))
		v := s.view()
		if v.parties[hdr.creditor].ID != creditor {
			continue
		}
		for j := range len(hdr.invoices) / 8 {
			if hj, held := hdr.invoice(j); hj != h || !held {
				continue
			}
			// Another invoice may have the hash: check the case.
			c, err := s.unpackCase(cs, s.rec(i), &v)
			if err != nil {
				panic(err) // records are written only by this package
			}
			if slices.Contains(c.HeldInvoices(), invoice) {
				return i, true
			}
			break
		}
	}
	return 0, false
}

// setDue indexes slot i (p) under day in Store.due, or under none if day is
// zero. The caller holds the write lock.
func (s *Store) setDue(i int32, p *slot, day date.Date) {
	if p.due == day {
		return
	}
	if was := p.due; !was.IsZero() {
		p.due = date.Date{}
		dd := s.due[was]
		dd.live--
		switch {
		case dd.live == 0:
			delete(s.due, was)
		case len(dd.slots) >= 2*dd.live+32:
			dd.slots = s.dueSlots(was, dd.slots[:0:0], dd)
		}
	}
	if day.IsZero() {
		return
	}
	p.due = day
	dd := s.due[day]
	if dd == nil {
		dd = &dueDay{}
		s.due[day] = dd
	}
	dd.slots = append(dd.slots, i)
	dd.live++
}

// dueSlots appends to out the slots indexed under day, each once, in no
// particular order. The caller holds the lock.
func (s *Store) dueSlots(day date.Date, out []int32, dd *dueDay) []int32 {
	start := len(out)
	for _, i := range dd.slots {
		if s.slot(i).due == day {
			out = append(out, i)
		}
	}
	if len(out)-start > dd.live { // a case that left the day and came back
		slices.Sort(out[start:])
		out = append(out[:start], slices.Compact(out[start:])...)
	}
	return out
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
		cs, err := compiled()
		if err != nil {
			yield(collection.Case{}, err)
			return
		}
		type hit struct {
			day date.Date
			i   int32
			id  []byte
		}
		s.once.Do(s.init)
		s.mu.RLock()
		var days []date.Date
		n := 0
		for d, dd := range s.due {
			if !d.After(day) {
				days = append(days, d)
				n += dd.live
			}
		}
		hits := make([]hit, 0, n)
		var ids []int32
		for _, d := range days {
			ids = s.dueSlots(d, ids[:0], s.due[d])
			for _, i := range ids {
				hits = append(hits, hit{d, i, s.idAt(i)})
			}
		}
		s.mu.RUnlock()
		slices.SortFunc(hits, func(a, b hit) int {
			if c := a.day.Compare(b.day); c != 0 {
				return c
			}
			return bytes.Compare(a.id, b.id)
		})
		for _, h := range hits {
			if err := ctx.Err(); err != nil {
				yield(collection.Case{}, err)
				return
			}
			// The case may have changed since the snapshot: yield it as it is now,
			// if it is still due (the order is that of the snapshot).
			s.mu.RLock()
			p := s.slot(h.i)
			rec, due, v := s.a.get(p.rec), p.due, s.view()
			s.mu.RUnlock()
			if due.IsZero() || due.After(day) {
				continue
			}
			c, err := s.unpackCase(cs, rec, &v)
			if !yield(c, err) || err != nil {
				return
			}
		}
	}
}

// List yields the cases that match f, by ID; never a deleted one.
func (s *Store) List(ctx context.Context, f collection.Filter) iter.Seq2[collection.Case, error] {
	return func(yield func(collection.Case, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(collection.Case{}, err)
			return
		}
		cs, err := compiled()
		if err != nil {
			yield(collection.Case{}, err)
			return
		}
		s.once.Do(s.init)
		s.mu.RLock()
		v := s.view()
		var recs [][]byte
		match := func(i int32) {
			p := s.slot(i)
			switch {
			case p.status == collection.StatusDeleted,
				len(f.Statuses) > 0 && !slices.Contains(f.Statuses, p.status),
				f.CreditorID != "" && v.parties[p.creditor].ID != f.CreditorID,
				f.DebtorID != "" && v.parties[p.debtor].ID != f.DebtorID:
				return
			}
			recs = append(recs, s.a.get(p.rec))
		}
		if f.InvoiceID != "" {
			for _, i := range s.withInvoice(s.invoiceHash(f.InvoiceID)) {
				match(i)
			}
		} else {
			for i := range s.slots {
				match(int32(i))
			}
		}
		s.mu.RUnlock()
		slices.SortFunc(recs, func(a, b []byte) int { return bytes.Compare(idOf(a), idOf(b)) })
		for _, rec := range recs {
			if err := ctx.Err(); err != nil {
				yield(collection.Case{}, err)
				return
			}
			c, err := s.unpackCase(cs, rec, &v)
			if err != nil {
				yield(collection.Case{}, err)
				return
			}
			if f.Match(c) && !yield(c, nil) {
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
		cs, err := compiled()
		if err != nil {
			yield(collection.Event{}, err)
			return
		}
		s.once.Do(s.init)
		s.mu.RLock()
		var blocks [][]byte
		var v view
		if i, ok := s.find(id); ok {
			for b := s.slot(i).events; b != 0; {
				block := s.a.get(b)
				blocks = append(blocks, block)
				b = prevBlock(block)
			}
			v = s.view()
		}
		s.mu.RUnlock()
		slices.Reverse(blocks)
		evs, err := s.unpackEvents(cs, blocks, id, &v)
		if err != nil {
			yield(collection.Event{}, err)
			return
		}
		for _, e := range evs {
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

// InvoiceHolder returns the running case that holds invoice invoiceID of
// creditor creditorID (collection.InvoiceGuard).
func (s *Store) InvoiceHolder(ctx context.Context, creditorID, invoiceID string) (collection.CaseID, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	cs, err := compiled()
	if err != nil {
		return "", false, err
	}
	s.once.Do(s.init)
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.holder(cs, creditorID, invoiceID, s.invoiceHash(invoiceID), -1)
	if !ok {
		return "", false, nil
	}
	return collection.CaseID(s.idAt(i)), true, nil
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
		cs, err := compiled()
		if err != nil {
			yield(collection.OutboxEntry{}, err)
			return
		}
		type entry struct {
			pos uint64
			rec []byte
		}
		s.mu.RLock()
		var entries []entry
		for i := after; i < uint64(len(s.outbox)); i++ {
			rec := s.a.get(s.outbox[i])
			if len(s.cancelled) > 0 && s.cancelled[string(messageID(rec))] {
				continue
			}
			if _, done := s.delivered[i+1]; undelivered && done {
				continue
			}
			entries = append(entries, entry{i + 1, rec})
		}
		v := s.view()
		s.mu.RUnlock()
		for _, e := range entries {
			if err := ctx.Err(); err != nil {
				yield(collection.OutboxEntry{}, err)
				return
			}
			en, err := s.unpackEntry(cs, e.rec, e.pos, &v)
			if !yield(en, err) || err != nil {
				return
			}
		}
	}
}
