package collection_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Example_paymentsAndPlan records a partial payment on a case, agrees a payment
// plan for the rest, and follows it to the end.
func Example_paymentsAndPlan() {
	ctx := context.Background()
	now := time.Date(2025, 2, 20, 9, 0, 0, 0, time.UTC)
	clk := date.ClockFunc(func() time.Time { return now })
	svc, _ := collection.New(memstore.New(), collection.Options{Clock: clk,
		// Every letter that asks for payment says where to pay: the creditor's bank.
		Creditors: collection.StaticCreditors{Default: collection.CreditorProfile{
			Letterhead: letters.Creditor{Bank: letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"}}}}})
	dkk := func(s string) money.Money { return money.MustNew(s, money.DKK) }

	_, err := svc.Open(ctx, collection.OpenRequest{
		ID:       "case-1",
		Creditor: dunning.Party{ID: "cr", Name: "Tømrer Hansen ApS", Kind: dunning.Business, Jurisdiction: dunning.DK},
		Debtor:   dunning.Party{ID: "d", Name: "Jens Jensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Email: "jens@example.dk"},
		Invoices: []collection.Invoice{{ID: "inv-1", Number: "1001", Due: date.MustNew(2025, 1, 31), Amount: dkk("1200.00")}},
		Flow:     "Standard",
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	// A partial payment: allocated, and the case goes on.
	res, _ := svc.RecordPayment(ctx, "case-1", collection.Payment{ID: "bank-1", On: date.MustNew(2025, 2, 18), Amount: dkk("200.00"), To: collection.PaidToCreditor})
	fmt.Println("after payment:", res.Case.Status, "outstanding", res.Outstanding)

	// A plan for the rest: 4 monthly instalments, interest-free.
	c, err := svc.StartPlan(ctx, "case-1", collection.PlanRequest{Terms: agreement.Terms{Count: 4, First: date.MustNew(2025, 3, 1)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := c.Plan.Plan()
	for in := range p.All() {
		fmt.Println("instalment", in.Number, in.Due, in.Amount)
	}
	fmt.Println("stage:", c.Stage, "next look:", c.NextDue)

	// The debtor pays every instalment.
	for in := range p.All() {
		y, m, d := in.Due.YMD()
		now = time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
		res, _ = svc.RecordPayment(ctx, "case-1", collection.Payment{ID: "plan-" + in.Due.String(), On: in.Due, Amount: in.Amount, To: collection.PaidToCreditor})
	}
	fmt.Println("finally:", res.Case.Status, res.Case.CloseReason, "archived:", res.Case.Archived)
	// Output:
	// after payment: active outstanding 1000.00 DKK
	// instalment 1 2025-03-01 250.00 DKK
	// instalment 2 2025-04-01 250.00 DKK
	// instalment 3 2025-05-01 250.00 DKK
	// instalment 4 2025-06-01 250.00 DKK
	// stage: agreement next look: 2025-03-02
	// finally: closed paid archived: true
}
