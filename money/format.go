package money

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// nbsp is U+00A0 NO-BREAK SPACE, which CLDR puts between an amount and its symbol
// and, in sv, nb and fi, between digit groups.
const nbsp = "\u00a0"

// symbolPlacement is where the currency symbol goes relative to the number.
type symbolPlacement uint8

const (
	symbolAfter        symbolPlacement = iota // "-1.234,50 €" (da, sv, nb, de, fi)
	symbolBeforeSpaced                        // "€ -1.234,50" (nl)
	symbolBeforeTight                         // "-€1,234.50", "-DKK 1,234.50" (en)
)

// currencySymbol is the symbol CLDR gives a currency in one locale.
type currencySymbol struct {
	currency Currency
	symbol   string
}

// localeFormat is how one language writes an amount of money, from CLDR (checked
// against ICU 78.2 / CLDR 48 in format_test.go).
type localeFormat struct {
	tag       language.Tag
	group     string // digit-group separator
	decimal   string // decimal separator
	minus     string // minus sign
	placement symbolPlacement
	symbols   []currencySymbol // others are shown by their ISO code
}

// localeFormats is the table Format reads; index 0 (English) is the fallback. It is
// read-only: nothing in the package writes it.
var localeFormats = [...]localeFormat{
	{
		tag: language.English, group: ",", decimal: ".", minus: "-", placement: symbolBeforeTight,
		symbols: []currencySymbol{{EUR, "€"}, {USD, "$"}, {GBP, "£"}, {JPY, "¥"}},
	},
	{
		tag: language.Danish, group: ".", decimal: ",", minus: "-", placement: symbolAfter,
		symbols: []currencySymbol{{DKK, "kr."}, {EUR, "€"}, {USD, "US$"}, {GBP, "£"}, {JPY, "JP¥"}},
	},
	{
		tag: language.Swedish, group: nbsp, decimal: ",", minus: "\u2212", placement: symbolAfter,
		symbols: []currencySymbol{{SEK, "kr"}, {DKK, "Dkr"}, {NOK, "Nkr"}, {EUR, "€"}, {USD, "US$"}},
	},
	{
		tag: language.MustParse("nb"), group: nbsp, decimal: ",", minus: "\u2212", placement: symbolAfter,
		symbols: []currencySymbol{{NOK, "kr"}, {EUR, "€"}, {GBP, "£"}},
	},
	{
		tag: language.German, group: ".", decimal: ",", minus: "-", placement: symbolAfter,
		symbols: []currencySymbol{{EUR, "€"}, {USD, "$"}, {GBP, "£"}, {JPY, "¥"}},
	},
	{
		tag: language.Dutch, group: ".", decimal: ",", minus: "-", placement: symbolBeforeSpaced,
		symbols: []currencySymbol{{EUR, "€"}, {USD, "US$"}, {GBP, "£"}, {JPY, "JP¥"}},
	},
	{
		tag: language.Finnish, group: nbsp, decimal: ",", minus: "\u2212", placement: symbolAfter,
		symbols: []currencySymbol{{EUR, "€"}, {USD, "$"}, {GBP, "£"}, {JPY, "¥"}},
	},
}

// formatMatcher picks the closest of localeFormats for a requested language. It is
// built once and only read (language.Matcher.Match does not modify it).
var formatMatcher = language.NewMatcher(formatTags())

func formatTags() []language.Tag {
	tags := make([]language.Tag, len(localeFormats))
	for i := range localeFormats {
		tags[i] = localeFormats[i].tag
	}
	return tags
}

// localeFor returns the format for the closest supported language: da, sv, nb, de,
// nl, fi or en. Norwegian ("no", "nn") gets nb; any other language gets en.
func localeFor(tag language.Tag) *localeFormat {
	_, i, conf := formatMatcher.Match(tag)
	if conf == language.No {
		i = 0
	}
	return &localeFormats[i]
}

func (f *localeFormat) symbol(c Currency) string {
	for _, s := range f.symbols {
		if s.currency == c {
			return s.symbol
		}
	}
	return string(c)
}

// Format returns m as people who read the language of tag write amounts of money,
// following CLDR for da, sv, nb, de, nl, fi and en (other languages get en; no and
// nn get nb):
//
//	da  1.234,50 kr.   -1.234,50 €
//	sv  1 234,50 kr    −1 234,50 €      (digit groups: U+00A0; minus: U+2212)
//	nb  1 234,50 kr    −1 234,50 €
//	de  1.234,50 €     -1.234,50 €
//	nl  € 1.234,50     € -1.234,50
//	fi  1 234,50 €     −1 234,50 €
//	en  €1,234.50      -€1,234.50      DKK 1,234.50
//
// The space between number and symbol is U+00A0 NO-BREAK SPACE, so a line never
// breaks inside an amount. The symbol is CLDR's for DKK, SEK, NOK, EUR, USD, GBP and
// JPY in that language ("kr." for DKK in da, "kr" for SEK in sv and NOK in nb, "€"
// everywhere); any other currency is shown by its ISO code where the symbol goes.
// The number always has the currency's ISO 4217 minor units (1.000 KWD, 1000 JPY),
// even where CLDR would show fewer (IQD), because an amount is never shown more
// coarsely than it is. Digits come from the exact decimal, never from a float, so
// 12345678901234567.89 prints in full. Money{} and amounts in an unknown currency
// are formatted as String does.
func (m Money) Format(tag language.Tag) string {
	if !m.IsValid() {
		return m.String()
	}
	f := localeFor(tag)
	number, neg := f.number(m)
	sym := f.symbol(m.currency)
	minus := ""
	if neg {
		minus = f.minus
	}
	var b strings.Builder
	b.Grow(len(number) + len(sym) + 8)
	switch f.placement {
	case symbolBeforeSpaced:
		b.WriteString(sym)
		b.WriteString(nbsp)
		b.WriteString(minus)
		b.WriteString(number)
	case symbolBeforeTight:
		b.WriteString(minus)
		b.WriteString(sym)
		// CLDR currency spacing: a symbol ending in a letter ("DKK") is kept
		// apart from the digits; "€", "$" and "£" are not.
		if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
			b.WriteString(nbsp)
		}
		b.WriteString(number)
	default:
		b.WriteString(minus)
		b.WriteString(number)
		b.WriteString(nbsp)
		b.WriteString(sym)
	}
	return b.String()
}

// FormatNumber returns the amount of m as Format writes it, without the currency
// symbol and with the language's minus sign: "1.234,50" (da, de, nl), "−1 234,50"
// (sv, nb, fi), "1,234.50" (en). It suits tables whose column header names the
// currency.
func (m Money) FormatNumber(tag language.Tag) string {
	if !m.IsValid() {
		return m.String()
	}
	f := localeFor(tag)
	number, neg := f.number(m)
	if neg {
		return f.minus + number
	}
	return number
}

// number returns |m| with the locale's digit grouping and decimal separator, and
// whether m is negative.
func (f *localeFormat) number(m Money) (string, bool) {
	s := string(m.appendAmount(nil)) // "-1234.50": exact digits
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + len(intPart)/3*len(f.group) + len(f.decimal))
	head := len(intPart) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(intPart[:head])
	for i := head; i < len(intPart); i += 3 {
		b.WriteString(f.group)
		b.WriteString(intPart[i : i+3])
	}
	if hasFrac {
		b.WriteString(f.decimal)
		b.WriteString(frac)
	}
	return b.String(), neg
}
