package storetest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/letters"
	"github.com/google/go-cmp/cmp"
)

// testBatchLikeSaves checks a collection.BatchSaver against the store's own
// Save: random batches (stale and future versions, new cases over existing
// ids, invoices another case holds, message ids already in the outbox or
// twice in the batch, payment ids twice in a case, cancelled messages, closed
// cases freeing their invoices) are given to SaveBatch on one store and, write
// by write, to Save on another store of the same kind with the same history.
// Each write must meet the same fate (saved; a conflict; an invoice held; any
// other refusal) and the two stores must end equal: every case, its events,
// its outbox messages and the invoices held.
func testBatchLikeSaves(t *testing.T, newStore func(t *testing.T) collection.Store) {
	s := newStore(t)
	bs, ok := s.(collection.BatchSaver)
	if !ok {
		t.Skip("store does not implement collection.BatchSaver")
	}
	ref := newStore(t)
	ctx := t.Context()
	const cases = 16 // c00..c15; c12..c15 are new at first
	id := func(k int) collection.CaseID { return collection.CaseID(fmt.Sprintf("c%02d", k)) }
	var outbox []string // message ids queued so far
	for k := range 12 {
		c := simple(id(k), "cr", "d"+strconv.Itoa(k%3), "i"+strconv.Itoa(k))
		m := message(string(c.ID) + "/0/1")
		for _, st := range []collection.Store{s, ref} {
			mustSave(t, st, c, []collection.Event{event(c.ID, 1, collection.EventOpened)}, []letters.Message{m})
		}
		outbox = append(outbox, m.ID)
	}
	rng := rand.New(rand.NewPCG(23, 1))
	seen := map[string]int{} // fates met, so that the batches cannot go soft unnoticed
	for round := range 25 {
		perm := rng.Perm(cases)[:1+rng.IntN(10)]
		inBatch := map[collection.CaseID]bool{}
		for _, k := range perm {
			inBatch[id(k)] = true
		}
		// The invoices held by cases outside the batch: taking one must fail.
		var heldOutside []string
		for k := range cases {
			if c, err := ref.Get(ctx, id(k)); err == nil && !inBatch[c.ID] {
				heldOutside = append(heldOutside, c.HeldInvoices()...)
			}
		}
		var writes []collection.Write
		var batchMsgs []string
		for j, k := range perm {
			c, err := ref.Get(ctx, id(k))
			if err != nil {
				c = simple(id(k), "cr", "d"+strconv.Itoa(k%3), fmt.Sprintf("n%d-%d", k, round))
			}
			switch r := rng.IntN(20); {
			case r == 0:
				c.Version++ // a version never stored
			case r == 1 && c.Version > 0:
				c.Version-- // stale
			}
			switch r := rng.IntN(20); {
			case r < 2 && len(heldOutside) > 0:
				c.Claims = append(c.Claims, simple("", "", "", heldOutside[rng.IntN(len(heldOutside))]).Claims...)
			case r < 3:
				c.Status = collection.StatusClosed // frees its invoices
			case r < 5:
				c.Claims = append(c.Claims, simple("", "", "", fmt.Sprintf("x%d-%d", k, round)).Claims...)
			}
			if rng.IntN(5) == 0 {
				c.Payments = append(c.Payments, collection.Payment{ID: fmt.Sprintf("p%d", round), On: day0, Amount: eurAmt("1.00")})
				if rng.IntN(4) == 0 {
					c.Payments = append(c.Payments, c.Payments[len(c.Payments)-1]) // twice in the case
				}
			}
			seq := c.Version + 1
			evs := []collection.Event{event(c.ID, seq, collection.EventStepTaken, "round", strconv.Itoa(round))}
			var msgs []letters.Message
			for n := range rng.IntN(3) {
				mid := fmt.Sprintf("%s/%d/%d", c.ID, round, n)
				switch r := rng.IntN(12); {
				case r == 0:
					mid = outbox[rng.IntN(len(outbox))] // already in the outbox
				case r == 1 && len(batchMsgs) > 0 && c.Version > 0 && j > 0:
					mid = batchMsgs[rng.IntN(len(batchMsgs))] // an earlier write's of this batch
				}
				msgs = append(msgs, message(mid))
				if c.Version > 0 {
					batchMsgs = append(batchMsgs, mid)
				}
			}
			if rng.IntN(8) == 0 {
				evs = append(evs, event(c.ID, seq, collection.EventMessageCancelled, "message", string(c.ID)+"/0/1"))
			}
			writes = append(writes, collection.Write{Case: c, Events: evs, Outbox: msgs})
		}
		errs, err := bs.SaveBatch(ctx, writes)
		if err != nil {
			t.Fatalf("round %d: SaveBatch = %v", round, err)
		}
		if len(errs) != len(writes) {
			t.Fatalf("round %d: SaveBatch gave %d errors for %d writes", round, len(errs), len(writes))
		}
		for i, w := range writes {
			_, want := ref.Save(ctx, w.Case, w.Events, w.Outbox)
			f, _, _ := strings.Cut(fate(want), " by ")
			seen[f]++
			if got := fate(errs[i]); got != fate(want) {
				t.Errorf("round %d: write %d (case %s at version %d): SaveBatch: %s (%v), Save: %s (%v)",
					round, i, w.Case.ID, w.Case.Version, got, errs[i], fate(want), want)
			}
			if want == nil {
				for _, m := range w.Outbox {
					outbox = append(outbox, m.ID)
				}
			}
		}
		sameStores(t, round, s, ref, cases, id)
		if t.Failed() {
			return
		}
	}
	for _, f := range []string{"saved", "conflict", "invoice held", "refused"} {
		if seen[f] < 2 {
			t.Errorf("the batches met the fate %q %d times, want at least 2 (all: %v)", f, seen[f], seen)
		}
	}
	t.Logf("fates of the writes: %v", seen)
}

// fate names what became of a write: saved, conflict, invoice held, or
// refused otherwise.
func fate(err error) string {
	var ie *collection.InvoiceError
	switch {
	case err == nil:
		return "saved"
	case errors.Is(err, collection.ErrConflict):
		return "conflict"
	case errors.As(err, &ie):
		return "invoice held by " + string(ie.CaseID)
	}
	return "refused"
}

// sameStores fails t unless got and want hold the same cases, events,
// outbox messages (per case, in order) and invoice holders.
func sameStores(t *testing.T, round int, got, want collection.Store, cases int, id func(int) collection.CaseID) {
	t.Helper()
	ctx := t.Context()
	perCase := func(s collection.Store) map[string][]string {
		out := map[string][]string{}
		for _, e := range readOutbox(t, s) {
			out[e.Message.CaseID] = append(out[e.Message.CaseID], e.Message.ID+"@"+strconv.FormatUint(uint64(e.Seq), 10))
		}
		return out
	}
	gotOut, wantOut := perCase(got), perCase(want)
	for k := range cases {
		cid := id(k)
		g, gerr := got.Get(ctx, cid)
		w, werr := want.Get(ctx, cid)
		if (gerr == nil) != (werr == nil) {
			t.Errorf("round %d: Get(%s): batch store %v, reference %v", round, cid, gerr, werr)
			continue
		}
		if d := Equal(w, g); d != "" {
			t.Errorf("round %d: case %s differs (-Save +SaveBatch):\n%s", round, cid, d)
		}
		if d := cmp.Diff(readEvents(t, want, cid), readEvents(t, got, cid), cmpOpts...); d != "" {
			t.Errorf("round %d: events of %s differ (-Save +SaveBatch):\n%s", round, cid, d)
		}
		if !slices.Equal(gotOut[string(cid)], wantOut[string(cid)]) {
			t.Errorf("round %d: outbox of %s: SaveBatch %v, Save %v", round, cid, gotOut[string(cid)], wantOut[string(cid)])
		}
		if gg, ok := got.(collection.InvoiceGuard); ok {
			wg := want.(collection.InvoiceGuard)
			var invs []string
			for _, cl := range append(slices.Clone(w.Claims), g.Claims...) {
				invs = append(invs, cl.InvoiceID)
			}
			for _, inv := range invs {
				h1, ok1, _ := gg.InvoiceHolder(ctx, "cr", inv)
				h2, ok2, _ := wg.InvoiceHolder(ctx, "cr", inv)
				if h1 != h2 || ok1 != ok2 {
					t.Errorf("round %d: holder of %s: SaveBatch %q %v, Save %q %v", round, inv, h1, ok1, h2, ok2)
				}
			}
		}
	}
}
