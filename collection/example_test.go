package collection_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Open a case, pause it while the debtor promises to pay (L1), resume it early
// (L2) and read the audit trail (E16).
func Example() {
	ctx := context.Background()
	store := memstore.New()
	svc, err := collection.New(store, collection.Options{
		Clock: date.FixedClock(time.Date(2025, 2, 20, 9, 0, 0, 0, time.UTC)),
		// Every letter that asks for payment says where to pay: the creditor's bank.
		Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{
			Letterhead: letters.Creditor{Bank: letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"}}}},
	})
	if err != nil {
		panic(err)
	}
	addr := dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}
	c, err := svc.WithActor("anne").Open(ctx, collection.OpenRequest{
		ID:       "case-1",
		Creditor: dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK, Address: addr},
		Debtor:   dunning.Party{ID: "d-1", Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Address: addr},
		Invoices: []collection.Invoice{{ID: "inv-7", Number: "2025-007", Due: date.MustNew(2025, 1, 31), Amount: money.MustNew("1250.00", money.DKK)}},
		Flow:     "Standard",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(c.ID, c.Status, c.Stage, "next step due", c.NextDue)

	c, err = svc.WithActor("anne").Pause(ctx, "case-1", date.MustNew(2025, 3, 1), "debtor promised to pay by 28 February")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Status, "until", c.Progress.Pause.Until)

	if _, err := svc.Resume(ctx, "case-1"); err != nil {
		panic(err)
	}
	d, err := svc.Next(ctx, "case-1")
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Explain())

	for e, err := range svc.Events(ctx, "case-1") {
		if err != nil {
			panic(err)
		}
		fmt.Println(e.Seq, e.At.Format(time.DateOnly), e.Type, e.Actor, e.Data)
	}
	// Output:
	// case-1 active reminders next step due 2025-02-03
	// paused until 2025-03-01
	// Reminder 1 is due (allowed since 2025-02-03)
	// 1 2025-02-20 case.opened anne map[currency:DKK flow:Standard invoices:inv-7 jurisdiction:DK]
	// 2 2025-02-20 case.paused anne map[reason:debtor promised to pay by 28 February until:2025-03-01]
	// 3 2025-02-20 case.resumed  map[auto:false]
}
