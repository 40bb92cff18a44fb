package letters

import (
	"strconv"
	"strings"
	"time"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// lang is one of the seven languages letters are written in.
type lang uint8

const (
	langEN lang = iota // the fallback
	langDA
	langSV
	langNB
	langDE
	langNL
	langFI
	numLangs
)

// langTags is indexed by lang; the directory of a language's templates is its tag's
// string ("nb" for Norwegian Bokmål).
var langTags = [numLangs]language.Tag{
	language.English, language.Danish, language.Swedish, language.MustParse("nb"),
	language.German, language.Dutch, language.Finnish,
}

// langDirs are the template directories, indexed by lang.
var langDirs = [numLangs]string{"en", "da", "sv", "nb", "de", "nl", "fi"}

// Languages returns the languages letters are written in: en, da, sv, nb, de, nl,
// fi. Render matches any requested language against them.
func Languages() []language.Tag { return langTags[:] }

// newMatcher builds the matcher Render uses: "no" and "nn" match Norwegian Bokmål,
// regional variants match their language, and anything else falls back to English.
func newMatcher() language.Matcher { return language.NewMatcher(langTags[:]) }

func match(m language.Matcher, tag language.Tag) lang {
	_, i, conf := m.Match(tag)
	if conf == language.No {
		return langEN
	}
	return lang(i)
}

func (l lang) tag() language.Tag { return langTags[l] }

// formatDate writes d in the register a creditor uses in running text:
//
//	da 31. januar 2025   sv 31 januari 2025   nb 31. januar 2025   de 31.01.2025
//	nl 31 januari 2025   fi 31.1.2025         en 31 January 2025
func (l lang) formatDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	v := &vocabularies[l]
	switch l {
	case langDA, langNB:
		return strconv.Itoa(day) + ". " + v.Months[m-1] + " " + strconv.Itoa(y)
	case langDE:
		return pad2(day) + "." + pad2(int(m)) + "." + strconv.Itoa(y)
	case langFI:
		return strconv.Itoa(day) + "." + strconv.Itoa(int(m)) + "." + strconv.Itoa(y)
	default: // en sv nl
		return strconv.Itoa(day) + " " + v.Months[m-1] + " " + strconv.Itoa(y)
	}
}

// formatShortDate writes d as tables and forms show it:
//
//	da 31-01-2025   sv 2025-01-31   nb 31.01.2025   de 31.01.2025
//	nl 31-01-2025   fi 31.1.2025    en 31 Jan 2025
func (l lang) formatShortDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	switch l {
	case langDA, langNL:
		return pad2(day) + "-" + pad2(int(m)) + "-" + strconv.Itoa(y)
	case langSV:
		return d.String()
	case langNB, langDE:
		return pad2(day) + "." + pad2(int(m)) + "." + strconv.Itoa(y)
	case langFI:
		return strconv.Itoa(day) + "." + strconv.Itoa(int(m)) + "." + strconv.Itoa(y)
	default:
		return strconv.Itoa(day) + " " + time.Month(m).String()[:3] + " " + strconv.Itoa(y)
	}
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// formatRate writes an annual rate given in percent: "10,25 %" (da sv nb de fi),
// "10,25%" (nl), "10.25%" (en). At least two decimals are shown, more when the rate
// has them; the digits come from the exact decimal.
func (l lang) formatRate(r decimal.Decimal) string {
	places := int32(2)
	if e := -r.Exponent(); e > 2 {
		// keep significant digits beyond the second decimal, without trailing zeros
		s := strings.TrimRight(r.StringFixed(e), "0")
		if i := strings.IndexByte(s, '.'); i >= 0 && int32(len(s)-i-1) > places {
			places = int32(len(s) - i - 1)
		}
	}
	s := r.StringFixed(places)
	switch l {
	case langEN:
		return s + "%"
	case langNL:
		return strings.Replace(s, ".", ",", 1) + "%"
	default:
		return strings.Replace(s, ".", ",", 1) + "\u00a0%"
	}
}

// formatMoney and formatAmount use money's own locale table (never x/text's number
// formatting, which goes through float64).
func (l lang) formatMoney(m money.Money) string  { return m.Format(l.tag()) }
func (l lang) formatAmount(m money.Money) string { return m.FormatNumber(l.tag()) }

// plural returns n with the noun in the form the language's plural rules (CLDR,
// through x/text) pick: "1 dag", "14 dage", "1 päivä", "14 päivää".
func (l lang) plural(n int, forms [2]string) string {
	f := forms[1]
	if plural.Cardinal.MatchPlural(l.tag(), n, 0, 0, 0, 0) == plural.One {
		f = forms[0]
	}
	return strconv.Itoa(n) + " " + f
}
