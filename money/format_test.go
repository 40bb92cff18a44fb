package money_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/dunning-go/dunning/money"
)

// Expected strings use "_" for U+00A0 NO-BREAK SPACE and "−" for U+2212 MINUS SIGN
// (replaced before comparing) so that the table is readable.
//
// Every expectation below was checked against CLDR 48 through ICU 78.2 (Node.js
// 20.20.2, Intl.NumberFormat with style "currency" and the amount passed as a string
// so that no float is involved), e.g.
//
//	node -e 'console.log(new Intl.NumberFormat("sv",{style:"currency",currency:"SEK"}).format("-1234.5"))'
//
// The tests do not run node; ICU's output was copied here. The one deliberate
// difference from ICU is marked: we show ISO 4217's minor units where CLDR shows
// fewer digits.
func TestFormat(t *testing.T) {
	tests := []struct {
		lang   string
		amount string
		c      money.Currency
		want   string
	}{
		// da
		{"da", "1234.50", money.DKK, "1.234,50_kr."},
		{"da", "-1234.50", money.DKK, "-1.234,50_kr."},
		{"da", "1234.50", money.EUR, "1.234,50_€"},
		{"da", "0", money.DKK, "0,00_kr."},
		{"da", "0.50", money.EUR, "0,50_€"},
		{"da", "1234.50", money.SEK, "1.234,50_SEK"},
		{"da", "1234.50", money.USD, "1.234,50_US$"},
		{"da", "1234", money.JPY, "1.234_JP¥"},
		{"da", "12345678901234567.89", money.DKK, "12.345.678.901.234.567,89_kr."},
		// sv
		{"sv", "1234.50", money.SEK, "1_234,50_kr"},
		{"sv", "-1234.50", money.SEK, "−1_234,50_kr"},
		{"sv", "1234.50", money.EUR, "1_234,50_€"},
		{"sv", "1234.50", money.DKK, "1_234,50_Dkr"},
		{"sv", "1234.50", money.NOK, "1_234,50_Nkr"},
		{"sv", "1234.50", money.GBP, "1_234,50_GBP"},
		{"sv", "-12345678901234567.89", money.SEK, "−12_345_678_901_234_567,89_kr"},
		{"sv", "-1234.5678", clf, "−1_234,5678_CLF"},
		// nb
		{"nb", "1234.50", money.NOK, "1_234,50_kr"},
		{"nb", "-1234.50", money.NOK, "−1_234,50_kr"},
		{"nb", "-1000000", money.NOK, "−1_000_000,00_kr"},
		{"nb", "1234.50", money.EUR, "1_234,50_€"},
		{"nb", "1234.50", money.USD, "1_234,50_USD"},
		{"nb", "1234.50", money.DKK, "1_234,50_DKK"},
		// de
		{"de", "1234.50", money.EUR, "1.234,50_€"},
		{"de", "-1234.50", money.EUR, "-1.234,50_€"},
		{"de", "100", money.EUR, "100,00_€"},
		{"de", "1234.50", money.USD, "1.234,50_$"},
		{"de", "1234.50", money.CHF, "1.234,50_CHF"},
		{"de", "-1234.567", kwd, "-1.234,567_KWD"},
		// nl
		{"nl", "1234.50", money.EUR, "€_1.234,50"},
		{"nl", "-1234.50", money.EUR, "€_-1.234,50"},
		{"nl", "-0.01", money.EUR, "€_-0,01"},
		{"nl", "-1234.50", money.DKK, "DKK_-1.234,50"},
		{"nl", "1234.50", money.USD, "US$_1.234,50"},
		// fi
		{"fi", "1234.50", money.EUR, "1_234,50_€"},
		{"fi", "-1234.50", money.EUR, "−1_234,50_€"},
		{"fi", "-999.99", money.EUR, "−999,99_€"},
		{"fi", "1234", money.JPY, "1_234_¥"},
		// en
		{"en", "1234.50", money.EUR, "€1,234.50"},
		{"en", "-1234.50", money.EUR, "-€1,234.50"},
		{"en", "1234.50", money.DKK, "DKK_1,234.50"},
		{"en", "-1234.50", money.DKK, "-DKK_1,234.50"},
		{"en", "1234.50", money.USD, "$1,234.50"},
		{"en", "1234.50", money.GBP, "£1,234.50"},
		{"en", "999", money.CHF, "CHF_999.00"},
		{"en", "-1234", money.JPY, "-¥1,234"},
		{"en", "1234.567", kwd, "KWD_1,234.567"},
		{"en", "1234.5678", clf, "CLF_1,234.5678"},
		{"en", "-12345678901234567.89", money.EUR, "-€12,345,678,901,234,567.89"},
		// ISO digits where CLDR has fewer (ICU shows "IQD 1,235" by default; with 3
		// digits forced it shows this).
		{"en", "1234.567", money.Currency("IQD"), "IQD_1,234.567"},
		// Language matching: regional variants use their language's format, no and
		// nn use nb, anything else en.
		{"da-DK", "-1234.50", money.DKK, "-1.234,50_kr."},
		{"sv-FI", "-1234.50", money.EUR, "−1_234,50_€"},
		{"no", "-1234.50", money.NOK, "−1_234,50_kr"},
		{"nn", "-1234.50", money.NOK, "−1_234,50_kr"},
		{"nb-NO", "1234.50", money.NOK, "1_234,50_kr"},
		{"en-GB", "-1234.50", money.GBP, "-£1,234.50"},
		{"de-AT", "1234.50", money.EUR, "1.234,50_€"},
		{"nl-BE", "1234.50", money.EUR, "€_1.234,50"},
		{"fr", "-1234.50", money.EUR, "-€1,234.50"},
		{"ja", "1234", money.JPY, "¥1,234"},
		{"und", "1234.50", money.EUR, "€1,234.50"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.amount+" "+string(tt.c), func(t *testing.T) {
			want := strings.NewReplacer("_", "\u00a0", "−", "\u2212").Replace(tt.want)
			got := money.MustNew(tt.amount, tt.c).Format(language.MustParse(tt.lang))
			require.Equal(t, want, got)
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		lang, amount string
		c            money.Currency
		want         string
	}{
		{"da", "-1234.50", money.DKK, "-1.234,50"},
		{"sv", "-1234.50", money.SEK, "\u22121\u00a0234,50"},
		{"en", "1234567.891", kwd, "1,234,567.891"},
		{"nl", "-5", money.JPY, "-5"},
		{"fi", "0", money.EUR, "0,00"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, money.MustNew(tt.amount, tt.c).FormatNumber(language.MustParse(tt.lang)))
	}
}

func TestFormatDigitGrouping(t *testing.T) {
	// Every length of integer part, to catch off-by-one errors in grouping.
	want := []string{"1", "12", "123", "1,234", "12,345", "123,456", "1,234,567", "12,345,678", "123,456,789", "1,234,567,890"}
	for i, w := range want {
		m := money.MustNew(strings.ReplaceAll(w, ",", ""), money.JPY)
		require.Equal(t, "¥"+w, m.Format(language.English))
		require.Equal(t, "-¥"+w, m.Neg().Format(language.English), "length %d", i+1)
	}
}

func TestFormatInvalid(t *testing.T) {
	require.Equal(t, "0", money.Money{}.Format(language.Danish))
	require.Equal(t, "0 EUX", money.Zero("EUX").Format(language.Danish))
	require.Equal(t, "0", money.Money{}.FormatNumber(language.Danish))
}
