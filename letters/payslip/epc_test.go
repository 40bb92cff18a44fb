package payslip_test

import (
	"strings"
	"testing"

	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/money"
)

// epcVector is a published EPC QR payload and the fields it holds. encoded is what
// Encode writes for those fields: the payload itself when it is UTF-8 with line
// feeds and no trailing empty elements.
type epcVector struct {
	id      string
	payload string
	want    payslip.EPC
	encoded string
	source  string
}

func rf(t *testing.T, s string) letters.Reference {
	t.Helper()
	r, err := letters.ParseReference(letters.RFReference, s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func epcVectors(t *testing.T) []epcVector {
	ex1 := "BCD\n001\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\nDE71110220330123456789\nEUR12.3\nGDDS\nRF18539007547034"
	// Example 2 is ISO 8859-1 (character set 2): "ç" is the single byte 0xE7.
	ex2 := "BCD\n002\n2\nSCT\n\nFran\xe7ois D'Alsace S.A.\nFR1420041010050500013M02606\nEUR12.3\n\n\nClient:Marie Louise La Lune"
	wiki := "BCD\n001\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1\nCHAR\n\nUrgency fund\nSample EPC QR code"
	return []epcVector{
		{"EPC-1", ex1,
			payslip.EPC{Version: 1, BIC: "BHBLDEHHXXX", Name: "Franz Mustermänn", IBAN: "DE71110220330123456789",
				Amount: money.MustNew("12.30", money.EUR), Purpose: "GDDS", Reference: rf(t, "RF18539007547034")},
			ex1,
			"EPC069-12 v2.1 (9 February 2012) example 1, version 001, UTF-8; quoted byte for byte (96 bytes) by heuer/segno tests/test_epc.py and other public implementations"},
		{"EPC-2", ex2,
			payslip.EPC{Version: 2, Name: "François D'Alsace S.A.", IBAN: "FR1420041010050500013M02606",
				Amount: money.MustNew("12.30", money.EUR), Text: "Client:Marie Louise La Lune"},
			"BCD\n002\n1\nSCT\n\nFrançois D'Alsace S.A.\nFR1420041010050500013M02606\nEUR12.3\n\n\nClient:Marie Louise La Lune",
			"EPC069-12 v2.1 example 2, version 002 without BIC, ISO 8859-1 (103 bytes); quoted by heuer/segno tests/test_epc.py"},
		{"EPC-3", wiki,
			payslip.EPC{Version: 1, BIC: "BPOTBEB1", Name: "Red Cross of Belgium", IBAN: "BE72000000001616",
				Amount: money.MustNew("1", money.EUR), Purpose: "CHAR", Text: "Urgency fund", Information: "Sample EPC QR code"},
			wiki,
			`Wikipedia (en), "EPC QR code", sample content (empty structured reference line, then "Urgency fund")`},
	}
}

func sameEPC(a, b payslip.EPC) bool {
	return a.Version == b.Version && a.BIC == b.BIC && a.Name == b.Name && a.IBAN == b.IBAN &&
		a.Amount.Equal(b.Amount) && a.Purpose == b.Purpose && a.Reference == b.Reference &&
		a.Text == b.Text && a.Information == b.Information
}

func TestEPCPublished(t *testing.T) {
	for _, v := range epcVectors(t) {
		t.Run(v.id, func(t *testing.T) {
			got, err := payslip.ParseEPC(v.payload)
			if err != nil {
				t.Fatalf("ParseEPC: %v (source: %s)", err, v.source)
			}
			if !sameEPC(got, v.want) {
				t.Fatalf("ParseEPC\n got %+v\nwant %+v\n(source: %s)", got, v.want, v.source)
			}
			enc, err := v.want.Encode()
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if enc != v.encoded {
				t.Fatalf("Encode\n got %q\nwant %q\n(source: %s)", enc, v.encoded, v.source)
			}
		})
	}
	// The byte counts the sources state.
	vs := epcVectors(t)
	if n := len(vs[0].payload); n != 96 {
		t.Errorf("example 1 is %d bytes; the source says 96", n)
	}
	if n := len(vs[1].payload); n != 103 {
		t.Errorf("example 2 is %d bytes; the source says 103", n)
	}
}

func TestParseEPCLenient(t *testing.T) {
	ex1 := epcVectors(t)[0]
	for name, p := range map[string]string{
		"CR LF":               strings.ReplaceAll(ex1.payload, "\n", "\r\n"),
		"trailing separators": ex1.payload + "\n\n\n",
		"spaced reference":    strings.Replace(ex1.payload, "RF18539007547034", "RF18 5390 0754 7034", 1),
		"spaced IBAN":         strings.Replace(ex1.payload, "DE71110220330123456789", "DE71 1102 2033 0123 4567 89", 1),
		"ISO 8859-15":         strings.Replace(strings.Replace(ex1.payload, "\n1\n", "\n8\n", 1), "ä", "\xe4", 1),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := payslip.ParseEPC(p)
			if err != nil {
				t.Fatalf("ParseEPC: %v", err)
			}
			if !sameEPC(got, ex1.want) {
				t.Fatalf("got %+v\nwant %+v", got, ex1.want)
			}
		})
	}
	// ISO 8859-15's euro sign.
	e, err := payslip.ParseEPC("BCD\n002\n8\nSCT\n\nA\nDE89370400440532013000\n\n\n\nPay in \xa4")
	if err != nil || e.Text != "Pay in €" {
		t.Fatalf("ParseEPC ISO 8859-15 = %+v, %v", e, err)
	}
}

func TestEPCEncodeDefaults(t *testing.T) {
	// Version 0 is 002, the BIC may be left out, and the payload ends at the last
	// element given: here the IBAN.
	got, err := payslip.EPC{Name: "Erika Mustermann", IBAN: "de89 3704 0044 0532 0130 00"}.Encode()
	want := "BCD\n002\n1\nSCT\n\nErika Mustermann\nDE89370400440532013000"
	if err != nil || got != want {
		t.Fatalf("Encode = %q, %v; want %q", got, err, want)
	}
	for amount, line := range map[string]string{"0.01": "EUR0.01", "0.10": "EUR0.1", "5.00": "EUR5", "1234.56": "EUR1234.56", "999999999.99": "EUR999999999.99"} {
		got, err := payslip.EPC{Name: "A", IBAN: "DE89370400440532013000", Amount: money.MustNew(amount, money.EUR)}.Encode()
		if err != nil || !strings.HasSuffix(got, "\n"+line) {
			t.Errorf("amount %s: Encode = %q, %v; want it to end in %q", amount, got, err, line)
		}
	}
}

func TestEPCEncodeErrors(t *testing.T) {
	good := payslip.EPC{Version: 1, BIC: "BHBLDEHHXXX", Name: "Franz Mustermänn", IBAN: "DE71110220330123456789",
		Amount: money.MustNew("12.30", money.EUR), Purpose: "GDDS", Reference: rf(t, "RF18539007547034")}
	fi, _ := letters.NewReference(letters.FIReference, "123")
	tests := []struct {
		name   string
		edit   func(*payslip.EPC)
		fields []string
	}{
		{"version 3", func(e *payslip.EPC) { e.Version = 3 }, []string{"EPC.Version"}},
		{"001 without BIC", func(e *payslip.EPC) { e.BIC = "" }, []string{"EPC.BIC"}},
		{"BIC length", func(e *payslip.EPC) { e.BIC = "BHBLDEHHXX" }, []string{"EPC.BIC"}},
		{"BIC country", func(e *payslip.EPC) { e.BIC = "BHBL12HH" }, []string{"EPC.BIC"}},
		{"no name", func(e *payslip.EPC) { e.Name = "  " }, []string{"EPC.Name"}},
		{"name 71", func(e *payslip.EPC) { e.Name = strings.Repeat("ä", 71) }, []string{"EPC.Name"}},
		{"name line feed", func(e *payslip.EPC) { e.Name = "Franz\nMustermann" }, []string{"EPC.Name"}},
		{"IBAN check", func(e *payslip.EPC) { e.IBAN = "DE71110220330123456788" }, []string{"EPC.IBAN"}},
		{"IBAN short", func(e *payslip.EPC) { e.IBAN = "DE7111" }, []string{"EPC.IBAN"}},
		{"IBAN character", func(e *payslip.EPC) { e.IBAN = "DE71-1102-2033-0123-4567-89" }, []string{"EPC.IBAN"}},
		{"DKK", func(e *payslip.EPC) { e.Amount = money.MustNew("12.30", money.DKK) }, []string{"EPC.Amount"}},
		{"zero", func(e *payslip.EPC) { e.Amount = money.MustNew("0", money.EUR) }, []string{"EPC.Amount"}},
		{"too much", func(e *payslip.EPC) { e.Amount = money.MustNew("1000000000", money.EUR) }, []string{"EPC.Amount"}},
		{"purpose 5", func(e *payslip.EPC) { e.Purpose = "GDDSX" }, []string{"EPC.Purpose"}},
		{"purpose lower", func(e *payslip.EPC) { e.Purpose = "gdds" }, []string{"EPC.Purpose"}},
		{"national reference", func(e *payslip.EPC) { e.Reference = fi }, []string{"EPC.Reference"}},
		{"reference and text", func(e *payslip.EPC) { e.Text = "Invoice 1" }, []string{"EPC.Text"}},
		{"text 141", func(e *payslip.EPC) { e.Reference, e.Text = letters.Reference{}, strings.Repeat("x", 141) }, []string{"EPC.Text"}},
		{"information 71", func(e *payslip.EPC) { e.Information = strings.Repeat("x", 71) }, []string{"EPC.Information"}},
		{"several", func(e *payslip.EPC) { e.BIC, e.IBAN, e.Purpose = "", "", "toolong" },
			[]string{"EPC.BIC", "EPC.IBAN", "EPC.Purpose"}},
		{"over 331 bytes", func(e *payslip.EPC) {
			e.Name, e.Reference, e.Text, e.Information = strings.Repeat("ä", 70), letters.Reference{}, strings.Repeat("ö", 140), strings.Repeat("x", 70)
		}, []string{"EPC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := good
			tt.edit(&e)
			_, err := e.Encode()
			checkFields(t, err, tt.fields...)
		})
	}
}

func TestEPCMaxPayload(t *testing.T) {
	e := payslip.EPC{Name: strings.Repeat("a", 70), IBAN: "DE89370400440532013000",
		Amount: money.MustNew("999999999.99", money.EUR), Text: "t", Information: strings.Repeat("i", 70)}
	p, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	e.Text += strings.Repeat("t", payslip.MaxEPCPayload-len(p))
	p, err = e.Encode()
	if err != nil || len(p) != payslip.MaxEPCPayload {
		t.Fatalf("Encode: %d bytes, %v; want exactly %d", len(p), err, payslip.MaxEPCPayload)
	}
	e.Text += "t"
	_, err = e.Encode()
	checkFields(t, err, "EPC")
}

func TestParseEPCErrors(t *testing.T) {
	ex1 := epcVectors(t)[0].payload
	repl := func(old, new string) string { return strings.Replace(ex1, old, new, 1) }
	tests := []struct {
		name, payload string
		fields        []string
	}{
		{"empty", "", []string{"EPC"}},
		{"six elements", "BCD\n002\n1\nSCT\n\nA", []string{"EPC"}},
		{"thirteen elements", ex1 + "\n\nx\ny", []string{"EPC"}},
		{"service tag", repl("BCD", "ABC"), []string{"EPC.ServiceTag"}},
		{"version", repl("\n001\n", "\n003\n"), []string{"EPC.Version"}},
		{"character set", repl("\n1\nSCT", "\n9\nSCT"), []string{"EPC.CharacterSet"}},
		{"UTF-8 invalid", repl("ä", "\xe4"), []string{"EPC.CharacterSet"}},
		{"ISO 8859-2 non-ASCII", repl("\n1\nSCT", "\n3\nSCT"), []string{"EPC.CharacterSet"}},
		{"identification", repl("SCT", "INST"), []string{"EPC.Identification"}},
		{"BIC", repl("BHBLDEHHXXX", "BHBLDEHH1"), []string{"EPC.BIC"}},
		{"IBAN", repl("DE71110220330123456789", "DE71110220330123456780"), []string{"EPC.IBAN"}},
		{"amount no EUR", repl("EUR12.3", "12.3"), []string{"EPC.Amount"}},
		{"amount comma", repl("EUR12.3", "EUR12,30"), []string{"EPC.Amount"}},
		{"amount 3 decimals", repl("EUR12.3", "EUR12.300"), []string{"EPC.Amount"}},
		{"amount zero", repl("EUR12.3", "EUR0.00"), []string{"EPC.Amount"}},
		{"amount 10 digits", repl("EUR12.3", "EUR1000000000"), []string{"EPC.Amount"}},
		{"amount sign", repl("EUR12.3", "EUR-12.3"), []string{"EPC.Amount"}},
		{"RF check", repl("RF18539007547034", "RF19539007547034"), []string{"EPC.Reference"}},
		{"reference and text", ex1 + "\nInvoice 1", []string{"EPC.Text"}},
		{"too long", ex1 + "\n\n" + strings.Repeat("x", 300), []string{"EPC"}},
		{"several", strings.Replace(repl("BHBLDEHHXXX", ""), "GDDS", "G-DS", 1), []string{"EPC.BIC", "EPC.Purpose"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := payslip.ParseEPC(tt.payload)
			checkFields(t, err, tt.fields...)
		})
	}
}
