package letters

import (
	"strconv"
	"strings"
	"time"

	"github.com/dunning-go/dunning/date"
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
	for i, t := range langTags { // the matcher gives each of them itself
		if tag == t {
			return lang(i)
		}
	}
	return matchSlow(m, tag)
}

func matchSlow(m language.Matcher, tag language.Tag) lang {
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
	var buf [48]byte
	return string(l.appendDate(buf[:0], d))
}

// appendDate appends formatDate(d).
func (l lang) appendDate(b []byte, d date.Date) []byte {
	if d.IsZero() {
		return b
	}
	y, m, day := d.YMD()
	v := &vocabularies[l]
	switch l {
	case langDA, langNB:
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, ". "...)
		b = append(b, v.Months[m-1]...)
		b = append(b, ' ')
	case langDE:
		b = appendPad2(b, day)
		b = append(b, '.')
		b = appendPad2(b, int(m))
		b = append(b, '.')
	case langFI:
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, '.')
	default: // en sv nl
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, ' ')
		b = append(b, v.Months[m-1]...)
		b = append(b, ' ')
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// formatShortDate writes d as tables and forms show it:
//
//	da 31-01-2025   sv 2025-01-31   nb 31.01.2025   de 31.01.2025
//	nl 31-01-2025   fi 31.1.2025    en 31 Jan 2025
func (l lang) formatShortDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	if l == langSV {
		return d.String()
	}
	var buf [32]byte
	return string(l.appendShortDate(buf[:0], d))
}

// appendShortDate appends formatShortDate(d).
func (l lang) appendShortDate(b []byte, d date.Date) []byte {
	if d.IsZero() {
		return b
	}
	y, m, day := d.YMD()
	switch l {
	case langDA, langNL:
		b = appendPad2(b, day)
		b = append(b, '-')
		b = appendPad2(b, int(m))
		b = append(b, '-')
	case langSV:
		return append(b, d.String()...)
	case langNB, langDE:
		b = appendPad2(b, day)
		b = append(b, '.')
		b = appendPad2(b, int(m))
		b = append(b, '.')
	case langFI:
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, '.')
	default:
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, ' ')
		b = append(b, time.Month(m).String()[:3]...)
		b = append(b, ' ')
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// appendPad2 appends n with at least two digits.
func appendPad2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
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

// plural returns n with the noun in the form the language's plural rules (CLDR,
// through x/text) pick: "1 dag", "14 dage", "1 päivä", "14 päivää".
func (l lang) plural(n int, forms [2]string) string {
	f := forms[1]
	if plural.Cardinal.MatchPlural(l.tag(), n, 0, 0, 0, 0) == plural.One {
		f = forms[0]
	}
	return strconv.Itoa(n) + " " + f
}
