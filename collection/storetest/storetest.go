// Package storetest checks implementations of collection.Store. Every Store must
// pass it; hosts run it from their own tests, as testing/fstest.TestFS and
// testing/slogtest.Run are run:
//
//	func TestPostgresStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) collection.Store { return newTestStore(t) })
//	}
//
// newStore must return a new, empty store for each call (each subtest gets its
// own). The suite checks: not found, optimistic concurrency (stale versions,
// a new case over an existing one), events and outbox written atomically with the
// case and not at all on a conflict (when the store implements
// collection.EventReader and collection.OutboxReader), the Due iterator's filter
// and order, early break, context cancellation, concurrent saves of one case
// (exactly one wins per version; run with -race), exact round trips of odd
// amounts (0.10, negative, very large, KWD with 3 decimals) and of every Case
// field, copies that share no memory with the store, List's filter, and deleted
// cases hidden from List and Due.
//
// For a store that is a collection.InvoiceGuard it also checks which cases hold
// an invoice and that a Save of a second holder is refused with a
// *collection.InvoiceError naming the holder and writes nothing, and races
// Opens of one invoice under different case ids through a collection.Service
// (16 at once, 100 rounds: exactly one wins each round, every other one gets
// the typed error naming the winner) and Saves of new cases directly (the
// same, without the Service's look-up first). For a collection.DeliveryRecorder
// it checks the delivery marks: Undelivered skips the marked messages, a mark
// is idempotent, and a cancel keeps a delivered message. For a
// collection.BatchSaver it gives random batches to SaveBatch and the same
// writes one by one to Save on a second store from newStore, and checks that
// every write meets the same fate and the two stores end equal.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// Run runs the conformance suite against the stores newStore returns.
func Run(t *testing.T, newStore func(t *testing.T) collection.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s collection.Store)
	}{
		{"GetMissing", testGetMissing},
		{"SaveNewAndGet", testSaveNewAndGet},
		{"StaleVersionConflicts", testStaleVersion},
		{"NewCaseOverExistingConflicts", testNewOverExisting},
		{"EventsAndOutboxSaved", testEventsAndOutbox},
		{"CancelledMessageLeavesTheOutbox", testCancelledMessage},
		{"ConflictWritesNothing", testConflictWritesNothing},
		{"DueFilterAndOrder", testDue},
		{"DueEarlyBreak", testDueBreak},
		{"ContextCancelled", testCancelled},
		{"ContextCancelledMidIteration", testCancelledMid},
		{"ConcurrentSaves", testConcurrentSaves},
		{"RoundTripOddAmounts", testOddAmounts},
		{"RoundTripEveryField", testEveryField},
		{"CopiesAreIsolated", testIsolation},
		{"ListFilter", testListFilter},
		{"DeletedHidden", testDeletedHidden},
		{"InvoiceHeldByOneRunningCase", testInvoiceHeld},
		{"InvoiceRaceSaves", testInvoiceRaceSaves},
		{"InvoiceRaceOpens", testInvoiceRaceOpens},
		{"DeliveryMarks", testDeliveryMarks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore(t)) })
	}
	t.Run("SaveBatchLikeSaves", func(t *testing.T) { testBatchLikeSaves(t, newStore) })
}

// Equal reports the differences between two cases as cmp.Diff does (empty when
// equal), comparing money with Equal, dates with Equal and language tags with ==.
func Equal(want, got collection.Case) string { return cmp.Diff(want, got, cmpOpts...) }

var cmpOpts = []cmp.Option{cmp.Comparer(func(a, b language.Tag) bool { return a == b })}

var (
	day0 = date.MustNew(2025, 3, 1)
	eur  = money.EUR
)

func eurAmt(s string) money.Money { return money.MustNew(s, eur) }

// simple returns a minimal case with id, debtor and creditor ids and a claim.
func simple(id collection.CaseID, creditor, debtor string, invoices ...string) collection.Case {
	c := collection.Case{
		ID:           id,
		Creditor:     dunning.Party{ID: creditor, Name: "Creditor " + creditor, Kind: dunning.Business, Jurisdiction: dunning.DE},
		Debtor:       dunning.Party{ID: debtor, Name: "Debtor " + debtor, Kind: dunning.Consumer, Jurisdiction: dunning.DE},
		Currency:     eur,
		Jurisdiction: dunning.DE,
		Status:       collection.StatusActive,
		Stage:        collection.StageReminders,
		Progress:     flow.Progress{Flow: "Standard"},
	}
	for _, inv := range invoices {
		c.Claims = append(c.Claims, collection.Claim{InvoiceID: inv, Due: day0, Original: eurAmt("100.00"), Open: eurAmt("100.00"), Status: collection.ClaimOpen})
	}
	return c
}

func mustSave(t *testing.T, s collection.Store, c collection.Case, events []collection.Event, outbox []letters.Message) collection.Version {
	t.Helper()
	v, err := s.Save(t.Context(), c, events, outbox)
	if err != nil {
		t.Fatalf("Save(%s at version %d) = %v", c.ID, c.Version, err)
	}
	if v != c.Version+1 {
		t.Fatalf("Save(%s at version %d) returned version %d, want %d", c.ID, c.Version, v, c.Version+1)
	}
	return v
}

func mustGet(t *testing.T, s collection.Store, id collection.CaseID) collection.Case {
	t.Helper()
	c, err := s.Get(t.Context(), id)
	if err != nil {
		t.Fatalf("Get(%s) = %v", id, err)
	}
	return c
}

func ids(t *testing.T, seq func(func(collection.Case, error) bool)) []collection.CaseID {
	t.Helper()
	var out []collection.CaseID
	for c, err := range seq {
		if err != nil {
			t.Fatalf("iterator error: %v", err)
		}
		out = append(out, c.ID)
	}
	return out
}

func testGetMissing(t *testing.T, s collection.Store) {
	_, err := s.Get(t.Context(), "nope")
	if !errors.Is(err, collection.ErrNotFound) {
		t.Fatalf("Get(missing) = %v, want an error wrapping ErrNotFound", err)
	}
}

func testSaveNewAndGet(t *testing.T, s collection.Store) {
	c := simple("c1", "cr", "d1", "i1")
	v := mustSave(t, s, c, nil, nil)
	got := mustGet(t, s, "c1")
	if got.Version != v {
		t.Fatalf("Get after Save: Version = %d, want %d", got.Version, v)
	}
	c.Version = v
	if d := Equal(c, got); d != "" {
		t.Fatalf("Get after Save (-want +got):\n%s", d)
	}
	got.Status = collection.StatusClosed
	v2 := mustSave(t, s, got, nil, nil)
	if again := mustGet(t, s, "c1"); again.Version != v2 || again.Status != collection.StatusClosed {
		t.Fatalf("second Save: got version %d status %s, want %d closed", again.Version, again.Status, v2)
	}
}

func testStaleVersion(t *testing.T, s collection.Store) {
	ctx := t.Context()
	c := simple("c1", "cr", "d1", "i1")
	c.Version = mustSave(t, s, c, nil, nil)
	mustSave(t, s, c, nil, nil)
	// c still carries version 1: a second writer holding the stale copy must lose.
	_, err := s.Save(ctx, c, nil, nil)
	if !errors.Is(err, collection.ErrConflict) {
		t.Fatalf("stale Save = %v, want an error wrapping ErrConflict", err)
	}
	var ce *collection.ConflictError
	if errors.As(err, &ce) && (ce.CaseID != "c1" || ce.Want != 1 || ce.Have != 2) {
		t.Errorf("ConflictError = %+v, want case c1, want 1, have 2", *ce)
	}
	c.Version = 7 // a version never stored
	if _, err := s.Save(ctx, c, nil, nil); !errors.Is(err, collection.ErrConflict) {
		t.Fatalf("Save at a future version = %v, want ErrConflict", err)
	}
	if got := mustGet(t, s, "c1"); got.Version != 2 {
		t.Fatalf("after conflicts: version %d, want 2", got.Version)
	}
	other := simple("c2", "cr", "d1", "i2")
	other.Version = 1 // claims to be stored but is not
	if _, err := s.Save(ctx, other, nil, nil); !errors.Is(err, collection.ErrConflict) {
		t.Fatalf("Save of a missing case at version 1 = %v, want ErrConflict", err)
	}
}

func testNewOverExisting(t *testing.T, s collection.Store) {
	c := simple("c1", "cr", "d1", "i1")
	mustSave(t, s, c, nil, nil)
	c.Status = collection.StatusClosed
	if _, err := s.Save(t.Context(), c, nil, nil); !errors.Is(err, collection.ErrConflict) {
		t.Fatalf("Save of a new case with an existing id = %v, want ErrConflict", err)
	}
	if got := mustGet(t, s, "c1"); got.Status != collection.StatusActive {
		t.Fatalf("the existing case was overwritten: status %s", got.Status)
	}
}

func event(id collection.CaseID, seq collection.Version, typ collection.EventType, kv ...string) collection.Event {
	e := collection.Event{CaseID: id, Seq: seq, At: time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC), Type: typ, Actor: "tester"}
	if len(kv) > 0 {
		e.Data = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			e.Data[kv[i]] = kv[i+1]
		}
	}
	return e
}

// message is a message with every field set, so that a Store that drops one is
// caught; its CaseID is the part of id before the first "/".
func message(id string) letters.Message {
	caseID, _, _ := strings.Cut(id, "/")
	return letters.Message{
		ID: id, CaseID: caseID, CreditorID: "cr", Channel: letters.Email, Recipient: "debtor@example.de", Subject: "Mahnung", Text: "Bitte zahlen Sie.",
		HTML: "<p>Bitte zahlen Sie.</p>", Lang: language.German, Kind: letters.FreeLetter,
		Attachments: []letters.Attachment{{Name: "a.pdf", ContentType: "application/pdf", Data: []byte("%PDF")}},
		SendAt:      time.Date(2025, 3, 3, 7, 0, 0, 0, time.UTC),
	}
}

func readEvents(t *testing.T, s collection.Store, id collection.CaseID) []collection.Event {
	t.Helper()
	r, ok := s.(collection.EventReader)
	if !ok {
		t.Skip("store does not implement collection.EventReader")
	}
	evs, err := collection.Collect(r.Events(t.Context(), id))
	if err != nil {
		t.Fatalf("Events(%s) = %v", id, err)
	}
	return evs
}

func readOutbox(t *testing.T, s collection.Store) []collection.OutboxEntry {
	t.Helper()
	r, ok := s.(collection.OutboxReader)
	if !ok {
		t.Skip("store does not implement collection.OutboxReader")
	}
	out, err := collection.Collect(r.Outbox(t.Context(), 0))
	if err != nil {
		t.Fatalf("Outbox = %v", err)
	}
	return out
}

func testEventsAndOutbox(t *testing.T, s collection.Store) {
	c := simple("c1", "cr", "d1", "i1")
	e1 := []collection.Event{event("c1", 1, collection.EventOpened, "flow", "Standard"), event("c1", 1, collection.EventPublished)}
	c.Version = mustSave(t, s, c, e1, nil)
	e2 := []collection.Event{event("c1", 2, collection.EventLetterQueued, "message", "c1/letter/2")}
	m2 := []letters.Message{message("c1/letter/2"), message("c1/letter/2b")}
	c.Version = mustSave(t, s, c, e2, m2)
	mustSave(t, s, simple("c2", "cr", "d2", "i2"), []collection.Event{event("c2", 1, collection.EventOpened)}, []letters.Message{message("c2/x")})

	got := readEvents(t, s, "c1")
	want := append(append([]collection.Event{}, e1...), e2...)
	if d := cmp.Diff(want, got, cmpOpts...); d != "" {
		t.Errorf("Events(c1) (-want +got):\n%s", d)
	}
	out := readOutbox(t, s)
	if len(out) != 3 {
		t.Fatalf("Outbox has %d entries, want 3", len(out))
	}
	// Positions increase in the order saved; a store may leave gaps between
	// them (sqlstore on PostgreSQL takes them from the transaction's id).
	for i, want := range []collection.OutboxEntry{
		{CaseID: "c1", Seq: 2, Message: m2[0]},
		{CaseID: "c1", Seq: 2, Message: m2[1]},
		{CaseID: "c2", Seq: 1, Message: message("c2/x")},
	} {
		want.Pos = out[i].Pos
		if d := cmp.Diff(want, out[i], cmpOpts...); d != "" {
			t.Errorf("Outbox[%d] (-want +got):\n%s", i, d)
		}
		if out[i].Pos == 0 || i > 0 && out[i].Pos <= out[i-1].Pos {
			t.Errorf("Outbox[%d].Pos = %d after %d: positions must be above 0 and increase", i, out[i].Pos, out[max(i-1, 0)].Pos)
		}
	}
	r := s.(collection.OutboxReader)
	after, err := collection.Collect(r.Outbox(t.Context(), out[1].Pos))
	if err != nil || len(after) != 1 || after[0].Pos != out[2].Pos {
		t.Errorf("Outbox(after %d) = %d entries, %v; want only position %d", out[1].Pos, len(after), err, out[2].Pos)
	}
}

// testCancelledMessage: a message.cancelled event takes the message it names out
// of the outbox in the same Save (E19); the other messages stay, in order.
func testCancelledMessage(t *testing.T, s collection.Store) {
	c := simple("c1", "cr", "d1", "i1")
	c.Version = mustSave(t, s, c, []collection.Event{event("c1", 1, collection.EventOpened)}, []letters.Message{message("c1/0/1")})
	c.Version = mustSave(t, s, c, []collection.Event{event("c1", 2, collection.EventLetterQueued, "message", "c1/letter/2")}, []letters.Message{message("c1/letter/2")})
	mustSave(t, s, c, []collection.Event{event("c1", 3, collection.EventActionDeleted, "message", "c1/letter/2"),
		event("c1", 3, collection.EventMessageCancelled, "message", "c1/letter/2")}, nil)
	out := readOutbox(t, s)
	if len(out) != 1 || out[0].Message.ID != "c1/0/1" {
		var ids []string
		for _, e := range out {
			ids = append(ids, e.Message.ID)
		}
		t.Fatalf("Outbox after the cancel = %v, want only c1/0/1", ids)
	}
}

func testConflictWritesNothing(t *testing.T, s collection.Store) {
	c := simple("c1", "cr", "d1", "i1")
	c.Version = mustSave(t, s, c, []collection.Event{event("c1", 1, collection.EventOpened)}, nil)
	winner := c
	winner.Status = collection.StatusPaused
	mustSave(t, s, winner, []collection.Event{event("c1", 2, collection.EventPaused)}, []letters.Message{message("win")})
	loser := c
	loser.Status = collection.StatusClosed
	_, err := s.Save(t.Context(), loser, []collection.Event{event("c1", 2, collection.EventClosed)}, []letters.Message{message("lose")})
	if !errors.Is(err, collection.ErrConflict) {
		t.Fatalf("conflicting Save = %v, want ErrConflict", err)
	}
	if got := mustGet(t, s, "c1"); got.Status != collection.StatusPaused || got.Version != 2 {
		t.Fatalf("after the conflict the case is %s at version %d, want paused at 2", got.Status, got.Version)
	}
	evs := readEvents(t, s, "c1")
	if len(evs) != 2 || evs[1].Type != collection.EventPaused {
		t.Fatalf("after the conflict the events are %v, want opened and paused only", evs)
	}
	out := readOutbox(t, s)
	if len(out) != 1 || out[0].Message.ID != "win" {
		t.Fatalf("after the conflict the outbox has %d entries, want only the winner's", len(out))
	}
}

func testDue(t *testing.T, s collection.Store) {
	mk := func(id collection.CaseID, next date.Date, st collection.Status) {
		c := simple(id, "cr", "d-"+string(id), "i-"+string(id))
		c.NextDue, c.Status = next, st
		mustSave(t, s, c, nil, nil)
	}
	mk("b", day0, collection.StatusActive)
	mk("a", day0, collection.StatusActive)
	mk("c", day0.AddDays(-3), collection.StatusPaused)
	mk("d", day0.AddDays(1), collection.StatusActive) // after the day
	mk("e", date.Date{}, collection.StatusActive)     // nothing due
	mk("f", day0.AddDays(-1), collection.StatusDeleted)
	got := ids(t, s.Due(t.Context(), day0))
	want := []collection.CaseID{"c", "a", "b"}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("Due(%s) ordered by (NextDue, ID) (-want +got):\n%s", day0, d)
	}
	if got := ids(t, s.Due(t.Context(), day0.AddDays(-10))); len(got) != 0 {
		t.Fatalf("Due before every NextDue = %v, want none", got)
	}
	// Each call is a fresh iterator: ranging again gives the same.
	seq := s.Due(t.Context(), day0.AddDays(5))
	first, second := ids(t, seq), ids(t, s.Due(t.Context(), day0.AddDays(5)))
	if d := cmp.Diff(first, second); d != "" || len(first) != 4 {
		t.Fatalf("Due(+5 days) = %v then %v, want c a b d twice", first, second)
	}
}

func testDueBreak(t *testing.T, s collection.Store) {
	for i := range 5 {
		c := simple(collection.CaseID(fmt.Sprintf("c%d", i)), "cr", "d", fmt.Sprintf("i%d", i))
		c.NextDue = day0
		mustSave(t, s, c, nil, nil)
	}
	n := 0
	for _, err := range s.Due(t.Context(), day0) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Fatalf("broke after %d cases, want 2", n)
	}
	n = 0
	for _, err := range s.List(t.Context(), collection.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		break
	}
	if n != 1 {
		t.Fatalf("List: broke after %d cases, want 1", n)
	}
	// The store is still usable after an early break (no lock held).
	mustSave(t, s, simple("z", "cr", "d", "iz"), nil, nil)
}

// checkCancelled ranges over seq and checks that it yields exactly one error,
// last, satisfying errors.Is(err, context.Canceled).
func checkCancelled[T any](t *testing.T, name string, seq func(func(T, error) bool)) {
	t.Helper()
	var errs []error
	afterErr := 0
	for _, err := range seq {
		if len(errs) > 0 {
			afterErr++
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) != 1 || afterErr != 0 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("%s with a cancelled ctx: errors %v (%d elements after the first), want one context.Canceled, last", name, errs, afterErr)
	}
}

func testCancelled(t *testing.T, s collection.Store) {
	c := simple("c1", "cr", "d1", "i1")
	c.NextDue = day0
	mustSave(t, s, c, nil, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Get(ctx, "c1"); err == nil {
		t.Errorf("Get with a cancelled ctx succeeded, want an error")
	}
	checkCancelled(t, "Due", s.Due(ctx, day0))
	checkCancelled(t, "List", s.List(ctx, collection.Filter{}))
	if r, ok := s.(collection.EventReader); ok {
		checkCancelled(t, "Events", r.Events(ctx, "c1"))
	}
	if r, ok := s.(collection.OutboxReader); ok {
		checkCancelled(t, "Outbox", r.Outbox(ctx, 0))
	}
}

func testCancelledMid(t *testing.T, s collection.Store) {
	for i := range 4 {
		c := simple(collection.CaseID(fmt.Sprintf("c%d", i)), "cr", "d", fmt.Sprintf("i%d", i))
		c.NextDue = day0
		mustSave(t, s, c, nil, nil)
	}
	for name, seqOf := range map[string]func(context.Context) func(func(collection.Case, error) bool){
		"Due": func(ctx context.Context) func(func(collection.Case, error) bool) { return s.Due(ctx, day0) },
		"List": func(ctx context.Context) func(func(collection.Case, error) bool) {
			return s.List(ctx, collection.Filter{})
		},
	} {
		ctx, cancel := context.WithCancel(t.Context())
		var got []error
		cases := 0
		for _, err := range seqOf(ctx) {
			if err != nil {
				got = append(got, err)
				continue
			}
			if len(got) > 0 {
				t.Errorf("%s yielded a case after its error", name)
			}
			cases++
			cancel()
		}
		cancel()
		if cases != 1 || len(got) != 1 || !errors.Is(got[0], context.Canceled) {
			t.Errorf("%s cancelled after the first case: %d cases, errors %v; want 1 case then context.Canceled", name, cases, got)
		}
	}
}

func testConcurrentSaves(t *testing.T, s collection.Store) {
	const writers, rounds = 8, 5
	c := simple("c1", "cr", "d1", "i1")
	c.Version = mustSave(t, s, c, nil, nil)
	for round := range rounds {
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins, conflicts := 0, 0
		var winner int
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := c.Clone()
				mine.CloseReason = fmt.Sprintf("round %d writer %d", round, w)
				_, err := s.Save(t.Context(), mine, []collection.Event{event("c1", c.Version+1, collection.EventNoteAdded, "writer", fmt.Sprint(w))}, nil)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
					winner = w
				case errors.Is(err, collection.ErrConflict):
					conflicts++
				default:
					t.Errorf("concurrent Save: %v", err)
				}
			}()
		}
		wg.Wait()
		if wins != 1 || conflicts != writers-1 {
			t.Fatalf("round %d: %d wins, %d conflicts; want exactly 1 win", round, wins, conflicts)
		}
		got := mustGet(t, s, "c1")
		if got.Version != c.Version+1 || got.CloseReason != fmt.Sprintf("round %d writer %d", round, winner) {
			t.Fatalf("round %d: stored version %d reason %q, want the winner's at %d", round, got.Version, got.CloseReason, c.Version+1)
		}
		c = got
	}
	if r, ok := s.(collection.EventReader); ok {
		evs, err := collection.Collect(r.Events(t.Context(), "c1"))
		if err != nil || len(evs) != rounds {
			t.Fatalf("after %d rounds: %d events (%v), want one per winner", rounds, len(evs), err)
		}
	}
}

func testOddAmounts(t *testing.T, s collection.Store) {
	for i, m := range []money.Money{
		money.MustNew("0.10", eur),
		money.MustNew("-12.34", eur),
		money.MustNew("123456789012345678.99", eur),
		money.MustNew("0.00", eur),
		money.MustNew("1.005", money.Currency("KWD")),
		money.MustNew("-0.001", money.Currency("KWD")),
		money.MustNew("1000", money.JPY),
	} {
		id := collection.CaseID(fmt.Sprintf("odd%d", i))
		c := simple(id, "cr", "d", fmt.Sprintf("i%d", i))
		c.Currency = m.Currency()
		c.Claims[0].Original, c.Claims[0].Open = m, m
		c.Charges = []collection.Charge{{Kind: collection.ChargeInterest, Amount: m, On: day0}}
		c.Payments = []collection.Payment{{ID: "p", On: day0, Amount: m}}
		c.Progress.Override.Fee = m
		c.Version = mustSave(t, s, c, nil, nil)
		got := mustGet(t, s, id)
		if d := Equal(c, got); d != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", m, d)
		}
		if g := got.Claims[0].Open; g.String() != m.String() || g.Currency() != m.Currency() {
			t.Errorf("round trip of %s: got %s", m, g)
		}
	}
}

// Full returns a case with every field set, for round-trip tests of stores.
func Full(id collection.CaseID) collection.Case {
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }
	d := func(s string) date.Date { return date.MustParse(s) }
	return collection.Case{
		ID:      id,
		Version: 0,
		Creditor: dunning.Party{
			ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
			Language: language.Danish, Address: dunning.Address{Lines: []string{"Vestergade 1", "1. sal"}, PostalCode: "1456", City: "København K", Country: "DK"},
			Email: "faktura@hansen.dk", Phone: "+45 12 34 56 78", Registration: dunning.Registration{Scheme: dunning.CVR, Number: "12345674"},
		},
		Debtor: dunning.Party{
			ID: "d-1", Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Language: language.English,
			Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"},
			Email:   "jens@example.dk", Phone: "+45 87 65 43 21",
		},
		Currency:     money.DKK,
		Jurisdiction: dunning.DK,
		Claims: []collection.Claim{
			{InvoiceID: "inv-1", Number: "2025-001", Issued: d("2025-01-01"), Due: d("2025-01-31"), Original: dkk("1250.00"), Open: dkk("1000.10"), Status: collection.ClaimOpen, Disputed: true, InterestInvoiced: d("2025-03-02")},
			{InvoiceID: "inv-2", Number: "2025-002", Issued: d("2025-01-15"), Due: d("2025-02-14"), Original: dkk("99.95"), Open: dkk("0.00"), Status: collection.ClaimPaid,
				Earlier: &collection.ClaimHistory{Cases: []collection.CaseID{"old-1"}, Steps: []flow.Taken{{Kind: flow.CollectionWarning, Index: 2, Flow: "Lenient", Name: "Collection warning", On: d("2024-12-01"), Fee: dkk("100.00"), Deadline: d("2024-12-11"), Message: "old-1/2/4"}},
					Compensated: true, CollectionCosts: true, CompensationLeft: dkk("310.00")}},
		},
		Status:      collection.StatusPaused,
		CloseReason: "kept for the round trip",
		Stage:       collection.StageCollection,
		Progress: flow.Progress{
			Flow: "Standard",
			Next: 2,
			Taken: []flow.Taken{
				{Kind: flow.Reminder, Index: 0, Flow: "Standard", Name: "Reminder 1", On: d("2025-02-03"), Fee: dkk("100.00"), Deadline: d("2025-02-14"),
					Replaced: flow.Replaced{Override: flow.Override{Deadline: d("2025-02-10"), Fee: dkk("50.00")}, Pause: flow.Pause{Until: d("2025-02-02"), Reason: "called"}, Awaiting: true}},
				{Kind: flow.FreeLetter, Index: -1, Flow: "Standard", Name: "Free letter", On: d("2025-02-05"), Deadline: d("2025-02-19"), Message: "c/letter/3"},
			},
			Override: flow.Override{Deadline: d("2025-03-10"), Fee: dkk("75.00")},
			Pause:    flow.Pause{Until: d("2025-03-15"), Reason: "debtor promised to pay"},
			Track:    flow.TrackOffer,
			Awaiting: true,
			Manual:   true,
		},
		NextDue:    d("2025-03-15"),
		PostalDays: 3,
		FeeAgreed:  true,
		Interest:   &collection.InterestTerms{Mode: collection.InterestContract, Percent: decimal.RequireFromString("12.5"), Waived: []date.Period{{From: d("2025-02-20"), To: d("2025-03-15")}}},
		Charges: []collection.Charge{
			{Kind: collection.ChargeReminderFee, Amount: dkk("100.00"), On: d("2025-02-03"), InvoiceID: "inv-1", Action: 1, Source: "renteloven § 9 b (VERIFIED)", Waived: true, WaivedOn: d("2025-02-20")},
			{Kind: collection.ChargeCompensation, Amount: dkk("310.00"), On: d("2025-02-03"), Source: "renteloven § 9 a"},
			{Kind: collection.ChargeInterest, Amount: dkk("12.34"), On: d("2025-02-03"), InvoiceID: "inv-1", Action: 1, Source: "statutory interest", Period: date.Period{From: d("2025-01-31"), To: d("2025-02-03")}},
		},
		Payments:  []collection.Payment{{ID: "pay-1", On: d("2025-02-10"), Amount: dkk("249.90"), Reference: "+71<000000012345678>", To: collection.PaidToAgency}},
		Credits:   []collection.CreditNote{{ID: "cn-1", InvoiceID: "inv-2", On: d("2025-02-11"), Amount: dkk("0.05")}},
		WriteOffs: []collection.WriteOff{{ID: "wo-1", InvoiceID: "inv-1", On: d("2025-02-12"), Amount: dkk("0.10"), Mode: collection.OpenItem}},
		Plan: &collection.PlanRecord{Terms: agreement.Terms{Principal: dkk("1000.10"), Start: d("2025-02-14"), Count: 6, Rounding: &money.RoundingPolicy{Scale: 2, Mode: money.HalfEven}},
			Breach: agreement.BreachRule{GraceDays: 14, Missed: 2}, Check: d("2025-04-01"), Warned: d("2025-03-30"), Terminated: d("2025-03-31")},
		Offer:          &collection.OfferRecord{Made: d("2025-02-14"), Expires: d("2025-02-28"), Owed: dkk("1100.00"), Pay: dkk("880.00"), Accepted: d("2025-02-20"), Lapsed: d("2025-03-01"), Escalated: dkk("1500.00"), Horizon: d("2025-03-01"), Flow: true},
		Court:          &collection.CourtRecord{State: court.State{Route: court.ByPaymentClaim, District: court.Glostrup, Claim: dkk("1000.10"), Stage: court.ObjectionWindow, Since: d("2025-03-01"), Until: d("2025-03-15"), FeePaid: d("2025-02-25"), CivilCaseOnObjection: true}, Fee: dkk("750.00"), AddFeeToDebt: true, Problems: []string{"Debtor.Registration: is required"}},
		AgencyMessages: []string{"msg-1", "msg-2"},
		Archived:       true,
		Notes:          []collection.Note{{At: time.Date(2025, 2, 11, 8, 0, 0, 0, time.UTC), Actor: "anne", InvoiceID: "inv-1", Text: "Debtor says the goods were damaged."}},
		Foundations:    []court.Foundation{{Kind: court.EndorsedPaymentClaim, Date: d("2025-02-12"), Reference: "BS-123/2025"}},
		Agency:         &collection.Agency{Partner: "Inkasso A/S", Reference: "IA-77", Since: d("2025-02-13"), Link: "https://inkasso.example/IA-77", Status: "in collection"},
		CourtRef:       "BS-123/2025",
		Published:      true,
	}
}

func testEveryField(t *testing.T, s collection.Store) {
	c := Full("full")
	// Every field of the fixture is set, so a store that drops one fails.
	v := reflect.ValueOf(c)
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; name != "Version" && v.Field(i).IsZero() {
			t.Fatalf("storetest: the fixture leaves Case.%s zero; set it", name)
		}
	}
	c.Version = mustSave(t, s, c, nil, nil)
	if d := Equal(c, mustGet(t, s, "full")); d != "" {
		t.Fatalf("round trip of every field (-want +got):\n%s", d)
	}
}

func testIsolation(t *testing.T, s collection.Store) {
	c := Full("iso")
	want := c.Clone()
	v := mustSave(t, s, c, nil, nil)
	want.Version = v
	// Changing what was saved must not change the store.
	c.Claims[0].InvoiceID = "changed"
	c.Progress.Taken[0].Name = "changed"
	c.Creditor.Address.Lines[0] = "changed"
	c.Notes[0].Text = "changed"
	got := mustGet(t, s, "iso")
	if d := Equal(want, got); d != "" {
		t.Fatalf("the store shares memory with the saved case (-want +got):\n%s", d)
	}
	// Nor changing what was returned.
	got.Charges[0].Source = "changed"
	got.Payments[0].ID = "changed"
	got.Foundations[0].Reference = "changed"
	got.Debtor.Address.Lines[0] = "changed"
	if d := Equal(want, mustGet(t, s, "iso")); d != "" {
		t.Fatalf("the store shares memory with a returned case (-want +got):\n%s", d)
	}
	for c, err := range s.List(t.Context(), collection.Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		c.Claims[0].InvoiceID = "changed"
	}
	if d := Equal(want, mustGet(t, s, "iso")); d != "" {
		t.Fatalf("the store shares memory with a listed case (-want +got):\n%s", d)
	}
}

func testListFilter(t *testing.T, s collection.Store) {
	mk := func(id collection.CaseID, creditor, debtor string, st collection.Status, invoices ...string) {
		c := simple(id, creditor, debtor, invoices...)
		c.Status = st
		mustSave(t, s, c, nil, nil)
	}
	mk("a", "cr1", "d1", collection.StatusActive, "i1", "i2")
	mk("b", "cr1", "d2", collection.StatusDeactivated, "i3")
	mk("c", "cr2", "d1", collection.StatusClosed, "i1")
	mk("d", "cr1", "d1", collection.StatusPaused, "i4")
	for _, tt := range []struct {
		name string
		f    collection.Filter
		want []collection.CaseID
	}{
		{"all", collection.Filter{}, []collection.CaseID{"a", "b", "c", "d"}},
		{"creditor", collection.Filter{CreditorID: "cr1"}, []collection.CaseID{"a", "b", "d"}},
		{"debtor", collection.Filter{DebtorID: "d1"}, []collection.CaseID{"a", "c", "d"}},
		{"creditor and debtor", collection.Filter{CreditorID: "cr1", DebtorID: "d1"}, []collection.CaseID{"a", "d"}},
		{"invoice", collection.Filter{InvoiceID: "i1"}, []collection.CaseID{"a", "c"}},
		{"P5 deactivated", collection.Filter{Statuses: []collection.Status{collection.StatusDeactivated}}, []collection.CaseID{"b"}},
		{"running", collection.Filter{CreditorID: "cr1", Statuses: []collection.Status{collection.StatusActive, collection.StatusPaused}}, []collection.CaseID{"a", "d"}},
		{"none", collection.Filter{CreditorID: "nobody"}, nil},
	} {
		if d := cmp.Diff(tt.want, ids(t, s.List(t.Context(), tt.f))); d != "" {
			t.Errorf("List(%s) (-want +got):\n%s", tt.name, d)
		}
	}
}

func testDeletedHidden(t *testing.T, s collection.Store) {
	c := simple("gone", "cr", "d", "i1")
	c.Status = collection.StatusDeactivated
	c.Version = mustSave(t, s, c, nil, nil)
	c.Status = collection.StatusDeleted
	c.NextDue = day0 // even with a NextDue a deleted case is never due
	c.Version = mustSave(t, s, c, nil, nil)
	mustSave(t, s, simple("kept", "cr", "d", "i2"), nil, nil)
	for _, f := range []collection.Filter{
		{}, {CreditorID: "cr"}, {InvoiceID: "i1"},
		{Statuses: []collection.Status{collection.StatusDeleted}},
		{Statuses: []collection.Status{collection.StatusDeactivated, collection.StatusDeleted}},
	} {
		for _, id := range ids(t, s.List(t.Context(), f)) {
			if id == "gone" {
				t.Errorf("List(%+v) returned the deleted case", f)
			}
		}
	}
	if got := ids(t, s.Due(t.Context(), day0)); len(got) != 0 {
		t.Errorf("Due returned %v, want no deleted case", got)
	}
	if got := mustGet(t, s, "gone"); got.Status != collection.StatusDeleted {
		t.Errorf("Get(deleted) status %s, want deleted (the store keeps it)", got.Status)
	}
}
