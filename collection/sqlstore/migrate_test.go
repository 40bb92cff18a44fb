package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// upgradeTest creates a database with migration 1 only, writes a case, an
// event and a message the way version 1 stored them, upgrades it, and checks
// that the store reads them back and can lease the message.
func upgradeTest(t *testing.T, db *sql.DB, d sqlstore.Dialect) {
	ctx := context.Background()
	require.NoError(t, sqlstore.MigrateTo(ctx, db, d, 1))
	v, err := sqlstore.Version(ctx, db)
	require.NoError(t, err)
	require.Equal(t, 1, v)
	_, err = sqlstore.New(ctx, db, sqlstore.Options{Dialect: d})
	require.ErrorIs(t, err, sqlstore.ErrSchema, "New on a version-1 database")

	c := storetest.Full("old")
	c.Version = 1
	doc, err := json.Marshal(c)
	require.NoError(t, err)
	msg := letterFor("old/0/1")
	mdoc, err := json.Marshal(msg)
	require.NoError(t, err)
	ev := collection.Event{CaseID: "old", Seq: 1, At: batchSendAt, Type: collection.EventOpened}
	edoc, err := json.Marshal(ev)
	require.NoError(t, err)
	q := func(s string) string {
		if d == sqlstore.PostgreSQL {
			n := 0
			out := []byte{}
			for i := 0; i < len(s); i++ {
				if s[i] == '?' {
					n++
					out = append(out, '$', byte('0'+n))
					continue
				}
				out = append(out, s[i])
			}
			return string(out)
		}
		return s
	}
	_, err = db.ExecContext(ctx, q("INSERT INTO dunning_cases (id, version, creditor_id, debtor_id, status, next_due, part, doc) VALUES (?, 1, ?, ?, 'paused', ?, 0, ?)"),
		"old", c.Creditor.ID, c.Debtor.ID, c.NextDue.String(), string(doc))
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, q("INSERT INTO dunning_claims (invoice_id, case_id) VALUES ('inv-1', 'old'), ('inv-2', 'old')"))
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, q("INSERT INTO dunning_events (case_id, seq, type, doc) VALUES ('old', 1, 'case.opened', ?)"), string(edoc))
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, q("INSERT INTO dunning_outbox (message_id, case_id, seq, doc) VALUES (?, 'old', 1, ?)"), msg.ID, string(mdoc))
	require.NoError(t, err)

	require.NoError(t, sqlstore.Migrate(ctx, db))
	require.NoError(t, sqlstore.Migrate(ctx, db), "Migrate twice")
	v, err = sqlstore.Version(ctx, db)
	require.NoError(t, err)
	require.Equal(t, sqlstore.SchemaVersion, v)

	s, err := sqlstore.New(ctx, db, sqlstore.Options{Dialect: d})
	require.NoError(t, err)
	got, err := s.Get(ctx, "old")
	require.NoError(t, err)
	if diff := storetest.Equal(c, got); diff != "" {
		t.Fatalf("case after the upgrade (-want +got):\n%s", diff)
	}
	ids, err := collection.Collect(s.List(ctx, collection.Filter{InvoiceID: "inv-2"}))
	require.NoError(t, err)
	require.Len(t, ids, 1)
	evs, err := collection.Collect(s.Events(ctx, "old"))
	require.NoError(t, err)
	require.Len(t, evs, 1)
	require.Equal(t, collection.EventOpened, evs[0].Type)
	leases, err := s.ClaimOutbox(ctx, "relay", 10, 60e9)
	require.NoError(t, err)
	require.Len(t, leases, 1)
	require.Equal(t, msg.ID, leases[0].Message.ID)
	// The upgraded case saves on as usual.
	got.CloseReason = "after the upgrade"
	_, err = s.Save(ctx, got, nil, []letters.Message{letterFor("old/1/1")})
	require.NoError(t, err)
	// A letter written after the upgrade comes after the ones written before
	// it (migration 5 starts PostgreSQL's positions above the last one).
	out, err := collection.Collect(s.Outbox(ctx, 0))
	require.NoError(t, err)
	require.Equal(t, []string{msg.ID, "old/1/1"}, messageIDs(out))
	after, err := collection.Collect(s.Outbox(ctx, out[0].Pos))
	require.NoError(t, err)
	require.Equal(t, []string{"old/1/1"}, messageIDs(after))
}

// TestMigrationUpgradeSQLite: a database created by migration 1 and upgraded
// keeps its data.
func TestMigrationUpgradeSQLite(t *testing.T) {
	db, err := sql.Open("sqlite", sqliteDSN(t.TempDir()+"/old.db"))
	require.NoError(t, err)
	defer db.Close()
	upgradeTest(t, db, sqlstore.SQLite)
}

// TestMigrationUpgradePostgres is TestMigrationUpgradeSQLite on PostgreSQL.
func TestMigrationUpgradePostgres(t *testing.T) {
	db, err := sql.Open("pgx", pgSchema(t))
	require.NoError(t, err)
	defer db.Close()
	upgradeTest(t, db, sqlstore.PostgreSQL)
}

// rawInsert writes case c as an older version of this package stored it,
// without the Store: the case row and its invoice rows.
func rawInsert(t *testing.T, db *sql.DB, d sqlstore.Dialect, c collection.Case) {
	t.Helper()
	c.Version = 1
	doc, err := json.Marshal(c)
	require.NoError(t, err)
	st, err := c.Status.MarshalText()
	require.NoError(t, err)
	ins := "INSERT INTO dunning_cases (id, version, creditor_id, debtor_id, status, next_due, part, doc) VALUES ($1, 1, $2, $3, $4, NULL, 0, $5)"
	claim := "INSERT INTO dunning_claims (invoice_id, case_id) VALUES ($1, $2)"
	if d == sqlstore.SQLite {
		ins = strings.NewReplacer("$1", "?", "$2", "?", "$3", "?", "$4", "?", "$5", "?").Replace(ins)
		claim = strings.NewReplacer("$1", "?", "$2", "?").Replace(claim)
	}
	_, err = db.ExecContext(t.Context(), ins, string(c.ID), c.Creditor.ID, c.Debtor.ID, string(st), string(doc))
	require.NoError(t, err)
	for _, cl := range c.Claims {
		_, err = db.ExecContext(t.Context(), claim, cl.InvoiceID, string(c.ID))
		require.NoError(t, err)
	}
}

// upgradeHoldsTest: a database at schema 2 whose cases already hold one
// invoice twice (the race migration 3 closes) upgrades; the case with the
// smallest id holds the invoice. The other one saves on, but not holding the
// invoice: such a Save is an *InvoiceError naming the holder, and closing it
// frees nothing it did not hold.
func upgradeHoldsTest(t *testing.T, db *sql.DB, d sqlstore.Dialect) {
	ctx := t.Context()
	require.NoError(t, sqlstore.MigrateTo(ctx, db, d, 2))
	mk := func(id, creditor string, st collection.Status, claims ...collection.ClaimStatus) collection.Case {
		c := caseFor(id)
		c.Creditor.ID, c.Status = creditor, st
		c.Claims = nil
		for i, cs := range claims {
			cl := caseFor(id).Claims[0]
			cl.InvoiceID, cl.Status = fmt.Sprintf("i%d", i+1), cs
			c.Claims = append(c.Claims, cl)
		}
		rawInsert(t, db, d, c)
		return c
	}
	mk("b-dup", "cr", collection.StatusActive, collection.ClaimOpen)
	mk("a-dup", "cr", collection.StatusPaused, collection.ClaimOpen, collection.ClaimPaid)
	mk("c-closed", "cr", collection.StatusClosed, collection.ClaimOpen, collection.ClaimOpen)
	mk("d-other", "cr2", collection.StatusActive, collection.ClaimOpen)
	mk("e-locked", "cr", collection.StatusDeactivated, collection.ClaimLocked, collection.ClaimLocked, collection.ClaimLocked)
	mk("f-third", "cr", collection.StatusActive, collection.ClaimPaid, collection.ClaimPaid, collection.ClaimOpen)
	require.NoError(t, sqlstore.Migrate(ctx, db))
	s, err := sqlstore.New(ctx, db, sqlstore.Options{Dialect: d})
	require.NoError(t, err)
	for _, h := range []struct{ cr, inv, want string }{
		{"cr", "i1", "a-dup"}, {"cr", "i2", ""}, {"cr", "i3", "f-third"}, {"cr2", "i1", "d-other"},
	} {
		got, ok, err := s.InvoiceHolder(ctx, h.cr, h.inv)
		require.NoError(t, err)
		require.Equal(t, h.want, string(got), "holder of %s %s", h.cr, h.inv)
		require.Equal(t, h.want != "", ok)
	}
	b, err := s.Get(ctx, "b-dup")
	require.NoError(t, err)
	b.CloseReason = "still running"
	_, err = s.Save(ctx, b, nil, nil)
	var ie *collection.InvoiceError
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, collection.ErrInvoiceInUse)
	require.Equal(t, collection.InvoiceError{InvoiceID: "i1", CaseID: "a-dup"}, *ie)
	b.Status = collection.StatusClosed
	_, err = s.Save(ctx, b, nil, nil)
	require.NoError(t, err, "closing the second holder")
	a, err := s.Get(ctx, "a-dup")
	require.NoError(t, err)
	_, err = s.Save(ctx, a, nil, nil)
	require.NoError(t, err, "the holder saves on")
	got, _, err := s.InvoiceHolder(ctx, "cr", "i1")
	require.NoError(t, err)
	require.Equal(t, collection.CaseID("a-dup"), got)
}

// TestMigrationHoldsSQLite: migration 3 on existing SQLite data.
func TestMigrationHoldsSQLite(t *testing.T) {
	db, err := sql.Open("sqlite", sqliteDSN(t.TempDir()+"/holds.db"))
	require.NoError(t, err)
	defer db.Close()
	upgradeHoldsTest(t, db, sqlstore.SQLite)
}

// TestMigrationHoldsPostgres: migration 3 on existing PostgreSQL data.
func TestMigrationHoldsPostgres(t *testing.T) {
	db, err := sql.Open("pgx", pgSchema(t))
	require.NoError(t, err)
	defer db.Close()
	upgradeHoldsTest(t, db, sqlstore.PostgreSQL)
}

// concurrentMigrate runs Migrate from several connections pools (as several
// processes would) at once on a fresh database.
func concurrentMigrate(t *testing.T, open func() *sql.DB) {
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		db := open()
		defer db.Close()
		wg.Go(func() { errs[i] = sqlstore.Migrate(t.Context(), db) })
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	db := open()
	defer db.Close()
	v, err := sqlstore.Version(t.Context(), db)
	require.NoError(t, err)
	require.Equal(t, sqlstore.SchemaVersion, v)
	var n int
	require.NoError(t, db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM dunning_schema").Scan(&n))
	require.Equal(t, sqlstore.SchemaVersion, n, "each migration recorded once")
}

// TestMigrateConcurrentSQLite: four pools migrate one file at once.
func TestMigrateConcurrentSQLite(t *testing.T) {
	path := sqliteDSN(t.TempDir() + "/m.db")
	concurrentMigrate(t, func() *sql.DB {
		db, err := sql.Open("sqlite", path)
		require.NoError(t, err)
		return db
	})
}

// TestMigrateConcurrentPostgres: four pools migrate one schema at once.
func TestMigrateConcurrentPostgres(t *testing.T) {
	dsn := pgSchema(t)
	concurrentMigrate(t, func() *sql.DB {
		db, err := sql.Open("pgx", dsn)
		require.NoError(t, err)
		return db
	})
}

// TestNewChecks: New refuses a nil db, bad options and an unmigrated database.
func TestNewChecks(t *testing.T) {
	ctx := context.Background()
	_, err := sqlstore.New(ctx, nil, sqlstore.Options{})
	require.ErrorIs(t, err, sqlstore.ErrConfig)
	db, err := sql.Open("sqlite", sqliteDSN(t.TempDir()+"/n.db"))
	require.NoError(t, err)
	defer db.Close()
	_, err = sqlstore.New(ctx, db, sqlstore.Options{})
	require.ErrorIs(t, err, sqlstore.ErrSchema)
	_, err = sqlstore.New(ctx, db, sqlstore.Options{PageSize: -1, Dialect: 9})
	require.ErrorIs(t, err, sqlstore.ErrConfig)
	d, err := sqlstore.Detect(db)
	require.NoError(t, err)
	require.Equal(t, sqlstore.SQLite, d)
	require.Error(t, sqlstore.MigrateTo(ctx, db, sqlstore.SQLite, sqlstore.SchemaVersion+1))
}
