package payslip

import (
	"strconv"
	"strings"
	"time"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// FIBarcode is the content of a Finnish bank barcode (pankkiviivakoodi), printed on
// a Finnish invoice as the 54-digit virtual bar code (virtuaaliviivakoodi) that the
// payer copies into the online bank. Encode writes the digits, ParseFIBarcode reads
// them.
//
// The symbol version follows from the reference: a Finnish national reference
// (letters.FIReference) gives version 4, an RF creditor reference
// (letters.RFReference) of digits only gives version 5.
type FIBarcode struct {
	// IBAN is the payee's Finnish account, "FI" and 16 digits; spaces are ignored.
	IBAN string
	// Amount is the amount in EUR, 0.01 to 999999.99, or Money{} (or 0.00 EUR) when
	// the code carries no amount and the payer enters it.
	Amount money.Money
	// Reference is the payment reference: a letters.FIReference (version 4) or a
	// letters.RFReference whose characters after "RF" are digits (version 5).
	// Required.
	Reference letters.Reference
	// Due is the due date, 2000-01-01 to 2099-12-31, or the zero Date for none.
	Due date.Date
}

// Encode returns the 54 digits of the virtual bar code:
//
//	version 4: 4, IBAN without "FI" (16), euros (6), cents (2), 000,
//	           national reference right-aligned with leading zeros (20), due date YYMMDD (6)
//	version 5: 5, IBAN without "FI" (16), euros (6), cents (2), RF check digits (2),
//	           RF reference after "RFnn" right-aligned with leading zeros (21), due date YYMMDD (6)
//
// A missing amount is 00000000 and a missing due date 000000. Every problem found
// is returned, each a *dunning.FieldError naming the field ("FIBarcode.IBAN", ...)
// and the value, joined with errors.Join.
func (b FIBarcode) Encode() (string, error) {
	var errs []error
	bad := func(field, value, reason string) { errs = append(errs, fieldError(field, value, reason)) }

	iban, why := checkIBAN(b.IBAN)
	if why == "" && (!strings.HasPrefix(iban, "FI") || len(iban) != 18 || !allDigits(iban[2:])) {
		why = `is not a Finnish IBAN ("FI" and 16 digits)`
	}
	if why != "" {
		bad("FIBarcode.IBAN", b.IBAN, why)
	}
	cents, why := checkAmount(b.Amount, money.EUR, 0, 99999999)
	if why != "" {
		bad("FIBarcode.Amount", moneyValue(b.Amount), why)
	}
	var version byte
	var ref string
	switch r := b.Reference.String(); b.Reference.Kind() {
	case letters.FIReference:
		version = '4'
		ref = "000" + strings.Repeat("0", 20-len(r)) + r
	case letters.RFReference:
		version = '5'
		if body := r[4:]; !allDigits(body) {
			bad("FIBarcode.Reference", r, "has letters; the bar code holds an RF reference of digits only")
		} else {
			ref = r[2:4] + strings.Repeat("0", 21-len(body)) + body
		}
	case 0:
		bad("FIBarcode.Reference", "", "is required")
	default:
		bad("FIBarcode.Reference", r, "has kind "+b.Reference.Kind().String()+"; want an FI national reference (version 4) or an RF reference (version 5)")
	}
	due := "000000"
	if !b.Due.IsZero() {
		if y := b.Due.Year(); y < 2000 || y > 2099 {
			bad("FIBarcode.Due", b.Due.String(), "is outside 2000-01-01 to 2099-12-31 (the bar code has a two-digit year)")
		} else {
			due = b.Due.String()[2:4] + b.Due.String()[5:7] + b.Due.String()[8:10]
		}
	}
	if len(errs) > 0 {
		return "", join(errs)
	}
	amount := strconv.FormatInt(cents, 10)
	return string(version) + iban[2:] + strings.Repeat("0", 8-len(amount)) + amount + ref + due, nil
}

// ParseFIBarcode reads the 54 digits of a virtual bar code (spaces are ignored):
// version 4 or 5, a Finnish IBAN whose check digits match, the amount (00000000
// gives Money{}), the reference (version 4: the three reserved digits must be 000
// and the reference, its leading zeros dropped, a valid national reference;
// version 5: the RF reference, its leading zeros dropped, must be valid) and the due
// date (000000 gives the zero Date; otherwise a valid date, read as 20YY). Every
// problem found is returned, each a *dunning.FieldError naming the field
// ("FIBarcode.Reference", ...) and the digits it was read from, joined with
// errors.Join. Bad input never panics.
//
// A version 5 code does not keep leading zeros of the RF reference's body (the
// bar code pads with zeros), so "RF..00123" is read back without them.
func ParseFIBarcode(code string) (FIBarcode, error) {
	v := compact(code, "")
	if len(v) != 54 || !allDigits(v) {
		return FIBarcode{}, fieldError("FIBarcode", code, "is not 54 digits")
	}
	var errs []error
	bad := func(field, value, reason string) { errs = append(errs, fieldError(field, value, reason)) }
	var b FIBarcode

	iban := "FI" + v[1:17]
	if _, why := checkIBAN(iban); why != "" {
		bad("FIBarcode.IBAN", v[1:17], why)
	}
	b.IBAN = iban

	if cents, _ := strconv.ParseInt(v[17:25], 10, 64); cents > 0 {
		b.Amount, _ = money.FromMinorUnits(cents, money.EUR)
	}

	switch v[0] {
	case '4':
		if v[25:28] != "000" {
			bad("FIBarcode", code, "has "+v[25:28]+" in the reserved digits 26 to 28; want 000")
		}
		r, err := letters.ParseReference(letters.FIReference, v[28:48])
		if err != nil {
			errs = append(errs, refError("FIBarcode.Reference", v[28:48], err))
		}
		b.Reference = r
	case '5':
		s := "RF" + v[25:27] + strings.TrimLeft(v[27:48], "0")
		r, err := letters.ParseReference(letters.RFReference, s)
		if err != nil {
			errs = append(errs, refError("FIBarcode.Reference", v[25:48], err))
		}
		b.Reference = r
	default:
		bad("FIBarcode", code, "has version "+v[:1]+"; want 4 or 5")
	}

	if d := v[48:]; d != "000000" {
		yy, _ := strconv.Atoi(d[0:2])
		mm, _ := strconv.Atoi(d[2:4])
		dd, _ := strconv.Atoi(d[4:6])
		due, err := date.New(2000+yy, time.Month(mm), dd)
		if err != nil {
			bad("FIBarcode.Due", d, "is not a date YYMMDD")
		}
		b.Due = due
	}
	if len(errs) > 0 {
		return FIBarcode{}, join(errs)
	}
	return b, nil
}
