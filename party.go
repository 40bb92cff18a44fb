package dunning

import (
	"errors"
	"net/mail"
	"strings"

	"golang.org/x/text/language"
)

// Party identifies a creditor or a debtor: who they are, whether the law treats them as a
// consumer or a business, which jurisdiction they are in, how to reach them, and the
// language they prefer for letters.
//
// Party is a plain value; the SDK copies it into cases and letters and never changes it.
// Call [Party.Validate] before using one that came from outside.
type Party struct {
	// ID is the host's identifier of the party, such as its customer number. Required.
	ID string
	// Name is the legal name, as it must appear on letters and court forms. Required.
	Name string
	// Kind is Consumer or Business. Required: the SDK never guesses it.
	Kind PartyKind
	// Jurisdiction is where the party is domiciled. Required.
	Jurisdiction Jurisdiction
	// Language is the preferred language for letters. language.Und (the zero value) means
	// no preference: letters use the jurisdiction's language (see [Party.LetterLanguage]).
	Language language.Tag
	// Address is the postal address letters and court forms are sent to.
	Address Address
	// Email is an optional e-mail address, a bare address such as "jens@example.dk".
	Email string
	// Phone is an optional telephone number for SMS, in international form such as
	// "+45 12 34 56 78".
	Phone string
	// Registration is the party's official registration number, if any: a CVR or CPR
	// number, an organisationsnummer, a KvK number, a Y-tunnus.
	Registration Registration
}

// Address is a postal address.
type Address struct {
	Lines      []string // street, building, c/o lines, in the order printed
	PostalCode string
	City       string
	Country    string // ISO 3166-1 alpha-2 code, such as "DK"
}

// IsZero reports whether no part of the address is set.
func (a Address) IsZero() bool {
	return len(a.Lines) == 0 && a.PostalCode == "" && a.City == "" && a.Country == ""
}

// LetterLanguage returns the language letters to p are written in: the preferred
// [Party.Language] when set, otherwise the language of p's jurisdiction.
func (p Party) LetterLanguage() language.Tag {
	if p.Language != language.Und {
		return p.Language
	}
	return p.Jurisdiction.Language()
}

// Validate checks p and returns every problem it finds, each a *[FieldError] unwrapping to
// [ErrInvalid], joined with errors.Join; it returns nil when p is usable. Required are the
// ID, the name, a valid kind and jurisdiction; the address, when given, needs a first
// line, a postal code, a city and a two-letter country; e-mail, phone and registration
// number are checked when present.
func (p Party) Validate() error {
	var errs []error
	add := func(field, value, reason string) {
		errs = append(errs, &FieldError{Field: "Party." + field, Value: value, Reason: reason})
	}
	if strings.TrimSpace(p.ID) == "" {
		add("ID", p.ID, "is required")
	}
	if strings.TrimSpace(p.Name) == "" {
		add("Name", p.Name, "is required")
	}
	if !p.Kind.IsValid() {
		add("Kind", p.Kind.String(), "must be Consumer or Business")
	}
	if !p.Jurisdiction.IsValid() {
		add("Jurisdiction", string(p.Jurisdiction), invalidJurisdiction)
	}
	if !p.Address.IsZero() {
		a := p.Address
		if len(a.Lines) == 0 || strings.TrimSpace(a.Lines[0]) == "" {
			add("Address.Lines", strings.Join(a.Lines, "\n"), "needs at least a street line")
		}
		if strings.TrimSpace(a.PostalCode) == "" {
			add("Address.PostalCode", a.PostalCode, "is required in an address")
		}
		if strings.TrimSpace(a.City) == "" {
			add("Address.City", a.City, "is required in an address")
		}
		if !isCountryCode(a.Country) {
			add("Address.Country", a.Country, "is not an ISO 3166-1 alpha-2 country code such as DK")
		}
	}
	if p.Email != "" {
		if reason := checkEmail(p.Email); reason != "" {
			add("Email", p.Email, reason)
		}
	}
	if p.Phone != "" {
		if reason := checkPhone(p.Phone); reason != "" {
			add("Phone", p.Phone, reason)
		}
	}
	if !p.Registration.IsZero() {
		if err := p.Registration.Validate(); err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				fe.Field = "Party." + fe.Field
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// checkEmail returns why s is not a bare e-mail address, or "".
func checkEmail(s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "is not a bare e-mail address such as name@example.com"
	}
	at := strings.LastIndexByte(s, '@')
	if !strings.Contains(s[at+1:], ".") {
		return "has no domain with a dot after the @"
	}
	return ""
}

// checkPhone returns why s is not an international telephone number, or "".
// It accepts a leading '+', then digits with optional single spaces or hyphens, and
// between 8 and 15 digits in all (ITU-T E.164 allows at most 15).
func checkPhone(s string) string {
	if !strings.HasPrefix(s, "+") {
		return "must be in international form, starting with + and the country code"
	}
	digits := 0
	prevSep := true
	for _, r := range s[1:] {
		switch {
		case r >= '0' && r <= '9':
			digits++
			prevSep = false
		case (r == ' ' || r == '-') && !prevSep:
			prevSep = true
		default:
			return "may contain only digits, single spaces and hyphens after the +"
		}
	}
	if prevSep || digits < 8 || digits > 15 {
		return "must have between 8 and 15 digits (ITU-T E.164)"
	}
	return ""
}
