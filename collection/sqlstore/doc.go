// Package sqlstore is a collection.Store over database/sql, for hosts that keep
// their receivables in a relational database: SQLite (embedded, one file, no
// server) and PostgreSQL (shared by many worker processes). It passes
// storetest.Run on both, and also implements collection.EventReader and
// collection.OutboxReader, so the Service's relay, digest and receipts work.
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
//	                  indexes (next_due, id), (creditor_id, id), (debtor_id, id), (status, id)
//	dunning_claims    (invoice_id, case_id) PK: the invoices of each case, for Filter.InvoiceID
//	dunning_payments  (case_id, payment_id) PK: a payment id is stored once per case
//	dunning_events    pos (identity), case_id, seq, type, doc: the audit trail (E16)
//	dunning_outbox    pos (identity), message_id UNIQUE, case_id, seq, doc,
//	                  send_at, lease_owner, lease_until, attempts, delivered_at
//
// Amounts live in the JSON document as strings with their exact scale and
// currency (money.Money's JSON), never as floating point, so 0.10, negative,
// 18-digit and 3-decimal (KWD) amounts round-trip exactly. Dates are ISO text
// on SQLite and DATE on PostgreSQL; lease and send times are Unix milliseconds.
//
// # Save
//
// Save is one transaction: the case row is written first with the version
// check (UPDATE ... WHERE id = ? AND version = ?, or INSERT ... ON CONFLICT DO
// NOTHING for a new case), so a concurrent writer of the same case waits for
// the row (PostgreSQL) or the write lock (SQLite, BEGIN IMMEDIATE) and then
// gets a *collection.ConflictError; then the invoice index, the payment ids,
// the events (one multi-row INSERT) and the outbox messages. A message id
// already in the outbox, or a payment id twice in a case, is a *DuplicateError
// (ErrDuplicate) and rolls everything back: the unique keys hold even against
// a buggy caller. On PostgreSQL the outbox rows are inserted under a
// transaction-level advisory lock, so outbox positions become visible in
// order and a relay's cursor (collection.Relay, Outbox(after)) never skips a
// message that committed late.
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
// whose PartitionKey mod n is i. The key hashes the creditor and debtor ids, so
// the partitions are disjoint (two workers never act on the same case in the
// same run) and a debtor's cases stay together (one balance statement, S12).
// The choice over per-case leases: no extra write per case, no clock, and the
// same final state as one worker; the cost is that a dead worker's partition
// waits for its restart. The version check of Save remains the final guard.
//
// Outbox messages are leased: ClaimOutbox(owner, max, lease) takes the oldest
// undelivered messages whose send time (Message.SendAt) has come and that no
// other owner holds (FOR UPDATE SKIP LOCKED
// on PostgreSQL); Delivered marks one done, Release hands it back with a retry
// time; Deliver does all three through a letters.Dispatcher. A lease that
// expires (its relay died) is claimed again, so delivery is at least once and
// the message id is how the Dispatcher recognises the repeat. The Store's only
// reading of the time is Options.Clock, for leases and send times.
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
