package memstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
)

// BenchmarkSaveGet measures a Save of a case with every field set (storetest.Full)
// over its previous version, and a Get of it.
func BenchmarkSaveGet(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	c := storetest.Full("full")
	c.Status = collection.StatusActive
	for i := range 1000 {
		o := c.Clone()
		o.ID = collection.CaseID(fmt.Sprintf("o%d", i))
		for j := range o.Claims {
			o.Claims[j].InvoiceID = fmt.Sprintf("o%d-%d", i, j)
		}
		if _, err := s.Save(ctx, o, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	saveGetClone(b, s, c)
}

// saveGetClone saves c into s, then measures Save of c over its previous
// version, Get of it, and what a deep copy of the struct (the store before it
// packed cases) costs, for comparison.
func saveGetClone(b *testing.B, s *memstore.Store, c collection.Case) {
	ctx := context.Background()
	v, err := s.Save(ctx, c, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	c.Version = v
	b.Run("Save", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := s.Save(ctx, c, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			c.Version = v
		}
	})
	b.Run("Get", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Get(ctx, c.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Clone", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = c.Clone()
		}
	})
}

// typical is a case of the daily run's population after its first reminder.
func typical(id string) collection.Case {
	c := storetest.Full(collection.CaseID(id))
	day := c.Claims[0].Due
	c.Claims = c.Claims[:1]
	c.Claims[0].InvoiceID, c.Claims[0].Earlier, c.Claims[0].Disputed = "i"+id, nil, false
	c.Status, c.CloseReason, c.Archived, c.Published, c.FeeAgreed = collection.StatusActive, "", false, false, false
	c.Progress.Taken = c.Progress.Taken[:1]
	c.Progress.Taken[0].Replaced = flow.Replaced{}
	c.Progress.Override, c.Progress.Pause, c.Progress.Awaiting, c.Progress.Manual, c.Progress.Track = flow.Override{}, flow.Pause{}, false, false, 0
	c.Charges = c.Charges[1:]
	c.Payments, c.Credits, c.WriteOffs, c.Plan, c.Offer, c.Notes, c.Foundations, c.Agency, c.Court, c.CourtRef, c.AgencyMessages, c.Interest = nil, nil, nil, nil, nil, nil, nil, nil, nil, "", nil, nil
	c.NextDue = day.AddDays(10)
	return c
}

// BenchmarkTypical measures Save and Get of a typical case of the daily run.
func BenchmarkTypical(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	for i := range 1000 {
		if _, err := s.Save(ctx, typical(fmt.Sprint(i)), nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	c := typical("x")
	saveGetClone(b, s, c)
}

// step returns the events and the letter of a step of the daily run.
func step(id string) ([]collection.Event, []letters.Message) {
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	source := "statutory interest: renteloven § 5 stk. 1; udlånsrente derived from tradingeconomics.com (cut from 2.75 % in late Jan 2025) (DERIVED)"
	msg := id + "/0/2"
	evs := []collection.Event{
		{CaseID: collection.CaseID(id), Seq: 2, At: at, Type: "charge.added", Data: map[string]string{"action": "1", "amount": "100.00 DKK", "invoice": "", "kind": "reminder-fee", "source": "renteloven § 9 b (VERIFIED)"}},
		{CaseID: collection.CaseID(id), Seq: 2, At: at, Type: "charge.added", Data: map[string]string{"action": "1", "amount": "1.49 DKK", "from": "2025-02-28", "invoice": "i" + id, "kind": "interest", "source": source, "to": "2025-03-03"}},
		{CaseID: collection.CaseID(id), Seq: 2, At: at, Type: collection.EventLetterQueued, Data: map[string]string{"channel": "email", "message": msg, "sendAt": "2025-03-03T09:00:00Z"}},
		{CaseID: collection.CaseID(id), Seq: 2, At: at, Type: "step.taken", Data: map[string]string{"deadline": "2025-03-14", "fee": "100.00 DKK", "flow": "Standard", "index": "0", "kind": "reminder", "message": msg, "name": "Reminder 1", "on": "2025-03-03"}},
	}
	// A letter of the kind the daily run renders: the same lines in every
	// letter but a few with the case's details.
	style := "<style>\n" + strings.Repeat("table.t th,table.t td{padding:.25em .5em;border-bottom:1px solid #ddd}\n", 55) + "</style>\n"
	var text, html strings.Builder
	for i := range 48 {
		if i%8 == 3 {
			fmt.Fprintf(&text, "Sagsnr.: %s, line %d\n", id, i)
			fmt.Fprintf(&html, "<tr><th>Sagsnr.</th><td>%s</td></tr><tr><th>Linje</th><td>%d</td></tr>\n", id, i)
			continue
		}
		fmt.Fprintf(&text, "Vi kan ikke se, at nedenstående beløb er betalt til forfaldstid, linje %d.\n", i)
		fmt.Fprintf(&html, "<p>Vi kan ikke se, at nedenstående beløb er betalt til forfaldstid, linje %d.</p>\n", i)
	}
	m := letters.Message{ID: msg, CaseID: id, CreditorID: "cr-1", Channel: letters.Email, Recipient: "jens@example.dk", Subject: "Påmindelse – faktura " + id,
		Text: text.String(), HTML: "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n" + style + "</head>\n<body>\n" + html.String() + "</body>\n</html>\n",
		Lang: language.Danish, Kind: letters.Reminder, SendAt: at}
	return evs, []letters.Message{m}
}

// BenchmarkStep measures the Save of a step of the daily run: the case, its
// four events and its letter.
func BenchmarkStep(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	const n = 1 << 14
	for i := range n {
		if _, err := s.Save(ctx, typical(fmt.Sprint(i)), nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	steps := make([]struct {
		c   collection.Case
		evs []collection.Event
		out []letters.Message
	}, n)
	for i := range steps {
		steps[i].c = typical(fmt.Sprint(i))
		steps[i].c.Version = 1
		steps[i].evs, steps[i].out = step(fmt.Sprint(i))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		st := &steps[i%n]
		v, err := s.Save(ctx, st.c, st.evs, st.out)
		if err != nil {
			b.Fatal(err)
		}
		st.c.Version = v
		i++
	}
}
