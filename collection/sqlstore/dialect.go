package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dunning-go/dunning"
)

// Dialect is the SQL dialect of the database. The zero Dialect means "detect it
// from the driver" where a function accepts it (New, MigrateTo).
type Dialect uint8

// The supported dialects.
const (
	// SQLite: embedded, one file, one writer at a time (any driver, such as
	// modernc.org/sqlite or github.com/mattn/go-sqlite3). Version 3.35 or later
	// (RETURNING).
	SQLite Dialect = iota + 1
	// PostgreSQL: shared by many worker processes (any driver, such as
	// github.com/jackc/pgx/v5/stdlib or github.com/lib/pq). Version 13 or later.
	PostgreSQL
)

// String returns "sqlite", "postgres", or "Dialect(n)".
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case PostgreSQL:
		return "postgres"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// IsValid reports whether d is SQLite or PostgreSQL.
func (d Dialect) IsValid() bool { return d == SQLite || d == PostgreSQL }

func (d Dialect) dir() string { return d.String() }

// Detect returns the dialect of db from its driver's Go type: a type whose
// package or name says sqlite is SQLite; pgx's stdlib driver, lib/pq and any
// type naming postgres or pgx are PostgreSQL. Any other driver is an error
// wrapping ErrConfig: set Options.Dialect.
func Detect(db *sql.DB) (Dialect, error) {
	if db == nil {
		return 0, &dunning.FieldError{Field: "db", Value: "<nil>", Reason: "is required", Err: ErrConfig}
	}
	name := strings.ToLower(fmt.Sprintf("%T", db.Driver()))
	switch {
	case strings.Contains(name, "sqlite"):
		return SQLite, nil
	case strings.Contains(name, "stdlib.driver"), strings.Contains(name, "pq.driver"),
		strings.Contains(name, "postgres"), strings.Contains(name, "pgx"):
		return PostgreSQL, nil
	}
	return 0, &dunning.FieldError{Field: "db.Driver()", Value: name, Reason: "is not a driver sqlstore recognises; set Options.Dialect", Err: ErrConfig}
}

// rebind turns the ? placeholders of q into PostgreSQL's $1, $2, ...; SQLite
// keeps them. The queries of this package have no ? inside string literals.
func (d Dialect) rebind(q string) string {
	if d != PostgreSQL {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// execer is what a transaction body uses: a *sql.Tx, or a *sql.Conn inside a
// transaction begun by hand.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// withConnTx runs fn in a transaction on conn and commits it when fn returns
// nil. On SQLite the transaction is BEGIN IMMEDIATE: it takes the write lock
// first (waiting up to the connection's busy_timeout), so two writers never
// both read and then fail to upgrade. On PostgreSQL it is an ordinary READ
// COMMITTED transaction.
func withConnTx(ctx context.Context, conn *sql.Conn, d Dialect, fn func(execer) error) (err error) {
	if d == PostgreSQL {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlstore: begin: %w", err)
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlstore: commit: %w", err)
		}
		return nil
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	if err := fn(conn); err != nil {
		rollback(conn)
		return err
	}
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), "COMMIT"); err != nil {
		rollback(conn)
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// rollback ends the hand-begun transaction on conn; if that fails, the
// connection is discarded rather than returned to the pool mid-transaction.
func rollback(conn *sql.Conn) {
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// Errors of this package. Each is wrapped by an error that names the value.
var (
	// ErrConfig: the store or a call was configured wrongly (no db, an unknown
	// driver or dialect, a bad partition).
	ErrConfig = errors.New("sqlstore: bad configuration")
	// ErrSchema: the database's schema is not the one this package needs (run
	// Migrate), or is newer than it.
	ErrSchema = errors.New("sqlstore: schema version mismatch")
	// ErrDuplicate: a Save would store a message id that is already in the
	// outbox, or a case with the same payment id twice. Nothing was saved.
	ErrDuplicate = errors.New("sqlstore: duplicate id")
)

// DuplicateError names the duplicate id a Save refused. It unwraps to
// ErrDuplicate.
type DuplicateError struct {
	CaseID string
	// Kind is "message" (letters.Message.ID, unique in the whole outbox) or
	// "payment" (collection.Payment.ID, unique within its case).
	Kind string
	ID   string
}

func (e *DuplicateError) Error() string {
	return "sqlstore: case " + e.CaseID + ": " + e.Kind + " id " + strconv.Quote(e.ID) + " is already stored"
}

// Unwrap returns ErrDuplicate.
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }
