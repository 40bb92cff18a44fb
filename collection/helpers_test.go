package collection_test

import (
	"context"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

// clock is a settable test clock (tests never read the system clock).
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// set moves the clock to 09:00 UTC on day.
func (c *clock) set(day date.Date) {
	y, m, d := day.YMD()
	c.now = time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
}

type env struct {
	t     *testing.T
	store *memstore.Store
	svc   *collection.Service
	clock *clock
}

// newEnv returns a Service over a fresh memstore with the clock on day.
func newEnv(t *testing.T, day date.Date) *env {
	t.Helper()
	cl := &clock{}
	cl.set(day)
	st := memstore.New()
	svc, err := collection.New(st, collection.Options{Clock: cl, Creditors: withBank})
	require.NoError(t, err)
	return &env{t: t, store: st, svc: svc, clock: cl}
}

var (
	jan31 = date.MustNew(2025, 1, 31)
	feb20 = date.MustNew(2025, 2, 20)
)

func dkk(s string) money.Money { return money.MustNew(s, money.DKK) }

// testBank is the account the tests' creditors are paid to: a letter that asks
// for payment must say where (letters.ErrNoWayToPay).
var testBank = letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"}

// withBank gives every creditor a letterhead with testBank (the name and address
// come from the case's creditor party).
var withBank = collection.StaticCreditors{Default: collection.CreditorProfile{Letterhead: letters.Creditor{Bank: testBank}}}

func creditor() dunning.Party {
	return dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}}
}

func debtor(id string) dunning.Party {
	return dunning.Party{ID: id, Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
		Email: "jens@example.dk", Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}}
}

// openReq is a valid request for case id with invoices due 2025-01-31.
func openReq(id collection.CaseID, invoices ...string) collection.OpenRequest {
	if len(invoices) == 0 {
		invoices = []string{"inv-" + string(id)}
	}
	r := collection.OpenRequest{ID: id, Creditor: creditor(), Debtor: debtor("d-1"), Flow: "Standard"}
	for _, inv := range invoices {
		r.Invoices = append(r.Invoices, collection.Invoice{ID: inv, Number: "N-" + inv, Issued: date.MustNew(2025, 1, 1), Due: jan31, Amount: dkk("1000.00")})
	}
	return r
}

func (e *env) open(id collection.CaseID, invoices ...string) collection.Case {
	e.t.Helper()
	c, err := e.svc.Open(e.t.Context(), openReq(id, invoices...))
	require.NoError(e.t, err)
	return c
}

func (e *env) get(id collection.CaseID) collection.Case {
	e.t.Helper()
	c, err := e.store.Get(e.t.Context(), id)
	require.NoError(e.t, err)
	return c
}

func (e *env) events(id collection.CaseID) []collection.Event {
	e.t.Helper()
	evs, err := collection.Collect(e.store.Events(e.t.Context(), id))
	require.NoError(e.t, err)
	return evs
}

func (e *env) outbox() []collection.OutboxEntry {
	e.t.Helper()
	out, err := collection.Collect(e.store.Outbox(e.t.Context(), 0))
	require.NoError(e.t, err)
	return out
}

func eventTypes(evs []collection.Event) []collection.EventType {
	var ts []collection.EventType
	for _, e := range evs {
		ts = append(ts, e.Type)
	}
	return ts
}

// takeSteps stands in for the batch run of the next issue: it takes the next n
// steps of the case's flow, each on the day it becomes allowed, with its fee as a
// charge, and saves the case directly in the store.
func (e *env) takeSteps(id collection.CaseID, n int) collection.Case {
	e.t.Helper()
	c := e.get(id)
	f, ok := e.svc.Flow(c.Progress.Flow)
	require.True(e.t, ok)
	for range n {
		facts := flow.Facts{Due: c.Earliest(), Jurisdiction: c.Jurisdiction, Party: c.Debtor.Kind, PostalDays: c.PostalDays}
		d := flow.Decide(f, c.Progress, facts, date.MustNew(2099, 1, 1))
		require.GreaterOrEqual(e.t, d.Index, 0, d.Explain())
		c.Progress = c.Progress.Take(d, d.On)
		fee := dkk("100.00")
		if d.Step.Kind.IsReminder() {
			c.Charges = append(c.Charges, collection.Charge{Kind: collection.ChargeReminderFee, Amount: fee, On: d.On, Action: len(c.Progress.Taken), Source: "test"})
		}
	}
	_, err := e.store.Save(e.t.Context(), c, []collection.Event{{CaseID: id, Seq: c.Version + 1, Type: "step.taken", At: e.clock.now}}, nil)
	require.NoError(e.t, err)
	return e.get(id)
}

// unchanged asserts that a failed command changed nothing: the stored case and the
// number of events are as before.
func (e *env) unchanged(id collection.CaseID, before collection.Case, eventsBefore int) {
	e.t.Helper()
	after := e.get(id)
	if d := storetest.Equal(before, after); d != "" {
		e.t.Fatalf("a failed command changed the case (-before +after):\n%s", d)
	}
	require.Len(e.t, e.events(id), eventsBefore, "a failed command appended events")
}

func ctx(t *testing.T) context.Context { return t.Context() }
