package collection_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/money"
	"pgregory.net/rapid"
)

// What a faultyBatches does with a batch, or with one write of it.
const (
	batchOK       = iota
	batchLostAck  // every write saved, then an error: the commit's answer was lost
	batchRefused  // nothing saved, an error
	writeRaced    // another writer saved the case first: this write conflicts
	numBatchFates // the number of fates
)

// faultyBatches is a memstore that is a collection.BatchSaver whose batches
// meet the fates drawn for them: saved, their answer lost, refused whole, or
// some writes losing a race to another writer.
type faultyBatches struct {
	*memstore.Store
	mu      sync.Mutex
	fates   []int // consumed one per batch and one per write
	batches int
	lost    bool // a batch's answer was lost
}

func (f *faultyBatches) next() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.fates) == 0 {
		return batchOK
	}
	v := f.fates[0]
	f.fates = f.fates[1:]
	return v
}

func (f *faultyBatches) SaveBatch(ctx context.Context, writes []collection.Write) ([]error, error) {
	f.mu.Lock()
	f.batches++
	f.mu.Unlock()
	fate := f.next()
	if fate == batchRefused {
		return nil, errors.New("the database went away")
	}
	errs := make([]error, len(writes))
	for i, w := range writes {
		if fate == batchOK && f.next() == writeRaced {
			// Another writer saves the case first (a note, say).
			c, err := f.Get(ctx, w.Case.ID)
			if err != nil {
				return nil, err
			}
			if _, err := f.Save(ctx, c, []collection.Event{{CaseID: c.ID, Seq: c.Version + 1, Type: collection.EventNoteAdded}}, nil); err != nil {
				return nil, err
			}
		}
		_, errs[i] = f.Save(ctx, w.Case, w.Events, w.Outbox)
	}
	if fate == batchLostAck {
		f.mu.Lock()
		f.lost = true
		f.mu.Unlock()
		return nil, context.DeadlineExceeded
	}
	return errs, nil
}

// batchPopulation saves n cases, every other one due on day (Reminder 1).
func batchPopulation(t interface{ Fatal(...any) }, st collection.Store, n int, day date.Date) map[collection.CaseID]bool {
	ctx := context.Background()
	std := flow.Standard()
	amount := money.MustNew("1000.00", money.DKK)
	due := map[collection.CaseID]bool{}
	for i := range n {
		d := day.AddDays(30)
		if i%2 == 0 {
			d = day.AddDays(-3)
		}
		c := collection.Case{
			ID: collection.CaseID(fmt.Sprintf("c%04d", i)), Creditor: creditor(), Debtor: debtor(fmt.Sprintf("d%d", i%7)),
			Currency: money.DKK, Jurisdiction: dunning.DK,
			Claims: []collection.Claim{{InvoiceID: fmt.Sprintf("i%04d", i), Number: fmt.Sprint(1000 + i), Due: d, Original: amount, Open: amount, Status: collection.ClaimOpen}},
			Status: collection.StatusActive, Stage: collection.StageReminders, Progress: flow.Start(std), NextDue: d.AddDays(3),
		}
		if _, err := st.Save(ctx, c, nil, nil); err != nil {
			t.Fatal(err)
		}
		due[c.ID] = i%2 == 0
	}
	return due
}

// TestCommitOverBatchSaver: a daily run over a BatchSaver whose batches are
// saved, lose their answer, are refused whole or lose races to another writer
// takes every due step exactly once and queues exactly one letter for it, the
// same steps with the same fees as a run saving case by case; with no fault
// it ends in the very same cases.
func TestCommitOverBatchSaver(t *testing.T) {
	day := date.MustNew(2025, 3, 3)
	r, err := batchLetters()
	if err != nil {
		t.Fatal(err)
	}
	const n = 700 // 350 due: two batches and a part
	run := func(t interface{ Fatalf(string, ...any) }, st collection.Store, workers int) collection.CommitResult {
		cl := &clock{}
		cl.set(day)
		svc, err := collection.New(st, collection.Options{Clock: cl, Letters: r, Creditors: withBank})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		res, err := svc.Commit(context.Background(), collection.BatchRequest{Workers: workers}, cl.now)
		if err != nil {
			t.Fatalf("Commit: %v", err)
		}
		return res
	}
	ref := memstore.New()
	due := batchPopulation(t, ref, n, day)
	refRes := run(t, ref, 1)
	if len(refRes.Steps) != n/2 {
		t.Fatalf("the reference run took %d steps, want %d", len(refRes.Steps), n/2)
	}
	rapid.Check(t, func(t *rapid.T) {
		faults := rapid.Bool().Draw(t, "faults")
		f := &faultyBatches{Store: memstore.New()}
		if faults {
			f.fates = rapid.SliceOfN(rapid.IntRange(0, numBatchFates-1), 0, 40).Draw(t, "fates")
		}
		batchPopulation(t, f.Store, n, day)
		res := run(t, f, rapid.IntRange(1, 3).Draw(t, "workers"))
		if f.batches < 2 {
			t.Fatalf("%d batches for %d due cases", f.batches, n/2)
		}
		stepped := map[collection.CaseID]bool{}
		for _, s := range res.Steps {
			if stepped[s.CaseID] || !due[s.CaseID] {
				t.Fatalf("step %+v: taken twice or for a case not due", s)
			}
			stepped[s.CaseID] = true
		}
		if !f.lost && len(stepped) != n/2 {
			t.Fatalf("CommitResult lists %d steps, want %d", len(stepped), n/2)
		}
		letters := map[string]int{}
		for e, err := range f.Outbox(context.Background(), 0) {
			if err != nil {
				t.Fatal(err)
			}
			letters[e.Message.CaseID]++
		}
		for id, isDue := range due {
			got, want := mustCase(t, f.Store, id), mustCase(t, ref, id)
			if len(got.Progress.Taken) != len(want.Progress.Taken) || letters[string(id)] != len(want.Progress.Taken) || (isDue && len(got.Progress.Taken) != 1) {
				t.Fatalf("case %s: %d steps and %d letters, want %d of each", id, len(got.Progress.Taken), letters[string(id)], len(want.Progress.Taken))
			}
			if fmt.Sprint(got.Charges) != fmt.Sprint(want.Charges) {
				t.Fatalf("case %s: charges %v, want %v", id, got.Charges, want.Charges)
			}
			if !faults {
				if d := storetest.Equal(want, got); d != "" {
					t.Fatalf("case %s differs from the case-by-case run (-want +got):\n%s", id, d)
				}
			}
		}
	})
}

func mustCase(t *rapid.T, st collection.Store, id collection.CaseID) collection.Case {
	c, err := st.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
