package collection_test

import (
	"strings"
	"testing"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// TestE15_EveryMessageNamesItsCaseAndCreditor: every message the Service queues —
// a step letter of the batch run, a balance statement over several cases, a free
// letter, a plan overview — carries the case it belongs to (the one its ID starts
// with and whose Save queued it) and that case's creditor, so a Dispatcher needs
// not parse the ID (letters.Message.CaseID, CreditorID). Implements E15, E17, S12,
// E20, E12.
func TestE15_EveryMessageNamesItsCaseAndCreditor(t *testing.T) {
	e := newBatchEnv(t, jan31, collection.Options{})
	e.open("c1")
	other := openReq("c2")
	other.Creditor.ID, other.Debtor = "cr-2", debtor("d-2")
	_, err := e.svc.Open(t.Context(), other)
	require.NoError(t, err)

	e.clock.set(feb3)
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 2)
	for _, id := range []collection.CaseID{"a1", "a2"} {
		r := openReq(id)
		r.Debtor = debtor("d-3")
		_, err := e.svc.Open(t.Context(), r)
		require.NoError(t, err)
	}
	res, err = e.svc.Commit(t.Context(), collection.BatchRequest{BalanceStatement: true}, e.clock.now)
	require.NoError(t, err)
	require.Equal(t, []string{"a2/balance/2025-02-03"}, res.Statements)
	_, err = e.svc.SendLetter(t.Context(), "c2", collection.Letter{Subject: "s", Text: "t", Channel: letters.Post})
	require.NoError(t, err)
	_, err = e.svc.StartPlan(t.Context(), "c1", collection.PlanRequest{Terms: agreement.Terms{Instalment: dkk("250.00"), First: date.MustNew(2025, 3, 1)}})
	require.NoError(t, err)

	creditors := map[string]string{"c1": "cr-1", "c2": "cr-2", "a1": "cr-1", "a2": "cr-1"}
	kinds := map[letters.Kind]int{}
	out := e.outbox()
	for _, o := range out {
		m := o.Message
		kinds[m.Kind]++
		require.Equal(t, string(o.CaseID), m.CaseID, "%s: the case whose Save queued it", m.ID)
		require.True(t, strings.HasPrefix(m.ID, m.CaseID+"/"), "%s: CaseID %q is where the ID starts", m.ID, m.CaseID)
		require.Equal(t, creditors[m.CaseID], m.CreditorID, "%s: the creditor of case %s", m.ID, m.CaseID)
	}
	require.Equal(t, map[letters.Kind]int{letters.Reminder: 2, letters.BalanceStatement: 1, letters.FreeLetter: 1, letters.PlanOverview: 1}, kinds)
}
