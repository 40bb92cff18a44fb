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
	db.SetMaxIdleConns(8) // the relay's workers keep their connections
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
	s, err := sqlstore.New(context.Background(), db, sqlstore.Options{})
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
// message<TAB>tag" to a file, once per call: the raw deliveries, repeats
// included, each with the tag of the run that made it. Delay is how long a
// delivery takes.
type fileSink struct {
	mu    sync.Mutex
	path  string
	tag   string
	delay time.Duration
}

func (f *fileSink) Deliver(_ context.Context, m letters.Message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	time.Sleep(f.delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	fh, err := os.OpenFile(f.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer fh.Close()
	_, err = fh.WriteString(m.ID + "\t" + hex.EncodeToString(sum[:]) + "\t" + f.tag + "\n")
	return err
}

// delivery is one line of a fileSink's file.
type delivery struct{ id, sum, tag string }

// readDeliveries returns the lines of the sink file at path, in order.
func readDeliveries(t testing.TB, path string) []delivery {
	t.Helper()
	fh, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []delivery
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || len(f[1]) != 2*sha256.Size {
			continue // a line cut by a kill
		}
		out = append(out, delivery{id: f[0], sum: f[1], tag: f[2]})
	}
	return out
}

// readSink returns the distinct ids with their hash and how many deliveries
// repeated an id already delivered. Two different messages under one id fail t.
func readSink(t testing.TB, path string) (map[string]string, int) {
	t.Helper()
	got := map[string]string{}
	repeats := 0
	for _, d := range readDeliveries(t, path) {
		if prev, seen := got[d.id]; seen {
			repeats++
			if prev != d.sum {
				t.Errorf("message %s reached the sink twice with different contents", d.id)
			}
			continue
		}
		got[d.id] = d.sum
	}
	return got, repeats
}

// redelivered returns, per run tag, how many of the messages that run
// delivered a later run delivered again: the messages it had in flight when
// it was killed. tags are the runs in order.
func redelivered(t testing.TB, path string, tags []string) map[string]int {
	t.Helper()
	order := map[string]int{}
	for i, tag := range tags {
		order[tag] = i
	}
	runs := map[string][]int{} // id → the runs that delivered it, in order
	for _, d := range readDeliveries(t, path) {
		runs[d.id] = append(runs[d.id], order[d.tag])
	}
	out := map[string]int{}
	for _, rs := range runs {
		for i, r := range rs {
			if slices.ContainsFunc(rs[i+1:], func(later int) bool { return later > r }) {
				out[tags[r]]++
			}
		}
	}
	return out
}

// relayConcurrency is the Concurrency of the collection.Relay in the worker's
// relay mode.
const relayConcurrency = 4

// workerSpec is what one worker's daily run does.
type workerSpec struct {
	Ref         dbRef
	Part, Parts int
	// Sink is the fileSink's file; Tag marks this run's deliveries in it and
	// Delay is how long each delivery takes.
	Sink  string
	Tag   string
	Delay time.Duration
	// Owner names the lease owner in the deliver mode.
	Owner string
	// Relay selects how the worker delivers: false, sqlstore.Deliver (leases,
	// one message at a time); true, a collection.Relay with relayConcurrency
	// over the store's delivery marks (collection.DeliveryRecorder).
	Relay bool
	// Offset is how far the worker's clock (its Service's) is from
	// batchSendAt: workers whose clocks disagree.
	Offset time.Duration
}

// runBatch is one worker's daily run: Commit over its partition, then deliver
// the outbox until nothing is left that it may claim. It calls relaying
// between the two.
func runBatch(ctx context.Context, s *sqlstore.Store, w workerSpec, relaying func()) error {
	p, err := s.Partition(w.Part, max(w.Parts, 1))
	if err != nil {
		return err
	}
	now := batchSendAt.Add(w.Offset)
	svc, err := collection.New(p, collection.Options{Clock: date.FixedClock(now), Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "DK50 0040 0440 1162 43"}}}}})
	if err != nil {
		return err
	}
	if _, err := svc.Commit(ctx, collection.BatchRequest{Date: batchDay, Workers: 2}, now); err != nil {
		return err
	}
	relaying()
	sink := &fileSink{path: w.Sink, tag: w.Tag, delay: w.Delay}
	if w.Relay {
		r, err := svc.NewRelay(sink, collection.RelayOptions{Concurrency: relayConcurrency})
		if err != nil {
			return err
		}
		for {
			res, err := r.RunOnce(ctx, now)
			if err != nil {
				return err
			}
			if res.Pending == 0 {
				return nil
			}
			if len(res.Delivered) == 0 {
				return fmt.Errorf("relay: %d messages pending and nothing delivered: %+v", res.Pending, res)
			}
		}
	}
	for {
		res, err := s.Deliver(ctx, sink, sqlstore.DeliverOptions{Owner: w.Owner, Max: 50, Lease: time.Hour})
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
// world of n cases, delivering as a relay (workerSpec.Relay) or not, and
// returns its final state and the sink's ids.
func reference(t *testing.T, d sqlstore.Dialect, n int, relay bool) (state, map[string]string) {
	t.Helper()
	ref := newWorld(t, d)
	s := storeOf(t, ref.open(t))
	populate(t, s, n)
	sink := filepath.Join(t.TempDir(), "ref-sink")
	if err := runBatch(t.Context(), s, workerSpec{Sink: sink, Tag: "ref", Owner: "ref", Relay: relay}, func() {}); err != nil {
		t.Fatal(err)
	}
	st := readState(t, s)
	got, repeats := readSink(t, sink)
	if repeats != 0 || len(got) != len(st.outbox) || len(got) == 0 {
		t.Fatalf("reference run: %d messages in the sink (%d repeats) for %d in the outbox", len(got), repeats, len(st.outbox))
	}
	return st, got
}

// workerEnv is the environment variable that makes the test binary a worker
// process (TestHelperWorker): a workerSpec as JSON.
const workerEnv = "DUNNING_SQLSTORE_WORKER"

// TestHelperWorker is not a test: it is the worker process the crash and
// multi-worker tests start (the test binary re-executed with workerEnv set).
// It prints "ready" when its Service is about to commit and "relaying" when
// it starts delivering.
func TestHelperWorker(t *testing.T) {
	spec := os.Getenv(workerEnv)
	if spec == "" {
		return
	}
	var w workerSpec
	if err := json.Unmarshal([]byte(spec), &w); err != nil {
		t.Fatalf("bad %s %q: %v", workerEnv, spec, err)
	}
	s := storeOf(t, w.Ref.open(t))
	fmt.Println("ready")
	if err := runBatch(context.Background(), s, w, func() { fmt.Println("relaying") }); err != nil {
		t.Fatal(err)
	}
}

// worker returns the command of a worker process.
func worker(t *testing.T, w workerSpec) *exec.Cmd {
	spec, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWorker$", "-test.count=1")
	cmd.Env = append(os.Environ(), workerEnv+"="+string(spec))
	cmd.Stderr = os.Stderr
	return cmd
}

// runWorkers runs the workers at once to the end.
func runWorkers(t *testing.T, ws ...workerSpec) {
	t.Helper()
	cmds := make([]*exec.Cmd, len(ws))
	outs := make([]strings.Builder, len(ws))
	for i, w := range ws {
		cmds[i] = worker(t, w)
		cmds[i].Stdout = &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("worker %d of %d: %v\n%s", i, len(ws), err, outs[i].String())
		}
	}
}

// partitions returns the specs of parts workers over r, one per partition.
func partitions(r dbRef, parts int, sink string) []workerSpec {
	ws := make([]workerSpec, parts)
	for i := range ws {
		ws[i] = workerSpec{Ref: r, Part: i, Parts: parts, Sink: sink, Tag: "w" + strconv.Itoa(i), Owner: "w" + strconv.Itoa(i)}
	}
	return ws
}

// crashTest kills a worker process with SIGKILL kills times at random points
// of the daily run and restarts it, then lets a last restart finish. The
// first two kills fall in Commit (any time after start), the others while
// the worker delivers (up to 60ms after its first delivery). Delivery is sqlstore.Deliver
// (one message at a time, leases) or, with relay, a collection.Relay with
// relayConcurrency over the store's delivery marks. It checks that the final
// state equals an uninterrupted run's, that every message reached the sink
// under its one id with one content, and that each kill made the next runs
// deliver again at most the messages in flight: 1 for Deliver,
// relayConcurrency for the Relay.
func crashTest(t *testing.T, d sqlstore.Dialect, relay bool) {
	const n, kills = 1500, 12
	inFlight := 1
	if relay {
		inFlight = relayConcurrency
	}
	want, wantSink := reference(t, d, n, relay)

	r := newWorld(t, d)
	s := storeOf(t, r.open(t))
	populate(t, s, n)
	sink := filepath.Join(t.TempDir(), "sink")
	seed := rand.Uint64() // logged, so a failing run can be replayed
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	var tags []string
	killed := 0
	for k := range kills {
		tag := fmt.Sprintf("kill-%02d", k+1)
		tags = append(tags, tag)
		cmd := worker(t, workerSpec{Ref: r, Parts: 1, Sink: sink, Tag: tag, Owner: "w0", Relay: relay, Delay: time.Millisecond})
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewReader(out)
		if line, _ := lines.ReadString('\n'); strings.TrimSpace(line) != "ready" {
			t.Fatalf("worker said %q, want ready", line)
		}
		wait := time.Duration(rng.IntN(200)) * time.Millisecond
		if k >= 2 {
			// Kill it while it delivers: after its first delivery.
			if line, _ := lines.ReadString('\n'); strings.TrimSpace(line) != "relaying" {
				t.Fatalf("worker said %q, want relaying", line)
			}
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				if slices.ContainsFunc(readDeliveries(t, sink), func(d delivery) bool { return d.tag == tag }) {
					break
				}
			}
			wait = time.Duration(rng.IntN(60)) * time.Millisecond
		}
		time.Sleep(wait)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
		}
		steps := 0
		for c, err := range s.List(t.Context(), collection.Filter{}) {
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Progress.Taken) > 0 {
				steps++
			}
		}
		delivered, _ := readSink(t, sink)
		t.Logf("kill %d after %v (%v): %d steps taken, %d messages delivered so far", k+1, wait, err, steps, len(delivered))
	}
	tags = append(tags, "final")
	runWorkers(t, workerSpec{Ref: r, Parts: 1, Sink: sink, Tag: "final", Owner: "w0", Relay: relay}) // the restart that finishes the run

	if d := diffState(want, readState(t, s)); d != "" {
		t.Fatalf("after %d kills the state differs from an uninterrupted run:\n%s", kills, d)
	}
	got, repeats := readSink(t, sink)
	if d := gocmp.Diff(wantSink, got); d != "" {
		t.Fatalf("sink after the kills (-uninterrupted +got):\n%s", d)
	}
	// Delivery is at least once: a message in flight when its worker died is
	// delivered again under the same id (the Dispatcher's repeat), and only
	// such a message.
	again := redelivered(t, sink, tags)
	perKill := make([]int, kills)
	for k := range kills {
		perKill[k] = again[tags[k]]
		if perKill[k] > inFlight {
			t.Errorf("kill %d: %d messages delivered again, more than the %d in flight", k+1, perKill[k], inFlight)
		}
	}
	t.Logf("%d kills (%d of a running worker), %d messages delivered, %d repeated deliveries; per kill %v (bound %d)", kills, killed, len(got), repeats, perKill, inFlight)
	if killed < 10 {
		t.Errorf("only %d of the %d kills hit a running worker, want at least 10", killed, kills)
	}
	if left, err := collection.Collect(s.Outbox(t.Context(), 0)); err != nil || len(left) != len(got) {
		t.Fatalf("outbox has %d entries (%v), sink %d", len(left), err, len(got))
	}
}

// TestCrashSQLite kills a worker process at random points of the daily run
// (Commit, then delivery with sqlstore.Deliver) twelve times and restarts it:
// the final state equals an uninterrupted run's (every case, every event,
// every outbox message), each message reaches the sink under its one id with
// one content, no event is lost (the events are compared case by case), and
// each kill makes at most one message go out twice.
func TestCrashSQLite(t *testing.T) { crashTest(t, sqlstore.SQLite, false) }

// TestCrashPostgres is TestCrashSQLite on PostgreSQL.
func TestCrashPostgres(t *testing.T) {
	pgDSN(t)
	crashTest(t, sqlstore.PostgreSQL, false)
}

// TestCrashRelaySQLite is TestCrashSQLite with a collection.Relay delivering
// four messages at a time and recording each delivery in the store as it
// happens (collection.DeliveryRecorder): each kill makes at most four
// messages go out twice, not the batch, and the message.sent receipts on the
// cases are those of an uninterrupted run.
func TestCrashRelaySQLite(t *testing.T) { crashTest(t, sqlstore.SQLite, true) }

// TestCrashRelayPostgres is TestCrashRelaySQLite on PostgreSQL.
func TestCrashRelayPostgres(t *testing.T) {
	pgDSN(t)
	crashTest(t, sqlstore.PostgreSQL, true)
}

func workersTest(t *testing.T, d sqlstore.Dialect) {
	const n = 900
	want, wantSink := reference(t, d, n, false)
	for _, parts := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("workers=%d", parts), func(t *testing.T) {
			r := newWorld(t, d)
			s := storeOf(t, r.open(t))
			populate(t, s, n)
			sink := filepath.Join(t.TempDir(), "sink")
			runWorkers(t, partitions(r, parts, sink)...)
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

// skewTest runs the daily run in two worker processes at once whose clocks
// are a day apart: both take the whole batch (every case is due for both; the
// version check of Save decides) and deliver the one outbox with their own
// lease owners, with the 1-hour leases of runBatch. The leases run on the
// database's clock, so the worker a day ahead never finds the other's leases
// expired: no message is delivered twice, every message is delivered, and no
// case has a step taken twice.
func skewTest(t *testing.T, d sqlstore.Dialect) {
	const n = 900
	r := newWorld(t, d)
	s := storeOf(t, r.open(t))
	populate(t, s, n)
	sink := filepath.Join(t.TempDir(), "sink")
	runWorkers(t,
		workerSpec{Ref: r, Parts: 1, Sink: sink, Tag: "now", Owner: "now", Delay: time.Millisecond},
		workerSpec{Ref: r, Parts: 1, Sink: sink, Tag: "tomorrow", Owner: "tomorrow", Delay: time.Millisecond, Offset: 24 * time.Hour})

	st := readState(t, s)
	got, repeats := readSink(t, sink)
	if repeats != 0 {
		t.Errorf("%d deliveries repeated a message id, want 0", repeats)
	}
	for id := range st.outbox {
		if _, ok := got[id]; !ok {
			t.Errorf("message %s was never delivered", id)
		}
	}
	if len(got) != len(st.outbox) {
		t.Errorf("%d messages delivered, %d in the outbox", len(got), len(st.outbox))
	}
	letters := map[collection.CaseID]int{}
	for _, e := range st.outbox {
		letters[e.CaseID]++
	}
	steps := 0
	for id, c := range st.cases {
		i, err := strconv.Atoi(strings.TrimPrefix(string(id), "c"))
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if i%3 == 0 {
			want = 1 // Reminder 1 is due on batchDay; nothing else is
		}
		seen := map[int]bool{}
		for _, tk := range c.Progress.Taken {
			if seen[tk.Index] {
				t.Errorf("case %s: step %d taken twice", id, tk.Index)
			}
			seen[tk.Index] = true
		}
		if len(c.Progress.Taken) != want || letters[id] != want {
			t.Errorf("case %s: %d steps taken and %d letters queued, want %d", id, len(c.Progress.Taken), letters[id], want)
		}
		steps += len(c.Progress.Taken)
	}
	byWorker := map[string]int{}
	for _, dl := range readDeliveries(t, sink) {
		byWorker[dl.tag]++
	}
	t.Logf("%d steps taken, %d messages delivered once each (by worker: %v), %d repeats", steps, len(got), byWorker, repeats)
}

// TestClockSkewPostgres: two PostgreSQL workers whose clocks are a day apart
// run the batch and deliver together: 0 duplicate deliveries, no step taken
// twice.
func TestClockSkewPostgres(t *testing.T) {
	pgDSN(t)
	skewTest(t, sqlstore.PostgreSQL)
}

// TestClockSkewSQLite is TestClockSkewPostgres on one SQLite file.
func TestClockSkewSQLite(t *testing.T) { skewTest(t, sqlstore.SQLite) }
