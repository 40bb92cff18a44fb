package letters

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
	"pgregory.net/rapid"
)

// The renderer's fast paths must give exactly what the general code they replace
// gives: these properties compare each with that code.

// TestFastMoneyFormatIsMoneyFormat: langFormat formats every amount as money.Format
// and money.FormatNumber do, in every language, for the currencies it knows, others,
// negative amounts and amounts beyond an int64 of minor units.
func TestFastMoneyFormatIsMoneyFormat(t *testing.T) {
	var formats [numLangs]*langFormat
	for l := range numLangs {
		formats[l] = newLangFormat(l)
		if !formats[l].ok {
			t.Fatalf("%s: separators not derived", langDirs[l])
		}
		for i, a := range formats[l].affixes {
			if !a.valid {
				t.Errorf("%s: no affixes for %s", langDirs[l], fastCurrencies[i])
			}
		}
	}
	currencies := append([]money.Currency{"KWD", "CLF", "PLN", "ISK", "BHD"}, fastCurrencies[:]...)
	rapid.Check(t, func(t *rapid.T) {
		l := lang(rapid.IntRange(0, int(numLangs)-1).Draw(t, "lang"))
		c := rapid.SampledFrom(currencies).Draw(t, "currency")
		digits := rapid.StringMatching(`-?[0-9]{1,24}`).Draw(t, "digits")
		scale, _ := c.MinorUnits()
		d := decimal.RequireFromString(digits).Shift(-scale)
		m, err := money.FromDecimal(d, c, money.PolicyFor(c, money.HalfEven))
		if err != nil {
			t.Skip(err)
		}
		f := formats[l]
		if got, want := f.formatMoney(m), m.Format(l.tag()); got != want {
			t.Fatalf("formatMoney(%s) = %q, want %q", m, got, want)
		}
		if got, want := f.formatAmount(m), m.FormatNumber(l.tag()); got != want {
			t.Fatalf("formatAmount(%s) = %q, want %q", m, got, want)
		}
	})
	for l := range numLangs {
		if got, want := formats[l].formatMoney(money.Money{}), (money.Money{}).Format(l.tag()); got != want {
			t.Errorf("%s: formatMoney(Money{}) = %q, want %q", langDirs[l], got, want)
		}
	}
}

// TestFastRateIsFormatRate: langFormat.formatRate is lang.formatRate.
func TestFastRateIsFormatRate(t *testing.T) {
	var formats [numLangs]*langFormat
	for l := range numLangs {
		formats[l] = newLangFormat(l)
	}
	rapid.Check(t, func(t *rapid.T) {
		l := lang(rapid.IntRange(0, int(numLangs)-1).Draw(t, "lang"))
		coef := rapid.StringMatching(`-?[0-9]{1,22}`).Draw(t, "coefficient")
		exp := rapid.IntRange(-22, 3).Draw(t, "exponent")
		// keep the drawn exponent, trailing zeros included
		r := decimal.NewFromBigInt(decimal.RequireFromString(coef).BigInt(), int32(exp))
		if got, want := formats[l].formatRate(r), l.formatRate(r); got != want {
			t.Fatalf("formatRate(%s, exp %d) = %q, want %q", r, r.Exponent(), got, want)
		}
	})
}

// TestMatchFastPath: the exact-tag shortcut gives what the matcher gives.
func TestMatchFastPath(t *testing.T) {
	m := newMatcher()
	for i, tag := range langTags {
		if got, want := match(m, tag), matchSlow(m, tag); got != want || got != lang(i) {
			t.Errorf("match(%s) = %d, matcher %d, want %d", tag, got, want, i)
		}
	}
	for _, s := range []string{"no", "nn", "da-DK", "en-US", "fr", "sv-FI", "de-AT", "und"} {
		tag := language.MustParse(s)
		if got, want := match(m, tag), matchSlow(m, tag); got != want {
			t.Errorf("match(%s) = %d, matcher %d", s, got, want)
		}
	}
}

// gsmSeptetsRef is the definition gsmSeptets implements.
func gsmSeptetsRef(r rune) int {
	switch {
	case strings.ContainsRune(gsmBasic, r):
		return 1
	case strings.ContainsRune(gsmExtension, r):
		return 2
	}
	return 0
}

// TestGSMSeptetsTable: the switch is the alphabet, for every rune.
func TestGSMSeptetsTable(t *testing.T) {
	for r := rune(-1); r <= utf8.MaxRune+1; r++ {
		if got, want := gsmSeptets(r), gsmSeptetsRef(r); got != want {
			t.Fatalf("gsmSeptets(%U) = %d, want %d", r, got, want)
		}
	}
}

// smsNormalizeRef is the mapping appendSMS applies before collapsing white space.
func smsNormalizeRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\u00a0', '\u202f', '\u2009':
			b.WriteByte(' ')
		case '\u2212', '\u2013', '\u2014':
			b.WriteByte('-')
		case '\u2018', '\u2019':
			b.WriteByte('\'')
		case '\u201c', '\u201d', '\u201e':
			b.WriteByte('"')
		case '\u2026':
			b.WriteString("...")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// textish draws strings rich in what the one-pass helpers treat specially.
func textish() *rapid.Generator[string] {
	parts := []string{" ", "  ", "\n", "\n\n", "\t", "\r", "\u00a0", "\u202f", "\u2009", "\u2003",
		"\u2212", "\u2013", "\u2018", "\u201e", "\u2026", "kr", "kr.", "kr..", ".", "k", "r", "æøå",
		"€", "a", "word", "<", ">", "&", "'", `"`, "\xff", "\xe2\x82", "é", "x"}
	return rapid.Custom(func(t *rapid.T) string {
		n := rapid.IntRange(0, 60).Draw(t, "n")
		var b strings.Builder
		for range n {
			b.WriteString(rapid.SampledFrom(parts).Draw(t, "part"))
		}
		return b.String()
	})
}

// TestOnePassHelpers: appendSMS, appendFields, fixAbbrevBytes, appendEscaped and
// runeCount equal the standard-library compositions they replace.
func TestOnePassHelpers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := textish().Draw(t, "s")
		if got, want := string(appendSMS(nil, []byte(s))), strings.Join(strings.Fields(smsNormalizeRef(s)), " "); got != want {
			t.Fatalf("appendSMS(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendFields([]byte("x"), []byte(s))), "x"+strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("appendFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(fixAbbrevBytes([]byte(s))), fixAbbrev(s); got != want {
			t.Fatalf("fixAbbrevBytes(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendEscaped(nil, s)), html.EscapeString(s); got != want {
			t.Fatalf("appendEscaped(%q) = %q, want %q", s, got, want)
		}
		if got, want := runeCount([]byte(s)), utf8.RuneCountInString(s); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", s, got, want)
		}
		// Any bytes, invalid UTF-8 included, in runs longer than the eight bytes
		// runeCount takes at once.
		b := rapid.SliceOfN(rapid.SampledFrom([]byte("ab \xc3\xa6\xe2\x82\xac\x80\xff")), 0, 64).Draw(t, "b")
		if got, want := runeCount(b), utf8.RuneCount(b); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", b, got, want)
		}
	})
}

// TestSegmentCountAllocates nothing.
func TestSegmentCountAllocates(t *testing.T) {
	text := strings.Repeat("Betal 1.234,50 kr. senest 17-03-2025 € ", 8)
	if n := testing.AllocsPerRun(100, func() { SegmentCount(text) }); n != 0 {
		t.Errorf("SegmentCount allocates %v times", n)
	}
}

// appendNormalizedRef is appendNormalized as it was written first: each line
// trimmed with bytes.TrimRight and wrapped word by word, appending each word.
func appendNormalizedRef(dst, s []byte) []byte {
	start := len(dst)
	blank := true
	pending := false
	for {
		ln, rest, found := cutLine(s)
		ln = bytes.TrimRight(ln, " \t\r")
		if len(ln) == 0 {
			if !blank {
				pending = true
			}
			blank = true
		} else {
			if pending {
				dst = append(dst, '\n')
				pending = false
			}
			blank = false
			dst = appendWrappedRef(dst, ln, 76)
		}
		if !found {
			break
		}
		s = rest
	}
	for len(dst) > start && dst[len(dst)-1] == '\n' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

func appendWrappedRef(dst, ln []byte, max int) []byte {
	if len(ln) <= max || utf8.RuneCount(ln) <= max || strings.Contains(strings.TrimLeft(string(ln), " "), "  ") {
		dst = append(dst, ln...)
		return append(dst, '\n')
	}
	col := 0
	for i := 0; ; i++ {
		w := ln
		j := bytes.IndexByte(ln, ' ')
		if j >= 0 {
			w, ln = ln[:j], ln[j+1:]
		}
		n := utf8.RuneCount(w)
		if i > 0 {
			if col+1+n > max {
				dst = append(dst, '\n')
				col = 0
			} else {
				dst = append(dst, ' ')
				col++
			}
		}
		dst = append(dst, w...)
		col += n
		if j < 0 {
			break
		}
	}
	return append(dst, '\n')
}

// TestNormalizedSameAsReference: appendNormalized, which copies a line once and
// makes the spaces it breaks at newlines in place, writes what wrapping word by
// word writes, for prose, tables, indentation, long words and invalid UTF-8.
func TestNormalizedSameAsReference(t *testing.T) {
	parts := []string{" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r", "\u00a0", "æøå", "€",
		"a", "word", "betalingen", "Rykkergebyr", strings.Repeat("x", 80), "\xff", "\xe2\x82", "\x80", "é", "–"}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 300).Draw(t, "n")
		var b strings.Builder
		for range n {
			b.WriteString(rapid.SampledFrom(parts).Draw(t, "part"))
		}
		s := b.String()
		if got, want := string(appendNormalized([]byte("x\n"), []byte(s))), string(appendNormalizedRef([]byte("x\n"), []byte(s))); got != want {
			t.Fatalf("appendNormalized(%q):\n got %q\nwant %q", s, got, want)
		}
	})
	for _, name := range []string{"reminder.da.txt.golden", "demand-letter.de.txt.golden"} {
		g, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		// The golden letters with their lines joined into paragraphs.
		s := strings.ReplaceAll(string(g), ".\n", ". ")
		if got, want := string(appendNormalized(nil, []byte(s))), string(appendNormalizedRef(nil, []byte(s))); got != want {
			t.Errorf("%s: appendNormalized differs from the reference:\n got %q\nwant %q", name, got, want)
		}
	}
}
