package money_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/money"
)

// The minor units the SDK depends on, from ISO 4217 (not CLDR, which says 0 for
// IQD, RSD and ALL).
func TestMinorUnitsMandatory(t *testing.T) {
	want := map[money.Currency]int32{
		"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0,
		"KWD": 3, "BHD": 3, "TND": 3, "JOD": 3, "OMR": 3, "LYD": 3, "IQD": 3,
		"CLF": 4, "UYW": 4,
		"RSD": 2, "ALL": 2,
		"EUR": 2, "DKK": 2, "SEK": 2, "NOK": 2, "USD": 2, "GBP": 2, "CHF": 2,
		"XCG": 2, "ZWG": 2, "SLE": 2, "VED": 2, "VES": 2,
	}
	for c, digits := range want {
		got, ok := c.MinorUnits()
		require.True(t, ok, "%s must be known", c)
		require.Equal(t, digits, got, "minor units of %s", c)
	}
}

func TestISO4217Published(t *testing.T) {
	require.Equal(t, "2026-01-01", money.ISO4217Published)
}

func TestCurrencyConstants(t *testing.T) {
	for _, c := range []money.Currency{money.DKK, money.SEK, money.NOK, money.EUR, money.USD, money.GBP, money.CHF, money.JPY} {
		require.True(t, c.IsKnown(), "%s", c)
	}
}

func TestParseCurrency(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{in: "EUR"},
		{in: "DKK"},
		{in: "XCG"},
		{in: "CLF"},
		{in: "", wantErr: `money: currency "" is missing`},
		{in: "eur", wantErr: `money: currency "eur" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`},
		{in: "EURO", wantErr: `money: currency "EURO" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`},
		{in: " EUR", wantErr: `money: currency " EUR" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`},
		{in: "€", wantErr: `money: currency "€" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`},
		{in: "EUX", wantErr: `money: currency "EUX" is not in ISO 4217 (list of 2026-01-01)`},
		{in: "ANG", wantErr: `money: currency "ANG" is not in ISO 4217 (list of 2026-01-01)`}, // replaced by XCG
		{in: "HRK", wantErr: `money: currency "HRK" is not in ISO 4217 (list of 2026-01-01)`},
		{in: "BGN", wantErr: `money: currency "BGN" is not in ISO 4217 (list of 2026-01-01)`},
		{in: "XAU", wantErr: `money: currency "XAU" has no minor unit in ISO 4217 ("N.A."), so it cannot hold an amount`},
		{in: "XXX", wantErr: `money: currency "XXX" has no minor unit in ISO 4217 ("N.A."), so it cannot hold an amount`},
		{in: "XDR", wantErr: `money: currency "XDR" has no minor unit in ISO 4217 ("N.A."), so it cannot hold an amount`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := money.ParseCurrency(tt.in)
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, money.Currency(tt.in), c)
				require.True(t, c.IsKnown())
				return
			}
			require.EqualError(t, err, tt.wantErr)
			require.ErrorIs(t, err, money.ErrUnknownCurrency)
			var ce *money.CurrencyError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.in, ce.Code)
			require.Equal(t, money.Currency(""), c)
			require.False(t, money.Currency(tt.in).IsKnown())
			_, ok := money.Currency(tt.in).MinorUnits()
			require.False(t, ok)
		})
	}
}

func TestCurrencyNameAndNumeric(t *testing.T) {
	require.Equal(t, "Danish Krone", money.DKK.Name())
	require.Equal(t, "Caribbean Guilder", money.Currency("XCG").Name())
	require.Equal(t, "Comorian Franc", money.Currency("KMF").Name()) // trailing space trimmed
	require.Equal(t, "", money.Currency("XAU").Name())

	n, ok := money.Currency("ALL").NumericCode()
	require.True(t, ok)
	require.Equal(t, 8, n)
	n, ok = money.EUR.NumericCode()
	require.True(t, ok)
	require.Equal(t, 978, n)
	_, ok = money.Currency("EUX").NumericCode()
	require.False(t, ok)
	require.Equal(t, "EUR", money.EUR.String())
}

func TestCurrenciesSortedAndKnown(t *testing.T) {
	all := money.Currencies()
	require.Len(t, all, 165) // 178 codes in List One minus 13 with "N.A." minor units
	for i, c := range all {
		require.True(t, c.IsKnown(), "%s", c)
		if i > 0 {
			require.Less(t, string(all[i-1]), string(c))
		}
	}
	all[0] = "ZZZ" // a fresh slice: changing it changes nothing
	require.Equal(t, money.Currency("AED"), money.Currencies()[0])
}

func TestCurrencyText(t *testing.T) {
	b, err := money.DKK.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "DKK", string(b))

	_, err = money.Currency("dkk").MarshalText()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = money.Currency("").MarshalText()
	require.ErrorIs(t, err, money.ErrUnknownCurrency)

	var c money.Currency
	require.NoError(t, c.UnmarshalText([]byte("SEK")))
	require.Equal(t, money.SEK, c)
	require.ErrorIs(t, c.UnmarshalText([]byte("SEKK")), money.ErrUnknownCurrency)
	require.Equal(t, money.SEK, c, "failed unmarshal leaves the value unchanged")

	// As a JSON string and a map key.
	var v struct {
		C money.Currency         `json:"c"`
		M map[money.Currency]int `json:"m"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"c":"NOK","m":{"EUR":1}}`), &v))
	require.Equal(t, money.NOK, v.C)
	require.Equal(t, 1, v.M[money.EUR])
	require.Error(t, json.Unmarshal([]byte(`{"c":"nok"}`), &v))
}

// TestTableMatchesListOne reads the committed transcription of ISO 4217 List One with
// a parser independent of the generator and checks the generated table against every
// row. (internal/gen/iso4217 checks that currency_table.go is byte-for-byte what the
// generator writes.)
func TestTableMatchesListOne(t *testing.T) {
	f, err := os.Open("../internal/gen/iso4217/list_one.tsv")
	require.NoError(t, err)
	defer f.Close()

	rows, na := 0, 0
	published := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if d, ok := strings.CutPrefix(line, "# published: "); ok {
			published = d
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		require.Len(t, fields, 4, "row %q", line)
		c := money.Currency(fields[0])
		rows++
		if fields[2] == "N.A." {
			na++
			require.False(t, c.IsKnown(), "%s has N.A. minor units and must not be usable", c)
			_, err := money.ParseCurrency(string(c))
			require.ErrorIs(t, err, money.ErrUnknownCurrency)
			continue
		}
		digits, err := strconv.Atoi(fields[2])
		require.NoError(t, err)
		got, ok := c.MinorUnits()
		require.True(t, ok, "%s", c)
		require.Equal(t, int32(digits), got, "%s", c)
		numeric, _ := strconv.Atoi(fields[1])
		gotNumeric, _ := c.NumericCode()
		require.Equal(t, numeric, gotNumeric, "%s", c)
		require.Equal(t, fields[3], c.Name(), "%s", c)
	}
	require.NoError(t, sc.Err())
	require.Equal(t, money.ISO4217Published, published)
	require.Equal(t, 178, rows, "List One of 2026-01-01 has 178 codes")
	require.Equal(t, 13, na)
	require.Len(t, money.Currencies(), rows-na)
}

func TestCurrencyErrorTypes(t *testing.T) {
	_, err := money.New("1", "EUX")
	var ce *money.CurrencyError
	require.True(t, errors.As(err, &ce))
	require.Equal(t, "EUX", ce.Code)
	require.False(t, errors.Is(err, money.ErrInvalidAmount))
}
