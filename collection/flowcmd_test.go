package collection_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

func TestE2_SwitchFlowMidway(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	e.takeSteps("c1", 2) // Standard: Reminder 1 and 2
	c, err := e.svc.SwitchFlow(ctx(t), "c1", "FastToCourt")
	require.NoError(t, err)
	require.Equal(t, "FastToCourt", c.Progress.Flow)
	d, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	require.Equal(t, flow.CollectionWarning, d.Step.Kind, "FastToCourt continues at its warning")
	require.Equal(t, d.On, c.NextDue)
	ev := e.events("c1")
	require.Equal(t, map[string]string{"from": "Standard", "to": "FastToCourt"}, ev[len(ev)-1].Data)

	before, n := e.get("c1"), len(ev)
	_, err = e.svc.SwitchFlow(ctx(t), "c1", "Nope")
	require.ErrorIs(t, err, collection.ErrUnknownFlow)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "Nope", fe.Value)
	e.unchanged("c1", before, n)
}

func TestE2_OverrideTheNextStepBeforeItIsSent(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	deadline := feb20.AddDays(14)
	c, err := e.svc.Override(ctx(t), "c1", flow.Override{Deadline: deadline, Fee: dkk("60.00")})
	require.NoError(t, err)
	require.Equal(t, deadline, c.Progress.Override.Deadline)
	require.True(t, c.Progress.Override.Fee.Equal(dkk("60.00")))
	ev := e.events("c1")
	require.Equal(t, map[string]string{"deadline": deadline.String(), "fee": "60.00 DKK"}, ev[len(ev)-1].Data)

	before, n := e.get("c1"), len(ev)
	for _, tt := range []struct {
		o     flow.Override
		field string
		value string
		is    error
	}{
		{flow.Override{Fee: money.MustNew("60.00", money.EUR)}, "Override.Fee", "60.00 EUR", money.ErrCurrencyMismatch},
		{flow.Override{Fee: dkk("-1.00")}, "Override.Fee", "-1.00 DKK", dunning.ErrInvalid},
		{flow.Override{Deadline: feb20.AddDays(-1)}, "Override.Deadline", "2025-02-19", dunning.ErrInvalid},
		{flow.Override{}, "Override", "", dunning.ErrInvalid},
	} {
		_, err := e.svc.Override(ctx(t), "c1", tt.o)
		require.ErrorIs(t, err, tt.is)
		var fe *dunning.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, tt.field, fe.Field)
		require.Equal(t, tt.value, fe.Value)
	}
	e.unchanged("c1", before, n)
}

func TestE3_E20_PlanAndOfferTracksStopTheFlow(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	c, err := e.svc.SetTrack(ctx(t), "c1", flow.TrackPlan)
	require.NoError(t, err)
	require.Equal(t, collection.StageAgreement, c.Stage)
	require.Equal(t, date.Date{}, c.NextDue, "the flow proposes nothing on the plan track")
	d, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	require.Equal(t, flow.ReasonTrack, d.Reason)

	c, err = e.svc.SetTrack(ctx(t), "c1", flow.TrackOffer)
	require.NoError(t, err)
	require.Equal(t, collection.StageSettlement, c.Stage)

	c, err = e.svc.SetTrack(ctx(t), "c1", flow.TrackMain)
	require.NoError(t, err)
	require.Equal(t, collection.StageReminders, c.Stage)
	require.Equal(t, date.MustNew(2025, 2, 3), c.NextDue)
	require.Equal(t, []collection.EventType{collection.EventOpened, collection.EventTrackChanged, collection.EventTrackChanged, collection.EventTrackChanged}, eventTypes(e.events("c1")))
	_, err = e.svc.SetTrack(ctx(t), "c1", flow.Track(9))
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

func TestE20_FreeLetterDoesNotMoveTheFlow(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	before, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	c, err := e.svc.SendLetter(ctx(t), "c1", collection.Letter{Subject: "Your invoice", Text: "Please call us.", Channel: letters.Email})
	require.NoError(t, err)
	after, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	require.Equal(t, before.Index, after.Index)
	require.Equal(t, before.On, after.On)
	require.Len(t, c.Progress.Taken, 1)
	require.Equal(t, -1, c.Progress.Taken[0].Index)
	require.True(t, c.StepsTaken())

	out := e.outbox()
	require.Len(t, out, 1)
	m := out[0].Message
	require.Equal(t, "c1/letter/2", m.ID)
	require.Equal(t, "jens@example.dk", m.Recipient)
	require.Equal(t, letters.FreeLetter, m.Kind)
	require.Equal(t, collection.Version(2), out[0].Seq)
	ev := e.events("c1")
	require.Equal(t, "c1/letter/2", ev[len(ev)-1].Data["message"])

	// E19: deleting the free letter leaves the flow where it is.
	c, err = e.svc.DeleteLastAction(ctx(t), "c1")
	require.NoError(t, err)
	require.Empty(t, c.Progress.Taken)

	// Bad letters are named.
	_, err = e.svc.SendLetter(ctx(t), "c1", collection.Letter{Channel: letters.SMS})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
}

func TestE18_OutOfBatchFollowUp(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	c, err := e.svc.SetManual(ctx(t), "c1", true)
	require.NoError(t, err)
	require.True(t, c.Progress.Manual)
	d, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	require.True(t, d.Due)
	require.False(t, d.Batch, "the batch run leaves a manual case alone")
	// Setting it again changes nothing and logs nothing.
	n := len(e.events("c1"))
	_, err = e.svc.SetManual(ctx(t), "c1", true)
	require.NoError(t, err)
	require.Len(t, e.events("c1"), n)
	c, err = e.svc.SetManual(ctx(t), "c1", false)
	require.NoError(t, err)
	require.False(t, c.Progress.Manual)
}

func TestE19_DeleteLastActionRewinds(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	c := e.takeSteps("c1", 2)
	require.Len(t, c.Charges, 2)
	c, err := e.svc.DeleteLastAction(ctx(t), "c1")
	require.NoError(t, err)
	require.Len(t, c.Progress.Taken, 1)
	require.Len(t, c.Charges, 1, "the deleted action's fee is removed")
	d, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	require.Equal(t, 1, d.Index, "Reminder 2 is proposed again")
	require.Equal(t, "Reminder 2", e.events("c1")[len(e.events("c1"))-1].Data["name"])

	_, err = e.svc.DeleteLastAction(ctx(t), "c1")
	require.NoError(t, err)
	before, n := e.get("c1"), len(e.events("c1"))
	_, err = e.svc.DeleteLastAction(ctx(t), "c1")
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
	e.unchanged("c1", before, n)
}

func TestE21_SwitchingFlowReplacesThePause(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	_, err := e.svc.Pause(ctx(t), "c1", feb20.AddDays(20), "waiting")
	require.NoError(t, err)
	c, err := e.svc.SwitchFlow(ctx(t), "c1", "Lenient")
	require.NoError(t, err)
	require.Equal(t, collection.StatusActive, c.Status)
	require.Equal(t, flow.Pause{}, c.Progress.Pause)
}

func TestS5_CustomerBlockedFromInvoicing(t *testing.T) {
	blocking, err := flow.ReminderModule(flow.ModuleSettings{Name: "Module", Reminder1: flow.LevelSettings{Days: 10}, Reminder2: flow.LevelSettings{Days: 10}, Warning: flow.LevelSettings{Days: 10}, BlockFrom: flow.LevelReminder2})
	require.NoError(t, err)
	e := newEnv(t, feb20)
	e.svc, err = collection.New(e.store, collection.Options{Clock: e.clock, Flows: []flow.Flow{blocking, flow.Standard()}, Creditors: withBank})
	require.NoError(t, err)
	r := openReq("c1")
	r.Flow = "Module"
	_, err = e.svc.Open(ctx(t), r)
	require.NoError(t, err)

	blocked := func() bool {
		b, err := e.svc.Blocked(ctx(t), "cr-1", "d-1")
		require.NoError(t, err)
		return b
	}
	require.False(t, blocked())
	e.takeSteps("c1", 1) // Reminder 1 does not block
	require.False(t, blocked())
	e.takeSteps("c1", 1) // Reminder 2 does
	require.True(t, blocked())
	ok, err := e.svc.Blocked(ctx(t), "cr-1", "someone-else")
	require.NoError(t, err)
	require.False(t, ok)
	// Only while the case is still active.
	_, err = e.svc.Close(ctx(t), "c1", collection.CloseRequest{Reason: "paid"})
	require.NoError(t, err)
	require.False(t, blocked())
}

func TestS11_NotesOnTheCaseAndOnAClaim(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1", "i1", "i2")
	_, err := e.svc.WithActor("anne").AddNote(ctx(t), "c1", "", "Called the debtor.")
	require.NoError(t, err)
	c, err := e.svc.AddNote(ctx(t), "c1", "i2", "Goods returned?")
	require.NoError(t, err)
	require.Len(t, c.Notes, 2)
	require.Equal(t, collection.Note{At: e.clock.now, Actor: "anne", Text: "Called the debtor."}, c.Notes[0])
	require.Equal(t, "i2", c.Notes[1].InvoiceID)
	require.Equal(t, "anne", e.events("c1")[1].Actor)

	before, n := e.get("c1"), len(e.events("c1"))
	_, err = e.svc.AddNote(ctx(t), "c1", "nope", "")
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "invoiceID", fe.Field)
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 2, "both problems are named")
	e.unchanged("c1", before, n)
	// A closed case still takes notes.
	_, err = e.svc.Close(ctx(t), "c1", collection.CloseRequest{Reason: "done"})
	require.NoError(t, err)
	_, err = e.svc.AddNote(ctx(t), "c1", "", "after closing")
	require.NoError(t, err)
}

func TestS13_HandOverToAnExternalPartner(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	c, err := e.svc.HandOver(ctx(t), "c1", "Lindorff", "L-4711")
	require.NoError(t, err)
	require.Equal(t, collection.StageAgency, c.Stage)
	require.Equal(t, collection.Agency{Partner: "Lindorff", Reference: "L-4711", Since: feb20}, *c.Agency)
	require.Equal(t, date.Date{}, c.NextDue, "the partner runs the case")
	_, err = e.svc.Next(ctx(t), "c1")
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
	_, err = e.svc.HandOver(ctx(t), "c1", "Other", "")
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
	_, err = e.svc.HandOver(ctx(t), "nope", "", "")
	require.Error(t, err)
}

func TestN6_WaitForAPersonsDecision(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	c, err := e.svc.Await(ctx(t), "c1", "rejected from the approved list")
	require.NoError(t, err)
	require.True(t, c.Progress.Awaiting)
	require.Equal(t, date.Date{}, c.NextDue)
	d, err := e.svc.Next(ctx(t), "c1")
	require.NoError(t, err)
	require.Equal(t, flow.ReasonDecision, d.Reason)
	c, err = e.svc.Proceed(ctx(t), "c1")
	require.NoError(t, err)
	require.False(t, c.Progress.Awaiting)
	require.NotEqual(t, date.Date{}, c.NextDue)
	_, err = e.svc.Proceed(ctx(t), "c1")
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
}

func TestDisputedClaim(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1", "i1", "i2")
	c, err := e.svc.SetDisputed(ctx(t), "c1", "i2", true)
	require.NoError(t, err)
	require.True(t, c.Claims[1].Disputed)
	require.True(t, c.Disputed())
	c, err = e.svc.SetDisputed(ctx(t), "c1", "i2", false)
	require.NoError(t, err)
	require.False(t, c.Disputed())
	_, err = e.svc.SetDisputed(ctx(t), "c1", "i9", true)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "i9", fe.Value)
}

func TestE16_EveryChangeIsLogged(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1", "i1")
	svc := e.svc.WithActor("bo")
	steps := []func() (collection.Case, error){
		func() (collection.Case, error) { return svc.Publish(ctx(t), "c1") },
		func() (collection.Case, error) { return svc.Pause(ctx(t), "c1", feb20.AddDays(5), "x") },
		func() (collection.Case, error) { return svc.Resume(ctx(t), "c1") },
		func() (collection.Case, error) { return svc.SetDisputed(ctx(t), "c1", "i1", true) },
		func() (collection.Case, error) { return svc.SetManual(ctx(t), "c1", true) },
		func() (collection.Case, error) { return svc.Await(ctx(t), "c1", "check") },
		func() (collection.Case, error) { return svc.Proceed(ctx(t), "c1") },
		func() (collection.Case, error) {
			return svc.Override(ctx(t), "c1", flow.Override{Deadline: feb20.AddDays(9)})
		},
		func() (collection.Case, error) { return svc.SwitchFlow(ctx(t), "c1", "Lenient") },
		func() (collection.Case, error) {
			return svc.SendLetter(ctx(t), "c1", collection.Letter{Subject: "s", Text: "t", Channel: letters.Post})
		},
		func() (collection.Case, error) { return svc.DeleteLastAction(ctx(t), "c1") },
		func() (collection.Case, error) { return svc.SetTrack(ctx(t), "c1", flow.TrackPlan) },
		func() (collection.Case, error) { return svc.AddNote(ctx(t), "c1", "i1", "n") },
		func() (collection.Case, error) { return svc.HandOver(ctx(t), "c1", "Agency", "A-1") },
		func() (collection.Case, error) { return svc.Close(ctx(t), "c1", collection.CloseRequest{Reason: "r"}) },
		func() (collection.Case, error) {
			return svc.Deactivate(ctx(t), "c1", collection.Acknowledgements{Published: true})
		},
	}
	for i, step := range steps {
		n := len(e.events("c1"))
		c, err := step()
		require.NoError(t, err, "step %d", i)
		evs := e.events("c1")
		require.Greater(t, len(evs), n, "step %d logged nothing", i)
		for _, ev := range evs[n:] {
			require.Equal(t, c.Version, ev.Seq)
			require.Equal(t, "bo", ev.Actor)
			require.True(t, ev.At.Equal(e.clock.now))
		}
	}
	require.NoError(t, svc.Delete(ctx(t), "c1"))
	evs := e.events("c1")
	require.Equal(t, collection.EventDeleted, evs[len(evs)-1].Type)
}

// conflicting is a Store that lets another writer change the case before the
// first n Saves, so they conflict.
type conflicting struct {
	collection.Store
	left atomic.Int32
}

func (s *conflicting) Save(ctx context.Context, c collection.Case, ev []collection.Event, out []letters.Message) (collection.Version, error) {
	if s.left.Add(-1) >= 0 && c.Version > 0 {
		cur, err := s.Store.Get(ctx, c.ID)
		if err != nil {
			return 0, err
		}
		cur.Notes = append(cur.Notes, collection.Note{Text: "other writer"})
		if _, err := s.Store.Save(ctx, cur, nil, nil); err != nil {
			return 0, err
		}
	}
	return s.Store.Save(ctx, c, ev, out)
}

func TestConflictsAreRetried(t *testing.T) {
	e := newEnv(t, feb20)
	e.open("c1")
	st := &conflicting{Store: e.store}
	st.left.Store(2)
	svc, err := collection.New(st, collection.Options{Clock: e.clock, Creditors: withBank})
	require.NoError(t, err)
	c, err := svc.Pause(ctx(t), "c1", feb20.AddDays(3), "x")
	require.NoError(t, err, "two conflicts, three retries")
	require.Equal(t, collection.Version(4), c.Version)
	require.Len(t, c.Notes, 2, "the retry decided on the other writers' version")

	st.left.Store(5)
	svc, err = collection.New(st, collection.Options{Clock: e.clock, MaxConflictRetries: -1, Creditors: withBank})
	require.NoError(t, err)
	_, err = svc.Resume(ctx(t), "c1")
	var ce *collection.ConflictError
	require.ErrorAs(t, err, &ce)
	require.True(t, errors.Is(err, collection.ErrConflict))
	require.Equal(t, collection.StatusPaused, e.get("c1").Status)
}
