package payslip_test

import (
	"fmt"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/money"
)

// A Finnish creditor's reminder: the national reference from the case number, its
// RF form for the EPC QR code, the virtual bar code, and the EPC payload that
// payslip/qrcode draws.
func Example() {
	ref, err := letters.NewReference(letters.FIReference, "123456")
	if err != nil {
		panic(err)
	}
	amount := money.MustNew("124.12", money.EUR)

	bar, err := payslip.FIBarcode{
		IBAN:      "FI49 5000 9420 0287 30",
		Amount:    amount,
		Reference: ref,
		Due:       date.MustParse("2022-02-02"),
	}.Encode()
	if err != nil {
		panic(err)
	}
	fmt.Println("Virtuaaliviivakoodi:", bar)

	rf, err := ref.RF()
	if err != nil {
		panic(err)
	}
	payload, err := payslip.EPC{
		BIC:       "OKOYFIHH",
		Name:      "Perintä Oy",
		IBAN:      "FI49 5000 9420 0287 30",
		Amount:    amount,
		Reference: rf,
	}.Encode()
	if err != nil {
		panic(err)
	}
	fmt.Printf("EPC payload:\n%s\n", payload)

	back, err := payslip.ParseEPC(payload)
	if err != nil {
		panic(err)
	}
	fmt.Println("Read back:", back.IBAN, back.Amount, back.Reference.Display())

	// Output:
	// Virtuaaliviivakoodi: 449500094200287300001241200000000000000001234561220202
	// EPC payload:
	// BCD
	// 002
	// 1
	// SCT
	// OKOYFIHH
	// Perintä Oy
	// FI4950009420028730
	// EUR124.12
	//
	// RF341234561
	// Read back: FI4950009420028730 124.12 EUR RF34 1234 561
}

// The Danish code line of a +71 slip, from a payment id made with letters.
func ExampleFIK() {
	id, err := letters.NewReference(letters.FIK71, "4711")
	if err != nil {
		panic(err)
	}
	line, err := payslip.FIK{Card: 71, PaymentID: id.String(), Creditor: "81234567"}.Encode()
	if err != nil {
		panic(err)
	}
	fmt.Println(line)

	f, err := payslip.ParseFIK("+71< 000000000047118+81234567<")
	fmt.Println(f.Card, f.PaymentID, f.Creditor, err)
	// Output:
	// +71<000000000047118+81234567<
	// 71 000000000047118 81234567 <nil>
}

// Swedish and Norwegian account numbers as a slip prints them.
func ExampleParseBankgiro() {
	bg, err := payslip.ParseBankgiro("54029681")
	fmt.Println(bg, err)
	pg, err := payslip.ParsePlusgiro("2865434")
	fmt.Println(pg, err)
	acct, err := payslip.ParseNOAccount("86011117947")
	fmt.Println(acct, err)
	_, err = payslip.ParseBankgiro("5402-9682")
	fmt.Println(err)
	// Output:
	// 5402-9681 <nil>
	// 28 65 43-4 <nil>
	// 8601 11 17947 <nil>
	// Bankgiro "5402-9682": fails the modulus 10 (Luhn) check digit
}
