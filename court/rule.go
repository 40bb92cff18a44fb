package court

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
)

// Proceeding is the court step a fee is for. The zero value is invalid. What each
// proceeding is called in each jurisdiction is in the package documentation.
type Proceeding uint8

// The proceedings.
const (
	// PaymentOrder asks a court for a title without a hearing: DK betalingspåkrav,
	// SE betalningsföreläggande, DE Mahnbescheid (GKG KV 1100), NO forliksklage.
	PaymentOrder Proceeding = iota + 1
	// Enforcement asks the enforcement court or authority to enforce a title:
	// DK fogedrekvisition (udlæg), SE verkställighet, NO begjæring om utlegg.
	Enforcement
	// CivilCase is filing an ordinary civil case: DK civil case (stævning), DE Klage
	// (3.0 fee, GKG KV 1210), NL kanton griffierecht.
	CivilCase
	// Hearing is the DK hearing fee (berammelsesafgift), due on top of CivilCase when the
	// case goes to a main hearing.
	Hearing
	// Conversion is the fee for passing a payment order the debtor objected to on to the
	// civil court: DK (UNVERIFIED), DE the further 2.5 fee.
	Conversion
)

var proceedingNames = []string{"", "payment-order", "enforcement", "civil-case", "hearing", "conversion"}

// String returns "payment-order", "enforcement", "civil-case", "hearing" or "conversion".
func (p Proceeding) String() string { return enumString(p, proceedingNames, "Proceeding") }

// IsValid reports whether p is one of the constants.
func (p Proceeding) IsValid() bool { return enumValid(p, proceedingNames) }

// MarshalText implements encoding.TextMarshaler.
func (p Proceeding) MarshalText() ([]byte, error) {
	return enumMarshal(p, proceedingNames, "Proceeding")
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts what ParseProceeding accepts.
func (p *Proceeding) UnmarshalText(b []byte) error {
	v, err := ParseProceeding(string(b))
	if err == nil {
		*p = v
	}
	return err
}

// ParseProceeding reads the String form of a Proceeding (any case).
func ParseProceeding(s string) (Proceeding, error) {
	return enumParse[Proceeding](s, proceedingNames, "Proceeding")
}

// Rule is one dated row of the fee tables: which fee it sets, for which filing dates,
// on what authority, and how well the research supports it.
type Rule struct {
	// ID names the row, such as "DK-2021-payment-order".
	ID           string
	Jurisdiction dunning.Jurisdiction
	// Proceeding is the step the fee is for; zero for the rows of the German GKG simple-fee
	// table (see GKG).
	Proceeding Proceeding
	// From is the first filing date the row covers. It is the day the rule took effect
	// where the research gives it, otherwise the earliest date the research attests the
	// rule for (Note says which); an earlier filing is refused, never guessed.
	From date.Date
	// To is the first filing date the row no longer covers; the zero Date means the row
	// is in force until a later row replaces it.
	To date.Date
	// Source is the law and section, or the authority's page, as the research cites it.
	Source string
	// Status is the research status of the row's figures; Note says what is flagged.
	Status dunning.Status
	// Note explains flagged figures and how From was chosen, when it needs explaining.
	Note string
}

// Covers reports whether the row applies to a filing on day.
func (r Rule) Covers(day date.Date) bool {
	return !day.Before(r.From) && (r.To.IsZero() || day.Before(r.To))
}
