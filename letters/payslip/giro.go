package payslip

import (
	"math"
	"strings"

	"github.com/dunning-go/dunning/internal/checkdigit"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// Bankgiro is a Swedish bankgiro number: 7 or 8 digits, the last a Luhn (modulus
// 10) check digit, held as its digits. ParseBankgiro makes a valid one.
type Bankgiro string

// ParseBankgiro validates a bankgiro number; spaces and hyphens are ignored, so
// "5402-9681" and "54029681" are the same number. The error is a
// *dunning.FieldError for field "Bankgiro".
func ParseBankgiro(s string) (Bankgiro, error) {
	v := compact(s, "-")
	switch {
	case !allDigits(v) || len(v) < 7 || len(v) > 8:
		return "", fieldError("Bankgiro", s, "is not 7 or 8 digits")
	case !checkdigit.ValidLuhn(v):
		return "", fieldError("Bankgiro", s, "fails the modulus 10 (Luhn) check digit")
	}
	return Bankgiro(v), nil
}

// String returns the number as it is printed, the last four digits after a hyphen:
// "5402-9681", "297-3675".
func (b Bankgiro) String() string {
	s := string(b)
	if len(s) < 5 {
		return s
	}
	return s[:len(s)-4] + "-" + s[len(s)-4:]
}

// Plusgiro is a Swedish plusgiro number: 2 to 8 digits, the last a Luhn (modulus
// 10) check digit, held as its digits. ParsePlusgiro makes a valid one.
type Plusgiro string

// ParsePlusgiro validates a plusgiro number; spaces and hyphens are ignored. The
// error is a *dunning.FieldError for field "Plusgiro".
func ParsePlusgiro(s string) (Plusgiro, error) {
	v := compact(s, "-")
	switch {
	case !allDigits(v) || len(v) < 2 || len(v) > 8:
		return "", fieldError("Plusgiro", s, "is not 2 to 8 digits")
	case !checkdigit.ValidLuhn(v):
		return "", fieldError("Plusgiro", s, "fails the modulus 10 (Luhn) check digit")
	}
	return Plusgiro(v), nil
}

// String returns the number as it is printed: the check digit after a hyphen and
// the digits before it in groups of two from the right, "28 65 43-4",
// "410 54 68-5", "4-2".
func (p Plusgiro) String() string {
	s := string(p)
	if len(s) < 2 {
		return s
	}
	body, check := s[:len(s)-1], s[len(s)-1:]
	var parts []string
	for len(body) > 3 {
		parts = append([]string{body[len(body)-2:]}, parts...)
		body = body[:len(body)-2]
	}
	parts = append([]string{body}, parts...)
	return strings.Join(parts, " ") + "-" + check
}

// SEGiro is what a Swedish payment slip (inbetalningskort) for a bankgiro or
// plusgiro account carries: the account, the OCR reference and the amount. Its
// machine-readable bottom line is not produced (see the package documentation).
type SEGiro struct {
	Bankgiro Bankgiro // the payee's bankgiro number; set exactly one of Bankgiro and Plusgiro
	Plusgiro Plusgiro // the payee's plusgiro number
	// Reference is the OCR reference, a letters.OCR or letters.OCRWithLength
	// reference, or the zero Reference when the slip has none.
	Reference letters.Reference
	// Amount is the amount in SEK, or Money{} when the payer fills it in.
	Amount money.Money
}

// Validate checks g: exactly one of Bankgiro and Plusgiro, valid; the reference's
// kind; and a positive SEK amount when set. Every
// problem found is returned, each a *dunning.FieldError naming the field
// ("SEGiro.Bankgiro", ...) and the value, joined with errors.Join.
func (g SEGiro) Validate() error {
	var errs []error
	switch {
	case g.Bankgiro == "" && g.Plusgiro == "":
		errs = append(errs, fieldError("SEGiro.Bankgiro", "", "is required when Plusgiro is not set"))
	case g.Bankgiro != "" && g.Plusgiro != "":
		errs = append(errs, fieldError("SEGiro.Plusgiro", string(g.Plusgiro), "is set together with Bankgiro; set one"))
	case g.Bankgiro != "":
		if _, err := ParseBankgiro(string(g.Bankgiro)); err != nil {
			errs = append(errs, fieldError("SEGiro.Bankgiro", string(g.Bankgiro), reasons(err)))
		}
	default:
		if _, err := ParsePlusgiro(string(g.Plusgiro)); err != nil {
			errs = append(errs, fieldError("SEGiro.Plusgiro", string(g.Plusgiro), reasons(err)))
		}
	}
	switch k := g.Reference.Kind(); k {
	case 0, letters.OCR, letters.OCRWithLength:
	default:
		errs = append(errs, fieldError("SEGiro.Reference", g.Reference.String(), "has kind "+k.String()+"; want an OCR reference"))
	}
	if _, why := checkAmount(g.Amount, money.SEK, 1, math.MaxInt64); why != "" {
		errs = append(errs, fieldError("SEGiro.Amount", moneyValue(g.Amount), why))
	}
	return join(errs)
}

// NOAccount is a Norwegian bank account number (kontonummer): 11 digits, the last a
// MOD11 check digit (weights 5,4,3,2,7,6,5,4,3,2 from the left; a check value of
// 10 makes no valid account), held as its digits. ParseNOAccount makes a valid one.
type NOAccount string

// ParseNOAccount validates an account number; spaces and dots are ignored, so
// "1234 56 78903" and "1234.56.78903" are the same account. The error is a
// *dunning.FieldError for field "NOAccount".
func ParseNOAccount(s string) (NOAccount, error) {
	v := compact(s, ".")
	if len(v) != 11 || !allDigits(v) {
		return "", fieldError("NOAccount", s, "is not 11 digits")
	}
	c, _ := checkdigit.Mod11(v[:10], []int{2, 3, 4, 5, 6, 7})
	if c == 11 {
		c = 0
	}
	if c == 10 || int(v[10]-'0') != c {
		return "", fieldError("NOAccount", s, "fails the MOD11 check digit")
	}
	return NOAccount(v), nil
}

// String returns the account as a giro prints it, "1234 56 78903".
func (a NOAccount) String() string {
	s := string(a)
	if len(s) != 11 {
		return s
	}
	return s[:4] + " " + s[4:6] + " " + s[6:]
}

// NOGiro is what a Norwegian giro (OCR giro) carries for the payer: the account to
// pay to, the KID and the amount. Its machine-readable code line is not produced
// (see the package documentation).
type NOGiro struct {
	Account NOAccount // the payee's account ("til konto"). Required.
	// KID is the customer identification, a letters.KIDMod10 or letters.KIDMod11
	// reference, or the zero Reference when the giro has none.
	KID letters.Reference
	// Amount is the amount in NOK, or Money{} when the payer fills it in.
	Amount money.Money
}

// Validate checks g: a valid account, the KID's kind, and a positive NOK amount
// when set. Every problem found is returned, each a
// *dunning.FieldError naming the field ("NOGiro.Account", ...) and the value,
// joined with errors.Join.
func (g NOGiro) Validate() error {
	var errs []error
	if g.Account == "" {
		errs = append(errs, fieldError("NOGiro.Account", "", "is required"))
	} else if _, err := ParseNOAccount(string(g.Account)); err != nil {
		errs = append(errs, fieldError("NOGiro.Account", string(g.Account), reasons(err)))
	}
	switch k := g.KID.Kind(); k {
	case 0, letters.KIDMod10, letters.KIDMod11:
	default:
		errs = append(errs, fieldError("NOGiro.KID", g.KID.String(), "has kind "+k.String()+"; want a KID"))
	}
	if _, why := checkAmount(g.Amount, money.NOK, 1, math.MaxInt64); why != "" {
		errs = append(errs, fieldError("NOGiro.Amount", moneyValue(g.Amount), why))
	}
	return join(errs)
}
