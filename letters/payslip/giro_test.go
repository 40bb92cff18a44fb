package payslip_test

import (
	"testing"

	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/money"
)

func TestBankgiro(t *testing.T) {
	// barsoom/banktools-se spec/bankgiro_spec.rb, valid numbers "from
	// http://www.carnegie.se/.../Bankgironummer/" and its normalisation cases.
	for in, want := range map[string]string{
		"5402-9681":          "5402-9681",
		"297-3675":           "297-3675",
		"640-5070":           "640-5070",
		" 6-40 - 5070":       "640-5070",
		" 5-4-0-2-9-6- 81- ": "5402-9681",
	} {
		b, err := payslip.ParseBankgiro(in)
		if err != nil || b.String() != want {
			t.Errorf("ParseBankgiro(%q) = %q, %v; want %q", in, b, err, want)
		}
	}
	for _, in := range []string{"5402-9682", "54-0296", "5402-96810", "5402-9681X", ""} {
		_, err := payslip.ParseBankgiro(in)
		checkFields(t, err, "Bankgiro")
	}
}

func TestPlusgiro(t *testing.T) {
	// barsoom/banktools-se spec/plusgiro_spec.rb: IKEA's and Sveriges riksbank's
	// numbers and the normalisation cases.
	for in, want := range map[string]string{
		"28 65 43-4":  "28 65 43-4",
		"410 54 68-5": "410 54 68-5",
		"4-2":         "4-2",
		"2865434":     "28 65 43-4",
		"41054685":    "410 54 68-5",
		" 4 - 2":      "4-2",
	} {
		p, err := payslip.ParsePlusgiro(in)
		if err != nil || p.String() != want {
			t.Errorf("ParsePlusgiro(%q) = %q, %v; want %q", in, p, err, want)
		}
	}
	for _, in := range []string{"410 54 68-6", "1", "410 54 68-51", "410 54 68-5X"} {
		_, err := payslip.ParsePlusgiro(in)
		checkFields(t, err, "Plusgiro")
	}
}

func TestNOAccount(t *testing.T) {
	for in, want := range map[string]string{
		// Ondkloss/norwegian-numbers test: makeAccountNumber("1234567890") =
		// "12345678903"; Cordel's giro layout prints it "1234 56 78903".
		"12345678903":   "1234 56 78903",
		"1234 56 78903": "1234 56 78903",
		"1234.56.78903": "1234 56 78903",
		// The SWIFT IBAN registry's Norwegian example, NO93 8601 1117 947.
		"86011117947": "8601 11 17947",
	} {
		a, err := payslip.ParseNOAccount(in)
		if err != nil || a.String() != want {
			t.Errorf("ParseNOAccount(%q) = %q, %v; want %q", in, a, err, want)
		}
	}
	// 12345678904: wrong check digit. 0000000006x: the check value is 10 (6 × 2 =
	// 12, 11 − 12 mod 11 = 10), which no account has, whatever x is.
	for _, in := range []string{"12345678904", "00000000060", "00000000069", "1234567890", "1234567890a"} {
		_, err := payslip.ParseNOAccount(in)
		checkFields(t, err, "NOAccount")
	}
}

func TestSEGiroValidate(t *testing.T) {
	ocr, _ := letters.NewReference(letters.OCRWithLength, "123")
	kid, _ := letters.NewReference(letters.KIDMod10, "123")
	good := payslip.SEGiro{Bankgiro: "54029681", Reference: ocr, Amount: money.MustNew("1250.00", money.SEK)}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := (payslip.SEGiro{Plusgiro: "2865434"}).Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		g      payslip.SEGiro
		fields []string
	}{
		{"no account", payslip.SEGiro{}, []string{"SEGiro.Bankgiro"}},
		{"both", payslip.SEGiro{Bankgiro: "54029681", Plusgiro: "2865434"}, []string{"SEGiro.Plusgiro"}},
		{"bad bankgiro", payslip.SEGiro{Bankgiro: "54029682"}, []string{"SEGiro.Bankgiro"}},
		{"bad plusgiro", payslip.SEGiro{Plusgiro: "2865435"}, []string{"SEGiro.Plusgiro"}},
		{"KID", payslip.SEGiro{Bankgiro: "54029681", Reference: kid}, []string{"SEGiro.Reference"}},
		{"EUR", payslip.SEGiro{Bankgiro: "54029681", Amount: money.MustNew("1", money.EUR)}, []string{"SEGiro.Amount"}},
		{"zero", payslip.SEGiro{Bankgiro: "54029681", Amount: money.MustNew("0", money.SEK)}, []string{"SEGiro.Amount"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFields(t, tt.g.Validate(), tt.fields...) })
	}
}

func TestNOGiroValidate(t *testing.T) {
	kid, _ := letters.NewReference(letters.KIDMod11, "1234")
	ocr, _ := letters.NewReference(letters.OCR, "123")
	good := payslip.NOGiro{Account: "12345678903", KID: kid, Amount: money.MustNew("300", money.NOK)}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		g      payslip.NOGiro
		fields []string
	}{
		{"no account", payslip.NOGiro{}, []string{"NOGiro.Account"}},
		{"bad account", payslip.NOGiro{Account: "12345678904"}, []string{"NOGiro.Account"}},
		{"OCR", payslip.NOGiro{Account: "12345678903", KID: ocr}, []string{"NOGiro.KID"}},
		{"SEK", payslip.NOGiro{Account: "12345678903", Amount: money.MustNew("1", money.SEK)}, []string{"NOGiro.Amount"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFields(t, tt.g.Validate(), tt.fields...) })
	}
}
