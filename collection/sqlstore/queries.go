package sqlstore

import "strings"

// queries are the statements of one dialect, built once by New. Placeholders
// are written as ? and rebound for PostgreSQL.
type queries struct {
	d      Dialect
	docCol string // the case document as text

	get, version                            string
	insertCase, updateCase                  string
	caseIndex, insertInvoice, deleteInvoice string
	insertHold, deleteHold, holder          string
	insertPayment, insertMessage            string
	cancelMessage                           string
	dueFirst, dueNext, dueFirstPart         string
	dueNextPart                             string
	events, outbox, undelivered             string
	claim, delivered, deliveredAt           string
	release, releaseAfter                   string

	eventInserts []string // by row count - 1, for up to 8 rows
}

// nowMillis is the database's clock in Unix milliseconds: on PostgreSQL the
// transaction's timestamp (now()), the one clock every worker process shares;
// on SQLite the machine's clock, read by SQLite ('now'), the one clock of
// every process that opens the file. Leases, send times and delivery marks
// are compared with it, never with a caller's clock.
func nowMillis(d Dialect) string {
	if d == PostgreSQL {
		return "(extract(epoch FROM now()) * 1000)::bigint"
	}
	return "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
}

func newQueries(d Dialect) queries {
	date, jsonIn, docCol, doc := "?", "?", "c.doc", "doc"
	if d == PostgreSQL {
		date, jsonIn, docCol, doc = "?::date", "(?::text)::jsonb", "c.doc::text", "doc::text"
	}
	now := nowMillis(d)
	nextDue := "next_due"
	if d == PostgreSQL {
		nextDue = "next_due::text"
	}
	// settled keeps a reader of the outbox by position to the positions no
	// running transaction can still write below: on PostgreSQL those under
	// dunning_outbox_horizon() (migration 5), where writers take no lock; on
	// SQLite every committed one, since its writers commit one at a time in
	// the order of their positions.
	settled := ""
	if d == PostgreSQL {
		settled = " AND pos < dunning_outbox_horizon()"
	}
	r := d.rebind
	q := queries{
		d:       d,
		docCol:  docCol,
		get:     r("SELECT version, " + doc + " FROM dunning_cases WHERE id = ?"),
		version: r("SELECT version FROM dunning_cases WHERE id = ?"),
		insertCase: r("INSERT INTO dunning_cases (id, version, creditor_id, debtor_id, status, next_due, part, doc) VALUES (?, ?, ?, ?, ?, " +
			date + ", ?, " + jsonIn + ") ON CONFLICT (id) DO NOTHING"),
		updateCase: r("UPDATE dunning_cases SET version = ?, creditor_id = ?, debtor_id = ?, status = ?, next_due = " + date +
			", part = ?, doc = " + jsonIn + " WHERE id = ? AND version = ?"),
		// The invoice rows of a case (kind 0) and the invoices it holds (kind 1),
		// in one round trip.
		caseIndex: r("SELECT 0, '', invoice_id FROM dunning_claims WHERE case_id = ? " +
			"UNION ALL SELECT 1, creditor_id, invoice_id FROM dunning_case_invoices WHERE case_id = ?"),
		insertInvoice: r("INSERT INTO dunning_claims (invoice_id, case_id) VALUES (?, ?)"),
		deleteInvoice: r("DELETE FROM dunning_claims WHERE invoice_id = ? AND case_id = ?"),
		// collection.InvoiceGuard: no row is written when another case holds the
		// invoice (on PostgreSQL after waiting for a concurrent writer of the key).
		insertHold: r("INSERT INTO dunning_case_invoices (creditor_id, invoice_id, case_id) VALUES (?, ?, ?) " +
			"ON CONFLICT (creditor_id, invoice_id) DO NOTHING"),
		deleteHold:    r("DELETE FROM dunning_case_invoices WHERE creditor_id = ? AND invoice_id = ? AND case_id = ?"),
		holder:        r("SELECT case_id FROM dunning_case_invoices WHERE creditor_id = ? AND invoice_id = ?"),
		insertPayment: r("INSERT INTO dunning_payments (case_id, payment_id) VALUES (?, ?) ON CONFLICT (case_id, payment_id) DO NOTHING"),
		insertMessage: r("INSERT INTO dunning_outbox (message_id, case_id, seq, doc, send_at) VALUES (?, ?, ?, " + jsonIn +
			", ?) ON CONFLICT (message_id) DO NOTHING"),
		// E19: a message.cancelled event takes an undelivered message out.
		cancelMessage: r("DELETE FROM dunning_outbox WHERE message_id = ? AND case_id = ? AND delivered_at IS NULL"),
		events:        r("SELECT pos, " + doc + " FROM dunning_events WHERE case_id = ? AND pos > ? ORDER BY pos LIMIT ?"),
		outbox:        r("SELECT pos, case_id, seq, " + doc + " FROM dunning_outbox WHERE pos > ?" + settled + " ORDER BY pos LIMIT ?"),
		undelivered: r("SELECT pos, case_id, seq, " + doc + " FROM dunning_outbox WHERE pos > ?" + settled + " AND delivered_at IS NULL " +
			"ORDER BY pos LIMIT ?"),
		delivered: r("UPDATE dunning_outbox SET delivered_at = " + now + ", lease_owner = NULL, lease_until = 0 " +
			"WHERE pos = ? AND delivered_at IS NULL"),
		deliveredAt: r("UPDATE dunning_outbox SET delivered_at = ?, lease_owner = NULL, lease_until = 0 " +
			"WHERE pos = ? AND delivered_at IS NULL"),
		release: r("UPDATE dunning_outbox SET lease_owner = NULL, lease_until = ? " +
			"WHERE pos = ? AND lease_owner = ? AND delivered_at IS NULL"),
		releaseAfter: r("UPDATE dunning_outbox SET lease_owner = NULL, lease_until = " + now + " + ? " +
			"WHERE pos = ? AND lease_owner = ? AND delivered_at IS NULL"),
	}
	sel := "SELECT " + nextDue + ", id, version, " + doc + " FROM dunning_cases WHERE next_due <= " + date + " AND status <> 'deleted'"
	after := " AND (next_due, id) > (" + date + ", ?)"
	part := " AND part >= ? AND part < ?" // a range of keys: index conditions on dunning_cases_due_part
	// The table's columns, not the output's: on PostgreSQL the output column
	// next_due is text, and ordering by it would sort every due row for each
	// page instead of reading the index in order.
	order := " ORDER BY dunning_cases.next_due, dunning_cases.id LIMIT ?"
	q.dueFirst = r(sel + order)
	q.dueNext = r(sel + after + order)
	q.dueFirstPart = r(sel + part + order)
	q.dueNextPart = r(sel + after + part + order)

	// The oldest pending messages whose send time has come and whose lease is
	// free, expired or the caller's own. PostgreSQL skips rows another relay is
	// claiming at this moment instead of waiting for them.
	// The lease runs from the database's now, never the caller's.
	pick := "SELECT pos FROM dunning_outbox WHERE delivered_at IS NULL AND send_at <= " + now + " " +
		"AND (lease_until <= " + now + " OR lease_owner = ?) ORDER BY pos LIMIT ?"
	if d == PostgreSQL {
		pick += " FOR UPDATE SKIP LOCKED"
	}
	q.claim = r("UPDATE dunning_outbox SET lease_owner = ?, lease_until = " + now + " + ?, attempts = attempts + 1 WHERE pos IN (" +
		pick + ") RETURNING pos, case_id, seq, " + doc + ", attempts")

	for n := 1; n <= 8; n++ {
		q.eventInserts = append(q.eventInserts, q.buildEventInsert(n))
	}
	return q
}

func (q queries) buildEventInsert(n int) string {
	jsonIn := "?"
	if q.d == PostgreSQL {
		jsonIn = "(?::text)::jsonb"
	}
	var b strings.Builder
	b.WriteString("INSERT INTO dunning_events (case_id, seq, type, doc) VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, " + jsonIn + ")")
	}
	return q.d.rebind(b.String())
}

// insertEvents returns the statement that inserts n events in one round trip.
func (q queries) insertEvents(n int) string {
	if n <= len(q.eventInserts) {
		return q.eventInserts[n-1]
	}
	return q.buildEventInsert(n)
}

// due returns the Due query for the first or a later page, with or without a
// partition filter.
func (q queries) due(first, part bool) string {
	switch {
	case first && part:
		return q.dueFirstPart
	case first:
		return q.dueFirst
	case part:
		return q.dueNextPart
	}
	return q.dueNext
}
