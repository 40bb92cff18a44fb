package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// Options configure a Store. The zero Options detect the dialect from the
// driver, read 256 rows per page and let a SQLite writer wait up to 10 seconds
// for the write lock.
type Options struct {
	// Dialect is the database's dialect; zero means Detect(db).
	Dialect Dialect
	// Clock is ignored.
	//
	// Deprecated: outbox leases, send times and delivery marks are timed by
	// the database's clock (PostgreSQL's now(), the machine's clock on
	// SQLite), so that workers whose clocks disagree never take each other's
	// leases; the store reads no other time.
	Clock date.Clock
	// PageSize is how many rows an iterator reads per query (keyset
	// pagination); 0 means 256.
	PageSize int
	// BusyTimeout is how long a SQLite writer waits for another connection or
	// process holding the write lock before it fails; 0 means 10 seconds.
	// PostgreSQL ignores it.
	BusyTimeout time.Duration
}

// Store is a collection.Store over database/sql that also implements
// collection.EventReader, collection.OutboxReader,
// collection.DeliveryRecorder and collection.InvoiceGuard, and leases outbox
// messages to relays in several processes (ClaimOutbox). It is safe for
// concurrent use by many goroutines and many processes sharing one database.
type Store struct {
	db   *sql.DB
	d    Dialect
	page int
	busy string // PRAGMA busy_timeout statement (SQLite)
	// part and parts select this view's partition of Due (see Partition); parts
	// 0 or 1 means every case.
	part, parts int
	q           queries
	// writing serialises this process's SQLite write transactions (shared by
	// the Partition views): a writer waiting for another in the same process
	// starts the moment it commits, instead of polling SQLite's busy handler.
	writing *sync.Mutex
}

var (
	_ collection.Store            = (*Store)(nil)
	_ collection.EventReader      = (*Store)(nil)
	_ collection.OutboxReader     = (*Store)(nil)
	_ collection.DeliveryRecorder = (*Store)(nil)
	_ collection.InvoiceGuard     = (*Store)(nil)
)

// New returns a Store over db, which Migrate must have brought to
// SchemaVersion (New checks, and fails with an error wrapping ErrSchema
// otherwise). The host opens db with the driver it likes and keeps owning it:
// closing db is the host's business, and so is its pool size.
func New(ctx context.Context, db *sql.DB, opts Options) (*Store, error) {
	if db == nil {
		return nil, &dunning.FieldError{Field: "db", Value: "<nil>", Reason: "is required", Err: ErrConfig}
	}
	d := opts.Dialect
	if d == 0 {
		var err error
		if d, err = Detect(db); err != nil {
			return nil, err
		}
	}
	var errs []error
	if !d.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "Options.Dialect", Value: d.String(), Reason: "is not SQLite or PostgreSQL", Err: ErrConfig})
	}
	if opts.PageSize < 0 {
		errs = append(errs, &dunning.FieldError{Field: "Options.PageSize", Value: strconv.Itoa(opts.PageSize), Reason: "is negative", Err: ErrConfig})
	}
	if opts.BusyTimeout < 0 {
		errs = append(errs, &dunning.FieldError{Field: "Options.BusyTimeout", Value: opts.BusyTimeout.String(), Reason: "is negative", Err: ErrConfig})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s := &Store{db: db, d: d, page: opts.PageSize, q: newQueries(d), writing: new(sync.Mutex)}
	if s.page == 0 {
		s.page = 256
	}
	busy := opts.BusyTimeout
	if busy == 0 {
		busy = 10 * time.Second
	}
	s.busy = "PRAGMA busy_timeout = " + strconv.FormatInt(busy.Milliseconds(), 10)
	v, err := Version(ctx, db)
	if err != nil {
		return nil, err
	}
	if v != SchemaVersion {
		return nil, fmt.Errorf("sqlstore: the database is at schema version %d, this package needs %d (run Migrate): %w", v, SchemaVersion, ErrSchema)
	}
	return s, nil
}

// DB returns the database the store was made with.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns the store's dialect.
func (s *Store) Dialect() Dialect { return s.d }

// Partition returns a view of s whose Due yields only the cases of partition i
// of n (0 ≤ i < n); every other method is s's. Worker processes that share one
// database each take one partition and run the daily batch over it, so two
// workers never act on the same case in the same run. The partition of a case
// is a hash of its creditor and debtor ids (PartitionKey), so all of a
// debtor's cases with one creditor fall in the same partition (a balance
// statement, S12, sees them all). Partition i of n is a range of keys, the
// i-th of n equal ranges (PartitionRange); the key is stored with the case and
// is a column of the due index (next_due, id, part), so a worker's Due reads
// only its own rows from the table and skips the others' in the index.
//
// Every partition must be run for every case to be taken: a worker that dies
// leaves its partition for its restart (or for a later run with any n). The
// version check of Save stays the final guard if two runs overlap anyway.
func (s *Store) Partition(i, n int) (*Store, error) {
	if n < 1 || i < 0 || i >= n {
		return nil, &dunning.FieldError{Field: "partition", Value: strconv.Itoa(i) + " of " + strconv.Itoa(n), Reason: "needs 0 ≤ i < n", Err: ErrConfig}
	}
	v := *s
	v.part, v.parts = i, n
	return &v, nil
}

// keySpace is the number of partition keys: PartitionKey is 31 bits.
const keySpace = 1 << 31

// PartitionRange returns the keys of partition i of n: PartitionKey lo ≤ k < hi.
// The n ranges are equal (to one key) and together cover every key.
func PartitionRange(i, n int) (lo, hi int64) {
	return int64(i) * keySpace / int64(n), int64(i+1) * keySpace / int64(n)
}

// PartitionKey is the partition key Save stores with a case (column part):
// 31 bits of the FNV-1a hash of its creditor and debtor ids, "creditor\x00debtor".
// Partition i of n holds the cases whose key is in PartitionRange(i, n).
// Hosts that load cases into the tables by other means than Save must store
// it too.
func PartitionKey(c collection.Case) int64 {
	h := fnv.New32a()
	h.Write([]byte(c.Creditor.ID))
	h.Write([]byte{0})
	h.Write([]byte(c.Debtor.ID))
	return int64(h.Sum32() & 0x7fffffff)
}

// Get returns the stored case, or a *collection.NotFoundError.
func (s *Store) Get(ctx context.Context, id collection.CaseID) (collection.Case, error) {
	if err := ctx.Err(); err != nil {
		return collection.Case{}, err
	}
	var v int64
	var doc string
	err := s.db.QueryRowContext(ctx, s.q.get, string(id)).Scan(&v, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return collection.Case{}, &collection.NotFoundError{CaseID: id}
	}
	if err != nil {
		return collection.Case{}, s.ctxErr(ctx, fmt.Errorf("sqlstore: get %s: %w", id, err))
	}
	return decodeCase(v, doc)
}

func decodeCase(v int64, doc string) (collection.Case, error) {
	var c collection.Case
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		return collection.Case{}, fmt.Errorf("sqlstore: decode case: %w", err)
	}
	c.Version = collection.Version(v)
	return c, nil
}

// ctxErr returns ctx's error if it is done (a cancelled query is reported as
// the cancellation, whatever the driver made of it), else err.
func (s *Store) ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return err
}

// Save stores c at version c.Version+1 if the stored version is c.Version, and
// in the same transaction indexes its invoices, the invoices it holds
// (collection.InvoiceGuard) and its payment ids and appends events and
// outbox. On a version mismatch it returns a *collection.ConflictError and
// writes nothing. An invoice c would hold that another case holds is a
// *collection.InvoiceError naming that case, and writes nothing. A message id
// already in the outbox, or a payment id twice in c, is a *DuplicateError and
// writes nothing.
//
// The send time of a message, for ClaimOutbox, is its SendAt; a message
// without one may be sent at once.
func (s *Store) Save(ctx context.Context, c collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	row, err := s.encode(c, events, outbox)
	if err != nil {
		return 0, err
	}
	err = s.write(ctx, func(ex execer) error { return s.save(ctx, ex, c, row) })
	if err != nil {
		if isRefusal(err) {
			return 0, err
		}
		return 0, s.ctxErr(ctx, fmt.Errorf("sqlstore: save %s: %w", c.ID, err))
	}
	return c.Version + 1, nil
}

// caseRow is a case, its events and its messages encoded for the tables.
type caseRow struct {
	status   string
	nextDue  any // string or nil
	part     int64
	doc      string
	invoices []string
	// held are the invoices the case holds (collection.Case.HeldInvoices),
	// sorted, so that concurrent Saves take the keys in one order.
	held     []string
	payments []string
	events   []eventRow
	outbox   []outboxRow
	// cancel are the ids of outbox messages a message.cancelled event takes out.
	cancel []string
}

type eventRow struct {
	typ string
	doc string
}

type outboxRow struct {
	id     string
	doc    string
	sendAt int64
}

// encode checks and encodes everything Save writes, before the transaction.
func (s *Store) encode(c collection.Case, events []collection.Event, outbox []letters.Message) (caseRow, error) {
	st, err := c.Status.MarshalText()
	if err != nil {
		return caseRow{}, &dunning.FieldError{Field: "Case.Status", Value: c.Status.String(), Reason: "is not a status", Err: err}
	}
	r := caseRow{status: string(st), part: PartitionKey(c)}
	if !c.NextDue.IsZero() {
		r.nextDue = c.NextDue.String()
	}
	stored := c
	stored.Version = c.Version + 1
	b, err := marshal(stored)
	if err != nil {
		return caseRow{}, fmt.Errorf("sqlstore: encode case %s: %w", c.ID, err)
	}
	r.doc = b
	seen := make(map[string]bool, len(c.Claims))
	for _, cl := range c.Claims {
		if !seen[cl.InvoiceID] {
			seen[cl.InvoiceID] = true
			r.invoices = append(r.invoices, cl.InvoiceID)
		}
	}
	r.held = c.HeldInvoices()
	slices.Sort(r.held)
	clear(seen)
	for _, p := range c.Payments {
		if seen[p.ID] {
			return caseRow{}, &DuplicateError{CaseID: string(c.ID), Kind: "payment", ID: p.ID}
		}
		seen[p.ID] = true
		r.payments = append(r.payments, p.ID)
	}
	for _, e := range events {
		b, err := marshal(e)
		if err != nil {
			return caseRow{}, fmt.Errorf("sqlstore: encode event %s of case %s: %w", e.Type, c.ID, err)
		}
		r.events = append(r.events, eventRow{typ: string(e.Type), doc: b})
		if e.Type == collection.EventMessageCancelled {
			r.cancel = append(r.cancel, e.Data["message"])
		}
	}
	clear(seen)
	for _, m := range outbox {
		if seen[m.ID] {
			return caseRow{}, &DuplicateError{CaseID: string(c.ID), Kind: "message", ID: m.ID}
		}
		seen[m.ID] = true
		b, err := marshal(m)
		if err != nil {
			return caseRow{}, fmt.Errorf("sqlstore: encode message %s of case %s: %w", m.ID, c.ID, err)
		}
		var sendAt int64
		if !m.SendAt.IsZero() {
			sendAt = m.SendAt.UnixMilli()
		}
		r.outbox = append(r.outbox, outboxRow{id: m.ID, doc: b, sendAt: sendAt})
	}
	return r, nil
}

// save is Save's transaction. The first statement writes the case row with the
// version check, so on PostgreSQL a concurrent writer of the same case waits
// for the row lock and then finds the version changed.
func (s *Store) save(ctx context.Context, ex execer, c collection.Case, r caseRow) error {
	id := string(c.ID)
	newV := int64(c.Version) + 1
	var res sql.Result
	var err error
	if c.Version == 0 {
		res, err = ex.ExecContext(ctx, s.q.insertCase, id, newV, c.Creditor.ID, c.Debtor.ID, r.status, r.nextDue, r.part, r.doc)
	} else {
		res, err = ex.ExecContext(ctx, s.q.updateCase, newV, c.Creditor.ID, c.Debtor.ID, r.status, r.nextDue, r.part, r.doc, id, int64(c.Version))
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		var have int64
		if err := ex.QueryRowContext(ctx, s.q.version, id).Scan(&have); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return &collection.ConflictError{CaseID: c.ID, Want: c.Version, Have: collection.Version(have)}
	}
	if err := s.syncIndex(ctx, ex, c, r); err != nil {
		return err
	}
	for _, p := range r.payments {
		if _, err := ex.ExecContext(ctx, s.q.insertPayment, id, p); err != nil {
			return err
		}
	}
	if len(r.events) > 0 {
		args := make([]any, 0, 4*len(r.events))
		for _, e := range r.events {
			args = append(args, id, newV, e.typ, e.doc)
		}
		if _, err := ex.ExecContext(ctx, s.q.insertEvents(len(r.events)), args...); err != nil {
			return err
		}
	}
	for _, m := range r.cancel {
		if _, err := ex.ExecContext(ctx, s.q.cancelMessage, m, id); err != nil {
			return err
		}
	}
	if len(r.outbox) > 0 {
		// The database gives the positions (on PostgreSQL, from the
		// transaction's id: migration 5), so no lock is taken here.
		for _, m := range r.outbox {
			res, err := ex.ExecContext(ctx, s.q.insertMessage, m.id, id, newV, m.doc, m.sendAt)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return &DuplicateError{CaseID: id, Kind: "message", ID: m.id}
			}
		}
	}
	return nil
}

// holdKey is an invoice of a creditor, held by a case.
type holdKey struct{ creditor, invoice string }

// indexChanges are the rows of a case's index to write: its invoices in
// dunning_claims and the invoices it holds in dunning_case_invoices.
type indexChanges struct {
	addInv, delInv   []string
	addHold, delHold []holdKey // addHold in the case's sorted order of held invoices
}

// indexDiff decides what Save writes to the index of case c (encoded as r),
// given the rows it has (haveInv, haveHold; indexDiff takes what it needs
// out of haveInv). Save and SaveBatch both write what it says.
func indexDiff(c collection.Case, r caseRow, haveInv map[string]bool, haveHold map[holdKey]bool) indexChanges {
	var d indexChanges
	for _, inv := range r.invoices {
		if haveInv[inv] {
			delete(haveInv, inv)
		} else {
			d.addInv = append(d.addInv, inv)
		}
	}
	for inv := range haveInv {
		d.delInv = append(d.delInv, inv)
	}
	want := make(map[holdKey]bool, len(r.held))
	for _, inv := range r.held {
		k := holdKey{c.Creditor.ID, inv}
		want[k] = true
		if !haveHold[k] {
			d.addHold = append(d.addHold, k)
		}
	}
	for k := range haveHold {
		if !want[k] {
			d.delHold = append(d.delHold, k)
		}
	}
	return d
}

// syncIndex makes the case's rows in dunning_claims the invoice ids of its
// claims, and its rows in dunning_case_invoices the invoices it holds,
// writing only what changed. An invoice another case holds is a
// *collection.InvoiceError naming that case.
func (s *Store) syncIndex(ctx context.Context, ex execer, c collection.Case, r caseRow) error {
	id := string(c.ID)
	haveInv := map[string]bool{}
	haveHold := map[holdKey]bool{}
	if c.Version > 0 {
		rows, err := ex.QueryContext(ctx, s.q.caseIndex, id, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var kind int
			var cr, inv string
			if err := rows.Scan(&kind, &cr, &inv); err != nil {
				rows.Close()
				return err
			}
			if kind == 0 {
				haveInv[inv] = true
			} else {
				haveHold[holdKey{cr, inv}] = true
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	d := indexDiff(c, r, haveInv, haveHold)
	for _, inv := range d.addInv {
		if _, err := ex.ExecContext(ctx, s.q.insertInvoice, inv, id); err != nil {
			return err
		}
	}
	for _, inv := range d.delInv {
		if _, err := ex.ExecContext(ctx, s.q.deleteInvoice, inv, id); err != nil {
			return err
		}
	}
	// Free what the case no longer holds first, then take what it newly holds.
	for _, k := range d.delHold {
		if _, err := ex.ExecContext(ctx, s.q.deleteHold, k.creditor, k.invoice, id); err != nil {
			return err
		}
	}
	for _, k := range d.addHold {
		if err := s.hold(ctx, ex, c, k.invoice); err != nil {
			return err
		}
	}
	return nil
}

// hold records that case c holds invoice inv of its creditor, or returns a
// *collection.InvoiceError naming the case that holds it. On PostgreSQL the
// insert waits for a concurrent transaction that wrote the same key and then
// sees its outcome; should the holder let go between the insert and the
// look-up, the insert is tried again.
func (s *Store) hold(ctx context.Context, ex execer, c collection.Case, inv string) error {
	for range 5 {
		res, err := ex.ExecContext(ctx, s.q.insertHold, c.Creditor.ID, inv, string(c.ID))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			return nil
		}
		var holder string
		err = ex.QueryRowContext(ctx, s.q.holder, c.Creditor.ID, inv).Scan(&holder)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		return &collection.InvoiceError{InvoiceID: inv, CaseID: collection.CaseID(holder)}
	}
	return fmt.Errorf("sqlstore: invoice %q of creditor %q: the holder changed five times during one Save", inv, c.Creditor.ID)
}

// InvoiceHolder returns the running case that holds invoice invoiceID of
// creditor creditorID (collection.InvoiceGuard), read from dunning_case_invoices.
func (s *Store) InvoiceHolder(ctx context.Context, creditorID, invoiceID string) (collection.CaseID, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	var holder string
	err := s.db.QueryRowContext(ctx, s.q.holder, creditorID, invoiceID).Scan(&holder)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.ctxErr(ctx, fmt.Errorf("sqlstore: holder of invoice %q: %w", invoiceID, err))
	}
	return collection.CaseID(holder), true, nil
}

// Due yields the cases with NextDue set and on or before day, by (NextDue, ID),
// never a deleted one; in a Partition view only that partition's. It reads
// PageSize rows per query, continuing after the last (NextDue, ID) read
// (keyset pagination on the index dunning_cases_due), and holds no connection
// while the consumer works, so the consumer may Save the cases it gets. A case
// saved during the iteration is yielded as read; one whose NextDue moved
// further but stays on or before day may be yielded again.
func (s *Store) Due(ctx context.Context, day date.Date) iter.Seq2[collection.Case, error] {
	return func(yield func(collection.Case, error) bool) {
		var lastDue, lastID string
		first := true
		for {
			args := []any{day.String()}
			if !first {
				args = append(args, lastDue, lastID)
			}
			if s.parts > 1 {
				lo, hi := PartitionRange(s.part, s.parts)
				args = append(args, lo, hi)
			}
			args = append(args, s.page)
			q := s.q.due(first, s.parts > 1)
			n := 0
			more := s.pageOf(ctx, q, args, yield, func(rows *sql.Rows) (collection.Case, error) {
				var v int64
				var doc string
				if err := rows.Scan(&lastDue, &lastID, &v, &doc); err != nil {
					return collection.Case{}, err
				}
				n++
				return decodeCase(v, doc)
			})
			if !more || n < s.page {
				return
			}
			first = false
		}
	}
}

// pageOf runs one page query and yields its rows after closing them, checking
// ctx before each. It reports whether the caller should read on.
func (s *Store) pageOf(ctx context.Context, q string, args []any, yield func(collection.Case, error) bool, scan func(*sql.Rows) (collection.Case, error)) bool {
	cs, err := readPage(ctx, s, q, args, scan)
	if err != nil {
		yield(collection.Case{}, s.ctxErr(ctx, err))
		return false
	}
	return yieldAll(ctx, cs, yield)
}

// readPage reads one page of rows into memory, so that no connection is held
// while the consumer works.
func readPage[T any](ctx context.Context, s *Store, q string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: query: %w", err)
	}
	defer rows.Close()
	out := make([]T, 0, s.page)
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: read: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: read: %w", err)
	}
	return out, nil
}

// yieldAll yields vs, checking ctx before each (and yielding its error last).
func yieldAll[T any](ctx context.Context, vs []T, yield func(T, error) bool) bool {
	for _, v := range vs {
		if err := ctx.Err(); err != nil {
			var zero T
			yield(zero, err)
			return false
		}
		if !yield(v, nil) {
			return false
		}
	}
	return true
}

// List yields the cases that match f, by ID, never a deleted one. Creditor,
// debtor and status are indexed columns, the invoice an indexed table; pages
// of PageSize rows continue after the last ID read.
func (s *Store) List(ctx context.Context, f collection.Filter) iter.Seq2[collection.Case, error] {
	where := []string{"c.status <> 'deleted'"}
	var args []any
	if f.CreditorID != "" {
		where = append(where, "c.creditor_id = ?")
		args = append(args, f.CreditorID)
	}
	if f.DebtorID != "" {
		where = append(where, "c.debtor_id = ?")
		args = append(args, f.DebtorID)
	}
	if f.InvoiceID != "" {
		where = append(where, "c.id IN (SELECT case_id FROM dunning_claims WHERE invoice_id = ?)")
		args = append(args, f.InvoiceID)
	}
	if len(f.Statuses) > 0 {
		marks := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			marks[i] = "?"
			args = append(args, st.String())
		}
		where = append(where, "c.status IN ("+strings.Join(marks, ", ")+")")
	}
	base := "SELECT c.id, c.version, " + s.q.docCol + " FROM dunning_cases c WHERE " + strings.Join(where, " AND ")
	first := s.d.rebind(base + " ORDER BY c.id LIMIT ?")
	next := s.d.rebind(base + " AND c.id > ? ORDER BY c.id LIMIT ?")
	return func(yield func(collection.Case, error) bool) {
		var last string
		q, a := first, append(append([]any{}, args...), s.page)
		for {
			n := 0
			more := s.pageOf(ctx, q, a, yield, func(rows *sql.Rows) (collection.Case, error) {
				var v int64
				var doc string
				if err := rows.Scan(&last, &v, &doc); err != nil {
					return collection.Case{}, err
				}
				n++
				return decodeCase(v, doc)
			})
			if !more || n < s.page {
				return
			}
			q, a = next, append(append([]any{}, args...), last, s.page)
		}
	}
}

// Events yields the events of case id in the order they were saved, a page at
// a time.
func (s *Store) Events(ctx context.Context, id collection.CaseID) iter.Seq2[collection.Event, error] {
	return func(yield func(collection.Event, error) bool) {
		var last int64
		for {
			evs, err := readPage(ctx, s, s.q.events, []any{string(id), last, s.page}, func(rows *sql.Rows) (collection.Event, error) {
				var doc string
				if err := rows.Scan(&last, &doc); err != nil {
					return collection.Event{}, err
				}
				var e collection.Event
				if err := json.Unmarshal([]byte(doc), &e); err != nil {
					return collection.Event{}, fmt.Errorf("decode event: %w", err)
				}
				return e, nil
			})
			if err != nil {
				yield(collection.Event{}, s.ctxErr(ctx, err))
				return
			}
			if !yieldAll(ctx, evs, yield) || len(evs) < s.page {
				return
			}
		}
	}
}

// Outbox yields the outbox entries after position after, in order, a page at
// a time, delivered or not. On PostgreSQL positions become visible in order
// (Save holds a lock from allocating them to its commit), so a relay's cursor
// never skips a message committed late; positions may have gaps where a Save
// failed.
func (s *Store) Outbox(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return s.outboxPages(ctx, s.q.outbox, after)
}

// Undelivered yields the outbox entries after position after that no relay
// marked delivered (collection.DeliveryRecorder: MarkDelivered, and Delivered
// of the leases), in order, a page at a time, on the partial index
// dunning_outbox_pending.
func (s *Store) Undelivered(ctx context.Context, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return s.outboxPages(ctx, s.q.undelivered, after)
}

// MarkDelivered marks the message at pos delivered at at
// (collection.DeliveryRecorder), so that Undelivered and ClaimOutbox skip it.
// A mark already there is kept; a position not in the outbox changes nothing.
func (s *Store) MarkDelivered(ctx context.Context, pos uint64, at time.Time) error {
	err := s.write(ctx, func(ex execer) error {
		_, err := ex.ExecContext(ctx, s.q.deliveredAt, at.UnixMilli(), int64(pos))
		return err
	})
	if err != nil {
		return s.ctxErr(ctx, fmt.Errorf("sqlstore: mark %d delivered: %w", pos, err))
	}
	return nil
}

// outboxPages runs the outbox query q (pos > ?, LIMIT ?) a page at a time.
func (s *Store) outboxPages(ctx context.Context, q string, after uint64) iter.Seq2[collection.OutboxEntry, error] {
	return func(yield func(collection.OutboxEntry, error) bool) {
		last := int64(after)
		for {
			es, err := readPage(ctx, s, q, []any{last, s.page}, func(rows *sql.Rows) (collection.OutboxEntry, error) {
				e, err := scanEntry(rows)
				last = int64(e.Pos)
				return e, err
			})
			if err != nil {
				yield(collection.OutboxEntry{}, s.ctxErr(ctx, err))
				return
			}
			if !yieldAll(ctx, es, yield) || len(es) < s.page {
				return
			}
		}
	}
}

// scanEntry reads (pos, case_id, seq, doc) into an entry.
func scanEntry(rows *sql.Rows) (collection.OutboxEntry, error) {
	var pos, seq int64
	var caseID, doc string
	if err := rows.Scan(&pos, &caseID, &seq, &doc); err != nil {
		return collection.OutboxEntry{}, err
	}
	e := collection.OutboxEntry{Pos: uint64(pos), CaseID: collection.CaseID(caseID), Seq: collection.Version(seq)}
	if err := json.Unmarshal([]byte(doc), &e.Message); err != nil {
		return e, fmt.Errorf("decode message at %d: %w", pos, err)
	}
	return e, nil
}
