package payslip_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/internal/checkdigit"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/money"
)

const (
	digits     = "0123456789"
	upper      = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	upperDigit = upper + digits
)

// genFrom draws a string of min to max bytes from alphabet.
func genFrom(t *rapid.T, alphabet string, min, max int, label string) string {
	return rapid.StringOfN(rapid.SampledFrom([]rune(alphabet)), min, max, -1).Draw(t, label)
}

// genNonZeroDigits draws min to max digits, the first not 0.
func genNonZeroDigits(t *rapid.T, min, max int, label string) string {
	return genFrom(t, "123456789", 1, 1, label+"-first") + genFrom(t, digits, min-1, max-1, label)
}

// genIBAN draws a valid IBAN of country with a BBAN of bbanMin to bbanMax
// characters from alphabet.
func genIBAN(t *rapid.T, country, alphabet string, bbanMin, bbanMax int) string {
	bban := genFrom(t, alphabet, bbanMin, bbanMax, "bban")
	cd, ok := checkdigit.Mod97(country, bban)
	if !ok {
		t.Fatalf("Mod97(%q, %q) failed", country, bban)
	}
	return country + string(cd[:]) + bban
}

// textRunes are the characters free text is drawn from: ASCII, Latin letters with
// diacritics, the euro sign, Cyrillic and CJK (multi-byte in UTF-8).
var textRunes = []rune(" abcxyzABCXYZ0129.,:;'-/()&@äöüßçéÅÆØœŠ€ЛевНиколаевич老子이용")

func genText(t *rapid.T, min, max int, label string) string {
	return rapid.StringOfN(rapid.SampledFrom(textRunes), min, max, -1).Draw(t, label)
}

func genEPC(t *rapid.T) payslip.EPC {
	e := payslip.EPC{
		Version: rapid.IntRange(1, 2).Draw(t, "version"),
		Name:    genFrom(t, upper, 1, 1, "name-first") + genText(t, 0, 69, "name"),
		IBAN: genIBAN(t, rapid.SampledFrom([]string{"DE", "FI", "FR", "NL", "AT", "BE", "NO", "IE"}).Draw(t, "country"),
			rapid.SampledFrom([]string{digits, upperDigit}).Draw(t, "bban-alphabet"), 11, 30),
		Information: genText(t, 0, 70, "information"),
	}
	if e.Version == 1 || rapid.Bool().Draw(t, "bic") {
		e.BIC = genFrom(t, upperDigit, 4, 4, "bic-party") + genFrom(t, upper, 2, 2, "bic-country") +
			genFrom(t, upperDigit, 2, 2, "bic-location")
		if rapid.Bool().Draw(t, "bic-branch") {
			e.BIC += genFrom(t, upperDigit, 3, 3, "bic-branch-code")
		}
	}
	if n := rapid.Int64Range(0, 99999999999).Draw(t, "cents"); n > 0 {
		e.Amount, _ = money.FromMinorUnits(n, money.EUR)
	}
	e.Purpose = genFrom(t, upperDigit, 0, 4, "purpose")
	switch rapid.IntRange(0, 2).Draw(t, "remittance") {
	case 1:
		r, err := letters.NewReference(letters.RFReference, genFrom(t, upperDigit, 1, 21, "rf-body"))
		if err != nil {
			t.Fatal(err)
		}
		e.Reference = r
	case 2:
		e.Text = genText(t, 1, 140, "text")
	}
	return e
}

// TestPropEPCRoundTrip: every valid EPC that fits in 331 bytes encodes to a payload
// that ParseEPC reads back to the same fields and that encodes again to the same
// bytes; one that does not fit fails with the size error alone.
func TestPropEPCRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genEPC(t)
		p, err := e.Encode()
		if err != nil {
			var fe *dunning.FieldError
			if !errors.As(err, &fe) || fe.Field != "EPC" || !strings.Contains(fe.Reason, "bytes") {
				t.Fatalf("Encode(%+v): %v", e, err)
			}
			return
		}
		if len(p) > payslip.MaxEPCPayload || strings.HasSuffix(p, "\n") {
			t.Fatalf("payload %q: %d bytes or trailing separator", p, len(p))
		}
		back, err := payslip.ParseEPC(p)
		if err != nil {
			t.Fatalf("ParseEPC(%q): %v", p, err)
		}
		if !sameEPC(back, e) {
			t.Fatalf("ParseEPC(%q)\n got %+v\nwant %+v", p, back, e)
		}
		again, err := back.Encode()
		if err != nil || again != p {
			t.Fatalf("Encode after ParseEPC = %q, %v; want %q", again, err, p)
		}
		// The same payload with CR LF separators reads the same.
		if crlf, err := payslip.ParseEPC(strings.ReplaceAll(p, "\n", "\r\n")); err != nil || !sameEPC(crlf, e) {
			t.Fatalf("ParseEPC with CR LF: %+v, %v", crlf, err)
		}
	})
}

// TestPropParseEPCNeverPanics: arbitrary bytes, and payloads with one element
// changed, are either read or rejected with FieldErrors; never a panic.
func TestPropParseEPCNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p string
		if rapid.Bool().Draw(t, "mutate") {
			e := genEPC(t)
			good, err := e.Encode()
			if err != nil {
				return
			}
			lines := strings.Split(good, "\n")
			i := rapid.IntRange(0, len(lines)-1).Draw(t, "line")
			lines[i] = rapid.String().Draw(t, "element")
			p = strings.Join(lines, "\n")
		} else {
			p = string(rapid.SliceOfN(rapid.Byte(), 0, 400).Draw(t, "bytes"))
		}
		if _, err := payslip.ParseEPC(p); err != nil && !errors.Is(err, dunning.ErrInvalid) {
			t.Fatalf("ParseEPC(%q): %v does not unwrap to dunning.ErrInvalid", p, err)
		}
	})
}

func genFIBarcode(t *rapid.T) payslip.FIBarcode {
	b := payslip.FIBarcode{IBAN: genIBAN(t, "FI", digits, 14, 14)}
	if n := rapid.Int64Range(0, 99999999).Draw(t, "cents"); n > 0 {
		b.Amount, _ = money.FromMinorUnits(n, money.EUR)
	}
	var err error
	if rapid.Bool().Draw(t, "rf") {
		b.Reference, err = letters.NewReference(letters.RFReference, genNonZeroDigits(t, 1, 21, "rf-body"))
	} else {
		b.Reference, err = letters.NewReference(letters.FIReference, genNonZeroDigits(t, 3, 19, "fi-base"))
	}
	if err != nil {
		t.Fatal(err)
	}
	if rapid.Bool().Draw(t, "has-due") {
		first, _ := date.New(2000, time.January, 1)
		b.Due = first.AddDays(rapid.IntRange(0, 36524).Draw(t, "due-days")) // to 2099-12-31
	}
	return b
}

// TestPropFIBarcode: Encode writes each field at its place in the 54 digits, and
// ParseFIBarcode decodes them back.
func TestPropFIBarcode(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := genFIBarcode(t)
		code, err := b.Encode()
		if err != nil {
			t.Fatalf("Encode(%+v): %v", b, err)
		}
		if len(code) != 54 || strings.Trim(code, digits) != "" {
			t.Fatalf("code %q is not 54 digits", code)
		}
		ref := b.Reference.String()
		var wantVersion, wantRef string
		if b.Reference.Kind() == letters.RFReference {
			wantVersion, wantRef = "5", ref[2:4]+strings.Repeat("0", 21-len(ref[4:]))+ref[4:]
		} else {
			wantVersion, wantRef = "4", "000"+strings.Repeat("0", 20-len(ref))+ref
		}
		cents := int64(0)
		if !b.Amount.Equal(money.Money{}) {
			cents, _ = b.Amount.MinorUnits()
		}
		wantDue := "000000"
		if !b.Due.IsZero() {
			wantDue = strings.ReplaceAll(b.Due.String(), "-", "")[2:]
		}
		if code[:1] != wantVersion || code[1:17] != b.IBAN[2:] || code[17:25] != pad(cents, 8) ||
			code[25:48] != wantRef || code[48:] != wantDue {
			t.Fatalf("Encode(%+v) = %s; fields not where the guide puts them", b, code)
		}
		back, err := payslip.ParseFIBarcode(code)
		if err != nil {
			t.Fatalf("ParseFIBarcode(%s): %v", code, err)
		}
		if !sameFIBarcode(back, b) {
			t.Fatalf("ParseFIBarcode(%s)\n got %+v\nwant %+v", code, back, b)
		}
	})
}

// TestPropParseFIBarcodeNeverPanics: any 54 digits are read or rejected with
// FieldErrors.
func TestPropParseFIBarcodeNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		code := genFrom(t, digits, 54, 54, "code")
		if b, err := payslip.ParseFIBarcode(code); err == nil {
			if again, err := b.Encode(); err != nil || again != code {
				t.Fatalf("ParseFIBarcode(%s) = %+v, which encodes to %q, %v", code, b, again, err)
			}
		} else if !errors.Is(err, dunning.ErrInvalid) {
			t.Fatalf("ParseFIBarcode(%s): %v", code, err)
		}
	})
}

func pad(n int64, width int) string {
	s := strconv.FormatInt(n, 10)
	return strings.Repeat("0", width-len(s)) + s
}

// TestPropFIK: every valid slip of the three card types encodes to a line that
// ParseFIK reads back, with or without the printed space.
func TestPropFIK(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := payslip.FIK{Card: rapid.SampledFrom([]int{71, 73, 75}).Draw(t, "card"),
			Creditor: genFrom(t, digits, 8, 8, "creditor")}
		switch f.Card {
		case 71:
			r, err := letters.NewReference(letters.FIK71, genFrom(t, digits, 1, 14, "base"))
			if err != nil {
				t.Fatal(err)
			}
			f.PaymentID = r.String()
		case 75:
			base := genFrom(t, digits, 15, 15, "base")
			c, _ := checkdigit.Luhn(base)
			f.PaymentID = base + string(c)
		}
		line, err := f.Encode()
		if err != nil {
			t.Fatalf("Encode(%+v): %v", f, err)
		}
		for _, l := range []string{line, strings.Replace(line, "<", "< ", 1)} {
			back, err := payslip.ParseFIK(l)
			if err != nil || back != f {
				t.Fatalf("ParseFIK(%q) = %+v, %v; want %+v", l, back, err, f)
			}
		}
	})
}

// TestPropAccounts: numbers with a correct check digit are accepted and their
// printed forms read back to the same number; one changed digit is rejected.
func TestPropAccounts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		otherDigit := func(s string, label string) string {
			i := rapid.IntRange(0, len(s)-1).Draw(t, label+"-pos")
			d := byte('0' + (int(s[i]-'0')+rapid.IntRange(1, 9).Draw(t, label+"-delta"))%10)
			return s[:i] + string(d) + s[i+1:]
		}

		base := genFrom(t, digits, 6, 7, "bankgiro")
		c, _ := checkdigit.Luhn(base)
		bg, err := payslip.ParseBankgiro(base + string(c))
		if err != nil {
			t.Fatal(err)
		}
		if again, err := payslip.ParseBankgiro(bg.String()); err != nil || again != bg {
			t.Fatalf("ParseBankgiro(%q) = %q, %v", bg.String(), again, err)
		}
		if _, err := payslip.ParseBankgiro(otherDigit(string(bg), "bankgiro-change")); err == nil {
			t.Fatalf("one changed digit of %s was accepted", bg)
		}

		base = genFrom(t, digits, 1, 7, "plusgiro")
		c, _ = checkdigit.Luhn(base)
		pg, err := payslip.ParsePlusgiro(base + string(c))
		if err != nil {
			t.Fatal(err)
		}
		if again, err := payslip.ParsePlusgiro(pg.String()); err != nil || again != pg {
			t.Fatalf("ParsePlusgiro(%q) = %q, %v", pg.String(), again, err)
		}

		base = genFrom(t, digits, 10, 10, "account")
		v, _ := checkdigit.Mod11(base, []int{2, 3, 4, 5, 6, 7})
		if v == 10 {
			for d := '0'; d <= '9'; d++ {
				if _, err := payslip.ParseNOAccount(base + string(d)); err == nil {
					t.Fatalf("account %s%c with check value 10 was accepted", base, d)
				}
			}
			return
		}
		acct, err := payslip.ParseNOAccount(base + string(rune('0'+v%11)))
		if err != nil {
			t.Fatal(err)
		}
		if again, err := payslip.ParseNOAccount(acct.String()); err != nil || again != acct {
			t.Fatalf("ParseNOAccount(%q) = %q, %v", acct.String(), again, err)
		}
		if _, err := payslip.ParseNOAccount(otherDigit(string(acct), "account-change")); err == nil {
			t.Fatalf("one changed digit of %s was accepted", acct)
		}
	})
}
