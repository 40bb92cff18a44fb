package collection_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	feelaw "github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// TestBadCreditorProfileIsRefusedWhereItComesIn: a profile from the host's
// Creditors with a channel or a collection step that is not one, or a holiday
// window that ends before it starts, is refused with a *dunning.FieldError
// naming the field and the value, by the batch run (a failure for each of the
// creditor's due cases) and by a command alike, and nothing is written: no
// step, no event, no letter.
func TestBadCreditorProfileIsRefusedWhereItComesIn(t *testing.T) {
	good := withBank.Default
	for _, tc := range []struct {
		name    string
		profile collection.CreditorProfile
		closed  []date.Period
		field   string
		value   string
	}{
		{"channel", func() collection.CreditorProfile { p := good; p.Channel = letters.Channel(9); return p }(), nil, "CreditorProfile.Channel", "Channel(9)"},
		{"collection step", func() collection.CreditorProfile { p := good; p.CollectionCostStep = feelaw.Step(7); return p }(), nil, "CreditorProfile.CollectionCostStep", "Step(7)"},
		{"holiday", good, []date.Period{{From: date.MustNew(2025, 3, 10), To: date.MustNew(2025, 3, 1)}}, "Holidays[0]", "2025-03-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl := &clock{}
			cl.set(jan31)
			st := memstore.New()
			cr := collection.StaticCreditors{Default: tc.profile, Closed: map[string][]date.Period{"cr-1": tc.closed}}
			svc, err := collection.New(st, collection.Options{Clock: cl, Creditors: cr})
			require.NoError(t, err)
			// Open reads the profile too and refuses the bad one; the case is
			// opened by a Service with a good profile, and the bad profile
			// meets it in the run and in a command.
			_, err = svc.Open(t.Context(), openReq("c0"))
			var fe *dunning.FieldError
			require.True(t, errors.As(err, &fe) && fe.Field == tc.field, "Open: %v", err)
			_, err = st.Get(t.Context(), "c0")
			require.ErrorIs(t, err, collection.ErrNotFound, "a refused Open saves nothing")
			good, err := collection.New(st, collection.Options{Clock: cl, Creditors: withBank})
			require.NoError(t, err)
			_, err = good.Open(t.Context(), openReq("c1"))
			require.NoError(t, err)
			cl.set(feb20)
			before := stored(t, st, "c1")

			check := func(what string, err error) {
				t.Helper()
				var fe *dunning.FieldError
				require.Error(t, err, what)
				require.True(t, errors.As(err, &fe), "%s: %v is not a *dunning.FieldError", what, err)
				require.Equal(t, tc.field, fe.Field, what)
				require.True(t, strings.Contains(fe.Value, tc.value), "%s: value %q does not name %q", what, fe.Value, tc.value)
				require.ErrorIs(t, err, dunning.ErrInvalid, what)
			}
			res, err := svc.Commit(t.Context(), collection.BatchRequest{}, cl.now)
			require.Empty(t, res.Steps)
			require.Len(t, res.Failed, 1)
			require.Equal(t, collection.CaseID("c1"), res.Failed[0].CaseID)
			check("Commit", res.Failed[0].Err)
			require.Error(t, err)
			_, err = svc.SendLetter(t.Context(), "c1", collection.Letter{Subject: "s", Text: "t", Channel: letters.Post})
			check("SendLetter", err)
			require.Empty(t, storetest.Equal(before.c, stored(t, st, "c1").c))
			after := stored(t, st, "c1")
			require.Equal(t, before.events, after.events)
			require.Equal(t, before.outbox, after.outbox)
		})
	}
}

// stored is the stored state of case id (snapshot, with a *testing.T).
func stored(t *testing.T, st *memstore.Store, id collection.CaseID) snapshot {
	t.Helper()
	c, err := st.Get(t.Context(), id)
	require.NoError(t, err)
	evs, err := collection.Collect(st.Events(t.Context(), id))
	require.NoError(t, err)
	out, err := collection.Collect(st.Outbox(t.Context(), 0))
	require.NoError(t, err)
	return snapshot{c: c, exists: true, events: len(evs), outbox: len(out)}
}
