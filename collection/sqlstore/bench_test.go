package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/internal/proccpu"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// BenchmarkDailyRun measures the daily batch run (collection.Service.Commit)
// over 100,000 open cases of which 10 % are due (Reminder 1: decide, charge,
// render, save with events, queue the letter): each worker is a Service over
// its Partition, as a separate process would be, deciding and rendering with
// goroutines goroutines (BatchRequest.Workers) and saving through SaveBatch,
// 256 cases a transaction. SQLite runs one and two workers with as many
// goroutines as cores (as collection's BenchmarkDailyRun does); PostgreSQL
// runs one, two and four workers of one goroutine each, which shows how the
// workers share the database, and one worker with a goroutine per core. The
// cases are bulk-loaded before each run, untimed.
//
// It reports cases/s (open cases per second of run, as collection's
// BenchmarkDailyRun), steps/s, the CPU time the workers used per step
// (appCPUµs/step: deciding, rendering, encoding, the driver; on SQLite also
// the database's work, which runs in the process) and, on PostgreSQL, the
// server's CPU per step (dbCPUµs/step, when the server runs on this machine:
// its processes' times from /proc) and the disk the run leaves (reportSizes).
//
// Targets (issue 23, on the 2-core reference machine, the PostgreSQL server
// on the same two cores): ≥ 40,000 cases/s on SQLite; ≥ 20,000 cases/s with
// one PostgreSQL worker, and more with two than with one. One iteration is a
// whole daily run: run it with -benchtime=1x. docs/scaling.md has the figures
// and what they mean for a country's receivables.
func BenchmarkDailyRun(b *testing.B) {
	const n = 100_000
	all := runtime.GOMAXPROCS(0)
	b.Run("sqlite/workers=1", func(b *testing.B) { benchDailyRun(b, sqlstore.SQLite, n, 1, all) })
	b.Run("sqlite/workers=2", func(b *testing.B) { benchDailyRun(b, sqlstore.SQLite, n, 2, all) })
	for _, w := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("postgres/workers=%d/goroutines=1", w), func(b *testing.B) { benchDailyRun(b, sqlstore.PostgreSQL, n, w, 1) })
	}
	b.Run(fmt.Sprintf("postgres/workers=1/goroutines=%d", all), func(b *testing.B) { benchDailyRun(b, sqlstore.PostgreSQL, n, 1, all) })
}

func benchDailyRun(b *testing.B, d sqlstore.Dialect, n, workers, goroutines int) {
	if d == sqlstore.PostgreSQL {
		pgDSN(b)
	}
	ctx := context.Background()
	r, err := letters.New(letters.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var elapsed, cpu, dbCPU time.Duration
	steps := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		w := newWorld(b, d)
		db := w.open(b)
		bulkLoad(b, db, d, n)
		s := storeOf(b, db)
		svcs := make([]*collection.Service, workers)
		for i := range workers {
			p, err := s.Partition(i, workers)
			if err != nil {
				b.Fatal(err)
			}
			if svcs[i], err = collection.New(p, collection.Options{Clock: date.FixedClock(batchSendAt), Letters: r, Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "DK50 0040 0440 1162 43"}}}}}); err != nil {
				b.Fatal(err)
			}
		}
		var db0 map[int]time.Duration
		if d == sqlstore.PostgreSQL {
			db0 = pgServerCPU(db)
		}
		start, cpu0 := time.Now(), proccpu.CPU()
		b.StartTimer()
		var wg sync.WaitGroup
		res := make([]collection.CommitResult, workers)
		errs := make([]error, workers)
		for i, svc := range svcs {
			wg.Go(func() {
				res[i], errs[i] = svc.Commit(ctx, collection.BatchRequest{Date: batchDay, Workers: goroutines}, batchSendAt)
			})
		}
		wg.Wait()
		b.StopTimer()
		elapsed += time.Since(start)
		cpu += proccpu.CPU() - cpu0
		if d == sqlstore.PostgreSQL {
			dbCPU += pgCPUSince(db, db0)
		}
		got := 0
		for i := range workers {
			if errs[i] != nil {
				b.Fatal(errs[i])
			}
			got += len(res[i].Steps)
		}
		if got != n/10 {
			b.Fatalf("%d steps taken, want %d", got, n/10)
		}
		steps += got
		if d == sqlstore.PostgreSQL {
			reportSizes(b, db, n, got)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "cases/s")
	b.ReportMetric(float64(steps)/elapsed.Seconds(), "steps/s")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(steps), "appCPUµs/step")
	}
	if dbCPU > 0 {
		b.ReportMetric(float64(dbCPU.Microseconds())/float64(steps), "dbCPUµs/step")
	}
}

// reportSizes reports the disk a PostgreSQL run leaves, for docs/scaling.md:
// dbB/case is the case tables with their indexes per open case, and
// outboxB/step and eventsB/step what each step adds to the outbox and the
// audit trail (tables, TOAST and indexes).
func reportSizes(b *testing.B, db *sql.DB, cases, steps int) {
	b.Helper()
	var cs, ob, ev int64
	err := db.QueryRowContext(context.Background(), `SELECT
pg_total_relation_size('dunning_cases') + pg_total_relation_size('dunning_claims') + pg_total_relation_size('dunning_case_invoices') + pg_total_relation_size('dunning_payments'),
pg_total_relation_size('dunning_outbox'), pg_total_relation_size('dunning_events')`).Scan(&cs, &ob, &ev)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(cs)/float64(cases), "dbB/case")
	b.ReportMetric(float64(ob)/float64(steps), "outboxB/step")
	b.ReportMetric(float64(ev)/float64(steps), "eventsB/step")
}

// bulkLoad writes n open cases (every tenth due on batchDay), their invoices
// and the invoices they hold straight into the tables, 500 rows a statement
// in one transaction: the population of the
// daily-run benchmark, without n Saves.
func bulkLoad(b testing.TB, db *sql.DB, d sqlstore.Dialect, n int) {
	b.Helper()
	ctx := context.Background()
	cred := dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}}
	std := flow.Standard()
	amount := money.MustNew("1000.00", money.DKK)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	docCast, dateCast := "", ""
	if d == sqlstore.PostgreSQL {
		docCast, dateCast = "::jsonb", "::date"
	}
	const chunk = 500
	for lo := 0; lo < n; lo += chunk {
		var cases, claims, holds strings.Builder
		var cargs, iargs, hargs []any
		for i := lo; i < min(lo+chunk, n); i++ {
			due := batchDay.AddDays(30)
			if i%10 == 0 {
				due = batchDay.AddDays(-3)
			}
			debt := dunning.Party{ID: fmt.Sprintf("d%05d", i%5000), Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
				Email: "jens@example.dk", Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}}
			c := collection.Case{
				ID: collection.CaseID(fmt.Sprintf("c%07d", i)), Version: 1, Creditor: cred, Debtor: debt, Currency: money.DKK, Jurisdiction: dunning.DK,
				Claims: []collection.Claim{{InvoiceID: fmt.Sprintf("i%07d", i), Number: strconv.Itoa(1000000 + i), Due: due, Original: amount, Open: amount, Status: collection.ClaimOpen}},
				Status: collection.StatusActive, Stage: collection.StageReminders, Progress: flow.Start(std), NextDue: due.AddDays(3),
			}
			doc, err := json.Marshal(c)
			if err != nil {
				b.Fatal(err)
			}
			if i > lo {
				cases.WriteString(", ")
				claims.WriteString(", ")
			}
			k := len(cargs)
			fmt.Fprintf(&cases, "(%s, 1, 'cr-1', %s, 'active', %s%s, %s, %s%s)", ph(d, k+1), ph(d, k+2), ph(d, k+3), dateCast, ph(d, k+4), ph(d, k+5), docCast)
			cargs = append(cargs, string(c.ID), debt.ID, c.NextDue.String(), sqlstore.PartitionKey(c), string(doc))
			fmt.Fprintf(&claims, "(%s, %s)", ph(d, len(iargs)+1), ph(d, len(iargs)+2))
			iargs = append(iargs, c.Claims[0].InvoiceID, string(c.ID))
			if i > lo {
				holds.WriteString(", ")
			}
			fmt.Fprintf(&holds, "('cr-1', %s, %s)", ph(d, len(hargs)+1), ph(d, len(hargs)+2))
			hargs = append(hargs, c.Claims[0].InvoiceID, string(c.ID))
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dunning_cases (id, version, creditor_id, debtor_id, status, next_due, part, doc) VALUES "+cases.String(), cargs...); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dunning_claims (invoice_id, case_id) VALUES "+claims.String(), iargs...); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dunning_case_invoices (creditor_id, invoice_id, case_id) VALUES "+holds.String(), hargs...); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if d == sqlstore.PostgreSQL {
		if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
}

// ph is the k-th placeholder of dialect d.
func ph(d sqlstore.Dialect, k int) string {
	if d == sqlstore.PostgreSQL {
		return "$" + strconv.Itoa(k)
	}
	return "?"
}

// BenchmarkSave measures one Save of an updated case with two events and one
// outbox message on SQLite (a file with WAL); no target is set.
func BenchmarkSave(b *testing.B) {
	s := newSQLite(b)
	ctx := context.Background()
	c := caseFor("bench")
	v, err := s.Save(ctx, c, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	c.Version = v
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		id := "bench/" + strconv.Itoa(i)
		evs := []collection.Event{{CaseID: c.ID, Seq: c.Version + 1, Type: collection.EventStepTaken}, {CaseID: c.ID, Seq: c.Version + 1, Type: collection.EventLetterQueued, Data: map[string]string{"message": id}}}
		if c.Version, err = s.Save(ctx, c, evs, []letters.Message{letterFor(id)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDue measures reading due cases through the Due iterator (keyset
// pages of 256) on SQLite, per case read; no target is set.
func BenchmarkDue(b *testing.B) {
	db := openSQLite(b)
	bulkLoad(b, db, sqlstore.SQLite, 20_000)
	s := storeOf(b, db)
	ctx := context.Background()
	b.ReportAllocs()
	var next func() (collection.Case, error, bool)
	var stop func()
	for b.Loop() {
		if next == nil {
			next, stop = iter.Pull2(s.Due(ctx, batchDay.AddDays(40)))
		}
		if _, err, ok := next(); !ok {
			stop()
			next = nil
		} else if err != nil {
			b.Fatal(err)
		}
	}
	if stop != nil {
		stop()
	}
}
