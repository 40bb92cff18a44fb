package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the dialect's migrations in version order. Their file
// names are NNNN_name.sql and their numbers run 1, 2, 3, ... without a gap.
func migrations(d Dialect) ([]migration, error) {
	dir := "migrations/" + d.dir()
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrations of %s: %w", d, err)
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("sqlstore: migration file %s is not named NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("sqlstore: migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlstore: migration %d of %s is missing", i+1, d)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this package's code needs: the number of
// its last migration. Migrate brings a database to it.
const SchemaVersion = 5

// Migrate creates or upgrades the store's tables in db to SchemaVersion, with
// the dialect of db's driver (see Detect). It applies, in one transaction, the
// embedded migrations the database has not had yet and records each in the
// table dunning_schema (version, name, applied_at). It is safe to run again
// (a database at SchemaVersion is left alone) and from several processes at
// once: on PostgreSQL the transaction takes an advisory lock, on SQLite the
// database's write lock, so the second process waits, then finds nothing to do.
// A database at a version newer than SchemaVersion is an error: this code is
// older than the schema.
//
// On SQLite, Migrate also switches a file database to write-ahead logging
// (journal_mode=WAL, a lasting property of the file), so that readers never
// wait for the writer.
func Migrate(ctx context.Context, db *sql.DB) error {
	return MigrateTo(ctx, db, 0, SchemaVersion)
}

// MigrateTo is Migrate up to version (1..SchemaVersion) with dialect d (zero:
// detect it from db's driver). It exists for upgrade tests and for hosts that
// roll a schema change out in steps; it never goes down.
func MigrateTo(ctx context.Context, db *sql.DB, d Dialect, version int) error {
	if db == nil {
		return &dunning.FieldError{Field: "db", Value: "<nil>", Reason: "is required", Err: ErrConfig}
	}
	if d == 0 {
		var err error
		if d, err = Detect(db); err != nil {
			return err
		}
	}
	if !d.IsValid() {
		return &dunning.FieldError{Field: "Dialect", Value: d.String(), Reason: "is not SQLite or PostgreSQL", Err: ErrConfig}
	}
	ms, err := migrations(d)
	if err != nil {
		return err
	}
	if version < 1 || version > len(ms) {
		return &dunning.FieldError{Field: "version", Value: strconv.Itoa(version), Reason: "is not a migration of this package (1.." + strconv.Itoa(len(ms)) + ")", Err: ErrConfig}
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer conn.Close()
	if d == SQLite {
		// WAL cannot be switched on inside a transaction; an in-memory database
		// answers "memory" and stays as it is.
		if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 10000"); err != nil {
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
		if err := walMode(ctx, conn); err != nil {
			return fmt.Errorf("sqlstore: migrate: journal_mode: %w", err)
		}
	}
	return withConnTx(ctx, conn, d, func(ex execer) error {
		if d == PostgreSQL {
			if _, err := ex.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
				return fmt.Errorf("sqlstore: migrate: lock: %w", err)
			}
		}
		if _, err := ex.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS dunning_schema (
	version    INTEGER NOT NULL PRIMARY KEY,
	name       TEXT    NOT NULL,
	applied_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
)`); err != nil {
			return fmt.Errorf("sqlstore: migrate: schema table: %w", err)
		}
		var have sql.NullInt64
		if err := ex.QueryRowContext(ctx, "SELECT MAX(version) FROM dunning_schema").Scan(&have); err != nil {
			return fmt.Errorf("sqlstore: migrate: read version: %w", err)
		}
		if int(have.Int64) > len(ms) {
			return fmt.Errorf("sqlstore: migrate: the database is at schema version %d, newer than this package's %d: %w", have.Int64, len(ms), ErrSchema)
		}
		for _, m := range ms[have.Int64:version] {
			if _, err := ex.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("sqlstore: migration %d (%s): %w", m.version, m.name, err)
			}
			if _, err := ex.ExecContext(ctx, d.rebind("INSERT INTO dunning_schema (version, name) VALUES (?, ?)"), m.version, m.name); err != nil {
				return fmt.Errorf("sqlstore: migration %d (%s): record: %w", m.version, m.name, err)
			}
		}
		return nil
	})
}

// migrateLockKey is the PostgreSQL advisory lock Migrate holds ("dunning" in
// ASCII, as a number).
const migrateLockKey int64 = 0x64756e6e696e67

// Version returns the schema version of db: the last migration applied, 0 for a
// database Migrate never ran on.
func Version(ctx context.Context, db *sql.DB) (int, error) {
	var have sql.NullInt64
	err := db.QueryRowContext(ctx, "SELECT MAX(version) FROM dunning_schema").Scan(&have)
	if err != nil {
		// No schema table yet: check that the database answers at all.
		if perr := db.PingContext(ctx); perr != nil {
			return 0, fmt.Errorf("sqlstore: schema version: %w", perr)
		}
		return 0, nil
	}
	return int(have.Int64), nil
}

// walMode switches a SQLite file to write-ahead logging. SQLite answers
// SQLITE_BUSY at once, without waiting for busy_timeout, when another connection
// holds a lock while the mode changes (several processes migrating one file at
// start-up), so the switch is retried with a growing pause for up to about ten
// seconds, as busy_timeout would wait.
func walMode(ctx context.Context, conn *sql.Conn) error {
	var err error
	for attempt := 1; attempt <= 45; attempt++ {
		if _, err = conn.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err == nil || !sqliteBusy(err) {
			return err
		}
		t := time.NewTimer(time.Duration(attempt) * 10 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	return err
}

// sqliteBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY),
// whatever the driver.
func sqliteBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}
