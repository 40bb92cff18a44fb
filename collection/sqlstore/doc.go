// Package sqlstore is a collection.Store over database/sql, for hosts that keep
// their receivables in a relational database: SQLite (embedded, one file, no
// server) and PostgreSQL (shared by many worker processes). It passes
// storetest.Run on both, and also implements collection.EventReader,
// collection.OutboxReader, collection.DeliveryRecorder and
// collection.InvoiceGuard, so the Service's relay, digest and receipts work,
// the relay records each delivery as it happens, and an invoice is in at most
// one running case of its creditor.
//
// The package uses database/sql only: the host opens the *sql.DB with the
// driver it likes (the tests use modernc.org/sqlite and
// github.com/jackc/pgx/v5/stdlib) and the dialect is detected from the driver
// or set in Options.Dialect:
//
//	db, err := sql.Open("sqlite", "file:dunning.db?_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)")
//	...
//	if err := sqlstore.Migrate(ctx, db); err != nil { ... }
//	store, err := sqlstore.New(ctx, db, sqlstore.Options{})
//	svc, err := collection.New(store, collection.Options{...})
//
// # Schema and migrations
//
// Migrate applies the embedded, numbered migrations (migrations/<dialect>/
// NNNN_name.sql) the database has not had, in one transaction, and records
// each in dunning_schema. It is safe to run twice and from two processes at
// once (an advisory lock on PostgreSQL, the write lock on SQLite). New refuses
// a database that is not at SchemaVersion. The tables:
//
//	dunning_cases     id PK, version, creditor_id, debtor_id, status, next_due, part,
//	                  doc (the whole Case as JSON; JSONB on PostgreSQL)
//	                  indexes (next_due, id, part) (migration 4), (creditor_id, id),
//	                  (debtor_id, id), (status, id)
//	dunning_claims    (invoice_id, case_id) PK: the invoices of each case, for Filter.InvoiceID
//	dunning_case_invoices (creditor_id, invoice_id) PK, case_id: the invoices the
//	                  running cases hold, one case per invoice (migration 3)
//	dunning_payments  (case_id, payment_id) PK: a payment id is stored once per case
//	dunning_events    pos (identity), case_id, seq, type, doc: the audit trail (E16)
//	dunning_outbox    pos (identity), message_id UNIQUE, case_id, seq, doc,
//	                  send_at, lease_owner, lease_until, attempts, delivered_at
//
// Amounts live in the JSON document as strings with their exact scale and
// currency (money.Money's JSON), never as floating point, so 0.10, negative,
// 18-digit and 3-decimal (KWD) amounts round-trip exactly. Dates are ISO text
// on SQLite and DATE on PostgreSQL; lease, send and delivery times are Unix
// milliseconds.
//
// # Save
//
// Save is one transaction: the case row is written first with the version
// check (UPDATE ... WHERE id = ? AND version = ?, or INSERT ... ON CONFLICT DO
// NOTHING for a new case), so a concurrent writer of the same case waits for
// the row (PostgreSQL) or the write lock (SQLite, BEGIN IMMEDIATE) and then
// gets a *collection.ConflictError; then the invoice index, the invoices the
// case holds, the payment ids, the events (one multi-row INSERT) and the
// outbox messages. A message id already in the outbox, or a payment id twice
// in a case, is a *DuplicateError (ErrDuplicate) and rolls everything back:
// the unique keys hold even against a buggy caller.
//
// # One running case per invoice
//
// A case holds an invoice of its creditor while it is running (active or
// paused) and its claim for the invoice is open (collection.InvoiceGuard,
// collection.Case.HeldInvoices). Save keeps the case's rows in
// dunning_case_invoices in its transaction: it deletes what the case no
// longer holds, then inserts what it newly holds, sorted, with ON CONFLICT DO
// NOTHING on the primary key (creditor_id, invoice_id). An insert that finds
// the key taken reads the holder and fails the Save with a
// *collection.InvoiceError (ErrInvoiceInUse) naming it, rolling everything
// back. On PostgreSQL a Save that inserts a key another transaction has
// inserted and not yet committed waits for it, then finds it committed (and
// fails) or rolled back (and inserts), so of two Opens of one invoice exactly
// one wins; on SQLite writers are serialised by the write lock. Migration 3
// fills the table from the existing cases; where two running cases already
// held one invoice (the race it closes), the case with the smallest id holds
// it, and a Save that keeps the other one holding it is refused until a
// person closes or deactivates one of them. InvoiceHolder reads the table.
//
// # The order of the outbox
//
// A relay follows the outbox with a cursor (collection.Relay, Outbox(after),
// Undelivered(after)), so a position must never become readable while a lower
// one can still be written: the cursor would pass it and the letter would
// never be sent. On SQLite the one writer commits its transactions one at a
// time in the order of their positions. On PostgreSQL the workers write at
// the same time and take no lock for it (migration 5): a position is
// base + (transaction id << 16) + k, the k-th letter the transaction writes
// (at most 65,535 a transaction; base is the last position before migration
// 5), given by the column default dunning_outbox_pos(); and a reader takes
// only the positions below dunning_outbox_horizon(), base + (xmin << 16),
// with xmin the oldest transaction still running in its snapshot. Every
// transaction below xmin has ended, and every transaction that can still
// commit has an id of xmin or more, so its letters land above everything
// read. The price is that a writing transaction left open delays the relays
// (not the writers) until it ends, and transaction ids are the server's, so
// that is one in any database of the server: an idle session left in a
// transaction, a long CREATE INDEX CONCURRENTLY (idle_in_transaction_session_timeout
// bounds the first). ClaimOutbox and Deliver, which lease instead of following
// a cursor, read every committed letter at once. Before migration
// 5 the writers took an advisory lock from their letters' insert to their
// commit, and the workers' batches passed it one at a time. PostgreSQL 13 or
// later (pg_current_xact_id, pg_current_snapshot).
//
// # Iterators
//
// Due, List, Events and Outbox stream with keyset pagination: each query reads
// Options.PageSize rows (256) after the last key read ((next_due, id), id or
// pos), with no OFFSET and no loading of everything, and no connection is held
// while the consumer works, so a batch may Save the cases Due gives it even on
// a pool of one connection. They follow the Store iterator contract (one
// error, last; ctx checked before every element).
//
// # Several processes
//
// Batch work is split by Partition(i, n): worker i of n runs the daily batch
// (collection.Service.Commit) over a Store whose Due yields only the cases
// whose PartitionKey is in the i-th of n equal key ranges (PartitionRange),
// reading the due index (next_due, id, part) with the range as an index
// condition, so a worker fetches only its own rows. The key hashes the
// creditor and debtor ids, so
// the partitions are disjoint (two workers never act on the same case in the
// same run) and a debtor's cases stay together (one balance statement, S12).
// The choice over per-case leases: no extra write per case, no clock, and the
// same final state as one worker; the cost is that a dead worker's partition
// waits for its restart. The version check of Save remains the final guard.
//
// Outbox messages are leased: ClaimOutbox(owner, max, lease) takes the oldest
// undelivered messages whose send time (Message.SendAt) has come and that no
// other owner holds (FOR UPDATE SKIP LOCKED
// on PostgreSQL); Delivered marks one done, Release or ReleaseAfter hands it
// back with a retry time; Deliver does all three through a
// letters.Dispatcher, one message at a time, marking each as soon as the
// Dispatcher accepts it. A lease that expires (its relay died) is claimed
// again, so delivery is at least once and the message id is how the
// Dispatcher recognises the repeat: a relay killed and restarted under the
// same owner delivers again at most the one message it had in flight.
//
// The time of leases, send times and Delivered is the database's: on
// PostgreSQL now(), the transaction's timestamp, which every worker process
// reads alike; on SQLite the machine's clock as SQLite reads it, the one clock
// of every process that opens the file. A lease runs from the database's now,
// and is free again only when the database's now has passed its end, so
// workers whose own clocks disagree (by a day, say) never take each other's
// leases. Options.Clock is ignored (deprecated); the Store reads no other time.
//
// The collection.Relay records its deliveries in the same column
// (collection.DeliveryRecorder: MarkDelivered sets delivered_at, Undelivered
// reads the rows without it on the partial index dunning_outbox_pending), so a
// Relay restarted after a crash reads only what is left and delivers again at
// most the messages it had in flight (RelayOptions.Concurrency). Run either
// the Relay (one process) or Deliver (many), not both on one outbox.
//
// # SQLite notes
//
// Migrate switches a file database to WAL. Save and the lease methods set the
// connection's busy_timeout (Options.BusyTimeout) and begin with BEGIN
// IMMEDIATE. Open the database with _pragma=synchronous(NORMAL) (modernc) for
// the daily run's speed: with WAL it loses no committed transaction on a
// process crash, only possibly the last ones on a power cut.
//
// Requirements: E16 (audit trail), E15 (outbox, at-least-once delivery with
// stable ids), E17 (the daily run over Due), P5 (deleted cases never listed).
package sqlstore
