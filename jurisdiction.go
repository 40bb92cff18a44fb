package dunning

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Jurisdiction is the legal system whose dunning, interest, fee and court rules apply to
// a case. It is an upper-case code: the ISO 3166-1 alpha-2 code of the country, or "EU" for
// the baseline of the Late Payment Directive 2011/7/EU.
//
// The zero value is no jurisdiction and is not valid.
type Jurisdiction string

// The jurisdictions the SDK encodes.
const (
	DK Jurisdiction = "DK" // Denmark
	SE Jurisdiction = "SE" // Sweden
	NO Jurisdiction = "NO" // Norway
	DE Jurisdiction = "DE" // Germany
	NL Jurisdiction = "NL" // the Netherlands
	FI Jurisdiction = "FI" // Finland
	// EU is the baseline of Directive 2011/7/EU on late payment in commercial
	// transactions, for creditors outside the six encoded countries.
	EU Jurisdiction = "EU"
)

// Jurisdictions returns every jurisdiction the SDK encodes, in a fixed order.
func Jurisdictions() []Jurisdiction {
	return []Jurisdiction{DK, SE, NO, DE, NL, FI, EU}
}

// jurisdictionFacts are the per-jurisdiction defaults that are not law: its name, its
// currency and its time zone. They are plain strings so that looking them up never
// allocates (IsValid is on the hot path of every calculator).
type jurisdictionFacts struct {
	name     string
	currency string
	timeZone string
}

func (j Jurisdiction) facts() (jurisdictionFacts, bool) {
	switch j {
	case DK:
		return jurisdictionFacts{"Denmark", "DKK", "Europe/Copenhagen"}, true
	case SE:
		return jurisdictionFacts{"Sweden", "SEK", "Europe/Stockholm"}, true
	case NO:
		return jurisdictionFacts{"Norway", "NOK", "Europe/Oslo"}, true
	case DE:
		return jurisdictionFacts{"Germany", "EUR", "Europe/Berlin"}, true
	case NL:
		return jurisdictionFacts{"the Netherlands", "EUR", "Europe/Amsterdam"}, true
	case FI:
		return jurisdictionFacts{"Finland", "EUR", "Europe/Helsinki"}, true
	case EU:
		return jurisdictionFacts{"the EU directive baseline", "EUR", "Europe/Brussels"}, true
	}
	return jurisdictionFacts{}, false
}

// ParseJurisdiction returns the jurisdiction for a code such as "DK" or "eu". Surrounding
// spaces and letter case are ignored. An unknown code is a *[FieldError] that unwraps to
// [ErrInvalid].
func ParseJurisdiction(s string) (Jurisdiction, error) {
	j := Jurisdiction(strings.ToUpper(strings.TrimSpace(s)))
	if !j.IsValid() {
		return "", &FieldError{Field: "Jurisdiction", Value: s, Reason: "is not a supported jurisdiction (want one of DK, SE, NO, DE, NL, FI, EU)"}
	}
	return j, nil
}

// IsValid reports whether j is one of the jurisdictions the SDK encodes.
func (j Jurisdiction) IsValid() bool {
	switch j {
	case DK, SE, NO, DE, NL, FI, EU:
		return true
	}
	return false
}

// String returns the code, such as "DK". An invalid value prints visibly, as
// "Jurisdiction(\"XX\")".
func (j Jurisdiction) String() string {
	if j.IsValid() {
		return string(j)
	}
	return fmt.Sprintf("Jurisdiction(%q)", string(j))
}

// Name returns the English name of the jurisdiction, such as "Denmark".
func (j Jurisdiction) Name() string {
	f, _ := j.facts()
	return f.name
}

// Language returns the language letters are written in when the debtor has no preference:
// Danish for DK, Swedish for SE, Norwegian Bokmål for NO, German for DE, Dutch for NL,
// Finnish for FI and English for EU (Norwegian is "nb", Bokmål). It returns language.Und for an invalid jurisdiction.
func (j Jurisdiction) Language() language.Tag {
	switch j {
	case DK:
		return language.Danish
	case SE:
		return language.Swedish
	case NO:
		// x/text has no constant for Bokmål; language.Norwegian is the macrolanguage "no".
		return language.Make("nb")
	case DE:
		return language.German
	case NL:
		return language.Dutch
	case FI:
		return language.Finnish
	case EU:
		return language.English
	}
	return language.Und
}

// CurrencyCode returns the ISO 4217 code of the jurisdiction's currency ("DKK", "SEK",
// "NOK", or "EUR" for DE, NL, FI and EU), or "" for an invalid jurisdiction.
func (j Jurisdiction) CurrencyCode() string {
	f, _ := j.facts()
	return f.currency
}

// TimeZone returns the IANA name of the jurisdiction's time zone, such as
// "Europe/Copenhagen", for loading the location in which "today" is computed
// (see date.Today). It returns "" for an invalid jurisdiction.
func (j Jurisdiction) TimeZone() string {
	f, _ := j.facts()
	return f.timeZone
}

// MarshalText implements encoding.TextMarshaler. The zero value marshals to empty text.
func (j Jurisdiction) MarshalText() ([]byte, error) {
	if j != "" && !j.IsValid() {
		return nil, &FieldError{Field: "Jurisdiction", Value: string(j), Reason: "is not a supported jurisdiction"}
	}
	return []byte(j), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting what [ParseJurisdiction]
// accepts, and empty text as the zero value.
func (j *Jurisdiction) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*j = ""
		return nil
	}
	v, err := ParseJurisdiction(string(b))
	if err != nil {
		return err
	}
	*j = v
	return nil
}

// PartyKind says whether a party is a consumer or a business. Every law the SDK encodes
// treats them differently: compensation fees apply only to business debtors (E6), interest
// margins differ (DE § 288 BGB), and collection-cost caps differ (NO salær ×1.5).
//
// The zero value is unknown and is not valid: the SDK never guesses a debtor's kind.
type PartyKind uint8

// The kinds of party.
const (
	Consumer PartyKind = iota + 1 // a natural person acting outside a trade or profession
	Business                      // an undertaking or a public authority
)

// ParsePartyKind returns the kind for "consumer" or "business" (any letter case).
func ParsePartyKind(s string) (PartyKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "consumer":
		return Consumer, nil
	case "business":
		return Business, nil
	}
	return 0, &FieldError{Field: "PartyKind", Value: s, Reason: `is not a party kind (want "consumer" or "business")`}
}

// IsValid reports whether k is Consumer or Business.
func (k PartyKind) IsValid() bool { return k == Consumer || k == Business }

// String returns "consumer" or "business"; other values print as "PartyKind(n)".
func (k PartyKind) String() string {
	switch k {
	case Consumer:
		return "consumer"
	case Business:
		return "business"
	}
	return fmt.Sprintf("PartyKind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler. The zero value marshals to empty text.
func (k PartyKind) MarshalText() ([]byte, error) {
	if k == 0 {
		return []byte{}, nil
	}
	if !k.IsValid() {
		return nil, &FieldError{Field: "PartyKind", Value: k.String(), Reason: "is not a party kind"}
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting what [ParsePartyKind]
// accepts, and empty text as the zero value.
func (k *PartyKind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = 0
		return nil
	}
	v, err := ParsePartyKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
