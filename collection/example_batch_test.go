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

// exampleClock is a settable clock for the example (a host passes its own, or
// nil for the system clock).
type exampleClock struct{ now time.Time }

func (c *exampleClock) Now() time.Time { return c.now }

// A week of daily batch runs for three cases: each morning the batch takes the
// steps that are due and queues their letters for 10:00; the relay delivers them
// when that time has come. The cases fell due on different days, so their first
// reminders go out on different days; running a day twice changes nothing.
func ExampleService_Commit() {
	ctx := context.Background()
	clock := &exampleClock{}
	svc, err := collection.New(memstore.New(), collection.Options{Clock: clock,
		// Every letter that asks for payment says where to pay: the creditor's bank.
		Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{
			Letterhead: letters.Creditor{Bank: letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"}}}}})
	if err != nil {
		panic(err)
	}
	hansen := dunning.Party{ID: "cr-1", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "1456", City: "København K", Country: "DK"}}
	for i, due := range []string{"2025-02-28", "2025-03-01", "2025-03-03"} {
		_, err := svc.Open(ctx, collection.OpenRequest{
			ID:       collection.CaseID(fmt.Sprintf("case-%d", i+1)),
			Creditor: hansen,
			Debtor: dunning.Party{ID: fmt.Sprintf("d-%d", i+1), Name: fmt.Sprintf("Debtor %d", i+1), Kind: dunning.Consumer, Jurisdiction: dunning.DK,
				Email: fmt.Sprintf("debtor%d@example.dk", i+1), Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}},
			Invoices: []collection.Invoice{{ID: fmt.Sprintf("inv-%d", i+1), Number: fmt.Sprint(2025001 + i), Due: date.MustParse(due), Amount: money.MustNew("1250.00", money.DKK)}},
			Flow:     "Standard",
		})
		if err != nil {
			panic(err)
		}
	}
	relay, err := svc.NewRelay(letters.DispatcherFunc(func(_ context.Context, m letters.Message) error {
		fmt.Printf("  sent %s %s to %s\n", m.ID, m.Kind, m.Recipient)
		return nil
	}), collection.RelayOptions{})
	if err != nil {
		panic(err)
	}
	for day := date.MustParse("2025-03-01"); day.Before(date.MustParse("2025-03-08")); day = day.AddDays(1) {
		y, m, d := day.YMD()
		clock.now = time.Date(y, m, d, 7, 0, 0, 0, time.UTC)
		sendAt := time.Date(y, m, d, 10, 0, 0, 0, time.UTC)
		res, err := svc.Commit(ctx, collection.BatchRequest{CreditorID: "cr-1"}, sendAt)
		if err != nil {
			panic(err)
		}
		again, _ := svc.Commit(ctx, collection.BatchRequest{CreditorID: "cr-1"}, sendAt)
		fmt.Printf("%s: %d step(s), %d on the second run\n", day, len(res.Steps), len(again.Steps))
		for _, s := range res.Steps {
			fmt.Printf("  %s: %s, fee %s\n", s.CaseID, s.Kind, s.Fee)
		}
		if _, err := relay.RunOnce(ctx, sendAt); err != nil {
			panic(err)
		}
	}
	// Output:
	// 2025-03-01: 0 step(s), 0 on the second run
	// 2025-03-02: 0 step(s), 0 on the second run
	// 2025-03-03: 1 step(s), 0 on the second run
	//   case-1: reminder, fee 100.00 DKK
	//   sent case-1/0/2 reminder to debtor1@example.dk
	// 2025-03-04: 1 step(s), 0 on the second run
	//   case-2: reminder, fee 100.00 DKK
	//   sent case-2/0/2 reminder to debtor2@example.dk
	// 2025-03-05: 0 step(s), 0 on the second run
	// 2025-03-06: 1 step(s), 0 on the second run
	//   case-3: reminder, fee 100.00 DKK
	//   sent case-3/0/2 reminder to debtor3@example.dk
	// 2025-03-07: 0 step(s), 0 on the second run
}
