package dunning

import (
	"fmt"
	"strings"

	"github.com/dunning-go/dunning/internal/checkdigit"
)

// RegistrationScheme names the register a [Registration] number belongs to. Each scheme
// knows the shape of its numbers and, where the register publishes one, its check digit.
type RegistrationScheme string

// The registration schemes the SDK validates. A number in any other non-empty scheme is
// accepted as it is.
const (
	// CVR is the Danish Central Business Register number: 8 digits, modulus-11 check
	// (weights 2 7 6 5 4 3 2 1).
	CVR RegistrationScheme = "DK:CVR"
	// CPR is the Danish personal identification number, DDMMYY-SSSS. Only the shape and
	// the birth date are checked: the modulus-11 check was dropped for numbers issued
	// since 2007.
	CPR RegistrationScheme = "DK:CPR"
	// SEOrgNr is the Swedish organisationsnummer (or a personnummer used as one),
	// NNNNNN-NNNN with a Luhn check digit.
	SEOrgNr RegistrationScheme = "SE:ORGNR"
	// NOOrgNr is the Norwegian organisasjonsnummer from Enhetsregisteret: 9 digits,
	// modulus-11 check (weights 3 2 7 6 5 4 3 2).
	NOOrgNr RegistrationScheme = "NO:ORGNR"
	// DEHandelsregister is a German commercial register entry such as "HRB 12345
	// Amtsgericht München"; only its presence is checked.
	DEHandelsregister RegistrationScheme = "DE:HR"
	// NLKvK is the Dutch Kamer van Koophandel number: 8 digits.
	NLKvK RegistrationScheme = "NL:KVK"
	// FIYTunnus is the Finnish business ID (Y-tunnus), NNNNNNN-C with a modulus-11 check
	// digit (weights 7 9 10 5 8 4 2).
	FIYTunnus RegistrationScheme = "FI:YTUNNUS"
)

// Registration is a party's number in an official register.
type Registration struct {
	Scheme RegistrationScheme
	Number string // as the register prints it, e.g. "24256790" or "556012-5790"
}

// IsZero reports whether neither scheme nor number is set.
func (r Registration) IsZero() bool { return r.Scheme == "" && r.Number == "" }

// String returns "scheme number", such as "DK:CVR 24256790".
func (r Registration) String() string {
	if r.IsZero() {
		return ""
	}
	return string(r.Scheme) + " " + r.Number
}

// Validate checks the number against its scheme's shape and check digit and returns a
// *[FieldError] naming "Registration.Number" (or "Registration.Scheme") when it fails.
func (r Registration) Validate() error {
	if r.Scheme == "" {
		return &FieldError{Field: "Registration.Scheme", Value: "", Reason: "is required when a registration number is given"}
	}
	if strings.TrimSpace(r.Number) == "" {
		return &FieldError{Field: "Registration.Number", Value: r.Number, Reason: fmt.Sprintf("is required for scheme %s", r.Scheme)}
	}
	if reason := r.check(); reason != "" {
		return &FieldError{Field: "Registration.Number", Value: r.Number, Reason: reason}
	}
	return nil
}

func (r Registration) check() string {
	switch r.Scheme {
	case CVR:
		d, ok := digitsOf(r.Number, "", 8)
		if !ok {
			return "is not a CVR number (want 8 digits)"
		}
		// Weights 2 7 6 5 4 3 2 over the first seven digits, reversed for Mod11.
		if !mod11Valid(d, 2, 3, 4, 5, 6, 7, 2) {
			return "is not a valid CVR number (check digit)"
		}
	case CPR:
		d, ok := digitsOf(r.Number, "-", 10)
		if !ok {
			return "is not a CPR number (want DDMMYY-SSSS)"
		}
		day, month := int(d[0]-'0')*10+int(d[1]-'0'), int(d[2]-'0')*10+int(d[3]-'0')
		if month < 1 || month > 12 || day < 1 || day > daysInMonthAnyYear(month) {
			return "is not a valid CPR number (no such birth date)"
		}
	case SEOrgNr:
		d, ok := digitsOf(r.Number, "-", 10)
		if !ok {
			return "is not an organisationsnummer (want NNNNNN-NNNN)"
		}
		if !checkdigit.ValidLuhn(d) {
			return "is not a valid organisationsnummer (Luhn check digit)"
		}
	case NOOrgNr:
		d, ok := digitsOf(r.Number, " ", 9)
		if !ok {
			return "is not an organisasjonsnummer (want 9 digits)"
		}
		// Weights 3 2 7 6 5 4 3 2 over the first eight digits, reversed for Mod11.
		if !mod11Valid(d, 2, 3, 4, 5, 6, 7, 2, 3) {
			return "is not a valid organisasjonsnummer (check digit)"
		}
	case NLKvK:
		if _, ok := digitsOf(r.Number, "", 8); !ok {
			return "is not a KvK number (want 8 digits)"
		}
	case FIYTunnus:
		d, ok := digitsOf(r.Number, "-", 8)
		if !ok || strings.IndexByte(r.Number, '-') != 7 {
			return "is not a Y-tunnus (want NNNNNNN-C)"
		}
		// Weights 7 9 10 5 8 4 2 over the first seven digits, reversed for Mod11.
		if !mod11Valid(d, 2, 4, 8, 5, 10, 9, 7) {
			return "is not a valid Y-tunnus (check digit)"
		}
	}
	return ""
}

// digitsOf returns the n digits of s, allowing the separator characters in sep between
// them, or false when s has anything else or another number of digits.
func digitsOf(s, sep string, n int) (string, bool) {
	d := make([]byte, 0, n)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d = append(d, byte(r))
		case sep != "" && strings.ContainsRune(sep, r) && len(d) > 0:
		default:
			return "", false
		}
	}
	return string(d), len(d) == n
}

// mod11Valid reports whether the last digit of d is the modulus-11 check digit of the
// digits before it with the given weights (from the right, as [checkdigit.Mod11] takes
// them). Check value 11 is the digit 0; check value 10 has no digit, so a number whose
// payload gives it is never valid.
func mod11Valid(d string, weights ...int) bool {
	c, ok := checkdigit.Mod11(d[:len(d)-1], weights)
	return ok && c != 10 && byte('0'+c%11) == d[len(d)-1]
}

// daysInMonthAnyYear is the most days month can have (29 for February: a CPR number does
// not say which century, so a leap day cannot be ruled out).
func daysInMonthAnyYear(month int) int {
	switch month {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
