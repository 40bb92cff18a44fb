package payslip_test

import (
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/money"
)

// TestFor: the ways to pay decided once from a letter's figures — the FIK line
// for a Danish FIK71 reference with a creditor number, the Finnish bar code and
// an EPC payload for a Finnish EUR letter, an EPC payload alone for another EUR
// letter to an IBAN, nothing for DKK without a creditor number or a zero total.
func TestFor(t *testing.T) {
	ref := func(k letters.ReferenceKind, base string) letters.Reference {
		r, err := letters.NewReference(k, base)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, tt := range []struct {
		name      string
		j         dunning.Jurisdiction
		bank      letters.Bank
		ref       letters.Reference
		line, epc bool
	}{
		{"DK with creditor number", dunning.DK, letters.Bank{IBAN: "DK50 0040 0440 1162 43", FIKCreditor: "81234567"}, ref(letters.FIK71, "20250042"), true, false},
		{"DK without", dunning.DK, letters.Bank{IBAN: "DK50 0040 0440 1162 43"}, ref(letters.FIK71, "20250042"), false, false},
		{"FI", dunning.FI, letters.Bank{IBAN: "FI21 1234 5600 0007 85", BIC: "NDEAFIHH"}, ref(letters.FIReference, "20250042"), true, true},
		{"DE", dunning.DE, letters.Bank{IBAN: "DE89 3704 0044 0532 0130 00"}, ref(letters.RFReference, "20250042"), false, true},
		{"DE without IBAN", dunning.DE, letters.Bank{Account: "1234"}, ref(letters.RFReference, "20250042"), false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := letters.SampleData(letters.Reminder, tt.j)
			d.Creditor.Bank = tt.bank
			f := payslip.For(d, tt.ref)
			if (f.Line != "") != tt.line || (f.EPC != "") != tt.epc {
				t.Fatalf("For = %+v, want line %v, EPC %v", f, tt.line, tt.epc)
			}
			if f.EPC != "" {
				e, err := payslip.ParseEPC(f.EPC)
				if err != nil || !e.Amount.Equal(d.Total) {
					t.Errorf("EPC %q: %v, amount %s, want %s", f.EPC, err, e.Amount, d.Total)
				}
			}
			if tt.j == dunning.DK && tt.line && !strings.HasPrefix(f.Line, "+71<") {
				t.Errorf("line %q", f.Line)
			}
			d.Total = money.Zero(d.Total.Currency())
			if g := payslip.For(d, tt.ref); g != (payslip.Fields{}) {
				t.Errorf("a zero total gets %+v", g)
			}
		})
	}
}
