package payslip_test

import (
	"testing"

	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
)

func TestFIKPublished(t *testing.T) {
	tests := []struct {
		id, line string
		want     payslip.FIK
		encoded  string
		source   string
	}{
		{"FIK-1", "+71< 004040400000669+12345678<",
			payslip.FIK{Card: 71, PaymentID: "004040400000669", Creditor: "12345678"},
			"+71<004040400000669+12345678<",
			`Uniconta support, "Setting up FIK code on company information": +71< 004040400000669+12345678<`},
		{"FIK-2", "+73<+87654321<",
			payslip.FIK{Card: 73, Creditor: "87654321"},
			"+73<+87654321<",
			"a public FIK parser's test (parseFik) for card type 73; weak: one source"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := payslip.ParseFIK(tt.line)
			if err != nil {
				t.Fatalf("ParseFIK: %v (source: %s)", err, tt.source)
			}
			if got != tt.want {
				t.Fatalf("ParseFIK = %+v; want %+v", got, tt.want)
			}
			enc, err := got.Encode()
			if err != nil || enc != tt.encoded {
				t.Fatalf("Encode = %q, %v; want %q", enc, err, tt.encoded)
			}
		})
	}
}

func TestFIKFromReference(t *testing.T) {
	// giro-kort.dk "Betalingsidentifikation": payment id 2 gets check digit 6.
	ref, err := letters.NewReference(letters.FIK71, "2")
	if err != nil {
		t.Fatal(err)
	}
	got, err := payslip.FIK{Card: 71, PaymentID: ref.String(), Creditor: "8123 4567"}.Encode()
	if want := "+71<000000000000026+81234567<"; err != nil || got != want {
		t.Fatalf("Encode = %q, %v; want %q", got, err, want)
	}
	// The same line as letters writes it.
	if line, err := ref.FIKLine("81234567"); err != nil || line != got {
		t.Fatalf("letters FIKLine = %q, %v; want %q", line, err, got)
	}
}

func TestFIK75(t *testing.T) {
	// No published +75 line was found; 16 digits with a Luhn check digit
	// (computed: 000000000000002 gets 6, as for +71).
	f := payslip.FIK{Card: 75, PaymentID: "0000000000000026", Creditor: "81234567"}
	line, err := f.Encode()
	if want := "+75<0000000000000026+81234567<"; err != nil || line != want {
		t.Fatalf("Encode = %q, %v; want %q", line, err, want)
	}
	back, err := payslip.ParseFIK(line)
	if err != nil || back != f {
		t.Fatalf("ParseFIK = %+v, %v; want %+v", back, err, f)
	}
}

func TestFIKErrors(t *testing.T) {
	encode := []struct {
		name   string
		f      payslip.FIK
		fields []string
	}{
		{"card 01", payslip.FIK{Card: 1, Creditor: "12345678"}, []string{"FIK.Card"}},
		{"71 check digit", payslip.FIK{Card: 71, PaymentID: "004040400000668", Creditor: "12345678"}, []string{"FIK.PaymentID"}},
		{"71 short", payslip.FIK{Card: 71, PaymentID: "26", Creditor: "12345678"}, []string{"FIK.PaymentID"}},
		{"73 with id", payslip.FIK{Card: 73, PaymentID: "26", Creditor: "12345678"}, []string{"FIK.PaymentID"}},
		{"75 length", payslip.FIK{Card: 75, PaymentID: "004040400000669", Creditor: "12345678"}, []string{"FIK.PaymentID"}},
		{"75 check digit", payslip.FIK{Card: 75, PaymentID: "0000000000000027", Creditor: "12345678"}, []string{"FIK.PaymentID"}},
		{"creditor", payslip.FIK{Card: 73, Creditor: "1234567"}, []string{"FIK.Creditor"}},
		{"both", payslip.FIK{Card: 71, PaymentID: "1", Creditor: "x"}, []string{"FIK.PaymentID", "FIK.Creditor"}},
	}
	for _, tt := range encode {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.f.Encode()
			checkFields(t, err, tt.fields...)
		})
	}
	parse := []struct {
		name, line string
		fields     []string
	}{
		{"empty", "", []string{"FIK"}},
		{"no plus", "71<004040400000669+12345678<", []string{"FIK"}},
		{"card 04", "+04<004040400000669+12345678<", []string{"FIK"}},
		{"no end", "+71<004040400000669+12345678", []string{"FIK"}},
		{"no separator", "+71<00404040000066912345678<", []string{"FIK"}},
		{"check digit", "+71<004040400000668+12345678<", []string{"FIK.PaymentID"}},
		{"creditor", "+71<004040400000669+1234567<", []string{"FIK.Creditor"}},
	}
	for _, tt := range parse {
		t.Run(tt.name, func(t *testing.T) {
			_, err := payslip.ParseFIK(tt.line)
			checkFields(t, err, tt.fields...)
		})
	}
}
