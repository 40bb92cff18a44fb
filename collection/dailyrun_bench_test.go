package collection_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/internal/proccpu"
	"github.com/dunning-go/dunning/money"
)

var million = flag.Bool("dailyrun.million", false, "also run BenchmarkDailyRun with 1,000,000 cases")

// BenchmarkDailyRun measures the daily batch run (Commit) on memstore over a
// population of open cases of which 10 % are due: for each due case decide
// (flow.Decide), charge the reminder fee and the statutory interest (the
// default InterestTerms), render the letter from the ledger (text and HTML,
// with the interest calculation), save the case with its events and queue the
// letter in the outbox. The cases have one creditor and a debtor for every 20
// cases (distinct ids and names, case i with debtor i mod n/20, as in
// sqlstore's bulkLoad), so the store cannot keep one debtor for all of them.
//
// Target (docs/design.md, issue 23), on the 2-core reference machine: 1,000,000
// open cases of which 10 % due in ≤ 5 s and ≤ 1 KiB of heap per case (the store
// with every case, its events and the outbox, after the run). 10,000 and 100,000
// cases run by default; 1,000,000 with -dailyrun.million. Each iteration is one
// whole daily run over a freshly built store (the build is not timed), so run it
// with -benchtime=1x. It reports cases/s (open cases per second of run),
// heapB/case (live heap after the run, per case) and cpuµs/step (the CPU the
// process spent in the run, every goroutine's, per step taken), which shows the
// cost of a step apart from how well the run kept both cores busy. On a shared
// virtual machine the host's load moves every figure by a fifth or more from
// one run to the next: compare builds in runs interleaved with each other.
func BenchmarkDailyRun(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if *million {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) { benchDailyRun(b, n) })
	}
}

func benchDailyRun(b *testing.B, n int) {
	ctx := context.Background()
	day := date.MustNew(2025, 3, 3)
	cl := &clock{}
	cl.set(day)
	r, err := batchLetters()
	if err != nil {
		b.Fatal(err)
	}
	std := flow.Standard()
	cred := creditor()
	debtors := make([]dunning.Party, max(n/20, 1))
	for k := range debtors {
		debtors[k] = debtor(fmt.Sprintf("d%05d", k))
		debtors[k].Name = fmt.Sprintf("Jens Jensen %d", k+1)
	}
	amount := money.MustNew("1000.00", money.DKK)
	var heap uint64
	var elapsed, cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		st := memstore.New()
		for i := range n {
			due := day.AddDays(30) // not due for weeks
			if i%10 == 0 {
				due = day.AddDays(-3) // Reminder 1 (due date + 3) is due today
			}
			c := collection.Case{
				ID: collection.CaseID(fmt.Sprintf("c%07d", i)), Creditor: cred, Debtor: debtors[i%len(debtors)],
				Currency: money.DKK, Jurisdiction: dunning.DK,
				Claims: []collection.Claim{{InvoiceID: fmt.Sprintf("i%07d", i), Number: fmt.Sprint(1000000 + i), Due: due, Original: amount, Open: amount, Status: collection.ClaimOpen}},
				Status: collection.StatusActive, Stage: collection.StageReminders, Progress: flow.Start(std), NextDue: due.AddDays(3),
			}
			if _, err := st.Save(ctx, c, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
		svc, err := collection.New(st, collection.Options{Clock: cl, Letters: r, Creditors: withBank})
		if err != nil {
			b.Fatal(err)
		}
		start, cpu0 := time.Now(), proccpu.CPU()
		b.StartTimer()
		res, err := svc.Commit(ctx, collection.BatchRequest{Workers: runtime.GOMAXPROCS(0)}, cl.now)
		b.StopTimer()
		elapsed += time.Since(start)
		cpu += proccpu.CPU() - cpu0
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Steps) != n/10 {
			b.Fatalf("%d steps taken, want %d", len(res.Steps), n/10)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap += after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		runtime.KeepAlive(st)
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "cases/s")
	b.ReportMetric(float64(heap)/float64(b.N)/float64(n), "heapB/case")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(b.N)/float64(n/10), "cpuµs/step")
	}
}
