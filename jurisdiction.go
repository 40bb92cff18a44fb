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
// The code names the law; the law itself is a pack (package law): the SDK ships packs
// for the codes below, and a host brings its own for any other code (or a variant of a
// shipped one). Any well-formed code is therefore valid here; whether a pack exists
// for it is the law package's question.
//
// The zero value is no jurisdiction and is not valid.
type Jurisdiction string

// The jurisdictions the SDK ships law packs for.
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
	// GB is the United Kingdom (Late Payment of Commercial Debts (Interest) Act 1998).
	// Its law is a data-only pack in package law; the calculator packages' own
	// tables (fees, interest) cover the seven above.
	GB Jurisdiction = "GB"
	// FR is France (Code de commerce L441-10; Code monétaire et financier L313-2).
	// Like GB, its law is a data-only pack in package law.
	FR Jurisdiction = "FR"
)

// Jurisdictions returns the seven jurisdictions whose law the calculator packages
// (fees, interest) encode in their own tables, in a fixed order: DK, SE, NO, DE, NL,
// FI, EU. The law package ships packs for these and for GB and FR (law.Builtins).
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
	case GB:
		return jurisdictionFacts{"the United Kingdom", "GBP", "Europe/London"}, true
	case FR:
		return jurisdictionFacts{"France", "EUR", "Europe/Paris"}, true
	}
	return jurisdictionFacts{}, false
}

// ParseJurisdiction returns the jurisdiction for a code such as "DK", "eu" or "be".
// Surrounding spaces and letter case are ignored. A code that is not two letters is a
// *[FieldError] that unwraps to [ErrInvalid]. A well-formed code the SDK ships no law
// for ("BE") parses: a host pack (package law) gives its law.
func ParseJurisdiction(s string) (Jurisdiction, error) {
	j := Jurisdiction(strings.ToUpper(strings.TrimSpace(s)))
	if !j.IsValid() {
		return "", &FieldError{Field: "Jurisdiction", Value: s, Reason: invalidJurisdiction}
	}
	return j, nil
}

// invalidJurisdiction is the reason every invalid code is refused with.
const invalidJurisdiction = "is not a jurisdiction code (want two letters such as DK, GB or FR, or EU; a code without a shipped law pack needs a host pack)"

// IsValid reports whether j is a well-formed code: two upper-case ASCII letters (an
// ISO 3166-1 alpha-2 code, or EU). It does not allocate. Whether the SDK ships a law
// pack for it is [Jurisdiction.Builtin].
func (j Jurisdiction) IsValid() bool {
	return len(j) == 2 && j[0] >= 'A' && j[0] <= 'Z' && j[1] >= 'A' && j[1] <= 'Z'
}

// Builtin reports whether the SDK ships a law pack for j: DK, SE, NO, DE, NL, FI,
// EU, GB or FR.
func (j Jurisdiction) Builtin() bool {
	_, ok := j.facts()
	return ok
}

// String returns the code, such as "DK". An invalid value prints visibly, as
// "Jurisdiction(\"XX\")".
func (j Jurisdiction) String() string {
	if j.IsValid() {
		return string(j)
	}
	return fmt.Sprintf("Jurisdiction(%q)", string(j))
}

// Name returns the English name of the jurisdiction, such as "Denmark", or "" for a
// code without a shipped pack (a host pack names its own).
func (j Jurisdiction) Name() string {
	f, _ := j.facts()
	return f.name
}

// Language returns the language letters are written in when the debtor has no preference:
// Danish for DK, Swedish for SE, Norwegian Bokmål for NO, German for DE, Dutch for NL,
// Finnish for FI, English for EU and GB, French for FR (Norwegian is "nb", Bokmål). It
// returns language.Und for a code without a shipped pack. Letters are written in seven
// languages (package letters): French falls back to English there.
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
	case EU, GB:
		return language.English
	case FR:
		return language.French
	}
	return language.Und
}

// CurrencyCode returns the ISO 4217 code of the jurisdiction's currency ("DKK", "SEK",
// "NOK", "GBP", or "EUR" for DE, NL, FI, FR and EU), or "" for a code without a
// shipped pack.
func (j Jurisdiction) CurrencyCode() string {
	f, _ := j.facts()
	return f.currency
}

// TimeZone returns the IANA name of the jurisdiction's time zone, such as
// "Europe/Copenhagen", for loading the location in which "today" is computed
// (see date.Today). It returns "" for a code without a shipped pack.
func (j Jurisdiction) TimeZone() string {
	f, _ := j.facts()
	return f.timeZone
}

// MarshalText implements encoding.TextMarshaler. The zero value marshals to empty text.
func (j Jurisdiction) MarshalText() ([]byte, error) {
	if j != "" && !j.IsValid() {
		return nil, &FieldError{Field: "Jurisdiction", Value: string(j), Reason: invalidJurisdiction}
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
