package payslip

import (
	"strings"

	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Fields are the machine-readable ways to pay a letter carries, made from the
// figures the letter itself prints.
type Fields struct {
	// Line is the national payment line (letters.Data.PaymentLine): the Danish
	// FIK +71 line when the creditor's bank has its FI creditor number
	// (letters.Bank.FIKCreditor) and ref is a FIK71 reference, the Finnish
	// virtual bar code for a Finnish IBAN; "" for none.
	Line string
	// EPC is the EPC QR payload (EPC069-12) of a EUR letter to an IBAN, for a QR
	// code (package qrcode draws it); "" for none.
	EPC string
}

// For returns the ways to pay letter d, whose payment reference is ref: its
// total, its deadline (the bar code's due date), the creditor's bank and name.
// It is the one place a letter's payment line and QR payload are decided; a
// figure this package refuses (an IBAN that is not one, an amount out of range)
// leaves that field empty, and the letter still shows the account and reference.
// A letter with no positive total gets none.
func For(d letters.Data, ref letters.Reference) Fields {
	var f Fields
	if !d.Total.IsPositive() || ref.IsZero() {
		return f
	}
	b := d.Creditor.Bank
	iban := strings.ToUpper(compact(b.IBAN, ""))
	eur := d.Total.Currency() == money.EUR
	switch {
	case ref.Kind() == letters.FIK71 && b.FIKCreditor != "":
		f.Line, _ = ref.FIKLine(b.FIKCreditor)
	case strings.HasPrefix(iban, "FI") && eur:
		f.Line, _ = FIBarcode{IBAN: iban, Amount: d.Total, Reference: ref, Due: d.Deadline}.Encode()
	}
	if iban == "" || !eur {
		return f
	}
	epc := EPC{BIC: b.BIC, Name: truncateRunes(d.Creditor.Name, 70), IBAN: iban, Amount: d.Total}
	if rf, err := ref.RF(); err == nil {
		epc.Reference = rf
	} else {
		epc.Text = ref.String()
	}
	f.EPC, _ = epc.Encode()
	return f
}

// truncateRunes returns s cut to at most n runes.
func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
