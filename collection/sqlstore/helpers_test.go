package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/date"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx", tests only
	_ "modernc.org/sqlite"             // SQLite driver "sqlite", tests only
)

// pgEnv names the environment variable with the DSN of a PostgreSQL database
// the tests may create schemas in. .ci/run sets it; see the README.
const pgEnv = "DUNNING_PG_DSN"

// testClock is the fixed instant the tests' Services read (the stores read
// the database's clock).
var testClock = date.FixedClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))

// sqliteDSN is the DSN of a SQLite file database at path.
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
}

// openSQLite opens a new, migrated SQLite database file in t's temp dir.
func openSQLite(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqliteDSN(filepath.Join(t.TempDir(), "dunning.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := sqlstore.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// newSQLite returns a Store over a new SQLite database file.
func newSQLite(t testing.TB) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(context.Background(), openSQLite(t), sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var schemaSeq atomic.Int64

// pgDSN returns the PostgreSQL DSN, or skips t when none is set.
func pgDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		t.Skip("set " + pgEnv + "=postgres://user@127.0.0.1:5432/db?sslmode=disable to run the PostgreSQL tests; see README (collection/sqlstore)")
	}
	return dsn
}

// pgSchema creates a fresh schema in the PostgreSQL database and returns a DSN
// whose search_path is that schema; the schema is dropped when t ends.
func pgSchema(t testing.TB) string {
	t.Helper()
	dsn := pgDSN(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), schemaSeq.Add(1))
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE; CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.ExecContext(context.Background(), "DROP SCHEMA IF EXISTS "+name+" CASCADE") })
	return withSearchPath(t, dsn, name)
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openPG opens dsn with pgx and migrates it.
func openPG(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	// The conformance races run 16 writers at once: keep their connections
	// (a new PostgreSQL connection is a new server process).
	db.SetMaxIdleConns(32)
	t.Cleanup(func() { db.Close() })
	if err := sqlstore.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// newPG returns a Store over a fresh schema of the PostgreSQL database, or
// skips t when DUNNING_PG_DSN is not set.
func newPG(t testing.TB) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(context.Background(), openPG(t, pgSchema(t)), sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newSQLiteOpts returns a Store over a new SQLite database file reading page
// rows per query.
func newSQLiteOpts(t testing.TB, page int) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(context.Background(), openSQLite(t), sqlstore.Options{PageSize: page})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
