// Command lawpack brings the law of a jurisdiction the SDK does not ship — here
// Belgium, as a host would write it from its own legal research — and runs a case
// on it through the daily batch: the reminder fee, the fixed compensation, the
// statutory interest and the notice period all come from the host's pack.
//
//	go run ./examples/lawpack
//
// The figures below are illustrations for the example, marked UNVERIFIED as a
// host must mark what it has not checked; they are not the SDK's research.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// belgium is the host's pack: a few dozen lines of plain values.
func belgium() (*law.Pack, error) {
	eur := func(s string) money.Money { return money.MustNew(s, money.EUR) }
	from := date.MustNew(2024, 1, 1)
	src := "host research (illustration)"
	return law.New(law.Spec{
		Code: "BE", Name: "Belgium", Currency: money.EUR, TimeZone: "Europe/Brussels",
		Reminders: []fees.ReminderRule{{From: from, Cap: eur("7.50"), MaxFees: 2, MinDaysBetween: 14, MinDaysAfterDue: 1,
			Source: src, Status: dunning.Unverified}},
		Compensation: []law.CompensationFee{{From: from, Amount: eur("40"), Per: "overdue invoice",
			Source: "Directive 2011/7/EU Art. 6", Status: dunning.Verified}},
		Interest: []law.StatutoryInterest{{Kind: dunning.Business, End: date.MustNew(2026, 12, 31),
			Rows: []interest.Row{
				{From: date.MustNew(2025, 1, 1), Reference: decimal.RequireFromString("3.15"), Margin: decimal.NewFromInt(8), Source: src, Status: dunning.Unverified},
				{From: date.MustNew(2025, 7, 1), Reference: decimal.RequireFromString("2.15"), Margin: decimal.NewFromInt(8), Source: src, Status: dunning.Unverified},
			},
			Convention: interest.Convention{DayCount: interest.Actual365Fixed}}},
		Notices: []fees.NoticeRule{{Notice: fees.CollectionWarning, MinDays: 15, Counting: fees.FromDispatch, Costs: true,
			Source: src, Status: dunning.Unverified}},
	})
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lawpack:", err)
		os.Exit(1)
	}
}

type creditors struct{}

func (creditors) Profile(context.Context, string) (collection.CreditorProfile, error) {
	return collection.CreditorProfile{ClaimCompensation: true,
		Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "BE68 5390 0754 7034", BIC: "GKCCBEBB"}}}, nil
}
func (creditors) Holidays(context.Context, string) ([]date.Period, error) { return nil, nil }

func run(ctx context.Context, w io.Writer) error {
	be, err := belgium()
	if err != nil {
		return err
	}
	day := date.MustNew(2025, 3, 3)
	clock := func() time.Time { return day.Time(time.UTC).Add(6 * time.Hour) }
	svc, err := collection.New(memstore.New(), collection.Options{
		Clock: date.ClockFunc(clock), Laws: []*law.Pack{be}, Creditors: creditors{}})
	if err != nil {
		return err
	}
	addr := dunning.Address{Lines: []string{"Rue Neuve 1"}, PostalCode: "1000", City: "Bruxelles", Country: "BE"}
	_, err = svc.Open(ctx, collection.OpenRequest{
		ID: "BE-1", Flow: "Standard", Jurisdiction: "BE",
		Creditor: dunning.Party{ID: "acme", Name: "Acme SRL", Kind: dunning.Business, Jurisdiction: "BE", Address: addr},
		Debtor: dunning.Party{ID: "d1", Name: "Dupont SA", Kind: dunning.Business, Jurisdiction: "BE",
			Email: "compta@dupont.example", Address: addr},
		Invoices: []collection.Invoice{{ID: "F-2025-17", Due: day, Amount: money.MustNew("2400.00", money.EUR)}},
	})
	if err != nil {
		return err
	}
	for end := day.AddDays(90); !day.After(end); day = day.AddDays(1) {
		res, err := svc.Commit(ctx, collection.BatchRequest{Date: day}, clock())
		if err != nil {
			return err
		}
		for _, s := range res.Steps {
			fee := "no fee"
			if s.Fee.IsValid() {
				fee = "fee " + s.Fee.String()
			}
			fmt.Fprintf(w, "%s  %-18s %s\n", day, s.Kind, fee)
		}
	}
	c, err := svc.Get(ctx, "BE-1")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "charges:")
	for _, ch := range c.Charges {
		fmt.Fprintf(w, "  %-18s %12s  %s\n", ch.Kind, ch.Amount, ch.Source)
	}
	l, err := c.Ledger()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "owed:", l.Outstanding)
	return nil
}
