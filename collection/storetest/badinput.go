package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// RunBadInput runs a table of bad command inputs through a collection.Service
// over the stores newStore returns (a new, empty store per subtest; each
// subtest opens the case "c1" and then gives one command bad input). Every
// command must fail before it reads the store, with exactly the
// *dunning.FieldErrors the table names (field, value and reason, in order,
// unwrapping to dunning.ErrInvalid), and leave the store as it was: the same
// version of "c1", no new event (with a collection.EventReader), no new outbox
// message (with a collection.OutboxReader), no new case. As the table holds the
// exact errors, every Store that passes gives the same errors as every other.
//
// The inputs are those of issue 21: NUL bytes, invalid UTF-8, 1 MiB strings,
// CR/LF in a subject, a name or a recipient ("a@b.dk\r\nBcc: x@y"), an amount of
// 10^30, the dates 0001-01-01 and 9999-12-31, 10^9 postal days, 10^6 % interest,
// a plan starting in 1990, an SMS to "not a phone", a receipt for a message the
// case never queued (with an EventReader).
func RunBadInput(t *testing.T, newStore func(t *testing.T) collection.Store) {
	t.Helper()
	for _, tc := range badInputs() {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			_, isER := s.(collection.EventReader)
			if tc.receipt && !isER {
				t.Skip("the store is no EventReader: a receipt cannot be checked against the queued messages")
			}
			ctx := t.Context()
			svc, err := collection.New(s, collection.Options{Clock: date.FixedClock(badNow)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Open(ctx, badOpen("c1", "inv-1")); err != nil {
				t.Fatalf("open c1: %v", err)
			}
			before := badSnap(t, s)
			err = tc.do(ctx, svc)
			if err == nil {
				t.Fatalf("no error; want %s", wantText(tc.want))
			}
			if !errors.Is(err, dunning.ErrInvalid) {
				t.Errorf("error %v (%T) does not unwrap to dunning.ErrInvalid", err, err)
			}
			got := fieldErrs(err)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n got: %v\nwant: %s", len(got), len(tc.want), err, wantText(tc.want))
			}
			for i, w := range tc.want {
				if g := got[i]; g.Field != w.field || g.Value != w.value || g.Reason != w.reason {
					t.Errorf("problem %d:\n got: %s %q: %s\nwant: %s %q: %s", i, g.Field, g.Value, g.Reason, w.field, w.value, w.reason)
				}
			}
			if err.Error() != wantText(tc.want) {
				t.Errorf("error text:\n got: %s\nwant: %s", err, wantText(tc.want))
			}
			if after := badSnap(t, s); after != before {
				t.Errorf("the store changed: before %+v, after %+v", before, after)
			}
		})
	}
}

// badNow is the Service's clock in RunBadInput: 2025-02-20 09:00 UTC.
var badNow = time.Date(2025, 2, 20, 9, 0, 0, 0, time.UTC)

// badToday is badNow's day.
var badToday = date.MustNew(2025, 2, 20)

// problem is one *dunning.FieldError a bad input must give.
type problem struct{ field, value, reason string }

// badInput is one row of RunBadInput's table.
type badInput struct {
	name string
	do   func(ctx context.Context, s *collection.Service) error
	want []problem
	// receipt marks a RecordReceipt row: it needs an EventReader.
	receipt bool
}

func wantText(ps []problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = fmt.Sprintf("%s %q: %s", p.field, p.value, p.reason)
	}
	return strings.Join(lines, "\n")
}

// fieldErrs returns the *dunning.FieldErrors in err's tree, in order, or nil
// when any leaf of it is another error.
func fieldErrs(err error) []*dunning.FieldError {
	var out []*dunning.FieldError
	ok := true
	var walk func(error)
	walk = func(e error) {
		if fe, isFE := e.(*dunning.FieldError); isFE {
			out = append(out, fe)
			return
		}
		if j, isJoin := e.(interface{ Unwrap() []error }); isJoin {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		ok = false
	}
	if err != nil {
		walk(err)
	}
	if !ok {
		return nil
	}
	return out
}

// storeState is what a failed command must leave as it was.
type storeState struct {
	version  collection.Version
	events   int
	outbox   int
	c2Exists bool
}

func badSnap(t *testing.T, s collection.Store) storeState {
	t.Helper()
	ctx := t.Context()
	c, err := s.Get(ctx, "c1")
	if err != nil {
		t.Fatalf("get c1: %v", err)
	}
	st := storeState{version: c.Version}
	if er, ok := s.(collection.EventReader); ok {
		evs, err := collection.Collect(er.Events(ctx, "c1"))
		if err != nil {
			t.Fatal(err)
		}
		st.events = len(evs)
	}
	if or, ok := s.(collection.OutboxReader); ok {
		out, err := collection.Collect(or.Outbox(ctx, 0))
		if err != nil {
			t.Fatal(err)
		}
		st.outbox = len(out)
	}
	switch _, err := s.Get(ctx, "c2"); {
	case err == nil:
		st.c2Exists = true
	case !errors.Is(err, collection.ErrNotFound):
		t.Fatalf("get c2: %v", err)
	}
	return st
}

func badCreditor() dunning.Party {
	return dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}}
}

func badDebtor() dunning.Party {
	return dunning.Party{ID: "d-1", Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
		Email: "jens@example.dk", Phone: "+45 12 34 56 78",
		Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}}
}

// badOpen is a valid OpenRequest for case id with one invoice of 1000.00 DKK
// due 2025-01-31.
func badOpen(id collection.CaseID, invoice string) collection.OpenRequest {
	return collection.OpenRequest{ID: id, Creditor: badCreditor(), Debtor: badDebtor(), Flow: "Standard",
		Invoices: []collection.Invoice{{ID: invoice, Number: "N-1", Issued: date.MustNew(2025, 1, 1), Due: date.MustNew(2025, 1, 31), Amount: money.MustNew("1000.00", money.DKK)}}}
}

// agencyClient is an AgencyClient that must never be called: the input is bad.
type agencyClient struct{}

func (agencyClient) Submit(context.Context, collection.Case) (collection.AgencyRef, error) {
	return collection.AgencyRef{}, errors.New("storetest: Submit called with bad input")
}

func badInputs() []badInput {
	mib := strings.Repeat("x", 1<<20)
	mibShown := strings.Repeat("x", 64) + "…"
	huge := money.MustNew("1000000000000000000000000000000", money.DKK)
	hugeText := huge.String()
	const (
		beyond    = "is beyond the largest amount accepted, 1000000000000 (MaxAmount)"
		nul       = "contains a NUL byte"
		lineBreak = "contains a line break (CR or LF), which a one-line field may not hold"
		window    = "is outside the dates accepted, 1970-01-01 to 2199-12-31"
		notUTF8   = "is not valid UTF-8"
		notPhone  = "is not a phone number for SMS: must be in international form, starting with + and the country code"
	)
	tooLong := func(n, max int) string { return fmt.Sprintf("is %d bytes long, more than the %d allowed", n, max) }
	first := date.MustNew(1, 1, 1)
	last := date.MustNew(9999, 12, 31)
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }
	pay := func(p collection.Payment) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error {
			_, err := s.RecordPayment(ctx, "c1", p)
			return err
		}
	}
	open := func(change func(*collection.OpenRequest)) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error {
			r := badOpen("c2", "inv-2")
			change(&r)
			_, err := s.Open(ctx, r)
			return err
		}
	}
	letter := func(l collection.Letter) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error {
			_, err := s.SendLetter(ctx, "c1", l)
			return err
		}
	}
	pause := func(id collection.CaseID, until date.Date, reason string) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error {
			_, err := s.Pause(ctx, id, until, reason)
			return err
		}
	}
	plan := func(r collection.PlanRequest) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error {
			_, err := s.StartPlan(ctx, "c1", r)
			return err
		}
	}
	offer := func(r collection.OfferRequest) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error {
			_, err := s.MakeOffer(ctx, "c1", r)
			return err
		}
	}
	receipt := func(id string, r collection.Receipt) func(context.Context, *collection.Service) error {
		return func(ctx context.Context, s *collection.Service) error { return s.RecordReceipt(ctx, id, r) }
	}
	pct20 := agreement.Discount{Percent: decimal.NewFromInt(20)}
	return []badInput{
		// Open and Reopen.
		{name: "Open/NUL in the case id", do: open(func(r *collection.OpenRequest) { r.ID = "c\x002" }),
			want: []problem{{"ID", "c\x002", nul}}},
		{name: "Open/NUL in the debtor's name", do: open(func(r *collection.OpenRequest) { r.Debtor.Name = "Jens\x00Jensen" }),
			want: []problem{{"Debtor.Name", "Jens\x00Jensen", nul}}},
		{name: "Open/1 MiB name", do: open(func(r *collection.OpenRequest) { r.Debtor.Name = mib }),
			want: []problem{{"Debtor.Name", mibShown, tooLong(1<<20, collection.MaxLineBytes)}}},
		{name: "Open/CR LF in the creditor's name", do: open(func(r *collection.OpenRequest) { r.Creditor.Name = "Hansen\r\nBcc: x@y" }),
			want: []problem{{"Creditor.Name", "Hansen\r\nBcc: x@y", lineBreak}}},
		{name: "Open/CR LF in the debtor's e-mail", do: open(func(r *collection.OpenRequest) { r.Debtor.Email = "a@b.dk\r\nBcc: x@y" }),
			want: []problem{{"Debtor.Email", "a@b.dk\r\nBcc: x@y", lineBreak}}},
		{name: "Open/invalid UTF-8 in an invoice id", do: open(func(r *collection.OpenRequest) { r.Invoices[0].ID = "inv-\xff" }),
			want: []problem{{"Invoices[0].ID", "inv-\xff", notUTF8}}},
		{name: "Open/1 MiB address line", do: open(func(r *collection.OpenRequest) { r.Debtor.Address.Lines = []string{mib} }),
			want: []problem{{"Debtor.Address.Lines[0]", mibShown, tooLong(1<<20, collection.MaxLineBytes)}}},
		{name: "Open/amount 1e30", do: open(func(r *collection.OpenRequest) { r.Invoices[0].Amount = huge }),
			want: []problem{{"Invoices[0].Amount", hugeText, beyond}}}, // an Open left unset is the Amount: named once
		{name: "Open/due 0001-01-01", do: open(func(r *collection.OpenRequest) { r.Invoices[0].Issued, r.Invoices[0].Due = date.Date{}, first }),
			want: []problem{{"Invoices[0].Due", "0001-01-01", window}}},
		{name: "Open/due 9999-12-31", do: open(func(r *collection.OpenRequest) { r.Invoices[0].Due = last }),
			want: []problem{{"Invoices[0].Due", "9999-12-31", window}}},
		{name: "Open/10^9 postal days", do: open(func(r *collection.OpenRequest) { r.PostalDays = 1_000_000_000 }),
			want: []problem{{"PostalDays", "1000000000", "is more than the 60 postal days allowed"}}},
		{name: "Open/10^6 % interest", do: open(func(r *collection.OpenRequest) {
			r.Interest = collection.InterestTerms{Mode: collection.InterestContract, Percent: decimal.NewFromInt(1_000_000)}
		}),
			want: []problem{{"Interest.Percent", "1000000", "is more than 100 percent a year"}}},
		{name: "Reopen/NUL in From", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Reopen(ctx, collection.ReopenRequest{ID: "c2", From: "c\x001", Flow: "Standard"})
			return err
		}, want: []problem{{"From", "c\x001", nul}}},
		{name: "Reopen/10^9 postal days", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Reopen(ctx, collection.ReopenRequest{ID: "c2", From: "c1", Flow: "Standard", PostalDays: 1_000_000_000})
			return err
		}, want: []problem{{"PostalDays", "1000000000", "is more than the 60 postal days allowed"}}},

		// Payments, credit notes, write-offs.
		{name: "RecordPayment/amount 1e30", do: pay(collection.Payment{ID: "p1", On: badToday, Amount: huge, To: collection.PaidToCreditor}),
			want: []problem{{"Payment.Amount", hugeText, beyond}}},
		{name: "RecordPayment/NUL in the id", do: pay(collection.Payment{ID: "p\x001", On: badToday, Amount: dkk("1.00"), To: collection.PaidToCreditor}),
			want: []problem{{"Payment.ID", "p\x001", nul}}},
		{name: "RecordPayment/dated 0001-01-01", do: pay(collection.Payment{ID: "p1", On: first, Amount: dkk("1.00"), To: collection.PaidToCreditor}),
			want: []problem{{"Payment.On", "0001-01-01", window}}},
		{name: "RecordPayment/1 MiB reference", do: pay(collection.Payment{ID: "p1", On: badToday, Amount: dkk("1.00"), To: collection.PaidToCreditor, Reference: mib}),
			want: []problem{{"Payment.Reference", mibShown, tooLong(1<<20, collection.MaxLineBytes)}}},
		{name: "Credit/amount 1e30", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Credit(ctx, "c1", "inv-1", collection.CreditNote{ID: "cn1", On: badToday, Amount: huge})
			return err
		}, want: []problem{{"CreditNote.Amount", hugeText, beyond}}},
		{name: "WriteOff/NUL in the invoice id", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.WriteOff(ctx, "c1", "inv\x001", collection.WriteOff{ID: "w1", On: badToday, Amount: dkk("1.00"), Mode: collection.OpenItem})
			return err
		}, want: []problem{{"invoiceID", "inv\x001", nul}}},

		// Letters.
		{name: "SendLetter/CR LF in the subject", do: letter(collection.Letter{Subject: "Hello\r\nBcc: x@y", Text: "t", Channel: letters.Email}),
			want: []problem{{"Letter.Subject", "Hello\r\nBcc: x@y", lineBreak}}},
		{name: "SendLetter/CR LF in the recipient", do: letter(collection.Letter{Subject: "s", Text: "t", Channel: letters.Email, Recipient: "a@b.dk\r\nBcc: x@y"}),
			want: []problem{{"Letter.Recipient", "a@b.dk\r\nBcc: x@y", lineBreak}}},
		{name: "SendLetter/not an e-mail address", do: letter(collection.Letter{Subject: "s", Text: "t", Channel: letters.Email, Recipient: "Jens <jens@example.dk>"}),
			want: []problem{{"Letter.Recipient", "Jens <jens@example.dk>", "is not a bare e-mail address such as name@example.com"}}},
		{name: "SendLetter/SMS to not a phone", do: letter(collection.Letter{Subject: "s", Text: "t", Channel: letters.SMS, Recipient: "not a phone"}),
			want: []problem{{"Letter.Recipient", "not a phone", notPhone}}},
		{name: "SendLetter/post to no address", do: letter(collection.Letter{Subject: "s", Text: "t", Channel: letters.Post, Recipient: " \n "}),
			want: []problem{{"Letter.Recipient", " \n ", "is required: a postal address"}}},
		{name: "SendLetter/1 MiB text", do: letter(collection.Letter{Subject: "s", Text: mib, Channel: letters.Email}),
			want: []problem{{"Letter.Text", mibShown, tooLong(1<<20, collection.MaxTextBytes)}}},
		{name: "SendLetter/NUL in the text", do: letter(collection.Letter{Subject: "s", Text: "a\x00b", Channel: letters.Email}),
			want: []problem{{"Letter.Text", "a\x00b", nul}}},
		{name: "SendLetter/invalid UTF-8 in the subject", do: letter(collection.Letter{Subject: "\xc3\x28", Text: "t", Channel: letters.Email}),
			want: []problem{{"Letter.Subject", "\xc3\x28", notUTF8}}},

		// Pause and the other commands on a case.
		{name: "Pause/until 9999-12-31", do: pause("c1", last, "holiday"),
			want: []problem{{"until", "9999-12-31", window}}},
		{name: "Pause/NUL in the reason", do: pause("c1", badToday.AddDays(7), "holi\x00day"),
			want: []problem{{"reason", "holi\x00day", nul}}},
		{name: "Pause/1 MiB reason", do: pause("c1", badToday.AddDays(7), mib),
			want: []problem{{"reason", mibShown, tooLong(1<<20, collection.MaxShortTextBytes)}}},
		{name: "Pause/NUL in the case id", do: pause("c\x001", badToday.AddDays(7), "holiday"),
			want: []problem{{"id", "c\x001", nul}}},
		{name: "Close/1 MiB reason", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Close(ctx, "c1", collection.CloseRequest{Reason: mib})
			return err
		}, want: []problem{{"Reason", mibShown, tooLong(1<<20, collection.MaxShortTextBytes)}}},
		{name: "AddNote/1 MiB text", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.AddNote(ctx, "c1", "", mib)
			return err
		}, want: []problem{{"text", mibShown, tooLong(1<<20, collection.MaxTextBytes)}}},
		{name: "HandOver/CR LF in the partner", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.HandOver(ctx, "c1", "Agency\r\nX", "ref")
			return err
		}, want: []problem{{"partner", "Agency\r\nX", lineBreak}}},
		{name: "HandOverToAgency/NUL in the partner", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.HandOverToAgency(ctx, "c1", "Age\x00ncy", agencyClient{})
			return err
		}, want: []problem{{"partner", "Age\x00ncy", nul}}},
		{name: "Override/deadline 9999-12-31", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Override(ctx, "c1", flow.Override{Deadline: last})
			return err
		}, want: []problem{{"Override.Deadline", "9999-12-31", window}}},
		{name: "Override/fee 1e30", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Override(ctx, "c1", flow.Override{Fee: huge})
			return err
		}, want: []problem{{"Override.Fee", hugeText, beyond}}},
		{name: "SetDisputed/1 MiB invoice id", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.SetDisputed(ctx, "c1", mib, true)
			return err
		}, want: []problem{{"invoiceID", mibShown, tooLong(1<<20, collection.MaxIDBytes)}}},
		{name: "Await/NUL in the reason", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.Await(ctx, "c1", "wh\x00y")
			return err
		}, want: []problem{{"reason", "wh\x00y", nul}}},
		{name: "SwitchFlow/NUL in the flow", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.SwitchFlow(ctx, "c1", "Stan\x00dard")
			return err
		}, want: []problem{{"flow", "Stan\x00dard", nul}}},

		// Plans, offers, interest invoices.
		{name: "StartPlan/starting in 1990", do: plan(collection.PlanRequest{Terms: agreement.Terms{Start: date.MustNew(1990, 1, 1), Count: 6}}),
			want: []problem{{"Terms.Start", "1990-01-01", "is more than 31 days before today, 2025-02-20"}}},
		{name: "StartPlan/10^6 % a year", do: plan(collection.PlanRequest{Terms: agreement.Terms{Rate: decimal.NewFromInt(1_000_000), DayCount: interest.Thirty360E, Count: 6}}),
			want: []problem{{"Terms.Rate", "1000000", "must be between 0 and 100 percent"}}},
		{name: "StartPlan/SMS to not a phone", do: plan(collection.PlanRequest{Delivery: collection.Delivery{Channel: letters.SMS, Recipient: "not a phone"}}),
			want: []problem{{"Delivery.Recipient", "not a phone", notPhone}}},
		{name: "StartPlan/principal 1e30", do: plan(collection.PlanRequest{Terms: agreement.Terms{Principal: huge, Count: 6}}),
			want: []problem{{"Terms.Principal", hugeText, beyond}}},
		{name: "CheckPlan/no such channel", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.CheckPlan(ctx, "c1", collection.Delivery{Channel: 9})
			return err
		}, want: []problem{{"Delivery.Channel", letters.Channel(9).String(), "is not a channel"}}},
		{name: "TerminatePlan/1 MiB flow", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.TerminatePlan(ctx, "c1", mib, collection.Delivery{})
			return err
		}, want: []problem{{"backToFlow", mibShown, tooLong(1<<20, collection.MaxLineBytes)}}},
		{name: "MakeOffer/10^6 % discount", do: offer(collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.NewFromInt(1_000_000)}, Expires: badToday.AddDays(14)}),
			want: []problem{{"Discount.Percent", "1000000", "must be more than 0 and less than 100"}}},
		{name: "MakeOffer/expires 9999-12-31", do: offer(collection.OfferRequest{Discount: pct20, Expires: last}),
			want: []problem{{"Expires", "9999-12-31", window}}},
		{name: "MakeOffer/CR LF in the recipient", do: offer(collection.OfferRequest{Discount: pct20, Expires: badToday.AddDays(14),
			Delivery: collection.Delivery{Channel: letters.Email, Recipient: "a@b.dk\r\nBcc: x@y"}}),
			want: []problem{{"Delivery.Recipient", "a@b.dk\r\nBcc: x@y", lineBreak}}},
		{name: "InterestInvoice/10^9 grace days", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.InterestInvoice(ctx, "c1", collection.InterestRequest{Invoice: interest.InvoiceOptions{GraceDays: 1_000_000_000}})
			return err
		}, want: []problem{{"Invoice.GraceDays", "1000000000", "must be between 0 and 366"}}},
		{name: "InterestInvoices/NUL in the creditor id", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.InterestInvoices(ctx, "cr\x001", collection.InterestRequest{})
			return err
		}, want: []problem{{"creditorID", "cr\x001", nul}}},

		// Court and agency.
		{name: "FileCourt/NUL in the basis", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.FileCourt(ctx, "c1", collection.FileRequest{District: court.Koebenhavn, Basis: "Fak\x00tura"})
			return err
		}, want: []problem{{"Basis", "Fak\x00tura", nul}}},
		{name: "RecordFoundation/dated 0001-01-01", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.RecordFoundation(ctx, "c1", court.Foundation{Kind: court.DebtorDeclaration, Date: first})
			return err
		}, want: []problem{{"Foundation.Date", "0001-01-01", window}}},
		{name: "RecordCourtEvent/on 0001-01-01", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.RecordCourtEvent(ctx, "c1", collection.CourtEvent{Kind: collection.CourtServed, On: first})
			return err
		}, want: []problem{{"CourtEvent.On", "0001-01-01", window}}},
		{name: "RecordCourtEvent/CR LF in the reference", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.RecordCourtEvent(ctx, "c1", collection.CourtEvent{Kind: collection.CourtCaseNumber, On: badToday, Reference: "BS-1\r\nX"})
			return err
		}, want: []problem{{"CourtEvent.Reference", "BS-1\r\nX", lineBreak}}},
		{name: "ApplyAgencyUpdate/NUL in the message id", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.ApplyAgencyUpdate(ctx, collection.AgencyUpdate{MessageID: "m\x001", CaseID: "c1", Kind: collection.AgencyStatusChanged, Status: "contacted"})
			return err
		}, want: []problem{{"AgencyUpdate.MessageID", "m\x001", nul}}},
		{name: "ApplyAgencyUpdate/payment of 1e30", do: func(ctx context.Context, s *collection.Service) error {
			_, err := s.ApplyAgencyUpdate(ctx, collection.AgencyUpdate{MessageID: "m1", CaseID: "c1", Kind: collection.AgencyPayment,
				Payment: collection.Payment{On: badToday, Amount: huge}})
			return err
		}, want: []problem{{"AgencyUpdate.Payment.Amount", hugeText, beyond}}},

		// Receipts.
		{name: "RecordReceipt/a message the case never queued", receipt: true,
			do:   receipt("c1/letter/2", collection.Receipt{Kind: collection.ReceiptDelivered}),
			want: []problem{{"messageID", "c1/letter/2", `was never queued by case "c1"`}}},
		{name: "RecordReceipt/NUL in the detail", receipt: true,
			do:   receipt("c1/letter/2", collection.Receipt{Kind: collection.ReceiptBounced, Detail: "mailbox\x00full"}),
			want: []problem{{"Receipt.Detail", "mailbox\x00full", nul}}},
	}
}
