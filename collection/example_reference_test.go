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

// ExamplePaymentReference matches a bank statement to cases: every case is keyed
// by the machine form of the reference its letters print, and each bank line's
// reference — bare, spaced as printed, or a whole FIK line — is parsed and looked
// up. A matched line is recorded as a payment with the bank's id of the line, so
// importing the statement again records nothing twice.
func ExamplePaymentReference() {
	ctx := context.Background()
	clk := date.FixedClock(time.Date(2025, 4, 14, 9, 0, 0, 0, time.UTC))
	svc, _ := collection.New(memstore.New(), collection.Options{Clock: clk,
		// Every letter that asks for payment says where to pay: the creditor's bank.
		Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{
			Letterhead: letters.Creditor{Bank: letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"}}}}})
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }
	for _, id := range []collection.CaseID{"R20250101", "R20250102"} {
		_, err := svc.Open(ctx, collection.OpenRequest{
			ID:       id,
			Creditor: dunning.Party{ID: "cr", Name: "Nordhavn VVS ApS", Kind: dunning.Business, Jurisdiction: dunning.DK},
			Debtor:   dunning.Party{ID: "d-" + string(id), Name: "Mette Sørensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK},
			Invoices: []collection.Invoice{{ID: "inv-" + string(id), Due: date.MustNew(2025, 3, 1), Amount: dkk("1000.00")}},
			Flow:     "Standard",
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}

	// The cases by reference, as the bank reports it.
	byRef := map[string]collection.CaseID{}
	cases, err := collection.Collect(svc.List(ctx, collection.Filter{}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cases {
		ref, err := collection.PaymentReference(c.ID, c.Jurisdiction)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(c.ID, "prints", ref.Display())
		byRef[ref.String()] = c.ID
	}

	// The statement: id, amount, reference. Danish cases print FIK +71.
	kind := letters.ReferenceForJurisdiction(dunning.DK)
	for _, line := range [][3]string{
		{"DB-1", "1000.00", "+71<000000202501011+85123456<"},
		{"DB-2", "400.00", "000 000 202 501 029"},
		{"DB-3", "99.00", "000000202599999"},
		{"DB-4", "12.00", "faktura 2025-0104"},
	} {
		ref, err := letters.ParseReference(kind, line[2])
		if err != nil {
			if ref, _, err = letters.ParseFIKLine(line[2]); err != nil {
				fmt.Println(line[0], "no reference:", line[2])
				continue
			}
		}
		id, ok := byRef[ref.String()]
		if !ok {
			fmt.Println(line[0], "unmatched, for a person:", line[2])
			continue
		}
		res, err := svc.RecordPayment(ctx, id, collection.Payment{
			ID: line[0], On: date.MustNew(2025, 4, 14), Amount: dkk(line[1]), Reference: line[2], To: collection.PaidToCreditor,
		})
		if err != nil {
			fmt.Println(line[0], err)
			continue
		}
		fmt.Println(line[0], "→", id, "still owed", res.Outstanding, res.Case.Status)
	}
	// Output:
	// R20250101 prints 000000202501011
	// R20250102 prints 000000202501029
	// DB-1 → R20250101 still owed 0.00 DKK closed
	// DB-2 → R20250102 still owed 600.00 DKK active
	// DB-3 unmatched, for a person: 000000202599999
	// DB-4 no reference: faktura 2025-0104
}
