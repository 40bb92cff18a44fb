package money

//go:generate go run ../internal/gen/iso4217

// Currency is an ISO 4217 alphabetic currency code such as "EUR". Its minor units
// (the number of fraction digits an amount has) come from the SDK's own pinned
// ISO 4217 table (see ISO4217Published), not from CLDR: JPY 0, EUR 2, KWD 3, CLF 4,
// and IQD 3, RSD 2, ALL 2 where CLDR says 0.
//
// A Currency is a plain string so hosts can convert their stored codes with
// Currency(code); ParseCurrency (or IsKnown) checks such a value. The zero value ""
// means "no currency".
type Currency string

// Currencies that hosts of the SDK use most. Any other code in the table works the
// same way, e.g. Currency("PLN").
const (
	DKK Currency = "DKK" // Danish krone, 2 minor units
	SEK Currency = "SEK" // Swedish krona, 2 minor units
	NOK Currency = "NOK" // Norwegian krone, 2 minor units
	EUR Currency = "EUR" // euro, 2 minor units
	USD Currency = "USD" // US dollar, 2 minor units
	GBP Currency = "GBP" // pound sterling, 2 minor units
	CHF Currency = "CHF" // Swiss franc, 2 minor units
	JPY Currency = "JPY" // yen, 0 minor units
)

// currencyInfo is one row of the generated table.
type currencyInfo struct {
	numeric int16  // ISO 4217 numeric code, e.g. 978
	digits  int8   // minor units, 0..4
	name    string // ISO 4217 English name, e.g. "Euro"
}

// ParseCurrency returns code as a Currency if it is exactly three upper-case letters
// and listed in the pinned ISO 4217 table with numeric minor units. Codes that ISO
// lists with minor units "N.A." (XAU, XDR, XXX ...) are rejected, because an amount
// in them has no defined precision. Lower-case codes are rejected rather than
// upper-cased: stored data should be canonical. The error is a *CurrencyError that
// wraps ErrUnknownCurrency.
func ParseCurrency(code string) (Currency, error) {
	c := Currency(code)
	if _, ok := lookupCurrency(c); ok {
		return c, nil
	}
	return "", currencyError(code)
}

// currencyError explains why code is not a usable currency.
func currencyError(code string) *CurrencyError {
	e := &CurrencyError{Code: code}
	switch {
	case code == "":
		e.Reason = "is missing"
	case !isAlphaCode(code):
		e.Reason = `is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`
	case noMinorUnits(Currency(code)):
		e.Reason = `has no minor unit in ISO 4217 ("N.A."), so it cannot hold an amount`
	default:
		e.Reason = "is not in ISO 4217 (list of " + ISO4217Published + ")"
	}
	return e
}

func isAlphaCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range 3 {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// Currencies returns a new slice with every currency of the pinned ISO 4217 table
// that has minor units, sorted by code.
func Currencies() []Currency { return currencyCodes() }

// IsKnown reports whether c is in the pinned ISO 4217 table with numeric minor
// units, i.e. whether amounts can be held in it.
func (c Currency) IsKnown() bool {
	_, ok := lookupCurrency(c)
	return ok
}

// MinorUnits returns the number of fraction digits of c from the pinned ISO 4217
// table (JPY 0, EUR 2, KWD 3, CLF 4) and true, or 0 and false for an unknown code.
func (c Currency) MinorUnits() (int32, bool) {
	info, ok := lookupCurrency(c)
	return int32(info.digits), ok
}

// Name returns the ISO 4217 English name of c, e.g. "Danish Krone", or "" for an
// unknown code.
func (c Currency) Name() string {
	info, _ := lookupCurrency(c)
	return info.name
}

// NumericCode returns the ISO 4217 numeric code of c, e.g. 208 for DKK, and true,
// or 0 and false for an unknown code. Print it with %03d: "008" is ALL.
func (c Currency) NumericCode() (int, bool) {
	info, ok := lookupCurrency(c)
	return int(info.numeric), ok
}

// String returns the code itself.
func (c Currency) String() string { return string(c) }

// MarshalText returns the code. It fails with a *CurrencyError for a code that is
// not known, so invalid data is not written.
func (c Currency) MarshalText() ([]byte, error) {
	if !c.IsKnown() {
		return nil, currencyError(string(c))
	}
	return []byte(c), nil
}

// UnmarshalText sets c to the code in text after checking it as ParseCurrency does.
func (c *Currency) UnmarshalText(text []byte) error {
	parsed, err := ParseCurrency(string(text))
	if err != nil {
		return err
	}
	*c = parsed
	return nil
}
