package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/sqlstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Example opens a SQLite file, migrates it, opens a case through the Service
// and reads it back with a look-up by invoice.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "dunning")
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "dunning.db")+"?_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := sqlstore.Migrate(ctx, db); err != nil {
		panic(err)
	}
	store, err := sqlstore.New(ctx, db, sqlstore.Options{})
	if err != nil {
		panic(err)
	}
	svc, err := collection.New(store, collection.Options{Clock: testClock,
		// Every letter that asks for payment says where to pay: the creditor's bank.
		Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "DK50 0040 0440 1162 43"}}}}})
	if err != nil {
		panic(err)
	}
	_, err = svc.Open(ctx, collection.OpenRequest{
		ID:       "case-1",
		Creditor: dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK},
		Debtor: dunning.Party{ID: "d-1", Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
			Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}},
		Flow:     "Standard",
		Invoices: []collection.Invoice{{ID: "inv-7", Number: "2025-007", Issued: date.MustNew(2025, 1, 1), Due: date.MustNew(2025, 1, 31), Amount: money.MustNew("1250.00", money.DKK)}},
	})
	if err != nil {
		panic(err)
	}
	for c, err := range store.List(ctx, collection.Filter{InvoiceID: "inv-7"}) {
		if err != nil {
			panic(err)
		}
		bal, _ := c.Balance()
		fmt.Println(c.ID, c.Status, c.Version, bal, c.NextDue)
	}
	v, _ := sqlstore.Version(ctx, db)
	fmt.Println("schema version", v)
	// Output:
	// case-1 active 1 1250.00 DKK 2025-02-03
	// schema version 5
}
