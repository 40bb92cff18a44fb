package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
)

var _ collection.BatchSaver = (*Store)(nil)

// SaveBatch saves writes (collection.BatchSaver): each as Save would, with
// its version check, in one transaction, so a batch costs one commit and, on
// PostgreSQL, a handful of round trips whatever its size.
//
// On PostgreSQL the batch is written set-wise, each statement taking its rows
// as one JSON parameter (jsonb_to_recordset, with any driver): one UPDATE of
// every case row with the version check (RETURNING the rows it wrote: a write
// whose version no longer matches is a *collection.ConflictError and writes
// nothing more), one read of the index rows of the batch's cases, the index
// changes, the payment ids, one INSERT of every event and one INSERT of
// every message (with no lock: the database orders the outbox, migration 5).
// A write that another check refuses (an invoice another case holds, a
// message id already in the outbox) rolls the transaction back; the batch is
// then written again without it, and it is saved alone with Save, which
// reports its error. A new case (Version 0) is saved alone too.
//
// On SQLite, whose one writer is in the same process, the batch is one
// BEGIN IMMEDIATE transaction of Save's statements for each write, prepared
// once per batch; a write refused by a check other than its version rolls
// the batch back too, and is taken alone as on PostgreSQL.
//
// Two writes of one case in a batch are a *dunning.FieldError (ErrConfig) and
// save nothing.
func (s *Store) SaveBatch(ctx context.Context, writes []collection.Write) ([]error, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seen := make(map[collection.CaseID]int, len(writes))
	for i, w := range writes {
		if j, dup := seen[w.Case.ID]; dup {
			return nil, &dunning.FieldError{Field: fmt.Sprintf("writes[%d].Case.ID", i), Value: string(w.Case.ID),
				Reason: "is the case of writes[" + strconv.Itoa(j) + "] too: a batch saves a case once", Err: ErrConfig}
		}
		seen[w.Case.ID] = i
	}
	errs := make([]error, len(writes))
	rows := make([]caseRow, len(writes))
	var todo, alone []int
	for i, w := range writes {
		r, err := s.encode(w.Case, w.Events, w.Outbox)
		switch {
		case err != nil:
			errs[i] = err
		case s.d == PostgreSQL && w.Case.Version == 0: // SQLite's save inserts it in the batch
			alone = append(alone, i)
		default:
			rows[i] = r
			todo = append(todo, i)
		}
	}
	for len(todo) > 0 {
		var refused []int
		var after func(*sql.Conn)
		if s.d == SQLite {
			after = checkpoint
		}
		err := s.writeThen(ctx, func(ex execer) error {
			var err error
			for _, i := range todo {
				errs[i] = nil
			}
			if s.d == SQLite {
				refused, err = s.saveEach(ctx, ex, writes, rows, todo, errs)
			} else {
				refused, err = s.saveSet(ctx, ex, writes, rows, todo, errs)
			}
			if err == nil && len(refused) > 0 {
				return errRefused
			}
			return err
		}, after)
		if errors.Is(err, errRefused) {
			todo = slices.DeleteFunc(todo, func(i int) bool { return slices.Contains(refused, i) })
			alone = append(alone, refused...)
			continue
		}
		if err != nil {
			return nil, s.ctxErr(ctx, fmt.Errorf("sqlstore: save batch: %w", err))
		}
		break
	}
	slices.Sort(alone)
	for _, i := range alone {
		w := writes[i]
		if _, err := s.Save(ctx, w.Case, w.Events, w.Outbox); err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return nil, cerr
			}
			errs[i] = err
		}
	}
	return errs, nil
}

// errRefused rolls back a batch transaction in which a write was refused by a
// check other than its version.
var errRefused = errors.New("sqlstore: a write of the batch was refused")

// saveEach is SQLite's SaveBatch transaction for the writes todo: Save's
// statements for each write, on statements prepared once for the batch. A
// write whose version does not match writes nothing (the case row is the
// first statement) and gets its *collection.ConflictError in errs; a write
// another check refuses ends the batch: it returns that write, and the caller
// rolls back and takes it alone. (A savepoint per write would keep the others,
// but costs SQLite a sub-journal page for every page a write touches.)
func (s *Store) saveEach(ctx context.Context, ex execer, writes []collection.Write, rows []caseRow, todo []int, errs []error) ([]int, error) {
	conn, ok := ex.(*sql.Conn)
	if !ok {
		return nil, fmt.Errorf("sqlstore: a SQLite batch needs a connection, not %T", ex)
	}
	// A batch writes a few megabytes: the default page cache (2 MB) would
	// spill them to the WAL before the commit. Its commit does not
	// checkpoint (copy the WAL back to the database file and sync it) while
	// the other writers wait: checkpoint does, after the write lock is free.
	// Both are settings of this connection.
	for _, pragma := range []string{"PRAGMA cache_size = -16384", "PRAGMA wal_autocheckpoint = 0"} {
		if _, err := conn.ExecContext(ctx, pragma); err != nil {
			return nil, err
		}
	}
	ps := &preparedExecer{conn: conn, stmts: map[string]*sql.Stmt{}}
	defer ps.close()
	for _, i := range todo {
		err := s.save(ctx, ps, writes[i].Case, rows[i])
		var ce *collection.ConflictError
		switch {
		case errors.As(err, &ce):
			errs[i] = err
		case isRefusal(err):
			return []int{i}, nil
		case err != nil:
			return nil, err
		}
	}
	return nil, nil
}

// checkpoint copies what it can of SQLite's WAL back to the database file
// (PASSIVE: waiting for no reader and no writer) after a batch committed, so
// that the batch's commit did not have to while the other writers waited. It
// is housekeeping, not part of the batch: a checkpoint that fails leaves the
// WAL to the next one and the batch saved.
func checkpoint(conn *sql.Conn) {
	_, _ = conn.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
}

// isRefusal reports whether err is a write's own refusal (a conflict, a
// duplicate id, an invoice held by another case) rather than the database's.
func isRefusal(err error) bool {
	var ce *collection.ConflictError
	var de *DuplicateError
	var ie *collection.InvoiceError
	return errors.As(err, &ce) || errors.As(err, &de) || errors.As(err, &ie)
}

// preparedExecer runs statements on conn, each prepared once.
type preparedExecer struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

func (p *preparedExecer) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := p.stmts[q]; ok {
		return st, nil
	}
	st, err := p.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	p.stmts[q] = st
	return st, nil
}

func (p *preparedExecer) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := p.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (p *preparedExecer) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext is the connection's own: a *sql.Row cannot carry a
// preparation error, and Save reads single rows only on its rare paths.
func (p *preparedExecer) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return p.conn.QueryRowContext(ctx, q, args...)
}

func (p *preparedExecer) close() {
	for _, st := range p.stmts {
		_ = st.Close()
	}
}

// rowOverhead is about what a batch parameter's row takes besides its
// document: the keys, ids, numbers and punctuation.
const rowOverhead = 192

// saveSet is PostgreSQL's SaveBatch transaction for the writes todo. A write
// whose version does not match gets its *collection.ConflictError in errs and
// nothing more is written for it. It returns the writes another check refused
// (the caller then rolls back and takes them alone); the rest is written only
// when there are none.
func (s *Store) saveSet(ctx context.Context, ex execer, writes []collection.Write, rows []caseRow, todo []int, errs []error) ([]int, error) {
	var cs jsonRows
	size := 0
	for _, i := range todo {
		size += len(rows[i].doc) + rowOverhead
	}
	cs.grow(size)
	for _, i := range todo {
		c, r := &writes[i].Case, &rows[i]
		cs.row()
		cs.str("id", string(c.ID)).num("version", int64(c.Version)).str("creditor", c.Creditor.ID).str("debtor", c.Debtor.ID).
			str("status", r.status).num("part", r.part).raw("doc", r.doc)
		if due, ok := r.nextDue.(string); ok {
			cs.str("next_due", due)
		} else {
			cs.null("next_due")
		}
	}
	byID := make(map[string]int, len(todo))
	for _, i := range todo {
		byID[string(writes[i].Case.ID)] = i
	}
	written := map[int]bool{}
	if err := queryEach(ctx, ex, batchUpdate, []any{cs.text()}, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		written[byID[id]] = true
		return nil
	}); err != nil {
		return nil, err
	}
	var saved, conflicts []string
	for _, i := range todo {
		if written[i] {
			saved = append(saved, string(writes[i].Case.ID))
		} else {
			conflicts = append(conflicts, string(writes[i].Case.ID))
		}
	}
	if len(conflicts) > 0 {
		have := map[string]int64{}
		if err := queryEach(ctx, ex, batchVersions, []any{jsonText(conflicts)}, func(rows *sql.Rows) error {
			var id string
			var v int64
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			have[id] = v
			return nil
		}); err != nil {
			return nil, err
		}
		for _, id := range conflicts {
			i := byID[id]
			errs[i] = &collection.ConflictError{CaseID: collection.CaseID(id), Want: writes[i].Case.Version, Have: collection.Version(have[id])}
		}
	}
	if len(saved) == 0 {
		return nil, nil
	}
	refusedIdx, err := s.syncIndexSet(ctx, ex, writes, rows, byID, saved)
	if err != nil || len(refusedIdx) > 0 {
		return refusedIdx, err
	}

	var payments, cancels, events, messages jsonRows
	evSize, msgSize := 0, 0
	for _, id := range saved {
		r := &rows[byID[id]]
		for _, e := range r.events {
			evSize += len(e.doc) + rowOverhead
		}
		for _, m := range r.outbox {
			msgSize += len(m.doc) + rowOverhead
		}
	}
	events.grow(evSize)
	messages.grow(msgSize)
	owner := map[string]int{} // message id → write
	for _, id := range saved {
		i := byID[id]
		r := &rows[i]
		seq := int64(writes[i].Case.Version) + 1
		for _, p := range r.payments {
			payments.row()
			payments.str("a", id).str("b", p)
		}
		for _, e := range r.events {
			events.row()
			events.str("case_id", id).num("seq", seq).str("type", e.typ).raw("doc", e.doc)
		}
		for _, m := range r.cancel {
			cancels.row()
			cancels.str("a", m).str("b", id)
		}
		for _, m := range r.outbox {
			if _, dup := owner[m.id]; dup {
				return []int{i}, nil // the same message id twice in the batch: the later write alone
			}
			owner[m.id] = i
			messages.row()
			messages.str("message_id", m.id).str("case_id", id).num("seq", seq).raw("doc", m.doc).num("send_at", m.sendAt)
		}
	}
	for _, st := range []struct {
		rows *jsonRows
		q    string
	}{{&payments, batchPayments}, {&events, batchEvents}, {&cancels, batchCancels}} {
		if len(st.rows.b) > 0 {
			if _, err := ex.ExecContext(ctx, st.q, st.rows.text()); err != nil {
				return nil, err
			}
		}
	}
	if len(owner) == 0 {
		return nil, nil
	}
	inserted := map[string]bool{}
	if err := queryEach(ctx, ex, batchMessages, []any{messages.text()}, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		inserted[id] = true
		return nil
	}); err != nil {
		return nil, err
	}
	var dups []int
	for _, id := range saved {
		for _, m := range rows[byID[id]].outbox {
			if i := owner[m.id]; !inserted[m.id] && !slices.Contains(dups, i) {
				dups = append(dups, i)
			}
		}
	}
	return dups, nil
}

// syncIndexSet is syncIndex for the saved cases of a batch: one read of their
// index rows, then one statement per kind of change. It returns the writes
// whose case would hold an invoice another case holds.
func (s *Store) syncIndexSet(ctx context.Context, ex execer, writes []collection.Write, rows []caseRow, byID map[string]int, saved []string) ([]int, error) {
	haveInv := map[string]map[string]bool{}
	haveHold := map[string]map[holdKey]bool{}
	if err := queryEach(ctx, ex, batchIndex, []any{jsonText(saved)}, func(rows *sql.Rows) error {
		var id, cr, inv string
		var kind int
		if err := rows.Scan(&id, &kind, &cr, &inv); err != nil {
			return err
		}
		if kind == 0 {
			if haveInv[id] == nil {
				haveInv[id] = map[string]bool{}
			}
			haveInv[id][inv] = true
		} else {
			if haveHold[id] == nil {
				haveHold[id] = map[holdKey]bool{}
			}
			haveHold[id][holdKey{cr, inv}] = true
		}
		return nil
	}); err != nil {
		return nil, err
	}
	type row struct {
		Case     string `json:"case_id"`
		Creditor string `json:"creditor_id"`
		Invoice  string `json:"invoice_id"`
	}
	var addInv, delInv, addHold, delHold []row
	for _, id := range saved {
		i := byID[id]
		d := indexDiff(writes[i].Case, rows[i], haveInv[id], haveHold[id])
		for _, inv := range d.addInv {
			addInv = append(addInv, row{Case: id, Invoice: inv})
		}
		for _, inv := range d.delInv {
			delInv = append(delInv, row{Case: id, Invoice: inv})
		}
		for _, k := range d.addHold {
			addHold = append(addHold, row{id, k.creditor, k.invoice})
		}
		for _, k := range d.delHold {
			delHold = append(delHold, row{id, k.creditor, k.invoice})
		}
	}
	for _, st := range []struct {
		rows []row
		q    string
	}{{delInv, batchDeleteInvoices}, {addInv, batchInsertInvoices}, {delHold, batchDeleteHolds}} {
		if len(st.rows) > 0 {
			if _, err := ex.ExecContext(ctx, st.q, jsonText(st.rows)); err != nil {
				return nil, err
			}
		}
	}
	if len(addHold) == 0 {
		return nil, nil
	}
	slices.SortFunc(addHold, func(a, b row) int { // one key order for every writer
		return cmp.Or(strings.Compare(a.Creditor, b.Creditor), strings.Compare(a.Invoice, b.Invoice))
	})
	took := map[row]bool{}
	if err := queryEach(ctx, ex, batchInsertHolds, []any{jsonText(addHold)}, func(rows *sql.Rows) error {
		var r row
		if err := rows.Scan(&r.Case, &r.Creditor, &r.Invoice); err != nil {
			return err
		}
		took[r] = true
		return nil
	}); err != nil {
		return nil, err
	}
	var out []int
	for _, r := range addHold {
		if i := byID[r.Case]; !took[r] && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out, nil
}

// jsonText is v as JSON text, for a statement's one JSON parameter. v is made
// of strings, numbers and raw JSON the store encoded, so it always encodes.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("sqlstore: encode a batch parameter: " + err.Error())
	}
	return string(b)
}

// queryEach runs q and calls scan for each row.
func queryEach(ctx context.Context, ex execer, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := ex.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// The statements of a PostgreSQL batch. Each takes its rows as one JSON array
// ($1, text cast to jsonb), so its text never changes with the batch's size
// (the driver prepares it once per connection) and any driver can pass it.
const (
	batchUpdate = `UPDATE dunning_cases AS c SET version = v.version + 1, creditor_id = v.creditor, debtor_id = v.debtor,
status = v.status, next_due = v.next_due, part = v.part, doc = v.doc
FROM jsonb_to_recordset(($1::text)::jsonb) AS v(id text, version bigint, creditor text, debtor text, status text, next_due date, part bigint, doc jsonb)
WHERE c.id = v.id AND c.version = v.version RETURNING c.id`
	batchVersions = `SELECT id, version FROM dunning_cases WHERE id IN (SELECT jsonb_array_elements_text(($1::text)::jsonb))`
	batchIndex    = `SELECT case_id, 0, '', invoice_id FROM dunning_claims WHERE case_id IN (SELECT jsonb_array_elements_text(($1::text)::jsonb))
UNION ALL SELECT case_id, 1, creditor_id, invoice_id FROM dunning_case_invoices WHERE case_id IN (SELECT jsonb_array_elements_text(($1::text)::jsonb))`
	batchDeleteInvoices = `DELETE FROM dunning_claims d USING jsonb_to_recordset(($1::text)::jsonb) AS x(case_id text, invoice_id text)
WHERE d.case_id = x.case_id AND d.invoice_id = x.invoice_id`
	batchInsertInvoices = `INSERT INTO dunning_claims (invoice_id, case_id) SELECT invoice_id, case_id FROM jsonb_to_recordset(($1::text)::jsonb) AS x(case_id text, invoice_id text)`
	batchDeleteHolds    = `DELETE FROM dunning_case_invoices d USING jsonb_to_recordset(($1::text)::jsonb) AS x(case_id text, creditor_id text, invoice_id text)
WHERE d.creditor_id = x.creditor_id AND d.invoice_id = x.invoice_id AND d.case_id = x.case_id`
	batchInsertHolds = `INSERT INTO dunning_case_invoices (creditor_id, invoice_id, case_id)
SELECT creditor_id, invoice_id, case_id FROM jsonb_to_recordset(($1::text)::jsonb) AS x(case_id text, creditor_id text, invoice_id text)
ON CONFLICT (creditor_id, invoice_id) DO NOTHING RETURNING case_id, creditor_id, invoice_id`
	batchPayments = `INSERT INTO dunning_payments (case_id, payment_id) SELECT a, b FROM jsonb_to_recordset(($1::text)::jsonb) AS x(a text, b text)
ON CONFLICT (case_id, payment_id) DO NOTHING`
	batchEvents = `INSERT INTO dunning_events (case_id, seq, type, doc)
SELECT x.case_id, x.seq, x.type, x.doc FROM jsonb_array_elements(($1::text)::jsonb) WITH ORDINALITY AS e(v, n),
LATERAL jsonb_to_record(e.v) AS x(case_id text, seq bigint, type text, doc jsonb) ORDER BY e.n`
	batchCancels = `DELETE FROM dunning_outbox o USING jsonb_to_recordset(($1::text)::jsonb) AS x(a text, b text)
WHERE o.message_id = x.a AND o.case_id = x.b AND o.delivered_at IS NULL`
	batchMessages = `INSERT INTO dunning_outbox (message_id, case_id, seq, doc, send_at)
SELECT x.message_id, x.case_id, x.seq, x.doc, x.send_at FROM jsonb_array_elements(($1::text)::jsonb) WITH ORDINALITY AS e(v, n),
LATERAL jsonb_to_record(e.v) AS x(message_id text, case_id text, seq bigint, doc jsonb, send_at bigint) ORDER BY e.n
ON CONFLICT (message_id) DO NOTHING RETURNING message_id`
)
