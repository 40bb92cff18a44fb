package sqlstore_test

import (
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
)

// TestSQLiteConformance runs the Store conformance suite on SQLite.
func TestSQLiteConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) collection.Store { return newSQLite(t) })
}

// TestSQLiteConformanceSmallPages runs it again with two rows per page, so
// every iterator crosses page boundaries.
func TestSQLiteConformanceSmallPages(t *testing.T) {
	storetest.Run(t, func(t *testing.T) collection.Store { return newSQLiteOpts(t, 2) })
}

// TestPostgresConformance runs the Store conformance suite on PostgreSQL
// (skipped without DUNNING_PG_DSN).
func TestPostgresConformance(t *testing.T) {
	pgDSN(t)
	storetest.Run(t, func(t *testing.T) collection.Store { return newPG(t) })
}

// TestBadInputSQLite and TestBadInputPostgres run the bad-input table of issue 21
// on each dialect: the same *dunning.FieldError as on memstore for every row, and
// nothing written.
func TestBadInputSQLite(t *testing.T) {
	storetest.RunBadInput(t, func(t *testing.T) collection.Store { return newSQLite(t) })
}

func TestBadInputPostgres(t *testing.T) {
	pgDSN(t)
	storetest.RunBadInput(t, func(t *testing.T) collection.Store { return newPG(t) })
}
