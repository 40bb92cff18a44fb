package letters

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// langFormat formats amounts of money in one language exactly as money.Format and
// money.FormatNumber do, without their per-call language matching and decimal string
// conversion: a letter formats some twenty amounts, and those two steps were a fifth
// of its rendering time. It is built once per Renderer (New), derived from money's
// own output rather than from a copy of its CLDR table, and only read afterwards.
// Anything it was not derived for — a negative amount, a currency outside
// fastCurrencies, an amount whose coefficient does not fit in an int64 — is passed to
// money unchanged, so the result never differs (a test checks both paths).
type langFormat struct {
	l lang
	// group and decimal are the separators of FormatNumber; ok is false when they
	// could not be derived (then every amount goes through money).
	group, decimal string
	ok             bool
	// affixes[i] is what Format puts before and after a non-negative amount in
	// fastCurrencies[i]; valid is false when it could not be derived.
	affixes [len(fastCurrencies)]affix
	// max[s] bounds the coefficients formatted here, per minor-unit scale s, and
	// rateMax[e] those of rates with exponent −e (decimal.Decimal.Cmp of equal
	// exponents compares coefficients without allocating).
	max     [5]decimal.Decimal
	rateMax [19]decimal.Decimal
}

type affix struct {
	prefix, suffix string
	valid          bool
}

// fastCurrencies are the currencies langFormat formats itself: those of the
// jurisdictions and the others money names.
var fastCurrencies = [...]money.Currency{money.DKK, money.SEK, money.NOK, money.EUR,
	money.USD, money.GBP, money.CHF, money.JPY}

// newLangFormat derives the separators and currency affixes of l from money's output.
func newLangFormat(l lang) *langFormat {
	f := &langFormat{l: l}
	for s := range f.max {
		f.max[s] = decimal.New(math.MaxInt64, -int32(s))
	}
	for e := range f.rateMax {
		f.rateMax[e] = decimal.New(math.MaxInt64, -int32(e))
	}
	tag := l.tag()
	// "1<g>234<g>567<d>89"
	n := money.MustNew("1234567.89", money.EUR).FormatNumber(tag)
	if rest, ok := strings.CutPrefix(n, "1"); ok {
		if i := strings.Index(rest, "234"); i > 0 {
			g := rest[:i]
			if after, ok := strings.CutPrefix(rest[i+3:], g+"567"); ok {
				if dec, ok := strings.CutSuffix(after, "89"); ok && dec != "" {
					f.group, f.decimal, f.ok = g, dec, true
				}
			}
		}
	}
	if !f.ok {
		return f
	}
	probes := []int64{0, 7, 5, 123456789, 98765, 100000}
	for i, c := range fastCurrencies {
		z := money.Zero(c)
		full, num := z.Format(tag), f.number(nil, z)
		at := strings.Index(full, string(num))
		if at < 0 || string(num) != z.FormatNumber(tag) {
			continue
		}
		a := affix{prefix: full[:at], suffix: full[at+len(num):], valid: true}
		for _, p := range probes {
			m, err := money.FromMinorUnits(p, c)
			if err != nil {
				a.valid = false
				break
			}
			got := a.prefix + string(f.number(nil, m)) + a.suffix
			if got != m.Format(tag) || string(f.number(nil, m)) != m.FormatNumber(tag) {
				a.valid = false
			}
		}
		f.affixes[i] = a
	}
	return f
}

// fast reports whether m can be formatted without money, and its coefficient.
func (f *langFormat) fast(m money.Money) (uint64, int, bool) {
	if !f.ok || !m.IsValid() {
		return 0, 0, false
	}
	scale, _ := m.Currency().MinorUnits()
	a := m.Amount()
	if scale < 0 || int(scale) >= len(f.max) || a.Exponent() != -scale || a.Sign() < 0 ||
		a.Cmp(f.max[scale]) > 0 {
		return 0, 0, false
	}
	return uint64(a.CoefficientInt64()), int(scale), true
}

// number appends the digits of the non-negative m, which fast accepted, grouped.
func (f *langFormat) number(dst []byte, m money.Money) []byte {
	c, scale, _ := f.fast(m)
	return f.appendDigits(dst, c, scale)
}

func (f *langFormat) appendDigits(dst []byte, c uint64, scale int) []byte {
	var buf [24]byte
	ds := strconv.AppendUint(buf[:0], c, 10)
	if len(ds) < scale+1 { // 5 cents: "005" → "0,05"
		var pad [24]byte
		n := scale + 1 - len(ds)
		for i := range n {
			pad[i] = '0'
		}
		copy(pad[n:], ds)
		ds = pad[:scale+1]
	}
	intPart, frac := ds[:len(ds)-scale], ds[len(ds)-scale:]
	head := len(intPart) % 3
	if head == 0 {
		head = 3
	}
	dst = append(dst, intPart[:head]...)
	for i := head; i < len(intPart); i += 3 {
		dst = append(dst, f.group...)
		dst = append(dst, intPart[i:i+3]...)
	}
	if scale > 0 {
		dst = append(dst, f.decimal...)
		dst = append(dst, frac...)
	}
	return dst
}

func (f *langFormat) affixOf(c money.Currency) (affix, bool) {
	for i, fc := range fastCurrencies {
		if fc == c {
			return f.affixes[i], f.affixes[i].valid
		}
	}
	return affix{}, false
}

// appendMoney appends m as money.Format writes it in f's language.
func (f *langFormat) appendMoney(dst []byte, m money.Money) []byte {
	if c, scale, ok := f.fast(m); ok {
		if a, ok := f.affixOf(m.Currency()); ok {
			dst = append(dst, a.prefix...)
			dst = f.appendDigits(dst, c, scale)
			return append(dst, a.suffix...)
		}
	}
	return append(dst, m.Format(f.l.tag())...)
}

// appendAmount appends m as money.FormatNumber writes it in f's language.
func (f *langFormat) appendAmount(dst []byte, m money.Money) []byte {
	if c, scale, ok := f.fast(m); ok {
		return f.appendDigits(dst, c, scale)
	}
	return append(dst, m.FormatNumber(f.l.tag())...)
}

// formatMoney is money.Format in f's language: "1.234,50 kr.", "€ 1.234,50".
func (f *langFormat) formatMoney(m money.Money) string {
	var buf [48]byte
	return string(f.appendMoney(buf[:0], m))
}

// formatAmount is money.FormatNumber in f's language: "1.234,50".
func (f *langFormat) formatAmount(m money.Money) string {
	var buf [48]byte
	return string(f.appendAmount(buf[:0], m))
}

// formatRate is lang.formatRate: "10,25 %" (da sv nb de fi), "10,25%" (nl), "10.25%"
// (en), at least two decimals and more when the rate has them.
func (f *langFormat) formatRate(r decimal.Decimal) string {
	var buf [48]byte
	return string(f.appendRate(buf[:0], r))
}

// appendRate appends formatRate(r). It writes the digits of a non-negative rate
// whose coefficient fits in an int64 itself and passes any other to lang.formatRate.
func (f *langFormat) appendRate(b []byte, r decimal.Decimal) []byte {
	e := -int(r.Exponent())
	if e < 0 || e >= len(f.rateMax) || r.Sign() < 0 || r.Cmp(f.rateMax[e]) > 0 {
		return append(b, f.l.formatRate(r)...)
	}
	var buf [24]byte
	ds := strconv.AppendUint(buf[:0], uint64(r.CoefficientInt64()), 10)
	if len(ds) < e+1 { // 0.05: "5" → "005"
		var pad [24]byte
		n := e + 1 - len(ds)
		for i := range n {
			pad[i] = '0'
		}
		copy(pad[n:], ds)
		ds = pad[:e+1]
	}
	intPart, frac := ds[:len(ds)-e], ds[len(ds)-e:]
	k := len(frac) // the decimals without trailing zeros
	for k > 0 && frac[k-1] == '0' {
		k--
	}
	b = append(b, intPart...)
	if f.l == langEN {
		b = append(b, '.')
	} else {
		b = append(b, ',')
	}
	b = append(b, frac[:k]...)
	b = appendRepeat(b, '0', 2-k)
	switch f.l {
	case langEN, langNL:
		return append(b, '%')
	}
	return append(b, "\u00a0%"...)
}

// htmlSpecial marks the bytes appendEscaped replaces. Read-only.
var htmlSpecial = [256]bool{'&': true, '\'': true, '<': true, '>': true, '"': true}

// appendEscaped appends s escaped as html.EscapeString escapes it (& ' < > ").
func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if !htmlSpecial[s[i]] {
			continue
		}
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default: // '"'
			esc = "&#34;"
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// appendSpaces appends n spaces.
func appendSpaces(dst []byte, n int) []byte {
	const spaces = "                                                                "
	for n > len(spaces) {
		dst = append(dst, spaces...)
		n -= len(spaces)
	}
	if n > 0 {
		dst = append(dst, spaces[:n]...)
	}
	return dst
}

// appendRepeat appends n copies of the byte c.
func appendRepeat(dst []byte, c byte, n int) []byte {
	if n <= 0 {
		return dst
	}
	dst = slices.Grow(dst, n)
	for range n {
		dst = append(dst, c)
	}
	return dst
}

// width is the number of characters a cell takes in a plain-text column.
func width(s string) int { return utf8.RuneCountInString(s) }
