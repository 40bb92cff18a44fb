package collection_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Example_tour is the README's ten-minute tour: open a case, run the daily batch, relay
// the letter, record a payment, then the rest. TestReadmeTourIsTheExample checks that
// the README's code block is this function's body, so it always compiles and prints
// what the README says.
func Example_tour() {
	ctx := context.Background()
	copenhagen, _ := time.LoadLocation("Europe/Copenhagen")
	now := time.Date(2025, 3, 20, 9, 0, 0, 0, copenhagen)
	clock := date.ClockFunc(func() time.Time { return now }) // the SDK never calls time.Now

	svc, err := collection.New(memstore.New(), collection.Options{Clock: clock, Location: copenhagen,
		// Every letter that asks for payment says where to pay: the creditor's bank.
		Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{
			Letterhead: letters.Creditor{Bank: letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"}}}}})
	if err != nil {
		panic(err)
	}

	// Open a case for an overdue invoice under Danish law, on the Standard flow (E1).
	creditor := dunning.Party{ID: "cr-1", Name: "Nordlys Tekstil ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"}}
	debtor := dunning.Party{ID: "d-17", Name: "Jens Hansen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Nørregade 7"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"},
		Email:   "jens@example.dk"}
	c, err := svc.Open(ctx, collection.OpenRequest{
		ID: "case-1001", Creditor: creditor, Debtor: debtor, Flow: "Standard",
		Invoices: []collection.Invoice{{ID: "inv-1001", Number: "1001",
			Due: date.MustParse("2025-03-01"), Amount: money.MustNew("1250.00", money.DKK)}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("opened:", c.Status, "next step due", c.NextDue)

	// The daily batch takes every due step: the fee the law allows, interest, the letter
	// queued in the same atomic save. Running it twice the same day changes nothing.
	res, err := svc.Commit(ctx, collection.BatchRequest{}, now) // the letters go out now
	if err != nil {
		panic(err)
	}
	for _, s := range res.Steps {
		fmt.Println("step:", s.CaseID, s.Kind, "fee", s.Fee, "letter", s.MessageID)
	}

	// The relay hands queued letters to the host's transport; the id is stable, so a
	// retried delivery is recognisable.
	relay, err := svc.NewRelay(letters.DispatcherFunc(func(ctx context.Context, m letters.Message) error {
		fmt.Println("sent:", m.ID, m.Channel, m.Subject)
		for _, line := range strings.Split(m.Text, "\n") { // the letter's payment box
			if strings.HasPrefix(line, "Beløb:") || strings.HasPrefix(line, "IBAN:") || strings.HasPrefix(line, "Betalingsreference:") {
				fmt.Println("  ", strings.ReplaceAll(line, "\u00a0", " ")) // amounts use no-break spaces
			}
		}
		return nil
	}), collection.RelayOptions{})
	if err != nil {
		panic(err)
	}
	if _, err := relay.RunOnce(ctx, now); err != nil {
		panic(err)
	}

	// A partial payment from the bank import: recorded once, however often it is imported,
	// and allocated to costs, interest and principal in that order.
	pay, err := svc.RecordPayment(ctx, "case-1001", collection.Payment{ID: "bank-77", On: date.MustParse("2025-03-20"),
		Amount: money.MustNew("500.00", money.DKK), To: collection.PaidToCreditor})
	if err != nil {
		panic(err)
	}
	fmt.Println("still owed:", pay.Outstanding)

	// The rest a week later: the case is paid, so no further step will come.
	now = now.AddDate(0, 0, 7)
	pay, err = svc.RecordPayment(ctx, "case-1001", collection.Payment{ID: "bank-91", On: date.MustParse("2025-03-27"),
		Amount: pay.Outstanding, To: collection.PaidToCreditor})
	if err != nil {
		panic(err)
	}
	fmt.Println("still owed:", pay.Outstanding, "- next step due:", !pay.Case.NextDue.IsZero())
	// Output:
	// opened: active next step due 2025-03-04
	// step: case-1001 reminder fee 100.00 DKK letter case-1001/0/2
	// sent: case-1001/0/2 email Påmindelse – faktura 1001
	//    Beløb:               1.357,09 kr.
	//    IBAN:                DK50 0040 0440 1162 43
	//    Betalingsreference:  000000000010017
	// still owed: 857.09 DKK
	// still owed: 0.00 DKK - next step due: false
}
