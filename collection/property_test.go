package collection_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// machine drives random command sequences against a Service over a memstore and
// checks the invariants after every step.
type machine struct {
	ctx   context.Context
	store *memstore.Store
	svc   *collection.Service
	clock *clock
	// model: what the test knows independently of the Service.
	deactivated map[collection.CaseID]bool
	version     map[collection.CaseID]collection.Version
	// owed is, per invoice locked by a deactivation, what its case's Ledger said
	// was still outstanding just before: what a re-opened case must owe (P6).
	owed map[string]money.Money
	// delivered are the messages the relay handed to the dispatcher.
	delivered map[string]bool
}

// replacesPause are the commands that write a letter with a deadline: they may
// write to a paused case, and the letter replaces the pause (E21).
var replacesPause = map[string]bool{"makeOffer": true, "startPlan": true, "terminatePlan": true}

var (
	caseIDs    = []collection.CaseID{"a", "b", "c", "d"}
	invoiceIDs = []string{"i1", "i2", "i3", "i4"}
	flowNames  = []string{"Standard", "Lenient", "FastToCourt", "Nope"}
)

func (m *machine) today() date.Date { return date.Today(m.clock, nil) }

func (m *machine) pickCase(t *rapid.T) collection.CaseID {
	return rapid.SampledFrom(caseIDs).Draw(t, "case")
}

// snapshot is the stored state of one case: the case (if any), its events and
// its outbox messages.
type snapshot struct {
	c      collection.Case
	exists bool
	events int
	outbox int
}

func (m *machine) snap(t *rapid.T, id collection.CaseID) snapshot {
	var s snapshot
	c, err := m.store.Get(m.ctx, id)
	switch {
	case err == nil:
		s.c, s.exists = c, true
	case !errors.Is(err, collection.ErrNotFound):
		t.Fatalf("Get(%s): %v", id, err)
	}
	evs, err := collection.Collect(m.store.Events(m.ctx, id))
	if err != nil {
		t.Fatal(err)
	}
	s.events = len(evs)
	out, err := collection.Collect(m.store.Outbox(m.ctx, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range out {
		if e.CaseID == id {
			s.outbox++
		}
	}
	return s
}

// do runs a command on case id and checks the per-command invariants.
func (m *machine) do(t *rapid.T, id collection.CaseID, name string, cmd func() error) {
	before := m.snap(t, id)
	pausedBefore := before.exists && before.c.StatusOn(m.today()) == collection.StatusPaused
	err := cmd()
	after := m.snap(t, id)
	if err != nil {
		// No command that returned an error changed anything.
		if before.exists != after.exists || before.events != after.events || before.outbox != after.outbox {
			t.Fatalf("%s on %s failed (%v) but changed the store", name, id, err)
		}
		if d := storetest.Equal(before.c, after.c); d != "" {
			t.Fatalf("%s on %s failed (%v) but changed the case:\n%s", name, id, err, d)
		}
		return
	}
	if !after.exists {
		return
	}
	// Versions strictly increase, and every change has an event.
	if after.c.Version < before.c.Version {
		t.Fatalf("%s on %s: version went from %d to %d", name, id, before.c.Version, after.c.Version)
	}
	if after.c.Version > before.c.Version && after.events <= before.events {
		t.Fatalf("%s on %s: version %d → %d without an event", name, id, before.c.Version, after.c.Version)
	}
	if after.c.Version == before.c.Version && (after.events != before.events || after.outbox != before.outbox) {
		t.Fatalf("%s on %s: events or outbox written without a new version", name, id)
	}
	// A paused case never receives a letter, unless the command writes one with
	// a deadline, which replaces the pause (E21).
	if pausedBefore && after.outbox > before.outbox {
		if !replacesPause[name] {
			t.Fatalf("%s on %s: a letter was queued while the case was paused", name, id)
		}
		if after.c.StatusOn(m.today()) == collection.StatusPaused {
			t.Fatalf("%s on %s: a letter with a deadline was queued, but the case stayed paused", name, id)
		}
	}
	// No letter goes to a closed, deactivated or handed-over case.
	if after.outbox > before.outbox && (!before.c.Status.Running() || !before.c.Agency.IsZero()) && before.exists {
		t.Fatalf("%s on %s: a letter was queued for a %s case (agency %v)", name, id, before.c.Status, !before.c.Agency.IsZero())
	}
	if after.c.Status == collection.StatusDeactivated {
		m.deactivated[id] = true
	}
	m.version[id] = after.c.Version
}

func (m *machine) check(t *rapid.T) {
	for _, id := range caseIDs {
		s := m.snap(t, id)
		if !s.exists {
			continue
		}
		c := s.c
		// A deactivated case never becomes active again (P4).
		if m.deactivated[id] && c.Status != collection.StatusDeactivated && c.Status != collection.StatusDeleted {
			t.Fatalf("case %s was deactivated and is now %s", id, c.Status)
		}
		if c.Version < m.version[id] {
			t.Fatalf("case %s: version %d is below %d", id, c.Version, m.version[id])
		}
		// The balance is the claims that count toward the debt (open, or paid or
		// written off within the case) plus the unwaived charges minus the
		// payments and the write-offs matched as payment; it agrees with the
		// ledger, which loses no payment and overpays no component.
		want := money.Zero(c.Currency)
		for _, cl := range c.Claims {
			switch cl.Status {
			case collection.ClaimOpen, collection.ClaimPaid, collection.ClaimWrittenOff:
				want, _ = want.Add(cl.Open)
			}
		}
		for _, w := range c.WriteOffs {
			if cl, ok := c.Claim(w.InvoiceID); ok && w.Mode == collection.MatchedAsPayment && cl.Status != collection.ClaimCredited && cl.Status != collection.ClaimLocked {
				want, _ = want.Sub(w.Amount)
			}
		}
		checkLedger(t, c)
		for _, ch := range c.Charges {
			if !ch.Waived {
				want, _ = want.Add(ch.Amount)
			}
		}
		for _, p := range c.Payments {
			want, _ = want.Sub(p.Amount)
		}
		got, err := c.Balance()
		if err != nil || !got.Equal(want) {
			t.Fatalf("case %s: balance %s (%v), want %s", id, got, err, want)
		}
		// The last event carries the case's version.
		evs, _ := collection.Collect(m.store.Events(m.ctx, id))
		if len(evs) == 0 || evs[len(evs)-1].Seq != c.Version {
			t.Fatalf("case %s at version %d: last event %v", id, c.Version, evs[len(evs)-1:])
		}
		// Not running means nothing due.
		if !c.Status.Running() && c.NextDue != (date.Date{}) {
			t.Fatalf("case %s is %s but due on %s", id, c.Status, c.NextDue)
		}
		// Next and the batch preview agree (L3, S10, E18): a main-track case whose
		// step Next says is due is in the preview (a row, or held for a person),
		// unless it is out of batch follow-up; any other is not.
		if d, err := m.svc.Next(m.ctx, id); err == nil && c.Progress.Track == flow.TrackMain {
			p, err := m.svc.Preview(m.ctx, collection.BatchRequest{Cases: []collection.CaseID{id}})
			if err != nil {
				t.Fatalf("preview of %s: %v", id, err)
			}
			inPreview := p.Count() > 0 || len(p.Held) > 0
			if want := d.Due && !c.Progress.Manual; inPreview != want {
				t.Fatalf("case %s: Next says %q (due %v, manual %v), the preview lists it: %v (not due: %+v)", id, d.Explain(), d.Due, c.Progress.Manual, inPreview, p.NotDue)
			}
		}
		// A deleted action's letter is never delivered, and the outbox no
		// longer holds it (E19).
		out, _ := collection.Collect(m.store.Outbox(m.ctx, 0))
		for _, e := range evs {
			if e.Type != collection.EventMessageCancelled {
				continue
			}
			if m.delivered[e.Data["message"]] {
				t.Fatalf("case %s: message %s was delivered though its action was deleted", id, e.Data["message"])
			}
			for _, o := range out {
				if o.Message.ID == e.Data["message"] {
					t.Fatalf("case %s: the outbox still holds %s, the letter of a deleted action", id, o.Message.ID)
				}
			}
		}
	}
}

func TestProperty_CommandSequencesKeepTheRules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cl := &clock{}
		cl.set(feb20)
		st := memstore.New()
		r, err := batchLetters()
		if err != nil {
			t.Fatal(err)
		}
		svc, err := collection.New(st, collection.Options{Clock: cl, Letters: r, Creditors: withBank})
		if err != nil {
			t.Fatal(err)
		}
		m := &machine{ctx: context.Background(), store: st, svc: svc, clock: cl,
			deactivated: map[collection.CaseID]bool{}, version: map[collection.CaseID]collection.Version{},
			owed: map[string]money.Money{}, delivered: map[string]bool{}}
		relay, err := svc.NewRelay(letters.DispatcherFunc(func(_ context.Context, msg letters.Message) error {
			m.delivered[msg.ID] = true
			return nil
		}), collection.RelayOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ctx := m.ctx
		for _, id := range caseIDs[:3] {
			r := openReq(id, "i-"+string(id))
			r.Published = rapid.Bool().Draw(t, "published")
			if _, err := svc.Open(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"": m.check,
			"open": func(t *rapid.T) {
				id := m.pickCase(t)
				invs := rapid.SliceOfNDistinct(rapid.SampledFrom(invoiceIDs), 1, 3, rapid.ID).Draw(t, "invoices")
				r := openReq(id, invs...)
				r.Flow = rapid.SampledFrom(flowNames).Draw(t, "flow")
				r.Published = rapid.Bool().Draw(t, "published")
				m.do(t, id, "open", func() error { _, err := svc.Open(ctx, r); return err })
			},
			"reopen": func(t *rapid.T) {
				id, from := m.pickCase(t), m.pickCase(t)
				r := collection.ReopenRequest{ID: id, From: from, Flow: rapid.SampledFrom(flowNames).Draw(t, "flow")}
				var c collection.Case
				m.do(t, id, "reopen", func() error {
					var err error
					c, err = svc.Reopen(ctx, r)
					return err
				})
				// No payment is lost across deactivation and re-opening (P2, P6).
				for _, cl := range c.Claims {
					if want, ok := m.owed[cl.InvoiceID]; ok && !cl.Open.Equal(want) {
						t.Fatalf("invoice %s re-opened in %s owing %s; %s was outstanding when %s was deactivated", cl.InvoiceID, id, cl.Open, want, from)
					}
				}
			},
			"pause": func(t *rapid.T) {
				id := m.pickCase(t)
				until := m.today().AddDays(rapid.IntRange(-2, 10).Draw(t, "days"))
				m.do(t, id, "pause", func() error { _, err := svc.Pause(ctx, id, until, "because"); return err })
			},
			"pauseThenLetter": func(t *rapid.T) {
				// The L1 scenario, drawn often: a pause, then an attempt to write.
				id := m.pickCase(t)
				until := m.today().AddDays(rapid.IntRange(1, 10).Draw(t, "days"))
				m.do(t, id, "pause", func() error { _, err := svc.Pause(ctx, id, until, "because"); return err })
				l := collection.Letter{Subject: "s", Text: "t", Channel: letters.Post}
				m.do(t, id, "letter", func() error { _, err := svc.SendLetter(ctx, id, l); return err })
			},
			"resume": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "resume", func() error { _, err := svc.Resume(ctx, id); return err })
			},
			"close": func(t *rapid.T) {
				id := m.pickCase(t)
				r := collection.CloseRequest{Reason: "r", WaiveCosts: rapid.Bool().Draw(t, "costs"), WaiveInterest: rapid.Bool().Draw(t, "interest"), Credit: rapid.Bool().Draw(t, "credit")}
				m.do(t, id, "close", func() error { _, err := svc.Close(ctx, id, r); return err })
			},
			"deactivate": func(t *rapid.T) {
				id := m.pickCase(t)
				a := collection.Acknowledgements{Published: rapid.Bool().Draw(t, "ackPublished"), StepsTaken: rapid.Bool().Draw(t, "ackSteps")}
				var owed map[string]money.Money
				if c, err := st.Get(ctx, id); err == nil && c.Status.Running() {
					if l, err := c.Ledger(); err == nil {
						owed = map[string]money.Money{}
						for i, cl := range c.Claims {
							if cl.Status == collection.ClaimOpen {
								owed[cl.InvoiceID] = l.Claims[i].Outstanding
							}
						}
					}
				}
				var done bool
				m.do(t, id, "deactivate", func() error {
					_, err := svc.Deactivate(ctx, id, a)
					done = err == nil
					return err
				})
				if done {
					for inv, o := range owed {
						m.owed[inv] = o // P6: what a re-opened case must owe
					}
				}
			},
			"delete": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "delete", func() error { return svc.Delete(ctx, id) })
			},
			"publish": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "publish", func() error { _, err := svc.Publish(ctx, id); return err })
			},
			"switch": func(t *rapid.T) {
				id := m.pickCase(t)
				name := rapid.SampledFrom(flowNames).Draw(t, "flow")
				m.do(t, id, "switch", func() error { _, err := svc.SwitchFlow(ctx, id, name); return err })
			},
			"override": func(t *rapid.T) {
				id := m.pickCase(t)
				o := flow.Override{}
				if rapid.Bool().Draw(t, "deadline") {
					o.Deadline = m.today().AddDays(rapid.IntRange(-1, 20).Draw(t, "deadlineDays"))
				}
				if rapid.Bool().Draw(t, "fee") {
					cur := rapid.SampledFrom([]money.Currency{money.DKK, money.EUR}).Draw(t, "currency")
					fee, err := money.FromMinorUnits(int64(rapid.IntRange(-100, 20000).Draw(t, "minor")), cur)
					if err != nil {
						t.Fatal(err)
					}
					o.Fee = fee
				}
				m.do(t, id, "override", func() error { _, err := svc.Override(ctx, id, o); return err })
			},
			"deleteLastAction": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "deleteLastAction", func() error { _, err := svc.DeleteLastAction(ctx, id); return err })
			},
			"letter": func(t *rapid.T) {
				id := m.pickCase(t)
				l := collection.Letter{Subject: "s", Text: "t", Channel: rapid.SampledFrom([]letters.Channel{letters.Email, letters.Post, letters.SMS}).Draw(t, "channel")}
				m.do(t, id, "letter", func() error { _, err := svc.SendLetter(ctx, id, l); return err })
			},
			"track": func(t *rapid.T) {
				id := m.pickCase(t)
				tr := flow.Track(rapid.IntRange(0, 3).Draw(t, "track"))
				m.do(t, id, "track", func() error { _, err := svc.SetTrack(ctx, id, tr); return err })
			},
			"manual": func(t *rapid.T) {
				id := m.pickCase(t)
				b := rapid.Bool().Draw(t, "manual")
				m.do(t, id, "manual", func() error { _, err := svc.SetManual(ctx, id, b); return err })
			},
			"dispute": func(t *rapid.T) {
				id := m.pickCase(t)
				inv := rapid.SampledFrom(invoiceIDs).Draw(t, "invoice")
				b := rapid.Bool().Draw(t, "disputed")
				m.do(t, id, "dispute", func() error { _, err := svc.SetDisputed(ctx, id, inv, b); return err })
			},
			"note": func(t *rapid.T) {
				id := m.pickCase(t)
				inv := rapid.SampledFrom(append([]string{""}, invoiceIDs...)).Draw(t, "invoice")
				text := rapid.SampledFrom([]string{"", "note"}).Draw(t, "text")
				m.do(t, id, "note", func() error { _, err := svc.AddNote(ctx, id, inv, text); return err })
			},
			"handOver": func(t *rapid.T) {
				id := m.pickCase(t)
				p := rapid.SampledFrom([]string{"", "Agency"}).Draw(t, "partner")
				m.do(t, id, "handOver", func() error { _, err := svc.HandOver(ctx, id, p, "ref"); return err })
			},
			"agencyUpdate": func(t *rapid.T) {
				// N2–N9: an agency message applied again (the feed re-sent) changes
				// nothing and is reported as a duplicate, whatever happened between.
				id := m.pickCase(t)
				u := collection.AgencyUpdate{
					MessageID: rapid.SampledFrom([]string{"", "m1", "m2", "m3"}).Draw(t, "message"),
					CaseID:    id,
					Kind:      collection.AgencyUpdateKind(rapid.IntRange(0, 4).Draw(t, "kind")),
					Status:    rapid.SampledFrom([]string{"", "contacted"}).Draw(t, "status"),
				}
				u.Payment = collection.Payment{On: m.today().AddDays(-rapid.IntRange(-1, 5).Draw(t, "ago"))}
				u.Payment.Amount, _ = money.FromMinorUnits(rapid.SampledFrom([]int64{0, 1, 40000, 100000}).Draw(t, "amount"), money.DKK)
				var first collection.AgencyUpdateResult
				m.do(t, id, "agencyUpdate", func() error {
					var err error
					first, err = svc.ApplyAgencyUpdate(ctx, u)
					return err
				})
				if first.Case.ID == "" {
					return // failed, and do checked that it changed nothing
				}
				before := m.snap(t, id)
				again, err := svc.ApplyAgencyUpdate(ctx, u)
				if err != nil || !again.Duplicate {
					t.Fatalf("agency message %s applied again on %s: duplicate %v, %v", u.MessageID, id, again.Duplicate, err)
				}
				after := m.snap(t, id)
				if before.events != after.events || before.outbox != after.outbox {
					t.Fatalf("agency message %s applied again on %s wrote events or letters", u.MessageID, id)
				}
				if d := storetest.Equal(before.c, after.c); d != "" {
					t.Fatalf("agency message %s applied again on %s changed the case:\n%s", u.MessageID, id, d)
				}
			},
			"await": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "await", func() error { _, err := svc.Await(ctx, id, "why"); return err })
			},
			"proceed": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "proceed", func() error { _, err := svc.Proceed(ctx, id); return err })
			},
			"payment": func(t *rapid.T) {
				id := m.pickCase(t)
				p := collection.Payment{
					ID: rapid.SampledFrom([]string{"", "p1", "p2", "p3"}).Draw(t, "payment"),
					On: m.today().AddDays(-rapid.IntRange(-1, 10).Draw(t, "ago")),
					To: collection.PaidTo(rapid.IntRange(0, 2).Draw(t, "to")),
				}
				p.Amount, _ = money.FromMinorUnits(rapid.SampledFrom([]int64{0, 1, 5000, 10000, 100000, 250000}).Draw(t, "amount"), money.DKK)
				m.do(t, id, "payment", func() error { _, err := svc.RecordPayment(ctx, id, p); return err })
			},
			"credit": func(t *rapid.T) {
				id := m.pickCase(t)
				inv := rapid.SampledFrom(append([]string{"i-" + string(id)}, invoiceIDs...)).Draw(t, "invoice")
				amt, _ := money.FromMinorUnits(rapid.SampledFrom([]int64{1, 5000, 100000}).Draw(t, "amount"), money.DKK)
				n := collection.CreditNote{ID: rapid.SampledFrom([]string{"c1", "c2"}).Draw(t, "credit"), On: m.today(), Amount: amt}
				m.do(t, id, "credit", func() error { _, err := svc.Credit(ctx, id, inv, n); return err })
			},
			"writeOff": func(t *rapid.T) {
				id := m.pickCase(t)
				inv := rapid.SampledFrom(append([]string{"i-" + string(id)}, invoiceIDs...)).Draw(t, "invoice")
				amt, _ := money.FromMinorUnits(rapid.SampledFrom([]int64{1, 5000, 100000}).Draw(t, "amount"), money.DKK)
				w := collection.WriteOff{ID: rapid.SampledFrom([]string{"w1", "w2"}).Draw(t, "writeOff"), On: m.today(), Amount: amt,
					Mode: collection.WriteOffMode(rapid.IntRange(0, 2).Draw(t, "mode"))}
				m.do(t, id, "writeOff", func() error { _, err := svc.WriteOff(ctx, id, inv, w); return err })
			},
			"takeStep": func(t *rapid.T) {
				// Stands in for the batch run: takes the due step of a running case
				// that is not paused, with a fee charge, as the next issue will.
				id := m.pickCase(t)
				m.do(t, id, "takeStep", func() error {
					d, err := svc.Next(ctx, id)
					if err != nil {
						return err
					}
					if !d.Due {
						return fmt.Errorf("not due: %s", d.Explain())
					}
					c, err := st.Get(ctx, id)
					if err != nil {
						return err
					}
					today := m.today()
					c.Progress = c.Progress.Take(d, today)
					if d.Step.Kind.IsReminder() {
						c.Charges = append(c.Charges, collection.Charge{Kind: collection.ChargeReminderFee, Amount: dkk("100.00"), On: today, Action: len(c.Progress.Taken)})
					}
					_, err = st.Save(ctx, c, []collection.Event{{CaseID: id, Seq: c.Version + 1, Type: "step.taken"}},
						[]letters.Message{{ID: fmt.Sprintf("%s/%d", id, c.Version+1), Channel: letters.Email}})
					return err
				})
			},
			"advanceClock": func(t *rapid.T) {
				cl.set(m.today().AddDays(rapid.IntRange(1, 6).Draw(t, "days")))
			},
			"batch": func(t *rapid.T) {
				if _, err := svc.Commit(ctx, collection.BatchRequest{}, cl.now); err != nil {
					t.Fatalf("batch run: %v", err)
				}
			},
			"relay": func(t *rapid.T) {
				if _, err := relay.RunOnce(ctx, cl.now); err != nil {
					t.Fatalf("relay: %v", err)
				}
			},
			"makeOffer": func(t *rapid.T) {
				id := m.pickCase(t)
				r := collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.NewFromInt(int64(rapid.IntRange(1, 50).Draw(t, "percent")))},
					Expires: m.today().AddDays(rapid.IntRange(0, 20).Draw(t, "expires"))}
				m.do(t, id, "makeOffer", func() error { _, err := svc.MakeOffer(ctx, id, r); return err })
			},
			"startPlan": func(t *rapid.T) {
				id := m.pickCase(t)
				m.do(t, id, "startPlan", func() error { _, err := svc.StartPlan(ctx, id, collection.PlanRequest{}); return err })
			},
			"terminatePlan": func(t *rapid.T) {
				id := m.pickCase(t)
				name := rapid.SampledFrom(flowNames).Draw(t, "flow")
				m.do(t, id, "terminatePlan", func() error { _, err := svc.TerminatePlan(ctx, id, name, collection.Delivery{}); return err })
			},
		})
	})
}
