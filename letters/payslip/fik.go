package payslip

import (
	"strconv"
	"strings"

	"github.com/dunning-go/dunning/internal/checkdigit"
	"github.com/dunning-go/dunning/letters"
)

// FIK is the code line (kodelinje) of a Danish payment slip (Fælles Indbetalingskort)
// that the payer types into the online bank: the card type, the payment id and the
// creditor number. Encode writes it, ParseFIK reads it. The amount is not part of
// the code line.
type FIK struct {
	// Card is the card type (kortart): 71 (payment id of 15 digits), 73 (no payment
	// id; the payer writes a message) or 75 (payment id of 16 digits).
	Card int
	// PaymentID identifies the payment (betalings-id): for card 71 a 15-digit
	// letters.FIK71 reference (letters.NewReference(letters.FIK71, base) makes one),
	// for card 75 16 digits whose last is a Luhn check digit, for card 73 empty.
	// Spaces are ignored.
	PaymentID string
	// Creditor is the 8-digit FI creditor number (kreditornummer) the bank
	// assigned. Spaces are ignored.
	Creditor string
}

// Encode returns the code line: "+71<" payment id "+" creditor "<" for cards 71 and
// 75, such as "+71<000000000000026+81234567<", and "+73<+" creditor "<" for card 73.
// The line has no spaces (forms print it with one after the first "<"; ParseFIK
// accepts both). Every problem found is returned, each a *dunning.FieldError naming
// the field ("FIK.PaymentID", ...) and the value, joined with errors.Join.
func (f FIK) Encode() (string, error) {
	id, cred, err := f.check()
	if err != nil {
		return "", err
	}
	switch f.Card {
	case 71: // the +71 line is letters.Reference.FIKLine's
		ref, err := letters.ParseReference(letters.FIK71, id)
		if err != nil {
			return "", err
		}
		return ref.FIKLine(cred)
	case 73:
		return "+73<+" + cred + "<", nil
	}
	return "+75<" + id + "+" + cred + "<", nil
}

// check validates f and returns the compact payment id and creditor number.
func (f FIK) check() (id, cred string, err error) {
	var errs []error
	id = compact(f.PaymentID, "")
	cred = compact(f.Creditor, "")
	switch f.Card {
	case 71:
		if _, rerr := letters.ParseReference(letters.FIK71, id); rerr != nil {
			errs = append(errs, refError("FIK.PaymentID", f.PaymentID, rerr))
		}
	case 73:
		if id != "" {
			errs = append(errs, fieldError("FIK.PaymentID", f.PaymentID, "is set; card 73 has no payment id"))
		}
	case 75:
		if len(id) != 16 || !allDigits(id) {
			errs = append(errs, fieldError("FIK.PaymentID", f.PaymentID, "is not 16 digits (card 75)"))
		} else if !checkdigit.ValidLuhn(id) {
			errs = append(errs, fieldError("FIK.PaymentID", f.PaymentID, "fails the modulus 10 (Luhn) check digit"))
		}
	default:
		errs = append(errs, fieldError("FIK.Card", strconv.Itoa(f.Card), "is not 71, 73 or 75"))
	}
	if len(cred) != 8 || !allDigits(cred) {
		errs = append(errs, fieldError("FIK.Creditor", f.Creditor, "is not 8 digits"))
	}
	return id, cred, join(errs)
}

// ParseFIK reads a code line "+71<payment id+creditor<", "+73<+creditor<" or
// "+75<payment id+creditor<"; white space anywhere is ignored, so the printed
// "+71< 000000000000026+81234567<" is accepted. The payment id and creditor number
// are checked as Encode checks them. Every problem found is returned, each a
// *dunning.FieldError, joined with errors.Join. Bad input never panics.
func ParseFIK(line string) (FIK, error) {
	v := compact(line, "")
	fail := func(reason string) (FIK, error) {
		return FIK{}, fieldError("FIK", line, reason)
	}
	if len(v) < 4 || v[0] != '+' || v[3] != '<' {
		return fail(`is not a code line of the form "+71<payment id+creditor number<"`)
	}
	var f FIK
	switch v[1:3] {
	case "71":
		f.Card = 71
	case "73":
		f.Card = 73
	case "75":
		f.Card = 75
	default:
		return fail("has card type " + strconv.Quote("+"+v[1:3]) + "; want +71, +73 or +75")
	}
	rest, ok := strings.CutSuffix(v[4:], "<")
	if !ok {
		return fail(`does not end with "<"`)
	}
	f.PaymentID, f.Creditor, ok = strings.Cut(rest, "+")
	if !ok {
		return fail(`has no "+" before the creditor number`)
	}
	if _, _, err := f.check(); err != nil {
		return FIK{}, err
	}
	return f, nil
}
