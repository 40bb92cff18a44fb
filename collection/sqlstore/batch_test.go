package sqlstore_test

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	gocmp "github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

// batchDay is the day of the daily runs of these tests; the Service's clock
// reads 09:00 UTC on it.
var batchDay = date.MustNew(2025, 3, 3)

var batchSendAt = time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)

// db is one database a test world lives in: how to open it again from a
// worker process.
type dbRef struct {
	Driver string // "sqlite" or "pgx"
	DSN    string
}

func (r dbRef) open(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open(r.Driver, r.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newWorld makes a fresh, migrated database of the dialect.
func newWorld(t testing.TB, d sqlstore.Dialect) dbRef {
	t.Helper()
	var r dbRef
	if d == sqlstore.PostgreSQL {
		r = dbRef{Driver: "pgx", DSN: pgSchema(t)}
	} else {
		r = dbRef{Driver: "sqlite", DSN: sqliteDSN(filepath.Join(t.TempDir(), "dunning.db"))}
	}
	if err := sqlstore.Migrate(context.Background(), r.open(t)); err != nil {
		t.Fatal(err)
	}
	return r
}

func storeOf(t testing.TB, db *sql.DB) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(context.Background(), db, sqlstore.Options{Clock: date.FixedClock(batchSendAt)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// populate saves n open cases of one Danish creditor with n/debtors debtors
// each. Every third case is due on batchDay: Reminder 1 of the Standard flow
// (three days after the due date); the others are due in a month.
func populate(t testing.TB, s collection.Store, n int) {
	t.Helper()
	ctx := context.Background()
	cred := dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}}
	std := flow.Standard()
	for i := range n {
		due := batchDay.AddDays(30)
		if i%3 == 0 {
			due = batchDay.AddDays(-3)
		}
		amount := money.MustNew(strconv.Itoa(100+i%900)+".10", money.DKK)
		debt := dunning.Party{ID: fmt.Sprintf("d%04d", i%97), Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
			Email: "jens@example.dk", Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}}
		c := collection.Case{
			ID: collection.CaseID(fmt.Sprintf("c%07d", i)), Creditor: cred, Debtor: debt,
			Currency: money.DKK, Jurisdiction: dunning.DK,
			Claims: []collection.Claim{{InvoiceID: fmt.Sprintf("i%07d", i), Number: strconv.Itoa(1000000 + i), Issued: due.AddDays(-30), Due: due,
				Original: amount, Open: amount, Status: collection.ClaimOpen}},
			Status: collection.StatusActive, Stage: collection.StageReminders, Progress: flow.Start(std), NextDue: due.AddDays(3),
		}
		if _, err := s.Save(ctx, c, []collection.Event{{CaseID: c.ID, Seq: 1, At: batchSendAt.Add(-24 * time.Hour), Type: collection.EventOpened}}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// fileSink is a letters.Dispatcher that appends "id<TAB>sha256 of the
// message" to a file, once per call: the raw deliveries, repeats included.
type fileSink struct {
	mu   sync.Mutex
	path string
}

func (f *fileSink) Deliver(_ context.Context, m letters.Message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	f.mu.Lock()
	defer f.mu.Unlock()
	fh, err := os.OpenFile(f.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer fh.Close()
	_, err = fh.WriteString(m.ID + "\t" + hex.EncodeToString(sum[:]) + "\n")
	return err
}

// readSink returns the distinct ids with their hash and how many deliveries
// repeated an id already delivered. Two different messages under one id fail t.
func readSink(t testing.TB, path string) (map[string]string, int) {
	t.Helper()
	got := map[string]string{}
	repeats := 0
	fh, err := os.Open(path)
	if os.IsNotExist(err) {
		return got, 0
	}
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		id, sum, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue // a line cut by a kill
		}
		if prev, seen := got[id]; seen {
			repeats++
			if prev != sum {
				t.Errorf("message %s reached the sink twice with different contents", id)
			}
			continue
		}
		got[id] = sum
	}
	return got, repeats
}

// runBatch is one worker's daily run: Commit over its partition, then deliver
// the outbox until nothing is left that it may claim.
func runBatch(ctx context.Context, s *sqlstore.Store, part, parts int, sink letters.Dispatcher, owner string) error {
	p, err := s.Partition(part, parts)
	if err != nil {
		return err
	}
	svc, err := collection.New(p, collection.Options{Clock: date.FixedClock(batchSendAt), Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "DK50 0040 0440 1162 43"}}}}})
	if err != nil {
		return err
	}
	if _, err := svc.Commit(ctx, collection.BatchRequest{Date: batchDay, Workers: 2}, batchSendAt); err != nil {
		return err
	}
	for {
		res, err := s.Deliver(ctx, sink, sqlstore.DeliverOptions{Owner: owner, Max: 50, Lease: time.Hour})
		if err != nil {
			return err
		}
		if len(res.Delivered)+len(res.Failed) == 0 {
			return nil
		}
	}
}

// state is everything a run leaves in the store.
type state struct {
	cases  map[collection.CaseID]collection.Case
	events map[collection.CaseID][]collection.Event
	outbox map[string]collection.OutboxEntry // by message id, Pos cleared
}

func readState(t testing.TB, s *sqlstore.Store) state {
	t.Helper()
	ctx := context.Background()
	st := state{cases: map[collection.CaseID]collection.Case{}, events: map[collection.CaseID][]collection.Event{}, outbox: map[string]collection.OutboxEntry{}}
	cs, err := collection.Collect(s.List(ctx, collection.Filter{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		st.cases[c.ID] = c
		evs, err := collection.Collect(s.Events(ctx, c.ID))
		if err != nil {
			t.Fatal(err)
		}
		st.events[c.ID] = evs
	}
	out, err := collection.Collect(s.Outbox(ctx, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range out {
		if _, dup := st.outbox[e.Message.ID]; dup {
			t.Errorf("message id %s is twice in the outbox", e.Message.ID)
		}
		e.Pos = 0
		st.outbox[e.Message.ID] = e
	}
	return st
}

// diffState reports how got differs from want (empty when equal).
func diffState(want, got state) string {
	var b strings.Builder
	if d := gocmp.Diff(slices.Sorted(maps.Keys(want.cases)), slices.Sorted(maps.Keys(got.cases))); d != "" {
		fmt.Fprintf(&b, "case ids (-want +got):\n%s", d)
	}
	for id, w := range want.cases {
		if d := storetest.Equal(w, got.cases[id]); d != "" {
			fmt.Fprintf(&b, "case %s (-want +got):\n%s", id, d)
			break
		}
		if d := gocmp.Diff(want.events[id], got.events[id]); d != "" {
			fmt.Fprintf(&b, "events of %s (-want +got):\n%s", id, d)
			break
		}
	}
	if d := gocmp.Diff(want.outbox, got.outbox, gocmp.Comparer(func(a, b language.Tag) bool { return a == b })); d != "" {
		fmt.Fprintf(&b, "outbox (-want +got):\n%s", d)
	}
	return b.String()
}

// reference runs the daily run uninterrupted, in this process, on a fresh
// world of n cases, and returns its final state and the sink's ids.
func reference(t *testing.T, d sqlstore.Dialect, n int) (state, map[string]string) {
	t.Helper()
	ref := newWorld(t, d)
	s := storeOf(t, ref.open(t))
	populate(t, s, n)
	sink := &fileSink{path: filepath.Join(t.TempDir(), "ref-sink")}
	if err := runBatch(t.Context(), s, 0, 1, sink, "ref"); err != nil {
		t.Fatal(err)
	}
	st := readState(t, s)
	got, repeats := readSink(t, sink.path)
	if repeats != 0 || len(got) != len(st.outbox) || len(got) == 0 {
		t.Fatalf("reference run: %d messages in the sink (%d repeats) for %d in the outbox", len(got), repeats, len(st.outbox))
	}
	return st, got
}

// workerEnv is the environment variable that makes the test binary a worker
// process (TestHelperWorker): "driver|dsn|part|parts|sink file|owner".
const workerEnv = "DUNNING_SQLSTORE_WORKER"

// TestHelperWorker is not a test: it is the worker process the crash and
// multi-worker tests start (the test binary re-executed with workerEnv set).
// It prints "ready" when its Service is about to commit.
func TestHelperWorker(t *testing.T) {
	spec := os.Getenv(workerEnv)
	if spec == "" {
		return
	}
	f := strings.Split(spec, "|")
	if len(f) != 6 {
		t.Fatalf("bad %s %q", workerEnv, spec)
	}
	part, _ := strconv.Atoi(f[2])
	parts, _ := strconv.Atoi(f[3])
	db := dbRef{Driver: f[0], DSN: f[1]}.open(t)
	s := storeOf(t, db)
	fmt.Println("ready")
	if err := runBatch(context.Background(), s, part, parts, &fileSink{path: f[4]}, f[5]); err != nil {
		t.Fatal(err)
	}
}

// worker returns the command of a worker process over r.
func worker(t *testing.T, r dbRef, part, parts int, sink, owner string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWorker$", "-test.count=1")
	cmd.Env = append(os.Environ(), workerEnv+"="+strings.Join([]string{r.Driver, r.DSN, strconv.Itoa(part), strconv.Itoa(parts), sink, owner}, "|"))
	cmd.Stderr = os.Stderr
	return cmd
}

// runWorkers runs parts worker processes at once to the end.
func runWorkers(t *testing.T, r dbRef, parts int, sink string) {
	t.Helper()
	cmds := make([]*exec.Cmd, parts)
	outs := make([]strings.Builder, parts)
	for i := range parts {
		cmds[i] = worker(t, r, i, parts, sink, "w"+strconv.Itoa(i))
		cmds[i].Stdout = &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("worker %d of %d: %v\n%s", i, parts, err, outs[i].String())
		}
	}
}

func crashTest(t *testing.T, d sqlstore.Dialect) {
	const n, kills = 1500, 3
	want, wantSink := reference(t, d, n)

	r := newWorld(t, d)
	s := storeOf(t, r.open(t))
	populate(t, s, n)
	sink := filepath.Join(t.TempDir(), "sink")
	seed := rand.Uint64() // logged, so a failing run can be replayed
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	for k := range kills {
		cmd := worker(t, r, 0, 1, sink, "w0")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if strings.TrimSpace(line) != "ready" {
			t.Fatalf("worker said %q, want ready", line)
		}
		wait := time.Duration(rng.IntN(200)) * time.Millisecond
		time.Sleep(wait)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err = cmd.Wait()
		steps := 0
		for c, err := range s.List(t.Context(), collection.Filter{}) {
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Progress.Taken) > 0 {
				steps++
			}
		}
		t.Logf("kill %d after %v (%v): %d steps taken so far", k+1, wait, err, steps)
	}
	runWorkers(t, r, 1, sink) // the restart that finishes the run

	if d := diffState(want, readState(t, s)); d != "" {
		t.Fatalf("after %d kills the state differs from an uninterrupted run:\n%s", kills, d)
	}
	got, repeats := readSink(t, sink)
	if d := gocmp.Diff(wantSink, got); d != "" {
		t.Fatalf("sink after the kills (-uninterrupted +got):\n%s", d)
	}
	// Delivery is at least once: a message whose lease was held when its worker
	// died is delivered again under the same id (the Dispatcher's repeat).
	t.Logf("%d messages delivered, %d repeated deliveries of an id after a kill", len(got), repeats)
	if left, err := collection.Collect(s.Outbox(t.Context(), 0)); err != nil || len(left) != len(got) {
		t.Fatalf("outbox has %d entries (%v), sink %d", len(left), err, len(got))
	}
}

// TestCrashSQLite kills a worker process at random points of the daily run
// (Commit, then delivery) three times and restarts it: the final state equals
// an uninterrupted run's (every case, every event, every outbox message), each
// message reaches the sink under its one id with one content, and no event is
// lost (the events are compared case by case).
func TestCrashSQLite(t *testing.T) { crashTest(t, sqlstore.SQLite) }

// TestCrashPostgres is TestCrashSQLite on PostgreSQL.
func TestCrashPostgres(t *testing.T) {
	pgDSN(t)
	crashTest(t, sqlstore.PostgreSQL)
}

func workersTest(t *testing.T, d sqlstore.Dialect) {
	const n = 900
	want, wantSink := reference(t, d, n)
	for _, parts := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("workers=%d", parts), func(t *testing.T) {
			r := newWorld(t, d)
			s := storeOf(t, r.open(t))
			populate(t, s, n)
			sink := filepath.Join(t.TempDir(), "sink")
			runWorkers(t, r, parts, sink)
			if d := diffState(want, readState(t, s)); d != "" {
				t.Fatalf("%d workers: the state differs from one in-process run:\n%s", parts, d)
			}
			got, repeats := readSink(t, sink)
			if d := gocmp.Diff(wantSink, got); d != "" || repeats != 0 {
				t.Fatalf("%d workers: sink differs (%d repeats) (-want +got):\n%s", parts, repeats, d)
			}
		})
	}
}

// TestWorkersPostgres runs the daily run in 1, 2 and 4 worker processes on one
// PostgreSQL database, each over its Partition and delivering with its own
// lease owner: the final state equals one in-process run, and no message is
// delivered twice.
func TestWorkersPostgres(t *testing.T) {
	pgDSN(t)
	workersTest(t, sqlstore.PostgreSQL)
}

// TestWorkersSQLite is TestWorkersPostgres on one SQLite file.
func TestWorkersSQLite(t *testing.T) { workersTest(t, sqlstore.SQLite) }

// TestPartitionsDisjoint checks that the partitions of Due are disjoint and
// together yield exactly Due, in order, for several n.
func TestPartitionsDisjoint(t *testing.T) {
	s := newSQLite(t)
	populate(t, s, 300)
	all := dueIDs(t, s)
	for _, n := range []int{1, 2, 3, 4, 7} {
		var union []collection.CaseID
		for i := range n {
			p, err := s.Partition(i, n)
			if err != nil {
				t.Fatal(err)
			}
			ids := dueIDs(t, p)
			if !slices.IsSorted(ids) {
				t.Errorf("partition %d of %d is not in order", i, n)
			}
			union = append(union, ids...)
		}
		slices.SortFunc(union, cmp.Compare)
		if d := gocmp.Diff(all, union); d != "" {
			t.Errorf("the %d partitions do not add up to Due (-want +got):\n%s", n, d)
		}
	}
	for _, bad := range [][2]int{{0, 0}, {-1, 2}, {2, 2}} {
		if _, err := s.Partition(bad[0], bad[1]); err == nil {
			t.Errorf("Partition(%d, %d) succeeded", bad[0], bad[1])
		}
	}
}

func dueIDs(t *testing.T, s collection.Store) []collection.CaseID {
	t.Helper()
	var out []collection.CaseID
	for c, err := range s.Due(t.Context(), batchDay) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c.ID)
	}
	return out
}
