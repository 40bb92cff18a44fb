package collection_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// TestLetterWithoutAWayToPayIsRefused: a creditor whose profile gives no account
// gets no reminder sent: the batch reports the case as failed with a
// *dunning.FieldError naming Data.Creditor.Bank (letters.ErrNoWayToPay), saves
// nothing and queues nothing; with an account the same run sends it.
func TestLetterWithoutAWayToPayIsRefused(t *testing.T) {
	cr := collection.StaticCreditors{} // no letterhead, no bank
	e := newBatchEnv(t, date.MustNew(2025, 2, 15), collection.Options{Creditors: cr})
	before := e.open("c1")
	res, err := e.svc.Commit(t.Context(), collection.BatchRequest{}, e.clock.now)
	require.Error(t, err)
	require.Len(t, res.Failed, 1)
	require.ErrorIs(t, res.Failed[0].Err, letters.ErrNoWayToPay)
	var fe *dunning.FieldError
	require.ErrorAs(t, res.Failed[0].Err, &fe)
	require.Equal(t, "Data.Creditor.Bank", fe.Field)
	require.Empty(t, e.outbox(), "nothing is sent")
	require.Equal(t, before.Version, e.get("c1").Version, "nothing is saved")

	e2 := newBatchEnv(t, date.MustNew(2025, 2, 15), collection.Options{})
	e2.open("c1")
	res, err = e2.svc.Commit(t.Context(), collection.BatchRequest{}, e2.clock.now)
	require.NoError(t, err)
	require.Len(t, res.Steps, 1)
	require.Len(t, e2.outbox(), 1)
	require.Contains(t, e2.outbox()[0].Message.Text, testBank.IBAN)
}
