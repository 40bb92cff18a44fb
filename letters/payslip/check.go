package payslip

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/internal/checkdigit"
	"github.com/dunning-go/dunning/money"
)

// This file holds what the slips share: the error helpers, IBAN and BIC checks,
// separator removal and the text-field rules.

// fieldError returns a *dunning.FieldError for field with the value as given.
func fieldError(field, value, reason string) error {
	return &dunning.FieldError{Field: field, Value: value, Reason: reason}
}

// refError wraps the error of a letters reference function as a FieldError for
// field, keeping the letters error (and so letters.ErrInvalidReference) as its Err.
func refError(field, value string, err error) error {
	return &dunning.FieldError{Field: field, Value: value, Reason: "is not valid: " + reasons(err), Err: err}
}

// join returns nil, the only error of errs, or all of them joined.
func join(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// reasons returns the reasons of the FieldErrors in err, joined with "; ".
func reasons(err error) string {
	var parts []string
	var walk func(error)
	walk = func(e error) {
		if fe, ok := e.(*dunning.FieldError); ok {
			parts = append(parts, fe.Reason)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		parts = append(parts, e.Error())
	}
	walk(err)
	return strings.Join(parts, "; ")
}

// compact removes white space and the runes in drop from s.
func compact(s, drop string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(drop, r) {
			return -1
		}
		return r
	}, s)
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// upperAlnum reports whether s is only 0-9 and A-Z.
func upperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// upperASCII upper-cases the ASCII letters of s.
func upperASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	}, s)
}

// checkIBAN validates an IBAN (ISO 13616): two letters, two check digits and a
// domestic part of 0-9 and A-Z, 15 to 34 characters in all (15 is Norway's length,
// the shortest), whose MOD 97-10 check digits match. Spaces are ignored and letters
// upper-cased. It returns the compact form, or the reason it is not an IBAN. The
// per-country length and structure (the SWIFT IBAN registry) are not checked.
func checkIBAN(s string) (string, string) {
	v := upperASCII(compact(s, ""))
	n := utf8.RuneCountInString(v)
	switch {
	case v == "":
		return "", "is empty"
	case !upperAlnum(v):
		return "", "has characters other than 0-9 and A-Z"
	case n < 15 || n > 34:
		return "", "has " + strconv.Itoa(n) + " characters; want 15 to 34"
	case v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z':
		return "", "does not start with a two-letter country code"
	case !allDigits(v[2:4]):
		return "", "has no two check digits after the country code"
	case !checkdigit.ValidMod97(v):
		return "", "fails the ISO 13616 MOD 97-10 check digits"
	}
	return v, ""
}

// checkBIC validates a BIC (ISO 9362): a four-character party prefix (0-9 A-Z), a
// two-letter country code, a two-character location and optionally a three-character
// branch code, 8 or 11 characters in all. Spaces are ignored and letters
// upper-cased. It returns the compact form, or the reason it is not a BIC.
func checkBIC(s string) (string, string) {
	v := upperASCII(compact(s, ""))
	n := utf8.RuneCountInString(v)
	switch {
	case n != 8 && n != 11:
		return "", "has " + strconv.Itoa(n) + " characters; want 8 or 11"
	case !upperAlnum(v):
		return "", "has characters other than 0-9 and A-Z"
	case v[4] < 'A' || v[4] > 'Z' || v[5] < 'A' || v[5] > 'Z':
		return "", "has no two-letter country code in characters 5 and 6"
	}
	return v, ""
}

// checkText validates a free-text field: valid UTF-8, no control characters (a line
// feed would shift every later element of an EPC payload) and at most max
// characters. It returns the reason, or "".
func checkText(s string, max int) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "contains the control character " + strconv.QuoteRune(r)
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "has " + strconv.Itoa(n) + " characters; want at most " + strconv.Itoa(max)
	}
	return ""
}

// noMoney is the zero money.Money, "no amount".
var noMoney money.Money

// checkAmount validates an optional amount in currency c between minMinor and
// maxMinor minor units. It returns the amount in minor units (0 for Money{}) or the
// reason it is not acceptable.
func checkAmount(m money.Money, c money.Currency, minMinor, maxMinor int64) (int64, string) {
	if m.Equal(noMoney) {
		return 0, ""
	}
	if m.Currency() != c {
		return 0, "is in " + string(m.Currency()) + "; want " + string(c)
	}
	n, err := m.MinorUnits()
	if err != nil {
		return 0, "is not a valid amount: " + err.Error()
	}
	switch {
	case n < minMinor && minMinor == 0:
		return 0, "is negative"
	case n < minMinor:
		lo, _ := money.FromMinorUnits(minMinor, c)
		return 0, "is below " + lo.String()
	case n > maxMinor:
		hi, _ := money.FromMinorUnits(maxMinor, c)
		return 0, "is above " + hi.String()
	}
	return n, ""
}

// moneyValue is how an amount is named in an error: "12.50 EUR", or "" for Money{}.
func moneyValue(m money.Money) string {
	if m.Equal(noMoney) {
		return ""
	}
	return m.String()
}
