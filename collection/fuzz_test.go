package collection_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// The fuzz targets give every command request of the Service arbitrary input
// through memstore (issue 21): no panic, only typed errors (*dunning.FieldError
// or the package's documented error types), and the store unchanged whenever a
// command fails. `go test` runs their seeds; run one for longer with, say,
//
//	go test -run='^$' -fuzz=FuzzOpen -fuzztime=20s ./collection/

// fuzzCase opens case "c1" (invoice "inv-c1", 1000.00 DKK due 2025-01-31) on a
// fresh memstore with the clock on 2025-02-20.
func fuzzCase(t *testing.T) (*memstore.Store, *collection.Service) {
	t.Helper()
	st, svc, _ := moneyService(feb20)
	r := openReq("c1")
	r.Debtor.Phone = "+45 12 34 56 78"
	if _, err := svc.Open(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	return st, svc
}

// fuzzState is what a failed command must leave as it was.
type fuzzState struct {
	version        collection.Version
	events, outbox int
	cases          string
}

func fuzzSnap(t *testing.T, st *memstore.Store) fuzzState {
	t.Helper()
	ctx := t.Context()
	var s fuzzState
	if c, err := st.Get(ctx, "c1"); err == nil {
		s.version = c.Version
	}
	evs, err := collection.Collect(st.Events(ctx, "c1"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := collection.Collect(st.Outbox(ctx, 0))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := collection.Collect(st.List(ctx, collection.Filter{}))
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = fmt.Sprintf("%s@%d", c.ID, c.Version)
	}
	s.events, s.outbox, s.cases = len(evs), len(out), strings.Join(ids, ",")
	return s
}

// typed reports whether err is one of the documented error types (or a join of
// them, or one wrapped by the package's context).
func typed(err error) bool {
	switch err.(type) {
	case *dunning.FieldError, *collection.TransitionError, *collection.InvoiceError, *collection.ExistsError,
		*collection.NotFoundError, *collection.IDConflictError, *collection.AcknowledgementError,
		*collection.NotReadyError, *law.TermsError, *agreement.TooSmallError, *agreement.SolveError,
		*court.TransitionError:
		return true
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs := j.Unwrap()
		for _, e := range errs {
			if !typed(e) {
				return false
			}
		}
		return len(errs) > 0
	}
	if u := errors.Unwrap(err); u != nil {
		return typed(u)
	}
	return false
}

// fuzzCheck runs cmd and checks that it fails with a typed error and changes
// nothing, or succeeds. It reports whether cmd succeeded.
func fuzzCheck(t *testing.T, st *memstore.Store, cmd func() error) bool {
	t.Helper()
	before := fuzzSnap(t, st)
	err := cmd()
	if err == nil {
		return true
	}
	if !typed(err) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
	if after := fuzzSnap(t, st); after != before {
		t.Fatalf("failed (%v) but changed the store: %+v → %+v", err, before, after)
	}
	return false
}

// fuzzUnchanged runs cmd, a repeat of a command that succeeded, and checks that
// it saved nothing.
func fuzzUnchanged(t *testing.T, st *memstore.Store, what string, cmd func() error) {
	t.Helper()
	before := fuzzSnap(t, st)
	if err := cmd(); err != nil {
		t.Fatalf("%s again: %v", what, err)
	}
	if after := fuzzSnap(t, st); after != before {
		t.Fatalf("%s again changed the store: %+v → %+v", what, before, after)
	}
}

// fuzzDay is feb20 moved by n days (zero past the calendar's ends).
func fuzzDay(n int32) date.Date { return feb20.AddDays(int(n)) }

// fuzzMoney is mant·10^exp in DKK, or in EUR (not the case's currency) when eur.
func fuzzMoney(mant int64, exp int8, eur bool) money.Money {
	cur := money.DKK
	if eur {
		cur = money.EUR
	}
	m, err := money.FromDecimal(decimal.New(mant, int32(exp)), cur, money.PolicyFor(cur, money.HalfEven))
	if err != nil {
		return money.Money{}
	}
	return m
}

// ledgerOK checks that a case a command saved has a Ledger: its amounts fit.
func ledgerOK(t *testing.T, st *memstore.Store, id collection.CaseID) {
	t.Helper()
	c, err := st.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Ledger(); err != nil {
		t.Fatalf("case %s was saved without a ledger: %v", id, err)
	}
}

func FuzzOpen(f *testing.F) {
	f.Add("c2", "Jens Jensen", "jens@example.dk", "+45 12 34 56 78", "inv-2", "N-2", "Standard", int64(100000), int8(-2), int32(-20), 3, int64(0))
	f.Add("c\x002", "Jens\x00", "a@b.dk\r\nBcc: x@y", "not a phone", "inv-\xff", "", "Nope", int64(1), int8(30), int32(-740000), 1_000_000_000, int64(100_000_000))
	f.Add("c2", strings.Repeat("x", 300), "", "", "inv-2", "N", "Lenient", int64(-5), int8(0), int32(3_000_000), -1, int64(-1))
	f.Add("c1", "Jens", "", "", "inv-c1", "N", "Standard", int64(1), int8(12), int32(0), 60, int64(10000))
	f.Fuzz(func(t *testing.T, id, name, email, phone, invoice, number, flowName string, mant int64, exp int8, due int32, postal int, percent int64) {
		st, svc := fuzzCase(t)
		r := openReq(collection.CaseID(id), invoice)
		r.Debtor.Name, r.Debtor.Email, r.Debtor.Phone = name, email, phone
		r.Invoices[0].Number, r.Invoices[0].Issued, r.Invoices[0].Due = number, date.Date{}, fuzzDay(due)
		r.Invoices[0].Amount = fuzzMoney(mant, exp, false)
		r.Flow, r.PostalDays = flowName, postal
		if percent != 0 {
			r.Interest = collection.InterestTerms{Mode: collection.InterestContract, Percent: decimal.New(percent, -2)}
		}
		if fuzzCheck(t, st, func() error { _, err := svc.Open(t.Context(), r); return err }) {
			ledgerOK(t, st, r.ID)
		}
	})
}

func FuzzReopen(f *testing.F) {
	f.Add("c2", "c1", "inv-c1", "Standard", 0)
	f.Add("c2", "c1", "", "Lenient", 60)
	f.Add("c\x002", "c1\x00", "inv\xff", "Nope", 1_000_000_000)
	f.Add("c1", "c1", "inv-c1,inv-c1", "Standard", -1)
	f.Fuzz(func(t *testing.T, id, from, invoices, flowName string, postal int) {
		st, svc := fuzzCase(t)
		if _, err := svc.Deactivate(t.Context(), "c1", collection.Acknowledgements{}); err != nil {
			t.Fatal(err)
		}
		r := collection.ReopenRequest{ID: collection.CaseID(id), From: collection.CaseID(from), Flow: flowName, PostalDays: postal}
		if invoices != "" {
			r.Invoices = strings.Split(invoices, ",")
		}
		if fuzzCheck(t, st, func() error { _, err := svc.Reopen(t.Context(), r); return err }) {
			ledgerOK(t, st, r.ID)
		}
	})
}

func FuzzRecordPayment(f *testing.F) {
	f.Add("c1", "p1", int32(0), int64(50000), int8(-2), false, "ref", uint8(1))
	f.Add("c1", "p1", int32(-3), int64(1), int8(30), false, "", uint8(1))
	f.Add("c1", "p\x00", int32(-740000), int64(-5), int8(0), true, strings.Repeat("r", 1000), uint8(0))
	f.Add("c\x001", "", int32(5), int64(0), int8(0), false, "\r\n", uint8(9))
	f.Fuzz(func(t *testing.T, id, payID string, on int32, mant int64, exp int8, eur bool, ref string, to uint8) {
		st, svc := fuzzCase(t)
		p := collection.Payment{ID: payID, On: fuzzDay(on), Amount: fuzzMoney(mant, exp, eur), Reference: ref, To: collection.PaidTo(to)}
		pay := func() error { _, err := svc.RecordPayment(t.Context(), collection.CaseID(id), p); return err }
		if fuzzCheck(t, st, pay) {
			ledgerOK(t, st, "c1")
			fuzzUnchanged(t, st, "the same payment", pay) // idempotent on the id
		}
	})
}

func FuzzBooking(f *testing.F) {
	f.Add(false, "inv-c1", "cn1", int32(0), int64(10000), int8(-2), uint8(1))
	f.Add(true, "inv-c1", "w1", int32(-1), int64(1), int8(30), uint8(2))
	f.Add(true, "inv\x00", "", int32(-740000), int64(-1), int8(0), uint8(0))
	f.Fuzz(func(t *testing.T, writeOff bool, invoice, bookingID string, on int32, mant int64, exp int8, mode uint8) {
		st, svc := fuzzCase(t)
		amount := fuzzMoney(mant, exp, false)
		cmd := func() error {
			_, err := svc.Credit(t.Context(), "c1", invoice, collection.CreditNote{ID: bookingID, On: fuzzDay(on), Amount: amount})
			return err
		}
		if writeOff {
			cmd = func() error {
				_, err := svc.WriteOff(t.Context(), "c1", invoice, collection.WriteOff{ID: bookingID, On: fuzzDay(on), Amount: amount, Mode: collection.WriteOffMode(mode)})
				return err
			}
		}
		if fuzzCheck(t, st, cmd) {
			ledgerOK(t, st, "c1")
			fuzzUnchanged(t, st, "the same booking", cmd)
		}
	})
}

func FuzzSendLetter(f *testing.F) {
	f.Add("Reminder", "Please pay.\n\nThank you.", "", uint8(1), "")
	f.Add("Hello\r\nBcc: x@y", "t", "", uint8(1), "a@b.dk\r\nBcc: x@y")
	f.Add("s", "t", "<p>hi</p>", uint8(2), "not a phone")
	f.Add("s", "t\x00", "", uint8(3), "Jens\nNørregade 7\n8000 Aarhus C")
	f.Add("s", "t", "", uint8(2), "+4512345678")
	f.Add("\xff", strings.Repeat("t", 70000), "", uint8(9), " ")
	f.Fuzz(func(t *testing.T, subject, text, html string, channel uint8, recipient string) {
		st, svc := fuzzCase(t)
		l := collection.Letter{Subject: subject, Text: text, HTML: html, Channel: letters.Channel(channel), Recipient: recipient}
		fuzzCheck(t, st, func() error { _, err := svc.SendLetter(t.Context(), "c1", l); return err })
	})
}

func FuzzPause(f *testing.F) {
	f.Add("c1", int32(7), "holiday")
	f.Add("c1", int32(0), "")
	f.Add("c1", int32(3_000_000), "holi\x00day")
	f.Add("c\x001", int32(-5), "\xff")
	f.Fuzz(func(t *testing.T, id string, until int32, reason string) {
		st, svc := fuzzCase(t)
		pause := func() error {
			_, err := svc.Pause(t.Context(), collection.CaseID(id), fuzzDay(until), reason)
			return err
		}
		if fuzzCheck(t, st, pause) {
			fuzzUnchanged(t, st, "the same pause", pause)
		}
	})
}

func FuzzOverride(f *testing.F) {
	f.Add(int32(14), true, int64(6000), int8(-2), false)
	f.Add(int32(-1), false, int64(0), int8(0), false)
	f.Add(int32(3_000_000), true, int64(1), int8(30), true)
	f.Fuzz(func(t *testing.T, deadline int32, setFee bool, mant int64, exp int8, eur bool) {
		st, svc := fuzzCase(t)
		o := flow.Override{Deadline: fuzzDay(deadline)}
		if setFee {
			o.Fee = fuzzMoney(mant, exp, eur)
		}
		override := func() error { _, err := svc.Override(t.Context(), "c1", o); return err }
		if fuzzCheck(t, st, override) {
			fuzzUnchanged(t, st, "the same override", override)
		}
	})
}

func FuzzStartPlan(f *testing.F) {
	f.Add(int64(0), int8(0), int64(0), int32(0), int32(0), 6, int64(0), 0, 0, 0, uint8(0), "")
	f.Add(int64(50000), int8(-2), int64(1000), int32(-10), int32(20), 0, int64(10000), 5, 1, 0, uint8(1), "jens@example.dk")
	f.Add(int64(1), int8(30), int64(100_000_000), int32(-12830), int32(0), 1_000_000, int64(0), -1, -1, 1000, uint8(2), "not a phone")
	f.Add(int64(0), int8(0), int64(0), int32(0), int32(0), 0, int64(0), 0, 0, 3, uint8(0), "")
	f.Fuzz(func(t *testing.T, mant int64, exp int8, rate int64, start, first int32, count int, inst int64, grace, missed, months int, channel uint8, recipient string) {
		st, svc := fuzzCase(t)
		r := collection.PlanRequest{
			Terms:  agreement.Terms{Rate: decimal.New(rate, -2), Count: count},
			Breach: agreement.BreachRule{GraceDays: grace, Missed: missed}, Proposal: agreement.Proposal{Months: months},
			Delivery: collection.Delivery{Channel: letters.Channel(channel), Recipient: recipient},
		}
		if mant != 0 {
			r.Terms.Principal = fuzzMoney(mant, exp, false)
		}
		if rate != 0 {
			r.Terms.DayCount = interest.Thirty360E
		}
		if start != 0 {
			r.Terms.Start = fuzzDay(start)
		}
		if first != 0 {
			r.Terms.First = fuzzDay(first)
		}
		if inst != 0 {
			r.Terms.Instalment = fuzzMoney(inst, -2, false)
		}
		if fuzzCheck(t, st, func() error { _, err := svc.StartPlan(t.Context(), "c1", r); return err }) {
			ledgerOK(t, st, "c1")
		}
	})
}

func FuzzMakeOffer(f *testing.F) {
	f.Add(int64(2000), int64(0), int8(0), int32(14), int32(0), int64(0), uint8(0), "")
	f.Add(int64(0), int64(10000), int8(-2), int32(0), int32(60), int64(5000), uint8(1), "jens@example.dk")
	f.Add(int64(100_000_000), int64(1), int8(30), int32(3_000_000), int32(-740000), int64(-1), uint8(2), "not a phone")
	f.Fuzz(func(t *testing.T, percent, amount int64, exp int8, expires, horizon int32, esc int64, channel uint8, recipient string) {
		st, svc := fuzzCase(t)
		r := collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.New(percent, -2)}, Expires: fuzzDay(expires),
			Delivery: collection.Delivery{Channel: letters.Channel(channel), Recipient: recipient}}
		if amount != 0 {
			r.Discount.Amount = fuzzMoney(amount, exp, false)
		}
		if horizon != 0 {
			r.Escalation = agreement.Escalation{Horizon: fuzzDay(horizon), Interest: fuzzMoney(esc, -2, false)}
		}
		if fuzzCheck(t, st, func() error { _, err := svc.MakeOffer(t.Context(), "c1", r); return err }) {
			ledgerOK(t, st, "c1")
		}
	})
}

func FuzzRecordReceipt(f *testing.F) {
	f.Add("c1/letter/2", uint8(2), int64(0), "")
	f.Add("c1/letter/2/creditor-copy", uint8(4), int64(1_740_000_000), "mailbox full")
	f.Add("c1\x00/x/1", uint8(9), int64(-70_000_000_000), "a\x00b")
	f.Add("nope", uint8(1), int64(1<<62), strings.Repeat("d", 2000))
	f.Fuzz(func(t *testing.T, messageID string, kind uint8, at int64, detail string) {
		st, svc := fuzzCase(t)
		r := collection.Receipt{Kind: collection.ReceiptKind(kind), Detail: detail}
		if at != 0 {
			r.At = time.Unix(at, 0)
		}
		record := func() error { return svc.RecordReceipt(t.Context(), messageID, r) }
		if fuzzCheck(t, st, record) {
			fuzzUnchanged(t, st, "the same receipt", record)
		}
	})
}

func FuzzCourt(f *testing.F) {
	f.Add(uint8(0), uint8(1), int32(0), "Ubetalte fakturaer", uint8(0), "")
	f.Add(uint8(1), uint8(2), int32(-30), "ref-1", uint8(0), "")
	f.Add(uint8(2), uint8(3), int32(0), "BS-1/2025", uint8(0), "")
	f.Add(uint8(2), uint8(3), int32(-740000), "BS\r\n", uint8(0), "")
	f.Add(uint8(0), uint8(0), int32(0), "\x00", uint8(1), "court@example.dk")
	f.Fuzz(func(t *testing.T, op, kind uint8, day int32, text string, channel uint8, recipient string) {
		st, svc := fuzzCase(t)
		var cmd func() error
		switch op % 3 {
		case 0:
			r := collection.FileRequest{District: court.District(kind), Basis: text, Submission: collection.Delivery{Channel: letters.Channel(channel), Recipient: recipient}}
			cmd = func() error { _, err := svc.FileCourt(t.Context(), "c1", r); return err }
		case 1:
			fd := court.Foundation{Kind: court.FoundationKind(kind), Date: fuzzDay(day), Reference: text}
			cmd = func() error { _, err := svc.RecordFoundation(t.Context(), "c1", fd); return err }
		default:
			e := collection.CourtEvent{Kind: collection.CourtEventKind(kind), On: fuzzDay(day), Reference: text}
			cmd = func() error { _, err := svc.RecordCourtEvent(t.Context(), "c1", e); return err }
		}
		fuzzCheck(t, st, cmd)
	})
}

func FuzzAgencyUpdate(f *testing.F) {
	f.Add("m1", "c1", uint8(1), "contacted", "", int32(0), int64(0), int8(0))
	f.Add("m2", "c1", uint8(2), "", "p1", int32(-1), int64(40000), int8(-2))
	f.Add("m\x00", "c\x001", uint8(2), "\r\n", "p\xff", int32(-740000), int64(1), int8(30))
	f.Add("m3", "c1", uint8(3), "closed", "", int32(0), int64(0), int8(0))
	f.Fuzz(func(t *testing.T, messageID, caseID string, kind uint8, status, payID string, on int32, mant int64, exp int8) {
		st, svc := fuzzCase(t)
		if _, err := svc.HandOver(t.Context(), "c1", "Agency", "ref"); err != nil {
			t.Fatal(err)
		}
		u := collection.AgencyUpdate{MessageID: messageID, CaseID: collection.CaseID(caseID), Kind: collection.AgencyUpdateKind(kind), Status: status,
			Payment: collection.Payment{ID: payID, On: fuzzDay(on), Amount: fuzzMoney(mant, exp, false)}}
		apply := func() error { _, err := svc.ApplyAgencyUpdate(t.Context(), u); return err }
		if fuzzCheck(t, st, apply) {
			fuzzUnchanged(t, st, "the same agency message", apply)
		}
	})
}

// FuzzCaseText gives the commands that take a case id and text (Close,
// AddNote, HandOver, Await, SwitchFlow, SetDisputed, TerminatePlan,
// InterestInvoice's deadline and grace) arbitrary text.
func FuzzCaseText(f *testing.F) {
	for op := range uint8(8) {
		f.Add(op, "c1", "Standard", "inv-c1")
	}
	f.Add(uint8(0), "c1", "paid\x00", "")
	f.Add(uint8(2), "c1", "Agency\r\nBcc: x@y", strings.Repeat("r", 300))
	f.Add(uint8(4), "c\xff", "Stan\x00dard", "")
	f.Add(uint8(7), "c1", "", "")
	f.Fuzz(func(t *testing.T, op uint8, id, a, b string) {
		st, svc := fuzzCase(t)
		cid := collection.CaseID(id)
		ctx := t.Context()
		var cmd func() error
		switch op % 8 {
		case 0:
			cmd = func() error {
				_, err := svc.Close(ctx, cid, collection.CloseRequest{Reason: a, WaiveCosts: b != ""})
				return err
			}
		case 1:
			cmd = func() error { _, err := svc.AddNote(ctx, cid, b, a); return err }
		case 2:
			cmd = func() error { _, err := svc.HandOver(ctx, cid, a, b); return err }
		case 3:
			cmd = func() error { _, err := svc.Await(ctx, cid, a); return err }
		case 4:
			cmd = func() error { _, err := svc.SwitchFlow(ctx, cid, a); return err }
		case 5:
			cmd = func() error { _, err := svc.SetDisputed(ctx, cid, b, a != ""); return err }
		case 6:
			cmd = func() error { _, err := svc.TerminatePlan(ctx, cid, a, collection.Delivery{Recipient: b}); return err }
		default:
			r := collection.InterestRequest{Invoice: interest.InvoiceOptions{GraceDays: len(a) - 3}, Deadline: fuzzDay(int32(len(b)) - 5)}
			cmd = func() error { _, err := svc.InterestInvoice(ctx, cid, r); return err }
		}
		fuzzCheck(t, st, cmd)
	})
}
