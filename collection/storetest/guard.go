package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// guard returns s as a collection.InvoiceGuard, or skips t.
func guard(t *testing.T, s collection.Store) collection.InvoiceGuard {
	t.Helper()
	g, ok := s.(collection.InvoiceGuard)
	if !ok {
		t.Skip("store does not implement collection.InvoiceGuard")
	}
	return g
}

// wantHolder checks that invoice inv of creditor cr is held by want ("": by no case).
func wantHolder(t *testing.T, g collection.InvoiceGuard, cr, inv string, want collection.CaseID) {
	t.Helper()
	got, ok, err := g.InvoiceHolder(t.Context(), cr, inv)
	if err != nil {
		t.Fatalf("InvoiceHolder(%s, %s) = %v", cr, inv, err)
	}
	if ok != (want != "") || got != want {
		t.Fatalf("InvoiceHolder(%s, %s) = %q, %v; want %q", cr, inv, got, ok, want)
	}
}

// wantInvoiceError checks that err is an *InvoiceError about invoice inv held by holder.
func wantInvoiceError(t *testing.T, err error, inv string, holder collection.CaseID) {
	t.Helper()
	var ie *collection.InvoiceError
	if !errors.As(err, &ie) || !errors.Is(err, collection.ErrInvoiceInUse) {
		t.Fatalf("error %v, want a *collection.InvoiceError wrapping ErrInvoiceInUse", err)
	}
	if ie.InvoiceID != inv || ie.CaseID != holder || ie.Locked {
		t.Fatalf("InvoiceError %+v, want invoice %s held by running case %s", *ie, inv, holder)
	}
}

// testInvoiceHeld: which cases hold an invoice (running, claim open), and a
// Save that would make a second holder is refused, naming the holder, and
// writes nothing.
func testInvoiceHeld(t *testing.T, s collection.Store) {
	g := guard(t, s)
	ctx := t.Context()
	a := simple("a", "cr", "d1", "i1", "i2")
	a.Version = mustSave(t, s, a, []collection.Event{event("a", 1, collection.EventOpened)}, nil)
	wantHolder(t, g, "cr", "i1", "a")
	wantHolder(t, g, "cr", "i2", "a")
	wantHolder(t, g, "other", "i1", "")

	// A second running case with i1: refused, nothing written.
	b := simple("b", "cr", "d2", "i3", "i1")
	_, err := s.Save(ctx, b, []collection.Event{event("b", 1, collection.EventOpened)}, []letters.Message{message("b/0/1")})
	wantInvoiceError(t, err, "i1", "a")
	if _, err := s.Get(ctx, "b"); !errors.Is(err, collection.ErrNotFound) {
		t.Fatalf("Get(b) after the refused Save = %v, want ErrNotFound", err)
	}
	wantHolder(t, g, "cr", "i3", "")
	if _, ok := s.(collection.EventReader); ok {
		if evs := readEvents(t, s, "b"); len(evs) != 0 {
			t.Fatalf("the refused Save wrote %d events", len(evs))
		}
	}
	if _, ok := s.(collection.OutboxReader); ok {
		if out := readOutbox(t, s); len(out) != 0 {
			t.Fatalf("the refused Save wrote %d outbox messages", len(out))
		}
	}
	// A paused case is running too.
	p := simple("p", "cr", "d2", "i1")
	p.Status = collection.StatusPaused
	_, err = s.Save(ctx, p, nil, nil)
	wantInvoiceError(t, err, "i1", "a")

	// Cases that do not hold i1: another creditor's, a closed or deactivated
	// one, a running one whose claim is paid or locked.
	mustSave(t, s, simple("other", "cr2", "d1", "i1"), nil, nil)
	wantHolder(t, g, "cr2", "i1", "other")
	closed := simple("closed", "cr", "d1", "i1")
	closed.Status = collection.StatusClosed
	mustSave(t, s, closed, nil, nil)
	deact := simple("deact", "cr", "d1", "i1")
	deact.Status = collection.StatusDeactivated
	deact.Claims[0].Status = collection.ClaimLocked
	mustSave(t, s, deact, nil, nil)
	paid := simple("paid", "cr", "d1", "i1")
	paid.Claims[0].Status = collection.ClaimPaid
	paid.Version = mustSave(t, s, paid, nil, nil)
	wantHolder(t, g, "cr", "i1", "a")

	// The holder saves on; the version check comes before the invoice check.
	a.CloseReason = "saved again"
	a.Version = mustSave(t, s, a, nil, nil)
	stale := b
	stale.ID, stale.Version = "a", 1
	if _, err := s.Save(ctx, stale, nil, nil); !errors.Is(err, collection.ErrConflict) {
		t.Fatalf("stale Save holding i1 = %v, want ErrConflict", err)
	}
	// A case that gains i1 is refused; its stored version stays as it was.
	paid.Claims[0].Status = collection.ClaimOpen
	_, err = s.Save(ctx, paid, nil, nil)
	wantInvoiceError(t, err, "i1", "a")
	if got := mustGet(t, s, "paid"); got.Version != 1 || got.Claims[0].Status != collection.ClaimPaid {
		t.Fatalf("case paid after the refused Save: version %d claim %s", got.Version, got.Claims[0].Status)
	}

	// Closing a frees i1 and i2 in the same Save; then paid may take i1.
	a.Status = collection.StatusClosed
	a.Version = mustSave(t, s, a, nil, nil)
	wantHolder(t, g, "cr", "i1", "")
	wantHolder(t, g, "cr", "i2", "")
	paid.Version = mustSave(t, s, paid, nil, nil)
	wantHolder(t, g, "cr", "i1", "paid")
	// A claim paid frees its invoice; the others of the case stay held.
	paid.Claims = append(paid.Claims, simple("", "cr", "", "i2").Claims...)
	paid.Version = mustSave(t, s, paid, nil, nil)
	wantHolder(t, g, "cr", "i2", "paid")
	paid.Claims[0].Status = collection.ClaimPaid
	paid.Version = mustSave(t, s, paid, nil, nil)
	wantHolder(t, g, "cr", "i1", "")
	wantHolder(t, g, "cr", "i2", "paid")
	// Deactivation (P2: open claims locked) frees the rest.
	paid.Status = collection.StatusDeactivated
	paid.Claims[1].Status = collection.ClaimLocked
	mustSave(t, s, paid, nil, nil)
	wantHolder(t, g, "cr", "i2", "")
	mustSave(t, s, b, nil, nil)
	wantHolder(t, g, "cr", "i1", "b")
}

// testInvoiceRaceSaves: new cases with one invoice saved at the same time
// under different ids: exactly one is stored, every other Save gets an
// *InvoiceError naming it and stores nothing.
func testInvoiceRaceSaves(t *testing.T, s collection.Store) {
	g := guard(t, s)
	const writers, rounds = 16, 20
	for round := range rounds {
		inv := fmt.Sprintf("inv-%02d", round)
		errs := make([]error, writers)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for w := range writers {
			id := collection.CaseID(fmt.Sprintf("s%02d-%02d", round, w))
			wg.Go(func() {
				<-start
				_, errs[w] = s.Save(t.Context(), simple(id, "cr", "d", inv), []collection.Event{event(id, 1, collection.EventOpened)}, nil)
			})
		}
		close(start)
		wg.Wait()
		winner := checkOneWinner(t, s, round, inv, errs, func(w int) collection.CaseID { return collection.CaseID(fmt.Sprintf("s%02d-%02d", round, w)) })
		wantHolder(t, g, "cr", inv, winner)
	}
}

// checkOneWinner checks that exactly one of errs is nil and that every other
// one is an *InvoiceError about inv naming the winner, whose case alone is
// stored. It returns the winner.
func checkOneWinner(t *testing.T, s collection.Store, round int, inv string, errs []error, id func(int) collection.CaseID) collection.CaseID {
	t.Helper()
	var winner collection.CaseID
	for w, err := range errs {
		if err == nil {
			if winner != "" {
				t.Fatalf("round %d: %s and %s both hold invoice %s", round, winner, id(w), inv)
			}
			winner = id(w)
		}
	}
	if winner == "" {
		t.Fatalf("round %d: no writer won invoice %s: %v", round, inv, errors.Join(errs...))
	}
	for w, err := range errs {
		if err == nil {
			continue
		}
		var ie *collection.InvoiceError
		if !errors.As(err, &ie) || !errors.Is(err, collection.ErrInvoiceInUse) || ie.InvoiceID != inv || ie.CaseID != winner || ie.Locked {
			t.Fatalf("round %d: loser %s got %v; want a *collection.InvoiceError about %s naming the winner %s", round, id(w), err, inv, winner)
		}
		if _, err := s.Get(t.Context(), id(w)); !errors.Is(err, collection.ErrNotFound) {
			t.Fatalf("round %d: loser %s was stored (Get = %v)", round, id(w), err)
		}
	}
	return winner
}

// saveCounter counts the Saves its Store refused with an *InvoiceError.
type saveCounter struct {
	collection.Store
	mu      sync.Mutex
	refused int
}

func (c *saveCounter) Save(ctx context.Context, cs collection.Case, events []collection.Event, outbox []letters.Message) (collection.Version, error) {
	v, err := c.Store.Save(ctx, cs, events, outbox)
	if errors.Is(err, collection.ErrInvoiceInUse) {
		c.mu.Lock()
		c.refused++
		c.mu.Unlock()
	}
	return v, err
}

// testInvoiceRaceOpens: 16 Opens of one invoice under different case ids at
// once through a Service, 100 rounds: exactly one wins each round, and each
// other one fails with an *InvoiceError naming the winner (from the Service's
// look-up or, when the two ran at the same time, from the store's Save).
func testInvoiceRaceOpens(t *testing.T, s collection.Store) {
	g := guard(t, s)
	const openers, rounds = 16, 100
	counter := &saveCounter{Store: s}
	svc, err := collection.New(counter, collection.Options{Clock: date.FixedClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	creditor := dunning.Party{ID: "cr-race", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}}
	debtor := dunning.Party{ID: "d-race", Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
		Email: "jens@example.dk", Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}}
	id := func(round, w int) collection.CaseID { return collection.CaseID(fmt.Sprintf("o%03d-%02d", round, w)) }
	for round := range rounds {
		inv := fmt.Sprintf("inv-%03d", round)
		errs := make([]error, openers)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for w := range openers {
			req := collection.OpenRequest{ID: id(round, w), Creditor: creditor, Debtor: debtor, Flow: "Standard",
				Invoices: []collection.Invoice{{ID: inv, Number: inv, Issued: date.MustNew(2025, 1, 1), Due: date.MustNew(2025, 1, 31), Amount: money.MustNew("1000.00", money.DKK)}}}
			wg.Go(func() {
				<-start
				_, errs[w] = svc.Open(t.Context(), req)
			})
		}
		close(start)
		wg.Wait()
		winner := checkOneWinner(t, s, round, inv, errs, func(w int) collection.CaseID { return id(round, w) })
		wantHolder(t, g, creditor.ID, inv, winner)
	}
	held, err := collection.Collect(s.List(t.Context(), collection.Filter{CreditorID: creditor.ID}))
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != rounds {
		t.Fatalf("%d cases stored after %d rounds, want one per round", len(held), rounds)
	}
	t.Logf("%d rounds of %d Opens: one winner each; %d losers refused by the store's Save, the rest by the Service's look-up", rounds, openers, counter.refused)
}

// testDeliveryMarks: Undelivered skips the messages MarkDelivered marked;
// marks are idempotent; a cancel (E19) keeps a delivered message.
func testDeliveryMarks(t *testing.T, s collection.Store) {
	rec, ok := s.(collection.DeliveryRecorder)
	if !ok {
		t.Skip("store does not implement collection.DeliveryRecorder")
	}
	ctx := t.Context()
	at := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	c := simple("c1", "cr", "d1", "i1")
	c.Version = mustSave(t, s, c, nil, []letters.Message{message("c1/0/1"), message("c1/0/2"), message("c1/0/3")})
	mustSave(t, s, simple("c2", "cr", "d2", "i2"), nil, []letters.Message{message("c2/0/1")})
	undelivered := func(after uint64) []string {
		t.Helper()
		es, err := collection.Collect(rec.Undelivered(ctx, after))
		if err != nil {
			t.Fatalf("Undelivered(%d) = %v", after, err)
		}
		var ids []string
		for _, e := range es {
			ids = append(ids, e.Message.ID)
		}
		return ids
	}
	want := func(got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Fatalf("Undelivered = %v, want %v", got, want)
		}
	}
	want(undelivered(0), []string{"c1/0/1", "c1/0/2", "c1/0/3", "c2/0/1"})
	// Positions as the store gave them (increasing, perhaps with gaps).
	out := readOutbox(t, s)
	pos := func(i int) uint64 { return out[i].Pos }
	for _, p := range []uint64{pos(1), pos(1), pos(3), pos(3) + 999} {
		if err := rec.MarkDelivered(ctx, p, at); err != nil {
			t.Fatalf("MarkDelivered(%d) = %v", p, err)
		}
	}
	want(undelivered(0), []string{"c1/0/1", "c1/0/3"})
	want(undelivered(pos(0)), []string{"c1/0/3"})
	want(undelivered(pos(2)), nil)
	if out := readOutbox(t, s); len(out) != 4 {
		t.Fatalf("Outbox after the marks has %d entries, want all 4", len(out))
	}
	// A cancel takes out an undelivered message, not a delivered one.
	mustSave(t, s, c, []collection.Event{
		event("c1", c.Version+1, collection.EventMessageCancelled, "message", "c1/0/2"),
		event("c1", c.Version+1, collection.EventMessageCancelled, "message", "c1/0/3"),
	}, nil)
	want(undelivered(0), []string{"c1/0/1"})
	var ids []string
	for _, e := range readOutbox(t, s) {
		ids = append(ids, e.Message.ID)
	}
	want(ids, []string{"c1/0/1", "c1/0/2", "c2/0/1"})
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := rec.MarkDelivered(cctx, pos(0), at); err == nil {
		t.Errorf("MarkDelivered with a cancelled ctx succeeded")
	}
	checkCancelled(t, "Undelivered", rec.Undelivered(cctx, 0))
}
