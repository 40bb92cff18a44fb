package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// -db FILE: the cases in a SQLite file through collection/sqlstore, which speaks
// database/sql only; the host picks the driver (here modernc.org/sqlite, no cgo) and
// owns the *sql.DB. Migrate creates the tables the first time and is a no-op after.
func init() {
	openSQL = func(ctx context.Context, path string) (collection.Store, string, func(), error) {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
		if err != nil {
			return nil, "", nil, fmt.Errorf("-db %s: %w", path, err)
		}
		if err := sqlstore.Migrate(ctx, db); err != nil {
			db.Close()
			return nil, "", nil, fmt.Errorf("-db %s: %w", path, err)
		}
		s, err := sqlstore.New(ctx, db, sqlstore.Options{})
		if err != nil {
			db.Close()
			return nil, "", nil, fmt.Errorf("-db %s: %w", path, err)
		}
		return s, "SQLite " + path, func() { db.Close() }, nil
	}
}
